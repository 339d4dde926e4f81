/* An LD_PRELOAD shim that makes one chosen allocation fail, after SQLite's
 * fault-injection harness: every allocation in the process (ours, igraph's,
 * jansson's, libc's own) goes through it and is counted.
 *
 *   SG_FAIL_AT=N          the Nth allocation (1-based) returns NULL with
 *                         errno ENOMEM; 0 or unset: none fails
 *   SG_FAIL_PERSIST=1     every allocation from the Nth on fails, not only
 *                         the Nth
 *   SG_FAIL_COUNT_FILE=F  at exit, write to F: the number of allocations
 *                         made, whether the chosen one was reached, the
 *                         blocks and bytes still allocated, and the library
 *                         whose allocation failed; then a line per block
 *                         still held: its allocation number, size and the
 *                         library that asked for it (a run that failed must
 *                         not hold more than a clean run: that is a leak)
 *
 * glibc lets a program replace malloc and routes its own allocations
 * through the replacement; the real allocator is reached through the
 * __libc_* entry points, which (unlike dlsym) allocate nothing. Child
 * processes (Graphviz under `render`) run without the shim: its constructor
 * drops LD_PRELOAD from the environment they inherit. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);

static unsigned long long count, fail_at;
static void *fail_site; /* the code whose allocation was made to fail */

/* Live blocks: an open-addressing set of pointers and sizes in memory of
 * its own (mmap, so it allocates nothing through malloc). Tracking stops,
 * and the report says so, if it ever fills up. */
#define SLOTS ((size_t)1 << 21)
#define TOMB ((uintptr_t)1)
typedef struct {
    uintptr_t p;
    size_t n;
    unsigned long long seq; /* which allocation made it */
    void *site;             /* the code that asked for it */
} slot;
static slot *live;
static size_t live_blocks, live_bytes, used;
static int overflow;

static size_t hash(uintptr_t p) { return (size_t)((p >> 4) * 0x9E3779B97F4A7C15ull) & (SLOTS - 1); }

static void track(void *ptr, size_t n, void *site)
{
    if (!ptr || !live || overflow)
        return;
    if (used > SLOTS / 2) {
        overflow = 1;
        return;
    }
    size_t i = hash((uintptr_t)ptr);
    while (live[i].p > TOMB)
        i = (i + 1) & (SLOTS - 1);
    if (!live[i].p)
        used++;
    live[i].p = (uintptr_t)ptr;
    live[i].n = n;
    live[i].seq = count;
    live[i].site = site;
    live_blocks++;
    live_bytes += n;
}

static void untrack(void *ptr)
{
    if (!ptr || !live || overflow)
        return;
    for (size_t i = hash((uintptr_t)ptr); live[i].p; i = (i + 1) & (SLOTS - 1))
        if (live[i].p == (uintptr_t)ptr) {
            live[i].p = TOMB;
            live_blocks--;
            live_bytes -= live[i].n;
            return;
        }
}
static int persist;
static const char *count_file;

__attribute__((constructor)) static void setup(void)
{
    const char *at = getenv("SG_FAIL_AT");
    const char *p = getenv("SG_FAIL_PERSIST");
    fail_at = at ? strtoull(at, NULL, 10) : 0;
    persist = p && *p == '1';
    count_file = getenv("SG_FAIL_COUNT_FILE");
    unsetenv("LD_PRELOAD");
    void *m = mmap(NULL, SLOTS * sizeof(slot), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    live = m == MAP_FAILED ? NULL : m;
}

/* The file name of the library (or program) that holds `site`. */
static const char *where(void *site)
{
    Dl_info info;
    if (site && dladdr(site, &info) && info.dli_fname) {
        const char *slash = strrchr(info.dli_fname, '/');
        return slash ? slash + 1 : info.dli_fname;
    }
    return "?";
}

/* Write the count with plain system calls: stdio may be what failed. */
__attribute__((destructor)) static void report(void)
{
    if (!count_file)
        return;
    int fd = open(count_file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return;
    char buf[512];
    int n;
    if (live && !overflow)
        n = snprintf(buf, sizeof buf, "%llu %d %zu %zu %s\n", count,
                     fail_at && count >= fail_at, live_blocks, live_bytes,
                     where(fail_site));
    else
        n = snprintf(buf, sizeof buf, "%llu %d - - %s\n", count,
                     fail_at && count >= fail_at, where(fail_site));
    if (n > 0 && write(fd, buf, (size_t)n) < 0)
        n = 0;
    /* Then the allocation number and size of each block still held, for
     * finding a leak (break on the allocation with that number). */
    for (size_t i = 0; live && !overflow && i < SLOTS; i++)
        if (live[i].p > TOMB) {
            n = snprintf(buf, sizeof buf, "live %llu %zu %s\n", live[i].seq,
                         live[i].n, where(live[i].site));
            if (n > 0 && write(fd, buf, (size_t)n) < 0)
                break;
        }
    close(fd);
}

/* 1 when this allocation is to fail. */
static int fail_now(void *site)
{
    count++;
    if (!fail_at)
        return 0;
    if (count == fail_at || (persist && count > fail_at)) {
        if (count == fail_at)
            fail_site = site;
        errno = ENOMEM;
        return 1;
    }
    return 0;
}


#define CALLER __builtin_return_address(0)

static void *note(void *p, size_t n, void *site)
{
    track(p, n, site);
    return p;
}

void *malloc(size_t n)
{
    return fail_now(CALLER) ? NULL : note(__libc_malloc(n), n, CALLER);
}

void *calloc(size_t n, size_t size)
{
    return fail_now(CALLER) ? NULL : note(__libc_calloc(n, size), n * size, CALLER);
}

void *realloc(void *p, size_t n)
{
    /* realloc(p, 0) frees: not an allocation that can fail. */
    if (p && n == 0) {
        untrack(p);
        return __libc_realloc(p, n);
    }
    if (fail_now(CALLER))
        return NULL;
    void *q = __libc_realloc(p, n);
    if (q) {
        untrack(p);
        track(q, n, CALLER);
    }
    return q;
}

void free(void *p)
{
    untrack(p);
    __libc_free(p);
}

void *aligned_alloc(size_t align, size_t n)
{
    return fail_now(CALLER) ? NULL : note(__libc_memalign(align, n), n, CALLER);
}

void *memalign(size_t align, size_t n)
{
    return fail_now(CALLER) ? NULL : note(__libc_memalign(align, n), n, CALLER);
}

int posix_memalign(void **out, size_t align, size_t n)
{
    if (fail_now(CALLER))
        return ENOMEM;
    void *p = note(__libc_memalign(align, n), n, CALLER);
    if (!p)
        return ENOMEM;
    *out = p;
    return 0;
}

void *valloc(size_t n)
{
    return fail_now(CALLER) ? NULL
                            : note(__libc_memalign((size_t)sysconf(_SC_PAGESIZE), n), n, CALLER);
}
