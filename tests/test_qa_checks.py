"""The mechanical QA checks (identifiers, placeholders, end punctuation, brackets and quotes, spacing,
capitalisation, repeated words) on real sentences: quiet on the correct translation, a flag on the broken one."""
from __future__ import annotations

import pytest

from corpus.alignment import Alignment, Link
from corpus.model import make_document
from eval.checks import QualityChecker

# (source language, source, target language, correct translation, broken translation, check, flag words)
CASES = [
    ("ru", "Подробнее на сайте https://www.un.org/ru/ga/78/ и по адресу press@un.org.", "en",
     "More at https://www.un.org/ru/ga/78/ and from press@un.org.",
     "More at https://www.un.org/en/ga/78/ and from press@un.org.", "identifiers", "https://www.un.org/ru/g"),
    ("ru", "Хэштег #RevolutionNow распространялся в Твиттере.", "kk",
     "#RevolutionNow хэштегі Твиттерде таралды.", "#РеволюцияҚазір хэштегі Твиттерде таралды.", "identifiers",
     "#RevolutionNow"),
    ("en", "Click {1}Save{/1} to keep the {2/} file.", "ru", "Нажмите {1}Сохранить{/1}, чтобы сохранить файл {2/}.",
     "Нажмите {1}Сохранить, чтобы сохранить файл {2/}.", "placeholders", "never closed"),
    ("en", "Click {1}Save{/1} to keep the file.", "ru", "Нажмите {1}Сохранить{/1}, чтобы сохранить файл.",
     "Нажмите {1}Сохранить{/1}, чтобы сохранить {3/} файл.", "placeholders", "not in the source"),
    ("en", "Why are people wearing masks?", "zh", "人们为什么戴口罩？", "人们为什么戴口罩。", "end-punctuation",
     "question mark"),
    ("ru", "Стороны подписали Астанинскую декларацию.", "zh", "各方签署了《阿斯塔纳宣言》。", "各方签署了《阿斯塔纳宣言》？",
     "end-punctuation", "full stop"),
    ("ru", "Генеральный директор Службы государственной безопасности (ССС) Юсуф Бичи.", "en",
     "Director General of the State Security Service (SSS) Yusuf Bichi.",
     "Director General of the State Security Service (SSS Yusuf Bichi.", "brackets", "("),
    ("en", "The mayor accused Trump of “attacks” on her city.", "ru", "Мэр обвинила Трампа в «нападках» на её город.",
     "Мэр обвинила Трампа в “нападках” на её город.", "brackets", "not Russian style"),
    ("ru", "Мэр обвинила Трампа в «нападках» на её город.", "kk", "Мэр Трампты өз қаласына «шабуыл жасады» деп айыптады.",
     "Мэр Трампты өз қаласына «шабуыл жасады деп айыптады.", "brackets", "«"),
    ("ru", "Суд вынес постановление в четверг.", "en", "The court issued the order on Thursday.",
     "The court issued the order  on Thursday .", "spacing", "space before"),
    ("de", "Was ist zu tun? Wir warten.", "fr", "Que faire ? Nous attendons.", "Que faire? Nous attendons.",
     "spacing", "no space before ?"),
    ("ru", "Стороны, однако, согласились.", "zh", "然而，各方表示同意。", "然而,各方表示同意。", "spacing", "half-width"),
    ("ru", "Суд вынес постановление в четверг.", "en", "The court issued the order on Thursday.",
     "the court issued the order on Thursday.", "capitalisation", "lower case"),
    ("ru", "Суд вынес постановление в четверг.", "en", "The court issued the order on Thursday.",
     "The court issued the the order on Thursday.", "repeated-words", "the the"),
]


def _check(src_lang, src, tgt_lang, tgt, check, before=()):
    """The flags of (src, tgt) as the last link of a document whose other links are `before`."""
    pairs = [*before, (src, tgt)]
    source = make_document("s", src_lang, [s for s, _ in pairs])
    target = make_document("t", tgt_lang, [t for _, t in pairs], role="human")
    links = [Link((k,), (k,)) for k in range(len(pairs))]
    checker = QualityChecker(source, target, Alignment(src_lang, tgt_lang, links), None, [check])
    return checker.assess().links[-1].flags


@pytest.mark.parametrize("src_lang, src, tgt_lang, good, bad, check, words", CASES)
def test_a_mechanical_check_is_quiet_on_the_right_translation_and_flags_the_slip(src_lang, src, tgt_lang, good, bad,
                                                                                 check, words):
    assert _check(src_lang, src, tgt_lang, good, check) == []
    flags = _check(src_lang, src, tgt_lang, bad, check)
    assert flags and words in flags[0].reason, flags


@pytest.mark.parametrize("src_lang, src, tgt_lang, tgt, check", [
    # a headline whose translation adds a full stop; a stop against an ellipsis
    ("ru", "Алжир: Брат смещенного президента приговорен к 15 годам тюрьмы", "kk",
     "Алжир: қуылған президенттің ағасы 15 жылға сотталды.", "end-punctuation"),
    ("ru", "Мы ждём…", "en", "We are waiting...", "end-punctuation"),
    # list markers open no bracket, and the letter after one sets the case
    ("de", "a) Die Originalberichte in «Der Bund».", "fr", "a) Les articles originaux dans le « Bund ».", "brackets"),
    ("de", "a) Die Originalberichte.", "fr", "a) Les articles originaux.", "capitalisation"),
    # a double space the source has already, and French spaces before ; and ?
    ("ru", "Суд  вынес постановление.", "en", "The court  issued the order.", "spacing"),
    ("de", "Warum? Darum; so.", "fr", "Pourquoi ? Parce que ; ainsi.", "spacing"),
    # reduplication kept from the source; Chinese repeated characters are words
    ("ru", "Он сказал: «Нет, нет и ещё раз нет».", "en", "He said: “No, no and no again”.", "repeated-words"),
    ("ru", "Спасибо!", "zh", "谢谢谢谢！", "repeated-words"),
    # sentence punctuation after a URL is no part of it; the apostrophe is no unpaired quote
    ("ru", "См. https://who.int.", "en", "See https://who.int.", "identifiers"),
    ("ru", "Это «Смайл».", "en", "It’s the “Smile” service.", "brackets"),
])
def test_what_a_correct_translation_may_do_is_not_flagged(src_lang, src, tgt_lang, tgt, check):
    assert _check(src_lang, src, tgt_lang, tgt, check) == []


def test_reordered_tags_are_a_warning():
    flags = _check("en", "{1}Save{/1} or {2}cancel{/2}.", "ru", "{2}Отменить{/2} или {1}сохранить{/1}.", "placeholders")
    assert [f.severity for f in flags] == ["warn"] and "another order" in flags[0].reason


@pytest.mark.parametrize("src_lang, src, tgt_lang, tgt", [
    ("ru", "Ли Вейн должен заплатить больше 150 тыс долларов.", "en", "Lil Wayne ordered to pay over $ 150K."),
    ("ru", "Объект предлагается по цене более 395 000 фунтов.", "uz", "Joy 395,000 funtdan ortiq takliflar uchun bozorda."),
    ("ru", "Во время пятидневного похищения он был отравлен.", "uz", "Uning 5 kunlik o’g’irlganlik paytida zaxarlanib."),
])
def test_numbers_written_the_way_news_translators_write_them_agree(src_lang, src, tgt_lang, tgt):
    assert _check(src_lang, src, tgt_lang, tgt, "numbers") == []


@pytest.mark.parametrize("src, tgt, flagged", [
    # emphatic ни repeats the не of its clause: one negated sentence on each side
    ("В начале девяностых полагали, что каменные постройки здесь не связаны ни с какой религией.",
     "1990 жылдардың басында бұл жартасты инфрақұрылымның ешқандай діни қатынасы жоқ деп ойлаған.", False),
    ("Ни один из них не пришёл.", "Олардың ешқайсысы келмеді.", False),
    # без is a preposition the translation writes with -сыз
    ("Суд оставил решение без изменений.", "Сот шешімді өзгеріссіз қалдырды.", False),
    # one sentence of two negated on one side only
    ("Суд вынес решение. Он не ответил на иск.", "Сот шешім шығарды. Ол талапқа жауап берді.", True),
])
def test_negation_is_a_sentence_negated_on_one_side_only(src, tgt, flagged):
    # a document whose polarity carries over: the check applies to it (a free rendering turns it off)
    before = [("Суд вынес решение в четверг.", "Сот бейсенбіде шешім шығарды.")] * 12
    flags = _check("ru", src, "kk", tgt, "negation", before)
    assert bool(flags) == flagged, flags
    if flagged:
        assert "sentence 2" in flags[0].reason


def _profile(tmp_path, text):
    from eval.qa_profile import load

    path = tmp_path / "qa.toml"
    path.write_text(text, encoding="utf-8")
    return load(path)


def test_a_qa_profile_selects_checks_sets_severities_and_admits_differences(tmp_path):
    qa = _profile(tmp_path, 'checks = ["identifiers", "repeated-words", "spacing"]\n[severity]\n'
                            '"repeated-words" = "error"\nspacing = "off"\n[ignore]\nreasons = ["#RevolutionNow"]\n')
    src = ["Хэштег #RevolutionNow распространялся.", "Суд вынес постановление  в четверг.", "Суд вынес решение."]
    tgt = ["#Revolution хэштегі таралды.", "Сот бейсенбіде қаулы шығарды .", "Сот сот шешім шығарды."]
    source, target = make_document("s", "ru", src), make_document("t", "kk", tgt, role="human")
    alignment = Alignment("ru", "kk", [Link((k,), (k,)) for k in range(3)])
    checker = QualityChecker(source, target, alignment, None, qa=qa)
    assert [c.name for c in checker.checks] == ["identifiers", "spacing", "repeated-words"]
    links = checker.assess().links
    assert links[0].flags == [] and links[1].flags == []
    assert [(f.check, f.severity) for f in links[2].flags] == [("repeated-words", "error")]
    assert f"qa:{qa.id}" in checker.signature
    plain = QualityChecker(source, target, alignment, None, ["identifiers", "spacing"])
    assert [f.check for link in plain.assess().links for f in link.flags] == ["identifiers", "spacing"]


@pytest.mark.parametrize("text, message, line", [
    ('checks = ["speling"]\n', "unknown check 'speling'", 1),
    ('[severity]\nspacing = "fatal"\n', "must be warn, error or off", 2),
    ('checks = ["numbers"\n', "not valid TOML", 1),
    ('[ignore]\nreasons = ["(unclosed"]\n', "is not a regular expression", 2),
    ('\nlevel = 3\n', "unknown key 'level'", 2),
    ('checks = ["consistency"]\n\n[consistency]\nadmit = "Общие положения"\n', "must be a list of segments", 4),
    ('[consistency]\nadmit = [1, 2]\n', "must be a list of segments", 2),
    ('[consistency]\nadmit = ["…"]\n', "must be a list of segments", 2),
    ('[consistency]\nadmit = []\nmin_words = 3\n', "unknown key consistency.min_words", 3),
    ('\nconsistency = ["Общие положения"]\n', "consistency must be a table", 2),
    ('[spelling]\nknown = "glyphosate"\n', "spelling.known must be a list of words", 2),
    ('[spelling]\nknown = ["glyphosate"]\nignore = ["x"]\n', "unknown key spelling.ignore", 3),
])
def test_a_bad_qa_profile_is_one_clear_error_with_its_line(tmp_path, text, message, line):
    from corpus.errors import InputError

    with pytest.raises(InputError) as caught:
        _profile(tmp_path, text)
    assert message in caught.value.message and caught.value.line == line, str(caught.value)
