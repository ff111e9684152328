"""Structure-aware, token-bounded chunking with exact character offsets.

Why not LangChain's RecursiveCharacterTextSplitter: it measures pieces one at a time and adds their
lengths, so a chunk can end up over the embedder's window, and it recovers offsets with `str.find`,
which mislocates repeated text. We need hard guarantees the rest of the system relies on:

1. every character of the document lies in at least one chunk (chunks are contiguous `text[start:end]`),
2. no chunk exceeds `chunk_tokens` tokens of the *embedding model's own tokenizer*,
3. each chunk carries the heading path above it (Markdown / HTML / DOCX headings, plain-text titles),
   and the page for PDFs.

The document is tokenized once with offsets; counting tokens in any span is then a binary search.
Sections (text between headings) that fit the budget stay whole; small neighbours are merged; long
ones are cut at the best boundary in the last half of the window: paragraph > line > sentence > space.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ingest.loaders import Heading, LoadedDocument
from qacore.store import Chunk
from qacore.workspace import sha256_text

_SENTENCE_END = re.compile(r"[.!?][\"')\]]?\s")


@dataclass
class ChunkSpan:
    start: int
    end: int
    heading_path: list[str]
    page: int | None = None


class TokenOffsets:
    """Token start offsets of one text; `count(a, b)` = tokens starting in [a, b)."""

    def __init__(self, tokenizer, text: str):
        encoded = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True, verbose=False)
        self.starts = [start for start, _end in encoded["offset_mapping"]]
        self.text = text

    def count(self, a: int, b: int) -> int:
        return bisect.bisect_left(self.starts, b) - bisect.bisect_left(self.starts, a)

    def first_token_at_or_after(self, pos: int) -> int:
        return bisect.bisect_left(self.starts, pos)


def _sections(text: str, headings: list[Heading]) -> list[tuple[int, int, list[str]]]:
    """(start, end, heading_path) covering the whole text, one per heading plus any preamble."""
    out: list[tuple[int, int, list[str]]] = []
    heads = sorted(headings, key=lambda h: h.start)
    if not heads or heads[0].start > 0:
        out.append((0, heads[0].start if heads else len(text), []))
    stack: list[Heading] = []
    for i, head in enumerate(heads):
        while stack and stack[-1].level >= head.level:
            stack.pop()
        stack.append(head)
        end = heads[i + 1].start if i + 1 < len(heads) else len(text)
        out.append((head.start, end, [h.title for h in stack]))
    return _fold_bare_headings(text, [s for s in out if s[1] > s[0]])


def _heading_only(section_text: str) -> bool:
    """A heading with no text under it before the next heading ("## Requesting leave" then "### Forms", or a
    title underlined with = or -)."""
    lines = [line.strip() for line in section_text.splitlines() if line.strip()]
    return len(lines) == 1 or len(lines) == 2 and set(lines[1]) <= set("=-")


def _fold_bare_headings(text: str, sections: list[tuple[int, int, list[str]]]) -> list[tuple[int, int, list[str]]]:
    """A heading with nothing under it opens the section that follows instead of standing alone. Why: on the 18F
    handbook 19 of its 2,561 chunks were a lone heading ("## Ending projects early") whose text was in the next
    chunk, which then lacked it: noise in the top 5 for retrieval, and a section no question could be asked about."""
    out: list[tuple[int, int, list[str]]] = []
    pending: int | None = None
    for n, (start, end, path) in enumerate(sections):
        if path and n + 1 < len(sections) and _heading_only(text[start:end]):
            pending = start if pending is None else pending
            continue
        out.append((start if pending is None else pending, end, path))
        pending = None
    return out


def _best_cut(text: str, lo: int, hi: int) -> int:
    """A cut position in (lo, hi]: after a paragraph break, line break, sentence end or space; else hi."""
    window = text[lo:hi]
    for separator in ("\n\n", "\n"):
        idx = window.rfind(separator)
        if idx != -1:
            return lo + idx + len(separator)
    ends = list(_SENTENCE_END.finditer(window))
    if ends:
        return lo + ends[-1].end()
    idx = max(window.rfind(" "), window.rfind("\t"))
    return lo + idx + 1 if idx != -1 else hi


def _is_scrap(text: str) -> bool:
    """Markup with almost no words: closing tags, a table rule, a lone link target."""
    return len(re.findall(r"[A-Za-z]{2,}", re.sub(r"<[^>]*>|\([^)\s]*\)", " ", text))) < 3


def _split_long(tokens: TokenOffsets, a: int, b: int, budget: int, overlap: int) -> list[tuple[int, int]]:
    text, starts = tokens.text, tokens.starts
    pieces: list[tuple[int, int]] = []
    pos = a
    min_tail = budget // 4
    while (remaining := tokens.count(pos, b)) > budget:
        i = tokens.first_token_at_or_after(pos)
        # [pos, starts[i + budget]) holds exactly `budget` tokens
        cut = _best_cut(text, starts[i + budget // 2], starts[i + budget])
        if remaining - budget < min_tail and _is_scrap(text[cut:b]):
            # the last piece would be a scrap ("</td></tr></table>" on its own): cut earlier so that it holds at
            # least a quarter of the budget. With the bare-heading fold, the 18F handbook's chunks of fewer than 3
            # words outside markup went from 21 to 10 (the rest: pieces of one table rule longer than a chunk).
            # Only for scraps: a table's last rows moved away from its header row lose their questions (9 on
            # corpora/)
            cut = _best_cut(text, starts[i + max(budget // 2, remaining - budget)], starts[i + remaining - min_tail])
        pieces.append((pos, cut))
        # Next piece starts `overlap` tokens before the cut, moved forward to a word start so no chunk
        # begins mid-word; always strictly after this piece's first token so the loop progresses.
        cut_token = tokens.first_token_at_or_after(cut)
        k = max(cut_token - overlap, i + 1)
        while k < cut_token and starts[k] > 0 and not (text[starts[k] - 1].isspace() or not text[starts[k] - 1].isalnum()):
            k += 1
        pos = min(starts[k] if k < len(starts) else cut, cut)
    pieces.append((pos, b))
    return pieces


def _common_prefix(a: list[str], b: list[str]) -> list[str]:
    out = []
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        out.append(x)
    return out


def chunk_spans(
    doc: LoadedDocument,
    tokenizer,
    chunk_tokens: int,
    overlap_tokens: int,
    merge_small_sections: bool = True,
    budget_for_path=None,
) -> list[ChunkSpan]:
    """`budget_for_path(heading_path) -> int` may lower the budget per section (the pipeline leaves room
    for the section's embedding header within the model's window)."""
    text = doc.text
    tokens = TokenOffsets(tokenizer, text)
    spans: list[ChunkSpan] = []
    mergeable = False  # whether spans[-1] is a whole small section that may absorb the next one
    for start, end, path in _sections(text, doc.headings):
        budget = min(chunk_tokens, budget_for_path(path)) if budget_for_path else chunk_tokens
        if tokens.count(start, end) <= budget:
            prev = spans[-1] if spans else None
            common = _common_prefix(prev.heading_path, path) if prev else []
            if (merge_small_sections and mergeable and prev is not None and prev.end == start
                    and tokens.count(prev.start, end) <= budget
                    and (common or not (prev.heading_path or path))):
                prev.end = end
                prev.heading_path = common
            else:
                spans.append(ChunkSpan(start, end, list(path)))
            mergeable = True
        else:
            for a, b in _split_long(tokens, start, end, budget, min(overlap_tokens, budget // 2)):
                spans.append(ChunkSpan(a, b, list(path)))
            mergeable = False
    # A chunk of only whitespace carries nothing to embed; fold it into its neighbour (coverage is kept).
    cleaned: list[ChunkSpan] = []
    for span in spans:
        if not text[span.start:span.end].strip() and cleaned:
            cleaned[-1].end = max(cleaned[-1].end, span.end)
        else:
            cleaned.append(span)
    if len(cleaned) > 1 and not text[cleaned[0].start:cleaned[0].end].strip():
        cleaned[1].start = cleaned[0].start
        cleaned.pop(0)
    if doc.page_starts:
        for span in cleaned:
            span.page = bisect.bisect_right(doc.page_starts, span.start + _leading_ws(text, span.start))
    return cleaned


def _leading_ws(text: str, pos: int) -> int:
    n = 0
    while pos + n < len(text) and text[pos + n].isspace():
        n += 1
    return n


def embedding_header(title: str, heading_path: list[str]) -> str:
    """'Title > Section > Subsection': prefixed to each chunk when embedding and for BM25, so a chunk deep
    inside a document still carries what it is about (the site/policy name, the section)."""
    parts = [title] if title else []
    for heading in heading_path:
        if not parts or heading.strip().lower() != parts[-1].strip().lower():
            parts.append(heading)
    return " > ".join(p.strip() for p in parts if p.strip())


def fit_header(tokenizer, header: str, max_tokens: int) -> str:
    if max_tokens <= 0 or not header:
        return ""
    encoded = tokenizer(header, add_special_tokens=False, return_offsets_mapping=True, verbose=False)
    offsets = encoded["offset_mapping"]
    if len(offsets) <= max_tokens:
        return header
    return header[: offsets[max(0, max_tokens - 2)][1]].rstrip() + "…"


def make_chunks(doc_key: str, source: str, doc: LoadedDocument, embedder, ingest, first_id: int) -> list[Chunk]:
    """The chunks of one loaded document, each with its embedding text (header + chunk) and token count;
    ids from `first_id`. `embedder` gives the tokenizer and window, `ingest` is the [ingest] config."""
    headers: dict[tuple[str, ...], tuple[str, int]] = {}  # heading path -> (header, its tokens), tokenized once

    def header_for(path: list[str]) -> tuple[str, int]:
        key = tuple(path)
        if key not in headers:
            header = fit_header(embedder.tokenizer, embedding_header(doc.title, path), ingest.header_tokens)
            headers[key] = (header, embedder.count_tokens(header))
        return headers[key]

    def budget_for(path: list[str]) -> int:
        # the chunk and its header must fit the model's window together (+1 for the separator's margin)
        return embedder.content_token_budget - header_for(path)[1] - 1

    spans = chunk_spans(doc, embedder.tokenizer, ingest.chunk_tokens, ingest.chunk_overlap_tokens,
                        ingest.merge_small_sections, budget_for)
    chunks = []
    for offset, span in enumerate(spans):
        text = doc.text[span.start:span.end]
        header = header_for(span.heading_path)[0]
        embed_text = f"{header}\n\n{text.strip()}" if header else text.strip()
        n_tokens = embedder.count_tokens(embed_text)
        if n_tokens > embedder.content_token_budget:  # cannot happen within the validated budgets; belt and braces
            embed_text, n_tokens = text.strip(), embedder.count_tokens(text.strip())
        chunks.append(Chunk(
            id=first_id + offset, doc_key=doc_key, source=source, title=doc.title,
            heading_path=span.heading_path, page=span.page, start=span.start, end=span.end, text=text,
            embed_text=embed_text, content_hash=sha256_text(text), n_tokens=n_tokens,
        ))
    return chunks
