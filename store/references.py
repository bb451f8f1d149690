"""References as a linking signal: two rows that carry a resolution or decision number are the
same task when the numbers agree and different tasks when they differ, whatever their words.

A reference key reads "<kind> <numbers><parts>" (normalise/references.py writes it): "res 4/7",
"dec 25/3(a)", "res 4/11 p5", "* 4/7" (kind unknown), or "* <text>" for a reference column's
cell that reads as no number ("* op 5"). Two keys are
- "same" when their numbers, parts and paragraph agree and their kinds do not contradict
  (an unknown kind agrees with any: "4/7" is "Resolution 4/7");
- "different" when their numbers differ, their kinds contradict ("Decision 4/1" is not
  "Resolution 4/1"), or both name a part and the parts differ ("6/1 (a)", "6/1 (b)");
- "unknown" when either row has no reference, or one names the whole decision and the other a
  part or paragraph of it ("5/14", "5/14, para. 7"): then the text decides alone.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy loads with the linker; a history search uses `covers` alone
    import numpy as np

SAME, DIFFERENT, UNKNOWN = "same", "different", "unknown"
UNKNOWN_KIND = "*"
KEY = re.compile(r"^(?P<kind>\S+) (?P<numbers>\d+(?:/\d+)*)(?P<detail>(?:\(\w+\))*(?: p\S+)?)$")
# The weight of a reference on a link score (store/linking.py), either way: same reference
# +0.60, different -0.60. `python bench/reference_link_eval.py` on the committee's notes at two
# sessions (tests/fixtures/other-bodies/iaccw-session7/8): decision 6/1 (a) reported on in new
# words scores 0.17 on text and section alone, below LINK_THRESHOLD (0.50); decision 7/1, worded
# nearly as 6/1 (a) first was, scores 0.73 against it. Pairwise precision / recall of the links:
# 0.667 / 0.667 without references and at 0.20, 1.000 / 1.000 from 0.33 up (the scan: 0, 0.20,
# 0.33, 0.40, 0.60, 1.00). 0.60 makes a number on both rows outweigh anything the words say, as the strongest
# signal should: a verbatim repeat under another number (1.00 - 0.60 = 0.40) is a task of its own.
REFERENCE_WEIGHT = 0.60
SCORE = {SAME: REFERENCE_WEIGHT, DIFFERENT: -REFERENCE_WEIGHT, UNKNOWN: 0.0}


def reference_relation(a: str | None, b: str | None) -> str:
    """Given two rows' reference keys, return "same", "different" or "unknown"."""
    if not a or not b:
        return UNKNOWN
    ma, mb = KEY.match(a), KEY.match(b)
    if ma is None or mb is None:  # a reference column's cell that is no number: as written
        return SAME if a.split(" ", 1)[-1] == b.split(" ", 1)[-1] else DIFFERENT
    if ma["numbers"] != mb["numbers"]:
        return DIFFERENT
    if UNKNOWN_KIND not in (ma["kind"], mb["kind"]) and ma["kind"] != mb["kind"]:
        return DIFFERENT
    if ma["detail"] == mb["detail"]:
        return SAME
    return DIFFERENT if ma["detail"] and mb["detail"] else UNKNOWN


def covers(searched: str, key: str | None) -> bool:
    """Does a searched reference name the stored reference `key`: the same numbers, the same
    kind where both say one, and the same sub-item or paragraph where the search gives one
    ("Decision 6/1" covers "dec 6/1(a)"; "Resolution 5/7" covers UNEP/EA.5/Res.7)?"""
    ma, mb = KEY.match(searched), KEY.match(key or "")
    if ma is None or mb is None:
        return False
    relation = reference_relation(searched, key)  # "unknown": one names a part, the other the whole
    return relation == SAME or (relation == UNKNOWN and not ma["detail"])


def reference_scores(row_keys: list, task_keys: list) -> np.ndarray:
    """Given the reference keys of a note's rows and of the tasks seen before, return the rows x
    tasks matrix to add to the link scores: +REFERENCE_WEIGHT same, -REFERENCE_WEIGHT different."""
    import numpy as np

    out = np.zeros((len(row_keys), len(task_keys)))
    if not any(row_keys) or not any(task_keys):
        return out
    for i, a in enumerate(row_keys):
        if a:
            for j, b in enumerate(task_keys):
                out[i, j] = SCORE[reference_relation(a, b)]
    return out
