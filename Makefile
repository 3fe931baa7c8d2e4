# `make run` and `make test` are the two entry points; everything they need is
# installed here, so a fresh clone works with nothing done by hand.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
SET    ?= corpus/astana-2025

.PHONY: run test clean

run: $(VENV)/.core
	$(VENV)/bin/tilmash run $(SET)

# Chromium and the fonts its screenshots need come from Debian (scripts/system-deps says what, if it cannot).
test: $(VENV)/.test
	scripts/system-deps
	$(PY) -m mypy
	$(PY) -m pytest -q

# torch goes first and pinned: pip then takes the local CPU wheel instead of a CUDA build.
$(VENV)/.core: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.test: $(VENV)/.core
	$(PY) -m pip install -q -e '.[test]'
	touch $@

# Benchmark extras (benchmarks/align_peers.py): Bertalign's kernels and numba.
$(VENV)/.bench: $(VENV)/.test
	$(PY) -m pip install -q -e '.[bench]'
	$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || \
		$(PY) -m pip install -q --no-deps --ignore-requires-python bertalign==2.0.1
	touch $@

clean:
	rm -rf $(VENV) out
