"""Translation engines behind one interface; `hf` runs any local transformers seq2seq model.

Models are loaded with `local_files_only`, from a directory or an existing
Hugging Face cache, never fetched. The model family (NLLB, M2M100, Marian:
corpus/translate/families/) is recognised from the model itself, so the user
only names a directory and languages.
"""
from __future__ import annotations

import hashlib
import warnings
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from collections.abc import Callable
from typing import Protocol

from corpus.errors import InputError
from corpus.languages import profile, same_language
from corpus.registry import Registry

from .constraints import ConstrainedDecoding, Required, RowPlan, TermSpec, Vocabulary
from .families import detect
_IDENTITY_FILES = (".json", ".safetensors", ".bin", ".model", ".spm", ".txt")
_WEIGHT_SAMPLES, _WEIGHT_BLOCK = 16, 1 << 16  # 1 MiB read per weights file


@dataclass(frozen=True)
class DecodeSettings:
    """Everything besides model, languages, text and glossary that changes the output."""
    beams: int = 4
    max_length: int = 256  # most target tokens per sentence

    def as_dict(self) -> dict:
        """The settings as plain values: part of the cache key and of the provenance in meta.toml."""
        return asdict(self)


class Engine(Protocol):
    """What translating a document needs of an engine, so engines other than `hf` can plug in."""

    path: Path
    name: str  # what users call the model (its directory name)
    identity: str  # hash of what decides the output: config, tokenizer and weights' metadata
    family: str
    max_source_tokens: int
    unreachable: set[str]

    def check_pair(self, src: str, tgt: str) -> None: ...

    def count_tokens(self, texts: list[str], src: str) -> list[int]: ...

    def translate(self, texts: list[str], src: str, tgt: str, specs: list[TermSpec] | None,
                  settings: DecodeSettings) -> tuple[list[str], int]: ...


def _weights_sample(item: Path) -> bytes:
    """The size and evenly spaced blocks of a weights file.

    Reading gigabytes on every start is too slow, but size alone is not
    enough: a fine-tuned checkpoint has exactly the size of its base model and
    would be served the base model's cached translations. Fine-tuning moves
    nearly every weight, so a few sampled blocks tell the two apart.
    """
    size = item.stat().st_size
    parts = [str(size).encode()]
    with item.open("rb") as handle:
        for k in range(_WEIGHT_SAMPLES):
            handle.seek(size * k // _WEIGHT_SAMPLES)
            parts.append(handle.read(_WEIGHT_BLOCK))
    return b"".join(parts)


def model_identity(path: Path) -> str:
    """SHA-256 over the config and tokenizer files' bytes and a sample of each weights file.

    The cache trusts this hash to mean "same outputs", so it covers every file
    that decides them (generation_config.json included), while copies of one
    model, wherever they live, share their cached translations.
    """
    digest = hashlib.sha256()
    for item in sorted(p for p in path.iterdir() if p.is_file() and p.suffix in _IDENTITY_FILES):
        digest.update(item.name.encode() + b"\0")
        digest.update(_weights_sample(item) if item.suffix in (".safetensors", ".bin") else item.read_bytes())
    return digest.hexdigest()


def _resolve(model: str | Path) -> Path:
    """A local directory, or a model name already in the Hugging Face cache."""
    path = Path(model)
    if path.is_dir():
        return path
    if path.exists():
        raise InputError(path, "is not a model directory")
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(str(model), local_files_only=True))
    except Exception:  # noqa: BLE001 - any failure here means: not available offline
        raise InputError(path, "model directory not found (and not in the local Hugging Face cache);"
                               " models are never downloaded") from None


class HFEngine:
    """A transformers AutoModelForSeq2SeqLM with its tokenizer, on CUDA when present."""

    def __init__(self, model: str | Path, threads: int | None = None, device: str | None = None) -> None:
        import torch
        from transformers import AutoConfig, AutoModelForSeq2SeqLM, AutoTokenizer
        from transformers.utils import logging as hf_logging

        path = _resolve(model)
        if not (path / "config.json").is_file():
            raise InputError(path, "not a transformers model directory (no config.json)")
        if threads:
            torch.set_num_threads(threads)
        try:
            config = AutoConfig.from_pretrained(path, local_files_only=True)
        except (OSError, ValueError) as exc:
            raise InputError(path / "config.json",
                             f"cannot read the model config: {str(exc).splitlines()[0]}") from None
        if not getattr(config, "is_encoder_decoder", False):
            raise InputError(path, f"not a sequence-to-sequence translation model (model type"
                                   f" {config.model_type!r}); use an NLLB, M2M100 or Marian model")
        bars = hf_logging.is_progress_bar_enabled()
        hf_logging.disable_progress_bar()  # our own bar reports the work; loading is quick
        try:
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message="Recommended: pip install sacremoses")
                self.tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
            self.model = AutoModelForSeq2SeqLM.from_pretrained(path, local_files_only=True)
        except (OSError, ValueError, KeyError) as exc:
            raise InputError(path, f"cannot load the model: {str(exc).splitlines()[0]}") from None
        finally:
            if bars:
                hf_logging.enable_progress_bar()
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.model.to(self.device).eval()
        self.path = path
        self.name = path.resolve().name if Path(model).is_dir() else str(model)  # a cache snapshot: its model id
        self.identity = model_identity(path)
        self.model_family = detect(config.model_type, self.tokenizer, path,
                                   f"{self.name} {self.model.config.name_or_path}")
        self.family = self.model_family.name
        positions = getattr(config, "max_position_embeddings", 1024) or 1024
        limit = min(int(getattr(self.tokenizer, "model_max_length", positions) or positions), positions)
        self.max_source_tokens = max(limit - 4, 8)  # room for language and end tokens
        self.max_target_tokens = max(positions - 4, 8)  # the decoder has no more positions
        self.eos = self.model.generation_config.eos_token_id
        if isinstance(self.eos, list):
            self.eos = self.eos[0]
        self.unk = self.tokenizer.unk_token_id
        self.hidden = self._hidden_ids()
        self.vocab = self._vocabulary()
        self.unreachable: set[str] = set()  # required terms this vocabulary cannot spell (unknown tokens)

    def _hidden_ids(self) -> list[int]:
        """Tokens that are never text: specials, language codes, unknown; never generated, never shown."""
        ids = set(self.tokenizer.all_special_ids) | {self.unk} | self.model_family.language_token_ids()
        ids |= set(range(len(self.tokenizer), self.model.config.vocab_size))
        return sorted(i for i in ids if i is not None and i != self.eos)

    def _vocabulary(self) -> Vocabulary:
        """Every id's text, over the model's whole output layer (padded ids and specials read as nothing)."""
        pieces: list[str | None] = [None] * max(self.model.config.vocab_size, len(self.tokenizer))
        for token, i in self.tokenizer.get_vocab().items():
            pieces[i] = token
        return Vocabulary(pieces, {*self.hidden, self.eos})

    # -- languages -------------------------------------------------------------------------------------

    def check_pair(self, src: str, tgt: str) -> None:
        """Refuse a language pair the model cannot translate, before any work is done."""
        if same_language(src, tgt):
            raise InputError(self.path, f"source and target are both {src}")
        self.model_family.check_pair(src, tgt)

    def _prepare(self, src: str, tgt: str) -> tuple[str, int | None]:
        """Set the tokenizer's languages; (text prefix, forced BOS id) that select the target."""
        return self.model_family.prepare(src, tgt)

    # -- tokens ----------------------------------------------------------------------------------------

    def count_tokens(self, texts: list[str], src: str) -> list[int]:
        """Source tokens of each text, without specials: what must fit the model's input window."""
        self.model_family.set_source(src)
        return [len(self.tokenizer.tokenize(text)) for text in texts]

    def _required(self, term: str, tgt: str) -> Required | None:
        """How the decoder writes a target term, or None where the vocabulary cannot spell it.

        A term is tokenised on its own, which gives the spelling that starts
        a new word ("▁Belt"); after punctuation or in Chinese the same word
        is glued to the previous token ("Belt"), so that spelling counts as
        beginning the term too, and is the one forced for Chinese, which puts
        no space between words. The text to look for is what the forced
        tokens read as, which may differ from the glossary's spelling after
        the tokenizer's normalisation: the processor must be able to see
        that what it forced is there, or it would force it again.
        """
        ids = self.tokenizer(text_target=[term], add_special_tokens=False)["input_ids"][0]
        if not ids or self.unk in ids:
            return None
        forms = [tuple(ids)]
        first = str(self.tokenizer.convert_ids_to_tokens(ids[0]))
        if first == "\u2581" and len(ids) > 1:
            forms.append(tuple(ids[1:]))
        elif first.startswith("\u2581") and len(first) > 1:
            glued = self.tokenizer.convert_tokens_to_ids(first[1:])
            if glued is not None and glued != self.unk:
                forms.append((glued, *ids[1:]))
        if profile(tgt).unspaced:  # no word boundary to mark: the glued spelling first
            forms.reverse()
        text = self.vocab.text(list(forms[0])).strip()
        return Required(text, tuple(forms)) if text else None

    def plan(self, spec: TermSpec | None, tgt: str, src_tokens: int, settings: DecodeSettings) -> RowPlan:
        """Length limit and constraints of one sentence; the limit leaves room for every required term."""
        base = min(settings.max_length, 2 * src_tokens + 10, self.max_target_tokens)
        if spec is None:
            return RowPlan(base)
        required = []
        for term in spec.required:
            found = self._required(term, tgt)
            if found is None:
                self.unreachable.add(term)
            else:
                required.append(found)
        plan = RowPlan(base, tuple(required), tuple(dict.fromkeys(" ".join(t.split()) for t in spec.forbidden)))
        return replace(plan, limit=min(max(base, plan.needed() + 4), self.max_target_tokens))

    # -- decoding --------------------------------------------------------------------------------------

    def translate(self, texts: list[str], src: str, tgt: str, specs: list[TermSpec] | None,
                  settings: DecodeSettings) -> tuple[list[str], int]:
        """Translations of `texts` (sentences) and the number of target tokens generated."""
        import torch

        prefix, forced_bos = self._prepare(src, tgt)
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*sacremoses.*")
            batch = self.tokenizer([prefix + t for t in texts], return_tensors="pt", padding=True, truncation=True,
                                   max_length=self.max_source_tokens + 4).to(self.device)
        lengths = batch["attention_mask"].sum(dim=1).tolist()
        plans = [self.plan(specs[i] if specs else None, tgt, int(n), settings) for i, n in enumerate(lengths)]
        prefix_len = 1 + (forced_bos is not None)
        processor = ConstrainedDecoding(plans, settings.beams, self.eos, prefix_len, self.vocab, self.hidden)
        kwargs = {"forced_bos_token_id": forced_bos} if forced_bos is not None else {}
        with torch.inference_mode():
            out = self.model.generate(**batch, num_beams=settings.beams, do_sample=False,
                                      max_new_tokens=max(p.limit for p in plans) + prefix_len,
                                      logits_processor=[processor], **kwargs)
        hidden = set(self.hidden) | {self.eos}
        rows = [[t for t in row if t not in hidden] for row in out.tolist()]
        decoded = self.tokenizer.batch_decode(rows, skip_special_tokens=True)
        return [" ".join(text.split()) for text in decoded], sum(map(len, rows))


ENGINES: Registry[Callable[..., Engine]] = Registry("translation engine", "tilmash.engines")
ENGINES.add("hf", HFEngine)


def load_engine(kind: str, model: str | Path, threads: int | None = None) -> Engine:
    """The engine `kind` (only `hf` ships) on the model at `model`."""
    return ENGINES.get(kind)(model, threads=threads)
