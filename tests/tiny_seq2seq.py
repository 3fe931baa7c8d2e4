"""Tiny randomly initialised translation models, built at test time and saved like real ones.

No NLLB, M2M100 or Marian checkpoint can be downloaded here, so tests train a
small vocabulary on the bundled declaration and save Marian, M2M100 and
NLLB-style models with random weights. Their output is gibberish, but everything
between `--model DIR` and the translated file (loading, language codes,
batching, constrained decoding, caching) is the code users run.
"""
from __future__ import annotations

import io
import json
import warnings
from pathlib import Path

import sentencepiece as spm
import torch
from transformers import M2M100Config, M2M100ForConditionalGeneration, M2M100Tokenizer, MarianConfig, MarianMTModel, \
    MarianTokenizer, NllbTokenizer

SIZE = dict(d_model=32, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2, decoder_attention_heads=2,
            encoder_ffn_dim=64, decoder_ffn_dim=64, max_position_embeddings=128)


def train_spm(directory: Path, texts: list[str], extra_pieces: int = 1200) -> Path:
    """A unigram model covering every character of `texts` (Chinese needs each one) plus `extra_pieces` pieces."""
    lines = [line.strip() for t in texts for line in t.splitlines() if line.strip()]
    chars = {c for line in lines for c in line if not c.isspace()}
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(sentence_iterator=iter(lines), model_writer=model, model_type="unigram",
                                   vocab_size=len(chars) + extra_pieces, character_coverage=1.0,
                                   hard_vocab_limit=False, minloglevel=2, num_threads=1)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "spiece.model"
    path.write_bytes(model.getvalue())
    return path


def _pieces(model: Path) -> list[str]:
    proc = spm.SentencePieceProcessor(model_file=str(model))
    return [proc.id_to_piece(i) for i in range(proc.get_piece_size())
            if not (proc.is_control(i) or proc.is_unknown(i))]


def build_tiny_marian(directory: Path, model: Path, source_lang: str, target_lang: str | None,
                      target_codes: tuple[str, ...] = ()) -> Path:
    """A Marian pair model (like opus-mt-ru-en) sharing one vocabulary between source and target.

    With `target_codes` (e.g. `>>kaz<<`) it is a multi-target model like opus-mt-ru-mul.
    """
    directory.mkdir(parents=True, exist_ok=True)
    vocab = {"</s>": 0, "<unk>": 1, **{code: 2 + k for k, code in enumerate(target_codes)}}
    for piece in _pieces(model):
        vocab.setdefault(piece, len(vocab))
    vocab["<pad>"] = len(vocab)
    (directory / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    for name in ("source.spm", "target.spm"):
        (directory / name).write_bytes(model.read_bytes())
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Recommended: pip install sacremoses")
        tokenizer = MarianTokenizer(str(directory / "source.spm"), str(directory / "target.spm"),
                                    str(directory / "vocab.json"), source_lang=source_lang, target_lang=target_lang,
                                    model_max_length=128)
    pad = vocab["<pad>"]
    config = MarianConfig(vocab_size=len(vocab), pad_token_id=pad, decoder_start_token_id=pad, eos_token_id=0,
                          forced_eos_token_id=0, **SIZE)
    torch.manual_seed(0)
    MarianMTModel(config).eval().save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


def build_tiny_m2m100(directory: Path, model: Path, language_codes: str = "m2m100") -> Path:
    """An M2M100 model: one model, many languages, the target picked by a forced BOS language token.

    `language_codes="wmt21"` gives the eight-language WMT21 variant, which has no Kazakh.
    """
    directory.mkdir(parents=True, exist_ok=True)
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for piece in _pieces(model):
        vocab.setdefault(piece, len(vocab))
    (directory / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    (directory / "sentencepiece.bpe.model").write_bytes(model.read_bytes())
    tokenizer = M2M100Tokenizer(str(directory / "vocab.json"), str(directory / "sentencepiece.bpe.model"),
                                language_codes=language_codes, model_max_length=128)
    vocab_size = max(tokenizer.lang_code_to_id.values()) + 1 + tokenizer.num_madeup_words
    _save_m2m100(directory, tokenizer, vocab_size)
    return directory


def _save_m2m100(directory: Path, tokenizer, vocab_size: int) -> None:
    config = M2M100Config(vocab_size=vocab_size, pad_token_id=1, bos_token_id=0, eos_token_id=2,
                          decoder_start_token_id=2, **SIZE)
    torch.manual_seed(0)
    M2M100ForConditionalGeneration(config).eval().save_pretrained(directory)
    tokenizer.save_pretrained(directory)


def build_tiny_nllb(directory: Path, texts: list[str], vocab_size: int = 3000) -> Path:
    """An NLLB-200-style model: M2M100 weights with the NLLB tokenizer (BPE, codes like kaz_Cyrl).

    transformers 5 builds NllbTokenizer from a BPE vocabulary and merges, so
    they are trained here with the tokenizers library, split on spaces the
    way NLLB's sentencepiece does.
    """
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers

    lines = [line.strip() for t in texts for line in t.splitlines() if line.strip()]
    bpe = Tokenizer(models.BPE(unk_token="<unk>"))
    bpe.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always", split=True)
    bpe.train_from_iterator(lines, trainers.BpeTrainer(vocab_size=vocab_size, show_progress=False,
                                                       special_tokens=["<s>", "<pad>", "</s>", "<unk>"]))
    trained = json.loads(bpe.to_str())["model"]
    merges = [tuple(m) if isinstance(m, list) else tuple(m.split(" ")) for m in trained["merges"]]
    tokenizer = NllbTokenizer(vocab=trained["vocab"], merges=merges, model_max_length=128)
    directory.mkdir(parents=True, exist_ok=True)
    _save_m2m100(directory, tokenizer, len(tokenizer))
    return directory
