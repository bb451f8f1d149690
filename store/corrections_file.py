"""The corrections file, <store>/overrides.json: read with every fault named by its line, written
atomically. Both the linker (which applies corrections) and store/overrides.py (which makes
them) use it, so that neither imports the other's way round: overrides -> linking only."""
from __future__ import annotations

import json
from pathlib import Path

from .errors import CorrectionsInvalid
from .manifest import write_atomically

OVERRIDES_FILE = "overrides.json"
OPS = ("link", "unlink")
MAX_ROWS = 2  # a correction names one row (unlink A) or two


def load_overrides(root: Path | None) -> dict:
    """The user's corrections, oldest first: {"corrections": [{"op", "rows", "at"}, ...]};
    CorrectionsInvalid naming the file and line when it is not what somnotes wrote.

    A file in the first format ({"link": [...], "unlink": [...]}) reads as its links, then its
    unlinks: there an unlink always won, as it does when made last."""
    path = Path(root) / OVERRIDES_FILE if root else None
    if path is None or not path.exists():
        return {"corrections": []}
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorrectionsInvalid(f"the corrections file {path}, line {exc.lineno}: {exc.msg}; "
                                 "fix it or remove it (nothing was changed)") from None
    if isinstance(data, dict) and "corrections" in data:
        corrections = data["corrections"]
    elif isinstance(data, dict):
        corrections = [{"op": op, "rows": rows, "at": None} for op in OPS for rows in data.get(op, [])]
    else:
        corrections = None
    problem = invalid(corrections)
    if problem:
        raise CorrectionsInvalid(f"the corrections file {path}, line {line_of(text, problem[0])}: {problem[1]}; "
                                 "fix it or remove it (nothing was changed)")
    assert isinstance(corrections, list)
    return {"corrections": [dict(c, rows=list(c["rows"])) for c in corrections]}


def invalid(corrections) -> tuple[int, str] | None:
    """(number of the first bad correction, 0 for the whole file; what is wrong), or None."""
    if not isinstance(corrections, list):
        return 0, 'not {"corrections": [...]}'
    for n, corr in enumerate(corrections, 1):
        rows = corr.get("rows") if isinstance(corr, dict) else None
        if not isinstance(corr, dict) or corr.get("op") not in OPS:
            return n, f'correction {n} has no "op" of {" or ".join(OPS)}'
        if (not isinstance(rows, list) or not 1 <= len(rows) <= MAX_ROWS
                or not all(isinstance(r, str) for r in rows)):
            return n, f'correction {n}: "rows" must be a list of one or two task_ids'
    return None


def line_of(text: str, n: int) -> int:
    """The line where the n-th correction starts (its n-th "op" key), 1 for the file as a whole."""
    at = -1
    for _ in range(n):
        at = text.find('"op"', at + 1)
        if at < 0:
            return 1
    return text.count("\n", 0, at) + 1 if n else 1


def save_overrides(root: Path, overrides: dict) -> None:
    """Write the corrections: a whole file or the one before, never half of one."""
    write_atomically(Path(root) / OVERRIDES_FILE, (json.dumps(overrides, indent=1) + "\n").encode("utf-8"))
