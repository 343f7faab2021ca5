/* The unit's view of the file system, in a mount namespace of this process, built in the order of
 * systemd's namespace.c: the whole tree read-only (ProtectSystem=strict) but for the API file
 * systems, private /tmp and /var/tmp, /home, /root and /run/user empty and inaccessible
 * (ProtectHome=yes), the unit's paths bound back writable or read-only, a /dev of pseudo devices,
 * and a fresh /proc mounted with the unit's options (ProcSubset=, ProtectProc=). Mounts stay in
 * the namespace: the host sees none of them. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "sandbox.h"

static void set_read_only(const char *path, bool read_only, bool recursive) {
    struct mount_attr attributes = {0};
    if (read_only)
        attributes.attr_set = MOUNT_ATTR_RDONLY;
    else
        attributes.attr_clr = MOUNT_ATTR_RDONLY;
    if (mount_setattr(AT_FDCWD, path, recursive ? AT_RECURSIVE : 0, &attributes, sizeof attributes) < 0)
        die(EXIT_NAMESPACE, "cannot make %s %s (mount_setattr needs Linux 5.12): %s", path,
            read_only ? "read-only" : "writable", strerror(errno));
}

static void mount_or_die(const char *source, const char *target, const char *type, unsigned long flags, const char *data) {
    if (mount(source, target, type, flags, data) < 0)
        die(EXIT_NAMESPACE, "cannot mount %s on %s: %s", source ? source : type, target, strerror(errno));
}

static bool is_directory(const char *path) {
    struct stat status;
    return stat(path, &status) == 0 && S_ISDIR(status.st_mode);
}

/* Whether PATH is the root of a mount: only then does a mount attribute set on it stay on it. */
static bool is_mount_point(const char *path) {
    struct statx status;
    return statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &status) == 0
        && (status.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT) && (status.stx_attributes & STATX_ATTR_MOUNT_ROOT);
}

/* mkdir -p, for mount points inside the namespace's own tmpfs mounts. */
static void make_directories(const char *path) {
    char buffer[4096];
    if (strlen(path) >= sizeof buffer) die(EXIT_NAMESPACE, "path too long: %s", path);
    strcpy(buffer, path);
    for (char *slash = buffer + 1; *slash; slash++) {
        if (*slash != '/') continue;
        *slash = '\0';
        if (mkdir(buffer, 0755) < 0 && errno != EEXIST) die(EXIT_NAMESPACE, "cannot create %s: %s", buffer, strerror(errno));
        *slash = '/';
    }
    if (mkdir(buffer, 0755) < 0 && errno != EEXIST) die(EXIT_NAMESPACE, "cannot create %s: %s", buffer, strerror(errno));
}

/* An empty directory nobody but root with capabilities may enter, as systemd's inaccessible
 * nodes are. Left writable until the path rules below it have their mount points. */
static void mount_inaccessible(const char *path) {
    mount_or_die("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=000,size=4k");
}

static int compare_paths(const void *left, const void *right) {
    return strcmp(((const struct path_rule *)left)->path, ((const struct path_rule *)right)->path);
}

/* The unit's paths, bound back onto themselves from descriptors opened before anything covered
 * them, parents before children. */
static void apply_path_rules(struct sandbox *sandbox) {
    qsort(sandbox->paths, (size_t)sandbox->path_count, sizeof sandbox->paths[0], compare_paths);
    for (int i = 0; i < sandbox->path_count; i++) {
        struct path_rule *rule = &sandbox->paths[i];
        if (rule->kind == PATH_INACCESSIBLE) {
            struct stat status;
            if (lstat(rule->path, &status) < 0) continue; /* systemd skips a missing path given with "-" */
            if (!S_ISDIR(status.st_mode)) die(EXIT_NAMESPACE, "%s: only directories are made inaccessible here", rule->path);
            mount_inaccessible(rule->path);
            continue;
        }
        char source[64];
        snprintf(source, sizeof source, "/proc/self/fd/%d", rule->fd);
        make_directories(rule->path);
        mount_or_die(source, rule->path, NULL, MS_BIND | MS_REC, NULL);
        set_read_only(rule->path, rule->kind == PATH_READ_ONLY, true);
        close(rule->fd);
    }
    for (int i = 0; i < sandbox->path_count; i++)
        if (sandbox->paths[i].kind == PATH_INACCESSIBLE && is_directory(sandbox->paths[i].path))
            set_read_only(sandbox->paths[i].path, true, false);
}

static const char *const pseudo_devices[] = {"null", "zero", "full", "random", "urandom", "tty"};

/* PrivateDevices=yes: a tmpfs /dev holding the pseudo devices, /dev/pts and /dev/shm of the host,
 * and the usual symbolic links; no disk, no /dev/kmsg, no /dev/mem. */
static void mount_private_devices(void) {
    int pts = open("/dev/pts", O_PATH | O_CLOEXEC | O_DIRECTORY);
    int shm = open("/dev/shm", O_PATH | O_CLOEXEC | O_DIRECTORY);
    struct stat nodes[sizeof pseudo_devices / sizeof pseudo_devices[0]];
    bool present[sizeof pseudo_devices / sizeof pseudo_devices[0]];
    for (size_t i = 0; i < sizeof pseudo_devices / sizeof pseudo_devices[0]; i++) {
        char path[64];
        snprintf(path, sizeof path, "/dev/%s", pseudo_devices[i]);
        present[i] = stat(path, &nodes[i]) == 0 && S_ISCHR(nodes[i].st_mode);
    }
    mount_or_die("tmpfs", "/dev", "tmpfs", MS_NOSUID | MS_NOEXEC | MS_STRICTATIME, "mode=0755,size=4m");
    for (size_t i = 0; i < sizeof pseudo_devices / sizeof pseudo_devices[0]; i++) {
        if (!present[i]) continue;
        char path[64];
        snprintf(path, sizeof path, "/dev/%s", pseudo_devices[i]);
        if (mknod(path, S_IFCHR | (nodes[i].st_mode & 07777), nodes[i].st_rdev) < 0)
            die(EXIT_NAMESPACE, "cannot create %s: %s", path, strerror(errno));
    }
    const char *const links[][2] = {
        {"/proc/self/fd", "/dev/fd"}, {"/proc/self/fd/0", "/dev/stdin"},
        {"/proc/self/fd/1", "/dev/stdout"}, {"/proc/self/fd/2", "/dev/stderr"}, {"pts/ptmx", "/dev/ptmx"},
    };
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++)
        if (symlink(links[i][0], links[i][1]) < 0) die(EXIT_NAMESPACE, "cannot link %s: %s", links[i][1], strerror(errno));
    const struct { int fd; const char *path; } binds[] = {{pts, "/dev/pts"}, {shm, "/dev/shm"}};
    for (size_t i = 0; i < sizeof binds / sizeof binds[0]; i++) {
        if (binds[i].fd < 0) continue;
        char source[64];
        snprintf(source, sizeof source, "/proc/self/fd/%d", binds[i].fd);
        make_directories(binds[i].path);
        mount_or_die(source, binds[i].path, NULL, MS_BIND | MS_REC, NULL);
        close(binds[i].fd);
    }
}

void sandbox_build_filesystem(struct sandbox *sandbox) {
    int flags = CLONE_NEWNS;
    if (sandbox->private_network) flags |= CLONE_NEWNET;
    if (sandbox->private_ipc) flags |= CLONE_NEWIPC;
    if (sandbox->protect_hostname) flags |= CLONE_NEWUTS;
    if (unshare(flags) < 0) die(EXIT_NAMESPACE, "cannot enter new namespaces: %s", strerror(errno));
    /* As systemd does: the host's later mounts still propagate in, none of ours propagate out. */
    mount_or_die(NULL, "/", NULL, MS_SLAVE | MS_REC, NULL);
    umask(0);
    /* Opened in the new namespace (a bind takes its source from the same namespace only), before
     * anything covers them. */
    for (int i = 0; i < sandbox->path_count; i++) {
        struct path_rule *rule = &sandbox->paths[i];
        if (rule->kind == PATH_INACCESSIBLE) continue;
        rule->fd = open(rule->path, O_PATH | O_CLOEXEC);
        if (rule->fd < 0) die(EXIT_NAMESPACE, "cannot open %s: %s", rule->path, strerror(errno));
    }

    if (sandbox->protect_system_strict) {
        set_read_only("/", true, true);
        /* The API file systems stay writable; the Protect*= options below narrow them. */
        const char *const api[] = {"/dev", "/proc", "/sys"};
        for (size_t i = 0; i < sizeof api / sizeof api[0]; i++)
            if (is_mount_point(api[i])) set_read_only(api[i], false, true);
    }
    if (sandbox->protect_kernel_tunables) {
        if (is_mount_point("/sys")) set_read_only("/sys", true, true);
        if (is_directory("/proc/sys")) {
            mount_or_die("/proc/sys", "/proc/sys", NULL, MS_BIND | MS_REC, NULL);
            set_read_only("/proc/sys", true, true);
        }
    }
    if (sandbox->protect_control_groups && is_mount_point("/sys/fs/cgroup")) set_read_only("/sys/fs/cgroup", true, true);
    if (sandbox->private_tmp) {
        mount_or_die("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=01777");
        if (is_directory("/var/tmp")) mount_or_die("tmpfs", "/var/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=01777");
    }
    if (sandbox->protect_home) {
        const char *const homes[] = {"/home", "/root", "/run/user"};
        for (size_t i = 0; i < sizeof homes / sizeof homes[0]; i++) {
            if (!is_directory(homes[i])) continue;
            if (sandbox->path_count == MAXIMUM_PATHS) die(EXIT_USAGE, "more than %d paths", MAXIMUM_PATHS);
            sandbox->paths[sandbox->path_count++] = (struct path_rule){.path = homes[i], .kind = PATH_INACCESSIBLE, .fd = -1};
        }
    }
    apply_path_rules(sandbox);
    if (sandbox->private_devices) mount_private_devices();
    if (sandbox->proc_options) {
        /* Last: the binds above name their sources through the host's /proc/self/fd. */
        mount_or_die("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, sandbox->proc_options);
    }
}
