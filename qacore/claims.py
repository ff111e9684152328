"""Text plumbing shared by the answer guard (qacore.guard), the metrics pipeline and the verifier calibration.

- `split_claims`: an answer -> the factual sentences worth checking (citation markers and refusal sentences removed);
- `evidence_sentences`: a chunk of a document -> clean sentences (list markers, Markdown, hard line wraps,
  table rows and headings dealt with), so that a claim can be compared sentence by sentence;
- `CachingEmbedder`: an embedder wrapper that embeds each distinct text once (the same evidence sentences are
  compared against many claims).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from qacore.prompting import is_refusal
from qacore.support import content_words

# [1], [1, 2], [1-3], [1][2], and the "【1】"/"[^1]" spellings some models produce
CITATION = re.compile(r"\s*(?:\[\^?\d+(?:\s*[,;\u2013-]\s*\d+)*\]|\u3010\d+\u3011)")
_ABBREVIATIONS = re.compile(r"\b(e\.g|i\.e|etc|vs|approx|incl|Mr|Mrs|Ms|Dr|No)\.", re.IGNORECASE)
_DOT = "\u2024"  # one-dot leader: stands in for the dot of an abbreviation while splitting
_SPLIT = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
# "- ", "* ", "1. ", "2) ", "3.2 ", "a) "; a bare number ("27 days ...") is not a list marker
_LIST_MARKER = re.compile(r"^\s*(?:[-*+\u2022]|\d+[.)]|\d+(?:\.\d+)+[.)]?|[a-z][.)])\s+")
_MARKUP = re.compile(r"\*\*|__|`")
# [text](target) -> text, and template tags ({% page "/x/" %}): a sentence is read, not followed; on the 18F
# handbook nearly every other sentence carried a link whose target was longer than the sentence
_LINK = re.compile(r"!?\[([^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)")
_QUOTE_MARK = re.compile(r"^(?:>\s?)+")  # Markdown blockquote markers: "> > Zoom Usage Guidance"
_TEMPLATE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}")
_RULE = re.compile(r"^[\s\-=_*~#|:]+$")
_QA_PREFIX = re.compile(r"^(?:completion|answer|a)\s*:\s*", re.IGNORECASE)
_QUESTION_PREFIX = re.compile(r"^(?:prompt|question|q)\s*:", re.IGNORECASE)
_NO_CONTENT = frozenset(["yes", "no", "okay", "ok", "sure", "correct", "note", "see", "above", "below", "answer"])


def strip_citations(text: str) -> str:
    return CITATION.sub("", text)


def split_sentences(text: str) -> list[str]:
    """Sentences of one paragraph: split after . ! ? followed by a capital or digit; abbreviations kept whole."""
    protected = _ABBREVIATIONS.sub(lambda m: m.group(0)[:-1] + _DOT, text)
    return [s.replace(_DOT, ".").strip() for s in _SPLIT.split(protected) if s.strip()]


def _units(text: str) -> list[str]:
    """Paragraphs and list items as single lines: hard-wrapped lines joined, list markers, Markdown emphasis,
    headings, table rows and horizontal rules removed."""
    units: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        current: list[str] = []
        for raw in paragraph.splitlines():
            line = _QUOTE_MARK.sub("", raw.strip())
            if not line or line.startswith(("#", "|", "```")) or _RULE.match(line):
                if current:
                    units.append(" ".join(current))
                    current = []
                continue
            if _LIST_MARKER.match(line) or _QUESTION_PREFIX.match(line) or _QA_PREFIX.match(line):
                if current:
                    units.append(" ".join(current))
                current = [_LIST_MARKER.sub("", line, count=1)]
            else:
                current.append(line)
        if current:
            units.append(" ".join(current))
    out = []
    for unit in units:
        if _QUESTION_PREFIX.match(unit):
            continue
        unit = _MARKUP.sub("", _QA_PREFIX.sub("", _LINK.sub(r"\1", _TEMPLATE.sub("", unit))))
        unit = " ".join(unit.split())
        if unit:
            out.append(unit)
    return out


def evidence_sentences(evidence: Sequence[str] | str) -> list[str]:
    """Clean sentences of one or more evidence texts, in order, without duplicates."""
    texts = [evidence] if isinstance(evidence, str) else list(evidence)
    seen: set[str] = set()
    out = []
    for text in texts:
        for unit in _units(text):
            for sentence in split_sentences(unit):
                if sentence not in seen:
                    seen.add(sentence)
                    out.append(sentence)
    return out


def split_claims(answer: str) -> list[str]:
    """The claims of an answer: its sentences (list items and lines count as sentences), with citation markers
    removed, without refusal sentences ("I don't know ...") and without sentences that carry no content word
    ("Yes.", "See above.": nothing to verify)."""
    claims = []
    for sentence in evidence_sentences(strip_citations(answer)):
        sentence = sentence.strip(" \t-:;")
        if not sentence or is_refusal(sentence) or set(content_words(sentence)) <= _NO_CONTENT:
            continue
        claims.append(sentence)
    return claims


class CachingEmbedder:
    """Wraps an embedder (`.embed(texts) -> (n, dim) normalized float32`) so each distinct text is embedded once.
    Everything else (identity, dim, ...) is passed through."""

    def __init__(self, embedder):
        self.embedder = embedder
        self._cache: dict[str, np.ndarray] = {}

    def __getattr__(self, name):
        return getattr(self.embedder, name)

    def embed(self, texts: Sequence[str], progress=None) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            vectors = self.embedder.embed(missing)
            self._cache.update(zip(missing, vectors, strict=True))
        if not texts:
            return np.zeros((0, int(getattr(self.embedder, "dim", 0))), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts]).astype(np.float32, copy=False)
