"""`qa finetune`: LoRA (PEFT) on the generated Q&A pairs. Not built yet: see the finetune issue."""
