"""``Article`` (text kept exactly as decoded, body spans, metadata) and ``InputRecord`` (what became of one
input), and the making of an article from a string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from quotes.ingest.layout import analyse_layout, iso_date

#: Metadata fields an article can take from a manifest, a corpus row or the caller.
META_FIELDS = ("outlet", "published", "title", "url")


@dataclass
class Article:
    """One news article: its decoded text, where the body is in it, and its metadata."""

    id: str
    text: str
    source: str
    outlet: str = ""
    published: str = ""
    title: str = ""
    url: str = ""
    encoding: str = "utf-8"
    body: list[tuple[int, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class InputRecord:
    """The outcome of reading one input file or corpus row (a row of articles.csv)."""

    source: str
    article: str
    status: str
    reason: str
    encoding: str
    item: Article | None


class Rejected(Exception):
    """An input that cannot become an article; carries the status and the one-line reason."""

    def __init__(self, status: str, reason: str, encoding: str = ""):
        super().__init__(reason)
        self.status, self.reason, self.encoding = status, reason, encoding


def article_from_text(text: str, id: str, source: str = "<text>", **meta: Any) -> Article:
    """Build an article from an already-decoded string, detecting metadata and boilerplate.

    ``meta`` may give outlet, published, title, url, encoding; given values win over what is
    detected in the text.
    """
    unknown = set(meta) - set(META_FIELDS) - {"encoding"}
    if unknown:
        raise TypeError(f"unknown article metadata: {', '.join(sorted(unknown))}")
    layout = analyse_layout(text)
    article = Article(
        id=id, text=text, source=source, body=layout.body, notes=list(layout.notes),
        encoding=meta.get("encoding") or "utf-8",
    )
    article.outlet, article.published, article.title = layout.outlet, layout.published, layout.title
    for name in META_FIELDS:
        if meta.get(name) not in (None, ""):
            set_meta(article, name, str(meta[name]))
    return article


def set_meta(article: Article, name: str, value: str) -> None:
    """Set one metadata field; a published value is stored as ISO date, or ignored if it is none."""
    value = value.strip()
    if name == "published":
        value = iso_date(value)
    if value:
        setattr(article, name, value)


def body_text(article: Article) -> str:
    """The article text with every non-body character blanked (newlines kept).

    Same length as ``article.text``, so offsets found in it are offsets into ``article.text``.
    """
    text = article.text
    pieces: list[str] = []
    cursor = 0
    for start, end in sorted(article.body):
        start, end = max(start, cursor), min(end, len(text))
        if start >= end:
            continue
        pieces.append(_blank(text[cursor:start]))
        pieces.append(text[start:end])
        cursor = end
    pieces.append(_blank(text[cursor:]))
    return "".join(pieces)


def _blank(segment: str) -> str:
    """Replace every character except line breaks by a space."""
    return _NOT_LINE_BREAK.sub(" ", segment)


_NOT_LINE_BREAK = re.compile(r"[^\r\n]")
