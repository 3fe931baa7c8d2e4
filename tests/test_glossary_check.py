"""The terminology check on the declaration: every planted deviation found, nothing else flagged."""
import json
import tomllib

import pytest

from align.io import parse_text
from corpus.alignment import Link
from glossaries import Concept, TermBase, Terms
from glossaries.checking import check
from tilmash.cli import main


def _result(docset, termbase, lang):
    entry = next(e for e in docset.translations() if e.lang == lang)
    doc = docset.read(entry)
    links = [Link(s, t) for s, t in parse_text(docset.gold_path(entry).read_text(encoding="utf-8"))]
    return check(termbase, docset.source().texts(), doc.texts(), links, "ru", lang)


@pytest.mark.parametrize("lang", ["en", "zh", "kk"])
def test_planted_deviations_are_exactly_the_forbidden_findings(docset, termbase, lang, set_dir):
    meta = tomllib.loads((set_dir / "meta.toml").read_text(encoding="utf-8"))
    planted = next(f for f in meta["files"] if f["lang"] == lang)["term_deviations"]
    result = _result(docset, termbase, lang)
    forbidden = [f for f in result.findings if f.kind == "forbidden"]
    assert len(forbidden) == len(planted)
    for dev in planted:
        assert any(dev["ru"] in f.src and dev["tgt"] in f.tgt and f.target_text in dev["used"] for f in forbidden), dev


@pytest.mark.parametrize("lang", ["en", "zh", "kk"])
def test_missing_only_where_the_paragraph_itself_is_missing(docset, termbase, lang):
    result = _result(docset, termbase, lang)
    assert all(not f.tgt for f in result.findings if f.kind == "missing")
    assert 0.95 < result.term_accuracy < 1.0
    assert result.occurrences > 200


def test_term_accuracy_counts_occurrences():
    tb = TermBase([Concept("un", {"ru": Terms("ООН"), "en": Terms("UN", ("United Nations",), ("OON",))})], ("ru", "en"))
    src = ["Роль ООН.", "Устав ООН и ООН.", "Без терминов."]
    tgt = ["The role of the United Nations.", "The OON charter.", "No terms."]
    result = check(tb, src, tgt, [Link((0,), (0,)), Link((1,), (1,)), Link((2,), (2,))], "ru", "en")
    assert [f.kind for f in result.findings] == ["ok", "forbidden", "forbidden", "inconsistent"]
    assert result.term_accuracy == pytest.approx(1 / 3)
    data = result.as_dict()
    assert set(data) >= {"src_lang", "tgt_lang", "term_accuracy", "findings"}
    assert set(data["findings"][0]) == {"src", "tgt", "concept", "kind", "source_text", "target_text", "expected"}


def test_cli_check_with_an_alignment_file(set_dir, capsys):
    assert main(["glossary", "check", "--glossary", str(set_dir / "../../glossaries/astana-2025.tsv"),
                 str(set_dir / "ru.txt"), str(set_dir / "zh.txt"), "--src-lang", "ru", "--tgt-lang", "zh",
                 "--alignment", str(set_dir / "gold" / "ru-zh.txt")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["tgt_lang"] == "zh" and sum(f["kind"] == "forbidden" for f in data["findings"]) == 7


def test_cli_check_rejects_an_alignment_that_does_not_fit(set_dir, capsys):
    assert main(["glossary", "check", "--glossary", str(set_dir / "../../glossaries/astana-2025.tsv"),
                 str(set_dir / "ru.txt"), str(set_dir / "zh.txt"), "--src-lang", "ru", "--tgt-lang", "zh",
                 "--alignment", str(set_dir / "gold" / "ru-en.txt")]) == 2
    assert "ru-en.txt: does not fit the documents" in capsys.readouterr().err
