"""Closed-class English word lists that several stages read: forms of address, titles, name particles and
suffixes, words of organisations' names and function words.

One home for each list, so the attributor, the story-level speaker stage and reconciliation agree on what a
title or an organisation's name is. Stage-neutral: it imports nothing of ``quotes``, so any stage may import it
without pointing up the pipeline. General English conventions, never a story's words; case-folded, without dots.
Lists that one stage alone reads stay with it (quotes.attribute.speaker_words: document, organisation and
gendered nouns). The scorer (quotes.evaluate) keeps its own short list of words it skips in a gold name, on
purpose: the scoring rules must not move when the tool's lexicon is tuned.
"""

from __future__ import annotations

#: Forms of address before a person's name that name no office: courtesy ("Mr", "Madam", "Mx"), academic
#: ("Dr", "Prof") and clergy ("Rev", "Fr") ones. Never part of the name, never a role of the speaker (a role
#: "Mr" would match every "Mr X"); the gendered ones tell the gender pronouns agree with.
HONORIFICS = frozenset("mr mrs ms miss mx madam sir dame dr prof rev fr".split())

#: Forms of address with the peerage ("Lord X", "Lady Y"): what a registry entry's written prefix may be without
#: being a role. Apart from HONORIFICS because "lord" and "lady" also head real roles the attributor keeps
#: ("first lady", "Lord Chancellor", "Lord Mayor"), where a role ending in an honorific is dropped.
HONORIFICS_WITH_PEERAGE = HONORIFICS | frozenset({"lord", "lady"})

#: Abbreviated ranks and offices written before a name ("Sen.", "Gov.", "Lt. Col.", "Cmdr."); "cpt" is the
#: military spelling of "capt".
TITLE_ABBREVIATIONS = frozenset("sen rep gov gen lt col capt cpt sgt adm maj cmdr".split())

#: Offices and jobs news writes as a title before a name ("Interior Secretary Ken Ruiz", "Coach Andy Reid"), and
#: the modifiers that open such a title ("Former President", "Acting Director", "Vice Chairman").
OFFICE_TITLES = frozenset("""
president vice secretary minister senator governor mayor judge justice chancellor premier king queen
prince princess pope chairman chairwoman chair chief director coach officer commissioner ambassador
representative congressman congresswoman speaker deputy attorney former acting interim executive
""".split())

#: Offices news writes in a short form, with the words that spell them out ("the CEO" is "the chief executive",
#: "the premier" the prime minister): the C-suite titles, the only offices written as initials in running text (the
#: words name the office; "officer" is often left out), and the one-word name of a head of government.
OFFICE_SHORT_FORMS = {"ceo": ("chief", "executive"), "cfo": ("chief", "financial"), "coo": ("chief", "operating"),
                      "cto": ("chief", "technology"), "premier": ("prime", "minister")}

#: Every word written before a name that is not part of the name: forms of address, abbreviated ranks, offices.
#: "St" is no title but a name's first word ("St. Clair"), so it is among NAME_PARTICLES.
TITLE_WORDS = HONORIFICS_WITH_PEERAGE | TITLE_ABBREVIATIONS | OFFICE_TITLES

#: Generational suffixes: part of a name, never its surname, and they tell two people apart (Robert Hale /
#: Robert Hale Jr.).
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

#: Lower-case particles inside personal names ("Bill de Blasio", "Ludwig van Beethoven", "Osama bin Laden",
#: "Rodríguez y Zapatero"): they do not break a run of capitalised name words.
NAME_PARTICLES = frozenset({"de", "del", "della", "der", "den", "da", "das", "dos", "di", "du", "la", "le", "van",
                            "von", "bin", "ibn", "al", "el", "y", "st"})

#: Words that make a capitalised name an organisation's, not a person's ("Union of Concerned Scientists",
#: "Contoso Labs", "the Springfield Post"): kinds of body, legal forms and the usual words of outlets' names.
ORG_NAME_WORDS = frozenset("""
ministry office department agency council government party committee commission organization organisation
union bank court inc corp co ltd llc plc group labs technologies systems university institute association
society foundation center centre news times post magazine network service services board administration
""".split())

#: Written or published channels: "a statement from the agency", "the memo says", "according to her bio".
#: Kept short and generic (kinds of document), so any outlet's wording of a channel is covered.
DOCUMENT_NOUNS = frozenset(
    """statement release report memo memorandum website site webpage bio biography autobiography memoir
    complaint lawsuit suit filing brief motion petition affidavit indictment ruling judgment judgement order verdict
    testimony email e-mail letter note message notice advisory bulletin announcement communique communiqué transcript
    blog post tweet study survey poll analysis findings document documents paper review audit record records
    minutes guidance guidelines advertisement ad article editorial column obituary book database newsletter
    presentation proposal copy draft""".split()
)

#: Closed-class English words that carry no meaning of their own (reconciliation compares the other words).
#: Negations, quantifiers and comparatives are deliberately absent: "no longer", "more than" and "never" change
#: a remark.
FUNCTION_WORDS = frozenset("""
a an the this that these those there here it its it's they them their theirs we us our ours you your
yours he him his she her hers i me my mine one ones itself themselves ourselves himself herself myself
and or but so yet if then than because as while whether though although since until unless
of in on at by for with from to into onto about over under between through during after before
upon within without against among across along around toward towards via per
is are was were be been being am do does did done doing have has had having will would shall should
can could may might must 's s t d ll re ve m also just even still only very quite rather really
who whom whose which what when where why how such same own other another each both either
""".split())
