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

#endif
