/*
 * pingpong: the floor under `cadre-bench ping`. A server process echoes a reply to each
 * NUL-terminated request over an AF_UNIX SOCK_STREAM socket bound to a path, and the client
 * times every round trip. Message sizes and framing are those of a varlink Ping call and its
 * reply, so the only difference from cadred's path is what cadred does between read and write.
 *
 *   cc -O2 -o pingpong pingpong.c
 *   pingpong [--count N] [--warmup N] [--socket PATH] [--raw]
 *
 * Prints one JSON line: {"count":N,"p50_us":…,"p99_us":…,"mean_us":…,"min_us":…,"max_us":…};
 * with --raw, every round trip in microseconds first, one a line, in the order measured (so a
 * caller can interleave short runs with its own and pool the samples).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char request[] = "{\"method\":\"io.cadre.Workforce.Ping\",\"parameters\":{}}";
static const char reply[] = "{\"parameters\":{\"message\":\"pong\"}}";

static void die(const char *what) {
    fprintf(stderr, "pingpong: %s: %s\n", what, strerror(errno));
    exit(2);
}

static void send_all(int fd, const char *bytes, size_t length) {
    while (length > 0) {
        ssize_t n = send(fd, bytes, length, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("send");
        }
        bytes += n;
        length -= (size_t)n;
    }
}

/* Reads until a NUL ends a message; returns 0 when the peer hung up first. */
static int read_message(int fd, char *buffer, size_t capacity) {
    size_t have = 0;
    for (;;) {
        ssize_t n = read(fd, buffer + have, capacity - have);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("read");
        }
        if (n == 0) return 0;
        if (memchr(buffer + have, 0, (size_t)n) != NULL) return 1;
        have += (size_t)n;
        if (have == capacity) {
            errno = EMSGSIZE;
            die("read");
        }
    }
}

static void serve(int listener) {
    int fd = accept(listener, NULL, NULL);
    if (fd < 0) die("accept");
    char buffer[4096];
    while (read_message(fd, buffer, sizeof buffer)) send_all(fd, reply, sizeof reply);
    close(fd);
    _exit(0);
}

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Nearest-rank percentile, the same rule cadre-bench uses. */
static double percentile(const double *sorted, long count, double p) {
    long rank = (long)((p / 100.0) * (double)count + 0.999999999);
    if (rank < 1) rank = 1;
    if (rank > count) rank = count;
    return sorted[rank - 1];
}

int main(int argc, char **argv) {
    long count = 20000, warmup = 2000;
    int raw = 0;
    char path[108] = "";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--count") && i + 1 < argc) count = atol(argv[++i]);
        else if (!strcmp(argv[i], "--warmup") && i + 1 < argc) warmup = atol(argv[++i]);
        else if (!strcmp(argv[i], "--socket") && i + 1 < argc) snprintf(path, sizeof path, "%s", argv[++i]);
        else if (!strcmp(argv[i], "--raw")) raw = 1;
        else {
            fprintf(stderr, "usage: pingpong [--count N] [--warmup N] [--socket PATH] [--raw]\n");
            return 64;
        }
    }
    if (count < 1 || warmup < 0) {
        fprintf(stderr, "pingpong: --count must be ≥ 1 and --warmup ≥ 0\n");
        return 64;
    }
    if (path[0] == 0) snprintf(path, sizeof path, "/tmp/pingpong-%d.sock", (int)getpid());

    struct sockaddr_un address = {.sun_family = AF_UNIX};
    snprintf(address.sun_path, sizeof address.sun_path, "%s", path);
    unlink(path);
    int listener = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener < 0) die("socket");
    if (bind(listener, (struct sockaddr *)&address, sizeof address) < 0) die("bind");
    if (listen(listener, 1) < 0) die("listen");

    pid_t server = fork();
    if (server < 0) die("fork");
    if (server == 0) serve(listener);
    close(listener);

    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) die("socket");
    if (connect(fd, (struct sockaddr *)&address, sizeof address) < 0) die("connect");
    unlink(path);

    double *samples = malloc((size_t)count * sizeof *samples);
    if (samples == NULL) die("malloc");
    char buffer[4096];
    for (long i = 0; i < warmup + count; i++) {
        double start = now_us();
        send_all(fd, request, sizeof request);
        if (!read_message(fd, buffer, sizeof buffer)) {
            fprintf(stderr, "pingpong: the server hung up\n");
            return 2;
        }
        if (i >= warmup) samples[i - warmup] = now_us() - start;
    }
    close(fd);
    int status = 0;
    waitpid(server, &status, 0);

    double sum = 0;
    for (long i = 0; i < count; i++) {
        sum += samples[i];
        if (raw) printf("%.3f\n", samples[i]);
    }
    qsort(samples, (size_t)count, sizeof *samples, compare);
    printf("{\"count\":%ld,\"p50_us\":%.3f,\"p99_us\":%.3f,\"mean_us\":%.3f,\"min_us\":%.3f,\"max_us\":%.3f}\n",
           count, percentile(samples, count, 50), percentile(samples, count, 99), sum / (double)count, samples[0],
           samples[count - 1]);
    free(samples);
    return 0;
}
