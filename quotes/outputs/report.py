"""One self-contained HTML report for journalists: statements, their variants per outlet, articles.

Everything (CSS, JS, data) is inlined and a Content-Security-Policy forbids any network access
and any script but the report's own, so the file can be mailed and opened offline. All article
text is escaped (jinja2 autoescape plus :mod:`quotes.outputs.display`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from quotes.outputs.display import (
    FLAG_LABELS,
    article_anchor,
    cell_text,
    flag_badges,
    highlight_article,
    quote_anchor,
    speaker_colours,
    speaker_legend,
    variant_html,
)
from quotes.outputs.tables import atomic_path

REPORT_NAME = "report.html"
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(obj: Any) -> Markup:
    """JSON safe to embed in a <script> element: < > & U+2028 U+2029 written as \\u escapes."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(char, escaped)
    return Markup(text)


def _csp(script: str) -> str:
    """Policy: no network, no plugins, only the report's own inline script (by hash)."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; img-src data:; "
            "base-uri 'none'; form-action 'none'")


def _int(value: Any) -> int | str:
    """Integer cell, or '' when missing."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return ""


@dataclass
class _Variant:
    outlet: str
    published: str
    kind: str
    cue: str
    speaker: str
    quote: str
    anchor: str
    diff: Markup


def _variant_order(row: dict[str, Any]) -> tuple:
    """Oldest first, undated last, then outlet, article and position."""
    published = cell_text(row.get("published"))
    return (published == "", published, cell_text(row.get("outlet")), cell_text(row.get("article")),
            _int(row.get("start")) or 0)


def _variants_from_quotes(canonical: str, rows: list[dict[str, Any]], speaker_id: str) -> list[_Variant]:
    """One entry per quotation of the statement, oldest first, each diffed against the canonical text."""
    variants = []
    for row in sorted(rows, key=_variant_order):
        start = _int(row.get("start"))
        other_speaker = cell_text(row.get("speaker_id")) != speaker_id
        variants.append(_Variant(
            outlet=cell_text(row.get("outlet")) or cell_text(row.get("article")),
            published=cell_text(row.get("published")),
            kind=cell_text(row.get("kind")),
            cue=cell_text(row.get("cue")),
            speaker=(cell_text(row.get("speaker")) or "unknown") if other_speaker else "",
            quote=cell_text(row.get("quote")),
            anchor=quote_anchor(cell_text(row.get("article")), start) if start != "" else "",
            diff=variant_html(canonical, cell_text(row.get("quote"))),
        ))
    return variants


def _group_records(quotes: pd.DataFrame, column: str) -> dict[str, list[dict[str, Any]]]:
    """Quote rows as dicts keyed by a column's text value (rows with an empty value left out)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in quotes.to_dict("records"):
        key = cell_text(row.get(column))
        if key:
            groups.setdefault(key, []).append(row)
    return groups


def _variants_from_compare(canonical: str, compare_row: dict[str, Any] | None) -> list[_Variant]:
    """Fallback when the quotes table lacks a statement: the outlet columns of ``compare``."""
    if not compare_row:
        return []
    return [
        _Variant(outlet=str(col), published="", kind="", cue="", speaker="", quote=cell_text(val), anchor="",
                 diff=variant_html(canonical, cell_text(val)))
        for col, val in compare_row.items()
        if col not in ("statement", "speaker", "text") and cell_text(val)
    ]


def _statement_views(quotes: pd.DataFrame, statements: pd.DataFrame, compare: pd.DataFrame
                     ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Template rows and the JSON sort/filter records, one per statement, in table order."""
    by_statement = _group_records(quotes, "statement")
    compare_rows = {} if compare is None or "statement" not in compare.columns else {
        cell_text(r["statement"]): r for r in compare.to_dict("records")
    }
    views, records = [], []
    for row in statements.to_dict("records"):
        sid, canonical = cell_text(row.get("statement")), cell_text(row.get("text"))
        speaker_id = cell_text(row.get("speaker_id"))
        rows = by_statement.get(sid)
        variants = (_variants_from_quotes(canonical, rows, speaker_id) if rows is not None
                    else _variants_from_compare(canonical, compare_rows.get(sid)))
        flags = [f for f in cell_text(row.get("flags")).split(";") if f]
        kinds = [k for k in cell_text(row.get("kinds")).split(";") if k]
        outlets = cell_text(row.get("outlets")).replace(";", ", ")
        speaker = cell_text(row.get("speaker")) or speaker_id or "unknown"
        views.append({
            "statement": sid, "speaker": speaker, "text": canonical, "kinds": kinds, "outlets": outlets,
            "n_outlets": _int(row.get("n_outlets")), "first_published": cell_text(row.get("first_published")),
            "n_variants": _int(row.get("n_variants")), "badges": flag_badges(";".join(flags)), "variants": variants,
        })
        search = " ".join([speaker, canonical, outlets, *(v.quote for v in variants), *(v.outlet for v in variants)])
        records.append({
            "speaker_id": speaker_id, "speaker": speaker, "text": canonical, "kinds": ";".join(kinds),
            "n_outlets": views[-1]["n_outlets"], "first_published": views[-1]["first_published"],
            "n_variants": views[-1]["n_variants"], "flags": flags, "flag_text": ";".join(flags),
            "search": search.lower(),
        })
    return views, records


def _article_views(quotes: pd.DataFrame, texts: dict[str, str]) -> list[dict[str, Any]]:
    """Each article's highlighted text with outlet, date and quote count, in ``texts`` order."""
    groups = _group_records(quotes, "article")
    colours = speaker_colours(quotes["speaker_id"].fillna("").astype(str))  # one colour per speaker report-wide
    views = []
    for article, text in texts.items():
        rows = groups.get(str(article), [])
        first = rows[0] if rows else {}
        views.append({
            "article": str(article), "anchor": article_anchor(str(article)),
            "outlet": cell_text(first.get("outlet")) or str(article), "published": cell_text(first.get("published")),
            "n_quotes": len(rows), "legend": speaker_legend(rows, colours),
            "html": highlight_article(text, rows, article=str(article), colours=colours),
        })
    return views


def _speaker_options(statements: pd.DataFrame) -> list[tuple[str, str, int]]:
    """(speaker_id, display name, number of statements) for the speaker filter, most frequent first."""
    frame = statements[["speaker_id", "speaker"]].fillna("").astype(str)
    counts = frame.groupby("speaker_id", sort=False).agg(name=("speaker", "first"), n=("speaker", "size"))
    counts = counts.reset_index().sort_values(["n", "name"], ascending=[False, True])
    return [(sid, name or sid or "unknown", int(n)) for sid, name, n in counts.itertuples(index=False)]


def _flag_counts(statements: pd.DataFrame) -> list[tuple[str, str, int]]:
    """(flag, label, number of statements carrying it), known flags first."""
    flags = statements["flags"].fillna("").astype(str).str.split(";").explode()
    counts = flags[flags != ""].value_counts()
    order = [f for f in FLAG_LABELS if f in counts.index] + sorted(f for f in counts.index if f not in FLAG_LABELS)
    return [(f, FLAG_LABELS.get(f, f), int(counts[f])) for f in order]


def render_report(quotes: pd.DataFrame, statements: pd.DataFrame, compare: pd.DataFrame | None,
                  texts: dict[str, str], *, title: str = "quotes report") -> str:
    """The report as one HTML string (see :func:`write_report`)."""
    env = Environment(loader=PackageLoader("quotes.outputs", "templates"), autoescape=select_autoescape(["html", "j2"]))
    assets = resources.files("quotes.outputs") / "templates"
    css = (assets / "report.css").read_text(encoding="utf-8")
    js = (assets / "report.js").read_text(encoding="utf-8")
    statement_views, records = _statement_views(quotes, statements, compare)
    outlets = quotes["outlet"].fillna("").astype(str)
    n_outlets = outlets.where(outlets != "", quotes["article"].astype(str)).nunique()
    return env.get_template("report.html.j2").render(
        title=title, csp=_csp(js), css=Markup(css), js=Markup(js), data_json=script_json(records),
        statements=statement_views, articles=_article_views(quotes, texts), n_quotes=len(quotes),
        n_outlets=n_outlets, speakers=_speaker_options(statements), flag_counts=_flag_counts(statements),
    )


def write_report(out_dir: str | os.PathLike, quotes: pd.DataFrame, statements: pd.DataFrame,
                 compare: pd.DataFrame | None, texts: dict[str, str], *, title: str = "quotes report") -> Path:
    """Write ``out_dir/report.html`` atomically: sortable, filterable statements, variant diffs, articles."""
    html = render_report(quotes, statements, compare, texts, title=title)
    path = Path(out_dir) / REPORT_NAME
    with atomic_path(path) as tmp:
        tmp.write_text(html, encoding="utf-8")
    return path
