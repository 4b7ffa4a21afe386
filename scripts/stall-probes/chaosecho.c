// The chaos test without our code: an epoll echo server child is kill -9'd and restarted on the same
// port every 0.3-1.5 s while client threads in this process ping-pong 60-byte messages over loopback.
// A reply that takes longer than 5 s while connected is a stall: reported with ss -tnoi of the port.
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <errno.h>
#include <time.h>
#include <poll.h>
#include <spawn.h>
#include <stdatomic.h>
#include <sys/wait.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
extern char **environ;
static int port; static char *self; static _Atomic pid_t server; static atomic_long stalls, replies, kills;
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static double start; static int pause_us;

static int serve(void) {
    int l = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), one = 1;
    setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    if (bind(l, (void *)&a, sizeof a) < 0) return 3;
    listen(l, 128);
    int ep = epoll_create1(0);
    struct epoll_event ev = { .events = EPOLLIN, .data.fd = l }; epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev);
    printf("ready\n"); fflush(stdout);
    char buf[4096];
    for (;;) {
        struct epoll_event evs[64]; int n = epoll_wait(ep, evs, 64, -1);
        for (int i = 0; i < n; i++) {
            int fd = evs[i].data.fd;
            if (fd == l) { int c; while ((c = accept4(l, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                struct epoll_event e = { .events = EPOLLIN, .data.fd = c }; epoll_ctl(ep, EPOLL_CTL_ADD, c, &e); } continue; }
            ssize_t got = read(fd, buf, sizeof buf);
            if (got <= 0) { if (got < 0 && errno == EAGAIN) continue; close(fd); continue; }
            if (write(fd, buf, got) < 0) { close(fd); }
        }
    }
}
static void spawn_server(void) {
    for (;;) {
        pid_t pid; char ps[16]; snprintf(ps, sizeof ps, "%d", port);
        char *argv[] = { self, "server", ps, NULL };
        int fds[2]; pipe(fds);
        posix_spawn_file_actions_t fa; posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_adddup2(&fa, fds[1], 1); posix_spawn_file_actions_addclose(&fa, fds[0]);
        posix_spawn(&pid, self, &fa, NULL, argv, environ);
        close(fds[1]); char b[8]; ssize_t r = read(fds[0], b, sizeof b); close(fds[0]);
        if (r > 0) { atomic_store(&server, pid); return; }
        waitpid(pid, NULL, 0); usleep(50000);
    }
}
static void report(int id, double waited) {
    printf("[%.1f] STALL client %d: no reply for %.1f s\n", now() - start, id, waited);
    char cmd[128]; snprintf(cmd, sizeof cmd, "ss -tnoi '( sport = :%d or dport = :%d )' | head -40", port, port);
    fflush(stdout); system(cmd); fflush(stdout);
}
static void *client(void *arg) {
    int id = (int)(long)arg, fd = -1; unsigned seed = id * 7 + 1; char msg[60]; memset(msg, 'a' + id, sizeof msg); char buf[4096];
    for (;;) {
        if (fd < 0) {
            fd = socket(AF_INET, SOCK_STREAM, 0);
            struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
            if (connect(fd, (void *)&a, sizeof a) < 0) { close(fd); fd = -1; usleep(50000); continue; }
        }
        if (write(fd, msg, sizeof msg) != sizeof msg) { close(fd); fd = -1; continue; }
        size_t have = 0; double sent = now(); int reported = 0;
        while (have < sizeof msg) {
            struct pollfd p = { .fd = fd, .events = POLLIN };
            int r = poll(&p, 1, 5000);
            if (r == 0) { if (!reported) { atomic_fetch_add(&stalls, 1); report(id, now() - sent); reported = 1; } continue; }
            ssize_t got = read(fd, buf, sizeof buf);
            if (got <= 0) { close(fd); fd = -1; break; }
            have += got;
        }
        if (reported) { printf("[%.1f] client %d resumed after %.1f s\n", now() - start, id, now() - sent); fflush(stdout); }
        if (fd >= 0) atomic_fetch_add(&replies, 1);
        if (pause_us) usleep(rand_r(&seed) % pause_us);
    }
    return NULL;
}
int main(int argc, char **argv) {
    self = argv[0];
    if (getenv("GLOBAL_HASH")) prctl(78, 1, 0, 0, 0);
    if (argc > 2 && strcmp(argv[1], "server") == 0) { port = atoi(argv[2]); return serve(); }
    int seconds = argc > 1 ? atoi(argv[1]) : 60, nclients = argc > 2 ? atoi(argv[2]) : 4; pause_us = argc > 3 ? atoi(argv[3]) : 0;
    port = 20000 + getpid() % 20000; start = now();
    spawn_server();
    pthread_t t; for (long i = 0; i < nclients; i++) pthread_create(&t, NULL, client, (void *)i);
    unsigned r = getpid();
    while (now() - start < seconds) {
        r = r * 1103515245 + 12345; usleep(300000 + (r >> 8) % 1200000);
        pid_t s = atomic_load(&server); kill(s, SIGKILL); waitpid(s, NULL, 0); atomic_fetch_add(&kills, 1);
        usleep((r >> 4) % 300000);
        spawn_server();
        if (atomic_load(&kills) % 20 == 0) { printf("[%.0f] kills %ld replies %ld stalls %ld\n", now() - start, atomic_load(&kills), atomic_load(&replies), atomic_load(&stalls)); fflush(stdout); }
    }
    kill(atomic_load(&server), SIGKILL);
    printf("DONE kills %ld replies %ld stalls %ld\n", atomic_load(&kills), atomic_load(&replies), atomic_load(&stalls));
    return 0;
}
