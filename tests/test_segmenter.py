"""Sentence segmentation on the hard cases of the declaration's languages."""
import pytest

from corpus.segmenter import split_sentences


def test_russian_initials_abbreviations_and_identifiers_do_not_split():
    text = ("17 июня 2025 года в г.Астана с участием Президента К.К.Токаева, т.е. главы государства, "
            "принята Резолюция №78/266, а 2023-2027 годы объявлены пятилетием. Стороны согласились.")
    assert split_sentences(text, "ru") == [
        "17 июня 2025 года в г.Астана с участием Президента К.К.Токаева, т.е. главы государства, "
        "принята Резолюция №78/266, а 2023-2027 годы объявлены пятилетием.",
        "Стороны согласились.",
    ]


def test_numbered_clause_opening_stays_with_its_sentence():
    text = "5. Стороны высоко оценивают инициативу. 6. Стороны прилагают усилия."
    assert split_sentences(text, "ru") == ["5. Стороны высоко оценивают инициативу.", "6. Стороны прилагают усилия."]


def test_quotes_close_the_sentence_they_belong_to():
    text = 'Резолюция «О мировом единстве.» Далее "Текст!" Конец.'
    assert split_sentences(text, "ru") == ["Резолюция «О мировом единстве.»", 'Далее "Текст!"', "Конец."]


def test_chinese_sentence_ends_with_closing_quotes():
    text = "各方欢迎“中国—中亚”峰会。他说：“很好！”然后；真的吗？是的"
    assert split_sentences(text, "zh") == ["各方欢迎“中国—中亚”峰会。", "他说：“很好！”", "然后；", "真的吗？", "是的"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2025 ж. 17 маусымда саммит өтті. Тараптар келісті.",
         ["2025 ж. 17 маусымда саммит өтті.", "Тараптар келісті."]),
        ("Ғылым, білім т.б. салаларда ынтымақтастық. БҰҰ Бас Ассамблеясы қарар қабылдады.",
         ["Ғылым, білім т.б. салаларда ынтымақтастық.", "БҰҰ Бас Ассамблеясы қарар қабылдады."]),
        ("Тараптар БҰҰ. Келесі сөйлем.", ["Тараптар БҰҰ.", "Келесі сөйлем."]),
    ],
)
def test_kazakh_abbreviations(text, expected):
    assert split_sentences(text, "kk") == expected


def test_empty_paragraph_has_no_sentences():
    assert split_sentences("   ", "en") == []
