"""benchmarks.stories: a folder of stories in the shared layout is run and scored, one row per story."""

import json

from benchmarks import stories

ARTICLE = (
    "Mayor Dana Whitfield said on Tuesday that the bridge would reopen in May.\n\n"
    '"We owe the commuters an apology," Whitfield told reporters.\n'
)


def _story(folder, name, gold_rows):
    story = folder / name
    (story / "articles").mkdir(parents=True)
    (story / "articles" / "a1.txt").write_text(ARTICLE, encoding="utf-8")
    (story / "gold.jsonl").write_text("\n".join(json.dumps(r) for r in gold_rows) + "\n", encoding="utf-8")
    return story


def _unit(kind, text, statement):
    return {"article": "a1", "kind": kind, "speaker": "Dana Whitfield", "speaker_heads": ["whitfield"],
            "statement": statement, "text": text}


def test_each_story_folder_becomes_a_scored_row(tmp_path, capsys):
    gold = [_unit("indirect", "the bridge would reopen in May", "s1"),
            _unit("direct", "We owe the commuters an apology,", "s2")]
    _story(tmp_path, "bridge", gold)
    _story(tmp_path, "bridge-half", gold[:1])  # a gold that lacks the direct quote: precision must fall
    stories.main([str(tmp_path), "--out", str(tmp_path / "out")])
    rows = {line.split("|")[1].strip(): line for line in capsys.readouterr().out.splitlines()[2:]}
    assert set(rows) == {"bridge", "bridge-half"}
    full = [cell.strip() for cell in rows["bridge"].split("|")[1:-1]]
    half = [cell.strip() for cell in rows["bridge-half"].split("|")[1:-1]]
    assert full[3] == "1.000" and full[6] == "1.000"  # precision, attribution
    assert float(half[3]) < 1.0
    assert (tmp_path / "out" / "bridge" / "quotes.csv").exists()
