"""The suffix engine the Turkic profiles share: kk, ky, uz-Latn, uz-Cyrl, tk and tr.

The languages differ in their letters and in how far vowel harmony goes,
not in how their nouns inflect: plural, then possessive, then case, each
ending in a few spellings chosen by the stem's last vowel (two-way harmony
in Kazakh and Turkmen, four-way, rounding too, in Kyrgyz and Turkish, none
left in Uzbek) and by its last sound. Each profile lists its endings as
templates over harmony classes ("л{A}р" with A = а, е, о, ө in Kyrgyz);
spelling out every class member over-generates a little (a Kyrgyz word
with a rounded vowel never takes -лер), which costs nothing when matching a
word that is a term's stem plus endings.

Harmony matters where an enforcer moves an ending from a forbidden
rendering to the preferred one: "-ның" may follow the new word only when it
takes the same spelling of that ending, i.e. when both words end in the
same harmony class and neither or both are already in possessive form.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .suffixes import SEPARATORS, Suffixes, inventory


@dataclass
class Turkic(Suffixes):
    back: str = ""  # vowels that take back endings
    front: str = ""
    rounded: str = ""  # four-way languages: the rounded vowels, which take rounded endings
    fold: dict[int, str] = field(default_factory=dict)  # letter spellings to unify before comparing

    def __post_init__(self) -> None:
        super().__post_init__()
        self._fold = str.maketrans(self.fold) if self.fold else None

    def lower(self, token: str) -> str:
        return (token.translate(self._fold) if self._fold else token).lower()

    def keys(self, token: str) -> frozenset[str]:
        return super().keys(self.lower(token))

    def same(self, term_token: str, text_token: str, last: bool) -> bool:
        return super().same(self.lower(term_token), self.lower(text_token), last)

    def ending(self, term_token: str, text_token: str) -> str | None:
        term, text = self.lower(term_token), self.lower(text_token)
        return text_token[len(term_token):] if text.startswith(term) else None

    def harmony(self, word: str) -> str | None:
        """The class of endings the word takes: back or front, and rounded or not where that matters."""
        for char in reversed(self.lower(word)):
            if char in self.back or char in self.front:
                kind = "back" if char in self.back else "front"
                return kind + ("-rounded" if char in self.rounded else "")
        return None

    def possessive_form(self, word: str) -> bool:
        return self.lower(word).endswith(self.possessive)

    def can_carry(self, ending: str, from_word: str, to_word: str) -> bool:
        """Whether `ending`, written after `from_word`, is also the right spelling after `to_word`."""
        if not ending:
            return True
        return (self.harmony(from_word) == self.harmony(to_word)
                and self.possessive_form(from_word) == self.possessive_form(to_word))


def kazakh() -> Turkic:
    endings = frozenset({
        "лар", "лер", "дар", "дер", "тар", "тер",  # plural
        "ым", "ім", "м", "ың", "ің", "ң", "ыңыз", "іңіз", "ңыз", "ңіз", "ы", "і", "сы", "сі",  # possessive
        "мыз", "міз", "ымыз", "іміз",
        "ның", "нің", "дың", "дің", "тың", "тің",  # genitive
        "ға", "ге", "қа", "ке", "а", "е", "на", "не",  # dative
        "ны", "ні", "ды", "ді", "ты", "ті", "н",  # accusative
        "да", "де", "та", "те", "нда", "нде",  # locative
        "дан", "ден", "тан", "тен", "нан", "нен", "ндан", "нден",  # ablative
        "мен", "бен", "пен",  # instrumental
        "дай", "дей", "тай", "тей", "ша", "ше",  # comparative, equative
        "дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі",  # attributive locative
    })
    return Turkic("turkic-kk", endings, possessive=("сы", "сі", "ы", "і"), voicing={"к": "г", "қ": "ғ", "п": "б"},
                  inner=frozenset({"ның", "нің", "дың", "дің", "тың", "тің"}), back="аоұыуя", front="әөүіеэи")


def kyrgyz() -> Turkic:
    a, i = "аеоө", "ыиуү"
    endings = inventory([
        "л{A}р", "д{A}р", "т{A}р",  # plural
        "{I}м", "м", "{I}ң", "ң", "{I}ң{I}з", "ң{I}з", "{I}", "с{I}", "{I}б{I}з", "б{I}з", "л{A}р{I}",  # possessive
        "н{I}н", "д{I}н", "т{I}н",  # genitive
        "г{A}", "к{A}", "н{A}", "{A}",  # dative
        "н{I}", "д{I}", "т{I}", "н",  # accusative
        "д{A}", "т{A}", "нд{A}",  # locative
        "д{A}н", "т{A}н", "н{A}н", "нд{A}н",  # ablative
        "д{A}г{I}", "т{A}г{I}", "нд{A}г{I}",  # attributive locative
        "д{A}й", "т{A}й", "ч{A}", "менен",  # equative, instrumental
    ], A=a, I=i)
    return Turkic("turkic-ky", endings, possessive=tuple(f"с{c}" for c in i) + tuple(i),
                  voicing={"к": "г", "п": "б"}, inner=inventory(["н{I}н", "д{I}н", "т{I}н"], I=i), back="аоуыяю", front="еөүиэ", rounded="оуөү")


_UZ_APOSTROPHES = {ord(c): "ʻ" for c in "'‘’`ʼ"}


def uzbek_latin() -> Turkic:
    endings = frozenset({
        "lar", "im", "m", "ing", "ng", "i", "si", "imiz", "miz", "ingiz", "ngiz", "lari",
        "ning", "ga", "ka", "qa", "ni", "da", "dan", "dagi", "day", "cha", "gacha", "niki",
    })
    # any apostrophe is folded to ʻ, so BMT'ning reads as BMTʻning: after a stem it separates like a hyphen
    return Turkic("turkic-uz-Latn", endings, possessive=("si", "i"), voicing={"k": "g", "q": "gʻ"},
                  inner=frozenset({"ning"}),
                  back="aouoʻ", front="eiʻ", fold=_UZ_APOSTROPHES, separators=SEPARATORS + "ʻ")


def uzbek_cyrillic() -> Turkic:
    endings = frozenset({
        "лар", "им", "м", "инг", "нг", "и", "си", "имиз", "миз", "ингиз", "нгиз", "лари",
        "нинг", "га", "ка", "қа", "ни", "да", "дан", "даги", "дай", "ча", "гача", "ники",
    })
    return Turkic("turkic-uz-Cyrl", endings, possessive=("си", "и"), voicing={"к": "г", "қ": "ғ"},
                  inner=frozenset({"нинг"}),
                  back="аоуўя", front="еиэ")


def turkmen() -> Turkic:
    a, i = "aeä", "yiuü"
    endings = inventory([
        "l{A}r",
        "{I}m", "m", "{I}ň", "ň", "{I}", "s{I}", "{I}m{I}z", "m{I}z", "{I}ň{I}z", "ň{I}z", "l{A}r{I}",
        "n{I}ň",
        "{A}", "g{A}", "k{A}", "n{A}",
        "n{I}", "{I}n{I}",
        "d{A}", "t{A}", "nd{A}",
        "d{A}n", "t{A}n", "nd{A}n",
        "d{A}k{I}", "t{A}k{I}", "nd{A}k{I}", "ç{A}",
    ], A=a, I=i)
    return Turkic("turkic-tk", endings, possessive=tuple(f"s{c}" for c in i) + tuple(i),
                  voicing={"k": "g", "p": "b", "ç": "j"}, inner=inventory(["n{I}ň"], I=i), back="aouy", front="eäöüi", rounded="ouöü")


def turkish() -> Turkic:
    a, i = "ae", "ıiuü"
    endings = inventory([
        "l{A}r",
        "{I}m", "m", "{I}n", "n", "{I}", "s{I}", "{I}m{I}z", "m{I}z", "{I}n{I}z", "n{I}z", "l{A}r{I}",
        "n{I}n",
        "{A}", "y{A}", "n{A}",
        "y{I}", "n{I}",
        "d{A}", "t{A}", "nd{A}",
        "d{A}n", "t{A}n", "nd{A}n",
        "l{A}", "yl{A}",
        "d{A}ki", "t{A}ki", "nd{A}ki", "c{A}", "ç{A}",
    ], A=a, I=i)
    return Turkic("turkic-tr", endings, possessive=tuple(f"s{c}" for c in i) + tuple(i),
                  voicing={"k": "ğ", "p": "b", "t": "d", "ç": "c"}, inner=inventory(["n{I}n"], I=i), back="aıou", front="eiöü", rounded="ouöü",
                  fold={ord("İ"): "i", ord("I"): "ı"})
