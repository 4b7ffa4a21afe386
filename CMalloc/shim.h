#ifndef CMALLOC_SHIM_H
#define CMALLOC_SHIM_H
// glibc's allocator tuning (mallopt, malloc_trim), which Swift's Glibc module leaves out.
// Empty where there is no <malloc.h> (macOS): callers check `os(Linux)`.
#if __has_include(<malloc.h>)
#include <malloc.h>
#endif
#endif
