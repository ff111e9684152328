"""How-to questions from task headings (ingest/dataset/from_headings.py). The headings and sections are quoted
from the 18F handbook (../shared/datasets/18f-handbook), shortened where marked."""

from __future__ import annotations

import pytest

from ingest.dataset.clauses import load_parser
from ingest.dataset.from_headings import heading_pairs, task_question


@pytest.fixture(scope="module")
def nlp():
    return load_parser()


def test_task_headings_become_how_do_i_questions(nlp):
    def ask(heading):
        return task_question(nlp(heading))

    assert ask("Requesting advanced annual or sick leave in HR Links") == (
        "How do I request advanced annual or sick leave in HR Links?")
    assert ask("Cancel an absence request") == "How do I cancel an absence request?"
    assert ask("Getting approval for a conference, event, or training") == (
        "How do I get approval for a conference, event, or training?")
    # "you" in a heading becomes "I", as the asker says it
    assert ask("Determining whether you need PRA clearance") == "How do I determine whether I need PRA clearance?"
    # sections, nouns and non-tasks are not asked about
    for heading in ("Getting started", "Getting help", "Timekeeping", "Parking", "Offboarding process",
                    "Overcoming the fear of talking", "Play 7 Reflection Questions", "How do I get a badge?"):
        assert ask(heading) is None, heading


def _chunk(chunk_id, text, title="Leave"):
    from qacore.store import Chunk

    return Chunk(id=chunk_id, doc_key="leave.md", source="leave.md", title=title, heading_path=[title], page=None,
                 start=0, end=len(text), text=text, embed_text=text, content_hash=str(chunk_id), n_tokens=10)


class _Retriever:
    def __init__(self, hits):
        self.hits = hits

    def search_ids_many(self, queries, k=None):
        return [self.hits for _ in queries]


def test_heading_pairs_answer_with_the_section_and_check_the_round_trip():
    steps = ("### Cancel an absence request\n\n"
             "Cancel an absence request when you no longer wish to use any leave for any of the days.\n\n"
             "1. Log in to HR Links and open Time and Absence.\n2. Select the request and click Cancel.\n\n"
             "### Next section\n\nOther text.\n")
    (pair,) = heading_pairs([_chunk(1, steps, title="Absence requests")], _Retriever([1]))
    assert pair.question == "How do I cancel an absence request?"  # names its topic: no title in front
    # the answer is the section up to the next heading, with its exact span
    assert pair.answer.startswith("Cancel an absence request when") and pair.answer.endswith("click Cancel.")
    assert steps[pair.answer_start:pair.answer_end] == pair.answer
    # a question that does not retrieve its chunk is dropped
    assert heading_pairs([_chunk(1, steps)], _Retriever([5, 6])) == []
    # a section that only leads into what follows, or promises content later, answers nothing
    lead_in = "### Receiving invitations\n\nBelow is the process you'll need to follow when receiving a request.\n"
    later = "### Selecting a Time Off Award\n\nInformation will be updated pending guidance from GSA.\n"
    assert heading_pairs([_chunk(1, lead_in), _chunk(2, later)], _Retriever([1, 2])) == []
    # a page title in front when the question does not name the topic
    (pair,) = heading_pairs([_chunk(3, "### Signing in\n\n1. Get on the GSA network.\n2. Visit archer.gsa.gov and "
                                       "sign in with your PIV card.\n", title="Archer")], _Retriever([3]))
    assert pair.question == "Archer: how do I sign in?"


def test_sections_that_point_elsewhere_or_greet_are_not_answers():
    """18F (third hand check): "How do I access a printer?" answered by links to two documents, "How do I join the
    Product team?" answered by a welcome."""
    printer = ("### Accessing a printer\n\nSee the printer information doc and the InSite instructions for the "
               "floor you work on, which list every printer in the building.\n")
    welcome = ("### Joining the Product team\n\nWelcome! We are glad you are interested in the Product team and "
               "the work we do with partner agencies.\n")
    assert heading_pairs([_chunk(1, printer), _chunk(2, welcome)], _Retriever([1, 2])) == []


def test_title_case_names_and_page_titles_are_not_tasks(nlp):
    assert task_question(nlp("Leave Policy")) is None
    assert task_question(nlp("Travel Card Basics")) is None
    assert heading_pairs([_chunk(1, "# Request leave\n\nSubmit a request in HR Links two weeks before you go, "
                                    "and tell your supervisor about the dates you plan to be away.\n")],
                         _Retriever([1])) == []


def test_advice_and_double_task_headings_are_not_tasks(nlp):
    """18F (fourth hand check): "Consider the forum" -> "how do I consider the forum?", "Use your travel card when
    possible", "Join the research guild!", "Updating your address & notifying benefits companies"."""
    for heading in ("Consider the forum", "Use your travel card when possible", "Join the research guild!",
                    "Updating your address & notifying benefits companies",
                    "Help partners make the most of these new tools", "Write to be understood, read to understand",
                    "Introduce them to TTSC people, culture, and practices"):
        assert task_question(nlp(heading)) is None, heading
    assert task_question(nlp("Cancel transit benefit")) == "How do I cancel transit benefit?"
