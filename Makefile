# soqlgate — `make help` lists the targets.
GO ?= go
PKGS ?= ./...

.PHONY: help build test test-short bench bench-smoke fmt lint fuzz-smoke update-golden demo

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

build: ## build bin/soqlgate
	$(GO) build -o bin/soqlgate ./cmd/soqlgate

demo: ## run the local org (emulator) with the demo data on 127.0.0.1:8443
	$(GO) run ./cmd/soqlgate emulator --listen 127.0.0.1:8443 --seed demo

test: ## run every test (what CI runs)
	$(GO) test -count=1 -timeout 30m $(PKGS)

test-short: ## run the fast tests only
	$(GO) test -short -count=1 $(PKGS)

bench: ## run the benchmarks (figures quoted in the README)
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

bench-smoke: ## run every benchmark once, to keep them compiling and running
	$(GO) test -run '^$$' -bench . -benchtime=1x $(PKGS)

fuzz-smoke: ## run each fuzz target for a few seconds
	@for pkg in $$($(GO) list $(PKGS)); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz'); do \
	    $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime 5s $$pkg || exit 1; \
	  done; \
	done

update-golden: ## rewrite golden files (review the diff as code)
	$(GO) test ./translator -update

fmt: ## gofmt every file
	gofmt -w $$(git ls-files '*.go')

lint: ## go vet
	$(GO) vet $(PKGS)
