"""The stories written for this project (benchmarks/heldout, benchmarks/dev) are well-formed: every gold unit's
text stands in its article."""

import html
import json
import re
from pathlib import Path

import pytest

from quotes.ingest import read_inputs

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
STORIES = sorted(p for folder in ("heldout", "dev") for p in (BENCHMARKS / folder).iterdir()
                 if (p / "gold.jsonl").exists())
KINDS = {"direct", "partial", "block", "indirect"}


def _squash(text: str) -> str:
    """Letters and digits only, lower-cased: the scorer's view of a text, immune to spacing and marks."""
    return re.sub(r"[\W_]+", "", text.lower())


def _page_text(path: Path) -> str:
    """An article file's text as a reader sees it: an HTML page unescaped with its tags taken out (the gold was
    checked against the page, pull-quotes and asides included, whatever the tool's reader keeps)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".html", ".htm"):
        text = html.unescape(re.sub(r"<[^>]*>", " ", text))
    return text


@pytest.mark.parametrize("story", STORIES, ids=[p.name for p in STORIES])
def test_every_gold_unit_stands_in_its_article(story):
    ids = {r.item.id for r in read_inputs([story / "articles"]) if r.item is not None}
    articles = {path.stem: _page_text(path) for path in (story / "articles").iterdir() if path.stem in ids}
    rows = [json.loads(line) for line in (story / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    assert rows and {r["article"] for r in rows} == set(articles)
    for row in rows:
        assert row["kind"] in KINDS and row["speaker"] and row["statement"]
        body = _squash(articles[row["article"]])
        found = [_squash(part) in body for part in row.get("parts") or [row["text"]]]
        # an optional unit may stand in page boilerplate (a related-links box) that the reader rightly drops
        assert all(found) or (row.get("optional") and not any(found)), (row["article"], row["text"][:60])
