# fisherman — a thin wrapper over the Maven wrapper.
#
#   make run      the daemon on the embedded localnet (simulated servicers), QoS table in seconds
#   make test     unit, integration and e2e tests (what CI runs)
#   make e2e      only the acceptance scenarios (Gherkin features); TAGS='@happy' for a selection
#   make screenshot  docs/img/status.png: the status page of the localnet, in headless Chromium
#   make bench    the quality-bar benchmarks; rewrites docs/benchmarks.md
#   make fuzz     each fuzz target for FUZZ_SECONDS (60); a finding lands as a regression input
#   make soak     the packaged daemon against 1,000 servicers for SOAK_MINUTES (30); rewrites the soak section of docs/reliability.md
#   make package  the runnable jar fisherman-daemon/target/fisherman.jar (+ fisherman.aot on JDK 25+)
#   make image    the container image $(IMAGE) (BASE_IMAGE=..., else a local jlink base)
#   make fmt      apply the enforced code format
#   make clean

SHELL := /bin/bash
.DEFAULT_GOAL := help

# Pick a JDK >= 21: $JAVA_HOME if it is one, else the first that is installed in a usual place.
JAVA_HOME := $(shell ./bin/find-jdk 2>/dev/null)
ifeq ($(JAVA_HOME),)
$(error fisherman needs a JDK 21 or newer; install one (e.g. apt-get install openjdk-21-jdk or Temurin 21+) or set JAVA_HOME to it)
endif
export JAVA_HOME
export PATH := $(JAVA_HOME)/bin:$(PATH)

MVN := ./mvnw -B -ntp
JAR := fisherman-daemon/target/fisherman.jar
ARGS ?=
IMAGE ?= fisherman:dev
BASE_IMAGE ?= eclipse-temurin:21-jre
# A Cucumber tag expression for make e2e, e.g. TAGS='@happy' or TAGS='@sad and not @slow'.
TAGS ?=
# Where the acceptance reports are, and one line of scenarios passed, failed and skipped.
SUMMARY := java e2e/src/test/java/dev/fisherman/e2e/ReportSummary.java e2e/target/reports

.PHONY: help run test e2e screenshot bench fuzz soak package image container fmt clean

help:
	@sed -n 's/^#   //p' Makefile

$(JAR): $(shell find genesis/src fisherman-core/src fisherman-daemon/src -type f 2>/dev/null) pom.xml */pom.xml
	$(MVN) -q -DskipTests -Dspotless.check.skip=true -pl fisherman-daemon -am package

package:
	$(MVN) -DskipTests -pl fisherman-daemon -am package
	bin/make-aot-cache $(JAR)
	@echo "built $(JAR) — run it with bin/fisherman --help"

run: $(JAR)
	java -XX:+ExitOnOutOfMemoryError -jar $(JAR) localnet $(ARGS)

# The container scenarios need an engine and the image: both are made here when they can be; when
# no engine can be started the @container scenarios skip loudly (and fail under CI=true).
test: container
	rm -rf e2e/target/reports
	$(MVN) -Pbench verify; status=$$?; $(SUMMARY); exit $$status

# The base image is pulled when it can be; where no registry is reachable, a local jlink runtime
# (bin/make-base-image) stands in.
image: $(JAR)
	bin/ensure-docker
	base='$(BASE_IMAGE)'; \
	docker image inspect "$$base" >/dev/null 2>&1 || docker pull -q "$$base" >/dev/null 2>&1 \
	  || { base=fisherman-base:local; docker image inspect "$$base" >/dev/null 2>&1 \
	       || { echo "image: $(BASE_IMAGE) cannot be pulled; building a local base" >&2; bin/make-base-image "$$base" >/dev/null; }; }; \
	docker build -q --network host --build-arg BASE_IMAGE="$$base" -t $(IMAGE) .
	@echo "built $(IMAGE)"

e2e: container
	$(MVN) -q -DskipTests -Dspotless.check.skip=true -pl fisherman-daemon -am install
	rm -rf e2e/target/reports
	$(MVN) -pl e2e verify $(if $(TAGS),"-Dcucumber.filter.tags=$(TAGS)"); status=$$?; $(SUMMARY); exit $$status

container:
	@if bin/ensure-docker; then $(MAKE) --no-print-directory image; \
	else echo "*** no container engine: the container scenarios will be skipped ***" >&2; fi
# The sad status page scenario on make run's own servicer ports; its first screenshot goes to docs.
screenshot:
	$(MVN) -q -DskipTests -Dspotless.check.skip=true -pl fisherman-daemon -am install
	$(MVN) -q -pl e2e verify -Dspotless.check.skip=true -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dit.test=FeaturesIT "-Dcucumber.filter.tags=@browser and @sad" \
	  -Dstatus.screenshot=$(CURDIR)/docs/img/status.png
	@echo "wrote docs/img/status.png"

# The bench module is only in the reactor under -Pbench: make test builds it and runs its unit
# tests (the generator's HTTP reader, the report), make bench runs the benchmarks.
bench: $(JAR)
	bin/ensure-tools --bench
	$(MVN) -q -Pbench -pl bench -am package -DskipTests
	java -jar bench/target/fisherman-bench.jar --daemon-jar $(JAR) --out docs/benchmarks.md $(ARGS)

# Fuzzing mode runs one fuzz test per JVM for the 60 s maxDuration of its @FuzzTest (Jazzer takes the
# time from the annotation only), so each target gets FUZZ_SECONDS as back-to-back runs of 60 s
# (rounded up), each resuming from the corpus the last one grew (<module>/.cifuzz-corpus/). Run
# under nice on a shared machine: Jazzer keeps a core busy. A crash fails the run and is saved
# under src/test/resources/.../*Inputs/. FUZZ_TARGETS='...' picks targets (module:Test[#method]).
FUZZ_SECONDS ?= 60
FUZZ_RUN_SECONDS := 60
FUZZ_TARGETS ?= genesis:GenesisLoaderFuzzTest fisherman-core:JsonRpcCheckFuzzTest\#judge \
  fisherman-core:JsonRpcCheckFuzzTest\#validAnswer_isOkWithItsHeight \
  fisherman-daemon:SessionEventParserFuzzTest fisherman-daemon:AdminRequestFuzzTest
fuzz:
	$(MVN) -q -DskipTests -Dspotless.check.skip=true -pl fisherman-daemon -am install
	set -e; runs=$$(( ($(FUZZ_SECONDS) + $(FUZZ_RUN_SECONDS) - 1) / $(FUZZ_RUN_SECONDS) )); \
	for t in $(FUZZ_TARGETS); do for r in $$(seq $$runs); do \
	  echo "fuzzing $${t#*:} (run $$r of $$runs, $(FUZZ_RUN_SECONDS) s each)"; \
	  JAZZER_FUZZ=1 $(MVN) -q -pl $${t%%:*} test -Dspotless.check.skip=true "-Dtest=$${t#*:}"; \
	done; done

SOAK_MINUTES ?= 30
soak: $(JAR)
	$(MVN) -q -Pbench -pl bench -am package -DskipTests -Dspotless.check.skip=true
	java -jar bench/target/fisherman-bench.jar soak --daemon-jar $(JAR) --minutes $(SOAK_MINUTES) \
	  --doc docs/reliability.md --img docs/img/soak.svg

fmt:
	$(MVN) -q spotless:apply

clean:
	$(MVN) -q clean
