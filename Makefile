# Mina steg. `make run` builds and serves the demo; `make test` runs every suite.
# Each tool is installed only if it is missing, from crates.io, npm or apt.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

WASM_BINDGEN_VERSION := 0.2.130
BINARYEN_VERSION     := 132.0.0
TOOLS   := $(CURDIR)/.tools
WASM_OPT := $(TOOLS)/node_modules/.bin/wasm-opt
SITE    := $(CURDIR)/target/site
PORT    ?= 3000
DATABASE_URL ?= sqlite://mina-steg.db
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/postgres
export DATABASE_URL

.PHONY: run build tools site wasm server test test-long test-tools lint unit integration browser bench bench-tools \
  bench-throughput postgres clean

## The two commands of the README -------------------------------------------

# An empty PostgreSQL database is filled with demo data only when asked:
# `make run DATABASE_URL=postgres://… SERVE_FLAGS=--seed-postgres`.
SERVE_FLAGS ?=
run: build
	./target/release/mina-steg serve --demo --seed-if-empty $(SERVE_FLAGS) --port $(PORT) --site-root $(SITE)

test: test-tools lint
	$(MAKE) --no-print-directory unit integration browser bench

## Building -----------------------------------------------------------------

build: tools site server

tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@# webauthn-rs (passkeys) builds against the system's OpenSSL.
	@dpkg -s libssl-dev >/dev/null 2>&1 || apt-get install -y -qq libssl-dev pkg-config
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "Installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about 3 minutes)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); fi
	@# Debian's binaryen 108 makes a module that fails at start-up; npm's 132 works.
	@[ -x $(WASM_OPT) ] || npm install --prefix $(TOOLS) --no-save --no-audit --no-fund binaryen@$(BINARYEN_VERSION) >/dev/null

# The islands' WebAssembly, its JS glue, the CSS and the static files. The
# three built files are named by a hash of their content (pkg/output-name.txt
# tells the server), so a new release never pairs new HTML with old JS/WASM.
# Each step is a file target: cargo always runs (it knows when the lib is stale
# and leaves the .wasm untouched when it is not); wasm-bindgen, wasm-opt and the
# naming run only when their input changed.
WASM_OUT := target/wasm32-unknown-unknown/wasm-release/mina_steg_app.wasm
BINDGEN  := target/wasm-bindgen
PKG      := $(SITE)/pkg
SITE_PUBLIC := $(patsubst public/%,$(SITE)/%,$(shell find public -type f))

site: $(PKG)/output-name.txt $(SITE_PUBLIC)

wasm: $(BINDGEN)/mina-steg_bg.wasm

$(WASM_OUT): FORCE | tools
	cargo build -p mina-steg-app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate --profile wasm-release

# Built in a scratch folder and moved in whole, so a failed step leaves no half output
# that looks newer than its input. The Makefile is an input: it pins the tool versions.
$(BINDGEN)/mina-steg_bg.wasm: $(WASM_OUT) Makefile
	rm -rf $(BINDGEN).tmp && mkdir -p $(BINDGEN).tmp
	wasm-bindgen --target web --no-typescript --out-dir $(BINDGEN).tmp --out-name mina-steg $(WASM_OUT)
	$(WASM_OPT) -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
	  $(BINDGEN).tmp/mina-steg_bg.wasm -o $(BINDGEN).tmp/mina-steg_bg.wasm
	rm -rf $(BINDGEN) && mv $(BINDGEN).tmp $(BINDGEN)

$(PKG)/output-name.txt: $(BINDGEN)/mina-steg_bg.wasm style/mina-steg.css
	rm -rf $(PKG) && mkdir -p $(PKG)
	cp -r $(BINDGEN)/. $(PKG)/
	cp style/mina-steg.css $(PKG)/mina-steg.css
	cd $(PKG) && name=mina-steg-$$(cat mina-steg.js mina-steg_bg.wasm mina-steg.css | sha256sum | cut -c1-12) && \
	  mv mina-steg.js $$name.js && mv mina-steg_bg.wasm $${name}_bg.wasm && mv mina-steg.css $$name.css && \
	  echo $$name > output-name.txt

# public/ file by file: a changed or new file is copied, the rest are left alone.
$(SITE_PUBLIC): $(SITE)/%: public/%
	@mkdir -p $(@D)
	cp $< $@

# Never up to date: for a step whose own tool decides whether there is work.
FORCE:

server:
	cargo build --release -p mina-steg-server

## Testing ------------------------------------------------------------------

# Chromium and LibreOffice from apt, the browser test packages from npm, PostgreSQL if none answers.
test-tools: tools postgres
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@# The retention browser test ages a record in the SQLite file directly.
	@command -v sqlite3 >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null; }
	@# The follow-up's file is opened in LibreOffice, headless, as a Swedish spreadsheet user would.
	@command -v soffice >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	  apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null; }
	@[ -d tests/browser/node_modules ] || npm ci --prefix tests/browser --no-audit --no-fund >/dev/null

postgres:
	@bash tests/scripts/ensure-postgres.sh

lint:
	cargo fmt --all --check
	cargo clippy -p mina-steg-app -p mina-steg-server -p mina-steg-tests --all-targets -- -D warnings
	cargo clippy -p mina-steg-app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate -- -D warnings

# Every native build and test names the same packages and features, so cargo
# resolves one feature set and builds each dependency once (with different
# sets, a fresh clone built most of them three times: about 15 minutes more).
NATIVE := -p mina-steg-app -p mina-steg-server -p mina-steg-tests --features mina-steg-app/ssr

unit:
	TEST_POSTGRES_URL=$(TEST_POSTGRES_URL) cargo test $(NATIVE) --lib

# The same suite on both databases, through the real router.
integration:
	TEST_POSTGRES_URL=$(TEST_POSTGRES_URL) cargo test $(NATIVE) --test suite -- --test-threads=1

browser: site
	cargo build $(NATIVE) --bins
	node --test --test-reporter=spec tests/browser/ tests/long/

# The fault tests at length: kill -9 of the server during a write load twenty
# times on each database (`make test` does it three times), each time checking
# that every confirmed write is there and the audit chain is whole.
test-long: test-tools site
	cargo build $(NATIVE) --bins
	MINA_STEG_KILLS=20 node --test --test-reporter=spec tests/long/

# Bytes over the wire for a participant's first visit (budget 150 KB): a size check, no timing.
bench: site
	cargo build $(NATIVE) --bins
	node tests/bench/first-visit-bytes.mjs

# Signed-in pages against nginx serving the same bytes, on both databases (a few
# minutes; prints req/s, p50, p99, the ratio to nginx and audit rows per view),
# then 500 sign-ups for 6 seats over three instances on one PostgreSQL.
bench-tools: postgres
	@command -v wrk >/dev/null && command -v nginx >/dev/null && command -v sqlite3 >/dev/null || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light sqlite3 >/dev/null; }

bench-throughput: tools site server bench-tools
	node tests/bench/throughput.mjs $(BENCH_FLAGS)
	node tests/bench/instances.mjs

clean:
	cargo clean
	rm -rf $(TOOLS) tests/browser/node_modules
