"""Time ``quotes.reconcile`` on 10k, 30k and 100k quotation units made by varying real gold units.

Seeds gold (and PolNeAR dev gold when ../shared has it) are copied into many synthetic stories: each
story gets its own speaker ids and articles, and each copy drops or swaps a few words, so blocks,
near-duplicates and fragments look like a large real corpus. Every size starts cold (word caches cleared),
as a fresh process would. Targets: 100,000 units in < 60 s on 2 cores, and 10k -> 100k growth near 10x.
Run: python benchmarks/reconcile_scale.py
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from quotes.reconcile import features as reconcile_module
from quotes import schema
from quotes.reconcile import reconcile

SHARED_CANDIDATES = (ROOT.parent / "shared", ROOT / ".." / "shared", Path("/work/shared"))
SIZES = (10_000, 30_000, 100_000)


def load_gold() -> list[dict]:
    """Gold units from the seeds and, when present, the PolNeAR dev split."""
    shared = next((p for p in SHARED_CANDIDATES if (p / "gold" / "seeds.jsonl").exists()), None)
    if shared is None:
        sys.exit("benchmark needs ../shared/gold/seeds.jsonl")
    units = []
    for path in (shared / "gold" / "seeds.jsonl", shared / "eval" / "polnear-dev" / "gold.jsonl"):
        if path.exists():
            units += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return units


def vary(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    """Drop, swap or replace a word now and then, as another outlet's wording would."""
    words = text.split()
    if len(words) > 4 and rng.random() < 0.5:
        words.pop(rng.randrange(len(words)))
    if len(words) > 2 and rng.random() < 0.3:
        words[rng.randrange(len(words))] = rng.choice(vocabulary)
    if len(words) > 6 and rng.random() < 0.2:
        cut = rng.randrange(2, len(words) // 2)
        words = words[cut:]  # a fragment of the full quote
    return " ".join(words)


def synthetic_units(n: int, gold: list[dict], seed: int = 13) -> pd.DataFrame:
    """``n`` units: stories of 4-12 articles, each article quoting a sample of one source story's units."""
    rng = random.Random(seed)
    by_article: dict[str, list[dict]] = {}
    for unit in gold:
        by_article.setdefault(unit["article"], []).append(unit)
    sources = list(by_article.values())
    vocabulary = sorted({w for u in gold for w in u["text"].split()})[:5000]
    rows: list[dict] = []
    story = 0
    while len(rows) < n:
        story += 1
        source = rng.choice(sources)
        for copy in range(rng.randint(4, 12)):
            article = f"s{story:05d}-a{copy:02d}"
            published = f"2021-{1 + story % 12:02d}-{1 + copy % 28:02d}"
            offset = 0
            for unit in source:
                if rng.random() < 0.25:
                    continue
                speaker = unit["speaker"] or ""
                speaker_id = f"{speaker.lower().replace(' ', '-')}-{story % 700}" if speaker else ""
                quote = vary(unit["text"], rng, vocabulary)
                rows.append({
                    "article": article, "outlet": f"outlet{copy}", "published": published,
                    "speaker_id": speaker_id, "speaker": speaker, "quote": quote, "kind": unit["kind"],
                    "cue": "said", "start": offset, "end": offset + len(quote), "sentence": quote, "statement": "",
                })
                offset += len(quote) + 40
    return pd.DataFrame(rows[:n], columns=schema.QUOTE_COLUMNS)


def main() -> None:
    gold = load_gold()
    print(f"{'units':>8} {'seconds':>8} {'units/s':>9} {'statements':>10}")
    timings = {}
    for size in SIZES:
        frame = synthetic_units(size, gold)
        clear_word_caches()
        started = time.perf_counter()
        result = reconcile(frame)
        seconds = timings[size] = time.perf_counter() - started
        print(f"{size:>8} {seconds:>8.1f} {size / seconds:>9.0f} {len(result.statements):>10}", flush=True)
    print(f"growth {SIZES[0]} -> {SIZES[-1]} units: {timings[SIZES[-1]] / timings[SIZES[0]]:.1f}x time "
          f"for {SIZES[-1] / SIZES[0]:.0f}x units")


def clear_word_caches() -> None:
    """Forget the tokenizer's and stemmer's memoised words, so each size is timed as a fresh process."""
    for name in ("_tokenize", "_canonical_token", "_stem"):
        getattr(reconcile_module, name).cache_clear()


if __name__ == "__main__":
    main()
