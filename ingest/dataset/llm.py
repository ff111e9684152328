"""LLM-written questions and paraphrases, from versioned prompt templates, cached and robustly parsed.

What the LLM does here, and why only this:
- **Questions for facts** (answer-aware question generation): we pick fact sentences from each chunk and ask the
  model only for the question; the answer is the sentence itself. A 135M model asked for question *and* answer
  invents the answer most of the time ("the maximum data per device is 100 GB"); asked for the question to a given
  answer it is usable, and what it gets wrong is caught by a round-trip check (the question must share the
  fact's key terms and retrieve its own chunk). With a capable endpoint (`openai:MODEL`) the same prompt gives
  better questions; the answers stay exact either way.
- **Paraphrases** of eval questions, so evaluation does not reward recall of the training wording. A paraphrase
  must keep every number and name and stay close in meaning (embedding cosine), else the original is kept.

Every model output goes through `parse_question`; an output it cannot read is a counted parse failure, never a
silent drop. Generations are cached by model hash + the exact prompt (qacore.gencache), so an unchanged corpus
regenerates nothing and a changed document regenerates only its chunks' prompts.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from importlib import resources

from ingest.dataset.extractors import ExtractedPair
from qacore.gencache import GenerationCache, cached_generate
from qacore.generation import Generator
from qacore.store import Chunk
from qacore.support import entities_in, numbers_in
from qacore.workspace import sha256_text

_SECTION = re.compile(r"^\[(version|system|example user|example assistant|user)\]\s*$")


@dataclass(frozen=True)
class PromptTemplate:
    version: str
    system: str
    examples: tuple[tuple[str, str], ...]  # few-shot (user, assistant) turns
    user: str

    def messages(self, **values: str) -> list[dict[str, str]]:
        user = self.user
        for key, value in values.items():
            user = user.replace("{" + key + "}", value)  # not str.format: documents contain braces
        turns = [{"role": "system", "content": self.system}]
        for example_user, example_assistant in self.examples:
            turns += [{"role": "user", "content": example_user}, {"role": "assistant", "content": example_assistant}]
        return [*turns, {"role": "user", "content": user}]


def load_prompt(name: str) -> PromptTemplate:
    """Parse prompts/NAME.txt: `[section]` lines split it; `#` lines before the first section are comments."""
    text = resources.files("ingest.dataset").joinpath(f"prompts/{name}.txt").read_text(encoding="utf-8")
    sections: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        match = _SECTION.match(line)
        if match:
            sections.append((match.group(1), []))
        elif sections:
            sections[-1][1].append(line)
    parts = [(kind, "\n".join(lines).strip()) for kind, lines in sections]
    get = {kind: body for kind, body in parts}
    users = [body for kind, body in parts if kind == "example user"]
    assistants = [body for kind, body in parts if kind == "example assistant"]
    if not {"version", "system", "user"} <= get.keys() or len(users) != len(assistants):
        raise ValueError(f"prompt template {name} needs [version], [system], [user] and paired examples")
    return PromptTemplate(get["version"], get["system"], tuple(zip(users, assistants, strict=True)), get["user"])


# --- parsing -----------------------------------------------------------------------------------------------

_LABEL = re.compile(r"^\s*(?:[-*]\s*|\d+\s*[.)]\s*)?(?:\*\*)?(?:new question|question|paraphrase|q)\s*\d*\s*"
                    r"(?:\*\*)?\s*[:\-]\s*(?:\*\*)?\s*", re.IGNORECASE)


def parse_question(output: str) -> str | None:
    """The question in a model's reply, or None. Accepts a bare question, "Question: ...", numbered or quoted
    lines, a code fence, and JSON ({"question": ...}, possibly with trailing commas or single quotes)."""
    text = output.strip().strip("`").strip()
    text = re.sub(r"^(?:json|text)\s*\n", "", text)
    if text.startswith(("{", "[")):
        candidate = _parse_json_question(text)
        if candidate:
            text = candidate
    for line in text.splitlines():
        line = _LABEL.sub("", line).strip().strip("\"'“”").strip()
        if not line:
            continue
        if "?" in line:
            question = line[: line.index("?") + 1].strip()
            return question if len(question.split()) >= 3 else None
        return None  # the first non-empty line is not a question: a preamble or an answer
    return None


def _parse_json_question(text: str) -> str | None:
    repaired = re.sub(r",\s*([}\]])", r"\1", text)
    for attempt in (repaired, repaired.replace("'", '"')):
        try:
            data = json.loads(attempt)
        except ValueError:
            continue
        if isinstance(data, list) and data:
            data = data[0]
        if isinstance(data, dict):
            for key in ("question", "paraphrase", "new_question", "q"):
                if isinstance(data.get(key), str):
                    return data[key]
        if isinstance(data, str):
            return data
    return None


# --- picking facts -----------------------------------------------------------------------------------------

_BLOCK_BREAK = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*+]\s|\d+[.)]\s|#|\|))")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
_PLACEHOLDER = re.compile(r"\[[A-Z_]+\]")


def fact_sentences(text: str, min_words: int = 8, max_words: int = 45) -> list[tuple[int, int]]:
    """Character spans of sentences worth asking about, best first: complete sentences (hard-wrapped lines are
    joined), not headings or table rows, preferring ones with numbers and names (facts, not boilerplate)."""
    spans = []
    block_start = 0
    for brk in [*_BLOCK_BREAK.finditer(text), None]:
        block_end = brk.start() if brk else len(text)
        block = text[block_start:block_end]
        pos = 0
        for end in [*(m.start() for m in _SENTENCE_END.finditer(block)), len(block)]:
            raw = block[pos:end]
            lead = len(raw) - len(raw.lstrip())
            start, stop = block_start + pos + lead, block_start + end
            sentence = text[start:stop].strip()
            pos = end
            body = re.sub(r"^(?:[-*+]\s+|\d+(?:\.\d+)*[.)]?\s+)", "", sentence)
            words = body.split()
            if (min_words <= len(words) <= max_words and body[:1].isalnum() and not body.startswith(("#", "|"))
                    and body.rstrip().endswith((".", "!", ")")) and not _PLACEHOLDER.search(body)):
                spans.append((start + (len(sentence) - len(body)), start + len(sentence)))
        block_start = brk.end() if brk else len(text)

    return sorted(spans, key=lambda s: (fact_score(text[s[0]:s[1]]), -abs(len(text[s[0]:s[1]].split()) - 20)),
                  reverse=True)


def fact_score(sentence: str) -> int:
    """How fact-like a sentence is: numbers count twice, names once."""
    return 2 * bool(numbers_in(sentence)) + bool(entities_in(sentence))


# --- the two LLM passes ------------------------------------------------------------------------------------

@dataclass
class LLMStats:
    generator: str = ""
    prompts: int = 0
    cache_hits: int = 0
    parse_failures: int = 0
    parse_failure_examples: list[str] = field(default_factory=list)
    paraphrased: int = 0
    paraphrase_rejected: dict[str, int] = field(default_factory=dict)
    facts_asked: int = 0  # fact sentences given to the LLM (at most dataset.llm_max_facts)
    accepted_by_prompt: dict[str, str] = field(default_factory=dict)  # prompt version -> "accepted/candidates"
    questions_skipped: str = ""  # why the LLM wrote no questions (dataset.min_rule_quality), when it did not

    def failed(self, output: str) -> None:
        self.parse_failures += 1
        if len(self.parse_failure_examples) < 5:
            self.parse_failure_examples.append(output[:200])


def question_candidates(chunks: list[Chunk], generator: Generator, cache: GenerationCache | None,
                        per_chunk: int, taken: dict[int, list[tuple[int, int]]], stats: LLMStats,
                        progress=None, *, shots: list[tuple[str, str]] = (), variants: int = 1,
                        max_facts: int | None = None) -> list[ExtractedPair]:
    """Candidate questions for the chunks' fact sentences that no extractor used (`taken`: answer spans per chunk).

    Each fact is asked `variants` times: first with the template's own examples, then with pairs of `shots`
    (accepted (question, sentence) pairs from this workspace, e.g. by the sentence rules) in their place, so the
    model sees how questions about *these* documents read. The dataset keeps the first candidate per fact that
    passes the gates and the round trip; `stats.accepted_by_prompt` then says which prompt earns its keep.
    At most `max_facts` facts are asked, the most fact-like first (numbers and names), so a large corpus does not
    turn the build into hours of generation on a CPU."""
    template = load_prompt("question_from_fact")
    jobs: list[tuple[Chunk, tuple[int, int]]] = []
    for chunk in chunks:
        used = taken.get(chunk.id, [])
        free = [s for s in fact_sentences(chunk.text) if not any(s[0] < e and b < s[1] for b, e in used)]
        jobs += [(chunk, span) for span in free[:per_chunk]]
    if max_facts is not None and len(jobs) > max_facts:
        jobs = sorted(jobs, key=lambda job: (-fact_score(job[0].text[job[1][0]:job[1][1]]), job[0].id, job[1][0])
                      )[:max_facts]
    stats.facts_asked += len(jobs)
    prompts: list[tuple[Chunk, tuple[int, int], str, list[dict[str, str]]]] = []
    for chunk, (start, end) in jobs:
        values = {"document": _document_label(chunk), "fact": chunk.text[start:end]}
        prompts.append((chunk, (start, end), template.version, template.messages(**values)))
        for variant in range(1, variants if shots else 1):
            examples = _pick_shots(shots, chunk.id, variant)
            own = replace(template, examples=tuple((f"Document: {values['document']}\nFact: {fact}", question)
                                                   for question, fact in examples))
            prompts.append((chunk, (start, end), f"{template.version}+own-shots", own.messages(**values)))
    outputs, hits = cached_generate(generator, [p[3] for p in prompts], cache, max_new_tokens=40, progress=progress)
    stats.prompts += len(prompts)
    stats.cache_hits += hits
    pairs = []
    for (chunk, (start, end), version, _), output in zip(prompts, outputs, strict=True):
        question = parse_question(output.text)
        if question is None:
            stats.failed(output.text)
            continue
        pairs.append(ExtractedPair(question, chunk.text[start:end], chunk.id, chunk.source, start, end,
                                   f"llm:{version}"))
    return pairs


def _pick_shots(shots: list[tuple[str, str]], chunk_id: int, variant: int, n: int = 2) -> list[tuple[str, str]]:
    """`n` examples for one prompt, ranked by a hash of (chunk, variant, question): the same examples as long as
    they exist (they are part of the generation cache key), different between a fact's variants."""
    return sorted(shots, key=lambda shot: sha256_text(f"{chunk_id}:{variant}:{shot[0]}"))[:n]


def paraphrase_questions(questions: list[str], generator: Generator, cache: GenerationCache | None, embedder,
                         stats: LLMStats, min_similarity: float = 0.75, progress=None) -> list[str | None]:
    """A paraphrase per question, or None where the model's paraphrase changed the meaning or could not be read
    (the reason is counted in stats.paraphrase_rejected)."""
    template = load_prompt("paraphrase_question")
    conversations = [template.messages(question=q) for q in questions]
    outputs, hits = cached_generate(generator, conversations, cache, max_new_tokens=48, progress=progress)
    stats.prompts += len(conversations)
    stats.cache_hits += hits
    candidates: list[str | None] = []
    rejected: Counter = Counter(stats.paraphrase_rejected)
    for original, output in zip(questions, outputs, strict=True):
        paraphrase = parse_question(output.text)
        if paraphrase is None:
            stats.failed(output.text)
            candidates.append(None)
        elif " ".join(paraphrase.lower().split()) == " ".join(original.lower().split()):
            rejected["same as the original"] += 1
            candidates.append(None)
        elif not numbers_in(original) <= numbers_in(paraphrase):
            rejected["lost a number"] += 1
            candidates.append(None)
        elif not entities_in(original) <= {e.lower() for e in entities_in(paraphrase)} | set(paraphrase.lower().split()):
            rejected["lost a name"] += 1
            candidates.append(None)
        else:
            candidates.append(paraphrase)
    pending = [i for i, c in enumerate(candidates) if c is not None]
    if pending:
        a = embedder.embed([questions[i] for i in pending])
        b = embedder.embed([candidates[i] for i in pending])
        for row, i in enumerate(pending):
            if float(a[row] @ b[row]) < min_similarity:
                rejected["meaning drifted"] += 1
                candidates[i] = None
    stats.paraphrased += sum(c is not None for c in candidates)
    stats.paraphrase_rejected = dict(rejected.most_common())
    return candidates


def _document_label(chunk: Chunk) -> str:
    return " > ".join([chunk.title or chunk.source, *(h for h in chunk.heading_path if h != chunk.title)])
