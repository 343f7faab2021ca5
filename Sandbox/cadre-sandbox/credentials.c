/* What systemd sets on the process before it loads the seccomp filters: a private session keyring
 * (KeyringMode=private), LimitNOFILE=, the working directory, UMask=, the capability bounding set
 * (CapabilityBoundingSet=, AmbientCapabilities=), User= and Group= without supplementary groups,
 * and no_new_privs (NoNewPrivileges=). */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/keyctl.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sandbox.h"

static void drop_bounding_set(void) {
    for (unsigned long capability = 0;; capability++) {
        if (prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) == 0) continue;
        if (errno == EINVAL) break; /* past the last capability this kernel knows */
        die(EXIT_CAPABILITIES, "cannot drop capability %lu from the bounding set: %s", capability, strerror(errno));
    }
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0)
        die(EXIT_CAPABILITIES, "cannot clear the ambient capabilities: %s", strerror(errno));
}

/* Effective, permitted and inheritable sets emptied; a no-op for a user other than root, who lost
 * them with the user switch. */
static void drop_capabilities(void) {
    struct __user_cap_header_struct header = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
    struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {{0}};
    if (syscall(SYS_capset, &header, data) < 0) die(EXIT_CAPABILITIES, "cannot drop capabilities: %s", strerror(errno));
}

/* LimitNOFILE=: soft and hard limit both. Raising the hard limit needs CAP_SYS_RESOURCE, which
 * PID 1 has and a container's root may not: then it stays at the hard limit this process has,
 * and says so. */
static void set_descriptor_limit(rlim_t wanted) {
    struct rlimit limit = {.rlim_cur = wanted, .rlim_max = wanted};
    if (setrlimit(RLIMIT_NOFILE, &limit) == 0) return;
    struct rlimit current;
    if (errno != EPERM || getrlimit(RLIMIT_NOFILE, &current) < 0 || current.rlim_max >= wanted)
        die(EXIT_LIMITS, "cannot set RLIMIT_NOFILE to %llu: %s", (unsigned long long)wanted, strerror(errno));
    limit.rlim_cur = limit.rlim_max = current.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &limit) < 0) die(EXIT_LIMITS, "cannot set RLIMIT_NOFILE: %s", strerror(errno));
    fprintf(stderr, "cadre-sandbox: LimitNOFILE=%llu lowered to this process's hard limit %llu (no CAP_SYS_RESOURCE)\n",
        (unsigned long long)wanted, (unsigned long long)current.rlim_max);
}

void sandbox_set_credentials(const struct sandbox *sandbox) {
    if (sandbox->private_keyring && syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, 0, 0, 0, 0) < 0 && errno != ENOSYS)
        die(EXIT_KEYRING, "cannot join a new session keyring: %s", strerror(errno));
    if (sandbox->limit_nofile > 0) set_descriptor_limit(sandbox->limit_nofile);
    /* A system service starts in the root directory unless WorkingDirectory= says otherwise. */
    if (chdir("/") < 0) die(EXIT_CHDIR, "cannot change to /: %s", strerror(errno));
    umask(sandbox->umask >= 0 ? (mode_t)sandbox->umask : 022);

    if (sandbox->empty_bounding_set) drop_bounding_set();
    if (sandbox->switch_user) {
        if (setgroups(0, NULL) < 0) die(EXIT_GROUP, "cannot drop supplementary groups: %s", strerror(errno));
        if (setresgid(sandbox->gid, sandbox->gid, sandbox->gid) < 0)
            die(EXIT_GROUP, "cannot switch to group %u: %s", (unsigned)sandbox->gid, strerror(errno));
        if (setresuid(sandbox->uid, sandbox->uid, sandbox->uid) < 0)
            die(EXIT_USER, "cannot switch to user %u: %s", (unsigned)sandbox->uid, strerror(errno));
    }
    if (sandbox->empty_bounding_set) drop_capabilities();
    if (sandbox->no_new_privileges && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
        die(EXIT_NO_NEW_PRIVILEGES, "cannot set no_new_privs: %s", strerror(errno));
}
