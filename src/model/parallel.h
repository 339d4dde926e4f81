#ifndef SG_PARALLEL_H
#define SG_PARALLEL_H

/* Tasks on several threads, for the steps that pay for it (parsing,
 * projection, metrics). Never around igraph: igraph 0.10 keeps its error
 * handler, cleanup stack and random numbers in globals. */

#include <stddef.h>

/* One task: 0 or a negative SG_E* with the message set (sg_seterr) in the
 * thread that runs it. `worker` is 0 for the calling thread and
 * 1..workers-1 for the others, for per-thread scratch. */
typedef int (*sg_task_fn)(void *ctx, size_t task, unsigned worker);

/* Run tasks 0..ntasks-1 on up to `workers` threads, the caller being one
 * of them; threads claim the next task in index order. Once a task fails
 * no further task starts; the result is that of the lowest-numbered failed
 * task, with its message in the caller's thread. With workers <= 1 or a
 * thread that cannot start, the tasks run in order in the caller's
 * thread. Tasks write only their own results, so the outcome is the same
 * for any number of workers. */
int sg_parallel_run(size_t ntasks, unsigned workers, sg_task_fn fn,
                    void *ctx);

/* Threads worth using: sg_threads_get(), no more than `tasks`. */
unsigned sg_parallel_workers(size_t tasks);

/* Memory the system could give this process without swapping, in bytes
 * (Linux's MemAvailable), or 0 when unknown. For sizing worker processes,
 * whose working copies add up. */
size_t sg_memory_available(void);

/* A task in a forked child process, for work that cannot run on threads
 * (igraph 0.10 is not thread-safe) or that may crash on its own failure
 * paths: fn(ctx, out) runs in the child, which sends back its return
 * code, its message and the `bytes` it left at `out` through a pipe, and
 * ends with _exit (no stdio flush, no atexit handlers). The child sees a
 * copy of this process as it was at the start; its writes stay its own,
 * and pages neither side writes are shared. fn should run under its own
 * sg_ig_guard() if it calls igraph, so that a fatal igraph error ends in
 * the child. */
typedef int (*sg_child_fn)(void *ctx, void *out);
typedef struct {
    long pid; /* 0: fn ran in this process */
    int fd;   /* read end of the pipe */
    int rc;   /* fn's result when it ran here */
} sg_child;

/* Start fn in a child. Where fork() fails for another reason than memory,
 * fn runs here and now instead (its result waits for sg_child_wait).
 * 0, or SG_ENOMEM when there is no memory for a pipe or a process. */
int sg_child_start(sg_child *c, sg_child_fn fn, void *ctx, void *out,
                   size_t bytes);

/* Non-zero in a process that sg_child_start forked (at any depth): work
 * that would isolate itself in a child of its own can run in place, as a
 * crash there ends only this child. */
int sg_child_inside(void);

/* Wait for the child of sg_child_start, copy what it left at `out`
 * (`bytes`, as given there) and return fn's result, with its message
 * here. A child that ends without sending everything (killed by a signal:
 * in practice an allocation failure inside a library, or the kernel's
 * out-of-memory killer) is SG_ENOMEM. O(bytes). */
int sg_child_wait(sg_child *c, void *out, size_t bytes);

/* End the child of sg_child_start without its result, when this process
 * has failed and the child's work is no longer wanted: it is killed and
 * reaped at once instead of being waited for. A child that already ended
 * is only reaped; one that ran here (pid 0) needs nothing. */
void sg_child_cancel(sg_child *c);

#endif
