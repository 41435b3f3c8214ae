"""The story-level speaker stage: one id and name per speaker across all the articles of a batch."""

from quotes.speakers.identity import unify_speakers

__all__ = ["unify_speakers"]
