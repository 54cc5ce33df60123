# Handboek "Sociale media op school" — zie README.md.
# Every target bootstraps .venv from the pinned, hashed requirements-dev.lock first
# (requirements.lock: what the handbook and the wizard need at run time; make lock renews both).

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.geinstalleerd
NODE_STAMP  := node_modules/.geinstalleerd
BENCH_NODE_STAMP := benchmarks/node_modules/.geinstalleerd
SPHINXOPTS  ?= -W --keep-going -n
SPHINXBUILD := $(BIN)/sphinx-build -c . $(SPHINXOPTS)
BUILDDIR    := _build
HOST        ?= 127.0.0.1
PORT        ?= 8000
ANTWOORDEN  ?= examples/antwoorden-voorbeeld.yaml
UV_VERSION  := 0.13.8
PYTHON_MIN  := 3.11
# Where make installeer puts the protocolwizard command (on Debian ~/.profile adds it to PATH).
BINDIR      ?= $(HOME)/.local/bin

.DEFAULT_GOAL := help
.PHONY: lock help html pdf kaarten protocol installeer tex serve linkcheck test test-snel bench bench-web browser clean systeem systeem-html systeem-pdf systeem-browser

help: ## Toon deze lijst
	@echo "Gebruik: make <doel>"
	@echo
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-14s %s\n", $$1, $$2}'

# A changed lock gives a new .venv, so it holds exactly what the lock says (nothing left over).
$(STAMP): requirements-dev.lock requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < tuple(map(int, "$(PYTHON_MIN)".split("."))))' 2>/dev/null || \
	  { echo "Fout: Python $(PYTHON_MIN) of nieuwer is nodig; '$(PYTHON)' is $$($(PYTHON) --version 2>&1 || echo 'niet gevonden'). Kies een andere met: make PYTHON=python3.12 ..." >&2; exit 1; }
	@echo "Python-omgeving $(VENV) wordt ingericht (vastgepinde versies met hashes uit requirements-dev.lock)..."
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

lock: ## Vernieuw requirements.lock en requirements-dev.lock uit pyproject.toml (met hashes)
	@[ -x $(VENV)/bin/uv ] || $(PYTHON) -m venv $(VENV) && $(BIN)/python -m pip install --quiet uv==$(UV_VERSION)
	$(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes --python-version $(PYTHON_MIN) -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes --python-version $(PYTHON_MIN) --extra dev \
	  --constraint requirements.lock -o requirements-dev.lock

# axe-core for the tests (package.json), pinned in package-lock.json, into node_modules/. Without
# npm the accessibility tests skip (outside CI); under CI=true a missing npm is an error.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  echo "npm-pakket axe-core wordt geïnstalleerd (vastgepind in package-lock.json)..."; \
	  npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	elif [ "$$CI" = "true" ]; then \
	  echo "npm ontbreekt: installeer het met 'make browser'." >&2; exit 1; \
	else \
	  echo "npm ontbreekt: de toegankelijkheidstests worden overgeslagen. Installeer het met 'make browser'."; \
	fi

# Lighthouse, only for make bench: its own package.json in benchmarks/, into benchmarks/node_modules/.
$(BENCH_NODE_STAMP): benchmarks/package.json benchmarks/package-lock.json
	@echo "npm-pakket Lighthouse wordt geïnstalleerd (vastgepind in benchmarks/package-lock.json)..."
	cd benchmarks && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The Debian packages of a group (tools/systeempakketten.sh), installed when they are missing and
# we may (root). If not, the script prints the command and the tests that need the group skip
# with one line saying how to install it; under CI=true a missing group stops make test.
systeem-pdf systeem-browser: systeem-%:
	@bash tools/systeempakketten.sh $* || [ "$$CI" != "true" ]

browser: ## Installeer Chromium (Debian) en het npm-pakket axe-core voor de browsertests
	bash tools/systeempakketten.sh browser
	@$(MAKE) --no-print-directory $(NODE_STAMP)

systeem-html: ## Installeer Graphviz (Debian) als het ontbreekt
	@command -v dot >/dev/null 2>&1 || bash tools/systeempakketten.sh html

systeem: ## Installeer alle Debian-pakketten die de doelen nodig hebben
	bash tools/systeempakketten.sh alles

html: $(STAMP) systeem-html ## Bouw de website in _build/html
	$(SPHINXBUILD) -b html docs $(BUILDDIR)/html
	@echo "Klaar: open $(BUILDDIR)/html/index.html"

pdf: $(STAMP) systeem-html ## Bouw het handboek als pdf: _build/pdf/handboek.pdf (TeX nodig: make tex)
	$(BIN)/python -m handboek.pdf handboek --uitvoer $(BUILDDIR)/pdf

kaarten: $(STAMP) systeem-html ## Bouw per kaart een pdf voor deelnemers en voor de gespreksleider in _build/pdf/kaarten
	$(BIN)/python -m handboek.pdf kaarten --uitvoer $(BUILDDIR)/pdf/kaarten

protocol: $(STAMP) ## Maak een concept-protocol uit ANTWOORDEN (standaard het voorbeeld) in _build/protocol
	$(BIN)/protocolwizard maak $(ANTWOORDEN) --uitvoer $(BUILDDIR)/protocol --overschrijven

# A symbolic link to the wizard in .venv (installed from this checkout, so it follows the checkout's
# code and survives a renewed .venv). The commands the wizard prints then run as printed in any shell.
installeer: $(STAMP) ## Zet de opdracht protocolwizard in BINDIR (standaard ~/.local/bin), voor elke terminal
	@program="$(abspath $(BIN))/protocolwizard"; target="$(BINDIR)/protocolwizard"; \
	if [ -e "$$target" ] && [ ! -L "$$target" ]; then \
	  echo "Fout: $$target bestaat al en is geen verwijzing van make installeer. Verwijder het eerst, of kies een andere map: make installeer BINDIR=..." >&2; exit 1; \
	fi; \
	mkdir -p "$(BINDIR)" && ln -sfn "$$program" "$$target" || exit 1; \
	echo "Geïnstalleerd: $$target (verwijst naar $$program in deze checkout)."; \
	case ":$$PATH:" in \
	  *":$(BINDIR):"*) found="$$(command -v protocolwizard)"; \
	    if [ "$$(readlink -f "$$found")" = "$$(readlink -f "$$program")" ]; then \
	      echo "Klaar: typ 'protocolwizard' in een terminal."; \
	    else \
	      echo "Let op: je PATH vindt eerst een andere protocolwizard: $$found. Verwijder die, of zet $(BINDIR) vooraan in je PATH."; \
	    fi ;; \
	  *) echo "Let op: $(BINDIR) staat nog niet in je PATH. Log opnieuw in (op Debian en Ubuntu voegt ~/.profile de map dan toe),"; \
	     echo "of zet deze regel in ~/.profile en in deze terminal: export PATH=\"$(BINDIR):\$$PATH\"" ;; \
	esac

tex: ## Installeer TeX met Nederlandse afbreking en de Noto-lettertypen (Debian, ongeveer 340 MB)
	bash tools/systeempakketten.sh pdf

serve: $(STAMP) systeem-html ## Bouw en toon de site op http://$(HOST):$(PORT), ververst bij elke wijziging
	$(BIN)/sphinx-autobuild --host $(HOST) --port $(PORT) -c . docs $(BUILDDIR)/html

linkcheck: $(STAMP) systeem-html ## Controleer alle links
	$(SPHINXBUILD) -b linkcheck docs $(BUILDDIR)/linkcheck

test: $(STAMP) systeem-html systeem-pdf systeem-browser $(NODE_STAMP) ## Richt alles in (als root) en draai alle tests, ook pdf en browser
	$(BIN)/python -m pytest

test-snel: $(STAMP) systeem-html ## Draai de snelle tests (zonder browser, pdf en trage tests), binnen een halve minuut
	$(BIN)/python -m pytest -m "not browser and not pdf and not slow"

bench: $(STAMP) systeem-html systeem-browser $(BENCH_NODE_STAMP) ## Meet bouwtijden en Lighthouse-scores tegen de budgetten (benchmarks/README.md)
	$(BIN)/python tools/bench.py

bench-web: $(STAMP) ## Meet de wizard in de browser onder belasting: 50 gespreksleiders tegelijk, 2 workers (benchmarks/web.md)
	$(BIN)/python tools/bench_web.py

clean: ## Verwijder alles wat gebouwd is (niet .venv)
	rm -rf $(BUILDDIR)
