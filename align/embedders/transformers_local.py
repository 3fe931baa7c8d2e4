"""`transformers:PATH`: any local sentence-embedding model directory (LaBSE, multilingual-e5, ...).

Pooled as its sentence-transformers config asks (CLS or mean), on CUDA when
present; a model is never downloaded, so a missing directory is an error.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from corpus.batching import length_batches
from corpus.errors import InputError

from .base import EMBEDDERS, normalise


class TransformersEmbedder:
    """A local transformers encoder; pooling from `1_Pooling/config.json` when present, else mean.

    Texts longer than the model's window are cut into overlapping windows of
    tokens whose pooled vectors are averaged (weighted by window length), so
    nothing past the window is silently dropped.
    """

    usage = "transformers:PATH"

    def __init__(self, path: str | Path, batch_tokens: int = 8192, prefix: str | None = None) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        path = Path(path)
        if not (path / "config.json").is_file():
            raise InputError(path, "not a local transformers model directory (no config.json); models are never downloaded")
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
            self.model = AutoModel.from_pretrained(path, local_files_only=True)
        except (OSError, ValueError) as exc:
            raise InputError(path, f"cannot load the model: {str(exc).splitlines()[0]}") from None
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        self.model.to(self.device).eval()
        self.pooling = self._pooling_mode(path)
        self.prefix = prefix if prefix is not None else ("passage: " if "e5" in path.name.lower() else "")
        limit = getattr(self.model.config, "max_position_embeddings", 512)
        self.before, self.after = self._special_tokens()
        limit = min(int(getattr(self.tokenizer, "model_max_length", limit) or limit), limit)
        if getattr(self.model.config, "model_type", "") in ("xlm-roberta", "roberta"):
            limit -= 2  # their positions start after the padding index
        self.window = limit - len(self.before) - len(self.after)
        self.batch_tokens = batch_tokens
        self.id = f"transformers:{path.resolve().name}:{self.pooling}:{self._signature(path)}"

    @classmethod
    def from_spec(cls, argument: str | None) -> "TransformersEmbedder":
        if not argument:
            raise ValueError("the transformers embedder needs a model directory: transformers:PATH")
        return cls(argument)

    def _special_tokens(self) -> tuple[list[int], list[int]]:
        """The special tokens the tokenizer puts before and after a text (e.g. [CLS] ... [SEP])."""
        bare = self.tokenizer("a", add_special_tokens=False)["input_ids"]
        full = self.tokenizer("a", add_special_tokens=True)["input_ids"]
        for start in range(len(full) - len(bare) + 1):
            if full[start:start + len(bare)] == bare:
                return full[:start], full[start + len(bare):]
        return [], []

    @staticmethod
    def _pooling_mode(path: Path) -> str:
        config = path / "1_Pooling" / "config.json"
        if config.is_file():
            data = json.loads(config.read_text(encoding="utf-8"))
            if data.get("pooling_mode_cls_token"):
                return "cls"
        return "mean"

    def _signature(self, path: Path) -> str:
        """Short hash of what decides the vectors: where the model is, its weight files and the prefix."""
        parts = [str(path.resolve()), self.prefix, self.pooling]
        for weights in sorted(p for p in path.iterdir() if p.suffix in (".safetensors", ".bin") and p.is_file()):
            info = weights.stat()
            parts.append(f"{weights.name}:{info.st_size}:{info.st_mtime_ns}")
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]

    @staticmethod
    def _windows(ids: list[int], size: int) -> list[list[int]]:
        """Overlapping windows of at most `size` tokens covering `ids` (one empty window for no tokens)."""
        if len(ids) <= size:
            return [ids]
        stride = max(size * 3 // 4, 1)
        return [ids[s:s + size] for s in range(0, len(ids) - size + stride, stride) if ids[s:s + size]]

    def encode(self, texts: list[str], lang: str) -> np.ndarray:
        import torch

        hidden = self.model.config.hidden_size
        if not texts:
            return np.zeros((0, hidden), dtype=np.float32)
        pieces: list[tuple[int, list[int]]] = []  # (text index, token ids of one window)
        prefix = self.tokenizer(self.prefix, add_special_tokens=False)["input_ids"] if self.prefix else []
        for index, text in enumerate(texts):
            ids = self.tokenizer(text, add_special_tokens=False)["input_ids"]
            pieces.extend((index, prefix + window) for window in self._windows(ids, self.window - len(prefix)))
        extra = len(self.before) + len(self.after)
        lengths = [len(ids) + extra for _, ids in pieces]
        order = sorted(range(len(pieces)), key=lengths.__getitem__)
        pooled = np.zeros((len(pieces), hidden), dtype=np.float32)
        pad = self.tokenizer.pad_token_id or 0
        for batch in length_batches(order, lengths, self.batch_tokens):
            rows = [self.before + pieces[k][1] + self.after for k in batch]
            width = max(len(r) for r in rows)
            input_ids = torch.tensor([r + [pad] * (width - len(r)) for r in rows], device=self.device)
            mask = torch.tensor([[1] * len(r) + [0] * (width - len(r)) for r in rows], device=self.device)
            with torch.no_grad():
                states = self.model(input_ids=input_ids, attention_mask=mask).last_hidden_state
            if self.pooling == "cls":
                vecs = states[:, 0]
            else:
                weights = mask.unsqueeze(-1).to(states.dtype)
                vecs = (states * weights).sum(1) / weights.sum(1).clamp(min=1)
            pooled[batch] = vecs.float().cpu().numpy()
        out = np.zeros((len(texts), hidden), dtype=np.float32)
        for (index, window), vec in zip(pieces, normalise(pooled)):
            out[index] += vec * max(len(window), 1)  # an empty text still gets its special tokens' vector
        return normalise(out)


EMBEDDERS.add("transformers", TransformersEmbedder)
