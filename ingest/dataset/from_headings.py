"""Questions from section headings. A procedure heading, "### Requesting advanced sick leave in HR Links" (or "How to
Book a hotel in Concur") followed by its steps -> "How do I request advanced sick leave in HR Links?"; a subject
heading, "### Parental bereavement leave" -> "What should I know about parental bereavement leave?"; each answered
by its section.

Why: handbooks put their procedures under a verb heading and give the steps as a list, and list steps are exactly
what the sentence rules must not ask about one by one ("Should you click Continue?" is step 3 of something). On
the 18F handbook 157 of the chunks without a pair started with such a heading ("Requesting leave", "Submitting an
evaluation", "Cancel an absence request"), and 757 of its 1,544 chunks without a pair started with a heading of
any kind, most of them a subject ("Evacuation procedures", "18F billable hour expectations", "Batteries"): the
subject question is what a person asks a helpdesk about such a section, and it added 195 pairs and ~125 chunks
covered by nothing else. The answer is the section's text up to the next heading: a task's may be its first
paragraph with the list it introduces when the section is longer than extractors.SECTION_WORDS
(`extractors.section_answer`, shared with the FAQ extractor); a subject's must be the whole section. No answer
stops where its chunk ends while the section goes on in the next chunk (`sections_running_on`: in the seventh hand
check 3 of 7 wrong FAQ and task answers were cut so), is a list of links, or points above or below. A question
must retrieve its own chunk in the top k, like the sentence rules' (from_sentences.py).
"""

from __future__ import annotations

import itertools
import re

from ingest.dataset.clauses import ACTION_VERBS, PEOPLE, load_parser
from ingest.dataset.extractors import SECTION_WORDS, ExtractedPair, only_points_elsewhere, section_answer
from ingest.dataset.topic import KRAMDOWN_ANCHOR, NOT_TOPICAL, with_topic
from qacore.retrieval import Retriever
from qacore.store import Chunk

# a page title (#) names a page; a kramdown anchor may follow the heading ("## Set up {#set-up-phase}")
_HEADING = re.compile(r"^[ \t]*(?P<level>#{2,6})[ \t]+(?P<h>[^\n#]{2,120}?(?:[ \t]*\{[#:.][^}\n]*\})?)[ \t]*#*[ \t]*\n(?:[ \t]*\n)*",
                      re.MULTILINE)
_NEXT_HEADING = re.compile(r"\n(?P<level>#{1,6})\s")
MIN_LEAD_WORDS = 12  # a first paragraph shorter than this, cut from a long section, is a lead-in, not the answer
MIN_SECTION_WORDS = 12  # a section answer with fewer words outside its links is a pointer or a list of links
# verb headings that name no task a person would ask how to do
_NOT_A_TASK = {"go", "be", "have", "do", "see", "know", "learn", "make", "keep", "stay", "start", "wrap",
               "look", "move", "overcome", "interact", "build", "work", "understand", "play",
               # advice, not a procedure: "Consider the forum", "Help partners make the most of ...", "Use your
               # travel card when possible" became "how do I consider the forum?" (fourth hand check on 18F)
               "consider", "help", "use", "think", "remember", "try", "avoid", "respect", "assume", "embrace",
               "celebrate", "expect", "trust", "focus", "prioritize", "encourage", "value", "lead", "practice",
               # nouns a heading tagger reads as verbs: "Checklist for going out of office" (seventh check)
               "checklist", "overview", "summary", "timeline", "schedule", "process"}
# a heading with these is advice or a pair of tasks: "Use your travel card when possible", "Updating your address &
# notifying benefits companies", "Join the research guild!"
_NOT_ONE_TASK = {"&", "when", "if", "whenever", "possible", "these", "this", "those", "that",
                 # a pronoun points at the page: "Introduce them to TTSC people, culture, and practices" (fifth check)
                 "them", "they", "it", "their", "its", "he", "she", "him", "her"}
# an answer that only leads into what follows, promises content later, points elsewhere or greets answers nothing
# (a list of steps may start with "Go to ...": "- Go to transitapp.ost.dot.gov" is step one, not a pointer)
_NO_ANSWER = re.compile(r"\b(?:below|above|the following|as follows|will be updated|to be determined|tbd|coming soon)\b|"
                        r"^(?:\[|\*\*?|_)?(?:see|visit|refer to|check out|read|review|go to|welcome)\b", re.IGNORECASE)


def how_to_question(heading: str) -> str | None:
    """"How to Book a hotel in Concur" -> "How do I book a hotel in Concur?" (a heading tagger reads "Book" as a
    noun, but after "How to" it can only be a verb). `heading` without its kramdown anchor."""
    m = re.match(r"how to\s+(?P<task>[A-Za-z][^?!:|\[(]{3,100})$", heading.strip(), re.IGNORECASE)
    if not m or len(m.group("task").split()) > 12:
        return None
    task = re.sub(r"\byour\b", "my", re.sub(r"\byou\b", "I", m.group("task").rstrip(". ")))
    return f"How do I {task[:1].lower()}{task[1:]}?"


# plural nouns a gerund classifies rather than acts on
# ("Taking notes", "Creating channels" are tasks)
_KINDS_OF_THINGS = {"tools", "rooms", "resources", "apps", "applications", "options", "platforms", "systems",
                    "materials", "guidelines", "policies", "opportunities", "programs", "tips", "spaces", "areas",
                    "software", "etiquette", "norms", "practices", "basics"}


def task_question(heading_doc) -> str | None:
    """"Requesting leave in HR Links" -> "How do I request leave in HR Links?"; "Cancel an absence request" ->
    "How do I cancel an absence request?"; None for a heading that is not a task ("Timekeeping", "Getting help")."""
    tokens = [t for t in heading_doc if not t.is_space]
    if len(tokens) < 2 or len(tokens) > 12 or tokens[0].tag_ not in {"VBG", "VB", "NN", "NNP"}:
        return None
    first = tokens[0]
    lemma = first.lemma_.lower()
    if first.tag_ in {"NN", "NNP"} and not first.lower_.endswith("ing"):
        return None  # "Parking", "Onboarding process": a noun, the tagger's NN for a gerund is only taken with -ing
    if first.lower_.endswith("ing") and lemma == first.lower_:
        return None  # the lemmatizer did not know it as a verb
    if lemma in _NOT_A_TASK or any(t.text in {"?", "!", ":", "(", "[", "|"} or t.lower_ in _NOT_ONE_TASK
                                   for t in tokens):
        return None
    if any(t.text == "," and t.i + 1 < len(heading_doc) and heading_doc[t.i + 1].tag_ in {"VB", "VBG", "VBP", "VBD", "VBN"}
           for t in tokens):  # "Write to be understood, read to understand": two pieces of advice
        return None
    if first.tag_ == "VB" and all(t.text[:1].isupper() for t in tokens if t.is_alpha and len(t.text) > 3):
        return None  # "Leave Policy", "Travel Card": a Title Case name, not an imperative
    if len(tokens) == 2 and first.tag_ == "VBG" and tokens[1].lower_ in _KINDS_OF_THINGS:
        return None  # "Messaging tools", "Meeting rooms": kinds of things, not tasks ("How do I message tools?")
    # a second gerund after "and"/"or" takes the verb's form too: "Editing and canceling a leave request"
    rest = "".join((t.lemma_ + t.whitespace_) if t.tag_ == "VBG" and heading_doc[t.i - 1].dep_ == "cc"
                   else t.text_with_ws for t in heading_doc[first.i + 1:]).strip().rstrip(".")
    if not rest or rest.lower() in {"started", "help", "ready", "up", "out", "going", "around"}:
        return None  # "Getting started", "Getting help": a section, not a task
    rest = re.sub(r"\byour\b", "my", re.sub(r"\byou\b", "I", rest))  # "Determining whether you need ..."
    return f"How do I {lemma} {rest}?"


# headings that name a part of the page, not a subject a person asks about ("Case Studies", "See also", "Resources")
_NOT_A_SUBJECT = (NOT_TOPICAL | {
    "case", "cases", "study", "studies", "reflection", "questions", "links", "link", "references", "reference",
    "contacts", "contact", "related", "see", "also", "acknowledgements", "contents", "table", "changelog", "appendix",
    "glossary", "usage", "actions", "action", "templates", "template", "agenda", "conclusion", "outcomes",
    "objectives", "goals", "takeaways", "recap", "updates", "update", "status", "versions", "version", "history",
    "scope", "definitions", "terms", "roles", "responsibilities", "requirements", "considerations", "ideas",
    "activities", "exercises", "prompts", "reading", "readings", "videos", "tools", "tool", "main", "key",
    "things", "stuff", "topics", "quick", "start", "guidelines", "expectations", "principles", "approach", "themes",
    "theme", "improvement", "documentation"})
_NOT_A_SUBJECT_START = {"more", "other", "additional", "further", "related", "some", "a", "an", "this", "these",
                        "that", "those", "what", "why", "how", "who", "when", "where", "which", "see", "also", "and"}
_POSSESSIVE = {"our", "your", "my", "their"}
# first words that make a heading an instruction even where the heading tagger reads a noun ("Gather information",
# "Support GSA and other federal agencies"): advice, which is neither a task to ask how to do nor a subject
_VERB_FIRST = ACTION_VERBS | _NOT_A_TASK | {
    "support", "gather", "prepare", "identify", "define", "establish", "manage", "ensure", "provide", "develop",
    "document", "track", "report", "meet", "connect", "communicate", "reflect", "explore", "discuss", "set",
    "clarify", "align", "adapt", "apply", "commit", "create", "deliver", "demonstrate", "engage", "foster"}


def subject_question(heading_doc, body: str) -> str | None:
    """A heading that names a subject, "Evacuation procedures", "Transit subsidy eligibility", "OPM Fact Sheets",
    as "What should I know about evacuation procedures?"; None for a task, a sentence, a question, a numbered or
    generic part of the page ("Play 5 Case Studies", "See also", "Resources"). Title Case words are lowercased
    unless the section body writes them capitalised ("Equal Employment Opportunity Program" stays)."""
    heading_doc = _as_noun_phrase(heading_doc)
    tokens = [t for t in heading_doc if not t.is_space]
    if not 1 <= len(tokens) <= 8 or tokens[0].lower_ in _NOT_A_SUBJECT_START \
            or len(tokens) > 1 and tokens[0].lower_ in _VERB_FIRST:
        return None
    # read as nouns: a heading that is one gerund ("Timekeeping", "Logging": the activity, no object to do it to)
    # and a plural the tagger took for a verb after a noun ("Relationship triggers"); a hyphen inside a word
    # ("Multi-Factor Authentication") is not a dash between parts (18F: uncovered chunks under such headings)
    gerund = len(tokens) == 1 and tokens[0].tag_ == "VBG" and len(tokens[0].text) >= 6
    plural = len(tokens) >= 2 and tokens[-1].tag_ == "VBZ" and tokens[-1].lower_.endswith("s") \
        and tokens[-2].tag_ in {"NN", "NNP"}
    in_word = {t.i for t in tokens if t.text == "-" and t.i > 0 and not t.whitespace_
               and not heading_doc[t.i - 1].whitespace_}
    if any(t.tag_ in {"VB", "VBD", "VBP", "VBZ", "MD", "WDT", "WP", "WRB", "PRP"} and not (plural and t.i == tokens[-1].i)
           or t.like_num or t.i not in in_word and t.text in {"?", "!", ":", "(", "[", "|", "/", "-", "–", "—", "...",
                                                              ";", "\"", "'", ","} for t in tokens):
        return None  # "18F is here for you", "2016 - 2019: Ramping up", "Suggested cadence: Weekly"
    if not gerund and (tokens[0].tag_ in {"VBG", "IN", "TO"} or not plural and tokens[-1].tag_ not in {
            "NN", "NNS", "NNP", "NNPS"}):
        return None  # "Getting approval ..." is a task (task_question); "Learn by doing" is not a subject
    if tokens[-1].lemma_.lower() in PEOPLE | {"example", "template", "sample"}:
        return None  # "Current employees": who a section is for; "Credit hours example": a case, not the subject
    if not {t.lower_ for t in tokens if t.is_alpha and not t.is_stop} - _NOT_A_SUBJECT - _POSSESSIVE:
        return None
    words = []
    for t in tokens:
        word = t.text
        if t.lower_ in _POSSESSIVE:
            word = {"your": "my"}.get(t.lower_, t.lower_)
        elif word.isupper() and len(tokens) > 1 and all(w.isupper() for w in heading_doc.text.split()):
            word = word.lower()  # "LANGUAGE SKILLS"
        elif word[:1].isupper() and not word.isupper() and not any(c.isupper() for c in word[1:]) \
                and not _capitalised_in(word, body):
            word = word.lower()  # "Our Mission" -> "our mission"; "Concur" stays if the body says "Concur"
        words.append(word + t.whitespace_)
    subject = "".join(words).strip()
    # the head noun is the heading's root, before any prepositional phrase: "governance process for the TTSC
    # Handbook" (17th check); not a verb the tagger read as a noun ("sync Google Calendar with my iPhone")
    head = next((t for t in tokens if t.dep_ == "ROOT"), tokens[-1])
    if head.tag_ in {"NN", "NNP"} and (head.lower_ in _COUNT_HEADS or _modified_thing(tokens, head)) \
            and tokens[0].tag_ not in {"DT", "PRP$"} and tokens[0].lower_ not in _POSSESSIVE \
            and not tokens[0].text[:1].islower():
        subject = f"the {subject}"  # "business development process" reads as residue without its article (11th
        # check); "what should I know about GSA Access Card?" (17th)
    return f"What should I know about {subject}?"


# nouns that name an activity, a quality or a substance, which take no article ("annual leave", "remote work",
# "sensitive information"); and endings that mostly make such nouns ("performance management", "data security")
_MASS_HEADS = {"leave", "time", "work", "pay", "information", "data", "software", "equipment", "feedback", "support",
               "access", "travel", "mail", "research", "insurance", "furniture", "duty", "help", "guidance", "advice",
               "space", "staff", "content", "design", "engineering", "finance", "funding", "conduct", "etiquette",
               "culture", "housing", "transit", "parking", "storage", "hardware", "media", "privacy", "practice",
               "structure", "background", "overview", "reading", "history", "health", "safety", "food", "coffee",
               "water", "internet", "wifi", "email", "slack", "security", "compliance"}
_MASS_ENDINGS = ("tion", "sion", "ment", "ity", "ance", "ence", "ing", "ness", "ship", "ism", "age", "ery", "ure")


def _modified_thing(tokens, head) -> bool:
    """"Weekly newsletter", "Health center", "Interior courtyard": a thing a modifier picks out, which reads as
    residue without its article ("what should I know about interior courtyard?", 24th hand check, 3 of 38 pairs).
    Only the last word of a heading of two or three lowercase-able words, after an adjective or noun modifier, and
    not a noun of activity or substance ("annual leave", "sensitive information")."""
    word = head.lower_
    return (2 <= len(tokens) <= 3 and head.i == tokens[-1].i and head.tag_ == "NN" and tokens[0].tag_ in {"JJ", "NN"}
            and all(t.is_alpha for t in tokens) and word not in _MASS_HEADS and not word.endswith(_MASS_ENDINGS)
            and not any(t.text.isupper() for t in tokens))


_COUNT_HEADS = {"process", "program", "programme", "plan", "policy", "system", "tool", "form", "portal", "service",
                "site", "website", "team", "office", "board", "committee", "council", "template", "checklist",
                "calendar", "file", "application", "repository", "schedule", "survey", "agreement", "contract",
                "budget", "workflow", "framework", "lifecycle", "cycle", "network", "platform", "database", "card",
                "badge", "warning", "account", "device", "laptop", "phone", "meeting", "request", "review", "report",
                "rooftop", "handbook", "guide", "playbook", "channel", "room", "building", "renewal"}


def _as_noun_phrase(heading_doc):
    """"Sick leave", "Military leave", "Remote work": parsed alone, the tagger reads the last word as a verb ("Sick
    [subject] leave [verb]") and the heading as a sentence, so the leave headings of an HR handbook got no question
    (18F: 6 of its leave sections). Parsed as the object of "I read about ...", the noun phrase a heading is, the
    last word is a noun; that parse is used when it makes the last word one. A heading that starts with a verb stays a task or advice."""
    tokens = [t for t in heading_doc if not t.is_space]
    if not (2 <= len(tokens) <= 5 and tokens[-1].tag_ in {"VBP", "VB"}
            and all(t.tag_ in {"JJ", "NN", "NNP", "VBN"} for t in tokens[:-1]) and tokens[0].tag_ != "VBN"):
        return heading_doc
    # Title Case words lowercased ("the Sick leave" is still read as a sentence), acronyms kept
    words = [w.lower() if w[:1].isupper() and w[1:].islower() else w for w in heading_doc.text.split()]
    doc = load_parser()(f"I read about {' '.join(words)}.")
    phrase = doc[3:-1]
    return phrase.as_doc() if phrase[-1].tag_ in {"NN", "NNP"} else heading_doc


def _capitalised_in(word: str, body: str) -> bool:
    """Does `body` write `word` capitalised where a sentence or line does not start (a name, not a first word)?"""
    for m in re.finditer(rf"\b{re.escape(word)}\b", body):
        before = body[:m.start()].rstrip(" *_[\"'(")
        if before and before[-1] not in ".!?:#\n-|>":
            return True
    return False


def _mostly_links(answer: str) -> bool:
    """Is the answer mostly links: fewer than MIN_SECTION_WORDS words outside link markup and Liquid tags ("- [RFC
    003](...)\n- [RFC 004](...)", "- Slack: {% slack_channel "cg-pages" %}")?"""
    prose = re.sub(r"\[[^\]]*\]\([^)]*\)|\{%.*?%\}|https?://\S+", " ", answer)
    return len(re.findall(r"[A-Za-z]{2,}", prose)) < MIN_SECTION_WORDS


# a how-to answer that sends the reader to a guide for the steps: "You can refer to the InSite user guide about
# pulling a timesheet report"; 3 of 8 wrong task answers in rounds 6-8 on 18F said what the task is and where its
# instructions are, not how to do it
_POINTS_TO_GUIDE = re.compile(r"\b(?:refer to|follow|see|check|read|consult)\b[^.\n]{0,80}?\b(?:user guides?|guides?|"
                              r"guidance|instructions|step-by-step|documentation)\b", re.IGNORECASE)
_NUMBERED_STEP = re.compile(r"^\s*\d+\.\s", re.MULTILINE)


def sections_running_on(chunks: list[Chunk]) -> set[int]:
    """Ids of chunks whose last section goes on in the document's next chunk: the next chunk starts without a
    heading, or with a deeper one than the last heading in this chunk (its subsections are part of it). An answer
    that runs to such a chunk's end is cut ("Who is eligible for the end of year performance bonus?" answered up
    to "weighted 15% or", seventh hand check on 18F; "What should I know about security scanning?" answered without
    its "Alerts" and "ATO scanning" subsections in the next chunk, eleventh)."""
    by_doc: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        by_doc.setdefault(chunk.doc_key, []).append(chunk)
    running = set()
    for doc_chunks in by_doc.values():
        doc_chunks.sort(key=lambda c: c.start)
        for chunk, after in itertools.pairwise(doc_chunks):
            opens = re.match(r"\s*(#{1,6})\s", after.text)
            levels = [len(m.group(1)) for m in re.finditer(r"^[ \t]*(#{1,6})[ \t]", chunk.text, re.MULTILINE)]
            if not opens or levels and len(opens.group(1)) > levels[-1]:
                running.add(chunk.id)
    return running


def whole_section(text: str, start: int, level: int) -> tuple[int, int] | None:
    """The span of a section body from `start` to the next heading of the same or a higher level, or None when a
    deeper heading comes first (the body is only the section's lead-in) or it is longer than SECTION_WORDS."""
    nxt = _NEXT_HEADING.search(text, start - 1)  # from the newline that ends the heading line
    if nxt and len(nxt.group("level")) > level or re.match(r"\s*<", text[start:]):
        return None  # a deeper heading, or an HTML block ("<div class=...>") that no answer should quote
    end = start + len(text[start:nxt.start() if nxt else len(text)].rstrip())
    return (start, end) if end > start and len(text[start:end].split()) <= SECTION_WORDS else None


def heading_pairs(chunks: list[Chunk], retriever: Retriever, running_on: set[int] | None = None
                  ) -> list[ExtractedPair]:
    """One candidate per chunk that opens with a task heading ("How do I ...?") or, failing that, a subject heading
    ("What should I know about ...?"), kept if it retrieves its chunk in the top k. (A heading that is a question is
    the FAQ extractor's, and both rules refuse it.) `running_on`: `sections_running_on(chunks)`, when the caller
    has it already."""
    found: list[tuple[Chunk, re.Match, str]] = []
    for chunk in chunks:
        # every heading in the chunk, not only the first: small sections are merged into one chunk (chunking.py),
        # and on 18F 258 chunks hold a heading after their start
        for match in _HEADING.finditer(chunk.text):
            found.append((chunk, match, KRAMDOWN_ANCHOR.sub("", match.group("h")).strip().rstrip(":")))
    if not found:
        return []
    nlp = load_parser()
    running_on = sections_running_on(chunks) if running_on is None else running_on
    headings = [re.sub(r"^how to\s+", "", h, flags=re.IGNORECASE) for _, _, h in found]  # parsed as the task
    candidates: list[ExtractedPair] = []
    for (chunk, match, heading), doc in zip(found, nlp.pipe(headings, batch_size=64), strict=True):
        start = match.end()
        question = how_to_question(heading) or task_question(doc)
        span = section_answer(chunk.text, start) if question else None
        kind = "task"
        if not question:
            span = whole_section(chunk.text, start, len(match.group("level")))
            question = subject_question(doc, chunk.text[span[0]:span[1]]) if span else None
            kind = "section"
        if not (question and span):
            continue
        answer = chunk.text[span[0]:span[1]]
        if chunk.id in running_on and not chunk.text[span[1]:].strip():
            continue  # the section goes on in the next chunk: the answer would be cut
        section = _NEXT_HEADING.split(chunk.text[span[0]:], maxsplit=1)[0]
        cut = len(section.split()) > SECTION_WORDS  # the answer is only the section's first paragraph
        if answer.rstrip().endswith((":", "…", "...")) or cut and not MIN_LEAD_WORDS <= len(answer.split()) <= \
                SECTION_WORDS \
                or _NO_ANSWER.search(answer.split("\n\n")[0]) or _mostly_links(answer) or only_points_elsewhere(answer) \
                or kind == "task" and _POINTS_TO_GUIDE.search(answer) and not _NUMBERED_STEP.search(answer):
            continue  # an answer that ends leading into a list it left out ("Here are some of our rules of thumb:"
            # closed a whole section whose list opens the next chunk: 18F, fourteenth hand check; "Here's a short
            # guide…", fifteenth)
        candidates.append(ExtractedPair(with_topic(question, chunk.title), answer, chunk.id, chunk.source, *span,
                                        kind))
    top = retriever.search_ids_many([c.question for c in candidates])
    return [c for c, ids in zip(candidates, top, strict=True) if c.chunk_id in ids]
