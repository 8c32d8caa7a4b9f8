# smcheck — make test is what CI runs (.ci/run).
GO       ?= go
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT   ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
LDFLAGS  := -s -w -X main.version=$(VERSION) -X main.commit=$(COMMIT)
OPA      := $(GO) run github.com/open-policy-agent/opa

.PHONY: all build test unit rego-test bench fuzz lint fmt generate golden clean

all: build

build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/smcheck ./cmd/smcheck

# Every test: Go unit tests, Rego unit tests with the 95 % coverage gate
# (policies/policies_test.go runs OPA's tester in-process), golden files,
# end-to-end tests of the real binary, and lint.
test: lint
	$(GO) test -race -count=1 ./...

# Go benchmarks (docs/performance.md). BenchmarkScale checks 10 000 generated
# agencies and takes a few minutes; BENCH=Ratios narrows the run.
BENCH ?= .
bench:
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchmem -count=1 -timeout 60m ./...

# Coverage-guided fuzzing of the whole pipeline (checks.FuzzCheck): arbitrary
# bytes must give input issues, never a panic, an evaluation error or a
# silent pass. make test runs only its seeds (every fixture).
FUZZTIME ?= 5m
fuzz:
	$(GO) test ./checks -run '^$$' -fuzz FuzzCheck -fuzztime $(FUZZTIME) -fuzzminimizetime 5s

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

fmt:
	gofmt -w $$(git ls-files '*.go')
	$(OPA) fmt -w policies

# Regenerate what is derived from the policies and the schema: the catalogue
# data, then the compiled snapshot (policies/compiled.bin) of the bundle with it.
generate:
	$(GO) test ./checks/engine -run TestCatalogueData -update
	$(GO) test ./policies -run TestCompiledIsCurrent -update
	$(GO) test ./internal/schemadoc -run TestDataModelDoc -update

golden:
	$(GO) test ./report ./cmd/smcheck -update

clean:
	rm -rf bin
