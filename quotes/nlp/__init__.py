"""The spaCy plumbing: model loading and passages, the ``quotes`` component, the lookup attribute ruler.

Importing this package registers the ``quotes``, ``paragraph_sentences`` and ``lookup_attribute_ruler``
factories."""

from quotes.nlp.pipeline import load_nlp

__all__ = ["load_nlp"]
