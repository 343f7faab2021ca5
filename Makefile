# Cadre — ML workforce development daemon. `make demo` runs it on embedded defaults; `make test` proves it.
SHELL := /bin/bash
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR := $(PREFIX)/bin
UNITDIR ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
TMPFILESDIR ?= $(PREFIX)/lib/tmpfiles.d
CONFDIR ?= /etc/cadre
DOCDIR ?= $(PREFIX)/share/doc/cadre
SWIFT ?= swift
SWIFT_FLAGS ?=
BIN := .build/debug
RELEASE_BIN := .build/release

.PHONY: all deps build test demo run install units-check bench fuzz clean

all: build

## deps: install what building and testing need (apt-get and pip when root), or say what is missing.
deps:
	@scripts/deps test

build:
	@scripts/deps build
	$(SWIFT) build $(SWIFT_FLAGS)

## test: every test — engine, wire, store, systemd, integration against the real binaries — and the units.
test: deps
	@scripts/units-check
	$(SWIFT) build --build-tests $(SWIFT_FLAGS)
	$(SWIFT) test --skip-build $(SWIFT_FLAGS)

## demo: start cadred on local folders, load the default taxonomy and sample organisation, run, watch, stop.
demo: build
	@scripts/demo

## run: cadred in the foreground on local folders under var/run (Ctrl-C stops it).
run: build
	@mkdir -p var/run/{runtime,state,logs}
	$(BIN)/cadred --runtime-dir var/run/runtime --state-dir var/run/state --config-dir Config \
		--logs-dir var/run/logs --log-target stderr

units-check:
	@scripts/units-check

## bench: release build; every benchmark prints its baseline, measured in the same run, and the ratio.
bench:
	@scripts/deps bench
	@scripts/bench

## fuzz: libFuzzer over the parsers of outside input (FUZZ_TARGET: varlink, bus, evidence, taxonomy).
FUZZ_TARGET ?= varlink
FUZZ_SECONDS ?= 60
fuzz:
	@scripts/deps build
	CADRE_FUZZ=1 $(SWIFT) build --sanitize=fuzzer --product cadre-fuzz --scratch-path .build-fuzz
	@mkdir -p var/fuzz/$(FUZZ_TARGET)
	CADRE_FUZZ_TARGET=$(FUZZ_TARGET) SWIFT_BACKTRACE=enable=no .build-fuzz/debug/cadre-fuzz \
		-max_total_time=$(FUZZ_SECONDS) -max_len=8192 -rss_limit_mb=2048 var/fuzz/$(FUZZ_TARGET)

install: build
	$(SWIFT) build -c release $(SWIFT_FLAGS)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(TMPFILESDIR) \
		$(DESTDIR)$(CONFDIR)/taxonomy $(DESTDIR)$(CONFDIR)/catalogue $(DESTDIR)$(CONFDIR)/credentials $(DESTDIR)$(DOCDIR)
	install -m 0755 $(RELEASE_BIN)/cadred $(RELEASE_BIN)/cadrectl $(DESTDIR)$(BINDIR)/
	for unit in cadred.service cadred.socket cadre-assess.service cadre-assess.timer; do \
		sed -e 's|/usr/bin/|$(BINDIR)/|g' Units/$$unit > $(DESTDIR)$(UNITDIR)/$$unit; \
		chmod 0644 $(DESTDIR)$(UNITDIR)/$$unit; done
	install -m 0644 Units/cadre.sysusers $(DESTDIR)$(SYSUSERSDIR)/cadre.conf
	install -m 0644 Units/cadre.tmpfiles $(DESTDIR)$(TMPFILESDIR)/cadre.conf
	install -m 0644 Config/cadred.yaml Config/channels.yaml $(DESTDIR)$(CONFDIR)/
	install -m 0644 Config/taxonomy/*.yaml $(DESTDIR)$(CONFDIR)/taxonomy/
	install -m 0644 Config/catalogue/*.yaml $(DESTDIR)$(CONFDIR)/catalogue/
	install -m 0644 Config/credentials/*.yaml $(DESTDIR)$(CONFDIR)/credentials/
	install -m 0644 README.md docs/*.md Sources/CadreWire/Varlink/io.cadre.Workforce.varlink $(DESTDIR)$(DOCDIR)/

clean:
	rm -rf .build var
