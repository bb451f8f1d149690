"""Normalise: the words of extracted rows -> the contract's vocabularies.

Statuses (statuses.py), dates (dates/), references to resolutions and decisions
(references.py) and the typed columns a table may carry (typed_columns.py: lead, deadline), each
by spaCy rules on `spacy.blank("en")` with their patterns kept as data in patterns/. It reads
text and returns values; it knows nothing of Word, PDF or the store.
"""
