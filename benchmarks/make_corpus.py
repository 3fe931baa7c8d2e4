"""Make a synthetic corpus of N document groups for the corpus builder's tests and benchmarks.

    .venv/bin/python benchmarks/make_corpus.py OUT_DIR --groups 1000 [--seed 0] [--defr-share 0.3]
        [--pairing 200]

Made by seeded perturbation and recombination of real parallel text, never written into the repository:
- translation units: the paragraphs of corpus/astana-2025 linked alike in all three gold alignments (Russian
  with its English, Chinese and Kazakh counterparts), and the sentence pairs of the public Bleualign
  development set (German-French, /work/shared/data/bleualign-dev, GPL-2.0, read in place);
- a document draws 2 to 6 paragraphs, each joining 1 or 2 units (a short press release); per document every number is shifted by one
  offset and the five Central Asian countries are permuted, alike in every language, so most paragraphs are
  new text while each stays a translation of its counterpart;
- translations then get the structural noise of real pairs: merged and split paragraphs, a dropped paragraph,
  site boilerplate lines (the same few lines across the corpus, for the boilerplate filter), and some groups
  are exact copies of earlier ones (for the duplicate handling).

Writes OUT_DIR/sets/gNNNNN/ (document sets, ru with one or two of en, zh, kk; meta.toml says synthetic and how),
OUT_DIR/pairs/manifest.tsv with OUT_DIR/pairs/docs/ (the de-fr groups, a build manifest; pairs/meta.toml says
how they were made) and, with --pairing N, OUT_DIR/pairing/{a,b}/ with gold.tsv: N document pairs shuffled
under random names with a tenth of the documents missing on either side, for `tilmash corpus pair`.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from align.io import parse_text  # noqa: E402
from corpus.docset import load_set  # noqa: E402

ASTANA = ROOT / "corpus" / "astana-2025"
BLEUALIGN = Path("/work/shared/data/bleualign-dev")
TARGETS = ("en", "zh", "kk")
COUNTRIES = {  # the same five stems in every language: permuting them keeps case endings in ru and kk
    "ru": ["Казахстан", "Кыргызстан", "Таджикистан", "Туркменистан", "Узбекистан"],
    "en": ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"],
    "zh": ["哈萨克斯坦", "吉尔吉斯斯坦", "塔吉克斯坦", "土库曼斯坦", "乌兹别克斯坦"],
    "kk": ["Қазақстан", "Қырғызстан", "Тәжікстан", "Түрікменстан", "Өзбекстан"],
}
BOILERPLATE = {  # recurring site lines, as a crawl of one ministry's pages has them
    "ru": ["Пресс-служба Министерства иностранных дел", "Наверх", "Все права защищены"],
    "en": ["Press service of the Ministry of Foreign Affairs", "Back to top", "All rights reserved"],
    "zh": ["外交部新闻处", "返回顶部", "版权所有"],
    "kk": ["Сыртқы істер министрлігінің баспасөз қызметі", "Жоғарыға", "Барлық құқықтар қорғалған"],
    "de": ["Medienmitteilung des Alpenclubs", "Nach oben", "Alle Rechte vorbehalten"],
    "fr": ["Communiqué du Club alpin", "Haut de page", "Tous droits réservés"],
}
_NUMBER = re.compile(r"\d+")
_DETOKENISE = [(re.compile(r" ([,.;:!?)])"), r"\1"), (re.compile(r"([(]) "), r"\1"), (re.compile(r"\s+"), " ")]


@dataclass(frozen=True)
class Unit:
    texts: dict[str, str]  # language -> text


def astana_units() -> list[Unit]:
    """Russian paragraph runs that every gold alignment links the same way, with their three counterparts."""
    docset = load_set(ASTANA)
    source = docset.source().texts()
    docs = {e.lang: docset.read(e).texts() for e in docset.translations()}
    links: dict[str, dict[tuple[int, ...], tuple[int, ...]]] = {}
    for lang in TARGETS:
        gold = parse_text((ASTANA / "gold" / f"ru-{lang}.txt").read_text(encoding="utf-8"))
        links[lang] = {src: tgt for src, tgt in gold if src and tgt}
    shared = set.intersection(*(set(found) for found in links.values()))
    units = []
    for src in sorted(shared):
        texts = {"ru": " ".join(source[i] for i in src)}
        sep = {"zh": ""}
        for lang in TARGETS:
            texts[lang] = sep.get(lang, " ").join(docs[lang][j] for j in links[lang][src])
        units.append(Unit(texts))
    return units


def _detokenise(text: str) -> str:
    for pattern, replacement in _DETOKENISE:
        text = pattern.sub(replacement, text)
    return text.strip()


def bleualign_units() -> list[Unit]:
    """German-French sentence groups of the Bleualign dev gold (links with text on both sides)."""
    if not BLEUALIGN.is_dir():
        return []
    de = (BLEUALIGN / "dev.de").read_text(encoding="utf-8").split("\n")
    fr = (BLEUALIGN / "dev.fr").read_text(encoding="utf-8").split("\n")
    units = []
    for src, tgt in parse_text((BLEUALIGN / "dev.defr").read_text(encoding="utf-8")):
        if src and tgt:
            texts = {"de": _detokenise(" ".join(de[i] for i in src)), "fr": _detokenise(" ".join(fr[j] for j in tgt))}
            if min(len(t) for t in texts.values()) >= 20:
                units.append(Unit(texts))
    return units


def _perturb(text: str, lang: str, offset: int, order: list[int]) -> str:
    text = _NUMBER.sub(lambda m: str(int(m.group()) + offset) if len(m.group()) < 6 else m.group(), text)
    names = COUNTRIES.get(lang)
    if names:
        marks = {name: f"\x00{k}\x00" for k, name in enumerate(names)}
        for name, mark in marks.items():
            text = text.replace(name, mark)
        for k, name in enumerate(names):
            text = text.replace(f"\x00{k}\x00", names[order[k]])
    return text


def make_document_pair(rng: random.Random, units: list[Unit], langs: list[str]) -> dict[str, list[str]]:
    """Paragraphs per language: the first language is the source; the others get structural noise."""
    offset, order = rng.randint(1, 40), rng.sample(range(5), 5)
    paragraphs = []
    for _ in range(rng.randint(2, 6)):
        picked = rng.sample(units, rng.choices((1, 2), (6, 4))[0])
        paragraphs.append(picked)
    join = {"zh": ""}
    docs: dict[str, list[str]] = {}
    for lang in langs:
        docs[lang] = [join.get(lang, " ").join(_perturb(u.texts[lang], lang, offset, order) for u in p)
                      for p in paragraphs]
    source = langs[0]
    if rng.random() < 0.5:
        line = rng.randrange(len(BOILERPLATE[source]))
        for lang in langs:  # the site's header line, on every language version
            docs[lang].insert(0, BOILERPLATE[lang][line])
    for lang in langs[1:]:
        paras = docs[lang]
        roll = rng.random()
        if roll < 0.15 and len(paras) > 2:
            k = rng.randrange(len(paras) - 1)
            paras[k:k + 2] = [join.get(lang, " ").join(paras[k:k + 2])]
        elif roll < 0.25 and len(paras) > 3:
            del paras[rng.randrange(1, len(paras))]
        if rng.random() < 0.2:
            paras.append(rng.choice(BOILERPLATE[lang]))
    return docs


def _meta(group: str, langs: list[str], seed: int) -> str:
    how = ("synthetic: paragraphs recombined from translation units of corpus/astana-2025 (its gold-aligned"
           f" paragraphs), numbers shifted and country names permuted alike in every language, by"
           f" benchmarks/make_corpus.py with seed {seed}; translations given merged, dropped and boilerplate"
           " paragraphs on purpose")
    lines = ["[set]", f'id = "{group}"', f'title = "synthetic group {group}"', f'source_lang = "{langs[0]}"', ""]
    for k, lang in enumerate(langs):
        lines += ["[[files]]", f'path = "{lang}.txt"', f'lang = "{lang}"', f'role = "{"source" if k == 0 else "mt"}"',
                  f"provenance = {json.dumps(how)}", "synthetic = true", ""]
    return "\n".join(lines)


def make_corpus(out: Path, groups: int, seed: int = 0, defr_share: float = 0.3, duplicates: float = 0.02) -> dict:
    """Write the corpus; returns counts by kind."""
    rng = random.Random(seed)
    astana, defr = astana_units(), bleualign_units()
    if not defr:
        defr_share = 0.0
    sets, docs = out / "sets", out / "pairs" / "docs"
    manifest = ["src\tsrc_lang\ttgt\ttgt_lang"]
    made: list[tuple[str, dict[str, list[str]]]] = []
    counts = {"sets": 0, "manifest_pairs": 0, "copies": 0}
    for n in range(groups):
        name = f"g{n:05d}"
        if made and rng.random() < duplicates:
            texts = rng.choice(made)[1]  # an exact copy under another name: a crawl that met a page twice
            counts["copies"] += 1
        elif rng.random() < defr_share:
            texts = make_document_pair(rng, defr, ["de", "fr"])
        else:
            texts = make_document_pair(rng, astana, ["ru", *rng.sample(TARGETS, rng.choice((1, 1, 1, 2)))])
        made.append((name, texts))
        langs = list(texts)
        if langs[0] == "de":
            docs.mkdir(parents=True, exist_ok=True)
            for lang in langs:
                (docs / f"{name}.{lang}.txt").write_text("\n\n".join(texts[lang]) + "\n", encoding="utf-8")
            manifest.append(f"docs/{name}.de.txt\tde\tdocs/{name}.fr.txt\tfr")
            counts["manifest_pairs"] += 1
        else:
            directory = sets / name
            directory.mkdir(parents=True, exist_ok=True)
            for lang in langs:
                (directory / f"{lang}.txt").write_text("\n\n".join(texts[lang]) + "\n", encoding="utf-8")
            (directory / "meta.toml").write_text(_meta(name, langs, seed), encoding="utf-8")
            counts["sets"] += 1
    if counts["manifest_pairs"]:
        (out / "pairs" / "manifest.tsv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
        (out / "pairs" / "meta.toml").write_text(
            "# Provenance of pairs/docs/ (a build manifest's documents, not a document set)\n[corpus]\n"
            "synthetic = true\n"
            f"how = {json.dumps('German-French sentence pairs of the Bleualign dev set (Text+Berg, GPL-2.0, read in place from shared/data/bleualign-dev) recombined into paragraphs and documents, numbers shifted, with merged, dropped and boilerplate paragraphs, by benchmarks/make_corpus.py with seed ' + str(seed))}\n",
            encoding="utf-8")
    return counts


def make_pairing(out: Path, pairs: int, seed: int = 0, missing: float = 0.1) -> dict:
    """Document pairs under random names in two directories, some documents missing on either side;
    gold.tsv lists the true pairs (a_name, b_name)."""
    rng = random.Random(seed + 1)
    units = {"ru-en": astana_units(), "de-fr": bleualign_units()}
    a, b = out / "pairing" / "a", out / "pairing" / "b"
    a.mkdir(parents=True, exist_ok=True)
    b.mkdir(parents=True, exist_ok=True)
    gold = []
    kinds = [k for k in units if units[k]]
    for kind in kinds:
        for n in range(pairs // len(kinds)):
            langs = kind.split("-")
            texts = make_document_pair(rng, units[kind], langs)
            name_a, name_b = f"{rng.getrandbits(48):012x}.txt", f"{rng.getrandbits(48):012x}.txt"
            keep_a, keep_b = rng.random() >= missing, rng.random() >= missing
            sub_a, sub_b = a / kind, b / kind
            sub_a.mkdir(exist_ok=True)
            sub_b.mkdir(exist_ok=True)
            if keep_a:
                (sub_a / name_a).write_text("\n\n".join(texts[langs[0]]) + "\n", encoding="utf-8")
            if keep_b:
                (sub_b / name_b).write_text("\n\n".join(texts[langs[1]]) + "\n", encoding="utf-8")
            if keep_a and keep_b:
                gold.append(f"{kind}/{name_a}\t{kind}/{name_b}")
    (out / "pairing" / "gold.tsv").write_text("\n".join(gold) + "\n", encoding="utf-8")
    return {"kinds": kinds, "true_pairs": len(gold)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--groups", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--defr-share", type=float, default=0.3)
    parser.add_argument("--pairing", type=int, default=0, help="also write N document pairs for `corpus pair`")
    args = parser.parse_args()
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty")
    print(make_corpus(args.out, args.groups, args.seed, args.defr_share))
    if args.pairing:
        print(make_pairing(args.out, args.pairing, args.seed))


if __name__ == "__main__":
    main()
