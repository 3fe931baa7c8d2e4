"""Language profiles: tags, coverage, scripts, segmentation, numbers, negation and term matching per language."""
from __future__ import annotations

import warnings

import pytest

from corpus.errors import InputError
from corpus.languages import (LanguageWarning, UnknownLanguage, embedder_covers, normalise_tag, profile,
                              profiled_tags, short_tag, validate)
from corpus.script import guess_language, language_mismatch
from corpus.segmenter import join_segments, split_sentences
from eval.language import paragraph_language, untranslated_sentences
from eval.numbers import compare, extract
from eval.polarity import cues
from glossaries.matching import Matcher
from glossaries.model import Concept, TermBase, Terms

PROFILED = ["de", "en", "fr", "kk", "ky", "ru", "tg", "tk", "tr", "uk", "uz-Cyrl", "uz-Latn", "zh-Hans"]


@pytest.mark.parametrize("tag, canonical", [
    ("kaz", "kk"), ("KK", "kk"), ("kk-Cyrl", "kk"), ("zh", "zh-Hans"), ("zho", "zh-Hans"), ("cmn", "zh-Hans"),
    ("zh-CN", "zh-Hans"), ("zh-TW", "zh-Hant"), ("zh_Hant", "zh-Hant"), ("uz", "uz-Latn"), ("uzb", "uz-Latn"),
    ("uz-Cyrl", "uz-Cyrl"), ("uz_cyrl", "uz-Cyrl"), ("en-GB", "en"), ("eng", "en"), ("ger", "de"), ("fra", "fr"),
    ("tgk", "tg"), ("tuk", "tk"), ("kir", "ky"), ("ukr", "uk"), ("tur", "tr"), ("kat", "ka"), ("arm", "hy"),
])
def test_aliases_normalise_to_one_canonical_tag(tag, canonical):
    assert normalise_tag(tag) == canonical


@pytest.mark.parametrize("tag", ["xq", "qqq", "en-nllb", "", "zh-Hans-CN-TW", "english"])
def test_a_tag_that_names_no_language_is_refused(tag):
    with pytest.raises(UnknownLanguage):
        normalise_tag(tag)


def test_short_tags_are_what_output_names_use():
    assert [short_tag(t) for t in ("zh-Hans", "uz-Latn", "uz-Cyrl", "kk", "zh-Hant")] == \
        ["zh", "uz", "uz-Cyrl", "kk", "zh-Hant"]


def test_every_profiled_language_has_its_own_module_and_id():
    assert sorted(profiled_tags()) == sorted(PROFILED)
    for tag in PROFILED:
        p = profile(tag)
        assert not p.generic and p.signature_id == f"{tag}-{p.version}" and p.name
    assert profile("ka").generic and profile("ka").signature_id == "generic" and profile("ka").name == "Georgian"


def test_embedder_coverage_follows_xlm_r():
    assert all(embedder_covers(t) for t in ("ru", "en", "zh", "kk", "ky", "uz", "uz-Cyrl", "de", "fr", "uk", "tr",
                                              "ka", "hy"))
    assert not embedder_covers("tg") and not embedder_covers("tk")


def test_weakly_covered_profiled_languages_pass_with_a_warning_and_uncovered_generic_ones_are_refused():
    with pytest.warns(LanguageWarning, match="Tajik"):
        assert validate("tg").tag == "tg"
    with pytest.raises(InputError, match="Hawaiian .*not among the embedder's languages") as err:
        validate("haw", "doc.txt")
    assert err.value.path == "doc.txt"
    with pytest.raises(InputError, match="unknown language tag 'xq'"):
        validate("xq", "doc.txt")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        validate("ky")


# -- segmentation on real sentences: abbreviations, initials, numbers, quotes -------------------------------------

SENTENCES = {
    "ru": ["В 2025 г. в г.Астана К.К.Токаев, т.е. глава государства, открыл саммит.", "Стороны согласились."],
    "en": ["Dr. A. Sadykov met the U.S. delegation at 5 p.m. on 14 March 2026.", "He said: “No comment.”",
           "Talks resumed."],
    "zh-Hans": ["各方欢迎“中国—中亚”峰会。", "他说：“很好！”", "会议于2025年6月17日举行。"],
    "kk": ["2025 ж. 17 маусымда Қ.Тоқаев сөз сөйледі.", "Ғылым, білім т.б. салаларда ынтымақтастық."],
    "ky": ["Ж. Бакиев 2025-ж. 17-июнда сүйлөдү.", "Илим, билим ж.б. тармактарда кызматташуу өнүгүүдө.",
           "«Суу — өмүр», деди ал."],
    "uz-Latn": ["Sh. Mirziyoyev 2025 y. 17 iyunda nutq so‘zladi.", "Dr. A. Sodiqov BMTning yig‘ilishida qatnashdi.",
                "Ular “Suv — hayot” dedi."],
    "uz-Cyrl": ["Ш. Мирзиёев 2025 й. 17 июнда нутқ сўзлади.", "Томонлар келишиб олди."],
    "tg": ["Э. Раҳмон 2025 с. 17 июн дар ш. Душанбе суханронӣ кард.", "Тарафҳо розӣ шуданд."],
    "tk": ["S. Berdimuhamedow 2025 ý. 17-nji iýunda çykyş etdi.", "Taraplar ylalaşdylar."],
    "de": ["Am 17. Juni 2025 sprach Dr. A. Müller z. B. über Nr. 5 der Erklärung.", "Die Parteien stimmten zu."],
    "fr": ["M. Dupont est arrivé le 17 juin 2025, p. ex. avec Mme Durand.", "Il a dit « Bonjour. »",
           "Les parties ont convenu."],
    "uk": ["У 2025 р. у м. Київ проф. І. Петренко, т. ч. голова комісії, виступив.", "Сторони погодилися."],
    "tr": ["Dr. Ahmet Yılmaz 17 Haziran 2025'te BM'nin toplantısına katıldı.", "Prof. Ayşe Kaya vb. konuşmacılar da vardı."],
}


@pytest.mark.parametrize("lang", PROFILED)
def test_each_profile_splits_its_own_sentences(lang):
    expected = SENTENCES[lang]
    assert split_sentences(join_segments(expected, lang), lang) == expected


def test_generic_profile_splits_at_unicode_terminals_for_languages_nobody_profiled():
    assert split_sentences("Բարեւ։ Ինչպես ես։ Ես լավ եմ։", "hy") == ["Բարեւ։", "Ինչպես ես։", "Ես լավ եմ։"]
    assert split_sentences("გამარჯობა. როგორ ხარ? მე კარგად ვარ.", "ka") == \
        ["გამარჯობა.", "როგორ ხარ?", "მე კარგად ვარ."]
    assert profile("ja").joiner == "" and profile("ka").joiner == " "


# -- scripts and the wrong-language checks -------------------------------------------------------------------------

KAZAKH = "Тараптар Орталық Азия мен Қытай арасындағы ынтымақтастықты дамыту туралы келісімге қол қойды."
RUSSIAN = "Стороны подписали соглашение о развитии сотрудничества между Центральной Азией и Китаем."
KYRGYZ = "Тараптар Борбордук Азия менен Кытайдын ортосундагы кызматташтыкты өнүктүрүү боюнча келишимге кол коюшту."
TAJIK = "Тарафҳо дар бораи рушди ҳамкорӣ байни Осиёи Марказӣ ва Чин созишнома имзо карданд."
UZ_LATN = "Tomonlar Markaziy Osiyo va Xitoy o‘rtasidagi hamkorlikni rivojlantirish to‘g‘risidagi bitimni imzoladilar."
UZ_CYRL = "Томонлар Марказий Осиё ва Хитой ўртасидаги ҳамкорликни ривожлантириш тўғрисидаги битимни имзоладилар."
UKRAINIAN = "Сторони підписали угоду про розвиток співпраці між Центральною Азією та Китаєм і її партнерами."


@pytest.mark.parametrize("text, lang", [(KAZAKH, "kk"), (RUSSIAN, "ru"), (KYRGYZ, "ky"), (TAJIK, "tg"),
                                        (UZ_CYRL, "uz-Cyrl"), (UKRAINIAN, "uk"), (UZ_LATN, "uz-Latn")])
def test_texts_fit_their_own_profile(text, lang):
    assert language_mismatch(text, lang) is None


@pytest.mark.parametrize("text, declared, looks", [
    (KAZAKH, "ru", "Kazakh"), (RUSSIAN, "kk", "Russian"), (TAJIK, "ru", "Tajik"), (RUSSIAN, "tg", "Russian"),
    (KAZAKH, "ky", "Kazakh"), (UZ_CYRL, "uz", "Uzbek \\(Cyrillic\\)"), (UZ_LATN, "uz-Cyrl", "looks Uzbek \\(Latin\\)"),
    (UKRAINIAN, "ru", "Ukrainian"), (RUSSIAN, "en", "Russian"), ("ერთი ორი სამი ოთხი ხუთი ექვსი შვიდი რვა ცხრა ათი თერთმეტი", "hy",
                                                                 "is in Geor script"),
])
def test_wrong_script_or_letters_for_the_declared_language(text, declared, looks):
    assert language_mismatch(text, declared) is not None
    assert __import__("re").search(looks, language_mismatch(text, declared))


def test_guessing_a_language_by_script_letters_and_words():
    assert [guess_language(t) for t in (KAZAKH, RUSSIAN, KYRGYZ, TAJIK, UZ_CYRL, UKRAINIAN)] == \
        ["kk", "ru", "ky", "tg", "uz-Cyrl", "uk"]
    assert guess_language("The parties agreed on the development of the cooperation in the region.") == "en"


def test_source_left_untranslated_is_found_for_any_source_language():
    english = "We note with concern that up to 40 per cent of the irrigation water is lost in the old canals."
    assert untranslated_sentences(f"{KYRGYZ} {english}", "ky", "en") == [english]
    assert untranslated_sentences(f"{UZ_LATN} {english}", "uz", "en") == [english]
    assert untranslated_sentences(f"{KAZAKH} {RUSSIAN}", "kk", "ru") == [RUSSIAN]
    assert paragraph_language(english, "uz", "en") == "en"
    assert paragraph_language(RUSSIAN, "ky", "en") == "ru"  # a wrong language, not the source
    assert paragraph_language(KYRGYZ, "ky", "en") is None


# -- numbers -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("src, src_lang, tgt, tgt_lang", [
    ("2.5 billion dollars, 1,200 lakes", "en", "2,5 Milliarden Dollar, 1.200 Seen", "de"),
    ("2.5 billion dollars", "en", "2,5 milliards de dollars", "fr"),
    ("1,5 млрд долларов", "ru", "1,5 мільярда доларів", "uk"),
    ("1.5 billion", "en", "1,5 milyar", "tr"),
    ("1 200 мөңгү көлү, 2,5 миллиард", "ky", "1 200 ta muzlik ko‘li, 2,5 milliard", "uz"),
    ("17.06.2025", "tk", "17 iýun 2025", "tk"),
    ("80 million people", "en", "80 миллион адам", "ky"),
    ("five countries", "en", "беш өлкө", "ky"),
    ("30 per cent", "en", "30 фоиз", "tg"),
])
def test_numbers_are_read_the_way_each_language_writes_them(src, src_lang, tgt, tgt_lang):
    assert extract(src, src_lang).hard or extract(src, src_lang).soft
    assert compare(extract(src, src_lang), extract(tgt, tgt_lang)) == ([], [])


def test_a_german_billion_is_a_thousand_millions_more():
    assert compare(extract("1.5 billion", "en"), extract("1,5 Billionen", "de")) == (["1500000000"],
                                                                                   ["1500000000000"])
    assert extract("1.000,5", "de").hard == {"1000.5"} and extract("1,000.5", "en").hard == {"1000.5"}


# -- negation ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text, count", [
    ("ru", "Стороны не поддерживают это, где бы он ни находился.", 1),
    ("ru", "Не только экономика, но и культура.", 0),
    ("en", "They will not accept it, not only now.", 1),
    ("kk", "Тараптар бұл бастаманы қолдамайды, бұл ғана емес.", 1),
    ("ky", "Тараптар бул демилгени колдобойт. Бул алыскы коркунуч эмес.", 2),
    ("ky", "Бул гана эмес, экономика да.", 0),
    ("uz", "Tomonlar bu tashabbusni qo‘llab-quvvatlamaydi. Bu uzoq tahdid emas.", 2),
    ("uz-Cyrl", "Томонлар бу ташаббусни қўллаб-қувватламайди.", 1),
    ("tg", "Тарафҳо ин ташаббусро дастгирӣ намекунанд, на танҳо имрӯз.", 1),
    ("tk", "Taraplar bu başlangyjy goldamaýarlar. Bu uzak howp däl.", 2),
    ("tr", "Taraflar bu girişimi desteklemiyor. Sadece ekonomi değil, kültür de.", 1),
    ("de", "Die Parteien unterstützen das nicht, nicht zuletzt wegen der Kosten.", 1),
    ("de", "Nicht nur die Wirtschaft, sondern auch die Kultur.", 0),
    ("fr", "Les parties ne soutiennent pas cette initiative.", 1),
    ("fr", "Il n'y a que deux options, non seulement une.", 0),
    ("uk", "Сторони не підтримують це, де б він не був.", 1),
    ("zh", "各方不支持这一倡议，并不断加强合作。", 1),
])
def test_negation_cues_and_the_particles_that_are_not_negation(lang, text, count):
    assert len(cues(text, lang)) == count, cues(text, lang)


def test_a_language_nobody_profiled_has_no_cues():
    assert cues("არ ვიცი", "ka") == []


# -- term matching -------------------------------------------------------------------------------------------------

def _base(lang: str, *terms: tuple[str, str, tuple[str, ...]]) -> TermBase:
    return TermBase([Concept(cid, {lang: Terms(term, forbidden=forbidden)}) for cid, term, forbidden in terms], (lang,))


@pytest.mark.parametrize("lang, term, text, form", [
    ("ky", "Бириккен Улуттар Уюму", "Бириккен Улуттар Уюмунун Башкы Ассамблеясы", "Бириккен Улуттар Уюмунун"),
    ("ky", "БУУ", "БУУнун чечими", "БУУнун"),
    ("ky", "мөңгү", "мөңгүлөрдүн аянты", "мөңгүлөрдүн"),
    ("kk", "БҰҰ", "БҰҰ-ның рөлі", "БҰҰ-ның"),
    ("uz", "BMT", "BMTning qarori", "BMTning"),
    ("uz", "Markaziy Osiyo", "Markaziy Osiyoning kelajagi", "Markaziy Osiyoning"),
    ("uz", "iqlim o‘zgarishi", "iqlim o'zgarishiga qarshi", "iqlim o'zgarishiga"),
    ("uz-Cyrl", "БМТ", "БМТнинг қарори", "БМТнинг"),
    ("tr", "BM", "BM'nin kararı", "BM'nin"),
    ("tr", "Orta Asya", "Orta Asya'daki ülkeler", "Orta Asya'daki"),
    ("tr", "buzul", "buzulların erimesi", "buzulların"),
    ("tk", "Merkezi Aziýa", "Merkezi Aziýanyň ýurtlary", "Merkezi Aziýanyň"),
    ("tg", "Созмони Милали Муттаҳид", "Созмони Милали Муттаҳидро дастгирӣ мекунанд", "Созмони Милали Муттаҳидро"),
    ("tg", "пирях", "пиряхҳои Помир", "пиряхҳои"),
    ("uk", "Організація Об'єднаних Націй", "роль Організації Об'єднаних Націй", "Організації Об'єднаних Націй"),
    ("ru", "Центральная Азия", "странами Центральной Азии", "Центральной Азии"),
    ("de", "Vereinte Nationen", "die Rolle der Vereinten Nationen", "Vereinten Nationen"),
    ("de", "Gletscher", "des Gletschers", "Gletschers"),
    ("fr", "Organisation des Nations unies", "le rôle de l'Organisation des Nations unies", "Organisation des Nations unies"),
    ("fr", "glacier", "les glaciers fondent", "glaciers"),
    ("en", "developing country", "the developing countries", "developing countries"),
])
def test_inflected_forms_match(lang, term, text, form):
    found = [m.text for m in Matcher(_base(lang, ("c", term, ())), lang).find(text)]
    assert found == [form]


@pytest.mark.parametrize("lang, term, text", [
    ("en", "developing country", "the developed countries"),
    ("en", "nation", "a national plan"),
    ("de", "Gletscher", "die Gletscherkunde"),
    ("fr", "nation", "une politique nationale"),
    ("ky", "мөңгү", "мөңгүчү адистер"),  # a derived word, not an inflected one
    ("tr", "buzul", "buzulbilim"),
    ("uz", "BMT", "BMTX"),
])
def test_near_misses_do_not_match(lang, term, text):
    assert Matcher(_base(lang, ("c", term, ())), lang).find(text) == []


def test_a_generic_profile_matches_surface_forms_only_and_says_so():
    base = _base("ka", ("c", "მყინვარი", ()))
    with pytest.warns(LanguageWarning, match="match as written"):
        matcher = Matcher(base, "ka")
    assert [m.text for m in matcher.find("ეს მყინვარი დნება")] == ["მყინვარი"]
    assert matcher.find("მყინვარები დნება") == []  # no morphology: an inflected form is missed


def test_enforcement_moves_a_turkic_ending_only_where_harmony_allows():
    from corpus.alignment import Link
    from glossaries.enforce import enforce

    base = TermBase([Concept("ca", {"en": Terms("Central Asia"), "ky": Terms("Борбордук Азия",
                                                                          forbidden=("Орто Азия",))})], ("en", "ky"))
    out, changes = enforce(base, ["Central Asia grows."], ["Орто Азиянын өнүгүүсү."], [Link((0,), (0,))], "en", "ky")
    assert out == ["Борбордук Азиянын өнүгүүсү."] and changes[0].action == "replaced"


# -- bad input: one line naming the file, exit 2 --------------------------------------------------------------------

_EN = "The parties agreed to share data on the glaciers of the region and to meet again next year in Tashkent."
_UZ_LATN = UZ_LATN
_UZ_CYRL = UZ_CYRL


def _set(root, files: list[tuple[str, str, str, str]], source_lang: str = "en"):
    root.mkdir()
    meta = [f'[set]\nid = "t"\nsource_lang = "{source_lang}"\n']
    for path, lang, role, text in files:
        (root / path).write_text(text + "\n", encoding="utf-8")
        meta.append(f'[[files]]\npath = "{path}"\nlang = "{lang}"\nrole = "{role}"\n')
    (root / "meta.toml").write_text("\n".join(meta), encoding="utf-8")
    return root


@pytest.mark.parametrize("files, message", [
    ([("en.txt", "en", "source", _EN), ("x.txt", "xq", "mt", _UZ_LATN)], "meta.toml:\\d+: unknown language tag 'xq'"),
    ([("en.txt", "en", "source", _EN), ("x.txt", "haw", "mt", _UZ_LATN)],
     "meta.toml:\\d+: Hawaiian \\(haw\\) is not among the embedder's languages"),
    ([("en.txt", "en", "source", _EN), ("uz.txt", "uz-Cyrl", "mt", _UZ_LATN)],
     "uz.txt:1: declared language is uz-Cyrl but the text looks Uzbek \\(Latin\\)"),
    # two files declaring one language (uz) in different scripts: the one not in its declared script is named
    ([("en.txt", "en", "source", _EN), ("uz.txt", "uz", "mt", _UZ_LATN), ("uz2.txt", "uz", "reference", _UZ_CYRL)],
     "uz2.txt:1: declared language is uz but the text looks Uzbek \\(Cyrillic\\) \\(uz-Cyrl\\) by its script"),
    ([("en.txt", "ru", "source", _EN), ("uz.txt", "uz", "mt", _UZ_LATN)], "source_lang is en but the source file"),
])
def test_bad_languages_in_a_set_are_one_line_errors(tmp_path, capsys, files, message):
    from tilmash.cli import main

    root = _set(tmp_path / "set", files)
    assert main(["run", str(root), "--out", str(tmp_path / "out"), "--method", "length"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and __import__("re").search(message, err), err


def test_align_refuses_an_unknown_tag_naming_the_file(tmp_path, capsys):
    from tilmash.cli import main

    src, tgt = tmp_path / "a.txt", tmp_path / "b.txt"
    src.write_text(_EN, encoding="utf-8")
    tgt.write_text(_UZ_LATN, encoding="utf-8")
    assert main(["align", str(src), str(tgt), "--src-lang", "en", "--tgt-lang", "klingon"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"tilmash: error: {tgt}: unknown language tag 'klingon'") and len(err.splitlines()) == 1


GERMAN = ["Die Staaten Zentralasiens trafen sich am 17. Juni 2025 in Astana.",
          "Sie vereinbarten, Daten über die Gletscher auszutauschen. Die Gletscher haben seit 1960 etwa 30 Prozent "
          "ihrer Fläche verloren.",
          "Das nächste Treffen findet 2027 in Taschkent statt."]
FRENCH = ["Les États d'Asie centrale se sont réunis le 17 juin 2025 à Astana.",
          "Ils sont convenus d'échanger des données sur les glaciers.",
          "Les glaciers ont perdu environ 30 pour cent de leur surface depuis 1960.",
          "La prochaine réunion aura lieu en 2027 à Tachkent."]
GEORGIAN = ["ცენტრალური აზიის სახელმწიფოები 2025 წლის 17 ივნისს ასტანაში შეიკრიბნენ.",
            "ისინი შეთანხმდნენ მყინვარების შესახებ მონაცემების გაცვლაზე.",
            "შემდეგი შეხვედრა 2027 წელს ტაშკენტში გაიმართება."]


@pytest.mark.parametrize("src_lang, src, tgt_lang, tgt, gold", [
    ("de", GERMAN, "fr", FRENCH, [[0, 0], [1, 1, 2], [2, 3]]),
    ("fr", FRENCH, "de", GERMAN, [[0, 0], [1, 2, 1], [3, 2]]),
    ("ka", GEORGIAN, "en", [_EN[:40] + ".", "They agreed to exchange data on glaciers.", "The next meeting will be in "
                                                                                   "Tashkent in 2027."], None),
])
def test_align_any_pair_of_languages_from_the_command_line(tmp_path, capsys, src_lang, src, tgt_lang, tgt, gold):
    import json

    from tilmash.cli import main

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("\n\n".join(src) + "\n", encoding="utf-8")
    b.write_text("\n\n".join(tgt) + "\n", encoding="utf-8")
    assert main(["align", str(a), str(b), "--src-lang", src_lang, "--tgt-lang", tgt_lang]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["src_lang"] == src_lang and data["tgt_lang"] == tgt_lang
    links = [(l["src"], l["tgt"]) for l in data["links"]]
    assert [i for s, _ in links for i in s] == list(range(len(src)))
    assert [j for _, t in links for j in t] == list(range(len(tgt)))
    if gold == [[0, 0], [1, 1, 2], [2, 3]]:
        assert links == [([0], [0]), ([1], [1, 2]), ([2], [3])]
    elif gold is not None:
        assert links == [([0], [0]), ([1, 2], [1]), ([3], [2])]


def test_a_weakly_covered_language_aligns_with_a_one_line_warning(tmp_path):
    import subprocess
    import sys

    a, b = tmp_path / "en.txt", tmp_path / "tg.txt"
    a.write_text(f"{_EN}\n\nThe parties agreed.\n", encoding="utf-8")
    b.write_text(f"{TAJIK}\n\nТарафҳо розӣ шуданд.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "tilmash.cli", "align", str(a), str(b), "--src-lang", "en",
                           "--tgt-lang", "tgk", "--method", "length", "--format", "text"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.splitlines() == ["[0]:[0]", "[1]:[1]"]
    warning = [line for line in done.stderr.splitlines() if line.startswith("tilmash: warning:")]
    assert warning and "Tajik (tg) is not among the embedder's training languages" in warning[0]
