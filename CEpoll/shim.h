#ifndef CEPOLL_SHIM_H
#define CEPOLL_SHIM_H
// Linux's epoll, which Swift's Glibc module leaves out: the `raw` host-fanout subscribers
// (spacetime-bench) read their sockets with it, without an event-loop framework.
#if __has_include(<sys/epoll.h>)
#include <sys/epoll.h>
#endif
#endif
