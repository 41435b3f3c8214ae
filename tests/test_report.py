"""HTML report and Jupyter views: highlighting, diffs, escaping, and the report driven in headless Chromium."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from quotes.outputs.display import (
    ArticleQuotes,
    StatementView,
    highlight_article,
    outlet_matrix,
    plot_coverage,
    quote_anchor,
    speaker_colour,
    speaker_colours,
    word_diff,
)
from quotes.outputs.tables import write_outputs
from quotes.outputs.report import script_json, write_report
from quotes.schema import QUOTE_COLUMNS, STATEMENT_COLUMNS

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "quotes" / "samples" / "nato-2021"
GOLD_CANDIDATES = [REPO.parent / "shared" / "gold" / "seeds.jsonl", Path("/work/shared/gold/seeds.jsonl")]
EVIL_SCRIPT = "<script>alert(1)</script>"
EVIL_FORMULA = '=HYPERLINK("http://evil","x")'


def sample_texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))}


def statements_from_quotes(quotes: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Statements and compare frames the way the reconciler shapes them (longest wording as canonical)."""
    groups: dict[str, list[dict]] = {}
    for row in quotes.to_dict("records"):
        groups.setdefault(row["statement"], []).append(row)
    statements, compare = [], []
    for sid, grp in groups.items():
        kinds = {r["kind"] for r in grp}
        wordings = {r["quote"] for r in grp}
        speaker = Counter((r["speaker_id"], r["speaker"]) for r in grp).most_common(1)[0][0]
        outlets = sorted({r["outlet"] for r in grp})
        flags = [flag for flag, on in [("wording_differs", len(wordings) > 1),
                                       ("speaker_conflict", len({r["speaker_id"] for r in grp}) > 1),
                                       ("fragment_only", kinds == {"partial"}),
                                       ("indirect_only", kinds == {"indirect"})] if on]
        text = max((r["quote"] for r in grp), key=len)
        statements.append({"statement": sid, "speaker_id": speaker[0], "speaker": speaker[1], "text": text,
                           "kinds": ";".join(sorted(kinds)), "n_outlets": len(outlets), "outlets": ";".join(outlets),
                           "first_published": min((r["published"] for r in grp if r["published"]), default=""),
                           "n_variants": len(wordings), "flags": ";".join(flags)})
        per_outlet = {o: " / ".join(r["quote"] for r in grp if r["outlet"] == o) for o in outlets}
        compare.append({"statement": sid, "speaker": speaker[1], "text": text, **per_outlet})
    return pd.DataFrame(statements, columns=STATEMENT_COLUMNS), pd.DataFrame(compare).fillna("")


def gold_frames() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """quotes/statements/compare/texts built from the hand-annotated gold units of the sample articles."""
    gold = next((p for p in GOLD_CANDIDATES if p.is_file()), None)
    if gold is None:
        pytest.skip("gold annotations (shared/gold/seeds.jsonl) not found beside the repo")
    texts = sample_texts()
    outlets = {article: f"Outlet {chr(65 + i)}" for i, article in enumerate(texts)}
    rows = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        unit = json.loads(line)
        text = texts[unit["article"]]
        parts = unit.get("parts") or [unit["text"]]
        start = text.find(parts[0])
        last = text.find(parts[-1], max(start, 0))
        if start < 0 or last < 0:
            continue
        date = re.search(r"\d{4}-\d{2}-\d{2}", text[:100])
        rows.append({"article": unit["article"], "outlet": outlets[unit["article"]],
                     "published": date.group(0) if date else "", "speaker_id": unit["speaker"],
                     "speaker": unit["speaker"].title(), "quote": unit["text"], "kind": unit["kind"], "cue": "said",
                     "start": start, "end": last + len(parts[-1]), "sentence": unit["text"],
                     "statement": unit["statement"]})
    quotes = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    statements, compare = statements_from_quotes(quotes)
    return quotes, statements, compare, texts


def evil_frames() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """A sample article carrying a script tag, a formula and an HTML-laden speaker name inside its quotes."""
    article, text = next(iter(sample_texts().items()))
    text = text + f'\n\nThe minister said: "{EVIL_SCRIPT} {EVIL_FORMULA}" and left.\n'
    start = text.index(EVIL_SCRIPT) - 1
    rows = [
        {"article": article, "outlet": "Evil <b>Daily</b>", "published": "2021-10-19",
         "speaker_id": "x<img src=x onerror=alert(2)>", "speaker": '<img src=x onerror="alert(3)">',
         "quote": EVIL_FORMULA, "kind": "direct", "cue": "said</title><script>alert(4)</script>",
         "start": start, "end": start + len(EVIL_SCRIPT) + len(EVIL_FORMULA) + 3, "sentence": "", "statement": "evil"},
        {"article": article, "outlet": "Evil <b>Daily</b>", "published": "2021-10-19",
         "speaker_id": "x<img src=x onerror=alert(2)>", "speaker": '<img src=x onerror="alert(3)">',
         "quote": f"{EVIL_SCRIPT} \u2028 </script><script>alert(5)</script>", "kind": "direct", "cue": ":",
         "start": start + 1, "end": start + 1 + len(EVIL_SCRIPT), "sentence": "", "statement": "evil"},
    ]
    quotes = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    statements, compare = statements_from_quotes(quotes)
    statements.loc[0, "flags"] = "wording_differs;<i>odd</i>"
    return quotes, statements, compare, {article: text}


def many_statements(n: int = 1000) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """n statements, each a sentence of the sample articles quoted by 3 outlets with a word changed."""
    texts = sample_texts()
    sentences = [(a, m) for a, t in texts.items() for m in re.finditer(r"[A-Z][^.!?\n]{30,200}[.!?]", t)]
    rows = []
    for i in range(n):
        article, match = sentences[i % len(sentences)]
        for outlet in range(3):
            wording = match.group(0) if outlet == 0 else match.group(0).replace(" the ", f" variant{outlet} ", 1)
            rows.append({"article": article, "outlet": f"outlet {outlet}", "published": f"2021-10-{10 + i % 20}",
                         "speaker_id": f"speaker-{i % 17}", "speaker": f"Speaker {i % 17}", "quote": wording,
                         "kind": "direct", "cue": "said", "start": match.start(), "end": match.end(),
                         "sentence": match.group(0), "statement": f"s{i:04d}"})
    quotes = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    statements, compare = statements_from_quotes(quotes)
    return quotes, statements, compare, texts


def visible_text(fragment: str) -> str:
    """What a reader sees of an HTML fragment: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


# --- display helpers -------------------------------------------------------------------------------------------


def test_highlight_article_keeps_text_and_marks_every_gold_quote():
    quotes, _, _, texts = gold_frames()
    colours = speaker_colours(quotes["speaker_id"])
    assert len(set(colours.values())) == quotes["speaker_id"].nunique()  # distinct per speaker
    for article, text in texts.items():
        rows = quotes[quotes["article"] == article]
        out = highlight_article(text, rows, article=article, colours=colours)
        assert visible_text(out) == text
        for row in rows.itertuples():
            anchor = quote_anchor(article, row.start)
            match = re.search(rf'<mark [^>]*id="{re.escape(anchor)}"[^>]*>', out)
            assert match, f"no anchor for {row.quote[:40]!r}"
            assert f"background:{colours[row.speaker_id]}" in match.group(0)
            assert f'title="{html.escape(row.speaker)} — said' in match.group(0)


def test_highlight_article_splits_overlaps_and_ignores_bad_offsets():
    text = "He said the plan was dead and buried today."
    rows = pd.DataFrame([
        {"article": "a", "speaker_id": "x", "speaker": "X", "cue": "said", "kind": "indirect", "start": 8, "end": 42},
        {"article": "a", "speaker_id": "y", "speaker": "Y", "cue": "said", "kind": "partial", "start": 21, "end": 36},
        {"article": "a", "speaker_id": "z", "speaker": "Z", "cue": "said", "kind": "direct", "start": 30, "end": 999},
    ])
    out = highlight_article(text, rows)
    assert visible_text(out) == text
    inner = re.search(r'<mark [^>]*title="([^"]*)"[^>]*>dead and buried</mark>', out)
    assert inner and "X — said" in inner.group(1) and "Y — said" in inner.group(1)
    assert f"background:{speaker_colours(['x', 'y', 'z'])['y']}" in inner.group(0)
    assert "Z — said" not in out
    assert speaker_colours(["b", "a"]) == speaker_colours(["a", "b", "a"])  # stable for the same speakers
    assert speaker_colour("x") == speaker_colour("x") and speaker_colour("") != speaker_colour("x")


def test_word_diff_marks_inserted_and_deleted_words_of_real_variants():
    old = "NATO’s contacts with our mission have already been substantially limited"
    new = "NATO has already greatly reduced its contacts with our mission,"
    out = word_diff(old, new)
    assert re.findall(r"<ins>(.*?)</ins>", out) == ["NATO has already greatly reduced its", ","]
    assert re.findall(r"<del>(.*?)</del>", out) == ["NATO’s", "have already been substantially limited"]
    assert visible_text(re.sub(r"<del>.*?</del>", "", out)).split() == new.replace(",", " ,").split()
    assert visible_text(re.sub(r"<ins>.*?</ins>", "", out)).split() == old.split()
    assert "<" not in visible_text(word_diff("a", "a <b>bold</b>")).replace("<b>bold</b>", "")
    assert "&lt;b&gt;" in word_diff("a", "a <b>bold</b>")


def test_script_json_cannot_close_the_script_element():
    payload = {"t": "</script><script>alert(1)</script> & \u2028\u2029 <!--"}
    out = script_json(payload)
    assert not re.search(r"[<>&\u2028\u2029]", out)
    assert json.loads(out) == payload


def test_jupyter_views_and_outlet_matrix():
    quotes, statements, _, texts = gold_frames()
    article = next(iter(texts))
    rows = quotes[quotes["article"] == article]
    view = ArticleQuotes(article, texts[article], rows)._repr_html_()
    assert view.count("<mark") >= len(rows) and "<table" in view
    statement = statements.iloc[1]
    variants = quotes[quotes["statement"] == statement["statement"]]
    card = StatementView(statement, variants)._repr_html_()
    assert card.count("<li>") == len(variants) and "wording differs" in card
    matrix = outlet_matrix(quotes, statements)
    assert list(matrix.index) == statements["statement"].tolist()
    assert (matrix.sum(axis=1).to_numpy() == statements["n_outlets"].to_numpy()).all()
    pytest.importorskip("matplotlib")
    import matplotlib
    matplotlib.use("Agg")
    ax = plot_coverage(quotes, statements)
    assert [t.get_text() for t in ax.get_xticklabels()] == list(matrix.columns)


# --- report ----------------------------------------------------------------------------------------------------


def test_report_is_self_contained_and_every_variant_link_lands(tmp_path):
    quotes, statements, compare, texts = gold_frames()
    path = write_report(tmp_path, quotes, statements, compare, texts, title="Story <one>")
    page = path.read_text(encoding="utf-8")
    assert "<title>Story &lt;one&gt;</title>" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # nothing fetched
    assert "default-src 'none'" in html.unescape(page)
    assert page.count('<tr class="st"') == len(statements)
    ids = set(re.findall(r'id="([^"]+)"', page))
    links = re.findall(r'href="#([^"]+)"', page)
    assert len(links) == len(quotes) and set(links) <= ids
    assert os.listdir(tmp_path) == ["report.html"]


@pytest.fixture(scope="module")
def big_report(tmp_path_factory) -> tuple[Path, float]:
    """report.html for 1000 statements (3000 quotations) and the seconds it took to write."""
    quotes, statements, compare, texts = many_statements(1000)
    started = time.perf_counter()
    path = write_report(tmp_path_factory.mktemp("big"), quotes, statements, compare, texts)
    return path, time.perf_counter() - started


def test_report_for_1000_statements_renders_quickly(big_report):
    path, elapsed = big_report
    page = path.read_text(encoding="utf-8")
    assert page.count('<tr class="st"') == 1000 and page.count('href="#q-') == 3000
    assert elapsed < 10, f"rendering 1000 statements took {elapsed:.1f}s"
    assert path.stat().st_size < 15_000_000


def test_malicious_quote_is_inert_in_html_and_csv(tmp_path):
    quotes, statements, compare, texts = evil_frames()
    page = write_report(tmp_path, quotes, statements, compare, texts, title="<script>alert(6)</script>").read_text()
    assert "<script>alert" not in page and "<img" not in page and "<b>Daily" not in page
    assert page.count("<script") == 2  # the JSON data block and the report's own code
    write_outputs(tmp_path, {"quotes": quotes, "statements": statements, "compare": compare})
    back = pd.read_csv(tmp_path / "quotes.csv", keep_default_na=False)
    assert back.loc[0, "quote"] == "'" + EVIL_FORMULA


# --- headless Chromium -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium driven through the system chromedriver (no downloads)."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium not installed (pip install selenium)")
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        pytest.skip("no browser: apt-get install chromium chromium-driver")
    profile = tempfile.mkdtemp(prefix="quotes-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1280,1000"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def save_screenshot(driver, tmp_path: Path, name: str) -> Path:
    """PNG to tmp_path, and to $QUOTES_SCREENSHOT_DIR when set."""
    path = tmp_path / name
    assert driver.save_screenshot(str(path))
    if os.environ.get("QUOTES_SCREENSHOT_DIR"):
        target = Path(os.environ["QUOTES_SCREENSHOT_DIR"])
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target / name)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return path


def severe_console_messages(driver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_browser_expand_sort_filter_and_jump_to_article(browser, tmp_path):
    from selenium.webdriver.common.by import By

    quotes, statements, compare, texts = gold_frames()
    path = write_report(tmp_path, quotes, statements, compare, texts, title="Sample story")
    browser.get(path.as_uri())
    rows = browser.find_elements(By.CSS_SELECTOR, "tr.st")
    assert len(rows) == len(statements)
    target = rows[1]
    detail = target.find_element(By.XPATH, "following-sibling::tr[1]")
    assert not detail.is_displayed()
    target.find_element(By.CSS_SELECTOR, "td.text").click()
    assert detail.is_displayed()
    variants = detail.find_elements(By.CSS_SELECTOR, "ol.variants > li")
    expected = quotes[quotes["statement"] == target.get_attribute("data-statement")]
    assert len(variants) == len(expected) and all(v.is_displayed() for v in variants)
    assert detail.find_elements(By.CSS_SELECTOR, "ins, del, .reworded")
    save_screenshot(browser, tmp_path, "report-expanded.png")

    link = detail.find_element(By.CSS_SELECTOR, "a[href^='#q-']")
    anchor = link.get_attribute("href").split("#", 1)[1]
    link.click()
    mark = browser.find_element(By.ID, anchor)
    assert mark.is_displayed() and "flash" in mark.get_attribute("class")
    assert browser.execute_script("return arguments[0].closest('details').open", mark)
    save_screenshot(browser, tmp_path, "report-article.png")

    browser.execute_script("window.scrollTo(0, 0)")
    browser.find_element(By.CSS_SELECTOR, "th[data-sort='n_outlets']").click()
    browser.find_element(By.CSS_SELECTOR, "th[data-sort='n_outlets']").click()  # descending
    shown = [int(td.text) for td in browser.find_elements(By.CSS_SELECTOR, "tr.st td.num:nth-child(5)")]
    assert shown == sorted(statements["n_outlets"], reverse=True)

    speaker = statements["speaker_id"].value_counts().index[0]
    browser.execute_script(
        "var s = document.getElementById('filter-speaker'); s.value = arguments[0];"
        "s.dispatchEvent(new Event('change'));", speaker)
    visible = [r for r in browser.find_elements(By.CSS_SELECTOR, "tr.st") if r.is_displayed()]
    assert len(visible) == (statements["speaker_id"] == speaker).sum()
    browser.find_element(By.ID, "filter-text").send_keys("zzz-no-such-words")
    assert browser.find_element(By.ID, "shown-count").text.startswith("0 of")
    assert severe_console_messages(browser) == []


def test_browser_malicious_data_stays_text(browser, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    quotes, statements, compare, texts = evil_frames()
    path = write_report(tmp_path, quotes, statements, compare, texts, title="<script>alert(6)</script>")
    browser.get(path.as_uri())
    row = browser.find_element(By.CSS_SELECTOR, "tr.st")
    row.click()
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert  # noqa: B018 - raises when no dialog fired
    scripts = browser.find_elements(By.TAG_NAME, "script")
    assert [s.get_attribute("type") for s in scripts] == ["application/json", ""]
    assert browser.find_elements(By.TAG_NAME, "img") == []
    assert not [b for b in browser.find_elements(By.TAG_NAME, "b") if b.text == "Daily"]
    assert EVIL_SCRIPT in browser.find_element(By.ID, "articles").get_attribute("textContent")
    assert browser.title == "<script>alert(6)</script>"
    assert row.find_element(By.XPATH, "following-sibling::tr[1]").is_displayed()
    save_screenshot(browser, tmp_path, "report-malicious.png")


def test_browser_sorts_and_filters_1000_statements_fast(browser, big_report):
    from selenium.webdriver.common.by import By

    browser.get(big_report[0].as_uri())
    elapsed_ms = browser.execute_script("""
        var t0 = performance.now();
        document.querySelector("th[data-sort='text']").click();
        var box = document.getElementById('filter-text'); box.value = 'variant1'; box.dispatchEvent(new Event('input'));
        return performance.now() - t0;""")
    assert elapsed_ms < 1500, f"sort+filter of 1000 statements took {elapsed_ms:.0f} ms"
    assert browser.find_element(By.ID, "shown-count").text.endswith("of 1000 statements")
    assert severe_console_messages(browser) == []
