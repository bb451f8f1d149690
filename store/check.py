"""`somnotes check`: every file of the current generation against its manifest, and what a
repair can bring back from the generation before (re-reading notes from their source files is
ingest's: ingest/repair.py)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .manifest import (
    POINTER,
    FileEntry,
    Manifest,
    pointed,
    previous_manifest,
    publish,
    sha256_file,
    with_keys,
)
from .schema import COLUMNS, PER_DOCUMENT

if TYPE_CHECKING:
    import pyarrow as pa

    from .store import Store


@dataclass
class Damage:
    """A damaged file of a table: why, and the notes (doc_ids) or source files its rows hold."""

    table: str
    entry: FileEntry
    reason: str

    @property
    def keys(self) -> list[str]:
        return list(self.entry.keys)


@dataclass
class Report:
    """What `check` found: the generation read, its damaged files, and a pointer fault."""

    manifest: Manifest | None
    damaged: list = field(default_factory=list)  # Damage
    pointer_fault: str = ""  # the pointer could not be read: the previous one was used

    def __bool__(self) -> bool:
        return bool(self.damaged or self.pointer_fault)


def damage(root: Path, entry: FileEntry) -> str:
    """Given a manifest's entry, why its file is damaged ("" when it is whole): missing, another
    size, another SHA-256, or no readable Parquet footer."""
    import pyarrow.parquet as pq

    path = root / entry.path
    if not path.is_file():
        return "missing"
    size = path.stat().st_size
    if entry.size is not None and size != entry.size:
        return f"{size} bytes where the manifest says {entry.size}"
    if entry.sha256 is not None and sha256_file(path) != entry.sha256:
        return "its bytes differ from the manifest's SHA-256"
    try:
        pq.ParquetFile(path).close()
    except Exception as exc:  # pyarrow's errors for a bad footer are several (ArrowInvalid, OSError)
        return f"no readable Parquet footer ({str(exc).splitlines()[0]})"
    return ""


def check(store: Store) -> Report:
    """Every file of the current generation against its manifest."""
    manifest = store.snapshot()
    manifest = with_keys(store.root, manifest) if manifest else None
    report = Report(manifest)
    if manifest is None:
        return report
    if not manifest.legacy and pointed(store.root, POINTER) is None:
        report.pointer_fault = f"{store.root / POINTER} is unreadable; the generation before was read"
    for name in COLUMNS:
        for entry in manifest.entries(name):
            reason = damage(store.root, entry)
            if reason:
                report.damaged.append(Damage(name, entry, reason))
    unknown = [d for d in report.damaged if not d.entry.keys and d.entry.rows != 0]
    if unknown:  # a store written before manifests, or a lost keys file: any note may have rows there
        every = known_notes(store, manifest, {d.entry.path for d in report.damaged})
        for d in unknown:
            d.entry.keys = sorted(every[d.table == "errors"])
    return report


def known_notes(store: Store, manifest: Manifest, bad: set) -> tuple[set, set]:
    """Every note (doc_id) and every file in error (source_path) the whole files of the current
    generation and of the one before name: the rows a damaged file of unknown notes may hold."""
    notes: set = set()
    files: set = set()
    for generation in (manifest, previous_manifest(store.root, manifest)):
        for name in COLUMNS:
            rows = readable_rows(store, name, generation, bad)
            if rows is None or not rows.num_rows:
                continue
            column = "source_path" if name == "errors" else "doc_id"
            (files if name == "errors" else notes).update(v for v in rows[column].to_pylist() if v)
    return notes, files


def readable_rows(store: Store, name: str, manifest: Manifest | None, skip: set) -> pa.Table | None:
    """The rows of table `name` in `manifest`'s files that are whole (those in `skip` left out),
    or None when there is no such manifest."""
    import pyarrow.dataset as ds

    from . import schema as tables

    if manifest is None:
        return None
    paths = [store.root / e.path for e in manifest.entries(name)
             if e.path not in skip and not damage(store.root, e)]
    if not paths:
        return tables.TABLES[name].empty_table()
    return ds.dataset([str(p) for p in paths], format="parquet", schema=tables.TABLES[name]).to_table()


def restorable(store: Store, damaged: list[Damage]) -> tuple[dict, set]:
    """From the generation before the current one, the rows of the damaged files' notes (table ->
    rows), taken only for notes that generation read with the same parser; and the notes (or,
    for errors, source files) it holds none of."""
    import pyarrow as pa
    import pyarrow.compute as pc

    current = store.snapshot()
    before = previous_manifest(store.root, current) if current else None
    before = with_keys(store.root, before) if before else None
    bad = {d.entry.path for d in damaged}
    versions_now = version_of(readable_rows(store, "documents", current, bad))
    versions_then = version_of(readable_rows(store, "documents", before, bad))
    rows: dict = {}
    lost: set = set()
    for d in damaged:
        covered = {k for e in (before.entries(d.table) if before else []) if e.path not in bad for k in e.keys}
        if d.table in PER_DOCUMENT:
            covered = {k for k in covered if versions_then.get(k) and versions_then.get(k) == versions_now.get(k,
                       versions_then.get(k))}
        keys = set(d.keys) & covered
        lost |= set(d.keys) - keys
        old = readable_rows(store, d.table, before, bad)
        if keys and old is not None:
            column = "source_path" if d.table == "errors" else "doc_id"
            kept = old.filter(pc.is_in(old[column], pa.array(sorted(keys))))
            rows[d.table] = pa.concat_tables([rows[d.table], kept]) if d.table in rows else kept
    return rows, lost


def version_of(documents: pa.Table | None) -> dict:
    """doc_id -> parser_version of a documents table."""
    if documents is None:
        return {}
    return dict(zip(documents["doc_id"].to_pylist(), documents["parser_version"].to_pylist(), strict=False))


def repoint(store: Store, manifest: Manifest) -> None:
    """Write the pointer again for `manifest` (after a pointer found unreadable)."""
    publish(store.root, manifest, None)
