"""A new user's mistakes: each is one line on stderr and a documented exit status (README,
"Exit statuses"): 2 for a bad option or argument, 1 when what was asked for is not there;
never "internal error", never a traceback, nothing written where it should not be."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import somnotes.ingest.dask_executor as dask_executor

from conftest import SAMPLES, cli

USAGE, NOT_THERE = 2, 1


def one_line(result, status: int, *words: str) -> None:
    """The command exited with `status` and said so in one stderr line holding `words`."""
    assert result.exit_code == status, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("somnotes: ") and "internal error" not in lines[0]
    for word in words:
        assert word in lines[0]
    assert result.stdout == ""


OUT_COMMANDS = [("report", "r.html"), ("export", "t.xlsx"), ("export", "t.csv"), ("draft", "d.docx")]


@pytest.mark.parametrize("command,name", OUT_COMMANDS)
def test_out_into_a_folder_that_does_not_exist(samples_store, tmp_path, command, name):
    out = tmp_path / "no-such-folder" / name
    one_line(cli(command, "--out", out, "--store", samples_store), USAGE,
             f"--out {out}: the folder {out.parent} does not exist")  # every --out says it alike
    assert not (tmp_path / "no-such-folder").exists()


@pytest.mark.parametrize("command,name", [("report", "r.html"), ("export", "t.xlsx"), ("draft", "d.docx")])
def test_out_that_is_a_folder(samples_store, tmp_path, command, name):
    (tmp_path / name).mkdir()
    one_line(cli(command, "--out", tmp_path / name, "--store", samples_store), USAGE, "is a folder")
    one_line(cli(command, "--out", tmp_path, "--store", samples_store), USAGE, "is a folder")
    assert list((tmp_path / name).iterdir()) == []


def test_out_inside_a_file(samples_store, tmp_path):
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    one_line(cli("report", "--out", tmp_path / "notes.txt" / "r.html", "--store", samples_store), USAGE,
             "is not a folder")


def test_out_with_the_wrong_ending(samples_store, tmp_path):
    one_line(cli("report", "--out", tmp_path / "report.pdf", "--store", samples_store), USAGE, ".html")
    one_line(cli("export", "--out", tmp_path / "tasks.json", "--store", samples_store), USAGE, ".xlsx or .csv")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command,name", OUT_COMMANDS)
def test_out_where_the_file_system_refuses(samples_store, command, name):
    """/proc takes no new files, for root either."""
    one_line(cli(command, "--out", f"/proc/somnotes-{name}", "--store", samples_store), USAGE,
             f"cannot write /proc/somnotes-{name}")


def test_raw_is_for_csv_only(samples_store, tmp_path):
    one_line(cli("export", "--out", tmp_path / "t.xlsx", "--raw", "--store", samples_store), USAGE, "CSV only")
    assert not (tmp_path / "t.xlsx").exists()


def test_a_store_that_is_a_file(tmp_path):
    store = tmp_path / "store"
    store.write_text("my notes")
    one_line(cli("ingest", SAMPLES / "som26-midterm.docx", "--store", store), USAGE, "is a file")
    one_line(cli("summary", "--store", store), USAGE, "is a file")
    assert store.read_text() == "my notes"


def test_history_of_a_key_that_does_not_exist(samples_store):
    one_line(cli("history", "t-000000000000", "--store", samples_store), NOT_THERE, "t-000000000000")
    one_line(cli("history", "t-000000000000", "--store", samples_store, "--format", "json"), NOT_THERE)


def test_history_search_that_matches_nothing(samples_store):
    one_line(cli("history", "--search", "no note says this", "--store", samples_store), NOT_THERE,
             "no note says this")


def test_history_of_a_key_and_a_search_is_one_or_the_other(samples_store):
    key = json.loads(cli("history", "--search", "E-waste", "--store", samples_store, "--format", "json").stdout)[0]
    one_line(cli("history", key["task_key"], "--search", "E-waste", "--store", samples_store), USAGE,
             "one or the other")
    one_line(cli("history", "--store", samples_store), USAGE, "TASK_KEY or --search")
    # the key alone works: the mistake was giving both
    assert cli("history", key["task_key"], "--store", samples_store).exit_code == 0


@pytest.mark.parametrize("args", [("link", "0123456789abcdef-001", "fedcba9876543210-002"),
                                  ("unlink", "0123456789abcdef-001")])
def test_link_and_unlink_of_rows_that_do_not_exist(samples_store, args):
    one_line(cli(*args, "--store", samples_store), NOT_THERE, "0123456789abcdef-001")
    assert not (samples_store / "overrides.json").exists()


def test_an_executor_nobody_answers(tmp_path, monkeypatch):
    monkeypatch.setattr(dask_executor, "CONNECT_TIMEOUT_S", 2)  # the default waits 30 s
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    one_line(cli("ingest", SAMPLES / "som26-midterm.docx", "--store", tmp_path / "store",
                 "--executor", f"dask://127.0.0.1:{port}"), USAGE, "no Dask scheduler answered")
    assert not (tmp_path / "store").exists()


EXE = str(Path(sys.executable).with_name("somnotes"))


@pytest.mark.parametrize("args,words", [(["ingest", "--no-such-option"], "No such option: --no-such-option"),
                                        (["ingest"], "Missing argument"),
                                        (["stalled", "--window", "1"], "--window"),
                                        (["history", "--format", "xml"], "'xml' is not one of"),
                                        (["frobnicate"], "No such command 'frobnicate'")])
def test_command_line_mistakes_are_one_line_from_the_installed_command(args, words):
    """The console script, as a shell runs it: click's usage box becomes one line."""
    proc = subprocess.run([EXE, *args], capture_output=True, text=True)
    assert proc.returncode == USAGE
    assert proc.stdout == "" and proc.stderr.count("\n") == 1
    assert proc.stderr.startswith("somnotes: ") and words in proc.stderr and "--help`)" in proc.stderr


def test_the_command_alone_prints_its_help():
    proc = subprocess.run([EXE], capture_output=True, text=True)
    assert proc.returncode == 0 and "Usage: somnotes" in proc.stdout and "ingest" in proc.stdout
    assert proc.stderr == ""
