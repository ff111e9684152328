"""Continuous-batching greedy decoding (qacore.decoding) gives each prompt the tokens it gets alone.

A tiny Llama with random weights in float64 (so padding cannot flip a near-tie between two tokens), prompts of
different lengths, and stop tokens chosen from the reference outputs so that rows leave the batch at different
steps and waiting prompts take their places. The reference is `model.generate` on each prompt alone.
"""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")


@pytest.fixture(scope="module")
def tiny_model():
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=97, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=256,
                         initializer_range=0.3, bos_token_id=1, eos_token_id=2, pad_token_id=0)
    return LlamaForCausalLM(config).to(torch.float64).eval()


def alone(model, prompt: list[int], max_new_tokens: int, stop_ids: set[int]) -> list[int]:
    """The reference: transformers' generate on one unpadded prompt, cut at the first stop token."""
    with torch.inference_mode():
        out = model.generate(torch.tensor([prompt]), attention_mask=torch.ones(1, len(prompt), dtype=torch.long),
                             max_new_tokens=max_new_tokens, do_sample=False, eos_token_id=None, pad_token_id=0)
    new = out[0, len(prompt):].tolist()
    return new[:next((i for i, t in enumerate(new) if t in stop_ids), len(new))]


def prompts_of(lengths: list[int], seed: int = 1) -> list[list[int]]:
    generator = torch.Generator().manual_seed(seed)
    return [torch.randint(3, 97, (n,), generator=generator).tolist() for n in lengths]


@pytest.mark.parametrize("max_batch", [1, 2, 3, 8])
def test_batched_greedy_equals_each_prompt_alone(tiny_model, max_batch):
    from qacore.decoding import greedy_decode

    prompts = prompts_of([5, 17, 9, 30, 3, 12, 22])
    free = [alone(tiny_model, p, 12, set()) for p in prompts]
    # stop tokens taken from the middle of some outputs: those rows leave early, at different steps
    stop_ids = {free[0][3], free[3][7]}
    expected = [alone(tiny_model, p, 12, stop_ids) for p in prompts]
    assert len({len(e) for e in expected}) > 1, "the rows should finish at different steps"

    finished = []
    got = greedy_decode(tiny_model, prompts, max_new_tokens=12, stop_ids=stop_ids, max_batch=max_batch,
                        on_done=finished.append)
    assert got == expected
    assert sorted(finished) == list(range(len(prompts)))  # every prompt reported done exactly once


def test_a_prompt_whose_first_token_stops_returns_nothing(tiny_model):
    from qacore.decoding import greedy_decode

    prompts = prompts_of([6, 11, 4], seed=2)
    first = alone(tiny_model, prompts[1], 1, set())[0]
    got = greedy_decode(tiny_model, prompts, max_new_tokens=5, stop_ids={first}, max_batch=2)
    assert got[1] == []
    assert got == [alone(tiny_model, p, 5, {first}) for p in prompts]


def test_sliding_window_models_are_refused_so_the_caller_falls_back():
    from transformers import MistralConfig, MistralForCausalLM

    from qacore.decoding import greedy_decode, supports_continuous_batching

    model = MistralForCausalLM(MistralConfig(vocab_size=50, hidden_size=16, intermediate_size=32,
                                             num_hidden_layers=1, num_attention_heads=2, num_key_value_heads=1,
                                             sliding_window=8))
    assert not supports_continuous_batching(model)
    with pytest.raises(ValueError, match="model.generate"):
        greedy_decode(model, [[3, 4]], max_new_tokens=2, stop_ids=set())


@pytest.mark.parametrize("architecture", ["llama", "mistral-sliding-window"])
def test_local_generator_answers_as_each_prompt_alone(tmp_path, architecture):
    """Both paths of LocalGenerator.generate: continuous batching (Llama) and the padded model.generate
    fallback (a sliding-window Mistral), on a tiny model saved as a local folder with the SmolLM2 tokenizer."""
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM, MistralConfig, MistralForCausalLM

    from qacore.generation import LocalGenerator
    from qacore.models import resolve_generator_model
    from qacore.prompting import answer_messages, render_chat

    tokenizer = AutoTokenizer.from_pretrained(resolve_generator_model("embedded:SmolLM2-135M-Instruct").path)
    shape = dict(vocab_size=len(tokenizer), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                 num_attention_heads=4, num_key_value_heads=2, initializer_range=0.3,
                 bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
                 pad_token_id=tokenizer.pad_token_id)
    torch.manual_seed(0)
    if architecture == "llama":
        model = LlamaForCausalLM(LlamaConfig(**shape))
    else:
        model = MistralForCausalLM(MistralConfig(**shape, sliding_window=4096))
    model.save_pretrained(tmp_path)
    tokenizer.save_pretrained(tmp_path)

    questions = ["How many days of annual leave do I get?", "VPN?", "Who approves expenses above GBP 500 for travel?"]
    generator = LocalGenerator(str(tmp_path), device="cpu", batch_size=2)
    got = generator.generate([answer_messages(q) for q in questions], max_new_tokens=6)

    stop_ids = {tokenizer.eos_token_id, tokenizer.convert_tokens_to_ids("<|im_end|>")}
    for question, generation in zip(questions, got, strict=True):
        prompt = tokenizer(render_chat(tokenizer, answer_messages(question)), add_special_tokens=False).input_ids
        expected = alone(generator.model, prompt, 6, stop_ids)
        assert generation.new_tokens == len(expected)
        assert generation.text == tokenizer.decode(expected, skip_special_tokens=True).strip()
        assert generation.prompt_tokens == len(prompt)
