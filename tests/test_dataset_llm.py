"""LLM generation for the dataset: prompt templates, robust parsing, paraphrases, entity swaps, the cache.

A fake generator is registered in qacore.generation.BACKENDS, where the real backends are found, and the
dataset is built through the real `build_dataset` with the real MiniLM embedder and retriever. One test runs
the real embedded SmolLM2 on two chunks.
"""

from __future__ import annotations

import re

import pytest

from ingest.dataset.build import build_dataset, read_pairs, round_trip_problem
from ingest.dataset.llm import LLMStats, fact_sentences, load_prompt, parse_question, question_candidates
from ingest.dataset.swaps import entity_swaps
from ingest.pipeline import run_ingest
from qacore import generation
from qacore.generation import Generation
from qacore.workspace import Workspace

# numbered section headings ("## 1. Hotels"): a subject heading anywhere in a chunk gets "What should I know about
# hotels?" (from_headings.py), which would cover these facts before the LLM sees them; numbered parts are refused
DOCS = {
    "travel.md": "# Travel Policy\n\n## 1. Hotels\n\nHotel bookings above GBP 180 per night need approval from your "
                 "line manager before you book.\nLondon hotel stays are booked through the\nTravelDesk portal by "
                 "the employee.\n\n## 2. Trains\n\nStandard class is the default for UK trains under 3 hours; first "
                 "class needs a director's approval.\n",
    "leave.md": "# Leave Policy\n\n## 1. Allowance\n\nUK employees get 27 days of annual leave plus public holidays "
                "each year.\n\n## 2. Carry over\n\nUp to 5 unused days can be carried into the next leave year in "
                "the UK office.\n",
    "vpn.md": "# VPN Guide\n\n## 1. Connecting\n\nConnect with GlobalProtect to vpn.fernhill.example before opening "
              "internal tools.\n\n## 2. Sessions\n\nA VPN session disconnects after 12 hours and asks you to sign in "
              "again.\n\n## FAQ\n\n### How do I install GlobalProtect on a Mac?\n\nDownload GlobalProtect from the Self "
              "Service app and sign in with your company account.\n\n### Do London staff need the VPN in the "
              "office?\n\nNo, the London office network reaches internal tools without the VPN.\n",
}


class FakeGenerator:
    """Answers like a small model would: a question for most facts, a preamble for facts about trains (a parse
    failure), and paraphrases that keep names and numbers."""

    calls = 0
    facts: list[str] = []  # every fact it was asked to write a question for

    def __init__(self, name: str, **_):
        self.identity = {"backend": "fake", "model_id": f"fake:{name}"}

    def generate(self, conversations, max_new_tokens=128, progress=None):
        FakeGenerator.calls += len(conversations)
        out = []
        for messages in conversations:
            prompt = messages[-1]["content"]
            if prompt.startswith("Document:"):
                fact = prompt.split("Fact: ", 1)[1]
                FakeGenerator.facts.append(fact)
                if "class" in fact:
                    text = "Sure! Here is a question you could ask."
                else:
                    words = [w for w in re.findall(r"[A-Za-z]+", fact) if len(w) > 4][:3]
                    text = f"Question: What does the policy say about {' '.join(words)}?"
            else:
                text = f"Could you tell me {prompt[0].lower()}{prompt[1:]}"
            out.append(Generation(text, 10, 8, 0.0))
            if progress:
                progress(1)
        return out


@pytest.fixture
def fake_backend(monkeypatch):
    monkeypatch.setitem(generation.BACKENDS, "fake", FakeGenerator)
    FakeGenerator.calls = 0
    return FakeGenerator


@pytest.fixture
def workspace(tmp_path):
    from qacore.config import load_config

    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in DOCS.items():
        (docs / name).write_text(text)
    ws = Workspace(tmp_path / "ws")
    # the LLM path is under test: sentence rules off, or they would cover these facts before the LLM sees them
    config = load_config(None, {"ingest.redact": False, "dataset.generator": "fake:tiny",
                                "dataset.sentence_questions_per_chunk": 0})
    run_ingest([docs], ws, config, progress=False, log=lambda m: None)
    return ws, config, docs


def test_parse_question_reads_common_shapes_and_refuses_the_rest():
    assert parse_question("What is the VPN timeout?") == "What is the VPN timeout?"
    assert parse_question("Question: When is the desk open?\nAnswer: 8-6") == "When is the desk open?"
    assert parse_question("1. **Question:** Who approves hotels? Because...") == "Who approves hotels?"
    assert parse_question('```json\n{"question": "How long is a VPN session?",}\n```') == "How long is a VPN session?"
    assert parse_question("{'question': 'Who owns the laptop pool?'}") == "Who owns the laptop pool?"
    assert parse_question('"Where do I book trains?"') == "Where do I book trains?"
    assert parse_question("Sure! Here is a question you could ask.") is None  # preamble first: unusable
    assert parse_question("The VPN disconnects after 12 hours.") is None  # an answer, not a question
    assert parse_question("") is None and parse_question("Why?") is None


def test_prompt_templates_are_versioned_package_data_and_substitute_safely():
    template = load_prompt("question_from_fact")
    assert re.fullmatch(r"question-from-fact-v\d+", template.version)
    messages = template.messages(document="Doc {x}", fact="Set {name} to {value}.")
    assert messages[0]["role"] == "system" and messages[-1]["role"] == "user"
    assert "Fact: Set {name} to {value}." in messages[-1]["content"]  # braces in documents survive
    assert [m["role"] for m in messages[1:-1]] == ["user", "assistant"] * len(template.examples)
    assert load_prompt("paraphrase_question").version.startswith("paraphrase-question-v")


def test_fact_sentences_join_wrapped_lines_and_skip_tables_and_headings():
    text = ("## Hotels\n\nLondon hotel stays are booked through the\nTravelDesk portal by the employee.\n\n"
            "| Grade | Limit |\n|---|---|\n| A | GBP 180 per night for every grade of staff here |\n\n"
            "Short one.\n\nHotel bookings above GBP 180 per night need approval from your line manager first.")
    spans = fact_sentences(text)
    sentences = [text[s:e] for s, e in spans]
    assert "London hotel stays are booked through the\nTravelDesk portal by the employee." in sentences
    assert not any(s.startswith(("|", "#")) or s == "Short one." for s in sentences)
    assert sentences[0].startswith("Hotel bookings above GBP 180")  # numbers first: the most fact-like


def test_round_trip_gate_wants_a_specific_question_that_finds_its_own_chunk_first():
    from types import SimpleNamespace

    chunk = SimpleNamespace(id=7, title="Leave Policy", heading_path=["Leave Policy", "Annual leave"])
    other = SimpleNamespace(id=8, title="Travel Policy", heading_path=[])
    fact = "UK employees get 27 days of annual leave plus bank holidays."

    class Retriever:  # the real Retriever's search(query, k) -> hits with .chunk, ranked by a fixed table
        def __init__(self, top):
            self.top = top

        def search(self, query, k):
            return [SimpleNamespace(chunk=self.top)][:k]

    finds_it = Retriever(chunk)
    assert round_trip_problem("How many days do UK employees get?", fact, chunk, finds_it) is None
    # shares only the title's words with its fact: a vague question, whatever it retrieves
    assert "key term" in round_trip_problem("What is the annual leave policy?", fact, chunk, finds_it)
    # specific, but another chunk answers it better: the pair would teach the wrong source
    assert "first" in round_trip_problem("How many days do UK employees get?", fact, chunk, Retriever(other))


def test_entity_swaps_use_neighbours_the_corpus_never_mentions():
    corpus = "UK employees get 27 days. The London office uses GlobalProtect. Lisbon has a loaner pool."
    swaps = entity_swaps(["How many days do UK employees get?", "What does the Lisbon office lend?",
                          "How do I print?"], corpus)
    assert [original for original, _, _ in swaps] == ["How many days do UK employees get?",
                                                      "What does the Lisbon office lend?"]
    for _, swapped, change in swaps:
        old, new = change.split(" -> ")
        assert old not in swapped and new in swapped and new not in corpus
    assert entity_swaps(["How many days do UK employees get?"], corpus) == swaps[:1]  # repeatable


def test_generation_with_fake_model_counts_failures_paraphrases_and_is_cached(workspace, fake_backend):
    ws, config, docs = workspace
    report = build_dataset(ws, config, eval_share=0.4)
    llm = report.llm
    assert llm["generator"] == "fake:tiny" and llm["prompts"] > 0 and llm["cache_hits"] == 0
    # the train-class fact got a preamble: a counted parse failure with its text kept, not a silent drop
    assert llm["parse_failures"] >= 1 and any("Here is a question" in e for e in llm["parse_failure_examples"])
    accepted, asked = (int(n) for n in llm["accepted_by_prompt"]["question-from-fact-v1"].split("/"))
    # rules off: no workspace examples, so one prompt per fact; a parse failure is not a candidate
    assert 0 < accepted <= asked < llm["facts_asked"]
    folder = ws.current_dataset()
    train, evaluation = read_pairs(folder / "train.jsonl"), read_pairs(folder / "eval.jsonl")
    generated = [p for p in train + evaluation if p["generator"].startswith("llm:")]
    assert generated, report.rejected
    for pair in generated:  # LLM questions carry an exact, extractive answer and the prompt version
        assert pair["prompt_version"].startswith("question-from-fact-v")
        assert pair["answer"].endswith(".") and pair["answer_span"][1] > pair["answer_span"][0]
    paraphrased = [p for p in evaluation if p["paraphrase_of"]]
    assert paraphrased and all(p["question"].startswith("Could you tell me") for p in paraphrased)
    assert llm["paraphrased"] == len(paraphrased)

    calls = fake_backend.calls
    again = build_dataset(ws, config, eval_share=0.4)
    assert fake_backend.calls == calls  # unchanged corpus: everything from the cache
    assert again.llm["cache_hits"] == again.llm["prompts"] == llm["prompts"]

    # a changed document regenerates only its own prompts
    (docs / "leave.md").write_text(DOCS["leave.md"].replace("27 days", "28 days").replace("Up to 5", "Up to 6"))
    run_ingest([docs], ws, config, progress=False, log=lambda m: None)
    build_dataset(ws, config, eval_share=0.4)
    assert 0 < fake_backend.calls - calls <= 3


def test_entity_swap_unanswerables_are_verified_and_split(workspace, fake_backend):
    ws, config, _ = workspace
    report = build_dataset(ws, config, eval_share=0.4)
    folder = ws.current_dataset()
    swaps = [p for f in ("train.jsonl", "unanswerable.jsonl") for p in read_pairs(folder / f)
             if p["generator"] == "swap:entity@1"]
    assert swaps
    corpus = " ".join(DOCS.values())
    for pair in swaps:
        assert not pair["answerable"] and pair["answer"].startswith("I don't know")
        assert pair["swapped"].split(" -> ")[1] not in corpus
    assert report.unanswerable_by_kind.get("bank", 0) >= 1


def test_real_embedded_model_writes_questions_for_two_chunks(workspace, tmp_path):
    """The real SmolLM2 on two chunks: every output is either a parsed question or a counted failure, and the
    second pass comes from the cache without generating."""
    from qacore.gencache import GenerationCache
    from qacore.generation import make_generator
    from qacore.store import Snapshot

    ws, _, _ = workspace
    chunks = [c for c in Snapshot.require(ws).iter_chunks() if fact_sentences(c.text)][:2]
    generator = make_generator("embedded:SmolLM2-135M-Instruct")
    cache = GenerationCache(tmp_path / "cache.sqlite")
    stats = LLMStats()
    pairs = question_candidates(chunks, generator, cache, 1, {}, stats)
    assert stats.prompts == 2 and len(pairs) + stats.parse_failures == 2
    for pair in pairs:
        assert pair.question.endswith("?") and pair.answer in chunks[[c.id for c in chunks].index(pair.chunk_id)].text
    again = LLMStats()
    assert [p.question for p in question_candidates(chunks, generator, cache, 1, {}, again)] == [
        p.question for p in pairs]
    assert again.cache_hits == 2


def test_llm_writes_only_for_chunks_nothing_else_covered(workspace, fake_backend):
    from qacore.config import load_config

    ws, rules_off, _ = workspace
    FakeGenerator.facts = []
    build_dataset(ws, rules_off, eval_share=0.4)
    asked_alone = list(FakeGenerator.facts)
    FakeGenerator.facts = []
    ws.generation_cache.unlink()  # ask again, not from the cache
    report = build_dataset(ws, load_config(None, {"ingest.redact": False, "dataset.generator": "fake:tiny"}),
                           eval_share=0.4)
    assert report.sentences["kept"] > 0 and asked_alone
    assert len(FakeGenerator.facts) < len(asked_alone)  # the rules covered some of what the LLM was asked
    folder = ws.current_dataset()
    pairs = read_pairs(folder / "train.jsonl") + read_pairs(folder / "eval.jsonl")
    covered = {p["chunk_id"] for p in pairs if not p["generator"].startswith(("llm:", "swap:"))}
    from qacore.store import Snapshot

    texts = {c.id: c.text for c in Snapshot.require(ws).iter_chunks()}
    asked_in = {cid for cid, text in texts.items() for fact in FakeGenerator.facts if fact in text}
    assert not asked_in & covered


def test_each_fact_is_asked_again_with_the_workspaces_own_examples():
    from types import SimpleNamespace

    from ingest.dataset.llm import LLMStats, question_candidates

    seen = []

    class Recorder:
        identity = {"backend": "fake", "model_id": "fake:rec"}

        def generate(self, conversations, max_new_tokens=128, progress=None):
            seen.extend(conversations)
            return [Generation("How many days do UK employees get?", 5, 5, 0.0) for _ in conversations]

    text = "UK employees get 27 days of annual leave plus public holidays each year."
    chunk = SimpleNamespace(id=3, text=text, source="leave.md", title="Leave Policy", heading_path=[])
    shots = [("How many 15-minute breaks do you get?", "You get two 15-minute breaks per day."),
             ("When does the balance reset?", "The balance resets on the 10th of every month."),
             ("Who handles all press interactions?", "All press interactions are handled by the Office.")]
    stats = LLMStats()
    pairs = question_candidates([chunk], Recorder(), None, 1, {}, stats, shots=shots, variants=2)
    assert [p.extractor for p in pairs] == ["llm:question-from-fact-v1", "llm:question-from-fact-v1+own-shots"]
    fixed, own = seen
    assert "Hotel bookings above GBP 180" in fixed[1]["content"]  # the template's own example
    own_examples = [m["content"] for m in own[1:-1] if m["role"] == "assistant"]
    assert len(own_examples) == 2 and set(own_examples) <= {q for q, _ in shots}
    assert own[-1]["content"].endswith(text) and stats.facts_asked == 1 and stats.prompts == 2
    # the cap asks only the most fact-like facts
    plain = SimpleNamespace(id=4, text="Our teams like to write things down when they can manage it.",
                            source="x.md", title="X", heading_path=[])
    seen.clear()
    question_candidates([plain, chunk], Recorder(), None, 1, {}, LLMStats(), shots=shots, variants=1, max_facts=1)
    assert len(seen) == 1 and seen[0][-1]["content"].endswith(text)


def test_paraphrases_are_capped_and_spread(workspace, fake_backend):
    """dataset.paraphrase_max bounds the LLM's paraphrase prompts (18F: all ~400 eval questions took the default
    build to 3.3x its ingest); the ones asked are spread over the eval split, the rest keep their wording."""
    from ingest.dataset.build import spread

    assert spread(list(range(10)), 3) == [0, 3, 6] and spread(list(range(3)), 5) == [0, 1, 2]
    assert len(spread(list(range(401)), 100)) == 100
    assert spread(list(range(10)), 0) == []
    ws, config, _ = workspace
    capped = config.model_copy(update={"dataset": config.dataset.model_copy(update={"paraphrase_max": 0})})
    report = build_dataset(ws, capped, eval_share=0.4)
    evaluation = read_pairs(ws.current_dataset() / "eval.jsonl")
    assert evaluation and all(p["paraphrase_of"] is None for p in evaluation)
    assert report.llm["paraphrased"] == 0
    report = build_dataset(ws, config, eval_share=0.4)  # the default cap (100) leaves this small split whole
    assert report.llm["paraphrased"] == sum(p["paraphrase_of"] is not None
                                            for p in read_pairs(ws.current_dataset() / "eval.jsonl")) > 0


def test_the_embedded_models_questions_are_left_out_by_default(workspace, fake_backend, monkeypatch):
    """The embedded SmolLM2-135M's questions passed the hand check 3 times in 20 on 18F (round 25), below the default
    dataset.min_rule_quality: by default it writes none, and the report says why; at 0 it writes them again."""
    from qacore.config import load_config

    class Embedded135M(FakeGenerator):
        def __init__(self, name: str, **kwargs):
            super().__init__(name, **kwargs)
            self.identity = {"backend": "fake",
                             "model_id": "HuggingFaceTB/SmolLM2-135M-Instruct (GGUF Q4_1, dequantized)"}

    monkeypatch.setitem(generation.BACKENDS, "fake", Embedded135M)
    ws, config, _ = workspace
    assert config.dataset.min_rule_quality == 0.3  # the default
    report = build_dataset(ws, config, eval_share=0.4)
    assert report.llm["facts_asked"] == 0 and not report.llm["accepted_by_prompt"]
    assert "below dataset.min_rule_quality 0.3" in report.llm["questions_skipped"]
    keep_all = load_config(None, {"ingest.redact": False, "dataset.generator": "fake:tiny",
                                  "dataset.sentence_questions_per_chunk": 0, "dataset.min_rule_quality": 0})
    report = build_dataset(ws, keep_all, eval_share=0.4)
    assert report.llm["facts_asked"] > 0 and not report.llm["questions_skipped"]
