"""The answer-only training loss of `qa finetune` (finetune/lora.py) and its eval pass, as one module so DDP
wraps a single forward. Split out of lora.py, which had grown past 450 lines."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from finetune.data import IGNORE, collate


class AnswerLoss(torch.nn.Module):
    """The LoRA model and its loss on target tokens, as one module so DDP wraps a single forward.

    Returns (sum of token losses, number of target tokens). Two savings over `model(**batch).loss`, both exact:
    - the prompt prefix that every row of the batch shares (system prompt and chat markup) runs once, and its
      keys/values are repeated for each row; causal attention means the prefix never sees what follows, so
      every row gets the same attention as if it ran whole (about half the tokens of a closed-book prompt);
    - logits only where a target token is predicted, instead of every position x the whole vocabulary.
    """

    def __init__(self, lm):
        import inspect

        super().__init__()
        self.lm = lm
        base = lm.get_base_model() if hasattr(lm, "get_base_model") else lm
        accepts = inspect.signature(type(base).forward).parameters
        # transformers 5.x calls the KV cache `cache` (older models: `past_key_values`); models without a
        # cache argument run every row whole, models without `logits_to_keep` compute all logits
        self.cache_arg = next((a for a in ("cache", "past_key_values") if a in accepts), None)
        self.keeps_logits = "logits_to_keep" in accepts

    def forward(self, input_ids, attention_mask, labels, prefix_len):
        from transformers import DynamicCache

        targets = labels[:, 1:]
        predicts = torch.zeros_like(labels, dtype=torch.bool)  # position t predicts the target at t + 1
        predicts[:, :-1] = targets != IGNORE
        shared = int(prefix_len) if self.cache_arg else 0
        extra = {}
        if shared:
            cache = DynamicCache(config=self.lm.config)
            self.lm(input_ids=input_ids[:1, :shared], attention_mask=attention_mask[:1, :shared], use_cache=True,
                    **{self.cache_arg: cache}, **({"logits_to_keep": 1} if self.keeps_logits else {}))
            cache.batch_repeat_interleave(input_ids.shape[0])
            extra = {self.cache_arg: cache, "use_cache": True}
        if self.keeps_logits:
            extra["logits_to_keep"] = predicts[:, shared:]
        logits = self.lm(input_ids=input_ids[:, shared:], attention_mask=attention_mask, **extra).logits
        if not self.keeps_logits:
            logits = logits[predicts[:, shared:]]
        wanted = targets[targets != IGNORE]
        return F.cross_entropy(logits.float(), wanted, reduction="sum"), wanted.new_tensor(wanted.numel())


def mean_eval_loss(loss_model: AnswerLoss, examples, batch_size: int, pad_id: int, accelerator) -> float | None:
    """Mean loss per target token over the eval examples; each process takes every num_processes-th batch.
    Every process takes part in the reduce, even one with no batch, so no rank waits forever."""
    order = sorted(range(len(examples)), key=lambda i: -len(examples[i]))
    batches = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
    totals = torch.zeros(2, device=accelerator.device)
    loss_model.eval()
    with torch.no_grad(), accelerator.autocast():
        for rows in batches[accelerator.process_index::accelerator.num_processes]:
            batch = {k: v.to(accelerator.device) for k, v in collate([examples[i] for i in rows], pad_id).items()}
            loss_sum, n = loss_model(**batch)
            totals += torch.stack([loss_sum.float(), n.float()])
    loss_model.train()
    totals = accelerator.reduce(totals, reduction="sum")
    return float(totals[0] / totals[1]) if float(totals[1]) > 0 else None
