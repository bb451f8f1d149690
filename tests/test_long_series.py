"""Task keys over the long series (tests/fixtures/series/: eight notes, 2022-2025, Word and PDF),
against the hand-written truth of which rows are one task (truth.json, from the row labels of
samples/source/series/). One test per thing that happens to tasks over a long archive."""
from __future__ import annotations

import itertools
import json
import re

import pytest

from conftest import FIXTURES, cli, read_table

SERIES = FIXTURES / "series"
TRUTH = json.loads((SERIES / "truth.json").read_text(encoding="utf-8"))
NOTES = [n["name"] for n in TRUTH["notes"]]
SYMBOL = {n["name"]: n["symbol"] for n in TRUTH["notes"]}
FORMATS = ("docx", "pdf")


@pytest.fixture(scope="module")
def series_store(tmp_path_factory):
    """The eight notes, Word and PDF, ingested by the real CLI into one store."""
    store = tmp_path_factory.mktemp("series") / "store"
    result = cli("ingest", SERIES, "--store", store)
    assert result.exit_code == 0, result.output
    return store


def keyed_rows(store) -> dict:
    """(note, format, ordinal) -> task_key for every row in a store."""
    docs = read_table(store, "documents")[["doc_id", "symbol", "format"]]
    tasks = read_table(store, "tasks").merge(docs, on="doc_id")
    note_of = {v: k for k, v in SYMBOL.items()}
    return {(note_of[r.symbol], r.format, r.ordinal): r.task_key for r in tasks.itertuples()}


def truth_rows() -> dict:
    """(note, format, ordinal) -> the hand-written task label."""
    return {(note, fmt, ordinal): label for label, where in TRUTH["tasks"].items()
            for note, ordinal in where for fmt in FORMATS}


def pairwise(keys: dict) -> tuple[float, float, float]:
    """Precision, recall and F1 of "these two rows are one task" over every pair of rows."""
    truth = truth_rows()
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(truth), 2):
        same_truth, same_key = truth[a] == truth[b], keys[a] == keys[b]
        tp += same_truth and same_key
        fp += same_key and not same_truth
        fn += same_truth and not same_key
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return precision, recall, 2 * precision * recall / (precision + recall)


def key(keys: dict, label: str, note: str, fmt: str = "docx") -> str:
    """The key given to task `label`'s row in `note`."""
    ordinal = dict((n, o) for n, o in TRUTH["tasks"][label])[note]
    return keys[(note, fmt, ordinal)]


def keys_of(keys: dict, label: str) -> set:
    """Every key given to the rows of task `label`, in both formats."""
    return {keys[(note, fmt, ordinal)] for note, ordinal in TRUTH["tasks"][label] for fmt in FORMATS}


def notes_of(label: str) -> list:
    return [note for note, _ in TRUTH["tasks"][label]]


def words(text: str) -> set:
    return set(re.findall(r"[a-z]+", text.lower()))


def task_text(label: str, note: str) -> str:
    rows = next(n["rows"] for n in TRUTH["notes"] if n["name"] == note)
    return next(r["task_text"] for r in rows if r["label"] == label)


def test_every_row_is_read_as_written(series_store):
    """The linking tests below check linking: every note gives the rows of its spec, in order."""
    tasks = read_table(series_store, "tasks").merge(read_table(series_store, "documents"), on="doc_id")
    for note in TRUTH["notes"]:
        for fmt in FORMATS:
            got = tasks[(tasks.symbol == note["symbol"]) & (tasks.format == fmt)].sort_values("ordinal")
            assert list(got.task_text) == [r["task_text"] for r in note["rows"]], (note["name"], fmt)


def test_pairwise_f1_is_one(series_store):
    keys = keyed_rows(series_store)
    assert set(keys) == set(truth_rows())
    assert pairwise(keys) == (1.0, 1.0, 1.0)


def test_drift_keeps_one_task(series_store):
    """Re-worded a little in almost every note: the first and last wordings share few words."""
    first, last = notes_of("bio-approach")[0], notes_of("bio-approach")[-1]
    a, b = words(task_text("bio-approach", first)), words(task_text("bio-approach", last))
    assert len(a & b) / len(a | b) < 0.3
    assert len(notes_of("bio-approach")) == 8
    assert len(keys_of(keyed_rows(series_store), "bio-approach")) == 1


def test_task_back_after_a_gap_keeps_its_key(series_store):
    """Absent from two notes (the fashion dialogue), or from one and re-worded (the paper)."""
    keys = keyed_rows(series_store)
    assert notes_of("nex-fashion") == ["som28-midterm", "som28-annual", "som30-midterm", "som30-annual"]
    assert len(keys_of(keys, "nex-fashion")) == 1
    assert "som30-midterm" not in notes_of("rec-finance") and len(keys_of(keys, "rec-finance")) == 1
    dropped = json.loads(cli("dropped", "--store", series_store, "--format", "json").stdout)
    fashion = key(keys, "nex-fashion", "som28-annual")
    assert [(r["from_symbol"], r["to_symbol"]) for r in dropped if r["task_key"] == fashion] == \
        [(SYMBOL["som28-annual"], SYMBOL["som29-midterm"])]


def test_task_moved_to_another_part_keeps_its_key(series_store):
    """From the recovery section of part III to the ESS section of part II, re-worded."""
    keys = keyed_rows(series_store)
    tasks = read_table(series_store, "tasks").merge(read_table(series_store, "documents"), on="doc_id")
    moved = tasks[tasks.task_key == key(keys, "ess-safeguards", "som28-midterm")].sort_values("meeting_date")
    assert list(moved.drop_duplicates("symbol").part) == ["III", "III", "II", "II", "II", "II"]
    assert len(keys_of(keys, "ess-safeguards")) == 1


def test_remandated_task_keeps_its_key(series_store):
    """"Extend the mandate ... to finalize ..." re-adopted as "Renew the mandate ... until 2025"."""
    keys = keyed_rows(series_store)
    assert key(keys, "ew-coalition", "som28-annual") == key(keys, "ew-coalition", "som29-midterm", "pdf")
    assert len(keys_of(keys, "ew-coalition")) == 1


def test_side_by_side_look_alikes_stay_apart(series_store):
    keys = keyed_rows(series_store)
    for a, b in (("img-ghg", "img-waste"), ("peer-volunteer", "peer-followup")):
        assert len(keys_of(keys, a)) == 1 and len(keys_of(keys, b)) == 1
        assert keys_of(keys, a) != keys_of(keys, b)


def test_new_task_like_a_completed_one_starts_a_task(series_store):
    """A request worded like one completed before (another process, another agency) is new:
    the completed task's history ends completed and the new one has its own start."""
    keys = keyed_rows(series_store)
    for old, new in (("bio-input", "bio-review"), ("peer-unido", "peer-wmo")):
        assert keys_of(keys, old).isdisjoint(keys_of(keys, new))
        history = json.loads(cli("history", key(keys, old, notes_of(old)[0]), "--store", series_store,
                                 "--format", "json").stdout)
        assert [r["symbol"] for r in history] == [SYMBOL[n] for n in notes_of(old)]
        assert history[-1]["status"] == "completed"
        new_history = json.loads(cli("history", key(keys, new, notes_of(new)[0]), "--store", series_store,
                                     "--format", "json").stdout)
        assert [r["symbol"] for r in new_history] == [SYMBOL[n] for n in notes_of(new)]


def test_new_task_like_a_dropped_one_starts_a_task(series_store):
    """A dialogue on digital technologies for monitoring, two notes after the one on their
    footprint was dropped, in the same section: another task."""
    keys = keyed_rows(series_store)
    assert keys_of(keys, "nex-digital").isdisjoint(keys_of(keys, "nex-monitoring"))
    assert len(keys_of(keys, "nex-monitoring")) == 1


def test_split_task_goes_on_and_the_split_off_part_is_new(series_store):
    keys = keyed_rows(series_store)
    assert len(keys_of(keys, "img-training")) == 1
    assert key(keys, "img-pilot", "som29-annual") not in keys_of(keys, "img-training")
    assert len(keys_of(keys, "img-pilot")) == 1


def test_renamed_sections_and_parts_keep_their_tasks(series_store):
    keys = keyed_rows(series_store)
    tasks = read_table(series_store, "tasks")
    renamed = {"bio-approach": ("som28-annual", "som29-midterm"), "rec-finance": ("som29-midterm", "som29-annual"),
               "chem-plastics": ("som29-annual", "som30-midterm"), "ess-guidance": ("som29-annual", "som30-midterm")}
    for label, (before, after) in renamed.items():
        assert key(keys, label, before) == key(keys, label, after, "pdf")
        titles = tasks[tasks.task_key == key(keys, label, before)][["part_title", "section_title"]].drop_duplicates()
        assert len(titles) >= 2, label  # the heading above the task did change


def test_completed_task_listed_once_more_keeps_its_key(series_store):
    keys = keyed_rows(series_store)
    assert len(keys_of(keys, "peer-unido")) == 1 and len(notes_of("peer-unido")) == 3


def test_keys_do_not_depend_on_ingest_order(series_store, tmp_path):
    """The newest four notes first, then the oldest four: the same keys."""
    store = tmp_path / "store"
    files = sorted(SERIES.glob("*.docx")) + sorted(SERIES.glob("*.pdf"))
    newest = [f for f in files if f.stem in NOTES[4:]]
    assert cli("ingest", *newest, "--store", store).exit_code == 0
    assert cli("ingest", *[f for f in files if f not in newest], "--store", store).exit_code == 0
    assert keyed_rows(store) == keyed_rows(series_store)
