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

from qacore.support import content_words, stem

# title words that name no topic on their own ("Performance Management Employee Resources" is about performance
# management, not about employees)
_GENERIC = {"guide", "guides", "guidance", "resources", "resource", "overview", "handbook", "policy", "policies",
            "information", "general", "best", "practices", "steps", "step", "page", "introduction", "intro", "about",
            "tts", "18f", "gsa", "employee", "employees", "team", "teams", "work", "working", "101", "new", "using",
            "use", "how", "what", "welcome", "faq", "faqs", "frequently", "asked", "question", "questions", "help",
            "helpdesk", "desk", "wiki", "notes", "it"}
_SEPARATOR = re.compile(r"\s+[-–—|]\s+|:\s+")
MAX_TOPIC_WORDS = 8


def page_topic(title: str) -> str:
    """The title as a short topic: parentheticals out, and a title with parts ("Welcome to Fernhill: Onboarding
    Guide for New Starters", "Play 3 - Observe and learn before ...") reduced to its most topical short part; an
    all-capitals title in title case."""
    topic = re.sub(r"\s*\([^)]*\)", "", html.unescape(title or "")).strip()  # "Logging in &amp; Networks"
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
    """Does the question say a (stemmed) word of the topic? A topic of only generic words is named by nothing."""
    return bool(topic_words(topic) & {stem(w) for w in content_words(question)})


def with_topic(question: str, title: str) -> str:
    """`question` as is when it names its page's topic (or the page has no usable title), else "Topic: question"
    with the question's first word lowercased unless it is a name or "I"."""
    topic = page_topic(title)
    if not topic or not topic_words(topic) or names_topic(question, topic):
        return question
    first, _, rest = question.partition(" ")
    if not (first == "I" or first.isupper() and len(first) > 1 or any(c.isupper() for c in first[1:])):
        first = first[:1].lower() + first[1:]
    return f"{topic}: {first} {rest}".strip()
