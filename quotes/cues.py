"""Cue lexicon: the reporting verbs and phrases that introduce speech in news English."""

from __future__ import annotations

from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

#: Lemmas of verbs that report speech or writing (not belief: "think" and "believe" are not cues).
SPEECH_VERBS: frozenset[str] = frozenset(
    """
    say tell add note warn state claim argue insist explain announce confirm write tweet post describe
    call ask reply respond suggest report acknowledge admit accuse charge declare deny estimate predict
    promise recall remark reveal stress urge vow assert contend comment complain concede conclude
    emphasize emphasise inform mention observe propose reiterate repeat maintain testify quip joke boast
    lament muse recount shout whisper wonder blast slam criticize criticise praise brand dub label term
    refer characterize characterise threaten pledge advise caution demand allege affirm agree answer
    assure disclose elaborate exclaim hint imply indicate instruct plead proclaim protest question
    recommend remind retort speculate swear tease underline underscore yell signal counter fume scoff
    continue cite quote echo tout decry denounce dismiss concur interject rebut grumble
    """.split()
)


_CUE_HASHES = frozenset(hash_string(word) for word in (*SPEECH_VERBS, "according"))


def cue_candidates(doc: Doc) -> list[int]:
    """Indices of tokens that may be cues (a speech-verb lemma, or 'according'), found without
    building a Python object per token."""
    table = doc.to_array([LEMMA, LOWER])
    return [i for i, (lemma, lower) in enumerate(table.tolist()) if lemma in _CUE_HASHES or lower in _CUE_HASHES]


def is_speech_verb(token: Token) -> bool:
    """A reporting verb token (say, tell, warn, ...), by lemma, excluding nouns and adjectives."""
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in SPEECH_VERBS


def is_according_to(token: Token) -> bool:
    """The 'according' of 'according to X'."""
    return token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to"
