"""The corpus builder's row filters, each on rows made to trip it and rows made to pass, measured as a worker
measures them and judged as the assembly pass judges them (through the on-disk corpus index); and the drop
reasons a build counts, one per dropped row."""
from __future__ import annotations

from pathlib import Path

import pytest

from builder_support import build_documents, manifest
from tilmash.builder.filters import FilterSet, Row
from tilmash.builder.index import SqliteIndex

RU = ["Стороны обсудили торговлю и транспорт между двумя странами.",
      "Министерство иностранных дел сообщает о встрече делегаций в столице.",
      "Делегации подписали соглашение о сотрудничестве в области энергетики.",
      "Следующая встреча пройдёт осенью в другом городе региона."]
EN = ["The sides discussed trade and transport between the two countries.",
      "The Ministry of Foreign Affairs reports a meeting of delegations in the capital.",
      "The delegations signed an agreement on cooperation in energy.",
      "The next meeting will take place in autumn in another city of the region."]


def rows(pairs: list[tuple[str, str]], conf: float = 0.9) -> list[Row]:
    return [{"sys": "en", "lv": "paragraph", "n": k, "src": src, "tgt": tgt, "si": [k], "ti": [k], "score": 0.5,
             "conf": conf} for k, (src, tgt) in enumerate(pairs)]


def judge(filters: FilterSet, documents: list[list[Row]], tmp_path: Path) -> list[list[str | None]]:
    """Each row's drop reason (None: kept), documents measured as ru-en pairs, observed, then judged in order."""
    for document in documents:
        filters.measure(document, "ru", "en")
    index = SqliteIndex(tmp_path / "index.sqlite")
    try:
        for document in documents:
            filters.observe(document, index)
        return [[filters.reason(row, index) for row in document] for document in documents]
    finally:
        index.close()


def only(name: str, **settings: float) -> FilterSet:
    """The filter `name` alone (every other one turned off), with `settings`."""
    from tilmash.builder.filters import FILTERS

    config: dict[str, dict] = {other: {"enabled": False} for other in FILTERS.names() if other != name}
    config[name] = dict(settings)
    return FilterSet(config)


def test_confidence_drops_links_under_the_minimum(tmp_path):
    sure, unsure = rows(list(zip(RU[:2], EN[:2])), 0.8), rows(list(zip(RU[2:], EN[2:])), 0.3)
    assert judge(only("confidence", min=0.5), [sure + unsure], tmp_path) == [[None, None, "confidence", "confidence"]]
    assert judge(only("confidence", min=0.2), [sure + unsure], tmp_path) == [[None] * 4]


def test_length_ratio_drops_a_row_far_off_its_documents_own_ratio(tmp_path):
    half = (RU[3], "The next meeting.")  # a half-translated paragraph
    document = rows(list(zip(RU[:3], EN[:3])) + [half])
    assert judge(only("length_ratio"), [document], tmp_path) == [[None, None, None, "length_ratio"]]
    assert judge(only("length_ratio", max=5.0), [document], tmp_path) == [[None] * 4]
    tiny = rows(list(zip(RU[:3], EN[:3])) + [("Итоги дня.", "Sum.")])  # off, but too short to say anything
    assert judge(only("length_ratio"), [tiny], tmp_path) == [[None] * 4]


def test_language_identification_drops_a_side_in_another_language(tmp_path):
    untranslated = (RU[1], RU[1])  # the Russian paragraph left in the English version
    wrong_source = (EN[2], EN[2])
    document = rows([(RU[0], EN[0]), untranslated, wrong_source, (RU[3], EN[3])])
    assert judge(only("language"), [document], tmp_path) == [[None, "language", "language", None]]


def test_script_drops_a_side_with_too_few_letters_of_its_script(tmp_path):
    link = ("Подробнее: https://mfa.gov.kz/en/press/releases/2025/06/17", "More: https://mfa.gov.kz/en/press")
    numbers = ("17.06.2025", "17.06.2025")  # no letters: nothing to judge
    document = rows([(RU[0], EN[0]), link, numbers])
    assert judge(only("script"), [document], tmp_path) == [[None, "script", None]]
    assert judge(only("script", min=0.01), [document], tmp_path) == [[None] * 3]


def test_exact_duplicates_across_the_corpus_keep_the_first(tmp_path):
    first = rows([(RU[0], EN[0]), (RU[1], EN[1])])
    again = rows([(RU[0].upper(), "  " + EN[0].replace(" ", "   ")), (RU[2], EN[2])])  # case and spacing aside
    assert judge(only("duplicate"), [first, again], tmp_path) == [[None, None], ["duplicate", None]]


def test_near_duplicates_differ_only_in_numbers_and_punctuation(tmp_path):
    first = rows([("Встреча прошла 17 июня 2025 года.", "The meeting took place on 17 June 2025.")])
    dated = rows([("Встреча прошла 3 июня 2026 года!", "The meeting took place on 3 June, 2026!")])
    other = rows([("Встреча прошла 3 июля 2026 года.", "The talks took place on 3 July 2026.")])
    assert judge(only("near_duplicate"), [first, dated, other], tmp_path) == [[None], ["near_duplicate"], [None]]
    assert judge(only("duplicate"), [first, dated, other], tmp_path) == [[None], [None], [None]]


def test_boilerplate_counts_documents_not_repeats(tmp_path):
    header = ("Пресс-служба Министерства иностранных дел", "Press service of the Ministry of Foreign Affairs")
    repeated = [rows([header, header, header, (RU[k], EN[k])]) for k in range(2)]  # many times in two documents
    assert judge(only("boilerplate", min_documents=3), repeated, tmp_path) == [[None] * 4] * 2
    spread = [rows([header, (RU[k], EN[k])]) for k in range(3)]  # once in each of three documents
    assert judge(only("boilerplate", min_documents=3), spread, tmp_path) == [["boilerplate", None]] * 3


def test_a_row_counts_under_the_first_filter_that_drops_it(tmp_path):
    bad = ("Подробнее: https://mfa.gov.kz/en/press/releases/2025/06/17", "More: https://mfa.gov.kz/en/press")
    document = rows([bad, (RU[0], EN[0])], conf=0.3)  # under the confidence minimum and mostly Latin
    document[1]["conf"] = 0.9
    assert judge(FilterSet(), [document], tmp_path) == [["confidence", None]]
    assert judge(FilterSet({"confidence": {"enabled": False}}), [rows([bad])], tmp_path) == [["script"]]


def test_bad_filter_settings_are_input_errors(tmp_path):
    from corpus.errors import InputError

    with pytest.raises(InputError, match="unknown filter 'confidance'"):
        FilterSet({"confidance": {"min": 0.4}})
    with pytest.raises(InputError, match="filter script has no setting 'max'"):
        FilterSet({"script": {"max": 0.4}})
    path = tmp_path / "filters.toml"
    path.write_text("[confidence]\nmin = \n", encoding="utf-8")
    with pytest.raises(InputError, match="malformed TOML"):
        FilterSet.from_file(path)


def test_a_build_counts_every_dropped_row_under_its_reason(tmp_path):
    """Three documents with one header line each, an untranslated paragraph, a line of links and rows repeated
    across documents (every other line in two documents only): manifest.json and stats.md count each dropped
    row once, under its filter, per pair and per input."""
    header = ("Пресс-служба Министерства иностранных дел", "Press service of the Ministry of Foreign Affairs")
    link = ("Подробнее: https://mfa.gov.kz/en/press/releases/2025/06/17", "More: https://mfa.gov.kz/en/press/2025")
    documents = [[header, (RU[0], EN[0]), (RU[1], EN[1]), (RU[3], RU[3])],  # one paragraph left untranslated
                 [header, (RU[2], EN[2]), (RU[0], EN[0]), link],  # a row of the first document again
                 [header, (RU[3], EN[3]), (RU[1], EN[1]), (RU[2], EN[2])]]  # rows of both others again
    out = build_documents(tmp_path, documents, "[confidence]\nmin = 0\n[boilerplate]\nmin_documents = 3\n")
    found = manifest(out)
    (pair,) = found["pairs"]
    assert pair["dropped"] == {"boilerplate": 3, "duplicate": 3, "language": 1, "script": 1}
    assert pair["candidates"] == 12 and pair["rows"] == 4
    assert [entry["dropped"] for entry in found["inputs"]] == [{"boilerplate": 1, "language": 1},
                                                              {"boilerplate": 1, "duplicate": 1, "script": 1},
                                                              {"boilerplate": 1, "duplicate": 2}]
    stats = (out / "stats.md").read_text(encoding="utf-8")
    assert "| level | pair | boilerplate | duplicate | language | script |" in stats
    assert "| paragraph | ru-en | 3 | 3 | 1 | 1 |" in stats
