# Mobile Clinic — build, run and test. `make run` and `make test` work on a fresh Debian
# machine: missing system packages are installed (as root) or the exact command is printed.
SWIFT      ?= swift
PREFIX     ?= /usr/local
DATA_HOME  := $(if $(XDG_DATA_HOME),$(XDG_DATA_HOME),$(HOME)/.local/share)
CLINIC_DB  ?= $(DATA_HOME)/mobile-clinic/clinic.sqlite
BUILD_PKGS := libncursesw5-dev libsqlite3-dev libargon2-dev pkg-config
TEST_PKGS  := tmux sqlite3 ncurses-term locales postgresql openssl tcpdump sudo

.PHONY: run build test format-check soak bench deps test-deps install install-kiosk kiosk-account clean

run: deps build
	@if [ ! -f "$(CLINIC_DB)" ]; then .build/debug/clinic demo --db "$(CLINIC_DB)" --patients 200 --sample-stock --history; fi
	.build/debug/clinic --db "$(CLINIC_DB)"

build: deps
	$(SWIFT) build

test: deps test-deps format-check
	$(SWIFT) build
	$(SWIFT) test

# Fails, naming the files, when a Swift file is not as `swift format` (the toolchain's,
# configured by .swift-format) would write it. `swift format format --in-place --recursive
# Sources Tests` fixes them.
format-check:
	@unformatted=$$(for f in $$(find Sources Tests -name '*.swift' | sort); do 	  $(SWIFT) format format "$$f" | cmp -s - "$$f" || echo "$$f"; done); 	if [ -n "$$unformatted" ]; then echo "Not formatted (swift format format --in-place FILE):"; echo "$$unformatted"; exit 1; fi

# The long reliability runs; `make test` runs the same tests shortened (200 kills,
# 4 x 150 operations, 30,000 fuzzed keys).
soak: deps test-deps
	$(SWIFT) build
	CLINIC_SOAK_KILLS=1000 CLINIC_SOAK_OPS=1000 CLINIC_FUZZ_EVENTS=300000 \
	  $(SWIFT) test --filter 'CrashSafetyTests|ConcurrentTerminalsTests|KeyFuzzTests'

deps:
	@$(call ensure_packages,$(BUILD_PKGS))

# The FHIR export is validated by the fhir.resources models (PyPI) in the test suite.
FHIR_RESOURCES := fhir.resources==8.3.0
test-deps:
	@$(call ensure_packages,$(TEST_PKGS))
	@if ! command -v python3 >/dev/null; then $(call ensure_packages,python3 python3-pip); fi
	@python3 -c "import fhir.resources.R4B.patient" 2>/dev/null || python3 -m pip install -q --disable-pip-version-check "$(FHIR_RESOURCES)" \
	  || python3 -m pip install -q --disable-pip-version-check --break-system-packages "$(FHIR_RESOURCES)"

# Release build, a cached data set (1,000,000 patients, 300,000 visits, 40,000 ICD-10 codes,
# 2,000 stock items; made once under bench/cache), the clinic binary on a pseudo-terminal,
# and a truck with BENCH_VISITS visits whose first sync goes to a temporary PostgreSQL
# server on a loopback port; results as a table and as bench/results.json.
# BENCH_PATIENTS=20000 BENCH_VISITS=10000 for a quick run; BENCH_ONLY=search,screens for some groups.
BENCH_PATIENTS ?= 1000000
BENCH_VISITS   ?= 100000
BENCH_ONLY     ?=
PG_BIN         = $(lastword $(sort $(wildcard /usr/lib/postgresql/*/bin)))
bench: deps test-deps
	$(SWIFT) build -c release
	@set -e; pg=$$(mktemp -d /tmp/clinic-bench-pg.XXXXXX); port=$$(( 20000 + $$$$ % 20000 )); \
	as=""; if [ "$$(id -u)" = 0 ]; then chown postgres "$$pg"; as="runuser -u postgres --"; fi; \
	$$as $(PG_BIN)/initdb -D "$$pg/data" -U clinic -A trust --no-sync >/dev/null; \
	$$as $(PG_BIN)/pg_ctl -D "$$pg/data" -l "$$pg/log" -w start -o "-p $$port -k $$pg -c listen_addresses=127.0.0.1" >/dev/null; \
	trap '$$as $(PG_BIN)/pg_ctl -D "$$pg/data" -m immediate stop >/dev/null; rm -rf "$$pg"' EXIT; \
	psql -q -h 127.0.0.1 -p $$port -U clinic -d postgres -c "CREATE DATABASE central"; \
	.build/release/clinic-bench --patients $(BENCH_PATIENTS) --visits $(BENCH_VISITS) --cache bench/cache \
	  --out bench/results.json --central postgres://clinic@127.0.0.1:$$port/central $(if $(BENCH_ONLY),--only $(BENCH_ONLY))

# Kiosk deployment (as root): the clinic runs as its own system user $(KIOSK_USER), whose
# folder $(STATE_DIR) (database, its .log and counselling key) is 0700, unreadable to staff
# accounts; a staff account's login shell is $(PREFIX)/bin/clinic-shell, which runs only the
# clinic, as $(KIOSK_USER), on that database (one sudo rule, no shell). `make kiosk-account
# NAME=terminal1` adds such an account (set its password with `passwd terminal1`).
KIOSK_USER  ?= mobile-clinic
STAFF_GROUP ?= clinic-staff
STATE_DIR   ?= /var/lib/mobile-clinic
KIOSK_DB    := $(STATE_DIR)/clinic.sqlite
SUDOERS     ?= /etc/sudoers.d/$(KIOSK_USER)

install: deps
	$(SWIFT) build -c release
	install -D -m 755 .build/release/clinic "$(PREFIX)/bin/clinic"
	mkdir -p "$(PREFIX)/share/mobile-clinic"
	cp -R Screens Keymaps "$(PREFIX)/share/mobile-clinic/"
	@if [ "$$(id -u)" = 0 ]; then $(MAKE) --no-print-directory install-kiosk; \
	else echo "Not root: the kiosk user, folder and login shell were not set up (run 'make install-kiosk' as root)."; fi

install-kiosk:
	@$(call ensure_packages,sudo)
	getent group $(STAFF_GROUP) >/dev/null || groupadd --system $(STAFF_GROUP)
	id -u $(KIOSK_USER) >/dev/null 2>&1 || useradd --system --home-dir $(STATE_DIR) --no-create-home --shell /usr/sbin/nologin $(KIOSK_USER)
	install -d -m 700 -o $(KIOSK_USER) -g $(KIOSK_USER) $(STATE_DIR)
	printf '#!/bin/sh\n# Login shell of clinic terminals: the clinic, as $(KIOSK_USER), and nothing else (arguments ignored).\nexec /usr/bin/sudo -n -u $(KIOSK_USER) $(PREFIX)/bin/clinic --db $(KIOSK_DB)\n' > "$(PREFIX)/bin/clinic-shell"
	chmod 755 "$(PREFIX)/bin/clinic-shell"
	printf 'Defaults!$(PREFIX)/bin/clinic env_keep += "TERM LANG LC_ALL NO_COLOR"\n%%$(STAFF_GROUP) ALL=($(KIOSK_USER)) NOPASSWD: $(PREFIX)/bin/clinic --db $(KIOSK_DB)\n' > "$(SUDOERS).new"
	visudo -cq -f "$(SUDOERS).new" && chmod 440 "$(SUDOERS).new" && mv "$(SUDOERS).new" "$(SUDOERS)"
	grep -qx "$(PREFIX)/bin/clinic-shell" /etc/shells || echo "$(PREFIX)/bin/clinic-shell" >> /etc/shells
	@if [ ! -f "$(KIOSK_DB)" ]; then echo "Next: sudo -u $(KIOSK_USER) $(PREFIX)/bin/clinic init --db $(KIOSK_DB)"; fi

kiosk-account:
	@if [ -z "$(NAME)" ]; then echo "Usage: make kiosk-account NAME=terminal1"; exit 1; fi
	useradd --create-home --shell "$(PREFIX)/bin/clinic-shell" --groups $(STAFF_GROUP) $(NAME)

clean:
	rm -rf .build

# Installs the Debian packages in $(1) that are missing: with apt-get when root,
# otherwise prints the command to run and stops.
define ensure_packages
missing=""; for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
if [ -n "$$missing" ]; then \
  if [ "$$(id -u)" = 0 ]; then \
    echo "Installing:$$missing"; \
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
  else \
    echo "Missing system packages:$$missing"; echo "Run: sudo apt-get install -y$$missing"; exit 1; \
  fi; \
fi
endef
