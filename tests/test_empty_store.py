"""Every query command answers on a store with no tasks, in every --format, with an empty result.

The commands are found in the command line itself (every command with a --format option), so a
query command added later is run here too.
"""
from __future__ import annotations

import json

import pytest
import typer

from somnotes.ingest.cli import app

from conftest import FIXTURES, cli

FORMATS = ["table", "json", "csv"]
# what a query command needs besides --store and --format to run at all
REQUIRED_ARGS = {"history": ["--search", "anything"]}


def query_commands() -> list[tuple[str, list[str]]]:
    """(name, extra arguments) of every command that prints a result in a --format."""
    group = typer.main.get_command(app)
    out = []
    for name, command in sorted(group.commands.items()):
        options = {opt for param in command.params for opt in getattr(param, "opts", [])}
        if "--format" in options:
            out.append((name, REQUIRED_ARGS.get(name, []) + (["--review"] if "--review" in options else [])))
    return out


@pytest.fixture(scope="module")
def empty_stores(tmp_path_factory) -> dict:
    """A store whose one file could not be read (an error row, no document), and one holding
    only files that are not notes (documents without tasks)."""
    root = tmp_path_factory.mktemp("empty")
    (root / "empty.pdf").write_bytes(b"")
    stores = {"no documents": root / "store-empty", "no tasks": root / "store-not-notes"}
    assert cli("ingest", root / "empty.pdf", "--store", stores["no documents"]).exit_code == 1
    assert cli("ingest", FIXTURES / "not-notes", "--store", stores["no tasks"]).exit_code == 0
    return stores


@pytest.mark.parametrize("kind", ["no documents", "no tasks"])
def test_history_of_a_key_on_an_empty_store_is_not_there(empty_stores, kind):
    result = cli("history", "t-0123456789ab", "--store", empty_stores[kind], "--format", "json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("somnotes: no task with the key t-0123456789ab")
    assert len(result.stderr.splitlines()) == 1


def test_the_query_commands_are_found():
    """Guards the test below: it runs the commands users query with."""
    names = {name for name, _ in query_commands()}
    assert {"summary", "history", "carried-over", "dropped", "stalled", "overdue"} <= names


@pytest.mark.parametrize("kind", ["no documents", "no tasks"])
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name,args", query_commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_query_answers_an_empty_store_with_an_empty_result(empty_stores, kind, fmt, name, args):
    result = cli(name, *args, "--store", empty_stores[kind], "--format", fmt)
    assert "internal error" not in result.output and "Traceback" not in result.output
    if name == "history":  # what was asked for is not there: the contract's exit 1, one line on stderr
        assert result.exit_code == 1, result.output
        assert result.stdout == ""
        assert result.stderr == "somnotes: no task's text or reference contains 'anything'\n"
        return
    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert json.loads(result.output) == []
    elif fmt == "csv":
        lines = result.output.splitlines()
        assert len(lines) == 1 and "," in lines[0]  # the header row, no data
    else:
        assert "(none)" in result.output
