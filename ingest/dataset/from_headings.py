"""How-to questions from procedure headings: "### Requesting advanced sick leave in HR Links" followed by its steps
-> "How do I request advanced sick leave in HR Links?", answered by the section's steps.

Why: handbooks put their procedures under a verb heading and give the steps as a list, and list steps are exactly
what the sentence rules must not ask about one by one ("Should you click Continue?" is step 3 of something). On
the 18F handbook 157 of the chunks without a pair started with such a heading ("Requesting leave", "Submitting an
evaluation", "Cancel an absence request"). The heading names the task, so the question is the task asked as "How
do I ...?"; the answer is the section's text up to the next heading when it is short enough to be one answer
(extractors.SECTION_WORDS), else its first paragraph with the list it introduces (`extractors.section_answer`,
shared with the FAQ extractor). A question must retrieve its own
chunk in the top k, like the sentence rules' (from_sentences.py).
"""

from __future__ import annotations

import re

from ingest.dataset.clauses import load_parser
from ingest.dataset.extractors import SECTION_WORDS, ExtractedPair, section_answer
from ingest.dataset.topic import with_topic
from qacore.retrieval import Retriever
from qacore.store import Chunk

_HEADING = re.compile(r"\A\s*#{2,6}\s+(?P<h>[^\n#]{4,120}?)\s*#*\s*\n")  # a page title (#) names a page, not a task
_NEXT_HEADING = re.compile(r"\n#{1,6}\s")
MIN_LEAD_WORDS = 12  # a first paragraph shorter than this, cut from a long section, is a lead-in, not the answer
# verb headings that name no task a person would ask how to do
_NOT_A_TASK = {"go", "be", "have", "do", "see", "know", "learn", "make", "keep", "stay", "start", "wrap",
               "look", "move", "overcome", "interact", "build", "work", "understand", "play",
               # advice, not a procedure: "Consider the forum", "Help partners make the most of ...", "Use your
               # travel card when possible" became "how do I consider the forum?" (fourth hand check on 18F)
               "consider", "help", "use", "think", "remember", "try", "avoid", "respect", "assume", "embrace",
               "celebrate", "expect", "trust", "focus", "prioritize", "encourage", "value", "lead", "practice"}
# a heading with these is advice or a pair of tasks: "Use your travel card when possible", "Updating your address &
# notifying benefits companies", "Join the research guild!"
_NOT_ONE_TASK = {"&", "when", "if", "whenever", "possible", "these", "this", "those", "that",
                 # a pronoun points at the page: "Introduce them to TTSC people, culture, and practices" (fifth check)
                 "them", "they", "it", "their", "its", "he", "she", "him", "her"}
# an answer that only leads into what follows, promises content later, points elsewhere or greets answers nothing
_NO_ANSWER = re.compile(r"\b(?:below|the following|as follows|will be updated|to be determined|tbd|coming soon)\b|"
                        r"^\W*(?:see|visit|refer to|check out|read|review|go to|welcome)\b", re.IGNORECASE)


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
    if lemma in _NOT_A_TASK or any(t.text in {"?", "!", ":", "(", "[", "|"} or t.lower_ in _NOT_ONE_TASK
                                   for t in tokens):
        return None
    if any(t.text == "," and t.i + 1 < len(heading_doc) and heading_doc[t.i + 1].tag_ in {"VB", "VBG", "VBP", "VBD", "VBN"}
           for t in tokens):  # "Write to be understood, read to understand": two pieces of advice
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
        span = section_answer(chunk.text, match.end()) if question else None
        if not span:
            continue
        answer = chunk.text[span[0]:span[1]]
        section = _NEXT_HEADING.split(chunk.text[span[0]:], maxsplit=1)[0]
        cut = len(section.split()) > SECTION_WORDS  # the answer is only the section's first paragraph
        if cut and (not MIN_LEAD_WORDS <= len(answer.split()) <= SECTION_WORDS or answer.rstrip().endswith(":")) \
                or _NO_ANSWER.search(answer.split("\n\n")[0]):
            continue  # a cut answer that ends leading into a list it left out ("Here are our rules of thumb:")
        candidates.append(ExtractedPair(with_topic(question, chunk.title), answer, chunk.id, chunk.source, *span,
                                        "task"))
    top = retriever.search_ids_many([c.question for c in candidates])
    return [c for c, ids in zip(candidates, top, strict=True) if c.chunk_id in ids]
