"""Redaction rules on crafted text (real detect-secrets and Presidio + spaCy)."""

import functools

from ingest.redact import Redaction, Redactor, apply_redactions, looks_like_random_token, name_from_email


@functools.cache
def redactor():
    return Redactor(["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN"])


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
    text = "Ask Rui Costa about printers."
    assert "Rui Costa" not in r.apply(text, r.find(text), {"Rui Costa"}).text


def test_helpers():
    assert name_from_email("beatriz.lopes") == "Beatriz Lopes" and name_from_email("helpdesk") is None
    assert looks_like_random_token("9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddcc")
    assert not looks_like_random_token("remote-work-policy-2026-update")
    assert not looks_like_random_token("abcdefghijklmnopqrstuvwxyz")


def test_overlapping_spans_merge_and_offsets_map():
    out = apply_redactions("call 0123 456 789 now", [Redaction(5, 17, "PHONE_NUMBER"), Redaction(10, 13, "US_SSN")])
    assert out.text == "call [PHONE] now" and sum(out.counts.values()) == 1
    assert out.map_offset(0) == 0 and out.map_offset(18) == len("call [PHONE] ")
