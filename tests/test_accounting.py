"""The word accounting (extract/accounting.py) on hand-built word lists: a word broken at a
cell's edge is matched to its whole stored form, wherever reading order put its pieces."""
from somnotes.extract.accounting import MAX_PIECE_DISTANCE, unplaced_phrases

# One line of a three-column table read across the page, then the cell's next line: the Task
# cell's "operationalizati" and its rest "on" have the other columns' words between them.
LINE_ACROSS = ["Comes", "encouraged", "operationalizati", "context", "Bank", "on", "microplastic"]
# A cell further on holds the word "on" itself: the stored "on"s are matched in reading order, so
# the broken word's "on" takes that cell's, whose own "on" is then the one missing, too far off
# to be joined to the piece as a missing neighbour.
BETWEEN = [f"filler{i}" for i in range(MAX_PIECE_DISTANCE + 1)]
ELSEWHERE = [*BETWEEN, "Report", "on", "progress"]
PLACED_ELSEWHERE = [" ".join(BETWEEN), "Report on progress"]


def test_a_broken_word_whose_pieces_other_columns_part_is_placed():
    source = LINE_ACROSS + ELSEWHERE
    placed = [*PLACED_ELSEWHERE, "Comes operationalization microplastic", "encouraged context Bank"]
    assert unplaced_phrases(source, placed) == []


def test_a_broken_word_whose_rest_comes_next_is_placed():
    source = ["Comes", "operationalizati", "on", "microplastic", *ELSEWHERE]
    assert unplaced_phrases(source, [*PLACED_ELSEWHERE, "Comes operationalization microplastic"]) == []


def test_a_piece_and_a_word_further_than_a_cell_line_reaches_stay_unplaced():
    source = ["Comes", "operationalizati", *BETWEEN, "on"]
    placed = ["Comes operationalization", " ".join(BETWEEN)]
    assert unplaced_phrases(source, placed) == ["operationalizati", "on"]


def test_a_piece_no_stored_word_completes_stays_unplaced():
    source = LINE_ACROSS + ELSEWHERE
    placed = [*PLACED_ELSEWHERE, "Comes microplastic", "encouraged context Bank on"]
    assert unplaced_phrases(source, placed) == ["operationalizati"]


def test_a_missing_rest_is_spent_once():
    # an unplaced word between the pieces keeps them from being missing neighbours; the rest "on"
    # is unplaced itself (no stored "on"), and so is a second, real "on": the join takes one
    source = ["Comes", "operationalizati", "unread", "on", "Report", "on"]
    placed = ["Comes operationalization", "Report"]
    assert unplaced_phrases(source, placed) == ["unread", "on"]
