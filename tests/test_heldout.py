"""The stories written for this project (benchmarks/heldout, benchmarks/dev) are well-formed: every gold unit's
text stands in its article."""

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


@pytest.mark.parametrize("story", STORIES, ids=[p.name for p in STORIES])
def test_every_gold_unit_stands_in_its_article(story):
    articles = {r.item.id: r.item.text for r in read_inputs([story / "articles"]) if r.item is not None}
    rows = [json.loads(line) for line in (story / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    assert rows and {r["article"] for r in rows} == set(articles)
    for row in rows:
        assert row["kind"] in KINDS and row["speaker"] and row["statement"]
        body = _squash(articles[row["article"]])
        found = [_squash(part) in body for part in row.get("parts") or [row["text"]]]
        # an optional unit may stand in page boilerplate (a related-links box) that the reader rightly drops
        assert all(found) or (row.get("optional") and not any(found)), (row["article"], row["text"][:60])
