"""Terms of a question that the documents never use: the guard's second answerability signal, after relevance.

Why: sentence relevance cannot tell "does GSA reimburse TSA PreCheck?" from an answerable travel question: the
nearest sentences are about travel reimbursement either way. What gives it away is that no document ever says
"precheck". On the 18F gold set (bench/data/18f-gold.jsonl) 4 of the 10 unanswerable questions name such a term
(juror, FEGLI, stipend, PreCheck) and none of the 30 answerable ones does. This rule was written after reading
those questions (so on them it is in-sample). Out of sample: on 2,420 real human questions about 20 privacy
policies (policyqa-dev, all answerable) it flags 15 (0.6%: "implicitly" 9, "ssn" 3, "configure" 3); on the 18F
workspace's own dataset it flags 0 of 910 answerable questions and 29 of 83 unanswerable ones (BENCHMARKS.md,
"Reading the answers on real documents").

A question word counts as unknown only if all of these hold, each one measured against false refusals:
- it is not in the corpus vocabulary (the BM25 index's own tokens), nor is a plural, -ed/-ing/-ly form or Porter
  stem of a corpus word (laptops/laptop, configure/configuration);
- it is not a common English word: a whole word in the embedding model's tokenizer vocabulary (for MiniLM, BERT's
  30k WordPiece vocabulary, built by frequency). Without this, 15% of the policyqa questions had an "unknown" word,
  mostly phrasing ("yes", "explicitly", "scope") that a document never needs to contain;
- it is not a misspelling of a corpus word (a corpus word with the same first letter and a similar spelling:
  "reimbursment", "parities" for parties).
What is left are names, acronyms and jargon the documents do not mention.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable

_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # bm25s' default token pattern, so words match the index's vocabulary


@functools.cache
def _porter():
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


def _forms(word: str) -> set[str]:
    forms = {word}
    for suffix in ("s", "es", "ed", "d", "ing", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            forms.add(word[: -len(suffix)])
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    return forms


class Vocabulary:
    """The words of one index snapshot, and the test `unknown_terms(question)`."""

    def __init__(self, corpus_words: Iterable[str], common_words: Iterable[str] = (), ignore: Iterable[str] = ()):
        self.words = {w.lower() for w in corpus_words}
        stem = _porter().stem
        self.stems = {stem(w) for w in self.words if w.isalpha()}
        self.common = {w.lower() for w in common_words if w.isalpha()}
        self.ignore = set(ignore)
        self._by_initial: dict[str, list[str]] = {}
        for w in self.words:
            if w.isalpha() and len(w) >= 4:
                self._by_initial.setdefault(w[0], []).append(w)

    def unknown_terms(self, question: str) -> list[str]:
        out = []
        for word in dict.fromkeys(t.lower() for t in _TOKEN.findall(question)):
            if word in self.ignore or not word.isalpha() or word in self.common or self._known(word):
                continue
            out.append(word)
        return out

    def _known(self, word: str) -> bool:
        if _forms(word) & self.words or _porter().stem(word) in self.stems:
            return True
        if len(word) < 5:
            return False
        cutoff = 0.85 if len(word) < 8 else 0.8
        candidates = [w for w in self._by_initial.get(word[0], ()) if abs(len(w) - len(word)) <= 2]
        return bool(difflib.get_close_matches(word, candidates, n=1, cutoff=cutoff))
