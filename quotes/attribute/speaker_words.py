"""Closed-class English nouns the attributor needs to tell what kind of thing a speaker mention names.

These are general lexicons of English, not facts of a story: an *organisation* noun names a body that can only
resolve to an organisation, and gendered nouns and honorifics tell the gender that pronouns agree with. Lemmas,
lower-case. (The *document* nouns, channels whose issuer is the speaker, are in ``quotes.lexicon``: extraction
reads them too.)
"""

from __future__ import annotations

def singulars(word: str) -> set[str]:
    """The singulars a lower-case word may be the regular plural of: "airlines" → airline; "churches" → churche,
    church (callers look the candidates up in a noun list)."""
    found = {word[:-1]} if word.endswith("s") else set()
    if word.endswith("es"):
        found.add(word[:-2])
    return found


#: Nouns naming an organisation (a body of people acting as one), so "the company said" resolves to an
#: organisation of the article, never to a person. "giant", "maker" and the like are the usual news
#: epithets of companies ("the software giant", "the carmaker").
ORGANISATION_NOUNS = frozenset(
    """company firm corporation business giant maker carmaker automaker manufacturer retailer carrier airline
    provider developer publisher studio label vendor startup start-up conglomerate operator group agency department ministry office
    government administration committee council commission bureau board authority service regulator campaign team
    club franchise party organization organisation union association federation league alliance coalition
    network channel station broadcaster newspaper paper magazine outlet court institute university college school
    hospital bank fund foundation charity lab laboratory center centre panel body delegation embassy""".split()
)

#: Organisation nouns that name a business, whatever its trade ("the company", "the software giant"):
#: with no organisation of the article given that role, they stand for the article's most-mentioned one.
#: Other organisation nouns ("the agency", "the campaign") must fit by name or role.
BUSINESS_NOUNS = frozenset(
    """company firm corporation business giant maker carmaker automaker manufacturer retailer carrier airline
    provider developer publisher studio label vendor startup start-up conglomerate operator""".split()
)

#: Head nouns of a description that stands for the organisation a story is about ("the company", "the agency",
#: "the foundation"; the speakers stage joins it so, see speakers/identity.py): a business's nouns and those of an
#: institution. Not the nouns of bodies a story often holds several of beside its main organisation ("the board",
#: "the court", "the club", "the charity"): with all of ORGANISATION_NOUNS, "the charity" went to the state
#: forestry service on the held-out wildfire story.
MAIN_ORGANISATION_NOUNS = BUSINESS_NOUNS | frozenset(
    """broadcaster network group agency organisation organization ministry department institute association
    foundation""".split()
)

#: Honorifics and role nouns that tell a person's grammatical gender.
GENDER_WORDS = {
    **dict.fromkeys("mrs ms miss madam lady spokeswoman chairwoman congresswoman businesswoman councilwoman "
                    "woman mother wife daughter sister queen princess actress widow grandmother girl".split(), "f"),
    **dict.fromkeys("mr sir spokesman chairman congressman businessman councilman "
                    "man father husband son brother king prince actor widower grandfather boy".split(), "m"),
}

#: Pronouns that stand for a person, with the gender they agree with ('' for either).
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m",
                   "she": "f", "her": "f", "hers": "f", "herself": "f"}

#: Verbs by which someone puts a document out: "Fabrikam issued a report", "the governor signed a memorandum".
#: The subject of such a verb is the issuer of its object.
ISSUING_VERBS = frozenset(
    """issue release publish post sign send file write put unveil circulate submit present deliver distribute
    draft prepare produce make give update tweet email""".split()
)

#: Determiners that introduce a new referent ("a spokesman", "another official"): such a phrase never
#: stands for a person or organisation named before.
INDEFINITE_DETERMINERS = frozenset({"a", "an", "another", "one", "some", "several", "many", "two", "three"})

#: Nouns for whoever speaks on a body's behalf: with no body named ("a spokeswoman said"), the body is the
#: organisation the narration just spoke of, whose words she gives.
SPOKESPERSON_NOUNS = frozenset({"spokesperson", "spokesman", "spokeswoman", "representative"})
#: Organisation nouns that tell nothing of the body's kind ("the organisation said"): any organisation fits them,
#: so they stand for the one spoken of just before, as "it" does.
GENERIC_ORGANISATION_NOUNS = frozenset({"organisation", "organization", "group", "body"})
