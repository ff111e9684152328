"""Yes/no questions from declarative sentences: the sentence answers its own question, either way.

Two rules. `yes_no_questions` asks about what people may, should or must do ("You can carry over up to 240 hours
of annual leave." -> "Can you carry over up to 240 hours of annual leave?") and about named things that are
eligible, required or allowed; it is trusted like a wh-rule. `statement_questions` is the fallback for a sentence
no other rule could phrase: any specific subject with a present-tense verb, a modal, a passive or "is"
("Adobe Reader provides the ability to sign documents." -> "Does Adobe Reader provide the ability to sign
documents?"). Why the fallback: on the 18F handbook 1,288 of the 1,936 chunks without a pair still held a usable
sentence, and the wh-rules phrase 7% of sentences; inversion with do-support is the one question form that is
grammatical for nearly every present-tense statement (Heilman and Smith 2010 generate yes/no questions the same
way). It ranks last (`RULE_PRIOR`), so it only fills chunks the wh-rules leave empty. It also takes "does not"
(the auxiliary is there already), verbs that share the subject ("Supervisors do not see or review medical
documents."), a condition or scope before the subject, moved to the end ("If you are relocating for 120 days or
less, you do not need to notify PeopleOps." -> "Do you need to notify PeopleOps ... if you are relocating for 120
days or less?"), and "we" when it says what the organisation uses or has: together about +90 pairs and +37
chunks on 18F (+13/+3 "does not", +22/+6 the opener, +10/+8 "we", +44/+20 the shared subject).
"""

from __future__ import annotations

from ingest.dataset.clauses import (
    DEMONSTRATIVE,
    INDEFINITE,
    PEOPLE,
    POINTER_NOUNS,
    finish,
    list_comma,
    lower_first,
    subject_of,
    subtree,
    text_of,
    vague_object,
)

_POLICY_ADJECTIVES = {"eligible", "required", "responsible", "available", "allowed", "permitted", "mandatory",
                      "optional", "entitled", "welcome", "prohibited", "limited", "subject", "exempt", "free",
                      "accessible", "preferred", "able", "expected", "encouraged", "due", "valid", "open", "closed",
                      "reimbursable", "necessary", "covered", "paid", "unpaid", "authorized", "liable"}
# verbs of intent and opinion: "Do we aim to make our organization agile?" asks about a mood, not a fact
_NOT_A_FACT = {"aim", "strive", "hope", "believe", "try", "want", "love", "like", "seem", "tend", "feel", "think",
               "know", "appreciate", "recognize", "understand", "encourage", "recommend", "suggest", "wish", "look",
               "continue"}
# a sentence that sends you to a document, as a yes/no question, asks nothing: "Can Detailed ENT password reset
# instructions be found at ServiceNow KB0022142?", "Does TTS Onboarding Buddies Overview explain what the role
# is?", "Can you review our current SOPs?" (15th hand check on 18F: 5 of its 20 failures were such pointers)
_POINTING = {"view", "see", "find", "visit", "read", "check", "review", "consult", "refer", "look", "locate"}
_DOCUMENT_VERBS = {"explain", "describe", "outline", "summarize", "detail", "walk"}


def points_to_a_document(root, subject) -> bool:
    """Does the clause only say where to read about something?"""
    passive = any(c.dep_ == "auxpass" for c in root.children)
    return (root.lemma_ in _POINTING and (subject.lower_ == "you" or passive) or root.lemma_ in _DOCUMENT_VERBS
            or any(c.dep_ == "dobj" and c.lemma_.lower() in POINTER_NOUNS for c in root.children))


# "Is TTS committed to building a safe and harassment-free environment?" asks a mission statement back (16th hand
# check on 18F): a commitment is no fact a person asks a helpdesk about
_COMMITMENTS = {"committed", "dedicated", "devoted", "excited", "thrilled", "delighted", "pleased", "proud"}
# "Is tagging resources in AWS essential for identifying ...?", "Is a standing desk critical for your health?" ask
# an opinion back, and "Are GitHub repositories monitored by a tool called Allstar?" carries its answer (17th hand
# check on 18F: evaluative predicates 4 of 10 good over all rounds; "called" 0 of 2)
_OPINION = {"essential", "critical", "crucial", "important", "key", "vital", "great", "helpful", "useful", "best",
            "ideal", "better", "worth", "valuable", "beneficial", "good", "easy", "easier", "hard", "difficult"}


def _opinion_or_name(sent, root) -> bool:
    return any(t.lower_ in {"called", "named"} and t.tag_ == "VBN" and t.i > root.i for t in sent) or any(
        c.dep_ == "acomp" and c.lower_ in _OPINION or c.dep_ == "attr" and any(
            a.dep_ == "amod" and a.lower_ in _OPINION for a in c.children) for c in root.children)


_CLAUSE_OPENERS = {"if", "when", "unless", "before", "after", "once", "until", "as", "because", "so", "whether",
                   "that"}
_REASSURING = {"assist", "help", "support", "guide", "answer", "walk"}


def _two_facts_or_pointer(sent, root, rest) -> bool:
    """A yes/no question is only natural about one fact it does not already state in full. Refused: a second
    clause with its own subject ("Do FSAs run on a calendar year and enrollment ... is closed on October 1?", "Is
    Google Meet used for internal meetings, while Zoom is used for ...?"), an embedded question ("Will the team
    member determine whether or not to recommend ...?"), a promise of help ("Will the Benefits Specialist assist
    you ...?") and a demonstrative that points at an earlier sentence ("Can you add that to your Slack highlight
    words?"): 5 of the 13 bad yes/no pairs of the 18th hand check on 18F."""
    for clause in root.children:
        finite = clause.tag_ in {"VBZ", "VBP", "VBD"} or any(
            c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBZ", "VBP", "VBD", "MD"} for c in clause.children)
        if clause.dep_ not in {"conj", "advcl", "ccomp"} or not finite or any(
                m.dep_ == "mark" and m.lower_ in _CLAUSE_OPENERS or m.dep_ == "advmod" and m.tag_ == "WRB"
                for m in clause.children) or clause.left_edge.tag_ in {"WRB", "WP", "WDT"}:
            continue  # "allows employees to donate ...", "the layers of approval required", "when an employee
            # comes on board": an infinitive, a participle or a time clause, not a second fact
        if any(c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ in {"NOUN", "PROPN"} for c in clause.children) or not any(
                c.dep_ in {"nsubj", "nsubjpass", "mark", "advmod"} for c in clause.children) and any(
                c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBZ", "VBP", "VBD", "MD"} for c in clause.children):
            return True  # its own subject, or a finite verb whose subject the parser lost ("... and enrollment
            # into the program is closed on October 1")
    if any(t.lower_ == "whether" and any(n.lower_ == "to" for n in t.doc[t.i + 1:t.i + 4]) for t in rest):
        return True  # "determine whether or not to recommend" is the decision; "indicate whether the detail is
        # reimbursable" was a good question (18F, round 6)
    if root.lemma_ in _REASSURING and any(c.dep_ == "aux" and c.lower_ == "will" for c in root.children):
        return True
    content = [t for t in rest if not t.is_punct]
    if content and content[-1].tag_ == "VB" and content[-1].dep_ in {"xcomp", "ROOT"} and not any(c.dep_ not in {"aux", "auxpass", "neg", "advmod"}
                                                         for c in content[-1].children):
        return True  # "Are all TTSC employees encouraged to participate?": in what? (20th hand check)
    return any(t.lower_ in {"that", "this", "these", "those"} and t.pos_ == "PRON" and t.tag_ == "DT"
               and t.dep_ in {"dobj", "pobj", "mark"} for t in rest)  # "add that to": tagged DT, parsed as a mark


_SEQUENCE = {"next", "previous", "following", "first", "last", "final", "same", "latter", "former"}
_VAGUE_START = {"their", "its", "his", "her", "some", "many", "most", "one", "other", "another", "each", "any",
                "several", "few", "both", "either", "neither", "all", "every", "much", "more"}


def yes_no_questions(sent):
    """"You can carry over up to 240 hours of annual leave." -> "Can you carry over up to 240 hours of annual
    leave?"; "You must complete the training." -> "Do you have to complete the training?"; "Employees are eligible
    for FEHB." -> "Are employees eligible for FEHB?". A negated sentence asks the positive question; the sentence
    answers it either way."""
    root = sent.root
    subject = subject_of(root)
    if subject is None or subject.dep_ == "expl" or subject.i > root.i or sent[0].i != subject.left_edge.i:
        return
    subject_tokens = subtree(subject)
    if subject_tokens[0].tag_ in {"WP", "WDT"}:
        return  # "What teams can look like at 18F or CoE" (a checklist item) is no claim (thirteenth hand check)
    people = subject.lower_ in {"you", "we"} or subject.lemma_.lower() in PEOPLE | {"employee", "staff"}
    named = any(t.pos_ == "PROPN" or t.text.isupper() and len(t.text) > 1 for t in subject_tokens)
    if subject.pos_ == "PRON" and not people or len(subject_tokens) > 6 or points_to_a_document(root, subject) \
            or _opinion_or_name(sent, root):
        return
    negations = {c.i for c in root.children if c.dep_ == "neg"}
    auxes = [c for c in root.children if c.dep_ in {"aux", "auxpass"} and c.i < root.i]
    if root.tag_ == "VBN" and len(auxes) == 2 and auxes[0].lower_ in {"should", "can", "must"} \
            and auxes[1].lower_ == "be":
        asks, verb_prefix = auxes[0].lower_, ""  # "Should secrets be kept in source code repositories?"
        skip = {t.i for t in subject_tokens} | {auxes[0].i} | negations
    elif root.lemma_ == "need" and subject.lower_ in {"you", "we"} and not auxes and \
            any(c.dep_ == "xcomp" for c in root.children):
        asks, verb_prefix = "do", ""  # "You need to enter your overtime in HRLinks." -> "Do you need to ...?"
        skip = {t.i for t in subject_tokens} | negations | {c.i for c in root.children if c.dep_ == "aux"}
        if root.tag_ != "VBP" or negations:
            return
    elif root.pos_ == "VERB" and auxes and auxes[0].lower_ in {"can", "should", "ca", "must"} and people:
        singular = subject.tag_ in {"NN", "NNP"} and not any(c.dep_ == "conj" for c in subject.children)
        asks = {"ca": "can", "must": "does" if singular else "do"}.get(auxes[0].lower_, auxes[0].lower_)
        verb_prefix = "have to " if auxes[0].lower_ == "must" else ""
        skip = {t.i for t in subject_tokens} | {auxes[0].i} | negations
    elif root.lemma_ == "be" and root.pos_ == "AUX" and (people or named) and \
            any(c.dep_ == "acomp" and c.lower_ in _POLICY_ADJECTIVES for c in root.children) and not auxes:
        asks, verb_prefix = root.lower_, ""  # "are employees eligible ...", "is parking available ..."
        skip = {t.i for t in subject_tokens} | {root.i} | negations
    elif root.tag_ == "VBN" and (people or named) and len(auxes) == 1 and auxes[0].lemma_ == "be" \
            and auxes[0].dep_ == "auxpass" and root.lower_ not in _COMMITMENTS:
        asks, verb_prefix = auxes[0].lower_, ""  # "Is remote work allowed for all staff?"
        skip = {t.i for t in subject_tokens} | {auxes[0].i} | negations
    else:
        return
    if asks in {"'s", "'re", "’s"}:
        return
    rest = [t for t in sent if t.i not in skip and not (t.is_punct and t.i == sent.end - 1) and t.lower_ != "also"]
    if _two_facts_or_pointer(sent, root, rest):
        return
    who = "you" if subject.lower_ == "you" else "we" if subject.lower_ == "we" else \
        lower_first(text_of(subject_tokens), subject_tokens[0])
    yield finish(f"{asks} {who} {verb_prefix}{text_of(rest)}"), "yes-no"




def statement_questions(sent):
    """The fallback: "Slack is not always the right tool." -> "Is Slack always the right tool?"; "Groups within
    TTSC can arrange for training." -> "Can groups within TTSC arrange for training?"; "A GSA badge is required for
    after-hours access." -> "Is a GSA badge required for after-hours access?". Present tense only (past tense is
    history, not policy); the subject opens the sentence and is specific (not "it", "some", "their ...")."""
    root = sent.root
    subject = subject_of(root)
    if subject is not None and subject.dep_ == "expl" and subject.i == sent.start and root.lower_ in {"is", "are"} \
            and subject.lower_ == "there":
        # "There is no standard message format for ..." -> "Is there a standard message format for ...?"
        rest = [t for t in sent if t.i not in {subject.i, root.i} and t.dep_ != "neg"
                and not (t.is_punct and t.i == sent.end - 1)]
        if rest and rest[0].lower_ == "no":
            rest = rest[1:]
            article = "any" if rest and rest[0].tag_ in {"NNS", "NNPS"} else "an" if rest and rest[0].lower_[:1] in \
                "aeiou" else "a"
            body = f"{article} {text_of(rest)}"
        else:
            body = text_of(rest)
        if len(rest) >= 3 and not any(t.text == "," for t in rest):
            yield finish(f"{root.lower_} there {body}"), "statement"
        return
    if subject is None or subject.dep_ not in {"nsubj", "nsubjpass"} or subject.i > root.i:
        return
    opener = _opener(sent, subject)
    if opener is None:
        return
    tokens = subtree(subject)
    if subject.pos_ == "PRON" and subject.lower_ not in {"you", "we"} or len(tokens) > 8:
        return
    if points_to_a_document(root, subject) or root.lower_ in _COMMITMENTS or _opinion_or_name(sent, root):
        return
    if any(t.tag_ == "TO" for t in tokens) or tokens[0].tag_ in {"WP", "WDT", "WRB"}:
        return  # "A good place to start is 18F's security standards": the subject and its complement swapped; "What
        # teams look like at 18F or CoE" (a checklist item) as "Can what teams look like ...?" (13th hand check)
    if tokens[0].lower_ in _VAGUE_START or any(t.lower_ in DEMONSTRATIVE or t.text in {"-", "–", "—"} for t in tokens):
        return  # "FAS - The Federal Acquisition Service is ...": a glossary line, not a statement
    if any(t.lower_ in _SEQUENCE and tokens[0].lower_ == "the" for t in tokens) or vague_object(root):
        return  # "Is the next step in the process ...?", "Will X require additional time?": next after what,
        # time for what (fourth hand check on 18F)
    negations = {c.i for c in root.children if c.dep_ == "neg"}
    auxes = [c for c in root.children if c.dep_ in {"aux", "auxpass"} and c.i < root.i]
    plural = subject.tag_ in {"NNS", "NNPS"} or subject.lower_ in {"you", "we"} or any(
        c.dep_ == "conj" for c in subject.children)
    have_to, lemma_root = "", False
    if auxes:
        first = auxes[0].lower_
        if first == "will" and (subject.lower_ == "you" or sent.doc.user_data.get("list_item")):
            return  # "You will now be taken back to your itinerary.": a step of a procedure, narrated
        if first == "may" and root.lemma_ in _MAY_POSSIBLY:
            return  # "the contract may need to be modified", "you may often find yourself": a possibility, and
            # "can" would make it a permission ("Can the contract need to be modified?")
        if subject.lower_ == "you" and root.lemma_ in {"view", "see", "find", "visit", "read", "check"}:
            return  # "Can you view the 18F FY23 Training plan?": a pointer, not a fact (eleventh hand check)
        if first in {"can", "ca", "should", "will", "may"}:
            asks = {"ca": "can", "may": "can"}.get(first, first)
        elif first == "must":
            asks, have_to = ("do" if plural else "does"), "have to "
        elif first in {"is", "are"} and auxes[0].dep_ == "auxpass" and len(auxes) == 1:
            asks = first  # "Is a GSA badge required for after hours access?"
        elif first in {"do", "does"} and len(auxes) == 1 and root.tag_ == "VB":
            asks = first  # "Weather and Safety Leave does not count against your leave balances." -> "Does Weather
            # and Safety Leave count against ...?": do-support is already there (~90 sentences on 18F had no rule)
        else:
            return  # "has been", "are conducting", "was": past, perfect and progressive are not policy
        skip = {auxes[0].i}
    elif root.lemma_ == "be" and root.lower_ in {"is", "are"} and subject.lower_ != "we" and not any(
            c.dep_ == "acomp" and c.lemma_.lower() in _STATES_OF_MIND for c in root.children) and any(
            c.dep_ in {"attr", "acomp", "prep"} for c in root.children):
        asks, skip = root.lower_, {root.i}  # "Is the sandbox for testing and demonstration purposes only?"
    elif root.pos_ == "VERB" and root.tag_ in {"VBZ", "VBP"} and root.lemma_ not in _NOT_A_FACT \
            and subject.lower_ != "you" and (subject.lower_ != "we" or root.lemma_ in _WE_DO):
        # "Do you take the time to ...?" asks the asker about themselves (third hand check on 18F), but "Do we use
        # CircleCI to build and test our code?" asks about the organisation ("we" is fine by docs/labelling.md)
        # when it says what the organisation has or does, not its mission ("Do we value a diversity of voices?");
        # a singular subject with a plural verb form ("The team lead serves" tagged VBP) is a misparse
        if root.tag_ == "VBP" and not plural or root.tag_ == "VBZ" and plural:
            return
        asks, skip, lemma_root = ("do" if root.tag_ == "VBP" else "does"), set(), True
    else:
        return
    if root.lemma_ in _NOT_A_FACT or root.tag_ in {"VBD", "VBG"}:
        return
    conjs = {c.i: c for c in root.children if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}}
    if conjs and (root.lemma_ == "be" and not auxes or any(c.lower_ == "but" for c in root.children) or any(
            c.pos_ == "AUX" or any(g.dep_ in {"aux", "auxpass", "neg"} for g in c.children) for c in conjs.values())):
        return  # "Is Outreach part of TTS C&M and is funded by ...?", "Are taxis available but aren't ...?": a verb
        # that shares the subject must share the inverted auxiliary too
    skip |= {t.i for t in tokens} | negations | {t.i for t in opener}
    rest = [t for t in sent if t.i not in skip and not (t.is_punct and t.i == sent.end - 1) and t.lower_ != "also"]
    if len(rest) < 3 or any(t.text == "," and not list_comma(t) or t.text in {"—", "–", "--"} for t in rest) \
            or _two_facts_or_pointer(sent, root, rest):
        return  # "Is your ticket for a specified time, which can be problematic ...?": one plain clause only
    body = "".join((t.lemma_ if lemma_root and (t.i == root.i or t.i in conjs and t.tag_ in {"VBZ", "VBP"})
                    else t.text) + t.whitespace_
                   for t in rest)
    if opener and any(t.lower_ in {"it", "one", "them", "they", "their", "its"} for t in rest):
        return  # "Can you reserve one by emailing Tenant Support if you want a locker?": moved behind the condition,
        # the pronoun comes before what it stands for
    if opener:
        body = f"{body.rstrip()} {lower_first(text_of(opener[:-1]), opener[0])}"
    who = subject.lower_ if subject.lower_ in {"you", "we"} else lower_first(text_of(tokens), tokens[0])
    yield finish(f"{asks} {who} {have_to}{' '.join(body.split())}"), "statement"


# "Are you sure if you can trust someone else ...?" asks the asker about their own mind (twelfth hand check)
_STATES_OF_MIND = {"sure", "unsure", "afraid", "worried", "comfortable", "uncomfortable", "nervous", "happy",
                   "excited", "confident", "aware", "unaware", "certain", "uncertain", "curious", "interested"}
_WE_DO = {"use", "have", "provide", "offer", "require", "pay", "reimburse", "give", "host", "run", "hold", "meet",
          "track", "store", "keep", "buy", "allow", "accept", "follow", "maintain", "manage", "send", "publish",
          "support", "issue", "cover", "fund", "own", "operate", "share", "record", "review", "approve", "grant"}
_MAY_POSSIBLY = {"need", "have", "find", "want", "require", "take", "vary", "differ", "change", "be", "receive",
                 "get", "see", "notice", "experience", "encounter", "hear", "feel"}
_OPENER_PREPOSITIONS = {"for", "during", "in", "at", "on", "within", "after", "before", "under", "without", "outside"}
_DISCOURSE = {"addition", "example", "instance", "general", "short", "fact", "particular", "contrast", "other",
              "case", "turn", "summary", "practice", "theory", "end", "meantime", "words", "sum", "past", "future",
              "time", "while", "cases", "nutshell", "not", "so", "possible", "necessary", "needed", "applicable"}


def _opener(sent, subject) -> list | None:
    """The words before the subject, with their comma, when they can go to the end of the question: a condition
    ("If a name is submitted with the form, leadership will reach out ..." -> "Will leadership reach out ... if a
    name is submitted with the form?") or a place or scope ("For all TTS acquisitions, the Tech Portfolio must
    approve ..."). [] when the subject opens the sentence; None when something else does: a discourse phrase ("In
    addition, ...", "In most cases, ...": moved to the end it changes the claim), "once" (a step after another),
    or more than one phrase. On 18F, 459 usable sentences in chunks without a pair had words before the subject."""
    first = subject.left_edge.i
    if first == sent.start:
        return []
    opener = list(sent[: first - sent.start])
    head = opener[0]
    if len(opener) < 3 or opener[-1].text != "," or (head.head if head.dep_ == "mark" else head).head.i != sent.root.i:
        return None
    if {t.i for t in head.subtree} | {opener[-1].i} != {t.i for t in opener} and not (
            head.dep_ == "mark" and {t.i for t in head.head.subtree} | {opener[-1].i} == {t.i for t in opener}):
        return None
    if head.dep_ == "mark" and head.lower_ in {"if", "when", "unless"} and head.head.dep_ == "advcl":
        clause = head.head
    elif head.dep_ == "prep" and head.lower_ in _OPENER_PREPOSITIONS:
        clause = None
    else:
        return None
    words = {t.lower_ for t in opener}
    if words & (_DISCOURSE | DEMONSTRATIVE | INDEFINITE) or clause is not None and clause.tag_ == "VBD" or any(t.is_punct and t.text != ","
                                                                               for t in opener):
        return None
    if sum(t.text == "," for t in opener) > 1:
        return None
    return opener
