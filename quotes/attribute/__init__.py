"""Attribution: each quotation unit's speaker, from the cue, the article's people and the registry."""

from quotes.attribute.resolve import attribute

__all__ = ["attribute"]
