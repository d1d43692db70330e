# The two commands a fresh machine needs: `make run` and `make test`.
VENV := .venv
STAMP := $(VENV)/.setup-stamp
OUT ?= data/processed

.PHONY: setup run test bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock scripts/setup.sh
	bash scripts/setup.sh
	touch $(STAMP)

run: setup
	$(VENV)/bin/vanban run data/raw --out $(OUT)

test: setup
	$(VENV)/bin/python -m pytest -q

bench: setup
	$(VENV)/bin/python bench/bench_ingest.py --sizes 1000 10000

clean:
	rm -rf $(OUT)/*.parquet $(OUT)/vanban.duckdb $(OUT)/.prefect $(OUT)/versions $(OUT)/current $(OUT)/.store $(OUT)/.vanban.lock $(OUT)/.duckdb_tmp $(OUT)/report
