"""Tests of the ingest stage: hostile inputs, offsets/body spans, metadata and boilerplate."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.ingest.articles import Article, article_from_text, body_text
from quotes.ingest.inputs import MAX_ARTICLE_BYTES, read_inputs
from quotes.ingest.layout import iso_date
from quotes.schema import STATUS_FAILED, STATUS_OK, STATUS_SKIPPED

from tests.conftest import SAMPLES, SHARED, needs_shared

ARTICLE = (
    "Minister resigns after vote\n"
    "\n"
    "LONDON — The minister resigned on Tuesday, officials said.\n"
    "\n"
    "“I have done my part,” she told reporters. “Now it is time for others.”\n"
    "\n"
    "Her deputy will take over until parliament appoints a successor next month.\n"
)

CYRILLIC = (
    "Министр иностранных дел заявил в понедельник, что ведомство приостанавливает работу своего "
    "представительства. «Мы не видим смысла притворяться», — сказал он журналистам.\n"
) * 3


def span_in_body(article: Article, needle: str) -> bool:
    """True when some occurrence of ``needle`` lies wholly in the body."""
    masked = body_text(article)
    start = article.text.find(needle)
    while start >= 0:
        if masked[start:start + len(needle)] == needle:
            return True
        start = article.text.find(needle, start + 1)
    return False


def by_name(records) -> dict[str, object]:
    """Records keyed by file name (plus ``#row`` for corpus rows); the first of a name wins."""
    named: dict[str, object] = {}
    for record in records:
        path, _, row = record.source.partition("#")
        named.setdefault(Path(path).name + (f"#{row}" if row else ""), record)
    return named


# ------------------------------------------------------------------------------------------
# The hostile corpus
# ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, dict[str, object]]:
    """Write a corpus of awkward inputs and ingest it once for all the tests below."""
    root = tmp_path_factory.mktemp("hostile")
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_bytes(b"  \r\n\t \n  ")
    (root / "report.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >>\nendobj\n")
    (root / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (root / "nul.txt").write_bytes(b"abc\x00\x01\x02def\x00" * 50)
    (root / "utf16.txt").write_bytes(ARTICLE.encode("utf-16"))
    (root / "bom8.txt").write_bytes(ARTICLE.encode("utf-8-sig"))
    (root / "cp1252.txt").write_bytes(ARTICLE.encode("cp1252"))
    (root / "utf16-nobom.txt").write_bytes(ARTICLE.encode("utf-16-le"))
    (root / "cyrillic.txt").write_bytes(CYRILLIC.encode("cp1251"))
    (root / "manifest-left.csv").write_text("file,outlet\na.txt,Gazette\n", encoding="utf-8")
    mixed = ARTICLE.replace("\n", "\r\n", 3).replace("\n\n", "\r\r", 1) + "Published October 19, 2021\r\n"
    (root / "mixed.txt").write_bytes(mixed.encode("utf-8"))
    (root / "page.html").write_text(
        "<!DOCTYPE html><html><head><title>Minister quits | The Daily</title>"
        '<meta property="og:site_name" content="The Daily">'
        '<meta property="article:published_time" content="2021-10-19T10:00:00Z">'
        '<link rel="canonical" href="https://daily.example/a/1">'
        '<script>var secret = "SCRIPT_TEXT";</script><style>.STYLE_TEXT{color:red}</style></head>'
        "<body><nav>Home | World | Sport</nav><article><h1>Minister quits</h1>"
        "<p>LONDON — The minister resigned on Tuesday, officials said in a statement.</p>"
        "<p>“I have done my part,” she told reporters outside her office in the morning.</p>"
        '<script>document.write("INLINE_SCRIPT")</script>'
        "<p>Her deputy will take over until a new appointment is made by parliament next month.</p>"
        "</article><footer>Copyright The Daily</footer></body></html>",
        encoding="utf-8",
    )
    (root / "disguised.txt").write_text(
        "<!doctype html>\n<html><head><script>SCRIPT_TEXT()</script></head><body>"
        "<p>The council voted on Monday to close the old bridge to all traffic for repairs.</p>"
        "<p>“It is no longer safe,” the mayor said after the vote in the town hall.</p></body></html>",
        encoding="utf-8",
    )
    (root / "scripts-only.html").write_text(
        "<html><body><script>alert('SCRIPT_TEXT')</script></body></html>", encoding="utf-8")
    (root / "huge-line.txt").write_text(
        "He said “we will go on” and left. " * (5 * 2**20 // 34), encoding="utf-8")
    with (root / "too-big.txt").open("wb") as handle:  # sparse: costs no disk
        handle.truncate(MAX_ARTICLE_BYTES + 1)
    (root / "my file ü.txt").write_text(ARTICLE, encoding="utf-8")
    (root / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "notes.md").write_text(ARTICLE, encoding="utf-8")
    rows = [
        json.dumps({"id": "wire-1", "text": ARTICLE, "outlet": "Wire", "published": "October 19, 2021"}),
        "{not json",
        "",
        json.dumps({"id": "wire-2", "title": "no text here"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": "The board said “no” to the plan on Friday.", "url": "https://x.example/2"}),
    ]
    (root / "corpus.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (root / "corpus.csv").write_text(
        'id,text,outlet,published\n'
        'c1,"The mayor said: ""We are ready.""\nShe left.",Gazette,2021-10-19\n'
        'c2,,Gazette,\n'
        ',"Officials said the road would reopen on Monday.",Courier,19 Oct 2021\n',
        encoding="utf-8",
    )
    (root / "notext.csv").write_text("id,body\n1,hello\n", encoding="utf-8")
    (root / "sub").mkdir()
    (root / "sub" / "mixed.txt").write_text(ARTICLE, encoding="utf-8")  # id clash with ../mixed.txt
    started = time.perf_counter()
    records = list(read_inputs([root]))
    return root, {"records": records, "seconds": time.perf_counter() - started, **by_name(records)}


def test_every_supported_input_is_accounted_for(hostile):
    root, got = hostile
    sources = [r.source for r in got["records"]]
    assert not any(".hidden" in s for s in sources), "hidden files are ignored"
    assert not any(s.endswith("notes.md") for s in sources), "unsupported suffixes in a directory are ignored"
    files = {Path(s.split("#")[0]).name for s in sources}
    expected = {p.name for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")} - {"notes.md"}
    assert files == expected
    assert all(r.status in (STATUS_OK, STATUS_SKIPPED, STATUS_FAILED) for r in got["records"])
    assert all((r.item is not None) == (r.status == STATUS_OK) for r in got["records"])
    assert all(r.reason for r in got["records"] if r.status != STATUS_OK)
    assert all(not r.reason for r in got["records"] if r.status == STATUS_OK)


@pytest.mark.parametrize("name, status, words", [
    ("empty.txt", STATUS_SKIPPED, "empty"),
    ("blank.txt", STATUS_SKIPPED, "empty"),
    ("report.txt", STATUS_SKIPPED, "binary file (looks like PDF)"),
    ("photo.txt", STATUS_SKIPPED, "binary file (looks like PNG"),
    ("nul.txt", STATUS_SKIPPED, "binary file (contains NUL bytes)"),
    ("scripts-only.html", STATUS_SKIPPED, "no text found in HTML"),
    ("too-big.txt", STATUS_SKIPPED, "file too large"),
    ("notext.csv", STATUS_FAILED, "no 'text' column (columns: id, body)"),
    ("manifest-left.csv", STATUS_SKIPPED, "looks like a manifest"),
    ("corpus.jsonl#2", STATUS_FAILED, "invalid JSON on line 2"),
    ("corpus.jsonl#4", STATUS_SKIPPED, "no 'text' field"),
    ("corpus.jsonl#5", STATUS_FAILED, "not a JSON object"),
    ("corpus.csv#2", STATUS_SKIPPED, "empty text"),
])
def test_bad_inputs_get_clear_reasons(hostile, name, status, words):
    record = hostile[1][name]
    assert (record.status, record.item) == (status, None)
    assert words in record.reason


def test_utf16_and_bom_are_decoded_with_exact_text(hostile):
    for name, encoding in (("utf16.txt", "utf-16"), ("bom8.txt", "utf-8-sig")):
        record = hostile[1][name]
        assert record.status == STATUS_OK and record.encoding == encoding
        assert record.item.text == ARTICLE  # BOM gone, nothing else changed
        assert any("byte-order mark" in note for note in record.item.notes)


def test_bomless_utf16_and_non_latin_single_byte_text(hostile):
    record = hostile[1]["utf16-nobom.txt"]
    assert (record.status, record.encoding, record.item.text) == (STATUS_OK, "utf-16-le", ARTICLE)
    record = hostile[1]["cyrillic.txt"]  # charset-normalizer, not a cp1252 mojibake
    assert (record.status, record.encoding, record.item.text) == (STATUS_OK, "cp1251", CYRILLIC)


def test_cp1252_fallback_keeps_curly_quotes_and_says_so(hostile):
    record = hostile[1]["cp1252.txt"]
    assert record.status == STATUS_OK and record.encoding == "cp1252" == record.item.encoding
    assert "“I have done my part,”" in record.item.text
    assert "decoded as cp1252 (not valid UTF-8)" in record.item.notes


def test_mixed_line_endings_keep_offsets(hostile):
    article = hostile[1]["mixed.txt"].item
    assert "\r\n" in article.text and "\r\r" in article.text  # kept as decoded
    assert article.published == "2021-10-19"
    masked = body_text(article)
    assert len(masked) == len(article.text)
    breaks = [i for i, c in enumerate(article.text) if c in "\r\n"]
    assert [i for i, c in enumerate(masked) if c in "\r\n"] == breaks
    quote = "“I have done my part,”"
    start = article.text.index(quote)
    assert masked[start:start + len(quote)] == quote
    assert "Published" not in masked and "Published October 19, 2021" in article.text
    for start, end in article.body:  # spans are trimmed to content
        assert article.text[start:end] == article.text[start:end].strip()


def test_html_main_text_and_metadata_without_scripts(hostile):
    article = hostile[1]["page.html"].item
    assert "SCRIPT_TEXT" not in article.text and "INLINE_SCRIPT" not in article.text
    assert "STYLE_TEXT" not in article.text and "Home | World" not in article.text
    assert "“I have done my part,” she told reporters" in article.text
    assert (article.title, article.outlet, article.published, article.url) == (
        "Minister quits", "The Daily", "2021-10-19", "https://daily.example/a/1")
    assert article.text.startswith("Minister quits")
    disguised = hostile[1]["disguised.txt"].item
    assert "SCRIPT_TEXT" not in disguised.text and "<p>" not in disguised.text
    assert "“It is no longer safe,” the mayor said" in disguised.text


def test_huge_one_line_file_is_fast(hostile):
    record = hostile[1]["huge-line.txt"]
    assert record.status == STATUS_OK
    assert record.item.body == [(0, len(record.item.text.rstrip()))]
    started = time.perf_counter()
    article = article_from_text(record.item.text, "again")
    body_text(article)
    assert time.perf_counter() - started < 1.0  # measured ~0.15 s
    assert hostile[1]["seconds"] < 10  # the whole hostile corpus, trafilatura and pandas imports included


def test_ids_are_stems_made_unique_in_order(hostile):
    got = hostile[1]
    assert got["my file ü.txt"].article == "my file ü" and got["my file ü.txt"].status == STATUS_OK
    assert got["mixed.txt"].article in {"mixed", "mixed-2"}
    ids = [r.article for r in got["records"] if r.article]
    assert len(ids) == len(set(ids))
    clash = [r for r in got["records"] if Path(r.source).name == "mixed.txt"]
    assert [r.article for r in clash] == ["mixed", "mixed-2"]


def test_corpus_rows_are_separate_inputs_with_metadata(hostile):
    got = hostile[1]
    first = got["corpus.jsonl#1"].item
    assert (first.id, first.outlet, first.published, first.source.endswith("corpus.jsonl#1")) == (
        "wire-1", "Wire", "2021-10-19", True)
    assert first.text == ARTICLE
    unnamed = got["corpus.jsonl#6"]
    assert unnamed.status == STATUS_OK and unnamed.article == "corpus-6"
    assert unnamed.item.url == "https://x.example/2"
    c1 = got["corpus.csv#1"].item
    assert (c1.id, c1.outlet, c1.published) == ("c1", "Gazette", "2021-10-19")
    assert c1.text == 'The mayor said: "We are ready."\nShe left.'
    c3 = got["corpus.csv#3"]
    assert (c3.article, c3.item.outlet, c3.item.published) == ("corpus-3", "Courier", "2021-10-19")


def test_missing_path_and_manifest(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,outlet,published,url\na.txt,The Courier,\"Oct 20, 2021\",https://c.example/a\n", encoding="utf-8")
    records = list(read_inputs([tmp_path, tmp_path / "a.txt", tmp_path / "nope.txt"],
                               manifest=tmp_path / "manifest.csv"))
    # the manifest is not an input, and a file named twice is read once
    assert [Path(r.source).name for r in records] == ["a.txt", "nope.txt"]
    article = records[0].item
    assert (article.outlet, article.published, article.url) == ("The Courier", "2021-10-20", "https://c.example/a")
    assert (records[1].status, records[1].reason) == (STATUS_FAILED, "file not found")
    with pytest.raises(ValueError, match="'file' or 'article' column"):
        list(read_inputs([tmp_path], manifest=tmp_path / "a.txt"))


# ------------------------------------------------------------------------------------------
# Layout: metadata lines and boilerplate on generic shapes
# ------------------------------------------------------------------------------------------


def test_article_from_text_keeps_headline_subheads_and_final_short_paragraph():
    text = (
        "Council closes bridge\n\nThe council voted on Monday to close the bridge, the mayor said.\n\n"
        "Repairs ahead\n\n“It is no longer safe for anyone,” she said.\n\nWork starts in May.\n"
    )
    article = article_from_text(text, "t", outlet="Gazette")
    assert article.outlet == "Gazette" and article.title == "Council closes bridge"
    assert article.body == [(0, len(text.rstrip()))]


def test_related_list_teasers_and_contributors_are_not_body():
    paragraph = "The council voted on Monday to close the old bridge, and “nobody objected,” the mayor said. " * 2
    text = (
        f"{paragraph}\n\nJane Roe in Paris contributed to this report.\n\n"
        "Copyright 2024 The Gazette\n\nMore Stories\nMayor Opens New Park -\nSchool Budget Approved -\n"
        "Storm Hits Coast -\nLocal Team Wins Again\n"
    )
    article = article_from_text(text, "t")
    assert article.body == [(0, len(paragraph.rstrip()))]
    teaser = (
        f"{paragraph}\n\nPublished in The Gazette, March 3rd, 2024\n\nOpinion\n\nThe bridge\n"
        "Updated 19 Mar, 2024\n\nThe bridge\n\nCITY hall has spent years avoiding a decision on the...\n"
        "New park\n18 Mar, 2024\n\nNew park\n\nA short teaser that ends in a full stop.\n"
    )
    article = article_from_text(teaser, "t")
    assert (article.outlet, article.published) == ("The Gazette", "2024-03-03")
    assert article.body == [(0, len(paragraph.rstrip()))]
    closing = "Repairs will start in May, “if the money comes through,” she said."
    inline = f"{paragraph}\nMayor Opens New Park -\nSchool Budget Approved -\nStorm Hits Coast -\n{closing}"
    article = article_from_text(inline, "t")
    assert body_text(article).split() == f"{paragraph} {closing}".split()


def test_repeated_caption_and_leading_date_token():
    caption = "Firefighters work at the scene of the blaze in the city centre, May 2, 2023. — Reuters/File"
    story = "BERLIN: “We lost everything,” a trader said."
    text = f" date 2023-05-02 Fire closes market\n\n{caption}\n{caption}\n\n{story}\n"
    article = article_from_text(text, "t")
    assert article.published == "2023-05-02"
    assert body_text(article).split() == f"Fire closes market {story}".split()
    assert "dateline: BERLIN" in article.notes


def test_quoted_lines_are_never_taken_for_trailing_boilerplate():
    paragraph = "The minister spoke to reporters at length on Monday about the long-running dispute. " * 2
    answer = "“I do not know,” she said."
    text = (f"{paragraph}\n\n{answer}\n\nAsked again, she paused.\n\n{answer}\n\n"
            "“We will not back down”\n\n“Never”\n\nShort Closing Line\n")
    article = article_from_text(text, "t")
    assert span_in_body(article, "“We will not back down”") and span_in_body(article, "“Never”")
    assert body_text(article).count(answer) == 2  # said twice, not a scraping echo


@pytest.mark.parametrize("value, expected", [
    ("October 19th, 2021", "2021-10-19"), ("19 Mar, 2024", "2024-03-19"), ("2021-10-18T09:00:00Z", "2021-10-18"),
    ("October 2021", ""), ("Trump 2016", ""), ("2021-13-45", ""), ("", ""),
])
def test_iso_date(value, expected):
    assert iso_date(value) == expected


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .“”-\r\n\t2019Published:é")), max_size=300))
def test_body_spans_and_body_text_are_consistent(text):
    article = article_from_text(text, "x")
    masked = body_text(article)
    assert len(masked) == len(text)
    previous_end = 0
    for start, end in article.body:
        assert previous_end <= start < end <= len(text)
        assert masked[start:end] == text[start:end]
        previous_end = end
    assert all(m == c or (m == " " and c not in "\r\n") for m, c in zip(masked, text))


# ------------------------------------------------------------------------------------------
# Real articles: the bundled seeds and (when present) the PolNeAR dev articles
# ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    return {r.article: r.item for r in read_inputs([SAMPLES]) if r.status == STATUS_OK}


def test_seed_metadata_and_boilerplate(seeds):
    assert len(seeds) == 5
    a000, a001, a002, a003, a004 = (seeds[k] for k in sorted(seeds))
    assert a000.published == "2021-10-18" and not span_in_body(a000, "date 2021-10-18")
    assert span_in_body(a000, "As relations with NATO deteriorate")
    assert a001.published == "2021-10-19"
    assert span_in_body(a001, "— MFA Russia (@mfa_russia) October 18, 2021")  # embedded post is body
    assert span_in_body(a001, "\nRussia-NATO relations\n")
    # 002: everything after the last paragraph is the related-headlines list
    last_paragraph_end = a002.text.index("for a series of meetings.") + len("for a series of meetings.")
    assert a002.body[-1][1] == last_paragraph_end
    assert a002.text[last_paragraph_end:].count(" -\n") >= 10
    assert span_in_body(a002, "MOSCOW: Russia said Monday")
    assert not span_in_body(a003, "contributed to this report")
    assert span_in_body(a003, "MOSCOW — Russia on Monday")
    # 004: header metadata, repeated caption and the trailing teasers are out, the story is in
    assert (a004.published, a004.outlet) == ("2021-10-19", "Dawn")
    masked = body_text(a004)
    for boilerplate in ("Published", "Reuters/File", "Opinion", "Updated 19 Mar", "DOG-BITE", "Redefining"):
        assert boilerplate not in masked, boilerplate
    assert a004.body[-1][1] == a004.text.index("heightened tensions.") + len("heightened tensions.")
    assert span_in_body(a004, "MOSCOW: Russia said on Monday")


@needs_shared
def test_seed_gold_quotations_lie_in_body(seeds):
    gold = [json.loads(line) for line in (SHARED / "gold" / "seeds.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    assert gold
    for unit in gold:
        article = seeds[unit["article"]]
        for piece in unit.get("parts") or [unit["text"]]:
            assert piece in article.text
            assert span_in_body(article, piece), (unit["article"], piece)


@needs_shared
def test_polnear_gold_quotations_lie_in_body():
    folder = SHARED / "eval" / "polnear-dev"
    articles = {r.article: r.item for r in read_inputs([folder / "articles"])}
    assert len(articles) == 84 and all(articles.values())
    checked = 0
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        unit = json.loads(line)
        article, key = articles[unit["article"]], unit["text"][:40]
        if key in article.text:
            checked += 1
            assert span_in_body(article, key), (unit["article"], key)
    assert checked > 1000


def test_a_social_post_printed_in_the_story_is_kept_and_a_share_bar_is_not():
    from quotes.ingest.html import article_from_html

    body = " ".join(["The study of wild bees covered 140 farms in three countries over four years."] * 3)
    html = ("<!doctype html><html><head><title>Study links seed coating to bee losses</title></head><body>"
            "<nav><a href='/'>Home</a> <a href='/farming'>Farming</a></nav><article>"
            f"<h1>Study links seed coating to bee losses</h1><p>{body}</p>"
            "<p>Campaigners were quick to respond. Freya Holt, director of Pollinate Now, posted on X:</p>"
            "<p class=\"social-embed\">Four years, 140 farms, three countries. The evidence is in. The only question "
            "left is whether the regulator has the nerve to act.</p>"
            f"<p>{body}</p><div class=\"social-share\"><a href='#'>Share on Facebook</a></div></article></body></html>")
    text = article_from_html(html, "page", "page.html").text
    assert "The only question left is whether the regulator has the nerve to act." in text
    assert "Share on Facebook" not in text


def test_a_transcript_label_repeated_with_a_colon_stays_body():
    label = "Sarah Collins - Acme Appliances - Chief Executive Officer:"
    text = (f"Acme cuts its forecast\n\n{label}\nNo decision has been taken on any site.\n"
            "David Hughes - Kessler Bank - Analyst:\nIs the dividend gone?\n"
            f"{label}\nWe will not pay an interim dividend this year.\n")
    assert body_text(article_from_text(text, "t")).count(label) == 2
    echo = "Storm closes the coast road for a second day"
    assert body_text(article_from_text(f"{echo}\n\n{echo}\n\nThe road reopens on Friday.\n", "t")).count(echo) == 1


def test_inline_quotation_elements_get_their_marks_and_a_posts_signature_link_is_kept():
    from quotes.ingest.html import article_from_html

    body = " ".join(["The agency confirmed 41 cases of measles in four schools over three weeks."] * 3)
    html = ("<!doctype html><html><head><title>Measles advisory for schools</title></head><body><article>"
            f"<h1>Measles advisory for schools</h1><p>{body}</p>"
            "<p><q>Check your child's record today,</q> said Dr Jane Roe. <q>It takes a minute.</q></p>"
            "<p>The campaigner Corin Hale posted:</p>"
            "<blockquote class=\"instagram-media\"><p>They want to lock our children out of school.</p>"
            "<p><a href=\"https://www.instagram.com/p/x/\">A post shared by Corin Hale (@corinhale)</a></p></blockquote>"
            f"<p>{body}</p></article></body></html>")
    text = article_from_html(html, "page", "page.html").text
    assert "“Check your child's record today,” said Dr Jane Roe. “It takes a minute.”" in text
    assert "A post shared by Corin Hale (@corinhale)" in text


def test_a_paragraph_marked_as_a_social_line_is_kept():
    from quotes.ingest.html import article_from_html

    body = " ".join(["Hackers stole the loyalty-card data of four million customers, the chain said."] * 3)
    html = ("<!doctype html><html><head><title>Breach</title></head><body><article>"
            f"<h1>Breach</h1><p>{body}</p><p>Customers were furious online.</p>"
            "<p class=\"social-line\">@kezzab88: Got the email. They waited three weeks to say anything.</p>"
            f"<p>{body}</p></article></body></html>")
    assert "@kezzab88: Got the email." in article_from_html(html, "page", "page.html").text


def test_a_page_date_is_one_written_out_in_full_never_a_year_in_the_text():
    from quotes.ingest.html import article_from_html

    body = " ".join(["The mayor, first elected in 2019 and re-elected in 2023, will stand down in the spring."] * 3)

    def page(byline: str) -> str:
        return ("<!doctype html><html><head><title>Mayor to stand down</title></head><body><article>"
                f"<h1>Mayor to stand down</h1><p class='byline'>{byline}</p><p>{body}</p>"
                "<img src='/media/2024/05/mayor.jpg'></article><footer>Copyright 2026 KCFX</footer></body></html>")

    assert article_from_html(page("By Ana Cruz"), "a", "a.html").published == ""
    assert article_from_html(page("By Ana Cruz · Tuesday 16 July 2024, 6:15pm"), "b", "b.html").published == "2024-07-16"
