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

#: A paragraph opening with a label of one to four capitalised words and a colon ("Q:", "MR. SMITH:", "Jane Roe:"),
#: with the small words of names and titles between them ("Le Quotidien du Savoir:", "Voice of the Valley:").
_LABEL = re.compile(r"[ \t]*(?P<label>[A-Z][\w.'’-]*(?:[ \t]+(?:(?:of|the|for|and|du|de|des|la|le|di|del|van|von)"
                    r"[ \t]+)?[A-Z][\w.'’-]*){0,3})[ \t]*:[ \t]+(?=\S)")
_QUESTION_LABELS = frozenset({"q", "question", "interviewer"})
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
    label_start: int
    label_end: int
    parts: list[tuple[int, int]]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


def _speaker_label(doc: Doc, match: re.Match[str] | None) -> str | None:
    """The label's key when a paragraph opens with a speaker label: Q/A, a name in capitals, or a person's name."""
    if match is None:
        return None
    label = match.group("label")
    if label.lower() in _QUESTION_LABELS | _ANSWER_LABELS:
        return label.lower()
    if any(ch.isalpha() for ch in label) and label.upper() == label and len(label) > 1:
        return label.lower()  # "BERRONDO:", "MR. SMITH:": a transcript's shouted name
    span = doc.char_span(match.start("label"), match.end("label"), alignment_mode="expand")
    if span is not None and len(span) and all(t.ent_type_ == "PERSON" for t in span if t.is_alpha):
        return label.lower()
    if match.string[match.start() : match.endpos].rstrip().endswith("?"):
        return "q"  # "Le Quotidien du Savoir: Why did you …?": the interviewer, by the name of the outlet
    return None


def _runs(doc: Doc) -> list[list[_Turn]]:
    """Runs of labelled paragraphs, at most MAX_TURN_PARAGRAPHS unlabelled ones apart, that name two speakers."""
    text = doc_text(doc)
    runs: list[list[_Turn]] = []
    current: list[_Turn] = []
    pending: list[tuple[int, int]] = []  # unlabelled paragraphs after the last turn
    seen: set[str] = set()  # labels read as speakers: the tagger may miss a name it tagged in an earlier turn
    for start, end in _paragraphs(text):
        match = _LABEL.match(text, start, end)
        label = _speaker_label(doc, match)
        if label is None and match is not None and match.group("label").lower() in seen:
            label = match.group("label").lower()
        if label is not None and label not in _QUESTION_LABELS:
            seen.add(label)
        if label is None:
            pending.append((start, end))
            if len(pending) > MAX_TURN_PARAGRAPHS and current:
                runs.append(current)
                current = []
            continue
        if current:
            current[-1].parts.extend(pending)  # an answer that runs over several paragraphs
        current.append(_Turn(label, match.start("label"), match.end("label"), [(match.end(), end)]))
        pending = []
    runs.append(current)
    return [run for run in runs if len({turn.label for turn in run}) >= 2
            and (len(run) >= MIN_NAMED_TURNS or {turn.label for turn in run} <= _QUESTION_LABELS | _ANSWER_LABELS)]


def _interviewee(doc: Doc, before: int) -> tuple[int, int] | None:
    """Token range of the first person named before the transcript (the introduction names who answers)."""
    return next(((e.start, e.end) for e in doc.ents if e.label_ == "PERSON" and e.end_char <= before), None)


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
        interviewee = _interviewee(doc, run[0].label_start)
        for turn in run:
            covered.append((turn.label_start, turn.parts[-1][1]))
            if turn.label in _QUESTION_LABELS:
                continue
            mention = interviewee if turn.label in _ANSWER_LABELS else _named(doc, turn)
            units.append(Quote(start=turn.parts[0][0], end=turn.parts[-1][1], parts=turn.parts, kind="block",
                               cue=":", mention=mention))
    return units, covered
