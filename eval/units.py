"""Measures converted by the translator: 190 километров / 120 miles, 60 ft / 18,29 m, 30 × 20 cm / 12 × 8 pouces.

News and journal translators convert a measure into the reader's units and round the result, so the two sides
state different digits for one distance (X-WMT ru-en, ru-kk, ru-uz: 190 км / 120 miles; Bleualign de-fr). A
number the source has and the translation lacks is taken as converted when a unit of the same kind follows each
and the source's, converted into the translation's unit, is the translation's within its rounding: half the
place of its last significant digit (120 is rounded to the ten, so 190 km, 118.1 miles, qualifies; 18,29 is
rounded to the hundredth, so 60 ft, 18,288 m, does and 19,29 does not). Only a
number with its unit is judged, so a changed amount without a unit, or a converted one that is off, is still
reported. The unit spellings are the international symbols and the words of the profiled languages (en, ru, kk,
ky, uz, de, fr), stems that take any ending (километров, километрге, kilometrni).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["Measure", "agree", "measures"]

_L = r"(?![^\W\d_])"  # a symbol ends where the word ends: km, not kmh
# unit: (kind, factor to the kind's base unit, spellings); temperatures are handled by offset in _base
_UNITS: dict[str, tuple[str, Decimal, str]] = {
    "km": ("length", Decimal(1000), rf"km{_L}|км{_L}|километр\w*|kilometr\w*|шақырым\w*|chaqirim\w*|kilomètres?"
                                    r"|kilometers?|kilometres?|Kilometer\w*"),
    "mm": ("length", Decimal("0.001"), rf"mm{_L}|мм{_L}|миллиметр\w*|millimetr\w*|millimètres?|millimet(?:er|re)s?"),
    "m": ("length", Decimal(1), rf"m{_L}|м{_L}|метр\w*|metr\w*|mètres?|meters?|metres?|Meter\w*"),
    "cm": ("length", Decimal("0.01"), rf"cm{_L}|см{_L}|сантиметр\w*|santimetr\w*|centimètres?|centimet(?:er|re)s?"
                                      r"|Zentimeter\w*"),
    "mi": ("length", Decimal("1609.344"), rf"miles?|mil{_L}|mila\w*|milya\w*|миль\w*|мил[яиюе]\w*|Meilen?"),
    "ft": ("length", Decimal("0.3048"), rf"ft{_L}|feet|foot|фут\w*|pieds?|Fu(?:ss|ß){_L}"),
    "in": ("length", Decimal("0.0254"), r"inch(?:es)?|дюйм\w*|pouces?|Zoll"),
    "yd": ("length", Decimal("0.9144"), r"yards?|ярд\w*"),
    "kg": ("mass", Decimal(1), rf"kg{_L}|кг{_L}|килограмм\w*|kilogramm?\w*|kilogrammes?|kilograms?"),
    "lb": ("mass", Decimal("0.45359237"), rf"lbs?{_L}|pounds?|фунт\w*|funt\w*|livres?"),
    "c": ("temperature", Decimal(1), r"°\s?C|градус\w*\s+Цельси\w*|degrees?\s+Celsius|Grad\s+Celsius"),
    "f": ("temperature", Decimal(1), r"°\s?F|градус\w*\s+(?:по\s+)?Фаренгейт\w*|degrees?\s+Fahrenheit|Fahrenheit"),
}
_NUMBER = r"\d+(?:[.,]\d+)?"
# one or more numbers before the unit: 190 километров, 30 × 20 cm, 6100 и 6300 м
_MEASURE = re.compile(rf"(?<![\d.,])(?P<numbers>{_NUMBER}(?:\s?(?:[×x*]|и|and|et|und|/|-|–)\s?{_NUMBER})*)\s?"
                      rf"(?P<unit>{'|'.join(f'(?P<{name}>{spelling})' for name, (_, _, spelling) in _UNITS.items())})",
                      re.IGNORECASE)


@dataclass(frozen=True)
class Measure:
    value: Decimal  # as written, in its unit
    unit: str  # a key of _UNITS

    @property
    def kind(self) -> str:
        return _UNITS[self.unit][0]


def measures(text: str, decimal: str) -> list[Measure]:
    """Each number of `text` that a unit follows, read with the language's `decimal` signs."""
    out = []
    for match in _MEASURE.finditer(text):
        unit = next(name for name in _UNITS if match.group(name))
        for number in re.findall(_NUMBER, match.group("numbers")):
            value = number.replace(",", ".") if "," in decimal else number.replace(",", "")
            out.append(Measure(Decimal(value), unit))
    return out


def agree(source: Measure, target: Measure) -> bool:
    """Whether `target` is `source` in another unit of its kind, converted and rounded to the places the target
    writes (60 ft is 18,29 m, not 19,29 m; 190 km is 120 miles rounded to the ten)."""
    if source.kind != target.kind or source.unit == target.unit:
        return False
    return abs(_convert(source, target.unit) - target.value) <= _rounding(target.value)


def _convert(measure: Measure, unit: str) -> Decimal:
    if measure.kind == "temperature":
        if measure.unit == unit:
            return measure.value
        return measure.value * 9 / 5 + 32 if unit == "f" else (measure.value - 32) * 5 / 9
    return measure.value * _UNITS[measure.unit][1] / _UNITS[unit][1]


def _rounding(value: Decimal) -> Decimal:
    """Half the place of the last significant digit: 120 → 5, 18.29 → 0.005, 8 → 0.5."""
    exponent = value.normalize().as_tuple().exponent
    return Decimal(5) * Decimal(10) ** (int(exponent) - 1) if isinstance(exponent, int) else Decimal(0)

