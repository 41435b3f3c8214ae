"""Speaker attribution on short news sentences: documents, role nouns, names, relations, past quotes."""

from __future__ import annotations

import pytest

from quotes.attribute.entities import ArticleEntities, name_words
from quotes.attribute.retyping import read_entities


def quotes_of(nlp, text: str) -> list:
    """The attributed quotation units of one text, in text order."""
    doc = nlp(text)
    return sorted(doc._.quotes, key=lambda q: q.start)


def unit(nlp, text: str, words: str):
    """The unit whose content contains ``words``."""
    found = [q for q in quotes_of(nlp, text) if words in q.text]
    assert found, f"no unit with {words!r} in {[q.text for q in quotes_of(nlp, text)]}"
    return found[0]


# 1. a document is a channel: its issuer speaks ----------------------------------------------


def test_statement_from_an_organisation_speaks_for_it(nlp):
    q = unit(nlp, "A statement from the Environmental Protection Agency said the rule would be reviewed by March.",
             "rule would be reviewed")
    assert "Environmental Protection Agency" in q.speaker
    assert q.speaker_kind == "organization"


def test_organisation_named_before_the_document_noun_is_its_issuer(nlp):
    q = unit(nlp, "A Cisco report said spam volumes had doubled since the spring.", "spam volumes")
    assert q.speaker == "Cisco"


def test_issuer_of_an_earlier_mention_of_the_document(nlp):
    text = ("The governor signed a memorandum on Monday ordering a review of the water rules. "
            "Officials should consult scientists first, according to the memorandum.")
    assert "governor" in unit(nlp, text, "consult scientists").speaker.lower()


def test_document_without_issuer_is_kept_as_a_document(nlp):
    q = unit(nlp, "The complaint says the bank hid its losses from investors for two years.", "hid its losses")
    assert q.speaker == "complaint"
    assert q.speaker_kind == "document"


def test_a_persons_biography_stays_a_document_named_by_its_first_mention(nlp):
    text = ("Jane Roe died on Friday in Denver. She studied law in Boston, according to her official biography. "
            "She later moved to Florida, her bio said.")
    q = unit(nlp, text, "moved to Florida")
    assert q.speaker == "Jane Roe's official biography"
    assert q.speaker_kind == "document"


def test_a_role_adjective_names_the_issuer_of_a_document(nlp):
    text = ("President Dana Whitfield spoke at the Interior Department on Wednesday. The presidential memorandum "
            "issued on Tuesday will revive an old practice. Agencies should consult scientists first, according to the memorandum.")
    assert unit(nlp, text, "consult scientists").speaker == "Dana Whitfield"


def test_the_agent_of_an_issuing_participle_is_the_issuer(nlp):
    text = ("The memorandum issued by Governor Ana Ruiz on Monday asks agencies to wait. "
            "Agencies should consult scientists first, according to the memorandum.")
    assert "Ana Ruiz" in unit(nlp, text, "consult scientists").speaker


def test_plural_documents_speak_for_the_group_of_their_issuers(nlp):
    text = ("In a letter, the doctors urged the ministers to withdraw the overtime limits for hospital staff across the country. "
            "The nurses' union also sent a letter to the ministry on Monday. "
            "The two letters also urge the government to publish the studies behind the new limits before the next vote.")
    q = unit(nlp, text, "publish the studies")
    assert "doctors" in q.speaker and "union" in q.speaker
    assert q.speaker_kind == "group"


# 2. role and organisation nouns -----------------------------------------------------------


def test_business_noun_resolves_to_the_articles_company(nlp):
    text = ("Microsoft released an emergency patch for its browser on Wednesday. "
            "The software giant said the flaw had been exploited on thousands of websites.")
    q = unit(nlp, text, "flaw had been exploited")
    assert q.speaker == "Microsoft"
    assert q.speaker_kind == "organization"


def test_organisation_noun_does_not_take_an_organisation_of_another_kind(nlp):
    text = "The FBI reviewed the emails last week. The campaign says the review was unfair to the candidate."
    assert unit(nlp, text, "review was unfair").speaker == "campaign"


def test_her_agent_is_the_agent_named_elsewhere(nlp):
    text = ("Jane Roe, the pin-up model, has died in Los Angeles, her agent said.\n\n"
            "\"She was a remarkable woman,\" her agent, Mark Roesler, told reporters.")
    q = unit(nlp, text, "Jane Roe, the pin-up model")
    assert q.speaker == "Mark Roesler"
    assert "agent" in q.roles


# 3. names -----------------------------------------------------------------------------------


def test_first_name_alone_after_the_full_name(nlp):
    text = "Anna Kowalski won the race in Oslo. \"I trained hard all winter,\" Anna said."
    assert unit(nlp, text, "trained hard").speaker == "Anna Kowalski"


def test_name_with_an_apostrophe_and_a_title_before_it(nlp):
    q = unit(nlp, "The blast was deliberate, Police Commissioner James O’Neill said on Sunday.", "blast was deliberate")
    assert q.speaker == "James O’Neill"
    assert q.mention_text.endswith("James O’Neill")


def test_job_title_is_not_part_of_the_name(nlp):
    q = unit(nlp, "Interior Secretary Ken Salazar said the rule would be withdrawn.", "rule would be withdrawn")
    assert q.speaker == "Ken Salazar"
    assert "interior secretary" in q.roles


def test_a_description_by_age_is_the_person(nlp):
    text = ("Peter Capaldo will be the twelfth actor to play the part. "
            "In a statement, the 55-year-old said: \"Being asked is an amazing privilege.\"")
    assert unit(nlp, text, "amazing privilege").speaker == "Peter Capaldo"


def test_misspelt_surname_is_the_person_named_before(nlp):
    doc = nlp("Hugh Hefner founded the magazine in 1953. Years later Heffner told reporters she was a remarkable lady.")
    entities = read_entities(doc)
    assert entities.find_person(["Heffner"]) is entities.find_person(["Hugh", "Hefner"])


def test_relative_with_the_same_surname_is_another_person(nlp):
    doc = nlp("Bettie Page died on Thursday. Page is survived by her brother Jack Page, who lives in Nashville.")
    entities = read_entities(doc)
    assert entities.find_person(["Page"]).name == "Bettie Page"
    assert entities.find_person(["Jack", "Page"]).name == "Jack Page"


# 4. relations are not the person ----------------------------------------------------------


def test_aides_of_a_politician_are_a_group(nlp):
    text = "Mitch McConnell spoke on Monday. McConnell aides said the bill would pass before the recess."
    q = unit(nlp, text, "bill would pass")
    assert q.speaker.endswith("McConnell aides")  # the owner by the fullest name the article gives
    assert q.speaker_kind == "group"


def test_a_persons_campaign_is_not_the_person(nlp):
    text = "Hillary Clinton spoke in Ohio. Hillary Clinton's campaign said the ad would air on cable stations."
    q = unit(nlp, text, "ad would air")
    assert q.speaker == "Hillary Clinton's campaign"
    assert q.speaker_kind == "organization"


def test_a_nominee_and_his_aides_are_a_group(nlp):
    q = unit(nlp, "The Republican nominee and his aides said the debate had been rigged.", "debate had been rigged")
    assert q.speaker_kind == "group"
    assert "aides" in q.speaker


# 5. quotes from the past, and quotes without a cue -----------------------------------------


def test_obituary_subject_keeps_her_past_quotes(nlp):
    text = ("Jane Roe, the pin-up model, has died at 85, her agent, Mark Roesler, said.\n\n"
            "\"She captured the imagination of a generation,\" Roesler said.\n\n"
            "Roe rarely gave interviews in later life.\n\n"
            "\"I don't want to be photographed in my old age,\" she said in 1998.\n\n"
            "\"We want to remember them when they were young.\"")
    assert unit(nlp, text, "photographed in my old age").speaker == "Jane Roe"
    assert unit(nlp, text, "remember them when").speaker == "Jane Roe"


def test_pronoun_goes_to_the_person_just_named_not_the_last_speaker(nlp):
    text = ("Jamal Carter ran for 226 yards, coach Andy Reid said.\n\n"
            "Brady Quinn threw two interceptions and completed 10 of 22 passes.\n\n"
            "\"This game was on my shoulders,\" he said.")
    assert unit(nlp, text, "on my shoulders").speaker == "Brady Quinn"


def test_pronoun_after_a_reported_clause_is_its_main_subject(nlp):
    text = ("Peter Capaldo will play the Doctor.\n\n"
            "Steven Moffit said Capaldo had been considered before.\n\n"
            "\"We all had the same idea,\" he said.")
    assert unit(nlp, text, "same idea").speaker == "Steven Moffit"


def test_quote_after_a_colon_takes_the_issuer_named_before(nlp):
    text = ("Below is a statement by Francesca Grifo, director of the scientific integrity program:\n\n"
            "\"Several last-minute changes have undermined the law, and today the damage is being repaired.\"")
    assert unit(nlp, text, "undermined the law").speaker == "Francesca Grifo"


def test_they_is_the_group_of_people_that_was_subject_before(nlp):
    text = ("In a statement, the commerce secretary, Gary Locke, and the interior secretary, Ken Salazar, agreed.\n\n"
            "After a review ordered last month, they said the protections were indeed necessary.")
    q = unit(nlp, text, "protections were indeed necessary")
    assert "Gary Locke" in q.speaker and "Ken Salazar" in q.speaker
    assert q.speaker_kind == "group"


def test_all_of_them_is_the_group_named_before(nlp):
    text = "Teachers and parents protested outside the school on Monday. All of them said the closure would hurt the town."
    speaker = unit(nlp, text, "closure would hurt").speaker
    assert "Teachers" in speaker and "parents" in speaker


def test_both_is_the_group_named_before(nlp):
    text = "Researchers and doctors met in Boston on Monday. Both said the new drug was safe for children."
    speaker = unit(nlp, text, "drug was safe").speaker
    assert "Researchers" in speaker and "doctors" in speaker


def test_an_issuing_agent_keeps_its_of_phrase(nlp):
    text = ("An exhaustive study released on Tuesday by a group of economists shows how companies shelter profits. "
            "The study said that 58 companies would owe billions in taxes.")
    assert unit(nlp, text, "would owe billions").speaker == "group of economists"


def _tagged(nlp, text: str, entities: dict[str, str]):
    """A parsed text whose named entities are the given phrases with the given labels (the tagger's mistakes)."""
    from spacy.tokens import Span

    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name != "quotes":
            doc = proc(doc)
    spans = []
    for phrase, label in entities.items():
        last = phrase.startswith("…")  # "…Lam": its last occurrence
        phrase = phrase.lstrip("…")
        start = doc.text.rindex(phrase) if last else doc.text.index(phrase)
        span = doc.char_span(start, start + len(phrase))
        spans.append(Span(doc, span.start, span.end, label))
    doc.ents = sorted(spans, key=lambda s: s.start)
    return doc


def test_a_name_swallowed_at_the_end_of_an_organisation_is_a_person(nlp):
    text = ('Secretary of the Treasury Omar Castellanos spoke on Monday. '
            '"We are restoring the protections workers were promised," Castellanos said.')
    entities = read_entities(_tagged(nlp, text, {"the Treasury Omar Castellanos": "ORG"}))
    person = entities.find_person(["Castellanos"])
    assert person is not None and person.name == "Omar Castellanos"


def test_a_team_is_no_person_swallowed_in_an_organisation(nlp):
    text = "The Springfield City Hawks lost on Sunday. Hawks said nothing after the game."
    entities = read_entities(_tagged(nlp, text, {"The Springfield City Hawks": "ORG"}))
    assert entities.find_person(["Hawks"]) is None


def test_a_body_named_after_a_company_is_not_the_company(nlp):
    text = "Vantel cut 300 jobs on Monday. The company said the cuts were final."
    entities = read_entities(_tagged(nlp, text, {"Vantel": "ORG"}))
    assert entities.find_org("Vantel") is not None
    assert entities.find_org("The Vantel Workers' Union") is None  # a union named after the company
    assert entities.find_org("Vantel Germany") is entities.find_org("Vantel")  # a place is no body noun


def test_people_joined_by_and_are_no_organisation(nlp):
    text = "Gary Lam and Ken Ruiz visited the plant on Monday. Lam and Ruiz said the two departments would review the rule."
    doc = _tagged(nlp, text, {"Gary Lam": "PERSON", "Ken Ruiz": "PERSON", "Lam and Ruiz": "ORG"})
    entities = read_entities(doc)
    assert not entities.orgs
    assert entities.find_person(["Ruiz"]).name == "Ken Ruiz"


def test_a_surname_is_the_person_whatever_label_the_tagger_gives_it(nlp):
    text = ('Commerce Secretary Gary Lam visited the plant on Monday. '
            '"For decades, the law has protected these species," said Lam.')
    doc = nlp.get_pipe("quotes")(_tagged(nlp, text, {"Gary Lam": "PERSON", "…Lam": "WORK_OF_ART"}))
    found = [q for q in doc._.quotes if "protected these species" in q.text]
    assert found and found[0].speaker == "Gary Lam"


# 7. titles (quotes.lexicon): stripped from before a name, never the name itself -------------------------


def test_a_title_inside_a_tagged_name_is_not_part_of_the_name(nlp):
    doc = nlp("Representative Tom Alvarez spoke to reporters on Monday.")
    assert [t.text for t in name_words(list(doc[:3]))] == ["Tom", "Alvarez"]


def test_a_title_word_that_is_the_surname_stays_the_name(nlp):
    doc = nlp("Mr. King spoke to reporters on Monday.")
    assert [t.text for t in name_words(list(doc[:2]))] == ["King"]
    text = ('Dana King, who hosts the morning show, spoke on Monday. '
            '"We never ran a segment we did not check," Mr. King said.')
    assert unit(nlp, text, "segment").speaker == "Dana King"


# 8. names the tagger misreads, and the article's own organisation (benchmarks/dev) ----------------------


def _quoted(nlp, doc, words: str):
    """The unit containing ``words`` once the attributor has run on a pre-tagged Doc."""
    found = [q for q in nlp.get_pipe("quotes")(doc)._.quotes if words in q.text]
    assert found, f"no unit with {words!r}"
    return found[0]


def test_a_name_read_as_a_place_but_given_an_age_is_a_person(nlp):
    text = ("Pieter Dekker built the firm from his garage. Dekker, 41, had been removed as chief executive. "
            '"I will be back," he said on Monday.')
    entities = read_entities(_tagged(nlp, text, {"Pieter Dekker": "GPE", "…Dekker": "PRODUCT"}))
    person = entities.find_person(["Dekker"])
    assert person is not None and person.name == "Pieter Dekker" and "41" in person.ages


def test_a_one_word_name_the_tagger_also_reads_as_an_organisation_is_one(nlp):
    text = ("Brightwell removed its founder on Monday. Brightwell’s board met on Sunday. "
            '"It was the right call," Brightwell said.')
    doc = _tagged(nlp, text, {"Brightwell": "PERSON", "Brightwell’s": "ORG", "…Brightwell": "PERSON"})
    entities = read_entities(doc)
    assert entities.find_person(["Brightwell"]) is None
    assert entities.find_org("Brightwell") is not None


def test_a_one_word_name_described_as_a_start_up_is_an_organisation(nlp):
    text = ("Brightwell, the solar start-up, removed its founder on Monday. "
            '"The board acted in the interest of the company," Brightwell said in a statement.')
    doc = _tagged(nlp, text, {"Brightwell": "PERSON", "…Brightwell": "PERSON"})
    assert _quoted(nlp, doc, "board acted").speaker_kind == "organization"
    assert read_entities(doc).find_person(["Brightwell"]) is None


def test_a_name_after_an_honorific_is_a_person_whatever_the_tagger_says(nlp):
    text = 'Dr Alice Fenwick, the trust’s medical director, spoke on Monday. "We are sorry," she said.'
    entities = read_entities(_tagged(nlp, text, {"Dr Alice Fenwick": "ORG"}))
    assert entities.find_person(["Fenwick"]) is not None
    assert not entities.orgs


def test_a_name_after_in_is_a_place_not_a_person(nlp):
    text = "In Harlow Springs, volunteers filled sandbags along the river on Tuesday."
    entities = read_entities(_tagged(nlp, text, {"Harlow Springs": "PERSON"}))
    assert not entities.people


def test_a_capitalised_common_noun_of_the_article_is_no_name(nlp):
    text = "The museum named a new curator in May. Curator, 58, said the collection would tour next year."
    doc = _tagged(nlp, text, {"Curator": "PERSON"})
    index = ArticleEntities(doc)
    index.add_person(doc.ents[0])
    assert index.find_person(["Curator"]) is not None  # the index takes the tagger's word; retyping does not
    assert not read_entities(doc).people


def test_it_never_stands_for_a_person(nlp):
    text = ('"We will appeal," said Mira Holt, who chairs the residents group. '
            "It said the plan would cut bus routes in half.")
    q = unit(nlp, text, "cut bus routes")
    assert q.speaker != "Mira Holt"


def test_a_role_named_after_someone_else_does_not_jump_to_the_next_name(nlp):
    text = ('Mira Holt chairs the residents group. The chief executive of Norbury Water said the plant was safe.\n\n'
            '"We let you down," Alan Pike told reporters.')
    assert unit(nlp, text, "plant was safe").speaker != "Alan Pike"


def test_it_is_the_body_or_document_that_was_subject_before(nlp):
    text = ("Harland Mining named a new chief executive on Monday. The board's statement ran to two lines. "
            "It said the search had taken six months.")
    q = unit(nlp, text, "search had taken")
    assert "board" in q.speaker.lower()


def test_a_saints_possessive_names_the_institution(nlp):
    text = ("Hackers breached St Brennan's Royal Infirmary last week. "
            "In a statement, St Brennan's said it had taken the affected systems offline.")
    doc = _tagged(nlp, text, {"St Brennan": "PERSON", "Royal Infirmary": "ORG", "…St Brennan": "PERSON"})
    entities = read_entities(doc)
    assert not entities.people
    assert entities.find_org("St Brennan").name == "St Brennan's Royal Infirmary"
    assert _quoted(nlp, doc, "systems offline").speaker == "St Brennan's Royal Infirmary"


def test_a_headline_role_does_not_jump_to_the_first_person_the_body_names(nlp):
    text = ("‘We failed you’: customers angry as water boss says sorry\n\n"
            '"Nobody told us," said Tom Hale, 70, a retired teacher.')
    assert unit(nlp, text, "We failed you").speaker != "Tom Hale"


#: Short news passages, each for one rule of the speaker resolution: (rule, text, words of the unit, its speaker).
SPEAKER_CASES = [
    ("the_subject_of_reported_as_saying_is_the_speaker",
     ("Hugh Harlan was reported as saying about Page:\n\n“I think that she was a remarkable lady, an iconic figure "
      "in pop culture who influenced taste in fashion”."),
     "remarkable lady", "Hugh Harlan"),
    ("a_cue_after_a_preposition_shares_the_subject_of_the_verb_it_hangs_from",
     ("Harlan, a medical doctor, then appeared on Channel Nine on Tuesday and began by saying he would “never” "
      "diagnose someone through television."),
     "would never", "Harlan"),
    ("the_nearest_verb_with_a_subject_before_the_comma_introduces_the_quotation",
     ("The ad ran on Sunday. The spot concludes with footage of Reyes saying during the debate last week, "
      "“That makes me smart,” when Ortiz blasted him for not paying city tax."),
     "makes me smart", "Reyes"),
    ("a_quotation_woven_into_a_that_clause_keeps_the_outer_speaker",
     ("He charged that the council’s action has confirmed that “Harbour Trust isn’t interested in any kind of "
      "equal dialogue,” Mayor Ana Ortiz said."),
     "equal dialogue", "Ana Ortiz"),
    ("the_verb_right_before_a_quotation_introduces_it",
     ("When Ortiz noted that Reyes has occasionally not paid anything in city property taxes ― as was true for "
      "the few years his tax returns were made public ― Reyes boasted, “That makes me smart.” The debate moved on."),
     "makes me smart", "Reyes"),
    ("a_participle_after_a_reported_clause_is_the_reporters",
     ("The architect Nadia Fell, who designed the old terminal in 1988, said the demolition marked "
      '"a sad day for the city," adding that the council had never once asked her opinion.'),
     "never once asked her opinion", "Nadia Fell"),
    ("an_opening_role_is_the_person_the_article_names_next",
     ("Water company apologises for sewage spill\n\n"
      "The chief executive of Norbury Water apologised on Tuesday after sewage reached two beaches, "
      "saying the company had failed its customers.\n\n"
      '"We let you down," Alan Pike told reporters at the plant.'),
     "failed its customers", "Alan Pike"),
    ("what_a_name_is_said_to_be_is_its_role",
     ("Rhoda Kemp has been chief of the county fire service since 2015. "
      '"Leave now," the chief said on Tuesday.'),
     "Leave now", "Rhoda Kemp"),
    ("the_office_is_not_its_deputy",
     ("Governor Elke Brandt raised rates on Thursday. Deputy Governor Paul Mercer voted against the rise. "
      '"The bank is independent," the governor said.'),
     "bank is independent", "Elke Brandt"),
    ("the_company_is_no_court_or_union",
     ("The High Court rejected an attempt by Harwick Rail Services to stop the strike. The High Court said the "
      "ballot was valid, and the High Court ordered a minimum service. "
      "The company said a reduced timetable would be posted online."),
     "reduced timetable", "Harwick Rail Services"),
    ("the_owner_of_the_words_introduced_by_a_colon_says_them",
     ('Fire Chief Owen Tarr said crews were holding the line. "We are doing what we can," Tarr said.\n\n'
      "Mayor Lena Ruiz ordered evacuations for the valley.\n\n"
      'The mayor\'s statement to the valley was blunt: "If you live by the river, leave tonight."'),
     "leave tonight", "Lena Ruiz"),
    ("a_document_in_according_to_is_the_channel_of_the_sentences_reporter",
     ("Ines Varga told staff in an email that no jobs would be lost in the merger, "
      "according to a copy seen by reporters."),
     "no jobs would be lost", "Ines Varga"),
    ("an_age_the_parser_hangs_on_the_cue_is_the_person_of_that_description",
     ("River rises in Carlow\n\nFire chief Michael Dunne does not mince words. On Tuesday, with the river "
      "rising, Dunne told residents what his crews could do.\n\n"
      "“We cannot hold the river back tonight,” the 58-year-old said, his voice tired."),
     "hold the river back", "Michael Dunne"),
    ("a_role_noun_subject_is_a_mention_the_pronoun_chain_follows",
     ("Mayor Clara Lind ordered the valley evacuated on Monday. Sheriff Tom Burke said deputies had closed "
      "the main road.\n\n"
      'The mayor ended the briefing with a plea she had written that morning. "Bring your pets," she said.'),
     "Bring your pets", "Clara Lind"),
    ("the_name_set_off_after_a_title_is_the_speaker",
     ("Brightwell’s co-founder and chief financial officer, Ana Cruz, who rarely speaks in public, "
      "posted one line on Monday: “We are still building.”"),
     "still building", "Ana Cruz"),
    ("the_operator_is_the_company_the_article_is_about",
     ("Harwick Rail Services asked the High Court to ban the strike. Harwick Rail Services said it had offered "
      "talks. The operator says it will publish a reduced timetable on Saturday."),
     "reduced timetable", "Harwick Rail Services"),
    ("the_subject_of_a_passive_quoted_as_saying_speaks",
     ("Harwick chief executive Ines Varga was quoted by the company's staff newsletter as saying that the firm had "
      "done everything it could to avoid a strike."),
     "done everything it could", "Ines Varga"),
    ("a_mention_inside_the_quote_gives_way_to_the_subject_after_the_verb",
     ("« We will hold rates where they are », declared the governor, Elke Brandt, before the press. "
      "« Patience is a policy too. »"),
     "Patience is a policy", "Elke Brandt"),
    ("a_title_with_a_named_apposition_is_the_person_named",
     ("The head of the Northern Food Bank Network, Margit Olsen, said that her volunteers had run out of "
      "flour by Tuesday."),
     "run out of flour", "Margit Olsen"),
    ("an_owner_described_by_its_company_name_is_the_company",
     ("The school's landlord, Brenmoor Holdings, said it had offered the council a five-year lease."),
     "five-year lease", "Brenmoor Holdings"),
    ("the_agent_of_quoted_as_saying_only_reports_the_words",
     ("Ostland's transport minister, Olek Varn, was quoted by the state broadcaster ORT as saying that the tunnel "
      "would \"open before winter.\""),
     "open before winter", "Olek Varn"),
    ("the_agent_of_cited_as_saying_only_reports_the_words",
     ("The port's harbour master, Lise Amundsen, was cited by the regional daily Nordposten as saying that the "
      "ferry link would reopen on Friday."),
     "ferry link would reopen", "Lise Amundsen"),
    ("a_name_its_clause_refers_back_to_as_she_is_a_person_for_an_age_description",
     ("Ferry survivor speaks\n\nBy Mette Kjaergaard\n\nHanne Vestergaard had just sat down with her morning coffee "
      "when the ferry shook.\n\n„There was a terrible crash, and then everything was lying on the floor“, says the "
      "63-year-old, who grew up in Ringsted Vig."),
     "terrible crash", "Hanne Vestergaard"),
    ("a_surname_the_parser_read_as_an_adverb_before_the_cue_is_the_speaker",
     ("Hanne Vestergaard, a retired nurse, was on the ferry when it struck the cargo ship.\n\n"
      "Transport Minister Celia Brantwood called the collision deeply worrying.\n\n"
      "Vestergaard, for her part, says she will take the ferry again as early as next week, when she is due to "
      "visit her sister in Inchlorn.\n\n„It is an accident. I am not afraid of the sea“, she says with a laugh."),
     "not afraid of the sea", "Hanne Vestergaard"),
    ("a_capitalised_role_before_a_surname_is_no_first_name",
     ("Chef Ostrander's memoir accuses former partner\n\nA memoir by the television chef Rafael Ostrander has opened "
      "a dispute with his former partner. In the book, Ostrander writes that the partner had been \"paying himself "
      "twice.\""),
     "paying himself twice", "Rafael Ostrander"),
    ("a_name_ending_in_a_plural_body_noun_is_an_organisation_the_noun_stands_for",
     ("Alvora Airlines grounds entire fleet\n\nAlvora Airlines grounded all 58 of its aircraft on Wednesday after a "
      "software fault. The regulator ZLS opened an inquiry. The airline said disruption would continue into "
      "Thursday."),
     "disruption would continue", "Alvora Airlines"),
    ("the_writer_of_the_byline_is_no_antecedent",
     ("Harbour reopens\n\nBy Tessa Morrow\n\nThe harbour reopened on Friday after a week of storms.\n\n"
      "“We lost four boats,” she said."),
     "lost four boats", ""),
    ("the_sender_in_a_document_s_relative_clause_is_its_issuer",
     ("The news came in a signed post on the company's blog that its chief executive, Ana Ferreira, sent to staff. "
      "The post said the cuts would be the last this year."),
     "cuts would be the last", "Ana Ferreira"),
    ("an_untagged_name_with_a_role_apposition_is_a_person_for_the_pronoun",
     ("Ivo Marsk, the village's headmaster, said the roof had held. The Red Cross said its teams reached the "
      "valley on Monday. 'We are still waiting for blankets,' he said."),
     "waiting for blankets", "Ivo Marsk"),
    ("a_cue_less_quote_goes_to_the_person_its_paragraph_is_about",
     ("A spokesperson said staff in Europe would be consulted first.\n\n"
      "Vantel CEO Marguerite Oyelaran has published a signed post on the company blog, also sent to staff. The "
      "opening line:\n\n\u201cI want to be direct with you: we are reducing the size of our team.\u201d"),
     "direct with you", "Marguerite Oyelaran"),
    ("the_narration_a_cue_less_quote_follows_stops_at_a_paragraph_break",
     ("\u201cShe captured the imagination of a generation,\u201d said agent Mark Roesler in a statement.\n\n"
      "Vera Lund became a recluse in recent decades.\n\n"
      "Yet her images were still used to sell clothing lines.\n\n"
      "\u201cHer popularity has continued to soar despite the fact that she disappeared.\u201d"),
     "continued to soar", "Mark Roesler"),
    ("she_goes_on_quoting_the_unnamed_spokeswoman_just_quoted",
     ("City engineer Dana Kowalczyk closed the bridge on Tuesday.\n\n"
      "A spokeswoman for the mayor said the decision had been taken on the engineer's advice alone. "
      "\"Public safety comes first,\" she said."),
     "Public safety comes first", "spokeswoman"),
    ("an_age_description_is_of_the_gender_its_sentence_refers_back_by",
     ("The company's chief executive, Dana Whitlow, said she wanted to know. At the pithead, Gareth Olumide, who "
      "leads the rescue, warned that the shaft could take days.\n\n"
      "Pressed on the cuts, the 58-year-old said the budget had risen every year since she arrived."),
     "budget had risen", "Dana Whitlow"),
    ("the_asker_named_in_a_by_phrase_is_not_the_pronoun_that_answers",
     ("Minister Orla Brennan, speaking on a morning radio show, rejected claims that rents would rise. "
      "Asked by presenter Tom Kealy whether tenants should worry, she said that most rents were capped by law."),
     "most rents were capped", "Orla Brennan"),
    ("a_bare_spokeswoman_speaks_for_the_organisation_just_spoken_of",
     ("Corvane Logistics denied any breach of the contract. A spokeswoman said the company would 'review every "
      "claim' and cooperate with the inspectors."),
     "review every claim", "spokeswoman for Corvane Logistics"),
    ("a_qualified_spokesperson_does_not_speak_for_the_body_before",
     "Ashbridge Police said two students had been arrested on Tuesday. A university spokesperson said the campus "
     "would stay open.",
     "campus would stay open", "university spokesperson"),
    ("the_organisation_is_the_one_that_was_subject",
     "The Northern Water Trust cut supply to three districts on Friday, the organisation said.",
     "cut supply", "Northern Water Trust"),
    ("the_company_s_release_is_the_company_s",
     ("Halden Pharmaceuticals Ltd said the trial had met its main goal. Two patients stopped treatment because of "
      "liver problems, according to the company's release."),
     "Two patients", "Halden Pharmaceuticals Ltd"),
    ("a_name_just_before_a_cue_the_parser_left_without_subject",
     ("At a briefing at the pithead, Chief Officer Owen Makepeace of the mine rescue service said a borehole had "
      "reached the gallery."),
     "borehole", "Owen Makepeace"),
    ("a_name_set_off_by_commas_before_a_subjectless_cue",
     ("Currently attacks have only targeted IE 7, Christopher Budd, security response communications lead at "
      "Microsoft, said in a statement."),
     "only targeted", "Christopher Budd"),
    ("she_is_quoted_as_saying",
     ("Actress Maria Lindgren taught English for a year in Ohio. \u201cI couldn't control my students, especially "
      "the boys,\u201d she is quoted as saying."),
     "control my students", "Maria Lindgren"),
    ("an_acronym_run_into_a_surname_of_the_article",
     ("Peter Capaldi was named on Sunday. In a live interview with the BBC Capaldi admitted he had been a "
      "long-time fan of the show."),
     "long-time fan", "Peter Capaldi"),
    ("a_newspaper_run_into_a_surname_of_the_article",
     ("Donald Trump spoke on Monday. In a March 2016 meeting with the editorial board of the Washington Post Trump "
      "said that U.S. involvement in NATO may need to be significantly diminished in the coming years."),
     "significantly diminished", "Donald Trump"),
    ("a_relative_clause_s_subject_is_not_the_speaker",
     ("Tributes poured in on Sunday. Noor Haddad, whose restaurant Saffron Yard won its first star in 2015, called "
      "Varga \u201cthe father of half the kitchens in this city.\u201d"),
     "father of half", "Noor Haddad"),
    ("a_party_s_nominee_is_not_the_other_party_s_nor_the_vice_nominee",
     ("Republican presidential nominee Donald Trump spoke in Ohio on Monday. Democratic vice presidential nominee "
      "Tim Kaine was in Virginia. Hillary Clinton says she is thrilled to receive the endorsement. The Democratic "
      "presidential nominee says they both share the belief that every child should have the chance to succeed."),
     "every child", "Democratic presidential nominee"),
    ("she_is_the_woman_her_first_name_tells_before_any_pronoun_does",
     ("Thomas Becker and Maria Lindqvist met reporters at the depot on Monday. Becker spoke first about the "
      "timetable. \"We will open the line in May,\" she said."),
     "open the line", "Maria Lindqvist"),
    ("a_first_name_with_a_person_s_role_is_a_person_the_tagger_took_for_a_body",
     ("Bielak said the staff were planning a farewell dinner. The building's owner, Harbour Properties, said it had "
      "no plans yet for the site.\n\nTables for the remaining nights were fully booked within an hour, according to "
      "the restaurant's manager, Celine Rousse. \"People are ringing from abroad,\" she said."),
     "ringing from abroad", "Celine Rousse"),
    ("the_governor_named_by_role_is_not_the_deputy_governor",
     ("Henrike Vossberg, the bank's governor, said the council had acted forcefully. The deputy governor, Lukas "
      "Amsel, voted against the rise. The finance minister, Petra Kallweit, said she would have preferred more "
      "restraint. The central bank's governor brushed aside claims of political interference. 'The bank is "
      "independent, and it will stay that way,' she said."),
     "bank is independent", "Henrike Vossberg"),
    ("a_headline_quote_takes_the_speaker_of_its_repetition_below",
     ("'We will rebuild every school': a valley counts its losses\n\nEducation Minister Aino Kask visited the town "
      "on Tuesday. \"We will rebuild every school in the valley,\" she said."),
     "We will rebuild every school", "Aino Kask"),
    ("a_surname_labelling_a_quotation_is_its_speaker",
     ('Walsh: "Today they carried us"\n\nHead coach Peter Walsh spoke to reporters at the ground after the win on '
      'Saturday.\n\nWhat did you tell the players at half-time?\n\nWalsh: "I told them to stop playing the occasion."'),
     "Today they carried us", "Walsh"),
    ("a_closing_mark_read_as_the_subject_names_no_one",
     ("Hilde Bakkerud, a climatologist, was not involved in the study.\n\n«The findings fit well with what we see in "
      "the temperature series,» says Bakkerud."),
     "fit well", "Bakkerud"),
    ("a_capitalised_title_with_a_name_set_off_after_it_is_that_person",
     ("Police arrested 47 people on Tuesday.\n\nThe Police Public Relations Officer of the Oyelu Command, CSP Uduak "
      "Essien, said those arrested would be charged to court on Wednesday."),
     "charged to court", "CSP Uduak Essien"),
    ("an_honorific_in_brackets_is_not_the_name",
     ("Prices rose sharply.\n\nDr (Mrs) Ngozi Adebayo-Tiamiyu, an economist at the University of Oyelu, said the "
      "policy was “right in principle” but poorly sequenced."),
     "right in principle", "Ngozi Adebayo-Tiamiyu"),
    ("a_headline_speaker_on_a_topic_is_the_speaker_not_the_topic",
     ('Coach on the defeat: "We were not good enough"\n\nThe team lost 3-0 on Saturday. Coach Mark Dunne said the '
      "players had let the fans down."),
     "not good enough", "Mark Dunne"),
    ("a_headline_topic_that_is_a_document_does_not_speak",
     ('Skarvdal mayor on glacier study: "This is a wake-up call"\n\nThe town council met on Monday. Mayor Anders '
      "Tveita said the town would act."),
     "wake-up call", "Anders Tveita"),
    ("a_cue_after_a_set_off_participle_is_the_named_persons_whatever_the_parser_hung_it_on",
     ("Former Ashworth defender Neil Hartigan, summarising for Vale Sound, called Okafor's winner \"a goal they'll "
      'talk about in this town for fifty years."'),
     "fifty years", "Neil Hartigan"),
    ("a_scare_quoted_word_of_a_description_keeps_no_marks_in_the_name",
     "The so-called “experts” said the plan would fail.", "plan would fail", "so-called experts"),
    ("a_first_name_left_untagged_before_a_surname_is_no_title",
     "The town council met on Monday. Mayor Anders Tveita said the town would act.",
     "the town would act", "Anders Tveita"),
    ("a_plural_owner_keeps_its_bare_apostrophe",
     "The pilots' union claimed its warnings about the new system had been ignored for months.",
     "warnings about the new system", "pilots' union"),
    ("a_focus_adverb_is_not_part_of_the_speaker",
     'Even the outside expert says she would be "cautious about extrapolating" the figures.',
     "cautious about", "outside expert"),
    ("a_role_noun_does_not_refer_back_to_an_unnamed_description",
     'A resident said the water had risen "faster than anyone expected." The mayor said it was "a disgrace."',
     "a disgrace", "mayor"),
    ("a_role_at_a_named_organisation_refers_back_like_a_bare_role",
     "Peter Gallin was not convinced. The Harlow manager insisted his side “deserved a point” and said so twice.",
     "deserved a point", "Peter Gallin"),
    ("a_spokesman_at_a_named_organisation_is_not_the_person_named_before",
     "Peter Gallin criticised Harlow on Monday. “We deny it,” the Harlow spokesman said.", "We deny it",
     "Harlow spokesman"),
    ("a_role_noun_opening_a_quoted_paragraph_refers_to_the_subject_of_the_paragraph_before",
     "Lena Marsh was more measured after the match.\n\n“We had chances early on,” the striker admitted.",
     "chances early on", "Lena Marsh"),
    ("a_first_name_alone_that_spoke_is_who_the_pronoun_after_it_quotes",
     ("The presenter, Dele Oyekan-Smith, took calls all morning.\n\nAisha from Kurmin-Dutse, a nurse, said her "
      "husband now walked to work. “He leaves the house by 5am,” she said."),
     "He leaves the house", "Aisha"),
    ("a_description_opening_the_entry_under_a_name_heading_is_that_person",
     ("Tributes came from fellow musicians.\n\nMara Quill\n\nThe singer-songwriter, who toured with her in 1998, "
      "wrote online: “She taught me that a quiet song can be loud.”"),
     "a quiet song", "Mara Quill"),
    ("a_role_noun_in_a_paragraph_of_its_own_narration_does_not_reach_back",
     "Lena Marsh was more measured after the match.\n\nThe crowd had left early. “We had chances,” the striker admitted.",
     "We had chances", "striker"),
]


@pytest.mark.parametrize(("text", "words", "speaker"), [c[1:] for c in SPEAKER_CASES], ids=[c[0] for c in SPEAKER_CASES])
def test_each_speaker_rule_on_a_short_passage(nlp, text, words, speaker):
    assert unit(nlp, text, words).speaker == speaker


def test_first_names_tell_a_gender_only_where_almost_all_bearers_share_it():
    from quotes.attribute.first_names import gender_of_first_name

    assert (gender_of_first_name("Maria"), gender_of_first_name("tomasz")) == ("f", "m")
    assert gender_of_first_name("jordan") == gender_of_first_name("dana") == gender_of_first_name("Lindqvist") == ""


def test_a_subject_inside_the_quotation_is_not_the_speaker(nlp):
    text = "The inquiry opened on Friday.\n\n“We will find the truth in this case,” police Chief Dana Ruiz said Monday."
    with nlp.select_pipes(disable=["quotes"]):
        doc = nlp(text)
    # the misparse met on wire copy: the quotation's "We" read as the subject of "said", the name left hanging
    said, we, ruiz = (next(t for t in doc if t.text == word) for word in ("said", "We", "Ruiz"))
    we.head, we.dep_ = said, "nsubj"
    ruiz.dep_ = "npadvmod"
    doc = nlp.get_pipe("quotes")(doc)
    assert [q.speaker for q in doc._.quotes] == ["Dana Ruiz"]


def test_a_subject_inside_a_title_after_the_cue_is_not_the_speaker(nlp):
    text = ("“There is a severe disconnect between this council and the mayor,” Mike Harlan, a top Ruiz adviser, said "
            "Thursday morning on Channel Nine’s “Morning Desk.”")
    with nlp.select_pipes(disable=["quotes"]):
        doc = nlp(text)
    # the misparse met on news copy: the show's title read as the subject of "said", the name as an apposition
    said, morning, harlan, mayor = (next(t for t in doc if t.text == w) for w in ("said", "Morning", "Harlan", "mayor"))
    morning.head, morning.dep_ = said, "nsubj"
    harlan.head, harlan.dep_ = mayor, "appos"
    doc = nlp.get_pipe("quotes")(doc)
    assert [q.speaker for q in doc._.quotes if "disconnect" in q.text] == ["Mike Harlan"]


def test_a_participle_hung_on_a_verb_of_the_quotation_is_the_reporters(nlp):
    text = ('"That we do not want to go back to a time of that debate is clear," Harlan said, going on to say that the '
            'city has spent "decades fighting against sprawl and all that stuff, to have that debate again, young '
            'people do not want to see that."')
    assert [q.speaker for q in nlp(text)._.quotes] == ["Harlan", "Harlan"]


# names the tagger cuts or misses, offices written as initials, list labels ---------------------------------


def test_a_first_name_tagged_alone_is_joined_to_the_surname_after_it(nlp):
    text = ("The shares fell by 11 percent on Tuesday.\n\n"
            "Chief executive Renata Ashgrove apologised. In remarks to this newspaper’s German edition, she said: "
            "„We sincerely apologise to all families who were frightened.“")
    assert unit(nlp, text, "sincerely apologise").speaker == "Renata Ashgrove"


def test_an_untagged_full_name_whose_surname_speaks_alone_is_the_person(nlp):
    text = ("“That battery did this”: Linwood Falls man lost his garage to a recalled e-bike pack\n\n"
            "Nate Feeney still has the charger. It hung on a hook by the side door of his garage.\n\n"
            "On Tuesday, Veloric Inc. recalled about 40,000 battery packs. Chief Marcus Ellery of the Linwood Falls "
            "Fire Department said investigators had traced the fire to the pack.\n\n"
            "“I plugged it in around ten. Nobody from Veloric has called me,” said Feeney, 44.\n\n"
            "He said he is not looking for a payout. “I’m not after anybody’s money,” he said.")
    assert unit(nlp, text, "plugged it in").speaker == "Nate Feeney"
    assert unit(nlp, text, "anybody’s money").speaker == "Nate Feeney"


def test_a_first_name_given_an_age_stays_the_person_of_that_first_name(nlp):
    text = ("‘My dad would still be here’ – Lowford families react as Pellow is jailed\n\n"
            "Families who lost loved ones in the Lowford water outbreak say six years behind bars is not enough for "
            "the man who covered up the danger.\n\nBy Jack Pettifer\n\n"
            "Carol Tennick stood on the steps of Castlebridge Crown Court on Thursday clutching a photograph of her "
            "father, Albert, a retired postman who died in August 2023 after drinking water from his kitchen tap.\n\n"
            "Moments earlier a jury had found former Severnmoor Water operations director Graham Pellow guilty of "
            "falsifying the safety reports that should have warned the town.\n\n"
            "‘If those reports had been honest, my dad would still be here,’ said Carol, 52. ‘He trusted that water.’")
    assert "Carol" in unit(nlp, text, "reports had been honest").speaker
    entities = read_entities(nlp(text))
    assert "carol" not in entities.people  # not a second person with "Carol" for a surname


def test_an_office_written_as_initials_is_the_holder_of_that_office(nlp):
    text = ("Veloric CEO: “We will make it right”\n\n"
            "Veloric is recalling about 40,000 battery packs.\n\n"
            "Chief executive Renata Ashgrove apologized in a statement on Tuesday: “We are deeply sorry.”")
    assert unit(nlp, text, "make it right").speaker == "Renata Ashgrove"


def test_the_company_is_the_one_named_with_its_legal_form_and_without_it(nlp):
    text = ("“That battery did this”: Linwood Falls man lost his garage\n\n"
            "On Tuesday, Veloric Inc. recalled about 40,000 battery packs like the one Feeney plugged in.\n\n"
            "Every Veloric on the floor is tagged, and Veloric has stopped buying cells from the line.\n\n"
            "The company has said it will replace the packs free of charge from June.")
    assert unit(nlp, text, "replace the packs").speaker == "Veloric Inc."


def test_each_line_of_a_key_quotes_list_is_its_labels_speaker(nlp):
    text = ("Key quotes from the debate\n"
            "- Tobias Fenwick, deputy housing minister: “Nobody should spend another winter sleeping in a car.”\n"
            "- Conrad Ashby, opposition leader: “A majority of four is not a mandate. It is a warning.”\n")
    assert unit(nlp, text, "not a mandate").speaker == "Conrad Ashby"


def test_a_role_no_one_holds_refers_back_to_the_person_just_quoted(nlp):
    text = ("Dr Petra Hallgren led the study.\n\n"
            "Dr Hallgren said safety tests were built around honeybees. 'Honeybees are the wrong canary,' the "
            "scientist added. 'A wild bee that doesn't make it home takes her whole family line with her.'")
    assert unit(nlp, text, "wrong canary").speaker == "Petra Hallgren"
    # the person the paragraph's narration has as subject, when no one was quoted in it
    text = ("Iñaki Berrondo was in no mood for diplomacy. Eight minutes from giving Aldmoor Athletic their first "
            "trophy in a generation, the Spaniard watched Liam Okonjo send Ruben Vass the wrong way from the spot, and "
            "Port Kenning took the Crown Shield Cup home 2-1.\n\n"
            "Vass, who got a glove to Okonjo’s kick, was philosophical. ‘I went the right way and got a hand to "
            "it,’ the goalkeeper said.")
    assert unit(nlp, text, "went the right way").speaker == "Ruben Vass"
    # an indefinite description is someone else: "as one chief executive put it"
    text = ("Minister Elin Marstrand said the government would not intervene. The state pays most of the budget, "
            "and, as one chief executive of a Nordic orchestra put it privately, \"the minister is the employer's "
            "employer.\"")
    assert unit(nlp, text, "employer's employer").speaker != "Elin Marstrand"


def test_an_inverted_subject_read_as_the_object_is_the_speaker_but_not_an_addressee(nlp):
    text = ("The forklift driver Tomasz Wilk, of Polish origin, told of the moments of the alarm. «I smelled burning "
            "plastic, then the whole back wall went up. We just ran», explained Wilk.")
    assert unit(nlp, text, "smelled burning").speaker == "Tomasz Wilk"
    # the object of a verb of telling is the one told: «…», told Reuters the mayor
    text = "Hilary Gaunt visited the centre on Tuesday. «We will rebuild this street», told Reuters the mayor."
    assert unit(nlp, text, "rebuild this street").speaker != "Reuters"


def test_the_narration_around_a_partial_quotes_marks_names_the_antecedent(nlp):
    # "The statement said Brannagh had sung “…”": the partial's unit runs over the clause, but Brannagh is the
    # journalist's word, so the next "she" is her, not the publicist named before
    text = ("Odile Brannagh, folk singer who gave voice to the leaving, dies at 81\n\nOdile Brannagh, the folk "
            "singer whose songs of emigration, shipwreck and stubborn harbour towns made hers one of the most "
            "recognisable voices in the country for half a century, has died at her home in Carrow Bay. She was "
            "81.\n\nHer death on Sunday evening was announced by her family in a statement released through her "
            "publicist, Ruth Okafor, which said she had died peacefully with her children and grandchildren "
            "beside her. Ms Okafor said the singer had been treated for heart failure since the spring.\n\nThe "
            "statement said Brannagh had sung “for everyone who ever had to leave home,” and few lines could "
            "better sum up a career that began in the back rooms of dockside pubs and ended in concert halls "
            "where thousands sang her choruses back to her.\n\nBorn in 1943 in Saint-Verrac, a fishing town "
            "across the strait, to a French-speaking mother and a father who kept the engines of the night ferry "
            "running, she grew up, as she later put it, “between two countries that each thought I belonged to "
            "the other.”")
    assert unit(nlp, text, "belonged to the other").speaker == "Odile Brannagh"


def test_a_cue_after_an_adjective_takes_the_subject_of_its_verb(nlp):
    text = ("Justice Harriet Lindqvist wrote the opinion. Lindqvist was careful to say the decision does not leave "
            "cities powerless.")
    assert unit(nlp, text, "leave cities powerless").speaker == "Harriet Lindqvist"


def test_a_person_described_by_nationality_is_the_one_the_narration_is_about(nlp):
    text = ("Referee Martin Colquhoun awarded the decisive penalty after an on-field video review.\n\n"
            "\"For me it is not a penalty. The ball hits his body first, then the arm,\" Berrondo told reporters "
            "through an interpreter. \"Everybody in the stadium saw it except the people who decide.\"\n\n"
            "The Spaniard, who took charge of Aldmoor in 2024, said he was proud of his players and that they "
            "\"gave everything\" but added that \"today football was not fair with us.\"")
    assert unit(nlp, text, "not fair with us").speaker == "Berrondo"


def test_the_datelines_town_is_no_company_and_no_person(nlp):
    text = ("BRENNOCK, July 16 (Kestrel Wire) - Shares in Ardley Appliances fell 27 percent on Tuesday after the "
            "maker cut its profit forecast.\n\nArdley said in a statement it now expected lower profits.\n\n"
            "The company cited \"a sharp and sustained weakening in demand for built-in appliances\".\n\n"
            "The union at the Brennock plant met on Tuesday. Brennock has 20,000 people.\n\n"
            "Chief executive Karin Ellis told analysts the Brennock plant was at risk. She said: \"No decision has "
            "been taken on any site.\"")
    speakers = {q.text: q.speaker for q in quotes_of(nlp, text)}
    assert speakers["a sharp and sustained weakening in demand for built-in appliances"] == "Ardley Appliances"
    assert speakers["No decision has been taken on any site."] == "Karin Ellis"


@pytest.mark.parametrize("text, words, speaker", [
    pytest.param("The Lynx won 99-74, and by Monday morning Tomás Arruda Neves had been sacked.\n\n"
                 "According to Ramona Ketteridge, the club’s president, the decision was taken at a board meeting on "
                 "Sunday evening. ‘It was not one game. It was the trend,’ she told reporters on Monday.",
                 "It was the trend", "Ramona Ketteridge", id="first-name-tagged-as-a-body-in-a-speakers-place"),
    pytest.param("The founder must go to prison for twelve years. On Thursday at the federal court in Port Ellery "
                 "Judge Ruth Okafor-Lind said in her reasoning that the defendant had not made a mistake but had taken "
                 "a decision.\n\n“The currency in which you traded was trust, and you have debased it,” the judge said.",
                 "debased it", "Ruth Okafor-Lind", id="name-hung-on-in-before-a-reporting-verb"),
    pytest.param("President of the Republic of Varnia Anselm Korvath noted that within ten years tariffs would be "
                 "abolished on 94 percent of the goods traded.",
                 "tariffs would be abolished", "Anselm Korvath", id="name-closing-a-long-title"),
    pytest.param("Prime Minister Helena Ostrowe yesterday put her signature to the pact, beaming alongside President "
                 "Anselm Korvath.\n\nIt was, the premier told the assembled press, ‘a good day for Dunmarran workers "
                 "and a good day for Dunmarran business.’",
                 "a good day for Dunmarran workers", "Helena Ostrowe", id="the-premier-is-the-prime-minister"),
    pytest.param("Lena Marsh was more measured after the match. “We had chances early on,” the forward admitted.",
                 "chances early on", "Lena Marsh", id="a-role-noun-tagged-as-an-adverb"),
    pytest.param("Coach Henrik Vos was proud of his young side.\n\n“We kept going when it mattered,” the Dutchman said.",
                 "kept going", "Henrik Vos", id="a-nationality-noun-in-man-tagged-as-a-body"),
    pytest.param("Responding, the party chairman, Tom Reyes, said the vote had been fair.",
                 "the vote had been fair", "Tom Reyes", id="a-set-off-participle-parsed-as-the-subject"),
    pytest.param("Board chairman Ian Rudd opened the meeting. Members asked about the deficit.\n\n"
                 "“The accounts are in order,” the Chairman said.",
                 "accounts are in order", "Ian Rudd", id="a-role-noun-in-capitals-tagged-as-a-name"),
])
def test_a_speaker_the_tagger_or_parser_misreads_is_still_found(nlp, text, words, speaker):
    assert unit(nlp, text, words).speaker == speaker


def test_the_auxiliary_opening_a_question_is_no_first_name(nlp):
    text = ("Hesselby's said hackers stole the data of four million customers.\n\nQ: Will Hesselby's be punished?\n\n"
            "A: The regulator can fine the chain up to 4% of its turnover.")
    entities = read_entities(nlp(text))
    assert "hesselby" in entities.orgs and not entities.people
