"""Is a generated answer degenerate, i.e. not an answer at all? One function, shared by `qa ask` (never show it),
the guard (replace it) and `qa eval` (count it: the `degenerate` metric).

On a real handbook nobody here wrote (18F), the embedded 135M generator produced four kinds of non-answers that
the verifier cannot be trusted to catch (a list of passage labels has no "claims", an echoed prompt is fluent):

    label list     "1. [1] Benefits > Leave 2. [2] Benefits > Leave ..."
    prompt echo    "You're the company's internal helpdesk assistant. I'm here to help you ..."
    repetition     one sentence (or a short phrase) repeated until the token limit
    bare list      "2024-01-01, 2024-02-01, 2024-03-01, ..." (dates, numbers, labels, no statement)

Each is detected from the text alone (plus the prompt and passage labels when known), with rules rather than a
model: the kinds are few and crisp, and a rule says *why* it fired, which `qa eval` reports per item.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from qacore.prompting import is_refusal

_WORDS = re.compile(r"[a-z0-9']+")
_LABEL_MARK = re.compile(r"\[\d{1,2}\]|\s>\s|^\s*(?:[-*+\u2022]|\d+[.)])\s*", re.MULTILINE)
_DATE_OR_NUMBER = re.compile(r"^[\W\d_]*(?:\d[\d\-/.:,]*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)"
                             r"(?:[\W\d_]+(?:\d[\d\-/.:,]*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*))*"
                             r"[\W\d_]*$", re.IGNORECASE)


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.lower())


def _ngrams(words: Sequence[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def degenerate_reason(answer: str, *, prompt: str = "", labels: Sequence[str] = ()) -> str | None:
    """Why `answer` is not an answer ("label list", "prompt echo", "repetition", "bare list", "empty"), or None.

    prompt: the instructions the model was given (system prompt), to catch an echo; the question and passages
    are *not* part of it (repeating the question's words or a passage sentence is how a good answer looks).
    labels: the passage labels shown to the model ("Benefits > Leave"), to catch an answer made only of them."""
    text = answer.strip()
    words = _words(text)
    if not words:
        return "empty"
    if is_refusal(text):  # the refusal the prompt asks for is an answer, not an echo of the prompt
        return None
    # prompt echo: 8 consecutive words of the instructions, or an answer that introduces itself as the assistant
    if prompt and _ngrams(words, 8) & _ngrams(_words(prompt), 8):
        return "prompt echo"
    if re.match(r"^(?:you(?:'re| are)|i(?:'m| am)) (?:the |an? |your )?(?:company's |internal )*(?:helpdesk |help desk )?"
                r"(?:assistant|helpdesk|help desk)\b", text, re.IGNORECASE):
        return "prompt echo"
    # repetition: one line/sentence three or more times, or a 4-gram that covers over 40% of a long answer
    pieces = [p.strip().lower() for p in re.split(r"(?<=[.!?])\s+|\n+", text) if len(_words(p)) >= 2]
    if pieces and Counter(pieces).most_common(1)[0][1] >= 3:
        return "repetition"
    if len(words) >= 24:
        grams = Counter(tuple(words[i:i + 4]) for i in range(len(words) - 3))
        gram, count = grams.most_common(1)[0]
        if count >= 4 and count * 4 / len(words) > 0.4:
            return "repetition"
        if len(set(words)) / len(words) < 0.3:
            return "repetition"
    # label list: remove citation marks, label separators, list markers and the labels' own words; nothing is left
    stripped = _LABEL_MARK.sub(" ", text)
    label_words = {w for label in labels for w in _words(label)}
    rest = [w for w in _words(stripped) if w not in label_words]
    if labels and len(rest) <= max(2, len(words) // 8) and (len(_LABEL_MARK.findall(text)) >= 2 or len(words) >= 3):
        return "label list"
    # ... or, labels unknown (another system's logs): breadcrumbs ("A > B") and citation marks, in Title Case
    raw = re.findall(r"[A-Za-z][A-Za-z0-9'\-]*", stripped)
    if (text.count(" > ") >= 2 and len(re.findall(r"\[\d{1,2}\]", text)) >= 2
            and sum(w[0].isupper() for w in raw) >= 0.6 * max(len(raw), 1)):
        return "label list"
    # bare list: three or more items (lines or comma-separated) that are each only dates or numbers
    items = [i.strip() for i in re.split(r"\n+|,|;", _LABEL_MARK.sub(" ", text)) if i.strip()]
    if len(items) >= 3 and sum(bool(_DATE_OR_NUMBER.match(i)) for i in items) >= 0.8 * len(items):
        return "bare list"
    return None


_FILLER = re.compile(r"^(?:(?:the )?(?:correct )?answer(?: to (?:this|your|the) question)? is\s*:?\s*|answer\s*:\s*)",
                     re.IGNORECASE)


def tidy_answer(answer: str) -> str:
    """Decoding hygiene after the fact, for every generator: end the answer where the model stopped answering.
    A small model keeps going after its answer: it opens a new Markdown section ("### Using AI tools"), repeats
    its sentence, or prefixes "The answer to your question is:". Repetition penalties were tried on the 18F
    handbook and made every answer drift off the passages (issue 11), so the text is cut instead: filler prefix
    dropped, everything from the first heading line after some text dropped, repeated sentences kept once (and a
    repeat cut off by the token limit, "... to the next. You can carry over 240 hours from", dropped).
    What is left is then checked by `degenerate_reason`."""
    kept: list[str] = []
    for line in answer.strip().splitlines():
        if re.match(r"\s*#{1,6}\s", line) and any(k.strip() for k in kept):
            break
        kept.append(re.sub(r"^\s*#{1,6}\s+|\*\*", "", line))
    seen, out = set(), []
    for piece in re.split(r"(?<=[.!?])\s+|\n+", "\n".join(kept)):
        piece = piece.strip()
        while _FILLER.match(piece):
            piece = _FILLER.sub("", piece, count=1).strip()
        key = " ".join(_words(piece))
        if not key or key in seen or any(k.startswith(key + " ") for k in seen):  # a repeat, or a cut-off repeat
            continue
        seen.add(key)
        out.append(piece)
    return " ".join(out)
