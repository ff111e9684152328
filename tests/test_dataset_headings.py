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
    # a gerund that classifies a kind of thing (18F: "Onboarding overview: how do I message tools?")
    assert task_question(nlp("Messaging tools")) is None
    assert task_question(nlp("Meeting rooms")) is None
    assert task_question(nlp("Booking travel")) == "How do I book travel?"
    assert task_question(nlp("Taking notes")) == "How do I take notes?"
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


def test_subject_headings_become_what_should_i_know_questions(nlp):
    """Headings that name a subject (18F): asked as "What should I know about ...?", answered by the whole section;
    parts of a page, audiences, sentences, instructions and numbered parts are not subjects."""
    from ingest.dataset.from_headings import subject_question

    def ask(heading, body="Some text about it."):
        return subject_question(nlp(heading), body)

    assert ask("Parental bereavement leave") == "What should I know about parental bereavement leave?"
    assert ask("18F billable hour expectations") == "What should I know about 18F billable hour expectations?"
    assert ask("Our Mission") == "What should I know about our mission?"  # Title Case lowercased, "our" kept
    assert ask("LANGUAGE SKILLS") == "What should I know about language skills?"
    # a word the body writes capitalised mid-sentence is a name and keeps its capital
    assert ask("Equal Employment Opportunity Program", "GSA runs the Equal Employment Opportunity Program for "
               "all staff.") == "What should I know about the Equal Employment Opportunity Program?"
    # a singular count noun takes its article (eleventh hand check: "about business development process?")
    assert ask("Business development process") == "What should I know about the business development process?"
    # so does a thing a modifier picks out (24th: "about weekly newsletter?", "about interior courtyard?"), but not
    # an activity or a substance ("annual leave" parses as a sentence, so no pair at all)
    assert ask("Weekly newsletter") == "What should I know about the weekly newsletter?"
    assert ask("Interior courtyard") == "What should I know about the interior courtyard?"
    assert ask("Jury duty") == "What should I know about jury duty?"
    assert ask("Sensitive information") == "What should I know about sensitive information?"
    assert ask("Performance management") == "What should I know about performance management?"
    # a gerund alone is the activity, a plural after a noun is no verb, a hyphen inside a word is no dash (18F)
    assert ask("Timekeeping") == "What should I know about timekeeping?"
    assert ask("Relationship triggers") == "What should I know about relationship triggers?"
    assert ask("Multi-Factor Authentication") == "What should I know about multi-factor authentication?"
    for heading in ("Play 5 Case Studies", "See also", "Resources", "Current employees", "For term employees",
                    "Sign", "Getting approval",
                    "18F is here for you", "Overtime, depending on your salary level", "Gather information",
                    "Credit hours example", "2016 - 2019: Ramping up our portfolio", "Suggested cadence: Weekly",
                    "More", "How do I get a badge?", "Requesting leave"):
        assert ask(heading) is None, heading


def test_how_to_headings_are_tasks():
    from ingest.dataset.from_headings import how_to_question

    # the heading tagger reads "Book" as a noun; after "How to" it is the task's verb
    assert how_to_question("How to Book a hotel in Concur") == "How do I book a hotel in Concur?"
    assert how_to_question("How to add, edit or delete expenses") == "How do I add, edit or delete expenses?"
    assert how_to_question("How to?") is None and how_to_question("Parking") is None
    # in a chunk, the heading's kramdown anchor is not part of the task
    section = ("### How to add, edit or delete expenses {#expenses}\n\n1. Open the expense report in Concur.\n"
               "2. Select Add, Edit or Delete next to the expense and save the report.\n")
    (pair,) = heading_pairs([_chunk(1, section, title="Concur expenses")], _Retriever([1]))
    assert pair.question == "Concur expenses: how do I add, edit or delete expenses?" and pair.extractor == "task"


def test_subject_sections_are_answered_whole_or_not_at_all():
    bereavement = ("### Parental bereavement leave\n\nYou can receive two weeks (80 hours) of parental bereavement "
                   "leave for the passing of your child. Contact your Workforce Relations HR Specialist for "
                   "assistance.\n\n### Taking advanced leave\n\nOther text.\n")
    (pair,) = heading_pairs([_chunk(1, bereavement, title="Leave types")], _Retriever([1]))
    assert pair.question == "What should I know about parental bereavement leave?"  # names "Leave types"
    assert pair.extractor == "section" and pair.answer.endswith("for assistance.")
    # a deeper heading first: the body is only the lead-in to its subsections
    lead_in = ("## Batteries and supplies\n\nThere is a consolidated supply closet on the first floor of the "
               "building, in the 200 wing, for everyone on the floor.\n\n### Batteries\n\nAsk at the front desk.\n")
    # a section that is a list of links, or points above, answers nothing
    links = "## VLTP memos and fact sheets\n\n- [InSite page about VLTP](https://insite.gsa.gov/vltp)\n" \
            "- [OPM page about VLTP](https://www.opm.gov/vltp)\n"
    above = ("## Dependency analysis\n\nUse one of the services above, which should support adding public "
             "repositories yourself, and file an issue for a private one.\n")
    assert heading_pairs([_chunk(2, lead_in), _chunk(3, links), _chunk(4, above)], _Retriever([2, 3, 4])) == []
    # nor does a task answered only by links (18F, sixth check: "HR Links: how do I pull a timesheet report?")
    report = ('### Pulling a timesheet report\n\n- [Timesheet report guide](https://insite.gsa.gov/x) on InSite\n'
              '- {% slack_channel "people-ops" %}\n')
    assert heading_pairs([_chunk(5, report)], _Retriever([5])) == []


def test_a_section_that_goes_on_in_the_next_chunk_is_not_answered():
    """18F (seventh hand check): "Who is eligible for the end of year performance bonus?" was answered up to
    "weighted 15% or", where the chunk ended and the section went on."""
    from ingest.dataset.from_headings import sections_running_on
    from qacore.store import Chunk

    def chunk(chunk_id, text, start):
        return Chunk(id=chunk_id, doc_key="perf.md", source="perf.md", title="Performance", heading_path=[],
                     page=None, start=start, end=start + len(text), text=text, embed_text=text,
                     content_hash=str(chunk_id), n_tokens=10)

    first = chunk(1, "## Cancelling transit benefit\n\n- Go to transitapp.ost.dot.gov and log in to your account\n"
                     "- Click on Transit Benefit Application\n", 0)
    goes_on = chunk(2, "- Click **Withdraw from the program**\n- Fill out and submit the form\n", 100)
    new_section = chunk(3, "## Parking\n\nThere is no parking at the building.\n", 200)
    assert sections_running_on([goes_on, first, new_section]) == {1}
    assert heading_pairs([first, goes_on], _Retriever([1, 2])) == []
    # the same steps, whole in their chunk: a list of steps may start with "Go to", it is not a pointer elsewhere
    whole = chunk(1, first.text + "- Click **Withdraw from the program**\n- Fill out and submit the form\n", 0)
    (pair,) = heading_pairs([whole, new_section], _Retriever([1]))
    assert pair.question == "Performance: how do I cancel transit benefit?" and pair.answer.startswith("- Go to")


def test_how_to_answers_that_send_you_to_a_guide_are_refused(nlp):
    """18F, seventh and eighth hand checks: "HR Links: how do I edit and canceling a leave request?" answered by when
    to do it and a link to the InSite user guides; "Checklist for going out of office" read as a verb."""
    assert task_question(nlp("Editing and canceling a leave request")) == "How do I edit and cancel a leave request?"
    assert task_question(nlp("Checklist for going out of office")) is None
    guide = ("### Editing and canceling a leave request\n\nEdit an absence request when you want to change the number "
             "of hours. Cancel an absence request when you no longer wish to use any leave for any of the days. "
             "Refer to the InSite user guide about [editing](https://drive.google.com/e) or "
             "[canceling](https://drive.google.com/c) an absence request.\n")
    assert heading_pairs([_chunk(1, guide, title="HR Links")], _Retriever([1])) == []
    # the same pointer beside the numbered steps themselves is fine
    steps = guide.replace("Refer to", "1. Open Time and Absence in HR Links.\n2. Select the request.\n\nRefer to")
    (pair,) = heading_pairs([_chunk(1, steps, title="HR Links")], _Retriever([1]))
    assert pair.question == "HR Links: how do I edit and cancel a leave request?"


def test_headings_inside_a_chunk_are_asked_about_too():
    """Small sections are merged into one chunk (chunking.py): a heading after the chunk's start opens a section
    as much as the first one does (18F, Washington D.C. office page; 27 more chunks covered on 18F)."""
    from ingest.dataset.from_headings import sections_running_on

    office = _chunk(1, "- Badge in at the F Street entrance.\n\n## Bathrooms\n\nGendered bathrooms are located around "
                       "the corner 6140 wing. A single-occupancy, all-gender bathroom is on the third floor in wing "
                       "three (room 3355).\n\n## Parking\n\nThere are two parking garages near GSA on 18th Street.\n",
                    title="Washington, D.C.")
    (pair,) = [p for p in heading_pairs([office], _Retriever([1])) if "bathrooms" in p.question]
    assert pair.question == "Washington, D.C.: what should I know about bathrooms?"
    assert pair.answer.startswith("Gendered") and pair.answer.endswith("(room 3355).")
    assert office.text[pair.answer_start:pair.answer_end] == pair.answer
    # the last section of a chunk whose next chunk goes on without a heading is cut: no pair for it
    goes_on = _chunk(2, "- The garage on the left closes at 7 p.m.\n")
    office.end, goes_on.start, goes_on.end = 200, 200, 240
    assert sections_running_on([office, goes_on]) == {1}
    questions = [p.question for p in heading_pairs([office, goes_on], _Retriever([1, 2]), {1})]
    assert questions == ["Washington, D.C.: what should I know about bathrooms?"]


def test_a_section_whose_subsections_open_the_next_chunk_runs_on():
    """18F (eleventh hand check): "Security: what should I know about security scanning?" was answered by the
    section's opening list alone; its "### Alerts" subsection opened the next chunk."""
    from ingest.dataset.from_headings import sections_running_on

    scanning = _chunk(1, "## Security scanning\n\n- Scan every application weekly with the approved scanner.\n")
    alerts = _chunk(2, "### Alerts\n\nAlerts go to the #security channel.\n")
    next_part = _chunk(3, "## Logging\n\nSend logs to the central store.\n")
    scanning.end, alerts.start, alerts.end, next_part.start, next_part.end = 60, 60, 110, 110, 150
    assert sections_running_on([scanning, alerts, next_part]) == {1}
    assert [p.question for p in heading_pairs([scanning, alerts, next_part], _Retriever([1, 2, 3]))
            if p.chunk_id == 1] == []


def test_sections_that_only_send_you_elsewhere_are_not_answers():
    """18F (eleventh hand check): "Lifecycle of a Launch: what should I know about ATO renewal?" answered "Beyond the
    general information, follow the usual steps for getting an ATO, starting with the checklist."; an FAQ answered
    "See the TTS at WTC guide."."""
    from ingest.dataset.extractors import faq_pairs, only_points_elsewhere

    renewal = _chunk(1, "## ATO renewal\n\nBeyond the [**general information**](https://atos.open-control.org/"
                        "overview/#ato-renewal), follow the usual steps for getting an ATO, starting with [the "
                        "checklist](#ato-checklist).\n", title="Lifecycle of a Launch")
    assert heading_pairs([renewal], _Retriever([1])) == []
    assert list(faq_pairs("### How do I get building access?\n\nSee the [TTS at WTC](https://docs.google.com/d/1) "
                          "guide.\n", 1, "nyc.md")) == []
    # steps in a list are an answer even when they start with "Follow"
    assert not only_points_elsewhere("Follow these steps:\n\n1. Open HR Links.\n2. Click **Leave**.\n")


def test_a_section_that_is_one_sentence_around_a_link_elsewhere_is_not_an_answer():
    """18F (twelfth hand check): "Qualtrics: what should I know about website intercept technical documentation?"
    answered "... Qualtrics has [supporting documentation](...)"; "remote working guidance" answered "When working
    from somewhere that isn't your usual duty location, consider [these tips](...) ..."."""
    from ingest.dataset.extractors import only_points_elsewhere

    assert only_points_elsewhere("If you're planning to add a site-intercept onto your website, Qualtrics has "
                                 "[supporting documentation](https://www.qualtrics.com/support/x).")
    assert only_points_elsewhere("When working from somewhere that isn't your usual duty location, consider [these "
                                 "tips]({% page \"/working-while-traveling\" %}) to help coworkers plan around it.")
    # a fact with a link to more is still an answer
    assert not only_points_elsewhere("Gendered bathrooms are around the corner from wing 6140. The all-gender "
                                     "bathroom is in room 3355 ([map](https://example.test/map)).")


def test_a_task_answer_that_leads_into_subsections_is_refused():
    # 18F "18F Design" (fourteenth hand check): the rules of thumb are the numbered subsections after the colon
    text = ("## Designing in the open\n\n"
            "As a public organization, we design in the open, which means trying to make as much documentation and "
            "decision-making as possible accessible to the public.\n\nHere are some of our rules of thumb:\n\n"
            "### 1. Do not share passwords\n\nKeep credentials out of public places.\n")
    questions = [p.question for p in heading_pairs([_chunk(1, text, title="18F Design")], _Retriever([1]))]
    assert "18F Design: how do I design in the open?" not in questions and not any(
        q.lower().endswith("how do i design in the open?") for q in questions)
