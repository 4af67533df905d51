# Top-level build.  `make` builds everything the host can build (dtrace(1)
# at build/dtrace, vmtest at build/vmtest, unit tests, fuzzers, benches);
# `make test` runs the tests.  Both first install missing Debian packages
# (.ci/install-deps, which asks apt only when something is missing).
#
# Layout conventions (files are picked up by directory, no list to edit):
#   core/*.c core/os/user/*.c providers/{dtrace,profile}/*.c -> build/libcore.a
#   user/*.c (but dtrace.c) + user/dt_lex.l + user/dt_grammar.y -> build/libdtrace.a
#   user/dtrace.c                  -> build/dtrace
#   vmtest/*.c                     -> build/vmtest
#   test/unit/test_*.c             -> build/test/unit/test_* (ASan+UBSan)
#   test/fuzz/fuzz_*.c             -> build/fuzz/fuzz_* (libFuzzer, clang)
#   bench/bench_*.c                -> build/bench/bench_*
#   core/os/linux + Kbuild         -> build/module/<kver>/dtrace.ko (make module)

BUILD   ?= build
CC      ?= gcc
CLANG   ?= clang
WARN    := -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers
CFLAGS  ?= -O2 -g
CFLAGS  += -std=gnu11 -D_GNU_SOURCE $(WARN) -I. -I$(BUILD)/gen -MMD -MP
LDLIBS  := -lelf -lpthread -lm
SANFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	    -fno-sanitize-recover=undefined

CORE_SRCS := $(wildcard core/*.c core/os/user/*.c providers/dtrace/*.c \
	       providers/profile/*.c)
USER_SRCS := $(filter-out user/dtrace.c,$(wildcard user/*.c))
GEN_SRCS  := $(if $(wildcard user/dt_grammar.y),$(BUILD)/gen/dt_grammar.tab.c) \
	     $(if $(wildcard user/dt_lex.l),$(BUILD)/gen/dt_lex.c)
VMT_SRCS  := $(wildcard vmtest/*.c)
UNIT_SRCS := $(wildcard test/unit/test_*.c)
FUZZ_SRCS := $(wildcard test/fuzz/fuzz_*.c)
BENCH_SRCS := $(wildcard bench/bench_*.c)
TRIG_SRCS := $(wildcard test/triggers/*.c)

# Objects are products, not intermediates: keep them between runs.
.SECONDARY:

obj = $(patsubst %.c,$(BUILD)/$(1)/%.o,$(2))

CORE_OBJS := $(call obj,o,$(CORE_SRCS))
USER_OBJS := $(call obj,o,$(USER_SRCS) $(GEN_SRCS))
CORE_SAN  := $(call obj,san,$(CORE_SRCS))
USER_SAN  := $(call obj,san,$(USER_SRCS) $(GEN_SRCS))

DEPS_STAMP := $(BUILD)/.deps-ok

.PHONY: all deps test test-unit test-dsuite test-fuzz test-vm bench module demo clean
all: $(DEPS_STAMP) $(BUILD)/dtrace $(BUILD)/san/dtrace \
     $(if $(VMT_SRCS),$(BUILD)/vmtest) \
     $(patsubst test/unit/%.c,$(BUILD)/test/unit/%,$(UNIT_SRCS)) \
     $(patsubst bench/%.c,$(BUILD)/bench/%,$(BENCH_SRCS)) \
     $(patsubst test/triggers/%.c,$(BUILD)/triggers/%,$(TRIG_SRCS))

deps $(DEPS_STAMP): .ci/install-deps
	bash .ci/install-deps
	@mkdir -p $(BUILD) && touch $(DEPS_STAMP)

$(BUILD)/gen/dt_grammar.tab.c: user/dt_grammar.y | $(DEPS_STAMP)
	@mkdir -p $(@D)
	bison -Wall -Werror -d -o $@ $<
$(BUILD)/gen/dt_grammar.tab.h: $(BUILD)/gen/dt_grammar.tab.c
$(BUILD)/gen/dt_lex.c: user/dt_lex.l $(BUILD)/gen/dt_grammar.tab.h | $(DEPS_STAMP)
	@mkdir -p $(@D)
	flex -o $@ $<

# Generated sources compile with fewer warnings (flex's output is not ours).
$(BUILD)/o/$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Iuser -Wno-sign-compare -Wno-unused-function -c -o $@ $<
$(BUILD)/san/$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(SANFLAGS) -Iuser -Wno-sign-compare -Wno-unused-function -c -o $@ $<

$(BUILD)/o/%.o: %.c | $(DEPS_STAMP) $(GEN_SRCS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<
$(BUILD)/san/%.o: %.c | $(DEPS_STAMP) $(GEN_SRCS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(SANFLAGS) -c -o $@ $<

$(BUILD)/libcore.a: $(CORE_OBJS)
	ar rcs $@ $^
$(BUILD)/libdtrace.a: $(USER_OBJS)
	ar rcs $@ $^
$(BUILD)/san/libcore.a: $(CORE_SAN)
	ar rcs $@ $^
$(BUILD)/san/libdtrace.a: $(USER_SAN)
	ar rcs $@ $^

$(BUILD)/dtrace: $(BUILD)/o/user/dtrace.o $(BUILD)/libdtrace.a $(BUILD)/libcore.a
	$(CC) -o $@ $^ $(LDLIBS)
$(BUILD)/san/dtrace: $(BUILD)/san/user/dtrace.o $(BUILD)/san/libdtrace.a \
		     $(BUILD)/san/libcore.a
	$(CC) $(SANFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/vmtest: $(call obj,o,$(VMT_SRCS))
	$(CC) -o $@ $^ $(LDLIBS)

$(BUILD)/test/unit/%: $(BUILD)/san/test/unit/%.o $(BUILD)/san/libdtrace.a \
		      $(BUILD)/san/libcore.a
	@mkdir -p $(@D)
	$(CC) $(SANFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/bench/%: $(BUILD)/o/bench/%.o $(BUILD)/libdtrace.a $(BUILD)/libcore.a
	@mkdir -p $(@D)
	$(CC) -o $@ $^ $(LDLIBS)

# Fuzzers: clang with libFuzzer, ASan and UBSan, over the same sources.
FUZZ_CFLAGS := -std=gnu11 -D_GNU_SOURCE -I. -Iuser -I$(BUILD)/gen -g -O1 \
	       -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
$(BUILD)/fuzz/%: test/fuzz/%.c $(CORE_SRCS) $(USER_SRCS) $(GEN_SRCS) | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CLANG) $(FUZZ_CFLAGS) -Wno-everything -o $@ $< $(CORE_SRCS) \
		$(USER_SRCS) $(GEN_SRCS) $(LDLIBS)

# Trigger programs: small workloads that make kernel probes fire, run by
# the kernel tests inside guests (the host tree is shared, so they run
# there as built here).
$(BUILD)/triggers/%: test/triggers/%.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $<

# The fuzzers' seed-corpus tool is an ordinary program over the libraries.
$(BUILD)/fuzz/make_dof_corpus: $(BUILD)/o/test/fuzz/make_dof_corpus.o \
			       $(BUILD)/libdtrace.a $(BUILD)/libcore.a
	@mkdir -p $(@D)
	$(CC) -o $@ $^ $(LDLIBS)

test: all
	bash test/run-all

test-unit: all
	bash test/run-all unit
test-dsuite: all
	bash test/run-all dsuite
test-fuzz: all
	bash test/run-all fuzz
test-vm: all
	bash test/run-all vm

bench: all
	bash bench/run-all

# The main job: a real trace.  The host kernel cannot load modules, so it
# boots a Debian 6.1 guest, bare and as a Xen PV dom0, loads dtrace.ko and
# runs the classic one-liners of vmtest/plans/oneliners there, then prints
# what each guest printed.  DEMO_KERNEL and DEMO_HV choose other cells.
DEMO_KERNEL ?= 6.1
DEMO_HV     ?= bare,xen
demo: all
	@results=$(BUILD)/vmtest-results/demo-$$(date -u +%Y%m%d-%H%M%S); \
	$(BUILD)/vmtest run --kernel $(DEMO_KERNEL) --hv $(DEMO_HV) \
		--results $$results -- vmtest/plans/oneliners; rc=$$?; \
	for d in $$results/*/; do \
		[ -f $$d/output.txt ] || continue; \
		echo; echo "======== $$(basename $$d): what the guest printed"; \
		cat $$d/output.txt; \
	done; \
	echo; echo "demo: reports and console logs in $$results"; exit $$rc

# The kernel module: `make module KDIR=/usr/src/linux-headers-<kver>`
# builds $(BUILD)/module/<kver>/dtrace.ko.  Its sources are mirrored there
# as symlinks (core/os/linux/Kbuild says why), dangling ones from deleted
# files are dropped first.
KDIR     ?= /lib/modules/$(shell uname -r)/build
MOD_KVER  = $(shell sed -n 's/^\#define UTS_RELEASE "\(.*\)"/\1/p' \
	      $(KDIR)/include/generated/utsrelease.h 2>/dev/null)
MOD_DIR   = $(BUILD)/module/$(MOD_KVER)
MOD_FILES = $(wildcard core/*.[ch] core/os/linux/*.[ch] providers/*.h \
	    providers/dtrace/*.[ch] providers/profile/*.[ch] \
	    providers/syscall/*.[ch] hv/*.[chS] hv/bare/*.[chS] \
	    hv/xen/*.[chS])

module:
	@test -n "$(MOD_KVER)" || { echo "make module: no kernel build tree" \
	  "at KDIR=$(KDIR): install linux-headers-<version> and pass" \
	  "KDIR=/usr/src/linux-headers-<version>" >&2; exit 1; }
	@mkdir -p $(MOD_DIR)
	@find $(MOD_DIR) -xtype l -delete
	@for f in $(MOD_FILES) core/os/linux/Kbuild; do \
		mkdir -p $(MOD_DIR)/$$(dirname $$f) && \
		ln -sfn $(CURDIR)/$$f $(MOD_DIR)/$$f || exit 1; \
	done
	@ln -sfn $(CURDIR)/core/os/linux/Kbuild $(MOD_DIR)/Kbuild
	$(MAKE) -C $(KDIR) M=$(abspath $(MOD_DIR)) modules
	@echo "make module: $(MOD_DIR)/dtrace.ko"

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
