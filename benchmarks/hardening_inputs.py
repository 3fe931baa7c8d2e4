"""The hostile inputs of issue 18, through the real command line: how fast each is refused under the
default limits, and what it costs when the limit is raised to let it through.

Inputs are made in a temporary directory from the bundled set (never written into the repo):
a 300,000-character paragraph, a 50 MB document (the declaration repeated 870 times, aligned
against the one English translation: both sides that large take the DP itself beyond any
useful time, which align_speed.py measures), a 157,700-concept
term base (the set's 73 concepts plus synthetic ones), 64 KB of random bytes 0x80-0xFF, and
the declaration half in UTF-8 and half in cp1251. Each command runs in its own process; the
table gives wall time, the child's peak RSS, the exit status and the first line of stderr.
Alignment rows use `--method length`, so they measure reading, limits and the DP, not the
embedder (which is measured by align_speed.py).

    .venv/bin/python benchmarks/hardening_inputs.py [--only paragraph,file,glossary,random,mixed]
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "corpus" / "astana-2025"
TILMASH = [sys.executable, "-m", "tilmash.cli"]


def run(command: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """Wall seconds, peak RSS (MiB) of the child, exit status and the first `tilmash:` line of its stderr."""
    with tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=err,
                                 text=True)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        lines = [l for l in err.read().replace("\r", "\n").splitlines() if l.startswith("tilmash")]
    return seconds, usage.ru_maxrss / 1024, child.returncode, (lines[0] if lines else "")[:110]


def make_inputs(tmp: Path, only: set[str]) -> dict[str, tuple[list[str], str, str]]:
    """name -> (command, environment variable that lets it through, its value)."""
    ru, en = (SET / "ru.txt").read_text(encoding="utf-8"), (SET / "en.txt").read_text(encoding="utf-8")
    rows: dict[str, tuple[list[str], str, str]] = {}
    align = [*TILMASH, "align", "--src-lang", "ru", "--tgt-lang", "en", "--method", "length", "--format", "text"]
    if "paragraph" in only:
        long = tmp / "long.en.txt"
        long.write_text(en + "\n" + "word " * 60_000 + "\n", encoding="utf-8")
        rows["300,000-character paragraph (align)"] = ([*align, str(SET / "ru.txt"), str(long), "-o",
                                                        str(tmp / "a1.txt")], "TILMASH_MAX_PARAGRAPH_CHARS", "400000")
    if "file" in only:
        repeats = 50 * 1024 * 1024 // len(ru.encode("utf-8")) + 1
        big_ru = tmp / "big.ru.txt"
        big_ru.write_text("\n".join([ru] * repeats), encoding="utf-8")
        rows[f"{big_ru.stat().st_size / 1e6:.0f} MB document against the 34 KB English (align)"] = (
            [*align, str(big_ru), str(SET / "en.txt"), "-o", str(tmp / "a2.txt")], "TILMASH_MAX_FILE_BYTES",
            str(2 ** 30))
    if "glossary" in only:
        lines = (ROOT / "glossaries" / "astana-2025.tsv").read_text(encoding="utf-8").rstrip("\n").split("\n")
        synthetic = [f"syn-{k}\tтермин{k} слово\t\t\tterm{k} word\t\t\t术语{k}\t\t\tтермин{k} сөз\t\t\t"
                     for k in range(157_700 - len(lines) + 1)]
        big = tmp / "big.tsv"
        big.write_text("\n".join(lines + synthetic) + "\n", encoding="utf-8")
        rows["157,700-concept term base (glossary check)"] = (
            [*TILMASH, "glossary", "check", "--glossary", str(big), str(SET / "ru.txt"), str(SET / "kk.txt"),
             "--src-lang", "ru", "--tgt-lang", "kk", "--alignment", str(SET / "gold" / "ru-kk.txt"), "-o",
             str(tmp / "terms.json")], "TILMASH_MAX_CONCEPTS", "200000")
    if "random" in only:
        noise = tmp / "noise.txt"
        rng = random.Random(0)
        noise.write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(65536)))
        rows["64 KB of random bytes 0x80-0xFF (align)"] = ([*align, str(noise), str(SET / "en.txt")], "", "")
    if "mixed" in only:
        mixed = tmp / "mixed.ru.txt"
        half = len(ru) // 2
        mixed.write_bytes(ru[:half].encode("utf-8") + ru[half:].encode("cp1251"))
        rows["half UTF-8, half cp1251 (align)"] = ([*align, str(mixed), str(SET / "en.txt")], "", "")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="paragraph,file,glossary,random,mixed")
    args = parser.parse_args()
    print("| input | limits | seconds | peak RSS MiB | exit | stderr |")
    print("|---|---|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, (command, variable, value) in make_inputs(Path(tmp), set(args.only.split(","))).items():
            settings = [("default", {})] + ([(f"{variable}={value}", {variable: value})] if variable else [])
            for label, env in settings:
                seconds, peak, status, line = run(command, env)
                print(f"| {name} | {label} | {seconds:.2f} | {peak:.0f} | {status} | {line} |", flush=True)


if __name__ == "__main__":
    main()
