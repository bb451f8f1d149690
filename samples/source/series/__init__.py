"""The long series: eight notes of one organization over four years (April 2022 to September
2025), written for testing task linking. samples/build_series.py renders them into
tests/fixtures/series/ and writes which rows are one task (truth.json) from the row labels.

What happens across the notes, by task label (samples/source/series/common.py: WORDING):
drift (bio-approach), a gap of two notes (nex-fashion) and of one note with a re-wording
(rec-finance), a move to another part (ess-safeguards), a re-mandate (ew-coalition),
side-by-side look-alikes (img-ghg and img-waste; peer-volunteer and peer-followup), new tasks
like completed ones (bio-review after bio-input, peer-wmo after peer-unido), a new task like
a dropped one (nex-monitoring after nex-digital), a split (img-training -> img-training and
img-pilot), renamed sections and parts, a completed task listed once more (peer-unido), a
cancelled one (rec-tracker).
"""
from . import (n1_som28_midterm, n2_som28_annual, n3_som29_midterm, n4_som29_annual, n5_som30_midterm,
               n6_som30_annual, n7_som31_midterm, n8_som31_annual)

NOTES = [n1_som28_midterm.NOTE, n2_som28_annual.NOTE, n3_som29_midterm.NOTE, n4_som29_annual.NOTE,
         n5_som30_midterm.NOTE, n6_som30_annual.NOTE, n7_som31_midterm.NOTE, n8_som31_annual.NOTE]
