"""Writing files so that a reader never sees half of one.

Data goes to a temporary file beside the target and is renamed over it only
when complete; on any failure the old file stays as it was.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Every temporary file this tool makes ends so: nothing else in a shared folder is mistaken for one.
TEMPORARY_SUFFIX = ".brochure-builder.tmp"


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def remove_stale_temporaries(folders: list[Path]) -> list[Path]:
    """This tool's temporary files left in `folders` (not below them) by a process killed mid-write.

    SIGKILL gives no chance to clean up. Only files with this tool's own suffix, in the folders it
    writes to, are removed: an output folder may be shared with other people and programs.
    """
    stale = [path for folder in dict.fromkeys(folders) if folder.is_dir()
             for path in folder.glob(f".*{TEMPORARY_SUFFIX}") if path.is_file() and not path.is_symlink()]
    for path in stale:
        path.unlink(missing_ok=True)
    return stale
