"""The metrics registry: pure scoring functions on known examples, the annotate step, aggregation and CIs."""

import numpy as np
import pytest

from evalharness.metrics import (
    METRICS,
    aggregate,
    annotate,
    paired_bootstrap_diff,
    paired_metric_diff,
    rouge_l_score,
    score_item,
    token_f1_score,
)
from qacore.claims import CachingEmbedder, split_claims
from qacore.prompting import REFUSAL, is_refusal
from qacore.support import SupportChecker

EVIDENCE = ["UK employees accrue 27 days of annual leave per year, plus bank holidays.",
            "The VPN client is GlobalProtect; the portal is vpn.fernhill.example."]


def item(**kw):
    base = {"variant": "rag", "item_id": "q1", "question": "How many days of leave?", "reference": "27 days",
            "answerable": True, "answer": "UK employees get 27 days of annual leave [1].", "contexts": [], "rag": True,
            "source_chunk_id": 5, "source": "leave.md", "evidence": EVIDENCE, "retrieved_chunk_ids": [3, 5, 9],
            "latency_s": 1.5, "new_tokens": 12}
    base.update(kw)
    base["refused"] = is_refusal(base["answer"])
    return base


def test_registry_has_the_metrics_with_directions():
    expected = {"answer_correct", "token_f1", "rouge_l", "embedding_similarity", "hallucination_rate",
                "claim_unsupported_rate", "abstention", "over_refusal", "hit_at_k", "mrr", "latency_s", "new_tokens"}
    assert expected <= set(METRICS)
    lower = {n for n, m in METRICS.items() if not m.higher_is_better}
    assert lower == {"hallucination_rate", "claim_unsupported_rate", "over_refusal", "latency_s", "new_tokens",
                     "degenerate"}
    assert METRICS["abstention"].applies_to == "unanswerable" and METRICS["over_refusal"].applies_to == "answerable"


def test_token_f1_known_values():
    assert token_f1_score("27 days", "27 days") == 1.0
    assert token_f1_score("The 27 Days [1].", "27 days") == 1.0  # case, article, punctuation, citation ignored
    assert token_f1_score("bank holidays", "27 days") == 0.0
    assert token_f1_score("27 days of leave", "27 days") == pytest.approx(2 / 3)  # P 2/4, R 2/2


def test_rouge_l_known_value():
    # LCS "the cat on the mat" = 5 tokens: precision 5/6, recall 5/5 -> F 10/11
    assert rouge_l_score("the cat sat on the mat", "the cat on the mat") == pytest.approx(10 / 11)
    assert rouge_l_score("nothing shared", "the cat") == 0.0


def test_answer_correct_containment_and_numbers():
    score = METRICS["answer_correct"].score
    assert score(item()) == 1.0  # "27 days" is inside a full-sentence answer whose F1 is low
    assert token_f1_score(item()["answer"], "27 days") < 0.5
    assert score(item(answer="7 days")) == 0.0  # F1 0.5 but the number is wrong
    assert score(item(answer="30 days of leave")) == 0.0
    assert score(item(reference=None)) is None
    # short references: one content word of two is not enough, though plain token F1 is 2/3
    assert token_f1_score("End of training", "End of employment") >= 0.5
    assert score(item(answer="End of training", reference="End of employment")) == 0.0
    assert score(item(answer="At the end of your employment.", reference="End of employment")) == 1.0
    assert score(item(answer="Roles approved as remote by HR", reference="roles approved as remote")) == 1.0
    assert score(item(answer="Staff connect to Fernhill-Staff with Okta credentials [1]",
                      reference="Staff devices connect to Fernhill-Staff using Okta credentials")) == 1.0


def test_abstention_and_over_refusal():
    refused_unanswerable = item(answerable=False, reference=REFUSAL, answer=REFUSAL)
    answered_unanswerable = item(answerable=False, reference=REFUSAL, answer="You get a free lunch every Friday.")
    assert score_item(refused_unanswerable)["abstention"] == 1.0
    assert score_item(answered_unanswerable)["abstention"] == 0.0
    assert "over_refusal" not in score_item(refused_unanswerable)  # not in its population
    assert score_item(item(answer="I don't know.", refused=True))["over_refusal"] == 1.0
    assert score_item(item())["over_refusal"] == 0.0
    assert "abstention" not in score_item(item())


def test_hit_at_k_and_mrr():
    assert score_item(item())["hit_at_k"] == 1.0 and score_item(item())["mrr"] == 0.5
    miss = item(retrieved_chunk_ids=[1, 2])
    assert score_item(miss)["hit_at_k"] == 0.0 and score_item(miss)["mrr"] == 0.0
    closed = item(rag=False, retrieved_chunk_ids=[], variant="closed")
    assert score_item(closed)["hit_at_k"] is None and score_item(closed)["mrr"] is None
    result = aggregate([closed])["closed"]["hit_at_k"]
    assert result["value"] is None and result["n"] == 0 and result["unscored"] == 1


def test_split_claims_drops_citations_and_refusals():
    claims = split_claims("UK employees get 27 days [1]. The portal is vpn.fernhill.example [2][3], e.g. for "
                          "remote work.\n- Yes.\n" + REFUSAL)
    assert claims == ["UK employees get 27 days.", "The portal is vpn.fernhill.example, e.g. for remote work."]


@pytest.mark.parametrize("answer, refused", [
    (REFUSAL, True), ("", True), ("I'm sorry, but the context does not mention the dress code.", True),
    ("The dress code is not mentioned in the passages [2].", True), ("Unfortunately, I cannot find that.", True),
    # a refusal phrase inside an answer does not make it a refusal: the rest is a claim to check
    ("The policy does not mention a cap, but contractors get 30 days of paid leave per year.", False),
    ("Contractors get 30 days of paid leave; carry-over is not specified.", False),
    ("No. Contractors are not covered by the private health plan.", False),  # a fact, not a refusal
    ("Business class is available on some airlines, but it's not available on all flights.", False),
])
def test_a_refusal_refuses_and_says_nothing_else(answer, refused):
    assert is_refusal(answer) is refused


def test_an_invented_answer_wrapped_in_a_refusal_phrase_is_still_scored():
    invented = item(item_id="q5", answerable=False, reference=REFUSAL,
                    answer="The policy does not mention a cap, but contractors get 30 days of paid leave per year.")
    annotate([invented], SupportChecker())
    scores = score_item(invented)
    assert scores["abstention"] == 0.0 and scores["hallucination_rate"] == 1.0 and invented["claims"]


def test_hallucination_with_a_planted_unsupported_claim():
    good = item()
    planted = item(item_id="q2", answer="UK employees get 27 days of annual leave [1]. The VPN client is Cisco "
                                        "AnyConnect [2].")
    refusal = item(item_id="q3", answer=REFUSAL)
    unanswerable = item(item_id="q4", answerable=False, reference=REFUSAL, answer="Lunch is free on Fridays.")
    items = annotate([good, planted, refusal, unanswerable], SupportChecker())
    assert [c["supported"] for c in planted["claims"]] == [True, False]
    assert any("names not in evidence" in r for r in planted["claims"][1]["reasons"])
    scores = [score_item(i) for i in items]
    assert [s["hallucination_rate"] for s in scores] == [0.0, 1.0, 0.0, 1.0]
    assert scores[1]["claim_unsupported_rate"] == 0.5
    assert scores[2]["claim_unsupported_rate"] is None  # a refusal makes no claim
    # claim-level pooling: 1 unsupported of the 1 + 2 + 1 claims of the three answers that made claims
    agg = aggregate(items)["rag"]
    assert agg["claim_unsupported_rate"]["value"] == pytest.approx(2 / 4)
    assert agg["hallucination_rate"]["value"] == pytest.approx(2 / 4)
    assert agg["claim_unsupported_rate"]["n"] == 3 and agg["claim_unsupported_rate"]["unscored"] == 1


def test_unannotated_items_are_unscored_not_dropped():
    agg = aggregate([item(), item(item_id="q2")])["rag"]["hallucination_rate"]
    assert agg["value"] is None and agg["unscored"] == 2 and agg["n"] == 0


class BagOfLetters:
    """A deterministic stand-in embedder: normalized letter counts."""

    dim = 26

    def __init__(self):
        self.calls = 0

    def embed(self, texts):
        self.calls += len(texts)
        out = np.zeros((len(texts), 26), dtype=np.float32)
        for i, t in enumerate(texts):
            for ch in t.lower():
                if "a" <= ch <= "z":
                    out[i, ord(ch) - 97] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def test_embedding_similarity_is_computed_in_annotate():
    same = item(answer="27 days [1]")
    other = item(item_id="q2", answer="zzz")
    annotate([same, other], SupportChecker(), embedder=BagOfLetters())
    assert score_item(same)["embedding_similarity"] == pytest.approx(1.0)
    assert score_item(other)["embedding_similarity"] == pytest.approx(0.0)
    assert score_item(item())["embedding_similarity"] is None  # not annotated with an embedder


def test_caching_embedder_embeds_each_text_once():
    inner = BagOfLetters()
    cached = CachingEmbedder(inner)
    a = cached.embed(["alpha", "beta", "alpha"])
    b = cached.embed(["beta", "gamma"])
    assert inner.calls == 3 and np.allclose(a[0], a[2]) and np.allclose(a[1], b[0])


def test_aggregate_ci_contains_the_mean_and_is_narrow_for_constant_scores():
    rng = np.random.default_rng(1)
    items = [item(item_id=f"q{i}", variant="noisy", latency_s=float(x)) for i, x in enumerate(rng.uniform(0, 4, 60))]
    items += [item(item_id=f"c{i}", variant="constant", latency_s=2.0) for i in range(60)]
    agg = aggregate(items)
    noisy, constant = agg["noisy"]["latency_s"], agg["constant"]["latency_s"]
    assert noisy["ci"][0] < noisy["value"] < noisy["ci"][1]
    assert 0.3 < noisy["ci"][1] - noisy["ci"][0] < 1.5  # ~ 2 * 1.96 * sd/sqrt(n) = 0.58
    assert constant["value"] == 2.0 and constant["ci"] == [2.0, 2.0]
    assert noisy["n"] == 60 and noisy["unscored"] == 0 and noisy["higher_is_better"] is False
    assert list(agg) == ["noisy", "constant"]
    assert aggregate(items)["noisy"]["latency_s"]["ci"] == noisy["ci"]  # fixed seed: reproducible


def test_paired_bootstrap_diff():
    rng = np.random.default_rng(2)
    base = rng.uniform(0, 1, 80)
    shifted = paired_bootstrap_diff(list(base + 0.1), list(base))
    assert shifted["diff"] == pytest.approx(0.1) and shifted["ci"] == pytest.approx([0.1, 0.1])
    assert shifted["excludes_zero"]
    noise = paired_bootstrap_diff(list(base), list(rng.permutation(base)))
    assert noise["ci"][0] < 0 < noise["ci"][1] and not noise["excludes_zero"]
    with_none = paired_bootstrap_diff([1.0, None, 0.0], [0.0, 1.0, None])
    assert with_none["n"] == 1 and with_none["unpaired"] == 2 and with_none["diff"] == 1.0
    with pytest.raises(ValueError):
        paired_bootstrap_diff([1.0], [1.0, 2.0])


def test_paired_metric_diff_pairs_by_item_id():
    a = [item(item_id=f"q{i}", variant="tuned", answer="27 days") for i in range(5)]
    b = [item(item_id=f"q{i}", variant="base", answer="no idea" if i < 3 else "27 days") for i in range(5)]
    result = paired_metric_diff(b[::-1] + a, "token_f1", "tuned", "base")
    assert result["n"] == 5 and result["diff"] == pytest.approx(3 / 5) and result["higher_is_better"]


def test_bootstrap_ci_is_the_one_used_everywhere_and_handles_weights_and_constants():
    from evalharness import gates, metrics
    from evalharness.bootstrap import bootstrap_ci

    assert gates.bootstrap_ci is bootstrap_ci and metrics.bootstrap_ci is bootstrap_ci
    assert bootstrap_ci([1.0] * 7) == [1.0, 1.0] and bootstrap_ci([0.3]) == [0.3, 0.3]
    lo, hi = bootstrap_ci([0.0, 1.0] * 50, seed=3)
    assert lo < 0.5 < hi and hi - lo < 0.3
    assert bootstrap_ci([0.0, 1.0] * 50, seed=3) == [lo, hi]  # fixed seed: reproducible
    # weighted: the 1s weigh 3, the 0s weigh 1 -> mean 0.75, and the interval is around it, not around 0.5
    wlo, whi = bootstrap_ci([1.0, 0.0] * 40, [3.0, 1.0] * 40)
    assert wlo < 0.75 < whi and wlo > 0.6
