"""`qa finetune`: teach a model the company's answers from the workspace's Q&A dataset.

Read in this order (LoRA on a local causal LM, the default):

- `lora`        the training recipe, top to bottom: data -> base model + LoRA -> accelerate loop -> publish
- `data`        dataset pairs -> prompts (qacore.prompting, closed-book or RAFT-style with retrieved context)
                -> token ids with an answer-only loss mask; length-grouped batches
- `checkpoint`  resumable, atomic, pickle-free checkpoints (`qa finetune --resume`)
- `export`      adapter + base -> one merged transformers folder (`qa export-model`, `--merge`)

Output: `.qa/models/NAME/` with `adapter/` (PEFT) and `manifest.json` (qacore.artifacts), which `qa ask` and
`qa eval` load. Nothing here imports torch at package import time, so `qa --help` stays fast.
"""

import os

# Before torch loads OpenMP: threads waiting at the end of a parallel region sleep instead of spinning. LoRA runs
# thousands of small matmuls per step; on a machine whose cores are also busy with anything else (other jobs,
# or several DDP processes on one box) a spinning thread waits for a descheduled peer at every one of them.
# Measured on 2 shared cores: 7.8 s/step instead of 27.6 s/step. Export OMP_WAIT_POLICY=ACTIVE to opt out.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
