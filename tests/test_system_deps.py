"""scripts/system-deps: a fast no-op when Chromium and the fonts are there, one line and exit 1 when it
cannot install what is missing.

Fonts are hidden or provided through fontconfig's own FONTCONFIG_FILE, and apt-get and sudo are kept
out of reach by a PATH of chosen tools, so the script runs for real but can never install anything.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import matplotlib
import pytest

from eval.charts import CJK_FONT

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "system-deps"
TOOLS = ("bash", "id", "fc-list", "mktemp", "rm", "grep", "tail")


def _tool_dir(path: Path, extra: tuple[str, ...] = ()) -> Path:
    """A directory of links to the tools the script may use: no apt-get, no sudo unless in `extra`."""
    path.mkdir(mode=0o755)
    for name in TOOLS + extra:
        found = shutil.which(name)
        if found:
            (path / name).symlink_to(found)
    return path


def _fontconfig(path: Path, font_dirs: list[Path]) -> Path:
    """A fontconfig configuration that knows only `font_dirs` (none: no font at all)."""
    path.mkdir(mode=0o755)
    dirs = "".join(f"<dir>{d}</dir>" for d in font_dirs)
    config = path / "fonts.conf"
    config.write_text(f'<?xml version="1.0"?><fontconfig>{dirs}<cachedir>{path / "cache"}</cachedir></fontconfig>',
                      encoding="utf-8")
    return config


def _run(env: dict[str, str], user: int | None = None) -> subprocess.CompletedProcess:
    command = ["bash", str(SCRIPT)]
    if user is not None:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
    return subprocess.run(command, env={"HOME": "/nonexistent", **env}, capture_output=True, text=True,
                          timeout=60, cwd="/")


def test_without_apt_it_says_in_one_line_what_to_install(tmp_path):
    env = {"PATH": str(_tool_dir(tmp_path / "bin")), "FONTCONFIG_FILE": str(_fontconfig(tmp_path / "fc", []))}
    done = _run(env)
    assert done.returncode == 1 and done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert "no apt-get here" in line and "sudo apt-get install" in line
    assert "fonts-wqy-zenhei" in line and "fonts-dejavu-core" in line


def test_without_root_or_sudo_it_says_in_one_line_what_to_install():
    with tempfile.TemporaryDirectory() as name:  # not under pytest's tmp_path: the other user must read it
        shared = Path(name)
        shared.chmod(0o755)
        env = {"PATH": str(_tool_dir(shared / "bin", extra=("apt-get", "setpriv"))),
               "FONTCONFIG_FILE": str(_fontconfig(shared / "fc", []))}
        done = _run(env, user=65534 if os.geteuid() == 0 else None)
    assert done.returncode == 1 and done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert "not root and no password-less sudo" in line and "fonts-wqy-zenhei" in line


def test_with_everything_present_it_does_nothing(tmp_path):
    """Fonts from Python packages stand in for Debian's (fontconfig only asks what they cover); no apt-get is
    reachable, so the exit status 0 shows that nothing was installed or updated."""
    if not Path("/usr/bin/chromium").is_file():
        pytest.fail("/usr/bin/chromium is missing: run scripts/system-deps (make test does)")
    dejavu = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    env = {"PATH": str(_tool_dir(tmp_path / "bin")),
           "FONTCONFIG_FILE": str(_fontconfig(tmp_path / "fc", [CJK_FONT.parent, dejavu]))}
    done = _run(env)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
