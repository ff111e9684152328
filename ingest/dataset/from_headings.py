"""How-to questions from procedure headings: "### Requesting advanced sick leave in HR Links" followed by its steps
-> "How do I request advanced sick leave in HR Links?", answered by the section's steps.

Why: handbooks put their procedures under a verb heading and give the steps as a list, and list steps are exactly
what the sentence rules must not ask about one by one ("Should you click Continue?" is step 3 of something). On
the 18F handbook 157 of the chunks without a pair started with such a heading ("Requesting leave", "Submitting an
evaluation", "Cancel an absence request"). The heading names the task, so the question is the task asked as "How
do I ...?"; the answer is the section's text up to the next heading when it is short enough to be one answer
(`MAX_ANSWER_WORDS`), else its first paragraph with the list it introduces. A question must retrieve its own
chunk in the top k, like the sentence rules' (from_sentences.py).
"""

from __future__ import annotations

import re

from ingest.dataset.clauses import load_parser
from ingest.dataset.extractors import ExtractedPair
from ingest.dataset.topic import with_topic
from qacore.retrieval import Retriever
from qacore.store import Chunk

_HEADING = re.compile(r"\A\s*#{2,6}\s+(?P<h>[^\n#]{4,120}?)\s*#*\s*\n")  # a page title (#) names a page, not a task
_NEXT_HEADING = re.compile(r"\n#{1,6}\s")
MAX_ANSWER_WORDS = 110  # under the answer gate's 120 (gates.GateLimits.max_answer_words)
# verb headings that name no task a person would ask how to do
_NOT_A_TASK = {"go", "be", "have", "do", "see", "know", "learn", "make", "keep", "stay", "start", "wrap",
               "look", "move", "overcome", "interact", "build", "work", "understand", "play"}
# an answer that only leads into what follows, promises content later, points elsewhere or greets answers nothing
_NO_ANSWER = re.compile(r"\b(?:below|the following|as follows|will be updated|to be determined|tbd|coming soon)\b|"
                        r"^\W*(?:see|visit|refer to|check out|read|review|go to|welcome)\b", re.IGNORECASE)


def _answer_span(text: str, start: int) -> tuple[int, int] | None:
    """The section body after the heading: whole when short, else its first paragraph and the list after it."""
    end_match = _NEXT_HEADING.search(text, start)
    end = end_match.start() if end_match else len(text)
    body = text[start:end].strip()
    if not body:
        return None
    first = start + (len(text[start:end]) - len(text[start:end].lstrip()))
    if len(body.split()) <= MAX_ANSWER_WORDS:
        return first, first + len(body)
    paragraphs = re.split(r"\n\s*\n", body)
    taken = paragraphs[0]
    if taken.rstrip().endswith(":") and len(paragraphs) > 1 and paragraphs[1].lstrip().startswith(("-", "*", "1")):
        taken = f"{taken}\n\n{paragraphs[1]}"
    if len(taken.split()) > MAX_ANSWER_WORDS or len(taken.split()) < 12:
        return None  # a one-line lead-in to a long section is not the answer
    return first, first + len(taken)


def task_question(heading_doc) -> str | None:
    """"Requesting leave in HR Links" -> "How do I request leave in HR Links?"; "Cancel an absence request" ->
    "How do I cancel an absence request?"; None for a heading that is not a task ("Timekeeping", "Getting help")."""
    tokens = [t for t in heading_doc if not t.is_space]
    if len(tokens) < 2 or len(tokens) > 12 or tokens[0].tag_ not in {"VBG", "VB", "NN", "NNP"}:
        return None
    first = tokens[0]
    lemma = first.lemma_.lower()
    if first.tag_ in {"NN", "NNP"} and not first.lower_.endswith("ing"):
        return None  # "Parking", "Onboarding process": a noun, the tagger's NN for a gerund is only taken with -ing
    if first.lower_.endswith("ing") and lemma == first.lower_:
        return None  # the lemmatizer did not know it as a verb
    if lemma in _NOT_A_TASK or any(t.text in {"?", "!", ":", "(", "[", "|"} for t in tokens):
        return None
    if first.tag_ == "VB" and all(t.text[:1].isupper() for t in tokens if t.is_alpha and len(t.text) > 3):
        return None  # "Leave Policy", "Travel Card": a Title Case name, not an imperative
    rest = heading_doc[first.i + 1:].text.strip().rstrip(".")
    if not rest or rest.lower() in {"started", "help", "ready", "up", "out", "going", "around"}:
        return None  # "Getting started", "Getting help": a section, not a task
    rest = re.sub(r"\byour\b", "my", re.sub(r"\byou\b", "I", rest))  # "Determining whether you need ..."
    return f"How do I {lemma} {rest}?"


def heading_pairs(chunks: list[Chunk], retriever: Retriever) -> list[ExtractedPair]:
    """One how-to candidate per chunk that opens with a task heading, kept if it retrieves its chunk in the top k.
    (A heading that is a question is the FAQ extractor's, and `task_question` refuses it.)"""
    found: list[tuple[Chunk, re.Match]] = []
    for chunk in chunks:
        match = _HEADING.match(chunk.text)
        if match:
            found.append((chunk, match))
    if not found:
        return []
    nlp = load_parser()
    candidates: list[ExtractedPair] = []
    for (chunk, match), doc in zip(found, nlp.pipe([m.group("h") for _, m in found], batch_size=64), strict=True):
        question = task_question(doc)
        span = _answer_span(chunk.text, match.end()) if question else None
        if question and span and not _NO_ANSWER.search(chunk.text[span[0]:span[1]].split("\n\n")[0]):
            candidates.append(ExtractedPair(with_topic(question, chunk.title), chunk.text[span[0]:span[1]],
                                            chunk.id, chunk.source, span[0], span[1], "task"))
    top = retriever.search_ids_many([c.question for c in candidates])
    return [c for c, ids in zip(candidates, top, strict=True) if c.chunk_id in ids]
