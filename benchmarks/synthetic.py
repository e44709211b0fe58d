"""A synthetic clinic group for the benchmarks: the demo content with many copies of its leaflets."""
from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def demo_copies(folder: Path, leaflets: int, clinics: bool = True) -> Path:
    """The demo content (with its clinics or without) and `leaflets` copies of the demo leaflets under new ids."""
    for name in ("templates", "fonts", "locales", *(("clinics",) if clinics else ())):
        shutil.copytree(REPO / name, folder / name)
    (folder / "brochures").mkdir()
    sources = sorted((REPO / "brochures").glob("*.yaml"))
    for index in range(leaflets):
        source = sources[index % len(sources)]
        new_id = f"{source.stem}-{index:04d}"
        text = source.read_text().replace(f"id: {source.stem}\n", f"id: {new_id}\n", 1)
        (folder / "brochures" / f"{new_id}.yaml").write_text(text)
    return folder
