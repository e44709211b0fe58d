"""The workspace's build button: the `build` command itself, run for one job.

The build runs as its own process (`python -m brochure_builder build ...`), so
the PDF comes from exactly the command staff run: the same refusals, the same
worker, the same atomic write, manifest and staff index, the same lock on the
output folder. The server only reads what it printed and where the PDF is.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from ..pipeline import Job


@dataclass(frozen=True)
class Built:
    command: tuple[str, ...]  # as it could be typed, for the page to show
    exit_code: int
    lines: tuple[str, ...]  # what the build printed, standard output then standard error
    pdf: Path | None  # the PDF, when the build made it (or found it up to date)


def build_command(root: Path, out_dir: Path, job: Job, allow_incomplete: bool, allow_overdue: bool,
                  today: dt.date | None) -> list[str]:
    args = ["build", "--root", str(root), "--out", str(out_dir), "--brochure", job.brochure_id, "--lang", job.lang,
            *(["--clinic", job.clinic_id] if job.clinic_id else ["--unbranded"]), "--jobs", "1"]
    args += ["--allow-incomplete"] * allow_incomplete + ["--allow-overdue"] * allow_overdue
    return args + (["--today", today.isoformat()] if today else [])


async def build(root: Path, out_dir: Path, job: Job, allow_incomplete: bool = False, allow_overdue: bool = False,
                today: dt.date | None = None) -> Built:
    args = build_command(root, out_dir, job, allow_incomplete, allow_overdue, today)
    process = await asyncio.create_subprocess_exec(sys.executable, "-m", "brochure_builder", *args,
                                                   stdin=asyncio.subprocess.DEVNULL,
                                                   stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await process.communicate()
    lines = [line for text in (out, err) for line in text.decode("utf-8", "replace").splitlines() if line.strip()]
    made = process.returncode == 0 and job.path.is_file()
    return Built(("make_brochure.py", *args), process.returncode, tuple(lines), job.path if made else None)
