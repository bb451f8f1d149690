"""docs/cli-reference.md is every command's --help as the command line prints it today."""
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_maker():
    spec = importlib.util.spec_from_file_location("make_cli_reference", ROOT / "docs" / "make_cli_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_command_reference_is_what_help_prints():
    maker = load_maker()
    written = maker.REFERENCE.read_text(encoding="utf-8")
    assert written == maker.render(), "docs/cli-reference.md is stale: run .venv/bin/python docs/make_cli_reference.py"


def test_the_command_reference_has_a_section_for_every_command_help_lists():
    maker = load_maker()
    written = maker.REFERENCE.read_text(encoding="utf-8")
    top = maker.help_text([])
    box = top[top.index("Commands"):]
    # a command opens its line in the box; a wrapped summary goes on indented under the summaries
    listed = {line.split()[1] for line in box.splitlines()[1:] if line[2:3].isalpha()}
    assert {"ingest", "history", "stalled", "report", "export", "draft"} <= listed
    sections = {line.removeprefix("## somnotes ") for line in written.splitlines() if line.startswith("## somnotes ")}
    assert listed <= sections
