"""Who/what/where questions about a noun phrase of the sentence: the definition, passive agent, object and place
rules.

Split out of sentence_questions.py (which keeps the registry, the ranking prior and the clause rules: number, time,
condition, purpose, imperative) when it passed 500 lines. These rules remove a noun phrase from the sentence and
ask for it, so what goes wrong is the noun phrase: a thing asked with "who", two things joined by "and" asked as
one, a vague object ("additional time"), a place left half in the question. Each refusal below names the hand
check on 18F that found it. The active agent rule ("GSA provides free coaching ..." -> "Who provides free coaching
...?") was removed after five hand checks: 6 of 24 of its pairs were good (things asked with "who", vacuous "Who
can view ...?", one of several providers given as the answer); the passive form ("Leave requests are approved by
your supervisor." -> "Who approves leave requests?") stays.
"""

from __future__ import annotations

import re

from ingest.dataset.clauses import (
    DEMONSTRATIVE,
    MODALS,
    PEOPLE,
    finish,
    is_imperative,
    lower_first,
    question_about,
    subject_of,
    subtree,
    text_of,
    third_person_from_lemma,
)

_TIME_WORDS = {"day", "days", "week", "weeks", "month", "months", "year", "years", "time", "hour", "hours", "minute",
               "minutes", "morning", "evening", "night"}
# "password manager", "package manager": a tool, asked with "what" (16th hand check: "who can you use to store
# answers to security questions?")
_TOOL_WORDS = {"password", "package", "task", "window", "file", "download", "dependency", "version", "content"}
# what you can view or read is a pointer, not a fact ("what can you view for scheduling meetings?", 16th hand check)
_VIEWING = {"view", "see", "visit", "read", "review", "browse"}
_IMPERATIVE_OBJECT_VERBS = {"use", "submit", "email", "contact", "complete", "cancel", "file", "request", "notify",
                            "call", "install", "enable", "update", "bring", "wear", "include", "attach", "send"}

# verbs that ask nothing with only their subject: "What can the partners use?" (use for what?); "What does the build
# include?" asks something on its own
_OPEN_VERBS = {"use", "edit", "change", "see", "find", "access", "bring", "try", "follow", "create", "add", "do",
               "share", "update", "open", "view", "remove", "delete", "join", "set",
               # "What does TTS strongly encourage?" (22nd hand check): what is encouraged must be named
               "encourage", "recommend", "suggest", "prefer"}
_GENERIC_OBJECTS = {"space", "information", "thing", "things", "stuff", "way", "ways", "lot", "example", "examples",
                    "part", "time", "sense", "use", "place", "idea", "ideas", "option", "options", "role", "roles",
                    # "What can you ask in #travel ...?" (questions), "What does the tracker provide into ...?"
                    # (insight): the vague object is not what a person asks for (18th hand check)
                    "question", "questions", "insight", "insights", "help", "support", "detail", "details"}

_EVALUATIVE = {"good", "great", "safe", "best", "better", "easy", "useful", "helpful", "important", "nice", "excellent",
              "common", "popular", "fine", "reasonable", "wonderful", "awesome", "valuable", "critical", "primary",
              "different", "key", "essential", "vital", "crucial"}
_LOCATIVE = {"in", "on", "at", "near", "next", "beside", "behind", "inside", "outside", "above", "below", "under",
             "across", "opposite", "by", "through", "via"}
_PLACE_VERBS = {"find", "locate", "access", "store", "keep", "post", "save", "upload", "submit", "file", "enter",
                "request", "report", "book", "log", "record", "track", "download", "share", "ask", "send", "sign"}


_VALUE_NOUNS = {"code", "number", "extension", "id", "rate", "limit", "fee", "amount", "cap", "deadline", "address"}


def definition_questions(sent):
    root = sent.root
    subject = subject_of(root)
    if subject is None or subject.pos_ == "PRON" or subject.lower_ in {"one", "goal", "purpose", "part", "example"}:
        return
    tokens = subtree(subject)
    if any(t.like_num or t.lower_ in DEMONSTRATIVE for t in tokens):
        return
    proper = sent.doc.user_data.get("proper", frozenset())
    # a product the tagger reads as a common noun is still a name when the documents capitalise it mid-sentence
    # ("Trello is a project management tool ..." -> "What is Trello?", asked before as "Is Trello a project
    # management tool that organizes information into lists?", a copy of its sentence)
    specific = any(t.pos_ == "PROPN" or t.text.isupper() and len(t.text) > 1 for t in tokens) or subject.text in proper
    if not specific or len(tokens) > 8 or tokens[0].i != sent.start and sent[0].i not in {t.i for t in tokens}:
        return
    if any(t.dep_ == "cc" for t in tokens):
        return  # "Google Meet and Zoom are ...": two things, one question would misname them
    text = re.split(r"\s[-–—]\s", lower_first(text_of(tokens), tokens[0]))[0]
    if "(" in text:
        if not text.endswith(")"):
            return  # "Domestic employees teleworking overseas (DETO) arrangements"
        text = text[:text.rindex("(")].strip()
    if subject.lemma_.lower() in PEOPLE:
        return  # "What is your Account Manager?": a person is not asked with "what" (fifth hand check on 18F)
    plural = root.lower_ == "are"  # "HR Links" names one system, "Qualtrics is ..." one tool; "The CoEs are ..."
    if root.lower_ == "are" and subject.tag_ in {"NN", "NNP"}:
        return  # "[typefaces from the] U.S. Web Design System are ...": the real subject was lost before it
    if any(c.dep_ in {"aux", "neg"} for c in root.children):
        return  # "Slack is not always the right tool for ...": not what it is
    attr = next((c for c in root.children if c.dep_ == "attr" and c.pos_ in {"NOUN", "PROPN"}
                 or c.dep_ == "attr" and c.pos_ == "NUM" and subject.lemma_.lower() in _VALUE_NOUNS), None)
    # "GSA's TWN Employer Code is 10536" -> "What is GSA's TWN Employer Code?": a value a person looks up
    if attr is not None and (any(c.lower_ in _EVALUATIVE for c in attr.children) or attr.lemma_ == "part"):
        return  # "Typefaces from USWDS are a safe starting choice": advice, not what they are; "Slack is a
        # critical part of our culture", "Tock is a different tool than HRLinks"
    if root.lemma_ == "be" and root.tag_ in {"VBZ", "VBP"} and attr is not None:
        yield finish(f"What {'are' if plural else 'is'} {text}"), "definition"
    elif root.lemma_ in {"mean", "stand"} and root.tag_ in {"VBZ", "VBP"}:
        yield finish(f"What {'do' if plural else 'does'} {text} {'mean' if root.lemma_ == 'mean' else 'stand for'}"), \
            "definition"


def object_questions(sent):
    """"18F uses Slack for chat." -> "What does 18F use for chat?"; "You should notify your supervisor." ->
    "Who should you notify?". The object must be a noun phrase, the subject specific or "you"/"we"."""
    root = sent.root
    subject = subject_of(root)
    if root.pos_ != "VERB" or subject is not None and subject.dep_ != "nsubj" or root.tag_ == "VBN" \
            or root.lemma_ in _VIEWING:
        return
    if subject is None and not is_imperative(root) or subject is not None and subject.pos_ == "PRON" \
            and subject.lower_ not in {"you", "we"}:
        return
    if sum(c.dep_ in {"dobj", "dative"} for c in root.children) > 1 or any(t.text == "," for t in sent):
        return  # "send your supervisor a survey": two objects; a comma: the question keeps a dangling phrase
    for obj in root.children:
        if obj.dep_ != "dobj" or obj.pos_ not in {"NOUN", "PROPN"} or any(t.like_num for t in obj.subtree):
            continue
        if is_imperative(root) and root.lemma_ not in _IMPERATIVE_OBJECT_VERBS:
            continue  # "See our handbook page for ...": navigation, not a fact
        if root.lemma_ in {"have", "get", "make", "take"} or obj.lower_ in _TIME_WORDS | _GENERIC_OBJECTS or \
                root.lemma_ in {"need", "want", "value"} and (subject is None or subject.lower_ not in {"you", "we"}):
            continue  # "What does the cafeteria have?", "begin the day after ..." (a misparsed time)
        tokens = subtree(obj)
        if len(tokens) > 8:
            continue
        # names of people are redacted before this runs, so a PERSON here is mostly a tool ("We use Gmail")
        person = obj.lemma_.lower() in PEOPLE and not any(c.dep_ == "compound" and c.lower_ in _TOOL_WORDS
                                                          for c in obj.children) \
            and root.lemma_ != "use" and not any(c.dep_ == "conj" for c in obj.children)  # a password manager is
        # a tool; "who do you use to deliver working software?" asked of "cross-functional teams and agile
        # methodologies" (16th, 17th hand checks): what you use, or a list with things in it, is a "what"
        only = {c.i for c in root.children if c.dep_ == "advmod" and c.lower_ == "only"}  # "what does deployment
        # only include?" (sixth hand check): the answer says "only", the question need not
        # the question must say more than who does what: "what can the partners use?", "what can you edit at any
        # time?" ask nothing a person would (eighth hand check on 18F)
        said = {t.i for t in tokens} | only | {root.i} | {t.i for t in (subject.subtree if subject is not None else ())}
        if root.lemma_ in _OPEN_VERBS and not any(t.i not in said and t.pos_ in {"NOUN", "PROPN"}
                                                  and t.lower_ not in _TIME_WORDS | _GENERIC_OBJECTS for t in sent):
            continue
        q = question_about(root, "who" if person else "what", {t.i for t in tokens} | only)
        if q and len(q.split()) >= 5:
            yield q, "object"


def place_questions(sent):
    """"Submit your timesheet in HR Links." -> "Where do you submit your timesheet?" for verbs of finding and
    filing, where the place is the fact a person asks for."""
    root = sent.root
    available = next((c for c in root.children if c.dep_ == "acomp" and c.lower_ == "available"), None)
    if root.lemma_ == "be" and available is not None:
        # "Detailed information about ... is available through OPM's FedsHireVets website." -> "Where is detailed
        # information about ... available?": asked as a yes/no that copies the sentence, no person asks it (17th)
        prep = next((c for c in available.children if c.dep_ == "prep" and c.lower_ in {"in", "on", "at", "through",
                                                                                         "via", "from"}), None)
        if prep is not None and available.right_edge.i >= sent.end - 2:
            q = question_about(root, "where", {t.i for t in prep.subtree})
            if q and len(q.split()) >= 5 and "," not in q:
                yield q, "place"
        return
    if root.pos_ != "VERB" or root.lemma_ not in _PLACE_VERBS:
        return
    if root.tag_ in {"VBD", "VBN"} and not any(c.dep_ in {"aux", "auxpass"} for c in root.children):
        return  # "GSA FMLA page found on InSite": a list item without its verb, asked "where do ... find?"
    for prep in root.children:
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if prep.dep_ != "prep" or prep.lower_ not in {"in", "on", "at", "through", "via"} or not objects:
            continue
        if objects[0].pos_ not in {"NOUN", "PROPN"} or objects[0].lower_ in _TIME_WORDS or prep.i < root.i:
            continue
        if any(c.dep_ in {"prep", "agent"} and c.i != prep.i and c.lower_ in _LOCATIVE for c in root.children):
            continue  # "Where can bins be found near the printer?": half the place stays in the question
        q = question_about(root, "where", {t.i for t in prep.subtree})
        if q and len(q.split()) >= 5 and "," not in q:
            yield q, "place"  # "Where is the main entrance located, between 18th and 19th Street?" keeps part of
            # the answer after a comma (18th hand check)


def passive_agent_questions(sent):
    """"Leave requests are approved by your supervisor." -> "Who approves leave requests?"."""
    root = sent.root
    subject = subject_of(root)
    agent = next((c for c in root.children if c.dep_ == "agent"), None)
    if root.tag_ != "VBN" or subject is None or subject.dep_ != "nsubjpass" or agent is None:
        return
    if subject.pos_ == "PRON" or subject.i > root.i:
        return
    objects = [c for c in agent.children if c.dep_ == "pobj"]
    if not objects or objects[0].pos_ not in {"NOUN", "PROPN"}:
        return
    modal = next((c.lower_ for c in root.children if c.dep_ == "aux" and c.lower_ in MODALS), None)
    if any(c.dep_ == "aux" and c.lower_ not in MODALS for c in root.children) or \
            any(c.dep_ == "neg" for c in root.children):
        return  # "has been approved", "is not approved": the active form would need more care than it is worth
    person = objects[0].ent_type_ in {"PERSON", "ORG"} or objects[0].lemma_.lower() in PEOPLE
    if not person:
        return  # "What appoints the coordinator?" for "TTS leadership": only people get a question
    verb = f"{modal} {root.lemma_}" if modal else third_person_from_lemma(root.lemma_, root)
    subject_tokens = subtree(subject)
    if subject_tokens[0].i != sent.start:
        return
    removed = {t.i for t in subject_tokens} | {t.i for t in agent.subtree} | {root.i} | \
        {c.i for c in root.children if c.dep_ in {"aux", "auxpass"}}
    rest = [t for t in sent if t.i not in removed and not (t.is_punct and t.i == sent.end - 1)]
    if any(t.head.i in removed and t.head.i not in {root.i} and t.head.i != t.i for t in rest):
        return
    thing = lower_first(text_of(subject_tokens), subject_tokens[0])
    yield finish(f"Who {verb} {thing} {text_of(rest)}"), "agent"


def responsibility_questions(sent):
    """"The LRAC is responsible for overseeing all RA requests for TTS employees." -> "Who is responsible for
    overseeing all RA requests for TTS employees?". Who owns a task is what a helpdesk is asked; the yes/no
    fallback asked these as copies of their sentence ("Is the LRAC responsible for overseeing ...?"): 23
    sentences on 18F."""
    root = sent.root
    subject = subject_of(root)
    responsible = next((c for c in root.children if c.dep_ == "acomp" and c.lower_ == "responsible"), None)
    if root.lemma_ != "be" or responsible is None or subject is None or subject.pos_ == "PRON" \
            or subtree(subject)[0].i != sent.start or any(c.dep_ == "neg" for c in root.children):
        return
    duty = next((c for c in responsible.children if c.dep_ == "prep" and c.lower_ == "for"), None)
    last = sent.end - 1 if sent[-1].is_punct else sent.end
    if duty is None or duty.right_edge.i + 1 != last or any(t.text in {",", ";", "(", "\\"} for t in duty.subtree) \
            or len(list(duty.subtree)) > 16:
        return  # the duty must close the sentence, as one plain phrase
    will = any(c.dep_ == "aux" and c.lower_ == "will" for c in root.children)
    yield finish(f"Who {'will be' if will else 'is'} responsible {text_of(list(duty.subtree))}"), "responsible"
