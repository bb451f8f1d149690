"""Write docs/cli-reference.md: every command's --help, as the command line prints it.

sqlite-utils keeps its CLI reference by the same means (cog over `--help`): the reference is
written from the code, never by hand, and tests/test_cli_reference.py fails when the two part.
Run it after changing a command or an option:

    .venv/bin/python docs/make_cli_reference.py
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "cli-reference.md"
# Rich draws the help in boxes as wide as the terminal: a fixed width makes the file the same
# on every machine, and 100 columns keep each option's help on one line where it can be.
HELP_COLUMNS = "100"
# `python -m somnotes` would print "Usage: python -m somnotes": the console script's name, as a user types it
AS_SOMNOTES = "import sys; sys.argv[0] = 'somnotes'; from somnotes.ingest.cli import main; main()"
INTRO = """# Command reference

Every command's `--help`, as `somnotes` prints it. Written by `docs/make_cli_reference.py` from
the command line itself; `tests/test_cli_reference.py` fails when this page and the code part.
Examples with their output are in the [README](../README.md#commands).
"""


def command_names() -> list[str]:
    """The commands `somnotes --help` lists, in its order."""
    sys.path.insert(0, str(ROOT.parent))
    from somnotes.ingest.cli import app

    return [c.name or (c.callback.__name__.replace("_", "-") if c.callback else "") for c in app.registered_commands]


def help_text(args: list[str]) -> str:
    """What `somnotes ARGS --help` prints, trailing spaces removed."""
    env = {**os.environ, "COLUMNS": HELP_COLUMNS, "NO_COLOR": "1", "TERM": "dumb"}
    out = subprocess.run([sys.executable, "-c", AS_SOMNOTES, *args, "--help"], capture_output=True, text=True,
                         env=env, cwd=ROOT.parent, check=True).stdout
    return "\n".join(line.rstrip() for line in out.strip("\n").splitlines())


def render() -> str:
    parts = [INTRO, "## somnotes\n", "```", help_text([]), "```\n"]
    for name in command_names():
        parts += [f"## somnotes {name}\n", "```", help_text([name]), "```\n"]
    return "\n".join(parts)


if __name__ == "__main__":
    REFERENCE.write_text(render(), encoding="utf-8")
    print(f"wrote {REFERENCE.relative_to(ROOT)}")
