"""The lookup stand-in for the model's attribute ruler must annotate exactly as the original does."""

from __future__ import annotations

import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler

from quotes.nlp.lookup_ruler import LookupAttributeRuler, use_lookup_attribute_ruler
from tests.conftest import SAMPLES

#: Text that exercises the ruler's exceptions: contractions, auxiliaries, object pronouns, "there is".
EXCEPTIONS = (
    "Y'all ain't gonna believe it, she said. Let's go, c'mon! I gotta say nothin' is free. It's him; give it "
    "to me and you. There is a dog and there's a cat. He does. Did he? He has had it. That is what I want. "
    "He gets it, and he got it. I'd say we're done; they've left, but I'm not sure it isn't over."
)
ANNOTATIONS = [POS, TAG, MORPH, LEMMA, DEP, HEAD]


def _texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))] + [EXCEPTIONS]


def test_same_annotations_as_the_models_attribute_ruler(nlp):
    stock = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])
    fast = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])
    use_lookup_attribute_ruler(fast)
    assert isinstance(stock.get_pipe("attribute_ruler"), AttributeRuler)
    assert isinstance(fast.get_pipe("attribute_ruler"), LookupAttributeRuler)
    assert fast.pipe_names == stock.pipe_names
    for expected, got in zip(stock.pipe(_texts()), fast.pipe(_texts()), strict=True):
        assert (expected.to_array(ANNOTATIONS) == got.to_array(ANNOTATIONS)).all(), expected.text[:60]
    # the exceptions (multi-token and regex rules, kept in the Matcher) really applied
    lemmas = {t.lower_: t.lemma_ for t in fast(EXCEPTIONS.split(" It's")[0])}
    assert (lemmas["ai"], lemmas["gon"], lemmas["na"], lemmas["'s"], lemmas["nothin'"]) == ("be", "go", "to", "us", "nothing")


def test_most_patterns_become_lookups(nlp):
    ruler = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"]).get_pipe("attribute_ruler")
    lookup = LookupAttributeRuler(ruler.vocab)
    lookup.compile_from(ruler)
    assert len(lookup.matcher) < len(ruler.patterns) / 10  # only regex and multi-token patterns keep the Matcher
    assert sum(len(table) for table in lookup.tables.values()) > len(ruler.patterns)


def test_the_projects_pipeline_uses_the_stand_in(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler"), LookupAttributeRuler)
