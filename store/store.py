"""The Parquet store: one folder, a folder of files per table, changed only by atomic commits.

Layout on disk (store/manifest.py):

    <store>/_current.json                  names the current generation's manifest
    <store>/_previous.json                 names the one before (a reader's fallback)
    <store>/_manifests/000042.json         every table's files, with size and SHA-256
    <store>/data/<table>/part-000042-<random>.parquet

A commit writes the next generation's new files and its manifest (a file unchanged since an
earlier generation is named again, neither copied nor linked), then replaces the pointer in one
rename. A reader therefore sees a whole generation or the one before, never half a note: a
killed ingest leaves the store as it was, and two ingests into one store take turns at the
commit (a file lock), each adding only notes the other has not stored.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import uuid
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import schema as tables
from .manifest import (
    DATA,
    GENERATION_DIGITS,
    LEGACY_CURRENT,
    LEGACY_GENERATIONS,
    MANIFESTS,
    FileEntry,
    Manifest,
    StoreDamaged,
    current_manifest,
    publish,
    with_keys,
)
from .schema import COLUMNS, PER_DOCUMENT, SCHEMA_VERSION

if TYPE_CHECKING:  # pyarrow loads where a table is read or written: a query needs DuckDB alone
    import pyarrow as pa

STORE_ENV = "SOMNOTES_STORE"
DEFAULT_STORE = "somnotes-store"
LOCK_FILE = "_lock"
MAX_FILES_PER_TABLE = 32  # past this many files a table is rewritten as one (query speed)


def default_store_dir() -> Path:
    """`$SOMNOTES_STORE`, else ./somnotes-store, as the contract says."""
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


@dataclass
class Batch:
    """Rows for each table, produced by ingest for a set of files."""

    rows: dict = field(default_factory=lambda: {name: [] for name in COLUMNS})
    # files whose bytes are stored already under a new mtime or size: (doc_id, source_path) ->
    # {"file_size", "file_mtime_ns"}, recorded on their documents rows so the next ingest skips them
    touched: dict = field(default_factory=dict)
    pruned: set = field(default_factory=set)  # source paths whose files are gone: their rows go

    def touch(self, doc_id: str, source_path: str, size: int, mtime_ns: int) -> None:
        """Record a stored file's new size and mtime (its bytes unchanged) without reading it."""
        self.touched[(doc_id, source_path)] = {"file_size": size, "file_mtime_ns": mtime_ns}

    def prune(self, source_paths) -> None:
        """Remove the stored notes of these files (gone from disk) in this batch's commit."""
        self.pruned.update(source_paths)

    def add(self, table: str, rows: list[dict]) -> None:
        self.rows[table].extend(rows)

    def add_file(self, rows: dict) -> bool:
        """Add one file's rows. A copy of a note already in the batch (the same bytes under
        another name) adds only its documents row: the note's rows are stored once. Returns
        whether the note's rows were added."""
        doc_ids = {r["doc_id"] for r in rows.get("documents", [])}
        if doc_ids & set(self.doc_ids()):
            self.add("documents", rows["documents"])
            return False
        for table, table_rows in rows.items():
            self.add(table, table_rows)
        return bool(doc_ids)

    def doc_ids(self) -> list[str]:
        return [r["doc_id"] for r in self.rows["documents"]]

    def __bool__(self) -> bool:
        return any(self.rows.values()) or bool(self.touched or self.pruned)


@dataclass
class CommitResult:
    added: list[str] = field(default_factory=list)  # doc_ids stored by this commit
    skipped: list[str] = field(default_factory=list)  # already stored (another run got there first)
    errors: int = 0
    generation: int = 0


@dataclass
class Drop:
    """The stored rows a commit leaves out of a table it carries over."""

    docs: set = field(default_factory=set)  # every row of these notes (doc_ids): re-read by a new parser
    paths: set = field(default_factory=set)  # documents rows of these (doc_id, source_path): files re-read
    source_paths: set = field(default_factory=set)  # errors rows of these files: read now

    def __bool__(self) -> bool:
        return bool(self.docs or self.paths or self.source_paths)

    def apply(self, table: pa.Table) -> pa.Table:
        """Given a table's stored rows, return those this commit keeps."""
        import pyarrow as pa
        import pyarrow.compute as pc

        if self.docs:
            table = table.filter(pc.invert(pc.is_in(table["doc_id"], pa.array(sorted(self.docs)))))
        if self.paths:
            keys = pc.binary_join_element_wise(table["doc_id"], table["source_path"], "\n")
            gone = pa.array(sorted(f"{d}\n{p}" for d, p in self.paths))
            table = table.filter(pc.invert(pc.is_in(keys, gone)))
        if self.source_paths:
            table = table.filter(pc.invert(pc.is_in(table["source_path"], pa.array(sorted(self.source_paths)))))
        return table


@dataclass
class CommitPlan:
    """What one commit writes: which documents and errors rows are new, which stored rows go."""

    new_docs: list = field(default_factory=list)  # documents rows to write
    fresh_ids: set = field(default_factory=set)  # notes whose rows are new or out of date
    replaced_paths: set = field(default_factory=set)  # (doc_id, source_path) rows that go: re-read, revised, gone
    replaced: set = field(default_factory=set)  # stored notes whose rows this commit replaces
    skipped: list = field(default_factory=list)  # doc_ids stored already by this parser
    new_errors: list = field(default_factory=list)
    stale_errors: set = field(default_factory=set)  # source paths whose error rows go: the file was read now

    def __bool__(self) -> bool:
        return bool(self.new_docs or self.new_errors or self.stale_errors or self.replaced_paths)

    def rows(self, table: str, batch: Batch) -> list[dict]:
        """The batch's rows this commit writes into `table`."""
        if table == "documents":
            return self.new_docs
        if table == "errors":
            return self.new_errors
        return [r for r in batch.rows[table] if r["doc_id"] in self.fresh_ids]

    def drop(self, table: str) -> Drop:
        """The stored rows of `table` this commit leaves out."""
        if table == "documents":
            return Drop(paths=self.replaced_paths)
        if table == "errors":
            return Drop(source_paths=self.stale_errors)
        return Drop(docs=self.replaced) if table in PER_DOCUMENT else Drop()


def plan_documents(batch: Batch, stored_docs: list[dict]) -> CommitPlan:
    """Given a batch and the stored documents rows, plan which files and notes it adds or replaces:
    a file stored by the same parser is skipped (its row rewritten when its mtime or size is new);
    a note stored by another parser is replaced; a path holds one file, so the note stored
    earlier at a path read now, or pruned, goes with the last path that held it."""
    plan = CommitPlan()
    stored = {(d["doc_id"], d["source_path"]): d for d in stored_docs}
    stored_ids = {d["doc_id"] for d in stored_docs}
    batch_versions = {doc["parser_version"] for doc in batch.rows["documents"]}
    current_ids = {d["doc_id"] for d in stored_docs if d["parser_version"] in batch_versions}
    new_keys: set = set()
    for doc in batch.rows["documents"]:
        key = (doc["doc_id"], doc["source_path"])
        known = stored.get(key)
        if key in new_keys or (known is not None and known["parser_version"] == doc["parser_version"]
                               and same_file_stat(known, doc)):
            plan.skipped.append(doc["doc_id"])
            continue
        new_keys.add(key)
        if known is not None:
            plan.replaced_paths.add(key)  # this file, read by an older parser or with a new mtime
        plan.new_docs.append(doc)
        if doc["doc_id"] not in current_ids:  # the note's rows are new or out of date
            plan.fresh_ids.add(doc["doc_id"])
            if doc["doc_id"] in stored_ids:
                plan.replaced.add(doc["doc_id"])
    plan_touched(plan, batch, stored, new_keys)
    plan_gone(plan, batch, stored_docs, {doc["source_path"] for doc in batch.rows["documents"]} | batch.pruned)
    return plan


def same_file_stat(stored: dict, doc: dict) -> bool:
    """Do a stored documents row and a new one record the same file size and mtime?"""
    return (stored.get("file_size"), stored.get("file_mtime_ns")) == (doc.get("file_size"), doc.get("file_mtime_ns"))


def plan_touched(plan: CommitPlan, batch: Batch, stored: dict, new_keys: set) -> None:
    """Rewrite the documents rows of files whose bytes are stored but whose mtime or size is new."""
    for key, stat in batch.touched.items():
        if key in stored and key not in new_keys:
            plan.replaced_paths.add(key)
            plan.new_docs.append({**stored[key], **stat})


def plan_gone(plan: CommitPlan, batch: Batch, stored_docs: list[dict], paths: set) -> None:
    """Drop the stored documents rows of `paths` other than those the batch writes (a file
    revised or replaced in place, a file pruned), and every row of a note left with no file. A
    file read again, or touched (its row rewritten with a new mtime), still holds its note."""
    batch_ids = {doc["doc_id"] for doc in batch.rows["documents"]}
    kept = {(doc["doc_id"], doc["source_path"]) for doc in batch.rows["documents"] + plan.new_docs}
    gone = {(d["doc_id"], d["source_path"]) for d in stored_docs
            if d["source_path"] in paths and (d["doc_id"], d["source_path"]) not in kept}
    plan.replaced_paths |= gone
    left = {d["doc_id"] for d in stored_docs if (d["doc_id"], d["source_path"]) not in gone}
    for d in stored_docs:
        if d["doc_id"] not in left and d["doc_id"] not in batch_ids:
            plan.replaced.add(d["doc_id"])
    plan.stale_errors |= batch.pruned


def plan_errors(plan: CommitPlan, batch: Batch, stored_errors: list[dict]) -> None:
    """Add to `plan` the batch's error rows not stored yet, and the stored ones of files read now
    (a file read now is no longer in error)."""
    known = {(r["doc_id"], r["error"], r["source_path"]) for r in stored_errors}
    plan.new_errors = [r for r in batch.rows["errors"] if (r.get("doc_id"), r["error"], r["source_path"]) not in known]
    read_paths = {doc["source_path"] for doc in batch.rows["documents"]}
    plan.stale_errors |= read_paths & {path for _, _, path in known}


def row_keys(name: str, table: pa.Table) -> list[str]:
    """The notes (doc_ids) a table's rows belong to; for errors, their source files: what a
    damaged file of the table would cost (`somnotes check`)."""
    import pyarrow.compute as pc

    column = "source_path" if name == "errors" else "doc_id"
    return sorted(v for v in pc.unique(table[column]).to_pylist() if v is not None)


def write_parquet(name: str, table: pa.Table, root: Path, path: str) -> FileEntry:
    """Write one Parquet file (zstd) of table `name` at `path` (relative to the store), flushed to
    disk before the commit's rename; return its manifest entry (size and SHA-256 of its bytes)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    data = sink.getvalue().to_pybytes()
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return FileEntry(path=path, size=len(data), sha256=hashlib.sha256(data).hexdigest(), rows=table.num_rows,
                     keys=row_keys(name, table))


def new_file_name(name: str, generation: int, kind: str = "part") -> str:
    """A fresh file name in table `name`'s folder: the generation that wrote it and a random tag,
    so a file once named is never overwritten (a reader or an earlier generation may hold it)."""
    return f"{DATA}/{name}/{kind}-{generation:0{GENERATION_DIGITS}d}-{uuid.uuid4().hex[:8]}.parquet"


def sql_list(paths: list[Path]) -> str:
    """A DuckDB list literal of file paths."""
    return "[" + ", ".join("'" + p.as_posix().replace("'", "''") + "'" for p in paths) + "]"



def import_filelock():
    """filelock's FileLock, imported without the warning it gives, once, as it is imported where
    there is no fcntl: that it locks by a file, which is what the store wants there. Imported once
    a process, this way wherever it is imported first (a store's lock, or the commit's imports
    loaded early: ingest/pipeline.py)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from filelock import FileLock
    return FileLock

class Store:
    def __init__(self, root: Path | str):
        self.root = Path(root)
        self._lock: Any = None

    # ------------------------------------------------------------------ reading

    def snapshot(self) -> Manifest | None:
        """The current generation's manifest (read once: a consistent snapshot), or None."""
        return current_manifest(self.root)

    def exists(self) -> bool:
        return self.snapshot() is not None

    def files(self, name: str, manifest: Manifest | None = None) -> list[Path]:
        """Given a table name, its files in the current generation (or `manifest`'s), each found
        with the size the manifest gives (a stat, no read): StoreDamaged otherwise."""
        manifest = manifest or self.snapshot()
        if manifest is None:
            return []
        paths = []
        for entry in manifest.entries(name):
            path = self.root / entry.path
            try:
                size = path.stat().st_size
            except OSError:
                raise StoreDamaged(path, "missing") from None
            if entry.size is not None and size != entry.size:
                raise StoreDamaged(path, f"{size} bytes where the manifest says {entry.size}")
            paths.append(path)
        return paths

    def table(self, name: str, manifest: Manifest | None = None) -> pa.Table:
        """Given a table name, return the whole table of the current generation (or `manifest`'s)."""
        import pyarrow as pa
        import pyarrow.dataset as ds  # it loads pandas too: only commands that read whole tables pay

        schema = tables.TABLES[name]
        paths = self.files(name, manifest)
        if not paths:
            return schema.empty_table()
        try:
            return ds.dataset([str(p) for p in paths], format="parquet", schema=schema).to_table()
        except (OSError, pa.ArrowException) as exc:
            raise self.diagnose(exc, manifest) from None

    def frame(self, name: str):
        return self.table(name).to_pandas()

    def connect(self):
        """A DuckDB connection with one view per table over the current generation's files."""
        import duckdb

        con = duckdb.connect()
        manifest = self.snapshot()
        try:
            for name, columns in COLUMNS.items():
                paths = self.files(name, manifest) if manifest else []
                if not paths:  # a table newer than this store's last commit: empty until the next one
                    nulls = ", ".join(f"CAST(NULL AS {kind}) AS {column}" for column, kind in columns)
                    con.execute(f"CREATE VIEW {name} AS SELECT {nulls} WHERE false")
                    continue
                source = f"read_parquet({sql_list(paths)}, union_by_name = true)"
                con.execute(f"CREATE VIEW {name} AS SELECT * FROM {source}")
                have = {row[0] for row in con.execute(f"DESCRIBE {name}").fetchall()}
                missing = [(column, kind) for column, kind in columns if column not in have]
                if missing:  # columns added to the schema since this store's files were written: null
                    nulls = ", ".join(f"CAST(NULL AS {kind}) AS {column}" for column, kind in missing)
                    con.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT *, {nulls} FROM {source}")
        except duckdb.Error as exc:
            con.close()
            raise self.diagnose(exc, manifest) from None
        except StoreDamaged:
            con.close()
            raise
        return con

    def diagnose(self, exc: Exception, manifest: Manifest | None = None) -> Exception:
        """Given an error met reading the store, the first damaged file of the current generation
        (or `manifest`'s) as StoreDamaged, else the error itself (not a fault of a file)."""
        from .check import damage

        manifest = manifest or self.snapshot()
        for name in COLUMNS:
            for entry in manifest.entries(name) if manifest else []:
                reason = damage(self.root, entry)
                if reason:
                    return StoreDamaged(self.root / entry.path, reason)
        return exc

    def known_files(self) -> dict[str, dict]:
        """source_path -> {size, mtime_ns, doc_id, parser_version} for every stored document.
        Read with DuckDB, which a re-ingest of an unchanged archive loads anyway, rather than
        pyarrow.dataset (and pandas with it)."""
        con = self.connect()
        try:
            rows = con.execute("SELECT source_path, file_size, file_mtime_ns, doc_id, parser_version "
                               "FROM documents").fetchall()
        finally:
            con.close()
        keys = ("source_path", "file_size", "file_mtime_ns", "doc_id", "parser_version")
        return {row[0]: dict(zip(keys, row, strict=False)) for row in rows}

    def error_files(self) -> set[str]:
        """The source paths of the stored `errors` rows: files that could not be ingested."""
        con = self.connect()
        try:
            return {row[0] for row in con.execute("SELECT DISTINCT source_path FROM errors").fetchall()}
        finally:
            con.close()

    # ------------------------------------------------------------------ writing

    @contextlib.contextmanager
    def lock(self):
        """Exclusive lock for the span of a commit; other writers wait their turn. filelock's
        lock is the OS's own where there is one (fcntl on POSIX, msvcrt on Windows), else a
        lock file whose holder's death is noticed, so a killed writer never blocks the next."""
        self.root.mkdir(parents=True, exist_ok=True)
        if self._lock is None:
            self._lock = import_filelock()(self.root / LOCK_FILE)
        with self._lock:
            yield

    def _create(self) -> Manifest:
        """Generation 0 of a new store: every table empty (one file each, for its schema)."""
        manifest = Manifest(generation=0)
        for name, schema in tables.TABLES.items():
            manifest.tables[name] = [write_parquet(name, schema.empty_table(), self.root,
                                                   new_file_name(name, 0, "empty"))]
        publish(self.root, manifest, None)
        return manifest

    def commit(self, batch: Batch, relink=None, force: bool = False) -> CommitResult:
        """Given rows for some notes, store them atomically; notes already stored with the same
        parser_version are skipped, older versions of a note are replaced. `relink` computes
        task keys over the whole tasks table (store/linking.py) and runs inside the commit so
        that keys and rows never disagree. `force` writes a generation even with nothing new
        (after a correction of links)."""
        with self.lock():
            base = self.snapshot()
            base = with_keys(self.root, base) if base else self._create()  # carried-over files keep their notes
            plan = plan_documents(batch, self.table("documents", base).to_pylist())
            plan_errors(plan, batch, self.table("errors", base).to_pylist())
            result = CommitResult(added=sorted(plan.fresh_ids), skipped=plan.skipped, errors=len(plan.new_errors),
                                  generation=base.generation)
            if not plan and not force:
                return result
            manifest = self._build_generation(plan, batch, base, relink)
            publish(self.root, manifest, base)  # the commit point
            self._collect_garbage(manifest, base)
            result.generation = manifest.generation
        return result

    def _build_generation(self, plan: CommitPlan, batch: Batch, base: Manifest, relink) -> Manifest:
        """Write the files of the generation after `base` and return its manifest: each table's
        kept files named again, the batch's new rows in a file of their own."""
        import pyarrow as pa

        number = base.generation + 1
        manifest = Manifest(generation=number, previous=None if base.legacy else base.generation)
        try:
            for name, schema in tables.TABLES.items():  # documents first: relink reads them
                rows = plan.rows(name, batch)
                fresh = pa.Table.from_pylist(rows, schema=schema) if rows else None
                if name == "tasks":
                    manifest.tables[name] = [self._write_tasks(base, manifest, fresh, plan.replaced, relink)]
                    continue
                entries = self._carry_over(name, base, number, plan.drop(name))
                if fresh is not None and fresh.num_rows:
                    entries = [e for e in entries if e.rows != 0]  # the empty table's file, no longer needed
                    entries.append(write_parquet(name, fresh, self.root, new_file_name(name, number)))
                manifest.tables[name] = entries
        except (OSError, pa.ArrowException) as exc:
            raise self.diagnose(exc, base) from None
        return manifest

    def _carry_over(self, name: str, base: Manifest, number: int, drop: Drop) -> list[FileEntry]:
        """A table's files in the next generation: the same files, named again, when nothing
        changes; one rewritten file when rows must go (a note re-read by a new parser), the files
        have piled up, the store is in the layout of links (its files are moved into the layout
        of manifests), or a file was written with another schema (by a somnotes before a column
        was added: cast to the current schema, new columns null, so that every file of a table
        has one schema, as Polars and DuckDB without union_by_name need)."""
        import pyarrow.dataset as ds
        import pyarrow.parquet as pq

        schema = tables.TABLES[name]
        entries = [e for e in base.entries(name) if e.rows != 0 and not e.path.endswith("/part-empty.parquet")]
        if not entries:
            empty = [e for e in base.entries(name) if e.rows == 0 and not base.legacy]
            return empty[:1] or [write_parquet(name, schema.empty_table(), self.root,
                                               new_file_name(name, number, "empty"))]
        paths = self.files(name, Manifest(base.generation, {name: entries}))
        current = all(pq.read_schema(path).equals(schema, check_metadata=False) for path in paths)
        if not drop and current and not base.legacy and len(entries) < MAX_FILES_PER_TABLE:
            return entries
        table = ds.dataset([str(p) for p in paths], format="parquet", schema=schema).to_table()  # missing: null
        return [write_parquet(name, drop.apply(table), self.root, new_file_name(name, number, "compacted"))]

    def _write_tasks(self, base: Manifest, manifest: Manifest, fresh, replaced: set, relink) -> FileEntry:
        """The tasks table is rewritten whole at each commit: task keys depend on every note."""
        import pyarrow as pa
        import pyarrow.compute as pc

        schema = tables.TABLES["tasks"]
        old = self.table("tasks", base)
        if replaced:
            old = old.filter(pc.invert(pc.is_in(old["doc_id"], pa.array(sorted(replaced)))))
        tasks = pa.concat_tables([old, fresh]) if fresh is not None else old
        tasks = self._relinked(tasks, manifest, relink)
        return write_parquet("tasks", tasks.cast(schema), self.root, new_file_name("tasks", manifest.generation))

    def _relinked(self, tasks: pa.Table, manifest: Manifest, relink) -> pa.Table:
        """Given the whole tasks table and the generation's documents (in `manifest`, written
        first), the tasks with the keys `relink` computes."""
        import pyarrow as pa

        if relink is None or not tasks.num_rows:
            return tasks
        schema = tables.TABLES["tasks"]
        documents = self.table("documents", manifest)
        for name, values in relink(tasks, documents, self.root).items():
            index = tasks.schema.get_field_index(name)
            tasks = tasks.set_column(index, name, pa.array(values, schema.field(name).type))
        return tasks

    def replace_tables(self, replacement: dict, relink=None) -> int:
        """Write a generation in which each table of `replacement` (name -> pyarrow Table) holds
        exactly the given rows, in one file, and the other tables their files as they are (a
        repair: `somnotes check --repair`); return its number."""
        with self.lock():
            base = self.snapshot()
            base = with_keys(self.root, base) if base else self._create()
            number = base.generation + 1
            manifest = Manifest(generation=number, previous=None if base.legacy else base.generation)
            for name, schema in tables.TABLES.items():
                if name not in replacement:
                    manifest.tables[name] = self._carry_over(name, base, number, Drop())
                    continue
                table = replacement[name].select(schema.names).cast(schema)
                if name == "tasks":
                    table = self._relinked(table, manifest, relink)
                manifest.tables[name] = [write_parquet(name, table, self.root, new_file_name(name, number, "repaired"))]
            publish(self.root, manifest, base)
            self._collect_garbage(manifest, base)
        return number

    def _collect_garbage(self, current: Manifest, base: Manifest | None) -> None:
        """Remove what neither the current generation nor the one before names: files of older
        generations, and those a killed commit left; then the layout of links, once moved. A file
        a reader holds open where the OS will not remove it (Windows) goes at a later commit."""
        kept = [current] + ([base] if base is not None and not base.legacy else [])
        names = {e.path for m in kept for files in m.tables.values() for e in files}
        manifests = {name for m in kept for name in (m.name, m.keys_name)}
        for folder, keep in ((self.root / DATA, names), (self.root / MANIFESTS, manifests)):
            for path in folder.rglob("*") if folder.is_dir() else []:
                if path.is_file() and path.relative_to(self.root).as_posix() not in keep:
                    with contextlib.suppress(OSError):
                        path.unlink()
        if (self.root / LEGACY_CURRENT).exists() or (self.root / LEGACY_CURRENT).is_symlink():
            remove_legacy_layout(self.root)  # moved by this commit, or by one that could not finish removing it


def remove_legacy_layout(root: Path) -> None:
    """Remove a store's layout of links (`_current`, `_generations`, a link or, in a copy that
    followed the links, a folder per table) once its rows are in the layout of manifests."""
    for name in [LEGACY_CURRENT, *COLUMNS]:
        path = root / name
        if path.is_symlink():
            path.unlink()
        elif path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
    shutil.rmtree(root / LEGACY_GENERATIONS, ignore_errors=True)
    for path in root.glob(".current-*"):
        with contextlib.suppress(OSError):
            path.unlink()


def open_store(root: Path | str | None = None) -> Store:
    """Given a folder (default: `$SOMNOTES_STORE` or ./somnotes-store), return its Store."""
    return Store(Path(root) if root else default_store_dir())


__all__ = ["Store", "Batch", "CommitResult", "StoreDamaged", "open_store", "default_store_dir", "SCHEMA_VERSION"]
