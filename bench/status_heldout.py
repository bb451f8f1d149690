"""Score status reading on the held-out label sets (tests/labels/status_heldout_*.tsv), Word and PDF.

Each set's cells become two real notes, written with python-docx by samples/render_docx.py:
a Tasks | Progress | Next steps note whose Progress cells are the set's `progress` cells, and a
Tasks | Status | Progress | Next steps note whose Status cells are the set's `status_column` cells
(beside a Progress cell with no label). LibreOffice prints each as a PDF. The Word files and the
PDFs are each ingested by the real CLI into a temporary store, and what lands in progress_items
is compared with the set's expected items (status and label as written, in order). Printed per
set and format:
  - labels: expected labelled items (and Status cells) read with the right status and label;
  - statuses: the same, status only;
  - look-alikes: cells whose every item stayed `unknown` (nothing read as a label);
  - cells: cells whose whole item list is right.

    python bench/status_heldout.py             # every set
    python bench/status_heldout.py A --misses  # set A, and every cell read wrongly

The sets were written by hand before the rules they score were changed (see each file's header).
"""
from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT.parent))

from samples.producers import libreoffice_pdf  # noqa: E402
from samples.render_docx import render_docx  # noqa: E402
from samples.source.spec import Layout, Note, Part, Row, Section  # noqa: E402

LABELS = ROOT / "tests" / "labels"
SETS = {"A": LABELS / "status_heldout_a.tsv", "B": LABELS / "status_heldout_b.tsv"}
PARAGRAPH = " \u00b6 "  # joins a cell's paragraphs, and the expected items, in the set files
STATUS_HEADER = "Status"
NEUTRAL_PROGRESS = "The focal point reported to the group on the work done."  # no status word
NEXT_STEPS = "The group will review the work at its next meeting."
SYMBOL = "EMG SOM90/{kind}/0{n}"
FORMATS = ("docx", "pdf")


def load_set(path: Path) -> list[dict]:
    """The set's cells in file order: id, kind, paragraphs, expected [(status, label or None)]."""
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))
    cells = []
    for row in rows:
        expected = []
        for item in row["expected"].split(PARAGRAPH):
            status, label = item.split(" [", 1)
            expected.append((status, label[:-1] or None))
        cells.append({"id": row["id"], "kind": row["kind"], "paras": row["cell"].split(PARAGRAPH),
                      "expected": expected})
    return cells


def task_text(cell_id: str) -> str:
    return f"Task {cell_id}: carry out the agreed activity of the group."


def note_of(cells: list[dict], kind: str, n: int) -> Note:
    """A note whose rows carry the cells of one kind (progress or status_column)."""
    if kind == "progress":
        rows = [Row(task=[task_text(c["id"])], progress=list(c["paras"]), next_steps=[NEXT_STEPS]) for c in cells]
        layout = Layout()
    else:
        rows = [Row(task=[task_text(c["id"])], progress=[NEUTRAL_PROGRESS], next_steps=[NEXT_STEPS],
                    extra={STATUS_HEADER: list(c["paras"])}) for c in cells]
        layout = Layout(extra_headers=(STATUS_HEADER,), columns=("task", STATUS_HEADER, "progress", "next_steps"))
    symbol = SYMBOL.format(kind="mid-term", n=n)
    header = [("UNITED NATIONS", "org"), ("ENVIRONMENT MANAGEMENT GROUP", "org"),
              ("Mid-Term Technical Segment of the 90th Senior Officials Meeting", "meeting"),
              (f"{n} June 2030", "plain"), (symbol, "symbol"), ("Distribution: EMG members", "symbol"),
              ("Mid-Term Progress Report", "title"), ("Note by the Secretariat", "byline")]
    return Note(name=f"status-heldout-{kind}", header_lines=header, intro=["Progress on the group's tasks."],
                parts=[Part("I", "Work of the group", [Section("a)", "Held-out cells", rows)])],
                layout=layout, meta={"symbol": symbol, "title": "Mid-Term Progress Report"}, provenance="written for testing")


def ingest(files: list[Path], store: Path) -> None:
    """The real CLI, as a user runs it."""
    subprocess.run([sys.executable, "-m", "somnotes.ingest.cli", "ingest", *map(str, files), "--store", str(store),
                    "--workers", "1"], check=False, capture_output=True, cwd=ROOT.parent)


def read_items(store: Path) -> dict[str, list[tuple[str, str | None]]]:
    """Each task's progress items (status, label) by the held-out id its task text carries."""
    from somnotes.store import Store  # the tables as the store's manifest names their files

    tasks = Store(store).table("tasks").select(["doc_id", "task_id", "task_text"])
    items = Store(store).table("progress_items").select(
        ["doc_id", "task_id", "item_no", "status", "status_label"]).to_pylist()
    ids = {(t["doc_id"], t["task_id"]): t["task_text"].split(":")[0].removeprefix("Task ").strip()
           for t in tasks.to_pylist()}
    out: dict[str, list] = {}
    for item in sorted(items, key=lambda i: (i["doc_id"], i["task_id"], i["item_no"])):
        cell_id = ids.get((item["doc_id"], item["task_id"]))
        if cell_id:
            out.setdefault(cell_id, []).append((item["status"], item["status_label"]))
    return out


@dataclass
class Score:
    labels: int = 0
    right_labels: int = 0
    right_statuses: int = 0
    lookalikes: int = 0
    right_lookalikes: int = 0
    cells: int = 0
    right_cells: int = 0
    misses: list = field(default_factory=list)


def score(cells: list[dict], read: dict[str, list]) -> Score:
    """Compare what was read with each cell's expected items."""
    s = Score()
    for cell in cells:
        got, want = read.get(cell["id"], []), cell["expected"]
        s.cells += 1
        right = got == want
        s.right_cells += right
        if all(status == "unknown" for status, _ in want):
            s.lookalikes += 1
            s.right_lookalikes += bool(got) and all(status == "unknown" for status, _ in got)
        else:
            for n, (status, label) in enumerate(want):
                have = got[n] if n < len(got) else (None, None)
                s.labels += 1
                s.right_statuses += have[0] == status
                s.right_labels += have == (status, label)
        if not right:
            s.misses.append((cell["id"], " / ".join(cell["paras"]), want, got))
    return s


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "-"


def run_set(name: str, path: Path, show_misses: bool) -> None:
    """Build, ingest and score one set in Word and in PDF."""
    cells = load_set(path)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        files: dict[str, list[Path]] = {fmt: [] for fmt in FORMATS}
        for n, kind in enumerate(("progress", "status_column"), start=1):
            docx = folder / f"status-heldout-{name.lower()}-{kind}.docx"
            render_docx(note_of([c for c in cells if c["kind"] == kind], kind, n), docx)
            libreoffice_pdf(docx, docx.with_suffix(".pdf"))
            files["docx"].append(docx)
            files["pdf"].append(docx.with_suffix(".pdf"))
        for fmt in FORMATS:
            store = folder / f"store-{fmt}"
            ingest(files[fmt], store)
            s = score(cells, read_items(store))
            print(f"set {name} {fmt:<4}: labels {ratio(s.right_labels, s.labels)}  statuses "
                  f"{ratio(s.right_statuses, s.labels)}  look-alikes unknown {ratio(s.right_lookalikes, s.lookalikes)}  "
                  f"cells {ratio(s.right_cells, s.cells)}")
            if show_misses:
                for cell_id, text, want, got in s.misses:
                    print(f"  {cell_id} {text!r}\n      want {want}\n      got  {got}")


def main(argv: list[str]) -> int:
    show = "--misses" in argv
    chosen = [a for a in argv if a in SETS] or [k for k, p in SETS.items() if p.exists()]
    for name in chosen:
        run_set(name, SETS[name], show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
