"""The offline support checker: flags swapped numbers, swapped entities and negations; accepts paraphrases."""

import pytest

from qacore.support import SupportChecker, entities_in, numbers_in

EVIDENCE = ("UK employees accrue 27 days of annual leave per year, plus bank holidays. Expenses above EUR 250 need "
            "a receipt and line-manager approval within 30 days. The VPN client is GlobalProtect; the portal is "
            "vpn.fernhill.example. Laptops are replaced every four years.")


@pytest.mark.parametrize("claim", [
    "UK employees get 27 days of annual leave each year.",
    "You need a receipt and approval from your line manager for expenses above EUR 250.",
    "GlobalProtect is the VPN client.",
    "Laptops are replaced every 4 years.",
])
def test_paraphrases_are_supported(claim):
    verdict = SupportChecker().check(claim, EVIDENCE)
    assert verdict.supported, verdict.reasons


@pytest.mark.parametrize(("claim", "reason"), [
    ("UK employees accrue 25 days of annual leave per year.", "numbers not in evidence: 25"),
    ("Expenses above EUR 500 need a receipt.", "numbers not in evidence: 500"),
    ("The VPN client is Cisco AnyConnect.", "names not in evidence"),
    ("Expenses above EUR 250 do not need a receipt.", "negation differs"),
    ("The dress code is a black dress with a white collar.", "low overlap"),
])
def test_unsupported_claims_are_flagged_with_a_reason(claim, reason):
    verdict = SupportChecker().check(claim, EVIDENCE)
    assert not verdict.supported
    assert any(reason in r for r in verdict.reasons), verdict.reasons


def test_signal_extractors():
    assert numbers_in("27 days, EUR 1,250 and three weeks") == {"27", "1250", "3"}
    assert entities_in("Install GlobalProtect from the Company Portal. VPN is required.") >= {"globalprotect", "company",
                                                                                              "portal", "vpn"}
