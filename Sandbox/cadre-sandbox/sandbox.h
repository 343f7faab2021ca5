#ifndef CADRE_SANDBOX_H
#define CADRE_SANDBOX_H

#include <stdbool.h>
#include <sys/resource.h>
#include <sys/types.h>

/* systemd's exit statuses for a service that fails before its ExecStart= runs
 * (systemd.exec(5), "Process Exit Codes"), so a failed step reads the same as under systemd. */
enum {
    EXIT_USAGE = 2,
    EXIT_CHDIR = 200,
    EXIT_EXEC = 203,
    EXIT_LIMITS = 205,
    EXIT_GROUP = 216,
    EXIT_USER = 217,
    EXIT_CAPABILITIES = 218,
    EXIT_NAMESPACE = 226,
    EXIT_NO_NEW_PRIVILEGES = 227,
    EXIT_SECCOMP = 228,
    EXIT_KEYRING = 237,
};

enum path_kind { PATH_READ_WRITE, PATH_READ_ONLY, PATH_INACCESSIBLE };

struct path_rule {
    const char *path;
    enum path_kind kind;
    int fd; /* O_PATH, opened before anything is mounted over the path's parents */
};

#define MAXIMUM_PATHS 64
#define MAXIMUM_DENY_LISTS 16

/* One field per unit directive this launcher applies; scripts/unit-sandbox fills them from a unit. */
struct sandbox {
    /* The mount namespace. */
    bool protect_system_strict;
    bool protect_home;
    bool private_tmp;
    bool private_devices;
    bool protect_kernel_tunables;
    bool protect_control_groups;
    const char *proc_options; /* a fresh /proc with these options (ProcSubset=, ProtectProc=), or NULL */
    struct path_rule paths[MAXIMUM_PATHS];
    int path_count;

    /* Other namespaces. */
    bool private_network;
    bool private_ipc;
    bool protect_hostname;

    /* The process. */
    int umask;          /* -1: unchanged */
    rlim_t limit_nofile; /* 0: unchanged */
    bool private_keyring;
    bool switch_user;
    uid_t uid;
    gid_t gid;
    bool empty_bounding_set;
    bool no_new_privileges;

    /* seccomp, loaded in systemd's order, the system-call filter last. */
    const char *system_call_filter; /* comma-separated names, already expanded from @groups */
    bool system_call_allow_list;
    int system_call_errno;          /* -1: kill the process */
    const char *deny_lists[MAXIMUM_DENY_LISTS]; /* EPERM filters of ProtectClock= and the like */
    int deny_list_count;
    const char *address_families;   /* comma-separated AF_ names; NULL: unrestricted */
    bool address_families_allow_list;
    bool memory_deny_write_execute;
    bool restrict_namespaces;
    bool restrict_realtime;
    bool restrict_suid_sgid;
    bool lock_personality;
    bool native_architecture_only;
};

_Noreturn void die(int status, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* Enters the new namespaces and builds the unit's view of the file system. */
void sandbox_build_filesystem(struct sandbox *sandbox);

/* Keyring, limits, umask, working directory, then user, group, capabilities and no_new_privs. */
void sandbox_set_credentials(const struct sandbox *sandbox);

/* The seccomp filters, in the order systemd installs them. */
void sandbox_load_filters(const struct sandbox *sandbox);

#endif
