"""What makes a rule-made question understandable on its own, and the round-4 failure classes (fourth hand check on
the 18F handbook, bench/data/18f-dataset-labels.jsonl). Sentences and headings are quoted from
../shared/datasets/18f-handbook."""

from __future__ import annotations

import pytest

from ingest.dataset.clauses import load_parser
from ingest.dataset.extractors import section_answer
from ingest.dataset.from_sentences import section_headings
from ingest.dataset.prose import prose_spans
from ingest.dataset.sentence_questions import sentence_questions
from ingest.dataset.topic import section_topic, with_topic
from qacore.store import Chunk


@pytest.fixture(scope="module")
def ask():
    nlp = load_parser()

    def questions(text: str) -> dict[str, str]:
        doc = nlp(text)
        doc.user_data["list_item"] = False
        doc.user_data["proper"] = frozenset()
        return {q.rule: q.question for q in sentence_questions(next(iter(doc.sents)))}

    return questions


def test_a_question_that_leans_on_its_section_gets_the_section():
    # "the user" is an outside collaborator: the section says so, the page title alone does not
    assert with_topic("What should you do if the user is a member of the federal government?", "GitHub",
                      ["Rules", "Working with outside collaborators"]) == (
        "GitHub, working with outside collaborators: what should you do if the user is a member of the federal "
        "government?")
    # a Title Case heading keeps its capitals; the page topic is left out when the question names it
    assert with_topic("Can the GSA Pages team take steps to disable the site?", "GSA Pages",
                      ["Authority to Use (ATU) Process", "Failure to Maintain Site - Site Removal"]) == (
        "Failure to Maintain Site: can the GSA Pages team take steps to disable the site?")
    # no definite noun phrase: nothing to lean on; a heading that says where, not what ("Step 1"), or only repeats
    # the question's words, is not added
    assert section_topic(["Annual leave"], "How many hours can you carry over each year?", "Leave") == ""
    assert section_topic(["Step 1"], "How do you determine the maximum number of hours?", "HR Links") == ""
    assert section_topic(["Annual leave"], "How much annual leave can you carry over into the next year?",
                         "Leave types") == ""
    assert section_topic(["Set up {#set-up-phase-of-engagements}"], "Does the team have the staff?", "Engagements") == (
        "Set up")
    assert section_topic(["What happens if my flight gets cancelled?"], "Will we make arrangements for the "
                                                                         "swearing in?", "Travel") == ""


def test_a_question_must_name_most_of_its_topic_to_go_without_it():
    """18F (seventh hand check): questions that named the page's common word and not the one that scopes it."""
    assert with_topic("Is the content in a channel viewable by everyone?", "Slack channel usage and best practices") \
        == "Slack channel usage and best practices: is the content in a channel viewable by everyone?"
    assert with_topic("What is an incident?", "Security incidents") == "Security incidents: what is an incident?"
    assert with_topic("How can the group receive email from anyone on the web?", "Google Groups").startswith(
        "Google Groups: how")
    # naming most of it is enough; kind words ("types") name no topic
    assert with_topic("Can you archive a Slack channel?", "Slack channel usage") == "Can you archive a Slack channel?"
    assert with_topic("Can you carry over unused leave?", "Leave types") == "Can you carry over unused leave?"
    # a link in a section heading is read as its text
    assert section_topic(["Fill out the [TTS Offboarding Form](https://forms.gov/x)"], "Will the email go to your "
                         "supervisor?", "Leaving TTS") == "Fill out the TTS Offboarding Form"


def test_a_sentence_sits_under_the_last_heading_before_it():
    text = "Intro to the page.\n\n## Comp time\n\nYou will forfeit the leave when it expires.\n"
    chunk = Chunk(1, "d", "d.md", "Compensation", ["Overtime"], None, 0, len(text), text, text, "h", 10)
    assert section_headings(chunk, text.index("You")) == ["Overtime", "Comp time"]
    assert section_headings(chunk, 0) == ["Overtime"]


def test_a_line_of_an_example_script_is_not_a_statement():
    from ingest.dataset.clauses import usable_sentence

    doc = load_parser()('You might say: "Thanks for meeting. We need to trust each other as teammates. How do you '
                        'think we can resolve this?"')
    inside = [s for s in doc.sents if s.text.startswith("We need")]
    assert inside and not usable_sentence(inside[0])


def test_a_slack_channel_tag_keeps_the_channel_name():
    text = 'Come chat in {% slack_channel "product-design" %} if you are choosing fonts for something.'
    span = prose_spans(text)[0]
    assert span.text == "Come chat in #product-design if you are choosing fonts for something."
    start, end = span.chunk_span(0, len(span.text))
    assert text[start:end] == text
    # a channel opening a wrapped line is not a heading: the sentence it starts must not lose its beginning
    # (fifth check: "Slack Connect can be archived by any member" from "Channels that aren't Slack Connect ...")
    wrapped = ("make a request in\n{% slack_channel \"admins-slack\" %} to archive the channel. Channels that aren't\n"
               "Slack Connect can be archived by any member of the channel.")
    assert prose_spans(wrapped)[0].text.endswith("Channels that aren't Slack Connect can be archived by any member "
                                                 "of the channel.")


def test_a_condition_is_answered_by_the_rest_of_its_paragraph():
    """18F, Google Drive (eighth hand check): the list item goes on with what to do; the answer was cut after its
    first sentence."""
    from ingest.dataset.from_sentences import sentence_pairs

    text = ("- If you create a Google form that is intended for employees of another agency, keep in mind that a "
            "few agencies block Google Forms. Make a version in another format, such as a Word document.\n")
    chunk = Chunk(1, "d", "drive.md", "Google Drive", ["Forms"], None, 0, len(text), text, text, "h", 10)

    class Retriever:
        def search_ids_many(self, queries, k=None):
            return [[1] for _ in queries]

    pairs, _ = sentence_pairs([chunk], Retriever(), per_chunk=4, taken={})
    (condition,) = [p for p in pairs if p.extractor == "sentence:condition"]
    assert condition.answer.endswith("such as a Word document.")
    assert text[condition.answer_start:condition.answer_end] == condition.answer


def test_several_questions_in_one_faq_heading_or_a_placeholder_answer_are_refused():
    from ingest.dataset.extractors import faq_pairs
    from ingest.dataset.gates import answer_problem

    text = ("### What is billable? What is not billable? What codes do I use?\n\nGenerally:\n\n- **Billable time** "
            "= work that enables engagement delivery\n")
    assert list(faq_pairs(text, 1, "tock.md")) == []
    assert answer_problem("Guidance TK.  {% comment %}") is not None
    assert answer_problem("Data is kept in AirTable and reviewed each quarter by the portfolio leads.") is None


def test_a_short_faq_section_is_answered_whole():
    # 18F travel FAQ: the alternative after the first paragraph is part of the answer (fourth hand check); the
    # section is 140 words, over the 110 that cut it before
    section = ("### What if I am extending travel for personal reasons?\n\n"
               + "Include language that specifies which days will be at your own expense. " * 10
               + "\n\nAlternatively, book official travel as normal, then call AdTrav to be re-booked for the "
               "personal days, paying any difference yourself.\n")
    start, end = section_answer(section, section.index("\n") + 1)
    assert section[start:end].endswith("paying any difference yourself.")


# Failure classes of the fourth to eighth hand checks on 18F: (rule that must not ask, or None for no rule at all,
# the sentence, what went wrong)
REFUSED = [
    (None, "Move all calendar invites off your calendar.", "an imperative read as a statement: 'Move' as subject"),
    (None, "Therefore, you can request up to 56 advanced annual leave hours.", "a conclusion from a worked example"),
    ("time", "The next step in the process is for 18F and the partner agency to sign an interagency agreement "
             "(IAA).", "an office's name read as a date"),
    ("purpose", "Go across the main lobby to wing 1, down the elevator and turn right.", "directions"),
    ("number", "Some agreements can take as few as 10 days, while others take up to 90 days.", "the contrast stays"),
    ("number", "Trains run from the airport to downtown between 15 minutes and 20 minutes with the actual travel "
               "time around 35 minutes.", "a range, and another count of minutes stays"),
    (None, "FISMA Moderate and FISMA High will require additional time.", "two things as 'who'; time for what"),
    ("place", "Recycling and secure shredding bins can be found near the printer on the northwest side of the 35th "
              "floor.", "half the place left in the question"),
    ("definition", "Typefaces from the U.S. Web Design System are a safe starting choice.", "advice"),
    (None, "TODO - link various roles on engagements to the role page for individual contributors.", "a note"),
    (None, "GSA prohibits discrimination in the workplace and the Office of Civil Rights upholds the agency's "
           "commitment to becoming a model employer.", "a second clause hung on the verb"),
    (None, "Concise explanations with code samples if applicable.", "a noun read as the verb"),
    ("purpose", "See the sandbox environment to see how tagged resources enables lifecycle management of resources "
                "in AWS.", "a pointer"),
    (None, "Your ticket is for a specified time, which can be problematic if your flight is delayed.", "a clause"),
    ("definition", "Your Account Manager is your first stop for helping to align your team with your partner's goals "
                   "and needs.", "a person asked with 'what'"),
    ("time", "Refer to Shareable CoE Onboarding May 2024 for the steps.", "a date inside a document's name"),
    ("place", "The gates are located by the elevator banks on the south side of the building.", "half the place"),
    ("statement", "Chatter on calls is hard to participate in and hard for interpreters to parse — make room for "
                  "pauses.", "a dash clause"),
    ("object", "Account managers play a critical role in ensuring the success of the project.", "'play a role'"),
    ("imperative", "Talk to your supervisor to learn more.", "advice with no fact in it"),
    ("imperative", "Follow the instructions if you need help.", "advice with no fact in it"),
    (None, "You can join any that you find interesting.", "'any that' points at nothing"),
    ("place", "GSA FMLA page found on InSite.", "a list item without its verb"),
    # eighth
    ("time", "Office Hours are held every Wednesday at 12 PM ET.", "another time left in the question"),
    ("condition", "You do not need to repeat the approval process if you are making de minimus changes.",
     "what you need not do"),
    ("purpose", "Ask to be added to the invite in #nyc.", "'how do you be added'"),
    ("object", "The partners can use their existing Slack accounts.", "who uses what, and nothing more"),
    # ninth
    (None, "The employee's authorizing official (AO) is responsible for making the determination if travel "
           "requests meet that threshold.", "'that threshold' points back"),
    (None, "If a piece of desktop software you want isn't appearing there, you'll need to request it.",
     "'there' points back"),
    (None, "Instructions can be found on the lockers themselves.", "a reflexive on a thing"),
    (None, "More details can be found on Github.", "more details elsewhere"),
    (None, "You must click the first link first to activate your account.", "one of a list: 'the first link'"),
    ("condition", "Once exiting the elevator lobby, turn right and make your first right towards 6400.",
     "a step after a step"),
    ("condition", "If you're having difficulty, try bookmarking the BookIT! login page.", "a vague condition"),
]


@pytest.mark.parametrize(("rule", "sentence", "why"), REFUSED, ids=[why for _, _, why in REFUSED])
def test_hand_check_failure_classes_are_refused(ask, rule, sentence, why):
    found = ask(sentence)
    assert (found == {}) if rule is None else (rule not in found), found


def test_what_the_refusals_leave_asked(ask):
    # a comma between two items of a list is not a clause break; three or more items copied into a yes/no question
    # are what only the answer should say (eleventh hand check: "Can supervisors access webinars, leadership
    # presentations, EAP orientations, and training opportunities?" judged unnatural)
    assert ask("The CAP is approved by the GSA Website Manager and the ISSM.")["yes-no"] == (
        "Is the CAP approved by the GSA Website Manager and the ISSM?")
    assert "yes-no" not in ask("The CAP is approved by the GSA Website Manager, System Owner, ISSM, and IST "
                               "Director.")
    assert ask("Supervisors can access webinars, leadership presentations, EAP orientations, and training "
               "opportunities.") == {}
    # nor a bracketed aside or "some": "Is there a gym in the basement area (Federal Fitness Center)?"
    assert ask("There is a gym in the basement area (Federal Fitness Center).") == {}
    assert ask("There are some specific cases where the product is categorized as FISMA High.") == {}
    # "must" is "does ... have to" for one supervisor, "do ... have to" for you
    assert ask("The supervisor must approve the requested hours in HRLinks.")["yes-no"] == (
        "Does the supervisor have to approve the requested hours in HRLinks?")
    assert ask("You must bill all time that is a direct cost.")["yes-no"] == (
        "Do you have to bill all time that is a direct cost?")
    # "only" is the answer's to say
    assert ask("The build only includes the compiled files.")["object"] == "What does the build include?"
    assert ask("Submit your timesheet in HR Links.")["place"] == "Where do you submit your timesheet?"
