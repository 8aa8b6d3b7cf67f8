# Two commands for a fresh machine:
#   make serve   set everything up, build the site and serve it on http://127.0.0.1:8000
#   make test    set everything up and run every test (browser tests included)
VENV ?= .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup tools system check build bundle serve test bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

tools: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

system:
	bash scripts/setup-system.sh

check: setup
	$(PY) -m steady_ground check

build: setup tools
	$(PY) -m steady_ground build

# The whole guide as one zip that opens from a USB stick (dist/<name>-offline.zip).
bundle: setup tools
	$(PY) -m steady_ground.offline_bundle

serve: build
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

# Two test processes (pytest-xdist), each file's tests in one of them, so
# module-wide fixtures (the printed PDFs, nginx) are made once.
# PYTEST_JOBS= runs them in one process.
PYTEST_JOBS ?= -n 2 --dist loadfile

test: system setup tools
	$(PY) -m pytest $(PYTEST_JOBS) $(PYTEST_ARGS)

bench: setup
	$(PY) bench/build.py

clean:
	rm -rf site site.* dist .pytest_cache
