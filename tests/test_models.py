"""Model resolution offline: embedded defaults, local folders, and a clear error otherwise."""

import pytest

from qacore.errors import ModelNotAvailableError
from qacore.models import load_causal_lm, resolve_embedding_model, resolve_generator_model


def test_embedded_embedding_model_resolves():
    resolved = resolve_embedding_model("embedded:all-MiniLM-L6-v2")
    assert (resolved.path / "model.safetensors").is_file()
    assert len(resolved.content_hash) == 64
    assert resolve_embedding_model(str(resolved.path)).content_hash == resolved.content_hash


def test_unknown_hub_id_is_a_clear_offline_error(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelNotAvailableError) as info:
        resolve_embedding_model("some-org/not-a-cached-model")
    message = str(info.value)
    assert "never downloads" in message and "huggingface-cli download some-org/not-a-cached-model" in message
    with pytest.raises(ModelNotAvailableError, match="unknown embedded"):
        resolve_generator_model("embedded:gpt-17")


def test_embedded_generator_is_cached_as_safetensors_and_generates():
    resolved = resolve_generator_model("embedded:SmolLM2-135M-Instruct")
    assert (resolved.path / "model.safetensors").is_file() and (resolved.path / "qa_source.json").is_file()
    model, tokenizer, again = load_causal_lm("embedded:SmolLM2-135M-Instruct")
    assert again.path == resolved.path  # second resolve reuses the cache, no second dequantization
    assert sum(p.numel() for p in model.parameters()) > 100_000_000
    prompt = tokenizer.apply_chat_template([{"role": "user", "content": "What is the capital of France?"}],
                                           tokenize=False, add_generation_prompt=True)
    inputs = tokenizer(prompt, return_tensors="pt")
    out = model.generate(**inputs, max_new_tokens=8, do_sample=False)
    answer = tokenizer.decode(out[0, inputs["input_ids"].shape[1]:], skip_special_tokens=True)
    assert "Paris" in answer


def test_fast_query_path_matches_batch_embedding():
    from qacore.embedder import Embedder

    embedder = Embedder("embedded:all-MiniLM-L6-v2", dtype="float32")
    for query in ("VPN?", "How many days of annual leave do UK employees get?", "policy " * 400):
        assert float(embedder.embed_query(query) @ embedder.embed([query])[0]) > 0.9999
    assert embedder._traced is not False  # the traced encoder applies to MiniLM on CPU


def test_generation_identity_covers_a_separate_chat_template_and_the_dtype(tmp_path):
    from qacore.generation import LocalGenerator

    folder = tmp_path / "my-model"
    folder.mkdir()
    (folder / "config.json").write_text('{"model_type": "llama"}')
    (folder / "chat_template.jinja").write_text("{{ messages[0].content }}")
    before = LocalGenerator(str(folder), device="cpu").identity  # no weights are loaded for the identity
    assert before["device"] == "cpu" and before["dtype"] == "float32"
    (folder / "chat_template.jinja").write_text("<s>{{ messages[0].content }}")  # every prompt changes
    after = LocalGenerator(str(folder), device="cpu").identity
    assert after["template_hash"] != before["template_hash"] and after["model_hash"] == before["model_hash"]


def test_two_processes_preparing_the_same_model_copy_both_succeed(tmp_path):
    from qacore.models import _publish_model_copy

    target = tmp_path / "SmolLM2-copy"
    for process in ("first", "second"):  # both found no copy, both wrote one; the second rename meets the first
        tmp = tmp_path / f".tmp-{process}"
        tmp.mkdir()
        (tmp / "config.json").write_text(f'{{"by": "{process}"}}')
        _publish_model_copy(tmp, target)
        assert not tmp.exists()
    assert (target / "config.json").read_text() == '{"by": "first"}'
    broken = tmp_path / ".tmp-third"
    broken.mkdir()
    (broken / "x").write_text("x")
    (target / "config.json").rename(target / "notes.txt")  # a folder in the way that is not a model copy: an error
    with pytest.raises(OSError):
        _publish_model_copy(broken, target)


def test_plain_embedding_path_gives_sentence_transformers_vectors(tiny_embedding_model, tmp_path):
    """MiniLM-style layouts run on transformers alone (no 7-9 s sentence-transformers import) with the same
    vectors; other layouts (here a Dense layer, CLS pooling) still load, through sentence-transformers."""
    from sentence_transformers import SentenceTransformer, models

    from qacore.embedder import Embedder, plain_layout

    texts = ["How many days of annual leave do I get?", "  VPN  ", "policy " * 400, "Ünïcode — “quotes”"]
    minilm = Embedder("embedded:all-MiniLM-L6-v2", dtype="float32")
    for embedder in (minilm, Embedder(str(tiny_embedding_model), dtype="float32")):
        assert embedder._st is None and embedder.pooling == "mean"
        reference = SentenceTransformer(str(embedder.resolved.path), device="cpu").encode(
            texts, normalize_embeddings=True)
        assert float((embedder.embed(texts) * reference).sum(axis=1).min()) > 0.9999
    assert minilm.max_seq_length == 256 and minilm.dim == 384

    bert = tiny_embedding_model.parent / "bert"
    for name, modules, plain in (
        ("cls", [models.Transformer(str(bert), max_seq_length=64), models.Pooling(32, pooling_mode="cls")], "cls"),
        ("dense", [models.Transformer(str(bert), max_seq_length=64), models.Pooling(32, pooling_mode="mean"),
                   models.Dense(32, 16)], None),
    ):
        folder = tmp_path / name
        SentenceTransformer(modules=modules).save(str(folder))
        layout = plain_layout(folder)
        assert (layout or {}).get("pooling") == plain
        embedder = Embedder(str(folder), dtype="float32")
        assert (embedder._st is None) == (plain is not None) and embedder.max_seq_length == 64
        reference = SentenceTransformer(str(folder), device="cpu").encode(texts, normalize_embeddings=True)
        assert embedder.embed(texts).shape == reference.shape
        assert float((embedder.embed(texts) * reference).sum(axis=1).min()) > 0.9999
