"""Speakers that are compatible though their ids differ: a person and the organisation the story ties them to.

A spokesman's words are often printed as his company's ("Acme said", "the company encourages ...") in one
outlet and as his own in another. The attribute stage keeps, per unit, the words naming the speaker at the cue
(``mention``: "Acme's Jane Roe", "Acme security chief Jane Roe") and the titles given (``roles``); when those
name another speaker of the story, the two are not clearly different speakers.
"""

from __future__ import annotations

import pandas as pd

from quotes.lexicon import FUNCTION_WORDS
from quotes.reconcile.features import tokenize

#: Only speakers of these kinds are named by an affiliation: a group ("researchers", "officials") or a document
#: is a description, not a name that another speaker's title could carry.
NAMED_KINDS = frozenset({"person", "organization"})


def speaker_names(frame: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Per speaker id, the normalised words of its most used display name, for named persons and organisations.

    A name must be capitalised as written and carry a word that is not a function word ("It", "He" are not).
    """
    named = frame[(frame["speaker_id"] != "") & frame["speaker_kind"].isin(NAMED_KINDS)]
    names = {}
    for speaker_id, group in named.groupby("speaker_id", sort=True):
        display = group["speaker"].value_counts().index[0]
        words = tuple(tokenize(display))
        if display[:1].isupper() and any(word not in FUNCTION_WORDS for word in words):
            names[speaker_id] = words
    return names


def speaker_descriptions(frame: pd.DataFrame) -> dict[str, set[tuple[str, ...]]]:
    """Per speaker id, the normalised words of every mention and role seen for it."""
    known = frame[frame["speaker_id"] != ""]
    texts: dict[str, set[tuple[str, ...]]] = {}
    for speaker_id, mention, roles in zip(known["speaker_id"], known["mention"], known["roles"]):
        for text in [mention, *str(roles).split(";")]:
            words = tuple(tokenize(text))
            if words:
                texts.setdefault(speaker_id, set()).add(words)
    return texts


def affiliated_speakers(frame: pd.DataFrame) -> set[tuple[str, str]]:
    """Pairs of speaker ids (sorted) where one speaker's mentions or roles name the other.

    "Acme's Jane Roe" and "Acme spokeswoman Jane Roe" tie jane-roe to acme; "Acme security researchers" (a group)
    is tied to acme too. Columns missing from ``frame`` (older quotes.csv files) give no pairs.
    """
    if not {"speaker_kind", "mention", "roles"} <= set(frame.columns):
        return set()
    columns = ["speaker_id", "speaker", "speaker_kind", "mention", "roles"]
    frame = frame[columns].astype(object).where(frame[columns].notna(), "").astype(str)
    by_first_word: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for other, name in speaker_names(frame).items():
        by_first_word.setdefault(name[0], []).append((other, name))
    pairs = set()
    for speaker_id, descriptions in speaker_descriptions(frame).items():
        for words in descriptions:
            for k, word in enumerate(words):
                for other, name in by_first_word.get(word, ()):
                    if other != speaker_id and words[k:k + len(name)] == name:
                        pairs.add((min(speaker_id, other), max(speaker_id, other)))
    return pairs
