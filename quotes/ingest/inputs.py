"""Inputs: files, folders and JSONL/CSV corpora (with an optional manifest) become ``Article`` objects.

Every input is accounted for by an ``InputRecord`` (ok / skipped / failed with a reason), the
original text is kept exactly as decoded so that character offsets refer to it, and metadata
lines and boilerplate are marked as non-body spans instead of being cut out.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any, Iterable, Iterator

from quotes.ingest.articles import META_FIELDS, Article, InputRecord, Rejected, article_from_text, set_meta
from quotes.ingest.decoding import control_ratio, decode_bytes, sniff_binary
from quotes.ingest.html import article_from_html, looks_like_html
from quotes.schema import STATUS_FAILED, STATUS_OK, STATUS_SKIPPED

#: Suffixes picked up when a directory is given; an explicitly named file of any suffix is read.
TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm")
CORPUS_SUFFIXES = (".jsonl", ".csv")
INPUT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + CORPUS_SUFFIXES

#: Single articles (files or corpus rows) larger than this are skipped, not read.
MAX_ARTICLE_BYTES = 50 * 1024 * 1024


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def read_inputs(
    paths: Iterable[str | os.PathLike], manifest: str | os.PathLike | None = None
) -> Iterator[InputRecord]:
    """Yield one record per input file or corpus row, in a deterministic order.

    Directories are walked recursively (sorted, hidden entries ignored). A bad input never
    raises: it becomes a skipped/failed record and reading goes on.
    """
    manifest_meta = load_manifest(manifest) if manifest is not None else {}
    manifest_path = Path(manifest).resolve() if manifest is not None else None
    ids = _IdAllocator()
    for path in _expand_paths(paths, exclude=manifest_path):
        if isinstance(path, InputRecord):  # an unusable path, already reported
            yield path
            continue
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            records = _read_jsonl(path, ids, manifest_meta)
        elif suffix == ".csv":
            records = _read_csv_corpus(path, ids, manifest_meta)
        else:
            records = iter([_read_article_file(path, ids, manifest_meta)])
        yield from records


# --------------------------------------------------------------------------------------------
# Paths, ids, manifest
# --------------------------------------------------------------------------------------------


def _expand_paths(paths: Iterable[str | os.PathLike], exclude: Path | None) -> Iterator[Path | InputRecord]:
    """Each named file, and the supported files of each directory (sorted, no hidden), once each."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    seen: set[Path] = {exclude} if exclude is not None else set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = False
            for file in _walk_directory(path):
                if file.resolve() in seen:  # the manifest, or a file already named
                    continue
                seen.add(file.resolve())
                found = True
                yield file
            if not found:
                yield InputRecord(str(path), "", STATUS_SKIPPED,
                                  "directory has no .txt/.html/.jsonl/.csv files", "", None)
        elif path.is_file():
            if path.resolve() not in seen:
                seen.add(path.resolve())
                yield path
        else:
            reason = "not a regular file or directory" if path.exists() else "file not found"
            yield InputRecord(str(path), path.stem, STATUS_FAILED, reason, "", None)


def _walk_directory(root: Path) -> Iterator[Path]:
    """Supported, non-hidden files below ``root`` in sorted order."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and Path(name).suffix.lower() in INPUT_SUFFIXES:
                yield Path(dirpath) / name


class _IdAllocator:
    """Hands out unique article ids: a repeated id gets ``-2``, ``-3``... in order of arrival."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, wanted: str) -> str:
        wanted = wanted.strip() or "article"
        candidate, n = wanted, 1
        while candidate in self.used:
            n += 1
            candidate = f"{wanted}-{n}"
        self.used.add(candidate)
        return candidate


def load_manifest(path: str | os.PathLike) -> dict[str, dict[str, str]]:
    """Read a manifest CSV (file or article, url, outlet, published, title) keyed by file stem.

    Raises ValueError when the manifest cannot be used: it is configuration, not an input.
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ValueError(f"cannot read manifest {path}: {exc.strerror or exc}") from exc
    text = decode_bytes(raw)[0]
    reader = csv.DictReader(io.StringIO(text))
    columns = {c.strip().lower(): c for c in (reader.fieldnames or [])}
    key_column = columns.get("file") or columns.get("article")
    if key_column is None:
        raise ValueError(f"manifest {path} needs a 'file' or 'article' column")
    meta: dict[str, dict[str, str]] = {}
    for row in reader:
        key = (row.get(key_column) or "").strip()
        if not key:
            continue
        stem = Path(key).stem if columns.get("file") == key_column else key
        values = {f: (row.get(columns[f]) or "").strip() for f in META_FIELDS if f in columns}
        meta[stem] = {f: v for f, v in values.items() if v}
    return meta


def _apply_manifest(article: Article, keys: Iterable[str], manifest: dict[str, dict[str, str]]) -> None:
    """Override the article's metadata with the first manifest entry matching one of ``keys``."""
    for key in keys:
        entry = manifest.get(key)
        if entry:
            for name, value in entry.items():
                set_meta(article, name, value)
            article.notes.append("metadata from manifest")
            return


# --------------------------------------------------------------------------------------------
# Single files (.txt, .html and anything named explicitly)
# --------------------------------------------------------------------------------------------


def _read_article_file(path: Path, ids: _IdAllocator, manifest: dict[str, dict[str, str]]) -> InputRecord:
    """Read one article file into a record; every problem becomes a skipped/failed record."""
    source = str(path)
    article_id = ids.take(path.stem)
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise Rejected(STATUS_SKIPPED, f"file too large ({size / 2**20:.1f} MB; limit "
                                            f"{MAX_ARTICLE_BYTES // 2**20} MB)")
        data = path.read_bytes()
        article = _article_from_bytes(data, article_id, source, is_html=path.suffix.lower() in HTML_SUFFIXES)
    except Rejected as rejected:
        return InputRecord(source, article_id, rejected.status, rejected.reason, rejected.encoding, None)
    except OSError as exc:
        return InputRecord(source, article_id, STATUS_FAILED, f"cannot read file: {exc.strerror or exc}", "", None)
    except Exception as exc:  # noqa: BLE001 - one bad input must never stop the run
        return InputRecord(source, article_id, STATUS_FAILED, _unexpected(exc), "", None)
    _apply_manifest(article, (path.stem, article_id), manifest)
    return InputRecord(source, article.id, STATUS_OK, "", article.encoding, article)


def _article_from_bytes(data: bytes, article_id: str, source: str, is_html: bool = False) -> Article:
    """Sniff, decode and lay out one article's bytes (HTML goes through trafilatura)."""
    if not data.strip():
        raise Rejected(STATUS_SKIPPED, "empty file")
    binary = sniff_binary(data)
    if binary:
        raise Rejected(STATUS_SKIPPED, f"binary file ({binary})")
    text, encoding, notes = decode_bytes(data, html=is_html or looks_like_html(data[:1024].decode("latin-1")))
    if not text.strip():
        raise Rejected(STATUS_SKIPPED, "empty file (only whitespace)", encoding)
    control = control_ratio(text)
    if control > 0.05:
        raise Rejected(STATUS_FAILED, f"not valid text in {encoding} ({control:.0%} control characters)",
                        encoding)
    if is_html or looks_like_html(text):
        article = article_from_html(text, article_id, source)
    else:
        article = article_from_text(text, article_id, source)
    article.encoding = encoding
    article.notes[:0] = notes
    return article


# --------------------------------------------------------------------------------------------
# Corpora: .jsonl and .csv, one input per row
# --------------------------------------------------------------------------------------------


def _read_jsonl(path: Path, ids: _IdAllocator, manifest: dict[str, dict[str, str]]) -> Iterator[InputRecord]:
    """One record per non-blank line of a JSON-lines corpus; bad lines are failed records."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputRecord(str(path), "", STATUS_FAILED, f"cannot read file: {exc.strerror or exc}", "", None)
        return
    with handle:
        seen_any = False
        for line_number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            seen_any = True
            source = f"{path}#{line_number}"
            line, encoding, _ = decode_bytes(raw)
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield InputRecord(source, "", STATUS_FAILED, f"invalid JSON on line {line_number}: {exc.msg}",
                                  encoding, None)
                continue
            if not isinstance(row, dict):
                yield InputRecord(source, "", STATUS_FAILED,
                                  f"line {line_number} is not a JSON object", encoding, None)
                continue
            yield _corpus_row(row, path, line_number, ids, manifest, encoding)
        if not seen_any:
            yield InputRecord(str(path), "", STATUS_SKIPPED, "empty file", "", None)


def _read_csv_corpus(path: Path, ids: _IdAllocator, manifest: dict[str, dict[str, str]]) -> Iterator[InputRecord]:
    """One record per data row of a CSV corpus with a 'text' column (read with pandas)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputRecord(str(path), "", STATUS_FAILED, f"cannot read file: {exc.strerror or exc}", "", None)
        return
    if not data.strip():
        yield InputRecord(str(path), "", STATUS_SKIPPED, "empty file", "", None)
        return
    binary = sniff_binary(data)
    if binary:
        yield InputRecord(str(path), "", STATUS_SKIPPED, f"binary file ({binary})", "", None)
        return
    import pandas as pd

    text, encoding, _ = decode_bytes(data)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except Exception as exc:  # noqa: BLE001 - pandas raises several kinds for malformed CSV
        message = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        yield InputRecord(str(path), "", STATUS_FAILED, f"cannot parse CSV: {message}", encoding, None)
        return
    columns = {str(c).strip().lower(): c for c in frame.columns}
    if "text" not in columns:
        if "file" in columns or "article" in columns:  # a manifest left among the articles
            yield InputRecord(str(path), "", STATUS_SKIPPED,
                              "CSV has no 'text' column (looks like a manifest: pass it as the manifest)",
                              encoding, None)
        else:
            listed = ", ".join(map(str, frame.columns)) or "none"
            yield InputRecord(str(path), "", STATUS_FAILED, f"CSV has no 'text' column (columns: {listed})",
                              encoding, None)
        return
    frame = frame.rename(columns={original: lower for lower, original in columns.items()})
    for row_number, row in enumerate(frame.to_dict("records"), start=1):
        yield _corpus_row(row, path, row_number, ids, manifest, encoding)


def _corpus_row(row: dict[str, Any], path: Path, number: int, ids: _IdAllocator,
                manifest: dict[str, dict[str, str]], encoding: str = "utf-8") -> InputRecord:
    """Turn one corpus row (text + optional id/url/outlet/published/title) into a record."""
    source = f"{path}#{number}"
    given_id = _clean(row.get("id"))
    article_id = ids.take(given_id or f"{path.stem}-{number}")
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        reason = "no 'text' field" if text is None else "empty text"
        return InputRecord(source, article_id, STATUS_SKIPPED, reason, encoding, None)
    if len(text) > MAX_ARTICLE_BYTES:
        return InputRecord(source, article_id, STATUS_SKIPPED,
                           f"text too large ({len(text) / 2**20:.1f} M characters)", encoding, None)
    meta = {name: _clean(row.get(name)) for name in META_FIELDS}
    meta["published"] = meta["published"] or _clean(row.get("date"))
    meta = {k: v for k, v in meta.items() if v}
    try:
        if looks_like_html(text):
            article = article_from_html(text, article_id, source)
            for name, value in meta.items():
                set_meta(article, name, value)
        else:
            article = article_from_text(text, article_id, source, **meta)
    except Rejected as rejected:
        return InputRecord(source, article_id, rejected.status, rejected.reason, encoding, None)
    except Exception as exc:  # noqa: BLE001 - one bad row must never stop the run
        return InputRecord(source, article_id, STATUS_FAILED, _unexpected(exc), encoding, None)
    article.encoding = encoding
    _apply_manifest(article, (given_id, article_id), manifest)
    return InputRecord(source, article.id, STATUS_OK, "", encoding, article)


def _unexpected(exc: Exception) -> str:
    """One-line reason for an error no check foresaw (kept short for articles.csv)."""
    message = " ".join(str(exc).split())[:200]
    return f"could not read: {type(exc).__name__}" + (f": {message}" if message else "")


def _clean(value: Any) -> str:
    """A corpus cell as a stripped string ('' for missing/NaN/None)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()
