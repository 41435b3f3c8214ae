"""A faster, output-identical stand-in for a pipeline's ``attribute_ruler`` (the tag map and its
exceptions): that ruler takes about a sixth of en_core_web_sm's parse time, the stand-in a quarter of that.

spaCy's AttributeRuler runs every pattern through a Matcher at every token. Most of its patterns
(all of en_core_web_sm's but nine) test one token for equal, listed or excluded values
(``{"TAG": "NN"}``, ``{"LOWER": {"IN": [...]}, "TAG": "VBZ"}``, ``{"DEP": {"NOT_IN": [...]}, ...}``);
those become dictionary lookups on the token attribute arrays. The rest (regexes, several tokens)
stay in a small Matcher.
Matches are applied exactly as the AttributeRuler applies them: in pattern order, later patterns
overriding earlier ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import product

import numpy as np
from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs
from spacy.vocab import Vocab

#: Token attributes a lookup pattern may test (their values come from ``Doc.to_array``).
LOOKUP_ATTRS = ("ORTH", "LOWER", "TAG", "POS", "DEP", "LEMMA", "NORM", "ENT_TYPE", "IS_SPACE", "IS_PUNCT", "IS_ALPHA")

#: A lookup pattern: its number, and the (attribute, values) its token must not have (NOT_IN).
Entry = tuple[int, tuple[tuple[str, frozenset[int]], ...]]
#: (tested attributes) → {their values as array integers → the patterns that accept them}
LookupTables = dict[tuple[str, ...], dict[tuple[int, ...], list[Entry]]]


def _values(attr: str, values: list) -> list[int] | None:
    """``values`` as the integers ``Doc.to_array(attr)`` holds (None if a value is of the wrong type)."""
    if attr.startswith("IS_"):
        return [int(v) for v in values] if all(isinstance(v, bool) for v in values) else None
    return [get_string_id(v) for v in values] if all(isinstance(v, str) for v in values) else None


def _predicate(attr: str, spec: object) -> tuple[str, list[int]] | None:
    """("IN" or "NOT_IN", values) for a plain value or an IN / NOT_IN list; None for anything else."""
    if attr not in LOOKUP_ATTRS:
        return None
    if not isinstance(spec, dict):
        spec = {"IN": [spec]}
    if len(spec) != 1 or next(iter(spec)) not in ("IN", "NOT_IN"):
        return None
    (operator, values), = spec.items()
    values = _values(attr, list(values))
    return None if values is None else (operator, values)


class LookupAttributeRuler:
    """Sets the same token attributes as a given AttributeRuler, with lookups instead of a Matcher."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.tables: LookupTables = {}
        self.matcher = Matcher(vocab, validate=False)
        self.attrs: list[dict] = []
        self.indices: list[int] = []
        self.columns: tuple[str, ...] = ()
        self.firsts: dict[tuple[str, ...], np.ndarray] = {}  # per table: the values its first attribute may have

    def compile_from(self, ruler: AttributeRuler) -> None:
        """Take over ``ruler``'s patterns, in its order."""
        for number, entry in enumerate(ruler.patterns):
            self.attrs.append(normalize_token_attrs(self.vocab, entry["attrs"]))
            self.indices.append(entry["index"])
            for pattern in entry["patterns"]:
                if not self._add_lookup(number, pattern, entry["index"]):
                    self.matcher.add(str(number), [pattern])
        self.firsts = {attrs: np.fromiter({key[0] for key in table}, dtype=np.uint64) for attrs, table in self.tables.items()}

    def _add_lookup(self, number: int, pattern: list[dict], index: int) -> bool:
        if len(pattern) != 1 or index not in (0, -1):
            return False
        predicates = {attr: _predicate(attr, spec) for attr, spec in pattern[0].items()}
        if not predicates or None in predicates.values():
            return False
        tested = tuple(sorted(a for a, (op, _) in predicates.items() if op == "IN"))
        if not tested:
            return False
        negatives = tuple((a, frozenset(values)) for a, (op, values) in sorted(predicates.items()) if op == "NOT_IN")
        table = self.tables.setdefault(tested, {})
        for key in product(*(predicates[a][1] for a in tested)):
            table.setdefault(key, []).append((number, negatives))
        self.columns = tuple(dict.fromkeys((*self.columns, *tested, *(a for a, _ in negatives))))
        return True

    def _matches(self, doc: Doc) -> Iterable[tuple[int, int, int]]:
        """(pattern number, match start, token to set) for every match in ``doc``."""
        if self.tables:
            column = {attr: k for k, attr in enumerate(self.columns)}
            array = doc.to_array([IDS[a] for a in self.columns]).reshape(len(doc), len(self.columns))
            for attrs, table in self.tables.items():
                positions = [column[a] for a in attrs]
                candidates = np.flatnonzero(np.isin(array[:, positions[0]], self.firsts[attrs]))
                keys = array[np.ix_(candidates, positions)].tolist()
                for i, key in zip(candidates.tolist(), keys):
                    for number, negatives in table.get(tuple(key), ()):
                        if all(int(array[i, column[a]]) not in values for a, values in negatives):
                            yield number, i, i
        if len(self.matcher):
            for match_id, start, end in self.matcher(doc, allow_missing=True):
                number = int(self.vocab.strings[match_id])
                index = self.indices[number]
                yield number, start, (start if index >= 0 else end) + index

    def __call__(self, doc: Doc) -> Doc:
        if len(doc):
            for number, _, i in sorted(self._matches(doc)):
                set_token_attrs(doc[i], self.attrs[number])
        return doc


@Language.factory("lookup_attribute_ruler")
def make_lookup_attribute_ruler(nlp: Language, name: str) -> LookupAttributeRuler:
    """Factory for the stand-in; ``use_lookup_attribute_ruler`` fills it from the pipeline's ruler."""
    return LookupAttributeRuler(nlp.vocab)


def use_lookup_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> None:
    """Swap the pipeline's AttributeRuler ``name`` for the lookup stand-in (same place, same name)."""
    if name not in nlp.pipe_names or not isinstance(nlp.get_pipe(name), AttributeRuler):
        return
    ruler = nlp.get_pipe(name)
    nlp.replace_pipe(name, "lookup_attribute_ruler")
    nlp.get_pipe(name).compile_from(ruler)
