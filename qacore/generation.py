"""Text generation behind one small interface, for every stage that needs an LLM.

    generator = make_generator("embedded:SmolLM2-135M-Instruct")      # or a HF id / local folder
    generator = make_generator("openai:gpt-4o-mini", base_url=...)    # any OpenAI-compatible server
    results = generator.generate([messages, messages, ...], max_new_tokens=64)

Backends are looked up in BACKENDS by the spec's prefix ("openai:..."); anything else is a local causal LM.
Tests register fakes in BACKENDS, exactly where the real backends are found.

Decoding is always greedy: the dataset, `qa ask` and `qa eval` must be repeatable run to run, and a cached
answer must be the answer the model would give again. Local generation uses continuous batching
(qacore.decoding): each prompt is prefilled alone, all running prompts decode together, and a finished answer
leaves the batch at once. The speed-up over one-by-one pipeline calls is in BENCHMARKS.md.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from qacore.errors import ModelNotAvailableError, QAError

Messages = list[dict[str, str]]


@dataclass
class Generation:
    text: str
    prompt_tokens: int
    new_tokens: int
    seconds: float  # wall time of the batch (or request) this answer came from, divided by its size


class Generator(Protocol):
    identity: dict  # backend, model id, content hashes: what a cache key needs to know

    def generate(self, conversations: Sequence[Messages], max_new_tokens: int = 128, progress=None) -> list[Generation]:
        ...


def pick_device(requested: str = "auto") -> str:
    if requested != "auto":
        return requested
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def _cuda_bf16() -> bool:
    import torch

    return torch.cuda.is_bf16_supported()


class LocalGenerator:
    """A Hugging Face causal LM on this machine (the embedded SmolLM2 by default), optionally with a LoRA
    adapter from `qa finetune`."""

    def __init__(self, spec: str, adapter: str | os.PathLike | None = None, device: str = "auto", batch_size: int = 16):
        from qacore.models import folder_hash, resolve_generator_model
        from qacore.workspace import sha256_text

        # The identity (content hashes) is known without loading weights, so a run whose generations are all
        # cached never loads the model at all.
        self.spec, self.adapter, self.batch_size = spec, adapter, batch_size
        self.resolved = resolve_generator_model(spec)
        # Device and dtype change greedy outputs (bf16 on a GPU vs float32 here), and a chat template kept in its
        # own .jinja file changes every prompt without touching the weights: all are part of what is cached.
        self.device = pick_device(device)
        self.dtype = "bfloat16" if self.device.startswith("cuda") and _cuda_bf16() else "float32"
        templates = sorted(self.resolved.path.glob("*.jinja")) if self.resolved.path.is_dir() else []
        self.identity = {"backend": "local", "model_id": self.resolved.model_id,
                         "model_hash": self.resolved.content_hash,
                         "adapter_hash": folder_hash(Path(adapter)) if adapter is not None else None,
                         "device": self.device.split(":")[0], "dtype": self.dtype,
                         "template_hash": sha256_text("".join(t.read_text(encoding="utf-8") for t in templates))
                         if templates else None}
        self.model = self.tokenizer = None

    def load(self) -> None:
        if self.model is not None:
            return
        from qacore.models import load_causal_lm

        print(f"qa: loading generator {self.spec}" + (f" + adapter {self.adapter}" if self.adapter else ""),
              file=sys.stderr)
        model, self.tokenizer, _ = load_causal_lm(self.spec, dtype=self.dtype, device=self.device)
        if self.adapter is not None:
            import warnings

            from peft import PeftModel

            with warnings.catch_warnings():  # peft calls a transformers property deprecated in 5.x: noise for users
                warnings.filterwarnings("ignore", message=".*is_gradient_checkpointing.*", category=FutureWarning)
                model = PeftModel.from_pretrained(model, str(self.adapter)).to(self.device)
            model.eval()
        self.model = model

    def render(self, messages: Messages) -> str:
        from qacore.prompting import render_chat

        self.load()
        return render_chat(self.tokenizer, messages)

    def generate(self, conversations: Sequence[Messages], max_new_tokens: int = 128, progress=None) -> list[Generation]:
        from qacore.decoding import greedy_decode, supports_continuous_batching

        if not conversations:
            return []
        prompts = [self.render(m) for m in conversations]
        ids = [self.tokenizer(p, add_special_tokens=False).input_ids for p in prompts]
        stop_ids = {self.tokenizer.eos_token_id}
        im_end = self.tokenizer.convert_tokens_to_ids("<|im_end|>")
        if isinstance(im_end, int) and im_end != self.tokenizer.unk_token_id:
            stop_ids.add(im_end)
        # longest first: rows of similar length share the batch (little padding), and an out-of-memory shows at once
        order = sorted(range(len(prompts)), key=lambda i: -len(ids[i]))
        began = time.perf_counter()
        if supports_continuous_batching(self.model):
            new_ids = greedy_decode(self.model, [ids[i] for i in order], max_new_tokens=max_new_tokens,
                                    stop_ids=stop_ids, max_batch=self.batch_size,
                                    on_done=(lambda _: progress(1)) if progress is not None else None)
        else:
            new_ids = self._generate_padded([ids[i] for i in order], max_new_tokens, stop_ids, progress)
        seconds = (time.perf_counter() - began) / len(prompts)  # throughput view: the call's time per answer
        results: list[Generation | None] = [None] * len(prompts)
        for i, tokens in zip(order, new_ids, strict=True):
            text = self.tokenizer.decode(tokens, skip_special_tokens=True).strip()
            results[i] = Generation(text=text, prompt_tokens=len(ids[i]), new_tokens=len(tokens), seconds=seconds)
        return results  # type: ignore[return-value]

    def _generate_padded(self, prompts: list[list[int]], max_new_tokens: int, stop_ids: set[int],
                         progress=None) -> list[list[int]]:
        """`model.generate` on left-padded batches: for models qacore.decoding cannot batch (sliding windows...)."""
        import torch

        results = []
        for start in range(0, len(prompts), self.batch_size):
            rows = prompts[start:start + self.batch_size]
            batch = self.tokenizer.pad({"input_ids": rows}, return_tensors="pt").to(self.device)
            with torch.inference_mode():
                out = self.model.generate(**batch, max_new_tokens=max_new_tokens, do_sample=False,
                                          eos_token_id=sorted(stop_ids), pad_token_id=self.tokenizer.pad_token_id)
            for row in out[:, batch["input_ids"].shape[1]:].tolist():  # the new tokens, after the padded prompt
                results.append(row[:next((j for j, t in enumerate(row) if t in stop_ids), len(row))])
            if progress is not None:
                progress(len(rows))
        return results


class OpenAIGenerator:
    """Any OpenAI-compatible chat endpoint: OpenAI, Azure OpenAI, vLLM, Ollama, TGI, llama.cpp server.
    The key comes from $OPENAI_API_KEY (local servers accept any value); requests run a few at a time."""

    def __init__(self, model: str, base_url: str | None = None, api_key: str | None = None, concurrency: int = 4):
        try:
            import openai
        except ImportError as exc:  # pragma: no cover - openai is a dependency
            raise ModelNotAvailableError("the openai package is needed for openai: generators") from exc
        if not model:
            raise QAError("an OpenAI-compatible generator needs a model name: openai:MODEL")
        base_url = base_url or os.environ.get("OPENAI_BASE_URL")
        self.client = openai.OpenAI(base_url=base_url, api_key=api_key or os.environ.get("OPENAI_API_KEY") or "none",
                                    max_retries=2, timeout=120)
        self.model = model
        self.concurrency = concurrency
        self.identity = {"backend": "openai", "model_id": model, "base_url": str(self.client.base_url)}

    def _one(self, messages: Messages, max_new_tokens: int) -> Generation:
        import openai

        began = time.perf_counter()
        try:
            response = self.client.chat.completions.create(model=self.model, messages=messages, temperature=0,
                                                           max_tokens=max_new_tokens, seed=0)
        except openai.APIConnectionError as exc:
            raise QAError(f"cannot reach the OpenAI-compatible endpoint {self.client.base_url}: {exc}") from exc
        except openai.APIStatusError as exc:
            raise QAError(f"the endpoint {self.client.base_url} refused the request ({exc.status_code}): "
                          f"{exc.message}") from exc
        usage = response.usage
        return Generation(text=(response.choices[0].message.content or "").strip(),
                          prompt_tokens=usage.prompt_tokens if usage else 0,
                          new_tokens=usage.completion_tokens if usage else 0,
                          seconds=time.perf_counter() - began)

    def generate(self, conversations: Sequence[Messages], max_new_tokens: int = 128, progress=None) -> list[Generation]:
        with ThreadPoolExecutor(self.concurrency) as pool:
            futures = [pool.submit(self._one, m, max_new_tokens) for m in conversations]
            results = []
            for future in futures:
                results.append(future.result())
                if progress is not None:
                    progress(1)
        return results


# prefix -> factory(rest_of_spec, base_url=..., adapter=..., device=..., batch_size=...)
BACKENDS: dict[str, Callable[..., Generator]] = {
    "openai": lambda name, base_url=None, **_: OpenAIGenerator(name, base_url=base_url),
}


def make_generator(spec: str, *, base_url: str | None = None, adapter: str | os.PathLike | None = None,
                   device: str = "auto", batch_size: int = 16) -> Generator:
    prefix, sep, rest = spec.partition(":")
    if sep and prefix in BACKENDS:
        return BACKENDS[prefix](rest, base_url=base_url, adapter=adapter, device=device, batch_size=batch_size)
    if base_url:
        raise QAError(f"--base-url is only for OpenAI-compatible generators; write the generator as openai:{spec}")
    return LocalGenerator(spec, adapter=adapter, device=device, batch_size=batch_size)
