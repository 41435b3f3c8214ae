"""The installed `quotes` console script on every input format, as a user runs it after the README's set-up.

Runs the script next to ``sys.executable`` in a subprocess (so what pip installed, not this source tree's
imports, is tested) on a folder holding a plain-text article, an HTML page, a JSON-lines corpus and a CSV
corpus, with a manifest for the single files. A missing or lazily imported dependency (lxml.html.clean for
HTML, pyarrow, charset_normalizer...) shows as a `failed` row in articles.csv, which this test refuses.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / ("quotes.exe" if os.name == "nt" else "quotes")
pytestmark = pytest.mark.skipif(
    not SCRIPT.is_file(),
    reason=f"no installed `quotes` console script next to {sys.executable} (pip install -e . puts it there)",
)

TXT = """Council approves ferry terminal on the old quay

The town council voted on Tuesday to build a ferry terminal on the old quay, ending a debate that began two years ago.
“This terminal will bring hundreds of jobs back to the waterfront,” said Mayor Elena Ruiz after the vote.
Work is expected to start in the spring.
"""

HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Snow closes the Altberg pass</title></head>
<body>
<nav><a href="/">Home</a> <a href="/weather">Weather</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Snow closes the Altberg pass</h1>
<p>Heavy snow closed the Altberg pass on Monday morning, leaving dozens of lorries stranded on both sides of the
mountain road while ploughs worked through the night to clear the worst of the drifts.</p>
<p>“We advise every driver to stay off the pass until Wednesday at the earliest,” said police spokesman Tomas
Berger, adding that two lorries had slid into the ditch near the summit.</p>
<p>The regional transport office said the road would reopen once the avalanche risk had been assessed by its
engineers, and that buses would run on the valley route in the meantime.</p>
</article>
<footer>Copyright the Valley Courier</footer>
</body></html>
"""

JSONL_ROWS = [
    {"id": "museum-roof", "outlet": "Riverside Post", "published": "2025-03-04",
     "text": "Museum roof repairs finished early\n\nRepairs to the roof of the city museum were finished a month "
             "early, the museum said on Friday. \"The galleries will reopen to visitors next weekend,\" said "
             "director Hannah Lowe."},
    {"id": "bridge-toll", "outlet": "Riverside Post", "published": "2025-03-05",
     "text": "Bridge toll to rise in April\n\nThe toll on the east bridge will rise by fifty cents in April. "
             "\u201cThe extra money pays for the new lighting and nothing else,\u201d said transport chief "
             "Peter Okafor on Thursday."},
]

CSV_ROWS = [
    {"id": "school-meals", "outlet": "Northern Gazette", "published": "2025-06-10",
     "text": "Free school meals extended\n\nFree school meals will be extended to every primary pupil from "
             "September. \u201cNo child should sit in class hungry,\u201d said education officer Grace Adeyemi "
             "on Monday."},
]

#: Metadata the manifest gives the two single files; the run must carry it into quotes.csv.
MANIFEST = {
    "ferry.txt": {"outlet": "Harbour Herald", "published": "2025-01-14"},
    "pass.html": {"outlet": "Valley Courier", "published": "2025-02-03"},
}

#: Per input (a file name, or a corpus file name and row number): words of its quote and its speaker's surname.
EXPECTED = {
    "ferry.txt": ("hundreds of jobs back to the waterfront", "Ruiz"),
    "pass.html": ("stay off the pass until Wednesday", "Berger"),
    "corpus.jsonl#1": ("galleries will reopen to visitors", "Lowe"),
    "corpus.jsonl#2": ("pays for the new lighting", "Okafor"),
    "corpus.csv#1": ("No child should sit in class hungry", "Adeyemi"),
}


def _write_inputs(folder: Path) -> Path:
    """Write one article per format into ``folder`` and a manifest beside it; return the manifest's path."""
    folder.mkdir()
    (folder / "ferry.txt").write_text(TXT, encoding="utf-8")
    (folder / "pass.html").write_text(HTML, encoding="utf-8")
    with (folder / "corpus.jsonl").open("w", encoding="utf-8") as handle:
        for row in JSONL_ROWS:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    with (folder / "corpus.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "outlet", "published", "text"])
        writer.writeheader()
        writer.writerows(CSV_ROWS)
    manifest = folder.parent / "manifest.csv"
    with manifest.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "outlet", "published"])
        writer.writeheader()
        writer.writerows({"file": name, **meta} for name, meta in MANIFEST.items())
    return manifest


def _read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV written by `quotes run`."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _input_name(source: str) -> str:
    """'corpus.jsonl#2' for '/tmp/.../corpus.jsonl#2', 'pass.html' for '/tmp/.../pass.html'."""
    return Path(source).name


@pytest.fixture(scope="module")
def installed_run(tmp_path_factory):
    """Run the installed `quotes run` once over every format; return (process, articles rows, quotes rows)."""
    root = tmp_path_factory.mktemp("installed")
    manifest = _write_inputs(root / "articles")
    out = root / "out"
    process = subprocess.run(
        [str(SCRIPT), "run", str(root / "articles"), "-o", str(out), "--manifest", str(manifest), "--no-progress"],
        capture_output=True, text=True, timeout=900,
    )
    articles = _read_csv(out / "articles.csv") if (out / "articles.csv").is_file() else []
    quotes = _read_csv(out / "quotes.csv") if (out / "quotes.csv").is_file() else []
    return process, articles, quotes


def test_installed_run_reads_every_input_without_failure(installed_run):
    process, articles, _ = installed_run
    problems = [(row["source"], row["status"], row["reason"]) for row in articles if row["status"] != "ok"]
    assert not problems, f"inputs not read: {problems}\nstderr: {process.stderr[-2000:]}"
    assert process.returncode == 0, process.stderr[-2000:]
    assert sorted(_input_name(row["source"]) for row in articles) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_installed_run_finds_each_formats_quote_and_speaker(installed_run, name):
    _, articles, quotes = installed_run
    ids = [row["article"] for row in articles if _input_name(row["source"]) == name]
    assert ids, f"{name} is missing from articles.csv"
    words, surname = EXPECTED[name]
    found = [row for row in quotes if row["article"] == ids[0] and words in row["quote"]]
    assert found, f"no quote with {words!r} from {name}: {[r['quote'] for r in quotes if r['article'] == ids[0]]}"
    assert surname in found[0]["speaker"]


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_installed_run_applies_the_manifest(installed_run, name):
    _, articles, quotes = installed_run
    article = next(row["article"] for row in articles if _input_name(row["source"]) == name)
    rows = [row for row in quotes if row["article"] == article]
    assert rows and all(row["outlet"] == MANIFEST[name]["outlet"] for row in rows)
    assert all(row["published"].startswith(MANIFEST[name]["published"]) for row in rows)
