"""Candidate pairs from prose sentences: parse every chunk, phrase questions by rule, keep the best by round trip.

Ranking (the "rank" half of overgenerate-and-rank): a question is kept only if the index's own retrieval, asked
that question, returns its source chunk in the top k (`retrieval.k`), which is what `qa ask` would need to answer
it; among a sentence's questions the one with the highest rule prior plus retrieval bonus wins, and a chunk keeps
at most `dataset.sentence_questions_per_chunk` questions (two per sentence at most, by different rules), the best
ranked first; an object question ("What does 18F use for chat?"), the rule hand checks found worst, only for a
sentence no other rule asks (`WEAKEST_RULES`). Sentences an extractor already
used (an FAQ answer, a definition line) are skipped. The answer is the sentence in plain text (link targets
removed), with the next sentence of its paragraph when that one finishes it (`answer_end`), or the rest of its
paragraph for a condition ("What should you do if ...?", up to CONDITION_ANSWER_WORDS), and its exact span in
the chunk.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from ingest.dataset.clauses import load_parser, proper_words, usable_sentence
from ingest.dataset.extractors import ExtractedPair
from ingest.dataset.prose import prose_spans
from ingest.dataset.sentence_questions import sentence_questions
from ingest.dataset.topic import with_topic
from ingest.loaders import markdown_headings
from qacore.retrieval import Retriever
from qacore.store import Chunk

RULES_VERSION = 2  # 2: page topic instead of the anchor filter (topic.py), the yes/no fallback (yes_no_questions.py)
PER_SENTENCE = 2
# "What does the tracker provide into ...?", "What can you ask in #travel?": object questions were good in 6 of 18
# hand-checked pairs (rounds 12-18 on 18F), the lowest of any rule; kept only for a sentence no other rule asks
WEAKEST_RULES = {"object"}


@dataclass
class SentenceStats:
    sentences: int = 0
    with_question: int = 0  # sentences at least one rule could phrase
    questions: int = 0  # phrased candidates, all rules
    round_trip_failed: int = 0  # best questions whose chunk was not in the top k
    kept: int = 0
    by_rule: dict[str, int] = field(default_factory=dict)  # kept, per rule
    # chunks with at least one usable declarative sentence (a checkable fact), not written to the report
    usable_chunks: set[int] = field(default_factory=set)


# the next sentence goes on with this one: "Take care when connecting applications. Contact Tech Operations first."
_GOES_ON = {"then", "also", "additionally", "next", "afterwards", "finally", "otherwise", "however", "but", "this",
            "that", "these", "those", "it", "they", "there", "if", "once", "after", "so", "instead"}
SHORT_SENTENCE_WORDS = 12
# a condition's answer runs to the end of its paragraph or list item when that is at most this long: in the hand
# checks on 18F (rounds 5-8), 3 of the 16 wrong condition answers stopped before the rest of their paragraph or list
# item said what else to do ("If you create a Google form ... for employees of another agency, keep in mind that
# ..." without which agencies block forms and what to make instead)
CONDITION_ANSWER_WORDS = 80


def answer_end(sentences: list, n: int):
    """The last sentence of sentence n's answer: the next sentence of the paragraph too when sentence n is short
    (a headline such as "Take care when connecting applications to each other."), ends with a colon, or the next
    one goes on from it ("This ...", "Then ...", "If ..."); else sentence n. Why: the third hand check on 18F
    marked answers incomplete whose rule or condition the next sentence finished."""
    if n + 1 >= len(sentences):
        return sentences[n]
    sent, following = sentences[n], sentences[n + 1]
    words = sum(not t.is_punct for t in sent)
    if words < SHORT_SENTENCE_WORDS or sent.text.rstrip().endswith(":") or following[0].lower_ in _GOES_ON:
        return following
    return sent


def section_headings(chunk: Chunk, offset: int) -> list[str]:
    """The headings a sentence at `offset` of the chunk sits under: the chunk's heading path, ended by the last
    heading inside the chunk before the sentence when there is one."""
    inside = [h.title for h in markdown_headings(chunk.text) if h.start < offset]
    return [*chunk.heading_path, inside[-1]] if inside else list(chunk.heading_path)


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def sentence_pairs(chunks: list[Chunk], retriever: Retriever, per_chunk: int,
                   taken: dict[int, list[tuple[int, int]]], progress=lambda n: None) -> tuple[list[ExtractedPair],
                                                                                               SentenceStats]:
    stats = SentenceStats()
    if per_chunk <= 0:
        return [], stats
    nlp = load_parser()
    spans = [(chunk, span) for chunk in chunks for span in prose_spans(chunk.text)]
    # (chunk, answer text, chunk span, [questions best rule first])
    found: list[tuple[Chunk, str, tuple[int, int], list]] = []
    done_chunks: set[int] = set()
    proper = proper_words(span.text for _, span in spans)
    for (chunk, span), doc in zip(spans, nlp.pipe([s.text for _, s in spans], batch_size=64), strict=True):
        doc.user_data["proper"] = proper
        doc.user_data["list_item"] = span.list_item
        sentences = list(doc.sents)
        for n, sent in enumerate(sentences):
            stats.sentences += 1
            if usable_sentence(sent):
                stats.usable_chunks.add(chunk.id)
            sentence_span = span.chunk_span(sent.start_char, sent.end_char)
            # a question that does not name its page's topic gets the title in front, and its section when it leans
            # on it ("the user") (ingest/dataset/topic.py)
            headings = section_headings(chunk, sentence_span[0])
            questions = [replace(q, question=with_topic(q.question, chunk.title, headings))
                         for q in sentence_questions(sent)]
            if not questions or _overlaps(sentence_span, taken.get(chunk.id, [])):
                continue
            last = answer_end(sentences, n)
            if any(q.rule == "condition" for q in questions) and sentences[-1].text.rstrip()[-1:] in ".!?" and \
                    len(doc.text[sent.start_char:].split()) <= CONDITION_ANSWER_WORDS:
                # "what should you do if ...?" is answered by the rest of its paragraph, unless that ends cut off
                # where a code block or link was ("... install it via", 15th hand check)
                last = sentences[-1]
            answer = doc.text[sent.start_char:last.end_char].strip()
            if answer.endswith(":"):
                continue  # "Notable mentions ... include:": the list that answers it is left out (11th hand check)
            stats.with_question += 1
            stats.questions += len(questions)
            found.append((chunk, answer, span.chunk_span(sent.start_char, last.end_char), questions))
        if chunk.id not in done_chunks:
            done_chunks.add(chunk.id)
            progress(1)

    # round trip: every phrased question, one batched search
    flat = [(n, q) for n, (_, _, _, questions) in enumerate(found) for q in questions]
    top = retriever.search_ids_many([q.question for _, q in flat])
    scored: dict[int, list[tuple[float, object]]] = {}
    for (n, q), ids in zip(flat, top, strict=True):
        chunk_id = found[n][0].id
        if chunk_id in ids:
            bonus = 0.3 if ids[0] == chunk_id else 0.15 if ids.index(chunk_id) < 3 else 0.0
            scored.setdefault(n, []).append((q.prior + bonus, q))
    stats.round_trip_failed = len(found) - len(scored)

    best_per_chunk: dict[int, list[tuple[float, int, object]]] = {}
    for n, options in scored.items():
        # a sentence gives at most two questions, by different rules ("How many hours ...?" and "Can you ...?")
        used_rules: set[str] = set()
        for score, question in sorted(options, key=lambda o: -o[0]):
            if question.rule in WEAKEST_RULES and len(options) > 1:
                continue  # only when the sentence can be asked no other way
            if question.rule not in used_rules and len(used_rules) < PER_SENTENCE:
                used_rules.add(question.rule)
                best_per_chunk.setdefault(found[n][0].id, []).append((score, n, question))
    pairs: list[ExtractedPair] = []
    rules: Counter = Counter()
    for options in best_per_chunk.values():
        for _, n, question in sorted(options, key=lambda o: (-o[0], o[1]))[:per_chunk]:
            chunk, answer, (start, end), _ = found[n]
            pairs.append(ExtractedPair(question.question, answer, chunk.id, chunk.source, start, end,
                                       f"sentence:{question.rule}"))
            rules[question.rule] += 1
    stats.kept = len(pairs)
    stats.by_rule = dict(rules.most_common())
    return pairs, stats
