# Two commands for a fresh machine:
#   make serve   set everything up, build the site and serve it on http://127.0.0.1:8000
#   make test    set everything up and run every test (browser tests included)
# Building needs only requirements.lock; the offline bundle also needs the npm package in
# package.json's "dependencies"; only the tests install the rest.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
NPM_CI := npm ci --no-audit --no-fund --silent
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup setup-test tools tools-bundle system check translations build schemas bundle serve test bench clean

# What the build needs: MkDocs, the theme and their libraries.
setup: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	python3 -m venv $(VENV)
	$(PIP) -r requirements.lock
	$(PIP) --no-deps -e .
	touch $@

# What the tests need on top: pytest, Playwright, axe, readability.
setup-test: $(VENV)/.installed-test

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.lock
	$(PIP) -r requirements-test.lock
	touch $@

# The offline bundle's iframe-worker shim only ("dependencies" in package.json).
# npm ci empties node_modules first, so neither marker outlives a reinstall.
tools-bundle: node_modules/.installed-bundle

node_modules/.installed-bundle: package.json package-lock.json
	$(NPM_CI) --omit=dev
	touch $@

# Every npm package, the test tools too (the HTML checker, axe-core).
tools: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	$(NPM_CI)
	touch $@ node_modules/.installed-bundle

system:
	bash scripts/setup-system.sh

check: setup
	$(PY) -m steady_ground check

# Each edition's translation: files still to translate, problems, and outdated blocks with what changed.
translations: setup
	$(PY) -m steady_ground translations

build: setup
	$(PY) -m steady_ground build

# The JSON Schemas code editors use to check content/ and site-data/ while you type
# (schemas/ and .vscode/settings.json). Run after adding a block type or a field.
schemas: setup
	$(PY) -m steady_ground schemas

# The whole guide as one zip that opens from a USB stick (dist/<name>-offline.zip).
bundle: setup tools-bundle
	$(PY) -m steady_ground.offline_bundle

serve: build
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

# Two test processes (pytest-xdist), each file's tests in one of them, so
# module-wide fixtures (the printed PDFs, nginx) are made once.
# PYTEST_JOBS= runs them in one process.
PYTEST_JOBS ?= -n 2 --dist loadfile

test: system setup-test tools
	$(PY) -m pytest $(PYTEST_JOBS) $(PYTEST_ARGS)

# Page weight and slow-network times (headless Chromium over nginx), then build speed.
bench: system setup-test
	$(PY) bench/build.py

clean:
	rm -rf site site.* dist .pytest_cache
