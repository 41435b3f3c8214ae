"""Extraction and attribution on short real sentences: one test per quotation pattern.

Sentences come from real news copy (the bundled sample story and common wire phrasing); each test
asserts the unit's kind, its text and its speaker, so a regression in any pattern shows here.
"""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLES


def units(nlp, text: str):
    doc = nlp(text)
    return [(q.kind, q.text, q.speaker, q.cue) for q in doc._.quotes], doc


def test_direct_quote_with_cue_after(nlp):
    found, _ = units(nlp, "“NATO’s contacts with our mission have already been substantially limited,” Lavrov told reporters in Moscow.")
    assert [(k, t, s) for k, t, s, _ in found] == [
        ("direct", "NATO’s contacts with our mission have already been substantially limited,", "Lavrov")
    ]


@pytest.mark.parametrize(
    "text, content",
    [
        ('Mayor Jane Ortiz said, "We will rebuild the bridge."', "We will rebuild the bridge."),
        ("Mayor Jane Ortiz said, „We will rebuild the bridge.“", "We will rebuild the bridge."),
        ("Mayor Jane Ortiz said, « We will rebuild the bridge. »", "We will rebuild the bridge."),
        ("Mayor Jane Ortiz said, ‘We will rebuild the bridge.’", "We will rebuild the bridge."),
        ("Mayor Jane Ortiz said, 'We will rebuild the bridge.'", "We will rebuild the bridge."),
        ("Mayor Jane Ortiz said, »We will rebuild the bridge.«", "We will rebuild the bridge."),
    ],
)
def test_every_mark_style(nlp, text, content):
    found, _ = units(nlp, text)
    assert [(k, t, s) for k, t, s, _ in found] == [("direct", content, "Jane Ortiz")]


def test_interrupted_quote_is_one_unit(nlp):
    text = "“We are ready for dialogue,” Maas told media in Luxembourg, “but we must recognize that this is no longer the situation with Moscow.”"
    found, _ = units(nlp, text)
    assert len(found) == 1
    kind, quote, speaker, cue = found[0]
    assert kind == "direct" and speaker == "Maas" and cue == "told"
    assert quote == "We are ready for dialogue, but we must recognize that this is no longer the situation with Moscow."


def test_partial_quote_inside_reported_speech(nlp):
    text = "“NATO has already greatly reduced its contacts with our mission,” Lavrov said, saying the alliance is “not interested in dialogue and work as equals”."
    found, _ = units(nlp, text)
    kinds = [k for k, *_ in found]
    assert kinds == ["direct", "partial"]
    partial = found[1]
    assert "not interested in dialogue and work as equals" in partial[1] and partial[2] == "Lavrov"


@pytest.mark.parametrize(
    "text, fragment, speaker",
    [
        ("In a statement, Prime Minister Elena Varga condemned the strike as “a reckless provocation” and promised a response.",
         "a reckless provocation", "Elena Varga"),
        ("Governor Tom Reyes hailed the agreement as “a turning point for the region.”", "a turning point for the region", "Tom Reyes"),
        ("Senator Ana Ruiz mocked the proposal as “a tax on breathing.”", "a tax on breathing", "Ana Ruiz"),
    ],
)
def test_verbs_of_judgement_cue_a_characterising_quote(nlp, text, fragment, speaker):
    found, _ = units(nlp, text)
    assert [(k, s) for k, _, s, _ in found] == [("partial", speaker)]
    assert fragment in found[0][1]


def test_multi_sentence_quote_after_colon(nlp):
    text = "NATO spokesperson Oana Lungescu said: “We regret these steps. NATO’s policy towards Russia remains consistent.”"
    found, _ = units(nlp, text)
    assert [(k, s) for k, _, s, _ in found] == [("direct", "Oana Lungescu")]
    assert found[0][1] == "We regret these steps. NATO’s policy towards Russia remains consistent."


def test_quote_over_two_paragraphs(nlp):
    text = "“The river rose faster than any of us expected,” the fire chief, Tom Reyes, said.\n\n“We moved everyone out by midnight.\n\n“Nobody was hurt,” he added."
    found, _ = units(nlp, text)
    quotes_found = [t for k, t, *_ in found]
    assert any("We moved everyone out by midnight." in t and "Nobody was hurt," in t for t in quotes_found)
    assert {s for *_, s, _ in [(k, t, s, c) for k, t, s, c in found]} == {"Tom Reyes"}


def test_indirect_speech_with_that(nlp):
    found, _ = units(nlp, "Lavrov said that in case of urgent matters NATO could liaise via the Russian ambassador in Belgium.")
    assert found and found[0][0] == "indirect" and found[0][2] == "Lavrov"
    assert found[0][1].startswith("in case of urgent matters NATO could liaise")


def test_no_sentence_starts_between_two_words(nlp):
    # the parser may read the capitalised "Who" of a title as a new sentence and cut the reported clause there
    doc = nlp("John Doe said he downloaded old Doctor Who scripts from the internet to prepare for the audition.")
    (q,) = doc._.quotes
    assert q.kind == "indirect" and q.text.endswith("to prepare for the audition")


@pytest.mark.parametrize("text, reports", [
    ("The team played badly. That said, the team won the turnover battle 3-0.", []),
    ("Having said that, the plan failed.", []),
    ("Now it's safe to say the rookie exceeded all of them.", []),
    ("Needless to say, the plan failed.", []),
    ("Jane Roe was quick to say that the plan had failed.", ["the plan had failed"]),
    ("That, Jane Roe said, was the end of it.", ["That was the end of it"]),
])
def test_the_writers_own_idiom_reports_no_one(nlp, text, reports):
    assert [q.text for q in nlp(text)._.quotes] == reports


def test_according_to_the_source_of_a_quotation_is_no_report_of_its_own(nlp):
    text = "“Who could take any of this seriously?” she said years later, according to her official website."
    assert [q.kind for q in nlp(text)._.quotes] == ["direct"]
    assert [q.text for q in nlp("The plan failed, according to Jane Roe.")._.quotes] == ["The plan failed"]


@pytest.mark.parametrize("text, reports", [
    ("Scroll down to see the winners and tell us who your favourite has been.", []),
    ("Tell us what you think of the plan.", []),
    ("Jane Roe went home and said the plan had failed.", ["the plan had failed"]),
])
def test_an_imperative_to_the_reader_reports_nothing(nlp, text, reports):
    assert [q.text for q in nlp(text)._.quotes] == reports


def test_indirect_speech_with_parenthetical_cue_and_pronoun(nlp):
    text = (
        "Foreign Minister Sergei Lavrov confirmed the moves. "
        "From about November 1, he warned, Moscow would halt its official mission to NATO in Brussels."
    )
    found, _ = units(nlp, text)
    indirect = [u for u in found if u[0] == "indirect" and u[3] == "warned"]
    assert indirect and indirect[0][1].startswith("Moscow would halt its official mission")
    assert indirect[0][2] == "Sergei Lavrov"  # "he" → the last person named, by fullest name


def test_according_to(nlp):
    found, _ = units(nlp, "The project will cost $2 billion, according to city engineer Maria Lopez.")
    assert found == [("indirect", "The project will cost $2 billion", "Maria Lopez", "according to")]


def test_passive_by_agent(nlp):
    text = "They were described as “undeclared Russian intelligence officers” by NATO Secretary General Jens Stoltenberg."
    found, _ = units(nlp, text)
    assert [(k, s) for k, _, s, _ in found] == [("partial", "Jens Stoltenberg")]


def test_apposition_names_the_speaker(nlp):
    text = "Oana Lungescu, a NATO spokeswoman, said the alliance had not yet received “formal communication on the issues he raised.”"
    found, _ = units(nlp, text)
    assert found[0][2] == "Oana Lungescu"
    assert "formal communication on the issues he raised" in found[0][1]


def test_role_noun_resolves_to_earlier_speaker(nlp):
    text = (
        "Russia’s Foreign Ministry said on Monday that the decision was final.\n\n"
        "“The alliance’s line towards our country is becoming more and more aggressive,” the ministry noted."
    )
    found, _ = units(nlp, text)
    assert [s for *_, s, _ in [(k, t, s, c) for k, t, s, c in found]] == ["Russia’s Foreign Ministry"] * 2


def test_quote_without_cue_continues_previous_speaker(nlp):
    text = (
        "“Following certain measures taken by NATO, the basic conditions for common work no longer exist,” Lavrov said.\n\n"
        "“We see no reason to believe that anything will change in the near future.”"
    )
    found, _ = units(nlp, text)
    assert [(k, s) for k, _, s, _ in found] == [("direct", "Lavrov"), ("direct", "Lavrov")]


def test_fullest_name_wins_for_unregistered_speaker(nlp):
    text = "Dennis Brooks runs the shelter. “We are full every night,” Brooks said."
    found, _ = units(nlp, text)
    assert [(s) for _, _, s, _ in found] == ["Dennis Brooks"]


def test_scare_quotes_and_titles_are_not_quotations(nlp):
    found, _ = units(nlp, "The senator appeared on “Meet the Press” and later watched “The Apprentice” at home.")
    assert found == []


@pytest.mark.parametrize("text, quotes", [
    ("Because attackers used it before anyone knew of it, the flaw is termed “zero day” by the trade.", ["zero day"]),
    ("Because attackers used it before anyone knew of it, the flaw is termed “zero day” in the trade.", []),
    ("The programme, dubbed “the big squeeze”, starts in May.", []),
    ("Critics called the programme “a giveaway to the rich.”", ["a giveaway to the rich."]),
])
def test_a_name_given_in_the_passive_quotes_no_one(text, quotes, nlp):
    assert [q.text for q in nlp(text)._.quotes] == quotes


@pytest.mark.parametrize("text, quotes", [
    ("A film called “The Last Summer of the Harbour” was released in 2009, starring two local actors.", []),
    ("In 1994 I wrote a feature for the city weekly, “In Search of the Lost Orchestra.”", []),
    ("“She changed the town,” said Ruth Evans, author of “The Mayor: A Life in the Public Eye,” on Tuesday.",
     ["She changed the town,"]),
    ("A second biography followed, by Ed Marsh, called The Quiet Mayor:\n\nThe Truth about the Years in Office.", []),
])
def test_the_title_of_a_work_is_no_quotation_whatever_verb_comes_near(text, quotes, nlp):
    found, _ = units(nlp, text)
    assert [t for _, t, _, _ in found] == quotes


def test_a_scare_quoted_subject_names_the_speakers_but_a_relative_clause_quotes_its_own_words(nlp):
    found, _ = units(nlp, "The deficit is lower; the public finances are in better shape than the ‘doom-mongers’ "
                          "predicted. The so-called “experts” said the plan would fail.")
    assert not [t for kind, t, _, _ in found if kind == "partial"]
    found, _ = units(nlp, "Capaldi, who described himself as a “full anorak” fan of the show, admitted he was "
                          "yet to get used to the idea.")
    assert any(kind == "partial" and "full anorak" in t for kind, t, _, _ in found)


def test_unbalanced_marks_never_abort(nlp):
    text = "He said “this never closes.\n\nAnother paragraph follows with a stray ” mark and ' apostrophes'."
    found, doc = units(nlp, text)
    for q in doc._.quotes:
        assert 0 <= q.start < q.end <= len(text)
        for a, b in q.parts:
            assert q.start <= a <= b <= q.end


def test_block_quote_signed_post(nlp):
    text = (SAMPLES / "001_75b0e0857699db2e.txt").read_text(encoding="utf-8")
    doc = nlp(text)
    blocks = [q for q in doc._.quotes if q.kind == "block"]
    assert len(blocks) == 1
    assert blocks[0].text.startswith("Statement on response measures") and blocks[0].text.endswith("shall be closed down.")
    assert blocks[0].speaker == "MFA Russia"
    assert text[blocks[0].start : blocks[0].end].rstrip().endswith("2021")


def test_registry_canonicalises_variants_and_roles():
    from quotes.nlp.pipeline import load_nlp

    nlp = load_nlp(speakers=SAMPLES / "speakers.toml")
    text = (
        "Russian Foreign Minister Sergey Lavrov spoke on Monday. "
        "“We see no reason to pretend,” Lavrov said.\n\n"
        "Russia’s Foreign Minister further added that NATO has already greatly reduced its contacts with Russia’s mission."
    )
    doc = nlp(text)
    assert [q.speaker_id for q in doc._.quotes] == ["lavrov", "lavrov"]
    assert {q.speaker for q in doc._.quotes} == {"Sergei Lavrov"}


def test_pronoun_skips_a_person_whose_title_says_otherwise(nlp):
    text = (
        "Karine Jean-Pierre, the White House press secretary, told reporters the administration was pleased.\n\n"
        "Thune's spokesman, Ryan Wrasse, said the senator remained concerned about the deficit.\n\n"
        "“We’re not going anywhere,” she said."
    )
    found, _ = units(nlp, text)
    assert found[-1][0] == "direct" and found[-1][2] == "Karine Jean-Pierre"


def test_colon_introduced_paragraphs_with_and_without_marks(nlp):
    text = (
        "The governor added:\n\nIt’s typical of the senator. She knows nothing about the state budget.\n\n"
        "The ministry said:\n\n“We regret it.”"
    )
    found, _ = units(nlp, text)
    assert [(k, c) for k, _, _, c in found] == [("block", "added"), ("direct", "said")]
    assert found[0][1] == "It’s typical of the senator. She knows nothing about the state budget."
    assert found[1][1] == "We regret it."


def test_quote_signed_after_its_closing_mark(nlp):
    text = "“Trump must stop portraying Latinos as dangerous gangsters.” ― Carla Sanchez, Phoenix."
    found, _ = units(nlp, text)
    assert found == [("direct", "Trump must stop portraying Latinos as dangerous gangsters.", "Carla Sanchez", "―")]


@pytest.mark.parametrize("opening, closing", [("“", "”"), ("«", "»"), ("‹", "›"), ("〝", "〞"), ("„", "“"), ("‚", "‘")])
def test_passage_quoted_without_a_cue_word_is_parsed_in_every_mark_style(nlp, opening, closing):
    from quotes.nlp.pipeline import iter_passages

    text = f"Mayor Jane Ortiz on the flood: {opening}We will rebuild the bridge and the school this year.{closing}"
    assert list(iter_passages(text)) == [(0, text)]


def test_a_one_word_reply_in_its_own_paragraph_is_a_quote(nlp):
    text = '"Could we have won without him?" coach Bruce Arians asked.\n\n"No."\n\nThe team plays again on Sunday.'
    found, _ = units(nlp, text)
    assert [t for _, t, _, _ in found] == ["Could we have won without him?", "No."]


def test_a_headline_in_marks_is_not_a_quote(nlp):
    text = "'Coal Is Not the Villain.'\n\nMiners in the county gathered on Monday to hear the candidates."
    found, _ = units(nlp, text)
    assert found == []


def test_a_short_introduction_naming_a_person_quotes_the_paragraphs_after_it(nlp):
    text = (
        "Security researchers reacted quickly to the patch.\n\n"
        "Analyst Jane Morrow sounds relieved:\n\n"
        "This is the fastest fix we have seen this year.\n\n"
        "Users should install it today, before the weekend.\n\n"
        "Patch Tuesday Recap\n\n"
        "The company releases its regular updates next month."
    )
    found, _ = units(nlp, text)
    blocks = [(t, s) for k, t, s, _ in found if k == "block"]
    assert blocks == [
        ("This is the fastest fix we have seen this year. Users should install it today, before the weekend.", "Jane Morrow")
    ]


def test_a_verbless_introduction_naming_someone_quotes_the_paragraph_after_it(nlp):
    text = (
        "Most reviewers praised the update.\n\n"
        "But Clara Voss ... well, not so much:\n\n"
        "Two weeks is far too long to wait for a fix to a flaw this serious.\n"
    )
    found, _ = units(nlp, text)
    assert [(k, t, s) for k, t, s, _ in found] == [
        ("block", "Two weeks is far too long to wait for a fix to a flaw this serious.", "Clara Voss")
    ]
    # a name alone before the colon is a dateline or a heading
    found, _ = units(nlp, "WASHINGTON:\n\nThe Senate passed the budget bill late on Tuesday after a long debate.\n")
    assert [k for k, *_ in found if k == "block"] == []


def test_a_document_subject_introduces_the_paragraphs_it_opens_with(nlp):
    text = (
        "The company announced the cuts in a signed post that its chief executive, Ana Ferreira, sent to staff.\n\n"
        "The post, titled “A harder year,” opened bluntly:\n\n"
        "We are reducing the size of our team by about 900 people. This is my decision.\n\n"
        "Analysts said the cuts were overdue, and the shares rose 4 percent."
    )
    found, _ = units(nlp, text)
    assert [(k, t, s) for k, t, s, _ in found if k == "block"] == [
        ("block", "We are reducing the size of our team by about 900 people. This is my decision.", "Ana Ferreira")
    ]


def test_the_answers_of_an_interview_transcript_are_the_interviewees(nlp):
    text = (
        "Head coach Iker Zubiri faced the media for ten minutes after the defeat.\n\n"
        "Q: Your first thoughts?\n\n"
        "A: I am proud of my players. They gave everything, and today football was not fair with us.\n\n"
        "Q: What did you say to the young defender?\n\n"
        "A: I told him, \"You are not the reason.\" He will play many finals.\n\n"
        "The club plays again on Wednesday."
    )
    found, _ = units(nlp, text)
    assert [(k, t, s) for k, t, s, _ in found] == [
        ("block", "I am proud of my players. They gave everything, and today football was not fair with us.", "Iker Zubiri"),
        ("block", "I told him, \"You are not the reason.\" He will play many finals.", "Iker Zubiri"),
    ]


def test_the_turns_of_a_transcript_of_named_speakers_are_theirs(nlp):
    text = (
        "Senator Ruth Halloway and Governor Dale Pruitt clashed over the budget in the debate.\n\n"
        "HALLOWAY: The governor cut the schools budget twice in three years.\n\n"
        "PRUITT: I balanced a budget that my predecessor left in ruins.\n\n"
        "HALLOWAY: You balanced it on the backs of teachers.\n\n"
        "The debate ran for ninety minutes."
    )
    found, _ = units(nlp, text)
    assert [(k, s) for k, _, s, _ in found] == [
        ("block", "Ruth Halloway"), ("block", "Dale Pruitt"), ("block", "Ruth Halloway")]
    # one labelled line is a headline's "Name: claim", not a transcript
    found, _ = units(nlp, "Halloway: Governor cut school budgets twice\n\nThe senator spoke in Clayton on Monday.")
    assert [k for k, *_ in found if k == "block"] == []


def test_an_interviewer_labelled_by_the_outlets_name_asks_and_the_named_person_answers(nlp):
    text = (
        "We put three questions to the rector of Veldmark University, Professor Anna Kessling.\n\n"
        "Le Courrier du Nord: Why did you close the library at night?\n\n"
        "Anna Kessling: The building was empty after ten. We could not pay guards for an empty building.\n\n"
        "Le Courrier du Nord: Will it reopen?\n\n"
        "Anna Kessling: In September, with longer hours than before.\n\n"
        "Le Courrier du Nord: And the students who protested?\n\n"
        "Anna Kessling: They were right to be angry. I would rather say that plainly.\n\n"
        "The university has 14,000 students."
    )
    found, _ = units(nlp, text)
    assert [(k, t, s) for k, t, s, _ in found] == [
        ("block", "The building was empty after ten. We could not pay guards for an empty building.", "Anna Kessling"),
        ("block", "In September, with longer hours than before.", "Anna Kessling"),
        ("block", "They were right to be angry. I would rather say that plainly.", "Anna Kessling"),
    ]


def test_dialogue_set_in_with_dashes_is_quoted_speech(nlp):
    text = (
        "Rafael Quintanar answers the telephone from his home in Madrid.\n\n"
        "—I have conducted in thirty-one countries —he says—, and I have never seen musicians so patient.\n\n"
        "—Do you not fear that the management will not invite you again?\n\n"
        "—Let them not invite me —he replies, and laughs—. I am sixty-eight years old.\n\n"
        "The musicians are asking for a raise of 11% over two years."
    )
    found, _ = units(nlp, text)
    assert [(k, t, s) for k, t, s, _ in found] == [
        ("direct", "I have conducted in thirty-one countries and I have never seen musicians so patient.", "Rafael Quintanar"),
        ("direct", "Let them not invite me I am sixty-eight years old.", "Rafael Quintanar"),
    ]  # the interviewer's question, a paragraph with no narration in it, is no one's remark


def test_a_participle_set_off_before_the_cue_describes_the_speaker(nlp):
    found, _ = units(nlp, "Higher Education Minister Gareth Lunwood, asked about the reversal during a visit to a "
                          "college in Branford, said the government would publish national guidance before the summer.")
    assert [(k, t, s) for k, t, s, _ in found] == [
        ("indirect", "the government would publish national guidance before the summer", "Gareth Lunwood")]


def test_a_cue_in_a_condition_reports_nothing(nlp):
    text = ("Students may use AI tools in coursework provided they declare how they used them. Essays are allowed "
            "if they declare what they used and how. The dean said the rule would be reviewed in June.")
    found, _ = units(nlp, text)
    assert [(k, t) for k, t, _, _ in found] == [("indirect", "the rule would be reviewed in June")]


def test_a_letter_in_single_marks_over_paragraphs_is_one_quotation_of_its_drafter(nlp):
    text = ("In February more than 240 academics signed an open letter drafted by Dr Elodie Marchand, a senior "
            "lecturer. It read:\n\n"
            "'We, the undersigned, share the university's concern for integrity. We do not share its belief in a ban.\n\n"
            "'Our students will graduate into workplaces where these tools are ordinary.\n\n"
            "'We ask the Senate to replace the ban with clear guidance.'\n\n"
            "Dr Marchand said she was pleased.")
    found, _ = units(nlp, text)
    assert found[0] == ("direct", "We, the undersigned, share the university's concern for integrity. We do not share "
                        "its belief in a ban. Our students will graduate into workplaces where these tools are ordinary. "
                        "We ask the Senate to replace the ban with clear guidance.", found[0][2], found[0][3])
    assert "Elodie Marchand" in found[0][2]  # the drafter, not the 240 who signed it


def test_a_that_clause_of_what_a_cue_answers_is_someone_elses_claim(nlp):
    found, _ = units(nlp, "A spokeswoman for the mayor has responded to criticism from traders that the city ignored "
                          "warnings. She said in a statement that the backlog was thirty years old.")
    assert [(k, t) for k, t, _, _ in found] == [("indirect", "the backlog was thirty years old")]


def test_a_colon_after_a_description_without_a_person_introduces_no_block(nlp):
    text = "Here is the list of the changes in this release:\n\nThe menu moved to the left. The icons are larger."
    found, _ = units(nlp, text)
    assert [k for k, _, _, _ in found if k == "block"] == []


def test_spaced_straight_marks_give_the_quote_and_its_cue(nlp):
    # token-spacing artefacts of a text re-joined from tokens: marks with spaces on both sides
    text = (
        'Coach Dana Reyes spoke after the game. " I had my phone on silent so I missed the call, "she said. '
        '" It was my agent and I rang her back. "\n\nThe team flies home on Monday.'
    )
    found, _ = units(nlp, text)
    direct = [(t, c) for k, t, _, c in found if k == "direct"]
    # “A,” she said. “B.” in one paragraph is one quotation interrupted by its attribution
    assert direct == [("I had my phone on silent so I missed the call, It was my agent and I rang her back.", "said")]
    assert [s for k, _, s, _ in found if k == "direct"] == ["Dana Reyes"]
    assert not any("The team flies" in t for _, t, _, _ in found)


def test_a_cue_reports_a_that_clause_besides_the_quotation_it_introduces(nlp):
    text = 'The mayor, 51, adds that the bridge will not close this winter: "We have the money and the crews."'
    found, _ = units(nlp, text)
    assert ("indirect", "the bridge will not close this winter") in [(k, t) for k, t, _, _ in found]
    assert ("direct", "We have the money and the crews.") in [(k, t) for k, t, _, _ in found]


def test_a_clause_holding_the_quotation_is_not_reported_twice(nlp):
    text = 'The governor said Democrats are to blame for "a campaign of fear" in the state.'
    found, _ = units(nlp, text)
    assert [k for k, _, _, _ in found] == ["partial"]


def test_a_request_told_to_an_addressee_is_reported_speech(nlp):
    found, _ = units(nlp, "The teachers' union urged the city council to reject the budget cuts before the vote.")
    assert [(k, t) for k, t, _, _ in found] == [("indirect", "to reject the budget cuts before the vote")]
    assert "union" in found[0][2].lower()
    # no addressee: 'continued to argue' reports nothing
    found, _ = units(nlp, "The mayor continued to argue about the budget for an hour.")
    assert not [k for k, *_ in found if k == "indirect"]


def test_the_requester_of_a_participle_request_is_the_sender_not_the_addressee(nlp):
    text = ("Last week, 200 doctors and four nursing unions sent letters to the health and labor ministries "
            "urging them to scrap the new overtime limits for hospital staff.")
    found, _ = units(nlp, text)
    requests = [(t, s) for k, t, s, _ in found if k == "indirect"]
    assert [t for t, _ in requests] == ["to scrap the new overtime limits for hospital staff"]
    speaker = requests[0][1]
    assert "doctors" in speaker and "unions" in speaker  # the coordinated subject kept whole
    assert "ministries" not in speaker


def test_a_short_or_not_yet_made_request_is_no_reported_speech(nlp):
    found, _ = units(nlp, "The coach asked the players to leave the field.")
    assert not [k for k, *_ in found if k == "indirect"]
    found, _ = units(nlp, "The governor plans to urge lawmakers to approve the new water treatment plant for the eastern counties.")
    assert not [k for k, *_ in found if k == "indirect"]


def test_a_clause_before_a_colon_is_not_reported_by_the_cue_after_it(nlp):
    text = ("Unions welcomed the plan, but business groups said it could raise costs for small firms: "
            "All of them agreed it would change the market for years.")
    found, _ = units(nlp, text)
    assert ("indirect", "it could raise costs for small firms", "business groups") in [(k, t, s) for k, t, s, _ in found]


def test_a_hyphenated_participle_is_no_cue(nlp):
    from quotes.extract.cues import is_speech_verb

    doc = nlp("Critics attacked the so-called midnight rule on Monday.")
    assert not is_speech_verb(next(t for t in doc if t.text == "called"))
    # a dash written without spaces before a finite verb is no hyphenated word
    doc = nlp("Capaldi-a long-time fan of the show-revealed that he had been cast in the role.")
    assert is_speech_verb(next(t for t in doc if t.text == "revealed"))


def test_a_partial_quote_reads_as_its_quoted_words_and_as_its_clause(nlp):
    """Annotators mark a partial quote either as the quoted words or as the clause around them: the unit
    is the phrase that agrees with both (token-bag F1 of at least one half with each) when there is one."""
    from quotes.evaluate import token_f1

    text = (
        "The health ministry said infections in the poorest districts of the northern provinces were "
        "“spreading like wildfire” among unvaccinated children."
    )
    found, _ = units(nlp, text)
    assert [(k, s) for k, _, s, _ in found] == [("partial", "health ministry")]
    unit = found[0][1]
    assert "spreading like wildfire" in unit
    assert token_f1(unit, "spreading like wildfire") >= 0.5
    clause = "infections in the poorest districts of the northern provinces were spreading like wildfire among unvaccinated children"
    assert token_f1(unit, clause) >= 0.5


def test_one_quoted_word_in_a_long_clause_keeps_the_clause(nlp):
    """No phrase agrees with a single quoted word and a long clause at once: the clause is kept."""
    text = (
        "Analyst Mark Dunne said it was “remarkable” that the company had shipped a complex fix within a week "
        "when such repairs usually take a month."
    )
    found, _ = units(nlp, text)
    assert [(k, s) for k, _, s, _ in found] == [("partial", "Mark Dunne")]
    assert found[0][1].startswith("it was remarkable that the company had shipped")


def test_woven_speech_without_a_cue_that_ends_the_sentence_is_a_unit(nlp):
    found, _ = units(nlp, "Late on Friday the harbour master closed the docks “until the winds drop below gale force.”")
    assert [(k, t) for k, t, _, _ in found] == [("partial", "until the winds drop below gale force.")]
    # a scare quote or a name inside the writer's own phrase quotes no one
    for text in (
        "The company shipped the “beta” version of its app to testers on Monday.",
        "The team ended the season as the “comeback kids.”",
    ):
        assert units(nlp, text)[0] == []


def test_quoted_list_items_of_one_cue_are_one_unit(nlp):
    found, _ = units(nlp, "The senator called his rival a “pathological liar” who is “utterly amoral” and a “bully.”")
    assert [(k, s) for k, _, s, _ in found] == [("partial", "senator")]
    assert "pathological liar who is utterly amoral and a bully" in found[0][1]


def test_a_lower_case_fragment_after_a_list_item_is_the_next_item(nlp):
    found, _ = units(nlp, "The mayor called the plan “reckless,” “unfunded” and “doomed to fail.”")
    assert [(k, t, s) for k, t, s, _ in found] == [("partial", "reckless, unfunded and doomed to fail.", "mayor")]


def test_fragments_with_the_writers_words_between_them_stay_apart(nlp):
    text = "The regulator said older models and the “premium” edition of the scooter were “prone to overheating.”"
    found, _ = units(nlp, text)
    assert [k for k, *_ in found] == ["partial", "partial"]
    assert found[1][1] == "prone to overheating."


def test_a_that_piece_without_quotation_is_reported_beside_a_partial_quote(nlp):
    text = "The carmaker said that the defect was confirmed only in the newest sedan, but that older sedans were also “possibly unsafe”."
    found, _ = units(nlp, text)
    assert [(k, t) for k, t, _, _ in found][0] == ("indirect", "the defect was confirmed only in the newest sedan")
    assert [k for k, *_ in found] == ["indirect", "partial"] and "possibly unsafe" in found[1][1]


def test_a_name_between_the_quote_and_its_subjectless_cue_is_the_speaker(nlp):
    """“...,” Ruiz, a council member, said — when the parser hangs the name inside the quotation (an apposition)
    and leaves the cue without a subject, the name between the closing mark and the cue still speaks."""
    from spacy.tokens import Doc

    text = "“There is a deep rift between the council and the mayor,” Ruiz, a veteran council member, said on Tuesday."
    parsed = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name != "quotes":
            parsed = proc(parsed)
    ruiz = next(t for t in parsed if t.text == "Ruiz")
    mayor = next(t for t in parsed if t.text == "mayor")
    heads = [mayor.i if t.i == ruiz.i else t.head.i for t in parsed]
    deps = ["appos" if t.i == ruiz.i else t.dep_ for t in parsed]  # the misparse: no subject for 'said'
    doc = Doc(parsed.vocab, words=[t.text for t in parsed], spaces=[bool(t.whitespace_) for t in parsed],
              heads=heads, deps=deps, pos=[t.pos_ for t in parsed], tags=[t.tag_ for t in parsed],
              lemmas=[t.lemma_ for t in parsed], ents=["B-PERSON" if t.i == ruiz.i else "O" for t in parsed])
    said = next(t for t in doc if t.text == "said")
    assert not [c for c in said.children if c.dep_ == "nsubj"]
    doc = nlp.get_pipe("quotes")(doc)
    assert [(q.kind, q.speaker) for q in doc._.quotes] == [("direct", "Ruiz")]


# --------------------------------------------------------------------------------------------
# indirect speech of courts and officials, coordinated reports, questions put to the speaker


def test_an_order_with_a_that_clause_reports_the_clause(nlp):
    found, _ = units(nlp, "The judge ordered that at least one bus in four must keep running during the stoppage.")
    assert [(k, t, c) for k, t, _, c in found] == [
        ("indirect", "at least one bus in four must keep running during the stoppage", "ordered")
    ]


def test_a_holding_reports_the_clause_but_bare_orders_and_meetings_do_not(nlp):
    found, _ = units(nlp, "The tribunal went on to hold that the dismissal of the two nurses had been unfair.")
    assert [(k, t) for k, t, _, _ in found] == [("indirect", "the dismissal of the two nurses had been unfair")]
    assert units(nlp, "The council ordered a review of the contract and held a meeting on Friday.")[0] == []
    # an order to an addressee is an act of authority, not a report
    assert units(nlp, "The ministry ordered the embassy staff to leave the country by the end of the month.")[0] == []


def test_coordinated_that_clauses_of_one_cue_are_one_unit(nlp):
    text = "A spokeswoman for the airport said flights had resumed by noon and that no passengers had been hurt."
    found, _ = units(nlp, text)
    assert [(k, t) for k, t, _, _ in found] == [
        ("indirect", "flights had resumed by noon and that no passengers had been hurt")
    ]


def test_a_that_clause_coordinated_with_the_cue_is_reported_beside_its_partial_quote(nlp):
    text = "The mayor said crews would clear the road “before the weekend,” and that a shuttle bus, run by the county, would start on Monday."
    found, _ = units(nlp, text)
    assert [(k, t) for k, t, _, _ in found] == [
        ("partial", "before the weekend,"), ("indirect", "a shuttle bus, run by the county, would start on Monday")
    ]


def test_a_negated_request_reports_what_was_asked(nlp):
    found, _ = units(nlp, "The sheriff warned drivers not to cross the flooded causeway until the water had gone down.")
    assert [(k, t, s) for k, t, s, _ in found] == [
        ("indirect", "not to cross the flooded causeway until the water had gone down", "sheriff")
    ]


def test_a_question_put_to_the_speaker_is_not_their_speech(nlp):
    text = "Asked whether she would stand again, Okafor said: “That is a question for another day.”"
    found, _ = units(nlp, text)
    assert [(k, t, s) for k, t, s, _ in found] == [("direct", "That is a question for another day.", "Okafor")]
    asked, _ = units(nlp, "The senator asked whether the agency had warned the governor about the levee.")
    assert [k for k, *_ in asked] == ["indirect"]  # a question the subject asks is still reported


def test_fragments_in_two_that_clauses_are_two_partial_quotes(nlp):
    text = 'The minister said only that the inquiry was "ongoing" and that it would be "wrong to speculate about the cause."'
    found, _ = units(nlp, text)
    assert [k for k, *_ in found] == ["partial", "partial"]
    assert found[1][1] == "wrong to speculate about the cause."


def test_a_that_clause_hung_on_the_cues_own_phrase_is_reported(nlp):
    found, _ = units(nlp, "Mayor Ines Colle told residents in a letter that the city would provide the buses needed for the evacuation.")
    assert [(k, t) for k, t, _, _ in found] == [("indirect", "the city would provide the buses needed for the evacuation")]
    assert "Colle" in found[0][2]


def test_a_that_clause_coordinated_inside_a_quoted_clause_is_reported(nlp):
    found, _ = units(nlp, "He tells reporters the board made “a mistake made in a hurry” and that he voted no.")
    assert [(k, t) for k, t, _, _ in found] == [("partial", "a mistake made in a hurry"), ("indirect", "he voted no")]


def test_the_quote_free_head_of_a_clause_is_reported_beside_its_partial_quote(nlp):
    found, _ = units(nlp, "Holt told reporters that the water had risen within an hour and had taken 'every car on the street'.")
    assert [(k, t) for k, t, _, _ in found] == [
        ("indirect", "the water had risen within an hour"), ("partial", "every car on the street")
    ]
    found, _ = units(nlp, "The treasurer admitted that the council had not balanced the budget but said its priority was 'safety, not savings'.")
    assert [(k, t) for k, t, _, _ in found][0] == ("indirect", "the council had not balanced the budget")


def test_by_his_account_hands_the_clause_to_its_possessor(nlp):
    text = "Harbour master Tomas Reid said the tide was late. By his account, the river had risen two metres in six hours."
    found, _ = units(nlp, text)
    assert [(k, t, c) for k, t, _, c in found][1:] == [
        ("indirect", "the river had risen two metres in six hours", "By his account")
    ]
    assert "Reid" in found[1][2]
    assert units(nlp, "In his first week he met the union and visited three depots.")[0] == []


def test_in_her_words_is_the_cue_of_the_quotation_it_introduces(nlp):
    found, _ = units(nlp, "Judge Mara Lind spoke for an hour. The ban was, in her words, “a remedy out of all proportion.”")
    assert [(t, c) for _, t, _, c in found] == [("a remedy out of all proportion.", "in her words")]


def test_a_second_that_clause_misparsed_beside_the_first_joins_it(nlp):
    text = ("Ortiz, a former nurse elected in 2022, told residents that nobody would be fined for staying, "
            "but that nobody would be coming to rescue them either once the bridge closed.")
    found, _ = units(nlp, text)
    assert [(k, t) for k, t, _, _ in found] == [
        ("indirect", "nobody would be fined for staying, but that nobody would be coming to rescue them either once the bridge closed")
    ]


def test_a_lower_case_fragment_of_short_words_is_no_label(nlp):
    found, _ = units(nlp, "The mayor, Ruth Ellison, said the vote was 'the end of an era'.")
    assert [(k, t) for k, t, _, _ in found] == [("partial", "the end of an era")]
    assert "Ellison" in found[0][2]


def test_parenthetical_cue_in_parataxis_reports_the_clause_it_interrupts(nlp):
    text = "The ferry service will resume on Friday, port director Alan Moray said. Crews cleared the last debris overnight."
    found, _ = units(nlp, text)
    assert [(k, t) for k, t, _, _ in found] == [("indirect", "The ferry service will resume on Friday")]
    assert "Moray" in found[0][2]
    found, _ = units(nlp, "Ellison rejected the report. The council, she said, had met every deadline set by the regulator.")
    assert [(k, t) for k, t, _, _ in found] == [("indirect", "The council had met every deadline set by the regulator")]


@pytest.mark.parametrize(
    ("text", "fragment", "cue"),
    [
        ("The union leader Karl Denholm spoke of 'a culture of silence' at the depot.", "a culture of silence", "spoke"),
        ("Marsh arrived in the capital with, as she once put it, “one suitcase and no plan,” and stayed for thirty years.",
         "one suitcase and no plan,", "put"),
    ],
)
def test_phrasal_speech_verbs_are_cues(nlp, text, fragment, cue):
    found, _ = units(nlp, text)
    assert [(t, c) for _, t, _, c in found] == [(fragment, cue)]


def test_phrasal_verbs_without_their_word_are_no_cues(nlp):
    assert units(nlp, "The inspector spoke for an hour and put the report on the desk.")[0] == []


def test_a_partial_quote_does_not_climb_into_a_clause_holding_another_quotation(nlp):
    text = "A council spokeswoman said only that the inquiry was 'ongoing' and that it would be 'wrong to comment on individual cases'."
    found, _ = units(nlp, text)
    assert [(k, t) for k, t, _, _ in found] == [("partial", "ongoing"), ("partial", "wrong to comment on individual cases")]


def test_a_partial_quote_climbs_over_the_items_of_one_quoted_list(nlp):
    found, _ = units(nlp, 'The bishop said the riots demand that every citizen show "more patience" and "more courage."')
    assert [k for k, *_ in found] == ["partial"]
    assert found[0][1].startswith("every citizen show more patience and more courage")


def test_a_that_clause_misparsed_as_relative_to_the_cues_phrase_is_reported(nlp):
    found, _ = units(nlp, "The coach admitted for the first time that his players had been exhausted.")
    assert [(k, c) for k, _, _, c in found] == [("indirect", "admitted")]
    assert found[0][1].endswith("his players had been exhausted")
    found, _ = units(nlp, "The mayor said in a letter that she wrote to the board on Monday that the budget would be cut.")
    assert [t for _, t, _, _ in found] == ["the budget would be cut"]


@pytest.mark.parametrize("text, reports", [
    ("The airline's chief executive, Dana Holm, would not say what the new fares would cost.", []),
    ("A spokesman for the port declined to say whether the crane had been inspected.", []),
    ("Neither the club nor its owner would say how much the striker had been paid.", []),
    ("The governor has not indicated that he will act on the proposal before the session ends.", []),
    # an embedded question under a plain cue is still reported
    ("The harbour master said what the crews had found was a crack in the main beam.",
     ["what the crews had found was a crack in the main beam"]),
])
def test_what_a_withheld_cue_introduces_is_no_report(nlp, text, reports):
    assert [q.text for q in nlp(text)._.quotes] == reports


def test_a_podcast_transcript_with_timestamps_gives_each_named_turn(nlp):
    text = (
        "Chief executive Marta Quill spoke to the Morning Shift podcast on Wednesday.\n\n"
        "[00:13:41] JONAS PIKE: Why did it take until May?\n\n"
        "[00:14:02] MARTA QUILL: Because the early reports looked like something else. By February we acted.\n\n"
        "[00:14:31] JONAS PIKE: Could you have seen it sooner?\n\n"
        "[00:14:35] MARTA QUILL: Maybe. From now on, one report is enough for us to open a file.\n\n"
        "The recall runs until December."
    )
    found, _ = units(nlp, text)
    blocks = [(t, s.lower()) for k, t, s, _ in found if k == "block"]
    assert ("Maybe. From now on, one report is enough for us to open a file.", "marta quill") in blocks
    assert ("Could you have seen it sooner?", "jonas pike") in blocks
    assert not any("00:14" in t for t, _ in blocks)


def test_a_parliamentary_record_names_each_speaker_by_the_label_or_the_name_in_brackets(nlp):
    text = (
        "The excerpt below is from the Official Report of the House for Wednesday.\n\n"
        "6.15 pm\n\n"
        "The Minister for Housing (Maren Holloway): I beg to move, That the Bill be now read the Third time.\n\n"
        "Nobody in this country should spend another winter sleeping in a car.\n\n"
        "Mr Conrad Ashby (Kestle North) (National): Will the Minister name one council that has asked for these "
        "powers? She cannot.\n\n"
        "[...]\n\n"
        "8.02 pm\n\n"
        "Madam Speaker: Order. Members will make their interventions standing. Order, order.\n\n"
        "Question put."
    )
    found, _ = units(nlp, text)
    blocks = {t: s for k, t, s, _ in found if k == "block"}
    holloway = next(t for t in blocks if t.startswith("I beg to move"))
    assert blocks[holloway] == "Maren Holloway" and "winter sleeping in a car" in holloway
    ashby = next(t for t in blocks if t.startswith("Will the Minister"))
    assert blocks[ashby] == "Conrad Ashby" and "8.02" not in ashby and "[" not in ashby
    assert any(t.startswith("Order. Members") for t in blocks)


def test_an_explainers_questions_and_answers_are_the_outlets_not_an_interview(nlp):
    text = (
        "Justice Harriet Lindqvist wrote the opinion for the majority.\n\n"
        "What happens next?\n\n"
        "Q: Can hosts take bookings again?\n\n"
        "A: Not yet. The ruling takes effect 21 days after it was issued. A StayNest spokesperson said the company "
        "would reopen bookings at that point.\n\n"
        "Q: Can the city appeal?\n\n"
        "A: There is no higher court in the US to go to. City Attorney Dana Whitcombe said no decision had been made."
    )
    found, _ = units(nlp, text)
    assert not [t for k, t, *_ in found if k == "block"]
    reported = {t: s for k, t, s, _ in found if k == "indirect"}
    assert reported.get("no decision had been made") == "Dana Whitcombe"


def test_a_call_transcript_labels_each_turn_on_a_line_of_its_own_with_firm_and_role(nlp):
    text = (
        "Acme Appliances cut its profit forecast on Tuesday. The following is an edited excerpt of the call.\n\n"
        "Operator:\n\nOur first question comes from Sarah Collins with Harbour Securities.\n\n"
        "Sarah Collins - Harbour Securities - Analyst:\n\nThanks. Is a plant closure on the table?\n\n"
        "Michael Grant - Acme Appliances - Chief Executive Officer:\n\nNo decision has been taken on any site.\n\n"
        "We will take out costs, and we will do it quickly.\n\n"
        "Operator:\n\nOur next question comes from David Hughes with Kessler Bank.\n\n"
        "David Hughes - Kessler Bank - Analyst:\n\nIs the interim dividend gone or deferred?\n\n"
        "Michael Grant - Acme Appliances - Chief Executive Officer:\n\nWe will not pay an interim dividend this year.\n\n"
        "KBN Evening Report - Transcript: Acme shares fall\n\nThe shares fell 27 per cent."
    )
    found, _ = units(nlp, text)
    assert [(t, s) for k, t, s, _ in found if k == "block"] == [
        ("Thanks. Is a plant closure on the table?", "Sarah Collins"),
        ("No decision has been taken on any site. We will take out costs, and we will do it quickly.", "Michael Grant"),
        ("Is the interim dividend gone or deferred?", "David Hughes"),
        ("We will not pay an interim dividend this year.", "Michael Grant"),
    ]  # the operator's announcements are no one's remarks, and a headline with a dash is no label


def test_a_broadcast_transcript_names_the_soundbites_speaker_in_brackets(nlp):
    text = (
        "ANCHOR: The founder of the exchange was sentenced today. Our correspondent was in court.\n\n"
        "CORRESPONDENT (voice-over): Prosecutors had wanted twenty-five years.\n\n"
        "SOUNDBITE (Naomi Strand, lead prosecutor): This was theft, dressed up in the language of innovation.\n\n"
        "CORRESPONDENT (voice-over): The defence says an appeal has not been ruled out.\n\n"
        "SOUNDBITE (Rosalind Teague, defence attorney): We will consider all options, including an appeal.\n\n"
    )
    found, _ = units(nlp, text)
    speakers = {t: s for k, t, s, _ in found if k == "block"}
    assert speakers["This was theft, dressed up in the language of innovation."] == "Naomi Strand"
    assert speakers["We will consider all options, including an appeal."] == "Rosalind Teague"


def test_the_answers_of_a_qa_are_the_person_the_paragraph_before_it_is_about(nlp):
    text = (
        "The Tritons have sacked head coach Tomas Neves after seven straight defeats.\n\n"
        "Club president Ramona Kettering named his assistant interim coach for the rest of the season.\n\n"
        "Kettering then took questions from reporters for twenty minutes. An edited transcript follows.\n\n"
        "Q: Why now?\n\nA: It was not one game. It was the trend, and I had to act.\n\n"
        "Q: How was he told?\n\nA: I called him at seven this morning, before it could leak.\n\n"
        "The Tritons play again on Friday."
    )
    found, _ = units(nlp, text)
    assert [s for k, t, s, _ in found if k == "block"] == ["Ramona Kettering", "Ramona Kettering"]


def test_dialogue_dashes_followed_by_a_space_open_speech_too(nlp):
    text = (
        "Head coach Tomas Neves spoke to the Diario by telephone, hours after his dismissal.\n\n"
        "— We tried everything we could think of — said the coach.\n\n"
        "— The players are not guilty — affirmed Neves —, when the results do not come, it is the coach who pays.\n\n"
        "— It was not one game — declared Ketteridge, who said the budget “is not an excuse”.\n\n"
        "— Tomas Neves, Porto"
    )
    found, _ = units(nlp, text)
    direct = [(t, s) for k, t, s, _ in found if k == "direct"]
    assert direct[:2] == [
        ("We tried everything we could think of", "Tomas Neves"),
        ("The players are not guilty when the results do not come, it is the coach who pays.", "Tomas Neves"),
    ]
    assert "It was not one game" in [t for t, _ in direct]  # a quotation in the narration leaves the speech a quote
    assert not any("said the coach" in t or "Porto" in t for k, t, *_ in found)


def test_a_quote_after_a_colon_closing_a_coordinated_clause_is_that_clauses_subjects(nlp):
    found, _ = units(nlp, "Jalen Whitcombe, the captain, wrote on Instagram that the run was on the players, and "
                          "Ivo Strandberg was blunter still: ‘We as players have to be better, full stop.’")
    assert [(k, t, s) for k, t, s, _ in found if k == "direct"] == [
        ("direct", "We as players have to be better, full stop.", "Ivo Strandberg")]


def test_a_by_name_given_with_nicknamed_names_the_person(nlp):
    text = ("Tritons boss Tomas Neves, nicknamed the Professor after years teaching maths, was sacked yesterday.\n\n"
            "\"Three years, a cup, and they could not look me in the eye,\" the Professor fumed last night.")
    found, _ = units(nlp, text)
    assert [(k, s) for k, t, s, _ in found] == [("direct", "Tomas Neves")]


def test_a_facebook_posts_signature_names_its_poster(nlp):
    text = ("Here is the post as it appeared on the group's page:\n\n"
            "They want to lock your healthy children out of school for three weeks. Do not let them scare you.\n"
            "Posted by Parents for Medical Choice on Monday, 13 October 2025\n\n"
            "Both claims are false.")
    found, _ = units(nlp, text)
    assert [(k, s) for k, t, s, _ in found] == [("block", "Parents for Medical Choice")]
    assert found[0][1].startswith("They want to lock your healthy children")


def test_the_journalists_voice_over_in_a_broadcast_script_is_narration(nlp):
    text = (
        "CORRESPONDENT (voice-over): Inside, the judge told him he had not made a mistake but a choice.\n\n"
        "SOUNDBITE (Naomi Strand, lead prosecutor): This was theft, dressed up in the language of innovation.\n\n"
        "CORRESPONDENT (on camera): Outside the courthouse, Naomi Strand said the case should be a warning.\n\n"
        "SOUNDBITE (Rosalind Teague, defence attorney): We will consider all options, including an appeal.\n\n"
    )
    found, _ = units(nlp, text)
    assert [(k, t) for k, t, s, _ in found if k == "indirect"] == [
        ("indirect", "he had not made a mistake but a choice"), ("indirect", "the case should be a warning")]
    assert not any(k == "block" and "Outside the courthouse" in t for k, t, *_ in found)


def test_an_inverted_subject_after_a_phrase_set_between_it_and_the_cue_is_the_speaker(nlp):
    found, _ = units(nlp, "« To keep them at home is not a sanction », declared for his part the Minister of Health, "
                          "Aurelio Brandt.")
    assert [(k, s) for k, t, s, _ in found] == [("direct", "Aurelio Brandt")]


def test_a_song_title_in_marks_leaves_the_clause_around_it_reported_speech(nlp):
    found, _ = units(nlp, "Moira Strand, director of the Carrow Folk Festival, said this year's festival would open "
                          "with the crowd singing “Carrow Light” in her honour.")
    assert [(k, s) for k, t, s, _ in found] == [("indirect", "Moira Strand")]
    assert found[0][1] == "this year's festival would open with the crowd singing “Carrow Light” in her honour"


def test_a_committees_numbered_questions_are_their_askers_turns(nlp):
    text = (
        "Witnesses: Dr Miriam Callow and Graham Stott.\n\n"
        "Q45 Chair: Dr Callow, your trust now has the longest waiting list in its history. How did it get this bad?\n\n"
        "Dr Miriam Callow: Demand has grown faster than our capacity every year since the pandemic.\n\n"
        "Q46 Mr Tobias Wren: Your own board papers warned that the list would pass 90,000. Why was nothing done?\n\n"
        "Dr Callow: Things were done, but not enough of them, and not quickly enough.\n\n"
    )
    found, _ = units(nlp, text)
    blocks = [(t, s) for k, t, s, _ in found if k == "block"]
    assert [t for t, _ in blocks] == [
        "Dr Callow, your trust now has the longest waiting list in its history. How did it get this bad?",
        "Demand has grown faster than our capacity every year since the pandemic.",
        "Your own board papers warned that the list would pass 90,000. Why was nothing done?",
        "Things were done, but not enough of them, and not quickly enough.",
    ]
    assert [s for _, s in blocks][1:] == ["Miriam Callow", "Tobias Wren", "Miriam Callow"]


def test_an_interview_labelling_only_its_interviewee_leaves_the_questions_out_of_the_answers(nlp):
    text = (
        "Kasimir Lund runs the locomotion lab at the University of Tarnholm. I called him on Monday.\n\n"
        "Was Sunday's run a shoe record?\n\n"
        "Lund: No, and I want to be careful here. None of this is her fault.\n\n"
        "How big is the effect, really?\n\n"
        "Lund: In the lab we see improvements of up to four per cent for some runners.\n\n"
        "The federation says the shoe is approved. Isn't that enough?\n\n"
        "Lund: The rule describes what was already happening.\n\n"
    )
    found, _ = units(nlp, text)
    assert [(t, s) for k, t, s, _ in found if k == "block"] == [
        ("No, and I want to be careful here. None of this is her fault.", "Kasimir Lund"),
        ("In the lab we see improvements of up to four per cent for some runners.", "Kasimir Lund"),
        ("The rule describes what was already happening.", "Kasimir Lund"),
    ]
    assert ("indirect", "the shoe is approved") in [(k, t) for k, t, *_ in found]  # a question's report is read


def test_a_letter_printed_whole_runs_to_its_signature_which_names_its_writer(nlp):
    letter = ["I am writing to tell you, with deep regret, that some of your personal information has been stolen.",
              "On 29 April we discovered that an unauthorised party had gained access to a database.",
              "No payment card or bank details were held in this database, and none have been taken.",
              "The access was gained through the systems of a company that sends emails on our behalf.",
              "As a precaution, we have reset every password, and you will be asked to choose a new one.",
              "We are offering every affected member twelve months of free identity monitoring.",
              "Please be wary of any email that claims to come from us and asks for your bank details.",
              "I am deeply sorry. We will learn from this, and we will tell you what we have changed."]
    text = ("Millions of customers have now received an apology from the chain's chief executive, Daniel Ashcombe, "
            "who took over last year. The email, sent on Tuesday, reads:\n\nDear Harvest Card member,\n\n"
            + "\n\n".join(letter) + "\n\nDaniel Ashcombe, Chief Executive\n\nThe regulator is investigating.")
    found, _ = units(nlp, text)
    assert [(k, t, s) for k, t, s, _ in found if k == "block"] == [("block", " ".join(letter), "Daniel Ashcombe")]


def test_told_with_the_clauses_subject_parsed_as_a_second_object_still_reports_it(nlp):
    found, _ = units(nlp, "Dr Callow told the committee the trust expected to have no patient waiting more than 78 "
                          "weeks by the end of March.")
    assert [(k, t) for k, t, s, _ in found] == [
        ("indirect", "the trust expected to have no patient waiting more than 78 weeks by the end of March")]


def test_a_clause_closed_by_the_colon_before_the_cues_quotation_is_reported_too(nlp):
    found, _ = units(nlp, "Caption: Derek Holroyd says his operation has been cancelled three times: “Some days I "
                          "can’t get up the stairs.”")
    assert [(k, t, s) for k, t, s, _ in found] == [
        ("indirect", "his operation has been cancelled three times", "Derek Holroyd"),
        ("direct", "Some days I can’t get up the stairs.", "Derek Holroyd")]


def test_a_post_quoted_after_its_authors_handle_is_a_block_with_its_marks_inside(nlp):
    text = ("Customers were furious online.\n\n"
            "@kezzab88: Got the email. 4 MILLION of us and they waited three weeks to say anything??\n\n"
            "@mikeonabike: Already had a text \"from Hesselby's\" asking me to confirm my bank details. That was quick."
            "\n\nThe company apologised.")
    found, _ = units(nlp, text)
    assert [(k, s) for k, t, s, _ in found] == [("block", "@kezzab88"), ("block", "@mikeonabike")]
    assert found[1][1].startswith("Already had a text \"from Hesselby's\"")


def test_highlighted_that_reports_speech(nlp):
    found, _ = units(nlp, "KPHA head of epidemiology Yusuf Demir highlighted that vaccination coverage among "
                          "schoolchildren had slipped to 86 per cent.")
    assert [(k, t, s) for k, t, s, _ in found] == [
        ("indirect", "vaccination coverage among schoolchildren had slipped to 86 per cent", "Yusuf Demir")]


@pytest.mark.parametrize("text, reports", [
    ("The anniversary special airs in November, but it has been revealed that the actor will also appear at Christmas.",
     []),
    ("It was first announced that the presenter would be leaving the show in June.", []),
    ("It was announced by the club that the manager would be leaving in June.", ["the manager would be leaving in June"]),
])
def test_an_impersonal_passive_without_agent_reports_no_one(nlp, text, reports):
    assert [q.text for q in nlp(text)._.quotes] == reports


def test_a_cue_under_a_verb_split_at_its_hyphen_keeps_its_subject(nlp):
    text = ("Mara Lind retired from modelling in 1957. Decades later she re-emerged to explain that she had "
            "moved to Florida.")
    found, _ = units(nlp, text)
    assert [(t, s) for _, t, s, _ in found] == [("she had moved to Florida", "Mara Lind")]
