/* The seccomp filters systemd installs for a unit, one filter per directive and in the order of
 * its exec-invoke.c, the system-call filter last so that everything before it runs unfiltered.
 * Rules and errors follow systemd's seccomp-util.c: RestrictAddressFamilies= answers socket()
 * with EAFNOSUPPORT, MemoryDenyWriteExecute= refuses writable+executable mmap() and any
 * mprotect() to executable with EPERM, RestrictNamespaces= answers clone3() with ENOSYS so that
 * glibc falls back to clone(), whose flags it can inspect. When the kernel has PR_SET_MDWE
 * (Linux 6.3), systemd 254 and later use it instead of the seccomp rules; both are applied here,
 * so whatever runs here runs under either. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "sandbox.h"

#ifndef PR_SET_MDWE
#define PR_SET_MDWE 65
#define PR_MDWE_REFUSE_EXEC_GAIN (1UL << 0)
#endif
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

static scmp_filter_ctx new_filter(uint32_t default_action) {
    scmp_filter_ctx filter = seccomp_init(default_action);
    if (!filter) die(EXIT_SECCOMP, "seccomp_init failed");
    /* no_new_privs is set beforehand (NoNewPrivileges=); other architectures are left to the
     * architecture filter, as systemd leaves them. */
    if (seccomp_attr_set(filter, SCMP_FLTATR_CTL_NNP, 0) < 0 || seccomp_attr_set(filter, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_ALLOW) < 0)
        die(EXIT_SECCOMP, "seccomp_attr_set failed");
    return filter;
}

static void load(scmp_filter_ctx filter, const char *directive) {
    int result = seccomp_load(filter);
    seccomp_release(filter);
    if (result < 0) die(EXIT_SECCOMP, "cannot load the %s filter: %s", directive, strerror(-result));
}

static void rule(scmp_filter_ctx filter, uint32_t action, int number, unsigned count, struct scmp_arg_cmp first, struct scmp_arg_cmp second) {
    int result = count == 0 ? seccomp_rule_add_exact(filter, action, number, 0)
        : count == 1        ? seccomp_rule_add_exact(filter, action, number, 1, first)
                            : seccomp_rule_add_exact(filter, action, number, 2, first, second);
    /* A system call this architecture does not have is fine (systemd ignores -EDOM as well). */
    if (result < 0 && result != -EDOM) {
        char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, number);
        die(EXIT_SECCOMP, "cannot add a rule for %s: %s", name ? name : "?", strerror(-result));
    }
}

#define NONE ((struct scmp_arg_cmp){0})

/* Calls `each` for every name of a comma-separated list. */
static void for_each_name(const char *list, void (*each)(const char *name, void *context), void *context) {
    char *copy = strdup(list);
    if (!copy) die(EXIT_SECCOMP, "out of memory");
    for (char *saved = NULL, *name = strtok_r(copy, ",", &saved); name; name = strtok_r(NULL, ",", &saved)) each(name, context);
    free(copy);
}

struct names_context {
    scmp_filter_ctx filter;
    uint32_t action;
};

static void add_name(const char *name, void *context) {
    struct names_context *names = context;
    int number = seccomp_syscall_resolve_name(name);
    if (number == __NR_SCMP_ERROR) return; /* unknown to this libseccomp: systemd skips it as well */
    rule(names->filter, names->action, number, 0, NONE, NONE);
}

static uint32_t refusal(int error_number) { return error_number < 0 ? SCMP_ACT_KILL_PROCESS : SCMP_ACT_ERRNO((uint32_t)error_number); }

/* SystemCallFilter= with SystemCallErrorNumber=: an allow list refuses everything else. */
static void load_system_call_filter(const struct sandbox *sandbox) {
    uint32_t refuse = refusal(sandbox->system_call_errno);
    struct names_context names = {
        .filter = new_filter(sandbox->system_call_allow_list ? refuse : SCMP_ACT_ALLOW),
        .action = sandbox->system_call_allow_list ? SCMP_ACT_ALLOW : refuse,
    };
    for_each_name(sandbox->system_call_filter, add_name, &names);
    load(names.filter, "SystemCallFilter=");
}

/* ProtectClock=, ProtectKernelModules=, PrivateDevices= (@raw-io), ProtectKernelLogs= (syslog),
 * ProtectKernelTunables= (_sysctl), ProtectHostname=: each a filter refusing its calls with EPERM. */
static void load_deny_list(const char *list) {
    struct names_context names = {.filter = new_filter(SCMP_ACT_ALLOW), .action = SCMP_ACT_ERRNO(EPERM)};
    for_each_name(list, add_name, &names);
    load(names.filter, "deny-list");
}

static const struct { const char *name; int family; } families[] = {
    {"AF_UNIX", AF_UNIX}, {"AF_LOCAL", AF_LOCAL}, {"AF_INET", AF_INET}, {"AF_INET6", AF_INET6},
    {"AF_NETLINK", AF_NETLINK}, {"AF_PACKET", AF_PACKET}, {"AF_VSOCK", AF_VSOCK}, {"AF_ALG", AF_ALG},
    {"AF_BLUETOOTH", AF_BLUETOOTH}, {"AF_CAN", AF_CAN}, {"AF_XDP", AF_XDP},
};

static void add_family(const char *name, void *context) {
    bool *listed = context;
    for (size_t i = 0; i < sizeof families / sizeof families[0]; i++) {
        if (strcmp(name, families[i].name) == 0) {
            listed[families[i].family] = true;
            return;
        }
    }
    if (strcmp(name, "none") != 0) die(EXIT_USAGE, "unknown address family %s", name);
}

/* RestrictAddressFamilies=: socket() with a family outside the allow list (or inside the deny
 * list) fails with EAFNOSUPPORT. socketpair() is not filtered, as under systemd. */
static void load_address_families(const struct sandbox *sandbox) {
    bool listed[AF_MAX] = {false};
    for_each_name(sandbox->address_families, add_family, listed);
    scmp_filter_ctx filter = new_filter(SCMP_ACT_ALLOW);
    uint32_t refuse = SCMP_ACT_ERRNO(EAFNOSUPPORT);
    if (sandbox->address_families_allow_list) {
        int first = 0, last = 0;
        for (int family = 1; family < AF_MAX; family++) {
            if (!listed[family]) continue;
            if (first == 0) first = family;
            last = family;
        }
        if (first == 0) {
            rule(filter, refuse, SCMP_SYS(socket), 0, NONE, NONE);
        } else {
            rule(filter, refuse, SCMP_SYS(socket), 1, SCMP_A0(SCMP_CMP_LT, (scmp_datum_t)first, 0), NONE);
            rule(filter, refuse, SCMP_SYS(socket), 1, SCMP_A0(SCMP_CMP_GT, (scmp_datum_t)last, 0), NONE);
            for (int family = first + 1; family < last; family++)
                if (!listed[family]) rule(filter, refuse, SCMP_SYS(socket), 1, SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)family, 0), NONE);
        }
    } else {
        for (int family = 1; family < AF_MAX; family++)
            if (listed[family]) rule(filter, refuse, SCMP_SYS(socket), 1, SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)family, 0), NONE);
    }
    load(filter, "RestrictAddressFamilies=");
}

static void load_memory_deny_write_execute(void) {
    if (prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0) < 0 && errno != EINVAL)
        die(EXIT_SECCOMP, "cannot set PR_SET_MDWE: %s", strerror(errno));
    scmp_filter_ctx filter = new_filter(SCMP_ACT_ALLOW);
    uint32_t refuse = SCMP_ACT_ERRNO(EPERM);
    rule(filter, refuse, SCMP_SYS(mmap), 1, SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC | PROT_WRITE, PROT_EXEC | PROT_WRITE), NONE);
    rule(filter, refuse, SCMP_SYS(mprotect), 1, SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, PROT_EXEC), NONE);
    rule(filter, refuse, SCMP_SYS(pkey_mprotect), 1, SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, PROT_EXEC), NONE);
    rule(filter, refuse, SCMP_SYS(shmat), 1, SCMP_A2(SCMP_CMP_MASKED_EQ, SHM_EXEC, SHM_EXEC), NONE);
    load(filter, "MemoryDenyWriteExecute=");
}

/* RestrictRealtime=: SCHED_OTHER, SCHED_BATCH and SCHED_IDLE only. */
static void load_restrict_realtime(void) {
    scmp_filter_ctx filter = new_filter(SCMP_ACT_ALLOW);
    for (int policy = 0; policy < SCHED_IDLE; policy++)
        if (policy != SCHED_OTHER && policy != SCHED_BATCH)
            rule(filter, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(sched_setscheduler), 1, SCMP_A1(SCMP_CMP_EQ, (scmp_datum_t)policy, 0), NONE);
    rule(filter, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(sched_setscheduler), 1, SCMP_A1(SCMP_CMP_GT, SCHED_IDLE, 0), NONE);
    load(filter, "RestrictRealtime=");
}

/* RestrictSUIDSGID=: no file created or changed to set-user-ID or set-group-ID. */
static void load_restrict_suid_sgid(void) {
    scmp_filter_ctx filter = new_filter(SCMP_ACT_ALLOW);
    uint32_t refuse = SCMP_ACT_ERRNO(EPERM);
    const scmp_datum_t bits[] = {S_ISUID, S_ISGID};
    for (size_t i = 0; i < 2; i++) {
        scmp_datum_t bit = bits[i];
        rule(filter, refuse, SCMP_SYS(chmod), 1, SCMP_A1(SCMP_CMP_MASKED_EQ, bit, bit), NONE);
        rule(filter, refuse, SCMP_SYS(fchmod), 1, SCMP_A1(SCMP_CMP_MASKED_EQ, bit, bit), NONE);
        rule(filter, refuse, SCMP_SYS(fchmodat), 1, SCMP_A2(SCMP_CMP_MASKED_EQ, bit, bit), NONE);
        rule(filter, refuse, SCMP_SYS(mkdir), 1, SCMP_A1(SCMP_CMP_MASKED_EQ, bit, bit), NONE);
        rule(filter, refuse, SCMP_SYS(mkdirat), 1, SCMP_A2(SCMP_CMP_MASKED_EQ, bit, bit), NONE);
        rule(filter, refuse, SCMP_SYS(mknod), 1, SCMP_A1(SCMP_CMP_MASKED_EQ, bit, bit), NONE);
        rule(filter, refuse, SCMP_SYS(mknodat), 1, SCMP_A2(SCMP_CMP_MASKED_EQ, bit, bit), NONE);
        rule(filter, refuse, SCMP_SYS(creat), 1, SCMP_A1(SCMP_CMP_MASKED_EQ, bit, bit), NONE);
        rule(filter, refuse, SCMP_SYS(open), 2, SCMP_A1(SCMP_CMP_MASKED_EQ, O_CREAT, O_CREAT), SCMP_A2(SCMP_CMP_MASKED_EQ, bit, bit));
        rule(filter, refuse, SCMP_SYS(openat), 2, SCMP_A2(SCMP_CMP_MASKED_EQ, O_CREAT, O_CREAT), SCMP_A3(SCMP_CMP_MASKED_EQ, bit, bit));
    }
    /* openat2() hides its flags behind a pointer: refused as unknown, as systemd does. */
    rule(filter, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(openat2), 0, NONE, NONE);
    load(filter, "RestrictSUIDSGID=");
}

/* RestrictNamespaces=yes: no namespace of any kind. */
static void load_restrict_namespaces(void) {
    scmp_filter_ctx filter = new_filter(SCMP_ACT_ALLOW);
    uint32_t refuse = SCMP_ACT_ERRNO(EPERM);
    rule(filter, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0, NONE, NONE);
    rule(filter, refuse, SCMP_SYS(setns), 0, NONE, NONE);
    const scmp_datum_t kinds[] = {CLONE_NEWCGROUP, CLONE_NEWIPC, CLONE_NEWNET, CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWUSER, CLONE_NEWUTS};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        rule(filter, refuse, SCMP_SYS(unshare), 1, SCMP_A0(SCMP_CMP_MASKED_EQ, kinds[i], kinds[i]), NONE);
        rule(filter, refuse, SCMP_SYS(clone), 1, SCMP_A0(SCMP_CMP_MASKED_EQ, kinds[i], kinds[i]), NONE);
    }
    /* CLONE_NEWTIME shares its bit with clone()'s exit signal: unshare() only. */
    rule(filter, refuse, SCMP_SYS(unshare), 1, SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_NEWTIME, CLONE_NEWTIME), NONE);
    load(filter, "RestrictNamespaces=");
}

/* SystemCallArchitectures=native: a call through another ABI (i386, x32) kills the process. */
static void load_native_architecture_only(void) {
    scmp_filter_ctx filter = seccomp_init(SCMP_ACT_ALLOW);
    if (!filter) die(EXIT_SECCOMP, "seccomp_init failed");
    if (seccomp_attr_set(filter, SCMP_FLTATR_CTL_NNP, 0) < 0 || seccomp_attr_set(filter, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS) < 0)
        die(EXIT_SECCOMP, "seccomp_attr_set failed");
    load(filter, "SystemCallArchitectures=");
}

/* LockPersonality=: the execution domain stays PER_LINUX. */
static void load_lock_personality(void) {
    scmp_filter_ctx filter = new_filter(SCMP_ACT_ALLOW);
    rule(filter, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(personality), 1, SCMP_A0(SCMP_CMP_NE, PER_LINUX, 0), NONE);
    load(filter, "LockPersonality=");
}

void sandbox_load_filters(const struct sandbox *sandbox) {
    bool any = sandbox->address_families || sandbox->memory_deny_write_execute || sandbox->restrict_realtime
        || sandbox->restrict_suid_sgid || sandbox->restrict_namespaces || sandbox->deny_list_count > 0
        || sandbox->native_architecture_only || sandbox->lock_personality || sandbox->system_call_filter;
    if (!any) return;
    /* Loading a filter without CAP_SYS_ADMIN needs no_new_privs; systemd implies it the same way. */
    if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 0 && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
        die(EXIT_NO_NEW_PRIVILEGES, "cannot set no_new_privs: %s", strerror(errno));
    if (sandbox->address_families) load_address_families(sandbox);
    if (sandbox->memory_deny_write_execute) load_memory_deny_write_execute();
    if (sandbox->restrict_realtime) load_restrict_realtime();
    if (sandbox->restrict_suid_sgid) load_restrict_suid_sgid();
    if (sandbox->restrict_namespaces) load_restrict_namespaces();
    for (int i = 0; i < sandbox->deny_list_count; i++) load_deny_list(sandbox->deny_lists[i]);
    if (sandbox->native_architecture_only) load_native_architecture_only();
    if (sandbox->lock_personality) load_lock_personality();
    if (sandbox->system_call_filter) load_system_call_filter(sandbox);
}
