/* The library's thread setting and a small task runner on POSIX threads. */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
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

size_t sg_memory_available(void)
{
    FILE *f = fopen("/proc/meminfo", "r");
    char line[256];
    unsigned long long kib = 0;
    if (!f)
        return 0;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "MemAvailable: %llu kB", &kib) == 1)
            break;
    fclose(f);
    return (size_t)kib * 1024;
}

/* ---- child processes ---- */

/* What a child sends first: its return code and message; then the bytes
 * at `out` when it succeeded. */
typedef struct {
    int rc;
    char message[512];
} child_head;

/* Move all n bytes through fd, either way (EINTR retried); -1 on an error
 * or an early end. */
static int transfer(int fd, void *p, size_t n, int writing)
{
    char *c = p;
    while (n) {
        ssize_t k = writing ? write(fd, c, n) : read(fd, c, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        c += k;
        n -= (size_t)k;
    }
    return 0;
}

static int no_memory(int err)
{
    return err == ENOMEM || err == ENFILE || err == EMFILE;
}

/* Set in every process sg_child_start forks. */
static int inside_child;

int sg_child_inside(void) { return inside_child; }

int sg_child_start(sg_child *c, sg_child_fn fn, void *ctx, void *out,
                   size_t bytes)
{
    int fds[2];
    c->pid = 0;
    c->fd = -1;
    c->rc = 0;
    if (pipe(fds) != 0) {
        if (no_memory(errno))
            return sg_seterr(SG_ENOMEM, "out of memory");
        c->rc = fn(ctx, out);
        return 0;
    }
    pid_t pid = fork();
    if (pid < 0) {
        int err = errno;
        close(fds[0]);
        close(fds[1]);
        if (err == ENOMEM)
            return sg_seterr(SG_ENOMEM, "out of memory");
        c->rc = fn(ctx, out);
        return 0;
    }
    if (pid == 0) {
        inside_child = 1;
        close(fds[0]);
        child_head head;
        memset(&head, 0, sizeof head);
        head.rc = fn(ctx, out);
        if (head.rc)
            snprintf(head.message, sizeof head.message, "%s", sg_error_last());
        int bad = transfer(fds[1], &head, sizeof head, 1) ||
                  (!head.rc && transfer(fds[1], out, bytes, 1));
        _exit(bad ? 1 : 0);
    }
    close(fds[1]);
    c->pid = pid;
    c->fd = fds[0];
    return 0;
}

/* Close the pipe and reap the child (EINTR retried); its wait status. */
static int reap(sg_child *c)
{
    int status = 0;
    close(c->fd);
    while (waitpid((pid_t)c->pid, &status, 0) < 0 && errno == EINTR)
        ;
    c->pid = 0;
    c->fd = -1;
    return status;
}

int sg_child_wait(sg_child *c, void *out, size_t bytes)
{
    if (!c->pid)
        return c->rc;
    child_head head;
    int got = transfer(c->fd, &head, sizeof head, 0) == 0 &&
              (head.rc || transfer(c->fd, out, bytes, 0) == 0);
    int status = reap(c);
    if (!got || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return sg_seterr(SG_ENOMEM, "out of memory");
    if (head.rc) {
        head.message[sizeof head.message - 1] = '\0';
        return sg_seterr(head.rc, "%s", head.message);
    }
    return 0;
}

void sg_child_cancel(sg_child *c)
{
    if (!c->pid)
        return;
    kill((pid_t)c->pid, SIGKILL);
    reap(c);
}
