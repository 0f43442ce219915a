# fisherman — a thin wrapper over the Maven wrapper.
#
#   make run      the daemon on the embedded localnet (simulated servicers), QoS table in seconds
#   make test     unit, integration and e2e tests (what CI runs)
#   make e2e      only the acceptance scenarios (Gherkin features); TAGS='@happy' for a selection
#   make bench    the quality-bar benchmarks; rewrites docs/benchmarks.md
#   make fuzz     each fuzz target for 60 s times FUZZ_ROUNDS (1); a finding lands as a regression input
#   make soak     the packaged daemon against 1,000 servicers for SOAK_MINUTES (30); rewrites the soak section of docs/reliability.md
#   make package  the runnable jar fisherman-daemon/target/fisherman.jar
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
# A Cucumber tag expression for make e2e, e.g. TAGS='@happy' or TAGS='@sad and not @slow'.
TAGS ?=
# Where the acceptance reports are, and one line of scenarios passed, failed and skipped.
SUMMARY := java e2e/src/test/java/dev/fisherman/e2e/ReportSummary.java e2e/target/reports

.PHONY: help run test e2e bench fuzz soak package fmt clean

help:
	@sed -n 's/^#   //p' Makefile

$(JAR): $(shell find genesis/src fisherman-core/src fisherman-daemon/src -type f 2>/dev/null) pom.xml */pom.xml
	$(MVN) -q -DskipTests -Dspotless.check.skip=true -pl fisherman-daemon -am package

package:
	$(MVN) -DskipTests -pl fisherman-daemon -am package
	@echo "built $(JAR) — run it with bin/fisherman --help"

run: $(JAR)
	java -jar $(JAR) localnet $(ARGS)

test:
	rm -rf e2e/target/reports
	$(MVN) verify; status=$$?; $(SUMMARY); exit $$status

e2e:
	$(MVN) -q -DskipTests -Dspotless.check.skip=true -pl fisherman-daemon -am install
	rm -rf e2e/target/reports
	$(MVN) -pl e2e verify $(if $(TAGS),"-Dcucumber.filter.tags=$(TAGS)"); status=$$?; $(SUMMARY); exit $$status

# The bench module is only in the reactor under -Pbench, so make test never builds it.
bench:
	$(MVN) -q -Pbench -pl bench -am package -DskipTests
	java -jar bench/target/fisherman-bench.jar --daemon-jar $(JAR) --out docs/benchmarks.md $(ARGS)

# Fuzzing mode runs one fuzz test per JVM, so each target is its own Maven run of 60 s (the
# maxDuration of its @FuzzTest); each further round resumes from the corpus the last one grew
# (<module>/.cifuzz-corpus/). A crash fails the run and is saved under src/test/resources/.../*Inputs/.
FUZZ_ROUNDS ?= 1
FUZZ_TARGETS := genesis:GenesisLoaderFuzzTest fisherman-core:JsonRpcCheckFuzzTest\#judge \
  fisherman-core:JsonRpcCheckFuzzTest\#validAnswer_isOkWithItsHeight \
  fisherman-daemon:SessionEventParserFuzzTest fisherman-daemon:AdminRequestFuzzTest
fuzz:
	$(MVN) -q -DskipTests -Dspotless.check.skip=true -pl fisherman-daemon -am install
	set -e; for r in $$(seq $(FUZZ_ROUNDS)); do for t in $(FUZZ_TARGETS); do \
	  echo "fuzzing $${t#*:} (round $$r)"; \
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
