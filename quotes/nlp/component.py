"""The spaCy pipeline component ``quotes``: extraction then attribution, results on ``doc._.quotes``.

    nlp.add_pipe("quotes", config={"speakers": "speakers.toml"})
    doc = nlp(text); doc._.quotes  # list of quotes.extract.units.Quote
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

from quotes.attribute.registry import Registry, load_registry
from quotes.attribute.resolve import attribute
from quotes.extract.find import find_quotes
from quotes.extract.units import Quote, doc_text

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


class QuotesComponent:
    """Finds and attributes the quotations of each Doc (needs a tagger, parser, lemmatizer and NER)."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def __call__(self, doc: Doc) -> Doc:
        quotes: list[Quote] = find_quotes(doc)
        doc._.quotes = attribute(doc, quotes, self.registry)
        return doc


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break, so headings and datelines never fuse with the next line, and none
    between two words on one line: English marks a sentence's end, and the parser may otherwise cut a clause at a
    capitalised word of a name ("old Doctor Who scripts")."""
    text = doc_text(doc)
    starts = doc.to_array(IDX).tolist()
    for newline in re.finditer(r"\n", text):
        i = bisect_right(starts, newline.start())  # first token starting after the line break
        while i < len(doc) and doc[i].is_space:
            i += 1
        if 0 < i < len(doc):
            doc[i].is_sent_start = True
    for tok in doc[1:]:
        if tok.is_sent_start is None and tok.is_alpha and doc[tok.i - 1].is_alpha:
            tok.is_sent_start = False
    return doc


@Language.factory("quotes", default_config={"speakers": None})
def make_quotes_component(nlp: Language, name: str, speakers: str | None) -> QuotesComponent:
    """Factory for ``nlp.add_pipe("quotes")``; ``speakers`` is an optional registry TOML path."""
    return QuotesComponent(load_registry(speakers))
