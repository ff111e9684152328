"""The verifier `qa eval` uses, on the issue's cases, with the real embedded MiniLM: the question-aware threshold
verifier (qacore.support: the claim read as the answer to its question, a number checked against the sentences
about what the question asks) and the learned verifier (evalharness/verifier.py, weights fitted by
bench/bench_verifier.py on hand-labelled real answers); its plain-JSON loading; and the choice between them."""

import json

import pytest

from evalharness import verifier as learned_module
from evalharness.calibration import load_verifier
from evalharness.run import choose_verifier
from evalharness.verifier import FEATURES, WEIGHTS_FILE, claim_features, load_learned
from qacore.claims import CachingEmbedder
from qacore.embedder import Embedder
from qacore.support import SupportChecker
from qacore.workspace import Workspace


@pytest.fixture(scope="module")
def embedder():
    return CachingEmbedder(Embedder.shared("embedded:all-MiniLM-L6-v2", dtype="float32"))


@pytest.fixture(scope="module")
def learned(embedder):
    found = load_learned(embedder=embedder)
    assert found is not None, f"{WEIGHTS_FILE} is missing or stale: run bench/bench_verifier.py --fit"
    return found


@pytest.fixture
def default_verifier(tmp_path, embedder):
    chosen, info = choose_verifier(Workspace(tmp_path / "ws"), embedder)  # what qa eval uses with no calibration
    return chosen


GYM = ["You can claim up to €50/month towards a gym membership. Receipts are required for every claim.",
       "Cycle-to-work loans are repaid over 12 months."]
LEAVE = ["UK employees receive 27 days of annual leave per year. Requests are approved by your line manager.",
         "Sick pay is paid for up to 26 weeks in a rolling year. A fit note is needed after 7 days."]
NO_CARRY = ["Unused annual leave cannot be carried over into the next year. Ask HR about exceptions."]


def test_an_answer_that_restates_the_question_is_supported(default_verifier, embedder, tmp_path):
    question, claim = "What is the monthly gym stipend?", "The monthly gym stipend is €50/month."
    assert default_verifier.check(claim, GYM, question=question).supported
    # the mechanism, without the embedder's similarity to lean on: read without its question, the claim's coverage
    # is 0.6 ("monthly", "stipend" are not in the passage) and it is flagged; with it, every word it adds is there
    lexical = SupportChecker(None)
    assert not lexical.check(claim, GYM).supported and lexical.check(claim, GYM).coverage < 0.7
    assert lexical.check(claim, GYM, question).supported and lexical.check(claim, GYM, question).coverage == 1.0
    assert load_verifier(Workspace(tmp_path / "ws"), embedder).question_aware


def test_a_number_taken_from_another_sentence_is_not_supported(default_verifier):
    question = "How many days of annual leave do UK employees get?"
    assert default_verifier.check("UK employees get 27 days of annual leave.", LEAVE, question=question).supported
    wrong = default_verifier.check("UK employees get 26 days of annual leave.", LEAVE, question=question)
    assert not wrong.supported and any("number" in r for r in wrong.reasons), wrong.reasons


def test_a_yes_no_that_contradicts_the_passage_is_not_supported(default_verifier):
    question = "Can I carry over unused annual leave?"
    assert not default_verifier.check("Yes, you can carry over unused annual leave.", NO_CARRY,
                                      question=question).supported
    assert default_verifier.check("No, unused annual leave cannot be carried over.", NO_CARRY,
                                  question=question).supported


def test_the_learned_verifier_on_the_same_cases(learned):
    assert learned.question_aware
    assert learned.check("UK employees get 27 days of annual leave.", LEAVE,
                         question="How many days of annual leave do UK employees get?").supported
    assert not learned.check("UK employees get 26 days of annual leave.", LEAVE,
                             question="How many days of annual leave do UK employees get?").supported
    f = claim_features("What is the monthly gym stipend?", "The monthly gym stipend is €50/month.", GYM,
                       learned.embedder)
    assert set(f) == set(FEATURES) and f["novel_coverage"] > f["coverage"] and f["missing_number"] == 0.0


def test_weights_are_plain_json_with_a_manifest(learned):
    data = json.loads(WEIGHTS_FILE.read_text())
    assert data["features"] == list(FEATURES) and len(data["coef"]) == len(FEATURES)
    assert data["trained_on"]["split"] == "calibration" and data["trained_on"]["claims"] > 0
    assert data["script"] == "bench/bench_verifier.py --fit" and "held_out" in data
    assert isinstance(data["beats_threshold_verifier"], bool)


@pytest.mark.parametrize("beats", [True, False])
def test_the_learned_verifier_is_used_only_when_it_beat_the_threshold_verifier(tmp_path, monkeypatch, embedder,
                                                                                beats):
    weights = tmp_path / "learned.json"
    weights.write_text(json.dumps({**json.loads(WEIGHTS_FILE.read_text()), "beats_threshold_verifier": beats}))
    monkeypatch.setattr(learned_module, "WEIGHTS_FILE", weights)
    chosen, info = choose_verifier(Workspace(tmp_path / "ws"), embedder)
    assert chosen.question_aware and info["real_answers"]["n"] > 0
    if beats:
        assert info["used"] == "learned" and hasattr(chosen, "coef")
    else:
        assert info["used"] == "default_thresholds" and "did not beat" in info["why"]


def test_falls_back_to_the_threshold_verifier_when_absent_or_stale(tmp_path, monkeypatch, embedder):
    stale = tmp_path / "old.json"
    stale.write_text(json.dumps({**json.loads(WEIGHTS_FILE.read_text()), "features": ["coverage"]}))
    assert load_learned(stale, embedder) is None and load_learned(tmp_path / "missing.json", embedder) is None
    monkeypatch.setattr(learned_module, "WEIGHTS_FILE", tmp_path / "missing.json")
    chosen, info = choose_verifier(Workspace(tmp_path / "ws"), embedder)
    assert info["used"] == "default_thresholds" and "no learned verifier" in info["why"]
    assert chosen.question_aware  # still reads claims with their question
