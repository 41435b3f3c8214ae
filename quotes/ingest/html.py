"""HTML pages: recognising them, and their main text and metadata via trafilatura."""

from __future__ import annotations

import re

from quotes.ingest.articles import Article, Rejected, article_from_text
from quotes.schema import STATUS_SKIPPED


_HTML_START = re.compile(r"\A\ufeff?\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.*?-->\s*)?"
                         r"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])",
                         re.I | re.S)


def looks_like_html(text: str) -> bool:
    """True when the text is clearly an HTML document (doctype or <html>/<head>/<body> first)."""
    return bool(_HTML_START.match(text[:2048]))


#: A paragraph or block quote marked as a social post ("social-embed", "social-post", "social-line"): trafilatura drops
#: any element whose class says "social" (share bars), but a post printed in the story is a quotation, so such a tag
#: loses its class. A share bar's class ("social-share") is left alone.
_SOCIAL_TEXT_TAG = re.compile(r"<(p|blockquote)\b([^>]*?)\sclass=[\"']([^\"']*social[-_ ]?(?:embed|post|media|line|quote|text)"
                              r"[^\"']*)[\"']",
                              re.I)


def _keep_social_posts(html: str) -> str:
    """The page with the class taken off paragraphs and block quotes marked as social posts (see _SOCIAL_TEXT_TAG)."""
    return _SOCIAL_TEXT_TAG.sub(r"<\1\2", html)


#: An inline quotation element: browsers print its marks from the style sheet, so the text holds none.
_Q_TAG = re.compile(r"<(/?)q\b[^>]*>", re.I)
#: An embedded post (Instagram, X/Twitter, Facebook, TikTok): its signature ("A post shared by Jane Roe (@jroe)",
#: "— Jane Roe (@jroe) May 1, 2024", "Posted by Jane Roe on Monday") is written in links, which trafilatura drops.
_EMBED = re.compile(r"<blockquote\b[^>]*class=[\"'][^\"']*(?:instagram-media|twitter-tweet|fb-xfbml-parse-ignore|"
                    r"tiktok-embed)[^\"']*[\"'][^>]*>.*?</blockquote>", re.I | re.S)
_LINK_TAG = re.compile(r"</?a\b[^>]*>", re.I)


def _marked_q_elements(html: str) -> str:
    """The page with each <q> element's marks written out (double outside, single inside another)."""
    depth = 0

    def mark(match: re.Match[str]) -> str:
        nonlocal depth
        if match.group(1):
            depth = max(depth - 1, 0)
            return "’" if depth else "”"
        depth += 1
        return "‘" if depth > 1 else "“"

    return _Q_TAG.sub(mark, html)


def _embed_links_as_text(html: str) -> str:
    """The page with the links inside embedded posts reduced to their text (the signature is in them)."""
    return _EMBED.sub(lambda m: _LINK_TAG.sub("", m.group()), html)


#: htmldate's settings for trafilatura: the date only from the page's markup (meta tags, <time>, structured data, the
#: URL); its extensive search reads any year in the text ("since 2021") as a publication date of 1 January.
_MARKUP_DATES_ONLY = {"extensive_search": False, "original_date": True}
#: English month names as a page writes them, by their first three letters (not the locale's, as calendar's are).
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


def _written_date(html: str) -> str:
    """A publication date found by htmldate's search of the page, kept only where the page writes that day out in
    full, year included ("Tuesday 16 July 2024", "14.11.2024"): a bare year or a folder in an image path is no date."""
    from htmldate import find_date

    found = find_date(html, extensive_search=True, original_date=True)
    if not found:
        return ""
    year, month, day = (int(part) for part in found.split("-"))
    name = _MONTHS[month - 1]
    forms = (rf"\b0?{day}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{name}[a-z]*\.?,?\s+{year}\b",
             rf"\b{name}[a-z]*\.?\s+0?{day}(?:st|nd|rd|th)?,?\s+{year}\b",
             rf"\b0?{day}[./]0?{month}[./]{year}\b", rf"\b{year}-0?{month}-0?{day}\b")
    return found if any(re.search(form, html, re.I) for form in forms) else ""


def article_from_html(html: str, article_id: str, source: str) -> Article:
    """Main text and metadata of an HTML page via trafilatura (imported only when needed)."""
    import trafilatura

    html = _embed_links_as_text(_marked_q_elements(_keep_social_posts(html)))
    # trafilatura 2 returns a Document; its as_dict argument is deprecated, so it is not passed
    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_recall=True,
                                           date_extraction_params=_MARKUP_DATES_ONLY)
    notes = []
    text = (getattr(document, "text", None) or "").strip() if document is not None else ""
    if not text:
        text = (trafilatura.html2txt(html) or "").strip()
        notes.append("no main text found by trafilatura; used the whole page text")
    if not text:
        raise Rejected(STATUS_SKIPPED, "no text found in HTML")
    meta = {}
    if document is not None:
        meta = {"title": document.title or "", "url": document.url or "",
                "outlet": document.sitename or "", "published": document.date or _written_date(html)}
    title = meta.get("title", "")
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"  # keep the headline in the text, as in plain-text articles
        notes.append("headline from HTML metadata put on the first line")
    article = article_from_text(text, article_id, source, **{k: v for k, v in meta.items() if v})
    article.notes[:0] = ["main text extracted from HTML"] + notes
    return article
