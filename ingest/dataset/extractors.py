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

from ingest.dataset.topic import page_topic


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
# "Term: definition", "**Term**: definition" or "**Term** - definition" (a dash only after a bold term: "- Announcement
# of new change - 2 additional details" is an outline; the dash used to need two spaces, so it never matched)
_TERM = r"[A-Z][A-Za-z0-9 /&()'\-]{1,40}?"
_KEY_VALUE = re.compile(rf"^(?:[-*]\s+)?(?:\*\*(?P<bold>{_TERM})\*\*(?::\s+|\s+[-–]\s+)|"
                        rf"(?:\*\*)?(?P<key>{_TERM})(?:\*\*)?:\s+)" r"(?P<value>[^\n]{3,300})$", re.MULTILINE)
_CLAUSE_WORDS = {"is", "are", "was", "were", "be", "will", "can", "need", "needs", "helps", "should", "must", "has",
                 "have", "do", "does", "don't", "did", "may", "you", "we", "i", "it", "this"}
_NOT_TERM_STARTS = {"the", "for", "if", "when", "part", "section", "step", "example", "examples", "note", "a", "an",
                    "and", "or", "but", "so", "also", "here", "there", "our", "your", "my"}
_GLOSSARY = re.compile(r"\b(?:glossary|glossaries|acronyms|terminology|jargon)\b", re.IGNORECASE)
_PLACEHOLDER_ONLY = re.compile(r"(?:\[[A-Z_]+\][\s,]*)+")
_DOCUMENT_NOUN = re.compile(r"\b(?:policy|policies|guide|guidelines|handbook|runbook|faq|overview|procedures?|"
                            r"standards?|code|manual|wiki|charter|plan|agreement|rules|terms|notice|checklist)\b",
                            re.IGNORECASE)
_QUESTION_STARTS = {"what", "how", "when", "who", "where", "why", "which", "whom", "whose", "can", "could", "do",
                    "does", "did", "is", "are", "was", "should", "will", "would", "may", "must", "if", "am", "have",
                    "has", "i", "my", "in", "for", "to", "on", "within", "by", "at", "after", "before", "until",
                    "during", "from", "with", "under", "up", "about", "since"}
_NOT_VERBS = {"still", "questions", "more", "other", "any", "some", "general", "next", "your", "the", "a", "an",
              "new", "need", "got", "so", "and", "or", "also"}
_GENERIC_KEYS = {"note", "example", "tip", "warning", "important", "see also", "step", "q", "a", "question", "answer",
                 "prompt", "completion"}


# a section up to this long is one answer, taken whole (under the answer gate, gates.GateLimits.max_answer_words):
# at 110 words the fourth hand check on 18F still found 4 of 8 FAQ answers cut before their list or alternative ended
SECTION_WORDS = 160


def section_answer(text: str, pos: int, max_words: int = SECTION_WORDS) -> tuple[int, int] | None:
    """The answer under a heading that ends at `pos`: the whole section up to the next heading when it is short
    (the third hand check on 18F found FAQ answers cut after their first paragraph, with the rules that follow
    left out), else its first paragraph, with the list it introduces when it ends with a colon. Shared by the
    FAQ extractor and the task headings (from_headings.py)."""
    m = re.search(r"\S", text[pos:])
    if not m or text[pos + m.start()] == "#":
        return None
    start = pos + m.start()
    section = re.search(r"\n#{1,6}\s", text[start:])
    end = start + (section.start() if section else len(text) - start)
    if len(text[start:end].split()) > max_words:
        paragraphs = re.split(r"\n\s*\n", text[start:end])
        first = paragraphs[0]
        if first.rstrip().endswith(":") and len(paragraphs) > 1 and paragraphs[1].lstrip().startswith(("-", "*", "1")):
            first = text[start:end][:text[start:end].index(paragraphs[1]) + len(paragraphs[1])]
        end = start + len(first)
    end = start + len(text[start:end].rstrip())
    return (start, end) if end - start >= 3 else None


_POINTER = re.compile(r"^\W*(?:[^,.\n]{0,80},\s*)?(?:please\s+)?(?:see|visit|consult|refer to|follow|check out|read|"
                      r"consider|head (?:over )?to)\b", re.IGNORECASE)
# a link whose text names another document: "Qualtrics has [supporting documentation](...)", "[these tips](...)"
_POINTER_LINK = re.compile(r"\[[^\]]*\b(?:documentation|guide|guidance|tips|instructions|here)\b[^\]]*\]\(",
                           re.IGNORECASE)
_LIST_LINE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s", re.MULTILINE)


def only_points_elsewhere(answer: str) -> bool:
    """A short answer that only sends the reader on ("See the TTS at WTC guide.", "When necessary, consult your
    FITARA representative ...", "Beyond the general information, follow the usual steps ..."): 3 of the 20
    failures in the eleventh hand check on 18F were a section or FAQ answered so. Steps in a list are an answer."""
    prose = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", answer)
    one_sentence = not re.search(r"[.!?]\s+\S", prose.strip())
    return len(prose.split()) <= 40 and not _LIST_LINE.search(prose) and (
        bool(_POINTER.match(prose)) or one_sentence and bool(_POINTER_LINK.search(answer)))


def _not_an_faq(question: str, answer: str) -> bool:
    """Question-like headings in real handbooks that are not FAQ entries (18F): a fragment ("Bring in one-time
    guests?"), a question that points at its page ("How does this help our partners?"), or an answer that is only
    a link or the lead-in to a list ("Here are some steps to follow:")."""
    words = re.findall(r"[a-z]+", question.lower())
    # several questions in one heading ("What is billable? What is not billable? What codes do I use?") are
    # answered by several sections' worth of text, cut at the first (18F, eighth hand check)
    return (not words or words[0] not in _QUESTION_STARTS or question.count("?") > 1
            or bool(set(words) & {"this", "these", "they"})
            or bool(re.match(r"(?:see |visit )?(?:the )?\[[^\]]*\]\(|\{%|<", answer, re.IGNORECASE))
            or answer.rstrip().endswith(":") or only_points_elsewhere(answer))


def as_question(heading: str) -> str:
    """An office FAQ's verb-first heading as the question it stands for: "Get on the wireless?" -> "How do I get
    on the wireless?" (18F's city pages ask "Book rooms for meetings?", "Host long-term guests?", ...)."""
    words = heading.split()
    first = re.match(r"[a-z]*", words[0].lower()).group(0) if words else ""  # "What's the process?" -> "what"
    if 2 <= len(words) <= 8 and first not in _QUESTION_STARTS | _NOT_VERBS and first.isalpha() \
            and not words[0].isupper():
        return f"How do I {heading[:1].lower()}{heading[1:]}"
    return heading


def faq_pairs(text: str, chunk_id: int, source: str) -> Iterator[ExtractedPair]:
    for m in _HEADING_Q.finditer(text):
        span = section_answer(text, m.end())
        question = as_question(m.group("q").strip())
        if span and not _not_an_faq(question, text[span[0]:span[1]].strip()):
            yield ExtractedPair(question, text[span[0]:span[1]].strip(), chunk_id, source, *span, "faq-heading")
    for m in _LINE_Q.finditer(text):
        if _not_an_faq(m.group("q").strip(), m.group("a").strip()):
            continue
        yield ExtractedPair(m.group("q").strip(), m.group("a").strip(), chunk_id, source, m.start("a"), m.end("a"),
                        "faq-line")


# A web page's title often ends in its site's name ("Remote Work Policy - Fernhill Analytics Wiki"): noise in a
# question, so it is cut when the last part names a kind of site.
_SITE_SUFFIX = re.compile(r"\s+[-|\u2013]\s+[^-|\u2013]*\b(?:wiki|intranet|confluence|sharepoint|notion|portal)\b"
                          r"[^-|\u2013]*$", re.IGNORECASE)
# Labels that are not noun phrases: "Approved by", "Applies to", "Last reviewed", "Page on-call within"
_LABEL_ENDINGS = {"by", "to", "for", "of", "on", "at", "in", "with", "within", "from", "after", "before", "until"}
_NOT_A_NOUN_PHRASE = re.compile(r"^(?:who|what|how|when|where|which|why|is|are|can|do|does)\b", re.IGNORECASE)
_EMPTY_CELLS = {"-", "n/a", "na", "*na*", "tbd", "tba", "?", "—", "–", "x"}
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


def glossary_question(key: str, value: str = "") -> str:
    """A glossary page's "- **ATO** - Authority to Operate. ..." is the one place a bare term is always asked about
    (18F's glossary: 23 chunks of terms and no pair before): "What does ATO stand for?", "What is HR Links?" (a
    multi-word name), else "What does 'color of money' mean?". "What is ATO?" would be too short for the gates.
    With the definition given, "stand for" needs it to spell the acronym: "README - A README file contains ..."
    is no abbreviation (seventeenth hand check: "What does README stand for?")."""
    words = key.split()
    letters = [c for c in key if c.isalpha()]
    if len(words) == 1 and sum(c.isupper() for c in key) >= max(2, len(letters) / 2) and not any(c.isdigit()
                                                                                               for c in key) \
            and (not value or _spells(key, value)):
        return f"What does {key} stand for?"  # ATO, IaaS, PoC, CI/CD; not GitHub (thirteenth hand check)
    if len(words) > 1 and all(w[0].isupper() for w in words if w not in {"and", "of", "the"}):
        if value and _written_lowercase(words, value):  # a Title Case role, not a name (24th hand check)
            noun = key.lower()
            return f"What is {'an' if noun[0] in 'aeiou' else 'a'} {noun}?"
        return f"What is {key}?"
    keep_case = any(c.isupper() or c.isdigit() for c in key[1:])
    return f"What does '{key if keep_case else key[:1].lower() + key[1:]}' mean?"


def _written_lowercase(words: list[str], definition: str) -> bool:
    """Does the definition write the term's later words in lowercase ("Product Manager" - "Product managers ensure
    that the right product is built ..."): a common noun the glossary capitalised, to be asked "What is a product
    manager?", not a name ("Docker Hub" - "Docker Hub is a cloud-based container registry ...")?"""
    later = [w.lower() for w in words[1:]]
    pattern = rf"(?i:\b{re.escape(words[0])})\s+" + r"\s+".join(re.escape(w) for w in later) + r"s?\b"
    return re.search(pattern, definition) is not None


def _spells(acronym: str, expansion: str) -> bool:
    """Could `expansion` be what `acronym` stands for: it opens with the acronym's first letter (after an article)
    and holds the acronym's other capitals in order within its first words ("CX" <- "Customer Experience",
    "CI/CD" <- "Continuous Integration / Continuous Delivery"), and does not use the acronym itself ("README" <-
    "A README file contains ...")?"""
    expansion = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", expansion)  # "[Federal Acquisition Regulation](https://...)"
    words = re.findall(r"[A-Za-z][\w-]*", expansion)
    wanted = [c.lower() for c in acronym if c.isupper()]
    if not wanted or any(w.lower() == acronym.lower() for w in words[:4]):
        return False
    # it may open with an article or an owner: "FAS - The Federal ...", "OCE - GSA's Office of Customer Experience"
    for start in range(min(4, len(words))):
        if words[start][0].lower() == wanted[0]:
            letters = iter("".join(words[start:start + 8]).lower())
            if all(c in letters for c in wanted):
                return True
    return False


def definition_question(key: str, title: str, value: str = "") -> str | None:
    """'What does the Expense Policy say about Pre-approval?'; a label such as 'Approved by' is quoted instead.
    When the title does not name a document ("Work schedules", "Talent": a page heading), "What does the Talent
    say about Warm Leads?" reads wrong, and "What is Warm Leads?" was wrong more often than right on 18F (colon
    lines there are list intros and labels, not a glossary): no pair (None)."""
    title = clean_title(title)
    if not title:
        return f"What {_be(key)} {key}?"
    if _GLOSSARY.search(title):
        return glossary_question(key, value)
    if not _DOCUMENT_NOUN.search(title) or title.lower().startswith("about "):
        return None  # "In the About the TTS Handbook, what does 'Crowd-sourced' say?" (seventeenth hand check)
    if _is_label(key):
        return f"In the {title}, what does '{key}' say?"
    return f"What does the {title} say about {key}?"


def _not_a_term(key: str, value: str) -> bool:
    """Colon lines in real prose that are not `Term: definition` (18F handbook, 2026-12: 299 such "pairs", most
    unusable): a clause before the colon ("The hypothesis was simple: ..."), a list intro ("You can use Sick Leave
    for: - ..."), a shouted form label ("DUTIES AND RESPONSIBILITIES"), or a value that is a handle, a tag or a
    list item rather than a definition."""
    words = key.split()
    clause = any(w.lower() in _CLAUSE_WORDS and not w.isupper() for w in words)  # "IT Service Desk" is a name
    return (clause or words[0].lower() in _NOT_TERM_STARTS
            or len(words) > 1 and key.isupper() or value.startswith(("- ", "* ", "@", "<", "{")))


def value_end(text: str, end: int) -> int:
    """End of a value hard-wrapped over the next lines (80-column Markdown): until a blank line, list item,
    heading, table row or another `Key: value` line."""
    while True:
        nl = text.find("\n", end)
        if nl == -1:
            return end
        line_end = text.find("\n", nl + 1)
        line = text[nl + 1:line_end if line_end != -1 else len(text)]
        if (not line.strip() or line.lstrip().startswith(("#", "|", "-", "*", "+", ">")) or _KEY_VALUE.match(line)
                or re.match(r"\s*\d+[.)]\s", line) or text[end - 1:end] in ".!?"):
            return end
        end = line_end if line_end != -1 else len(text)


def definition_pairs(text: str, chunk_id: int, source: str, title: str) -> Iterator[ExtractedPair]:
    for m in _KEY_VALUE.finditer(text):
        key, value = (m.group("bold") or m.group("key")).strip(), m.group("value").strip().rstrip(".")
        if key.lower() in _GENERIC_KEYS or value.startswith(("//", "http")) or len(key.split()) > 6:
            continue
        if _not_a_term(key, value) or _PLACEHOLDER_ONLY.fullmatch(value):
            continue
        end = value_end(text, m.end("value"))
        value = text[m.start("value"):end].strip().rstrip(".")
        question = definition_question(key, title, value)
        if question is None:
            continue
        yield ExtractedPair(question, value, chunk_id, source, m.start("value"), m.start("value") + len(value),
                            "definition")


def _cells(line: str) -> list[str]:
    return [c.strip().strip("*") for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]


def _cell_text(cell: str) -> str:
    """A cell as a person would name it: the part before a line break (`<br>`), without Markdown links' targets,
    template tags or emphasis ("**TTSC All Hands**<br> To share updates ..." -> "TTSC All Hands")."""
    cell = re.split(r"<br\s*/?>", cell, maxsplit=1)[0]
    cell = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", cell)
    cell = re.sub(r"\{%[^%]*%\}|<[^>]+>|\*\*|__|\\", "", cell)
    return re.sub(r"\s+", " ", cell).strip()


def table_question(column: str, row_key: str, title: str) -> str:
    """'What is the retention period for Payroll records in the Data Policy?' when the column header is a noun
    phrase; a label header ('Who it is for', 'Report to') is quoted; a generic one ('Value') leaves the row key
    as the subject."""
    title = clean_title(title)
    if title and not _DOCUMENT_TITLE.search(title):
        # a page named by its topic ("Mission, approach, and history") goes in front, as topic.py does for rule
        # questions: "... for Staffing in the Mission, approach, and history?" read as template residue (18F)
        topic = page_topic(title)
        question = table_question(column, row_key, "")
        return f"{topic}: {question[:1].lower()}{question[1:]}" if topic else question
    where = f" in the {title}" if title else ""
    if _is_label(column):
        return f"In the {title}, what does '{column}' say for {row_key}?" if title else \
            f"What does '{column}' say for {row_key}?"
    if column.lower() in _GENERIC_COLUMNS:
        return f"What {_be(row_key)} the {_lower(row_key)}{where}?"
    if column.isupper() and len(column) <= 4:  # a qualifier such as a country code: "| Laptop | ... | UK |"
        return f"What {_be(row_key)} the {_lower(row_key)} for the {column}{where}?"
    wh = "Who" if column.lower().split()[-1] in _PERSON_COLUMNS else "What"  # "Who are the attendees for ...?"
    return f"{wh} {_be(column)} the {_lower(column)} for {row_key}{where}?"


# columns that hold people: "What are the attendees ...?", "What is the point of contact ...?" asked "what" for a
# person (fifth hand check on 18F)
_PERSON_COLUMNS = {"contact", "contacts", "attendee", "attendees", "owner", "owners", "lead", "leads", "approver",
                   "approvers", "manager", "managers", "sponsor", "sponsors", "poc", "people", "reviewer", "reviewers",
                   "coordinator", "coordinators", "assignee", "host", "hosts", "facilitator", "facilitators", "champion"}


# a title that names a document ("in the VPN Guide" reads well) rather than a topic ("in the Mission, approach, and
# history" does not)
_DOCUMENT_TITLE = re.compile(r"\b(?:policy|policies|guide|faq|faqs|runbook|handbook|overview|manual|procedures?|"
                             r"playbook|wiki|rules|terms|agreement|plan|standards?|checklist|catalog(?:ue)?)"
                             r"(?:\s+\d{4})?$", re.IGNORECASE)


def _unaskable_cell(column: str, row_key: str, value: str) -> bool:
    """Cells a person would not ask for by row and column (18F tables): a row key that is a quotation, a sentence
    or a total line, a cell that repeats its row key, a column header that trails off ("More like..."), a bare code or number under a column that is
    not a quantity ("| Hiring & onboarding | 1241 |": a billing code), a long free-text cell."""
    quotation = row_key[:1] in "\"“'" and len(row_key.split()) > 5  # '"HIP check failed"' is an error message
    if quotation or row_key.lower().endswith("total") or column.endswith(("...", "…")):
        return True
    if _cell_text(value).lower() in row_key.lower() or row_key.rstrip().endswith(".") or len(row_key.split()) > 8:
        return True  # "What is the day for Monday?" -> "Monday"; a sentence as the row key is not a key
    if re.fullmatch(r"[\d\s.,%-]+", value) and not _QUANTITY_COLUMN.search(f"{column} {row_key}"):
        return True
    return len(value.split()) > 60


# whole words: "min" inside "Administrative" made a billing code ("| Administrative & supervisory | 1814 |") a quantity
_QUANTITY_COLUMN = re.compile(r"(?<!\w)(?:per|hours?|days?|weeks?|months?|years?|minutes?|cost|amount|rate|limit|price|"
                              r"fees?|maximum|minimum|max|min|number|count|total|percent|%|\$|size|budget|allowance)"
                              r"(?!\w)", re.IGNORECASE)


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
                row_key = _cell_text(cells[0]) if cells else ""
                code = re.fullmatch(r"[\d\W]+", row_key) and not re.fullmatch(r"\d{1,2}:\d{2}", row_key)  # not 09:30
                if len(cells) == len(columns) and row_key and not code:
                    for col, value in zip(columns[1:], cells[1:], strict=True):
                        col = _cell_text(col)
                        if not value or not col or value.strip().lower() in _EMPTY_CELLS:
                            continue
                        if _unaskable_cell(col, row_key, value):
                            continue
                        start = offsets[j] + lines[j].find(value)
                        question = table_question(col, row_key, title)
                        yield ExtractedPair(question, value, chunk_id, source, start, start + len(value), "table")
                j += 1
            i = j
        else:
            i += 1


def extract_all(text: str, chunk_id: int, source: str, title: str) -> list[ExtractedPair]:
    return [*faq_pairs(text, chunk_id, source), *definition_pairs(text, chunk_id, source, title),
            *table_pairs(text, chunk_id, source, title)]
