/* cadre-sandbox: the sandbox systemd builds for a service from its unit, applied without systemd.
 *
 * It runs as root, builds everything in its own process — a private mount namespace with the
 * unit's view of the file system, the other namespaces, limits, user and capabilities,
 * no_new_privs, the seccomp filters — and then execs the command, which keeps its pid: signals
 * sent to it and its exit status are the command's own. Each option is one unit directive;
 * scripts/unit-sandbox reads a unit file and passes them (docs/SYSTEMD.md, "The unit's sandbox
 * without systemd"). A step that fails exits with the status systemd gives the same failure. */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sandbox.h"

_Noreturn void die(int status, const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    fputs("cadre-sandbox: ", stderr);
    vfprintf(stderr, format, arguments);
    fputc('\n', stderr);
    va_end(arguments);
    exit(status);
}

static const struct { const char *name; int number; } errno_names[] = {
    {"EPERM", EPERM}, {"EACCES", EACCES}, {"ENOSYS", ENOSYS}, {"EINVAL", EINVAL},
    {"ENOENT", ENOENT}, {"EROFS", EROFS}, {"EAFNOSUPPORT", EAFNOSUPPORT}, {"EOPNOTSUPP", EOPNOTSUPP},
};

/* SystemCallErrorNumber=: an errno name, or "kill" for the default (kill the process). */
static int parse_errno(const char *text) {
    if (strcmp(text, "kill") == 0) return -1;
    for (size_t i = 0; i < sizeof errno_names / sizeof errno_names[0]; i++)
        if (strcmp(text, errno_names[i].name) == 0) return errno_names[i].number;
    die(EXIT_USAGE, "unknown error number %s (known: EPERM EACCES ENOSYS EINVAL ENOENT EROFS EAFNOSUPPORT EOPNOTSUPP kill)", text);
}

/* "allow:LIST" or "deny:LIST"; returns LIST and sets *allow. */
static const char *parse_list(const char *option, const char *text, bool *allow) {
    if (strncmp(text, "allow:", 6) == 0) {
        *allow = true;
        return text + 6;
    }
    if (strncmp(text, "deny:", 5) == 0) {
        *allow = false;
        return text + 5;
    }
    die(EXIT_USAGE, "--%s takes allow:LIST or deny:LIST, not %s", option, text);
}

static unsigned long parse_number(const char *option, const char *text, int base) {
    char *end = NULL;
    errno = 0;
    unsigned long value = strtoul(text, &end, base);
    if (errno != 0 || end == text || *end != '\0') die(EXIT_USAGE, "--%s needs a number, not %s", option, text);
    return value;
}

static void add_path(struct sandbox *sandbox, const char *path, enum path_kind kind) {
    if (sandbox->path_count == MAXIMUM_PATHS) die(EXIT_USAGE, "more than %d paths", MAXIMUM_PATHS);
    if (path[0] != '/') die(EXIT_USAGE, "%s is not an absolute path", path);
    sandbox->paths[sandbox->path_count++] = (struct path_rule){.path = path, .kind = kind, .fd = -1};
}

static const char usage[] =
    "usage: cadre-sandbox [OPTION]... -- COMMAND [ARGUMENT]...\n"
    "Applies a unit's sandbox in this process, then execs COMMAND (same pid). Root only.\n"
    "  --protect-system=strict --protect-home=yes --private-tmp --private-devices\n"
    "  --protect-kernel-tunables --protect-control-groups --proc=MOUNT-OPTIONS\n"
    "  --read-write=PATH --read-only=PATH --inaccessible=PATH\n"
    "  --private-network --private-ipc --protect-hostname\n"
    "  --umask=OCTAL --limit-nofile=N --private-keyring --user=UID --group=GID\n"
    "  --empty-bounding-set --no-new-privileges\n"
    "  --system-call-filter=allow:NAMES|deny:NAMES --system-call-error-number=ERRNO|kill\n"
    "  --deny-system-calls=NAMES --restrict-address-families=allow:AFS|deny:AFS\n"
    "  --memory-deny-write-execute --restrict-namespaces --restrict-realtime\n"
    "  --restrict-suid-sgid --lock-personality --native-architecture-only\n";

enum {
    OPTION_PROTECT_SYSTEM = 256, OPTION_PROTECT_HOME, OPTION_PRIVATE_TMP, OPTION_PRIVATE_DEVICES,
    OPTION_PROTECT_KERNEL_TUNABLES, OPTION_PROTECT_CONTROL_GROUPS, OPTION_PROC, OPTION_READ_WRITE,
    OPTION_READ_ONLY, OPTION_INACCESSIBLE, OPTION_PRIVATE_NETWORK, OPTION_PRIVATE_IPC,
    OPTION_PROTECT_HOSTNAME, OPTION_UMASK, OPTION_LIMIT_NOFILE, OPTION_PRIVATE_KEYRING, OPTION_USER,
    OPTION_GROUP, OPTION_EMPTY_BOUNDING_SET, OPTION_NO_NEW_PRIVILEGES, OPTION_SYSTEM_CALL_FILTER,
    OPTION_SYSTEM_CALL_ERROR_NUMBER, OPTION_DENY_SYSTEM_CALLS, OPTION_RESTRICT_ADDRESS_FAMILIES,
    OPTION_MEMORY_DENY_WRITE_EXECUTE, OPTION_RESTRICT_NAMESPACES, OPTION_RESTRICT_REALTIME,
    OPTION_RESTRICT_SUID_SGID, OPTION_LOCK_PERSONALITY, OPTION_NATIVE_ARCHITECTURE_ONLY, OPTION_HELP,
};

static const struct option options[] = {
    {"protect-system", required_argument, NULL, OPTION_PROTECT_SYSTEM},
    {"protect-home", required_argument, NULL, OPTION_PROTECT_HOME},
    {"private-tmp", no_argument, NULL, OPTION_PRIVATE_TMP},
    {"private-devices", no_argument, NULL, OPTION_PRIVATE_DEVICES},
    {"protect-kernel-tunables", no_argument, NULL, OPTION_PROTECT_KERNEL_TUNABLES},
    {"protect-control-groups", no_argument, NULL, OPTION_PROTECT_CONTROL_GROUPS},
    {"proc", required_argument, NULL, OPTION_PROC},
    {"read-write", required_argument, NULL, OPTION_READ_WRITE},
    {"read-only", required_argument, NULL, OPTION_READ_ONLY},
    {"inaccessible", required_argument, NULL, OPTION_INACCESSIBLE},
    {"private-network", no_argument, NULL, OPTION_PRIVATE_NETWORK},
    {"private-ipc", no_argument, NULL, OPTION_PRIVATE_IPC},
    {"protect-hostname", no_argument, NULL, OPTION_PROTECT_HOSTNAME},
    {"umask", required_argument, NULL, OPTION_UMASK},
    {"limit-nofile", required_argument, NULL, OPTION_LIMIT_NOFILE},
    {"private-keyring", no_argument, NULL, OPTION_PRIVATE_KEYRING},
    {"user", required_argument, NULL, OPTION_USER},
    {"group", required_argument, NULL, OPTION_GROUP},
    {"empty-bounding-set", no_argument, NULL, OPTION_EMPTY_BOUNDING_SET},
    {"no-new-privileges", no_argument, NULL, OPTION_NO_NEW_PRIVILEGES},
    {"system-call-filter", required_argument, NULL, OPTION_SYSTEM_CALL_FILTER},
    {"system-call-error-number", required_argument, NULL, OPTION_SYSTEM_CALL_ERROR_NUMBER},
    {"deny-system-calls", required_argument, NULL, OPTION_DENY_SYSTEM_CALLS},
    {"restrict-address-families", required_argument, NULL, OPTION_RESTRICT_ADDRESS_FAMILIES},
    {"memory-deny-write-execute", no_argument, NULL, OPTION_MEMORY_DENY_WRITE_EXECUTE},
    {"restrict-namespaces", no_argument, NULL, OPTION_RESTRICT_NAMESPACES},
    {"restrict-realtime", no_argument, NULL, OPTION_RESTRICT_REALTIME},
    {"restrict-suid-sgid", no_argument, NULL, OPTION_RESTRICT_SUID_SGID},
    {"lock-personality", no_argument, NULL, OPTION_LOCK_PERSONALITY},
    {"native-architecture-only", no_argument, NULL, OPTION_NATIVE_ARCHITECTURE_ONLY},
    {"help", no_argument, NULL, OPTION_HELP},
    {NULL, 0, NULL, 0},
};

static void parse(int argc, char **argv, struct sandbox *sandbox) {
    int option;
    while ((option = getopt_long(argc, argv, "+", options, NULL)) != -1) {
        switch (option) {
        case OPTION_PROTECT_SYSTEM:
            if (strcmp(optarg, "strict") != 0) die(EXIT_USAGE, "only --protect-system=strict is emulated");
            sandbox->protect_system_strict = true;
            break;
        case OPTION_PROTECT_HOME:
            if (strcmp(optarg, "yes") != 0) die(EXIT_USAGE, "only --protect-home=yes is emulated");
            sandbox->protect_home = true;
            break;
        case OPTION_PRIVATE_TMP: sandbox->private_tmp = true; break;
        case OPTION_PRIVATE_DEVICES: sandbox->private_devices = true; break;
        case OPTION_PROTECT_KERNEL_TUNABLES: sandbox->protect_kernel_tunables = true; break;
        case OPTION_PROTECT_CONTROL_GROUPS: sandbox->protect_control_groups = true; break;
        case OPTION_PROC: sandbox->proc_options = optarg; break;
        case OPTION_READ_WRITE: add_path(sandbox, optarg, PATH_READ_WRITE); break;
        case OPTION_READ_ONLY: add_path(sandbox, optarg, PATH_READ_ONLY); break;
        case OPTION_INACCESSIBLE: add_path(sandbox, optarg, PATH_INACCESSIBLE); break;
        case OPTION_PRIVATE_NETWORK: sandbox->private_network = true; break;
        case OPTION_PRIVATE_IPC: sandbox->private_ipc = true; break;
        case OPTION_PROTECT_HOSTNAME: sandbox->protect_hostname = true; break;
        case OPTION_UMASK: sandbox->umask = (int)parse_number("umask", optarg, 8); break;
        case OPTION_LIMIT_NOFILE: sandbox->limit_nofile = parse_number("limit-nofile", optarg, 10); break;
        case OPTION_PRIVATE_KEYRING: sandbox->private_keyring = true; break;
        case OPTION_USER:
            sandbox->uid = (uid_t)parse_number("user", optarg, 10);
            sandbox->switch_user = true;
            break;
        case OPTION_GROUP: sandbox->gid = (gid_t)parse_number("group", optarg, 10); break;
        case OPTION_EMPTY_BOUNDING_SET: sandbox->empty_bounding_set = true; break;
        case OPTION_NO_NEW_PRIVILEGES: sandbox->no_new_privileges = true; break;
        case OPTION_SYSTEM_CALL_FILTER:
            sandbox->system_call_filter = parse_list("system-call-filter", optarg, &sandbox->system_call_allow_list);
            break;
        case OPTION_SYSTEM_CALL_ERROR_NUMBER: sandbox->system_call_errno = parse_errno(optarg); break;
        case OPTION_DENY_SYSTEM_CALLS:
            if (sandbox->deny_list_count == MAXIMUM_DENY_LISTS) die(EXIT_USAGE, "too many --deny-system-calls");
            sandbox->deny_lists[sandbox->deny_list_count++] = optarg;
            break;
        case OPTION_RESTRICT_ADDRESS_FAMILIES:
            sandbox->address_families =
                parse_list("restrict-address-families", optarg, &sandbox->address_families_allow_list);
            break;
        case OPTION_MEMORY_DENY_WRITE_EXECUTE: sandbox->memory_deny_write_execute = true; break;
        case OPTION_RESTRICT_NAMESPACES: sandbox->restrict_namespaces = true; break;
        case OPTION_RESTRICT_REALTIME: sandbox->restrict_realtime = true; break;
        case OPTION_RESTRICT_SUID_SGID: sandbox->restrict_suid_sgid = true; break;
        case OPTION_LOCK_PERSONALITY: sandbox->lock_personality = true; break;
        case OPTION_NATIVE_ARCHITECTURE_ONLY: sandbox->native_architecture_only = true; break;
        case OPTION_HELP:
            fputs(usage, stdout);
            exit(0);
        default:
            fputs(usage, stderr);
            exit(EXIT_USAGE);
        }
    }
}

int main(int argc, char **argv) {
    struct sandbox sandbox = {.umask = -1, .system_call_errno = -1};
    parse(argc, argv, &sandbox);
    if (optind >= argc) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    if (geteuid() != 0) die(EXIT_USAGE, "needs root: it builds a mount namespace and switches user");
    if (sandbox.switch_user && sandbox.gid == 0 && sandbox.uid != 0)
        die(EXIT_USAGE, "--user without --group would keep group root");

    sandbox_build_filesystem(&sandbox);
    sandbox_set_credentials(&sandbox);
    sandbox_load_filters(&sandbox);

    execvp(argv[optind], argv + optind);
    die(EXIT_EXEC, "cannot execute %s: %s", argv[optind], strerror(errno));
}
