/* cadre-sandbox-probe: run in place of the daemon under cadre-sandbox, it tries what the unit's
 * sandbox must refuse and what the daemon must still be allowed, and prints one line per attempt:
 *
 *     NAME <TAB> ok | ERRNO-NAME | VALUE
 *
 * Most attempts are chosen so that the kernel alone would allow them (a call that changes nothing,
 * a path the user could write to): only the sandbox can make them fail, so a failure proves the
 * directive is in force. The integration tests compare the lines with what systemd would give.
 *
 *     cadre-sandbox-probe [--writable DIR]... [--read-only DIR]...      */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static void report(const char *name, long result) {
    if (result < 0) {
        const char *error = strerrorname_np(errno);
        printf("%s\t%s\n", name, error ? error : "error");
    } else {
        printf("%s\tok\n", name);
    }
}

static void report_value(const char *name, const char *value) { printf("%s\t%s\n", name, value); }

static long close_after(long fd) {
    if (fd >= 0) close((int)fd);
    return fd;
}

/* A field of /proc/self/status, such as NoNewPrivs or CapBnd. */
static void status_field(const char *field) {
    FILE *file = fopen("/proc/self/status", "r");
    char line[256];
    size_t length = strlen(field);
    while (file && fgets(line, sizeof line, file)) {
        if (strncmp(line, field, length) == 0 && line[length] == ':') {
            char *value = line + length + 1;
            value += strspn(value, " \t");
            value[strcspn(value, "\n")] = '\0';
            report_value(field, value);
            fclose(file);
            return;
        }
    }
    if (file) fclose(file);
    report_value(field, "absent");
}

static void count_entries(const char *name, const char *path) {
    DIR *directory = opendir(path);
    if (!directory) {
        report(name, -1);
        return;
    }
    int count = 0;
    for (struct dirent *entry; (entry = readdir(directory));)
        if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0) count++;
    closedir(directory);
    char value[32];
    snprintf(value, sizeof value, "%d", count);
    report_value(name, value);
}

static void credentials(void) {
    char value[64];
    snprintf(value, sizeof value, "%u:%u", (unsigned)getuid(), (unsigned)getgid());
    report_value("user", value);
    mode_t mask = umask(0);
    umask(mask);
    snprintf(value, sizeof value, "%04o", (unsigned)mask);
    report_value("umask", value);
    struct rlimit limit;
    getrlimit(RLIMIT_NOFILE, &limit);
    snprintf(value, sizeof value, "%llu", (unsigned long long)limit.rlim_max);
    report_value("nofile", value);
    status_field("NoNewPrivs");
    status_field("Seccomp");
    status_field("CapEff");
    status_field("CapBnd");
}

static void system_calls(const char *scratch) {
    report("socket AF_UNIX", close_after(socket(AF_UNIX, SOCK_STREAM, 0)));
    report("socket AF_INET", close_after(socket(AF_INET, SOCK_STREAM, 0)));
    report("socket AF_INET6", close_after(socket(AF_INET6, SOCK_DGRAM, 0)));
    report("socket AF_NETLINK", close_after(socket(AF_NETLINK, SOCK_RAW, 0)));
    int pair[2];
    report("socketpair AF_UNIX", socketpair(AF_UNIX, SOCK_STREAM, 0, pair));

    void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    report("mmap write+execute", page == MAP_FAILED ? -1 : 0);
    page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    report("mmap write", page == MAP_FAILED ? -1 : 0);
    report("mprotect to execute", page == MAP_FAILED ? -1 : mprotect(page, 4096, PROT_READ | PROT_EXEC));

    /* Each of these changes nothing, which the kernel allows anyone: only a filter refuses them. */
    report("setuid to self", setuid(getuid()));
    struct rlimit core;
    getrlimit(RLIMIT_CORE, &core);
    report("setrlimit (the system call) unchanged", syscall(SYS_setrlimit, RLIMIT_CORE, &core));
    report("prlimit64 unchanged", prlimit(0, RLIMIT_CORE, &core, NULL));
    errno = 0;
    int nice = getpriority(PRIO_PROCESS, 0);
    report("setpriority unchanged", errno ? -1 : setpriority(PRIO_PROCESS, 0, nice));
    cpu_set_t cpus;
    report("sched_setaffinity unchanged",
        sched_getaffinity(0, sizeof cpus, &cpus) < 0 ? -1 : sched_setaffinity(0, sizeof cpus, &cpus));
    report("personality PER_LINUX32", personality(PER_LINUX32));
    report("clone3", syscall(SYS_clone3, NULL, 0));
    struct sched_param priority = {.sched_priority = 1};
    report("sched_setscheduler SCHED_FIFO", sched_setscheduler(0, SCHED_FIFO, &priority));
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    report("clock_settime", clock_settime(CLOCK_REALTIME, &now));
    report("sethostname", sethostname("cadre-probe", 11));

    char file[4096];
    snprintf(file, sizeof file, "%s/cadre-probe-file", scratch);
    int fd = open(file, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
    report("create in a writable folder", fd);
    report("fchown to self", fd < 0 ? -1 : fchown(fd, getuid(), getgid()));
    report("chmod set-user-ID", chmod(file, 04700));
    report("chmod plain", chmod(file, 0600));
    if (fd >= 0) close(fd);
    unlink(file);
}

static void file_system(void) {
    count_entries("entries in /tmp", "/tmp");
    count_entries("entries in /var/tmp", "/var/tmp");
    count_entries("list /home", "/home");
    report("stat /proc/1", access("/proc/1", F_OK));
    report("stat /proc/cpuinfo", access("/proc/cpuinfo", F_OK));
    char own[64];
    snprintf(own, sizeof own, "/proc/%d/exe", getpid());
    char target[4096];
    report("readlink own /proc/PID/exe", readlink(own, target, sizeof target));
    report("stat /dev/null", access("/dev/null", F_OK));
    report("stat /dev/kmsg", access("/dev/kmsg", F_OK));
    report("stat /sys/kernel", access("/sys/kernel", F_OK));
}

int main(int argc, char **argv) {
    const char *scratch = "/tmp";
    credentials();
    for (int i = 1; i + 1 < argc; i += 2) {
        char name[4200], file[4096];
        snprintf(file, sizeof file, "%s/cadre-probe-write", argv[i + 1]);
        int fd = open(file, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
        snprintf(name, sizeof name, "write %s", argv[i + 1]);
        report(name, fd);
        if (fd >= 0) {
            close(fd);
            unlink(file);
        }
        if (strcmp(argv[i], "--writable") == 0) scratch = argv[i + 1];
    }
    system_calls(scratch);
    file_system();
    /* Last: were they allowed, the probe would be traced, or in a namespace of its own. */
    report("unshare CLONE_NEWUSER", unshare(CLONE_NEWUSER));
    report("ptrace TRACEME", ptrace(PTRACE_TRACEME, 0, NULL, NULL));
    return 0;
}
