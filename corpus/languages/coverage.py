"""Which languages the bundled embedder was trained on, and the script each is usually written in.

The bundled embedder, multilingual-e5-small, starts from XLM-RoBERTa and
inherits its vocabulary and the 100 languages of CC-100 (Conneau et al.
2020, "Unsupervised Cross-lingual Representation Learning at Scale", table
of languages; the same list is the `language:` metadata of the
xlm-roberta-base model card). Those 100 are 93 languages, counted with
romanised Hindi, Bengali, Tamil, Telugu, Urdu, Zawgyi Burmese and
Traditional Chinese as extra entries.

Tajik and Turkmen are not among them. Their text still embeds (Tajik is
Cyrillic Persian, Turkmen Latin Turkic, and the shared vocabulary of names,
numbers, loanwords and related languages carries a signal), but weakly: the
profiles for tg and tk exist and work, and loading them warns that
alignment rests more on length and anchors than on meaning.

The script is what a text in the language is checked against when no
profile knows better (the generic profile), from ISO 15924 and CLDR's likely
subtags for each language.
"""
from __future__ import annotations

# language -> usual script (ISO 15924); `Jpan` and `Kore` are the mixed scripts of Japanese and Korean.
DEFAULT_SCRIPT = {
    "af": "Latn", "am": "Ethi", "ar": "Arab", "as": "Beng", "az": "Latn", "be": "Cyrl", "bg": "Cyrl", "bn": "Beng",
    "br": "Latn", "bs": "Latn", "ca": "Latn", "cs": "Latn", "cy": "Latn", "da": "Latn", "de": "Latn", "el": "Grek",
    "en": "Latn", "eo": "Latn", "es": "Latn", "et": "Latn", "eu": "Latn", "fa": "Arab", "fi": "Latn", "fr": "Latn",
    "fy": "Latn", "ga": "Latn", "gd": "Latn", "gl": "Latn", "gu": "Gujr", "ha": "Latn", "he": "Hebr", "hi": "Deva",
    "hr": "Latn", "hu": "Latn", "hy": "Armn", "id": "Latn", "is": "Latn", "it": "Latn", "ja": "Jpan", "jv": "Latn",
    "ka": "Geor", "kk": "Cyrl", "km": "Khmr", "kn": "Knda", "ko": "Kore", "ku": "Latn", "ky": "Cyrl", "la": "Latn",
    "lo": "Laoo", "lt": "Latn", "lv": "Latn", "mg": "Latn", "mk": "Cyrl", "ml": "Mlym", "mn": "Cyrl", "mr": "Deva",
    "ms": "Latn", "my": "Mymr", "ne": "Deva", "nl": "Latn", "no": "Latn", "om": "Latn", "or": "Orya", "pa": "Guru",
    "pl": "Latn", "ps": "Arab", "pt": "Latn", "ro": "Latn", "ru": "Cyrl", "sa": "Deva", "sd": "Arab", "si": "Sinh",
    "sk": "Latn", "sl": "Latn", "so": "Latn", "sq": "Latn", "sr": "Cyrl", "su": "Latn", "sv": "Latn", "sw": "Latn",
    "ta": "Taml", "te": "Telu", "th": "Thai", "tl": "Latn", "tr": "Latn", "ug": "Arab", "uk": "Cyrl", "ur": "Arab",
    "uz": "Latn", "vi": "Latn", "xh": "Latn", "yi": "Hebr", "zh": "Hani",
    # profiled but outside XLM-R's training languages
    "tg": "Cyrl", "tk": "Latn",
}
XLMR_LANGUAGES = frozenset(DEFAULT_SCRIPT) - {"tg", "tk"}
assert len(XLMR_LANGUAGES) == 93

# Scripts written without spaces between words: text joins with nothing, and units of repetition are characters.
UNSPACED_SCRIPTS = frozenset({"Hani", "Hans", "Hant", "Jpan", "Thai", "Laoo", "Khmr", "Mymr", "Tibt"})
# Scripts a single character of which stands for a word or syllable: counted three times when weighing scripts.
LOGOGRAPHIC_SCRIPTS = frozenset({"Hani", "Hans", "Hant", "Jpan"})
# What a composite script consists of, in the Unicode script names that characters carry.
SCRIPT_MEMBERS = {"Hans": {"Hani"}, "Hant": {"Hani"}, "Jpan": {"Hani", "Hira", "Kana"}, "Kore": {"Hang", "Hani"}}


def script_members(script: str) -> frozenset[str]:
    """The character scripts of an ISO 15924 code (`Jpan` is Han, Hiragana and Katakana)."""
    return frozenset(SCRIPT_MEMBERS.get(script, {script}))
