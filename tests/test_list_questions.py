"""Questions from a lead-in and its list (ingest/dataset/list_questions.py). The lead-ins and lists are quoted from
the 18F handbook (../shared/datasets/18f-handbook), lists shortened."""

from __future__ import annotations

import pytest

from ingest.dataset.clauses import load_parser
from ingest.dataset.list_questions import lead_in_question, list_end, list_pairs


@pytest.fixture(scope="module")
def ask():
    nlp = load_parser()

    def ask(lead_in: str):
        doc = nlp(lead_in)
        doc.user_data["proper"] = frozenset({"Slack"})  # list_pairs learns these from the corpus (clauses.proper_words)
        return lead_in_question(list(doc.sents)[-1])

    return ask


def test_the_list_is_the_missing_part_of_the_lead_in(ask):
    # "the following N" as the object, or after a preposition (also of a verb the main one governs)
    assert ask("We will consider the following metrics:") == "What metrics will we consider?"
    assert ask("Reasonable local transit costs may be authorized in the following situations:") == (
        "In what situations may reasonable local transit costs be authorized?")
    assert ask("Slack users need to be offboarded in the following situations:") == (
        "In what situations do Slack users need to be offboarded?")
    # a quantity marks the list; ", including" marks the phrase before it
    assert ask("GSA has a few different types of USB-C readers:") == "What types of USB-C readers does GSA have?"
    assert ask("Records serve a number of purposes, including:") == "What purposes do records serve?"
    assert ask("Four outcomes define TTSC's success:") == "What outcomes define TTSC's success?"
    # a verb left without its object, or a dangling "to" or preposition
    assert ask("The medical note should include:") == "What should the medical note include?"
    assert ask("All Council members need to:") == "What do all Council members need to do?"
    assert ask("You can use Sick Leave for:") == "What can you use Sick Leave for?"
    assert ask("The purpose of the Council is to:") == "What is the purpose of the Council?"
    assert ask("There are two major benefits of attaining competitive status:") == (
        "What are the two major benefits of attaining competitive status?")
    assert ask("Tips for working effectively with your Deaf and Hard of Hearing colleagues:") == (
        "What are tips for working effectively with your Deaf and Hard of Hearing colleagues?")


def test_purpose_and_condition_lead_ins_are_asked_by_the_asker(ask):
    assert ask("To post an internal application, the hiring manager will go through the following steps:") == (
        "How do I post an internal application?")
    assert ask("To be eligible for VLTP, you must have all of the following:") == (
        "What do I need to be eligible for VLTP?")
    assert ask("Follow these steps to add or update your preferred first name:") == (
        "How do I add or update my preferred first name?")
    assert ask("If you're having difficulty resolving an issue with your insurer, follow these steps:") == (
        "What should I do if I am having difficulty resolving an issue with my insurer?")


def test_lead_ins_that_lean_on_their_context_or_are_not_one_clause_are_refused(ask):
    for lead_in in ("To achieve these goals, we typically:",  # which goals
                    "These can include:", "They include:", "Here's how:", "For example:", "We will:",
                    "There are three avenues:",  # names nothing a person would ask about
                    "Responsibilities may include but are not limited to:",
                    "Courses include, but is not limited to the following:",
                    "When you've finished all of the above steps, here's what you should have:",
                    "PIV + PIN authentication will be required:",  # "what ... be required?" asks when
                    "Laws and Policies Concerning Workplace Harassment:",  # a title, not a phrase
                    "Send your supervisor the following:",  # the object is not the list
                    "We accept varying levels of leads including:",
                    "The Design team provides design services in our projects and to the organization, including:",
                    "HR Links is where you can access:", "You may want to:", "If you really want, you can:",
                    "New integrations/bots need approval from the following:",
                    "The Power-Ups approved for use are listed in the table."):  # no colon, no list
        assert ask(lead_in) is None, lead_in


def test_list_end_takes_items_continuations_and_blank_lines_between_items():
    text = ("- Exhausted all leave balances\n- Have an anticipated negative leave balance\n  of at least 24 hours\n\n"
            "- A medical condition\n\nThe next paragraph.\n")
    end = list_end(text, 0)
    assert text[:end].endswith("- A medical condition")
    assert list_end("- only one item\n\nA paragraph.\n", 0) is None  # one item is not a list


def _chunk(chunk_id, text, title="Paid parental leave", start=0):
    from qacore.store import Chunk

    return Chunk(id=chunk_id, doc_key="ppl.md", source="ppl.md", title=title, heading_path=[title], page=None,
                 start=start, end=start + len(text), text=text, embed_text=text, content_hash=str(chunk_id),
                 n_tokens=10)


class _Retriever:
    def __init__(self, hits):
        self.hits = hits

    def search_ids_many(self, queries, k=None):
        return [self.hits for _ in queries]


NOTE = ("## Medical documentation\n\nYou may need to send a medical note. The medical note should include:\n\n"
        "* Date of birth\n* Diagnosis\n* Prognosis\n\nSend it to your HR specialist.\n")


def test_list_pairs_answer_with_the_lead_in_and_the_whole_list():
    (pair,) = list_pairs([_chunk(1, NOTE)], _Retriever([1]), running_on=set(), taken={})
    assert pair.question == "Paid parental leave: what should the medical note include?"  # the page topic in front
    assert pair.answer == "The medical note should include:\n\n* Date of birth\n* Diagnosis\n* Prognosis"
    assert NOTE[pair.answer_start:pair.answer_end] == pair.answer and pair.extractor == "list"
    # dropped: a question that does not retrieve its chunk, text another generator answers already
    assert list_pairs([_chunk(1, NOTE)], _Retriever([7]), running_on=set(), taken={}) == []
    assert list_pairs([_chunk(1, NOTE)], _Retriever([1]), running_on=set(), taken={1: [(70, 80)]}) == []


def test_a_list_that_may_go_on_in_the_next_chunk_is_not_an_answer():
    cut = "The medical note should include:\n\n* Date of birth\n* Diagnosis\n"
    going_on = _chunk(2, "* Prognosis\n* Duration of care\n", start=len(cut))
    ended = _chunk(3, "Send it to your HR specialist.\n", start=len(cut))
    # the chunk runs on into the next one (no heading there): only a next chunk that opens with an item continues
    assert list_pairs([_chunk(1, cut), going_on], _Retriever([1]), running_on={1}, taken={}) == []
    (pair,) = list_pairs([_chunk(1, cut), ended], _Retriever([1]), running_on={1}, taken={})
    assert pair.answer.endswith("* Diagnosis")

