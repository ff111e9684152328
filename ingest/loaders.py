"""Bytes -> text with structure, for every supported format, and every bad-input check.

Each loader returns a `LoadedDocument` whose `text` is what gets chunked and stored, plus the headings
(character offset, level, title) and, for PDFs, where each page starts. Markdown-like structure is kept
as text: HTML and DOCX are converted to Markdown so one heading parser serves all formats.

A loader never crashes the run on bad input: it raises `Unusable(reason)`, and the pipeline skips the
file and lists the reason in the end-of-run table.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer


class Unusable(Exception):
    """This file cannot be ingested; the message is the reason shown to the user."""


@dataclass(frozen=True)
class Heading:
    start: int  # offset of the heading line in `text`
    level: int  # 1 = top
    title: str


@dataclass
class LoadedDocument:
    text: str
    title: str
    loader: str
    headings: list[Heading] = field(default_factory=list)
    page_starts: list[int] | None = None  # offset of each page (PDF only)
    encoding: str | None = None


# --- text decoding -----------------------------------------------------------------------------------------

_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes of a text file; reject binary content and undecodable text with a clear reason."""
    if not data.strip():
        raise Unusable("empty file")
    sample = data[:65536]
    if b"\x00" in sample and not (sample.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise Unusable("binary content in a text file (NUL bytes)")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.chaos > 0.3:
        raise Unusable("undecodable text (no encoding fits)")
    text = str(best)
    if len(_CONTROL.findall(text.encode("utf-8", "replace"))) > max(8, len(text) // 100):
        raise Unusable("binary content in a text file (control characters)")
    return text, best.encoding


# --- headings ---------------------------------------------------------------------------------------------

_ATX = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_FENCE = re.compile(r"^(```|~~~)", re.MULTILINE)


def markdown_headings(text: str) -> list[Heading]:
    """ATX headings ('## Title'), ignoring lines inside fenced code blocks."""
    fenced: list[tuple[int, int]] = []
    fences = [m.start() for m in _FENCE.finditer(text)]
    for a, b in zip(fences[::2], fences[1::2], strict=False):
        fenced.append((a, b))
    if len(fences) % 2:
        fenced.append((fences[-1], len(text)))
    return [
        Heading(m.start(), len(m.group(1)), m.group(2).strip())
        for m in _ATX.finditer(text)
        if not any(a <= m.start() < b for a, b in fenced)
    ]


_SETEXT = re.compile(r"^(?P<title>[^\n]{3,80})\n(?P<rule>={3,}|-{3,})[ \t]*$", re.MULTILINE)
_CAPS_OR_NUMBERED = re.compile(r"^(?:\d+(?:\.\d+)*\.?[ \t]+)?(?P<title>[A-Z][A-Z0-9 &/,'()\-]{2,78})[ \t]*$", re.MULTILINE)


def plain_text_headings(text: str) -> list[Heading]:
    """Plain text has no markup; take underlined titles and ALL-CAPS (optionally numbered) lines."""
    found = {m.start(): Heading(m.start(), 1 if m.group("rule")[0] == "=" else 2, m.group("title").strip())
             for m in _SETEXT.finditer(text)}
    for m in _CAPS_OR_NUMBERED.finditer(text):
        title = m.group("title").strip()
        if m.start() not in found and sum(ch.isalpha() for ch in title) >= 3:
            numbering = m.group(0).split()[0] if m.group(0)[:1].isdigit() else ""
            level = 2 if "." in numbering.rstrip(".") else 1  # "2.1 SCOPE" is a subsection of "2 ..."
            found[m.start()] = Heading(m.start(), level, title)
    return sorted(found.values(), key=lambda h: h.start)


def _title(headings: list[Heading], path: Path) -> str:
    top = [h for h in headings if h.level == 1]
    return top[0].title if top else path.stem.replace("_", " ").replace("-", " ")


# --- formats ----------------------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FRONT_TITLE = re.compile(r"^title:[ \t]*([\"']?)(.+?)\1[ \t]*$", re.MULTILINE)
# a title folded onto indented lines ("title:\n  18F Corrective Action Plan for the October 2016 GSA Inspector\n
#   General Evaluation of 18F"): 6 pages of the 18F handbook, which fell back to their file name ("igcap october2016")
_FRONT_TITLE_FOLDED = re.compile(r"^title:[ \t]*[>|]?[-+]?[ \t]*\r?\n((?:[ \t]+\S[^\n]*(?:\r?\n|\Z))+)", re.MULTILINE)


def load_markdown(path: Path, data: bytes) -> LoadedDocument:
    """Markdown; YAML front matter (Jekyll, Hugo, MkDocs: `title:`, `keywords:`, `redirect_from:`) is metadata, not
    text: its `title` names the document and the block is dropped. On the 18F handbook it was the first sentence of
    every page's first chunk ("title: TTS onboarding classes keywords: ... redirect_from:")."""
    text, encoding = decode_text(data)
    front_title = None
    match = _FRONT_MATTER.match(text)
    if match:
        folded = _FRONT_TITLE_FOLDED.search(match.group(1) + "\n")
        found = _FRONT_TITLE.search(match.group(1))
        if folded:
            front_title = " ".join(folded.group(1).split()).strip("\"'")
        elif found:
            front_title = found.group(2).strip()
        text = text[match.end():].lstrip("\r\n")
    headings = markdown_headings(text)
    return LoadedDocument(text, front_title or _title(headings, path), "markdown", headings, encoding=encoding)


def load_text(path: Path, data: bytes) -> LoadedDocument:
    text, encoding = decode_text(data)
    headings = plain_text_headings(text)
    return LoadedDocument(text, _title(headings, path), "text", headings, encoding=encoding)


_DROP_HTML = ("script", "style", "noscript", "template", "iframe", "svg", "nav", "object", "embed", "form")


def load_html(path: Path, data: bytes) -> LoadedDocument:
    from bs4 import BeautifulSoup
    from markdownify import markdownify

    text, encoding = decode_text(data)
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(list(_DROP_HTML)):
        tag.decompose()
    html_title = soup.title.get_text(strip=True) if soup.title else ""
    if soup.title:
        soup.title.decompose()
    body = soup.body or soup
    markdown = markdownify(str(body), heading_style="ATX", strip=["a", "img"], bullets="-")
    markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"
    if not markdown.strip():
        raise Unusable("HTML without text content")
    headings = markdown_headings(markdown)
    title = html_title or _title(headings, path)
    return LoadedDocument(markdown, title, "html", headings, encoding=encoding)


def load_pdf(path: Path, data: bytes) -> LoadedDocument:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf logs every recoverable quirk
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise Unusable("corrupt PDF (no %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")  # owner-password-only PDFs open with an empty user password
            except Exception:
                ok = 0
            if not ok:
                raise Unusable("encrypted PDF (password required)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except Unusable:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError) as exc:
        raise Unusable(f"corrupt PDF ({type(exc).__name__}: {str(exc)[:120]})") from None
    parts, page_starts, offset = [], [], 0
    for page_text in clean_pdf_pages(pages):
        page_starts.append(offset)
        parts.append(page_text)
        offset += len(page_text) + 2
    text = "\n\n".join(parts)
    if not text.strip():
        raise Unusable("PDF has no extractable text (scanned? OCR is not supported)")
    title = ""
    try:
        title = (reader.metadata or {}).get("/Title") or ""
    except Exception:
        title = ""
    return LoadedDocument(text, str(title) or _title([], path), "pdf", numbered_headings(text),
                          page_starts=page_starts)


# --- PDF text: what pypdf's extraction loses ---------------------------------------------------------------
# pypdf returns each page as its printed lines: running headers and footers repeat on every page, sentences
# are hard-wrapped, and headings are just short lines. Left so, footers land in chunks, answers copy the line
# breaks, and chunks have no heading path (citations show only the file). No maintained library restores this
# for text PDFs without layout models, so these few rules do, conservatively.

_DIGITS = re.compile(r"\d+")


def clean_pdf_pages(pages: list[str]) -> list[str]:
    """Per page: running headers/footers removed (a first or last line that, digits aside, recurs on another
    page, e.g. "Internal - Page 1 of 4"), and a line that continues a sentence (starts in lower case) joined
    to the line before it."""
    lines_per_page = [[line.rstrip() for line in page.strip().splitlines()] for page in pages]
    pages_with = Counter(key for lines in lines_per_page  # each key counted once per page
                         for key in {_DIGITS.sub("#", line.strip()) for line in [*lines[:2], *lines[-2:]]} if key)
    running = {key for key, n in pages_with.items() if n >= 2}
    cleaned = []
    for lines in lines_per_page:
        kept = [line for i, line in enumerate(lines)
                if not ((i < 2 or i >= len(lines) - 2) and _DIGITS.sub("#", line.strip()) in running)]
        joined: list[str] = []
        for line in kept:
            stripped = line.strip()
            if joined and joined[-1].strip() and stripped[:1].islower():
                joined[-1] = joined[-1].rstrip() + " " + stripped
            else:
                joined.append(line)
        cleaned.append("\n".join(joined).strip())
    return cleaned


_NUMBERED = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2})*)\.?[ \t]+(?P<title>[A-Z][^\n]{1,70}?)[ \t]*$", re.MULTILINE)


def _follows(previous: tuple[int, ...], number: tuple[int, ...]) -> bool:
    """Is `number` a section number that can come right after `previous`? (1 -> 1.1, 2; 2.3 -> 2.4, 2.3.1, 3)"""
    if not previous:
        return number == (1,)
    if number == (*previous, 1):
        return True
    return any(number == (*previous[:depth], previous[depth] + 1) for depth in range(len(previous)))


def numbered_headings(text: str) -> list[Heading]:
    """Numbered section titles ("2. Annual leave", "2.1 Booking annual leave") that follow each other in order,
    so that a line such as "27 December ..." or a numbered list item is not taken for one. Level 2 for "2.",
    3 for "2.1": the document's title is level 1."""
    headings: list[Heading] = []
    previous: tuple[int, ...] = ()
    for m in _NUMBERED.finditer(text):
        title = m.group("title")
        if title.endswith((".", ",", ";", ":")) or len(title.split()) > 10:
            continue  # a sentence or a list item, not a title
        number = tuple(int(n) for n in m.group("number").split("."))
        if _follows(previous, number):
            headings.append(Heading(m.start(), 1 + len(number), m.group(0).strip()))
            previous = number
    return headings


def _check_docx_container(data: bytes, max_uncompressed: int) -> None:
    """Refuse zip bombs and XML entity tricks before any XML parser sees the file."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise Unusable("corrupt DOCX (not a zip archive)") from None
    with archive:
        infos = archive.infolist()
        total = sum(i.file_size for i in infos)
        if total > max_uncompressed:
            raise Unusable(f"DOCX expands to {total / 1e6:.0f} MB (> {max_uncompressed / 1e6:.0f} MB): possible zip bomb")
        for info in infos:
            if info.compress_size and info.file_size / info.compress_size > 200 and info.file_size > 5_000_000:
                raise Unusable(f"DOCX member {info.filename} has compression ratio "
                               f"{info.file_size // info.compress_size}:1: possible zip bomb")
        if "word/document.xml" not in archive.namelist():
            raise Unusable("corrupt DOCX (no word/document.xml)")
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                head = archive.read(info)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise Unusable(f"DOCX member {info.filename} declares XML entities (entity-expansion attack?)")


def load_docx(path: Path, data: bytes, max_uncompressed: int = 100_000_000) -> LoadedDocument:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    _check_docx_container(data, max_uncompressed)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types on malformed parts
        raise Unusable(f"corrupt DOCX ({type(exc).__name__}: {str(exc)[:120]})") from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            content = block.text.strip()
            if not content:
                continue
            style = (block.style.name if block.style is not None else "") or ""
            match = re.match(r"Heading (\d)", style)
            if style == "Title":
                lines.append(f"# {content}")
            elif match:
                lines.append(f"{'#' * min(6, int(match.group(1)))} {content}")
            elif style.startswith("List"):
                lines.append(f"- {content}")
            else:
                lines.append(content)
        elif isinstance(block, Table):
            rows = [[cell.text.strip().replace("\n", " ") for cell in row.cells] for row in block.rows]
            if rows:
                lines.append("| " + " | ".join(rows[0]) + " |")
                lines.append("|" + "---|" * len(rows[0]))
                lines.extend("| " + " | ".join(r) + " |" for r in rows[1:])
    text = "\n\n".join(lines).strip()
    if not text:
        raise Unusable("DOCX without text content")
    headings = markdown_headings(text)
    title = document.core_properties.title or _title(headings, path)
    return LoadedDocument(text + "\n", title, "docx", headings)


def load_csv(path: Path, data: bytes) -> LoadedDocument:
    """One paragraph per row, 'column: value' per line, so a row stays together in a chunk."""
    text, encoding = decode_text(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as exc:
        raise Unusable(f"malformed CSV ({exc})") from None
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if len(rows) < 2:
        raise Unusable("CSV without data rows")
    header, body = rows[0], rows[1:]
    paragraphs = ["\n".join(f"{h.strip() or f'column {i + 1}'}: {v.strip()}" for i, (h, v) in enumerate(zip(header, row, strict=False)) if v.strip())
                  for row in body]
    return LoadedDocument("\n\n".join(p for p in paragraphs if p) + "\n", _title([], path), "csv", encoding=encoding)


def load_jsonl(path: Path, data: bytes) -> LoadedDocument:
    text, encoding = decode_text(data)
    paragraphs = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise Unusable(f"malformed JSONL at line {line_no} ({exc.msg})") from None
        if isinstance(record, dict):
            if isinstance(record.get("messages"), list):  # chat format
                paragraphs.append("\n".join(f"{m.get('role', '?')}: {m.get('content', '')}" for m in record["messages"]
                                            if isinstance(m, dict)))
            else:
                paragraphs.append("\n".join(f"{k}: {v}" for k, v in record.items() if isinstance(v, str | int | float)))
        elif isinstance(record, str):
            paragraphs.append(record)
    paragraphs = [p for p in paragraphs if p.strip()]
    if not paragraphs:
        raise Unusable("JSONL without text records")
    return LoadedDocument("\n\n".join(paragraphs) + "\n", _title([], path), "jsonl", encoding=encoding)


def parse_headings(loader: str, text: str) -> list[Heading]:
    """Headings of already-loaded text (used again after redaction changed the text)."""
    if loader in ("markdown", "html", "docx"):
        return markdown_headings(text)
    if loader == "text":
        return plain_text_headings(text)
    if loader == "pdf":
        return numbered_headings(text)
    return []


LOADERS = {
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".txt": load_text,
    ".html": load_html,
    ".htm": load_html,
    ".pdf": load_pdf,
    ".docx": load_docx,
    ".csv": load_csv,
    ".jsonl": load_jsonl,
}


def load_document(path: Path, data: bytes, max_docx_uncompressed: int = 100_000_000) -> LoadedDocument:
    """Dispatch on the extension; raise Unusable with a reason for anything we cannot use."""
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        raise Unusable(f"unsupported file type {path.suffix or '(none)'}")
    if not data:
        raise Unusable("empty file")
    try:
        doc = load_docx(path, data, max_docx_uncompressed) if loader is load_docx else loader(path, data)
    except Unusable:
        raise
    except RecursionError:
        raise Unusable("document nesting too deep") from None
    if not doc.text.strip():
        raise Unusable("no text content")
    return doc
