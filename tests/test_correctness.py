"""answer_correct (evalharness/correctness.py): key facts, not shared words. Cases from real answers on the 18F
handbook and from the issue's examples."""

import pytest

from evalharness.correctness import fact_recall, is_correct, normalize_facts
from evalharness.metrics import METRICS


@pytest.mark.parametrize("answer, reference", [
    ("€50/month", "up to EUR 50 per month"),
    ("You can claim up to 50 euros a month.", "€50/month"),
    ("It is $1,250.00 per year.", "USD 1250 per year"),
    ("After two years of service.", "2 years"),
    ("The documents say: \"You can carry over a maximum of 240 annual leave hours, from one leave year to the "
     "next.\" [2]", "240 hours"),  # the guard quoting the right passage sentence
    ("Yes, as long as your supervisor approves it.", "Yes, with supervisor approval"),
])
def test_answers_stating_the_key_facts_are_correct(answer, reference):
    assert is_correct(answer, reference), (normalize_facts(answer), normalize_facts(reference))


@pytest.mark.parametrize("answer, reference", [
    ("You can carry over 96 hours of annual leave.", "240 hours"),  # a different number
    ("7 days", "27 days"),
    ("No, you cannot.", "Yes, with supervisor approval"),  # the opposite yes/no
    ("I don't know: the documents do not cover this.", "240 hours"),  # a refusal
    ("You should talk to your supervisor.", "Submit the request in HRLinks"),  # shares no key fact
    ("", "240 hours"),
])
def test_answers_missing_or_contradicting_the_key_facts_are_not(answer, reference):
    assert not is_correct(answer, reference)


def test_normalisation_and_recall():
    assert normalize_facts("€50/month") == normalize_facts("EUR 50 per month") == "eur 50 per month"
    assert normalize_facts("Ten days each year") == "10 days per year"
    assert fact_recall("Open a ticket in ServiceNow", "Open a ServiceNow ticket") == 1.0
    assert fact_recall("anything", "the") == 1.0  # no content word: nothing to miss


def test_metric_reads_the_item():
    metric = METRICS["answer_correct"]
    assert metric.score({"answer": "€50/month", "reference": "EUR 50 per month"}) == 1.0
    assert metric.score({"answer": "€50/month", "reference": None}) is None


def test_question_aware_key_facts():
    # the reference's words that only restate the question are not facts the answer must give
    question = "Who recommends the Learn to Use Research Core?"
    assert not is_correct("The document recommends the Learn to Use Research Core.", "OCE recommends the Learn to "
                          "Use Research Core.", question)
    assert is_correct("OCE does.", "OCE recommends the Learn to Use Research Core.", question)
    # a yes/no question answered against a declarative reference: the polarity decides
    question = "Are members of the product team assigned to facilitation groups?"
    reference = "Members of the product team are also assigned to facilitation groups."
    assert not is_correct("No, members of the product team are not assigned to facilitation groups.", reference,
                          question)
    assert is_correct("Yes, they are assigned to facilitation groups.", reference, question)
    # a Yes/No reference: the yes/no (with matching polarity) is the key fact
    assert is_correct("No, you cannot delete messages you have posted in TTS Slack.",
                      "No, users are prohibited from deleting messages", "Am I allowed to delete messages I posted?")
    assert is_correct('The documents say: "If you detect any unusual or suspicious activity on your computer, DO NOT '
                      'turn off your computer." [1]', "No, do not turn off the computer, because valuable evidence "
                      "may be lost", "If I notice suspicious activity on my work computer, should I shut it down?")
    # a number is the key fact of a reference that has one
    assert is_correct("60 days.", "Within the first 60 days of work", "How long do I have to enroll in benefits?")
