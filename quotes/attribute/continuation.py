"""Cue-less quotes: the speaker a quotation's context gives when no cue names one.

A name signed after the quote on its line ("― Jane Doe"), a narration sentence that introduces it with a colon
("Below is a statement by Jane Doe:"), the named subject of its own sentence ("BBC One posted: “…”"), the person
the narration sentence just before it is about, else the speaker quoted just before it (within
CONTINUATION_REACH). Part of the article context of quotes.attribute.resolve (a mixin: it reads the context's
doc, entities, chain, inside and history and calls its name and document resolution).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from quotes.attribute.coref import SUBJECT_DEPS, is_subject
from quotes.attribute.role_nouns import role_modifiers
from quotes.attribute.speaker import ResolvedSpeaker, is_plural
from quotes.extract.units import Quote, doc_text
from quotes.lexicon import DOCUMENT_NOUNS

#: How far back (characters) a cue-less quote may continue the previous speaker.
CONTINUATION_REACH = 1200
#: A name signed after a quote on its line: “…” ― Jane Doe
_SIGNED_AFTER = re.compile(r"^[^\S\n]*[―—–-]{1,2}[^\S\n]*([^\W\d_][^\n,;()]{1,60}?)[^\S\n.]*\.?[^\S\n]*$", re.M)


class ContinuationResolution:
    """The speaker of a quote without a cue (mixed into the article context)."""

    def _continuation(self, quote: Quote) -> ResolvedSpeaker | None:
        """A quote with no cue: a name signed after it, the named subject of its sentence, else the
        speaker quoted just before it."""
        signed = self._signed_after(quote) or self._introduced(quote)
        if signed is not None:
            return signed
        subject = self._sentence_subject(quote) or self._introduced_before(quote)
        if subject is not None:
            return subject
        if self.history and quote.start - self.history[-1][0] <= CONTINUATION_REACH:
            return self.history[-1][1]
        return None

    def _signed_after(self, quote: Quote) -> ResolvedSpeaker | None:
        """A name signed after the quote on its own line: “…” ― Jane Doe."""
        text = doc_text(self.doc)
        line_end = text.find("\n", quote.end)
        match = _SIGNED_AFTER.match(text[quote.end : line_end if line_end >= 0 else len(text)])
        if match is None:
            return None
        span = self.doc.char_span(quote.end + match.start(1), quote.end + match.end(1), alignment_mode="expand")
        if span is None or not any(t.pos_ == "PROPN" for t in span):
            return None
        return self._name(span, span.root)

    def _introduced(self, quote: Quote) -> ResolvedSpeaker | None:
        """A quote after a colon that closes the narration before it: "Below is a statement by Jane Doe:"
        — the issuer of a document named there, else its subject or the person it names."""
        text = doc_text(self.doc)
        i = quote.start - 1
        while i >= 0 and (text[i].isspace() or text[i] in "\"“”'‘’«»"):
            i -= 1
        if i < 0 or text[i] != ":":
            return None
        colon = self.doc.char_span(i, i + 1, alignment_mode="expand")
        if colon is None or self.inside[colon.start]:
            return None
        sent = self.doc[colon.start].sent
        line_start = text.rfind("\n", 0, i) + 1  # the tagger may run a list's lines into one sentence
        words = [t for t in sent if t.i < colon.start and not self.inside[t.i] and t.idx >= line_start]
        found = self._topic_label(words) or self._document_speaker(words)  # (a topic may be a document: "on the study")
        if found is not None:
            return found
        if sent.start > 0 and any(t.dep_ == "nsubj" and t.lower_ in ("it", "this") for t in words):
            # "… an open letter drafted by Dr X. It read: “…”": the document the sentence before names
            before = self.doc[sent.start - 1].sent
            found = self._document_speaker([t for t in before if not self.inside[t.i]][::-1])
            if found is not None:
                return found
        # the subject of the clause the colon closes ("X wrote that …, and Roe was blunter still:"), else the first
        last_verb = next((t for t in reversed(words) if t.pos_ in ("VERB", "AUX") and t.dep_ == "conj"), None)
        subjects = [t for t in words if t.dep_ == "nsubj" and (t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG"))]
        subjects = [t for t in subjects if last_verb is not None and t.head.i == last_verb.i] or subjects
        if subjects:
            return self._name(self.doc[subjects[0].left_edge.i : subjects[0].i + 1], subjects[0])
        labelled = self._label_name(words)
        if labelled is not None:
            return labelled
        person = next((self.entities.person_at[t.i] for t in words if t.i in self.entities.person_at), None)
        return self._speaker_of(person) if person is not None else None

    def _topic_label(self, words: list[Token]) -> ResolvedSpeaker | None:
        """A headline's "speaker on topic:" label, with no verb ("Mayor on flood plan: “…”", "Roe on the vote:
        “…”"): the phrase before "on" is who speaks, whatever it is (a name or a role noun)."""
        words = [t for t in words if not t.is_punct]
        on = next((k for k, t in enumerate(words) if t.lower_ == "on" and t.pos_ == "ADP"), None)
        if not on or any(t.pos_ in ("VERB", "AUX") for t in words):
            return None
        phrase, head = words[:on], words[on - 1]
        if head.pos_ not in ("NOUN", "PROPN"):
            return None
        if head.pos_ == "NOUN" and not is_plural(head):  # a headline drops the article: "Mayor on …" is the mayor
            holder = self._person_with_role(head.lemma_.lower(), head.i, modifiers=role_modifiers(head))
            if holder is not None:
                return self._speaker_of(holder)
        return self.speaker_of_span(self.doc[phrase[0].i : head.i + 1], head)

    def _label_name(self, words: list[Token]) -> ResolvedSpeaker | None:
        """A line's label before the colon, with no verb ("- John Doe, opposition leader: “…”"): the name it
        opens with (a list of key quotes labels each line so, names the tagger may not know)."""
        words = [t for t in words if not t.is_punct or t.text == ","]
        if not words or any(t.pos_ in ("VERB", "AUX") for t in words):
            return None
        run = []
        for tok in words:
            if tok.text == "," or tok.pos_ != "PROPN":
                break
            run.append(tok)
        if not run:
            return None
        return self._name(self.doc[run[0].i : run[-1].i + 1], run[-1])

    def _document_speaker(self, words: list[Token]) -> ResolvedSpeaker | None:
        """The issuer of the first document noun among ``words`` ("a statement by X"), or the owner of the words
        ("The mayor's plea was blunt")."""
        for tok in words:
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in DOCUMENT_NOUNS:
                issuer = self._issuer(tok)
                if isinstance(issuer, ResolvedSpeaker):
                    return issuer
                if issuer is not None:  # "The mayor's plea was blunt: “…”": the owner of the words says them
                    owner = self.speaker_of_span(self.doc[issuer.left_edge.i : issuer.i + 1], issuer)
                    if owner is not None:
                        return owner
        return None

    def _introduced_before(self, quote: Quote) -> ResolvedSpeaker | None:
        """The person a narration sentence right before a cue-less quote is about, when no quote came
        between: "Darin Schroeder, of the Bird Conservancy, agreed with the decision.\n\n“We are gratified…”"."""
        first = self.doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if first is None or first.start == 0:
            return None
        i = first.start - 1
        while i >= 0 and (self.doc[i].is_space or self.doc[i].is_punct):
            i -= 1
        if i < 0 or self.inside[i] or (self.history and self.history[-1][0] > self.doc[i].idx):
            return None
        for sent in self._narration_before(self.doc[i].sent):
            subjects = [(tok, entity) for tok in sent if not self.inside[tok.i] and is_subject(tok)
                        and (entity := self.chain._person_named(tok.i)) is not None]
            if subjects:  # the subject's head before a name in its compound ("Lumora CEO Jane Doe")
                tok, entity = min(subjects, key=lambda pair: (pair[0].dep_ not in SUBJECT_DEPS, pair[0].i))
                return self._speaker_of(entity)
        return None

    def _narration_before(self, last: Span) -> list[Span]:
        """``last`` and, latest first, the sentences of its paragraph before it, back to a quotation: the
        narration a cue-less quote follows ("X has published a post on the blog. The opening line: “…”")."""
        found = [last]
        text = doc_text(self.doc)
        while found[-1].start > 0:
            before = self.doc[found[-1].start - 1].sent
            words = [t for t in before if not t.is_space]  # a paragraph break may close the sentence before
            gap = text[words[-1].idx + len(words[-1]) if words else before.start_char : found[-1].start_char]
            if "\n\n" in gap or any(self.inside[t.i] for t in before) or (
                    self.history and self.history[-1][0] > before.start_char):
                break
            found.append(before)
        return found

    def _sentence_subject(self, quote: Quote) -> ResolvedSpeaker | None:
        """The narration subject of the quote's own sentence, when it names someone: "BBC One posted: “…”"."""
        first = self.doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if first is None:
            return None
        sentences = {first[0].sent.start: first[0].sent, first[-1].sent.start: first[-1].sent}
        for sent in sentences.values():
            for tok in sent:
                if self.inside[tok.i] or tok.dep_ != "nsubj" or self.inside[tok.head.i] or tok.head.pos_ != "VERB":
                    continue
                if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG"):
                    return self._name(self.doc[tok.left_edge.i : tok.i + 1], tok)
        return None
