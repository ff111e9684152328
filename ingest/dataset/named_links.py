"""Questions from lists of named resources: "- [Cloud.gov](https://cloud.gov/): a Platform as a Service built
specifically for federal agencies" -> "What is Cloud.gov?", answered by the description after the link.

Why: handbooks introduce their tools, sites, programs and guides as lists of links, each with a line that says what
it is, and a person new to the place asks exactly that ("What is Login.gov?", "What is the 18F Content Guide?").
The definition extractor (extractors.py) does not read them, since the term is a link, and the sentence rules skip
list items that are not sentences. On the 18F handbook 64 chunks without any pair held such a line.

Only names: a linked phrase that is a name a person would ask about (several capitalised words, a domain such as
"api.data.gov", an acronym or a mixed-case word such as "GitHub"), not a common word ("[Supervisor](...): ...") and
not a pointer ("[here](...)", "[this guide](...)"); a description of at least 4 words that is not itself a pointer
("See ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.dataset.extractors import ExtractedPair, only_points_elsewhere, value_end

_NAMED_LINK = re.compile(r"^[ \t]*[-*+][ \t]+(?:\*\*|__|_|\*)?\[(?P<name>[^\]\n]{2,60})\]\([^)\s]*\)(?:\*\*|__|_|\*)?"
                         r"[ \t]*(?::|[ \t]-{1,2}|–|—)(?:\*\*|__)?[ \t]*(?:\n[ \t]+)?(?P<desc>[^\s*_-][^\n]*)$",
                         re.MULTILINE)
# a description that says what to do with the thing, or what it needs, is not what it is: "- [Login.gov](...):
# requires a Memorandum of Understanding", "- [jointts@gsa.gov](...): for applicants ... to contact the team"
_NOT_A_DESCRIPTION = re.compile(r"^(?:requires?|needs?|must|should|use|used|see|click|contact|email|for|if|when|also|"
                                r"and|or|but|then|to|via|in|on|at|by|with|private|public|only|available)\b|"
                                r"^[^.]*(?:\bnot\b|n't\b|\bnever\b)", re.IGNORECASE)  # "Visio isn't available for Mac"
# the name's last word as the head of a countable phrase: "What is the 18F Content Guide?"
_COUNTABLE = {"guide", "handbook", "calendar", "chart", "page", "site", "website", "playbook", "framework", "template",
              "policy", "program", "programme", "team", "office", "course", "library", "repository", "repo", "tool",
              "dashboard", "wiki", "blog", "newsletter", "channel", "form", "checklist", "toolkit", "system", "service",
              "portal", "directory", "list", "database", "report", "plan", "deck", "document", "folder", "spreadsheet",
              "tracker", "podcast", "video", "group", "guild", "council", "board", "network", "community", "initiative",
              "project", "platform", "center", "centre", "hub", "manual", "standard", "catalog", "index", "app",
              "application", "api", "account", "workspace", "space", "drive", "sheet", "doc", "memo", "act", "law",
              "glossary", "schedule", "process", "workshop", "training", "series", "collection", "review", "meeting"}
_POINTER_NAME = re.compile(r"\b(?:here|this|these|that|those|link|click|more|read|see|learn|page \d)\b", re.IGNORECASE)
_MINOR = {"a", "an", "the", "of", "and", "for", "to", "in", "on", "at", "by", "with", "or", "&", "-"}


def _clean(name: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[*_`]", "", name)).strip()


def is_name(name: str) -> bool:
    """"Cloud.gov", "api.data.gov", "GitHub", "TTS Career Progression Frameworks", "OPM" and "18F Events" are names;
    "Supervisor", "here", "this guide" and "Read the guide" are not."""
    words = name.split()
    if not words or len(words) > 7 or _POINTER_NAME.search(name) or not re.search(r"[A-Za-z]", name) or "@" in name:
        return False
    if len(words) == 1:
        word = words[0]
        return bool(re.search(r"\w\.\w", word) or word.isupper() and len(word) > 1
                    or any(c.isupper() for c in word[1:]) or any(c.isdigit() for c in word))
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _MINOR for w in words) and words[0].lower() not in \
        _MINOR - {"the"}


def link_question(name: str) -> str:
    """"What is Cloud.gov?", "What is the 18F Content Guide?", "What are the TTS Career Progression Frameworks?"."""
    name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    last = name.split()[-1].lower()
    plural = last.endswith("s") and last[:-1] in _COUNTABLE
    product = re.search(r"\w\.\w", name)  # "Cloud.gov Pages" is a product's name, not pages of cloud.gov
    if len(name.split()) > 1 and (last in _COUNTABLE or plural) and not product:
        return f"What {'are' if plural else 'is'} the {name}?"
    return f"What is {name}?"


def named_link_pairs(text: str, chunk_id: int, source: str) -> Iterator[ExtractedPair]:
    for m in _NAMED_LINK.finditer(text):
        name = _clean(m.group("name"))
        if not is_name(name):
            continue
        end = value_end(text, m.end("desc"))
        desc = text[m.start("desc"):end].strip()
        words = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", desc).split()
        if len(words) < 4 or only_points_elsewhere(desc) or desc.rstrip().endswith(":") \
                or _NOT_A_DESCRIPTION.match(desc):
            continue  # "- [Org chart](...): see below", "- [Guides](...): includes:"
        yield ExtractedPair(link_question(name), desc, chunk_id, source, m.start("desc"), m.start("desc") + len(desc),
                            "link")
