"""Lists of named links ("- [Cloud.gov](https://cloud.gov/): a Platform as a Service ...") as "What is Cloud.gov?",
on real lines of the 18F handbook (../shared/datasets/18f-handbook, public domain)."""

from __future__ import annotations

from ingest.dataset.named_links import is_name, link_question, named_link_pairs

HISTORY = """Some of the products and programs TTS launched, including:

- [Cloud.gov](https://cloud.gov/): a Platform as a Service built specifically
  for government work. Created by 18F in 2015.
- [Cloud.gov Pages](https://cloud.gov/pages): a publishing platform for modern
  government websites. Created by 18F in 2015.
- [TTS Career Progression Frameworks](https://drive.google.com/drive/folders/12E7):
  a folder of completed frameworks
- [18F Content Guide](https://content-guide.18f.gov/): The official source for
  18F's content policies and preferences
"""

NOT_DEFINITIONS = """- [**Login.gov**](https://login.gov) - requires an Memorandum of Understanding
- [**Microsoft Visio**](https://products.office.com/en-us/visio/flowchart-software) -
  Visio isn't available for Mac, but you can [request it get added to your
  Citrix VDI instance]({% page "/tools/virtual-desktop/#software" %}).
  - [jointts@gsa.gov](mailto:jointts@gsa.gov) - for applicants, candidates, or
    other interested parties to contact the Talent Team.
  - [Supervisor](https://docs.google.com/document/d/1TM7/edit#heading=h.2bzg): the steps a supervisor follows
- [here](https://example.gov): the full list of our products and programs
"""


def test_named_links_are_asked_what_they_are_and_answered_by_their_description():
    pairs = list(named_link_pairs(HISTORY, 7, "18f-handbook/pages/office-of-solutions/history.md"))
    assert [p.question for p in pairs] == ["What is Cloud.gov?", "What is Cloud.gov Pages?",
                                           "What are the TTS Career Progression Frameworks?",
                                           "What is the 18F Content Guide?"]
    first = pairs[0]
    # the description, hard-wrapped over two lines, with its exact span in the chunk
    assert first.answer == "a Platform as a Service built specifically\n  for government work. Created by 18F in 2015."
    assert HISTORY[first.answer_start:first.answer_end] == first.answer
    assert first.extractor == "link" and first.chunk_id == 7
    # a description that opens on the next line
    assert pairs[2].answer == "a folder of completed frameworks"


def test_what_to_do_with_a_link_or_a_common_word_is_no_definition():
    assert list(named_link_pairs(NOT_DEFINITIONS, 1, "x.md")) == []


def test_names_and_their_articles():
    assert is_name("api.data.gov") and is_name("GitHub") and is_name("OPM") and is_name("18F Events")
    assert not is_name("Supervisor") and not is_name("this guide") and not is_name("Read the docs")
    assert link_question("USAGov Partnership Toolkit") == "What is the USAGov Partnership Toolkit?"
    assert link_question("FedsHireVets") == "What is FedsHireVets?"
