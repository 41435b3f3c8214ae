"""The quotation unit (``Quote``) and the span and cue helpers that every extractor of this stage shares."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from quotes.extract.cues import is_according_to, is_source_phrase, is_speech_verb, source_phrase_noun
from quotes.extract.marks import QUOTATION_MARKS
from quotes.lexicon import OFFICE_TITLES

_TEXT_KEY = "quotes.text"
_LEADING_MARKERS = {"that", "whether", "if", "as"}


@dataclass
class Quote:
    """One quotation unit. Offsets are characters of the Doc's text; token indices are the Doc's."""

    start: int                                   # whole unit, marks included
    end: int
    parts: list[tuple[int, int]]                 # content ranges (no marks); interrupted quotes have several
    kind: str                                    # direct | partial | indirect | block
    cue: str = ""                                # cue word(s) as written; '' when none (continuation)
    cue_i: int | None = None                     # token index of the cue
    mention: tuple[int, int] | None = None       # token range naming the speaker, from the syntax
    descriptor: tuple[int, int] | None = None    # token range of an apposition describing the speaker
    sentence: str = ""                           # context sentence(s)
    text: str = ""                               # the quote: content parts joined by a space
    speaker: str = ""                            # filled by the attribute stage
    speaker_id: str = ""
    speaker_kind: str = ""                       # person | organization | document | group | ''
    mention_text: str = ""                       # the speaker words as written at the cue
    roles: tuple[str, ...] = ()                  # titles and descriptions the article gives the speaker
    extras: dict = field(default_factory=dict)   # e.g. a post's signature name


# --------------------------------------------------------------------------------------------
# helpers over the parse


def token_range(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def subtree_range(token: Token, exclude: set[int] = frozenset()) -> tuple[int, int]:
    """Contiguous token range of a subtree, shrunk at the edges past excluded tokens and punctuation."""
    idx = [t.i for t in token.subtree if t.i not in exclude]
    lo, hi = min(idx), max(idx) + 1
    doc = token.doc
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space or doc[lo].lower_ in _LEADING_MARKERS and _complementiser(doc[lo])):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space or doc[hi - 1].dep_ == "cc" or hi - 1 in exclude):
        hi -= 1
    while lo < hi and lo in exclude:
        lo += 1
    return lo, hi


def trim_marks(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    """A token range without the punctuation and spaces at its edges."""
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    return lo, hi


def _complementiser(token: Token) -> bool:
    """A 'that' / 'whether' opening a clause: a marker (the tagger calls it SCONJ or, at times, a WDT pronoun), or
    the SCONJ the parser misreads as an object."""
    return token.dep_ == "mark" or (token.dep_ == "dobj" and token.pos_ == "SCONJ")


def mention_range(head: Token) -> tuple[tuple[int, int], tuple[int, int] | None]:
    """The words naming a speaker (head noun and its modifiers), and its apposition if any."""
    holder = _name_after_office(head)
    if holder is not None:  # "President of the Republic of Varnia Anselm Korvath said"
        return holder, subtree_range(head, {t.i for t in head.doc[holder[0] : holder[1]]})
    appos = [c for c in head.children if c.dep_ == "appos"]
    cut: set[int] = set()
    for c in head.children:
        if c.dep_ in ("appos", "relcl", "acl", "punct", "prep") and c.i > head.i:
            cut.update(t.i for t in c.subtree)
    lo, hi = subtree_range(head, cut)
    if not (lo <= head.i < hi):
        lo, hi = head.i, head.i + 1
    while lo < head.i and head.doc[lo].dep_ in ("det", "predet") and head.doc[lo].lower_ in ("the", "a", "an"):
        lo += 1
    descriptor = None
    if appos:
        a_lo, a_hi = subtree_range(appos[0])
        descriptor = (a_lo, a_hi)
        # "a council spokeswoman, Ana Ruiz, said": the name is the apposition
        if head.ent_type_ != "PERSON" and appos[0].ent_type_ == "PERSON":
            descriptor, (lo, hi) = (lo, hi), (a_lo, a_hi)
    return (lo, hi), descriptor


def _apposition_of_participle(subject: Token) -> Token:
    """The speaker of "Reacting, the party chairman, Tom Reyes, said": a participle set off by a comma that the
    parser made the subject, with the speaker hung on it as an apposition (its last, nearest the verb). Opening
    its sentence, the participle may be tagged a name ("Reacting" as a proper noun): an -ing word no entity holds."""
    participle = subject.tag_ == "VBG" or (subject.i == subject.sent.start and subject.lower_.endswith("ing")
                                           and not subject.ent_type_)
    if not participle or subject.i + 1 >= len(subject.doc) or subject.nbor(1).text != ",":
        return subject
    appositions = [c for c in subject.children if c.dep_ == "appos" and c.i > subject.i]
    return appositions[-1] if appositions else subject


def _name_after_office(head: Token) -> tuple[int, int] | None:
    """The name closing a long capitalised title ("Prime Minister of the Kingdom of Dunmarra Helena Ostrowe"),
    which the parser hangs on the title's last 'of' phrase: a state agency writes the office before every name."""
    if not (head.is_title and head.lemma_.lower() in OFFICE_TITLES and not head.ent_type_):
        return None
    if not any(c.dep_ == "prep" and c.lower_ == "of" and c.i > head.i for c in head.children):
        return None
    last = head.doc[head.right_edge.i]
    if last.pos_ != "PROPN" or last.ent_type_ not in ("PERSON", "") or last.dep_ != "pobj":
        return None
    start = last.i
    while start > head.i + 1 and head.doc[start - 1].dep_ == "compound" and head.doc[start - 1].head.i == last.i \
            and head.doc[start - 1].pos_ == "PROPN" and head.doc[start - 1].ent_type_ in ("PERSON", ""):
        start -= 1
    return (start, last.i + 1) if start < last.i else None  # a first name and a surname, at least


#: Reporting verbs whose object is the one spoken to ("…,” told Reuters): never the speaker inverted after them.
ADDRESSEE_VERBS = frozenset("tell ask inform warn urge remind assure advise thank promise notify brief".split())


def speaker_mention(cue: Token, skip: Container[int] = ()) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """Token ranges of the speaker named by a cue's syntax: subject, passive agent, 'according to' object.
    Subjects at ``skip`` positions (words in quotation marks, misparsed as the cue's subject) are passed over."""
    noun = source_phrase_noun(cue)
    if noun is not None:  # "by his account": the possessor
        return mention_range(next(c for c in noun.children if c.dep_ == "poss"))
    if is_according_to(cue):
        to = cue.nbor(1)
        objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in cue.children if c.dep_ == "pobj"]
        return mention_range(objs[0]) if objs else (None, None)
    active = any(c.dep_ == "nsubj" for c in cue.children)  # "she said by way of explaining": no agent
    for child in cue.children:
        if not active and (child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by")):
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return mention_range(objs[0])
    # a closing mark the parser took for a subject ("«…,» says Roe") names no one; a hyphen made subject may head one
    subjects = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in skip
                and not (c.is_punct and c.text.strip(QUOTATION_MARKS) == "")]
    if len(subjects) > 1:  # "Jo Doe, whose restaurant X won …, called": a relative's subject is not the speaker
        subjects = [s for s in subjects if s.left_edge.lower_ != "whose"] or subjects
    if subjects:
        # two subjects are a misparsed apposition ("The chief of X, Jane Doe said"): prefer the person
        subject = min(subjects, key=lambda s: (s.ent_type_ != "PERSON", abs(s.i - cue.i)))
        subject = _apposition_of_participle(subject)
        if subject.dep_ in ("nsubj", "appos"):
            return mention_range(subject)
    if not subjects and cue.i > 0 and cue.nbor(-1).is_punct:  # a cue right after the quotation, its subject inverted
        inverted = next((c for c in cue.children if c.dep_ == "dobj" and c.left_edge.i == cue.i + 1
                         and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON")), None)
        if inverted is not None and cue.lemma_.lower() not in ADDRESSEE_VERBS:
            return mention_range(inverted)  # "«…», explained Doe.": the inverted subject parsed as the object
        aside = _inverted_after_aside(cue)
        if aside is not None:  # "«…», declared for his part the Minister": read as an apposition of "part"
            return mention_range(aside)
    fronted = subject_of_set_off_participle(cue)
    if fronted is not None:  # "X, asked about the plan, said", "X, summarising for Acme Radio, called it …"
        return mention_range(fronted)
    # participles and coordinated verbs share the subject of the verb they hang from
    # ("dep": a verb the parser could not place, as in a subject's long relative clause misread)
    if cue.dep_ in ("advcl", "xcomp", "conj", "pcomp", "dep") and cue.head.i != cue.i:
        if cue.head.i in skip and cue.tag_ == "VBG":
            # "X said, going on to say …", the participle hung on a verb of the quotation: the one who said it
            return _reporter_before(cue, skip)
        return speaker_mention(_subject_holder(cue), skip)
    if cue.dep_ == "acl" and cue.head.pos_ in ("PROPN", "NOUN", "PRON"):
        return mention_range(cue.head)
    if cue.dep_ == "pobj" and cue.head.lower_ == "with":
        return speaker_mention(cue.head, skip)
    if cue.dep_ == "compound" and cue.i < cue.head.i and cue.head.pos_ == "PROPN":
        return mention_range(cue.head)  # "Said Ellis: …", parsed as a name "Said Ellis"
    return None, None


def _holder_of_phrase_closed_before(cue: Token) -> Token | None:
    """The name a participle phrase set off by commas describes, when the cue follows the phrase's closing comma but
    the parser hung it inside the phrase ("Jane Roe, summarising for Acme Radio, called …": "called" read as a
    relative of "Radio"); the cue's subject is the name before the phrase."""
    doc = cue.doc
    if cue.tag_ not in ("VBD", "VBN") or cue.i == 0 or doc[cue.i - 1].text != ",":
        return None
    for node in cue.ancestors:
        if node.dep_ == "acl" and node.tag_ in ("VBG", "VBN") and node.i > 0 and doc[node.i - 1].text == "," \
                and node.head.pos_ in ("PROPN", "NOUN") and node.head.i < node.i and node.right_edge.i >= cue.i - 1:
            return node.head
    return None


def _inverted_after_aside(cue: Token) -> Token | None:
    """The inverted subject after a short phrase set between it and the cue ("declared for his part the Minister",
    "said in turn the union's leader"), which the parser hangs on the phrase's noun as an apposition without a
    comma; an apposition after a comma is the noun's own ("said to his lawyer, Jane Roe")."""
    prep = next((c for c in cue.children if c.dep_ == "prep" and c.i == cue.i + 1), None)
    noun = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if noun is None or noun.i - prep.i > 2:
        return None
    return next((c for c in noun.children if c.dep_ in ("appos", "npadvmod") and c.left_edge.i == noun.i + 1
                 and c.pos_ in ("NOUN", "PROPN")), None)


def set_off_participle(cue: Token) -> Token | None:
    """ "Minister X, asked about the reversal on a visit, said …": a past participle set off by commas before a cue
    that has no subject of its own, which the parser read as a clause the cue reports, with X as its subject. It is
    a reduced relative describing X, the speaker: a comma never parts a subject from its finite verb, and a clause
    with an auxiliary ("X was asked about it") is a clause."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        return None
    doc = cue.doc
    for child in cue.children:
        if child.dep_ != "ccomp" or child.i >= cue.i or child.tag_ not in ("VBN", "VBD") or child.i < 2 \
                or doc[child.i - 1].text != "," or doc[cue.i - 1].text != "," \
                or any(c.dep_ in ("aux", "auxpass") for c in child.children):
            continue
        if any(c.dep_ == "nsubj" and c.i < child.i and all(t.is_punct for t in doc[c.i + 1 : child.i])
               for c in child.children):
            return child
    return None


def subject_of_set_off_participle(cue: Token) -> Token | None:
    """The speaker before a participle phrase set off by commas before the cue, whichever way the parser read it: as a
    clause the cue reports, with the speaker its subject (``set_off_participle``), or with the cue hung inside the
    phrase (``_holder_of_phrase_closed_before``); else None."""
    participle = set_off_participle(cue)
    if participle is not None:
        return next(c for c in participle.children if c.dep_ == "nsubj" and c.i < participle.i)
    return _holder_of_phrase_closed_before(cue) if cue.dep_ == "acl" else None


def _subject_holder(cue: Token) -> Token:
    """The verb whose subject a participle, infinitive or coordinated cue shares: the one it hangs from, past a
    preposition ("X began by saying …", "X, despite admitting that …"), past an adjective ("X was careful to say")
    and past a reported clause the parser hung it on ("Lask said the closure marked 'an era', adding that …": the
    one who said it, not what was said)."""
    head = cue.head
    if cue.dep_ == "pcomp" and head.pos_ == "ADP" and head.dep_ == "prep" and head.head.i != head.i:
        head = head.head
    if cue.dep_ == "advcl" and head.dep_ == "ccomp" and not is_speech_verb(head) and is_speech_verb(head.head):
        head = head.head
    if cue.dep_ == "xcomp" and head.dep_ == "acomp" and head.head.i != head.i:
        head = head.head  # "X was careful to say …", "quick to point out": the adjective's verb has the subject
    return _whole_hyphenated_verb(head)


def _whole_hyphenated_verb(verb: Token) -> Token:
    """The part of a verb split at its hyphen ("re - emerged") that holds the subject: the parser may give it to the
    prefix ("she re-emerged to explain …": she is the subject of "re")."""
    if verb.i < 2 or verb.nbor(-1).text != "-" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return verb
    prefix = verb.nbor(-2)
    return prefix if any(c.dep_ in ("nsubj", "nsubjpass") for c in prefix.children) else verb


def _reporter_before(cue: Token, skip: Container[int]) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The subject of the nearest reporting verb before ``cue`` in its sentence, outside quotation marks."""
    for i in range(cue.i - 1, cue.sent.start - 1, -1):
        verb = cue.doc[i]
        if i in skip or not is_speech_verb(verb):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i not in skip), None)
        if subject is not None:
            return mention_range(subject)
    return None, None


def is_cue(token: Token, inside: list[bool]) -> bool:
    return not inside[token.i] and (is_speech_verb(token) or is_according_to(token) or is_source_phrase(token))


def overlaps(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    """The character range [start, end) shares characters with one of the ranges."""
    return any(start < b and a < end for a, b in ranges)


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc (spaCy re-joins every token on each access)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def cue_before_colon(doc: Doc, pos: int, inside: list[bool]) -> Token | None:
    """The cue of a paragraph introduced at the end of the previous one ("The ministry said:")."""
    text = doc_text(doc)
    i = pos - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    if i < 0 or text[i] != ":" or "\n" not in text[i:pos]:
        return None
    colon = doc.char_span(i, i + 1, alignment_mode="expand")
    if colon is None:
        return None
    cues = [t for t in doc[colon.start].sent if t.i < colon.start and is_cue(t, inside)]
    return cues[-1] if cues else None


def cue_text(cue: Token | None) -> str:
    if cue is None:
        return ""
    if is_according_to(cue):
        return "according to"
    noun = source_phrase_noun(cue)
    if noun is not None:
        return cue.doc[cue.i : noun.i + 1].text  # "by his account"
    particles = [c.text for c in cue.children if c.dep_ == "prt"]
    return " ".join([cue.text, *particles])


#: The words a title leaves in lower case ("Legend in the Coal Fields", "The Truth about the Queen"): articles,
#: coordinating conjunctions and the prepositions of up to five letters (the common style guides lower-case them).
_TITLE_LOWER = frozenset("a an the and or but nor of in on to for at by with from as about after into onto over "
                         "upon under via".split())


def in_title_case(words: list[Token]) -> bool:
    """Three or more words, every one but the short function words capitalised: a title, not speech
    (speech is quoted in sentence case, where most words are lower case)."""
    return len(words) >= 3 and all(w.text[:1].isupper() or w.lower_ in _TITLE_LOWER for w in words)


def names_a_work(words: list[Token]) -> bool:
    """Title Case without a verb: the title of a book, film or article ("Bettie Page: The Life of a Pinup
    Legend"), even after a reporting verb ("wrote a cover story, 'In Search of ...'"), never a remark."""
    return in_title_case(words) and not any(w.pos_ in ("VERB", "AUX") for w in words)
