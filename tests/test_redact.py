"""Redaction rules on crafted text and on real handbook text (real detect-secrets and Presidio + spaCy).

The 18F handbook excerpts are public domain (CC0; ../shared/datasets/18f-handbook/LICENSE.md): each was a false
positive of the previous redactor, either directly or because the phrase was learned as a "name" in one
paragraph and then redacted in all of them.
"""

import functools
import json
from pathlib import Path

import pytest

from ingest.loaders import load_document
from ingest.redact import (
    Redaction,
    Redactor,
    apply_redactions,
    looks_like_random_token,
    name_from_email,
    segments,
)
from ingest.redact_rules import SECRET_LINE_HINT, is_personal_email

REPO = Path(__file__).resolve().parents[1]


@functools.cache
def redactor():
    return Redactor(["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN"])


def redact_together(texts: list[str]) -> list[str]:
    """As `qa ingest` does: find in every document, then apply with the names learned in all of them."""
    r = redactor()
    found = [r.find(t) for t in texts]
    known = set().union(*(f.names for f in found))
    return [r.apply(t, f, known).text for t, f in zip(texts, found, strict=True)]


TEXT = """Contact Dana Okafor, Finance Director, at dana.okafor@corp.example or +44 20 7946 0321.
Team mailbox: helpdesk@corp.example. Call (555) 010-2233 after hours.
aws_access_key_id = AKIAZ7Q4MFRN2XKT5WLB
password: Hunter2-Is-Not-Safe
Card on file: 4111 1111 1111 1111.
token ghp_4f9T2kLq8ZxR7mWb3NcV6pYs1HdJ0aEuQz
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
-----END OPENSSH PRIVATE KEY-----
Employees get 27 days of leave; see remote-work-policy-2026-update. Later, Dana approves it."""


def test_all_kinds_are_removed_and_facts_kept():
    out = redactor().redact(TEXT)
    for secret in ("Dana Okafor", "dana.okafor@", "7946 0321", "010-2233", "AKIAZ7Q4MFRN2XKT5WLB", "Hunter2-Is-Not-Safe",
                   "4111 1111", "ghp_4f9T2k", "b3BlbnNzaC1rZXkt", "BEGIN OPENSSH"):
        assert secret not in out.text, secret
    assert "helpdesk@corp.example" in out.text  # a team mailbox is not personal data
    assert "27 days of leave" in out.text and "remote-work-policy-2026-update" in out.text
    assert out.counts["PRIVATE_KEY"] == 1 and out.counts["CREDIT_CARD"] == 1 and out.counts["EMAIL_ADDRESS"] == 1
    assert "[PERSON], Finance Director" in out.text


def test_names_learned_elsewhere_are_redacted():
    r = redactor()
    findings = r.find("The approver is Ana Silva.")
    assert r.apply("The approver is Ana Silva.", findings, {"Rui Costa"}).text == "The approver is [PERSON]."
    text = "Ask Rui Costa about printers. _Rui Costa_ signs."
    assert "Rui Costa" not in r.apply(text, r.find(text), {"Rui Costa"}).text


def test_helpers():
    assert name_from_email("beatriz.lopes") == "Beatriz Lopes" and name_from_email("helpdesk") is None
    assert looks_like_random_token("9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddcc")
    assert not looks_like_random_token("remote-work-policy-2026-update")
    assert not looks_like_random_token("abcdefghijklmnopqrstuvwxyz")
    assert not looks_like_random_token("AWS_DEFAULT_REGION=eu-west-2")


def test_overlapping_spans_merge_and_offsets_map():
    out = apply_redactions("call 0123 456 789 now", [Redaction(5, 17, "PHONE_NUMBER"), Redaction(10, 13, "US_SSN")])
    assert out.text == "call [PHONE] now" and sum(out.counts.values()) == 1
    assert out.map_offset(0) == 0 and out.map_offset(18) == len("call [PHONE] ")


# -- false positives seen on the 18F handbook ---------------------------------------------------------------

LEAVE = [
    # "Military Leave" was tagged PERSON here, then redacted in every paragraph of the page
    "When going on **active duty**, active duty training, and inactive duty training in the National Guard or "
    "as a Reservist, you can use [Military Leave](#military-leave).",
    "You can receive 15 Military Leave days each year for active duty, active duty training, and inactive duty "
    "training in the National Guard or as a Reservist.",
    "Military Leave will not appear in HR Links until after you have requested it for the first time. For a "
    "two-week annual training or any other first-use of your 15 paid days, request the leave using Code 51 \\- "
    "Regular Military. You and your supervisor won’t see an available leave balance, and HR Links will show an "
    "error, but your timecard will process and the leave balance adjustment will be made by Payroll.",
    "If you have exhausted all other paid leave options, you can request  Leave Without Pay (LWOP). It is "
    "exactly what it sounds like.",
    "* [Effect of Extended Leave Without Pay (LWOP) (or Other Nonpay Status) on Federal Benefits and Programs]"
    "(https://www.opm.gov/policy-data-oversight/pay-leave/leave-administration/fact-sheets/)",
    "Once you are approved for PPL, you will see a new leave option in HR Links called **Paid Parental Lv Birth "
    "Balance**. You will submit a leave request.",
    "If you know that you will be out for a longer duration due to Paid Parental\nleave, medical leave, an "
    "extended jury leave, or other leave, please bill to #1810.",
    # tools
    "- **SaaS** - Software as a Service. Individuals or agencies subscribe to an\n  application, and then access "
    "it over the internet. Most online applications,\n  such as Salesforce and Google Drive, fall into this "
    "category. Need to purchase\n  a SaaS product?",
    "## Google Apps Script\n\nSee\n[information on InSite](https://insite.gsa.gov/employee-resources/) about "
    "Apps Script.",
    "Google Forms are limited, so try to avoid adding backend logic. If you need more, then use\n"
    "  [Google Apps Script](#google-apps-script).",
    "We use Google Drive to keep track of our project work. You don't need to install anything to use our "
    "Google Drive.",
    "Approve the push in Okta Verify; laptops are managed by Jamf Pro.",  # corpora/, same kind
    # programme names, in prose and in a table
    "| TTS New Hire Leadership Meet & Greet/Q&A | A meet and greet with the TTS Executive Director. | "
    "Video Conference | Required | N/A |",
    "Parents can take 12 weeks of Paid Parental Leave, and Administrative Leave covers blood donation.",
]


def test_programme_tool_and_title_phrases_are_not_names():
    assert redact_together(LEAVE) == LEAVE


def test_job_titles_are_not_names_but_the_name_next_to_one_is():
    prose = ("Council, was formed in August 2019. Then acting Assistant Commissioner for OPP,\nJay Huie, established "
             "the advisory body.")
    table = ("| Role | Approves | Time |\n|---|---|---|\n| Supervisory IT Specialist | Assistant Commissioner | 1 day |\n"
             "| Business Unit Director | Contracting Officers | 2 days |")
    out = redact_together([prose, table])
    assert out[0] == prose.replace("Jay Huie", "[PERSON]") and out[1] == table


def test_names_in_table_cells_are_found_but_not_organisations():
    table = "| Guild | Leads |\n|---|---|\n| Data | Julia Allen |\n| Design | Logan McDonald |"
    assert redactor().redact(table).text == table.replace("Julia Allen", "[PERSON]").replace("Logan McDonald", "[PERSON]")
    prose = "Returned Peace Corps Volunteers and Urban Development staff can apply; ask at Francisco City Hall."
    assert redactor().redact(prose).text == prose


def test_url_paths_and_ids_are_not_secrets_or_phones():
    texts = [
        "Fill in the [form](https://docs.google.com/document/d/1zD020XAXRIpuXPKgY0zadLBNJmBaRj_29-DhClrkZAo/edit).",
        "See the [tracker](https://docs.google.com/spreadsheets/d/1uJIsJh7n9tKAmziLxhP3roKhYidun6Zx4V8g1n-xjEs"
        "/edit#gid=1234567890).",
        "Open https://community.max.gov/pages/viewpage.action?pageId=658899186 or "
        "https://www.eventbrite.com/o/fedramp-pmo-13413630716 today.",
        'Read the [primer]({% page "/18f/projects-partners/leading-projects/" %}).',
        "Subscribe to `gsa.gov_envrspjqmjn4id95uc2fq3l45s@group.calendar.google.com` in Calendar.",
        "| Item | Amount | Invoice | Date |\n|---|---|---|---|\n| Travel | 1250.00 | 2023045511 | 03-08-2024 |",
        "here's a secret to dealing with passwords: use a password manager. You only need a few strong passwords: "
        "your\nmaster password for the password manager.",
    ]
    assert redact_together(texts) == texts


@pytest.mark.parametrize("url, secret", [
    ("https://bucket.s3.amazonaws.com/f.pdf?X-Amz-Credential=AKIA%2F20260101&X-Amz-Signature=9f8e7d6c5b4a3928",
     "9f8e7d6c5b4a3928"),
    ("https://api.example.com/v1/items?api_key=Zx9vQ2mPl4Rt&page=2", "Zx9vQ2mPl4Rt"),
    ("https://acct.blob.core.windows.net/c/f?sv=2022-11-02&sig=kT3%2BvQ9xLm2pR7&se=2026-01-01", "kT3%2BvQ9xLm2pR7"),
    ("https://example.com/callback#access_token=ya29.a0AfB_byC&token_type=Bearer", "ya29.a0AfB_byC"),
    ("https://deploy:Zx9vQ2mPl4@git.example.org/repo.git", "Zx9vQ2mPl4"),
    ("https://h.example/x?secret=hunter22&password=correcthorse&token=abcdef123", "correcthorse"),
])
def test_url_credentials_are_still_secrets(url, secret):
    out = redactor().redact(f"Download it from {url} before Friday.").text
    assert secret not in out and "[SECRET]" in out and "Download it from https://" in out


def test_phone_numbers_in_prose_still_found():
    out = redactor().redact("Call AdTrav at (877) 472-6716, the EAP on 1-800-222-0364, or +44 20 7946 0321 (TTY "
                            "888-262-7848). Or call 02079460321.").text
    assert out.count("[PHONE]") == 5


def test_personal_and_team_mailboxes():
    personal = ["janie.burmeister", "Ahmed.Mahdi", "ronnail.rawls", "j.smith", "priya"]
    team = ["tts-travel", "privacy.office", "daily_check_in", "tts.agreements", "18f", "press", "kc-payroll.finance"]
    assert [is_personal_email(x) for x in personal] == [True] * len(personal)
    assert [is_personal_email(x) for x in team] == [False] * len(team)
    out = redact_together(["Email [Janie Burmeister](mailto:janie.burmeister@gsa.gov) or tts-travel@gsa.gov.",
                           "Janie Burmeister runs the Chicago office."])
    assert out == ["Email [[PERSON]](mailto:[EMAIL]) or tts-travel@gsa.gov.", "[PERSON] runs the Chicago office."]


# -- secrets: typed tokens everywhere, and the line prefilter loses nothing ---------------------------------

TYPED = [
    "artifactory_token: AKCp8jQ8tSwwKfd6Zwn3LzjkVNAbLVSFeRDhR9hDiSUsQcBt7DaksaEYsiNSb8jZx5L4LXqz",
    "key id AKIAQWERTYUIOPASDFGH in the runbook",
    "AccountName=x;AccountKey=lJzRc1YdHaAA2KCNJJ1tkYwF/+mKK6Ygw0NGe170Xu592euJv2wYUtBlV8z+qnlcNQSnIYVTkLWntUO1F8j8rQ==",
    "clone https://deploy:Zx9vQ2mPl4@git.example.org/repo.git",
    "bot MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs",
    "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",
    "glpat-9xYzAbCdEfGhIjKlMnOp",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    "mailchimp 0123456789abcdef0123456789abcdef-us12",
    "//registry.npmjs.org/:_authToken=npm_Zx9vQ2mPl4Zx9vQ2mPl4Zx9vQ2mPl4Zx9vQ2",
    "OPENAI 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",
    "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",
    "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
    "Post to https://hooks.slack.com/services/T01ABCDEF/B01ABCDEF/AbCdEfGhIjKlMnOpQrStUvWx for alerts",
    "softlayer_api_key = 'abcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcd'",
    "sq0csp-0p9h7g6f4s3s3s3-4a3ardgwa6ADRDJDDKUFYDYDYDY",
    "sk_live_4f9T2kLq8ZxR7mWb3NcV6pYs1HdJ0aEu",
    "tg 110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawX here",
    "SK0123456789abcdef0123456789abcdef",
    "ibm_cloud_iam_api_key: 'abcd1234abcd1234abcd1234ABCD1234abcd1234--__'",
    "secret_access_key = 'abcdef0123456789abcdef0123456789abcdef0123456789'",
    "password: Winter2026!Fernhill",
    "checksum = 'deadbeef1234'",
    "value = 'q8Vt3nRwK2mX9pLz7YcB4hJfA1sD6gE0uTiNoWe'",
]


def _plugin_hits(line: str) -> list[str]:
    return [type(p).__name__ for p in redactor()._secret_plugins
            for _ in p.analyze_line(filename="document.yaml", line=line, line_number=0)]


def test_secret_line_prefilter_is_lossless():
    """Every line on which any detect-secrets plugin fires passes SECRET_LINE_HINT (else it would be skipped)."""
    assert all(_plugin_hits(line) for line in TYPED)  # each example really is a finding
    lines = [*TYPED, *TEXT.splitlines()]
    for path in sorted((REPO / "corpora").iterdir()):
        if path.suffix != ".csv":
            lines += load_document(path, path.read_bytes()).text.splitlines()
    missed = [line for line in lines if not SECRET_LINE_HINT.search(line) and _plugin_hits(line)]
    assert missed == []
    prose = [line for line in lines if line.strip() and not _plugin_hits(line)]
    assert sum(bool(SECRET_LINE_HINT.search(line)) for line in prose) < len(prose) / 4  # it does skip prose


def test_typed_tokens_are_redacted_wherever_they_are():
    out = redactor().redact("\n".join(TYPED)).text
    for token in ("AKCp8jQ8", "AKIAQWERTY", "lJzRc1Yd", "Zx9vQ2mPl4@", "MTk4NjIy", "ghp_wWPw", "glpat-9x", "eyJhbGci",
                  "0123456789abcdef0123", "npm_Zx9v", "T3BlbkFJ", "SG.ngeV", "xoxb-1234", "AbCdEfGhIjKl", "sq0csp-0p9",
                  "sk_live_4f9", "AAHdqTcv", "SK0123456789", "abcd1234abcd", "Winter2026", "deadbeef1234", "q8Vt3nRw"):
        assert token not in out, token


# -- long texts ---------------------------------------------------------------------------------------------


def test_segments_cut_on_paragraphs_and_cover_the_text():
    text = "".join(f"Paragraph {i} says something.\nSecond line.\n\n" for i in range(500))
    pieces = segments(text, 1000)
    assert "".join(p for _, p in pieces) == text and all(len(p) <= 1000 for _, p in pieces)
    assert all(text[o:o + len(p)] == p for o, p in pieces)
    assert all(p.endswith("\n\n") for _, p in pieces[:-1])
    assert segments("x" * 2500, 1000) == [(0, "x" * 1000), (1000, "x" * 1000), (2000, "x" * 500)]


def test_a_text_over_a_million_characters_is_redacted_across_segments():
    filler = "Employees request equipment through the service portal and keep receipts.\n\n"
    text = (filler * 14_000 + "Owner: contact Priya Raman, Head of People, on +44 20 7946 0321.\n\n"
            + "password: Winter2026!Fernhill\n\n" + filler * 10)
    assert len(text) > 1_000_000
    out = redactor().redact(text)
    assert "Priya Raman" not in out.text and "7946 0321" not in out.text and "Winter2026" not in out.text
    assert "contact [PERSON], Head of People, on [PHONE]." in out.text
    assert out.text.startswith(filler) and out.text.endswith(filler)


# -- recall on what was planted in corpora/ ------------------------------------------------------------------


def test_planted_secrets_and_personal_data_in_corpora_are_found():
    """scripts/corpus_src/PLANTED.json: every secret (100%) and >= 95% of names, redacted as `qa ingest` does."""
    planted = json.loads((REPO / "scripts" / "corpus_src" / "PLANTED.json").read_text())
    files = sorted({p["file"] for p in planted})
    texts = [load_document(REPO / f, (REPO / f).read_bytes()).text for f in files]
    out = dict(zip(files, redact_together(texts), strict=True))
    survived = [p for p in planted if p["value"] in out[p["file"]]]
    names = [p for p in planted if p["type"] == "person"]
    assert [p for p in survived if p["type"] != "person"] == []
    assert 1 - sum(p["type"] == "person" for p in survived) / len(names) >= 0.95, survived
