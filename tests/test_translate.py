"""`tilmash translate` on tiny Marian and M2M100 models built at test time from the declaration.

The weights are random, so the tests assert what holds for any model: every
paragraph comes out, in order; batching, caching and resuming change nothing;
with the glossary on, every required term is produced and no forbidden one.
"""
from __future__ import annotations

import errno
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corpus.docset import load_set
from corpus.errors import InputError
from corpus.model import make_document
from corpus.reader import read_document
from corpus.translate import DecodeSettings, TranslationCache, load_engine, translate_document
from corpus.translate.constraints import ConstrainedDecoding, Required, RowPlan, TermSpec, Vocabulary
from corpus.translate.document import fit_window, split_units
from corpus.translate.engine import model_identity
from glossaries import read_termbase
from tilmash.cli import main
from tilmash.translate import glossary_terms, term_coverage, translate_to_set

from tiny_models import build_tiny_bert
from tiny_seq2seq import build_tiny_m2m100, build_tiny_marian, build_tiny_nllb, train_spm

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "corpus" / "astana-2025"
GLOSSARY = ROOT / "glossaries" / "astana-2025.tsv"
FAST = DecodeSettings(beams=2, max_length=24)


@pytest.fixture(scope="session")
def models(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("seq2seq")
    texts = [(SET / f"{lang}.txt").read_text(encoding="utf-8") for lang in ("ru", "en", "zh", "kk")]
    texts.append(GLOSSARY.read_text(encoding="utf-8").replace("\t", "\n"))  # the vocabulary can spell every term
    spm = train_spm(root, texts)
    return {"marian": build_tiny_marian(root / "opus-mt-ru-en-tiny", spm, "ru", "en"),
            "m2m100": build_tiny_m2m100(root / "m2m100-tiny", spm),
            "wmt21": build_tiny_m2m100(root / "wmt21-tiny", spm, language_codes="wmt21"),
            "marian-mul": build_tiny_marian(root / "opus-mt-ru-mul-tiny", spm, "ru", None,
                                            target_codes=(">>eng<<", ">>kaz<<", ">>cmn_Hans<<")),
            "nllb": build_tiny_nllb(root / "nllb-tiny", texts)}


@pytest.fixture(scope="session")
def marian(models):
    return load_engine("hf", models["marian"], threads=1)


@pytest.fixture(scope="session")
def m2m100(models):
    return load_engine("hf", models["m2m100"], threads=1)


@pytest.fixture(scope="session")
def nllb(models):
    return load_engine("hf", models["nllb"], threads=1)


@pytest.fixture(scope="session")
def source():
    return read_document(SET / "ru.txt", "ru")


@pytest.fixture(scope="session")
def glossary():
    return read_termbase(GLOSSARY)


def _cli(*argv) -> int:
    return main(["translate", *map(str, argv)])


def test_every_paragraph_in_order_through_the_cli(models, tmp_path, capsys):
    out = tmp_path / "set"
    code = _cli(SET / "ru.txt", "--src-lang", "ru", "--to", "en", "--model", models["marian"], "--beams", 2,
                "--max-length", 24, "--threads", 1, "--cache-dir", tmp_path / "cache", "-o", out)
    assert code == 0
    source = read_document(SET / "ru.txt", "ru")
    text = (out / "en.txt").read_text(encoding="utf-8")
    paragraphs = text.rstrip("\n").split("\n\n")
    assert len(paragraphs) == len(source) == 118
    assert all(p.strip() and "\n" not in p for p in paragraphs)
    docset = load_set(out)  # a valid set: the source was copied in and both files recorded
    assert docset.source().texts() == source.texts()
    (entry,) = docset.translations()
    assert entry.lang == "en" and entry.meta["engine"] == "hf (marian)"
    assert entry.meta["model"] == "opus-mt-ru-en-tiny" and len(entry.meta["model_sha256"]) == 64
    assert entry.meta["decoding"] == {"beams": 2, "max_length": 24, "batch_tokens": 4096, "sampling": False}
    assert entry.meta["glossary"] == "none" and entry.meta["post_edited"] is False
    assert "ru-en: 118 paragraphs" in capsys.readouterr().err


def test_m2m100_translates_into_every_language_and_records_each(models, tmp_path):
    out = tmp_path / "set"
    code = _cli(SET / "ru.txt", "--src-lang", "ru", "--to", "en,zh,kk", "--model", models["m2m100"], "--beams", 1,
                "--max-length", 16, "--threads", 1, "--glossary", GLOSSARY, "--no-constraints",
                "--cache-dir", tmp_path / "cache", "-o", out)
    assert code == 0
    docset = load_set(out)
    assert [e.lang for e in docset.translations()] == ["en", "zh", "kk"]
    for entry in docset.translations():
        assert entry.meta["engine"] == "hf (m2m100)"
        assert entry.meta["glossary"] == str(GLOSSARY) and entry.meta["glossary_constraints"] is False
        assert len((out / entry.path).read_text(encoding="utf-8").rstrip("\n").split("\n\n")) == 118
    # zh and kk outputs differ: the forced language token selects the target
    assert (out / "zh.txt").read_text(encoding="utf-8") != (out / "kk.txt").read_text(encoding="utf-8")
    # translating again replaces the entries instead of adding twins
    assert _cli(SET / "ru.txt", "--src-lang", "ru", "--to", "zh", "--model", models["m2m100"], "--beams", 1,
                "--max-length", 16, "--threads", 1, "--cache-dir", tmp_path / "cache", "-o", out) == 0
    assert sorted(e.lang for e in load_set(out).translations()) == ["en", "kk", "zh"]
    meta = out / "meta.toml"  # a human reference is never overwritten by a machine translation
    meta.write_text(meta.read_text(encoding="utf-8").replace('path = "zh.txt"\nlang = "zh"\nrole = "mt"',
                                                            'path = "zh.txt"\nlang = "zh"\nrole = "reference"'))
    with pytest.raises(InputError, match="zh.txt is a reference file of this set; refusing to overwrite"):
        translate_to_set(SET / "ru.txt", "ru", ["zh"], models["m2m100"], out, settings=FAST, use_cache=False)


@pytest.mark.parametrize("engine_name", ["marian", "m2m100"])
def test_batching_and_repeats_give_the_same_output(engine_name, request, source, glossary):
    engine = request.getfixturevalue(engine_name)
    terms = glossary_terms(glossary, "ru", "en")
    with_terms = [p for p in source.texts() if terms(p).required]  # constrained rows share batches with free ones
    doc = make_document("part", "ru", source.texts()[:12] + with_terms[:18])
    batched = translate_document(doc, engine, "en", settings=FAST, terms=terms, batch_tokens=4096, progress=False)
    single = translate_document(doc, engine, "en", settings=FAST, terms=terms, batch_tokens=1, progress=False)
    again = translate_document(doc, engine, "en", settings=FAST, terms=terms, batch_tokens=4096, progress=False)
    assert single.stats.batches == single.stats.unique > batched.stats.batches
    assert batched.paragraphs == single.paragraphs == again.paragraphs


class CountingEngine:
    """A real engine that counts the sentences it is asked to translate."""

    def __init__(self, inner):
        self.inner = inner
        self.sentences = 0

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def translate(self, texts, *args):
        self.sentences += len(texts)
        return self.inner.translate(texts, *args)


def test_a_paragraph_the_model_leaves_blank_is_an_error_not_a_shifted_document(marian, tmp_path):
    class Blank(CountingEngine):  # a model defect no tiny model reproduces on demand: nothing for one sentence
        def translate(self, texts, *args):
            outputs, tokens = super().translate(texts, *args)
            return ["" if t == "Второй." else o for t, o in zip(texts, outputs)], tokens

    doc = read_document(_write(tmp_path / "src.txt", "Первый абзац.\n\nВторой.\n\nТретий абзац.\n"), "ru",
                        check_script=False)
    with pytest.raises(InputError, match="produced no en text for paragraph src:ru:p1") as error:
        translate_document(doc, Blank(marian), "en", settings=FAST, progress=False)
    assert error.value.line == 3


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_cache_prevents_recomputation(marian, source, tmp_path):
    engine = CountingEngine(marian)
    cache = TranslationCache(tmp_path / "cache")
    first = translate_document(source, engine, "en", settings=FAST, cache=cache, progress=False)
    assert engine.sentences == first.stats.unique == len(cache) > 100
    second = translate_document(source, engine, "en", settings=FAST, cache=cache, progress=False)
    assert engine.sentences == first.stats.unique  # nothing translated twice
    assert second.stats.cached == second.stats.unique and second.paragraphs == first.paragraphs
    # other decoding settings are other translations, never a stale hit
    translate_document(source, engine, "en", settings=DecodeSettings(beams=1, max_length=24), cache=cache,
                       progress=False)
    assert engine.sentences == 2 * first.stats.unique


def test_cache_key_follows_weights_and_glossary(models, marian, source, glossary, tmp_path):
    import shutil

    from safetensors.torch import load_file, save_file

    copy = shutil.copytree(models["marian"], tmp_path / "copy")
    assert model_identity(copy) == marian.identity  # copies of one model share their cached translations
    weights = copy / "model.safetensors"
    tensors = load_file(weights)
    save_file({name: t + 0.01 if t.is_floating_point() else t for name, t in tensors.items()}, weights,
              metadata={"format": "pt"})
    assert weights.stat().st_size == (models["marian"] / "model.safetensors").stat().st_size
    assert model_identity(copy) != marian.identity  # a fine-tune of the same size is another model
    engine = CountingEngine(marian)
    cache = TranslationCache(tmp_path / "cache")
    doc = make_document("part", "ru", source.texts()[:20])
    free = translate_document(doc, engine, "en", settings=FAST, cache=cache, progress=False)
    terms = glossary_terms(glossary, "ru", "en")
    constrained = translate_document(doc, engine, "en", settings=FAST, cache=cache, terms=terms,
                                     glossary_version="v1", progress=False)
    with_terms = sum(1 for s in {s.text for para in doc.sentences for s in para} if terms(s).required)
    assert with_terms and constrained.stats.translated >= with_terms and constrained.paragraphs != free.paragraphs
    again = translate_document(doc, engine, "en", settings=FAST, cache=cache, terms=terms, glossary_version="v2",
                               progress=False)
    assert again.stats.cached == 0  # another glossary version: nothing stale is served


def test_full_cache_disk_is_a_one_line_error_and_keeps_finished_batches(marian, source, tmp_path):
    cache = TranslationCache(tmp_path / "cache")
    cache._db.execute("PRAGMA max_page_count = 8")  # SQLite's own "database or disk is full", soon
    with pytest.raises(OSError, match="cannot write the translation cache: database or disk is full"):
        translate_document(source, marian, "en", settings=FAST, cache=cache, batch_tokens=1, progress=False)
    kept = len(cache)
    assert kept > 0
    cache._db.execute("PRAGMA max_page_count = 1073741823")
    resumed = translate_document(source, marian, "en", settings=FAST, cache=cache, progress=False)  # batched: faster
    assert resumed.stats.cached == kept


def test_killed_run_resumes_without_losing_or_redoing_segments(models, marian, tmp_path):
    out, cache_dir = tmp_path / "set", tmp_path / "cache"
    part = _write(tmp_path / "ru.txt", "\n\n".join(read_document(SET / "ru.txt", "ru").texts()[:40]) + "\n")
    source = read_document(part, "ru")  # a third of the declaration: enough to be killed midway, quicker to redo
    argv = [sys.executable, "-c", "import sys; from tilmash.cli import main; sys.exit(main())", "translate",
            str(part), "--src-lang", "ru", "--to", "en", "--model", str(models["marian"]), "--beams", "2",
            "--max-length", "24", "--threads", "1", "--batch-tokens", "1", "--cache-dir", str(cache_dir),
            "-o", str(out)]
    proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    db = cache_dir / "translations.sqlite"
    done = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                done = sqlite3.connect(db).execute("SELECT COUNT(*) FROM translations").fetchone()[0]
            except sqlite3.OperationalError:
                done = 0
            if done >= 3:
                break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert done >= 3, proc.stderr.read().decode()[-2000:]
    assert not (out / "en.txt").exists()  # never a partial document
    engine = CountingEngine(marian)
    cache = TranslationCache(cache_dir)
    kept = len(cache)
    resumed = translate_document(source, engine, "en", settings=FAST, cache=cache, progress=False)
    assert 3 <= kept < resumed.stats.unique  # killed midway
    assert resumed.stats.cached == kept and engine.sentences == resumed.stats.unique - kept
    fresh = translate_document(source, marian, "en", settings=FAST, progress=False)
    assert resumed.paragraphs == fresh.paragraphs


@pytest.mark.parametrize("engine_name,tgt,beams", [("marian", "en", 2), ("marian", "en", 1), ("m2m100", "zh", 2),
                                                   ("m2m100", "kk", 2), ("nllb", "kk", 2), ("nllb", "zh", 1)])
def test_constraints_force_every_required_term_and_ban_forbidden_ones(engine_name, tgt, beams, request, source,
                                                                      glossary):
    engine = request.getfixturevalue(engine_name)
    terms = glossary_terms(glossary, "ru", tgt)
    settings = DecodeSettings(beams=beams, max_length=24)
    constrained = translate_document(source, engine, tgt, settings=settings, terms=terms, progress=False)
    free = translate_document(source, engine, tgt, settings=settings, progress=False)
    required, produced, forbidden = term_coverage(source, constrained, terms)
    assert required > 40 and produced == required and forbidden == 0
    assert term_coverage(source, free, terms)[1] < required * 0.1


def test_inflected_russian_terms_are_constrained(marian, glossary):
    terms = glossary_terms(glossary, "ru", "en")
    text = "Стороны поддерживают инициативы «Пояса и пути» и борьбу с тремя силами зла."
    spec = terms(text)
    assert spec.required == ("Belt and Road Initiative", "three evil forces")
    assert "One Belt, One Road" in spec.forbidden
    doc = make_document("t", "ru", [text])
    out = translate_document(doc, marian, "en", settings=FAST, terms=terms, progress=False).paragraphs[0]
    assert "Belt and Road Initiative" in out and "three evil forces" in out and "One Belt" not in out


def test_families_and_language_selection(models, marian, m2m100, nllb):
    assert (marian.family, m2m100.family, nllb.family) == ("marian", "m2m100", "nllb")
    tok = nllb.tokenizer
    for tgt, code in (("en", "eng_Latn"), ("zh", "zho_Hans"), ("kk", "kaz_Cyrl")):
        assert nllb._prepare("ru", tgt) == ("", tok.convert_tokens_to_ids(code))  # forced BOS picks the target
        assert tok(["Стороны."])["input_ids"][0][0] == tok.convert_tokens_to_ids("rus_Cyrl")
    assert marian._prepare("ru", "en") == ("", None)  # a pair model needs no language token
    multi = load_engine("hf", models["marian-mul"], threads=1)  # opus-mt-ru-mul style: >>xxx<< target tokens
    for tgt, code in (("en", ">>eng<<"), ("zh", ">>cmn_Hans<<"), ("kk", ">>kaz<<")):
        multi.check_pair("ru", tgt)
        assert multi._prepare("ru", tgt) == (f"{code} ", None)
    doc = make_document("t", "ru", ["Стороны подписали декларацию."])
    assert translate_document(doc, multi, "kk", settings=FAST, progress=False).paragraphs[0]
    doc = make_document("t", "ru", ["Стороны подписали Астанинскую декларацию."])
    outputs = {tgt: translate_document(doc, nllb, tgt, settings=FAST, progress=False).paragraphs[0]
               for tgt in ("en", "zh", "kk")}
    assert len(set(outputs.values())) > 1 and all(outputs.values())


PIECES = ["</s>", "\u2581Belt", "\u2581and", "\u2581Road", "\u2581One", "\u2581On", "e", "\u2581R", "oad", "\u2581x",
          "<unk>", "Belt", "\u2581", "Road", "<s>"]
EOS, UNK, START = 0, 10, 14
BELT_AND = Required("Belt and", ((1, 2), (11, 2)))  # as a new word, and glued to what precedes it


def _step(plan: RowPlan, generated: list[int], favourite: int):
    """The processor's scores for one row after `generated`, when the model prefers `favourite`."""
    import torch

    scores = torch.zeros(1, len(PIECES))
    scores[0, favourite] = 5.0
    vocab = Vocabulary(PIECES, {EOS, UNK, START})
    processor = ConstrainedDecoding([plan], 1, EOS, prefix_len=1, vocab=vocab, never=[UNK, START])
    return processor(torch.tensor([[START, *generated]]), scores)[0]


def test_processor_forces_required_terms_in_any_spelling():
    plan = RowPlan(limit=8, required=(BELT_AND,))
    assert _step(plan, [9, 1], favourite=9).argmax() == 2  # begun as a new word: continue it
    assert _step(plan, [9, 11], favourite=9).argmax() == 2  # begun glued (after «, in Chinese): continue it too
    assert _step(plan, [9, 9], favourite=EOS).argmax() == 1  # wants to stop with the term missing: start it
    assert _step(plan, [9] * 6, favourite=9).argmax() == 1  # two steps left for a two-token term
    assert _step(plan, [9, 12, 11, 2], favourite=EOS).argmax() == EOS  # written in another segmentation: done
    assert _step(plan, [9] * 8, favourite=9).argmax() == EOS  # its length limit ends every row
    assert _step(RowPlan(limit=8), [9], favourite=EOS).argmax() == EOS  # nothing required: may stop
    for nothing_yet in ([], [12]):  # never an empty translation, a lone space included
        assert _step(RowPlan(limit=8), nothing_yet, favourite=EOS).argmax() != EOS
    assert _step(RowPlan(limit=8), [9], favourite=UNK)[[UNK, START]].isinf().all()  # never-tokens


def test_processor_bans_a_forbidden_term_however_it_is_segmented():
    plan = RowPlan(limit=8, forbidden=("One Road",))
    for written, finisher in (([4], 3),  # "▁One" then "▁Road"
                              ([5, 6], 3),  # "▁On" "e" spell the same word
                              ([4, 7], 8),  # "▁R" "oad"
                              ([4, 12], 13),  # "▁One" "▁" "Road"
                              ([4, 12], 3)):  # "▁One" "▁" "▁Road": the output collapses the two spaces
        scores = _step(plan, written, favourite=finisher)
        assert scores[finisher].isinf() and scores.argmax() != finisher, (written, finisher)
    assert _step(plan, [4], favourite=7).argmax() == 7  # "▁R" may follow: it does not finish the term
    assert _step(plan, [9], favourite=3).argmax() == 3  # "▁Road" elsewhere is fine


def test_real_vocabulary_bans_a_forbidden_term_spelled_letter_by_letter(marian, glossary):
    forbidden = next(f for c in glossary.concepts for f in c.terms["en"].forbidden if len(f.split()) > 1)
    plan = marian.plan(TermSpec(forbidden=(forbidden,)), "en", 10, FAST)
    ids = marian.tokenizer.convert_tokens_to_ids
    spelled = [ids("\u2581" if c == " " else c) for c in forbidden]  # one token per character
    assert marian.unk not in spelled and marian.vocab.text(spelled) == forbidden
    import torch

    rows = torch.tensor([[marian.model.config.decoder_start_token_id, *spelled[:-1]]])
    scores = torch.zeros(1, marian.model.config.vocab_size)
    processor = ConstrainedDecoding([plan], 1, marian.eos, 1, marian.vocab, marian.hidden)
    out = processor(rows, scores)[0]
    assert out[spelled[-1]].isinf() and not out[marian.eos].isinf()
    free = ConstrainedDecoding([RowPlan(plan.limit)], 1, marian.eos, 1, marian.vocab, marian.hidden)
    assert not free(rows, torch.zeros(1, marian.model.config.vocab_size))[0][spelled[-1]].isinf()


def test_long_paragraph_is_translated_sentence_by_sentence(marian):
    sentences = read_document(SET / "ru.txt", "ru").sentences
    pool = [s.text for para in sentences for s in para if len(s.text) > 60]
    words = " ".join(pool).replace(".", "").split()
    run_on = " ".join(words[:600])  # a sentence far longer than the model's 128-token window
    parts, k = [run_on], 0
    while sum(map(len, parts)) < 100_000:
        parts.append(pool[k % len(pool)])
        k += 1
    paragraph = " ".join(parts)
    assert len(paragraph) >= 100_000
    pieces = fit_window(run_on, marian.count_tokens([run_on], "ru")[0], marian, "ru", marian.max_source_tokens)
    assert len(pieces) > 1 and " ".join(pieces) == run_on
    assert max(marian.count_tokens(pieces, "ru")) <= marian.max_source_tokens
    word = "".join(words[:80])  # no space to cut at: the word itself is cut, never left to truncation
    sentence = f"Стороны {word} подчеркнули."
    pieces = fit_window(sentence, marian.count_tokens([sentence], "ru")[0], marian, "ru", marian.max_source_tokens)
    assert "".join(pieces).replace(" ", "") == sentence.replace(" ", "")
    assert max(marian.count_tokens(pieces, "ru")) <= marian.max_source_tokens
    doc = make_document("long", "ru", ["Первый абзац.", paragraph, "Последний абзац."])
    units = split_units(doc, marian)
    assert len(units[1]) > len(doc.sentences[1]) and " ".join(units[1]) == " ".join(s.text for s in doc.sentences[1])
    assert max(marian.count_tokens(units[1], "ru")) <= marian.max_source_tokens
    result = translate_document(doc, marian, "en", settings=FAST, progress=False)
    assert len(result.paragraphs) == 3 and all(result.paragraphs)
    assert result.stats.segments == sum(map(len, units))
    assert result.stats.unique < 200  # repeated sentences are translated once


def test_bad_models_and_languages(models, tmp_path, capsys):
    bert = build_tiny_bert(tmp_path / "bert", ["Астана декларация"])
    capsys.readouterr()
    cases = [
        (tmp_path / "no-such-model", "en", "model directory not found"),
        (bert, "en", "not a sequence-to-sequence translation model"),
        (models["marian"], "zh", "translates into English (en), not Chinese (zh)"),
        (models["wmt21"], "kk", "this M2M100 model lacks the language Kazakh (kk)"),
    ]
    for model, tgt, message in cases:
        code = _cli(SET / "ru.txt", "--src-lang", "ru", "--to", tgt, "--model", model, "-o", tmp_path / "out")
        err = capsys.readouterr().err
        assert code == 2 and message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    with pytest.raises(SystemExit) as exit_info:
        _cli(SET / "ru.txt", "--src-lang", "ru", "--to", "en,xq", "--model", models["marian"], "-o", tmp_path / "o")
    assert exit_info.value.code == 2
    with pytest.raises(InputError, match="translates from Russian"):
        load_engine("hf", models["marian"]).check_pair("kk", "en")
    assert not (tmp_path / "out").exists()  # refused before anything was written


def test_bad_sources(models, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    for src, lang, message in [(empty, "ru", "empty document"),
                               (SET / "en.txt", "ru", "declared language is ru but the text looks English")]:
        code = _cli(src, "--src-lang", lang, "--to", "en", "--model", models["marian"], "-o", tmp_path / "out")
        err = capsys.readouterr().err
        assert code == 2 and message in err
    other = tmp_path / "other.txt"
    other.write_text("Совсем другой документ на русском языке, в котором нет ни слова из декларации саммита.\n",
                     encoding="utf-8")
    with pytest.raises(InputError, match="differs from the source of the set"):
        translate_to_set(other, "ru", ["en"], models["marian"], SET, settings=FAST, use_cache=False)


def test_full_disk_loses_nothing_and_resumes(models, tmp_path, monkeypatch, capsys):
    import tilmash.translate as module

    out, cache_dir = tmp_path / "set", tmp_path / "cache"
    real_write = module.atomic_write_text

    def full_disk(path, text):
        if Path(path).name == "en.txt":
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real_write(path, text)

    monkeypatch.setattr(module, "atomic_write_text", full_disk)
    code = _cli(SET / "ru.txt", "--src-lang", "ru", "--to", "en", "--model", models["marian"], "--beams", 2,
                "--max-length", 24, "--threads", 1, "--cache-dir", cache_dir, "-o", out)
    assert code == 1 and not (out / "en.txt").exists() and not (out / "meta.toml").exists()
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].endswith("en.txt: No space left on device") and not any("Traceback" in line for line in err)
    monkeypatch.setattr(module, "atomic_write_text", real_write)
    (result,) = translate_to_set(SET / "ru.txt", "ru", ["en"], models["marian"], out, settings=FAST,
                                 cache_dir=cache_dir, progress=False)
    assert result.stats.translated == 0 and result.stats.cached == result.stats.unique
    assert (out / "en.txt").read_text(encoding="utf-8") == result.text()


def _tiny_bart(models, directory: Path) -> Path:
    """A BART model (a seq2seq type no family claims) with the tiny Marian model's tokenizer."""
    import shutil

    import torch
    from transformers import AutoConfig, BartConfig, BartForConditionalGeneration

    shutil.copytree(models["marian"], directory)
    marian = AutoConfig.from_pretrained(directory, local_files_only=True)
    config = BartConfig(vocab_size=marian.vocab_size, pad_token_id=marian.pad_token_id, bos_token_id=marian.pad_token_id,
                        eos_token_id=0, decoder_start_token_id=marian.decoder_start_token_id, forced_eos_token_id=0,
                        d_model=32, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
                        decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64, max_position_embeddings=128)
    torch.manual_seed(0)
    BartForConditionalGeneration(config).eval().save_pretrained(directory)
    return directory


def test_model_families_are_plugins(models, marian, m2m100, nllb, tmp_path, monkeypatch):
    from corpus.translate.families import FAMILIES
    from corpus.translate.families.marian import Marian

    assert FAMILIES.names() == ["m2m100", "marian", "nllb"]
    for engine in (marian, m2m100, nllb):
        assert type(engine.model_family) is FAMILIES.get(engine.family)
    bart = _tiny_bart(models, tmp_path / "opus-mt-ru-en-bart")
    with pytest.raises(InputError, match="unsupported model family 'bart': tilmash drives M2M100, Marian"):
        load_engine("hf", bart, threads=1)

    class BartPair(Marian):  # what a user's module registering a family adds
        name = "bart-pair"
        title = "BART pair"

        @classmethod
        def recognises(cls, model_type, tokenizer):
            return model_type == "bart"

    monkeypatch.setattr(FAMILIES, "_members", dict(FAMILIES.items()))  # the registration ends with the test
    FAMILIES.add(BartPair.name, BartPair)
    engine = load_engine("hf", bart, threads=1)
    assert engine.family == "bart-pair"
    engine.check_pair("ru", "en")
    doc = make_document("t", "ru", ["Стороны подписали декларацию."])
    assert translate_document(doc, engine, "en", settings=FAST, progress=False).paragraphs[0]
