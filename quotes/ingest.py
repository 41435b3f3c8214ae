"""Ingest: turn input files, corpus rows and raw strings into ``Article`` objects.

Every input is accounted for by an ``InputRecord`` (ok / skipped / failed with a reason), the
original text is kept exactly as decoded so that character offsets refer to it, and metadata
lines and boilerplate are marked as non-body spans instead of being cut out.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from quotes.schema import STATUS_FAILED, STATUS_OK, STATUS_SKIPPED

#: Suffixes picked up when a directory is given; an explicitly named file of any suffix is read.
TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm")
CORPUS_SUFFIXES = (".jsonl", ".csv")
INPUT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + CORPUS_SUFFIXES

#: Single articles (files or corpus rows) larger than this are skipped, not read.
MAX_ARTICLE_BYTES = 50 * 1024 * 1024

#: Metadata fields an article can take from a manifest, a corpus row or the caller.
META_FIELDS = ("outlet", "published", "title", "url")


@dataclass
class Article:
    """One news article: its decoded text, where the body is in it, and its metadata."""

    id: str
    text: str
    source: str
    outlet: str = ""
    published: str = ""
    title: str = ""
    url: str = ""
    encoding: str = "utf-8"
    body: list[tuple[int, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class InputRecord:
    """The outcome of reading one input file or corpus row (a row of articles.csv)."""

    source: str
    article: str
    status: str
    reason: str
    encoding: str
    item: Article | None


class _Rejected(Exception):
    """An input that cannot become an article; carries the status and the one-line reason."""

    def __init__(self, status: str, reason: str, encoding: str = ""):
        super().__init__(reason)
        self.status, self.reason, self.encoding = status, reason, encoding


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


def article_from_text(text: str, id: str, source: str = "<text>", **meta: Any) -> Article:
    """Build an article from an already-decoded string, detecting metadata and boilerplate.

    ``meta`` may give outlet, published, title, url, encoding; given values win over what is
    detected in the text.
    """
    unknown = set(meta) - set(META_FIELDS) - {"encoding"}
    if unknown:
        raise TypeError(f"unknown article metadata: {', '.join(sorted(unknown))}")
    layout = analyse_layout(text)
    article = Article(
        id=id, text=text, source=source, body=layout.body, notes=list(layout.notes),
        encoding=meta.get("encoding") or "utf-8",
    )
    article.outlet, article.published, article.title = layout.outlet, layout.published, layout.title
    for name in META_FIELDS:
        if meta.get(name) not in (None, ""):
            _set_meta(article, name, str(meta[name]))
    return article


def _set_meta(article: Article, name: str, value: str) -> None:
    """Set one metadata field; a published value is stored as ISO date, or ignored if it is none."""
    value = value.strip()
    if name == "published":
        value = iso_date(value)
    if value:
        setattr(article, name, value)


def body_text(article: Article) -> str:
    """The article text with every non-body character blanked (newlines kept).

    Same length as ``article.text``, so offsets found in it are offsets into ``article.text``.
    """
    text = article.text
    pieces: list[str] = []
    cursor = 0
    for start, end in sorted(article.body):
        start, end = max(start, cursor), min(end, len(text))
        if start >= end:
            continue
        pieces.append(_blank(text[cursor:start]))
        pieces.append(text[start:end])
        cursor = end
    pieces.append(_blank(text[cursor:]))
    return "".join(pieces)


def _blank(segment: str) -> str:
    """Replace every character except line breaks by a space."""
    return _NOT_LINE_BREAK.sub(" ", segment)


_NOT_LINE_BREAK = re.compile(r"[^\r\n]")


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
    text = _decode(raw)[0]
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
                _set_meta(article, name, value)
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
            raise _Rejected(STATUS_SKIPPED, f"file too large ({size / 2**20:.1f} MB; limit "
                                            f"{MAX_ARTICLE_BYTES // 2**20} MB)")
        data = path.read_bytes()
        article = _article_from_bytes(data, article_id, source, is_html=path.suffix.lower() in HTML_SUFFIXES)
    except _Rejected as rejected:
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
        raise _Rejected(STATUS_SKIPPED, "empty file")
    binary = sniff_binary(data)
    if binary:
        raise _Rejected(STATUS_SKIPPED, f"binary file ({binary})")
    text, encoding, notes = _decode(data, html=is_html or looks_like_html(data[:1024].decode("latin-1")))
    if not text.strip():
        raise _Rejected(STATUS_SKIPPED, "empty file (only whitespace)", encoding)
    control = _control_ratio(text)
    if control > 0.05:
        raise _Rejected(STATUS_FAILED, f"not valid text in {encoding} ({control:.0%} control characters)",
                        encoding)
    if is_html or looks_like_html(text):
        article = _article_from_html(text, article_id, source)
    else:
        article = article_from_text(text, article_id, source)
    article.encoding = encoding
    article.notes[:0] = notes
    return article


# --------------------------------------------------------------------------------------------
# Bytes: binary sniffing and decoding
# --------------------------------------------------------------------------------------------

_MAGIC = (
    (b"%PDF", "looks like PDF"),
    (b"PK\x03\x04", "looks like a zip archive or office document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "looks like an old MS Office document"),
    (b"{\\rtf", "looks like RTF"),
    (b"\x89PNG", "looks like PNG image"),
    (b"\xff\xd8\xff", "looks like JPEG image"),
    (b"GIF8", "looks like GIF image"),
    (b"\x1f\x8b", "looks like gzip"),
    (b"7z\xbc\xaf", "looks like 7z archive"),
    (b"Rar!", "looks like RAR archive"),
    (b"\x7fELF", "looks like an executable"),
    (b"%!PS", "looks like PostScript"),
    (b"ID3", "looks like MP3 audio"),
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def sniff_binary(data: bytes) -> str:
    """A short description if ``data`` is a binary format rather than text, else ''."""
    head = data[:16]
    for magic, label in _MAGIC:
        if head.startswith(magic):
            return label
    if head[8:12] == b"WEBP" and head.startswith(b"RIFF"):
        return "looks like WEBP image"
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return ""
    sample = data[:8192]
    if b"\x00" in sample and not _utf16_without_bom(sample):
        return "contains NUL bytes"
    return ""


def _utf16_without_bom(sample: bytes) -> str:
    """'utf-16-le'/'utf-16-be' when the NULs sit in every other byte as in BOM-less UTF-16."""
    if len(sample) < 4:
        return ""
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= 0.8 * len(odd) and even.count(0) <= 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.8 * len(even) and odd.count(0) <= 0.05 * len(odd):
        return "utf-16-be"
    return ""


_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?([A-Za-z0-9_-]{2,30})", re.I)


def _decode(data: bytes, html: bool = False) -> tuple[str, str, list[str]]:
    """Decode bytes: BOM, then UTF-8, then cp1252 (or charset-normalizer's guess for non-Latin text).

    Returns (text, encoding, notes); latin-1 is the last resort and never fails.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, [f"decoded as {encoding} (byte-order mark)"]
            except UnicodeDecodeError:
                break
    bomless = _utf16_without_bom(data[:8192]) if b"\x00" in data[:8192] else ""
    if bomless:
        try:
            return data.decode(bomless), bomless, [f"decoded as {bomless} (no byte-order mark)"]
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    if html:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii").lower()
            try:
                return data.decode(name), name, [f"decoded as {name} (declared in HTML; not valid UTF-8)"]
            except (LookupError, UnicodeDecodeError):
                pass
    high = sum(1 for b in data[:65536] if b >= 0x80) / max(1, min(len(data), 65536))
    if high > 0.15:  # too many non-ASCII bytes for Western text in cp1252: ask charset-normalizer
        guess = _guess_encoding(data)
        if guess:
            return data.decode(guess, errors="replace"), guess, [f"decoded as {guess} (detected; not valid UTF-8)"]
    for encoding in ("cp1252", "latin-1"):
        try:
            return data.decode(encoding), encoding, [f"decoded as {encoding} (not valid UTF-8)"]
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")


def _guess_encoding(data: bytes) -> str:
    """charset-normalizer's best guess for the encoding, or '' when it has none."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    return best.encoding.replace("_", "-") if best is not None else ""


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _control_ratio(text: str) -> float:
    """Share of control characters (other than tab and line breaks) at the start of ``text``."""
    sample = text[:65536]
    return len(_CONTROL.findall(sample)) / max(1, len(sample))


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

_HTML_START = re.compile(r"\A\ufeff?\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.*?-->\s*)?"
                         r"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])",
                         re.I | re.S)


def looks_like_html(text: str) -> bool:
    """True when the text is clearly an HTML document (doctype or <html>/<head>/<body> first)."""
    return bool(_HTML_START.match(text[:2048]))


def _article_from_html(html: str, article_id: str, source: str) -> Article:
    """Main text and metadata of an HTML page via trafilatura (imported only when needed)."""
    import trafilatura

    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, favor_recall=True, as_dict=False
    )
    notes = []
    text = (getattr(document, "text", None) or "").strip() if document is not None else ""
    if not text:
        text = (trafilatura.html2txt(html) or "").strip()
        notes.append("no main text found by trafilatura; used the whole page text")
    if not text:
        raise _Rejected(STATUS_SKIPPED, "no text found in HTML")
    meta = {}
    if document is not None:
        meta = {"title": document.title or "", "url": document.url or "",
                "outlet": document.sitename or "", "published": document.date or ""}
    title = meta.get("title", "")
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"  # keep the headline in the text, as in plain-text articles
        notes.append("headline from HTML metadata put on the first line")
    article = article_from_text(text, article_id, source, **{k: v for k, v in meta.items() if v})
    article.notes[:0] = ["main text extracted from HTML"] + notes
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
            line, encoding, _ = _decode(raw)
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

    text, encoding, _ = _decode(data)
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
            article = _article_from_html(text, article_id, source)
            for name, value in meta.items():
                _set_meta(article, name, value)
        else:
            article = article_from_text(text, article_id, source, **meta)
    except _Rejected as rejected:
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


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"\A\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?\s*\Z")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_TWO_NUMBERS = re.compile(r"\d\D+\d")  # a full date has at least a day and a year


@lru_cache(maxsize=4096)
def iso_date(value: str) -> str:
    """``value`` as YYYY-MM-DD when it names a full date (day, month and year), else ''."""
    value = (value or "").strip()
    if not value:
        return ""
    iso = _ISO_DATE.match(value)
    if iso:
        try:
            return datetime(*map(int, iso.groups())).date().isoformat()
        except ValueError:
            return ""
    if len(value) > 60 or not _YEAR.search(value):
        return ""
    from dateutil import parser

    try:
        first = parser.parse(value, default=datetime(1900, 1, 1), ignoretz=True)
        second = parser.parse(value, default=datetime(1904, 2, 2), ignoretz=True)
    except (ValueError, OverflowError, parser.ParserError):
        return ""
    return first.date().isoformat() if first.date() == second.date() else ""


# --------------------------------------------------------------------------------------------
# Layout: metadata lines, boilerplate and the body spans
# --------------------------------------------------------------------------------------------


@dataclass
class Layout:
    """What ``analyse_layout`` found: body spans, detected metadata and remarks."""

    body: list[tuple[int, int]]
    published: str = ""
    outlet: str = ""
    title: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Line:
    """One line of the text: offsets of its stripped content and its shape."""

    start: int  # offset of the first non-space character (== end when blank)
    end: int  # offset after the last non-space character
    text: str  # stripped content
    kind: str = ""  # see _classify
    body: bool = True


_LEADING_DATE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})(?=\s|\Z)\s*", re.I)
_LINE_BREAKS = re.compile(r"\r\n|\r|\n")
_DATE_PREFIX = re.compile(
    r"\A(?:(?:first|last)\s+)?(?P<word>published|updated|posted|modified)\b(?:\s+on\b)?"
    r"(?:\s+in\s+(?P<outlet>[^,:\d]{2,60}?)\s*,)?\s*[:\-–—]?\s*", re.I)
_CONTRIBUTORS = re.compile(
    r"contributed (?:to )?(?:this )?(?:report|story|article)|contributed reporting|"
    r"additional reporting (?:by|from)|\breporting by\b|\bediting by\b|\bwriting by\b|\bcompiled by\b",
    re.I)
_CALL_TO_ACTION = re.compile(
    r"\A(?:read (?:the rest|more|the full (?:story|article|report))(?: (?:here|at)\b)?|"
    r"click here\b|continue reading\b|(?:also read|read also|related|see also)\s*:|"
    r"sign up for\b|subscribe (?:to|now)\b|follow us\b)", re.I)
_COPYRIGHT = re.compile(r"\A(?:©|\(c\)\s|copyright\b)", re.I)
_SEPARATOR = re.compile(r"\A[-–—_*=~#•·|/\\.+]+\Z")
_LIST_ITEM_MARKS = "-–|»"
_CAPTION_CREDIT = re.compile(
    r"(?:[-–—]\s*(?:[A-Z][\w.&]*\s?/\s?)*(?:File|Photo|Getty Images|AFP|AP|Reuters|EPA)\s*$"
    r"|\((?:[A-Z][\w.]*\s)?Photo\b[^)]{0,60}\)\s*$|\b(?:Photo|Image|Picture)(?: credit)?\s*:\s*\S.{0,60}$)")
_STRONG_CAPTION = re.compile(r"(?:/\s?File|Photo\b|Getty Images)[^\n]{0,60}$")
_DATELINE = re.compile(
    r"\A(?P<place>[A-Z][A-Z.'’ -]{2,40}?(?:,\s[A-Z][A-Za-z.]{1,15})?)\s*(?:\([^)]{1,25}\))?\s*(?:—|–|--?|:)\s")
_CLOSERS = "\"'”’»)]*"
_SENTENCE_END = ".!?…"
_SHORT_LINE_CHARS = 400
_LONG_PROSE_WORDS = 30


def analyse_layout(text: str) -> Layout:
    """Split ``text`` into lines, classify their shape and decide which spans are body.

    Non-body: a leading ``date YYYY-MM-DD`` token, "Published ..." / date-only lines, contributor
    and call-to-action lines, separators, repeated lines and captions, runs of related-headline
    items, and trailing blocks of headlines/teasers. Everything else (headline, subheadings,
    datelines, embedded posts) stays body.
    """
    layout = Layout(body=[])
    lines = _split_lines(text)
    leading = _LEADING_DATE.match(text)
    if leading:
        layout.published = leading.group(1)
        layout.notes.append(f"date token at start: {leading.group(1)}")
        _trim_line_start(lines, leading.end())
    for line in lines:
        line.kind = _classify(line.text)
    _mark_metadata(lines, layout)
    _mark_duplicates_and_captions(lines, layout)
    _mark_list_runs(lines, layout)
    _mark_trailing_block(lines, layout)
    _detect_title_and_dateline(lines, layout)
    layout.body = _body_spans(lines)
    return layout


def _split_lines(text: str) -> list[_Line]:
    """Lines with the offsets of their stripped content; any of \\r\\n, \\r, \\n ends a line."""
    lines = []
    start = 0
    for match in _LINE_BREAKS.finditer(text):
        lines.append(_make_line(text, start, match.start()))
        start = match.end()
    lines.append(_make_line(text, start, len(text)))
    return lines


def _make_line(text: str, start: int, end: int) -> _Line:
    """The line text[start:end] with its surrounding whitespace left out of the offsets."""
    raw = text[start:end]
    stripped = raw.strip()
    if not stripped:
        return _Line(start, start, "", kind="blank", body=False)
    lead = len(raw) - len(raw.lstrip())
    return _Line(start + lead, start + lead + len(stripped), stripped)


def _trim_line_start(lines: list[_Line], offset: int) -> None:
    """Drop everything before ``offset`` from the lines (used for the leading date token)."""
    for index, line in enumerate(lines):
        if line.end <= offset:
            lines[index] = _Line(line.start, line.start, "", kind="blank", body=False)
        elif line.start < offset:
            cut = offset - line.start
            lines[index] = _Line(offset, line.end, line.text[cut:])
            return
        else:
            return


def _classify(s: str) -> str:
    """The shape of one stripped line.

    Kinds: blank, published, date, contributors, action, copyright, separator, list-item,
    headline (short, no sentence end), teaser (ends in an ellipsis), prose.
    """
    if not s:
        return "blank"
    if len(s) > _SHORT_LINE_CHARS:
        return "prose"
    prefix = _DATE_PREFIX.match(s)
    if prefix and iso_date(s[prefix.end():]):
        return "published" if prefix.group("word").lower() == "published" else "date"
    if len(s) <= 60 and _TWO_NUMBERS.search(s) and _YEAR.search(s) and iso_date(s):
        return "date"
    if len(s) <= 300 and _mentions_contributors(s) and not _has_quote_mark(s):
        return "contributors"
    if len(s) <= 100 and _CALL_TO_ACTION.match(s):
        return "action"
    if len(s) <= 200 and _COPYRIGHT.match(s):
        return "copyright"
    if len(s) <= 40 and _SEPARATOR.match(s):
        return "separator"
    if len(s) <= 200 and s[-1] in _LIST_ITEM_MARKS and s[-2:-1].isspace():
        return "list-item"
    if s.endswith(("...", "…")):
        return "teaser"
    words = s.split()
    if len(words) <= 20 and len(s) <= 160 and not _ends_sentence(s) and not s.endswith(":") \
            and any(c.isalpha() for c in s) and not _has_quote_mark(s):
        return "headline"
    return "prose"


def _mentions_contributors(s: str) -> bool:
    """Cheap substring test first, then the regex: this runs on every short line."""
    low = s.lower()
    return (" by" in low or "report" in low) and bool(_CONTRIBUTORS.search(s))


def _ends_sentence(s: str) -> bool:
    """True when the line ends like a sentence (terminal punctuation, maybe before quote marks)."""
    return s.rstrip(_CLOSERS + " ").endswith(tuple(_SENTENCE_END))


def _has_quote_mark(s: str) -> bool:
    """True when the line holds a double quotation mark of any style."""
    return any(mark in s for mark in "\"“”«»„")


_META_KINDS = {"published", "date", "contributors", "action", "copyright", "separator"}
_END_MARKERS = {"published", "contributors", "action", "copyright"}
_JUNK_KINDS = _META_KINDS | {"list-item", "headline", "teaser", "duplicate", "caption"}


def _mark_metadata(lines: list[_Line], layout: Layout) -> None:
    """Take metadata lines out of the body, reading published date and outlet from them."""
    found: dict[str, list[str]] = {}
    for line in lines:
        if line.kind not in _META_KINDS:
            continue
        line.body = False
        found.setdefault(line.kind, []).append(line.text)
        if line.kind == "published":
            prefix = _DATE_PREFIX.match(line.text)
            if not layout.published:
                layout.published = iso_date(line.text[prefix.end():])
            if prefix.group("outlet") and not layout.outlet:
                layout.outlet = prefix.group("outlet").strip()
    for kind, texts in found.items():
        more = f" (and {len(texts) - 1} more)" if len(texts) > 1 else ""
        layout.notes.append(f"{kind} line not body: {texts[0][:80]}{more}")


def _mark_duplicates_and_captions(lines: list[_Line], layout: Layout) -> None:
    """Repeated lines (3+ words) after their first copy and photo captions are not body.

    A repeat holding quotation marks is dropped only right after its twin (a scraping echo): a
    speaker may really say the same words twice. A first copy stays body unless it is
    caption-shaped (ends in a photo credit) and repeated right away, or carries an unmistakable
    credit ("/File", "Photo", "Getty Images").
    """
    first_seen: dict[str, int] = {}
    previous = -1
    for index, line in enumerate(lines):
        if line.kind == "blank":
            continue
        key = line.text
        if key in first_seen and len(key.split()) >= 3 \
                and (first_seen[key] == previous or not _has_quote_mark(key)):
            line.body, line.kind = False, "duplicate"
            original = lines[first_seen[key]]
            if first_seen[key] == previous and _CAPTION_CREDIT.search(key):
                original.body, original.kind = False, "caption"
                layout.notes.append(f"repeated photo caption not body: {key[:60]}")
        elif len(key) <= _SHORT_LINE_CHARS:
            first_seen.setdefault(key, index)
            if _STRONG_CAPTION.search(key) and _CAPTION_CREDIT.search(key) and not _has_quote_mark(key):
                line.body, line.kind = False, "caption"
                layout.notes.append(f"photo caption not body: {key[:60]}")
        previous = index


def _mark_list_runs(lines: list[_Line], layout: Layout) -> None:
    """Three or more consecutive "Headline -" items (a related-stories list) are not body."""
    run: list[_Line] = []
    for line in lines + [_Line(0, 0, "", kind="prose")]:
        if line.kind == "blank":
            continue
        if line.kind == "list-item":
            run.append(line)
            continue
        if len(run) >= 3:
            for item in run:
                item.body = False
            layout.notes.append(f"list of {len(run)} related headlines not body")
        run = []


def _mark_trailing_block(lines: list[_Line], layout: Layout) -> None:
    """Take trailing boilerplate (related headlines, teasers, section labels) out of the body.

    Two shapes: (a) 3+ junk-shaped lines at the very end, with real prose before them; (b) after
    an end-of-article marker (a "Published in ..." line, contributors, "Read the rest", copyright),
    a tail of mostly junk whose few prose lines are all short (teaser blurbs). Both need prose
    before them, so a document made only of short lines is left alone.
    """
    content = [i for i, line in enumerate(lines) if line.kind != "blank"]
    if len(content) < 2:
        return
    # (a) pure junk at the end
    cut = len(content)
    while cut > 1 and lines[content[cut - 1]].kind in _JUNK_KINDS:
        cut -= 1
    tail = content[cut:]
    if len(tail) >= 3 and any(lines[i].kind == "prose" for i in content[:cut]):
        _exclude(lines, tail, layout, "trailing block of headlines/teasers")
    # (b) junk-dominated tail after an end marker; suffix counts keep this linear
    prose_after = junk_after = 0
    long_prose_after = False
    start = None
    first_prose = next((p for p, i in enumerate(content) if lines[i].kind == "prose"), len(content))
    for position in range(len(content) - 1, first_prose, -1):
        line = lines[content[position]]
        after = prose_after + junk_after
        if line.kind in _END_MARKERS and after >= 3 and junk_after >= 2 * prose_after \
                and not long_prose_after:
            start = position
        if line.kind == "prose":
            prose_after += 1
            long_prose_after = long_prose_after or _word_count(line.text) >= _LONG_PROSE_WORDS
        else:
            junk_after += 1
    if start is not None:
        _exclude(lines, content[start:], layout, "trailing material after end of article")


def _exclude(lines: list[_Line], indexes: list[int], layout: Layout, what: str) -> None:
    """Mark the given lines non-body and note how many were affected."""
    changed = sum(1 for i in indexes if lines[i].body)
    for i in indexes:
        lines[i].body = False
    if changed:
        layout.notes.append(f"{what} not body ({changed} lines)")


def _word_count(s: str) -> int:
    """Words in a line, capped cheaply for long lines (which count as long prose)."""
    return len(s.split()) if len(s) <= _SHORT_LINE_CHARS else _LONG_PROSE_WORDS


def _detect_title_and_dateline(lines: list[_Line], layout: Layout) -> None:
    """Take a short first line as the title (it stays body) and note a dateline ("MOSCOW —")."""
    content = [line for line in lines if line.body]
    if not content:
        return
    first = content[0]
    if len(content) > 1 and _word_count(first.text) <= 20 and len(first.text) <= 200 \
            and not _DATELINE.match(first.text):
        layout.title = first.text
        paragraph = content[1]
    else:
        paragraph = first
    dateline = _DATELINE.match(paragraph.text[:80])
    if dateline and sum(c.isupper() for c in dateline.group("place")) >= 3:
        layout.notes.append(f"dateline: {dateline.group('place').strip()}")


def _body_spans(lines: list[_Line]) -> list[tuple[int, int]]:
    """Merge runs of body lines (blank lines between them included) into [start, end) spans."""
    spans: list[tuple[int, int]] = []
    current: list[int] | None = None
    for line in lines:
        if line.kind == "blank":
            continue
        if line.body:
            if current is None:
                current = [line.start, line.end]
            else:
                current[1] = line.end
        elif current is not None:
            spans.append((current[0], current[1]))
            current = None
    if current is not None:
        spans.append((current[0], current[1]))
    return spans
