# infoquest developer commands. `make help` lists them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# A CPU build of torch: on the project's machines this wheel is on local disk; elsewhere pip fetches it
# (add --index-url https://download.pytorch.org/whl/cpu to TORCH to avoid the multi-GB CUDA build).
TORCH ?= torch==2.13.0
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

DEMO_RESUME ?= examples/resumes/daniel_okafor_two_column.pdf
DEMO_GOALS ?= I teach middle-school science and want to move into UX research. What skills and portfolio do I need, and how do people in the field find their first role?
DEMO_ROLE ?= my roommate's mom, she's a director of UX research at a big health-tech company

.PHONY: help install demo serve test test-fast lint format bench load train clean

help:  ## Show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet $(TORCH)
	# uv installs the rest (ray, pyarrow, playwright...) in seconds where pip takes over a minute. torch stays
	# with pip above, which reads pip's own configuration (a local wheel here) and TORCH's --index-url.
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[dev]'  # dev pulls the transformers and train extras
	touch $(STAMP)

install: $(STAMP)  ## Create .venv and install infoquest with its dev tools

demo: $(STAMP)  ## Recommend questions for an example résumé (the main job)
	$(BIN)/infoquest suggest --resume "$(DEMO_RESUME)" --goals "$(DEMO_GOALS)" --role "$(DEMO_ROLE)" --explain

serve: $(STAMP)  ## Serve the web page and the HTTP API at http://127.0.0.1:8000/
	$(BIN)/infoquest serve

# One worker per core (4 at most), one file each (its fixtures load once), one thread each: with torch's and BLAS's
# default threads per worker the cores are oversubscribed and the run takes twice as long, not half.
test: $(STAMP)  ## Run every test, including those with the real model
	OMP_NUM_THREADS=1 $(BIN)/python -m pytest -q -n auto --maxprocesses 4 --dist loadfile

test-fast: $(STAMP)  ## Run the unit tests only (fake encoder; about 33 s on 2 cores, 54 s on one)
	OMP_NUM_THREADS=1 $(BIN)/python -m pytest -q -m "not slow" -n auto --maxprocesses 4 --dist loadfile

lint: $(STAMP)  ## ruff and mypy
	$(BIN)/ruff check src tests benchmarks examples
	$(BIN)/ruff format --check src tests benchmarks examples
	$(BIN)/mypy src

format: $(STAMP)  ## Format the code with ruff
	$(BIN)/ruff format src tests benchmarks examples
	$(BIN)/ruff check --fix src tests benchmarks examples

bench: $(STAMP)  ## Re-run the ranking, concern and speed benchmarks (writes benchmarks/results)
	cd benchmarks && ../$(BIN)/python evaluate.py --encoder minilm && ../$(BIN)/python evaluate.py --encoder static \
	  && ../$(BIN)/python evaluate_concerns.py && ../$(BIN)/python speed.py

train: $(STAMP)  ## Retrain every learned part for both encoders (static model, heads, guard, concern matcher, ranker)
	$(BIN)/python models/build_static.py
	for enc in static minilm; do \
	  (cd benchmarks && ../$(BIN)/python train_heads.py --encoder $$enc && ../$(BIN)/python train_guard.py --encoder $$enc \
	   && ../$(BIN)/python train_concerns.py --encoder $$enc && ../$(BIN)/python train_ranker.py --encoder $$enc) || exit 1; \
	done

load: $(STAMP)  ## Load-test `infoquest serve` on loopback (writes benchmarks/results/load.md)
	$(BIN)/python benchmarks/load.py

clean:  ## Remove the virtualenv and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
