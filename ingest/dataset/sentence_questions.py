"""Questions from declarative sentences, without an LLM: rules over the spaCy parse (overgenerate, then rank).

Why rules: on a real handbook nobody here wrote (18F, 237 pages of prose) the extractors found FAQ headings,
`Term: definition` lines and tables in 13% of the chunks, and the embedded 135M model writes questions that the
round-trip gates rightly reject (74 of 154 on the first handbook we tried). Ordinary prose states its facts in a
few sentence shapes, and each maps to a question whose answer is the sentence itself, so the answer is exact by
construction and only the question's wording can go wrong. This is the overgenerate-and-rank design of Heilman and
Smith (2010), reduced to the shapes that are reliable with `en_core_web_sm`:

    number     "You can receive 15 days each year for active duty."   -> "How many days can you receive each year
                                                                            for active duty?"
    money      "You can claim up to $50 a month."                     -> "How much can you claim a month?"
    time       "Timesheets are due on Friday."                        -> "When are timesheets due?"
    frequency  "Pay periods occur every two weeks."                   -> "How often do pay periods occur?"
    condition  "If you lose your laptop, report it to IT."            -> "What should you do if you lose your laptop?"
    outcome    "If you do not respond, the WGI will proceed."         -> "What happens if you do not respond?"
    purpose    "To request leave, submit a form in HR Links."         -> "How do you request leave?"
    means      "You can request leave by submitting a form."          -> "How can you request leave?"
    definition "The EAP is a free support resource for employees."    -> "What is the EAP?"
    agent      "Leave requests are approved by your supervisor."     -> "Who approves leave requests?"
    object     "We use Google Groups to manage mailing lists."         -> "What do we use to manage mailing lists?"
    place      "Log total hours in Tock."                             -> "Where do you log total hours?"
    yes-no     "You must bill all time that is a direct cost."        -> "Do you have to bill all time that is ...?"
    imperative "Try to respond promptly to Slack messages."           -> "Should you try to respond promptly to ...?"

The condition rules are in condition_questions.py. Each rule refuses what it cannot phrase cleanly (a pronoun
that points outside the sentence, a subject that is not specific, a number that is a step or a year), because a dropped sentence costs a little coverage and a bad
question costs the dataset's credibility. The grammar they share (inversion, do-support, removing the answer
without leaving words dangling) is in ingest/dataset/clauses.py. The dataset recipe (from_sentences.py) ranks the
survivors by the rule's prior and by round-trip retrieval (the question must find its own chunk), and keeps the
best per sentence.

Measured on the 18F handbook (BENCHMARKS.md, "Synthetic Q&A from real prose"): with the page topic (and the
section, when the question leans on it) in front (topic.py), the yes/no fallback (yes_no_questions.py) and task
headings, subject headings, glossary terms and the outcome of conditions, 1,908 accepted pairs from 44% of the
chunks (58% of those with a checkable fact), and 131 of 180 judged good by hand over rounds 12-14 (natural,
self-contained, answerable, correct; 113 of 180 over rounds 8-10). Round 11 found yes/no questions that copy
their sentence's list, bracket or quote (`copies_its_sentence`), the largest class then. The failures left are a long tail: answers right but
incomplete, a situation the question does not say, wording copied from the source, examples taken as rules, and
misparses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.dataset.clauses import (
    NAVIGATION_VERBS,
    POINTER_NOUNS,
    finish,
    in_brackets,
    is_imperative,
    main_clause_subject,
    question_about,
    self_contained,
    subject_of,
    text_of,
    usable_sentence,
)
from ingest.dataset.condition_questions import condition_questions, outcome_questions
from ingest.dataset.gates import asks_what_a_name_is
from ingest.dataset.noun_questions import (
    definition_questions,
    object_questions,
    passive_agent_questions,
    place_questions,
    responsibility_questions,
)
from ingest.dataset.yes_no_questions import statement_questions, yes_no_questions

# How much each rule's questions can be trusted before ranking: conditions, purposes and numbers name their
# topic explicitly; agent questions are the vaguest ("Who manages the process?").
RULE_PRIOR = {"condition": 0.9, "outcome": 0.75, "purpose": 0.9, "means": 0.85, "number": 0.85, "money": 0.85,
              "time": 0.8, "frequency": 0.8, "definition": 0.7, "object": 0.7, "place": 0.8, "yes-no": 0.65, "agent": 0.6,
              "imperative": 0.55, "statement": 0.5, "responsible": 0.85}
_NOT_A_COUNT = {"step", "steps", "section", "page", "pages", "version", "figure", "part", "chapter", "item", "floor",
                "room", "line", "option", "phase", "level", "tier", "number", "grade", "stage", "point", "way", "ways"}
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SPECIFIC_TIME = re.compile(r"\d|\b(?:" + "|".join(_MONTHS) + r"|noon|midnight|end of|beginning of|first|last|"
                            r"weekend|morning|afternoon|evening|holiday)\b", re.IGNORECASE)
_WEEKDAY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?")
_CALENDAR = re.compile(r"\b(?:19|20)\d\d\b|\b(?:" + "|".join(_MONTHS) + r")\b", re.IGNORECASE)
_DURATION = re.compile(r"\d+\s*(?:business |calendar |working )?(?:days?|weeks?|months?|years?|hours?|minutes?)\b",
                       re.IGNORECASE)
_FREQUENCY = re.compile(r"^(?:every|each|once|twice|per)\b|\b(?:daily|weekly|biweekly|monthly|quarterly|annually|"
                        r"yearly)\b", re.IGNORECASE)
_PREREQUISITE_VERBS = {"need", "have", "require", "be", "must"}
_CURRENCY = {"$", "€", "£", "usd", "eur", "dollars", "dollar", "euros", "pounds"}


@dataclass(frozen=True)
class SentenceQuestion:
    question: str
    rule: str
    start: int  # character span of the source sentence in the parsed text
    end: int

    @property
    def prior(self) -> float:
        return RULE_PRIOR[self.rule]


# --- sentence filters and text helpers ------------------------------------------------------------------------


# --- the rules ---------------------------------------------------------------------------------------------------

def _count_phrase(noun, np_tokens) -> list:
    """What is counted: the words before the noun, the noun, and an "of" phrase after it ("days of leave");
    other post-modifiers stay out ("sessions including college students who ..." asks about sessions)."""
    keep = [t for t in np_tokens if t.i <= noun.i and t.pos_ != "DET" and t.dep_ != "poss"]
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            keep += [t for t in child.subtree if not in_brackets(t)]
    return keep


def _number_questions(sent):
    root = sent.root
    if any(t.dep_ == "mark" and t.lower_ in {"while", "whereas"} for t in sent):
        return  # "Some agreements take 10 days, while others take up to 90": the contrast stays in the question
    for token in sent:
        if not (token.like_num and token.dep_ == "nummod" and token.head.pos_ in {"NOUN", "SYM", "PROPN"}):
            continue
        noun = token.head
        if noun.tag_ not in {"NNS", "NNPS"} and noun.lower_ not in _CURRENCY | {"%", "percent"} \
                and token.ent_type_ != "MONEY":
            continue  # "1102 experience" is a code, not a count
        if re.fullmatch(r"(?:19|20)\d\d", token.text) or noun.lower_ in _NOT_A_COUNT or token.lower_ == "one":
            continue
        if any(c.dep_ == "poss" for c in noun.children) or token.i > sent.start and \
                sent.doc[token.i - 1].text.isupper():
            continue  # "Sennheiser's HD 219 headphones": a model number, asked "how many 's HD headphones ...?"
        if token.i > sent.start and sent.doc[token.i - 1].lower_ == "between" or any(
                t.like_num and t.i != token.i and t.head.lemma_ == noun.lemma_ and sent.doc[t.i + 1].text != "-"
                for t in sent if t.i + 1 < len(sent.doc)):
            continue  # "between 15 minutes and 20 minutes ... around 35 minutes": another count of it stays behind
            # ("the 72-hour deadline" is a name, not a count)
        money = noun.lower_ in _CURRENCY or token.ent_type_ == "MONEY"
        percent = noun.lower_ in {"%", "percent"}
        if token.i + 1 < len(sent.doc) and sent.doc[token.i + 1].text in {"-", "–", "to"} or any(
                t.lower_ in {"-", "–"} for t in token.children):
            continue  # a range ("30 - 120 days")
        if any(t.lower_ in {"the", "final", "first", "last", "next", "other", "top", "these", "those"}
               for t in noun.lefts if t.i < token.i):
            continue  # "The final two interviews will be ...": which ones, not how many
        number_tokens = {t.i for t in token.subtree}  # the number with "up to", "at least", ...
        np_tokens = [t for t in noun.subtree if t.i not in number_tokens and not in_brackets(t)]
        if money:
            wh, rule = "how much", "money"
        elif percent:
            wh, rule = ("what percentage " + text_of([t for t in np_tokens if t.i > noun.i])).strip(), "number"
        else:
            wh, rule = "how many " + text_of(_count_phrase(noun, np_tokens)), "number"
        removed = {t.i for t in noun.subtree}
        expletive = subject_of(root)
        if noun.dep_ == "attr" and noun.head == root and expletive is not None and expletive.dep_ == "expl" \
                and not money and not percent and expletive.i == sent.start:
            rest = [t for t in sent if t.i not in removed and t.i not in {root.i, expletive.i}
                    and not (t.is_punct and t.i == sent.end - 1)]
            yield finish(f"{wh} {root.text.lower()} there {text_of(rest)}"), rule
        elif noun.dep_ in {"nsubj", "nsubjpass"} and noun.head == root and not money and not percent:
            rest = [t for t in sent if t.i not in removed and not (t.is_punct and t.i == sent.end - 1)]
            if rest and rest[0].i < noun.i:
                continue
            yield finish(f"{wh} {text_of(rest)}"), rule
        elif noun.dep_ in {"dobj", "attr", "oprd", "npadvmod"} and noun.head == root:
            q = question_about(root, wh, removed)
            if q:
                yield q, rule
        elif noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head == root:
            prep = noun.head
            q = question_about(root, f"{prep.lower_} {wh}", {t.i for t in prep.subtree})
            if q:
                yield q, rule


def _time_questions(sent):
    root = sent.root
    if root.lemma_.lower() in NAVIGATION_VERBS:
        return  # "Refer to Shareable CoE Onboarding May 2024": the date names a document (fifth hand check on 18F)
    dates = [ent for ent in sent.ents if ent.label_ in {"DATE", "TIME"}]
    if sum(bool(_CALENDAR.search(e.text)) for e in dates) > 1 or sum(
            bool(_SPECIFIC_TIME.search(e.text)) and not re.fullmatch(r"\d+[A-Za-z]", e.text) for e in dates) > 1:
        return  # "Phase I began in April 2018, phase II in October 2018.", "Office Hours are held every Wednesday at
        # 12 PM ET": "when" would be ambiguous or leave a time in the question
    # not "for 18F and the partner agency": an office's name the parser read as a date
    times = [ent for ent in dates if not re.fullmatch(r"\d+[A-Za-z]+", ent.text)]
    for ent in times:
        head = ent.root
        frequency = bool(_FREQUENCY.search(ent.text))
        if not frequency and (not _SPECIFIC_TIME.search(ent.text) or _DURATION.search(ent.text)):
            continue  # durations ("30 days") are number questions; "recently" is not a fact
        if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head == root:
            removed = {t.i for t in head.head.subtree}
        elif head.dep_ in {"npadvmod", "tmod"} and head.head == root:
            removed = {t.i for t in head.subtree}
        else:
            continue
        if not all(t.i in removed or t.ent_type_ in {"DATE", "TIME"} for t in head.subtree):
            continue
        if any(t.i not in removed and (_WEEKDAY.fullmatch(t.lower_) or any(t in e for e in times)) for t in sent):
            continue  # "when are office Hours held every Wednesday?": another time left in the question
        if re.fullmatch(r"(?:in |since |by )?(?:19|20)\d\d", ent.text.lower()) and root.tag_ != "VBD":
            continue  # "In 2022, TTS considers $75/hour ...": a year for a present fact is not what one asks
        q = question_about(root, "how often" if frequency else "when", removed)
        if q:
            yield q, "frequency" if frequency else "time"


def _purpose_questions(sent):
    root = sent.root
    if [t.lower_ for t in sent[:3]] == ["in", "order", "to"] and sent[1].head.i == sent[0].i:
        # "In order to verify your commits, you must ..." parses as a prepositional phrase with a clause on "order"
        clause = next((c for c in sent[1].children if c.dep_ == "acl" and c.pos_ == "VERB"), None)
        who = main_clause_subject(root)
        if clause is not None and who in {"you", "we"} and clause.right_edge.i < root.i \
                and root.lemma_ not in _PREREQUISITE_VERBS:
            purpose = text_of([t for t in clause.subtree if t.i != sent[2].i])
            yield finish(f"How do {who} {purpose}"), "purpose"
        return
    for clause in root.children:
        if clause.dep_ not in {"advcl", "xcomp"} or clause.i > root.i:
            continue
        to = [c for c in clause.children if c.dep_ == "aux" and c.lower_ == "to"]
        first = sent[0]
        if not to or first.lower_ not in {"to", "in"} or clause.pos_ not in {"VERB", "AUX"}:
            continue
        if main_clause_subject(root) not in {"you", "we"}:
            continue
        if root.lemma_ in _PREREQUISITE_VERBS:
            # "To take leave without pay, you'll need justification": what is needed, not how; "To be eligible for
            # FMLA, you must have at least one year of federal service." -> "What do you need to be eligible for
            # FMLA?" (18F: sentences no rule asked, 17th check's uncovered chunks)
            needed = next((c for c in root.children if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"}), None)
            purpose = text_of([t for t in clause.subtree])
            if root.lemma_ in {"need", "have", "require"} and needed is not None and "," not in purpose \
                    and not any(c.dep_ == "neg" for c in root.children) and purpose.split()[0].lower() == "to":
                yield finish(f"What do {main_clause_subject(root)} need t{purpose[1:]}"), "purpose"
            continue
        if clause.pos_ != "VERB":
            continue
        purpose = text_of([t for t in clause.subtree if t.i != to[0].i and t.lower_ not in {"in", "order"}
                         or t.i > to[0].i])
        if "," in purpose or purpose.split()[0].lower() == "be" or " and to " in purpose \
                or _VACUOUS_ADVICE.search(purpose):
            continue  # "Go across the lobby to wing 1, down the elevator ...": directions, not a purpose; "To be
            # added to the invite, ask ..." would ask "how do you be added ...?"; "how do you learn more about ...
            # and to get connected with a coach?" (17th hand check)
        yield finish(f"How do {main_clause_subject(root)} {purpose}"), "purpose"
    for prep in root.children:
        if root.lemma_ == "be":
            break
        if prep.dep_ == "prep" and prep.lower_ == "by" and any(c.dep_ == "pcomp" and c.tag_ == "VBG"
                                                                 for c in prep.children):
            q = question_about(root, "how", {t.i for t in prep.subtree})
            if q:
                yield q, "means"


_TRAILING_FUNCTION_WORD = re.compile(r"\b(?:and|or|but|nor|to|of|for|with|the|a|an|in|on|at|by|from)\?$",
                                     re.IGNORECASE)
# a clause after a comma or a link's text left in a question: "... finalized, including any comments the contractor
# add?", "What should employees follow on how to Tock?" (third hand check on 18F)
_RESIDUE = re.compile(r", (?:including|which|where|who|whose|such as|e\.g\.|i\.e\.)\b|\bon how to\b", re.IGNORECASE)



def _imperative_questions(sent):
    """"Encrypt removable drives before you use them." -> "Should you encrypt removable drives before you use
    them?". Handbooks give most of their guidance as imperatives; the guidance is the fact. Verbs that only point
    somewhere ("See ...", "Check out ...") are left out."""
    root = sent.root
    if not is_imperative(root) or root.lemma_.lower() in NAVIGATION_VERBS | _UI_STEPS or root.lower_ == "please":
        return
    if any(t.lemma_.lower() in _UI_STEPS and t.pos_ == "VERB" for t in sent):
        return  # "Make sure to save and click the Add expense button": a step of a procedure
    if sent.doc.user_data.get("list_item"):
        return  # "Set up ZAP as a proxy." in a numbered list is step 3 of something, not a rule to ask about
    if any(c.dep_ == "neg" for c in root.children) or sent[0].lower_ in {"do", "don't", "please"}:
        return
    if _VACUOUS_ADVICE.search(sent.text) or any(t.lemma_.lower() in POINTER_NOUNS for t in sent):
        return  # "Should you talk to your supervisor to learn more?", "... follow the instructions if you need
        # help?" (sixth hand check on 18F): advice with no fact in it
    rest = [t for t in sent if not (t.is_punct and t.i == sent.end - 1)]
    body = text_of(rest)
    yield finish(f"Should you {body[:1].lower() + body[1:]}"), "imperative"


_VACUOUS_ADVICE = re.compile(r"\blearn more\b|\bneed (?:any )?help\b|\bhave (?:any )?questions\b|\bfind out more\b",
                             re.IGNORECASE)
_UI_STEPS = {"click", "select", "press", "type", "choose", "scroll", "navigate", "tap", "save", "log", "hit", "drag",
             "toggle", "check", "uncheck", "open", "close", "copy", "paste", "enter"}
def _purpose_after_questions(sent):
    """"Use the issue templates to submit a request." / "You can use Trello to track ideas." -> "How do you
    submit a request?" / "How can you track ideas?": the purpose is what a person asks, the sentence answers."""
    root = sent.root
    if root.pos_ != "VERB" or root.lemma_ not in {"use", "visit", "email", "contact", "go", "fill", "follow", "call",
                                                     "click", "open", "check", "complete", "read", "see", "ask", "post"}:
        return
    imperative = is_imperative(root)
    subject = subject_of(root)
    modal = next((c.lower_ for c in root.children if c.dep_ == "aux" and c.lower_ in {"can", "should", "must"}), None)
    if not imperative and not (subject is not None and subject.lower_ == "you" and modal):
        return
    for clause in root.children:
        to = [c for c in clause.children if c.dep_ == "aux" and c.lower_ == "to"]
        if clause.dep_ not in {"advcl", "xcomp"} or clause.i < root.i or not to or clause.pos_ != "VERB":
            continue
        if clause.right_edge.i < sent.end - 2:
            continue  # the purpose must close the sentence, or the question drops what follows it
        purpose = text_of([t for t in clause.subtree if t.i != to[0].i])
        if "," in purpose or root.lemma_ == "go":
            continue  # "Go across the main lobby to wing 1, down the elevator and turn right": a way, not a purpose
        if purpose.split()[0].lower() in {"how", "what", "where", "when", "why", "who", "which", "be"} | NAVIGATION_VERBS:
            continue  # "See how to add caption tracks ..." is a pointer, not a purpose; "Ask to be added to the
            # invite in #nyc" -> "how do you be added ...?" (eighth hand check on 18F)
        yield finish(f"How {modal or 'do'} you {purpose}"), "purpose"


_RULES = (condition_questions, outcome_questions, _purpose_questions, _purpose_after_questions, _number_questions, _time_questions,
          place_questions, definition_questions, object_questions, passive_agent_questions, responsibility_questions,
          yes_no_questions,
          _imperative_questions)


def _without_purpose(question: str, rule: str) -> str | None:
    """The purpose is the answer's, not the question's: "Do unused tickets have to be cancelled within 2 working
    days so that credits can be used?" -> "... within 2 working days?" (19th hand check: "Can you update your
    records so that people who look at your name ... are reminded ...?"). An object question would be left asking
    only "What can you update?": None."""
    if " so that " not in question:
        return question
    cut = question[:question.index(" so that ")].rstrip(" ,") + "?"
    return None if rule == "object" or len(cut.split()) < 5 else cut  # not "Is space intentionally made?"


def points_back(sent) -> bool:
    """Does the sentence point at something said before it: a demonstrative determiner ("meet that threshold"), a
    place adverb "there" ("isn't appearing there"), a reflexive on a thing ("on the lockers themselves"), one of a
    list ("click the first link"), or more details found elsewhere? In the ninth hand check on 18F, self-contained
    was the weakest label (47 of 60) and 4 of its 13 failures were these; any question made from such a sentence
    keeps the pointer."""
    for t in sent:
        if t.dep_ == "det" and t.lower_ in {"that", "those", "these", "this", "such"}:
            return True
        if t.lower_ == "there" and t.dep_ != "expl" or t.lower_ in {"themselves", "itself"}:
            return True
    return bool(_MORE_ELSEWHERE.search(sent.text))


_MORE_ELSEWHERE = re.compile(r"\b(?:more|further|additional) (?:details|information|info)\b|\bthe (?:same|latter|former|"
                             r"previous|aforementioned)\b|\bthe (?:first|second|third|last|next|other) (?:link|step|"
                             r"option|one|item|button|email|tab|field|box|screen)s?\b", re.IGNORECASE)


def sentence_questions(sent) -> list[SentenceQuestion]:
    """Every question the rules can phrase for one spaCy sentence, best rule first; may be empty."""
    if not usable_sentence(sent) or points_back(sent):
        return []
    out, seen = [], set()
    # two coordinated clauses: removing a part of one leaves the other dangling in the question, so only the rules
    # that ask about a subordinate clause (the condition, the purpose) apply
    two_clauses = any(c.dep_ in {"conj", "parataxis"} and c.pos_ in {"VERB", "AUX"} or c.dep_ == "cc"
                      for c in sent.root.children)
    for rule in _RULES:
        if two_clauses and rule not in (condition_questions, outcome_questions, _purpose_questions):
            continue
        try:
            found = list(rule(sent))
        except (IndexError, AttributeError):  # an odd parse: skip the rule, never the whole document
            continue
        for question, name in found:
            question = _without_purpose(question, name)
            if question is None:
                continue
            if question in seen or not self_contained(question) or not (4 <= len(question.split()) <= 30
                                                                          or asks_what_a_name_is(question)):
                continue
            if _TRAILING_FUNCTION_WORD.search(question) or _RESIDUE.search(question) or \
                    question.count("(") != question.count(")"):
                continue  # "How do we ensure ... reliable, and?": a clause was cut short; ", including any ..."
            seen.add(question)
            out.append(SentenceQuestion(question, name, sent.start_char, sent.end_char))
    # coordinated verbs that share the subject ("Supervisors do not see or review medical documents.") are one
    # claim to a yes/no question, which removes nothing
    one_subject = not any(c.dep_ == "parataxis" or c.dep_ == "conj" and any(
        g.dep_ in {"nsubj", "nsubjpass", "expl"} for g in c.children) for c in sent.root.children)
    if not out and (not two_clauses or one_subject):
        # the fallback (yes_no_questions.py): only for a sentence no other rule could phrase
        for question, name in statement_questions(sent):
            question = _without_purpose(question, name)
            if question is not None and self_contained(question) and 4 <= len(question.split()) <= 30 \
                    and not _TRAILING_FUNCTION_WORD.search(question):
                out.append(SentenceQuestion(question, name, sent.start_char, sent.end_char))
    # "Who is responsible for X?" asks the fact that "Is Y responsible for X?" would copy
    responsible = any(q.rule == "responsible" for q in out)
    return sorted((q for q in out if not (q.rule in {"yes-no", "statement"} and (
        copies_its_sentence(q.question) or responsible))), key=lambda q: -q.prior)


_COPIED = re.compile(r"\((?![A-Z][A-Za-z&]{1,9}\))|\"|“|\b(?:and others|etc|e\.g|i\.e|some)\b|(?:[^,]+,){2,}[^,]*\b(?:and|or)\b"
                     # an instruction inside the statement ("... paid seats available so please ensure ...?") and a
                     # vague quantity ("Can an opportunity arrive in a variety of ways?", "Are there a few different
                     # ways to ...?"): 19th hand check
                     r"|\bplease\b|\b(?:a variety of|a number of|a few different|various) ways\b",
                     re.IGNORECASE)


def copies_its_sentence(question: str) -> bool:
    """A yes/no question that carries what only the answer should: a bracketed aside, a quoted label, a list of
    three or more, "and others" or "some" ("Can supervisors access webinars, leadership presentations, EAP
    orientations, and training opportunities?", "Is there a gym in the basement area (Federal Fitness Center)?",
    "Are there some specific cases where ...?"): 6 of the 20 failures in the eleventh hand check on 18F were the
    source sentence copied into a yes/no question, which no person asks. An acronym in brackets is a name's part:
    "Do Communities of Practice (CoP) provide ...?" stays."""
    return bool(_COPIED.search(question))
