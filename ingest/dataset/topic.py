"""A question that does not name its page's topic gets the page's title in front: "Slack: can I join other
channels of interest?".

Why: the second hand check on the 18F handbook (bench/data/18f-dataset-labels.jsonl, round 2) found 13 of its 27
bad pairs understandable only with their page in front of you: "Can I join other channels of interest?" (in
Slack), "What are my user roles?" (in Concur), "Who serves as client-facing liaison for the team?" (on a project
team). A rule that dropped such questions would cost most of the coverage, and capitals or numbers in the question
were no guide ("Must the CAP be approved by ...?" names an acronym of one page). The page title is the topic a
person would have in mind, and a title prefix is how people scope a question to a helpdesk ("Concur: what are my
user roles?"). A question that already says a word of the title ("How many hours of annual leave can you carry
over?" on "Leave types") is left as it is.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from qacore.support import content_words, stem

# title words that name no topic on their own ("Performance Management Employee Resources" is about performance
# management, not about employees)
_GENERIC = {"guide", "guides", "guidance", "resources", "resource", "overview", "handbook", "policy", "policies",
            "information", "general", "best", "practices", "steps", "step", "page", "introduction", "intro", "about",
            "tts", "18f", "gsa", "employee", "employees", "team", "teams", "work", "working", "101", "new", "using",
            "use", "how", "what", "welcome", "faq", "faqs", "frequently", "asked", "question", "questions", "help",
            "helpdesk", "desk", "wiki", "notes", "it", "type", "types", "kind", "kinds"}
# section headings that say where in a page, not what about: "Step 1", "Rules", "Execution", "Closeout"
_GENERIC_SECTION = {"rules", "rule", "execution", "closeout", "process", "details", "background", "summary", "tips",
                    "basics", "next", "other", "more", "important", "note", "notes", "part", "phase", "stage",
                    "option", "options", "example", "examples", "additional", "inside", "once",
                    "general", "misc", "miscellaneous", "things", "context", "purpose"}
NOT_TOPICAL = _GENERIC | _GENERIC_SECTION  # words that say where in a page or what kind of page, not what about
KRAMDOWN_ANCHOR = re.compile(r"\s*\{[#:.][^}]*\}")  # "Set up {#set-up-phase-of-engagements}"
_SEPARATOR = re.compile(r"\s+[-–—|]\s+|:\s+")
MAX_TOPIC_WORDS = 8
MAX_SECTION_WORDS = 6
# a noun phrase that needs its section to be understood: "the user", "the expiration date", "more information"
_LEANS_ON_CONTEXT = re.compile(r"\b(?:the|more|additional|further)\b", re.IGNORECASE)


def page_topic(title: str) -> str:
    """The title as a short topic: parentheticals out, and a title with parts ("Welcome to Fernhill: Onboarding
    Guide for New Starters", "Play 3 - Observe and learn before ...") reduced to its most topical short part; an
    all-capitals title in title case."""
    topic = re.sub(r"\s*\([^)]*\)", "", html.unescape(title or "")).strip()  # "Logging in &amp; Networks"
    topic = KRAMDOWN_ANCHOR.sub("", topic)
    topic = re.sub(r"\s+", " ", topic).strip(" -–—:|")
    if topic.isupper():
        topic = topic.title()
    parts = [p.strip() for p in _SEPARATOR.split(topic) if 0 < len(p.split()) <= MAX_TOPIC_WORDS - 2]
    if len(parts) > 1 or len(topic.split()) > MAX_TOPIC_WORDS:
        topic = max(parts, key=lambda p: len(topic_words(p)), default="")
    return topic if 0 < len(topic.split()) <= MAX_TOPIC_WORDS else ""


def topic_words(topic: str) -> set[str]:
    return {stem(w) for w in content_words(topic) if w not in _GENERIC}


def names_topic(question: str, topic: str) -> bool:
    """Does the question say most (stemmed) words of the topic, more than half of them? A topic of only generic
    words is named by nothing. Why more than half: with one word enough, the seventh hand check on 18F found 5 of
    its 10 pairs that were not self-contained naming the page's common word and not the one that scopes it: "Is
    the content in a channel viewable by everyone?" (Slack channel usage), "What is an incident?" (Security
    incidents), "How can the group receive email ...?" (Google Groups)."""
    words = topic_words(topic)
    return 2 * len(words & {stem(w) for w in content_words(question)}) > len(words) > 0


def _lower_first(text: str) -> str:
    """The first word lowercased unless it is a name, an acronym or "I", or the text is in Title Case
    ("Family Medical Leave Act")."""
    first, _, rest = text.partition(" ")
    title_case = any(w[:1].isupper() for w in rest.split() if w.isalpha() and len(w) > 3)
    if not (first == "I" or title_case and not text.endswith("?") or first.isupper() and len(first) > 1
            or any(c.isupper() for c in first[1:])):
        first = first[:1].lower() + first[1:]
    return f"{first} {rest}".strip()


def section_topic(headings: Sequence[str], question: str, topic: str) -> str:
    """The chunk's own section heading, when the question leans on it: "GitHub: what should you do if the user is
    ...?" means the user of "Working with outside collaborators". Only for a question with a definite or vague
    noun phrase ("the user", "the expiration date", "more information"), a short statement heading (not a
    question, at most MAX_SECTION_WORDS words, cut at its first comma) that adds words the page topic and the
    question do not say. Why: in the fourth hand check on 18F, 6 of 29 bad pairs failed only on being
    self-contained, and in 3 of them the section heading said what "the ..." was (comp time, a site failing its
    ATU, an outside collaborator); over rounds 5-7 self-contained was 82%, against 84% in rounds 3-4."""
    if not headings or not _LEANS_ON_CONTEXT.search(question):
        return ""
    heading = re.sub(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]", r"\1\2", headings[-1])  # "Fill out the [Form](url)"
    heading = page_topic(re.sub(r"^\s*(?:\d+\.)*\d+\.?\s+", "", heading)).split(",")[0].strip()  # "7.4 Long ..."
    if not heading or heading.endswith("?") or len(heading.split()) > MAX_SECTION_WORDS:
        return ""
    said = topic_words(topic) | {stem(w) for w in content_words(question)}
    adds = {w for w in topic_words(heading) - said if w.isalpha() and len(w) > 2}
    return heading if adds - {stem(w) for w in _GENERIC_SECTION} else ""


def with_topic(question: str, title: str, headings: Sequence[str] = ()) -> str:
    """`question` as is when it names its page's topic (or the page has no usable title) and does not lean on its
    section, else "Topic: question", "Topic, section: question" or "Section: question", with the question's first
    word lowercased unless it is a name or "I"."""
    topic = page_topic(title)
    parts = [topic] if topic and topic_words(topic) and not names_topic(question, topic) else []
    section = section_topic(headings, question, topic)
    if section:
        parts.append(_lower_first(section) if parts else section)
    if not parts:
        return question
    return f"{', '.join(parts)}: {_lower_first(question)}"
