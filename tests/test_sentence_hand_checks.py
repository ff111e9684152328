"""Hand-check rounds on 18F (bench/data/18f-dataset-labels.jsonl): each failure class a round found, as the real
sentence behind it, and what the rules now do with it (refuse it, or ask what a person would). The rules are in
ingest/dataset/; the `ask` fixture (tests/conftest.py) parses one sentence and returns {rule: question}."""

from __future__ import annotations

from ingest.dataset.clauses import load_parser
from tests.test_sentence_questions import FakeRetriever, _chunk


def test_label_run_into_text_and_pro_one_are_refused(ask):
    # a definition list without its colon, and "a new one" that points at the card before it
    assert ask("Government careers A place to share federal job and detail postings with colleagues.") == {}
    assert ask("When you want to make a new one, copy that card to the appropriate location.") == {}
    # two calendar dates: "when" would be ambiguous
    assert ask("Phase I began in April 2018, phase II in October 2018.") == {}


def test_answers_run_on_when_the_next_sentence_finishes_them():
    """A short headline sentence, or one the next sentence continues ("This ...", "Then ..."), is answered with
    both (from_sentences.answer_end); a complete sentence alone."""
    from ingest.dataset.from_sentences import answer_end

    nlp = load_parser()
    doc = nlp("Take care when connecting applications to each other. Contact Tech Operations before you connect "
              "an OAuth plugin or any other integration to a GSA system. Timesheets are due every other Friday by 5 pm in the time zone where you work.")
    sents = list(doc.sents)
    assert answer_end(sents, 0) is sents[1]
    assert answer_end(sents, 1) is sents[1]  # a complete sentence followed by an unrelated one
    assert answer_end(sents, 2) is sents[2]  # the last sentence of the paragraph
    doc = nlp("You can carry over up to 240 hours of annual leave into the next leave year. This limit applies to "
              "most employees.")
    sents = list(doc.sents)
    assert answer_end(sents, 0) is sents[1]


def test_round_three_failure_classes_are_refused(ask):
    """Pairs the third hand check on 18F found bad (bench/data/18f-dataset-labels.jsonl, round 3)."""
    # a singular subject with a plural verb (a misparse) gives "Do the team lead serves ...?"
    assert "statement" not in ask("The team lead serves as the Senior Management Team representative for the "
                                  "Office of Acquisition.")
    # the asker asked about themselves, a welcome
    assert "statement" not in ask("You take the time to build relationships with colleagues on a personal level.")
    assert "statement" not in ask("We are glad you decided to continue your service with TTS.")
    # a past-tense list item without its verb is no agent; a subject doing something is not asked "who" (the active
    # agent rule was removed after the fifth hand check)
    assert "agent" not in ask("Password changed whenever password is forgotten or compromised, regardless of age.")
    assert "agent" not in ask("GSA provides free coaching services to any federal employee.")
    # a clause after a comma left in the question
    assert not any(", including" in q for q in ask(
        "CPARS evaluations are automatically finalized after 60 days, including any comments the contractor adds "
        "to the review.").values())
    # a step of a procedure, and a condition answered by a pointer to another page
    assert "imperative" not in ask("Make sure to save and click the Add expense button again before creating a "
                                   "new expense.")
    assert "condition" not in ask("If you spot suspicious activity or an incident, follow the Security incidents "
                                  "page.")
    # people are "who", not "what"
    assert ask("Many jurisdictions exempt federal travelers from paying lodging tax.").get("object", "").startswith(
        "Who")


def test_an_answer_that_leads_into_a_list_it_leaves_out_is_refused(ask):
    """18F (eleventh hand check), Text editors: "If you use Sublime, you may wish to customize your packages. ...
    Notable mentions in past Slack discussions include:" answered "What may you do if you use Sublime?" without the
    list of packages that follows. A condition with "may" is asked with "can", and a wish is not an action."""
    from ingest.dataset.from_sentences import sentence_pairs

    leads_in = _chunk(1, "If you use Sublime, ask others about their recommended packages. Notable mentions in past "
                         "Slack discussions include:\n\n- Package Control\n- SublimeLinter\n")
    pairs, stats = sentence_pairs([leads_in], FakeRetriever(lambda q: [1]), per_chunk=4, taken={})
    assert stats.with_question == 0 and pairs == []
    assert ask("If your leave is approved, you may take it in blocks of two hours.")["condition"] == (
        "What can you do if your leave is approved?")
    assert ask("If you use Sublime, you may wish to customize your packages.") == {}


def test_twelfth_hand_check_failure_classes(ask):
    """18F (twelfth hand check): a yes/no about the asker's own state, "we would love to" as what to do, and
    Markdown emphasis left in a question."""
    from ingest.dataset.clauses import finish

    assert ask("You are not sure if you can trust someone else on the team to do the work.") == {}
    assert ask("If you've got an idea that you think will help advance TTS's mission, we'd love to hear it.") == {}
    # a checklist item that is an embedded question is no claim (thirteenth check: "Can what teams look like ...?")
    assert ask("What teams can look like at 18F or CoE", list_item=True) == {}
    assert finish("how do you edit your first _full_ day of travel") == "How do you edit your first full day of travel?"
    assert finish("is the **CUI** label kept in snake_case") == "Is the CUI label kept in snake_case?"


def test_outcome_of_a_condition_and_what_to_do_before(ask):
    """Real 18F sentences whose main clause says what follows, not what you should do."""
    assert ask("If an employee has received a Summary Rating of Level 1 or 5, the evaluation will automatically be "
               "routed to the employee's 2nd level supervisor.") == {
        "outcome": "What happens if an employee has received a Summary Rating of Level 1 or 5?"}
    assert ask("If your equipment is returned to you, it may have been tampered with and should not be used.") == {
        "outcome": "What happens if your equipment is returned to you?"}
    assert ask("Once an opportunity is qualified, the account manager writes up a short proposal.") == {
        "outcome": "What happens once an opportunity is qualified?"}
    assert ask("Once exiting the elevator lobby, turn right.") == {}
    assert ask("Before you take leave, check out of office expectations.") == {
        "condition": "What should you do before you take leave?"}
    # an action of yours stays the condition rule's; a story, a vague condition and an exclamation are not asked
    assert "outcome" not in ask("If you lose your laptop, report it to IT right away.")
    assert ask("If the team lead left the project, the partner hired a contractor.") == {}
    assert ask("If you do not respond, the WGI will proceed.") == {}
    assert ask("If the non-federal partner can pay the full amount upfront, great!") == {}
    # a pointer or advice in the main clause, a condition nobody does, a sentence that goes on from the one before
    assert "outcome" not in ask("If you're not familiar with how to use GitHub, see the introduction.")
    assert "outcome" not in ask("When providing constructive criticism, it is recommended that you have clear "
                                "examples of the desired behavior.")
    assert "outcome" not in ask("But if you use a digital signature, it must be hand-drawn.")
    assert "outcome" not in ask("If you're planning to add a site-intercept onto your website, Qualtrics has "
                                "supporting documentation.")
    # policyqa-dev: "even if" is a concession, "do so" points back
    assert ask("Even if you opt out of getting marketing messages, we will still be sure to send you transactional "
               "messages.") == {}
    assert "outcome" not in ask("If we choose to do so in the future, you will be notified by email of our "
                                "intentions.")
    assert "outcome" not in ask("If you want very basic and cheap object storage, AWS provides the Simple Storage "
                                "Service (S3).")


def test_fifteenth_hand_check_failure_classes(ask):
    """Real 18F sentences behind round 15's failures: a pointer to a document asked as a yes/no question, a
    condition about "anything", an example in brackets copied into the question."""
    for pointer in ("GitHub has a handy document that explains the typical GitHub Workflow.",
                    "TTS Onboarding Buddies Overview explains what the role is and is not.",
                    "You can review our current Standard Operating Procedures (SOPs).",
                    "Detailed ENT password reset instructions can be found at ServiceNow KB0022142."):
        found = ask(pointer)
        assert not {"statement", "yes-no"} & found.keys(), (pointer, found)
    # where to find it is still a fair question
    assert ask("Detailed ENT password reset instructions can be found at ServiceNow KB0022142.") == {
        "place": "Where can Detailed ENT password reset instructions be found?"}
    assert ask("You can carry over up to 240 hours of annual leave.")["yes-no"] == (
        "Can you carry over up to 240 hours of annual leave?")  # not a pointer: a plain permission stays
    assert ask("If anything changes, you can update your profile.") == {}
    assert ask("When a Slack channel is no longer needed (e.g., a partner project has ended), the channel is "
               "archived.") == {"outcome": "What happens when a Slack channel is no longer needed?"}


def test_sixteenth_hand_check_failure_classes(ask):
    """Real 18F sentences behind round 16's failures."""
    assert ask("If you're busy, let them know when you will be available.") == {}  # no situation a person asks about
    assert ask("If asked to thread, please do so.") == {}  # the answer only repeats the condition
    assert ask("TTS is committed to building a safe and harassment-free environment for everyone.") == {}  # a mission
    assert ask("You can view the calendars of other people at GSA for scheduling meetings.") == {}  # a pointer
    # a password manager is a tool: "what", not "who"
    assert ask("You can use a password manager to store answers to security questions.")["object"] == (
        "What can you use to store answers to security questions?")
    assert ask("You should notify your supervisor before you travel.")["object"] == (
        "Who should you notify before you travel?")  # people stay "who"


def test_seventeenth_hand_check_failure_classes(ask):
    """Real 18F sentences behind round 17's failures, and sentences of its uncovered chunks no rule asked."""
    # a hedge taken for the condition: "what should you do when possible to keep user burden low?"
    assert "condition" not in ask("Limit your form to 5-10 fields or 2-3 sections when possible to keep user "
                                  "burden low.")
    # "who do you use to deliver working software?": what you use is a "what"
    assert ask("Use cross-functional teams and agile methodologies to deliver working software early and "
               "often.").get("object") == "What do you use to deliver working software early and often?"
    # two purposes joined by "and to", and advice to learn more
    assert "purpose" not in ask("To learn more about the GSA coaching program offerings and to get connected "
                                "with a coach, visit the GSA Coaching Services InSite page.")
    # where something is available is asked as "where", not as a yes/no that copies the sentence
    assert ask("Detailed information about veterans and federal employment is available through OPM's "
               "FedsHireVets website.") == {
        "place": "Where is detailed information about veterans and federal employment available?"}
    # what you need for a purpose, and a value a person looks up
    assert ask("To be eligible for FMLA, you must have at least one year of federal service.") == {
        "purpose": "What do you need to be eligible for FMLA?"}
    assert ask("GSA's TWN Employer Code is 10536.") == {"definition": "What is GSA's TWN Employer Code?"}
    assert ask("To work remotely, you do not need approval.").get("purpose") is None  # negated: not a need
    # an opinion asked back, and a name that is the answer, are no yes/no questions
    assert ask("Tagging resources in AWS is essential for identifying and tracking resources deployed.") == {}
    assert ask("GitHub repositories throughout TTS are monitored by a configuration-management tool called "
               "Allstar.") == {}
    assert ask("Employees are eligible for FEHB.") == {"yes-no": "Are employees eligible for FEHB?"}


def test_seventeenth_hand_check_headings_and_glossary():
    """A heading's head noun before its prepositional phrase takes the article; an all-caps glossary term whose
    definition does not spell it is no acronym; an 'About ...' page title names no document."""
    from ingest.dataset.extractors import definition_question, glossary_question
    from ingest.dataset.from_headings import subject_question

    nlp = load_parser()
    assert subject_question(nlp("Governance process for the TTSC Handbook"), "The TTSC Handbook should be "
                            "considered the source of truth.") == (
        "What should I know about the governance process for the TTSC Handbook?")
    assert subject_question(nlp("GSA Access Card"), "The GSA Access Card is part of onboarding.") == (
        "What should I know about the GSA Access Card?")
    assert glossary_question("README", "A README file contains information about a software project") == (
        "What does 'README' mean?")
    assert glossary_question("FAS", "The Federal Acquisition Service is one of GSA's services") == (
        "What does FAS stand for?")
    assert glossary_question("CI/CD", "Continuous Integration / Continuous Delivery") == "What does CI/CD stand for?"
    # round 24: a Title Case role its definition writes in lowercase is no name ("What is Product Manager?")
    assert glossary_question("Product Manager", "Product managers ensure that the right product is built at the "
                             "right time and for the right people.") == "What is a product manager?"
    assert glossary_question("Docker Hub", "Docker Hub is a cloud-based container registry") == "What is Docker Hub?"
    assert definition_question("Crowd-sourced", "About the TTS Handbook", "Anyone should be able to contribute") \
        is None


def test_eighteenth_hand_check_failure_classes(ask):
    """Real 18F sentences behind round 18's failures: yes/no questions that state two facts, an embedded
    question, a promise of help or a pointer back; outcomes that are states; vague objects; a place with part of
    its answer left after a comma."""
    assert ask("Flexible Spending Accounts run on a calendar year and enrollment into the program is closed on "
               "October 1 of each year.") == {}
    assert ask("Google Meet is typically used for internal TTS/GSA meetings, while Zoom is often used for larger "
               "meetings and meetings with our partners.") == {}
    assert ask("The designated TTS Ops team member will determine whether or not to recommend your request for "
               "approval by the TTS Director of Operations.") == {}
    assert ask("The Benefits Specialist will assist you in understanding your unique situation.") == {}
    assert ask("You can also add that to your Slack highlight words to be notified when other people are talking "
               "about food.") == {}
    # an embedded "whether" or "that" clause, an infinitive and a participle are part of one fact (labelled good)
    assert ask("The Open Opportunities listing will indicate whether or not the detail is reimbursable.") == {
        "statement": "Will the Open Opportunities listing indicate whether or not the detail is reimbursable?"}
    assert "statement" in ask("The review and approval process times vary by the type of request and the layers of "
                              "approval required.")
    # a condition at the end is one fact, and stays
    assert ask("You can carry over up to 240 hours of annual leave if you are a full-time employee.").get(
        "yes-no") == "Can you carry over up to 240 hours of annual leave if you are a full-time employee?"
    # "what happens once ...?" answered by who is responsible, or by advice
    assert ask("Once a project begins, the 18F project team is responsible and accountable for its success.") == {}
    assert ask("If you're building anything, a good place to start is 18F's security standards.") == {}
    # ... but what you are or what it is after the condition is what happens
    assert ask("If your talking points change at any point in the process, you are responsible for notifying "
               "the approvers.").get("outcome") == ("What happens if your talking points change at any point in "
                                                    "the process?")
    assert ask("If you receive a Special Act Award after hitting the 80 hour cap, your award will be monetary.").get(
        "outcome") == "What happens if you receive a Special Act Award after hitting the 80 hour cap?"
    assert ask("If you have posted comments on our site, we may not be able to delete it.").get("outcome") == (
        "What happens if you have posted comments on our site?")  # policyqa-dev
    assert ask("We also may track how many recipients of our e-mail newsletters click through to other sites.").get(
        "statement") == "Can we track how many recipients of our e-mail newsletters click through to other sites?"
    assert ask("After the voucher is processed, there will be an outstanding balance remaining.").get(
        "outcome") == "What happens after the voucher is processed?"
    assert ask("Once AcqDiv has reviewed your request, they will send it through the approval process.").get(
        "outcome") == "What happens once AcqDiv has reviewed your request?"
    # vague objects, and a place question that keeps part of its answer
    assert "object" not in ask("You can ask questions in #travel or during travel office hours.")
    assert ask("The project health tracker provides insight into some of the common areas where projects "
               "struggle.") == {}
    assert "place" not in ask("The main entrance to GSA is located at the middle of the building on F Street, "
                              "between 18th and 19th Street.")



def test_who_is_responsible_and_named_tools_are_asked_not_copied(ask):
    """Sentences the yes/no fallback used to copy whole ("Is the LRAC responsible for overseeing ...?", "Is Trello a
    project management tool that organizes information into lists?"): who owns a duty, and what a named tool is."""
    assert ask("The LRAC is responsible for overseeing all RA requests for TTS employees and providing training on "
               "the RA process.") == {"responsible": "Who is responsible for overseeing all RA requests for TTS "
                                                     "employees and providing training on the RA process?"}
    assert ask("All GSA employees are responsible for records management.") == {
        "responsible": "Who is responsible for records management?"}
    # a list of duties after a comma, and a duty that does not close the sentence, are not asked
    assert "responsible" not in ask("Supervisors are responsible for checking hours logged by their direct "
                                    "reports in Tock, including billable and nonbillable time.")
    # a tool the tagger reads as a common noun is a name when the documents capitalise it mid-sentence
    assert ask("Trello is a project management tool that organizes information into lists.") == {
        "definition": "What is Trello?"}
    citrix = "Citrix is a Windows virtual desktop client that can be used to connect to GSA's intranet."
    assert ask(citrix, proper=frozenset({"Citrix"})) == {"definition": "What is Citrix?"}
    assert "definition" not in ask(citrix)
    # ... but what it is worth, or how it differs, is no definition
    assert "definition" not in ask("Slack is a critical part of our culture.", proper=frozenset({"Slack"}))
    assert "definition" not in ask("Tock is a different tool than HRLinks.", proper=frozenset({"Tock", "HRLinks"}))


def test_nineteenth_hand_check_copies_are_refused(ask):
    """Yes/no copies the 19th hand check found: an instruction, a purpose clause or a vague quantity inside."""
    assert ask("TTS has a limited number of paid seats available so please ensure you have a job-related need "
               "before requesting a paid license.") == {}
    # the purpose is cut from the question, and the answer keeps it
    assert ask("You can update your records so that people who look at your name on emails are reminded to use "
               "the name that makes you most comfortable.") == {"yes-no": "Can you update your records?"}
    assert ask("Unused tickets must be cancelled or reported to the travel coordinator within 2 working days so "
               "that credits can be used.").get("statement") == (
        "Do unused tickets have to be cancelled or reported to the travel coordinator within 2 working days?")
    assert ask("An opportunity can arrive in a variety of ways.") == {}
    assert ask("There are a few different ways to distribute compensation to research participants.") == {}


def test_twentieth_hand_check_failure_classes(ask):
    """A yes/no question that ends on a bare verb (participate in what?) and a count of "ways"."""
    assert ask("All TTSC employees are encouraged to participate.") == {}
    assert "number" not in ask("There are two ways we hire using Schedule A(r): via posting a job on JoinTTS or "
                               "via Reserved Hire.")
    # a model number is no count
    assert "number" not in ask("Sennheiser's HD 219 headphones have worked for some of us.")
    # a link's title in a list of links is no sentence
    assert ask("How Contractors Obtain a GSA Access Card", list_item=True) == {}
    assert ask("GSA's TWN Employer Code is 10536", list_item=True) == {"definition": "What is GSA's TWN Employer Code?"}
    assert ask("You can request up to 240 hours of advanced sick leave.").get("yes-no") == (
        "Can you request up to 240 hours of advanced sick leave?")


def test_twenty_second_hand_check_failure_classes(ask):
    """A plural pro-form with nothing to point at, and an object question that names only who encourages."""
    assert "condition" not in ask("If you want to start using non-free ones, talk to your supervisor first.")
    assert "object" not in ask("TTS strongly encourages all git commits to be cryptographically signed.")

