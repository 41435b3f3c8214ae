"""The synonym table's build: content stems of one dominant sense mapped to one stem (``features`` reads the table).

Outlets that translate or rewrite a remark swap words for synonyms ("quake" for "earthquake", "pistol" for
"handgun"). The table (``synonyms.tsv``) maps a stem to the stem that stands for its sense, where WordNet 3.0 gives
the words one dominant sense: a word is mapped only when one sense holds at least DOMINANT_SHARE of its
sense-tagged uses (or it has one sense only), and a stem only when the commonest word it stems from is so mapped.
Polysemous words ("state", "stop") keep their own stem, so a merge never rests on a rare reading. Derived from
WordNet 3.0's ``index.sense`` by ``python -m quotes.reconcile.synonyms PATH/TO/index.sense > synonyms.tsv``.

WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. THIS SOFTWARE AND DATABASE IS PROVIDED
"AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT
NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS FOR ANY
PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD
PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS. (The WordNet 3.0 licence permits use, copy, modification and
distribution with this notice.)
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Callable, Iterable

#: A word's commonest sense must hold at least this share of its sense-tagged uses for the word to be merged with
#: that sense's other words. Fitted on the 17 development stories (python -m benchmarks.grouping): 0.5 and 0.7
#: give the same figures, 0.3 and 0 (the commonest sense whatever its share) lose 0.004-0.007 mean pairwise F1, as
#: merges on a minority reading link unrelated remarks.
DOMINANT_SHARE = 0.5
#: WordNet's synset types by the digit that opens a sense key's lexical part (5, an adjective satellite, is an
#: adjective sense).
_POS = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}


def build(index_sense: Iterable[str], stem: Callable[[str], str], function_words: frozenset[str]) -> str:
    """The table's text from the lines of WordNet's ``index.sense`` (sense_key offset number tag_count).

    ``stem`` maps a word to the stem the reconciler uses, so the table speaks the features' language.
    """
    senses: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for line in index_sense:
        key, offset, _, count = line.split()
        lemma, lexical = key.split("%")
        if lemma.isalpha():  # one plain word: multiword and hyphenated lemmas never meet a single token
            senses[lemma].append((int(count), _POS[lexical[0]] + offset))
    uses = {lemma: sum(count for count, _ in found) for lemma, found in senses.items()}
    sense_of: dict[str, str] = {}
    for lemma, found in senses.items():
        count, sense = max(found)
        if (count > 0 and count >= DOMINANT_SHARE * uses[lemma]) or len({s for _, s in found}) == 1:
            sense_of[lemma] = sense
    commonest: dict[str, str] = {}  # stem -> the commonest word with that stem (shortest on a tie)
    for lemma in sorted(senses, key=lambda word: (-uses[word], len(word), word)):
        if lemma not in function_words:
            commonest.setdefault(stem(lemma), lemma)
    members: dict[str, list[str]] = defaultdict(list)
    for word_stem, lemma in commonest.items():
        if lemma in sense_of:
            members[sense_of[lemma]].append(word_stem)
    rows = sorted((word_stem, min(stems)) for stems in members.values() if len(stems) > 1
                  for word_stem in stems if word_stem != min(stems))
    header = (f"# stem\tstem standing for its dominant WordNet 3.0 sense (share >= {DOMINANT_SHARE}); "
              "WordNet 3.0 Copyright 2006 by Princeton University, see synonyms.py\n")
    return header + "".join(f"{a}\t{b}\n" for a, b in rows)


if __name__ == "__main__":
    from quotes.lexicon import FUNCTION_WORDS
    from quotes.reconcile.features import normalised_stem

    with open(sys.argv[1], encoding="utf-8") as source:
        print(build(source, normalised_stem, FUNCTION_WORDS), end="")
