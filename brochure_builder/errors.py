"""One error type for everything a user can get wrong.

Every problem names the file and the place inside it, so the CLI can print
one line per problem and exit without a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass

# Exit codes shared by every command.
EXIT_OK = 0
EXIT_FAILED = 1  # a job failed or was refused; the input itself was readable
EXIT_USAGE = 2  # bad arguments, bad configuration or invalid content


@dataclass(frozen=True)
class Problem:
    """One problem in one file: `file: place: message`."""

    file: str
    message: str
    place: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.place}: {self.message}" if self.place else f"{where}: {self.message}"


class BrochureError(Exception):
    """Raised with every problem found, so the user sees them all at once."""

    def __init__(self, problems: list[Problem] | Problem | str, exit_code: int = EXIT_USAGE):
        if isinstance(problems, (Problem, str)):
            problems = [problems]
        self.problems = list(problems)
        self.exit_code = exit_code
        super().__init__("\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


@dataclass(frozen=True)
class Finding:
    """What `check` reports: a problem that refuses printing ("error") or only deserves attention ("warning")."""

    level: str  # "error" or "warning"
    problem: Problem

    def __str__(self) -> str:
        return str(self.problem)
