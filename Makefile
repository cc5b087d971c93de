# Thin wrapper: every target calls an npm script or the compiled CLI.
.PHONY: all install compile dist test registry check bench help clean

all: dist ## install if needed, compile, build dist/ from sources/

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund

install: node_modules/.package-lock.json ## install dependencies (npm ci) when missing or stale

compile: install ## compile TypeScript into build/
	npm run --silent compile

dist: compile ## build the dataset into dist/
	npm run --silent samverkan -- build

test: compile ## the whole test suite (CI runs exactly this)
	npm test

check: compile ## print the count checks as a linter does
	npm run --silent samverkan -- check

registry: compile ## regenerate sources/registry/authorities.json from ../shared/reference/myndighetsdata
	npm run --silent registry

bench: compile ## the benchmark: 100, 1,000 and 10,000 synthetic pages, figures beside targets
	node build/scripts/bench/bench.js

clean: ## remove compiled code
	rm -rf build

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' Makefile | sed 's/:.*## /\t/'
