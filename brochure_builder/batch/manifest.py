"""What shaped each output, so an unchanged job is skipped without rendering.

Every output's entry in `out/manifest.sqlite` records a hash per input: the
leaflet file, the catalog entries the leaflet really uses in that language,
templates and stylesheets, fonts, the clinic file with its logo and fonts,
the build options, and the versions of the tool and its renderer. A job whose
hashes all match and whose PDF is still there is up to date.

The file is an SQLite database (Python's own `sqlite3`), so a batch adds the
entries of the PDFs it has just written in one small transaction instead of
rewriting every entry: a save costs the same with 50 or 50,000 outputs. It is
one file with a plain rollback journal: a build killed mid-save leaves the last
committed state. It is only ever created whole (built beside it, then renamed
into place), and what it holds is checked before it is believed: a file of
another shape, a corrupt one or a symlink is never written through, never
crashes the tool, and means "build everything again". The JSON manifest of
earlier versions is still read, and its entries move into the database at the
next build.
"""
from __future__ import annotations

import json
import os
import sqlite3
import stat
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Iterator

from ..atomic import TEMPORARY_SUFFIX

MANIFEST = "manifest.sqlite"
LEGACY_MANIFEST = "manifest.json"  # written by earlier versions: read once, then kept in MANIFEST
LEGACY_FORMAT = 2  # the JSON manifest that can be read: it says which PDFs are drafts, and the clinic's name
FORMAT_VERSION = 2  # PRAGMA user_version
APPLICATION_ID = 0x4C45_4146  # PRAGMA application_id: "LEAF", so another program's database is not taken for ours
SCHEMA = (
    "CREATE TABLE outputs (path TEXT PRIMARY KEY, input_hash TEXT NOT NULL, inputs TEXT NOT NULL, "
    "size INTEGER NOT NULL, leaflet TEXT NOT NULL, lang TEXT NOT NULL, clinic TEXT, profile TEXT NOT NULL, "
    "format TEXT NOT NULL, large_print INTEGER NOT NULL, title TEXT NOT NULL, title_lang TEXT NOT NULL, "
    "version TEXT NOT NULL, reviewed TEXT NOT NULL, review_due TEXT NOT NULL, draft INTEGER NOT NULL, "
    "clinic_name TEXT, clinic_name_lang TEXT) STRICT",
    "CREATE TABLE messages (shape TEXT PRIMARY KEY, msgids TEXT NOT NULL) STRICT",
)


@dataclass
class Entry:
    input_hash: str
    inputs: dict[str, str]
    size: int
    leaflet: str
    lang: str
    clinic: str | None
    profile: str
    format: str
    large_print: bool
    title: str
    title_lang: str  # the language the title is printed in: the source language when it is not translated
    version: str
    reviewed: str
    review_due: str
    draft: bool  # printed with English where the translation is missing (--allow-incomplete)
    clinic_name: str | None  # as the clinic's file named it when the PDF was built; None: unbranded
    clinic_name_lang: str | None  # the language of that name: the clinic's default language


COLUMNS = tuple(f.name for f in fields(Entry))
_OPTIONAL = (str, type(None))
_TYPES = {"input_hash": str, "inputs": dict, "size": int, "leaflet": str, "lang": str, "clinic": _OPTIONAL,
          "profile": str, "format": str, "large_print": bool, "title": str, "title_lang": str, "version": str,
          "reviewed": str, "review_due": str, "draft": bool, "clinic_name": _OPTIONAL, "clinic_name_lang": _OPTIONAL}


def entry_from(values: dict) -> Entry | None:
    """An entry from stored values, or None when any is missing or of the wrong type."""
    if set(values) != set(COLUMNS) or not all(isinstance(values[k], t) for k, t in _TYPES.items()):
        return None
    if isinstance(values["size"], bool) or not all(isinstance(k, str) and isinstance(v, str)
                                                  for k, v in values["inputs"].items()):
        return None
    return Entry(**values)


def usable_key(key) -> bool:
    """An output path relative to the folder, leading nowhere outside it."""
    if not isinstance(key, str) or not key or "\\" in key:
        return False
    path = PurePosixPath(key)
    return not path.is_absolute() and ".." not in path.parts and path.as_posix() == key


class Unreadable(Exception):
    """A manifest file this version cannot trust: its reason."""


@dataclass
class Manifest:
    folder: Path  # resolved
    # Which messages a leaflet looks up, by a hash of what decides it: an up-to-date run needs no template.
    messages: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # one line each, for the person building
    _current: dict[str, tuple[str, int]] = field(default_factory=dict, repr=False)  # key -> (input hash, size)
    _pending: dict[str, Entry] = field(default_factory=dict, repr=False)  # recorded, not yet saved
    _stored_messages: set[str] = field(default_factory=set, repr=False)
    _stored: bool = field(default=False, repr=False)  # MANIFEST exists and was read: save adds to it
    _connection: sqlite3.Connection | None = field(default=None, repr=False)

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        manifest = cls(folder.resolve())
        path = manifest.path
        if path.is_symlink() or path.exists():
            try:
                manifest._current, manifest.messages = _read(path)
                manifest._stored_messages = set(manifest.messages)
                manifest._stored = True
            except Unreadable as reason:
                manifest.notes.append(f"{path}: {reason}; every output is built again and the file replaced")
        elif (folder / LEGACY_MANIFEST).is_file():
            manifest._migrate(folder / LEGACY_MANIFEST)
        return manifest

    @property
    def path(self) -> Path:
        return self.folder / MANIFEST

    def key(self, output: Path) -> str:
        """The output's path relative to the folder (`output` lies below it)."""
        return output.relative_to(self.folder).as_posix()

    def is_current(self, output: Path, input_hash: str) -> bool:
        known = self._current.get(self.key(output))
        if known is None or known[0] != input_hash:
            return False
        try:
            found = os.stat(output)
        except OSError:
            return False
        return stat.S_ISREG(found.st_mode) and found.st_size == known[1]

    def record(self, output: Path, entry: Entry) -> None:
        key = self.key(output)
        self._pending[key] = entry
        self._current[key] = (entry.input_hash, entry.size)

    def save(self) -> None:
        """Write what was recorded since the last save, and the messages if they changed: one transaction."""
        messages_changed = set(self.messages) != self._stored_messages
        if self._stored and not self._pending and not messages_changed:
            return
        if not self._stored:
            self._create()
        else:
            connection = self._writer()
            with connection:
                _write(connection, self._pending, self.messages if messages_changed else None)
        self._pending.clear()
        self._stored_messages = set(self.messages)

    def entries(self) -> dict[str, Entry]:
        """Every entry: those saved (each checked) and those recorded since."""
        found = {}
        if self._stored:
            try:
                with _reading(self.path) as connection:
                    for key, *values in connection.execute(f"SELECT path, {', '.join(COLUMNS)} FROM outputs"):
                        if usable_key(key) and (entry := _stored_entry(values)):
                            found[key] = entry
            except (sqlite3.Error, Unreadable):
                pass  # read and checked at load: only a change behind this build's back gets here
        found.update(self._pending)
        return found

    def present(self) -> dict[str, Entry]:
        """Entries whose PDF still exists."""
        return {key: entry for key, entry in self.entries().items() if (self.folder / key).is_file()}

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _migrate(self, legacy: Path) -> None:
        try:
            data = json.loads(legacy.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or not isinstance(data.get("outputs"), dict):
                raise ValueError
        except (OSError, ValueError):
            self.notes.append(f"{legacy}: not a manifest this version can read; every output is built again")
            return
        if data.get("format") != LEGACY_FORMAT:
            # format 1 did not say which PDFs were drafts: read, it could list a draft as ready to print
            self.notes.append(f"{legacy}: the manifest of an older version; every output is built again")
            return
        for key, values in data["outputs"].items():
            entry = entry_from(values) if isinstance(values, dict) and usable_key(key) else None
            if entry is not None:
                self._pending[key] = entry
                self._current[key] = (entry.input_hash, entry.size)
        messages = data.get("messages")
        if isinstance(messages, dict):
            self.messages = {k: v for k, v in messages.items() if _msgids(v) is not None}
        self.notes.append(f"{legacy}: the manifest of an earlier version, read; the next build keeps it in "
                          f"{MANIFEST} and no longer reads this file")

    def _create(self) -> None:
        """A new database holding everything known, built beside the old file and renamed over it."""
        self.close()
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=f".{MANIFEST}.", suffix=TEMPORARY_SUFFIX)
        os.close(handle)
        try:
            connection = sqlite3.connect(temporary)
            try:
                connection.execute("PRAGMA journal_mode=OFF")  # nobody sees this file until it is complete
                with connection:
                    for statement in SCHEMA:
                        connection.execute(statement)
                    connection.execute(f"PRAGMA application_id={APPLICATION_ID}")
                    connection.execute(f"PRAGMA user_version={FORMAT_VERSION}")
                    _write(connection, self._pending, self.messages)
            finally:
                connection.close()
            with open(temporary, "rb") as written:
                os.fsync(written.fileno())
            os.chmod(temporary, 0o644)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self._stored = True

    def _writer(self) -> sqlite3.Connection:
        if self._connection is None:
            self._connection = sqlite3.connect(self.path, timeout=30)
            self._connection.execute("PRAGMA trusted_schema=OFF")
            self._connection.execute("PRAGMA journal_mode=DELETE")
        return self._connection


def _write(connection: sqlite3.Connection, entries: dict[str, Entry], messages: dict[str, list[str]] | None) -> None:
    placeholders = ", ".join("?" * (len(COLUMNS) + 1))
    connection.executemany(
        f"INSERT OR REPLACE INTO outputs (path, {', '.join(COLUMNS)}) VALUES ({placeholders})",
        [(key, *(_stored_value(name, getattr(entry, name)) for name in COLUMNS)) for key, entry in entries.items()])
    if messages is not None:  # the shapes this run met, as the run before kept those it met
        connection.execute("DELETE FROM messages")
        connection.executemany("INSERT INTO messages (shape, msgids) VALUES (?, ?)",
                               [(shape, json.dumps(msgids, ensure_ascii=False)) for shape, msgids in messages.items()])


def _stored_entry(values: list) -> Entry | None:
    stored = dict(zip(COLUMNS, values, strict=True))
    stored["inputs"] = _json(stored["inputs"])
    for name in ("large_print", "draft"):
        flag = stored[name]
        stored[name] = (flag == 1) if type(flag) is int and flag in (0, 1) else None
    return entry_from(stored)


def _stored_value(name: str, value):
    if name == "inputs":
        return json.dumps(value, sort_keys=True)
    if name in ("large_print", "draft"):
        return int(value)
    return value


def _read(path: Path) -> tuple[dict[str, tuple[str, int]], dict[str, list[str]]]:
    """What decides "up to date" (input hash and size per output) and the messages per shape."""
    try:
        with _reading(path) as connection:
            current = {key: (input_hash, size) for key, input_hash, size in
                       connection.execute("SELECT path, input_hash, size FROM outputs")
                       if isinstance(key, str) and isinstance(input_hash, str) and type(size) is int}
            messages = {shape: found for shape, msgids in connection.execute("SELECT shape, msgids FROM messages")
                        if isinstance(shape, str) and (found := _msgids(_json(msgids))) is not None}
    except sqlite3.Error as error:
        raise Unreadable(f"not a manifest this version can read ({error})") from None
    return current, messages


@contextmanager
def _reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection to a manifest that was checked to be ours, closed on exit."""
    if path.is_symlink() or not path.is_file():
        raise Unreadable("not a file this version wrote")
    connection = sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True, timeout=30)
    try:
        connection.execute("PRAGMA trusted_schema=OFF")
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if application_id != APPLICATION_ID or version != FORMAT_VERSION:
            raise Unreadable("not a manifest this version wrote")
        if _schema(connection) != _expected_schema():
            raise Unreadable("a database of another shape")
        yield connection
    finally:
        connection.close()


def _schema(connection: sqlite3.Connection) -> list[tuple]:
    return sorted(connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"), key=repr)


@lru_cache(maxsize=1)
def _expected_schema() -> list[tuple]:
    connection = sqlite3.connect(":memory:")
    for statement in SCHEMA:
        connection.execute(statement)
    schema = _schema(connection)
    connection.close()
    return schema


def _json(text):
    try:
        return json.loads(text) if isinstance(text, str) else None
    except ValueError:
        return None


def _msgids(value) -> list[str] | None:
    return value if isinstance(value, list) and all(isinstance(item, str) for item in value) else None
