// Lost-wake-up stress: mutex contention, condvar ping-pong, eventfd+epoll ping-pong,
// NIO-like task queue (mutex + eventfd wake), loopback TCP ping-pong; a watchdog
// reports any wait longer than 1 s while what was waited on was available.
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
#include <fcntl.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static int gettid_(void) { return (int)syscall(SYS_gettid); }

#define MAXW 256
struct waiter {
    const char *kind; int index; int tid;
    _Atomic double since;     // >0: waiting since, and what it waits for is available (set by the other side)
    _Atomic long progress;
    int reported;
};
static struct waiter waiters[MAXW];
static atomic_int nwaiters;
static struct waiter *reg(const char *kind, int index) {
    struct waiter *w = &waiters[atomic_fetch_add(&nwaiters, 1)];
    w->kind = kind; w->index = index; w->tid = gettid_();
    return w;
}
static atomic_long incidents;
static double start_time;

static void describe(int tid, char *out, size_t n) {
    char path[64], stat[512] = "", wchan[64] = "";
    snprintf(path, sizeof path, "/proc/self/task/%d/stat", tid);
    FILE *f = fopen(path, "r"); if (f) { if (!fgets(stat, sizeof stat, f)) stat[0] = 0; fclose(f); }
    snprintf(path, sizeof path, "/proc/self/task/%d/wchan", tid);
    f = fopen(path, "r"); if (f) { if (!fgets(wchan, sizeof wchan, f)) wchan[0] = 0; fclose(f); }
    // state is the field after ")", processor is field 39
    char *p = strrchr(stat, ')'); char state = '?'; int cpu = -1;
    if (p) { state = p[2]; int field = 3; char *q = p + 2;
        while (*q && field < 39) { if (*q == ' ') field++; q++; }
        cpu = atoi(q); }
    snprintf(out, n, "state=%c cpu=%d wchan=%s", state, cpu, wchan);
}

static void *watchdog(void *arg) {
    (void)arg;
    for (;;) {
        usleep(100000);
        double t = now();
        for (int i = 0; i < atomic_load(&nwaiters); i++) {
            struct waiter *w = &waiters[i];
            double s = atomic_load(&w->since);
            if (s > 0 && t - s > 1.0 && !w->reported) {
                char d[256]; describe(w->tid, d, sizeof d);
                w->reported = 1; atomic_fetch_add(&incidents, 1);
                printf("[%.1f] STALL %s#%d tid %d waiting %.2f s with the thing available: %s\n",
                       t - start_time, w->kind, w->index, w->tid, t - s, d);
                fflush(stdout);
            } else if (w->reported && (s == 0 || t - s < 1.0)) {
                printf("[%.1f] resumed %s#%d\n", t - start_time, w->kind, w->index); fflush(stdout);
                w->reported = 0;
            }
        }
    }
    return NULL;
}

static void spin(int n) { for (volatile int i = 0; i < n; i++); }

// 1. mutex contention: "available" = the lock is free right now (checked by trylock from the watchdog is intrusive),
// so instead: a thread waiting in lock is stalled if nobody has held it for > 1 s.
static pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;
static struct waiter *mutex_w[16];
static void *mutex_worker(void *arg) {
    int i = (int)(intptr_t)arg;
    struct waiter *w = reg("mutex", i); mutex_w[i] = w;
    unsigned r = i * 7919;
    for (;;) {
        double t = now();
        // availability is established below by watchdog logic via last_release; record start of wait
        atomic_store(&w->since, 0);
        double waitstart = t;
        int rc = pthread_mutex_trylock(&shared_lock);
        if (rc != 0) {
            // blocking lock; mark waiting. Holders hold < 50us; so if waiting > 1s the lock was free most of that time.
            atomic_store(&w->since, waitstart);
            pthread_mutex_lock(&shared_lock);
            atomic_store(&w->since, 0);
        }
        spin(200 + (r % 2000));
        pthread_mutex_unlock(&shared_lock);
        atomic_fetch_add(&w->progress, 1);
        r = r * 1103515245 + 12345;
        if ((r >> 16) % 8 == 0) usleep((r >> 8) % 200);
    }
    return NULL;
}

// 2. condvar ping-pong pairs
struct cvpair { pthread_mutex_t m; pthread_cond_t c; int turn; struct waiter *w[2]; };
struct cvarg { struct cvpair *p; int side; int index; };
static void *cv_worker(void *arg) {
    struct cvarg *a = arg; struct cvpair *p = a->p; int me = a->side;
    struct waiter *w = reg(me ? "condB" : "condA", a->index); p->w[me] = w;
    for (;;) {
        pthread_mutex_lock(&p->m);
        while (p->turn != me) {
            pthread_cond_wait(&p->c, &p->m);
        }
        atomic_store(&w->since, 0);
        p->turn = !me;
        // the other side's wait is now satisfied
        struct waiter *o = p->w[!me]; if (o) atomic_store(&o->since, now());
        pthread_cond_signal(&p->c);
        pthread_mutex_unlock(&p->m);
        atomic_fetch_add(&w->progress, 1);
        if ((atomic_load(&w->progress) & 63) == 0) usleep(50);
    }
    return NULL;
}

// 3. eventfd + epoll ping-pong pairs, each side its own epoll
struct efpair { int efd[2]; int ep[2]; struct waiter *w[2]; };
struct efarg { struct efpair *p; int side; int index; };
static void *ef_worker(void *arg) {
    struct efarg *a = arg; struct efpair *p = a->p; int me = a->side;
    struct waiter *w = reg(me ? "epollB" : "epollA", a->index); p->w[me] = w;
    if (me == 0) { while (!p->w[1]) usleep(1000); atomic_store(&p->w[1]->since, now()); uint64_t one = 1; if (write(p->efd[1], &one, 8) < 0) perror("w"); }
    for (;;) {
        struct epoll_event ev;
        int n = epoll_wait(p->ep[me], &ev, 1, -1);
        if (n < 0) { if (errno == EINTR) continue; perror("epoll_wait"); exit(1); }
        uint64_t v; if (read(p->efd[me], &v, 8) < 0) { if (errno == EAGAIN) continue; perror("read"); }
        atomic_store(&w->since, 0);
        atomic_fetch_add(&w->progress, 1);
        if ((atomic_load(&w->progress) & 127) == 0) usleep(100);
        struct waiter *o = p->w[!me]; atomic_store(&o->since, now());
        uint64_t one = 1; if (write(p->efd[!me], &one, 8) < 0) perror("write");
    }
    return NULL;
}

// 4. NIO-like: producers push tasks under a lock and wake the loop via eventfd if it may sleep
struct loopq { pthread_mutex_t m; int pending; int efd, ep; _Atomic int awake; struct waiter *loopw; };
static struct loopq loops[2];
static void *loop_thread(void *arg) {
    int i = (int)(intptr_t)arg; struct loopq *q = &loops[i];
    q->loopw = reg("nioloop", i);
    for (;;) {
        atomic_store(&q->awake, 0);
        pthread_mutex_lock(&q->m); int has = q->pending; pthread_mutex_unlock(&q->m);
        if (!has) {
            struct epoll_event ev; int n = epoll_wait(q->ep, &ev, 1, -1);
            if (n < 0 && errno != EINTR) { perror("epoll_wait"); exit(1); }
            uint64_t v; if (read(q->efd, &v, 8) < 0 && errno != EAGAIN) perror("read");
        }
        atomic_store(&q->awake, 1);
        pthread_mutex_lock(&q->m); int got = q->pending; q->pending = 0; pthread_mutex_unlock(&q->m);
        if (got) { atomic_store(&q->loopw->since, 0); atomic_fetch_add(&q->loopw->progress, got); }
        spin(500);
    }
    return NULL;
}
static void *producer(void *arg) {
    int i = (int)(intptr_t)arg;
    struct waiter *w = reg("producer", i);
    unsigned r = 31337 + i;
    for (;;) {
        struct loopq *q = &loops[(r >> 16) & 1];
        double t = now();
        atomic_store(&w->since, t);   // lock holders are always short, so a long wait here is a lost wake
        pthread_mutex_lock(&q->m);
        atomic_store(&w->since, 0);
        q->pending++;
        pthread_mutex_unlock(&q->m);
        double since = atomic_load(&q->loopw->since); if (since == 0) atomic_store(&q->loopw->since, now());
        uint64_t one = 1; if (write(q->efd, &one, 8) < 0) perror("write");
        atomic_fetch_add(&w->progress, 1);
        r = r * 1103515245 + 12345;
        if ((r >> 8) % 4 == 0) usleep((r >> 4) % 300);
    }
    return NULL;
}

// 5. loopback TCP ping-pong over many sockets: each client socket sends 32 bytes, server echoes
#define NSOCK 32
static int cfd[NSOCK], sfd[NSOCK];
static struct waiter *tcpw[NSOCK];
static void *tcp_side(void *arg) {
    int server = (int)(intptr_t)arg;
    int ep = epoll_create1(0);
    for (int i = 0; i < NSOCK; i++) {
        struct epoll_event ev = { .events = EPOLLIN, .data.u32 = i };
        epoll_ctl(ep, EPOLL_CTL_ADD, server ? sfd[i] : cfd[i], &ev);
    }
    char buf[4096]; char msg[32]; memset(msg, 'x', sizeof msg);
    if (!server) for (int i = 0; i < NSOCK; i++) tcpw[i]->tid = gettid_();
    if (!server) for (int i = 0; i < NSOCK; i++) { atomic_store(&tcpw[i]->since, now()); if (write(cfd[i], msg, 32) < 0) perror("tw"); }
    for (;;) {
        struct epoll_event evs[16];
        int n = epoll_wait(ep, evs, 16, -1);
        if (n < 0) { if (errno == EINTR) continue; perror("epoll"); exit(1); }
        for (int k = 0; k < n; k++) {
            int i = evs[k].data.u32; int fd = server ? sfd[i] : cfd[i];
            ssize_t got = read(fd, buf, sizeof buf);
            if (got <= 0) continue;
            if (server) { if (write(fd, buf, got) < 0) perror("echo"); }
            else {
                atomic_store(&tcpw[i]->since, 0); atomic_fetch_add(&tcpw[i]->progress, 1);
                if ((atomic_load(&tcpw[i]->progress) % 50) == 0) usleep(200);
                atomic_store(&tcpw[i]->since, now());
                if (write(fd, msg, 32) < 0) perror("tw");
            }
        }
    }
    return NULL;
}
static void setup_tcp(void) {
    int l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof a;
    bind(l, (void *)&a, sizeof a); listen(l, 64); getsockname(l, (void *)&a, &len);
    for (int i = 0; i < NSOCK; i++) {
        cfd[i] = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(cfd[i], (void *)&a, sizeof a) < 0) { perror("connect"); exit(1); }
        sfd[i] = accept(l, NULL, NULL);
        int one = 1; setsockopt(cfd[i], IPPROTO_TCP, TCP_NODELAY, &one, 4); setsockopt(sfd[i], IPPROTO_TCP, TCP_NODELAY, &one, 4);
        // the waiter entry is filled by the client side thread's tid later; register here with main's tid then patch
        tcpw[i] = reg("tcp", i);
    }
    close(l);
}

// 6. thread churn, like Dispatch / Swift's pool creating and retiring workers
static void *nothing(void *arg) { usleep(1000 + ((intptr_t)arg % 5000)); return NULL; }
static void *churn(void *arg) {
    (void)arg; for (long i = 0;; i++) { pthread_t t; if (pthread_create(&t, NULL, nothing, (void *)i) == 0) pthread_join(t, NULL); usleep(20000); }
    return NULL;
}

int main(int argc, char **argv) {
    int seconds = argc > 1 ? atoi(argv[1]) : 60;
    int global = getenv("GLOBAL_HASH") != NULL;
    start_time = now();
    if (global) { int rc = prctl(78, 1, 0, 0, 0); printf("PR_FUTEX_HASH SET_SLOTS 0: rc %d (%s)\n", rc, rc ? strerror(errno) : "ok"); }
    pthread_t t;
#ifdef PI
    { pthread_mutexattr_t ma; pthread_mutexattr_init(&ma); pthread_mutexattr_setprotocol(&ma, PTHREAD_PRIO_INHERIT);
      pthread_mutex_init(&shared_lock, &ma);
      for (int i = 0; i < 2; i++) pthread_mutex_init(&loops[i].m, &ma); }
    printf("PI mutexes\n");
#endif
    pthread_create(&t, NULL, watchdog, NULL);
    for (int i = 0; i < 4; i++) pthread_create(&t, NULL, mutex_worker, (void *)(intptr_t)i);
    static struct cvpair cv[4]; static struct cvarg cva[8];
    for (int i = 0; i < 4; i++) {
        pthread_mutex_init(&cv[i].m, NULL); pthread_cond_init(&cv[i].c, NULL);
        for (int s = 0; s < 2; s++) { cva[2*i+s] = (struct cvarg){ &cv[i], s, i }; pthread_create(&t, NULL, cv_worker, &cva[2*i+s]); }
    }
    static struct efpair ef[4]; static struct efarg efa[8];
    for (int i = 0; i < 4; i++) {
        for (int s = 0; s < 2; s++) {
            ef[i].efd[s] = eventfd(0, EFD_NONBLOCK); ef[i].ep[s] = epoll_create1(0);
            struct epoll_event ev = { .events = EPOLLIN }; epoll_ctl(ef[i].ep[s], EPOLL_CTL_ADD, ef[i].efd[s], &ev);
        }
        for (int s = 1; s >= 0; s--) { efa[2*i+s] = (struct efarg){ &ef[i], s, i }; pthread_create(&t, NULL, ef_worker, &efa[2*i+s]); }
    }
    for (int i = 0; i < 2; i++) {
#ifndef PI
        pthread_mutex_init(&loops[i].m, NULL);
#endif
        loops[i].efd = eventfd(0, EFD_NONBLOCK); loops[i].ep = epoll_create1(0);
        struct epoll_event ev = { .events = EPOLLIN }; epoll_ctl(loops[i].ep, EPOLL_CTL_ADD, loops[i].efd, &ev);
        pthread_create(&t, NULL, loop_thread, (void *)(intptr_t)i);
    }
    usleep(10000);
    for (int i = 0; i < 3; i++) pthread_create(&t, NULL, producer, (void *)(intptr_t)i);
    setup_tcp();
    pthread_t tcpc; pthread_create(&t, NULL, tcp_side, (void *)1); pthread_create(&tcpc, NULL, tcp_side, (void *)0);
    pthread_create(&t, NULL, churn, NULL);
    printf("futex hash slots: %d\n", prctl(78, 2, 0, 0, 0)); fflush(stdout);
    for (int s = 0; s < seconds; s += 10) {
        sleep(10);
        long total = 0; for (int i = 0; i < atomic_load(&nwaiters); i++) total += atomic_load(&waiters[i].progress);
        printf("[%.0f] progress %ld, incidents %ld\n", now() - start_time, total, atomic_load(&incidents)); fflush(stdout);
    }
    printf("DONE incidents %ld\n", atomic_load(&incidents));
    return 0;
}
