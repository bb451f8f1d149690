"""Generations of the store as manifests, and the pointer that names the current one.

    <store>/_current.json                 {"generation": 42, "manifest": "_manifests/000042.json"}
    <store>/_previous.json                the pointer before the last commit (a reader's fallback)
    <store>/_manifests/000042.json        every table's files with size, SHA-256, rows and notes
    <store>/data/<table>/part-000042-<random>.parquet

A generation names its files; a file unchanged since an earlier generation is named again, not
copied or linked, so a store needs no symbolic or hard links and a copy by any tool (cp -rL, zip,
a sync client) is a store. A store written before manifests (`_current -> _generations/N`, one
link per table) is read as a manifest of that generation's files (`legacy`), and the next commit
rewrites it in this layout (store/store.py: Store.commit).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from .errors import StoreDamaged
from .schema import COLUMNS, SCHEMA_VERSION

__all__ = ["StoreDamaged", "FileEntry", "Manifest", "current_manifest", "publish", "with_keys"]

POINTER = "_current.json"
PREVIOUS_POINTER = "_previous.json"
MANIFESTS = "_manifests"
DATA = "data"
FORMAT = "somnotes-store"
FORMAT_VERSION = 2  # 1: the layout of links (`_current`, `_generations`), read as `legacy`
LEGACY_CURRENT = "_current"
LEGACY_GENERATIONS = "_generations"
GENERATION_DIGITS = 6
TMP_SUFFIX = ".tmp"
HASH_CHUNK = 1 << 20
LEGACY_NUMBER = re.compile(r"\d+")
REPLACE_ATTEMPTS = 20
REPLACE_WAIT_S = 0.05  # a reader holds the pointer open for well under a millisecond


@dataclass
class FileEntry:
    """One Parquet file of a table: where it is (relative to the store), its size and SHA-256,
    its rows, and the notes (doc_ids) or, for errors, the source files its rows belong to."""

    path: str
    size: int | None = None
    sha256: str | None = None
    rows: int | None = None
    keys: list = field(default_factory=list)

    def as_json(self) -> dict:
        """The entry as the manifest holds it: its notes go to the keys file (`Manifest.keys_name`)."""
        return {"path": self.path, "size": self.size, "sha256": self.sha256, "rows": self.rows}


@dataclass
class Manifest:
    """One generation: each table's files. `legacy` for a generation of the layout of links."""

    generation: int
    tables: dict = field(default_factory=dict)  # table -> list[FileEntry]
    schema_version: int = SCHEMA_VERSION
    previous: int | None = None
    legacy: bool = False

    @property
    def name(self) -> str:
        return f"{MANIFESTS}/{self.generation:0{GENERATION_DIGITS}d}.json"

    @property
    def keys_name(self) -> str:
        """The file of each data file's notes: apart from the manifest, which every query reads,
        so that a query of a store of thousands of notes does not read their doc_ids."""
        return f"{MANIFESTS}/{self.generation:0{GENERATION_DIGITS}d}.keys.json"

    def entries(self, table: str) -> list[FileEntry]:
        return self.tables.get(table, [])

    def paths(self, root: Path, table: str) -> list[Path]:
        """Given the store's folder, the table's files as paths."""
        return [root / entry.path for entry in self.entries(table)]

    def as_json(self) -> dict:
        return {"format": FORMAT, "format_version": FORMAT_VERSION, "schema_version": self.schema_version,
                "generation": self.generation, "previous": self.previous,
                "tables": {name: [e.as_json() for e in files] for name, files in self.tables.items()}}

    @classmethod
    def from_json(cls, data: dict) -> Manifest:
        if data.get("format") != FORMAT:
            raise ValueError("not a somnotes manifest")
        tables = {name: [FileEntry(**entry) for entry in files] for name, files in data["tables"].items()}
        return cls(generation=int(data["generation"]), tables=tables, schema_version=int(data["schema_version"]),
                   previous=data.get("previous"))


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to a file beside `path`, flush it to disk, then put it in place in one rename.
    Windows refuses to replace a file another process has open (a reader of the pointer, for a
    moment): the rename is tried again a few times before the error stands."""
    tmp = path.with_name(path.name + TMP_SUFFIX)
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            os.replace(tmp, path)
            return
        except PermissionError:
            if attempt == REPLACE_ATTEMPTS - 1:
                raise
            time.sleep(REPLACE_WAIT_S)


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries (a rename) to disk, where the OS allows it (not on Windows)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def read_json(path: Path) -> dict | None:
    """A JSON file's object, or None when it is missing or not whole (a fault mid-write)."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def read_manifest(root: Path, name: str) -> Manifest | None:
    """The manifest at `name` (relative to the store), or None when missing or unreadable."""
    data = read_json(root / name)
    try:
        return Manifest.from_json(data) if data else None
    except (KeyError, TypeError, ValueError):
        return None


def pointed(root: Path, pointer: str) -> Manifest | None:
    """The manifest a pointer file names, or None when either is missing or unreadable."""
    data = read_json(root / pointer)
    if not data or not isinstance(data.get("manifest"), str):
        return None
    return read_manifest(root, data["manifest"])


def current_manifest(root: Path) -> Manifest | None:
    """The current generation: the pointer's manifest, else the previous pointer's (a rename the
    filesystem did not finish), else the newest readable manifest (both pointers lost: a store
    must never read as empty while its manifests are there, or its next commit would start
    afresh), else a store in the layout of links; None where there is no store."""
    return (pointed(root, POINTER) or pointed(root, PREVIOUS_POINTER) or newest_manifest(root)
            or legacy_manifest(root))


def newest_manifest(root: Path) -> Manifest | None:
    """The readable manifest of the highest generation in `_manifests/`, if any."""
    names = sorted((p.name for p in (root / MANIFESTS).glob("*.json") if LEGACY_NUMBER.fullmatch(p.stem)),
                   reverse=True) if (root / MANIFESTS).is_dir() else []
    for name in names:
        manifest = read_manifest(root, f"{MANIFESTS}/{name}")
        if manifest is not None:
            return manifest
    return None


def previous_manifest(root: Path, current: Manifest) -> Manifest | None:
    """The generation before `current`, if its manifest is still there."""
    if current.previous is None or current.legacy:
        return None
    return read_manifest(root, f"{MANIFESTS}/{current.previous:0{GENERATION_DIGITS}d}.json")


def legacy_manifest(root: Path) -> Manifest | None:
    """A store in the layout of links (`_current -> _generations/N`, as written before manifests,
    or a copy of one with the links followed) as a manifest of its current generation's files."""
    current = root / LEGACY_CURRENT
    if not current.is_dir():
        return None
    target = Path(os.readlink(current)).name if current.is_symlink() else ""
    if not LEGACY_NUMBER.fullmatch(target):  # a copy that followed the link: the highest generation
        numbers = [p.name for p in (root / LEGACY_GENERATIONS).glob("*") if LEGACY_NUMBER.fullmatch(p.name)]
        target = max(numbers, key=int, default="0")
    tables = {name: [FileEntry(path=f"{LEGACY_CURRENT}/{name}/{p.name}")
                     for p in sorted((current / name).glob("*.parquet"))] for name in COLUMNS}
    return Manifest(generation=int(target), tables=tables, previous=None, legacy=True)


def with_keys(root: Path, manifest: Manifest) -> Manifest:
    """Given a manifest read from disk, fill in each file's notes from its keys file."""
    keys = read_json(root / manifest.keys_name) or {}
    for files in manifest.tables.values():
        for entry in files:
            entry.keys = keys.get(entry.path, entry.keys)
    return manifest


def publish(root: Path, manifest: Manifest, base: Manifest | None) -> None:
    """Make `manifest` the current generation: write it, keep the pointer to `base` as the
    previous pointer, then replace the pointer in one rename (the commit point)."""
    (root / MANIFESTS).mkdir(parents=True, exist_ok=True)
    keys = {e.path: e.keys for files in manifest.tables.values() for e in files}
    write_atomically(root / manifest.keys_name, json.dumps(keys).encode())
    write_atomically(root / manifest.name, json.dumps(manifest.as_json(), indent=1).encode())
    fsync_dir(root / MANIFESTS)
    if base is not None and not base.legacy:
        write_atomically(root / PREVIOUS_POINTER, pointer_json(base))
    write_atomically(root / POINTER, pointer_json(manifest))
    fsync_dir(root)


def pointer_json(manifest: Manifest) -> bytes:
    return json.dumps({"format": FORMAT, "generation": manifest.generation, "manifest": manifest.name}).encode()
