"""Term base features professionals expect: TBX statuses, case-sensitive terms, do-not-translate, part of
speech, punctuation variants as one term, Chinese spaces, inner inflection of Kazakh terms; on real sentences
of the declaration and its translations."""
from pathlib import Path

import pytest

from corpus.alignment import Link
from corpus.errors import InputError
from glossaries import read_tbx, read_termbase, read_tsv, write_tbx, write_tsv
from glossaries.checking import check
from glossaries.enforce import enforce
from glossaries.matching import Matcher, canonical

HEADER = ("id\tru\tru_variants\tru_forbidden\tru_deprecated\tru_superseded\tru_case"
          "\tkk\tkk_variants\tkk_forbidden\tkk_case\tpos\tdnt\tnote")
ROWS = [
    "astana\tАстана\t\t\t\tАкмола\t\tАстана\t\t\t\tproperNoun\t\tcapital of Kazakhstan",
    "un\tООН\tОрганизация Объединённых Наций\t\t\t\tООН\tБҰҰ\tБіріккен Ұлттар Ұйымы\t\tБҰҰ\t\t\t",
    "unama\tМООНСА\t\t\t\t\t\tМООНСА\t\t\t\tproperNoun\t\tUN mission in Afghanistan",
    "unama-code\tUNAMA\t\t\t\t\t\tUNAMA\t\t\t\t\tyes\tthe code stays Latin in every language",
    "belt-and-road\tОдин пояс и один путь\tОдин пояс, один путь\t\tОдин пояс один путь\t\t\t"
    "Бір белдеу, бір жол\t\tБір белбеу, бір жол\t\tnoun\t\t",
]


def _write(tmp_path: Path, lines: list[str], name: str = "g.tsv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def base(tmp_path):
    return read_tsv(_write(tmp_path, [HEADER, *ROWS]))


def found(termbase, lang, text):
    return [(m.concept, m.kind, m.text) for m in Matcher(termbase, lang).find(text)]


def test_optional_columns_are_read(base):
    assert base["astana"].pos == "properNoun" and base["astana"].terms["ru"].superseded == ("Акмола",)
    assert base["un"].terms["kk"].case == ("БҰҰ",) and base["unama-code"].dnt
    assert base["belt-and-road"].terms["ru"].deprecated == ("Один пояс один путь",)


def test_every_feature_survives_tsv_to_tbx_to_tsv_byte_for_byte(tmp_path, base):
    write_tbx(base, tmp_path / "g.tbx")
    tbx = (tmp_path / "g.tbx").read_text(encoding="utf-8")
    assert "supersededTerm-admn-sts" in tbx and '<termNote type="partOfSpeech">properNoun</termNote>' in tbx
    back = read_tbx(tmp_path / "g.tbx")
    assert back.concepts == base.concepts
    write_tsv(back, tmp_path / "back.tsv")
    assert (tmp_path / "back.tsv").read_text(encoding="utf-8") == (tmp_path / "g.tsv").read_text(encoding="utf-8")


def test_a_tsv_without_the_optional_columns_writes_none(tmp_path):
    path = _write(tmp_path, ["id\tru\tru_variants\tru_forbidden\tnote", "x\tООН\t\t\t"])
    write_tsv(read_tsv(path), tmp_path / "back.tsv")
    assert (tmp_path / "back.tsv").read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("row, message", [
    ("x\tООН\t\t\t\t\tоон\tБҰҰ\t\t\t\t\t\t", "case-sensitive ru term 'оон' is not one of the concept's terms"),
    ("x\tООН\t\t\t\t\t\tБҰҰ\t\t\t\tpronoun\t\t", "part of speech 'pronoun' is not one of"),
    ("x\tООН\t\t\t\t\t\tБҰҰ\t\t\t\t\tmaybe\t", "dnt must be yes or empty"),
    ("x\tUNAMA\t\t\t\t\t\tЮНАМА\t\t\t\t\tyes\t", "do-not-translate but its terms differ"),
    ("x\tООН\t\tСССР\tСССР\t\t\tБҰҰ\t\t\t\t\t\t", "'СССР' is both forbidden and deprecated in ru"),
])
def test_bad_feature_cells_name_file_and_line(tmp_path, row, message):
    with pytest.raises(InputError, match=message) as caught:
        read_tsv(_write(tmp_path, [HEADER, row]))
    assert caught.value.line == 2


def test_optional_columns_out_of_order_are_refused(tmp_path):
    header = HEADER.replace("ru_deprecated\tru_superseded", "ru_superseded\tru_deprecated")
    with pytest.raises(InputError, match="columns must come per language"):
        read_tsv(_write(tmp_path, [header]))


def test_a_proper_noun_matches_with_its_capitals_only(base):
    # kk.txt: «Астана қаласында» is the city; «...мемлекетінің астанасы» is "its capital"
    assert found(base, "kk", "2025 жылғы 17 маусымда Астана қаласында өткен саммит")[0][0] == "astana"
    assert found(base, "kk", "Саммит Астанада өтті.")[0][2] == "Астанада"
    assert found(base, "kk", "АСТАНА ДЕКЛАРАЦИЯСЫ")[0][0] == "astana"
    assert found(base, "kk", "Қазақстан Республикасының астанасы") == []


def test_a_case_sensitive_abbreviation_and_its_case_blind_full_form(base):
    assert found(base, "kk", "БҰҰ-ның орталық рөлін нығайтуға")[0][:2] == ("un", "preferred")
    assert found(base, "kk", "біріккен ұлттар ұйымының жарғысы")[0][0] == "un"
    assert found(base, "ru", "поддерживают центральную роль ООН")[0][0] == "un"


def test_superseded_and_deprecated_terms_are_found_with_their_status(base):
    assert found(base, "ru", "в городе Акмоле")[0][:2] == ("astana", "superseded")
    assert ("belt-and-road", "deprecated") in [f[:2] for f in found(base, "ru", "инициатива Один пояс один путь")]


def test_a_deprecated_rendering_is_a_deprecated_finding_and_is_enforced(base):
    source = ["Стороны поддерживают инициативу «Один пояс и один путь»."]
    target = ["Тараптар «Бір белбеу, бір жол» бастамасын қолдайды."]
    links = [Link((0,), (0,))]
    assert [f.kind for f in check(base, source, target, links, "ru", "kk").findings] == ["forbidden"]
    fixed, changes = enforce(base, source, target, links, "ru", "kk")
    assert fixed == ["Тараптар «Бір белдеу, бір жол» бастамасын қолдайды."] and changes[0].action == "replaced"
    source_ru = ["Столица — Акмола."]
    result = check(base, ["Саммит прошёл в Астане."], source_ru, links, "ru", "ru")
    assert [f.kind for f in result.findings] == ["superseded"]


def test_a_do_not_translate_term_must_stand_unchanged(base):
    source = ["Стороны поддерживают мандат миссии UNAMA."]
    links = [Link((0,), (0,))]
    kept = check(base, source, ["Тараптар UNAMA миссиясының мандатын қолдайды."], links, "ru", "kk")
    assert [(f.concept, f.kind) for f in kept.findings] == [("unama-code", "ok")]
    inflected = check(base, source, ["UNAMA-ның мандатын қолдайды."], links, "ru", "kk")
    assert inflected.findings[0].kind == "ok"
    transliterated = check(base, source, ["Тараптар ЮНАМА миссиясының мандатын қолдайды."], links, "ru", "kk")
    assert [(f.concept, f.kind) for f in transliterated.findings] == [("unama-code", "missing")]
    assert check(base, source, ["Тараптар unama миссиясын қолдайды."], links, "ru", "kk").findings[0].kind == "missing"


@pytest.mark.parametrize("lang, text", [
    ("kk", "«Бір белдеу – бір жол» бастамасын жоғары бағалайды"),
    ("kk", "«Бір белдеу — бір жол» бастамасын жоғары бағалайды"),
    ("kk", "«Бір белдеу, бір жол» бастамасын жоғары бағалайды"),
    ("ru", "в рамках инициативы «Один пояс – один путь»"),
    ("ru", "в рамках инициативы «Один пояс, один путь»"),
    ("ru", "в рамках инициативы «Один пояс и один путь»"),
])
def test_variants_differing_only_in_punctuation_are_one_term(base, lang, text):
    assert [f[0] for f in found(base, lang, text)] == ["belt-and-road"]


def test_a_separator_of_the_term_is_not_optional_in_the_text(termbase):
    # the format name is «Қытай – Орталық Азия»; here Қытай is the subject and Орталық Азия its partner
    assert [f[0] for f in found(termbase, "kk", "Қытай Орталық Азиямен бірге")] == ["central-asia"]
    assert canonical("Бір белдеу – бір жол") == canonical("«бір белдеу, бір жол»")


def test_chinese_spaces_are_removed_from_the_text_as_from_the_terms(termbase):
    text = "2025年在土库曼斯坦举行的第三届联合国内陆发展中国家会议（LLDC 3）"
    assert ("lldc3", "LLDC 3") in [(f[0], f[2]) for f in found(termbase, "zh", text)]
    assert found(termbase, "zh", "第三届 联合国 内陆发展中国家会议")[0][0] == "lldc3"


@pytest.mark.parametrize("text, form", [
    ("БҰҰ-ның Қауіпсіздік Кеңесінің реформасы", "БҰҰ-ның Қауіпсіздік Кеңесінің"),
    ("БҰҰ Қауіпсіздік Кеңесінің реформасы", "БҰҰ Қауіпсіздік Кеңесінің"),
    ("Біріккен Ұлттар Ұйымының Бас Ассамблеясында", "Біріккен Ұлттар Ұйымының Бас Ассамблеясында"),
])
def test_kazakh_inner_words_take_or_drop_the_genitive(tmp_path, text, form):
    base = read_tsv(_write(tmp_path, ["id\tkk\tkk_variants\tkk_forbidden\tnote",
                                      "unsc\tБҰҰ Қауіпсіздік Кеңесі\t\t\t",
                                      "unga\tБіріккен Ұлттар Ұйымы Бас Ассамблеясы\t\t\t"]))
    assert form in [f[2] for f in found(base, "kk", text)]


def test_kazakh_inner_words_take_no_other_ending(tmp_path):
    base = read_tsv(_write(tmp_path, ["id\tkk\tkk_variants\tkk_forbidden\tnote", "unsc\tБҰҰ Қауіпсіздік Кеңесі\t\t\t"]))
    assert found(base, "kk", "БҰҰ-ға Қауіпсіздік Кеңесі туралы") == []


def test_the_bundled_tbx_matches_the_bundled_tsv():
    root = Path(__file__).resolve().parent.parent / "glossaries"
    assert read_termbase(root / "astana-2025.tbx").concepts == read_termbase(root / "astana-2025.tsv").concepts
