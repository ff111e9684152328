"""Greedy decoding with continuous batching: prefill each prompt alone, decode all running prompts together.

    outputs = greedy_decode(model, [[ids of prompt 1], [ids of prompt 2], ...], max_new_tokens=96,
                            stop_ids={2}, max_batch=16)   # -> new token ids per prompt, stop token excluded

How it runs:
1. A prompt joins the running batch by a forward pass over it alone (no padding, the causal fast path). That
   pass gives its first token and its KV cache.
2. Each step feeds the running batch its last tokens, one per row, and picks every row's next token.
3. A row leaves as soon as it emits a stop token or reaches max_new_tokens, and the next waiting prompt takes
   its place.

Rows have different lengths, so the batch's KV cache is left-padded. An attention mask hides the padding and
each row gets its own position ids, so a row computes what it would compute alone. Greedy answers match
one-by-one generation; bench/bench_eval.py checks this on every run.

Written by hand because the library paths measured slower on CPU (2 cores, SmolLM2-135M, numbers in
BENCHMARKS.md):
- `model.generate` on a padded batch keeps decoding finished rows until the longest row stops.
- It also prefills padded prompts through sdpa's masked path: 4 x 1,244-token prompts took 4.4 s per row,
  against 3.3 s for one prompt alone.
- transformers' own continuous batching (`generate_batch`, paged attention) took 52 s for 16 closed-book
  answers; one-by-one pipeline calls took 45-53 s.

Models whose cache is not a plain per-layer key/value cache (sliding windows, recurrent state) are refused with
ValueError. The caller falls back to `model.generate` for them (qacore.generation).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence


def supports_continuous_batching(model) -> bool:
    """Plain decoder-only attention: every layer's cache is keys/values of shape (batch, kv_heads, seq, head_dim)."""
    config = getattr(model, "config", None)
    text_config = config.get_text_config(decoder=True) if config is not None else None
    if text_config is None or getattr(text_config, "is_encoder_decoder", False):
        return False
    sliding = bool(getattr(text_config, "sliding_window", None))
    mixed_layers = any(t != "full_attention" for t in getattr(text_config, "layer_types", None) or [])
    return not (sliding or mixed_layers)


def greedy_decode(model, prompts: Sequence[Sequence[int]], *, max_new_tokens: int, stop_ids: set[int],
                  max_batch: int = 16, on_done: Callable[[int], None] | None = None) -> list[list[int]]:
    """New token ids for each prompt, greedy, in the prompts' order; a stop token ends a row and is not returned.
    on_done(i) is called as prompt i finishes (for progress bars)."""
    import torch

    if not supports_continuous_batching(model):
        raise ValueError(f"{type(model).__name__} has no plain key/value cache; use model.generate")
    device = next(model.parameters()).device
    cache_arg = _cache_argument(model)
    outputs: list[list[int]] = [[] for _ in prompts]
    waiting = list(range(len(prompts)))  # served in this order
    rows: list[int] = []  # prompt index of each running row
    cache = None  # DynamicCache over the running rows, left-padded: keys/values (rows, kv_heads, width, head_dim)
    mask = last = None  # (rows, width): 1 = real token, 0 = padding; (rows,): the token each row feeds next

    def finished(i: int, token: int) -> bool:
        if token in stop_ids:
            return True
        outputs[i].append(token)
        return len(outputs[i]) >= max_new_tokens

    def done(i: int) -> None:
        if on_done is not None:
            on_done(i)

    if max_new_tokens <= 0:
        return outputs
    with torch.inference_mode():
        while waiting or rows:
            # 1. fill the batch: each newcomer is prefilled alone and its cache padded into the batch's
            while waiting and len(rows) < max_batch:
                i = waiting.pop(0)
                ids = torch.tensor([list(prompts[i])], device=device)  # (1, prompt_len)
                out = model(input_ids=ids, use_cache=True, logits_to_keep=1)  # logits (1, 1, vocab)
                token = int(out.logits[0, -1].argmax())
                if finished(i, token):
                    done(i)
                    continue
                cache, mask = _join(cache, mask, _returned_cache(out), ids.shape[1])
                rows.append(i)
                new = torch.tensor([token], device=device)
                last = new if last is None else torch.cat([last, new])
            if not rows:
                break
            # 2. one step for every running row; a row's position is its count of real tokens before this one
            mask = torch.cat([mask, mask.new_ones(len(rows), 1)], dim=1)
            positions = mask.sum(dim=1, keepdim=True) - 1  # (rows, 1)
            out = model(input_ids=last[:, None], attention_mask=mask, position_ids=positions,
                        use_cache=True, **{cache_arg: cache})
            cache = _returned_cache(out)
            last = out.logits[:, -1].argmax(dim=-1)  # (rows,)
            # 3. finished rows leave; the cache and mask keep the others
            keep = []
            for r, (i, token) in enumerate(zip(rows, last.tolist(), strict=True)):
                if finished(i, token):
                    done(i)
                else:
                    keep.append(r)
            if len(keep) < len(rows):
                rows = [rows[r] for r in keep]
                if not rows:
                    cache = mask = last = None
                    continue
                index = torch.tensor(keep, device=device)
                cache.batch_select_indices(index)
                mask, last = mask[index], last[index]
                cache, mask = _trim(cache, mask)
    return outputs


def _cache_argument(model) -> str:
    """transformers 5.24 renamed forward's `past_key_values` to `cache` (the old name warns); older ones lack it."""
    import inspect

    inner = model.get_base_model() if hasattr(model, "get_base_model") else model  # under a peft wrapper
    return "cache" if "cache" in inspect.signature(inner.forward).parameters else "past_key_values"


def _returned_cache(out):
    return out.cache if getattr(out, "cache", None) is not None else out.past_key_values


def _join(cache, mask, new_cache, new_len: int):
    """The batch cache with one more row (a prompt prefilled alone), both left-padded to the wider one.
    Layer by layer and in place, so only one layer's old and new tensors are alive at a time (a cache of 16
    rows x 1,300 tokens is ~1 GB for SmolLM2-135M)."""
    import torch
    import torch.nn.functional as F

    new_mask = torch.ones(1, new_len, dtype=torch.long, device=new_cache.layers[0].keys.device)
    if cache is None:
        return new_cache, new_mask
    width = max(mask.shape[1], new_len)

    def pad_seq(t, to):  # (rows, heads, seq, dim) -> left-pad seq
        return F.pad(t, (0, 0, to - t.shape[2], 0)) if t.shape[2] < to else t

    for layer, new_layer in zip(cache.layers, new_cache.layers, strict=True):
        layer.keys = torch.cat([pad_seq(layer.keys, width), pad_seq(new_layer.keys, width)])
        layer.values = torch.cat([pad_seq(layer.values, width), pad_seq(new_layer.values, width)])
    mask = torch.cat([F.pad(mask, (width - mask.shape[1], 0)), F.pad(new_mask, (width - new_len, 0))])
    return cache, mask


def _trim(cache, mask):
    """Drop leading columns that are padding in every row (left behind when the longest row leaves)."""
    used = mask.any(dim=0).nonzero()
    start = int(used[0]) if len(used) else 0
    if start:
        for layer in cache.layers:
            layer.keys, layer.values = layer.keys[:, :, start:], layer.values[:, :, start:]
    return cache, mask[:, start:]
