"""`somnotes links [--review]`, `link`, `unlink` and `corrections` on the long series: every link
is stored with its score and reason, the uncertain ones are listed with both texts, and a
person's corrections do what they say, the latest about a row winning."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import FIXTURES, cli, read_table

SERIES = FIXTURES / "series"
TRUTH = json.loads((SERIES / "truth.json").read_text(encoding="utf-8"))
FEATURES = {"text", "section", "continuity", "closed", "absent", "reference"}


@pytest.fixture(scope="module")
def word_store(tmp_path_factory):
    """The eight notes of the long series, Word files only, ingested by the real CLI."""
    store = tmp_path_factory.mktemp("links") / "store"
    result = cli("ingest", *sorted(SERIES.glob("*.docx")), "--store", store)
    assert result.exit_code == 0, result.output
    return store


@pytest.fixture
def store(word_store, tmp_path):
    """A copy to correct."""
    copy = tmp_path / "store"
    shutil.copytree(word_store, copy, symlinks=True)
    return copy


def rows(store):
    """task rows with their note's symbol and the hand-written task label."""
    docs = read_table(store, "documents")[["doc_id", "symbol", "meeting_date"]]
    tasks = read_table(store, "tasks").merge(docs, on="doc_id")
    label = {(n["symbol"], r["ordinal"]): r["label"] for n in TRUTH["notes"] for r in n["rows"]}
    tasks["label"] = [label[(s, o)] for s, o in zip(tasks.symbol, tasks.ordinal)]
    return tasks


def row(tasks, label: str, note: str):
    symbol = next(n["symbol"] for n in TRUTH["notes"] if n["name"] == note)
    return tasks[(tasks.label == label) & (tasks.symbol == symbol)].iloc[0]


def cli_json(*args):
    result = cli(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_each_link_is_stored_with_its_score_features_and_reason(word_store):
    tasks = rows(word_store)
    first = tasks[tasks.symbol == TRUTH["notes"][0]["symbol"]]
    assert set(first.link_decision) == {"first"} and first.link_prev.isna().all()
    later = tasks[tasks.symbol != TRUTH["notes"][0]["symbol"]]
    assert set(later.link_decision) == {"linked", "new"}
    by_id = tasks.set_index("task_id")
    for r in later.itertuples():
        assert set(dict(r.link_features)) == FEATURES and r.link_reason.startswith(r.link_decision)
        prev = by_id.loc[r.link_prev]
        assert prev.meeting_date < r.meeting_date
        if r.link_decision == "linked":  # the row it continues carries the same key, and the score passed
            assert prev.task_key == r.task_key and prev.label == r.label and r.link_score >= 0.5
        else:
            assert prev.task_key != r.task_key and r.link_score < 0.5 or "went to row" in r.link_reason
    # a verbatim carry-over is sure; the re-mandate is linked on continuity and listed for review
    themes = row(tasks, "nex-themes", "som31-annual")
    assert themes.link_score >= 1.0 and not themes.link_uncertain
    remandate = row(tasks, "ew-coalition", "som29-midterm")
    assert remandate.link_decision == "linked" and remandate.link_uncertain
    assert dict(remandate.link_features)["continuity"] > 0 and "continuity" in remandate.link_reason
    assert remandate.link_prev == row(tasks, "ew-coalition", "som28-annual").task_id


def test_state_rules_turn_down_look_alikes_of_closed_and_absent_tasks(word_store):
    tasks = rows(word_store)
    wmo = row(tasks, "peer-wmo", "som29-annual")
    assert wmo.link_decision == "new" and wmo.link_uncertain
    assert wmo.link_prev == row(tasks, "peer-unido", "som29-midterm").task_id  # shown beside the completed review
    assert dict(wmo.link_features)["closed"] == 1 and re.search(r"closed .* because it was closed", wmo.link_reason)
    monitoring = row(tasks, "nex-monitoring", "som30-annual")
    assert monitoring.link_decision == "new" and monitoring.link_uncertain
    assert monitoring.link_prev == row(tasks, "nex-digital", "som29-midterm").task_id
    assert dict(monitoring.link_features)["absent"] == 2 and "because it was absent" in monitoring.link_reason


def test_links_review_lists_the_uncertain_ones_with_both_texts(word_store):
    review = cli_json("links", "--review", "--store", word_store)
    tasks = rows(word_store).set_index("task_id")
    pairs = {(tasks.loc[r["prev_task_id"]].label, tasks.loc[r["task_id"]].label) for r in review}
    assert {("ew-coalition", "ew-coalition"), ("peer-unido", "peer-wmo"), ("nex-digital", "nex-monitoring"),
            ("bio-input", "bio-review"), ("img-training", "img-pilot")} <= pairs
    assert ("nex-themes", "nex-themes") not in pairs and len(review) < 12
    for r in review:
        assert r["prev_task_text"] == tasks.loc[r["prev_task_id"]].task_text
        assert r["task_text"] == tasks.loc[r["task_id"]].task_text
        assert r["confirm"].startswith("somnotes ") and r["reverse"].startswith("somnotes ")
    everything = cli_json("links", "--store", word_store)
    assert len(everything) == sum(len(n["rows"]) for n in TRUTH["notes"][1:]) > len(review)
    table = cli("links", "--review", "--store", word_store)
    assert table.exit_code == 0 and "Renew the mandate" in table.stdout


def test_a_person_settles_a_review_item_with_link_or_unlink(store):
    tasks = rows(store)
    unido, wmo = row(tasks, "peer-unido", "som29-midterm"), row(tasks, "peer-wmo", "som29-annual")
    item = next(r for r in cli_json("links", "--review", "--store", store) if r["task_id"] == wmo.task_id)
    assert item["reverse"] == f"somnotes link {unido.task_id} {wmo.task_id}"
    result = cli(*item["reverse"].split()[1:], "--store", store)  # the reviewer disagrees: one task
    assert result.exit_code == 0 and result.stdout.strip() == f"linked {unido.task_id} and {wmo.task_id}"
    after = rows(store)
    assert row(after, "peer-wmo", "som29-annual").task_key == row(after, "peer-unido", "som28-midterm").task_key
    assert row(after, "peer-wmo", "som30-annual").task_key == row(after, "peer-unido", "som28-midterm").task_key
    assert wmo.task_id not in {r["task_id"] for r in cli_json("links", "--review", "--store", store)}
    # and confirms the re-mandate as it stands: it leaves the list too
    remandate = row(tasks, "ew-coalition", "som29-midterm")
    item = next(r for r in cli_json("links", "--review", "--store", store) if r["task_id"] == remandate.task_id)
    assert cli(*item["confirm"].split()[1:], "--store", store).exit_code == 0
    assert remandate.task_id not in {r["task_id"] for r in cli_json("links", "--review", "--store", store)}
    assert row(rows(store), "ew-coalition", "som29-midterm").link_decision == "user_link"


def test_unlink_then_link_the_latest_correction_wins(store):
    """Issue 10: `unlink ROW` then `link OTHER ROW` printed "linked" while the unlink still won."""
    tasks = rows(store)
    before, after = row(tasks, "ew-coalition", "som28-annual"), row(tasks, "ew-coalition", "som29-midterm")
    key = after.task_key
    assert cli("unlink", after.task_id, "--store", store).exit_code == 0
    split = rows(store)
    assert row(split, "ew-coalition", "som29-midterm").task_key != key
    assert row(split, "ew-coalition", "som31-annual").task_key == row(split, "ew-coalition", "som29-midterm").task_key
    result = cli("link", before.task_id, after.task_id, "--store", store)
    assert result.exit_code == 0 and result.stdout.startswith("linked")
    relinked = rows(store)
    assert {row(relinked, "ew-coalition", n).task_key for n in ("som28-midterm", "som29-midterm", "som31-annual")} == {key}
    in_force = cli_json("corrections", "--store", store)
    assert [(c["op"], c["task_id"], c["other_task_id"]) for c in in_force] == [("link", before.task_id, after.task_id)]
    assert in_force[0]["task_text"] == before.task_text and in_force[0]["other_task_text"] == after.task_text
    history = cli_json("corrections", "--all", "--store", store)
    assert [(c["n"], c["op"], c["status"]) for c in history] == [(1, "unlink", "undone by #2"), (2, "link", "in force")]
    # the terminal table names each row whole (task_id and note on one line), the correction and its state
    table = cli("corrections", "--all", "--store", store).stdout
    assert f"{before.task_id} ({before.symbol})" in table and f"{after.task_id} ({after.symbol})" in table
    assert "unlink: starts a task of its own" in table and "undone by #2" in table and "link: one task" in table
    # and the other way round: link, then unlink the same row; the unlink holds
    assert cli("unlink", after.task_id, "--store", store).exit_code == 0
    assert row(rows(store), "ew-coalition", "som29-midterm").task_key != key
    assert [(c["n"], c["op"]) for c in cli_json("corrections", "--store", store)] == [(3, "unlink")]
    assert [c["status"] for c in cli_json("corrections", "--all", "--store", store)] == \
        ["repeated by #3", "undone by #3", "in force"]


def test_corrections_in_the_first_file_format_still_apply(store):
    tasks = rows(store)
    themes = row(tasks, "nex-themes", "som30-midterm")
    (store / "overrides.json").write_text(json.dumps({"link": [], "unlink": [[themes.task_id]]}), encoding="utf-8")
    listed = cli_json("corrections", "--all", "--store", store)
    assert [(c["op"], c["task_id"]) for c in listed] == [("unlink", themes.task_id)]
    other = row(tasks, "hr-right", "som31-annual")
    assert cli("unlink", other.task_id, "--store", store).exit_code == 0  # commits, applying both
    after = rows(store)
    assert row(after, "nex-themes", "som30-midterm").task_key != row(after, "nex-themes", "som29-annual").task_key
    assert row(after, "nex-themes", "som30-midterm").link_decision == "user_unlink"
    assert json.loads((store / "overrides.json").read_text())["corrections"][0]["rows"] == [themes.task_id]


def test_corrections_that_cannot_be_are_refused_in_one_line(store):
    tasks = rows(store)
    a, b = row(tasks, "img-ghg", "som30-midterm"), row(tasks, "img-waste", "som30-midterm")
    missing = cli("link", "no-such-row", a.task_id, "--store", store)
    assert missing.exit_code == 1 and missing.stderr.strip() == "somnotes: no task row with task_id no-such-row"
    same_note = cli("link", a.task_id, b.task_id, "--store", store)
    assert same_note.exit_code == 2 and "same note" in same_note.stderr and len(same_note.stderr.splitlines()) == 1
    assert cli("unlink", a.task_id, a.task_id, "--store", store).exit_code == 2
    assert not (store / "overrides.json").exists()
    listed = cli("corrections", "--store", store, "--format", "csv")  # nothing in force: the header alone
    assert listed.exit_code == 0 and listed.stdout.splitlines() == [
        "n,at,op,meaning,in_force,status,task_id,symbol,task_text,other_task_id,other_symbol,other_task_text"]


def test_report_marks_uncertain_links(word_store, tmp_path):
    out = tmp_path / "report.html"
    assert cli("report", "--out", out, "--store", word_store).exit_code == 0
    page = out.read_text(encoding="utf-8")
    uncertain = rows(word_store).link_uncertain.sum()
    assert f"Links to review ({uncertain})" in page
    assert page.count('class="cell uncertain"') == uncertain  # the timeline cell of each
    assert page.count('<tr class="uncertain"') == uncertain  # the row of each in the task's history
    assert "somnotes link " in page and "Renew the mandate of the E-waste Coalition" in page


def test_linking_rows_of_two_series_is_refused_in_one_line(tmp_path):
    """Tasks are followed within a series: a link across two would hold nowhere (the linker walks
    each series alone), so it is refused like a link within one note."""
    other = FIXTURES / "other-bodies"
    store = tmp_path / "store"
    files = [other / "iaccw-session7.docx", other / "unep-cpr159-implementation.docx"]
    assert cli("ingest", *files, "--store", store).exit_code == 0
    tasks = read_table(store, "tasks").merge(read_table(store, "documents")[["doc_id", "symbol"]], on="doc_id")
    committee = tasks[tasks.symbol == "E/IACCW/2022/4"].task_id.iloc[0]
    cpr = tasks[tasks.symbol == "UNEP/CPR/159/4"].task_id.iloc[0]
    result = cli("link", committee, cpr, "--store", store)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == ("somnotes: the two rows are in notes of two series (Inter-Agency Committee on "
                             "Chemicals and Waste; UNEP/CPR): tasks are followed within one series\n")
    assert not (store / "overrides.json").exists()
