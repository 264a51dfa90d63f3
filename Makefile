# md2pptx: the project's commands. `make demo` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO := fixtures/community-safety/talk.md

.PHONY: install demo test lint bench fuzz gallery clean

install: $(STAMP)

# Re-install only when the project's metadata changed (quick and idempotent otherwise).
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: install
	mkdir -p out
	$(BIN)/md2pptx $(DEMO) -o out/community-safety.pptx -o out/community-safety.pdf \
	  --handout-output out/community-safety-handout.pdf --report out/community-safety.report.json
	$(BIN)/md2pptx fixtures/motion/talk.md -o out/motion.pptx

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check converter tests fixtures bench docs
	$(BIN)/mypy
	MYPYPATH=tests $(BIN)/mypy --follow-imports=silent docs/make_gallery.py bench/*.py

bench: install
	$(BIN)/python bench/bench_read.py
	$(BIN)/python bench/bench_convert.py

# A long fuzzing campaign (10,000 generated decks to PPTX and PDF, at most ~9 minutes; not part
# of `make test`): prints the count of failures; failing decks land in out/fuzz-failures/.
fuzz: install
	$(BIN)/python bench/fuzz.py --decks 10000 --seconds 540

# The README's pictures in docs/gallery/ (committed): the demo deck and the richest fixtures
# converted, their PPTX rendered by LibreOffice, rasterised by pdftoppm (needs what .ci/run
# installs; not part of `make test`). A rerun rewrites only pictures whose bytes changed.
gallery: install
	$(BIN)/python docs/make_gallery.py

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache .hypothesis
