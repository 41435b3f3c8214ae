"""Throughput of ``quotes run`` against the bare spaCy parse it is built on (not a test; run by hand).

    python benchmarks/throughput.py [--repeat 12] [--jobs 2] [--rounds 2] [--half] [--corpus DIR]

Copies the corpus (default: the 84 PolNeAR dev articles) ``--repeat`` times under distinct names into a
temporary folder, then measures, each in a fresh subprocess so peak RSS is its own:
  bare   spacy.load + nlp.pipe over the same article body texts (same model, all its components)
  run    quotes.api.run end to end: ingest, extract/attribute, reconcile, export (--jobs 1)
  runN   the same with --jobs N (when --jobs > 1)
  bareN  N bare parses at once, each over every N-th article (when --jobs > 1): the speed-up this
         machine gives N independent processes of the model, the ceiling for --jobs N
  half   the run on half the corpus (with --half), to show peak memory does not grow with the corpus
and prints articles/s, tokens/s, peak RSS and the ratios run/bare and jobs-N speed-up. bare, run and runN
are measured in turn for ``--rounds`` rounds, so a noisy neighbour on a shared host skews them alike;
each round's ratios and their median are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "polnear-dev" / "articles"


def make_corpus(source: Path, repeat: int, target: Path, limit: int | None = None) -> int:
    """Write ``repeat`` copies of every file in ``source`` under distinct names; returns the file count."""
    files = sorted(p for p in source.iterdir() if p.is_file())
    count = 0
    for copy in range(repeat):
        for path in files:
            if limit is not None and count >= limit:
                return count
            shutil.copyfile(path, target / f"r{copy:03d}_{path.name}")
            count += 1
    return count


def peak_rss_mib() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest child (MiB; Linux reports KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child


def cpu_seconds() -> float:
    """User + system CPU time of this process and its children: robust to other load on the machine."""
    return sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))


def phase_bare(corpus: Path, model: str | None, part: tuple[int, int] = (0, 1)) -> dict:
    """spacy.load + nlp.pipe over the body texts of the ingested articles (ingest not timed);
    ``part`` (k, n) keeps every n-th article from the k-th."""
    from quotes.ingest.articles import body_text
    from quotes.ingest.inputs import read_inputs
    from quotes.nlp.pipeline import load_model

    texts = [body_text(r.item) for r in read_inputs([corpus]) if r.item is not None][part[0]::part[1]]
    cpu_before, started = cpu_seconds(), time.perf_counter()
    nlp = load_model(model)  # the model as shipped: no quotes component, stock attribute ruler
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32))
    return {"seconds": time.perf_counter() - started, "cpu": cpu_seconds() - cpu_before, "articles": len(texts),
            "tokens": tokens, "model": nlp.meta["name"]}


def phase_run(corpus: Path, model: str | None, jobs: int) -> dict:
    """quotes.api.run end to end into a temporary output folder."""
    import spacy  # noqa: F401  (imported before the clock starts, as in phase_bare)

    from quotes.api import run

    with tempfile.TemporaryDirectory() as out:
        cpu_before, started = cpu_seconds(), time.perf_counter()
        result = run([corpus], out, model=model, jobs=jobs)
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "cpu": cpu_seconds() - cpu_before, "articles": len(result.articles),
            "quotes": len(result.quotes)}


def _child(args: argparse.Namespace) -> None:
    corpus = Path(args.corpus)
    if args.phase == "bare":
        result = phase_bare(corpus, args.model, tuple(int(k) for k in args.part.split("/")))
    else:
        result = phase_run(corpus, args.model, args.jobs)
    own, child = peak_rss_mib()
    result.update(rss_mib=own, child_rss_mib=child, cpu_seconds=cpu_seconds())
    print(json.dumps(result))


def _command(phase: str, corpus: Path, model: str | None, jobs: int = 1, part: str = "0/1") -> list[str]:
    command = [sys.executable, __file__, "--phase", phase, "--corpus", str(corpus), "--jobs", str(jobs), "--part", part]
    return command + (["--model", model] if model else [])


def _measure(phase: str, corpus: Path, model: str | None, jobs: int = 1) -> dict:
    output = subprocess.run(_command(phase, corpus, model, jobs), check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def _measure_bare_at_once(n: int, corpus: Path, model: str | None) -> dict:
    """n bare parses started together, each over its share of the articles; timed by the slowest."""
    children = [subprocess.Popen(_command("bare", corpus, model, part=f"{k}/{n}"), stdout=subprocess.PIPE, text=True)
                for k in range(n)]
    parts = [json.loads(child.communicate()[0].strip().splitlines()[-1]) for child in children]
    if any(child.returncode for child in children):
        raise RuntimeError("a bare parse failed")
    return {"seconds": max(p["seconds"] for p in parts), "cpu": sum(p["cpu"] for p in parts),
            "articles": sum(p["articles"] for p in parts), "tokens": sum(p["tokens"] for p in parts),
            "rss_mib": max(p["rss_mib"] for p in parts), "child_rss_mib": 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="folder of article files to repeat")
    parser.add_argument("--repeat", type=int, default=12, help="copies of the corpus (84 x 12 = 1,008 articles)")
    parser.add_argument("--jobs", type=int, default=1, help="also measure quotes run --jobs N")
    parser.add_argument("--model", help="spaCy pipeline (default: as quotes run)")
    parser.add_argument("--rounds", type=int, default=1, help="measure bare, --jobs 1 and --jobs N in turn this many times")
    parser.add_argument("--half", action="store_true", help="also run on half the corpus to compare peak memory")
    parser.add_argument("--phase", choices=("bare", "run"), help=argparse.SUPPRESS)
    parser.add_argument("--part", default="0/1", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        return _child(args)
    source = Path(args.corpus)
    if not source.is_dir():
        sys.exit(f"no corpus at {source} (pass --corpus DIR)")
    with tempfile.TemporaryDirectory(prefix="quotes-bench-") as tmp:
        full = Path(tmp) / "full"
        full.mkdir()
        n = make_corpus(source, args.repeat, full)
        print(f"corpus: {n} articles ({args.repeat} x {source}); {os.cpu_count()} cores")
        rows: dict[str, dict] = {}
        ratios, cpu_ratios, speedups, ceilings = [], [], [], []
        for round_number in range(1, args.rounds + 1):
            tag = f" (round {round_number})" if args.rounds > 1 else ""
            bare = rows[f"bare nlp.pipe{tag}"] = _measure("bare", full, args.model)
            run1 = rows[f"quotes run --jobs 1{tag}"] = _measure("run", full, args.model, 1)
            ratios.append(run1["seconds"] / bare["seconds"])
            cpu_ratios.append(run1["cpu"] / bare["cpu"])
            if args.jobs > 1:
                run_n = rows[f"quotes run --jobs {args.jobs}{tag}"] = _measure("run", full, args.model, args.jobs)
                speedups.append(run1["seconds"] / run_n["seconds"])
                bare_n = rows[f"bare nlp.pipe, {args.jobs} at once{tag}"] = _measure_bare_at_once(args.jobs, full, args.model)
                ceilings.append(bare["seconds"] / bare_n["seconds"])
        if args.half:
            half = Path(tmp) / "half"
            half.mkdir()
            make_corpus(source, args.repeat, half, limit=n // 2)
            rows[f"quotes run --jobs 1, {n // 2} articles"] = _measure("run", half, args.model, 1)
    print(f"model: {bare['model']}")
    print(f"{'':42} {'wall s':>7} {'CPU s':>7} {'articles/s':>10} {'tokens/s':>9} {'peak RSS MiB own / largest child':>33}")
    for name, row in rows.items():
        tokens = bare["tokens"] * row["articles"] / bare["articles"]
        print(f"{name:42} {row['seconds']:7.1f} {row['cpu']:7.1f} {row['articles'] / row['seconds']:10.2f} "
              f"{tokens / row['seconds']:9.0f} {row['rss_mib']:20.0f} / {row['child_rss_mib']:.0f}")
    print(f"run / bare: {_median_of(ratios)} wall, {_median_of(cpu_ratios)} CPU (target <= 1.10)")
    if speedups:
        print(f"--jobs {args.jobs} speed-up over --jobs 1: {_median_of(speedups)} (target >= 1.7 on 2 cores)")
        print(f"ceiling, {args.jobs} bare parses at once over 1: {_median_of(ceilings)} (what this machine gives "
              f"{args.jobs} independent processes of the model)")


def _median_of(values: list[float]) -> str:
    """'1.23x' or, over several rounds, '1.23x median (rounds: 1.20, 1.23, 1.30)'."""
    if len(values) == 1:
        return f"{values[0]:.2f}x"
    return f"{statistics.median(values):.2f}x median (rounds: {', '.join(f'{v:.2f}' for v in values)})"

if __name__ == "__main__":
    main()
