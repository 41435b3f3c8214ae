"""Pair scores between quotation units: a sparse graph of candidate pairs and the evidence that they are one remark.

The lexical part is high for identical or near-identical wording (idf-weighted Dice of content stems), for a
fragment contained in a fuller quote and for a sentence-level excerpt (containment, weighted by
``fragment_weight``); sentence embeddings may add paraphrases. Speaker agreement is added as evidence
(``speaker_weight``: plus for the same speaker, minus for clearly different ones), and two units of one
article pay ``same_article_penalty`` (one outlet seldom quotes a remark twice, but a lead fragment and the
full quote later on are one statement), except a quote and the next one of the same speaker, which often
continue one remark. Two structural kinds of evidence go beyond the words a pair shares: excerpts of one
fuller quote are linked through it (``sibling_weight``: outlets cut different sentences out of one long remark),
and two units of one speaker that are each other's best partner in the other's article earn ``mutual_weight``
(an outlet seldom prints one remark twice, so a one-to-one alignment is evidence where translations and
paraphrases share few words). All weights are fitted, see ``Params``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz.distance import LCSseq
from scipy import sparse

from quotes.reconcile.features import Features

#: A stem carried by more units than this links units of one speaker only (across speakers it is no evidence): in
#: a story of a few hundred units every distinctive word is rarer, and at 100k units it keeps products sparse.
GLOBAL_POSTING = 50
#: A stem carried by more units of one speaker than this is that speaker's stop word (keeps the products linear).
MAX_POSTING = 400
#: Candidate pairs whose lexical score is below this share only a word or two of little weight: they are dropped
#: so that the graph stays sparse (the fitted merge thresholds are several times higher).
LINK_FLOOR = 0.1
#: Each unit keeps at most this many best partners, so the graph grows linearly with the units.
MAX_PARTNERS = 24
#: Identical wordings are linked all-pairs up to this many copies, then each to its next few (bounded work).
EXACT_GROUP, EXACT_REACH = 50, 8
#: Containment below this is no sign of a fragment (the pair is still scored by Dice): it spares the in-order
#: word check on pairs that share only a few content words.
MIN_CONTAINMENT = 0.3
#: Cosine similarities mapped to 0 and 1 in semantic mode (MiniLM: unrelated news sentences score ~0.2-0.4).
SEMANTIC_LOW, SEMANTIC_HIGH = 0.4, 0.9


@dataclass(frozen=True)
class Params:
    """The reconciler's few parameters.

    The defaults are fitted by ``python -m benchmarks.grouping`` (``--semantic`` for ``semantic_weight``): a grid
    search (``GRID`` there) maximising the mean over stories of (pairwise F1 + B-cubed F1) / 2, on all five
    ecb-dev stories, the stories of benchmarks/dev, the sample story with and without its registry, and
    PolNeAR dev (unrelated articles: a guard against over-merging, scored by B-cubed), each with its own extraction.
    The figures reported per story come from leave-one-story-out fits. No fitted value is set by hand; the grid steps
    are 0.05 (threshold) and 0.1. Grid points that link more than 2% unit pairs per unit on PolNeAR are excluded
    (``MAX_UNRELATED_LINKS``). ``sibling_weight`` is the one value not searched: it follows from transitivity (see
    its comment). These values are the fit on the 36 stories of the first nine batches; with the tenth (40) the mean
    moves to same_article_penalty 1 and later_excerpt 0.1 on one story's gain (derby-press-conference 0.667 -> 0.833
    pairwise; left out, its fit keeps these values), while eight development stories fall and six rise: a change of
    a constant that one story carries is not taken (README, "Grouping").
    """

    #: Average-linkage merging stops when the best pair of clusters scores below this on average.
    threshold: float = 0.5
    #: Added to a pair's score when both units have the same (or a compatible) speaker, subtracted when both
    #: speakers are known and clearly different.
    speaker_weight: float = 0.1
    #: Weight of containment (fragment, sentence-level excerpt) against whole-wording similarity.
    fragment_weight: float = 0.7
    #: Subtracted from every pair of units of one article (a quote and the next of its speaker are exempt): the soft
    #: cannot-link between different remarks of one outlet that a unit joining them elsewhere would chain together.
    #: (Waiving it also for in-article pairs of near-identical wording was tried: no LOSO gain on ecb-dev, and it
    #: doubled the links PolNeAR's gold calls separate.)
    same_article_penalty: float = 0.5
    #: At most this is taken off an excerpt's score for where it starts in the longer unit (scaled by the share of
    #: the longer unit before it): a unit joining two remarks goes with the one it opens with.
    later_excerpt: float = 0.3
    #: Two excerpts of one fuller quote score this times the weaker of their links to it (see ``_siblings``). Not
    #: fitted: 1 follows from transitivity (each excerpt is the fuller quote's statement, so the two are one statement
    #: on evidence as strong as the weaker link); a lower value would leave excerpts of one long remark apart. A block
    #: unit makes no siblings: a document printed at length holds several remarks (measured on the 21 development
    #: stories: ie-zero-day pairwise 0.797 -> 0.810, lumora-layoffs 0.545 -> 0.592, no story down).
    sibling_weight: float = 1.0
    #: Added to a pair of the same speaker whose units are each other's best partner in the other's article
    #: (see ``_mutual_best``).
    mutual_weight: float = 0.1
    #: Weight of the embedding similarity in semantic mode.
    semantic_weight: float = 0.6


@dataclass
class Graph:
    """Scored unit pairs (i < j) as parallel arrays; with ``article`` (a code per unit), the clustering also
    charges ``penalty`` for every pair of one article it puts together."""

    left: np.ndarray
    right: np.ndarray
    score: np.ndarray
    article: np.ndarray | None = None
    penalty: float = 0.0


def _blocked(matrix: sparse.csr_matrix, block: np.ndarray) -> sparse.csr_matrix:
    """The matrix with each common stem split into one column per speaker block, rare stems kept whole.

    A stem of at most GLOBAL_POSTING rows links rows whatever their speakers; a commoner one links only rows of
    one block (speaker), and is dropped where a block has more than MAX_POSTING rows with it (that speaker's
    stop word). Products of such matrices stay near-linear in the rows.
    """
    coo = matrix.tocoo()
    df = np.bincount(coo.col, minlength=matrix.shape[1])
    common = df[coo.col] > GLOBAL_POSTING
    key = np.where(common, (block[coo.row].astype(np.int64) + 1) * matrix.shape[1] + coo.col, coo.col)
    columns, column = np.unique(key, return_inverse=True)
    per_column = np.bincount(column, minlength=len(columns))
    data = np.where(per_column[column] > MAX_POSTING, 0.0, coo.data)
    blocked = sparse.csr_matrix((data, (coo.row, column)), shape=(matrix.shape[0], len(columns)))
    blocked.eliminate_zeros()
    return blocked


def _binary(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """The matrix with every stored value set to 1 (products then count shared stems)."""
    out = matrix.copy()
    out.data[:] = 1.0
    return out


def _shared(matrix: sparse.csr_matrix, block: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(rows, cols, idf mass shared, number of stems shared) for row pairs i < j sharing a stem (see ``_blocked``)."""
    capped = _blocked(matrix, block)
    binary = _binary(capped)
    mass = sparse.triu(capped @ binary.T, k=1).tocsr()
    count = sparse.triu(binary @ binary.T, k=1).tocsr()
    mass.sort_indices()
    count.sort_indices()
    rows = np.repeat(np.arange(mass.shape[0]), np.diff(mass.indptr))
    return rows, mass.indices.astype(np.int64), mass.data, count.data


def _pair_key(left: np.ndarray, right: np.ndarray, n: int) -> np.ndarray:
    """One int64 per unordered pair (smaller * n + larger), for sorting and set operations on pairs."""
    return np.minimum(left, right).astype(np.int64) * n + np.maximum(left, right)


def _exact_pairs(feats: Features) -> np.ndarray:
    """Keys of unit pairs with identical normalised wording (short quotes of function words included)."""
    codes, _ = pd.factorize(pd.Series(feats.norm))
    codes = np.where(np.asarray([bool(t) for t in feats.norm]), codes, -1)
    order = np.argsort(codes, kind="stable")
    ranked = codes[order]
    starts = np.searchsorted(ranked, ranked, side="left")
    sizes = np.searchsorted(ranked, ranked, side="right") - starts
    position = np.arange(len(ranked)) - starts
    n = len(feats.norm)
    found = []
    reach = int(min(sizes.max(initial=1), EXACT_GROUP))
    for step in range(1, reach):
        ok = (ranked >= 0) & (position + step < sizes) & ((sizes <= EXACT_GROUP) | (step <= EXACT_REACH))
        at = np.flatnonzero(ok)
        found.append(_pair_key(order[at], order[at + step], n))
    return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)


def _sentence_best(feats: Features, block: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(unit pair keys, best Dice of one sentence of each) over units of several sentences."""
    matrix, unit = feats.sentence_matrix, feats.sentence_unit
    if matrix.shape[0] < 2:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    rows, cols, mass, count = _shared(matrix, block[unit])
    weight = np.asarray(matrix.sum(axis=1)).ravel()
    dice = 2 * mass / np.maximum(weight[rows] + weight[cols], 1e-9)
    ok = (unit[rows] != unit[cols]) & (count >= 2)
    keys = _pair_key(unit[rows[ok]], unit[cols[ok]], len(feats.norm))
    table = pd.DataFrame({"key": keys, "dice": dice[ok]}).groupby("key", sort=True)["dice"].max()
    return table.index.to_numpy(dtype=np.int64), table.to_numpy()


def _row_dot(matrix: sparse.csr_matrix, binary: sparse.csr_matrix, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Per pair, the sum of ``matrix[left]`` over the columns set in ``binary[right]``."""
    if not len(left):
        return np.zeros(0)
    return np.asarray(matrix[left].multiply(binary[right]).sum(axis=1)).ravel()


def _top_k(left: np.ndarray, right: np.ndarray, score: np.ndarray, k: int) -> np.ndarray:
    """Mask of the pairs among each unit's ``k`` best partners (either side), so big corpora stay linear."""
    both = np.concatenate([left, right])
    order = np.lexsort((-np.concatenate([score, score]), both))
    ranked = both[order]
    starts = np.searchsorted(ranked, ranked, side="left")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order)) - starts
    n = len(left)
    return (rank[:n] < k) | (rank[n:] < k)


def lexical_scores(feats: Features, params: Params, speaker_ids: list[str]) -> Graph:
    """Candidate pairs with their lexical (and, in semantic mode, embedding) similarity in [0, 1]."""
    n = len(feats.norm)
    _, block = speaker_keys(speaker_ids)
    rows, cols, mass, count = _shared(feats.matrix, block)
    wa, wb = feats.weight[rows], feats.weight[cols]
    # one shared content word is no evidence of one remark (identical wordings are linked below)
    dice = np.where(count >= 2, 2 * mass / np.maximum(wa + wb, 1e-9), 0.0)
    containment = np.where(count >= 2, mass / np.maximum(np.minimum(wa, wb), 1e-9), 0.0)
    rough = np.maximum(dice, params.fragment_weight * containment)
    keep = rough >= LINK_FLOOR
    rows, cols, dice, containment, rough = rows[keep], cols[keep], dice[keep], containment[keep], rough[keep]
    keep = _top_k(rows, cols, rough, MAX_PARTNERS)
    keys = _pair_key(rows[keep], cols[keep], n)
    dice, containment = dice[keep], containment[keep]
    sentence_keys, sentence_dice = _sentence_best(feats, block)
    exact_keys = _exact_pairs(feats)
    extra = np.setdiff1d(np.union1d(exact_keys, sentence_keys), keys)
    if feats.embeddings is not None:
        extra = np.union1d(extra, np.setdiff1d(_embedding_neighbours(feats, n), keys))
    if len(extra):  # pairs found otherwise: their shared words over all stems
        left, right = extra // n, extra % n
        binary = _binary(feats.matrix)
        mass, count = _row_dot(feats.matrix, binary, left, right), _row_dot(binary, binary, left, right)
        wa, wb = feats.weight[left], feats.weight[right]
        keys = np.concatenate([keys, extra])
        dice = np.concatenate([dice, np.where(count >= 2, 2 * mass / np.maximum(wa + wb, 1e-9), 0.0)])
        containment = np.concatenate([containment, np.where(count >= 2, mass / np.maximum(np.minimum(wa, wb), 1e-9), 0.0)])
        order = np.argsort(keys)
        keys, dice, containment = keys[order], dice[order], containment[order]
    left, right = keys // n, keys % n
    # the in-order check runs where containment may beat the whole-wording score, and where the shorter unit fits
    # in the longer one's sentences after its first: the second of two sentences has a high Dice with them, yet it
    # is an excerpt, and where it starts in the longer unit counts (later_excerpt)
    length = np.fromiter((len(toks) for toks in feats.tokens), dtype=np.int64, count=n)
    longest = np.where(length[left] <= length[right], right, left)
    shortest = np.where(longest == left, right, left)
    several = False
    if feats.first_sentence is not None:
        several = length[shortest] <= length[longest] - feats.first_sentence[longest]
    worth = (((params.fragment_weight * containment > dice) | several) & (containment > dice)
             & (params.fragment_weight * containment >= LINK_FLOOR))
    containment, start_share, in_later_sentence = _verbatim(feats, left, right, np.where(worth, containment, 0.0))
    # an excerpt matching later in the longer unit loses up to later_excerpt: a unit joining two remarks goes with
    # the one it opens with. Where the excerpt is a later sentence of the longer unit, its Dice loses it too (the
    # second of two joined sentences may be most of the unit, so Dice, not containment, makes its score).
    later = 1 - params.later_excerpt * start_share
    partial = np.maximum(containment * later, _lookup(keys, sentence_keys, sentence_dice))
    score = np.maximum(np.where(in_later_sentence, dice * later, dice), params.fragment_weight * partial)
    score = np.where(np.isin(keys, exact_keys), 1.0, score)
    if feats.embeddings is not None:
        cosine = np.einsum("ij,ij->i", feats.embeddings[left], feats.embeddings[right])
        mapped = np.clip((cosine - SEMANTIC_LOW) / (SEMANTIC_HIGH - SEMANTIC_LOW), 0.0, 1.0)
        score = np.maximum(score, params.semantic_weight * mapped)
    # excerpts whose containment, not their whole wording, makes the score are a minor part of the fuller quote
    minor = (params.fragment_weight * partial > dice) & (score >= LINK_FLOOR)
    longer = np.where(feats.weight[left] >= feats.weight[right], left, right)
    shorter = np.where(longer == left, right, left)
    # a block (a statement, a memo, a post or an interview answer printed at length) carries several remarks that
    # other outlets quote apart: each excerpt still joins the block, but excerpts are not siblings through it
    minor &= ~np.asarray([kind == "block" for kind in feats.kind], dtype=bool)[longer]
    sibling_keys, sibling_score = _siblings(longer[minor], shorter[minor], score[minor], params.sibling_weight, n)
    if len(sibling_keys):
        keys = np.concatenate([keys, sibling_keys])
        score = np.concatenate([score, sibling_score])
        table = pd.DataFrame({"key": keys, "score": score}).groupby("key", sort=True)["score"].max()
        keys, score = table.index.to_numpy(dtype=np.int64), table.to_numpy()
        left, right = keys // n, keys % n
    keep = score >= LINK_FLOOR
    left, right, score = left[keep], right[keep], score[keep]
    keep = _top_k(left, right, score, MAX_PARTNERS)
    return Graph(left[keep], right[keep], score[keep])


def _siblings(longer: np.ndarray, shorter: np.ndarray, score: np.ndarray, weight: float,
              n: int) -> tuple[np.ndarray, np.ndarray]:
    """(pair keys, scores) linking two excerpts of one fuller quote: ``weight`` x the weaker of their two links.

    Outlets cut different sentences out of one long remark; the excerpts share no words with each other, yet
    they are one statement through the quote they come from. Each fuller quote has at most MAX_PARTNERS
    excerpts (``_top_k``), so the pairs stay linear in the units.
    """
    if weight <= 0 or not len(longer):
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    links = pd.DataFrame({"longer": longer, "shorter": shorter, "score": score})
    pairs = links.merge(links, on="longer", suffixes=("_a", "_b"))
    pairs = pairs[pairs["shorter_a"] < pairs["shorter_b"]]
    keys = _pair_key(pairs["shorter_a"].to_numpy(), pairs["shorter_b"].to_numpy(), n)
    value = weight * np.minimum(pairs["score_a"].to_numpy(), pairs["score_b"].to_numpy())
    return keys, value


def _verbatim(feats: Features, left: np.ndarray, right: np.ndarray,
              containment: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(containment kept only as far as the shorter unit's words run in order through the longer one, share of the
    longer unit before the first word they share, whether that word lies past the longer unit's first sentence).

    A fragment or an excerpt is cut from the fuller quote, so its words (function words included) follow it;
    a short remark that merely reuses two of its content words ("her passing is very sad" beside "... with deep
    personal sadness ... passed away") does not.
    """
    out, share = np.zeros(len(containment)), np.zeros(len(containment))
    later_sentence = np.zeros(len(containment), dtype=bool)
    for k in np.flatnonzero(containment >= MIN_CONTAINMENT):
        a, b = feats.tokens[left[k]], feats.tokens[right[k]]
        short, long = (a, b) if len(a) <= len(b) else (b, a)
        longer = right[k] if len(a) <= len(b) else left[k]
        in_order = LCSseq.similarity(short, long) / max(len(short), 1)
        if in_order < MIN_CONTAINMENT:
            continue
        start = next((op.dest_start for op in LCSseq.opcodes(short, long) if op.tag == "equal"), 0)
        out[k], share[k] = min(containment[k], in_order), start / max(len(long), 1)
        later_sentence[k] = feats.first_sentence is not None and start >= feats.first_sentence[longer]
    return out, share, later_sentence


def _lookup(keys: np.ndarray, table_keys: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``values`` at ``keys`` where ``table_keys`` (sorted) holds them, else 0."""
    if not len(table_keys):
        return np.zeros(len(keys))
    at = np.minimum(np.searchsorted(table_keys, keys), len(table_keys) - 1)
    return np.where(table_keys[at] == keys, values[at], 0.0)


def _embedding_neighbours(feats: Features, n: int, k: int = 10) -> np.ndarray:
    """Keys of each unit's ``k`` nearest neighbours by cosine (blockwise, so memory stays linear)."""
    vectors = feats.embeddings
    found = []
    for start in range(0, n, 2048):
        block = vectors[start:start + 2048] @ vectors.T
        block[np.arange(len(block)), np.arange(start, start + len(block))] = -1.0
        take = min(k, n - 1)
        if take <= 0:
            break
        nearest = np.argpartition(-block, take - 1, axis=1)[:, :take]
        rows = np.repeat(np.arange(start, start + len(block)), take)
        found.append(_pair_key(rows, nearest.ravel(), n))
    return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)


def speaker_keys(speaker_ids: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Per unit, a code for its speaker id and one for its surname-like last word ('-1' when unknown).

    "marsh" and "alan-marsh" share the last word: per-article slugs of one person agree on it.
    """
    ids = pd.Series(speaker_ids, dtype=object).fillna("")
    codes, _ = pd.factorize(ids)
    last, _ = pd.factorize(ids.str.rsplit("-", n=1).str[-1])
    known = (ids != "").to_numpy()
    return np.where(known, codes, -1), np.where(known, last, -1)


def _mutual_best(left: np.ndarray, right: np.ndarray, score: np.ndarray, article: np.ndarray) -> np.ndarray:
    """Mask of cross-article pairs that are each other's best-scoring partner in the other's article.

    An outlet seldom prints two versions of one remark, so when two outlets each have exactly one unit that is
    the other's closest, that alignment is evidence beyond the words they share (translations and paraphrases
    share few). Ties keep the lower position (deterministic).
    """
    cross = (article[left] != article[right]) & (score > 0)
    if not cross.any():
        return np.zeros(len(left), dtype=bool)
    at = np.flatnonzero(cross)
    edges = pd.DataFrame({
        "unit": np.concatenate([left[at], right[at]]), "other": np.concatenate([right[at], left[at]]),
        "score": np.concatenate([score[at], score[at]]), "edge": np.concatenate([at, at]),
    })
    edges["other_article"] = article[edges["other"].to_numpy()]
    edges = edges.sort_values(["unit", "other_article", "score", "other"], ascending=[True, True, False, True],
                              kind="stable")
    firsts = edges.drop_duplicates(["unit", "other_article"])
    chosen = np.bincount(firsts["edge"].to_numpy(), minlength=len(left))
    return chosen == 2  # best from both ends


def compatible_speakers(speaker_ids: list[str], affiliated: set[tuple[str, str]] | None,
                        keys: tuple[np.ndarray, np.ndarray] | None = None
                        ) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """A test over unit position arrays: True where the two units' speakers agree.

    Speakers agree when their ids are equal, their surname-like last words are ("marsh" and "alan-marsh": per-article
    slugs of one person), or one is affiliated with the other (``affiliation.affiliated_speakers``: a spokesman and
    his company). ``keys`` are the ``speaker_keys`` of ``speaker_ids`` when already computed.
    """
    speaker, surname = keys if keys is not None else speaker_keys(speaker_ids)
    size = int(speaker.max(initial=0)) + 1
    linked = np.zeros(0, dtype=np.int64)
    if affiliated:
        wanted = {name for pair in affiliated for name in pair}
        codes = {value: int(code) for value, code in zip(speaker_ids, speaker) if code >= 0 and value in wanted}
        linked = np.asarray(sorted(codes[a] * size + codes[b] for pair in affiliated for a, b in [pair, pair[::-1]]
                                   if a in codes and b in codes), dtype=np.int64)

    def agree(left: np.ndarray, right: np.ndarray) -> np.ndarray:
        same = (speaker[left] == speaker[right]) | (surname[left] == surname[right])
        if len(linked):
            same |= np.isin(speaker[left].astype(np.int64) * size + speaker[right], linked)
        return same & (speaker[left] >= 0) & (speaker[right] >= 0)

    return agree


def pair_scores(feats: Features, speaker_ids: list[str], articles: np.ndarray, params: Params,
                lexical_graph: Graph | None = None, affiliated: set[tuple[str, str]] | None = None) -> Graph:
    """The scored graph: lexical evidence plus speaker agreement, and what the clustering needs for the
    same-article penalty (each unit's article, the penalty).

    The penalty is charged by the clustering for every pair of one article that a merge would put together,
    without storing those pairs; a quote and the next one of the same speaker are exempt (the frame is in article
    order, and "...," he said. "..." often continues one remark rather than quoting it twice): their edge carries
    the penalty back. ``lexical_graph`` (from ``lexical_scores`` with the same params) saves recomputing it.
    """
    graph = lexical_graph if lexical_graph is not None else lexical_scores(feats, params, speaker_ids)
    n = len(feats.norm)
    article_codes, _ = pd.factorize(pd.Series(articles, dtype=object))
    keys = speaker_keys(speaker_ids)
    speaker = keys[0]
    agree = compatible_speakers(speaker_ids, affiliated, keys)

    def agreement(left: np.ndarray, right: np.ndarray) -> np.ndarray:
        both_known = (speaker[left] >= 0) & (speaker[right] >= 0)
        return np.where(agree(left, right), 1.0, np.where(both_known, -1.0, 0.0))

    nexts = np.flatnonzero(article_codes[:-1] == article_codes[1:]) if n > 1 else np.zeros(0, dtype=np.int64)
    nexts = nexts[agreement(nexts, nexts + 1) > 0]
    lexical_keys = _pair_key(graph.left, graph.right, n)
    keys = np.union1d(lexical_keys, _pair_key(nexts, nexts + 1, n))
    order = np.argsort(lexical_keys)
    lexical = _lookup(keys, lexical_keys[order], graph.score[order])
    left, right = keys // n, keys % n
    agree = agreement(left, right)
    score = np.where(lexical > 0, lexical + params.speaker_weight * agree, 0.0)
    if params.mutual_weight:
        best = _mutual_best(left, right, lexical, article_codes) & (agree > 0) 
        score = score + params.mutual_weight * best
    continues = (right == left + 1) & np.isin(left, nexts)
    score = score + params.same_article_penalty * continues
    keep = score != 0
    return Graph(left[keep], right[keep], score[keep], article_codes, params.same_article_penalty)
