"""Column contracts of the tables the stages hand to each other and write out.

Every stage and exporter refers to these lists, so a column is named in one place.
"""

from __future__ import annotations

#: quotes.csv / the DataFrame from ``quotes.extract``: one row per quotation unit.
QUOTE_COLUMNS: list[str] = [
    "article",      # file stem or corpus id
    "outlet",       # outlet name, '' when unknown
    "published",    # ISO date (YYYY-MM-DD) or ''
    "speaker_id",   # registry id, or a slug of the speaker's fullest name; '' when unknown
    "speaker",      # display name (registry name, or fullest name used in the article)
    "speaker_kind", # person | organization | document | group | '' (unknown); from the attribute stage
    "mention",      # the words naming the speaker at the cue, as written ("the showrunner", "Whitfield", "he")
    "roles",        # titles and descriptions the article gives the speaker, ';'-joined ("showrunner;writer")
    "quote",        # content without enclosing marks; interrupted parts joined by a space
    "kind",         # direct | partial | indirect | block
    "cue",          # the cue word(s): "said", "according to", ":" ...
    "start",        # char offset of the whole unit in the original text
    "end",          # text[start:end] covers the whole unit (marks included)
    "sentence",     # the context sentence(s)
    "statement",    # statement id from the reconciler ('' before it runs)
]

#: statements.csv: one row per statement (issue: reconcile).
STATEMENT_COLUMNS: list[str] = [
    "statement", "speaker_id", "speaker", "text", "kinds", "n_outlets", "outlets",
    "first_published", "n_variants", "flags",
]

#: speakers.csv: one row per story-level speaker (quotes.speakers.identity.unify_speakers).
SPEAKER_COLUMNS: list[str] = [
    "speaker_id",   # registry id, or the slug of the fullest name seen in the run (as in quotes.csv)
    "speaker",      # display name: registry name, or the fullest name form seen
    "variants",     # the forms the articles wrote (names and descriptions as written), ';'-joined, most quoted first
    "roles",        # titles and descriptions seen for the speaker, ';'-joined
    "n_quotes",     # quotation units attributed to the speaker
    "n_articles",   # articles quoting the speaker
]

#: articles.csv: one row per input (file or corpus row); nothing is silently dropped.
ARTICLE_COLUMNS: list[str] = ["article", "source", "status", "reason", "encoding", "n_quotes"]

#: The values of ``articles.status``.
STATUS_OK, STATUS_SKIPPED, STATUS_FAILED = "ok", "skipped", "failed"

KINDS: tuple[str, ...] = ("direct", "partial", "indirect", "block")
QUOTED_KINDS: tuple[str, ...] = ("direct", "partial", "block")
