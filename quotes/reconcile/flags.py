"""What a journalist must check in a statement: changed wording, only fragments, only indirect reports,
and copies attributed to different speakers (the statement then takes the best-supported speaker)."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

from rapidfuzz.distance import Levenshtein

from quotes import schema
from quotes.lexicon import FUNCTION_WORDS
from quotes.reconcile.features import Features

FLAG_WORDING, FLAG_SPEAKER = "wording_differs", "speaker_conflict"
FLAG_FRAGMENT, FLAG_INDIRECT = "fragment_only", "indirect_only"
#: Wordings compared pairwise for wording_differs (enough for any real statement; bounds the work at scale).
MAX_COMPARED_WORDINGS = 25


def wording_differs(a: list[str], b: list[str]) -> bool:
    """True when two overlapping wordings differ in a meaning-bearing word (not just function words or extent)."""
    if not a or not b:
        return False
    ops = list(Levenshtein.opcodes(a, b))
    if not any(op.tag == "equal" for op in ops):
        return True
    first = next(k for k, op in enumerate(ops) if op.tag == "equal")
    last = max(k for k, op in enumerate(ops) if op.tag == "equal")
    for k, op in enumerate(ops):
        if op.tag == "equal":
            continue
        outside = k < first or k > last
        if outside and op.tag in ("insert", "delete"):
            continue  # one wording runs on beyond the other: a fragment, not a difference
        words = a[op.src_start:op.src_end] + b[op.dest_start:op.dest_end]
        if any(word not in FUNCTION_WORDS for word in words):
            return True
    return False


def _is_run_inside(short: str, long: str) -> bool:
    """True when the normalised words of ``short`` appear as one run inside ``long``."""
    return bool(short) and f" {short} " in f" {long} "


def text_flags(members: list[int], feats: Features) -> list[str]:
    """wording_differs, fragment_only and indirect_only for one statement's units."""
    kinds = {feats.kind[m] for m in members}
    flags = []
    quoted = [m for m in members if feats.quoted[m]]
    wordings = list(dict.fromkeys(feats.tokens[m] for m in quoted))[:MAX_COMPARED_WORDINGS]
    for a, b in combinations(wordings, 2):
        na, nb = " ".join(a), " ".join(b)
        if _is_run_inside(na, nb) or _is_run_inside(nb, na):
            continue
        if wording_differs(list(a), list(b)):
            flags.append(FLAG_WORDING)
            break
    if kinds and kinds <= {"partial"}:
        flags.append(FLAG_FRAGMENT)
    if kinds and not kinds & set(schema.QUOTED_KINDS):
        flags.append(FLAG_INDIRECT)
    return flags


def surname(speaker_id: str) -> str:
    """Last word of a speaker id: per-article slugs of one person ("marsh", "alan-marsh") agree on it."""
    return speaker_id.rsplit("-", 1)[-1]


def best_speaker(members: list[int], speaker_ids: list[str]) -> tuple[str, bool]:
    """The statement's speaker id, and whether its copies name clearly different speakers (speaker_conflict).

    Ids sharing a last word count as one speaker; the one quoted by most units wins (ties: the fuller id,
    then alphabetical), and within it the fullest id ("alan-marsh" over "marsh").
    """
    known = [speaker_ids[m] for m in members if speaker_ids[m]]
    if not known:
        return "", False
    counts = Counter(known)
    by_surname: dict[str, list[str]] = {}
    for speaker in sorted(counts):
        by_surname.setdefault(surname(speaker), []).append(speaker)

    def fullest(ids: list[str]) -> str:
        return min(ids, key=lambda s: (-s.count("-"), -counts[s], s))

    support = {key: sum(counts[s] for s in ids) for key, ids in by_surname.items()}
    winner = min(by_surname, key=lambda key: (-support[key], -fullest(by_surname[key]).count("-"), key))
    return fullest(by_surname[winner]), len(by_surname) > 1
