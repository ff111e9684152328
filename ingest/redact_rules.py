"""What makes a candidate span a secret or personal data: the rules ingest/redact.py applies to what its
detectors (detect-secrets, Presidio, spaCy NER, the regexes here) propose.

Why the rules are strict: on the 18F handbook (239 real Markdown pages, bench/redaction_sample.py) the
detectors alone made 1,640 redactions and nearly all were wrong: 352 PERSON (spaCy's small model tags "Military
Leave", "Google Drive", "Assistant Commissioner"), 918 secrets (Google-docs ids and other URL paths have the
entropy of a token), 55 phones (`#gid=1234567890`), 315 emails (team mailboxes such as tts-travel@). The rules:

- a person's name needs spaCy PERSON *and* one more piece of evidence: a given name from ingest/redact_names.py
  first, a role or contact verb next to it (cue_name_matches), or a personal email that spells it out. A name
  found with evidence is then redacted wherever it occurs (Redactor.apply), so one cue covers every mention.
  Capitalised programme, product and job-title phrases are never names (NOT_NAME_WORDS).
- inside a URL only credentials are secrets: credential query parameters (CREDENTIAL_PARAMS) and userinfo.
  Generic detectors (entropy, keyword, JWT) are ignored there; typed ones (AWS, GitHub, Slack, Stripe ...) are not.
- a phone number is phone-shaped (+, (area code), or grouped digits) or stands after a word such as "call";
  never in a URL, never a date.
- an email address is personal data only when its local part reads as a person (first.last), not a team.

Also here: `segments` and `line_bounds`, the text geometry both detector families share.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter

from ingest.redact_names import FIRST_NAMES, NOT_EVIDENCE_ALONE

_UP, _LOW = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
# "Priya", "Kaplan-Moss", "O'Neil", "McDonald", "DeLeve", "Solórzano"
_NAME_WORD = rf"[{_UP}][{_LOW}]+(?:[{_UP}][{_LOW}]+)?(?:[-'][{_UP}]?[{_LOW}]+)*"
_PARTICLES = r"(?:de|da|do|dos|das|van|von|der|den|la|le|di|du|del)"
FULL_NAME = re.compile(rf"{_NAME_WORD}(?:\s+(?:{_PARTICLES}\s+)?{_NAME_WORD}){{1,3}}")
# A capitalised word followed by another on the same line (lookahead, so that "Contact Priya Raman" yields
# both "Contact" and "Priya"): where a given name can start a full name.
NAME_START = re.compile(rf"(?<![A-Za-z0-9@.\-])({_NAME_WORD})(?=[ \t]+(?:{_PARTICLES}[ \t]+)?[{_UP}][{_LOW}])")
# The name a given name starts: the given name, an optional particle, one or two more name words on its line.
NAME_AT = re.compile(rf"{_NAME_WORD}[ \t]+(?:{_PARTICLES}[ \t]+)?{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?")
PROPER_NOUN_GOES_ON = re.compile(rf"[ \t]+[{_UP}][{_LOW}]")  # "Ronald Reagan Washington National Airport"
PROSE_FIRST_NAMES = FIRST_NAMES - NOT_EVIDENCE_ALONE

# Words that make a capitalised phrase an organisation, place, programme, product or role, not a person.
_NOT_NAME_WORDS = """
Analytics Ltd Limited Inc Group Team Teams Health Bank Services Service Portugal House Street Road Forum Policy
Lead Officer Officers Manager Head Director Desk Office Cloud Security Support Portal App Apps Plan Fund Insurance
Centre Center University Hospital Council Committee Board Day Week Month Year Leave Pay Paid Parental
Administrative Military Sick Annual Court Award Without Balance Birth Extended Advanced Program Programme Act
Benefits Benefit Training Course Class Guide Handbook Checklist Form Template Templates Schedule Account Accounts
Card Division Unit Units Management Assistant Commissioner Secretary Administrator Specialist Analyst Analysts
Engineer Engineering Designer Product Products Project Projects Drive Calendar Docs Sheets Slides Hangouts Chat
Slack Zoom Hub Workspace Reader Acrobat Jira Confluence GitHub Trello Building Avenue Station Airport Plaza Period
Review Reviews Conference Session Update Track Tracker Statement Survey Surveys Score Workshop Basics Fellows
Fellowship Intelligence Correspondence Contract Transfer Bounty Agency Department Federal National Government
Pro Plus Premium Enterprise Suite Studio Desktop Mobile Online Connect Express Verify Authenticator Viewer Editor
Rua Rue Via Calle Avenida Strasse Straße Platz Vida Seguros Global International Systems Solutions Technologies
Labs Corp Corporation Company Foundation Institute Association Society Network Networks
"""
NOT_NAME_WORDS = frozenset(_NOT_NAME_WORDS.split())
_ROLE_MAILBOXES = """
helpdesk help support it itsupport servicedesk security privacy dpo hr people payroll finance expenses travel
legal compliance info contact admin noreply no-reply office facilities benefits recruiting careers ethics
whistleblowing sre oncall on-call incidents abuse postmaster webmaster accounts procurement onboarding
"""
ROLE_MAILBOXES = frozenset(_ROLE_MAILBOXES.split())
# Parts of a dotted local part that make it a team's mailbox ("privacy.office@", "tts.agreements@").
_TEAM_WORDS = """
team teams group desk service services ops operations events agreements requests request finance press media
news marketing sales billing jobs hiring team-lead all staff dept department division unit program programs
"""
TEAM_WORDS = ROLE_MAILBOXES | frozenset(_TEAM_WORDS.split())

_ROLE_WORDS = (r"(?:Head|Chief|Director|VP|Vice|Lead|Manager|Officer|Counsel|Partner|Controller|Coordinator|"
               r"Engineer|Analyst|Specialist|Administrator|Adviser|Advisor|Consultant|CEO|CFO|CTO|CISO|COO|DPO)")
_CUE_NAME = rf"(?P<name>{_NAME_WORD}(?: {_NAME_WORD}){{1,2}})"
# A role next to the name: evidence enough when spaCy also says PERSON, even for a given name not in the list.
_ROLE_CUES = [
    # "Priya Raman, Head of People" / "Priya Raman (Head of People" / "Priya Raman - SRE Lead"
    re.compile(rf"{_CUE_NAME}\s*(?:,|\(|-|–)\s*(?:the |our )?(?:[A-Z][\w&/]* ){{0,3}}{_ROLE_WORDS}\b"),
    # "Head of People: Priya Raman", "hosted by our CEO, X Y"
    re.compile(rf"{_ROLE_WORDS}[\w ]{{0,30}}?(?:[:,]| is| are) {_CUE_NAME}\b"),
    # "Dr. Priya Raman", "Ms Joana Ferreira"
    re.compile(rf"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof)\.? {_CUE_NAME}\b"),
]
# A contact verb: "approved by Priya Raman", "contact Priya Raman". Tools and vendors follow these verbs too
# ("managed by Jamf Pro", "contact Tejo Vida" in corpora/), so these count only with a given name first.
_VERB_CUE = re.compile(rf"\b(?:[Aa]pproved by|[Cc]ontact|[Aa]sk|[Ee]scalate to|[Hh]osted by|[Mm]anaged by|[Ww]ritten by|"
                       rf"[Oo]wned by|[Ss]peak to|[Tt]alk to|[Ee]mail|[Cc]all) {_CUE_NAME}\b")


def is_plausible_full_name(value: str) -> bool:
    value = value.strip()
    return bool(FULL_NAME.fullmatch(value)) and not any(word in NOT_NAME_WORDS for word in value.split())


def cue_name_matches(text: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, name, by_role) of names next to a role or a contact verb. The small NER model misses names
    in exactly these lines ("Owner: Beatriz Lopes, People Partner"), which are also the most common place for them."""
    out = []
    for pattern in [*_ROLE_CUES, _VERB_CUE]:
        for m in pattern.finditer(text):
            if is_plausible_full_name(m.group("name")):
                out.append((m.start("name"), m.end("name"), m.group("name"), pattern is not _VERB_CUE))
    return out


def cue_names(text: str) -> list[str]:
    return [m[2] for m in cue_name_matches(text)]


def name_from_email(local_part: str) -> str | None:
    """'beatriz.lopes' -> 'Beatriz Lopes': a personal address spells out whose it is."""
    parts = re.split(r"[._]", local_part)
    if 2 <= len(parts) <= 3 and all(re.fullmatch(r"[a-z]{2,}", p) for p in parts):
        return " ".join(p.capitalize() for p in parts)
    return None


def is_personal_email(local_part: str) -> bool:
    """first.last@, f.last@, first.middle.last@ or a bare given name (priya@); not a team (tts-travel@,
    privacy.office@, daily_check_in@, 18f@)."""
    local = local_part.lower()
    parts = re.split(r"[._]", local)
    if len(parts) == 1:
        return local not in ROLE_MAILBOXES and local.capitalize() in FIRST_NAMES
    if not (2 <= len(parts) <= 3 and all(re.fullmatch(r"[a-z]+", p) for p in parts) and len(parts[-1]) >= 2):
        return False
    if any(p in TEAM_WORDS for p in parts):
        return False
    return len(parts) == 2 or parts[0].capitalize() in FIRST_NAMES


def trim_person(value: str) -> str:
    """NER spans drag in neighbours: "Contact Priya Raman's" -> "Priya Raman" (words before the first given name
    and a possessive go)."""
    value = re.sub(r"(?:'s|’s)$", "", value.strip())
    words = value.split()
    for i, word in enumerate(words):
        if word in FIRST_NAMES:
            return " ".join(words[i:])
    return value


# -- text geometry -------------------------------------------------------------------------------------------

SEGMENT_CHARS = 100_000  # long texts are redacted in pieces of at most this (spaCy refuses over 1,000,000)


def segments(text: str, limit: int = SEGMENT_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) covering `text`, each at most `limit` characters, cut after a blank line where there is
    one, else after a line break, else after a space."""
    out, start = [], 0
    while len(text) - start > limit:
        end = start + limit
        for sep in ("\n\n", "\n", " "):
            i = text.rfind(sep, start + 1, end)
            if i > start:
                end = i + len(sep)
                break
        out.append((start, text[start:end]))
        start = end
    out.append((start, text[start:]))
    return out


def line_bounds(text: str, pos: int, sep: str = "\n") -> tuple[int, int]:
    """The line (or with sep="\n\n", the paragraph) around pos."""
    end = text.find(sep, pos)
    start = text.rfind(sep, 0, pos)
    return 0 if start < 0 else start + len(sep), len(text) if end < 0 else end


# -- secrets -----------------------------------------------------------------------------------------------

TOKEN = re.compile(r"(?<![A-Za-z0-9+/_\-=])[A-Za-z0-9+/_\-=]{24,}(?![A-Za-z0-9+/_\-=])")
URL = re.compile(r"(?:\b[A-Za-z][A-Za-z0-9+.\-]*://|\bwww\.)[^\s<>\"'`]+")
# Query/fragment parameters whose value is a credential, compared without case, "-", "_" or ".".
_CREDENTIAL_PARAMS = """
key apikey token accesstoken authtoken idtoken refreshtoken sessiontoken securitytoken privatetoken bearertoken
oauthtoken apitoken sastoken secret clientsecret appsecret consumersecret secretkey accesskey privatekey
accountkey authkey sessionkey password passwd pwd pass sig signature auth authorization credential credentials
xamzsignature xamzsecuritytoken xamzcredential xgoogsignature xgoogcredential sharedaccesssignature
"""
CREDENTIAL_PARAMS = frozenset(_CREDENTIAL_PARAMS.split())
URL_PARAM = re.compile(r"[?&;#](?P<name>[A-Za-z][\w.\-]{0,40})=(?P<value>[^&#\s\"'<>)\]]{6,})")
USERINFO = re.compile(r"://[^\s:/@]+:(?P<value>[^\s/@]+)@")
# detect-secrets kinds that only mean "looks random" or "follows a keyword": not evidence inside a URL.
GENERIC_SECRET_KINDS = frozenset({"HIGH_ENTROPY_TOKEN", "SECRET_BASE64_HIGH_ENTROPY_STRING",
                                  "SECRET_HEX_HIGH_ENTROPY_STRING", "SECRET_KEYWORD", "SECRET_JSON_WEB_TOKEN"})
# A line can hold a detect-secrets finding only if it has one of these: each plugin's keyword or prefix, a long
# token (AWS, GitHub, Slack, Stripe ... tokens are all 20+ characters; base64 strings need 23+ characters to
# reach the 4.5-bit entropy limit), a quoted 8+ hex string, or URL userinfo. Checked lossless on the 18F
# handbook and corpora/ (tests/test_redact.py); skips ~90% of prose lines.
SECRET_LINE_HINT = re.compile(
    r"(?i:api_?key|auth_?key|service_?key|account_?key|db_?key|database_?key|priv_?key|private_?key|client_?key"
    r"|db_?pass|database_?pass|key_?pass|password|passwd|pwd|secret|contrase|cloudant|softlayer|\bsl_|ibm|hmac"
    r"|access_?key|accountkey|sq0|xox|sk_|sk-|npm_|pypi-|glpat|gh[pousr]_|private key|putty)"
    r"|(?-i:AKC|AP[\dA-F])|[A-Za-z0-9+/_=\-]{20,}|[\"'][0-9a-fA-F]{8,}[\"']|://[^\s/@]+:[^\s/@]+@"
)


def shannon_entropy(value: str) -> float:
    counts = Counter(value)
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())


_SLUG_PART = re.compile(r"[A-Za-z][a-z]*\d{0,4}|[A-Z]+\d{0,4}|\d{1,4}[a-z]{0,3}")


def is_slug(token: str) -> bool:
    """Words joined by - _ . / (a path, a file name, an identifier): "remote-work-policy-2026-update",
    "/18f/projects-partners/leading-projects/", "API_TOKEN_V2"."""
    parts = [p for p in re.split(r"[-_./#:=]", token) if p]
    return len(parts) > 1 and all(_SLUG_PART.fullmatch(p) for p in parts)


def looks_like_random_token(token: str) -> bool:
    """High-entropy, mixed letters+digits, not a path or a word-with-hyphens. Thresholds follow
    detect-secrets' defaults (base64 4.5 bits/char; hex 3.0) with a little slack for short tokens."""
    if not (any(c.isdigit() for c in token) and any(c.isalpha() for c in token)):
        return False
    if re.fullmatch(r"[0-9a-fA-F]+", token):
        return len(token) >= 32 and shannon_entropy(token) >= 3.0
    if is_slug(token):
        return False
    return shannon_entropy(token) >= 4.0


def url_credentials(text: str) -> list[tuple[int, int]]:
    """Values of credential parameters (?sig=..., &access_token=...) and userinfo passwords (https://u:p@host)."""
    out = [(m.start("value"), m.end("value")) for m in USERINFO.finditer(text)]
    for m in URL_PARAM.finditer(text):
        if re.sub(r"[-_.]", "", m.group("name").lower()) in CREDENTIAL_PARAMS:
            out.append((m.start("value"), m.end("value")))
    return out


_CONFIG_KEY = re.compile(r"\s*(?:[-*]\s+)?[\"']?[\w.\-]+[\"']?\s*[:=]\s*[\"'`]?")


def is_prose_keyword_value(line: str, value: str, start: int, end: int) -> bool:
    """'passwords: use a password manager' is advice, not a password. A keyword finding is prose when its
    value has spaces, or is a plain word ("your") and the line is not `key: value` or the sentence goes on."""
    if re.search(r"\s", value):
        return True
    if not re.fullmatch(r"[A-Za-z]+", value):
        return False  # "Hunter2-Is-Not-Safe", "Winter2026!Fernhill": shaped like a password wherever it is
    return not _CONFIG_KEY.fullmatch(line[:start]) or bool(re.match(r"[ \t]+[A-Za-z]", line[end:]))


class Spans:
    """Sorted, non-overlapping (start, end) spans (URLs of a text) with a fast overlap test."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    @classmethod
    def urls(cls, text: str) -> Spans:
        return cls([(m.start(), m.end()) for m in URL.finditer(text)])

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        if i >= 0 and self.ends[i] > start:
            return True
        return i + 1 < len(self.starts) and self.starts[i + 1] < end


# -- phone numbers -----------------------------------------------------------------------------------------

DIGIT_RUN = re.compile(r"(?:\d[ ().\-/]{0,2}){7,}")  # where a phone, card, IBAN or SSN could be
_DATE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")
# "+44 ...", "(555) ...", "1-800-222-0364", "020 7946 0321", "716-859- 8559" (sic)
_PHONE_SHAPED = re.compile(r"\+.*|.*\(\d+\).*|1?[-. ]{0,2}\d{3}[-. ]{1,2}\d{3}[-. ]{1,2}\d{4}|\d{2,5}(?:[ .\-]{1,2}\d{2,5}){2,4}")
_PHONE_WORD = re.compile(r"(?i)\b(?:phone|tel|telephone|mobile|cell|fax|call(?:ing)?|dial|sms|text|whatsapp|hotline)\b")


def is_phone_number(text: str, start: int, end: int) -> bool:
    """Phone-shaped ("+44 20 7946 0321", "(555) 010-2233", "877-472-6716", "020 7946 0321"), or a bare digit
    run right after a word such as "call"; never a date. (URL checks are the caller's.)"""
    value = text[start:end].strip()
    if "," in value or _DATE.fullmatch(value):
        return False
    if _PHONE_SHAPED.fullmatch(value):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_PHONE_WORD.search(text[max(line_start, start - 30):start]))
