"""Every figure of ``quotes evaluate`` for many stories at once, with the shipped defaults: one row per story.

A story is a folder with ``articles/`` and ``gold.jsonl`` (the layout of ``../shared/eval/ecb-dev/<story>/`` and of
``benchmarks/heldout/<story>/``); a folder of such folders counts as its stories. A story folder may hold a
``speakers.toml`` registry, used when present. With no folder given: every ecb-dev story, the sample story with
its registry and PolNeAR dev, as ``../shared`` has them.

Run: python -m benchmarks.stories [FOLDER ...] [--semantic] [--out DIR] [--with-seeds]

``--with-seeds`` runs each story together with the sample story's articles and its registry, and scores against
both golds: the check for other outlets' reports of the sample story (their gold uses the seeds' statement and
speaker ids).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from benchmarks.grouping import shared_dir  # noqa: E402
from quotes import evaluate  # noqa: E402

COLUMNS = ["story", "articles", "gold", "precision", "quoted R", "indirect R", "attribution", "pairwise F1", "B3 F1"]


@dataclass(frozen=True)
class StoryRun:
    """What one row runs: its inputs, optional registry and the gold it is scored against."""

    name: str
    inputs: list[Path] | None  # None: the bundled sample story (with its registry)
    gold: list[Path]
    registry: Path | None = None


def story_folders(folder: Path) -> list[Path]:
    """The story folders in ``folder``: itself when it has a gold.jsonl, else its children that have one."""
    if (folder / "gold.jsonl").exists():
        return [folder]
    return sorted(child for child in folder.iterdir() if (child / "gold.jsonl").exists())


def default_runs(shared: Path) -> list[StoryRun]:
    """The development corpora of ../shared: every ecb-dev story, the sample story, PolNeAR dev."""
    runs = [story_run(f) for f in story_folders(shared / "eval" / "ecb-dev")]
    runs.append(StoryRun("sample (registry)", None, [shared / "gold" / "seeds.jsonl"]))
    polnear = shared / "eval" / "polnear-dev"
    if (polnear / "gold.jsonl").exists():
        runs.append(story_run(polnear))
    return runs


def story_run(folder: Path, seeds: tuple[Path, Path, Path] | None = None) -> StoryRun:
    """A story folder as a run; with ``seeds`` (articles, gold, registry) the sample story's articles join it
    and its registry names the speakers."""
    registry = folder / "speakers.toml"
    inputs, gold = [folder / "articles"], [folder / "gold.jsonl"]
    if seeds is not None:
        return StoryRun(folder.name + " + sample", [seeds[0], *inputs], [seeds[1], *gold], seeds[2])
    return StoryRun(folder.name, inputs, gold, registry if registry.exists() else None)


def _gold(paths: list[Path]) -> pd.DataFrame:
    """The gold units of one or more files as one table."""
    return pd.concat([evaluate.load_gold(p) for p in paths], ignore_index=True)


def score_run(run: StoryRun, out: Path, semantic: bool) -> dict:
    """Run the whole pipeline on one story and score its quotes.csv."""
    from quotes.api import run as run_pipeline

    result = run_pipeline(run.inputs, out=out / run.name, speakers=run.registry, semantic=semantic)
    gold = _gold(run.gold)
    mode = "registry" if run.inputs is None or run.registry is not None else "name"
    scores = evaluate.score(gold, result.quotes, speaker_mode=mode)
    return {
        "story": run.name, "articles": len(result.articles), "gold": len(gold),
        "precision": scores.precision, "quoted R": scores.recall_quoted, "indirect R": scores.recall_indirect,
        "attribution": scores.attribution, "pairwise F1": scores.grouping_f1, "B3 F1": scores.bcubed_f1,
    }


def markdown(rows: list[dict]) -> str:
    """The rows as a markdown table (figures to three decimals, '—' where a figure does not apply)."""
    def cell(value: object) -> str:
        if isinstance(value, float):
            return f"{value:.3f}"
        return "—" if value is None else str(value)

    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(cell(row[c]) for c in COLUMNS) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--semantic", action="store_true", help="reconcile with sentence embeddings")
    parser.add_argument("--out", type=Path, help="keep each story's outputs here (default: a temporary folder)")
    parser.add_argument("--with-seeds", action="store_true", help="run each story together with the sample story")
    args = parser.parse_args(argv)
    shared = shared_dir()
    seeds = None
    if args.with_seeds:
        from quotes.nlp.pipeline import sample_story

        if shared is None:
            parser.error("--with-seeds needs ../shared/gold/seeds.jsonl")
        folder, registry = sample_story()
        seeds = (Path(folder), shared / "gold" / "seeds.jsonl", Path(registry))
    if args.folders:
        runs = [story_run(f, seeds) for folder in args.folders for f in story_folders(folder)]
    elif shared is not None:
        runs = default_runs(shared)
    else:
        parser.error("no story folder given and ../shared not found")
    with tempfile.TemporaryDirectory() as scratch:
        out = args.out or Path(scratch)
        rows = [score_run(run, out, args.semantic) for run in runs]
    print(markdown(rows))


if __name__ == "__main__":
    main()
