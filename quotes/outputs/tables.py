"""Write the result tables to disk: CSV, Excel, Parquet, JSON or one SQLite database.

Every file is written atomically (temp file in the same directory, fsync, os.replace), so a
crash leaves either the previous file or the new one, never half of one. Spreadsheet formats
get formula-injection protection (OWASP CSV injection advice); data formats are written as is.
"""

from __future__ import annotations

import json
import math
import os
import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

#: Formats and their file suffixes.
FORMATS: dict[str, str] = {"csv": ".csv", "xlsx": ".xlsx", "parquet": ".parquet", "json": ".json", "sqlite": ".sqlite"}
#: Formats opened by spreadsheet programs, which evaluate cells starting with these characters.
SPREADSHEET_FORMATS = ("csv", "xlsx")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: The tables write_outputs knows, in output order.
TABLE_NAMES = ("quotes", "statements", "compare", "speakers", "articles")
#: Natural primary keys (used when the column is unique and non-empty) and indexed columns in SQLite.
SQLITE_PRIMARY_KEYS = {"statements": "statement", "compare": "statement", "articles": "article", "speakers": "speaker_id"}
SQLITE_INDEXED = ("article", "speaker_id", "statement")
#: Foreign keys Datasette turns into links: (table, column) -> referenced table (its primary key).
SQLITE_FOREIGN_KEYS = {("quotes", "statement"): "statements", ("quotes", "article"): "articles",
                       ("compare", "statement"): "statements", ("quotes", "speaker_id"): "speakers",
                       ("statements", "speaker_id"): "speakers"}

# Control characters that the xlsx format (XML 1.0) cannot hold.
_XLSX_ILLEGAL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _is_text_column(series: pd.Series) -> bool:
    """True for str/object columns (the only ones that can hold a formula string)."""
    return pd.api.types.is_string_dtype(series.dtype) or pd.api.types.is_object_dtype(series.dtype)


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``df`` where each string cell starting with = + - @ TAB or CR gets a leading ``'``.

    Numeric columns (negative numbers included) and non-string cells are untouched.
    """
    out = df.copy()
    for column in out.columns:
        values = out[column]
        if _is_text_column(values):
            risky = values.str.startswith(FORMULA_PREFIXES, na=False).astype(bool)  # non-strings: False
            if risky.any():
                out[column] = values.where(~risky, "'" + values[risky].astype(str))
    return out


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temp path beside ``path``; on success fsync it and os.replace it onto ``path``.

    On any error the temp file is removed and ``path`` keeps its previous content.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    """Make the rename durable (no-op where directories cannot be opened, e.g. Windows)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_csv(df: pd.DataFrame, path: Path, excel: bool) -> None:
    """RFC 4180 CSV: CRLF rows, so a field holding a lone CR or LF gets quoted and stays one field."""
    df.to_csv(path, index=False, encoding="utf-8-sig" if excel else "utf-8", lineterminator="\r\n")


def _write_xlsx(df: pd.DataFrame, path: Path, sheet: str) -> None:
    """One sheet with a frozen, filterable header row and readable column widths."""
    clean = df.copy()
    for column in clean.columns:
        if _is_text_column(clean[column]):
            clean[column] = clean[column].map(lambda v: _XLSX_ILLEGAL_RE.sub("", v) if isinstance(v, str) else v)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        clean.to_excel(writer, sheet_name=sheet[:31] or "Sheet1", index=False)
        ws = writer.sheets[sheet[:31] or "Sheet1"]
        ws.freeze_panes = "A2"
        if len(clean.columns):
            ws.auto_filter.ref = ws.dimensions
        for idx, column in enumerate(clean.columns, start=1):
            longest = clean[column].astype(str).str.len().max() if len(clean) else 0
            width = min(60, max(len(str(column)), int(longest or 0)) + 2)
            ws.column_dimensions[ws.cell(row=1, column=idx).column_letter].width = width


def _json_value(value: Any) -> Any:
    """A cell as a JSON value (NaN/NA -> null, numpy scalars -> Python)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def _write_json(df: pd.DataFrame, path: Path) -> None:
    records = [{str(k): _json_value(v) for k, v in row.items()} for row in df.to_dict("records")]
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(records, fh, ensure_ascii=False, indent=1)
        fh.write("\n")


def _sqlite_type(series: pd.Series) -> str:
    """SQLite column type for a pandas column."""
    if pd.api.types.is_bool_dtype(series.dtype) or pd.api.types.is_integer_dtype(series.dtype):
        return "INTEGER"
    if pd.api.types.is_float_dtype(series.dtype):
        return "REAL"
    return "TEXT"


def _quote_ident(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def _natural_key(name: str, df: pd.DataFrame) -> str | None:
    """The table's natural primary key column, if present, unique and never empty."""
    key = SQLITE_PRIMARY_KEYS.get(name)
    if key is None or key not in df.columns:
        return None
    values = df[key]
    if values.isna().any() or (values.astype(str) == "").any() or not values.is_unique:
        return None
    return key


def _write_sqlite_tables(tables: dict[str, pd.DataFrame], path: Path) -> None:
    """One table per frame, typed columns, natural primary keys, foreign keys and indexes."""
    keys = {name: _natural_key(name, df) for name, df in tables.items()}
    with sqlite3.connect(path) as conn:
        for name, df in tables.items():
            columns = []
            for column in df.columns:
                decl = f"{_quote_ident(column)} {_sqlite_type(df[column])}"
                if keys[name] == column:
                    decl += " PRIMARY KEY"
                columns.append(decl)
            for (table, column), target in SQLITE_FOREIGN_KEYS.items():
                if table == name and column in df.columns and keys.get(target) == column:
                    columns.append(f"FOREIGN KEY ({_quote_ident(column)}) "
                                   f"REFERENCES {_quote_ident(target)}({_quote_ident(column)})")
            conn.execute(f"CREATE TABLE {_quote_ident(name)} ({', '.join(columns)})")
            placeholders = ", ".join("?" for _ in df.columns)
            rows = ([_json_value(v) for v in row] for row in df.itertuples(index=False, name=None))
            conn.executemany(f"INSERT INTO {_quote_ident(name)} VALUES ({placeholders})", rows)
            for column in SQLITE_INDEXED:
                if column in df.columns and keys[name] != column:
                    conn.execute(f"CREATE INDEX {_quote_ident(f'idx_{name}_{column}')} "
                                 f"ON {_quote_ident(name)}({_quote_ident(column)})")
    conn.close()


def _writer(fmt: str, excel: bool, name: str) -> Callable[[pd.DataFrame, Path], None]:
    """The function that writes one frame in ``fmt`` to a (temp) path."""
    return {
        "csv": lambda df, p: _write_csv(df, p, excel),
        "xlsx": lambda df, p: _write_xlsx(df, p, name),
        "parquet": lambda df, p: df.to_parquet(p, index=False),
        "json": _write_json,
        "sqlite": lambda df, p: _write_sqlite_tables({name: df}, p),
    }[fmt]


def write_table(df: pd.DataFrame, path: str | os.PathLike, *, fmt: str = "csv", excel: bool = False) -> Path:
    """Write one frame atomically as ``fmt`` (csv | xlsx | parquet | json | sqlite) and return the path.

    ``excel=True`` writes CSV with a UTF-8 BOM so Excel decodes accents and curly quotes.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    path = Path(path)
    if fmt in SPREADSHEET_FORMATS:
        df = neutralise_formulas(df)
    with atomic_path(path) as tmp:
        tmp.unlink()  # sqlite/xlsx writers want to create the file themselves
        _writer(fmt, excel, path.stem)(df, tmp)
    return path


def write_outputs(out_dir: str | os.PathLike, tables: dict[str, pd.DataFrame], *, fmt: str = "csv",
                  excel: bool = False) -> list[Path]:
    """Write quotes, statements, compare, speakers, articles (those given) to ``out_dir`` as NAME.<fmt>.

    SQLite puts every frame into one file, quotes.sqlite, ready for Datasette / sqlite-utils.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    ordered = {name: tables[name] for name in TABLE_NAMES if name in tables}
    ordered.update({name: df for name, df in tables.items() if name not in ordered})
    if fmt == "sqlite":
        path = out_dir / "quotes.sqlite"
        with atomic_path(path) as tmp:
            tmp.unlink()
            _write_sqlite_tables(ordered, tmp)
        return [path]
    return [write_table(df, out_dir / f"{name}{FORMATS[fmt]}", fmt=fmt, excel=excel) for name, df in ordered.items()]
