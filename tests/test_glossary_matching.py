"""Term matching across grammar, scripts and typography, on the bundled term base."""
from pathlib import Path

import pytest

from corpus.errors import InputError
from glossaries import read_termbase
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


# Measured on 2026-12-08 (721 rows): one more wrong row in any language falls below its floor. The misses left are
# known limits: homonyms no surface matcher tells apart (the 1973 Paris agreement on Vietnam, Turkmenbashi as
# Niyazov's title) and Chinese substrings across word boundaries (联合/国际, 苏联/大部分, 江西/安全, 变成/都市).
FLOORS = {"ru": (0.99, 0.995), "kk": (0.995, 0.995), "en": (0.99, 0.995), "zh": (0.965, 0.995)}


def test_annotated_set_precision_and_recall_floor(termbase):
    rows = read_annotated(ROOT / "tests" / "data" / "glossary-matching.tsv")
    assert len(rows) >= 600
    counts = matching_quality(termbase, rows)
    for lang, (precision, recall) in FLOORS.items():
        assert sum(r.lang == lang for r in rows) >= 150, lang
        assert counts[lang].precision >= precision and counts[lang].recall >= recall, (lang, counts[lang])


# The profiles' set (every profiled language, its own small term base) and the glacier statement's (ky, uz-Latn,
# en): 1.00 but where a known limit is measured, a term composed with another concept's abbreviation
# (UNO-Generalversammlung beside UN-Generalversammlung) and a Chinese substring across words (苏联/大使).
@pytest.mark.parametrize("base, annotated, languages, floors", [
    ("tests/data/languages-terms.tsv", "tests/data/languages-matching.tsv",
     {"ru", "en", "zh", "kk", "ky", "uz-Latn", "uz-Cyrl", "tg", "tk", "de", "fr", "uk", "tr"}, {"de": 0.89, "zh": 0.89}),
    ("glossaries/glaciers-2026.tsv", "tests/data/glaciers-matching.tsv", {"ky", "uz-Latn", "en"}, {}),
])
def test_every_profiled_language_keeps_its_floor(base, annotated, languages, floors):
    counts = matching_quality(read_termbase(ROOT / base), read_annotated(ROOT / annotated))
    assert set(counts) == languages
    for lang, tally in counts.items():
        floor = floors.get(lang, 0.99)
        assert tally.precision >= floor and tally.recall >= floor, (lang, tally)


def test_a_two_word_name_written_as_one_word():
    termbase = read_termbase(ROOT / "glossaries" / "glaciers-2026.tsv")
    assert found(termbase, "ky", "Сырдарыянын суусу азайды.") == [("syr-darya", "preferred", "Сырдарыянын")]
    assert found(termbase, "en", "the Syrdarya near Kyzylorda") == [("syr-darya", "preferred", "Syrdarya")]


@pytest.mark.parametrize("lang, text", [
    ("ru", "этот район прозвали шанхаем за тесноту лачуг"),
    ("en", "Gangs would shanghai drunken sailors."),
    ("kk", "Ол өзін ақтауға тырысты."),
    ("en", "A people's daily life depends on water."),
    ("en", "Two villages formed a mountain partnership to share their pastures."),
])
def test_common_noun_or_verb_is_not_the_proper_name(termbase, lang, text):
    assert found(termbase, lang, text) == []


@pytest.mark.parametrize("lang, text, concept, form", [
    ("ru", "Рейс из Шанхая задержали.", "shanghai", "Шанхая"),
    ("kk", "Жүк Ақтаудан жөнелтілді.", "aktau", "Ақтаудан"),
    ("ru", "На конференции COP 29 обсуждалось финансирование.", "cop29", "COP 29"),
    ("ru", "Делегация прибыла на КС 29.", "cop29", "КС 29"),
    ("en", "Kazakhstan joined the Belt & Road Initiative early.", "belt-and-road", "Belt & Road Initiative"),
    ("kk", "Тараптар Бір белдеу-бір жол бастамасын құптайды.", "belt-and-road", "Бір белдеу-бір жол бастамасын"),
])
def test_spelling_variants_of_names_and_codes(termbase, lang, text, concept, form):
    assert (concept, form) in [(c, t) for c, _, t in found(termbase, lang, text)]


@pytest.mark.parametrize("lang, text, form", [
    ("en", "Critics still call it One Belt One Road.", "One Belt One Road"),
    ("ru", "Проект «Один пояс один путь» обсуждался.", "Один пояс один путь"),
])
def test_a_comma_of_a_term_may_be_left_out(termbase, lang, text, form):
    assert ("belt-and-road", form) in [(c, t) for c, _, t in found(termbase, lang, text)]


def test_typographic_and_modifier_apostrophes_are_the_apostrophe():
    termbase = read_termbase(ROOT / "tests" / "data" / "languages-terms.tsv")
    assert found(termbase, "fr", "adopté par l’Assemblée générale de l’ONU")[0][::2] == (
        "un-general-assembly", "Assemblée générale de l’ONU")
    for text in ("Організації Об’єднаних Націй", "Організації Обʼєднаних Націй"):
        assert [c for c, _, _ in found(termbase, "uk", text)] == ["un"]
    assert found(termbase, "en", "The UN General Assembly’s resolution")[0][::2] == (
        "un-general-assembly", "UN General Assembly’s")


def test_hyphen_inside_a_kazakh_word_separates_only_where_the_term_has_a_separator(termbase):
    assert [c for c, _, _ in found(termbase, "kk", "БҰҰ-ның Бас Ассамблеясы")] == ["un-general-assembly"]
    assert [c for c, _, _ in found(termbase, "kk", "Қытай Орталық Азия-мен бірге")] == ["central-asia"]


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
