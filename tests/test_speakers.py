"""The story-level speaker stage: one id per speaker across the articles of a run."""

from __future__ import annotations

import tomllib

import pandas as pd
import pytest

from quotes.attribute.registry import Registry, Speaker, load_registry
from quotes.schema import QUOTE_COLUMNS, SPEAKER_COLUMNS
from quotes.speakers.names import parse_name, same_person
from quotes.speakers.registry_draft import registry_toml
from quotes.speakers.identity import unify_speakers


def table(*rows: tuple) -> pd.DataFrame:
    """A quotes table from (article, speaker_id, speaker, speaker_kind, mention, roles, quote) tuples."""
    records = []
    for n, (article, speaker_id, speaker, kind, mention, roles, quote) in enumerate(rows):
        records.append({
            "article": article, "outlet": "", "published": "", "speaker_id": speaker_id, "speaker": speaker,
            "speaker_kind": kind, "mention": mention, "roles": roles, "quote": quote, "kind": "direct",
            "cue": "said", "start": n * 10, "end": n * 10 + 5, "sentence": quote, "statement": "",
        })
    return pd.DataFrame(records, columns=QUOTE_COLUMNS)


def ids(unified) -> list[str]:
    return unified.quotes["speaker_id"].tolist()


def test_surname_only_speakers_across_articles_take_the_full_name():
    quotes = table(
        ("wire-1", "maria-okafor", "Maria Okafor", "person", "Maria Okafor", "minister", "We will not back down."),
        ("paper-2", "okafor", "Okafor", "person", "Okafor", "", "We will not back down on this."),
        ("paper-3", "okafor", "Okafor", "person", "Mrs Okafor", "mrs", "The talks are over."),
        ("paper-3", "tom-reyes", "Tom Reyes", "person", "Tom Reyes", "", "It is a sad day."),
    )
    unified = unify_speakers(quotes)
    assert ids(unified) == ["maria-okafor", "maria-okafor", "maria-okafor", "tom-reyes"]
    assert set(unified.quotes["speaker"]) == {"Maria Okafor", "Tom Reyes"}
    row = unified.speakers.set_index("speaker_id").loc["maria-okafor"]
    assert row["n_quotes"] == 3 and row["n_articles"] == 3
    assert {"Maria Okafor", "Okafor", "Mrs Okafor"} <= set(row["variants"].split(";"))


def test_a_description_tied_to_one_person_takes_their_name():
    quotes = table(
        ("daily-1", "helen-marsh", "Helen Marsh", "person", "showrunner Helen Marsh", "showrunner",
         "The new season is the darkest yet."),
        ("daily-1", "showrunner", "showrunner", "", "the showrunner", "", "We wanted to surprise people."),
        ("daily-1", "ray-cole", "Ray Cole", "person", "actor Ray Cole", "actor", "I cried when I read it."),
    )
    unified = unify_speakers(quotes)
    assert ids(unified) == ["helen-marsh", "helen-marsh", "ray-cole"]
    assert "showrunner" in unified.speakers.set_index("speaker_id").loc["helen-marsh", "roles"].split(";")


def test_company_descriptions_go_to_the_organisation_the_story_is_about():
    quotes = table(
        ("tech-1", "vantora", "Vantora", "organization", "Vantora", "", "The update fixes the flaw."),
        ("tech-1", "vantora", "Vantora", "organization", "Vantora", "", "Customers should install it now."),
        ("tech-2", "software-giant", "software giant", "", "the software giant", "", "The update fixes the flaw."),
        ("tech-3", "company", "company", "", "the company", "", "Customers should install it now."),
        ("tech-3", "lumen-labs", "Lumen Labs", "organization", "Lumen Labs", "", "Attacks are spreading."),
        ("tech-3", "researchers", "researchers", "", "researchers", "", "Attacks are spreading fast."),
    )
    unified = unify_speakers(quotes)
    assert ids(unified)[:4] == ["vantora"] * 4
    assert ids(unified)[4:] == ["lumen-labs", "researchers"]  # a plural description names a group


def test_an_acronym_joins_the_one_organisation_whose_initials_it_spells():
    quotes = table(
        ("wire-1", "referees-union", "Union of Match Officials", "organization", "the Union of Match Officials", "",
         "The decision was correct."),
        ("paper-2", "umo", "UMO", "organization", "UMO", "", "The decision was the correct one."),
        ("paper-2", "fga", "FGA", "organization", "FGA", "", "We are studying the footage."),
    )
    unified = unify_speakers(quotes)
    assert ids(unified)[:2] == ["union-of-match-officials"] * 2
    assert ids(unified)[2] == "fga"  # no body of the story has those initials
    row = unified.speakers.set_index("speaker_id").loc["union-of-match-officials"]
    assert "UMO" in row["variants"].split(";") and "umo" not in row["roles"].split(";")
    assert row["speaker"] == "Union of Match Officials (UMO)"  # named as the press names it, initials after


def test_an_acronym_two_organisations_spell_stays_apart():
    quotes = table(
        ("a", "port-authority", "Port Authority", "organization", "Port Authority", "", "Ships wait."),
        ("b", "police-association", "Police Association", "organization", "Police Association", "", "Officers wait."),
        ("c", "pa", "PA", "organization", "PA", "", "Everyone waits."),
    )
    assert ids(unify_speakers(quotes))[2] == "pa"


def test_no_organisation_dominates_no_merge():
    quotes = table(
        ("a", "vantora", "Vantora", "organization", "Vantora", "", "We fixed it."),
        ("b", "lumen-labs", "Lumen Labs", "organization", "Lumen Labs", "", "It is not fixed."),
        ("c", "company", "company", "", "the company", "", "A fix is coming."),
    )
    assert ids(unify_speakers(quotes))[2] == "company"


def test_any_business_noun_describes_the_story_organisation_but_a_body_does_not():
    quotes = table(
        ("wire-1", "skyvale", "Skyvale", "organization", "Skyvale", "", "Flights resume on Friday."),
        ("wire-1", "skyvale", "Skyvale", "organization", "Skyvale", "", "Passengers will be refunded."),
        ("paper-2", "airline", "airline", "", "the airline", "", "Flights resume on Friday morning."),
        ("paper-2", "board", "board", "", "the board", "", "The chief executive keeps our confidence."),
    )
    assert ids(unify_speakers(quotes))[2:] == ["skyvale", "board"]


def test_a_body_noun_joins_the_story_organisation_only_when_it_is_that_kind_of_body():
    quotes = table(
        ("wire-1", "harbour-aid", "Harbour Aid", "organization", "Harbour Aid", "charity", "Tents reached the town."),
        ("wire-1", "harbour-aid", "Harbour Aid", "organization", "Harbour Aid", "charity", "More trucks are coming."),
        ("paper-2", "interior-ministry", "interior ministry", "organization", "the interior ministry", "",
         "The toll stands at 90."),
        ("paper-2", "charity", "charity", "organization", "the charity", "", "More trucks are coming soon."),
    )
    assert ids(unify_speakers(quotes))[2:] == ["interior-ministry", "harbour-aid"]


@pytest.mark.parametrize("written, name, descriptor", [
    ("Interior Secretary Ken Salazar", "Ken Salazar", "secretary"),
    ("comedian Stephen Fry", "Stephen Fry", "comedian"),
    ("the 55-year-old Peter Capaldi", "Peter Capaldi", "55-year-old"),
    ("Sen. Nick J. Rahall II", "Nick J. Rahall II", "sen"),
    ("Playboy founder Hugh Hefner", "Hugh Hefner", "founder"),
])
def test_descriptors_before_a_name_are_not_part_of_it(written, name, descriptor):
    form = parse_name(written, roles=["interior", "secretary"])
    assert form.text == name and form.shape == "person"
    assert descriptor in form.descriptors


def test_descriptor_in_name_gets_the_clean_id_and_a_description_stays_one():
    quotes = table(
        ("post-1", "interior-secretary-ken-salazar", "Interior Secretary Ken Salazar", "person",
         "Interior Secretary Ken Salazar", "interior;secretary", "Science will guide us."),
        ("post-2", "salazar", "Salazar", "person", "Salazar", "", "Science will guide us again."),
        ("post-3", "55-year-old", "55-year-old", "", "the 55-year-old", "", "It is a dream."),
    )
    unified = unify_speakers(quotes)
    assert ids(unified) == ["ken-salazar", "ken-salazar", "55-year-old"]
    assert unified.quotes["speaker"].tolist()[:2] == ["Ken Salazar", "Ken Salazar"]
    assert "interior secretary" in unified.speakers.set_index("speaker_id").loc["ken-salazar", "roles"].split(";")


def test_two_people_sharing_a_surname_never_merge():
    quotes = table(
        ("a", "john-tate", "John Tate", "person", "John Tate", "", "We won."),
        ("b", "ellen-tate", "Ellen Tate", "person", "Ellen Tate", "", "We lost."),
        ("c", "tate", "Tate", "person", "Tate", "", "Nobody won."),
        ("d", "j-tate", "J. Tate", "person", "J. Tate", "", "It was a draw."),
    )
    unified = unify_speakers(quotes)
    assert ids(unified)[:3] == ["john-tate", "ellen-tate", "tate"]
    assert ids(unified)[3] == "john-tate"  # the initial fits only John
    assert len(unified.speakers) == 3


def test_an_honorific_keeps_a_surname_apart_from_a_full_name_of_the_other_gender():
    quotes = table(
        ("a", "dorran", "Dorran", "person", "Mr. Dorran", "president", "Our progress is on the ballot."),
        ("a", "lena-dorran", "Lena Dorran", "person", "Lena Dorran", "", "We need you."),
        ("b", "dorran", "Dorran", "person", "Mrs Dorran", "", "We need every one of you."),
    )
    assert ids(unify_speakers(quotes)) == ["dorran", "lena-dorran", "lena-dorran"]


def test_a_person_named_by_surname_and_honorific_is_not_a_relative_named_later(nlp):
    text = ("President Dorran is rolling out a new message: “It's about me.”\n\n"
            "“My name may not be on the ballot,” Mr. Dorran said on Saturday. Lena Dorran spoke later. "
            "“We need you,” she said.\n\n“Vote,” the president said.")
    speakers = [q.speaker for q in nlp(text)._.quotes]
    assert speakers == ["Dorran", "Lena Dorran", "Dorran"]


def test_a_junior_is_not_his_father():
    quotes = table(
        ("a", "donald-rook", "Donald Rook", "person", "Donald Rook", "", "Buy now."),
        ("b", "donald-rook-jr", "Donald Rook Jr.", "person", "Donald Rook Jr.", "", "Sell now."),
        ("c", "rook", "Rook", "person", "Rook", "", "Wait."),
    )
    assert ids(unify_speakers(quotes)) == ["donald-rook", "donald-rook-jr", "rook"]


def test_misspelling_and_first_name_join_the_full_name():
    quotes = table(
        ("a", "armando-iannucci", "Armando Iannucci", "person", "Armando Iannucci", "", "It is a great choice."),
        ("a", "armando-iannucci", "Armando Iannucci", "person", "Iannucci", "", "A brave one."),
        ("b", "armando-ianucci", "Armando Ianucci", "person", "Armando Ianucci", "", "A great choice."),
        ("c", "ianucci", "Ianucci", "person", "Ianucci", "", "He is a friend."),
        ("d", "lena-park", "Lena Park", "person", "Lena Park", "", "I am thrilled."),
        ("d", "lena", "Lena", "person", "Lena", "", "Truly thrilled."),
        ("e", "lena", "Lena", "person", "Lena", "", "A first name in another outlet."),
    )
    unified = unify_speakers(quotes)
    assert ids(unified)[:6] == ["armando-iannucci"] * 4 + ["lena-park"] * 2  # the spelling most quoted
    assert ids(unified)[6] == "lena"  # a first name alone resolves only inside the article that named her


def test_registry_wins_and_takes_its_variants():
    registry = Registry([Speaker("pm", "Aino Virtanen", ("Virtanen",), ("the prime minister",))])
    quotes = table(
        ("a", "pm", "Aino Virtanen", "person", "Virtanen", "", "We stay the course."),
        ("b", "aino-k-virtanen", "Aino K. Virtanen", "person", "Aino K. Virtanen", "", "We stay."),
        ("c", "prime-minister", "prime minister", "", "the prime minister", "", "No comment."),
        ("c", "virtanen", "Virtanen", "person", "Virtanen", "", "None at all."),
    )
    unified = unify_speakers(quotes, registry)
    assert ids(unified) == ["pm"] * 4
    assert set(unified.quotes["speaker"]) == {"Aino Virtanen"}
    assert unified.speakers["speaker_id"].tolist() == ["pm"]


def test_same_person_keeps_middle_names_and_initials_apart():
    a, b, c = parse_name("George W. Bush"), parse_name("George H. W. Bush"), parse_name("George Bush")
    assert same_person(c, a) and same_person(c, b)
    assert not same_person(a, b)


def test_bad_rows_do_not_crash_and_empty_speakers_stay_empty():
    quotes = table(
        ("a", "", "", "", "", "", "An unattributed remark."),
        ("a", "x", "=cmd()", "", "=cmd()", "", "Odd."),
        ("b", "he", "he", "", "he", "", "Only a pronoun."),
    )
    quotes.loc[2, "roles"] = None
    unified = unify_speakers(quotes)
    assert unified.quotes["speaker_id"].iloc[0] == ""
    assert list(unified.speakers.columns) == SPEAKER_COLUMNS
    assert unify_speakers(quotes.iloc[0:0]).speakers.empty


def test_registry_draft_round_trips(tmp_path):
    quotes = table(
        ("a", "maria-okafor", "Maria Okafor", "person", "Finance Minister Maria Okafor", "finance;minister", "No."),
        ("b", "okafor", "Okafor", "person", "Okafor", "", "Never."),
        ("b", "vantora", "Vantora", "organization", "Vantora", "", 'It said "fine"\\ok.'),
        ("c", "experts", "security experts", "", "security experts", "", "Patch now."),
    )
    existing = Registry([Speaker("boss", "Jane Roe", ("Roe",), ("the chair",))])
    text = registry_toml(unify_speakers(quotes, existing).speakers, existing, n_articles=3)
    path = tmp_path / "speakers.toml"
    path.write_text(text, encoding="utf-8")
    tomllib.loads(text)  # valid TOML
    registry = load_registry(path)
    by_id = {s.id: s for s in registry.speakers}
    assert set(by_id) == {"boss", "maria-okafor", "vantora"}  # descriptions are comments, not entries
    assert by_id["boss"].name == "Jane Roe" and "the chair" in by_id["boss"].roles
    assert by_id["maria-okafor"].name == "Maria Okafor" and "Okafor" in by_id["maria-okafor"].aliases
    assert "finance minister" in by_id["maria-okafor"].roles
    assert "security experts" in text
    assert registry.match("Okafor").id == "maria-okafor"


# ------------------------------------------------------------------ through the library and the CLI

ARTICLES = {
    "herald.txt": (
        "Port strike ends after talks\n\n"
        "Transport Minister Maria Okafor said on Tuesday that the dock workers would return to work.\n\n"
        "\"We have reached a fair deal for everyone,\" Okafor told reporters in the capital.\n"
    ),
    "courier.txt": (
        "Dock workers back at work\n\n"
        "\"We have reached a fair deal for everyone,\" Okafor said after the talks.\n\n"
        "Union leader Sam Ortiz said the workers had won a pay rise of four percent.\n"
    ),
}


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    folder = tmp_path_factory.mktemp("story")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_run_unifies_speakers_and_writes_speakers_csv(reuse_nlp, story, tmp_path):
    import quotes

    result = quotes.run([story], out=tmp_path)
    okafor = result.quotes[result.quotes["quote"].str.contains("fair deal")]
    assert len(okafor) == 2 and set(okafor["speaker_id"]) == {"maria-okafor"}
    written = pd.read_csv(tmp_path / "speakers.csv", dtype=str, keep_default_na=False)
    assert list(written.columns) == SPEAKER_COLUMNS
    row = written.set_index("speaker_id").loc["maria-okafor"]
    assert row["speaker"] == "Maria Okafor" and row["n_articles"] == "2"
    assert set(result.quotes["speaker_id"]) - {""} == set(written["speaker_id"])
    assert tmp_path / "speakers.csv" in result.files
    assert f"speakers    {len(written)}" in result.summary()


def test_extract_gives_story_level_ids(reuse_nlp, story):
    from quotes.api import extract

    table = extract([story])
    assert set(table.loc[table["quote"].str.contains("fair deal"), "speaker_id"]) == {"maria-okafor"}


def test_quotes_speakers_cli_drafts_a_registry_that_run_reads_back(reuse_nlp, story, tmp_path, capsys):
    from quotes.cli import main

    draft = tmp_path / "speakers.toml"
    assert main(["speakers", str(story), "-o", str(draft), "--no-progress"]) == 0
    assert str(draft) in capsys.readouterr().out
    registry = load_registry(draft)
    okafor = next(s for s in registry.speakers if s.id == "maria-okafor")
    assert okafor.name == "Maria Okafor" and "Okafor" in okafor.aliases
    # the journalist renames the id; a second draft with it keeps the edit and the file stays valid
    draft.write_text(draft.read_text(encoding="utf-8").replace('"maria-okafor"', '"okafor-transport"'), encoding="utf-8")
    second = tmp_path / "second.toml"
    assert main(["speakers", str(story), "-o", str(second), "--speakers", str(draft), "--no-progress"]) == 0
    ids_again = [s.id for s in load_registry(second).speakers]
    assert "okafor-transport" in ids_again and "maria-okafor" not in ids_again
    assert main(["run", str(story), "-o", str(tmp_path / "out"), "--speakers", str(second), "--no-progress"]) == 0
    quotes_csv = pd.read_csv(tmp_path / "out" / "quotes.csv", dtype=str, keep_default_na=False)
    assert set(quotes_csv.loc[quotes_csv["quote"].str.contains("fair deal"), "speaker_id"]) == {"okafor-transport"}


def test_quotes_speakers_cli_rejects_missing_inputs(tmp_path, capsys):
    from quotes.cli import main

    assert main(["speakers", str(tmp_path / "nothing-here"), "-o", str(tmp_path / "s.toml")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert not (tmp_path / "s.toml").exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet", "json", "sqlite"])
def test_speakers_table_goes_out_in_every_format_injection_safe(tmp_path, fmt):
    import sqlite3

    from quotes.outputs.tables import write_outputs

    quotes = table(
        ("a", "maria-okafor", "Maria Okafor", "person", "Maria Okafor", "", "No."),
        ("b", "cmd", "=HYPERLINK(\"x\")", "organization", "=HYPERLINK(\"x\")", "", "Yes."),
    )
    unified = unify_speakers(quotes)
    paths = write_outputs(tmp_path, {"quotes": unified.quotes, "speakers": unified.speakers}, fmt=fmt)
    if fmt == "sqlite":
        with sqlite3.connect(paths[0]) as db:
            rows = dict(db.execute("select speaker_id, speaker from speakers"))
            keys = {r[1]: r[5] for r in db.execute("PRAGMA table_info(speakers)")}
            links = {(r[3], r[2]) for r in db.execute("PRAGMA foreign_key_list(quotes)")}
        assert rows["maria-okafor"] == "Maria Okafor" and keys["speaker_id"] == 1
        assert ("speaker_id", "speakers") in links
        return
    path = tmp_path / f"speakers.{ 'xlsx' if fmt == 'xlsx' else fmt}"
    assert path in paths
    if fmt == "csv":
        written = pd.read_csv(path, dtype=str, keep_default_na=False)
        assert list(written.columns) == SPEAKER_COLUMNS
        assert "'=HYPERLINK(\"x\")" in set(written["speaker"])  # neutralised for spreadsheets
    elif fmt == "json":
        assert '"speaker": "Maria Okafor"' in path.read_text(encoding="utf-8")


def test_quotes_speakers_cli_writes_nothing_when_no_article_reads(reuse_nlp, tmp_path, capsys):
    from quotes.cli import main

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("   \n", encoding="utf-8")
    draft = tmp_path / "speakers.toml"
    draft.write_text("# my edits\n", encoding="utf-8")
    assert main(["speakers", str(tmp_path / "in"), "-o", str(draft), "--no-progress"]) == 2
    assert draft.read_text(encoding="utf-8") == "# my edits\n"
    assert "nothing written" in capsys.readouterr().err


def test_registry_draft_never_makes_an_honorific_a_role():
    quotes = table(
        ("a", "paul-tern", "Paul Tern", "person", "Mr Paul Tern", "mr", "Patch it."),
        ("b", "tern", "Tern", "person", "Mr. Tern", "mr", "Patch it today."),
        ("c", "showrunner", "Showrunner", "person", "Showrunner", "", "A twist."),
        ("c", "lia-hart", "Lia Hart", "person", "showrunner Lia Hart", "showrunner", "A big twist."),
    )
    registry = tomllib.loads(registry_toml(unify_speakers(quotes).speakers))
    entries = {e["id"]: e for e in registry["speaker"]}
    assert entries["paul-tern"]["roles"] == [] and "Tern" in entries["paul-tern"]["aliases"]
    assert "showrunner" in entries["lia-hart"]["roles"] and "Showrunner" not in entries["lia-hart"]["aliases"]


def test_every_form_of_address_and_office_before_a_name_is_a_descriptor():
    form = parse_name("Madam Secretary Dana Holt")
    assert (form.text, form.shape, form.descriptors) == ("Dana Holt", "person", ("madam", "secretary"))
    assert parse_name("Coach Andy Mertens").text == "Andy Mertens"
    assert parse_name("King").text == "King"  # a surname alone is no title


def test_transliterated_first_names_are_one_person_but_close_short_names_are_not():
    assert same_person(parse_name("Sergey Volkov"), parse_name("Sergei Volkov"))
    assert same_person(parse_name("Dmitry Volkov"), parse_name("Dmitri Volkov"))
    assert not same_person(parse_name("Mario Volkov"), parse_name("Maria Volkov"))
    assert not same_person(parse_name("Daniel Volkov"), parse_name("Daniela Volkov"))


@pytest.mark.parametrize("written, shape, name", [
    ("the Union of Concerned Farmers", "organization", "Union of Concerned Farmers"),
    ("Federal Bureau of Mines", "organization", "Federal Bureau of Mines"),
    ("a spokeswoman for Dana Whitfield", "relation", "spokeswoman for Dana Whitfield"),
    ("researchers at Lumen Labs", "relation", "researchers at Lumen Labs"),
])
def test_a_connector_joins_an_organisations_name_or_makes_a_relation(written, shape, name):
    form = parse_name(written)
    assert (form.shape, form.text) == (shape, name)


def test_relations_of_a_speaker_stay_apart_from_the_speaker():
    """'a spokeswoman for X' and 'the X campaign' speak for X but are not X, registry or not."""
    quotes = table(
        ("daily-1", "dana-whitfield", "Dana Whitfield", "person", "Dana Whitfield", "senator campaign", "We will win."),
        ("daily-1", "spokeswoman-for-dana-whitfield", "spokeswoman for Dana Whitfield", "person",
         "A spokeswoman for Dana Whitfield", "", "The senator has no comment."),
        ("daily-1", "whitfield-campaign", "Whitfield campaign", "organization", "The Whitfield campaign", "",
         "The ad airs tonight."),
    )
    for registry in (Registry(), Registry([Speaker("whitfield", "Dana Whitfield")])):
        got = ids(unify_speakers(quotes, registry))
        assert got[1] != got[0] and got[2] != got[0]


def test_a_common_noun_before_a_surname_is_a_descriptor_not_a_first_name():
    quotes = table(
        ("wire-1", "alan-marsh", "Alan Marsh", "person", "executive producer Alan Marsh", "executive producer",
         "The new lead is a fine actor."),
        ("paper-2", "producer-marsh", "Producer Marsh", "person", "Producer Marsh", "", "We kept it secret."),
        ("paper-3", "marsh", "Marsh", "person", "Marsh", "", "It was hard to keep quiet."),
    )
    assert ids(unify_speakers(quotes)) == ["alan-marsh"] * 3


def test_a_capitalised_role_is_the_speaker_the_story_gives_that_role():
    quotes = table(
        ("wire-1", "ivan-petrov", "Ivan Petrov", "person", "foreign minister Ivan Petrov", "foreign minister",
         "The mission is suspended."),
        ("paper-2", "ivan-petrov", "Ivan Petrov", "person", "Petrov", "", "We see no point in talks."),
        ("paper-2", "foreign-minister", "Foreign Minister", "person", "Russia's Foreign Minister", "",
         "The office will close."),
        ("paper-3", "ken-ruiz", "Ken Ruiz", "person", "Acme CTO Ken Ruiz", "", "The patch is ready."),
        ("paper-3", "acme-cto", "Acme CTO", "person", "", "", "Install it today."),
    )
    assert ids(unify_speakers(quotes)) == ["ivan-petrov"] * 3 + ["ken-ruiz"] * 2


def test_a_capitalised_name_ending_in_an_organisation_noun_stays_an_organisation():
    quotes = table(
        ("wire-1", "tom-reyes", "Tom Reyes", "person", "hospital spokesman Tom Reyes", "hospital spokesman",
         "We are sorry."),
        ("wire-1", "regional-hospital", "Regional Hospital", "person", "hospital", "", "Systems are offline."),
    )
    assert ids(unify_speakers(quotes)) == ["tom-reyes", "regional-hospital"]


def test_a_name_among_commas_is_that_speaker_and_named_groups_ignore_order():
    quotes = table(
        ("wire-1", "mike-ruiz", "Mike Ruiz", "person", "Mike Ruiz", "", "The flaw is serious."),
        ("paper-2", "writing-in-a-blog-mike-ruiz-director-of-acme",
         "Writing in a blog, Mike Ruiz, director of Acme", "person", "", "", "Patch now."),
        ("wire-1", "dana-voss", "Dana Voss", "person", "Dana Voss", "", "Rules restored."),
        ("paper-2", "mike-ruiz-and-dana-voss", "Mike Ruiz and Dana Voss", "", "Ruiz and Voss", "",
         "Science comes first."),
        ("paper-3", "voss-and-ruiz", "Voss and Ruiz", "", "Voss and Ruiz", "", "Science first."),
    )
    got = ids(unify_speakers(quotes))
    assert got[:3] == ["mike-ruiz", "mike-ruiz", "dana-voss"]
    assert got[3] == got[4] and got[3] not in ("mike-ruiz", "dana-voss")


def test_a_body_never_merges_into_the_person_whose_title_holds_it():
    quotes = table(
        ("wire-1", "karin-vos", "Karin Vos", "person", "Karin Vos", "board chair", "We wish him well."),
        ("wire-1", "board", "board", "organization", "board", "board", "The founder has lost our confidence."),
        ("wire-2", "board", "Board", "", "Board", "", "The founder has lost our confidence."),
    )
    unified = unify_speakers(quotes)
    assert ids(unified)[0] == "karin-vos"
    assert "karin-vos" not in ids(unified)[1:]
    assert all("board" in s.lower() for s in unified.quotes["speaker"][1:])


@pytest.mark.parametrize("written", ["Chamber of Commerce of Westmarch", "Office of the Rail Regulator"])
def test_an_organisation_name_keeps_every_run_its_connectors_join(written):
    form = parse_name(written)
    assert form.shape == "organization" and form.text == written and not form.descriptors


def test_a_places_office_is_its_holder_but_a_speakers_relation_is_not_the_speaker():
    """"Ostland's interior minister" is the one interior minister of the story; "Okafor's aide" is not Okafor."""
    quotes = table(
        ("wire-1", "ivo-brandt", "Ivo Brandt", "person", "Interior Minister Ivo Brandt", "interior minister",
         "The roads will reopen on Monday."),
        ("paper-2", "ostland-s-interior-minister", "Ostland's interior minister", "person",
         "Ostland's interior minister", "interior minister", "We were not ready."),
        ("paper-2", "maria-okafor", "Maria Okafor", "person", "Maria Okafor", "mayor", "The city is open."),
        ("paper-3", "okafor-s-aide", "Okafor's aide", "person", "Okafor's aide", "aide", "She is resting."),
    )
    got = ids(unify_speakers(quotes))
    assert got[1] == got[0] == "ivo-brandt"
    assert got[3] not in (got[2], got[0])
