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
OVERRIDES_FILE = "overrides.json"
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
        return any(self.rows.values())


@dataclass
class CommitResult:
    added: list[str] = field(default_factory=list)  # doc_ids stored by this commit
    skipped: list[str] = field(default_factory=list)  # already stored (another run got there first)
    errors: int = 0
    generation: int = 0


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
        return {row[0]: dict(zip(keys, row)) for row in rows}

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
        import pyarrow as pa

        result = CommitResult()
        with self.lock():
            self._init_layout()
            number = self._generation_number()
            self._clean_up(number)
            current = self.root / GENERATIONS / f"{number:0{GENERATION_DIGITS}d}"
            stored_docs = self.table("documents", current).select(["doc_id", "source_path", "parser_version"]).to_pylist()
            stored_paths = {(d["doc_id"], d["source_path"]): d["parser_version"] for d in stored_docs}
            stored_ids = {d["doc_id"] for d in stored_docs}
            batch_versions = {doc["parser_version"] for doc in batch.rows["documents"]}
            current_ids = {d["doc_id"] for d in stored_docs if d["parser_version"] in batch_versions}
            new_docs, new_keys, fresh_ids, replaced_paths, replaced = [], set(), set(), set(), set()
            for doc in batch.rows["documents"]:
                key = (doc["doc_id"], doc["source_path"])
                if stored_paths.get(key) == doc["parser_version"] or key in new_keys:
                    result.skipped.append(doc["doc_id"])
                    continue
                new_keys.add(key)
                if key in stored_paths:
                    replaced_paths.add(key)  # this file, read by an older parser
                new_docs.append(doc)
                if doc["doc_id"] not in current_ids:  # the note's rows are new or out of date
                    fresh_ids.add(doc["doc_id"])
                    if doc["doc_id"] in stored_ids:
                        replaced.add(doc["doc_id"])
            seen = fresh_ids
            result.added = sorted(fresh_ids)
            known_errors = {(r["doc_id"], r["error"], r["source_path"])
                            for r in self.table("errors", current).to_pylist()}
            new_errors = [r for r in batch.rows["errors"]
                          if (r.get("doc_id"), r["error"], r["source_path"]) not in known_errors]
            result.errors = len(new_errors)
            # a file read now is no longer in error: its earlier error rows go in this commit
            read_paths = {doc["source_path"] for doc in batch.rows["documents"]}
            stale_errors = read_paths & {path for _, _, path in known_errors}
            if not new_docs and not new_errors and not stale_errors and not force:
                result.generation = number
                return result

            tmp = self.root / GENERATIONS / f".tmp-{uuid.uuid4().hex}"
            tag = f"{number + 1:0{GENERATION_DIGITS}d}-{uuid.uuid4().hex[:8]}"
            for name, schema in tables.TABLES.items():
                (tmp / name).mkdir(parents=True)
                if name == "documents":
                    rows = new_docs
                elif name == "errors":
                    rows = new_errors
                else:
                    rows = [r for r in batch.rows[name] if r["doc_id"] in seen]
                fresh = pa.Table.from_pylist(rows, schema=schema) if rows else None
                if name == "tasks":
                    self._write_tasks(current, tmp, fresh, replaced, relink, tag)
                    continue
                if name == "documents":
                    drop = {"paths": replaced_paths}
                elif name == "errors":
                    drop = {"source_paths": stale_errors}
                else:
                    drop = {"docs": replaced} if name in PER_DOCUMENT else {}
                self._carry_over(current / name, tmp / name, schema, drop)
                if fresh is not None and fresh.num_rows:
                    write_parquet(fresh, tmp / name / f"part-{tag}.parquet")
            final = self.root / GENERATIONS / f"{number + 1:0{GENERATION_DIGITS}d}"
            fsync_dir(tmp)
            os.rename(tmp, final)
            self._point_current_at(final)
            self._clean_up(number + 1)
            result.generation = number + 1
        return result

    def _carry_over(self, src: Path, dst: Path, schema: pa.Schema, drop: dict) -> None:
        """Bring a table's files into the next generation: hard links when nothing changes, one
        rewritten file when rows must go (a note re-read by a new parser), the files have piled
        up, or a file was written with another schema (by a somnotes before a column was added:
        cast to the current schema, new columns null, so that every file of a table has one
        schema, as Polars and DuckDB without union_by_name need). `drop` names the rows to leave
        out: {"docs": doc_ids}, {"paths": (doc_id, source_path) pairs} or {"source_paths": paths}."""
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.dataset as ds
        import pyarrow.parquet as pq

        files = sorted(p for p in src.glob("*.parquet") if p.name != "part-empty.parquet")
        if not files:
            write_parquet(schema.empty_table(), dst / "part-empty.parquet")
            return
        dropping = any(drop.values())
        current = all(pq.read_schema(path).equals(schema, check_metadata=False) for path in files)
        if not dropping and current and len(files) < MAX_FILES_PER_TABLE:
            for path in files:
                os.link(path, dst / path.name)
            return
        table = ds.dataset(files, format="parquet", schema=schema).to_table()  # missing columns: null
        if drop.get("docs"):
            table = table.filter(pc.invert(pc.is_in(table["doc_id"], pa.array(sorted(drop["docs"])))))
        if drop.get("paths"):
            keys = pc.binary_join_element_wise(table["doc_id"], table["source_path"], "\n")
            gone = pa.array(sorted(f"{d}\n{p}" for d, p in drop["paths"]))
            table = table.filter(pc.invert(pc.is_in(keys, gone)))
        if drop.get("source_paths"):
            table = table.filter(pc.invert(pc.is_in(table["source_path"], pa.array(sorted(drop["source_paths"])))))
        write_parquet(table, dst / f"part-compacted-{uuid.uuid4().hex[:8]}.parquet")

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
