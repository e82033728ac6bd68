"""The press's typing errors in the words the award rules key on.

"Universal Health Converage", "penghargaai", "Ketegori", "digancar": one letter wrong,
missing, extra or two swapped. A long word (seven letters or more) one such edit away
from a cue word is read as that word, through ``Token.norm_``, which the award matchers
compare; short words are left alone, since "raih" and "rain" are both words.
"""

from __future__ import annotations

from collections import defaultdict

import numpy
from spacy.attrs import IS_ALPHA, LENGTH, LOWER
from spacy.tokens import Doc

MIN_LENGTH = 7
MAX_SEEN = 100_000


def one_edit(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one substitution, insertion, deletion or swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((n for n, (x, y) in enumerate(zip(short, long_, strict=False)) if x != y), len(short))
    return short[i:] == long_[i + 1 :]


class Speller:
    """Maps near misses of a fixed vocabulary back to it; each word form is looked up
    once, since a batch of articles repeats most of its words."""

    def __init__(self, words: set[str]) -> None:
        self.words = {w for w in words if len(w) >= MIN_LENGTH}
        self.by_shape: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word in self.words:
            for length in (len(word) - 1, len(word), len(word) + 1):
                self.by_shape[word[0], length].append(word)
        self.seen: dict[int, str | None] = {}

    def correct(self, doc: Doc) -> None:
        """Set ``norm_`` of every near miss in ``doc`` to the word it misses. The long
        alphabetic tokens are picked from the doc's array, so no Token is built for the
        others."""
        array = doc.to_array([LOWER, IS_ALPHA, LENGTH])
        long_words = numpy.nonzero((array[:, 2] >= MIN_LENGTH) & (array[:, 1] == 1))[0]
        for i in long_words:
            key = int(array[i, 0])
            if key not in self.seen:
                if len(self.seen) >= MAX_SEEN:
                    self.seen.clear()
                self.seen[key] = self._miss(doc.vocab.strings[key])
            match = self.seen[key]
            if match is not None:
                doc[int(i)].norm_ = match

    def _miss(self, lower: str) -> str | None:
        if lower in self.words:
            return None
        candidates = self.by_shape.get((lower[0], len(lower)), ())
        return next((w for w in candidates if one_edit(lower, w)), None)
