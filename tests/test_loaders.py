"""Each loader on the real sample files, and every kind of bad input."""

import io
import zipfile
from pathlib import Path

import pytest

from ingest.loaders import Unusable, load_document, markdown_headings, plain_text_headings
from tests.conftest import CORPORA


def load(name: str):
    path = CORPORA / name
    return load_document(path, path.read_bytes())


def test_markdown_keeps_headings_and_ignores_code_fences():
    doc = load("it-helpdesk-faq.md")
    assert doc.loader == "markdown"
    assert doc.title and sum(h.level == 3 for h in doc.headings) >= 20  # FAQ questions are ### headings
    fenced = "# Title\n\n```bash\n# not a heading\n```\n\n## Real\ntext\n"
    assert [h.title for h in markdown_headings(fenced)] == ["Title", "Real"]


def test_front_matter_title_on_one_line_or_folded():
    """The 18F handbook writes some titles on indented lines under `title:` (igcap-october2016.md); they fell back
    to the file name, and questions got "igcap october2016:" in front."""
    one = load_document(Path("leave.md"), b'---\ntitle: "Leave: types"\nkeywords: a\n---\n# Heading\ntext\n')
    assert one.title == "Leave: types" and not one.text.startswith("---")
    folded = load_document(Path("igcap-october2016.md"), b"---\ntitle:\n  18F Corrective Action Plan for the October"
                           b"\n  2016 GSA Inspector General\nredirect_from:\n  - /igcap/\n---\nSome text here.\n")
    assert folded.title == "18F Corrective Action Plan for the October 2016 GSA Inspector General"


def test_plain_text_titles_become_headings():
    doc = load("password-policy.txt")
    assert doc.loader == "text" and len(doc.headings) >= 3
    heads = plain_text_headings("INTRO\n\nbody\n\n2.1 SCOPE OF USE\nmore\n\nUnderlined\n==========\nx\n")
    assert [(h.title, h.level) for h in heads] == [("INTRO", 1), ("SCOPE OF USE", 2), ("Underlined", 1)]


def test_html_drops_script_style_nav_and_keeps_structure():
    doc = load("security-policy.html")
    raw = (CORPORA / "security-policy.html").read_text()
    assert "<script" in raw and "<style" in raw and "<nav" in raw
    assert "function" not in doc.text and "{" not in doc.text  # no JS or CSS survived
    assert doc.headings and doc.headings[0].level in (1, 2)
    assert "<" not in doc.text.replace("<=", "")


def test_pdf_pages_are_tracked():
    doc = load("leave-policy.pdf")
    assert doc.loader == "pdf" and len(doc.page_starts) >= 3
    assert doc.page_starts == sorted(doc.page_starts) and doc.page_starts[0] == 0
    assert "annual leave" in doc.text.lower()
    # structure pypdf loses, restored: numbered headings, no running footer, no hard wraps inside a sentence
    titles = [(h.level, h.title) for h in doc.headings]
    assert (2, "2. Annual leave") in titles and (3, "2.1 Booking annual leave") in titles
    assert "Page 1 of" not in doc.text
    assert "Applies to all employees" in doc.text


def test_pdf_text_cleaning_rules():
    from ingest.loaders import clean_pdf_pages, numbered_headings

    pages = ["Policy\n1. Scope\nThis applies to all\nstaff in the UK.\nACME - Page 1 of 2",
             "2. Leave\n27 December to 31 December is a closure.\n1. Request leave in Workday.\nACME - Page 2 of 2"]
    first, second = clean_pdf_pages(pages)
    assert first == "Policy\n1. Scope\nThis applies to all staff in the UK."  # footer gone, wrap joined
    assert "Page 2 of 2" not in second
    headings = numbered_headings(first + "\n\n" + second)
    # "27 December ..." does not follow "2" and "1. Request leave in Workday." is a sentence: neither is a heading
    assert [(h.level, h.title) for h in headings] == [(2, "1. Scope"), (2, "2. Leave")]
    assert clean_pdf_pages(["Only page\nFooter 1"]) == ["Only page\nFooter 1"]  # one page: nothing recurs
    assert clean_pdf_pages(["Step 1\nStep 2"]) == ["Step 1\nStep 2"]  # same shape twice on one page is not running


def test_docx_headings_and_tables():
    doc = load("expense-policy.docx")
    assert doc.loader == "docx"
    assert any(h.level == 1 for h in doc.headings) and any(h.level == 2 for h in doc.headings)
    assert "| " in doc.text  # tables rendered as pipe rows


def test_csv_rows_stay_together():
    doc = load("seed_qa.csv")
    first = doc.text.split("\n\n")[0]
    assert first.startswith("prompt: ") and "\ncompletion: " in first


def test_jsonl_plain_and_chat(tmp_path):
    path = tmp_path / "faq.jsonl"
    path.write_text('{"question": "Where is the VPN portal?", "answer": "vpn.example.test"}\n'
                    '{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}\n')
    doc = load_document(path, path.read_bytes())
    assert "question: Where is the VPN portal?" in doc.text and "assistant: hello" in doc.text


def test_legacy_encoding_is_detected(tmp_path):
    path = tmp_path / "latin.txt"
    text = "Política de férias: os funcionários têm direito a 25 dias úteis de férias por ano. " * 5
    path.write_bytes(text.encode("cp1252"))
    doc = load_document(path, path.read_bytes())
    assert "férias" in doc.text and doc.encoding and doc.encoding != "utf-8"


# --- bad input -------------------------------------------------------------------------------------------

def _encrypted_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _docx_with(extra: dict[str, bytes], replace_document: bytes | None = None) -> bytes:
    source = zipfile.ZipFile(CORPORA / "expense-policy.docx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if replace_document is not None and item.filename == "word/document.xml":
                data = replace_document
            target.writestr(item, data)
        for name, data in extra.items():
            target.writestr(name, data)
    return out.getvalue()


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
                  b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                  b"<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>")

BAD_INPUTS = {
    "corrupt.pdf": (lambda: b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage \x00\xff" * 3, "corrupt PDF"),
    "not-a-pdf.pdf": (lambda: b"hello, I am text", "corrupt PDF"),
    "locked.pdf": (_encrypted_pdf, "encrypted PDF"),
    "binary.txt": (lambda: bytes(range(256)) * 40, "binary content"),
    "garbage.md": (lambda: bytes([0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xfe, 0xff, 0xc0, 0xc1]) * 300, None),
    "empty.md": (lambda: b"", "empty file"),
    "blank.txt": (lambda: b"   \n\n  \t\n", "empty file"),
    "not-a-zip.docx": (lambda: b"PK\x03\x04 truncated", "corrupt DOCX"),
    "bomb.docx": (lambda: _docx_with({"word/media/bomb.bin": b"\0" * 120_000_000}), "zip bomb"),
    "entities.docx": (lambda: _docx_with({}, replace_document=BILLION_LAUGHS), "entit"),
    "broken.jsonl": (lambda: b'{"a": "ok"}\n{not json\n', "malformed JSONL"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_refused_with_a_reason(tmp_path, name):
    make, expected = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(Unusable) as info:
        load_document(path, path.read_bytes())
    reason = str(info.value)
    if expected is None:  # undecodable bytes are reported as either binary or undecodable
        assert "binary" in reason or "undecodable" in reason
    else:
        assert expected in reason, reason


def test_unsupported_extension(tmp_path):
    path = Path(tmp_path / "x.exe")
    path.write_bytes(b"MZ")
    with pytest.raises(Unusable, match="unsupported"):
        load_document(path, path.read_bytes())
