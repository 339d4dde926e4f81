/* The library's thread setting and a small task runner on POSIX threads. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "model/parallel.h"
#include "model/util.h"

/* More than this many threads only add memory (per-thread scratch) on the
 * machines this runs on; --threads may not ask for more. */
#define MAX_THREADS 64

static atomic_uint thread_setting; /* 0 = automatic */

int sg_threads_set(unsigned n)
{
    if (n > MAX_THREADS)
        return sg_seterr(SG_EUSAGE, "at most %d threads", MAX_THREADS);
    atomic_store(&thread_setting, n);
    return 0;
}

unsigned sg_threads_get(void)
{
    unsigned n = atomic_load(&thread_setting);
    if (n)
        return n;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cpus < 1 ? 1 : cpus > MAX_THREADS ? MAX_THREADS : (unsigned)cpus;
}

unsigned sg_parallel_workers(size_t tasks)
{
    unsigned n = sg_threads_get();
    return tasks < n ? (tasks ? (unsigned)tasks : 1) : n;
}

typedef struct {
    sg_task_fn fn;
    void *ctx;
    size_t ntasks;
    atomic_size_t next;
    atomic_int stop;
    pthread_mutex_t lock; /* guards the failure below */
    size_t failed_task;   /* lowest failed task, ntasks when none */
    int rc;
    char message[1024];
} runner;

typedef struct {
    runner *r;
    unsigned worker;
} worker_arg;

static void work(runner *r, unsigned worker)
{
    while (!atomic_load(&r->stop)) {
        size_t t = atomic_fetch_add(&r->next, 1);
        if (t >= r->ntasks)
            break;
        int rc = r->fn(r->ctx, t, worker);
        if (!rc)
            continue;
        atomic_store(&r->stop, 1);
        pthread_mutex_lock(&r->lock);
        if (t < r->failed_task) {
            r->failed_task = t;
            r->rc = rc;
            snprintf(r->message, sizeof r->message, "%s", sg_error_last());
        }
        pthread_mutex_unlock(&r->lock);
        break;
    }
}

static void *worker_main(void *p)
{
    worker_arg *a = p;
    work(a->r, a->worker);
    return NULL;
}

int sg_parallel_run(size_t ntasks, unsigned workers, sg_task_fn fn,
                    void *ctx)
{
    if (workers > ntasks)
        workers = ntasks ? (unsigned)ntasks : 1;
    if (workers > MAX_THREADS)
        workers = MAX_THREADS;
    if (workers <= 1) {
        for (size_t t = 0; t < ntasks; t++) {
            int rc = fn(ctx, t, 0);
            if (rc)
                return rc;
        }
        return 0;
    }
    runner r;
    r.fn = fn;
    r.ctx = ctx;
    r.ntasks = ntasks;
    atomic_init(&r.next, 0);
    atomic_init(&r.stop, 0);
    pthread_mutex_init(&r.lock, NULL);
    r.failed_task = ntasks;
    r.rc = 0;
    r.message[0] = '\0';
    pthread_t tid[MAX_THREADS];
    worker_arg args[MAX_THREADS];
    unsigned started = 0;
    for (unsigned w = 1; w < workers; w++) {
        args[w] = (worker_arg){&r, w};
        /* A thread that cannot start leaves its share to the others. */
        if (pthread_create(&tid[w], NULL, worker_main, &args[w]) != 0)
            break;
        started = w;
    }
    work(&r, 0);
    for (unsigned w = 1; w <= started; w++)
        pthread_join(tid[w], NULL);
    pthread_mutex_destroy(&r.lock);
    if (r.failed_task < ntasks)
        return sg_seterr(r.rc, "%s", r.message);
    return 0;
}
