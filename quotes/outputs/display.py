"""Rich HTML views of quotes for Jupyter and for the HTML report.

One implementation of article highlighting and word diffs, shared by the notebook
views below and by :mod:`quotes.outputs.report`. All article text is treated as untrusted
and escaped; the functions return :class:`markupsafe.Markup` (a ``str``).
"""

from __future__ import annotations

import difflib
import functools
import itertools
import math
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

import pandas as pd
from markupsafe import Markup

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

#: Light background colours, readable under black text; chosen per speaker_id by hash.
SPEAKER_PALETTE: tuple[str, ...] = (
    "#ffe066", "#a5d8ff", "#ffc9de", "#b2f2bb", "#ffd8a8", "#d0bfff",
    "#96f2d7", "#ffa8a8", "#d8f5a2", "#99e9f2", "#eebefa", "#bac8ff",
)
#: Colour of quotes whose speaker is unknown.
UNKNOWN_SPEAKER_COLOUR = "#dddddd"

#: The statement flags (statements.flags) and how they read to a journalist.
FLAG_LABELS: dict[str, str] = {
    "wording_differs": "wording differs",
    "speaker_conflict": "speaker conflict",
    "fragment_only": "fragment only",
    "indirect_only": "indirect only",
}

_TOKEN_RE = re.compile(r"(\w+(?:['’]\w+)*|[^\w\s])\s*")
_QUOTE_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "´": "'", "`": "'"})
_UNSAFE_ID_RE = re.compile(r"[^A-Za-z0-9_-]")


def speaker_colour(speaker_id: str) -> str:
    """Background colour of a speaker: stable across runs and reports (crc32 of the id)."""
    if not isinstance(speaker_id, str) or not speaker_id:
        return UNKNOWN_SPEAKER_COLOUR
    return SPEAKER_PALETTE[zlib.crc32(speaker_id.encode("utf-8")) % len(SPEAKER_PALETTE)]


def speaker_colours(speaker_ids: Iterable[str]) -> dict[str, str]:
    """Distinct colours for a set of speakers: palette order over the sorted ids, hash beyond the palette.

    Deterministic for the same set of speakers, so one report or notebook keeps one colour per speaker.
    """
    ids = sorted({cell_text(s) for s in speaker_ids} - {""})
    if len(ids) > len(SPEAKER_PALETTE):
        return {s: speaker_colour(s) for s in ids}
    return {s: SPEAKER_PALETTE[i] for i, s in enumerate(ids)}


def _safe_id(value: str) -> str:
    """An HTML id / URL-fragment-safe form of ``value``; a crc suffix keeps distinct values distinct."""
    value = str(value)
    safe = _UNSAFE_ID_RE.sub("_", value)
    if safe != value:
        safe += f"_{zlib.crc32(value.encode('utf-8')):08x}"
    return safe


def article_anchor(article: str) -> str:
    """HTML id of an article's section in the report."""
    return f"a-{_safe_id(article)}"


def quote_anchor(article: str, start: int) -> str:
    """HTML id of a highlighted quote (the link target of a statement variant)."""
    return f"q-{_safe_id(article)}-{int(start)}"


def cell_text(value: Any) -> str:
    """Cell value as display text: NaN/None become ''."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


Rows = "pd.DataFrame | list[dict[str, Any]]"


def _records(rows: Rows | None) -> list[dict[str, Any]]:
    """Quote rows as a list of dicts, whether given as a DataFrame or already as records."""
    if rows is None:
        return []
    return rows.to_dict("records") if isinstance(rows, pd.DataFrame) else list(rows)


def _valid_spans(text: str, quotes_of_article: Rows | None) -> list[dict[str, Any]]:
    """Quote rows with usable offsets (0 <= start < end <= len(text)), as dicts sorted by start."""
    spans = []
    for row in _records(quotes_of_article):
        try:
            start, end = int(row.get("start")), int(row.get("end"))
        except (TypeError, ValueError):
            continue
        if 0 <= start < end <= len(text):
            spans.append({**row, "start": start, "end": end})
    spans.sort(key=lambda r: (r["start"], -r["end"]))
    return spans


def _hover_title(row: dict[str, Any]) -> str:
    """The title= text of a highlighted quote: "speaker — cue (kind)"."""
    speaker = cell_text(row.get("speaker")) or cell_text(row.get("speaker_id")) or "unknown speaker"
    cue = cell_text(row.get("cue")) or "no cue"
    kind = cell_text(row.get("kind"))
    return f"{speaker} — {cue}" + (f" ({kind})" if kind else "")


def highlight_article(text: str, quotes_of_article: Rows | None, *, article: str | None = None,
                      colours: dict[str, str] | None = None) -> Markup:
    """Article text as escaped HTML with each quote in a <mark>, coloured by speaker.

    ``quotes_of_article`` is that article's slice of the quotes table (DataFrame or list of row dicts).

    Overlapping quotes are split at their boundaries; each piece takes the colour of the
    innermost (shortest) covering quote and lists every covering quote in its title.
    With ``article`` given, the first piece of each quote carries the id from :func:`quote_anchor`.
    ``colours`` maps speaker_id to colour (default: :func:`speaker_colours` of the speakers present).
    """
    text = cell_text(text)
    spans = _valid_spans(text, quotes_of_article)
    colours = colours if colours is not None else speaker_colours(s.get("speaker_id") for s in spans)
    if article is None and spans:
        article = cell_text(spans[0].get("article"))
    bounds = sorted({0, len(text), *(s["start"] for s in spans), *(s["end"] for s in spans)})
    anchored: set[int] = set()
    pieces: list[str] = []
    active: list[dict[str, Any]] = []  # spans covering the current piece (sweep over sorted bounds)
    next_span = 0
    for left, right in itertools.pairwise(bounds):
        chunk = escape(text[left:right], quote=False)
        active = [s for s in active if s["end"] > left]
        while next_span < len(spans) and spans[next_span]["start"] <= left:
            active.append(spans[next_span])
            next_span += 1
        covering = active
        if not covering:
            pieces.append(chunk)
            continue
        inner = min(covering, key=lambda s: s["end"] - s["start"])
        title = "\n".join(dict.fromkeys(_hover_title(s) for s in covering))
        attrs = [
            f'style="background:{_colour(colours, inner.get("speaker_id"))}"',
            f'title="{escape(title)}"',
            f'data-speaker="{escape(cell_text(inner.get("speaker_id")))}"',
        ]
        starting = [s for s in covering if s["start"] == left and s["start"] not in anchored]
        if starting and article:
            anchored.add(starting[0]["start"])
            attrs.insert(0, f'id="{quote_anchor(article, starting[0]["start"])}"')
        pieces.append(f'<mark class="q q-{escape(cell_text(inner.get("kind")) or "unknown")}" {" ".join(attrs)}>{chunk}</mark>')
    return Markup("".join(pieces))


def _colour(colours: dict[str, str], speaker_id: Any) -> str:
    """A speaker's colour from the map, else its hash colour (grey when unknown)."""
    speaker_id = cell_text(speaker_id)
    return colours.get(speaker_id) or speaker_colour(speaker_id)


def speaker_legend(quotes: Rows | None, colours: dict[str, str] | None = None) -> Markup:
    """Colour key: one swatch per speaker present in ``quotes``."""
    seen = {cell_text(r.get("speaker_id")): cell_text(r.get("speaker")) for r in reversed(_records(quotes))}
    if not seen:
        return Markup("")
    colours = colours if colours is not None else speaker_colours(seen)
    items = [
        f'<span class="swatch" style="background:{_colour(colours, sid)};padding:0 .4em;'
        f'margin-right:.4em;border-radius:3px">{escape(name or sid or "unknown")}</span>'
        for sid, name in sorted(seen.items(), key=lambda item: item[1] or item[0])
    ]
    return Markup('<div class="legend">' + "".join(items) + "</div>")


@functools.lru_cache(maxsize=2048)
def _diff_tokens(text: str) -> tuple[tuple[str, str], ...]:
    """(comparison key, original text with trailing space) per word or punctuation mark.

    Keys ignore case and straight/curly quote differences, which readers do not count as rewording.
    Cached: a statement's canonical text is compared with each of its variants.
    """
    return tuple(
        (m.group(1).casefold().translate(_QUOTE_FOLD), m.group(0))
        for m in _TOKEN_RE.finditer(text)
    )


Token = tuple[str, str]  # (comparison key, original text with trailing whitespace)
Opcode = tuple[str, int, int, int, int]


def _diff_opcodes(a: str, b: str) -> tuple[tuple[Token, ...], tuple[Token, ...], list[Opcode]]:
    """Tokens of a and b and difflib's opcodes turning a into b."""
    old, new = _diff_tokens(cell_text(a)), _diff_tokens(cell_text(b))
    matcher = difflib.SequenceMatcher(None, [k for k, _ in old], [k for k, _ in new], autojunk=False)
    return old, new, matcher.get_opcodes()


def _similarity(old: tuple[Token, ...], new: tuple[Token, ...], opcodes: list[Opcode]) -> float:
    """Share of tokens in equal stretches (difflib's ratio)."""
    same = sum(i2 - i1 for op, i1, i2, _, _ in opcodes if op == "equal")
    return 2.0 * same / (len(old) + len(new)) if old or new else 1.0


def word_similarity(a: str, b: str) -> float:
    """Share of words two wordings have in common, in order (difflib ratio over word tokens, 0..1)."""
    return _similarity(*_diff_opcodes(a, b))


def _render_diff(old: tuple[Token, ...], new: tuple[Token, ...], opcodes: list[Opcode]) -> Markup:
    """HTML of difflib opcodes over word tokens (see :func:`word_diff`)."""
    out: list[str] = []
    last = " "  # last visible character written, to keep adjacent words apart
    last_tag: str | None = None

    def emit(tokens: tuple[Token, ...], tag: str | None) -> None:
        nonlocal last, last_tag
        joined = "".join(original for _, original in tokens)
        if not joined:
            return
        replacing = last_tag == "del" and tag == "ins"  # a replacement: keep the two wordings apart
        if (last.isalnum() and joined[0].isalnum()) or (replacing and not last.isspace()):
            out.append(" ")
        body = joined.rstrip() if tag else joined
        html = escape(body, quote=False)
        out.append(f"<{tag}>{html}</{tag}>{joined[len(body):]}" if tag else html)
        last, last_tag = joined[-1], tag

    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            emit(new[j1:j2], None)
        if op in ("delete", "replace"):
            emit(old[i1:i2], "del")
        if op in ("insert", "replace"):
            emit(new[j1:j2], "ins")
    return Markup("".join(out).rstrip())


def word_diff(a: str, b: str) -> Markup:
    """Word-level diff of ``b`` against ``a`` as HTML: <del> words only in a, <ins> words only in b.

    Words are compared ignoring case and quote style; equal stretches are shown as written in b.
    """
    return _render_diff(*_diff_opcodes(a, b))


#: Below this word similarity a variant is shown as written, not as a diff (a diff would be noise).
REWORDED_BELOW = 0.35


def variant_html(canonical: str, wording: str) -> Markup:
    """An outlet's wording against the canonical text: a word diff, or the wording tagged "reworded"."""
    old, new, opcodes = _diff_opcodes(canonical, wording)
    if _similarity(old, new, opcodes) < REWORDED_BELOW:
        return Markup(f'<span class="reworded">reworded</span> {escape(cell_text(wording), quote=False)}')
    return _render_diff(old, new, opcodes)


def flag_badges(flags: str) -> Markup:
    """The ";"-joined statement flags as coloured badges."""
    names = [f for f in cell_text(flags).split(";") if f]
    return Markup("".join(
        f'<span class="badge flag-{escape(_safe_id(f))}">{escape(FLAG_LABELS.get(f, f))}</span>' for f in names
    ))


_INLINE_STYLE = (
    "<style>.qv mark{padding:0 1px;border-radius:2px}.qv ins{background:#c8f7c5;text-decoration:none}"
    ".qv del{background:#ffd0d0;color:#8a1f1f}.qv .reworded{font-size:.8em;background:#eee;padding:0 .4em}.qv .badge{display:inline-block;font-size:.8em;"
    "padding:0 .5em;margin:0 .3em .2em 0;border-radius:1em;background:#eee;border:1px solid #bbb;white-space:nowrap}"
    ".qv .flag-wording_differs{background:#fff3bf}.qv .flag-speaker_conflict{background:#ffc9c9}"
    ".qv table.qv-table td,.qv table.qv-table th{vertical-align:top;text-align:left}"  # beats Jupyter's right-align
    ".qv table.qv-table td:first-child{white-space:nowrap}"
    ".qv .article-text{white-space:pre-wrap;line-height:1.5;max-height:30em;overflow:auto}</style>"
)


@dataclass
class ArticleQuotes:
    """One article with its quotes highlighted plus a small table, for Jupyter."""

    article_id: str
    text: str
    quotes_df: pd.DataFrame

    @classmethod
    def from_tables(cls, texts: dict[str, str], quotes: pd.DataFrame, article_id: str) -> ArticleQuotes:
        """The view of one article from a run's texts and quotes table (KeyError if the run did not read it)."""
        if article_id not in texts:
            raise KeyError(f"no article {article_id!r} in this run")
        return cls(article_id, texts[article_id], quotes[quotes["article"] == article_id])

    def _repr_html_(self) -> str:
        """Highlighted text, colour legend and speaker/kind/cue/quote table."""
        rows = self.quotes_df.sort_values("start") if len(self.quotes_df) else self.quotes_df
        cols = [c for c in ("speaker", "kind", "cue", "quote", "statement") if c in rows.columns]
        table = rows[cols].to_html(index=False, escape=True, na_rep="", classes="qv-table", border=0)
        return (
            f'{_INLINE_STYLE}<div class="qv"><h4>{escape(str(self.article_id))} — {len(rows)} quotes</h4>'
            f"{speaker_legend(rows)}"
            f'<div class="article-text">{highlight_article(self.text, rows, article=self.article_id)}</div>'
            f"{table}</div>"
        )


@dataclass
class StatementView:
    """A statement's canonical text, flags and every outlet's wording diffed against it."""

    statement_row: pd.Series | dict[str, Any]
    variants_df: pd.DataFrame

    @classmethod
    def from_tables(cls, statements: pd.DataFrame, quotes: pd.DataFrame, statement_id: str) -> StatementView:
        """The view of one statement and its variants from a run's tables (KeyError if there is no such statement)."""
        rows = statements[statements["statement"].astype(str) == statement_id]
        if rows.empty:
            raise KeyError(f"no statement {statement_id!r} in this run")
        variants = quotes[quotes["statement"].astype(str) == statement_id]
        return cls(rows.iloc[0], variants.sort_values(["published", "article", "start"]))

    def _repr_html_(self) -> str:
        """Canonical text, badges, then one line per variant with its word diff."""
        row = dict(self.statement_row)
        canonical = cell_text(row.get("text"))
        items = []
        for var in self.variants_df.to_dict("records"):
            source = cell_text(var.get("outlet")) or cell_text(var.get("article"))
            items.append(
                f"<li><b>{escape(source)}</b> <i>({escape(cell_text(var.get('kind')))})</i>: "
                f"{variant_html(canonical, cell_text(var.get('quote')))}</li>"
            )
        return (
            f'{_INLINE_STYLE}<div class="qv"><h4>{escape(cell_text(row.get("speaker")))}: '
            f"<q>{escape(canonical)}</q></h4><div>{flag_badges(cell_text(row.get('flags')))}</div>"
            f"<ul>{''.join(items)}</ul></div>"
        )


@dataclass
class StatementsTable:
    """The statements table for Jupyter: one row per statement, flags shown as badges."""

    statements: pd.DataFrame
    columns: tuple[str, ...] = ("statement", "speaker", "text", "kinds", "n_outlets", "n_variants",
                                "first_published", "flags")

    def _repr_html_(self) -> str:
        """An HTML table of the chosen columns; cell text escaped, flags as :func:`flag_badges`."""
        cols = [c for c in self.columns if c in self.statements.columns]
        shown = self.statements[cols].map(lambda v: escape(cell_text(v), quote=False))
        if "kinds" in shown.columns:
            shown["kinds"] = shown["kinds"].str.replace(";", ", ")
        if "flags" in shown.columns:
            shown["flags"] = self.statements["flags"].map(lambda v: str(flag_badges(v)))
        table = shown.to_html(index=False, escape=False, classes="qv-table", border=0)
        return f'{_INLINE_STYLE}<div class="qv">{table}</div>'


def _outlet_of(quotes: pd.DataFrame) -> pd.Series:
    """Each quote's outlet, falling back to its article id when the outlet is unknown."""
    outlet = quotes["outlet"].fillna("").astype(str)
    return outlet.where(outlet != "", quotes["article"].astype(str))


def outlet_matrix(quotes: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """Statement × outlet table of 1/0: which outlet carried which statement.

    Rows follow ``statements`` order (index = statement id); columns are outlets sorted by name.
    """
    linked = quotes[quotes["statement"].fillna("").astype(str) != ""]
    counts = pd.crosstab(linked["statement"], _outlet_of(linked))
    matrix = (counts > 0).astype(int)
    matrix = matrix.reindex(index=statements["statement"].astype(str), fill_value=0)
    matrix = matrix.reindex(columns=sorted(matrix.columns), fill_value=0)
    matrix.index.name, matrix.columns.name = "statement", "outlet"
    return matrix


def _shorten(text: str, width: int) -> str:
    """``text`` cut at a word boundary to at most ``width`` characters, with an ellipsis when cut."""
    text = " ".join(cell_text(text).split())
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0] or text[: width - 1]
    return cut.rstrip(",;:.") + "…"


#: Heatmap colours: outlet did not / did carry the statement.
COVERAGE_COLOURS = ("#f1f3f5", "#1971c2")


def plot_coverage(quotes: pd.DataFrame, statements: pd.DataFrame, ax: Axes | None = None,
                  label_width: int = 55) -> Axes:
    """Heatmap of :func:`outlet_matrix`, one labelled row per statement (needs matplotlib: the ``notebook`` extra)."""
    import matplotlib.pyplot as plt  # lazy: only notebooks need it
    from matplotlib.colors import ListedColormap

    matrix = outlet_matrix(quotes, statements)
    n_rows, n_cols = max(1, matrix.shape[0]), max(1, matrix.shape[1])
    if ax is None:
        _, ax = plt.subplots(figsize=(4.5 + 0.8 * n_cols, 1.2 + 0.28 * n_rows), layout="constrained")
    ax.imshow(matrix.to_numpy() if matrix.size else [[0]], aspect="auto", cmap=ListedColormap(COVERAGE_COLOURS),
              vmin=0, vmax=1, interpolation="nearest")
    labels = statements.assign(statement=statements["statement"].astype(str)).drop_duplicates("statement").set_index("statement")
    ylabels = [
        _shorten(f"{cell_text(labels.at[s, 'speaker'])}: {cell_text(labels.at[s, 'text'])}", label_width)
        if s in labels.index else s
        for s in matrix.index
    ]
    ax.set_yticks(range(len(matrix.index)), ylabels, fontsize=8)
    ax.set_xticks(range(len(matrix.columns)), list(matrix.columns), rotation=30, ha="right", fontsize=8)
    ax.set_xticks([x - 0.5 for x in range(1, n_cols)], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, n_rows)], minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    ax.tick_params(which="major", length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    ax.set_xlabel("outlet")
    ax.set_title("Which outlet carried which statement", loc="left", fontsize=10)
    return ax
