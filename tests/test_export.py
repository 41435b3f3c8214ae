"""Export: formula neutralisation, encodings, every format round-trips, writes are atomic."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from quotes.outputs import tables as export
from quotes.outputs.tables import neutralise_formulas, write_outputs, write_table
from quotes.schema import ARTICLE_COLUMNS, QUOTE_COLUMNS, STATEMENT_COLUMNS

SAMPLES = Path(__file__).resolve().parents[1] / "quotes" / "samples" / "nato-2021"

INJECTIONS = {
    '=HYPERLINK("http://x","y")': '\'=HYPERLINK("http://x","y")',
    "+1": "'+1",
    "-2+3": "'-2+3",
    "@SUM(A1)": "'@SUM(A1)",
    "\tx": "'\tx",
    "\rx": "'\rx",
}
HARMLESS = ["Ça va — “nous sommes prêts”, a-t-il dit", "<script>alert(1)</script>", "plain", ""]


def sample_tables() -> dict[str, pd.DataFrame]:
    """Small real frames: quotes found in the bundled sample articles, with injection-prone cells mixed in."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))}
    rows = []
    for article, text in texts.items():
        for match in re.finditer(r"[“\"]([^”\"\n]{20,200})[”\"]", text):
            rows.append({"article": article, "outlet": f"outlet {article[:3]}", "published": "2021-10-19",
                         "speaker_id": "speaker-a", "speaker": "Speaker Á", "speaker_kind": "person",
                         "mention": "Á", "roles": "speaker", "quote": match.group(1), "kind": "direct",
                         "cue": "said", "start": match.start(), "end": match.end(), "sentence": match.group(0),
                         "statement": f"s{len(rows) % 7}"})
    cells = list(INJECTIONS) + HARMLESS
    for i, cell in enumerate(cells):
        rows[i]["quote"] = cell
    quotes = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    statements = pd.DataFrame(
        [{"statement": sid, "speaker_id": "speaker-a", "speaker": "Speaker Á", "text": grp["quote"].iloc[-1],
          "kinds": "direct", "n_outlets": grp["outlet"].nunique(), "outlets": ";".join(sorted(set(grp["outlet"]))),
          "first_published": "2021-10-19", "n_variants": len(grp), "flags": "wording_differs"}
         for sid, grp in quotes.groupby("statement")], columns=STATEMENT_COLUMNS)
    articles = pd.DataFrame([{"article": a, "source": f"{a}.txt", "status": "ok", "reason": "", "encoding": "utf-8",
                              "n_quotes": int((quotes["article"] == a).sum())} for a in texts], columns=ARTICLE_COLUMNS)
    compare = statements[["statement", "speaker", "text"]].assign(**{"outlet 000": "=1+1", "outlet 001": ""})
    return {"quotes": quotes, "statements": statements, "compare": compare, "articles": articles}


def expected_neutralised(df: pd.DataFrame) -> pd.DataFrame:
    """The frame as a spreadsheet export must hold it: only the injection cells prefixed."""
    out = df.copy()
    out["quote"] = out["quote"].map(lambda v: INJECTIONS.get(v, v))
    return out


def test_neutralise_formulas_prefixes_only_dangerous_strings_and_spares_numbers():
    df = pd.DataFrame({"text": list(INJECTIONS) + HARMLESS,
                       "number": [-2, -1, 0, 1, 2, 3, -5, 7, 8, -9],
                       "mixed": ["-3", -3, 4.5, None, "=A1", "ok", "@x", -1.5, "", "+"]})
    out = neutralise_formulas(df)
    assert out["text"].tolist() == list(INJECTIONS.values()) + HARMLESS
    pd.testing.assert_series_equal(out["number"], df["number"])
    assert out["mixed"].tolist()[:8] == ["'-3", -3, 4.5, None, "'=A1", "ok", "'@x", -1.5]
    assert df["text"].tolist()[0] == '=HYPERLINK("http://x","y")'  # input left alone


@pytest.mark.parametrize("excel", [False, True])
def test_csv_round_trip_is_exact_apart_from_neutralised_cells(tmp_path, excel):
    quotes = sample_tables()["quotes"]
    path = write_table(quotes, tmp_path / "quotes.csv", excel=excel)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == excel
    back = pd.read_csv(path, encoding="utf-8-sig" if excel else "utf-8", keep_default_na=False,
                       dtype={c: str for c in QUOTE_COLUMNS if c not in ("start", "end")})
    pd.testing.assert_frame_equal(back, expected_neutralised(quotes), check_dtype=False)
    assert back["start"].dtype.kind == "i"
    assert "“nous sommes prêts”".encode() in raw


def test_xlsx_cells_are_text_not_formulas(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    quotes = sample_tables()["quotes"]
    path = write_table(quotes, tmp_path / "quotes.xlsx", fmt="xlsx")
    sheet = openpyxl.load_workbook(path).active
    quote_cells = [c.value for c in sheet[chr(ord("A") + QUOTE_COLUMNS.index("quote"))]][1:]
    assert quote_cells[: len(INJECTIONS)] == list(INJECTIONS.values())
    assert all(sheet.cell(row=r, column=1 + QUOTE_COLUMNS.index("quote")).data_type == "s" for r in range(2, 8))
    back = pd.read_excel(path, keep_default_na=False, dtype={c: str for c in QUOTE_COLUMNS if c not in ("start", "end")})
    assert back["quote"].tolist()[len(INJECTIONS):len(INJECTIONS) + 3] == HARMLESS[:3]
    assert back["start"].tolist() == quotes["start"].tolist()


def test_data_formats_keep_values_verbatim(tmp_path):
    pytest.importorskip("pyarrow")
    quotes = sample_tables()["quotes"]
    parquet = pd.read_parquet(write_table(quotes, tmp_path / "q.parquet", fmt="parquet"))
    pd.testing.assert_frame_equal(parquet, quotes, check_dtype=False)
    records = json.loads(write_table(quotes, tmp_path / "q.json", fmt="json").read_text(encoding="utf-8"))
    assert [r["quote"] for r in records] == quotes["quote"].tolist()
    assert records[0]["start"] == int(quotes["start"].iloc[0])
    assert "“nous sommes prêts”" in (tmp_path / "q.json").read_text(encoding="utf-8")  # not \u-escaped


def test_sqlite_is_one_typed_indexed_database(tmp_path):
    tables = sample_tables()
    [path] = write_outputs(tmp_path, tables, fmt="sqlite")
    assert path.name == "quotes.sqlite"
    with sqlite3.connect(path) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert names == set(tables)
        columns = {r[1]: (r[2], r[5]) for r in conn.execute("PRAGMA table_info(statements)")}
        assert columns["statement"] == ("TEXT", 1) and columns["n_outlets"][0] == "INTEGER"
        quote_types = {r[1]: r[2] for r in conn.execute("PRAGMA table_info(quotes)")}
        assert quote_types["start"] == "INTEGER" and quote_types["quote"] == "TEXT"
        indexed = {r[0] for r in conn.execute(
            "SELECT ii.name FROM sqlite_master m, pragma_index_info(m.name) ii "
            "WHERE m.type='index' AND m.tbl_name='quotes'")}
        assert {"article", "speaker_id", "statement"} <= indexed
        fks = {(r[3], r[2]) for r in conn.execute("PRAGMA foreign_key_list(quotes)")}
        assert ("statement", "statements") in fks
        stored = [r[0] for r in conn.execute("SELECT quote FROM quotes ORDER BY rowid")]
        negatives = conn.execute("SELECT count(*) FROM quotes WHERE typeof(start) != 'integer'").fetchone()[0]
    assert stored == tables["quotes"]["quote"].tolist()  # data format: no neutralisation
    assert negatives == 0


def test_write_outputs_writes_each_table_in_each_format(tmp_path):
    tables = sample_tables()
    paths = write_outputs(tmp_path / "csv", tables, excel=True)
    assert [p.name for p in paths] == ["quotes.csv", "statements.csv", "compare.csv", "articles.csv"]
    compare = pd.read_csv(tmp_path / "csv" / "compare.csv", encoding="utf-8-sig", keep_default_na=False)
    assert set(compare["outlet 000"]) == {"'=1+1"}
    assert [p.suffix for p in write_outputs(tmp_path / "js", tables, fmt="json")] == [".json"] * 4
    with pytest.raises(ValueError):
        write_outputs(tmp_path, tables, fmt="docx")


def test_failed_write_keeps_previous_file_and_leaves_no_temp(tmp_path, monkeypatch):
    quotes = sample_tables()["quotes"]
    path = write_table(quotes, tmp_path / "quotes.csv")
    before = path.read_bytes()

    def crash_midway(df, target, excel):
        Path(target).write_text("article,outlet\nhalf", encoding="utf-8")
        raise OSError("disk full")

    monkeypatch.setattr(export, "_write_csv", crash_midway)
    with pytest.raises(OSError, match="disk full"):
        write_table(quotes.iloc[:3], path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["quotes.csv"]


def test_killed_writer_process_keeps_previous_file(tmp_path):
    """A writer process killed by the OS mid-write leaves the old file whole (only a stray temp may remain)."""
    path = tmp_path / "quotes.csv"
    path.write_text("old,content\n1,2\n", encoding="utf-8")
    script = textwrap.dedent(f"""
        import os, signal, pandas as pd
        from quotes.outputs import tables as export
        def killed(df, target, excel):
            open(target, "w").write("partial")
            os.kill(os.getpid(), signal.SIGKILL)
        export._write_csv = killed
        export.write_table(pd.DataFrame({{"a": [1]}}), {str(path)!r})
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).resolve().parents[1],
                            timeout=60, check=False)
    assert result.returncode != 0
    assert path.read_text(encoding="utf-8") == "old,content\n1,2\n"
    assert all(name == "quotes.csv" or name.endswith(".tmp") for name in os.listdir(tmp_path))
