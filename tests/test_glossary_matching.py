"""Term matching across grammar, scripts and typography, on the bundled term base."""
from pathlib import Path

import pytest

from corpus.errors import InputError
from glossaries.evaluation import matching_quality, read_annotated
from glossaries.matching import Matcher, normalise

ROOT = Path(__file__).resolve().parent.parent


def found(termbase, lang, text):
    return [(m.concept, m.kind, m.text) for m in Matcher(termbase, lang).find(text)]


def test_bundled_term_base_is_complete(termbase):
    assert len(termbase) >= 40 and termbase.languages == ("ru", "en", "zh", "kk")
    for concept in ("belt-and-road", "ca-china-format", "community-shared-future", "three-evil-forces",
                    "one-china-principle", "sco", "wto", "unesco", "escap", "unfccc", "unama", "unhcr"):
        assert all(termbase[concept].terms[lang].preferred for lang in termbase.languages)


def test_annotated_set_precision_and_recall_floor(termbase):
    rows = read_annotated(ROOT / "tests" / "data" / "glossary-matching.tsv")
    assert len(rows) >= 150
    counts = matching_quality(termbase, rows)
    for lang in ("ru", "en", "zh", "kk"):
        assert counts[lang].precision >= 0.98 and counts[lang].recall >= 0.98, (lang, counts[lang])


@pytest.mark.parametrize("text, form", [
    ("укрепление роли Центральной Азии", "Центральной Азии"),
    ("сотрудничество с Центральную Азию", "Центральную Азию"),
    ("между Центральной Азией и Китаем", "Центральной Азией"),
])
def test_russian_cases_of_a_multiword_term(termbase, text, form):
    assert ("central-asia", "preferred", form) in found(termbase, "ru", text)


def test_russian_shared_stem_is_not_a_match(termbase):
    assert found(termbase, "ru", "укрепление центральной роли ООН")[0][0] == "un"
    assert not any(c == "central-asia" for c, _, _ in found(termbase, "ru", "центральной роли"))


def test_russian_instrumental_of_a_fixed_phrase(termbase):
    assert found(termbase, "ru", "сообществом единой судьбы") == [
        ("community-shared-future", "preferred", "сообществом единой судьбы")]


@pytest.mark.parametrize("text, form", [
    ("«Бір белдеу, бір жол» бастамасын жоғары бағалайды", "Бір белдеу, бір жол» бастамасын"),
    ("Орталық Азияның тұрақтылығы", "Орталық Азияның"),
    ("Қытай Орталық Азиямен бірге", "Орталық Азиямен"),
    ("БҰҰ-ның рөлі", "БҰҰ-ның"),
])
def test_kazakh_suffixes(termbase, text, form):
    assert form in [t for _, _, t in found(termbase, "kk", text)]


def test_chinese_longest_match_and_width(termbase):
    assert found(termbase, "zh", "联合国大会决议")[0][0] == "un-general-assembly"
    assert found(termbase, "zh", "「一带一路」倡议")[0][0] == "belt-and-road"
    assert found(termbase, "zh", "中国－中亚峰会")[0][0] == "ca-china-format"  # full-width hyphen


def test_english_case_plural_article_and_hyphen(termbase):
    assert found(termbase, "en", "praised the belt-and-road initiative")[0][0] == "belt-and-road"
    assert found(termbase, "en", "The UN General Assembly resolutions")[0][0] == "un-general-assembly"
    assert found(termbase, "en", "two Confucius Institutes")[0][0] == "confucius-institute"


def test_forbidden_variants_are_found_as_forbidden(termbase):
    assert ("belt-and-road", "forbidden") in [(c, k) for c, k, _ in found(termbase, "en", 'the "One Belt, One Road" idea')]
    assert found(termbase, "zh", "“一路一带”倡议")[0][:2] == ("belt-and-road", "forbidden")


def test_normalise_keeps_offsets_into_the_original():
    text = "«Центральная Азия -- Китай»"
    normal, where = normalise(text)
    assert normal == '"Центральная Азия - Китай"'
    assert text[where[normal.index("К")]] == "К"


def test_annotated_set_reader_accepts_crlf_and_refuses_other_encodings(tmp_path):
    path = tmp_path / "set.tsv"
    path.write_bytes("lang\ttext\tconcept\tform\r\nru\tРоль ООН\tun\tООН\r\n".encode("utf-8"))
    assert read_annotated(path)[0].form == "ООН"
    path.write_bytes("lang\ttext\tconcept\tform\nru\tРоль ООН\tun\tООН\n".encode("cp1251"))
    with pytest.raises(InputError, match="not UTF-8"):
        read_annotated(path)
