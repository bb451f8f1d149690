"""A store on any disk, copied by any tool, with its damaged files named and repaired: each fault
of issue 23 through the real `somnotes` command, as a user meets it."""
from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ANYDISK, FIXTURES, ROOT, SAMPLES, SIMULATED, generation, table_files

EXE = str(Path(sys.executable).with_name("somnotes"))
LEGACY_STORE = FIXTURES / "legacy_store" / "legacy-store"
CHECK_HINT = "somnotes check --repair"


def run(*args, simulate: str | None = None) -> subprocess.CompletedProcess:
    """`somnotes ARGS` in a process of its own; `simulate` puts it on the simulated disk
    (tests/anydisk/sitecustomize.py: links, windows, or both)."""
    env = dict(os.environ)
    if simulate:
        env["SOMNOTES_SIMULATED_FS"] = simulate
        env["PYTHONPATH"] = os.pathsep.join([str(ANYDISK), env.get("PYTHONPATH", "")])
    return subprocess.run([EXE, *map(str, args)], capture_output=True, text=True, env=env)


def summary(store: Path, simulate: str | None = None) -> list:
    done = run("summary", "--store", store, "--format", "json", simulate=simulate)
    assert done.returncode == 0, done.stderr
    return [(r["symbol"], r["tasks"]) for r in json.loads(done.stdout)]


def one_line(text: str) -> bool:
    return text.strip() != "" and "\n" not in text.strip() and "internal error" not in text


@pytest.fixture
def two_notes(tmp_path) -> Path:
    """Two sample notes (Word) in a folder of their own."""
    folder = tmp_path / "notes"
    folder.mkdir()
    for name in ("som26-midterm.docx", "som26-annual.docx"):
        shutil.copy(SAMPLES / name, folder / name)
    return folder


@pytest.mark.parametrize("simulate", ["links", "windows"])
def test_ingest_and_queries_work_without_links_or_fcntl(tmp_path, two_notes, simulate):
    store = tmp_path / "store"
    done = run("ingest", two_notes, "--store", store, "--workers", "2", simulate=simulate)
    assert done.returncode == 0, done.stderr
    # filelock warns as it is imported where there is no fcntl: the store silences it wherever
    # it is imported first (the commit's imports, loaded while the readers build, come first)
    assert "Warning" not in done.stderr, done.stderr
    assert summary(store, simulate) == [("EMG SOM26/mid-term/03", 22), ("EMG SOM26/02", 19)]
    again = run("ingest", SAMPLES / "som27-midterm.docx", "--store", store, simulate=simulate)
    assert again.returncode == 0, again.stderr
    assert len(summary(store, simulate)) == 3
    assert not [p for p in store.rglob("*") if p.is_symlink()]


def test_the_simulated_disk_refuses_links_and_fcntl():
    """What the second run of the store tests (tests/test_any_disk.py) runs on, checked in it."""
    if not SIMULATED:
        pytest.skip("only on the simulated disk")
    with pytest.raises(PermissionError):
        os.link(__file__, Path(__file__).with_suffix(".link"))
    with pytest.raises(PermissionError):
        os.symlink(__file__, Path(__file__).with_suffix(".symlink"))
    with pytest.raises(ImportError):
        import fcntl  # noqa: F401


@pytest.mark.parametrize("copy", ["as_written", "links_followed"])
def test_a_store_written_before_manifests_is_read_then_migrated_with_nothing_lost(tmp_path, copy):
    from somnotes.store.store import Store

    store = tmp_path / "store"
    if copy == "as_written":
        if SIMULATED:
            pytest.skip("a disk without links holds only the copy that followed them")
        shutil.copytree(LEGACY_STORE, store, symlinks=True)
    else:
        shutil.copytree(LEGACY_STORE, store)  # cp -rL, a sync client, an unzipped archive
    before = {name: Store(store).table(name).to_pylist() for name in ("documents", "tasks", "progress_items",
                                                                      "dates", "passages")}
    assert summary(store) == [("EMG SOM26/mid-term/03", 22), ("EMG SOM26/02", 19)]
    done = run("ingest", SAMPLES / "som27-midterm.docx", "--store", store)
    assert done.returncode == 0, done.stderr
    assert summary(store) == [("EMG SOM26/mid-term/03", 22), ("EMG SOM26/02", 19), ("EMG SOM27/mid-term/02", 16)]
    after = Store(store)
    for name, rows in before.items():
        kept = after.table(name).to_pylist()
        if name == "tasks":  # keys and links are computed again over the three notes: the rows stay
            fields = ["doc_id", "task_id", "task_text", "progress_text", "status"]
            kept, rows = ([{k: r[k] for k in fields} for r in t] for t in (kept, rows))
        assert all(row in kept for row in rows), name
    assert not any((store / name).exists() for name in ("_current", "_generations", "documents", "tasks"))
    assert (store / "_current.json").exists() and run("check", "--store", store).returncode == 0


def damaged_store(tmp_path, two_notes, table: str) -> tuple[Path, Path]:
    """A store of the two notes (two commits) with the current file of `table` cut short."""
    store = tmp_path / "store"
    for note in sorted(two_notes.iterdir(), reverse=True):
        assert run("ingest", note, "--store", store).returncode == 0
    # the table's newest file, found without the manifest, as a disk fault finds it
    victim = max((p for p in store.rglob("*.parquet") if p.parent.name == table), key=lambda p: p.stat().st_mtime_ns)
    assert str(victim) in table_files(store, table)
    victim.write_bytes(victim.read_bytes()[: victim.stat().st_size // 2])
    return store, victim


def test_a_cut_short_file_is_named_by_every_command_and_repaired_from_the_source_files(tmp_path, two_notes):
    store, victim = damaged_store(tmp_path, two_notes, "progress_items")
    for args in (["summary"], ["stalled"], ["history", "--search", "UNEP"], ["ingest", SAMPLES / "som27-midterm.docx"],
                 ["report", "--out", tmp_path / "r.html"], ["export", "--out", tmp_path / "x.xlsx"]):
        done = run(*args, "--store", store)
        assert done.returncode == 1, (args, done.stderr)
        assert one_line(done.stderr) and victim.name in done.stderr and CHECK_HINT in done.stderr, done.stderr
    checked = run("check", "--store", store)
    assert checked.returncode == 1
    # the file's rows are one document's (a note stored as Word and PDF would be two files)
    assert victim.name in checked.stdout and "rows of 1 file: EMG SOM26/02" in checked.stdout
    repaired = run("check", "--repair", "--store", store)
    assert repaired.returncode == 0, repaired.stderr
    assert "read again from its source file" in repaired.stdout
    assert run("check", "--store", store).returncode == 0
    assert summary(store) == [("EMG SOM26/mid-term/03", 22), ("EMG SOM26/02", 19)]


def test_repair_takes_rows_from_the_generation_before_and_says_what_it_cannot_restore(tmp_path, two_notes):
    store, victim = damaged_store(tmp_path, two_notes, "tasks")  # the tasks file is rewritten by each commit
    (two_notes / "som26-midterm.docx").unlink()  # read first: the generation before holds its tasks
    (two_notes / "som26-annual.docx").unlink()  # read last: only its source file had its tasks
    repaired = run("check", "--repair", "--store", store)
    assert repaired.returncode == 1
    assert "restored from the generation before: tasks rows of EMG SOM26/mid-term/03" in repaired.stdout
    assert one_line(repaired.stderr) and "not restored: EMG SOM26/02" in repaired.stderr
    assert run("check", "--store", store).returncode == 0
    tasks = run("summary", "--store", store, "--format", "json")
    assert [(r["symbol"], r["tasks"]) for r in json.loads(tasks.stdout)][0] == ("EMG SOM26/mid-term/03", 22)


def test_an_invalid_corrections_file_is_a_usage_error_naming_its_line_and_changes_nothing(tmp_path, two_notes):
    store = tmp_path / "store"
    assert run("ingest", two_notes / "som26-midterm.docx", "--store", store).returncode == 0
    number = generation(store)
    text = '{"corrections": [\n {"op": "link", "rows": ["a", "b"]},\n {"op": "link", "rows": ["c", \n'
    (store / "overrides.json").write_text(text, encoding="utf-8")
    for args in (["ingest", two_notes], ["unlink", "x"], ["corrections"]):
        done = run(*args, "--store", store)
        assert done.returncode == 2, (args, done.stderr)
        assert one_line(done.stderr) and "overrides.json, line 4" in done.stderr, done.stderr
    assert generation(store) == number and (store / "overrides.json").read_text(encoding="utf-8") == text
    (store / "overrides.json").write_text('{"corrections": [\n {"op": "join", "rows": ["a"]}]}', encoding="utf-8")
    done = run("ingest", two_notes, "--store", store)
    assert done.returncode == 2 and "line 2" in done.stderr and "correction 1" in done.stderr


def test_the_linker_and_the_corrections_import_each_other_one_way_only():
    def imports(module: str) -> set:
        tree = ast.parse((ROOT / "store" / f"{module}.py").read_text(encoding="utf-8"))
        return {node.module.lstrip(".") for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}

    assert "linking" in imports("overrides") and "overrides" not in imports("linking")


def test_nothing_imports_fcntl():
    for folder in ("store", "ingest", "publish", "extract", "normalise"):
        for path in (ROOT / folder).rglob("*.py"):
            assert "import fcntl" not in path.read_text(encoding="utf-8"), path


def test_the_readme_examples_read_the_store(tmp_path, two_notes, monkeypatch, capsys):
    """The README's examples of reading the store (Python API, DuckDB, pandas, Polars), run as written."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Reading the store from DuckDB"):readme.index("### Checking and repairing")]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 2
    monkeypatch.chdir(tmp_path)
    assert run("ingest", two_notes, "--store", tmp_path / "somnotes-store").returncode == 0
    for block in blocks:
        scope: dict = {}
        exec(compile(block, "README.md", "exec"), scope)  # noqa: S102 - the README's own example
    assert len(scope["tasks"]) == 41 and scope["dates"].height > 0
    assert "EMG SOM26/mid-term/03" in capsys.readouterr().out


def test_a_pointer_left_half_written_falls_back_to_the_generation_before(tmp_path, two_notes):
    """Where a filesystem did not finish the pointer's rename, readers take the previous pointer;
    with both lost, the newest manifest; `check` says so and `check --repair` writes it again."""
    store = tmp_path / "store"
    for note in sorted(two_notes.iterdir(), reverse=True):
        assert run("ingest", note, "--store", store).returncode == 0
    (store / "_current.json").write_text('{"format": "somnotes-st', encoding="utf-8")
    assert summary(store) == [("EMG SOM26/mid-term/03", 22)]  # the generation before the last commit
    checked = run("check", "--store", store)
    assert checked.returncode == 1 and "_current.json is unreadable" in checked.stdout
    (store / "_previous.json").unlink()
    assert len(summary(store)) == 2  # the newest manifest: never an empty store
    assert run("check", "--repair", "--store", store).returncode == 0
    assert run("check", "--store", store).returncode == 0 and len(summary(store)) == 2
