"""Tiny randomly initialised models built at test time, saved and loaded like real ones.

No model can be downloaded here, so tests build their own: the weights are
random, but the loading, tokenising, batching and pooling code is the real one.
"""
from __future__ import annotations

import json
from pathlib import Path

import torch
from transformers import BertConfig, BertModel, BertTokenizerFast

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def build_tiny_bert(directory: Path, texts: list[str], pooling: str = "mean", max_positions: int = 64) -> Path:
    """A 2-layer BERT with a character vocabulary drawn from `texts`."""
    directory.mkdir(parents=True, exist_ok=True)
    chars = sorted({c for t in texts for c in t if not c.isspace()})
    vocab = SPECIALS + chars + [f"##{c}" for c in chars]
    (directory / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = BertTokenizerFast(vocab_file=str(directory / "vocab.txt"), do_lower_case=False,
                                  tokenize_chinese_chars=True, model_max_length=max_positions)
    torch.manual_seed(0)
    config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=max_positions)
    BertModel(config).eval().save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    if pooling == "cls":
        (directory / "1_Pooling").mkdir(exist_ok=True)
        (directory / "1_Pooling" / "config.json").write_text(json.dumps({"pooling_mode_cls_token": True}))
    return directory
