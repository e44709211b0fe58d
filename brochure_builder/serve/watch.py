"""Changes to the content folder, told to every open page: the reason previews reload by themselves.

One watcher (watchfiles) follows the folders a leaflet is made from. Each
change ends the current snapshot and raises the generation; every page's event
stream (server-sent events) is then told the new generation, and the page
fetches what it shows again. The output folder is never watched, so a build
does not reload anything.
"""
from __future__ import annotations

import asyncio
from pathlib import Path
from typing import AsyncIterator, Callable

CONTENT_FOLDERS = ("brochures", "locales", "clinics", "templates", "fonts")
CONTENT_FILES = ("readability.yaml",)


class Changes:
    """The generation of the content, and the pages waiting to hear that it changed."""

    def __init__(self) -> None:
        self.generation = 0
        self._waiting: set[asyncio.Queue] = set()
        self.closed = False

    def changed(self) -> None:
        self.generation += 1
        for queue in self._waiting:
            queue.put_nowait(self.generation)

    def close(self) -> None:
        """The server is stopping: every stream ends."""
        self.closed = True
        for queue in self._waiting:
            queue.put_nowait(None)

    async def stream(self) -> AsyncIterator[int]:
        """The current generation at once, then each new one; ends when the server stops."""
        queue: asyncio.Queue = asyncio.Queue()
        self._waiting.add(queue)
        try:
            yield self.generation
            while not self.closed:
                generation = await queue.get()
                if generation is None:
                    return
                yield generation
        finally:
            self._waiting.discard(queue)


def watched(root: Path, out_dir: Path) -> tuple[list[Path], Callable[[object, str], bool]]:
    """The paths to watch, and a filter that keeps the output folder and editors' scratch files out."""
    paths = [root / name for name in CONTENT_FOLDERS if (root / name).is_dir()]
    paths += [root / name for name in CONTENT_FILES if (root / name).is_file()]

    def relevant(change: object, path: str) -> bool:
        where = Path(path)
        if where.is_relative_to(out_dir) or "__pycache__" in where.parts:
            return False
        name = where.name
        return not (name.startswith((".", "#")) or name.endswith(("~", ".swp", ".tmp")))

    return paths, relevant


async def watch(root: Path, out_dir: Path, changes: Changes, stop: asyncio.Event,
                on_change: Callable[[], None]) -> None:
    """Call `on_change`, then tell `changes`, each time a content file changes, until `stop` is set."""
    from watchfiles import awatch  # noqa: PLC0415 - only the server needs it

    paths, relevant = watched(root, out_dir)
    if not paths:
        return
    async for _ in awatch(*paths, watch_filter=relevant, stop_event=stop, debounce=400, step=30):
        on_change()
        changes.changed()
