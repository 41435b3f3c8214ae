"""Per-unit text features for reconciliation: normalised tokens, idf-weighted content stems, sentences.

Normalisation makes case, accents, quotation marks, apostrophes, hyphens, ellipses and British/American
spelling agree, so that two outlets printing the same words produce the same tokens.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd
import snowballstemmer
from scipy import sparse

from quotes import schema
from quotes.lexicon import FUNCTION_WORDS

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "´": "'", "`": "'", "ʼ": "'", "′": "'"})
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_HYPHEN_IN_WORD = re.compile(r"(?<=[^\W\d_])[-‐‑](?=[^\W\d_])")
#: A sentence ends at . ! ? or an ellipsis (closing marks may follow) before a space, or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+|\n+")
#: British/American spelling pairs mapped to one form, so they are not a change of wording.
_SPELLING = [
    (re.compile(r"(?<=\w\w)ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"(?<=\w\w)is(e|ed|es|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=\w\w\w)our(s|ed|ing|able|ably|ite|ites|er|ers)?$"), r"or\1"),
    (re.compile(r"(?<=\w\w)tre(s)?$"), r"ter\1"),
    (re.compile(r"(fen|cen|ten)ce(s)?$"), r"\1se\2"),
    (re.compile(r"(?<=\w\w)ogue(s)?$"), r"og\1"),
    (re.compile(r"(?<=\w\w)ell(ed|ing|er|ers|or|ors)$"), r"el\1"),
    (re.compile(r"(?<=\w\w)mme(s)?$"), r"m\1"),
]
_STEMMER = snowballstemmer.stemmer("english")
#: Small numbers as news style spells them (AP and Reuters style spell out one to nine, some outlets up to twenty),
#: so "3 years" and "three years" agree; "1" joins "one", a function word (it is as often a pronoun).
_NUMBER_WORDS = dict(enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split()))
_SPELLED_NUMBER = {str(value): word for value, word in _NUMBER_WORDS.items()}
#: "50%", "50 per cent" and "50 percent" are one wording.
_PERCENT = re.compile(r"%|\bper\s+cent\b")
#: A decimal point or thousands separator between digits keeps the number one token ("0.2", "1,000").
_IN_NUMBER = re.compile(r"(?<=\d)[.,](?=\d)")


@lru_cache(maxsize=200_000)
def _canonical_token(token: str) -> str:
    """A lower-cased token with possessive dropped, small numbers spelled out and British spelling mapped to one form."""
    token = token.removesuffix("'s")
    token = token.replace("'", "")
    if token in _SPELLED_NUMBER:
        return _SPELLED_NUMBER[token]
    for pattern, replacement in _SPELLING:
        token = pattern.sub(replacement, token)
    return token


@lru_cache(maxsize=200_000)
def _stem(token: str) -> str:
    """Snowball stem of a normalised token (memoised: news vocabularies repeat)."""
    return _STEMMER.stemWord(token)


def tokenize(text: str) -> list[str]:
    """Words of a quote, normalised so case, accents, apostrophes, hyphens, spelling variants, small numbers and
    percent signs agree."""
    return list(_tokenize(str(text)))


@lru_cache(maxsize=100_000)
def _tokenize(text: str) -> tuple[str, ...]:
    """Memoised body of ``tokenize`` (marks and ellipses are dropped: only word runs are kept)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = _PERCENT.sub(" percent ", _IN_NUMBER.sub("", text.replace("`", "'").casefold()))
    text = _HYPHEN_IN_WORD.sub("", text)
    tokens = (_canonical_token(tok) for tok in _TOKEN.findall(text))
    return tuple(tok for tok in tokens if tok)


@lru_cache(maxsize=1)
def synonym_table() -> dict[str, str]:
    """stem -> the stem standing for its dominant WordNet sense (``synonyms.tsv``, built by ``synonyms.py``), so that
    a paraphrase's other word for a thing ("quake" for "earthquake") still counts as a shared stem."""
    text = resources.files(__package__).joinpath("synonyms.tsv").read_text(encoding="utf-8")
    return dict(line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))


def normalised_stem(word: str) -> str:
    """The stem of a word as the features see it (normalised token, then stemmed), before synonyms are merged."""
    return _stem(_canonical_token(word.casefold()))


@lru_cache(maxsize=200_000)
def _content_stem(token: str) -> str:
    """A normalised token's stem with its synonyms merged (memoised like ``_stem``: it runs once per word of a unit)."""
    stem = _stem(token)
    return synonym_table().get(stem, stem)


def content_stems(tokens: list[str] | tuple[str, ...]) -> frozenset[str]:
    """Stems of the meaning-bearing words of a token list, synonyms of one dominant sense as one stem."""
    return frozenset(_content_stem(tok) for tok in tokens if tok not in FUNCTION_WORDS)


def sentences(text: str) -> list[str]:
    """The sentences of a quote (a quote of three sentences may be excerpted one sentence at a time)."""
    return [part for part in _SENTENCE_END.split(str(text)) if part and part.strip()]


@dataclass
class Features:
    """Text features of the units, by position in the prepared (stable-order) frame.

    ``matrix`` is units x stems with idf weights; ``sentence_matrix`` the same for sentences, whose unit is
    ``sentence_unit``. ``weight`` is a unit's total idf mass, ``first_sentence`` the number of tokens of its first
    sentence.
    """

    tokens: list[tuple[str, ...]]
    norm: list[str]
    stems: list[frozenset[str]]
    kind: list[str]
    quoted: np.ndarray
    idf: dict[str, float]
    matrix: sparse.csr_matrix
    weight: np.ndarray
    sentence_matrix: sparse.csr_matrix
    sentence_unit: np.ndarray
    first_sentence: np.ndarray | None = None
    embeddings: np.ndarray | None = None


def stable_order(units: pd.DataFrame) -> np.ndarray:
    """Row positions sorted by (published, article, start, quote): independent of the input row order."""
    start = pd.to_numeric(units["start"], errors="coerce")
    within = units.groupby("article", sort=False).cumcount()  # row order is the last resort for missing offsets
    key = pd.DataFrame({
        "published": units["published"].to_numpy(),
        "article": units["article"].to_numpy(),
        "start": start.fillna(within).to_numpy(),
        "quote": units["quote"].astype(str).to_numpy(),
        "speaker": units["speaker_id"].astype(str).to_numpy(),
    })
    return key.sort_values(list(key.columns), kind="stable").index.to_numpy()


def prepare(units: pd.DataFrame) -> pd.DataFrame:
    """Copy with every schema column present, strings filled, sorted into the stable order."""
    frame = units.copy().reset_index(drop=True)
    for column in schema.QUOTE_COLUMNS:
        if column not in frame:
            frame[column] = "" if column not in ("start", "end") else np.nan
    for column in ("article", "outlet", "published", "speaker_id", "speaker", "quote", "kind"):
        frame[column] = frame[column].fillna("").astype(str)
    frame["_row"] = np.arange(len(frame))
    return frame.iloc[stable_order(frame)].reset_index(drop=True)


def _stem_matrix(stem_sets: list[frozenset[str]], column: dict[str, int], idf: dict[str, float]) -> sparse.csr_matrix:
    """Rows of idf weights over the stem columns (columns in sorted stem order: the same in every process)."""
    ordered = [sorted(stem_set) for stem_set in stem_sets]
    indptr = np.cumsum([0] + [len(stem_list) for stem_list in ordered])
    indices = np.fromiter((column[s] for stems in ordered for s in stems), dtype=np.int64, count=indptr[-1])
    data = np.fromiter((idf[s] for stems in ordered for s in stems), dtype=np.float64, count=indptr[-1])
    return sparse.csr_matrix((data, indices, indptr), shape=(len(ordered), len(column)))


def build(frame: pd.DataFrame, semantic: bool = False) -> Features:
    """Tokens, stems, idf-weighted stem matrices of units and of their sentences (and embeddings if asked)."""
    quotes = frame["quote"].tolist()
    tokens = [_tokenize(text) for text in quotes]
    stems = [content_stems(toks) for toks in tokens]
    df: dict[str, int] = {}
    for stem_set in stems:
        for stem in stem_set:
            df[stem] = df.get(stem, 0) + 1
    n = len(stems)
    # smoothed idf (as scikit-learn's): a stem in every unit still weighs 1, a stem of one unit 1 + log((n+1)/2)
    idf = {stem: math.log((n + 1) / (count + 1)) + 1.0 for stem, count in sorted(df.items())}
    column = {stem: k for k, stem in enumerate(idf)}
    matrix = _stem_matrix(stems, column, idf)
    sentence_sets, sentence_unit = [], []
    first_sentence = np.asarray([len(toks) for toks in tokens], dtype=np.int64)
    for position, text in enumerate(quotes):
        parts = sentences(text)
        if len(parts) < 2:
            continue  # a one-sentence unit is its own sentence: the unit-level score covers it
        first_sentence[position] = len(_tokenize(parts[0]))
        for part in parts:
            sentence_sets.append(content_stems(_tokenize(part)) & stems[position])
            sentence_unit.append(position)
    sentence_matrix = _stem_matrix(sentence_sets, column, idf)
    features = Features(
        tokens=tokens, norm=[" ".join(toks) for toks in tokens], stems=stems, kind=frame["kind"].tolist(),
        quoted=frame["kind"].isin(schema.QUOTED_KINDS).to_numpy(), idf=idf, matrix=matrix,
        weight=np.asarray(matrix.sum(axis=1)).ravel(), sentence_matrix=sentence_matrix,
        sentence_unit=np.asarray(sentence_unit, dtype=np.int64), first_sentence=first_sentence,
    )
    if semantic:
        from quotes.reconcile import embeddings  # lazy: torch is an optional extra
        features.embeddings = embeddings.embed(quotes)
    return features
