"""Bytes to text for ingest: binary sniffing and decoding (BOMs, UTF-16, UTF-8, cp1252, latin-1).

Deterministic order for typical news text; charset detection only where many bytes are non-ASCII.
"""

from __future__ import annotations

import codecs
import re

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


def decode_bytes(data: bytes, html: bool = False) -> tuple[str, str, list[str]]:
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


def control_ratio(text: str) -> float:
    """Share of control characters (other than tab and line breaks) at the start of ``text``."""
    sample = text[:65536]
    return len(_CONTROL.findall(sample)) / max(1, len(sample))
