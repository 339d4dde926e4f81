/* The task runner and the thread setting: every task runs once whatever
 * the number of workers, and a failure reports what a run in order would
 * have reported. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "model/parallel.h"
#include "model/util.h"
#include "stancegraph.h"

#define NTASKS 2000

typedef struct {
    int runs[NTASKS];
    size_t fail_a, fail_b; /* tasks that fail, NTASKS for none */
} job;

static int task(void *ctx, size_t t, unsigned worker)
{
    job *j = ctx;
    (void)worker;
    j->runs[t]++;
    if (t == j->fail_a)
        return sg_seterr(SG_ELIMIT, "task %zu failed", t);
    if (t == j->fail_b)
        return sg_seterr(SG_ENOMEM, "task %zu failed", t);
    return 0;
}

static void test_parallel__every_task_once(void **state)
{
    (void)state;
    for (unsigned workers = 1; workers <= 4; workers++) {
        static job j;
        memset(&j, 0, sizeof j);
        j.fail_a = j.fail_b = NTASKS;
        assert_int_equal(sg_parallel_run(NTASKS, workers, task, &j), 0);
        for (size_t t = 0; t < NTASKS; t++)
            assert_int_equal(j.runs[t], 1);
    }
}

/* Tasks 700 and 1300 fail; in order, 700 stops the run. Every worker
 * count reports 700, and every task before it ran. */
static void test_parallel__lowest_failure_reported(void **state)
{
    (void)state;
    for (unsigned workers = 1; workers <= 4; workers++) {
        static job j;
        memset(&j, 0, sizeof j);
        j.fail_a = 700;
        j.fail_b = 1300;
        sg_error_clear();
        assert_int_equal(sg_parallel_run(NTASKS, workers, task, &j),
                         SG_ELIMIT);
        assert_string_equal(sg_error_last(), "task 700 failed");
        for (size_t t = 0; t <= 700; t++)
            assert_int_equal(j.runs[t], 1);
    }
}

static void test_parallel__no_tasks(void **state)
{
    (void)state;
    job j = {{0}, NTASKS, NTASKS};
    assert_int_equal(sg_parallel_run(0, 2, task, &j), 0);
}

static void test_parallel__thread_setting(void **state)
{
    (void)state;
    assert_int_equal(sg_threads_set(3), 0);
    assert_int_equal(sg_threads_get(), 3);
    assert_int_equal(sg_parallel_workers(2), 2);
    assert_int_equal(sg_parallel_workers(10), 3);
    assert_int_equal(sg_threads_set(65), SG_EUSAGE);
    assert_int_equal(sg_threads_get(), 3);
    assert_int_equal(sg_threads_set(0), 0);
    assert_true(sg_threads_get() >= 1 && sg_threads_get() <= 64);
}

/* A child's bytes come back, its writes stay its own, and its failure
 * comes back with its message; a child killed by a signal is reported as
 * out of memory. */
static int child_squares(void *ctx, void *out)
{
    int *seen = ctx, *o = out;
    for (int i = 0; i < 1000; i++)
        o[i] = i * i;
    *seen = 99; /* the parent's copy stays as it was */
    return 0;
}

static int child_fails(void *ctx, void *out)
{
    (void)ctx;
    (void)out;
    return sg_seterr(SG_ELIMIT, "too many %s", "ties");
}

static int child_dies(void *ctx, void *out)
{
    (void)ctx;
    (void)out;
    raise(SIGKILL);
    return 0;
}

static int child_waits(void *ctx, void *out)
{
    (void)ctx;
    (void)out;
    for (;;)
        pause();
    return 0;
}

/* A cancelled child is killed and reaped at once (without the kill this
 * test would hang until ctest's timeout), and this process's error
 * message stays as it was. */
static void test_parallel__child_cancel(void **state)
{
    (void)state;
    int out = 0;
    sg_child c;
    sg_seterr(SG_EINVALID, "the analysis failed");
    assert_int_equal(sg_child_start(&c, child_waits, NULL, &out, sizeof out),
                     0);
    long pid = c.pid;
    assert_true(pid > 0);
    sg_child_cancel(&c);
    assert_int_equal(c.pid, 0);
    assert_int_equal(waitpid((pid_t)pid, NULL, WNOHANG), -1);
    assert_int_equal(errno, ECHILD);
    assert_string_equal(sg_error_last(), "the analysis failed");
    sg_child_cancel(&c); /* nothing left to end */
}

static void test_parallel__child(void **state)
{
    (void)state;
    static int out[1000];
    int seen = 1;
    sg_child c;
    assert_int_equal(sg_child_start(&c, child_squares, &seen, out, sizeof out),
                     0);
    assert_int_equal(sg_child_wait(&c, out, sizeof out), 0);
    assert_int_equal(out[999], 998001);
    assert_int_equal(out[12], 144);
    assert_int_equal(seen, 1);
    assert_int_equal(sg_child_start(&c, child_fails, NULL, out, sizeof out), 0);
    assert_int_equal(sg_child_wait(&c, out, sizeof out), SG_ELIMIT);
    assert_string_equal(sg_error_last(), "too many ties");
    assert_int_equal(sg_child_start(&c, child_dies, NULL, out, sizeof out), 0);
    assert_int_equal(sg_child_wait(&c, out, sizeof out), SG_ENOMEM);
    assert_string_equal(sg_error_last(), "out of memory");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parallel__every_task_once),
        cmocka_unit_test(test_parallel__lowest_failure_reported),
        cmocka_unit_test(test_parallel__no_tasks),
        cmocka_unit_test(test_parallel__thread_setting),
        cmocka_unit_test(test_parallel__child),
        cmocka_unit_test(test_parallel__child_cancel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
