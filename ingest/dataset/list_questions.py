"""Questions from a lead-in sentence and the list it introduces: "The interview panel should usually include:" and
its bullets -> "What should the interview panel usually include?", answered by the lead-in and the whole list.

Why: handbooks give their rules, documents and steps as lists behind a colon ("To use your PPL, you must submit
the following:", "Slack users need to be offboarded in the following situations:"), and the sentence rules refuse
such a sentence, because its answer is the list (from_sentences.py: "Notable mentions ... include:" was answered
without the list in the 11th hand check on 18F). On the 18F handbook 320 chunks hold a lead-in line followed by a
list, 157 of them in chunks that had no pair at all.

The question is the lead-in's own clause with the list as its missing part:
- an object or "the following N" -> "what (N)": "We will consider the following metrics:" -> "What metrics will
  we consider?"; "The interview panel should usually include:" -> "What should the interview panel usually
  include?";
- "the following N" after a preposition -> "in what N": "Slack users need to be offboarded in the following
  situations:" -> "In what situations do Slack users need to be offboarded?";
- a missing complement of "be": "The purpose of the Council is to:" -> "What is the purpose of the Council?";
- a purpose before the instruction: "To request a reassessment, send the following to the ISSO:" -> "How do you
  request a reassessment?";
- a plural noun phrase: "Tips for working with interpreters:" -> "What are tips for working with interpreters?".
Refused: a lead-in that leans on what came before ("To achieve these goals, ...", "They include:"), a list that
runs on into the next chunk (the answer would be cut), or an answer longer than extractors.SECTION_WORDS.
"""

from __future__ import annotations

import itertools
import re

from ingest.dataset.clauses import (
    DEMONSTRATIVE,
    finish,
    load_parser,
    lower_first,
    proper_words,
    question_about,
    subject_of,
    subtree,
    text_of,
)
from ingest.dataset.extractors import SECTION_WORDS, ExtractedPair
from ingest.dataset.prose import prose_spans
from ingest.dataset.topic import with_topic
from qacore.retrieval import Retriever
from qacore.store import Chunk

_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d+[.)])[ \t]+\S")
_HEADING_LINE = re.compile(r"[ \t]*#{1,6}[ \t]")
MIN_LIST_ITEMS = 2
# words that make a lead-in lean on its context: "To achieve these goals, we typically:", "Here's what to do:"
_LEANS = DEMONSTRATIVE | {"it", "they", "them", "he", "she", "its", "their", "here", "below", "above", "example",
                          "examples", "e.g.", "instance", "such", "other", "also", "again", "then"}
# verbs whose missing object is the list ("The panel should include:", "You will need:")
_LIST_VERBS = {"include", "require", "need", "involve", "cover", "contain", "consider", "offer", "provide", "use",
               "expect", "mean", "accept", "allow", "support", "list", "prohibit", "bring", "submit", "receive",
               "track", "log", "review", "ask", "check", "do", "get", "send", "pack", "know", "entail"}
_VAGUE_HEADS = {"thing", "note", "example", "option", "consideration", "detail", "resource", "link", "step", "idea",
                "question", "point", "item", "way"}


def list_end(text: str, start: int) -> int | None:
    """End offset of the list that starts at `start` (a list line): its items, their continuation lines and the
    blank lines between items; None when it has fewer than MIN_LIST_ITEMS items."""
    pos, end, items = start, start, 0
    lines = text[start:].split("\n")
    blank = False
    for line in lines:
        if _ITEM.match(line):
            items += 1
        elif not line.strip():
            blank = True
            pos += len(line) + 1
            continue
        elif _HEADING_LINE.match(line) or blank and not line[:1].isspace():
            break  # a heading, or a paragraph after a blank line: the list is over
        blank = False
        pos += len(line) + 1
        end = pos - 1
    return end if items >= MIN_LIST_ITEMS else None


_QUANTIFIERS = {"the", "following", "a", "an", "number", "variety", "range", "of", "several", "various", "many", "some", "few", "same",
                "these", "main", "different", "multiple", "two", "three", "four", "five", "six", "seven", "eight"}
_STEPS = re.compile(r"^(?:please )?(?:follow|complete|take|use) (?:these|the following|the) (?:steps|instructions)"
                    r"(?: below)? to (?P<task>[a-z].{3,100})$", re.IGNORECASE)
# "If the audio for Hangouts has stopped working, you can either reset your computer or follow these steps:"
_IF_STEPS = re.compile(r"^(?P<cond>(?:if|when) [^,]{5,120}), (?:you (?:can|should|must|may) (?:either )?|please )?[a-z]"
                       r"[^,]{0,80}$", re.IGNORECASE)


def _what(tokens) -> str:
    """"the following metrics" -> "what metrics"; "a number of purposes" -> "what purposes"; "the following" ->
    "what"; "a few different types of USB-C readers" -> "what types of USB-C readers"."""
    n = 0
    while n < len(tokens) and (tokens[n].lower_ in _QUANTIFIERS or tokens[n].like_num):
        n += 1
    return f"what {text_of(tokens[n:]).strip()}".strip()


def _you(text: str) -> str:
    """The asker's words: "if you're having difficulty with your insurer" -> "if I'm having difficulty with my
    insurer"."""
    text = re.sub(r"\byou(?:'re| are)\b", "I am", text)
    text = re.sub(r"\byou've\b", "I've", re.sub(r"\byourself\b", "myself", text))
    return re.sub(r"\byour\b", "my", re.sub(r"\byou\b", "I", text))


def lead_in_question(sent) -> str | None:
    """The question a lead-in sentence (ending with a colon) asks of the list that follows it, or None."""
    words = [t for t in sent if not t.is_punct]
    text = sent.text.rstrip()
    if not 2 <= len(words) <= 30 or not text.endswith(":") or not text[:1].isupper():
        return None
    if any(t.text in {"(", ")", "[", "]", "?", "!", ";", '"'} or t.like_url for t in sent) or "limited to" in text \
            or re.search(r"\b(?:including|such as)\b", text[:-1].rstrip().removesuffix(", including")
                         .removesuffix(", such as")):
        return None  # "Responsibilities may include but are not limited to:", "We accept leads including:"
    bare = text[:-1].rstrip()
    # "Follow these steps to add or update your preferred name:" -> "How do I add or update my preferred name?"
    steps = _STEPS.match(bare)
    if steps and not re.search(r"[,:]", steps.group("task")):
        return finish(f"how do I {_you(steps.group('task'))}")
    condition = _IF_STEPS.match(bare)  # "If you're having difficulty ..., follow these steps:"
    if condition and len(condition.group("cond").split()) >= 5 and not any(t.lower_ in _LEANS for t in sent if t.idx - sent.start_char < condition.end("cond")):
        return finish(f"what should I do {_you(condition.group('cond')[:1].lower() + condition.group('cond')[1:])}")
    if any(t.lower_ in _LEANS for t in sent):
        return None
    root = sent.root
    first = sent[0]
    # "To request a reassessment, send the following to the ISSO:" -> "How do I request a reassessment?"
    verb = next((t for t in sent[1:4] if t.tag_ == "VB"), None)
    if first.lower_ == "to" and verb is not None and all(t.pos_ == "ADV" for t in sent[1:verb.i - sent.start]):
        comma = next((t for t in sent if t.text == ","), None)
        if comma is None or comma.i - sent.start < 3:
            return None
        purpose = _you(text_of(sent[1:comma.i - sent.start]).strip())
        if verb.lemma_ == "be":  # "To be eligible for VLTP, you must have:" -> "What do I need to be eligible ...?"
            return finish(f"what do I need to {purpose}")
        return finish(f"how do I {purpose}")
    including = bare.endswith((", including", ", such as"))
    clause = [t for t in sent if t.i < sent.end - (3 if including else 1)]
    if any(t.text == "," for t in clause):
        return None  # "Courses include, but is not limited to the following:": one plain clause only
    if root.pos_ in {"NOUN", "PROPN"} and root.i == first.i and root.tag_ in {"NNS", "NNPS"}:
        # "Tips for working with interpreters:", "Power-Ups that cannot be used:"
        content = [t for t in subtree(root)[1:] if t.is_alpha and not t.is_stop]
        if len(words) < 3 or root.lemma_.lower() in _VAGUE_HEADS and not any(c.dep_ == "relcl" for c in root.children) \
                or sum(t.text[:1].isupper() for t in content) > 0.6 * len(content):
            return None  # "Laws and Policies Concerning Workplace Harassment": a title, not a phrase
        return finish(f"what are {lower_first(text_of(subtree(root)), first)}")
    subject = subject_of(root)
    if subject is not None and subject.dep_ == "expl" and subject.i == sent.start and root.lower_ == "are":
        # "There are two main types of static security testing:" -> "What are the two main types of ...?"
        attr = next((c for c in root.children if c.dep_ == "attr" and c.tag_ == "NNS"), None)
        if attr is None or len([t for t in subtree(attr) if t.is_alpha and not t.is_stop]) < 3:
            return None  # "There are three avenues:" names nothing a person would ask about
        phrase = [t for t in subtree(attr) if t.lower_ not in {"several", "many", "some", "various", "a", "few"}]
        if phrase[-1].i < sent.end - 2:
            return None  # "There are several mechanisms in place to make sure ...": the attribute is not the list
        return finish(f"what are the {text_of(phrase).strip()}")
    if subject is None or subject.dep_ == "expl" or subject.i > root.i:
        return None
    if subject.pos_ == "PRON" and subject.lower_ not in {"you", "we"} or subtree(subject)[0].i != sent.start:
        return None  # "They include:"; words before the subject ("In general, ...", "For bereavement, ...")
    subject_tokens = subtree(subject)
    dangling_to = sent[-2].lower_ == "to" and not list(sent[-2].children)
    if root.lemma_ == "be" and root.i >= sent.end - 3 and not any(
            c.dep_ in {"attr", "acomp", "prep", "advmod", "neg"} and c.i != sent[-2].i for c in root.children) \
            and len([t for t in subject_tokens if t.is_alpha and not t.is_stop]) >= 2:
        # "The purpose of the Council is to:" -> "What is the purpose of the Council?"
        return finish(f"what {root.lower_} {lower_first(text_of(subject_tokens), subject_tokens[0])}")
    if root.pos_ != "VERB" or subject.lower_ == "we" and root.lemma_ in {"know", "will", "learn", "think"}:
        return None
    if subject.tag_ == "NNS" and any(c.dep_ == "nummod" or c.lower_ in {"several", "many", "various"}
                                     for c in subject.children):
        # "Four outcomes define TTSC's success:" -> "What outcomes define TTSC's success?"
        rest = [t for t in sent if t.i > subject.i and not t.is_punct or t.i > subject.i and t.i < sent.end - 1]
        return finish(f"{_what(subject_tokens)} {text_of(rest)}")
    if dangling_to:  # "All Council members need to:" -> "What do all Council members need to do?"
        question = question_about(root, "what", {sent[-2].i}) if subject.pos_ != "PRON" else None
        return question[:-1] + " to do?" if question else None  # not "what may you want to do?"
    # the list is the object or a preposition's object when "the following", a quantity or ", including" marks it:
    # "We will consider the following metrics:", "Alerts come in one of four categorizations:"
    verbs = [root, *(c for c in root.children if c.dep_ == "xcomp")]  # "need to be offboarded in the following ..."
    parts = []  # (how surely the part is the list: 0 "the following", 1 ", including", 2 a quantity; part, phrase)
    for part in (c for v in verbs for c in v.children if c.dep_ in {"dobj", "attr", "prep"}):
        tokens = [t for t in subtree(part) if t.i < sent.start + len(clause)]
        phrase = tokens[1:] if part.dep_ == "prep" else tokens
        if not phrase:
            continue
        head = phrase[-1]  # "a number of purposes": the last noun names the list, not "number"
        if any(c.lower_ == "following" for c in [head, *head.children]):
            parts.append((0, part, phrase))
        elif including and sent[len(clause) - 1].i == tokens[-1].i and head.tag_ in {"NNS", "NNPS"}:
            parts.append((1, part, phrase))
        elif head.tag_ == "NNS" and any(t.lower_ in _QUANTIFIERS - {"the", "a", "an"} or t.like_num for t in phrase):
            parts.append((2, part, phrase))
    if parts:
        _, part, phrase = min(parts, key=lambda p: p[0])
        wh = _what(phrase) if part.dep_ != "prep" else f"{part.lower_} {_what(phrase)}"
        if "following" in wh:
            return None  # "need approval from the following:": whose approval is the list, not "what approval"
        return question_about(root, wh, {t.i for t in subtree(part)} | {t.i for t in sent[len(clause):]})
    last = [t for t in sent if not t.is_punct][-1]
    if last.lower_ == "by" and not list(last.children):  # "TTS Office of Operations helps by:"
        return question_about(root, "how", {last.i})
    if last.pos_ == "ADP" and not list(last.children):  # "You can use Sick Leave for:"
        return question_about(root, "what", set())
    if any(c.dep_ == "dobj" for c in root.children):
        return None  # an object that is not the list ("Send your supervisor the following:": two objects)
    passive = any(c.dep_ == "auxpass" for c in root.children)  # "PIV + PIN authentication will be required:" (when)
    if not passive and root.lemma_ in _LIST_VERBS and \
            not any(c.dep_ in {"xcomp", "ccomp", "prep", "dative"} for c in root.children):
        return question_about(root, "what", set())  # "You can use Sick Leave for:", "The panel should include:"
    return None


def _next_chunks(chunks: list[Chunk]) -> dict[int, Chunk]:
    """Chunk id -> the next chunk of the same document."""
    by_doc: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        by_doc.setdefault(chunk.doc_key, []).append(chunk)
    following = {}
    for doc_chunks in by_doc.values():
        doc_chunks.sort(key=lambda c: c.start)
        following.update({chunk.id: after for chunk, after in itertools.pairwise(doc_chunks)})
    return following


def _opens_with_item(chunk: Chunk | None) -> bool:
    opening = chunk.text.lstrip("\n") if chunk is not None else ""
    return bool(_ITEM.match(opening)) or opening[:1] in {" ", "\t"}


def list_pairs(chunks: list[Chunk], retriever: Retriever, running_on: set[int],
               taken: dict[int, list[tuple[int, int]]]) -> list[ExtractedPair]:
    """One candidate per lead-in + list whose text no other generator used, kept if its question retrieves its
    chunk in the top k (like the other rules). `running_on`: from_headings.sections_running_on(chunks). (A lead-in
    that ends its chunk, with the list opening the next one, is not asked about: on 18F 47 such lead-ins gave 6
    questions, 5 of which did not retrieve the list's chunk, which lacks the lead-in's words.)"""
    following = _next_chunks(chunks)
    # (lead-in chunk, lead-in span, answer chunk, list start, list end)
    found: list[tuple[Chunk, object, Chunk, int, int]] = []
    for chunk in chunks:
        for span in prose_spans(chunk.text):
            if span.list_item or not span.text.rstrip().endswith(":"):
                continue
            colon = span.offsets[len(span.text.rstrip()) - 1]
            after = chunk.text[colon + 1:]
            answer_chunk, blank = chunk, re.match(r"[ \t]*\n(?:[ \t]*\n)?", after)
            if not blank or not _ITEM.match(after[blank.end():]):
                continue
            start = colon + 1 + blank.end()
            end = list_end(answer_chunk.text, start)
            if end is None or answer_chunk.id in running_on and not answer_chunk.text[end:].strip() and \
                    _opens_with_item(following.get(answer_chunk.id)):
                continue  # too short a list, or one that goes on in the next chunk
            found.append((chunk, span, answer_chunk, start, end))
    if not found:
        return []
    nlp = load_parser()
    proper = proper_words(span.text for chunk in chunks for span in prose_spans(chunk.text))  # "Slack users"
    candidates: list[ExtractedPair] = []
    texts = [span.text for _, span, _, _, _ in found]
    for (chunk, span, answer_chunk, start, end), doc in zip(found, nlp.pipe(texts, batch_size=64), strict=True):
        doc.user_data["proper"] = proper
        sent = list(doc.sents)[-1]
        question = lead_in_question(sent)
        if question is None:
            continue
        if answer_chunk is chunk:
            start = span.chunk_span(sent.start_char, sent.end_char)[0]  # the lead-in starts the answer
        answer = answer_chunk.text[start:end]
        if len(answer.split()) > SECTION_WORDS or any(start < b and a < end for a, b in taken.get(answer_chunk.id, [])):
            continue  # too long, or text that a heading, FAQ or sentence pair already answers
        candidates.append(ExtractedPair(with_topic(question, chunk.title), answer, answer_chunk.id,
                                        answer_chunk.source, start, end, "list"))
    top = retriever.search_ids_many([c.question for c in candidates])
    return [c for c, ids in zip(candidates, top, strict=True) if c.chunk_id in ids]
