#!/usr/bin/env python3
"""Build the PDF and DOCX documents of the sample corpus.

The source texts live in scripts/corpus_src/ as a small markdown subset:

    # Title                 document title
    ## Heading              section heading   (Heading 1 in DOCX)
    ### Heading             subsection         (Heading 2 in DOCX)
    - item                  bullet list item
    1. item                 numbered list item
    | a | b |               table row (first row is the header, |---| rows are skipped)
    anything else           paragraph text (consecutive lines are joined)

Output goes to corpora/. The build is deterministic: PDF metadata and DOCX
core properties use a fixed date, and DOCX zip entries get a fixed timestamp,
so re-running produces byte-identical files.

Usage:
    python scripts/build_corpus_docs.py            # build all documents
    python scripts/build_corpus_docs.py --check    # build, then verify text
                                                   # extraction and PLANTED.json
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC_DIR = ROOT / "scripts" / "corpus_src"
OUT_DIR = ROOT / "corpora"

FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)
ZIP_DATE = (2026, 1, 1, 0, 0, 0)
COMPANY = "Fernhill Analytics"

# source file stem -> output format
DOCUMENTS = {
    "leave-policy": "pdf",
    "travel-policy": "pdf",
    "expense-policy": "docx",
    "benefits-overview": "docx",
}


# --------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------


@dataclass
class Block:
    kind: str  # title | h1 | h2 | para | bullet | number | table
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)


_NUMBERED = re.compile(r"^\d+\.\s+")


def parse_source(text: str) -> list[Block]:
    blocks: list[Block] = []
    para: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        if para:
            blocks.append(Block("para", " ".join(para)))
            para.clear()
        if table:
            blocks.append(Block("table", rows=[r[:] for r in table]))
            table.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        stripped = line.strip()
        if stripped.startswith("|"):
            if para:
                blocks.append(Block("para", " ".join(para)))
                para.clear()
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            table.append(cells)
            continue
        if table:
            flush()
        if not stripped:
            flush()
        elif stripped.startswith("### "):
            flush()
            blocks.append(Block("h2", stripped[4:]))
        elif stripped.startswith("## "):
            flush()
            blocks.append(Block("h1", stripped[3:]))
        elif stripped.startswith("# "):
            flush()
            blocks.append(Block("title", stripped[2:]))
        elif stripped.startswith("- "):
            flush()
            blocks.append(Block("bullet", stripped[2:]))
        elif _NUMBERED.match(stripped):
            flush()
            blocks.append(Block("number", stripped))
        else:
            para.append(stripped)
    flush()
    return blocks


# --------------------------------------------------------------------------
# PDF (fpdf2, core Helvetica font, latin-1 text only)
# --------------------------------------------------------------------------


def build_pdf(blocks: list[Block], out: Path) -> None:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    title = next(b.text for b in blocks if b.kind == "title")

    class Doc(FPDF):
        def header(self) -> None:
            if self.page_no() == 1:
                return
            self.set_font("Helvetica", "I", 8)
            self.set_text_color(110, 110, 110)
            self.cell(0, 6, f"{COMPANY} - {title}", align="L",
                      new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(2)
            self.set_text_color(0, 0, 0)

        def footer(self) -> None:
            self.set_y(-14)
            self.set_font("Helvetica", "I", 8)
            self.set_text_color(110, 110, 110)
            self.cell(0, 8, f"Internal - Page {self.page_no()} of {{nb}}",
                      align="C")
            self.set_text_color(0, 0, 0)

    pdf = Doc(format="A4")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_title(title)
    pdf.set_author(COMPANY)
    pdf.set_subject(f"{COMPANY} internal policy")
    pdf.set_creator("scripts/build_corpus_docs.py")
    pdf.set_producer("fpdf2")
    pdf.set_creation_date(FIXED_DATE)
    pdf.add_page()

    body_h = 5.6
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def text_line(txt: str, indent: float = 0.0, marker: str = "") -> None:
        pdf.set_font("Helvetica", "", 10.5)
        pdf.set_x(pdf.l_margin + indent)
        if marker:
            pdf.cell(6, body_h, marker)
            pdf.multi_cell(width - indent - 6, body_h, txt,
                           new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        else:
            pdf.multi_cell(width - indent, body_h, txt,
                           new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    for i, b in enumerate(blocks):
        if b.kind == "title":
            pdf.set_font("Helvetica", "B", 20)
            pdf.set_text_color(35, 68, 58)
            pdf.multi_cell(width, 10, b.text, new_x=XPos.LMARGIN,
                           new_y=YPos.NEXT)
            pdf.set_text_color(0, 0, 0)
            pdf.ln(3)
        elif b.kind in ("h1", "h2"):
            size = 14 if b.kind == "h1" else 11.5
            if pdf.get_y() > pdf.h - 45:  # keep headings with their text
                pdf.add_page()
            pdf.ln(4 if b.kind == "h1" else 2)
            pdf.set_font("Helvetica", "B", size)
            pdf.set_text_color(35, 68, 58)
            pdf.multi_cell(width, size * 0.55, b.text, new_x=XPos.LMARGIN,
                           new_y=YPos.NEXT)
            pdf.set_text_color(0, 0, 0)
            pdf.ln(1.5)
        elif b.kind == "para":
            text_line(b.text)
            pdf.ln(2)
        elif b.kind == "bullet":
            text_line(b.text, indent=4, marker="-")
            nxt = blocks[i + 1].kind if i + 1 < len(blocks) else ""
            if nxt != "bullet":
                pdf.ln(2)
        elif b.kind == "number":
            num, rest = b.text.split(" ", 1)
            text_line(rest.strip(), indent=4, marker=num)
            nxt = blocks[i + 1].kind if i + 1 < len(blocks) else ""
            if nxt != "number":
                pdf.ln(2)
        elif b.kind == "table":
            pdf.set_font("Helvetica", "", 9.5)
            pdf.set_draw_color(160, 170, 165)
            with pdf.table(
                text_align="LEFT",
                line_height=5,
                padding=1.5,
                first_row_as_headings=True,
                headings_style=_heading_style(),
            ) as table:
                for row in b.rows:
                    r = table.row()
                    for cell in row:
                        r.cell(cell)
            pdf.ln(3)

    pdf.output(str(out))


def _heading_style():
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD", fill_color=(232, 239, 233))


# --------------------------------------------------------------------------
# DOCX (python-docx, real Word heading styles)
# --------------------------------------------------------------------------


def build_docx(blocks: list[Block], out: Path) -> None:
    import docx
    from docx.shared import Pt

    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)

    title = next(b.text for b in blocks if b.kind == "title")
    for b in blocks:
        if b.kind == "title":
            doc.add_heading(b.text, level=0)  # "Title" style
        elif b.kind == "h1":
            doc.add_heading(b.text, level=1)  # "Heading 1"
        elif b.kind == "h2":
            doc.add_heading(b.text, level=2)  # "Heading 2"
        elif b.kind == "para":
            doc.add_paragraph(b.text)
        elif b.kind == "bullet":
            doc.add_paragraph(b.text, style="List Bullet")
        elif b.kind == "number":
            doc.add_paragraph(b.text.split(" ", 1)[1].strip(),
                              style="List Number")
        elif b.kind == "table":
            ncols = max(len(r) for r in b.rows)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for ri, row in enumerate(b.rows):
                cells = table.add_row().cells
                for ci in range(ncols):
                    cells[ci].text = row[ci] if ci < len(row) else ""
                    if ri == 0:
                        for run in cells[ci].paragraphs[0].runs:
                            run.bold = True
            doc.add_paragraph("")

    props = doc.core_properties
    props.title = title
    props.author = COMPANY
    props.last_modified_by = COMPANY
    props.subject = f"{COMPANY} internal policy"
    props.created = FIXED_DATE.replace(tzinfo=None)
    props.modified = FIXED_DATE.replace(tzinfo=None)
    props.last_printed = FIXED_DATE.replace(tzinfo=None)
    props.revision = 1
    props.comments = ""
    props.keywords = "policy"

    buf = io.BytesIO()
    doc.save(buf)
    _rezip_deterministic(buf.getvalue(), out)


def _rezip_deterministic(data: bytes, out: Path) -> None:
    """Rewrite a zip with fixed timestamps so the output is byte-identical."""
    src = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))


# --------------------------------------------------------------------------
# Verification
# --------------------------------------------------------------------------


def extract_text(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        import pypdf

        reader = pypdf.PdfReader(str(path))
        return "\n".join(p.extract_text() or "" for p in reader.pages)
    if suffix == ".docx":
        import docx

        d = docx.Document(str(path))
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            for row in t.rows:
                parts.append(" | ".join(c.text for c in row.cells))
        return "\n".join(parts)
    if suffix == ".html":
        import html as _html

        raw = path.read_text(encoding="utf-8")
        raw = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", raw)
        return _html.unescape(re.sub(r"<[^>]+>", " ", raw))
    return path.read_text(encoding="utf-8")


def check(built: list[Path]) -> int:
    errors = 0
    for path in built:
        text = extract_text(path)
        words = len(text.split())
        pages = ""
        if path.suffix == ".pdf":
            import pypdf

            pages = f", {len(pypdf.PdfReader(str(path)).pages)} pages"
        print(f"{path.relative_to(ROOT)}: {words} words{pages}")
        if path.suffix == ".pdf" and "{nb}" in text:
            print("  ERROR: page alias not substituted")
            errors += 1

    planted_file = SRC_DIR / "PLANTED.json"
    if planted_file.exists():
        planted = json.loads(planted_file.read_text(encoding="utf-8"))
        cache: dict[str, str] = {}
        for item in planted:
            f = item["file"]
            if f not in cache:
                cache[f] = extract_text(ROOT / f)
            if item["value"] not in cache[f]:
                print(f"  MISSING planted {item['type']} in {f}: "
                      f"{item['value']!r}")
                errors += 1
        print(f"PLANTED.json: {len(planted)} items checked, "
              f"{errors} problem(s)")
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="verify extracted text and planted items")
    args = parser.parse_args(argv)

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    built = []
    for stem, fmt in DOCUMENTS.items():
        src = (SRC_DIR / f"{stem}.md").read_text(encoding="utf-8")
        src.encode("latin-1")  # core PDF fonts only support latin-1
        blocks = parse_source(src)
        out = OUT_DIR / f"{stem}.{fmt}"
        if fmt == "pdf":
            build_pdf(blocks, out)
        else:
            build_docx(blocks, out)
        built.append(out)
        print(f"wrote {out.relative_to(ROOT)}")

    if args.check:
        return 1 if check(built) else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
