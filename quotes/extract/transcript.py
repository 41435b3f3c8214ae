"""Interview transcripts: paragraphs opened by a speaker label ("Q: …" / "A: …", "BERRONDO: …", "Jane Roe: …").

An outlet that prints an interview or a press conference in full gives each turn its own paragraph, opened by
who speaks. A run of such paragraphs with at least two different speakers is a transcript: each answer (or each
named speaker's turn) is a block unit; the interviewer's questions are not remarks of a news source and are left
out. An "A:" turn belongs to the interviewee, whom the introduction names: the first person named before the run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from quotes.extract.units import Quote, doc_text, token_range
from quotes.lexicon import HONORIFICS, OFFICE_TITLES

#: A paragraph opening with a label of one to four capitalised words and a colon ("Q:", "MR. SMITH:", "Jane Roe:"),
#: with the small words of names and titles between them ("Le Quotidien du Savoir:", "Voice of the Valley:"); a
#: podcast's or a video's transcript puts the turn's time before it ("[00:14:02] JANE ROE:", "(14:02) Q:").
#: A call transcript gives the speaker's firm and role after dashes and may put the label on a line of its own, the
#: turn in the paragraphs below ("Jane Roe - Acme Corp - Chief Financial Officer:").
#: A committee's evidence numbers each question before its asker's label ("Q45 Chair:", "Q46 Mr John Doe:").
_LABEL = re.compile(r"[ \t]*(?:[\[(]?\d{1,2}(?::\d{2}){1,2}[\])]?[ \t]+)?(?P<number>Q\d{1,4}[ \t]+)?"
                    r"(?P<label>[A-Z][\w.'’-]*(?:[ \t]+(?:(?:of|the|for|and|du|de|des|la|le|di|del|van|von)"
                    r"[ \t]+)?[A-Z][\w.'’-]*){0,3})(?P<notes>(?:[ \t]+\([^()\n]{1,60}\)){0,3})"
                    r"(?P<affiliation>(?:[ \t]+[-–—]{1,2}[ \t]+[^:\n]{1,80}?){0,2})[ \t]*:(?:[ \t]+(?=\S)|[ \t]*$)")
#: A legislature's record names a speaker with notes in brackets: the office holder's name, the seat, the party
#: ("The Minister for Housing (Jane Roe):", "Mr John Doe (Northfield) (Green):").
_NOTE = re.compile(r"\(([^()\n]+)\)")
#: A name in brackets after an office ("(John Doe)"): two to four capitalised words.
_NAME_IN_NOTE = re.compile(r"[A-Z][\w'’-]+(?: [A-Z][\w.'’-]*){1,3}")
#: Words that open a label naming a person by form of address ("Mr John Doe:", "Madam Speaker:", "Hon. Members:").
_ADDRESS_WORDS = HONORIFICS | {"hon"}
#: An editor's paragraph between turns, no one's words: a bracketed note ("[...]", "[The Speaker in the Chair]")
#: or the time of the sitting ("6.15 pm").
_EDITORIAL = re.compile(r"\s*(?:\[[^\]\n]*\]|\d{1,2}[.:]\d{2}\s*(?:[ap]\.?\s?m\.?)?)\s*$", re.IGNORECASE)
#: A broadcast script's note on the journalist's own lines ("CORRESPONDENT (voice-over):", "REPORTER (on camera):"):
#: the outlet's narration, read like any narration (the speech it reports is found in it), no one's turn.
_NARRATION_NOTE = re.compile(r"\b(?:voice[- ]?over|v/?o|on[- ]camera|o/?c)\b", re.IGNORECASE)
_NARRATION = "(narration)"
#: Turns that are no news source's remarks: the interviewer's questions and a call operator's announcements.
_QUESTION_LABELS = frozenset({"q", "question", "interviewer", "operator"})
_ANSWER_LABELS = frozenset({"a", "answer"})
#: Most unlabelled paragraphs between two turns of one transcript: an answer that runs over several paragraphs.
MAX_TURN_PARAGRAPHS = 4
#: Fewest turns of a transcript of named speakers: two labelled lines of different names may be a headline's
#: "Name: claim" and a note ("UPDATE:"); a question and its answer are a transcript from the first pair.
MIN_NAMED_TURNS = 3


@dataclass
class _Turn:
    """One labelled paragraph of a transcript and the unlabelled paragraphs that continue it."""

    label: str
    label_start: int  # the name's characters in the label ("Jane Roe" of "The Minister (Jane Roe):")
    label_end: int
    parts: list[tuple[int, int]]
    start: int  # where the turn's paragraph begins
    question: tuple[int, int] | None = None  # an unlabelled paragraph just before it that asks a question


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


def _is_person_name(doc: Doc, start: int, end: int) -> bool:
    """Whether the characters hold a name the tagger reads as a person's (every word of it)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and len(span) > 0 and all(t.ent_type_ == "PERSON" for t in span if t.is_alpha)


def _opens_with_person(doc: Doc, start: int) -> bool:
    """Whether the tagger reads the word at ``start`` as part of a person's name (it often runs the name on into the
    firm after it, so only the first word is asked)."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return span is not None and span[0].ent_type_ == "PERSON"


def _speaker_label(doc: Doc, match: re.Match[str] | None) -> tuple[str, int, int] | None:
    """(key, start, end of the name) when a paragraph opens with a speaker label: Q/A, a name in capitals (or the
    name a broadcast script gives in brackets after a label in capitals), a person's name or form of address, a name
    with its firm and role after dashes, or an office holder's label with the name in brackets. A journalist's
    voice-over is keyed as narration."""
    if match is None:
        return None
    label, start, end = match.group("label"), match.start("label"), match.end("label")
    notes = list(_NOTE.finditer(match.string, match.start("notes"), match.end("notes")))
    if label.lower() in _QUESTION_LABELS | _ANSWER_LABELS:
        return label.lower(), start, end
    if match.group("number"):
        return label.lower(), start, end  # a numbered question: its asker, a member of the committee
    if any(_NARRATION_NOTE.search(n.group(1)) for n in notes):
        return _NARRATION, start, end
    shouted = any(ch.isalpha() for ch in label) and label.upper() == label and len(label) > 1
    if shouted:  # "SOUNDBITE (Jane Roe, prosecutor):": a broadcast transcript names the speaker in brackets
        for note in notes:
            piece = note.group(1).split(",")[0].rstrip()
            a, b = note.start(1), note.start(1) + len(piece)
            if _is_person_name(doc, a, b) or (_NAME_IN_NOTE.fullmatch(piece) and piece.upper() != piece):
                return piece.lower(), a, b
        return label.lower(), start, end  # "BERRONDO:", "MR. SMITH:": a transcript's shouted name
    if _is_person_name(doc, start, end) or label.split()[0].lower().rstrip(".") in _ADDRESS_WORDS:
        return label.lower(), start, end
    if len(label.split()) == 1 and any(e.label_ == "PERSON" and e[-1].text == label and e.end_char <= start
                                        for e in doc.ents):
        return label.lower(), start, end  # "Roe:" after "Jane Roe …": a person of the article by surname
    if match.group("affiliation") and len(label.split()) >= 2 and _opens_with_person(doc, start):
        return label.lower(), start, end  # "Jane Roe - Acme Corp - Analyst:": a name with the firm it speaks for
    office = bool(set(label.lower().split()) & OFFICE_TITLES)
    named = next((n for n in notes if _is_person_name(doc, n.start(1), n.end(1))
                  or (office and _NAME_IN_NOTE.fullmatch(n.group(1)))), None)
    if named is not None:  # "The Minister for Housing (Jane Roe):" speaks as the person in brackets
        return named.group(1).lower(), named.start(1), named.end(1)
    if match.string[match.start() : match.endpos].rstrip().endswith("?"):
        return "q", start, end  # "Le Quotidien du Savoir: Why did you …?": the interviewer, by the name of the outlet
    return None


def _runs(doc: Doc) -> list[list[_Turn]]:
    """Runs of labelled paragraphs, at most MAX_TURN_PARAGRAPHS unlabelled ones apart, that name two speakers."""
    text = doc_text(doc)
    runs: list[list[_Turn]] = []
    current: list[_Turn] = []
    pending: list[tuple[int, int]] = []  # unlabelled paragraphs after the last turn
    seen: set[str] = set()  # labels read as speakers: the tagger may miss a name it tagged in an earlier turn
    for start, end in _paragraphs(text):
        if _EDITORIAL.match(text, start, end):
            continue
        match = _LABEL.match(text, start, end)
        found = _speaker_label(doc, match)
        if found is None and match is not None and match.group("label").lower() in seen:
            found = match.group("label").lower(), match.start("label"), match.end("label")
        label = found[0] if found is not None else None
        if label is not None and label not in _QUESTION_LABELS | {_NARRATION}:
            seen.add(label)
        if label is None:
            if current and not current[-1].parts:
                current[-1].parts.append((start, end))  # the turn below a label on a line of its own
                continue
            pending.append((start, end))
            if len(pending) > MAX_TURN_PARAGRAPHS and current:
                runs.append(current)
                current = []
            continue
        if current:
            current[-1].parts.extend(pending)  # an answer that runs over several paragraphs
        own_line = not text[match.end():end].strip()
        question = pending[-1] if pending and text[pending[-1][0] : pending[-1][1]].rstrip().endswith("?") else None
        current.append(_Turn(label, found[1], found[2], [] if own_line else [(match.end(), end)], match.start(),
                             question))
        pending = []
    runs.append(current)
    return [run for run in map(_answers_alone_labelled, runs) if len({turn.label for turn in run}) >= 2
            and (len(run) >= MIN_NAMED_TURNS or {turn.label for turn in run} <= _QUESTION_LABELS | _ANSWER_LABELS)
            and not _explainer(text, run)]


def _answers_alone_labelled(run: list[_Turn]) -> list[_Turn]:
    """An interview that labels only its interviewee ("Roe: …" after each question in bold, unlabelled): one name,
    MIN_NAMED_TURNS turns or more, each after the first asked by a question paragraph. The questions are taken out
    of the answers before them and kept as the outlet's narration (the speech they report is found in them)."""
    labels = {turn.label for turn in run}
    if len(labels) != 1 or len(run) < MIN_NAMED_TURNS or labels <= _QUESTION_LABELS | _ANSWER_LABELS \
            or not all(turn.question for turn in run[1:]):
        return run
    out: list[_Turn] = []
    for before, turn in zip([None, *run], run):
        if before is not None:
            before.parts.remove(turn.question)
            out.append(_Turn(_NARRATION, *turn.question, [turn.question], turn.question[0]))
        out.append(turn)
    return out


#: First-person words: an interviewee answers in the first person, an explainer's writer reports in the third.
#: Case-sensitive but for a sentence's first letter, so that "US" (the country) is no "us".
_FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|[Mm]e|[Mm]y|[Mm]ine|[Ww]e|[Ww]e['’](?:re|ve|d|ll)|[Uu]s|[Oo]urs?)\b")


def _explainer(text: str, run: list[_Turn]) -> bool:
    """A Q&A of the outlet's own ("What happens next?" / "A: Not yet. The city attorney said …"): answers labelled
    "A:" of which fewer than half speak in the first person are the journalist's explanations, not an interview."""
    answers = [turn for turn in run if turn.label in _ANSWER_LABELS]
    if not answers or len(answers) < len([t for t in run if t.label not in _QUESTION_LABELS]):
        return False
    spoken = sum(bool(_FIRST_PERSON.search(" ".join(text[a:b] for a, b in turn.parts))) for turn in answers)
    return 2 * spoken < len(answers)


def _interviewee(doc: Doc, before: int) -> tuple[int, int] | None:
    """Token range of the person who answers: the one the paragraph just before the transcript is about ("Jane Roe
    then took questions from reporters."), the subject of its last sentence with a person as subject, else the last
    person it names; where it names no one, the first person the article names (the introduction's)."""
    people = [e for e in doc.ents if e.label_ == "PERSON" and e.end_char <= before]
    text = doc_text(doc)
    paragraph = text.rfind("\n", 0, len(text[:before].rstrip())) + 1  # the last non-empty line before the run
    near = [e for e in people if e.start_char >= paragraph]
    # a surname the tagger left untagged still heads the sentence ("Roe then took questions from reporters.")
    subjects = [doc[t.left_edge.i : t.i + 1] for t in doc.char_span(paragraph, before, alignment_mode="expand") or []
                if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT" and t.pos_ == "PROPN"
                and t.ent_type_ in ("", "PERSON")]
    chosen = subjects[-1] if subjects else near[-1] if near else people[0] if people else None
    return (chosen.start, chosen.end) if chosen is not None else None


def _named(doc: Doc, turn: _Turn) -> tuple[int, int] | None:
    """Token range naming a turn's speaker: the person of the article whose surname the label is ("TRUMP:" after
    "Donald Trump"), else the label itself."""
    surname = turn.label.split()[-1].strip(".")
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent[-1].lower_ == surname and ent.start_char < turn.label_start \
                and not any(c.dep_ == "conj" for c in ent.root.children):  # "Trump and Clinton" names two
            return ent.start, ent.end
    return token_range(doc, turn.label_start, turn.label_end)


def transcript_units(doc: Doc) -> tuple[list[Quote], list[tuple[int, int]]]:
    """Block units of the answers and named turns of the article's transcripts, and the character ranges every
    turn covers (questions included: no other unit is read inside a transcript)."""
    units: list[Quote] = []
    covered: list[tuple[int, int]] = []
    for run in _runs(doc):
        interviewee = _interviewee(doc, run[0].start)
        # a label on a line of its own may be the article's last line; the journalist's narration is read as such
        for turn in (t for t in run if t.parts and t.label != _NARRATION):
            covered.append((turn.start, turn.parts[-1][1]))
            if turn.label in _QUESTION_LABELS:
                continue
            mention = interviewee if turn.label in _ANSWER_LABELS else _named(doc, turn)
            units.append(Quote(start=turn.parts[0][0], end=turn.parts[-1][1], parts=turn.parts, kind="block",
                               cue=":", mention=mention))
    return units, covered
