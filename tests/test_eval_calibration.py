"""Calibrating the offline verifier: the labelled slice, the held-out discipline, the cache, load_verifier.

A tiny corpus and the tiny random embedder keep this fast; the cross-encoder plumbing is tested with the tiny
1-layer BERT as its base (its quality is measured on corpora/, not here)."""

import json
import random

import pytest

import evalharness.calibration as calibration
from evalharness.calibration import (
    SUPPORTED_TYPES,
    UNSUPPORTED_TYPES,
    build_slice,
    calibrate,
    fit_cross_encoder,
    flip_negation,
    load_verifier,
    paraphrase,
    save_cross_encoder,
    swap_entity,
    swap_number,
    verifier_dir,
)
from ingest.pipeline import run_ingest
from qacore.embedder import Embedder
from qacore.store import Snapshot
from qacore.support import entities_in, has_negation, numbers_in
from qacore.workspace import Workspace, atomic_write_json

DOCS = {
    "leave.md": "# Leave Policy\n\n## Allowance\n\nUK employees receive 27 days of annual leave per year. Portugal "
                "employees receive 25 days of annual leave per year. Requests must be approved in Workday by your "
                "line manager. Leave can be carried over for up to 5 days into the next year.\n\n## Sickness\n\n"
                "Employees must report sickness to their manager before 10 am. A fit note is required after 7 "
                "consecutive days of absence. Sick pay is paid for up to 26 weeks in a rolling year.\n",
    "it.md": "# IT Guide\n\n## VPN\n\nThe VPN client is GlobalProtect and the portal is managed by the Security "
             "team. Laptops are replaced every 4 years by the IT Service Desk. Passwords must have at least 14 "
             "characters and are checked against known breaches.\n\n## Devices\n\nYubiKeys are issued to every "
             "engineer on the first day. Lost devices must be reported to the Security team within 1 hour. "
             "Personal phones can use Outlook only after enrolling in Intune.\n",
    "travel.md": "# Travel Policy\n\n## Booking\n\nAll flights and hotels are booked through Navan by the travel "
                 "coordinator. Economy class is used for flights under 6 hours. Hotel costs are capped at GBP 180 "
                 "per night in London.\n\n## Expenses\n\nReceipts are required for any expense above GBP 20. "
                 "Claims are submitted in Spendwise within 30 days of the trip. Approved claims are paid with "
                 "the salary on the 25th of each month.\n",
    "office.md": "# Office Guide\n\n## Leeds\n\nThe Leeds office is open from 7 am to 8 pm on weekdays. Visitors "
                 "are signed in at reception by their host. Quiet zones are on floor 4 and phone calls are not "
                 "allowed there.\n\n## Lisbon\n\nThe Lisbon office closes at 7 pm on Fridays. Desks are booked "
                 "in Deskbird up to 14 days ahead. Bicycles are parked in the basement garage of the building.\n",
}


@pytest.fixture(scope="module")
def built_ws(tmp_path_factory, tiny_embedding_model):
    """Ingested once per module; tests get their own copy (`tiny_ws`), so no test depends on the calibration cache
    or files another test wrote, and each passes alone and in any order."""
    from qacore.config import load_config

    config = load_config(None, {"models.embedding": str(tiny_embedding_model), "models.embedding_dtype": "float32",
                                "ingest.redact": False, "ingest.chunk_tokens": 64, "ingest.chunk_overlap_tokens": 8,
                                "ingest.header_tokens": 16})
    root = tmp_path_factory.mktemp("calib")
    docs = root / "docs"
    docs.mkdir()
    for name, text in DOCS.items():
        (docs / name).write_text(text)
    ws = Workspace(root / "ws")
    run_ingest([docs], ws, config, progress=False, log=lambda m: None)
    return ws


@pytest.fixture
def tiny_ws(built_ws, tmp_path):
    import shutil

    shutil.copytree(built_ws.root, tmp_path / "ws")
    return Workspace(tmp_path / "ws")


@pytest.fixture(scope="module")
def tiny_embedder(tiny_embedding_model):
    return Embedder(str(tiny_embedding_model), dtype="float32")


@pytest.fixture(scope="module")
def claims(built_ws):
    snap = Snapshot.require(built_ws)
    try:
        return build_slice(list(snap.iter_chunks()), seed=0)
    finally:
        snap.close()


def test_perturbations_change_what_they_should():
    rng = random.Random(0)
    s = "UK employees receive 27 days of annual leave in Workday per year."
    swapped = swap_number(s, rng)
    assert numbers_in(swapped) != numbers_in(s) and "27" not in numbers_in(swapped)
    named = "Leave is booked in Workday by every employee."
    entity = swap_entity(named, rng, ["Okta", "Navan", "GDPR", "March"])
    assert entity in {named.replace("Workday", "Okta"), named.replace("Workday", "Navan")}  # like for like
    assert swap_entity(s, rng, ["Okta", "GDPR"]) in {s.replace("UK", "GDPR"), s.replace("Workday", "Okta")}
    assert swap_entity("Payslips arrive on 23 June each month.", rng, ["Okta", "March"]) == \
        "Payslips arrive on 23 March each month."
    negated = flip_negation(s, rng)
    assert has_negation(negated) and not has_negation(s)
    assert flip_negation("Phone calls are not allowed there.", rng) == "Phone calls are allowed there."
    assert flip_negation("Laptops cannot leave the office.", rng) == "Laptops can leave the office."
    assert paraphrase("However, employees must use Navan (the travel tool) to book flights.", rng) in {
        "Employees shall use Navan to book flights.", "Staff shall use Navan to book flights.",
        "Employees must utilise Navan to book flights.", "Staff must use Navan to book flights.",
        "Employees shall utilise Navan to book flights.", "Staff shall utilise Navan to book flights.",
        "Employees must use Navan to book flights.", "Staff must utilise Navan to book flights."}


def test_slice_has_every_type_with_correct_labels(claims):
    kinds = {c.kind for c in claims}
    assert kinds == set(SUPPORTED_TYPES) | set(UNSUPPORTED_TYPES)
    for c in claims:
        assert c.supported == (c.kind in SUPPORTED_TYPES)
        if c.kind == "verbatim":
            assert c.claim == c.source_sentence and c.claim in c.evidence
        else:
            assert c.claim != c.source_sentence
        if not c.supported:
            assert c.claim not in c.evidence  # a perturbed claim is not quoted from its evidence
        if c.kind == "number_swap":
            assert numbers_in(c.claim) - numbers_in(c.source_sentence)
        if c.kind == "entity_swap":
            assert entities_in(c.claim) - entities_in(c.source_sentence)
        if c.kind == "negation":
            assert has_negation(c.claim) != has_negation(c.source_sentence)
        if c.kind == "unrelated":
            assert c.claim not in c.evidence


def test_slice_is_deterministic_and_split_by_document(tiny_ws, claims):
    snap = Snapshot.require(tiny_ws)
    try:
        chunks = list(snap.iter_chunks())
    finally:
        snap.close()
    assert build_slice(chunks, seed=0) == claims
    assert build_slice(chunks, seed=1) != claims
    held = {c.document for c in claims if c.split == "held_out"}
    cal = {c.document for c in claims if c.split == "calibration"}
    assert held and cal and not held & cal


def test_calibration_tunes_on_one_part_and_reports_on_the_other(tiny_ws, tiny_embedder, claims, monkeypatch):
    seen = {}
    real_grid, real_score = calibration.grid_search, calibration.score

    def grid_spy(signals, labels, use_similarity):
        seen["grid_n"] = len(labels)
        return real_grid(signals, labels, use_similarity)

    def score_spy(pred, scored_claims):
        seen.setdefault("scored_splits", set()).update(c.split for c in scored_claims)
        return real_score(pred, scored_claims)

    monkeypatch.setattr(calibration, "grid_search", grid_spy)
    monkeypatch.setattr(calibration, "score", score_spy)
    result = calibrate(tiny_ws, tiny_embedder, seed=0, train_cross_encoder=False)
    n_cal = sum(c.split == "calibration" for c in claims)
    n_held = sum(c.split == "held_out" for c in claims)
    assert seen["grid_n"] == n_cal and seen["scored_splits"] == {"held_out"}
    assert result["slice"]["calibration"] == n_cal and result["slice"]["held_out"] == n_held
    assert not set(result["slice"]["documents"]["calibration"]) & set(result["slice"]["documents"]["held_out"])
    for variant in ("default", "calibrated"):
        assert result["held_out"][variant]["n"] == n_held
        assert 0 <= result["held_out"][variant]["accuracy"] <= 1
        assert sum(t["n"] for t in result["held_out"][variant]["by_type"].values()) == n_held
    assert set(result["thresholds"]["calibrated"]) == {"coverage", "similarity"}
    assert result["used"] in {"default_thresholds", "calibrated_thresholds"}
    diff = result["held_out_differences"]["calibrated_thresholds_minus_default_thresholds"]
    assert diff["n"] == n_held and diff["diff"] == pytest.approx(
        result["held_out"]["calibrated"]["accuracy"] - result["held_out"]["default"]["accuracy"], abs=1e-3)
    json.dumps(result)  # JSON-able for the report
    # cached by snapshot: the second call does no work and says so
    monkeypatch.setattr(calibration, "build_slice", lambda *a, **k: pytest.fail("not cached"))
    again = calibrate(tiny_ws, tiny_embedder, seed=0, train_cross_encoder=False)
    assert again["cached"] and again["held_out"] == result["held_out"]
    stored = json.loads((verifier_dir(tiny_ws) / "calibration.json").read_text())
    assert stored["key"]["snapshot"] == Snapshot.require(tiny_ws).manifest["snapshot"]


def test_loaded_verifier_flags_perturbations_and_accepts_a_paraphrase(tiny_ws, tiny_embedder):
    calibrate(tiny_ws, tiny_embedder, seed=0, train_cross_encoder=False)
    verifier = load_verifier(tiny_ws, tiny_embedder)
    assert verifier.info["calibrated"] and not verifier.uses_cross_encoder
    evidence = [DOCS["leave.md"], DOCS["it.md"]]
    assert verifier.check("UK staff get 27 days of annual leave each year.", evidence).supported
    for claim, reason in [("UK employees receive 29 days of annual leave per year.", "numbers"),
                          ("The VPN client is Cisco AnyConnect.", "names"),
                          ("UK employees do not receive 27 days of annual leave per year.", "negation")]:
        verdict = verifier.check(claim, evidence)
        assert not verdict.supported and any(reason in r for r in verdict.reasons), (claim, verdict.reasons)


def test_cross_encoder_is_saved_as_safetensors_and_used_then_dropped(tiny_ws, tiny_embedder, tiny_embedding_model,
                                                                     claims):
    base = tiny_embedding_model.parent / "bert"  # the tiny 1-layer BERT: plumbing, not quality
    pairs = calibration.training_pairs([c for c in claims if c.split == "calibration"], tiny_embedder)
    assert {p[2] for p in pairs} == {0.0, 1.0}
    model, tokenizer, info = fit_cross_encoder(pairs[:32], base, batch_size=16)
    assert info["steps"] == 2
    calibrate(tiny_ws, tiny_embedder, seed=0, train_cross_encoder=False)  # writes calibration.json
    folder = save_cross_encoder(tiny_ws, model, tokenizer, {"threshold": 0.0})  # threshold 0: model always agrees
    assert (folder / "model.safetensors").is_file() and (folder / "manifest.json").is_file()
    assert not [p for p in folder.rglob("*") if p.suffix in {".bin", ".pkl", ".pt", ".pickle"}]
    cal_file = verifier_dir(tiny_ws) / "calibration.json"
    stored = json.loads(cal_file.read_text())
    stored["result"]["used"] = "cross_encoder"
    atomic_write_json(cal_file, stored)
    verifier = load_verifier(tiny_ws, tiny_embedder)
    assert verifier.uses_cross_encoder
    ok = verifier.check("UK staff get 27 days of annual leave each year.", DOCS["leave.md"])
    assert ok.supported and ok.cross_encoder is not None
    bad = verifier.check("UK staff get 29 days of annual leave each year.", DOCS["leave.md"])
    assert not bad.supported and any("numbers" in r for r in bad.reasons)  # hard checks still apply
    # a new calibration that does not choose the cross-encoder removes it, so it is never picked up stale
    calibrate(tiny_ws, tiny_embedder, seed=1, train_cross_encoder=False)
    assert not folder.exists() and not load_verifier(tiny_ws, tiny_embedder).uses_cross_encoder


@pytest.mark.parametrize("oracle", [True, False])
def test_cross_encoder_is_used_only_when_it_beats_the_thresholds_on_held_out_claims(
        tiny_ws, tiny_embedder, tiny_embedding_model, claims, monkeypatch, oracle):
    """The choice itself, both ways: a cross-encoder that scores held-out claims perfectly is chosen and saved; one
    that scores every held-out claim backwards loses to the thresholds and leaves no model behind."""
    base = tiny_embedding_model.parent / "bert"
    real_fit = calibration.fit_cross_encoder
    monkeypatch.setattr(calibration, "fit_cross_encoder",
                        lambda pairs, base_model, seed=0: real_fit(pairs[:16], base_model, seed=seed, batch_size=16))
    label = {c.claim: c.supported for c in claims}
    monkeypatch.setattr(calibration, "claim_scores", lambda model, tokenizer, pairs, embedder: __import__("numpy").array(
        [float(label[claim] == oracle) for claim, _ in pairs]))
    result = calibrate(tiny_ws, tiny_embedder, seed=0, train_cross_encoder=True, cross_encoder_base=base)
    accuracy = {k: result["held_out"][k]["accuracy"] for k in ("default", "calibrated", "hard_checks+cross_encoder")}
    folder = verifier_dir(tiny_ws) / "cross-encoder"
    if oracle:
        assert accuracy["hard_checks+cross_encoder"] > max(accuracy["default"], accuracy["calibrated"])
        assert result["used"] == "cross_encoder" and (folder / "model.safetensors").is_file()
        assert load_verifier(tiny_ws, tiny_embedder).uses_cross_encoder
    else:
        assert accuracy["hard_checks+cross_encoder"] < max(accuracy["default"], accuracy["calibrated"])
        assert result["used"] != "cross_encoder" and not folder.exists()
        assert not load_verifier(tiny_ws, tiny_embedder).uses_cross_encoder
