"""How much of its sentence a partial quote takes: its quoted words with enough of the clause its cue reports to
read on its own, as both the quoted words and the clause where one phrase can be both (``partial_range``).
"""

from __future__ import annotations

from collections.abc import Callable, Container
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from quotes.extract.cues import is_according_to
from quotes.extract.units import subtree_range


def partial_range(doc: Doc, fragment: tuple[int, int], cue: Token, blocked: Container[int]) -> tuple[int, int]:
    """A partial quote with enough of its reported clause to read on its own.

    First the fragment's own phrase, climbed up the parse while it is under a third of the clause the
    cue reports, never swallowing the cue or another quotation. When that phrase has grown past three
    times the quoted words (so it no longer reads as them), the phrase that reads both as the quoted
    words and as the clause, if there is one (``_span_close_to_both``); else the climbed phrase. The
    climbed phrase is kept whenever it already reads both ways: the same words quoted by other outlets
    then give the same unit, which the reconcile stage groups.
    """
    lo, hi = fragment
    heads = [doc[i] for i in range(lo, hi) if not (lo <= doc[i].head.i < hi)]
    if not heads:
        return lo, hi
    node = heads[0]
    for h in heads:
        if len(list(h.subtree)) > len(list(node.subtree)):
            node = h
    # the clause the cue reports: the cue's child on the path to the fragment
    clause = node
    while clause.head.i != clause.i and clause.head.i != cue.i:
        clause = clause.head
    if clause.head.i != cue.i:
        clause = node
    exclude = {cue.i} | {t.i for t in cue.subtree if t.i < min(lo, clause.left_edge.i) or t.i in blocked}
    clause_lo, clause_hi = subtree_range(clause, exclude)
    clause_len = sum(1 for i in range(clause_lo, clause_hi) if not doc[i].is_punct)
    # the clause as written keeps its "that" (subtree_range drops it): "said that the plan is 'reckless'"
    before = doc[clause_lo - 1] if clause_lo > 0 else None
    marker = before is not None and before.dep_ == "mark" and clause_lo <= before.head.i < clause_hi
    phrase = _PartialPhrase(doc, (lo, hi), node, clause, cue, exclude, blocked)
    climbed = _climb_to_clause(phrase, clause_len)
    if _words(doc, climbed) <= 3 * _words(doc, (lo, hi)):
        return climbed  # reads as the quoted words too (see _span_close_to_both)
    if not any(t.i in blocked for t in cue.subtree):  # other quotes of the same cue: see merge_touching_partials
        close = _span_close_to_both(phrase, clause_len + marker)
        if close is not None:
            return close
    return climbed


@dataclass(frozen=True)
class _PartialPhrase:
    """A partial quote's fragment in its sentence: its head word, the clause its cue reports, the cue, and
    the tokens a phrase around it may not take in (the cue's own words; other quotations)."""

    doc: Doc
    fragment: tuple[int, int]
    node: Token
    clause: Token
    cue: Token
    exclude: set[int]
    blocked: Container[int]


def _climb_to_clause(phrase: _PartialPhrase, clause_len: int) -> tuple[int, int]:
    """The fragment's phrase, climbed up the parse until it holds a third of the clause (or reaches it)."""
    doc, node, clause, cue, exclude, blocked = (phrase.doc, phrase.node, phrase.clause, phrase.cue,
                                                phrase.exclude, phrase.blocked)
    lo, hi = phrase.fragment
    best = (lo, hi)
    current = node
    while True:
        if current.i == cue.i or is_according_to(current):
            break
        sub = subtree_range(current, exclude)
        sub = (min(sub[0], lo), max(sub[1], hi))
        if any(i in blocked for i in range(*sub)) or _other_clause_quoted(doc, current, (lo, hi), blocked):
            break
        best = sub
        if 3 * sum(1 for i in range(*sub) if not doc[i].is_punct) >= clause_len or current.i == clause.i:
            break
        if current.head.i == current.i:
            break
        current = current.head
    return best


def _other_clause_quoted(doc: Doc, node: Token, fragment: tuple[int, int], blocked: Container[int]) -> bool:
    """The phrase of ``node`` holds another quotation (even at its edge, where the phrase's range stops short of it)
    beyond a verb or a complementiser: a remark of its own ("said the review was 'ongoing' and that it would be
    'wrong to comment'"), so climbing on would cut a clause in two. Items of one quoted list ("engage in 'more
    listening' and 'more learning'") have neither between them and are climbed over as one phrase."""
    lo, hi = fragment
    others = [t.i for t in node.subtree if t.i in blocked]
    if not others:
        return False
    between = [doc[i] for i in range(min(hi, min(others)), max(lo, max(others) + 1)) if not (lo <= i < hi) and i not in blocked]
    return any(t.pos_ in ("VERB", "AUX") or t.dep_ == "mark" for t in between)


def _words(doc: Doc, rng: tuple[int, int]) -> int:
    """Number of word tokens (no punctuation or space) in a token range."""
    return sum(1 for i in range(*rng) if not (doc[i].is_punct or doc[i].is_space))


def _overlap_score(span_words: int, quoted_words: int, clause_words: int) -> float:
    """How well a span q ⊆ s ⊆ clause stands for both the quoted words and the whole clause: the lower of
    its two token-bag F1s (with q and with the clause), which for nested spans depend on sizes only."""
    return min(2 * quoted_words / (quoted_words + span_words), 2 * span_words / (span_words + clause_words))


def _span_close_to_both(phrase: _PartialPhrase, clause_words: int) -> tuple[int, int] | None:
    """The phrase around a partial quote that reads as both the quoted words and the reported clause.

    Newsrooms and annotators mark a partial quote either as its quoted words ("called the plan
    'reckless'") or as the whole reported clause around them. A span s with q ⊆ s ⊆ clause agrees
    with both when it is no longer than three times q and no shorter than a third of the clause (a
    token-bag F1 of at least one half with each, the agreement the project's scoring asks for). The
    candidates are the spans built of whole dependents — the head word and the subtrees of its
    children, nearest first on each side — at each node from the fragment's head up to the clause
    head; the one with the best lower agreement wins. None when none reaches one half with both
    (the clause is over nine times the quoted words): then the caller keeps the clause.
    """
    doc, fragment, node, clause, cue, exclude, blocked = (phrase.doc, phrase.fragment, phrase.node, phrase.clause,
                                                          phrase.cue, phrase.exclude, phrase.blocked)
    lo, hi = fragment
    quoted_words = _words(doc, fragment)
    if not quoted_words or not clause_words:
        return None
    best, best_score = None, 0.5  # below one half a span cannot agree with both readings
    inner = (lo, hi)
    below = None  # the path child already inside ``inner``
    current = node
    while True:
        if current.i == cue.i or is_according_to(current):
            break
        units = [(current.i, current.i + 1)] + [
            subtree_range(child, exclude)
            for child in current.children
            if (below is None or child.i != below.i) and any(t.i not in exclude for t in child.subtree)
        ]
        units = [u for u in units if u[0] < u[1] and not (inner[0] <= u[0] and u[1] <= inner[1])]
        left = sorted((u for u in units if u[1] <= inner[0]), reverse=True)
        right = sorted(u for u in units if u[0] >= inner[1])
        # past three times the quoted words a span no longer agrees with them: no need to look further
        longest = 3 * quoted_words
        starts = _extensions(inner[0], [u[0] for u in left], lambda a: range(a, inner[0]), doc, blocked, exclude, longest)
        ends = _extensions(inner[1], [u[1] for u in right], lambda b: range(inner[1], b), doc, blocked, exclude, longest)
        for start in starts:
            for end in ends:
                score = _overlap_score(_words(doc, (start, end)), quoted_words, clause_words)
                if score >= best_score:  # on a tie the longer span, nearer the clause
                    best, best_score = (start, end), score
        whole = subtree_range(current, exclude)
        whole = (min(whole[0], lo), max(whole[1], hi))
        if current.i == clause.i or current.head.i == current.i or any(k in blocked for k in range(*whole)):
            break
        inner, below, current = whole, current, current.head
    return best


def _extensions(
    edge: int,
    bounds: list[int],
    added: Callable[[int], range],
    doc: Doc,
    blocked: Container[int],
    exclude: set[int],
    longest: int,
) -> list[int]:
    """The edges a span can grow to on one side, nearest first: ``edge`` itself, then each dependent's
    bound, until one would take in another quotation or the cue, or more than ``longest`` words."""
    out = [edge]
    for bound in bounds:
        tokens = added(bound)
        if any(k in blocked or k in exclude for k in tokens) or _words(doc, (tokens.start, tokens.stop)) > longest:
            break
        out.append(bound)
    return out
