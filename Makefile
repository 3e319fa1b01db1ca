# The two commands of the README: `make serve` and `make test`.
# Both install what is missing first (scripts/ensure-tools.sh), then build.

SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

PKG := www/pkg/session_playground_bg.wasm
WASM_PACK := wasm-pack --log-level warn build --release --target web --out-dir www/pkg --no-typescript --no-pack
SOURCES := $(shell find src -name '*.rs') Cargo.toml Cargo.lock .cargo/config.toml
ADDRESS := 127.0.0.1
PORT := 8000
SITE := target/site

.PHONY: serve test tools build lint test-native test-js test-browser test-e2e size bench package verify-real bench-timeline clean

## serve: build the release wasm and the site, and serve the site on http://127.0.0.1:8000/
serve: tools build
	@echo
	@echo "  Session playground: http://$(ADDRESS):$(PORT)/"
	@echo "  An article embedding it: http://$(ADDRESS):$(PORT)/www/examples/"
	@echo
	python3 -m http.server $(PORT) --bind $(ADDRESS) --directory $(SITE)

## test: every layer, hygiene first, each one's time printed at the end
LAYERS := tools lint test-native test-js test-browser build test-e2e
test:
	@times=""; for layer in $(LAYERS); do \
	  start=$$(date +%s); \
	  $(MAKE) --no-print-directory $$layer || exit 1; \
	  times="$$times$$(printf '  %-13s %4d s' $$layer $$(( $$(date +%s) - start )))\n"; \
	done; printf '\nLayer times:\n%b' "$$times"

tools:
	@scripts/ensure-tools.sh

# The wasm, then the site as it is deployed (SITE): every module and
# stylesheet minified per file, with source maps, JSON compacted, the rest
# copied (scripts/build-site.mjs; it does nothing when no source changed).
build: $(PKG)
	@node scripts/build-site.mjs

# One wasm module from the crate, the page's engine and its labs (src/wasm.rs);
# the names-kept build `make size` reads stays in target/wasm32-unknown-unknown/release.
$(PKG): $(SOURCES)
	@rm -f www/pkg/session_playground_labs*
	$(WASM_PACK)
	@touch $(PKG)

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet

test-native:
	cargo test

## test-js: the page's pure logic under node's test runner, no browser
test-js:
	node --test tests/unit/

test-browser:
	wasm-pack test --headless --chrome -- --test web

# A file that runs past 10 minutes has hung (the longest takes about 2 on an idle machine).
test-e2e: build
	node --test --test-concurrency=1 --test-timeout=600000 tests/e2e/

## package: the npm package an author pins (target/session-playground-<version>.tgz)
package: tools build
	node scripts/package.mjs

## size: what the page fetches before it is usable and after, raw, gzipped and brotli'd
size: tools build
	@scripts/size.sh

## bench: the scale lab's 1,000,000-request run, natively and in headless Chromium, the cookie jar at its limits, 10 cold page loads per size (and of an article with the element), and the long-session storm on the page (not part of test)
bench: tools build
	cargo run --release --quiet --example bench | tee target/bench-native.txt
	node scripts/bench-browser.mjs target/bench-native.txt
	cargo run --release --quiet --example jar_limits | tee target/bench-jar.txt
	node scripts/bench-load.mjs 10 1280 800 | tee target/bench-load.txt
	node scripts/bench-load.mjs 10 375 667 | tee -a target/bench-load.txt
	node scripts/bench-load.mjs 10 1280 800 --element 'scenario="revocation"' | tee -a target/bench-load.txt
	node scripts/bench-load.mjs 10 375 667 --element 'scenario="revocation"' | tee -a target/bench-load.txt
	node scripts/bench-timeline.mjs | tee target/bench-timeline-browser.txt

## verify-real: re-record the real libraries' walks into tests/real/ (minutes; not part of test)
verify-real:
	verify/setup.sh
	node verify/record.mjs
	cargo build --quiet --example jwt_tokens
	verify/.venv/bin/python verify/tokens/record.py target/debug/examples/jwt_tokens
	cargo test --test native real::
	cargo test --lib jwt

## bench-timeline: the long-session storm, natively and on the page in headless Chromium (not part of test)
bench-timeline: tools build
	cargo run --release --quiet --example bench_timeline | tee target/bench-timeline-native.txt
	node scripts/bench-timeline.mjs | tee target/bench-timeline-browser.txt

clean:
	cargo clean
	rm -rf www/pkg target/screenshots
