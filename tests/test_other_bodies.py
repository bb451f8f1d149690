"""Progress tables of other UN bodies (issue 16): whatever words their headers use, read exactly.

The notes in tests/fixtures/other-bodies/ are built by samples/build_other_bodies.py from the
hand-written specs in samples/source/ (unep_cpr159.py, ocean_tracker.py, iaccw.py, and the real
seed note under UNEP's header block); the rows a reader should find, with the typed columns
(references, lead entities, deadline dates) written by hand, are in tests/expected/.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, cli, expected, read_table

OTHER = FIXTURES / "other-bodies"
MANIFEST = json.loads((OTHER / "manifest.json").read_text(encoding="utf-8"))
ROOT = FIXTURES.parent.parent
# every file of every note, Word and each PDF producer: (truth name, path); the copy whose header
# words must be taught first is tested on its own below
FILES = [(e["truth"], ROOT / e["file"]) for e in MANIFEST if e["class"] == "other-bodies"]
NOTES = sorted({name for name, _ in FILES})
CELL_FIELDS = ("task_text", "progress_text", "next_steps_text")


def ws(text) -> str:
    return " ".join((text or "").split())


def none(value):
    """A missing value as None (pandas reads a null string as NaN)."""
    return None if isinstance(value, float) and value != value else value


def file_id(param) -> str:
    return param.name if isinstance(param, Path) else str(param)


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> dict:
    """One store per file, each ingested by the real CLI."""
    out = {}
    for _, path in FILES:
        store = tmp_path_factory.mktemp(path.stem) / "store"
        result = cli("ingest", path, "--store", store, "--workers", "1")
        assert result.exit_code == 0, result.output
        out[path] = store
    return out


def tasks_of(store: Path):
    return read_table(store, "tasks").sort_values("ordinal").reset_index(drop=True)


def test_the_fixtures_are_three_layouts_and_the_seed_in_word_and_pdf():
    """Guards the tests below: each note is there as Word and as at least one PDF."""
    assert {"unep-cpr159-implementation", "ocean-network-tracker", "iaccw-session7", "iaccw-session8",
            "som26-midterm-unep"} <= set(NOTES)
    for name in NOTES:
        suffixes = sorted(p.suffix for n, p in FILES if n == name)
        assert ".docx" in suffixes and ".pdf" in suffixes, name


@pytest.mark.parametrize("name,path", FILES, ids=file_id)
def test_every_row_is_read_exactly(stores, name, path):
    tasks = tasks_of(stores[path])
    want = expected(name)["tasks"]
    assert len(tasks) == len(want)
    for got, exp in zip(tasks.to_dict("records"), want):
        for key in ("part", "part_title", "section", "section_title", "status"):
            assert got[key] == exp[key], (exp["ordinal"], key)
        for key in CELL_FIELDS:
            if path.suffix == ".docx":
                assert (got[key] or "") == exp[key], (exp["ordinal"], key)
            else:
                assert ws(got[key]) == ws(exp[key]), (exp["ordinal"], key)
        assert {k: ws(v) for k, v in dict(got["extra"] or []).items()} == {k: ws(v) for k, v in exp["extra"].items()}


@pytest.mark.parametrize("name,path", FILES, ids=file_id)
def test_progress_items_match_the_hand_labels(stores, name, path):
    items = read_table(stores[path], "progress_items")
    for task_id, exp in zip(tasks_of(stores[path])["task_id"], expected(name)["tasks"]):
        got = items[items.task_id == task_id].sort_values("item_no")
        assert list(got["status"]) == [i["status"] for i in exp["items"]], exp["ordinal"]
        assert list(got["status_label"].fillna("<none>")) == [i["status_label"] or "<none>" for i in exp["items"]]
        assert [ws(t) for t in got["text"]] == [ws(i["text"]) for i in exp["items"]]


@pytest.mark.parametrize("name,path", FILES, ids=file_id)
def test_typed_columns_are_stored_as_data(stores, name, path):
    """References apart from the text, lead entities as a list, a deadline column's dates as
    deadlines: each as written by hand in the spec."""
    tasks = tasks_of(stores[path])
    dates = read_table(stores[path], "dates")
    for got, exp in zip(tasks.to_dict("records"), expected(name)["tasks"]):
        assert none(got["reference"]) == exp.get("reference"), exp["ordinal"]
        assert none(got["reference_key"]) == exp.get("reference_key"), exp["ordinal"]
        lead = got["lead"]
        assert (list(lead) if lead is not None else None) == exp.get("lead"), exp["ordinal"]
        mine = dates[(dates.task_id == got["task_id"]) & (dates.field == "deadline")].sort_values("char_start")
        assert set(mine["kind"]) <= {"deadline"}
        found = [{"text": r.text, "start": str(r.start), "end": str(r.end)} for r in mine.itertuples()]
        assert found == exp.get("deadlines", []), exp["ordinal"]


@pytest.mark.parametrize("name,path", FILES, ids=file_id)
def test_header_names_organization_series_meeting_and_dates(stores, name, path):
    doc = read_table(stores[path], "documents").iloc[0]
    meta = expected(name)["meta"]
    for key in ("organization", "series", "symbol", "title", "segment", "meeting_number"):
        assert none(doc[key]) == meta[key], key
    assert str(doc["meeting_date"]) == meta["meeting_date"]
    assert str(doc["note_date"]) == meta["note_date"]
    assert doc["n_tasks"] == len(expected(name)["tasks"])


@pytest.mark.parametrize("name,path", FILES, ids=file_id)
def test_every_word_is_accounted_for(stores, name, path):
    doc = read_table(stores[path], "documents").iloc[0]
    assert doc["unplaced_words"] == 0
    assert not [w for w in doc["warnings"] if w.startswith(("unplaced_text", "not_a_progress_note"))]


def test_the_reported_case_reads_all_22_rows_and_names_unep(stores):
    """Issue 16's report: the seed's rows under UNEP's header block gave 0 rows and "Ep"."""
    for name, path in FILES:
        if name == "som26-midterm-unep":
            assert len(tasks_of(stores[path])) == 22
            doc = read_table(stores[path], "documents").iloc[0]
            assert (doc["organization"], doc["series"]) == ("UNEP", "UNEP/EA")


def test_a_reference_that_opens_the_task_cell_is_not_task_text(stores):
    path = OTHER / "unep-cpr159-implementation.docx"
    tasks = tasks_of(stores[path])
    first = tasks.iloc[0]
    assert first["reference"] == "5/14"
    assert first["task_text"].startswith("End plastic pollution")
    # in a sentence that goes on from it, the number stays in the text and is stored as well
    sentence = tasks[tasks.reference == "Resolution 5/5"].iloc[0]
    assert sentence["task_text"].startswith("Resolution 5/5 on nature-based solutions")


# ---------------------------------------------------------------- column roles as data

@pytest.mark.parametrize("header,role", [
    ("Decision", "task"), ("Resolution / request", "task"), ("Request", "task"), ("Recommendation", "task"),
    ("Action point", "task"), ("Mandate", "task"), ("Tasks", "task"), ("Action items", "task"),
    ("Status of implementation", "progress"), ("Implementation status", "progress"), ("Action taken", "progress"),
    ("Actions taken to date", "progress"), ("Progress made", "progress"), ("Current progress", "progress"),
    ("Way forward", "next_steps"), ("Follow-up", "next_steps"), ("Planned action", "next_steps"),
    ("Next steps", "next_steps"),
    ("Responsible", "lead"), ("Lead", "lead"), ("Lead agency", "lead"), ("Focal point", "lead"),
    ("Responsible entity", "lead"),
    ("Deadline", "deadline"), ("Timeline", "deadline"), ("Due date", "deadline"), ("Target date", "deadline"),
    ("Date due", "deadline"), ("Timeframe", "deadline"),
    ("Status", "status"), ("Current status", "status"),
    ("Decision no.", "reference"), ("Ref.", "reference"), ("Resolution number", "reference"),
    ("No.", "number"), ("S/N", "number"), ("Remarks", "extra"), ("Leadership", "extra"),
])
def test_header_wordings_of_un_bodies_name_their_roles(header, role):
    from somnotes.extract.layout import header_role

    assert header_role(header) == role


def test_a_lone_status_column_is_the_progress():
    from somnotes.extract.layout import column_roles
    from somnotes.extract.model import Cell

    cells = [Cell([h]) for h in ("Action point", "Responsible", "Deadline", "Status")]
    assert column_roles(cells) == ["task", "lead", "deadline", "progress"]
    cells = [Cell([h]) for h in ("Tasks", "Status", "Progress", "Next steps")]
    assert column_roles(cells) == ["task", "status", "progress", "next_steps"]


TAUGHT = OTHER / "ocean-network-tracker-taught.docx"
TEACHING = ["--column", "Commitment=task", "--column", "Where we are=progress", "--column", "Who=lead",
            "--column", "When=deadline"]


def test_a_wording_is_taught_without_editing_code_and_the_store_remembers_it(tmp_path):
    store = tmp_path / "store"
    first = tmp_path / "in" / TAUGHT.name
    first.parent.mkdir()
    shutil.copy(TAUGHT, first)
    result = cli("ingest", first, "--store", store)
    assert result.exit_code == 0
    # said on stderr, with the header to teach (samples/source/ocean_tracker.py: its wordings)
    assert result.stderr == (f"somnotes: {first}: not a progress note (no Tasks | Progress | Next steps table); "
                             "stored with 0 tasks; if the table headed \"Commitment | Who | When | Where we are\" holds "
                             "its tasks, name its columns' roles with --column WORDING=ROLE (e.g. --column "
                             "\"Commitment=task\")\n")
    docs = read_table(store, "documents")
    assert docs.iloc[0]["n_tasks"] == 0  # no header word is known: not a progress note
    assert any(w.startswith("not_a_progress_note") for w in docs.iloc[0]["warnings"])

    result = cli("ingest", first, "--store", store, *TEACHING)
    assert result.exit_code == 0, result.output
    assert "1 note, 8 tasks" in result.output  # the stored note is read again with the new words
    want = expected("ocean-network-tracker-taught")["tasks"]
    tasks = tasks_of(store)
    assert list(tasks.task_text) == [t["task_text"] for t in want]
    assert [list(x) for x in tasks.lead] == [t["lead"] for t in want]
    assert [dict(e) for e in tasks.extra] == [t["extra"] for t in want]

    # a later ingest into the same store, told nothing, reads a new copy alike
    second = tmp_path / "later" / "copy-of-tracker.docx"
    second.parent.mkdir()
    shutil.copy(TAUGHT, second)
    result = cli("ingest", second, first, "--store", store)
    assert result.exit_code == 0, result.output
    assert "1 unchanged" in result.output  # the taught reading of the first file is still current
    docs = read_table(store, "documents")
    assert set(docs.n_tasks) == {8}
    assert json.loads((store / "column_roles.jsonl").read_text().splitlines()[0]) == {"wording": "Commitment", "role": "task"}


@pytest.mark.parametrize("option", ["Commitment", "=task", "Commitment=owner", "Who="])
def test_a_wrong_column_option_is_a_usage_error(tmp_path, option):
    result = cli("ingest", TAUGHT, "--store", tmp_path / "store", "--column", option)
    assert result.exit_code == 2
    assert "--column" in result.output
    assert not (tmp_path / "store").exists()


# ---------------------------------------------------------------- references

@pytest.mark.parametrize("paragraph,reference,key,rest", [
    ("4/7 Marine plastic litter and microplastics", "4/7", "* 4/7", "Marine plastic litter and microplastics"),
    ("Decision SOM25/3 (a): Agree to establish a process", "Decision SOM25/3 (a)", "dec 25/3(a)", "Agree to establish a process"),
    ("UNEP/EA.4/Res.7 Marine litter", "UNEP/EA.4/Res.7", "res 4/7", "Marine litter"),
    ("Resolution 4/11, para. 5: Requests the Executive Director", "Resolution 4/11, para. 5", "res 4/11 p5",
     "Requests the Executive Director"),
    ("A/RES/70/1 Transforming our world", "A/RES/70/1", "res 70/1", "Transforming our world"),
    ("Res. 4/2 \u2013 Towards a pollution-free planet", "Res. 4/2", "res 4/2", "Towards a pollution-free planet"),
    ("Recommendation 3. Establish a roster", "Recommendation 3", "rec 3", "Establish a roster"),
    ("Resolution 4/7 on marine litter requests", "Resolution 4/7", "res 4/7", "Resolution 4/7 on marine litter requests"),
    ("Agree to establish an interagency Consultative Process", None, None, None),
    ("2030 Agenda for Sustainable Development", None, None, None),
    ("Dec 2020 meeting of the Bureau", None, None, None),
    ("12/2020 was a year of change", None, None, None),
])
def test_references_in_the_forms_notes_write_them(paragraph, reference, key, rest):
    from somnotes.extract.layout import take_reference
    from somnotes.extract.model import Cell, TaskRow

    row = TaskRow(None, None, None, None, Cell([paragraph, "Second paragraph."]), Cell(), Cell(), {}, None, None)
    take_reference(row, None)
    assert (row.reference, row.reference_key) == (reference, key)
    assert row.task.paragraphs == [rest or paragraph, "Second paragraph."]


@pytest.mark.parametrize("a,b,relation", [
    ("res 4/7", "* 4/7", "same"), ("dec 6/1(a)", "dec 6/1(a)", "same"), ("dec 6/1(a)", "dec 6/1(b)", "different"),
    ("dec 6/1(a)", "dec 7/1", "different"), ("dec 4/1", "res 4/1", "different"), ("res 5/14", "res 5/14 p7", "unknown"),
    ("res 4/7", None, "unknown"), ("* op 5", "* op 5", "same"), ("* op 5", "* op 6", "different"),
])
def test_reference_relations(a, b, relation):
    from somnotes.store.references import reference_relation

    assert reference_relation(a, b) == relation
    assert reference_relation(b, a) == relation


SESSIONS = [OTHER / f"iaccw-session{n}.{fmt}" for n in (7, 8) for fmt in ("docx", "pdf")]


@pytest.fixture(scope="module")
def sessions_store(tmp_path_factory) -> Path:
    """The committee's notes at its seventh and eighth sessions, Word and PDF, in one store."""
    store = tmp_path_factory.mktemp("sessions") / "store"
    result = cli("ingest", *SESSIONS, "--store", store)
    assert result.exit_code == 0, result.output
    return store


def keyed(store: Path):
    tasks = read_table(store, "tasks").merge(read_table(store, "documents")[["doc_id", "symbol", "format"]], on="doc_id")
    return {(r.symbol, r.reference): r.task_key for r in tasks.itertuples() if r.format == "docx"}, tasks


def test_the_reference_decides_which_rows_are_one_task(sessions_store):
    """Which rows are one task, by hand: 6/1 (a), 6/2 and 6/3 carry over (6/1 (a) in new words);
    7/1, worded nearly as 6/1 (a) first was, is a task of its own."""
    keys, tasks = keyed(sessions_store)
    s7, s8 = "E/IACCW/2022/4", "E/IACCW/2023/3"
    for ref in ("6/1 (a)", "6/2", "6/3"):
        assert keys[(s7, ref)] == keys[(s8, ref)], ref
    assert keys[(s8, "7/1")] not in {keys[(s7, r)] for r in ("6/1 (a)", "6/1 (b)", "6/2", "6/3", "6/5")}
    assert len(set(keys.values())) == 6
    for fmt_keys in tasks.groupby("format"):  # the PDFs' rows have the Word files' keys
        assert sorted(set(fmt_keys[1].task_key)) == sorted(set(keys.values()))


def test_history_finds_a_task_by_its_decision_number(sessions_store):
    result = cli("history", "--search", "6/1 (a)", "--store", sessions_store, "--format", "json")
    rows = json.loads(result.output)
    assert [(r["symbol"], r["status"], r["reference"]) for r in rows] == [
        ("E/IACCW/2022/4", "ongoing", "6/1 (a)"), ("E/IACCW/2023/3", "postponed", "6/1 (a)")]
    assert len({r["task_key"] for r in rows}) == 1


@pytest.mark.parametrize("search, want", [
    # the notes write "6/1 (a)" in a Decision no. column: a search in other words finds it
    ("Decision 6/1 (a)", {("E/IACCW/2022/4", "6/1 (a)"), ("E/IACCW/2023/3", "6/1 (a)")}),
    ("dec 6/1(a)", {("E/IACCW/2022/4", "6/1 (a)"), ("E/IACCW/2023/3", "6/1 (a)")}),
    # a decision without its sub-item names both (6/1 (b) was completed at the seventh session)
    ("Decision 6/1", {("E/IACCW/2022/4", "6/1 (a)"), ("E/IACCW/2023/3", "6/1 (a)"), ("E/IACCW/2022/4", "6/1 (b)")}),
])
def test_history_finds_a_decision_however_the_search_writes_it(sessions_store, search, want):
    result = cli("history", "--search", search, "--store", sessions_store, "--format", "json")
    assert {(r["symbol"], r["reference"]) for r in json.loads(result.output)} == want


def test_another_kind_of_document_with_the_same_numbers_is_not_found(sessions_store):
    result = cli("history", "--search", "Resolution 6/1 (a)", "--store", sessions_store)
    assert result.exit_code == 1 and "no task's text or reference contains 'Resolution 6/1 (a)'" in result.stderr


def test_the_words_alone_would_link_these_rows_wrongly(sessions_store):
    """Guards the test above: without the numbers, the text similarity the linker uses joins
    7/1 to 6/1 (a) and leaves the re-worded 6/1 (a) apart."""
    from somnotes.store.linking import LINK_THRESHOLD, TextIndex

    _, tasks = keyed(sessions_store)
    text = {(r.symbol, r.reference): r.task_text for r in tasks.itertuples() if r.format == "docx"}
    index = TextIndex(list(tasks.task_text))
    first = text[("E/IACCW/2022/4", "6/1 (a)")]
    reworded, lookalike = text[("E/IACCW/2023/3", "6/1 (a)")], text[("E/IACCW/2023/3", "7/1")]
    scores = index.similarity([reworded, lookalike], [first])
    assert scores[0, 0] < LINK_THRESHOLD < scores[1, 0]


def test_overdue_reads_deadline_columns(sessions_store):
    """6/1 (a) was due in December 2022 (its Target date column) and is still open (postponed)
    at the eighth session; 6/2 was due in June 2022 and is completed; none of the task or
    follow-up texts state a deadline."""
    result = cli("overdue", "--store", sessions_store, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["from_symbol"], r["to_symbol"], r["deadline"], r["deadline_text"]) for r in rows] == [
        ("E/IACCW/2022/4", "E/IACCW/2023/3", "2022-12-31", "December 2022")]
    dates = read_table(sessions_store, "dates")
    assert set(dates[dates.field.isin(["task", "next_steps"])].kind) <= {"past", "planned"}


def test_notes_of_two_bodies_of_one_organization_are_two_series(tmp_path):
    """UNEP/CPR and UNEP/EA notes (both UNEP) form two series, for the queries and for the linker
    (store/linking.py: note_groups, on the documents rows it holds)."""
    from somnotes.store import open_store, queries
    from somnotes.store.linking import note_groups

    store = tmp_path / "store"
    files = [OTHER / "unep-cpr159-implementation.docx", OTHER / "som26-midterm-unep.docx",
             OTHER / "ocean-network-tracker.docx"]
    assert cli("ingest", *files, "--store", store).exit_code == 0
    notes = queries.series_notes(open_store(store))
    assert sorted(notes.series) == ["Inter-Agency Network on Ocean Action", "UNEP/CPR", "UNEP/EA"]
    assert set(notes.organization) == {"Inter-Agency Network on Ocean Action", "UNEP"}
    assert set(notes.note_no) == {1}
    docs = open_store(store).table("documents").to_pylist()  # as the linker reads them
    linked = {doc["doc_id"]: series for series, notes_of in note_groups(docs).items()
              for files in notes_of for doc in files}
    assert linked == dict(zip(notes.doc_id, notes.series))
    assert json.loads(cli("carried-over", "--store", store, "--format", "json").output) == []
    assert json.loads(cli("dropped", "--store", store, "--format", "json").output) == []


# ---------------------------------------------------------------- the header block

@pytest.mark.parametrize("lines,organization,series,meeting_date,note_date", [
    # the case: a code line under UNITED NATIONS, the session's dates on their own line
    (["UNITED NATIONS", "EP", "UNEP/EA.5/INF/3", "Distr.: General", "15 December 2020", "English only",
      "Fifth session", "Nairobi (online), 22\u201326 February 2021"], "UNEP", "UNEP/EA", "2021-02-22", "2020-12-15"),
    (["UNITED NATIONS", "E", "E/ICEF/2021/3", "Annual session 2021", "1\u20134 June 2021"],
     "ICEF", "E/ICEF", "2021-06-01", None),
    (["UNITED NATIONS", "A", "A/AC.105/1260", "General Assembly", "Distr.: General", "3 May 2022"],
     "General Assembly", "General Assembly", "2022-05-03", "2022-05-03"),
    (["UNITED NATIONS", "DP", "DP/2021/1", "Distr.: General", "3 May 2022"], None, "DP", "2022-05-03", "2022-05-03"),
    (["UNITED NATIONS", "ENVIRONMENT MANAGEMENT GROUP", "Mid-Term Technical Segment of the 26th Senior Officials Meeting",
      "29 April 2020", "EMG SOM26/mid-term/03"], "Environment Management Group", "Environment Management Group",
     "2020-04-29", None),
    (["COMMITTEE ON OCEAN DATA", "Third meeting", "Paris, 28 February \u2013 2 March 2022", "Summary of actions",
      "Issued 15 March 2022"], "Committee on Ocean Data", "Committee on Ocean Data", "2022-02-28", "2022-03-15"),
])
def test_header_organization_series_and_meeting_date(lines, organization, series, meeting_date, note_date):
    from somnotes.extract.header import parse_header

    header = parse_header(lines)
    assert (header.organization, header.series) == (organization, series)
    assert str(header.meeting_date) == meeting_date
    assert (str(header.note_date) if header.note_date else None) == note_date


def test_a_correction_names_a_note_without_a_symbol_as_the_queries_do(tmp_path):
    """An action tracker has no symbol: `corrections` names its row's note as `history` does,
    and calls a row gone only when it is no longer in the store."""
    store = tmp_path / "store"
    assert cli("ingest", OTHER / "ocean-network-tracker.docx", "--store", store).exit_code == 0
    task = read_table(store, "tasks").sort_values("ordinal").iloc[1]
    assert cli("unlink", task.task_id, "--store", store).exit_code == 0
    shown = json.loads(cli("history", task.task_key, "--store", store, "--format", "json").stdout)
    listed = json.loads(cli("corrections", "--store", store, "--format", "json").stdout)
    assert shown[0]["symbol"] and listed[0]["symbol"] == shown[0]["symbol"]
    table = cli("corrections", "--store", store).stdout
    assert f"{task.task_id} ({shown[0]['symbol']}" in " ".join(table.split()) and "(gone)" not in table
