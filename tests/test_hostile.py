"""Hostile input end to end: nothing crashes, nothing is lost, nothing is half-written.

A corpus of bad, odd and pathological files is generated in tmp_path and run through ``quotes run``;
every input must show up in articles.csv with the right status and reason, readable inputs must
yield their quotations at valid offsets, exit codes follow quotes/cli.py, and killed runs never leave
truncated tables. Injection into outputs is covered at the unit level by tests/test_export.py
(neutralise_formulas, xlsx, sqlite) and tests/test_report.py (test_malicious_quote_is_inert_in_html_and_csv);
here the same attack goes in through an article file.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from quotes.cli import EXIT_OK, EXIT_PARTIAL, EXIT_UNUSABLE, main

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "quotes" / "samples" / "nato-2021"

#: Quoted sentences the good inputs carry (each must come out as a quotation).
QUOTE_A = "We see no reason to believe that anything will change in the near future"
QUOTE_B = "The basic circumstances for shared work no longer exist"
QUOTE_C = "Our contacts with the mission have already been substantially limited"
#: Filler prose with no quotation mark and no reporting-verb stem (the pipeline may skip it unparsed).
FILLER = "The quick brown fox jumps over the lazy dog near the river bank. "
BIG_BYTES = 5_000_000
#: Seconds the 5 MB one-line article may take (measured ~15 s on a loaded 2-core machine).
BIG_BUDGET_S = 60
BAD_CASES = ("empty", "whitespace", "binary", "pdf")


def _sentence(quote: str, speaker: str = "Sergei Lavrov") -> str:
    return f"“{quote},” {speaker} told reporters in Moscow on Monday."


def _big_line() -> str:
    """A 5 MB article on one line: filler with three real quotations at 1, 2.5 and 4 MB."""
    line = FILLER * (BIG_BYTES // len(FILLER) + 1)
    pieces, cursor = [], 0
    for at, quote in ((1_000_000, QUOTE_A), (2_500_000, QUOTE_B), (4_000_000, QUOTE_C)):
        cut = line.index(". ", at) + 2
        pieces += [line[cursor:cut], _sentence(quote) + " "]
        cursor = cut
    pieces.append(line[cursor:])
    return "".join(pieces)[:BIG_BYTES]


def build_bad(folder: Path) -> dict[str, Path]:
    """Inputs that cannot be read as articles."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "empty": (folder / "empty.txt", b""),
        "whitespace": (folder / "whitespace only.txt", b" \t\r\n\n   \r\n\t "),
        "binary": (folder / "binary.txt", bytes(range(256)) * 64),
        "pdf": (folder / "report renamed.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
    }
    for path, data in files.values():
        path.write_bytes(data)
    return {name: path for name, (path, _) in files.items()}


def build_odd(folder: Path) -> dict[str, Path]:
    """Readable inputs with odd encodings, layouts, marks and names."""
    folder.mkdir(parents=True, exist_ok=True)
    lavrov = _sentence(QUOTE_A)
    texts: dict[str, tuple[str, bytes]] = {
        "utf16": ("utf16 with bom.txt", ("Moscow closes mission\n\n" + lavrov + "\n").encode("utf-16")),
        "cp1252": ("cp1252 curly.txt", ("Moscow closes mission\n\n" + lavrov + "\n").encode("cp1252")),
        "line_endings": ("mixed line endings.txt", (
            f"Moscow closes mission\r\n\r\n{_sentence(QUOTE_A)}\r\n\r\n{_sentence(QUOTE_B, 'Oana Lungescu')}"
            f"\r\r{_sentence(QUOTE_C, 'Heiko Maas')}\n\nThe talks ended.\n").encode()),
        "html": ("page with script.html", (
            "<!DOCTYPE html><html><head><title>Moscow closes mission</title>"
            "<script>document.write('“Injected words from a script tag,” the attacker said.')</script></head>"
            f"<body><article><h1>Moscow closes mission</h1><p>{lavrov}</p>"
            "<script>var s = \"“More injected script words here,” the attacker said.\";</script>"
            "<p>The alliance said it had taken note of the remarks and would respond in due course.</p>"
            "</article></body></html>").encode()),
        "big": ("one line 5MB.txt", _big_line().encode()),
        "unbalanced": ("unbalanced marks.txt", (
            "Moscow closes mission\n\n”Backwards marks confuse readers,“ the spokesman said. "
            f"He added » stray « and ' and \" marks.\n\n{lavrov}\n\n„Half open and then the paragraph ends\n").encode()),
        "never_closed": ("never closed.txt", (
            f"Moscow closes mission\n\n“{QUOTE_B}, and we will not return to the table, Lavrov said.\n\n"
            "The talks ended without agreement on Monday.\n").encode()),
        "nested": ("nested every style.txt", (
            "Moscow closes mission\n\n"
            "“He told us ‘we will never accept this’ and left the room,” Lavrov said.\n\n"
            "„Die Nato sagt ‚nein‘ zu allem, was wir vorschlagen“, sagte Lavrov.\n\n"
            "«Le ministre a dit ‹ jamais › devant tout le monde», a déclaré Lavrov.\n\n"
            "\"They keep saying 'no' to every single proposal we make,\" Lavrov told reporters.\n\n"
            "‘The minister said “never” and meant it completely,’ Lavrov added.\n\n"
            "»Wir sagen ›nein‹ zu allem, was sie vorschlagen«, sagte Lavrov.\n").encode()),
        "non_ascii_name": ("Zürich – déclaration «officielle» 東京.txt", (
            "Moscow closes mission\n\n" + lavrov + "\n").encode()),
    }
    paths = {}
    for name, (filename, data) in texts.items():
        paths[name] = folder / filename
        paths[name].write_bytes(data)
    return paths


def run_cli(*args: str | os.PathLike) -> tuple[int, str, str]:
    """``quotes run`` in process (no progress bar); (exit code, stdout, stderr) via capsys-free redirection."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["run", "--no-progress", *map(str, args)])
        except SystemExit as exit_:  # argparse
            code = exit_.code
    return code, out.getvalue(), err.getvalue()


def read_out(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / f"{name}.csv", keep_default_na=False, dtype={"reason": str, "encoding": str})


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, reuse_nlp):
    """One run over the mixed folder: (paths by case, exit code, stdout, stderr, outputs, seconds, article texts)."""
    folder = tmp_path_factory.mktemp("hostile") / "in put"
    paths = {**build_bad(folder), **build_odd(folder)}
    out = folder.parent / "out"
    reuse_nlp()  # load spaCy before the clock starts
    started = time.perf_counter()
    code, stdout, stderr = run_cli(folder, "-o", out, "--report")
    elapsed = time.perf_counter() - started
    articles = read_out(out, "articles").set_index("source")
    quotes = read_out(out, "quotes")
    texts = {}
    from quotes.ingest.inputs import read_inputs

    for record in read_inputs([folder]):
        if record.item is not None:
            texts[record.article] = record.item.text
    return {"paths": paths, "code": code, "stdout": stdout, "stderr": stderr, "out": out, "seconds": elapsed,
            "articles": articles, "quotes": quotes, "texts": texts}


def _row(hostile, case: str) -> pd.Series:
    return hostile["articles"].loc[str(hostile["paths"][case])]


def _quotes_of(hostile, case: str) -> pd.DataFrame:
    quotes = hostile["quotes"]
    return quotes[quotes["article"] == _row(hostile, case)["article"]]


@pytest.mark.parametrize(("case", "status", "reason"), [
    ("empty", "skipped", "empty file"),
    ("whitespace", "skipped", "empty file"),
    ("binary", "skipped", "binary file (contains NUL bytes)"),
    ("pdf", "skipped", "binary file (looks like PDF)"),
])
def test_unreadable_inputs_are_accounted_for(hostile, case, status, reason):
    row = _row(hostile, case)
    assert (row["status"], row["reason"], row["n_quotes"]) == (status, reason, 0)


def test_every_input_has_exactly_one_articles_row_and_the_run_is_partial(hostile):
    assert sorted(hostile["articles"].index) == sorted(str(p) for p in hostile["paths"].values())
    assert hostile["code"] == EXIT_PARTIAL
    assert "Traceback" not in hostile["stderr"]
    assert "4 skipped or failed" in hostile["stdout"]
    assert {p.name for p in hostile["out"].iterdir()} == {
        "quotes.csv", "statements.csv", "compare.csv", "speakers.csv", "articles.csv", "report.html"}


def test_readable_inputs_are_ok_and_counted(hostile):
    quotes = hostile["quotes"]
    for case in hostile["paths"]:
        if case in BAD_CASES:
            continue
        row = _row(hostile, case)
        assert row["status"] == "ok", (case, row["reason"])
        assert row["n_quotes"] == (quotes["article"] == row["article"]).sum(), case


def test_every_quote_has_valid_offsets_into_its_article(hostile):
    texts = hostile["texts"]
    for quote in hostile["quotes"].itertuples():
        text = texts[quote.article]
        assert 0 <= quote.start < quote.end <= len(text), quote
        covered = text[quote.start : quote.end]
        for word in str(quote.quote).split()[:3] + str(quote.quote).split()[-3:]:
            assert word in covered, (quote.article, word, covered[:200])


@pytest.mark.parametrize(("case", "encoding"), [("utf16", "utf-16"), ("cp1252", "cp1252")])
def test_encoded_files_yield_their_quote_with_curly_marks(hostile, case, encoding):
    assert _row(hostile, case)["encoding"] == encoding
    found = _quotes_of(hostile, case)
    assert QUOTE_A + "," in list(found["quote"])
    quote = found[found["quote"] == QUOTE_A + ","].iloc[0]
    covered = hostile["texts"][quote["article"]][quote["start"] : quote["end"]]
    assert covered.startswith("“") and covered.endswith("”"), covered


def test_mixed_line_endings_keep_each_paragraph_quote_separate(hostile):
    found = _quotes_of(hostile, "line_endings")
    direct = found[found["kind"] == "direct"]
    assert sorted(direct["quote"]) == sorted(q + "," for q in (QUOTE_A, QUOTE_B, QUOTE_C))


def test_html_script_text_never_becomes_a_quote(hostile):
    found = _quotes_of(hostile, "html")
    assert QUOTE_A + "," in list(found["quote"])
    everything = " ".join(hostile["quotes"]["quote"]) + " ".join(hostile["quotes"]["sentence"])
    assert "Injected" not in everything and "injected" not in everything


def test_five_megabyte_line_finishes_in_budget_with_its_quotes(hostile):
    row = _row(hostile, "big")
    assert row["status"] == "ok"
    found = _quotes_of(hostile, "big")
    assert {QUOTE_A + ",", QUOTE_B + ",", QUOTE_C + ","} <= set(found["quote"])
    text = hostile["texts"][row["article"]]
    for quote in found.itertuples():
        assert text[quote.start : quote.end] == f"“{quote.quote}”"
    assert hostile["seconds"] < BIG_BUDGET_S, f"whole hostile run took {hostile['seconds']:.0f}s"


def test_unbalanced_and_unclosed_marks_do_not_swallow_the_text(hostile):
    unbalanced = _quotes_of(hostile, "unbalanced")
    assert QUOTE_A + "," in list(unbalanced["quote"])
    never = _quotes_of(hostile, "never_closed")
    assert len(never) >= 1
    # an unclosed quote ends at its paragraph: the next paragraph is nobody's words
    assert not any("talks ended" in q for q in never["quote"])
    assert any(q.startswith(QUOTE_B) for q in never["quote"])


#: Seconds an article of 10,000 mixed quotation marks may take (its own run, so a regression shows here).
MARKS_BUDGET_S = 30


def test_ten_thousand_marks_finish_in_budget_and_still_find_the_real_quote(tmp_path, reuse_nlp):
    folder = tmp_path / "in"
    folder.mkdir()
    junk = " ".join("“a ‘b” „c« »d‹ ›e\" 'f" for _ in range(1000))
    assert sum(junk.count(m) for m in "“‘”„«»‹›\"'’") == 10_000
    (folder / "ten thousand marks.txt").write_text(f"Moscow closes mission\n\n{junk}\n\n{_sentence(QUOTE_A)}\n")
    reuse_nlp()
    started = time.perf_counter()
    code, _, stderr = run_cli(folder, "-o", tmp_path / "out")
    elapsed = time.perf_counter() - started
    assert code == EXIT_OK, stderr
    quotes = read_out(tmp_path / "out", "quotes")
    assert QUOTE_A + "," in list(quotes["quote"])
    assert elapsed < MARKS_BUDGET_S, f"10,000 marks took {elapsed:.0f}s"


def test_nested_quotes_of_every_style_stay_inside_their_outer_quote(hostile):
    found = _quotes_of(hostile, "nested")
    quotes = list(found["quote"])
    for outer in ("He told us ‘we will never accept this’ and left the room,",
                  "They keep saying 'no' to every single proposal we make,",
                  "The minister said “never” and meant it completely,"):
        assert outer in quotes, (outer, quotes)
    for inner in ("we will never accept this", "no", "never", "nein", "jamais"):
        assert inner not in quotes


def test_file_names_with_spaces_and_non_ascii_are_read(hostile):
    row = _row(hostile, "non_ascii_name")
    assert row["status"] == "ok" and row["article"] == hostile["paths"]["non_ascii_name"].stem
    assert QUOTE_A + "," in list(_quotes_of(hostile, "non_ascii_name")["quote"])


# --- exit codes ---------------------------------------------------------------------------------


def test_folder_of_only_bad_files_exits_2_without_traceback(tmp_path, reuse_nlp):
    build_bad(tmp_path / "bad")
    code, stdout, stderr = run_cli(tmp_path / "bad", "-o", tmp_path / "out")
    assert code == EXIT_UNUSABLE
    assert "Traceback" not in stderr and stderr.strip().splitlines()[-1].startswith("error: ")
    articles = read_out(tmp_path / "out", "articles")
    assert set(articles["status"]) == {"skipped"} and len(articles) == 4


@pytest.mark.parametrize("args", [
    ["no-such-folder", "-o", "{out}"],
    ["{samples}", "-o", "{out}", "--speakers", "missing.toml"],
    ["{samples}", "-o", "{out}", "--format", "docx"],
    ["{samples}", "-o", "{out}", "--manifest", "nowhere.csv"],
])
def test_bad_arguments_exit_2_with_one_line(tmp_path, args):
    args = [a.format(out=tmp_path / "out", samples=SAMPLES) for a in args]
    code, _, stderr = run_cli(*args)
    assert code == EXIT_UNUSABLE
    assert "Traceback" not in stderr and stderr.strip().splitlines()[-1].startswith(("error: ", "quotes run: error:"))
    assert not (tmp_path / "out" / "quotes.csv").exists()


def test_clean_folder_exits_0_as_a_subprocess(tmp_path):
    folder = tmp_path / "clean"
    shutil.copytree(SAMPLES, folder, ignore=shutil.ignore_patterns("*.toml"))
    result = subprocess.run([sys.executable, "-m", "quotes.cli", "run", "--no-progress", str(folder), "-o",
                             str(tmp_path / "out")], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == EXIT_OK, result.stderr
    assert "Traceback" not in result.stderr
    articles = read_out(tmp_path / "out", "articles")
    assert len(articles) == 5 and set(articles["status"]) == {"ok"} and articles["n_quotes"].gt(0).all()


# --- injection through an article ---------------------------------------------------------------

EVIL_FORMULA = '=HYPERLINK("http://evil.example/x","click for the full statement here")'
EVIL_SCRIPT = "<script>alert(1)</script> is nothing to worry about for anyone"


def test_injected_quote_is_neutralised_in_csv_report_and_verbatim_in_sqlite(tmp_path, reuse_nlp):
    """End-to-end counterpart of test_report.test_malicious_quote_is_inert_in_html_and_csv."""
    article = tmp_path / "in" / "evil.txt"
    article.parent.mkdir()
    article.write_text(
        "Hackers strike\n\n"
        f"“{EVIL_FORMULA} is what we sent to everyone,” John Smith told reporters.\n\n"
        f"“{EVIL_SCRIPT},” John Smith said on Monday.\n", encoding="utf-8")
    code, _, stderr = run_cli(article.parent, "-o", tmp_path / "out", "--report")
    assert code == EXIT_OK, stderr
    quotes = read_out(tmp_path / "out", "quotes")
    formula = [q for q in quotes["quote"] if "HYPERLINK" in q]
    assert formula and all(q.startswith("'=HYPERLINK") for q in formula)
    assert any("<script>alert(1)</script>" in q for q in quotes["quote"])  # kept as text in CSV
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page or "\\u003cscript&gt;alert" in page or "\\u003cscript\\u003ealert" in page
    code, _, _ = run_cli(article.parent, "-o", tmp_path / "db", "--format", "sqlite")
    with sqlite3.connect(tmp_path / "db" / "quotes.sqlite") as db:
        stored = [row[0] for row in db.execute("select quote from quotes")]
        tables = {row[0] for row in db.execute("select name from sqlite_master where type='table'")}
    assert any(q.startswith("=HYPERLINK") for q in stored)  # a data format: verbatim, parameters not SQL
    assert tables == {"quotes", "statements", "compare", "speakers", "articles"}


# --- atomic output ------------------------------------------------------------------------------

OUTPUTS = ("quotes.csv", "statements.csv", "compare.csv", "speakers.csv", "articles.csv")


def test_killed_run_never_leaves_truncated_tables(tmp_path, reuse_nlp):
    """SIGKILL a subprocess run the moment it starts writing: each table is the old one or the complete new one."""
    folder = tmp_path / "in"
    folder.mkdir()
    for copy in range(3):
        for path in sorted(SAMPLES.glob("*.txt")):
            shutil.copy(path, folder / f"{copy}-{path.name}")
    out, reference = tmp_path / "out", tmp_path / "reference"
    first = next(iter(sorted(folder.iterdir())))
    assert run_cli(first, "-o", out)[0] == EXIT_OK  # the previous version: one article
    assert run_cli(folder, "-o", reference)[0] == EXIT_OK  # what a finished run writes
    previous = {name: (out / name).read_bytes() for name in OUTPUTS}
    complete = {name: (reference / name).read_bytes() for name in OUTPUTS}
    assert all(previous[name] != complete[name] for name in ("quotes.csv", "articles.csv"))

    process = subprocess.Popen([sys.executable, "-m", "quotes.cli", "run", "--no-progress", str(folder), "-o",
                                str(out)], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    try:
        while process.poll() is None and time.monotonic() < deadline:
            names = os.listdir(out)
            if any(name.endswith(".tmp") for name in names) or (out / "quotes.csv").read_bytes() != previous["quotes.csv"]:
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.0005)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait()
    for name in OUTPUTS:
        assert (out / name).read_bytes() in (previous[name], complete[name]), name
    leftovers = [n for n in os.listdir(out) if n not in OUTPUTS]
    assert all(n.startswith(".") and n.endswith(".tmp") for n in leftovers), leftovers
