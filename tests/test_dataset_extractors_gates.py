"""LLM-free extractors on crafted FAQ / definition / table inputs, and every quality gate."""

import numpy as np

from ingest.dataset.extractors import definition_pairs, extract_all, faq_pairs, table_pairs, table_question
from ingest.dataset.gates import answer_problem, near_duplicates, question_problem, support_problem
from qacore.support import SupportChecker

FAQ = """## Accounts

### How do I reset my password?

Go to login.example.test/reset and follow the self-service flow.

### Who approves new software?

The IT Service Desk approves requests within 2 working days.
"""


def test_faq_headings_and_lines():
    pairs = list(faq_pairs(FAQ, 7, "faq.md"))
    assert [(p.question, p.answer) for p in pairs] == [
        ("How do I reset my password?", "Go to login.example.test/reset and follow the self-service flow."),
        ("Who approves new software?", "The IT Service Desk approves requests within 2 working days."),
    ]
    assert FAQ[pairs[0].answer_start:pairs[0].answer_end] == pairs[0].answer
    csv_like = "prompt: How many days of leave do UK staff get?\ncompletion: 27 days plus bank holidays.\n"
    (pair,) = faq_pairs(csv_like, 1, "seed.csv")
    assert pair.question == "How many days of leave do UK staff get?" and pair.answer == "27 days plus bank holidays."


def test_definitions():
    text = "HIP check: Host Information Profile, a posture check run before the VPN connects.\nNote: see below.\n"
    (pair,) = definition_pairs(text, 1, "vpn.md", "VPN Guide")
    assert pair.question == "What does the VPN Guide say about HIP check?"
    assert pair.answer.startswith("Host Information Profile") and pair.extractor == "definition"


def test_tables():
    text = "| Severity | Page on-call within | Update cadence |\n|---|---|---|\n| Sev-1 | 5 minutes | 30 minutes |\n"
    pairs = list(table_pairs(text, 3, "runbook.md", "Incident Runbook"))
    assert [(p.question, p.answer) for p in pairs] == [
        ("In the Incident Runbook, what does 'Page on-call within' say for Sev-1?", "5 minutes"),
        ("What is the update cadence for Sev-1 in the Incident Runbook?", "30 minutes"),
    ]
    assert text[pairs[0].answer_start:pairs[0].answer_end] == "5 minutes"
    assert len(extract_all(FAQ + "\n" + text, 1, "x.md", "X")) == 4
    assert table_question("Who it is for", "Hybrid", "Remote Work Policy") == (
        "In the Remote Work Policy, what does 'Who it is for' say for Hybrid?")


def test_templates_read_as_questions():
    """The wordings the corpora/ dataset had before (left) read badly; each rule fixes one."""
    from ingest.dataset.extractors import clean_title, definition_question

    # a site name after the page title: "... in the Remote Work Policy - Fernhill Analytics Wiki?"
    assert clean_title("Remote Work Policy - Fernhill Analytics Wiki") == "Remote Work Policy"
    assert clean_title("Incident Response Runbook") == "Incident Response Runbook"
    # "What is Portugal at Benefits Overview 2026?", "What is the approved by in the IT Equipment Policy?"
    assert definition_question("Portugal", "Benefits Overview 2026") == (
        "What does the Benefits Overview 2026 say about Portugal?")
    assert definition_question("Approved by", "IT Equipment Policy") == (
        "In the IT Equipment Policy, what does 'Approved by' say?")
    assert definition_question("Learning days", "") == "What are Learning days?"
    # "What is the details for ...", "What is the value for Maximum session length ...", "What is the UK for ..."
    assert table_question("Details", "Home office set-up", "Remote Work Policy - Fernhill Analytics Wiki") == (
        "What are the details for Home office set-up in the Remote Work Policy?")
    assert table_question("Value", "Maximum session length", "VPN Guide") == (
        "What is the maximum session length in the VPN Guide?")
    assert table_question("UK", "Internet and utilities (monthly)", "Remote Work Policy") == (
        "What are the internet and utilities (monthly) for the UK in the Remote Work Policy?")
    assert table_question("Report to", "Device not working", "IT Equipment Policy") == (
        "In the IT Equipment Policy, what does 'Report to' say for Device not working?")
    assert table_question("Hours (UK time)", "Slack", "IT FAQ") == "What are the hours (UK time) for Slack in the IT FAQ?"
    assert table_question("IT owner", "Okta", "") == "Who is the IT owner for Okta?"


def test_each_gate_rejects_its_case():
    assert question_problem("Here are two questions about the VPN?") == "preamble"
    assert question_problem("What does this section say about leave?") == "not self-contained"
    assert question_problem("According to the passage, who approves software?") == "not self-contained"
    assert question_problem("Annual leave") == "not a question"
    assert question_problem("Leave?") == "question too short"
    assert question_problem("What is it?") == "question too short"
    assert question_problem("What is leave?") == "question too short"
    # three words, but asking what a name is: specific enough
    assert question_problem("What is Cloud.gov?") is None and question_problem("What is Trello?") is None
    assert question_problem("What is the leave policy?", headings=["What is the leave policy"]) == "copy of a heading"
    assert question_problem("How many days of annual leave do UK employees get?") is None
    assert question_problem("What does the handbook say about Administration)?") == "unbalanced brackets"
    assert question_problem("What if I can't find my authorization listed here?") == "not self-contained"
    assert answer_problem("[EMAIL]") == "answer is redacted data"
    assert answer_problem("") == "empty answer"
    assert answer_problem("27 days") is None
    evidence = "UK employees get 27 days of annual leave."
    assert support_problem("UK employees get 30 days of annual leave.", evidence, SupportChecker())
    assert support_problem("UK employees get 27 days of annual leave.", evidence, SupportChecker()) is None


def test_near_duplicates_keep_the_first():
    v = np.array([[1, 0], [0.999, 0.0447], [0, 1]], dtype=np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    assert near_duplicates(v, 0.95) == [None, 0, None]


def test_real_tables_read_as_a_person_would_ask():
    """Rows quoted from the 18F handbook (about-us/tts-consulting/operations/internal-communications.md, tock.md,
    work-schedules.md, conflict-feedback-additional-frameworks.md)."""
    meetings = ("| Meeting  | Attendees | Timing |\n|----------|-----------|--------|\n"
                "| **18F Team Coffee**<br> Various updates, trainings, reports.  Chat happens in the meeting chat and "
                "{% slack_channel \"#townhall\" %} [Agendas](https://docs.google.com/spreadsheets/d/1j/edit) | "
                "All 18F staff,  and open to TTS guests | 75 minutes fortnightly on Fridays |\n")
    pairs = list(table_pairs(meetings, 1, "internal-communications.md", "Internal communications"))
    assert [(p.question, p.answer) for p in pairs] == [
        ("Internal communications: who are the attendees for 18F Team Coffee?",
         "All 18F staff,  and open to TTS guests"),
        ("Internal communications: what is the timing for 18F Team Coffee?", "75 minutes fortnightly on Fridays"),
    ]
    # a page named by a topic goes in front ("... in the Mission, approach, and history?" read as residue, round 4);
    # a document's name stays after "in the"
    assert table_question("18F common approach", "Staffing", "Mission, approach, and history") == (
        "Mission, approach, and history: what is the 18F common approach for Staffing?")
    assert table_question("Timing", "Team Coffee", "Meetings Guide") == "What is the timing for Team Coffee in the Meetings Guide?"
    # a column of people is asked with "who" (fifth hand check: "what is the point of contact for ...?")
    assert table_question("Point of contact", "TTS Consulting Handbook", "Managing public or shared resources") == (
        "Managing public or shared resources: who is the point of contact for TTS Consulting Handbook?")
    # a billing code under a column that is not a quantity, and *NA*, are not facts to ask about
    tock = ("| Work type | CoE feds | 18F |\n|-----------|----------|-----|\n"
            "| Hiring & onboarding (18F) | *NA* | 1241 |\n")
    assert list(table_pairs(tock, 1, "tock.md", "Tock")) == []
    # a number under a quantity column is
    hours = "| Day | Hours |\n|---|---|\n| Thursday | 7 |\n"
    assert [p.question for p in table_pairs(hours, 1, "work-schedules.md", "Work schedules")] == [
        "Work schedules: what are the hours for Thursday?"]
    # a totals row, a quoted example as the row key, a header that trails off
    assert list(table_pairs("| Day | Hours |\n|---|---|\n| **Week 1 Total**|**37** |\n", 1, "w.md", "W")) == []
    quotes = ("| Less like...      | More like... |\n|---|---|\n"
              "| \u201cGreat job on that presentation today!\u201d | \u201cI was watching our partner.\u201d |\n")
    assert list(table_pairs(quotes, 1, "f.md", "Feedback frameworks")) == []


def test_colon_lines_in_prose_are_not_definitions():
    """Colon lines from the 18F handbook that the `Term: definition` extractor used to turn into pairs such as
    "What does the History and values of 18F say about The hypothesis was simple?"."""
    prose = ("The hypothesis was simple: the U.S. government could attract talented\n"
             "You can use Sick Leave for:\n"
             "DUTIES AND RESPONSIBILITIES: A paragraph-long description of what the work was\n"
             "Don't: @18F's Jane is speaking at this event - make sure to sign up\n")
    assert list(definition_pairs(prose, 1, "values.md", "Leave Policy")) == []
    # a page heading is not a document name: no "What does the Talent say about Warm Leads?"
    assert list(definition_pairs("Warm Leads: You kind-of know them (e.g. someone you worked with)\n", 1,
                                 "talent.md", "Talent")) == []
    # a real definition in a policy keeps its question, and a hard-wrapped value is read to its end
    (pair,) = definition_pairs("Asset tag: the label on every laptop, in the format FH- followed by\nsix digits.\n",
                               1, "equipment.md", "IT Equipment Policy")
    assert pair.question == "What does the IT Equipment Policy say about Asset tag?"
    assert pair.answer == "the label on every laptop, in the format FH- followed by\nsix digits"


def test_question_headings_that_are_not_faq_entries():
    """Headings from the 18F handbook that end in "?" but do not open an answer."""
    page = ("### Still have questions?\n\nAsk in Slack.\n\n"
            "### How does this help our partners?\n\nThe goal of 18F's work is to help agencies.\n\n"
            "### Do you have an upcoming trip?\n\n[Yes: Get travel authorization]({% page \"/travel/\" %})\n\n"
            "### How can I move into engineering?\n\nHere are some steps to follow:\n\n"
            "### How do I get a badge?\n\nAsk the front desk on your first day.\n")
    assert [p.question for p in faq_pairs(page, 1, "sf.md")] == ["How do I get a badge?"]
    # an office FAQ's verb-first heading is the question "How do I ...?"
    (pair,) = faq_pairs("### Bring in one-time guests?\n\nMeet your guests at the front security desk.\n", 1, "sf.md")
    assert pair.question == "How do I bring in one-time guests?"
    assert not list(faq_pairs("### Get building access?\n\nSee the [TTS at WTC](https://docs.google.com/x) doc.\n",
                              1, "nyc.md"))


def test_table_cells_that_repeat_their_row_key_and_contracted_faq_headings():
    """18F (work-schedules.md): "What is the day for Monday?" -> "Monday" asks nothing; a row key that is a
    sentence is no key. A contracted question heading ("What's the process?") is a question as it stands."""
    days = "| Week | Day | Hours |\n|---|---|---|\n| Monday | Monday | 8 |\n"
    assert [p.question for p in table_pairs(days, 1, "work-schedules.md", "Work schedules")] == [
        "Work schedules: what are the hours for Monday?"]
    sentence_key = "| Work | CoE feds |\n|---|---|\n| Work for a partner by folks staffed to the engagement. | Ask EL |\n"
    assert list(table_pairs(sentence_key, 1, "tock.md", "Tock")) == []
    (pair,) = faq_pairs("### What's the process?\n\nTerm renewals are not automatic.\n", 1, "term-extensions.md")
    assert pair.question == "What's the process?"


def test_glossary_terms_are_asked_about_by_name():
    """Entries quoted from the 18F handbook's glossary page: "- **Term** - definition" with one space around the
    dash (the separator never matched before: it took a second space), asked "What does ATO stand for?" for an
    acronym, "What is HR Links?" for a name, "What does 'color of money' mean?" otherwise."""
    page = ("- **ATO** - Authority to Operate. It's a sign-off from an authorized agency\n"
            "  official for a website to be allowed to engage with citizens.\n\n"
            "- **HR Links** - [HR Links](https://hrlinks.gsa.gov/) is GSA's\n"
            "  system for HR actions, including requesting leave.\n\n"
            "- **Color of money** - Slang for the legal parameters around how federal money\n"
            "  for goods or services can be spent.\n\n"
            "- **A-11** - A type of document published by the OMB that tells federal agencies\n"
            "  how to make budget requests.\n")
    pairs = list(definition_pairs(page, 1, "glossary.md", "Glossary"))
    assert [p.question for p in pairs] == ["What does ATO stand for?", "What is HR Links?",
                                           "What does 'color of money' mean?", "What does 'A-11' mean?"]
    # the hard-wrapped definition is read to its end, and the span is exact
    assert pairs[0].answer == ("Authority to Operate. It's a sign-off from an authorized agency\n"
                               "  official for a website to be allowed to engage with citizens")
    assert page[pairs[0].answer_start:pairs[0].answer_end] == pairs[0].answer
    # a name in CamelCase is no acronym (thirteenth hand check: "What does GitHub stand for?")
    from ingest.dataset.extractors import glossary_question

    assert glossary_question("GitHub") == "What does 'GitHub' mean?"
    assert glossary_question("IaaS") == "What does IaaS stand for?"
    # a dash without a bold term is a list item's aside (the 18F Blogging Guide's post outlines), not a term
    outline = "- Announcement of new change - 2 additional important details\n"
    assert list(definition_pairs(outline, 1, "blogging.md", "Blogging Guide")) == []
    # outside a glossary the page must still name a document: no "What does 'wednesdays' mean?"
    assert list(definition_pairs("- **Wednesdays** - Every other week the product team meets for an hour.\n", 1,
                                 "product.md", "Product")) == []
