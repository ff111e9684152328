"""Questions about a condition: what to do in a situation, and what happens in one.

    condition "If you lose your laptop, report it to IT."                -> "What should you do if you lose your
                                                                             laptop?"
              "Before you take leave, set an out-of-office message."    -> "What should you do before you take
                                                                             leave?"
    outcome   "If your equipment is returned to you, it should not be   -> "What happens if your equipment is
               used."                                                       returned to you?"

The condition rule (what to do) asks only when the main clause tells you or us to act; a main clause that says
what follows from the situation ("the evaluation will be routed to your second-level supervisor", "their detail
must end at 120 days") is the outcome rule's. Why the outcome rule: on the 18F handbook, 74 usable sentences
opening with "If ..." in 64 chunks without any pair were refused by every rule, most because their subject was
neither "you" nor "we". The answer is the whole sentence, so the outcome is exact; only the condition's wording
is copied into the question, which is what a person asks ("What happens if I don't respond?").

Split from sentence_questions.py (past 400 lines) when the outcome rule was added.
"""

from __future__ import annotations

import re

from ingest.dataset.clauses import (
    INDEFINITE,
    NAVIGATION_VERBS,
    POINTER_NOUNS,
    finish,
    main_clause_subject,
    modal_of,
    subject_of,
    text_of,
)
from qacore.support import content_words

# a condition made of these words says nothing specific ("If you have any questions, ...")
GENERIC_CONDITION = {"you", "have", "any", "questions", "question", "need", "help", "want", "like", "would", "more",
                     "information", "unsure", "sure", "not", "interested", "concerns", "having", "difficulty",
                     "trouble", "problems", "issues",
                     # "if you're busy" is no situation a person asks about (16th hand check on 18F)
                     "you're", "we're", "they're", "it's", "busy", "free", "able", "ready"}
# main verbs that say what happens to you or what you are, not what to do ("you'll be asked", "you will receive")
NOT_AN_ACTION = {"be", "have", "get", "see", "feel", "find", "know", "receive", "hear", "notice", "want", "like",
                 "wish", "love"}
# "once" and "after" are left out: a step after the one before it ("Once exiting the elevator lobby, turn right"),
# 0 of 3 good on 18F
_WHAT_TO_DO_MARKS = {"if", "when", "whenever", "before"}
# what happens next is asked with "once" and "after" too, when both clauses have a subject ("Once an opportunity is
# qualified, the account manager writes up a short proposal"): a process, not a walking direction
_OUTCOME_MARKS = {"if", "when", "whenever", "once", "after"}
_MAX_CONDITION_WORDS = 16
_WISHES = {"wish", "want", "like", "love", "hope", "prefer", "feel"}


def _condition_clause(root, marks: set[str]):
    """(clause, its marker) for an adverbial clause of `root` opened by one of `marks`, else (None, None)."""
    for clause in root.children:
        if clause.dep_ != "advcl":
            continue
        found = [c for c in clause.children if c.dep_ in {"mark", "advmod"} and c.i < clause.i and c.lower_ in marks]
        if found:  # "When scheduling a meeting, ..." has "when" as an advmod
            return clause, found[0]
    return None, None


def _specific(condition: str) -> bool:
    """Names at least two things, and is no hedge: "when possible to keep user burden low" took the purpose after
    "when possible" for the condition (17th hand check on 18F; "when possible", "if needed" 0 of 4 good)."""
    return len(set(content_words(condition)) - GENERIC_CONDITION) >= 2 and condition.split()[0].lower() not in _HEDGES


_HEDGES = {"possible", "necessary", "needed", "appropriate", "applicable", "feasible", "required", "practical",
           "relevant", "warranted", "desired", "so"}


def _you_act(root) -> bool:
    """Does the main clause tell you (or us) to do something?"""
    return (main_clause_subject(root) in {"you", "we"} and root.lemma_ not in NOT_AN_ACTION
            and not any(c.dep_ == "auxpass" for c in root.children))


def _has_subject(verb) -> bool:
    return subject_of(verb) is not None or any(c.dep_ == "csubj" for c in verb.children)


def _vague_condition(clause) -> bool:
    """"If anything changes, you can update your profile" asks "what can you do if anything changes?" (15th hand
    check on 18F: what changes, your Slack profile, is not said)."""
    subject = subject_of(clause)
    return subject is not None and subject.lower_ in INDEFINITE


def condition_questions(sent):
    root = sent.root
    if root.pos_ != "VERB":
        return
    clause, mark = _condition_clause(root, _WHAT_TO_DO_MARKS)
    if clause is None or not _you_act(root):
        return  # "you'll be asked ...", "you will receive ...": what happens, not what to do (the outcome rule's)
    who = main_clause_subject(root)
    if root.lemma_ == "need" and any(c.dep_ == "xcomp" for c in root.children):
        who = f"{who} need to"
    if clause.tag_ == "VBD" or root.tag_ == "VBD":
        return  # "When you became a supervisor, you took on ...": a story, not a rule
    if root.lemma_ in NAVIGATION_VERBS | {"follow"} and any(t.lemma_.lower() in POINTER_NOUNS for t in root.subtree):
        return  # "If you spot an incident, follow the Security incidents page": the answer is elsewhere
    if any(c.dep_ == "neg" for c in root.children):
        return  # "You do not need to repeat the approval if ...": what you need not do (eighth hand check)
    if root.lemma_ == "do" and any(c.lower_ in {"so", "this", "that", "it"} for c in root.children):
        return  # "If asked to thread, please do so.": the answer only repeats the condition (16th hand check)
    condition = text_of([t for t in clause.subtree if t.i != mark.i])
    if not _specific(condition) or _vague_condition(clause):
        return
    modal = {"may": "can", "might": "can"}.get(modal_of(root), modal_of(root))  # not "What may you do if ...?"
    asks = f"What do {who}" if who.endswith("need to") else f"What {modal} {who}"
    yield finish(f"{asks} do {mark.lower_} {condition}"), "condition"


def outcome_questions(sent):
    """"If an employee has received a Summary Rating of Level 1 or 5, the evaluation will be routed to the
    employee's 2nd level supervisor." -> "What happens if an employee has received a Summary Rating of Level 1 or
    5?". Only where the condition rule does not ask (the main clause is not an action of yours), only in the
    present or future (a past "if" is a story), only for a condition that opens the sentence and names something
    specific."""
    root = sent.root
    if root.pos_ not in {"VERB", "AUX"} or root.tag_ == "VBD" or sent.text.rstrip().endswith(("?", "!")):
        return  # "If the partner can pay upfront, great!"
    clause, mark = _condition_clause(root, _OUTCOME_MARKS)
    if clause is None or clause.tag_ == "VBD" or _you_act(root) or not _has_subject(root):
        return  # an imperative main clause ("..., see the introduction") is what to do, or a pointer
    if not clause.left_edge.i == mark.i == sent.start or not _has_subject(clause) or root.lemma_ in _WISHES \
            or clause.lemma_ in _WISHES or any(t.lower_ == "interested" for t in clause.subtree):
        return  # "But if ...", "Even if you opt out, ...", "When providing feedback, ..." (no one does it), "You
        # are not sure if you can trust ..." (an "if" after the verb is often "whether"), "If you use Sublime, you
        # may wish to ...", "If you want cheap storage, ..." (a suggestion, not what happens)
    if any(t.lemma_.lower() in POINTER_NOUNS | {"documentation"} for t in root.subtree if t.i > clause.right_edge.i):
        return  # "If you're planning to add a site intercept, Qualtrics has supporting documentation": elsewhere
    if root.lemma_ == "be" and any(c.dep_ in {"attr", "acomp"} and not _assigns_a_task(c) for c in root.children) \
            and getattr(subject_of(root), "lower_", "") not in {"you", "it", "there"} \
            and not any(c.dep_ == "aux" for c in root.children):
        return  # "Once a project begins, the project team is responsible ...", "If you're building anything, a good
        # place to start is ...": a state or advice, not what happens (18th hand check: copular outcomes 3 of 7
        # good, and the 3 good ones said what "you" are or what "it" is); "your award will be monetary", "we may
        # not be able to delete it" (policyqa-dev) are
    condition = text_of([t for t in clause.subtree if t.i != mark.i])
    if not _specific(condition) or _vague_condition(clause) or len(condition.split()) > _MAX_CONDITION_WORDS \
            or condition.split()[-1].lower() in {"know", "sure", "wonder", "unsure", "decide"} \
            or re.search(r"\bdo (?:so|this|that)\b", condition):
        return  # "If so", "If needed", "If you don't know" (what?), "If we choose to do so"; a condition of two
        # clauses copied whole is not what a person asks
    yield finish(f"What happens {mark.lower_} {condition}"), "outcome"


def _assigns_a_task(complement) -> bool:
    """"the project lead is responsible for building alignment": who does what next is what happens."""
    return any(p.dep_ == "prep" and any(g.tag_ == "VBG" for g in p.children) for p in complement.children)
