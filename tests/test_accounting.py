"""The word accounting (extract/accounting.py) on hand-built word lists: a word broken at a
cell's edge is matched to its whole stored form, wherever reading order put its pieces, and no
token is spent twice."""
import pytest

from somnotes.extract.accounting import MAX_PIECE_DISTANCE, MIN_PARTED_PIECE, unplaced_phrases

# One line of a three-column table read across the page, then the cell's next line: the Task
# cell's "operationalizati" and its rest "on" have the other columns' words between them.
LINE_ACROSS = ["Comes", "encouraged", "operationalizati", "context", "Bank", "on", "microplastic"]
# A cell further on holds the word "on" itself: the stored "on"s are matched in reading order, so
# the broken word's "on" takes that cell's, whose own "on" is then the one missing, too far off
# to be joined to the piece as a missing neighbour.
BETWEEN = [f"filler{i}" for i in range(MAX_PIECE_DISTANCE + 1)]
ELSEWHERE = [*BETWEEN, "Report", "on", "progress"]
PLACED_ELSEWHERE = [" ".join(BETWEEN), "Report on progress"]


def fillers(n: int, name: str = "filler") -> list[str]:
    return [f"{name}{i}" for i in range(n)]


def test_a_broken_word_whose_pieces_other_columns_part_is_placed():
    source = LINE_ACROSS + ELSEWHERE
    placed = [*PLACED_ELSEWHERE, "Comes operationalization microplastic", "encouraged context Bank"]
    assert unplaced_phrases(source, placed) == []


def test_a_broken_word_whose_rest_comes_next_is_placed():
    source = ["Comes", "operationalizati", "on", "microplastic", *ELSEWHERE]
    assert unplaced_phrases(source, [*PLACED_ELSEWHERE, "Comes operationalization microplastic"]) == []


def test_a_word_broken_twice_over_other_words_is_placed():
    # "organisati" / "on" / "al" on three lines of a narrow cell, other columns' words between
    source = ["organisati", "alpha", "on", "beta", "al", *BETWEEN, "on", "al"]
    placed = ["organisational", "alpha beta on al", " ".join(BETWEEN)]
    assert unplaced_phrases(source, placed) == []


@pytest.mark.parametrize("gap, unplaced", [(MAX_PIECE_DISTANCE, []),
                                           (MAX_PIECE_DISTANCE + 1, ["operationalizati", "on"])])
def test_the_rest_of_a_word_is_looked_for_within_a_reach(gap, unplaced):
    between, after = fillers(gap - 1), fillers(MAX_PIECE_DISTANCE + 1, "more")
    source = ["operationalizati", *between, "on", *after, "Report", "on"]
    placed = ["operationalization", " ".join(between), " ".join(after), "Report on"]
    assert unplaced_phrases(source, placed) == unplaced


def test_the_reach_is_counted_in_words_too():
    # words without a token (dashes) count for the reach as words do
    source = ["operationalizati", *["\u2014"] * MAX_PIECE_DISTANCE, "on", *BETWEEN, "Report", "on"]
    placed = ["operationalization", " ".join(BETWEEN), "Report on"]
    assert unplaced_phrases(source, placed) == ["operationalizati", "on"]


def test_a_piece_no_stored_word_completes_stays_unplaced():
    source = LINE_ACROSS + ELSEWHERE
    placed = [*PLACED_ELSEWHERE, "Comes microplastic", "encouraged context Bank on"]
    assert unplaced_phrases(source, placed) == ["operationalizati"]


def test_a_short_word_is_not_joined_over_other_words():
    # "in" ... "to" is no "into", though a second "into" is stored: short pieces join only their
    # next token
    source = ["Work", "in", "hand", "was", "moved", "to", "date", "moved", "into", "place"]
    placed = ["Work hand was moved to date", "moved into place", "moved into place"]
    assert unplaced_phrases(source, placed) == ["in"]


def test_a_word_holding_one_token_twice_keeps_both():
    assert unplaced_phrases(["x", "in-in", "y", "to"], ["x y to", "into"]) == ["in-in"]
    # one of the two "abcdef" completes the stored word, the other is still unplaced
    assert unplaced_phrases(["x", "abcdef-abcdef", "y", "gh"], ["x y gh", "abcdefgh"]) == ["abcdef-abcdef"]


def test_a_short_piece_joins_its_next_token():
    source = ["Work", "in", "to", *BETWEEN, "to"]
    assert unplaced_phrases(source, ["Work into", " ".join(BETWEEN), "to"]) == []


@pytest.mark.parametrize("letters", [MIN_PARTED_PIECE - 1, MIN_PARTED_PIECE])
def test_a_piece_is_joined_over_other_words_from_a_length_on(letters):
    piece, rest = "harmonise"[:letters], "harmonise"[letters:]
    source = [piece, "alpha", rest, *BETWEEN, rest]
    placed = ["harmonise", "alpha", rest, " ".join(BETWEEN)]
    assert unplaced_phrases(source, placed) == ([] if letters >= MIN_PARTED_PIECE else [piece, rest])


def test_the_longest_word_a_piece_completes_is_taken():
    # "organisati" + "on" + "al", where "organisation" is stored too: the longer is taken, as
    # neighbours are joined, and both far tokens are given their matches
    source = ["organisati", "alpha", "on", "beta", "al", *BETWEEN, "on", "al"]
    placed = ["organisational", "organisation", "alpha beta on al", " ".join(BETWEEN)]
    assert unplaced_phrases(source, placed) == []


def test_a_word_of_many_tokens_is_accounted_for():
    # one source word of 1,000 tokens (a hyphenated run): the reach is counted in tokens too
    word = "-".join(["abcdefg", "h"] * 1000)
    assert unplaced_phrases([word], ["h " * 1000, "abcdefghhx"]) == [word]


def test_a_missing_rest_is_spent_not_freed():
    # an unplaced word between the pieces keeps them from being missing neighbours; the rest "on"
    # is unplaced itself (no stored "on"), and so is a second, real "on": the join takes one
    source = ["Comes", "operationalizati", "unread", "on", "Report", "on"]
    placed = ["Comes operationalization", "Report"]
    assert unplaced_phrases(source, placed) == ["unread", "on"]


def test_a_rest_joined_to_its_neighbour_is_not_spent_again():
    # "on" + "line" make the stored "online" first: that "on" is no rest for the piece
    source = ["Comes", "operationalizati", "unread", "on", "line"]
    assert unplaced_phrases(source, ["Comes operationalization online"]) == ["operationalizati unread"]


def test_one_rest_completes_one_piece():
    # two pieces, one "on" after both within reach and one far off: the second piece stays unplaced
    source = ["operationalizati", "a", "operationalizati", "b", "on", *BETWEEN, "on"]
    placed = ["operationalization operationalization a b on", " ".join(BETWEEN)]
    assert unplaced_phrases(source, placed) == ["operationalizati"]


def test_one_stored_word_is_completed_once():
    # two pieces, each with a rest of its own, and the whole word stored once
    source = ["operationalizati", "a", "on", "b", "operationalizati", "c", "on", *BETWEEN, "on", "on"]
    placed = ["operationalization", "a b c on on", " ".join(BETWEEN)]
    assert unplaced_phrases(source, placed) == ["operationalizati", "on"]


def test_a_rest_spent_is_no_piece_of_its_own():
    # "zation" completes "internationali"; it must not then start a word of its own ("zationx")
    source = ["internationali", "unread", "zation", "x", *BETWEEN, "x"]
    placed = ["internationalization", "zationx", "x", " ".join(BETWEEN)]
    assert unplaced_phrases(source, placed) == ["unread", "x"]
