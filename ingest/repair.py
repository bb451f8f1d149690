"""`somnotes check --repair`: a store's damaged files rebuilt from the generation before the
current one, else by reading their notes again from their source files (documents.source_path);
what neither brings back is said, not hidden."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..extract.options import ReadOptions
from ..store import column_roles
from ..store.check import Report, readable_rows, repoint, restorable
from ..store.manifest import previous_manifest
from ..store.schema import PER_DOCUMENT
from ..store.store import Batch, Store
from .worker import process_file


@dataclass
class Repair:
    """What a repair did: rows restored from the generation before (table -> their notes or
    files), notes read again from their files, and what could not be restored, with why."""

    restored: dict = field(default_factory=dict)
    reread: list = field(default_factory=list)  # source paths read again
    lost: list = field(default_factory=list)  # (note or file, why)
    generation: int | None = None


def source_paths(store: Store, bad: set) -> dict:
    """doc_id -> the source paths the store names for it, from the whole documents files of the
    current generation and of the one before."""
    current = store.snapshot()
    paths: dict = {}
    for manifest in (current, previous_manifest(store.root, current) if current else None):
        docs = readable_rows(store, "documents", manifest, bad)
        if docs is None:
            continue
        for doc_id, path in zip(docs["doc_id"].to_pylist(), docs["source_path"].to_pylist(), strict=False):
            paths.setdefault(doc_id, [])
            if path not in paths[doc_id]:
                paths[doc_id].append(path)
    return paths


def reread(store: Store, doc_ids: set, bad: set, result: Repair) -> Batch:
    """Read the notes `doc_ids` again from their source files, each only if its file still holds
    the same bytes (the same doc_id); the others go to `result.lost`."""
    batch = Batch()
    where = source_paths(store, bad)
    options = ReadOptions(roles=tuple(column_roles.load(store)))  # the wordings the store was taught
    for doc_id in sorted(doc_ids):
        found = False
        for path in where.get(doc_id, []):
            if not Path(path).is_file():
                continue
            rows = process_file(path, options)
            if any(d["doc_id"] == doc_id for d in rows.get("documents", [])):
                batch.add_file(rows)
                result.reread.append(path)
                found = True
        if not found:
            why = ("its source file is gone or changed: " + ", ".join(where[doc_id]) if doc_id in where
                   else "no readable documents row names its source file")
            result.lost.append((doc_id, why))
    return batch


def repair(store: Store, report: Report) -> Repair:
    """Rebuild the damaged files of `report` in a new generation: rows from the generation
    before where it has them (read by the same parser), else the notes read again."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from ..store.linking import relink

    result = Repair()
    if report.pointer_fault and report.manifest is not None and not report.damaged:
        repoint(store, report.manifest)
        result.generation = report.manifest.generation
        return result
    bad = {d.entry.path for d in report.damaged}
    restored, missing = restorable(store, report.damaged)
    for table, rows in restored.items():
        column = "source_path" if table == "errors" else "doc_id"
        result.restored[table] = sorted(set(rows[column].to_pylist()))
    lost_docs = {k for d in report.damaged if d.table != "errors" for k in d.keys if k in missing}
    lost_files = sorted({k for d in report.damaged if d.table == "errors" for k in d.keys if k in missing})
    result.lost += [(path, "its errors row is in no earlier generation; ingest the file again to see its error")
                    for path in lost_files]
    fresh = reread(store, lost_docs, bad, result)
    again = {d["doc_id"] for d in fresh.rows["documents"]}
    tables = {d.table for d in report.damaged} | (set(PER_DOCUMENT) if again else set())
    replacement = {}
    for name in tables:
        rows = readable_rows(store, name, store.snapshot(), bad)
        assert rows is not None
        parts = [rows] + ([restored[name]] if name in restored else [])
        if name in PER_DOCUMENT and again:
            parts = [p.filter(pc.invert(pc.is_in(p["doc_id"], pa.array(sorted(again))))) for p in parts]
            if fresh.rows[name]:
                from ..store.schema import TABLES

                parts.append(pa.Table.from_pylist(fresh.rows[name], schema=TABLES[name]))
        replacement[name] = pa.concat_tables([p.select(rows.schema.names).cast(rows.schema) for p in parts])
    result.generation = store.replace_tables(replacement, relink=relink)
    return result
