"""Q&A pairs that need no LLM: exact, high-precision, and cheap enough for any CPU.

Three shapes of company documentation carry their own questions and answers:
- FAQ: a question-like heading or line ("### How do I reset my password?", "prompt: ...?") followed by its answer;
- definitions / key-value lines: "Term: definition" or "**Term** - definition";
- tables: a row key and a column header name a fact ("| Sev-1 | ... | 5 minutes |").

Every pair keeps the character span of its answer inside the chunk, so provenance is exact.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass
class ExtractedPair:
    question: str
    answer: str
    chunk_id: int
    source: str
    answer_start: int  # offsets of the supporting text inside the chunk text
    answer_end: int
    extractor: str


_HEADING_Q = re.compile(r"^#{1,6}\s+(?:\d+(?:\.\d+)*\.?\s+)?(?P<q>[^\n]{8,200}\?)\s*$", re.MULTILINE)
_LINE_Q = re.compile(r"^(?:(?:Q|Question|prompt)\s*[:.]\s*)?(?P<q>[A-Z][^\n]{8,200}\?)\s*\n+"
                     r"(?:(?:A|Answer|completion)\s*[:.]\s*)?(?P<a>[^\n#|][^\n]{2,})", re.MULTILINE)
_KEY_VALUE = re.compile(r"^(?:[-*]\s+)?(?:\*\*)?(?P<key>[A-Z][A-Za-z0-9 /&()'\-]{1,40}?)(?:\*\*)?\s*(?::|\s-\s|\s–\s)\s+"
                        r"(?P<value>[^\n]{3,300})$", re.MULTILINE)
_GENERIC_KEYS = {"note", "example", "tip", "warning", "important", "see also", "step", "q", "a", "question", "answer",
                 "prompt", "completion"}


def _first_paragraph_after(text: str, pos: int) -> tuple[int, int] | None:
    """The answer paragraph that follows a question heading: up to the next heading or blank line pair."""
    rest = text[pos:]
    m = re.search(r"\S", rest)
    if not m:
        return None
    start = pos + m.start()
    if text[start] == "#":
        return None
    end_match = re.search(r"\n\s*\n|\n#{1,6}\s", text[start:])
    end = start + (end_match.start() if end_match else len(text) - start)
    return (start, end) if end - start >= 3 else None


def faq_pairs(text: str, chunk_id: int, source: str) -> Iterator[ExtractedPair]:
    for m in _HEADING_Q.finditer(text):
        span = _first_paragraph_after(text, m.end())
        if span:
            yield ExtractedPair(m.group("q").strip(), text[span[0]:span[1]].strip(), chunk_id, source, *span, "faq-heading")
    for m in _LINE_Q.finditer(text):
        yield ExtractedPair(m.group("q").strip(), m.group("a").strip(), chunk_id, source, m.start("a"), m.end("a"),
                        "faq-line")


def definition_pairs(text: str, chunk_id: int, source: str, title: str) -> Iterator[ExtractedPair]:
    for m in _KEY_VALUE.finditer(text):
        key, value = m.group("key").strip(), m.group("value").strip().rstrip(".")
        if key.lower() in _GENERIC_KEYS or value.startswith(("//", "http")) or len(key.split()) > 6:
            continue
        # A short term defined by a sentence reads as a definition; otherwise it is a property of the document.
        if len(value.split()) >= 4 and len(key.split()) <= 3 and key[:1].isupper() and not key.isupper():
            question = f"What is {key} at {title}?" if title else f"What is {key}?"
        else:
            question = f"What is the {key.lower()} in the {title}?" if title else f"What is the {key.lower()}?"
        yield ExtractedPair(question, value, chunk_id, source, m.start("value"), m.end("value"), "definition")


def _cells(line: str) -> list[str]:
    return [c.strip().strip("*") for c in line.strip().strip("|").split("|")]


_NOT_A_NOUN_PHRASE = re.compile(r"^(?:who|what|how|when|where|which|why|is|are|can|do|does)\b", re.IGNORECASE)


def table_question(column: str, row_key: str, title: str) -> str:
    """'What is the retention period for Payroll records in the Data Policy?' when the column header is a noun
    phrase; headers such as 'Who it is for' are quoted instead of forced into that template."""
    where = f" in the {title}" if title else ""
    if _NOT_A_NOUN_PHRASE.match(column):
        return f"In the {title or 'table'}, what does '{column}' say for {row_key}?"
    return f"What is the {column.lower()} for {row_key}{where}?"


def table_pairs(text: str, chunk_id: int, source: str, title: str) -> Iterator[ExtractedPair]:
    lines = text.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    i = 0
    while i < len(lines) - 2:
        header, rule = lines[i], lines[i + 1]
        if header.strip().startswith("|") and re.fullmatch(r"\s*\|?[\s:|\-]+\|?\s*", rule) and "-" in rule:
            columns = _cells(header)
            j = i + 2
            while j < len(lines) and lines[j].strip().startswith("|"):
                cells = _cells(lines[j])
                if len(cells) == len(columns) and cells[0]:
                    for col, value in zip(columns[1:], cells[1:], strict=True):
                        if not value or not col or value in ("-", "n/a"):
                            continue
                        start = offsets[j] + lines[j].find(value)
                        question = table_question(col, cells[0], title)
                        yield ExtractedPair(question, value, chunk_id, source, start, start + len(value), "table")
                j += 1
            i = j
        else:
            i += 1


def extract_all(text: str, chunk_id: int, source: str, title: str) -> list[ExtractedPair]:
    return [*faq_pairs(text, chunk_id, source), *definition_pairs(text, chunk_id, source, title),
            *table_pairs(text, chunk_id, source, title)]
