"""Task keys across the samples series and the queries over them (contract: "Across notes")."""
from __future__ import annotations

import itertools
import json
import shutil

import pytest

from conftest import SAMPLES, cli, read_table

NOTES = ["som26-midterm", "som26-annual", "som27-midterm"]
SYMBOLS = {"som26-midterm": "EMG SOM26/mid-term/03", "som26-annual": "EMG SOM26/02",
           "som27-midterm": "EMG SOM27/mid-term/02"}
# Which rows are one task, written by hand from samples/source/: task -> ordinal in each note.
SAME_TASK = {
    "A1 establish CP": {"som26-midterm": 1}, "A2 compilation": {"som26-midterm": 2},
    "A3 coordinated input": {"som26-midterm": 3, "som26-annual": 1, "som27-midterm": 1},
    "A4 outcome report (re-worded twice)": {"som26-midterm": 4, "som26-annual": 2, "som27-midterm": 2},
    "A5 present contributions": {"som26-midterm": 5, "som26-annual": 3, "som27-midterm": 3},
    "B1 e-waste (re-mandated)": {"som26-midterm": 6, "som26-annual": 4, "som27-midterm": 4},
    "C1 SDS strategy": {"som26-midterm": 7}, "D1 marine litter": {"som26-midterm": 8, "som26-annual": 5},
    "E1 harmonize/harmonise": {"som26-midterm": 9, "som26-annual": 6, "som27-midterm": 5},
    "E2 raise awareness": {"som26-midterm": 10, "som26-annual": 7, "som27-midterm": 6},
    "E3 knowledge space": {"som26-midterm": 11}, "E4 phase II": {"som26-midterm": 12, "som26-annual": 8},
    "F1 invite IMG": {"som26-midterm": 13, "som26-annual": 9},
    "F2 request IMG": {"som26-midterm": 14, "som26-annual": 10, "som27-midterm": 8},
    "F3 common premises": {"som26-midterm": 15},
    "G1 peer methodology": {"som26-midterm": 16, "som26-annual": 11},
    "G2 invite EMG members (look-alike of G3)": {"som26-midterm": 17, "som26-annual": 12, "som27-midterm": 9},
    "G3 invite reviewed agencies": {"som26-midterm": 18, "som26-annual": 13, "som27-midterm": 10},
    "H1 SWFS second edition": {"som26-midterm": 19, "som26-annual": 14, "som27-midterm": 11},
    "H2 SWFS third edition": {"som26-midterm": 20, "som26-annual": 15},
    "J1 nexus themes": {"som26-midterm": 21, "som26-annual": 16, "som27-midterm": 12},
    "J2 value-added (look-alike of N4)": {"som26-midterm": 22, "som26-annual": 17, "som27-midterm": 13},
    "N1 webinar series": {"som26-annual": 18, "som27-midterm": 15},
    "N2 lessons learned/learnt": {"som26-annual": 19, "som27-midterm": 16},
    "N3 safeguards guidance": {"som27-midterm": 7}, "N4 themes of 2022 dialogues": {"som27-midterm": 14},
}


def keyed_rows(store):
    """(note, format, ordinal) -> task_key for every row in a store."""
    docs = read_table(store, "documents")[["doc_id", "symbol", "format"]]
    tasks = read_table(store, "tasks").merge(docs, on="doc_id")
    by_symbol = {v: k for k, v in SYMBOLS.items()}
    return {(by_symbol[r.symbol], r.format, r.ordinal): r.task_key for r in tasks.itertuples()}


def truth_rows():
    return {(note, fmt, ordinal): task for task, where in SAME_TASK.items()
            for note, ordinal in where.items() for fmt in ("docx", "pdf")}


def pairwise_f1(keys: dict) -> tuple[float, float, float]:
    truth = truth_rows()
    rows = sorted(truth)
    tp = fp = fn = 0
    for a, b in itertools.combinations(rows, 2):
        same_truth, same_key = truth[a] == truth[b], keys[a] == keys[b]
        tp += same_truth and same_key
        fp += same_key and not same_truth
        fn += same_truth and not same_key
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return precision, recall, 2 * precision * recall / (precision + recall)


def test_task_keys_link_every_row_of_a_task_and_nothing_else(samples_store):
    keys = keyed_rows(samples_store)
    assert set(keys) == set(truth_rows())
    assert pairwise_f1(keys) == (1.0, 1.0, 1.0)


def test_look_alike_tasks_in_one_section_stay_apart(samples_store):
    keys = keyed_rows(samples_store)
    assert keys[("som27-midterm", "pdf", 9)] != keys[("som27-midterm", "pdf", 10)]  # G2 vs G3
    assert keys[("som27-midterm", "docx", 13)] != keys[("som27-midterm", "docx", 14)]  # J2 vs N4


def test_reworded_tasks_are_joined(samples_store):
    keys = keyed_rows(samples_store)
    assert keys[("som26-midterm", "docx", 4)] == keys[("som26-annual", "pdf", 2)] == keys[("som27-midterm", "docx", 2)]
    assert keys[("som26-midterm", "pdf", 6)] == keys[("som26-annual", "docx", 4)]  # E-waste re-mandate
    assert keys[("som26-annual", "docx", 19)] == keys[("som27-midterm", "pdf", 16)]  # learned / learnt


def test_keys_do_not_depend_on_ingest_order_or_batches(samples_store, tmp_path):
    """One file at a time, newest first, and the middle note last: the same keys."""
    store = tmp_path / "store"
    order = ["som27-midterm.pdf", "som27-midterm.docx", "som26-midterm.docx", "som26-midterm.pdf",
             "som26-annual.pdf", "som26-annual.docx"]
    for name in order[:4]:
        assert cli("ingest", SAMPLES / name, "--store", store).exit_code == 0
    # the E-waste re-mandate is linked across the gap before the middle note arrives
    before_middle = keyed_rows(store)
    assert before_middle[("som27-midterm", "docx", 4)] == before_middle[("som26-midterm", "docx", 6)]
    for name in order[4:]:
        assert cli("ingest", SAMPLES / name, "--store", store).exit_code == 0
    assert keyed_rows(store) == keyed_rows(samples_store)


def cli_json(*args):
    result = cli(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def named(rows, keys_by_task):
    """Replace each row's task_key by the hand-written task name."""
    return {keys_by_task[r["task_key"]] for r in rows}


@pytest.fixture(scope="module")
def names(samples_store):
    keys = keyed_rows(samples_store)
    return {keys[row]: task for row, task in truth_rows().items()}


def test_carried_over(samples_store, names):
    rows = cli_json("carried-over", "--store", samples_store)
    assert set(rows[0]) == {"task_key", "task_text", "from_symbol", "to_symbol", "status_from", "status_to"}
    first = {names[r["task_key"]] for r in rows if r["from_symbol"] == SYMBOLS["som26-midterm"]}
    second = {names[r["task_key"]] for r in rows if r["from_symbol"] == SYMBOLS["som26-annual"]}
    assert len(first) == 17 and "F3 common premises" not in first and "A1 establish CP" not in first
    assert second == {"A3 coordinated input", "A4 outcome report (re-worded twice)", "A5 present contributions",
                      "B1 e-waste (re-mandated)", "E1 harmonize/harmonise", "E2 raise awareness", "F2 request IMG",
                      "G2 invite EMG members (look-alike of G3)", "G3 invite reviewed agencies",
                      "H1 SWFS second edition", "J1 nexus themes", "J2 value-added (look-alike of N4)",
                      "N1 webinar series", "N2 lessons learned/learnt"}
    ewaste = [r for r in rows if names[r["task_key"]].startswith("B1") and r["to_symbol"] == SYMBOLS["som26-annual"]]
    assert ewaste[0]["status_from"] == "ongoing" and ewaste[0]["status_to"] == "ongoing"


def test_dropped_while_open(samples_store, names):
    rows = cli_json("dropped", "--store", samples_store)
    got = {(names[r["task_key"]], r["from_symbol"], r["to_symbol"]) for r in rows}
    assert got == {("F3 common premises", SYMBOLS["som26-midterm"], SYMBOLS["som26-annual"]),
                   ("G1 peer methodology", SYMBOLS["som26-annual"], SYMBOLS["som27-midterm"]),
                   ("H2 SWFS third edition", SYMBOLS["som26-annual"], SYMBOLS["som27-midterm"])}


def test_stalled(samples_store, names):
    rows = cli_json("stalled", "--store", samples_store)
    assert set(rows[0]) == {"task_key", "task_text", "symbols", "statuses", "reasons"}
    got = {names[r["task_key"]]: set(r["reasons"]) for r in rows}
    assert got == {
        "A4 outcome report (re-worded twice)": {"status"}, "A5 present contributions": {"status"},
        "B1 e-waste (re-mandated)": {"status"}, "E1 harmonize/harmonise": {"status"},
        "F2 request IMG": {"status"}, "G2 invite EMG members (look-alike of G3)": {"status"},
        "H1 SWFS second edition": {"status"},
        "J2 value-added (look-alike of N4)": {"status", "unchanged_text"},
        "H2 SWFS third edition": {"unchanged_text"},
    }
    a5 = next(r for r in rows if names[r["task_key"]].startswith("A5"))
    assert a5["statuses"] == ["postponed", "postponed", "postponed"]
    assert a5["symbols"] == [SYMBOLS[n] for n in NOTES]
    # a window of 2 also catches tasks open and flat in just the last two notes they appear in
    wider = {names[r["task_key"]] for r in cli_json("stalled", "--store", samples_store, "--window", "2")}
    assert "H2 SWFS third edition" in wider and set(got) <= wider


def test_overdue(samples_store, names):
    rows = cli_json("overdue", "--store", samples_store)
    assert set(rows[0]) == {"task_key", "task_text", "from_symbol", "to_symbol", "deadline", "deadline_text"}
    got = {(names[r["task_key"]], r["from_symbol"], r["deadline"], r["deadline_text"]) for r in rows}
    a, b = SYMBOLS["som26-midterm"], SYMBOLS["som26-annual"]
    assert got == {
        ("A4 outcome report (re-worded twice)", a, "2020-06-30", "by the end of June"),
        ("A4 outcome report (re-worded twice)", b, "2020-12-15", "no later than 15 December 2020"),
        ("B1 e-waste (re-mandated)", b, "2020-12-31", "by the end of 2020"),
        ("E1 harmonize/harmonise", b, "2020-11-30", "by the end of November"),
        ("F2 request IMG", b, "2020-12-31", "by 2020"),
        ("N2 lessons learned/learnt", b, "2020-10-31", "by 31 October 2020"),
    }


def test_history_of_one_task_across_meetings(samples_store, names):
    rows = cli_json("history", "--search", "E-waste", "--store", samples_store)
    assert [r["symbol"] for r in rows] == [SYMBOLS[n] for n in NOTES]
    assert {"symbol", "meeting_date", "status", "progress_text", "next_steps_text"} <= set(rows[0])
    assert [r["meeting_date"] for r in rows] == ["2020-04-29", "2020-09-24", "2021-04-21"]
    by_key = cli_json("history", rows[0]["task_key"], "--store", samples_store)
    assert by_key == rows
    assert cli("history", "--store", samples_store).exit_code == 2


def test_csv_and_table_formats(samples_store):
    csv_out = cli("stalled", "--store", samples_store, "--format", "csv").stdout
    assert csv_out.splitlines()[0] == "task_key,task_text,symbols,statuses,reasons"
    assert "status; unchanged_text" in csv_out
    table = cli("dropped", "--store", samples_store)
    assert table.exit_code == 0 and "Common Premises" in table.stdout


def test_history_table_keeps_each_id_on_one_line_to_copy(samples_store):
    """A task_key or task_id is copied from the table into `history KEY`, `link`, `unlink`:
    the terminal table never wraps one across lines, however narrow the text columns get."""
    rows = cli_json("history", "--search", "E-waste", "--store", samples_store)
    table = cli("history", "--search", "E-waste", "--store", samples_store)
    assert table.exit_code == 0
    for row in rows:
        assert row["task_key"] in table.stdout and row["task_id"] in table.stdout


def test_an_empty_result_is_one_line(tmp_path):
    """No boxed table with no rows: the title and "(none)"."""
    store = tmp_path / "store"
    assert cli("ingest", SAMPLES / "som26-midterm.docx", "--store", store).exit_code == 0
    result = cli("carried-over", "--store", store)
    assert result.exit_code == 0 and result.stdout == "Carried over: (none)\n"


def test_link_and_unlink_corrections_survive_reingest(samples_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(samples_store, store, symlinks=True)
    keys = keyed_rows(store)
    tasks = read_table(store, "tasks")
    docs = read_table(store, "documents")
    annual_docx = docs[(docs.symbol == SYMBOLS["som26-annual"]) & (docs.format == "docx")].doc_id.iloc[0]
    ewaste_2 = tasks[(tasks.doc_id == annual_docx) & (tasks.ordinal == 4)].task_id.iloc[0]
    assert cli("unlink", ewaste_2, "--store", store).exit_code == 0
    after = keyed_rows(store)
    assert after[("som26-annual", "docx", 4)] != after[("som26-midterm", "docx", 6)]
    assert after[("som26-annual", "pdf", 4)] == after[("som26-annual", "docx", 4)]  # both formats follow
    assert cli("ingest", SAMPLES, "--store", store).exit_code == 0  # re-ingest: nothing lost
    assert keyed_rows(store) == after
    midterm_docx = docs[(docs.symbol == SYMBOLS["som26-midterm"]) & (docs.format == "docx")].doc_id.iloc[0]
    first_ewaste = tasks[(tasks.doc_id == midterm_docx) & (tasks.ordinal == 6)].task_id.iloc[0]
    assert cli("link", first_ewaste, ewaste_2, "--store", store).exit_code == 0  # the latest correction wins
    assert keyed_rows(store) == keys
    assert cli("link", "no-such-task", ewaste_2, "--store", store).exit_code == 1  # not there (README, "Exit statuses")
