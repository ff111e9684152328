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


# A web page's title often ends in its site's name ("Remote Work Policy - Fernhill Analytics Wiki"): noise in a
# question, so it is cut when the last part names a kind of site.
_SITE_SUFFIX = re.compile(r"\s+[-|\u2013]\s+[^-|\u2013]*\b(?:wiki|intranet|confluence|sharepoint|notion|portal)\b"
                          r"[^-|\u2013]*$", re.IGNORECASE)
# Labels that are not noun phrases: "Approved by", "Applies to", "Last reviewed", "Page on-call within"
_LABEL_ENDINGS = {"by", "to", "for", "of", "on", "at", "in", "with", "within", "from", "after", "before", "until"}
_NOT_A_NOUN_PHRASE = re.compile(r"^(?:who|what|how|when|where|which|why|is|are|can|do|does)\b", re.IGNORECASE)
# Columns that say nothing of their own: the row key is the subject ("| Maximum session length | 12 hours |")
_GENERIC_COLUMNS = {"value", "setting", "answer", "info", "information"}


def clean_title(title: str) -> str:
    return _SITE_SUFFIX.sub("", title or "").strip()


def _is_label(text: str) -> bool:
    words = text.lower().split()
    return bool(_NOT_A_NOUN_PHRASE.match(text)) or bool(words) and (words[-1] in _LABEL_ENDINGS
                                                                     or words[-1].endswith("ed"))


def _lower(text: str) -> str:
    """'Retention period' -> 'retention period', 'Hours (UK time)' -> 'hours (UK time)'; 'IT service desk' and
    'VPN' keep their capitals (an acronym first)."""
    first = text.split(" ", 1)[0]
    return text if any(c.isupper() for c in first[1:]) else text[:1].lower() + text[1:]


def _be(noun_phrase: str) -> str:
    """'is' or 'are' by the head noun: the last word outside brackets ('Hours (UK time)' -> 'hours')."""
    words = re.sub(r"\([^)]*\)", " ", noun_phrase).split()
    last = words[-1].lower() if words else ""
    return "are" if last.endswith("s") and not last.endswith(("ss", "us", "is")) else "is"


def definition_question(key: str, title: str) -> str:
    """'What does the Expense Policy say about Pre-approval?'; a label such as 'Approved by' is quoted instead."""
    title = clean_title(title)
    if not title:
        return f"What {_be(key)} {key}?"
    if _is_label(key):
        return f"In the {title}, what does '{key}' say?"
    return f"What does the {title} say about {key}?"


def definition_pairs(text: str, chunk_id: int, source: str, title: str) -> Iterator[ExtractedPair]:
    for m in _KEY_VALUE.finditer(text):
        key, value = m.group("key").strip(), m.group("value").strip().rstrip(".")
        if key.lower() in _GENERIC_KEYS or value.startswith(("//", "http")) or len(key.split()) > 6:
            continue
        yield ExtractedPair(definition_question(key, title), value, chunk_id, source, m.start("value"),
                            m.end("value"), "definition")


def _cells(line: str) -> list[str]:
    return [c.strip().strip("*") for c in line.strip().strip("|").split("|")]


def table_question(column: str, row_key: str, title: str) -> str:
    """'What is the retention period for Payroll records in the Data Policy?' when the column header is a noun
    phrase; a label header ('Who it is for', 'Report to') is quoted; a generic one ('Value') leaves the row key
    as the subject."""
    title = clean_title(title)
    where = f" in the {title}" if title else ""
    if _is_label(column):
        return f"In the {title or 'table'}, what does '{column}' say for {row_key}?"
    if column.lower() in _GENERIC_COLUMNS:
        return f"What {_be(row_key)} the {_lower(row_key)}{where}?"
    if column.isupper() and len(column) <= 4:  # a qualifier such as a country code: "| Laptop | ... | UK |"
        return f"What {_be(row_key)} the {_lower(row_key)} for the {column}{where}?"
    return f"What {_be(column)} the {_lower(column)} for {row_key}{where}?"


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
