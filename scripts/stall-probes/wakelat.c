// Low-duty lost-wake-up probe: each pair has a waiter blocked (condvar, contended mutex, eventfd+epoll,
// loopback TCP+epoll) and a waker that sleeps a random 0-20 ms, then makes the thing available and
// stamps the time. The waiter measures how late it woke. The machine stays mostly idle, the way the
// chaos stall happens (all threads idle). Any wake later than 1 s is reported as a stall.
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <stdatomic.h>
#include <unistd.h>
#include <time.h>
#include <errno.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static double start;
static void *all[256]; static int nall;
enum { CONDVAR, MUTEX, EPOLL, TCP, PIMUTEX, PICOND, KINDS };
static const char *names[KINDS] = { "condvar", "mutex", "eventfd+epoll", "tcp+epoll", "pi-mutex", "pi-condvar" };
static _Atomic long count[KINDS], over10ms[KINDS], over100ms[KINDS], over1s[KINDS];
static _Atomic long maxus[KINDS];
static void record(int kind, double late) {
    long us = (long)(late * 1e6);
    atomic_fetch_add(&count[kind], 1);
    if (us > 10000) atomic_fetch_add(&over10ms[kind], 1);
    if (us > 100000) atomic_fetch_add(&over100ms[kind], 1);
    if (us > 1000000) { atomic_fetch_add(&over1s[kind], 1);
        printf("[%.1f] STALL %s woke %.3f s after it was made available\n", now() - start, names[kind], late); fflush(stdout); }
    long m = atomic_load(&maxus[kind]); while (us > m && !atomic_compare_exchange_weak(&maxus[kind], &m, us));
}
static void randsleep(unsigned *r) { *r = *r * 1103515245 + 12345; usleep((*r >> 8) % 20000); }

struct pair;
struct pair { int kind, index; pthread_mutex_t m; pthread_cond_t c; int flag; _Atomic double stamp;
              int efd, ep; int sock[2]; };

static void *waiter(void *arg) {
    struct pair *p = arg; char buf[256];
    for (;;) {
        switch (p->kind) {
        case CONDVAR: case PICOND:
            pthread_mutex_lock(&p->m);
            while (!p->flag) pthread_cond_wait(&p->c, &p->m);
            p->flag = 0; pthread_mutex_unlock(&p->m);
            break;
        case MUTEX: case PIMUTEX: {
            static __thread unsigned r = 99;
            randsleep(&r);
            double began = now();
            pthread_mutex_lock(&p->m);
            double s = atomic_exchange(&p->stamp, 0);
            pthread_mutex_unlock(&p->m);
            if (s > began) record(p->kind, now() - s);
            continue; }
        case EPOLL: case TCP: {
            struct epoll_event ev; int n;
            do n = epoll_wait(p->ep, &ev, 1, -1); while (n < 0 && errno == EINTR);
            if (p->kind == EPOLL) { uint64_t v; if (read(p->efd, &v, 8) < 0) continue; }
            else if (read(p->sock[0], buf, sizeof buf) <= 0) continue;
            break; }
        }
        double s = atomic_exchange(&p->stamp, 0);
        if (s > 0) record(p->kind, now() - s);
    }
    return NULL;
}
static void *waker(void *arg) {
    struct pair *p = arg; unsigned r = 7 + p->index * 31 + p->kind * 1000;
    for (;;) {
        randsleep(&r);
        if (p->kind == MUTEX || p->kind == PIMUTEX) {
            pthread_mutex_lock(&p->m); randsleep(&r);
            atomic_store(&p->stamp, now()); pthread_mutex_unlock(&p->m);
            continue;
        }
        if (atomic_load(&p->stamp) != 0) continue;   // not consumed yet: the latency keeps counting
        atomic_store(&p->stamp, now());
        if (p->kind == CONDVAR || p->kind == PICOND) {
            pthread_mutex_lock(&p->m); p->flag = 1; pthread_cond_signal(&p->c); pthread_mutex_unlock(&p->m);
        } else if (p->kind == EPOLL) {
            uint64_t one = 1; if (write(p->efd, &one, 8) < 0) perror("w");
        } else {
            char m[32] = {0}; if (write(p->sock[1], m, 32) < 0) perror("w");
        }
    }
    return NULL;
}
static int listener; static struct sockaddr_in laddr;
static void tcp_pair(int s[2]) {
    s[1] = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(s[1], (void *)&laddr, sizeof laddr) < 0) { perror("connect"); exit(1); }
    s[0] = accept(listener, NULL, NULL);
    int one = 1; setsockopt(s[1], IPPROTO_TCP, TCP_NODELAY, &one, 4);
}
int main(int argc, char **argv) {
    int seconds = argc > 1 ? atoi(argv[1]) : 60, per = argc > 2 ? atoi(argv[2]) : 4;
    start = now();
    if (getenv("GLOBAL_HASH")) printf("SET_SLOTS 0: %d\n", prctl(78, 1, 0, 0, 0));
    listener = socket(AF_INET, SOCK_STREAM, 0);
    laddr = (struct sockaddr_in){ .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof laddr; bind(listener, (void *)&laddr, len); listen(listener, 64); getsockname(listener, (void *)&laddr, &len);
    for (int k = 0; k < KINDS; k++) for (int i = 0; i < per; i++) {
        struct pair *p = calloc(1, sizeof *p); p->kind = k; p->index = i;
        pthread_mutexattr_t ma; pthread_mutexattr_init(&ma);
        if (k == PIMUTEX || k == PICOND) pthread_mutexattr_setprotocol(&ma, PTHREAD_PRIO_INHERIT);
        pthread_mutex_init(&p->m, &ma); pthread_cond_init(&p->c, NULL);
        p->ep = epoll_create1(0);
        struct epoll_event ev = { .events = EPOLLIN };
        if (k == EPOLL) { p->efd = eventfd(0, EFD_NONBLOCK); epoll_ctl(p->ep, EPOLL_CTL_ADD, p->efd, &ev); }
        if (k == TCP) { tcp_pair(p->sock); epoll_ctl(p->ep, EPOLL_CTL_ADD, p->sock[0], &ev); }
        all[nall++] = p; pthread_t t; pthread_create(&t, NULL, waiter, p); pthread_create(&t, NULL, waker, p);
    }
    printf("futex hash slots: %d, %d pairs per kind\n", prctl(78, 2, 0, 0, 0), per); fflush(stdout);
    for (int s = 0; s < seconds; s += 30) {
        for (int i = 0; i < 30; i++) { sleep(1);
            for (int j = 0; j < nall; j++) { struct pair *q = all[j]; double s = atomic_load(&q->stamp);
                if (s > 0 && now() - s > 1.0) { printf("[%.1f] PENDING %s#%d available for %.2f s, not taken\n", now() - start, names[q->kind], q->index, now() - s); fflush(stdout); } } }
        printf("[%.0f]", now() - start);
        for (int k = 0; k < KINDS; k++) printf(" %s n=%ld >10ms=%ld >100ms=%ld >1s=%ld max=%.1fms;", names[k], atomic_load(&count[k]),
            atomic_load(&over10ms[k]), atomic_load(&over100ms[k]), atomic_load(&over1s[k]), atomic_load(&maxus[k]) / 1000.0);
        printf("\n"); fflush(stdout);
    }
    long total = 0; for (int k = 0; k < KINDS; k++) total += atomic_load(&over1s[k]);
    printf("DONE stalls>1s %ld\n", total);
    return 0;
}
