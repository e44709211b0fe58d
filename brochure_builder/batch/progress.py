"""What a batch tells the person running it: progress while it runs, a summary at the end.

On a terminal: a progress bar (rich). Otherwise (CI, logs): one plain line per
finished job, written as it finishes (not when a buffer fills), so whoever reads
the log, or stops the run, sees where it is. Either way the run ends with a table of built, up to date,
refused and failed outputs, and the reason for each refusal or failure.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TextIO

from ..pipeline import Result

STATUSES = ("built", "up to date", "refused", "failed")


class PlainReport:
    def __init__(self, out: TextIO, err: TextIO):
        self.out, self.err = out, err
        self.counts: Counter = Counter()
        self.problems: list[Result] = []

    def start(self, to_run: int, up_to_date: int) -> None:
        self.counts["up to date"] = up_to_date
        if up_to_date:
            print(f"{up_to_date} up to date, {to_run} to build", file=self.out)

    def finished(self, result: Result) -> None:
        self.counts[result.status] += 1
        if result.ok:
            print(f"built {shown_path(result.job.path)}", file=self.out, flush=True)
            for line in result.messages:
                print(f"note: {line}", file=self.out, flush=True)
        else:
            self.problems.append(result)
            for line in result.messages:
                print(f"{'refused' if result.status == 'refused' else 'error'}: {line}", file=self.err, flush=True)

    def close(self) -> None:
        print(", ".join(f"{self.counts[status]} {status}" for status in STATUSES), file=self.out)


class TerminalReport(PlainReport):
    """The same report with a live progress bar and a summary table."""

    def __init__(self, out: TextIO, err: TextIO):
        super().__init__(out, err)
        from rich.console import Console  # noqa: PLC0415
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.console = Console(file=out)
        self.progress = Progress(TextColumn("[bold]building"), BarColumn(), MofNCompleteColumn(),
                                 TimeRemainingColumn(), TextColumn("{task.description}"), console=self.console,
                                 transient=True)
        self.task = None

    def start(self, to_run: int, up_to_date: int) -> None:
        self.counts["up to date"] = up_to_date
        self.progress.start()
        self.task = self.progress.add_task("", total=to_run)

    def finished(self, result: Result) -> None:
        self.counts[result.status] += 1
        if not result.ok or result.messages:
            self.problems.append(result)
        self.progress.update(self.task, advance=1, description=result.job.name)

    def close(self) -> None:
        from rich.table import Table  # noqa: PLC0415

        self.progress.stop()
        table = Table(title="Summary", show_header=True)
        table.add_column("result")
        table.add_column("outputs", justify="right")
        for status in STATUSES:
            table.add_row(status, str(self.counts[status]))
        self.console.print(table)
        from rich.text import Text  # noqa: PLC0415

        for result in self.problems:
            for line in result.messages:
                label = {"refused": ("refused", "yellow"), "built": ("note", "blue")}.get(result.status,
                                                                                         ("failed", "red"))
                self.console.print(Text.assemble(label, " ", line), highlight=False)
        super().close()


def report_for(out: TextIO, err: TextIO) -> PlainReport:
    return TerminalReport(out, err) if getattr(out, "isatty", lambda: False)() else PlainReport(out, err)


def shown_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
