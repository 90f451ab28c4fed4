# Two commands for people: `make run` and `make test` (see README.md).
.PHONY: run test setup lint bench clean

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh

setup:
	@bash scripts/setup.sh --test

lint: setup
	@bash scripts/lint.sh

bench:
	@bash bench/run.sh

clean:
	rm -rf .venv .venv-lint .local
