"""The Parquet store: one folder, one sub-folder per table, changed only by atomic commits.

Layout on disk:

    <store>/documents -> _current/documents        (and so for every table)
    <store>/_current  -> _generations/000042
    <store>/_generations/000042/<table>/*.parquet

A commit builds the next generation beside the current one (unchanged files are hard links,
so it costs little), then swaps the `_current` link in one rename. A reader therefore sees a
whole generation or the one before, never half a note: a killed ingest leaves the store as
it was, and two ingests into one store take turns at the commit (a file lock), each adding
only notes the other has not stored.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import schema as tables
from .schema import COLUMNS, PER_DOCUMENT, SCHEMA_VERSION

if TYPE_CHECKING:  # pyarrow loads where a table is read or written: a query needs DuckDB alone
    import pyarrow as pa

STORE_ENV = "SOMNOTES_STORE"
DEFAULT_STORE = "somnotes-store"
GENERATIONS = "_generations"
CURRENT = "_current"
LOCK_FILE = "_lock"
KEEP_GENERATIONS = 2  # the current one and the one before, for readers still on it
MAX_FILES_PER_TABLE = 32  # past this many files a table is rewritten as one (query speed)
GENERATION_DIGITS = 6


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
    revised or replaced in place, a file pruned), and every row of a note left with no file."""
    batch_ids = {doc["doc_id"] for doc in batch.rows["documents"]}
    written = {(doc["doc_id"], doc["source_path"]) for doc in batch.rows["documents"]}
    for d in stored_docs:
        key = (d["doc_id"], d["source_path"])
        if d["source_path"] in paths and key not in written:
            plan.replaced_paths.add(key)
    left = {d["doc_id"] for d in stored_docs if (d["doc_id"], d["source_path"]) not in plan.replaced_paths}
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


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_parquet(table: pa.Table, path: Path) -> None:
    """Write one Parquet file (zstd) and flush it to disk before the commit's rename."""
    import pyarrow.parquet as pq

    pq.write_table(table, path, compression="zstd")
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


class Store:
    def __init__(self, root: Path | str):
        self.root = Path(root)

    # ------------------------------------------------------------------ reading

    @property
    def current(self) -> Path:
        """The folder of the current generation (resolved once: a consistent snapshot)."""
        return (self.root / CURRENT).resolve()

    def exists(self) -> bool:
        return (self.root / CURRENT).exists()

    def table(self, name: str, generation_dir: Path | None = None) -> pa.Table:
        """Given a table name, return the whole table of the current generation."""
        import pyarrow.dataset as ds  # it loads pandas too: only commands that read whole tables pay

        folder = (generation_dir or self.current) / name
        schema = tables.TABLES[name]
        if not folder.exists():
            return schema.empty_table()
        dataset = ds.dataset(folder, format="parquet", schema=schema)
        return dataset.to_table()

    def frame(self, name: str):
        return self.table(name).to_pandas()

    def connect(self):
        """A DuckDB connection with one view per table over the current generation."""
        import duckdb

        con = duckdb.connect()
        gen = self.current
        for name, columns in COLUMNS.items():
            if not (gen / name).exists():
                continue  # a table newer than this store's last commit: it comes with the next one
            glob = (gen / name / "*.parquet").as_posix().replace("'", "''")
            source = f"read_parquet('{glob}', union_by_name = true)"
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM {source}")
            have = {row[0] for row in con.execute(f"DESCRIBE {name}").fetchall()}
            missing = [(column, kind) for column, kind in columns if column not in have]
            if missing:  # columns added to the schema since this store's files were written: null
                nulls = ", ".join(f"CAST(NULL AS {kind}) AS {column}" for column, kind in missing)
                con.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT *, {nulls} FROM {source}")
        return con

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

    # ------------------------------------------------------------------ writing

    @contextlib.contextmanager
    def lock(self):
        """Exclusive lock for the span of a commit; other writers wait their turn."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / LOCK_FILE, "a+") as fh:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    def _generation_number(self) -> int:
        link = self.root / CURRENT
        if not link.is_symlink():
            return 0
        return int(Path(os.readlink(link)).name)

    def _init_layout(self) -> None:
        """Create generation 0 (empty tables) and the table links, if the store is new; in a
        store made before a table existed, add that table's link (its folder comes with the
        next generation)."""
        if self.exists():
            self._link_tables()
            return
        gens = self.root / GENERATIONS
        gens.mkdir(parents=True, exist_ok=True)
        zero = gens / f"{0:0{GENERATION_DIGITS}d}"
        if not zero.exists():
            tmp = gens / f".tmp-{uuid.uuid4().hex}"
            for name, schema in tables.TABLES.items():
                (tmp / name).mkdir(parents=True)
                write_parquet(schema.empty_table(), tmp / name / "part-empty.parquet")
            os.rename(tmp, zero)
        self._point_current_at(zero)
        self._link_tables()

    def _link_tables(self) -> None:
        for name in COLUMNS:
            link = self.root / name
            if not link.is_symlink():
                os.symlink(Path(CURRENT) / name, link)

    def _point_current_at(self, gen_dir: Path) -> None:
        tmp_link = self.root / f".current-{uuid.uuid4().hex}"
        os.symlink(Path(GENERATIONS) / gen_dir.name, tmp_link)
        os.replace(tmp_link, self.root / CURRENT)  # the commit point: one atomic rename
        fsync_dir(self.root)

    def _clean_up(self, keep: int) -> None:
        """Remove half-built generations left by a killed run, and generations too old to read."""
        gens = self.root / GENERATIONS
        for path in gens.iterdir():
            if path.name.startswith(".tmp-"):
                shutil.rmtree(path, ignore_errors=True)
            elif path.name.isdigit() and int(path.name) <= keep - KEEP_GENERATIONS:
                shutil.rmtree(path, ignore_errors=True)
        for path in self.root.glob(".current-*"):
            path.unlink(missing_ok=True)

    def commit(self, batch: Batch, relink=None, force: bool = False) -> CommitResult:
        """Given rows for some notes, store them atomically; notes already stored with the same
        parser_version are skipped, older versions of a note are replaced. `relink` computes
        task keys over the whole tasks table (store/linking.py) and runs inside the commit so
        that keys and rows never disagree. `force` writes a generation even with nothing new
        (after a correction of links)."""
        with self.lock():
            self._init_layout()
            number = self._generation_number()
            self._clean_up(number)
            current = self.root / GENERATIONS / f"{number:0{GENERATION_DIGITS}d}"
            plan = plan_documents(batch, self.table("documents", current).to_pylist())
            plan_errors(plan, batch, self.table("errors", current).to_pylist())
            result = CommitResult(added=sorted(plan.fresh_ids), skipped=plan.skipped, errors=len(plan.new_errors),
                                  generation=number)
            if not plan and not force:
                return result
            tmp = self._build_generation(plan, batch, current, number + 1, relink)
            final = self.root / GENERATIONS / f"{number + 1:0{GENERATION_DIGITS}d}"
            fsync_dir(tmp)
            os.rename(tmp, final)
            self._point_current_at(final)
            self._clean_up(number + 1)
            result.generation = number + 1
        return result

    def _build_generation(self, plan: CommitPlan, batch: Batch, current: Path, number: int, relink) -> Path:
        """Write the next generation in a temporary folder beside `current` and return it: each
        table's kept files carried over, the batch's new rows in a file of their own."""
        import pyarrow as pa

        tmp = self.root / GENERATIONS / f".tmp-{uuid.uuid4().hex}"
        tag = f"{number:0{GENERATION_DIGITS}d}-{uuid.uuid4().hex[:8]}"
        for name, schema in tables.TABLES.items():  # documents first: relink reads them from tmp
            (tmp / name).mkdir(parents=True)
            rows = plan.rows(name, batch)
            fresh = pa.Table.from_pylist(rows, schema=schema) if rows else None
            if name == "tasks":
                self._write_tasks(current, tmp, fresh, plan.replaced, relink, tag)
                continue
            self._carry_over(current / name, tmp / name, schema, plan.drop(name))
            if fresh is not None and fresh.num_rows:
                write_parquet(fresh, tmp / name / f"part-{tag}.parquet")
        return tmp

    def _carry_over(self, src: Path, dst: Path, schema: pa.Schema, drop: Drop) -> None:
        """Bring a table's files into the next generation: hard links when nothing changes, one
        rewritten file when rows must go (a note re-read by a new parser), the files have piled
        up, or a file was written with another schema (by a somnotes before a column was added:
        cast to the current schema, new columns null, so that every file of a table has one
        schema, as Polars and DuckDB without union_by_name need)."""
        import pyarrow.dataset as ds
        import pyarrow.parquet as pq

        files = sorted(p for p in src.glob("*.parquet") if p.name != "part-empty.parquet")
        if not files:
            write_parquet(schema.empty_table(), dst / "part-empty.parquet")
            return
        current = all(pq.read_schema(path).equals(schema, check_metadata=False) for path in files)
        if not drop and current and len(files) < MAX_FILES_PER_TABLE:
            for path in files:
                os.link(path, dst / path.name)
            return
        table = ds.dataset(files, format="parquet", schema=schema).to_table()  # missing columns: null
        write_parquet(drop.apply(table), dst / f"part-compacted-{uuid.uuid4().hex[:8]}.parquet")

    def _write_tasks(self, current: Path, tmp: Path, fresh, replaced: set, relink, tag: str) -> None:
        """The tasks table is rewritten whole at each commit: task keys depend on every note."""
        import pyarrow as pa
        import pyarrow.compute as pc

        schema = tables.TABLES["tasks"]
        old = self.table("tasks", current)
        if replaced:
            old = old.filter(pc.invert(pc.is_in(old["doc_id"], pa.array(sorted(replaced)))))
        tasks = pa.concat_tables([old, fresh]) if fresh is not None else old
        if relink is not None and tasks.num_rows:
            documents = self.table("documents", tmp)  # already built: documents come first
            for name, values in relink(tasks, documents, self.root).items():
                index = tasks.schema.get_field_index(name)
                tasks = tasks.set_column(index, name, pa.array(values, schema.field(name).type))
        write_parquet(tasks.cast(schema), tmp / "tasks" / f"part-{tag}.parquet")


def open_store(root: Path | str | None = None) -> Store:
    """Given a folder (default: `$SOMNOTES_STORE` or ./somnotes-store), return its Store."""
    return Store(Path(root) if root else default_store_dir())


__all__ = ["Store", "Batch", "CommitResult", "open_store", "default_store_dir", "SCHEMA_VERSION"]
