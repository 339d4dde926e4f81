/* The single-pass JSON reader must agree with the jansson reader on every
 * input we have: the same corpus, the same return code, the same messages. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../common/dump.h"
#include "stancegraph.h"

typedef struct {
    int rc;
    char *dump;
    char *messages;
} result;

static result load(const char *data, size_t len, int reference)
{
    result r = {0};
    sg_load_options o = {0};
    o.format = SG_FORMAT_JSON;
    o.reference_reader = reference;
    sg_diag *d = sg_diag_new(50);
    sg_corpus *c = NULL;
    r.rc = sg_corpus_load_buffer(&c, data, len, "input.json", &o, d);
    r.dump = c ? sg_test_dump(c) : strdup("(none)");
    size_t total = 1;
    for (size_t i = 0; i < sg_diag_count(d); i++)
        total += strlen(sg_diag_message(d, i)) + 3;
    r.messages = calloc(total, 1);
    for (size_t i = 0; i < sg_diag_count(d); i++) {
        strcat(r.messages, sg_diag_level_at(d, i) ? "W " : "E ");
        strcat(r.messages, sg_diag_message(d, i));
        strcat(r.messages, "\n");
    }
    sg_corpus_free(c);
    sg_diag_free(d);
    return r;
}

static void same(const char *what, const char *data, size_t len)
{
    result fast = load(data, len, 0), ref = load(data, len, 1);
    if (fast.rc != ref.rc || strcmp(fast.dump, ref.dump) != 0 ||
        strcmp(fast.messages, ref.messages) != 0) {
        print_error("readers disagree on %s: rc %d vs %d\n", what, fast.rc,
                    ref.rc);
        fail();
    }
    free(fast.dump);
    free(ref.dump);
    free(fast.messages);
    free(ref.messages);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, f);
    fclose(f);
    return buf;
}

static size_t compare_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t count = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 5, ".json") != 0)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len;
        char *data = slurp(path, &len);
        if (!data)
            continue;
        same(path, data, len);
        free(data);
        count++;
    }
    closedir(d);
    return count;
}

static void test_load_fast__agrees_on_every_file(void **state)
{
    (void)state;
    const char *data = getenv("SG_TEST_DATA");
    const char *graphs = getenv("SG_GRAPHS");
    assert_non_null(data);
    assert_non_null(graphs);
    char path[4096];
    size_t n = compare_dir(graphs);
    const char *subdirs[] = {"bad", "load", "analysis", "export"};
    for (size_t i = 0; i < sizeof subdirs / sizeof *subdirs; i++) {
        snprintf(path, sizeof path, "%s/%s", data, subdirs[i]);
        n += compare_dir(path);
    }
    /* The two datasets and at least the JSON bad inputs. */
    assert_true(n >= 2);
}

static void test_load_fast__agrees_on_edge_cases(void **state)
{
    (void)state;
    static const char *const cases[] = {
        /* clean, with stances before the entities they name */
        "{\"stances\":[{\"actor\":\"a\",\"proposal\":\"p\",\"position\":"
        "\"support\"}],\"stancegraph\":1,\"actors\":[{\"id\":\"a\"}],"
        "\"proposals\":[{\"id\":\"p\"}]}",
        /* escapes, surrogate pairs, nulls, numbers of every form */
        "{\"stancegraph\":1,\"actors\":[{\"id\":\"\\u00e9\\ud83d\\ude00\\n\","
        "\"x\":-0,\"y\":1.5e3,\"z\":true,\"w\":null}],\"proposals\":[{\"id\":"
        "\"p\",\"label\":null}],\"stances\":[{\"actor\":\"\\u00e9\\ud83d"
        "\\ude00\\n\",\"proposal\":\"p\",\"position\":-1,\"weight\":2.5e-1,"
        "\"date\":null}]}",
        "{\"stancegraph\":1,\"actors\":[],\"proposals\":[],\"stances\":[]} ",
        "{\"stancegraph\":1,\"actors\":[],\"proposals\":[],\"stances\":[]}x",
        "{\"stancegraph\":1,\"actors\":[{\"id\":\"a\",\"id\":\"b\"}],"
        "\"proposals\":[],\"stances\":[]}",
        "{\"stancegraph\":1.0,\"actors\":[],\"proposals\":[],\"stances\":[]}",
        "{\"stancegraph\":1,\"actors\":[{\"id\":\"a\"}],\"proposals\":[{\"id\":"
        "\"p\"}],\"stances\":[{\"actor\":\"a\",\"proposal\":\"p\",\"position\":"
        "\"yes\",\"weight\":1e-400}]}",
        "{\"stancegraph\":1,\"actors\":[{\"id\":\"a\"}],\"proposals\":[{\"id\":"
        "\"p\"}],\"stances\":[{\"actor\":\"a\",\"proposal\":\"p\",\"position\":"
        "\"yes\",\"weight\":99999999999999999999}]}",
        "{\"stancegraph\":1,\"actors\":[{\"id\":\"a\\u0000\"}],\"proposals\":[],"
        "\"stances\":[]}",
        "{\"stancegraph\":1,\"actors\":[{\"id\":\"\\udc00\"}],\"proposals\":[],"
        "\"stances\":[]}",
        "{\"stancegraph\":1,\"notes\":{\"a\":[1,2,{\"b\":null}]},\"actors\":[],"
        "\"proposals\":[],\"stances\":[]}",
        "{\"stancegraph\":1,\"notes\":{\"a\":1,\"a\":2},\"actors\":[],"
        "\"proposals\":[],\"stances\":[]}",
        "{\"stancegraph\":1,\"actors\":[{\"id\":\"a\",\"tab\":\"x\ty\"}],"
        "\"proposals\":[],\"stances\":[]}",
        "{\"stancegraph\":1,\"actors\":[{\"id\":01}],\"proposals\":[],"
        "\"stances\":[]}",
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        same(cases[i], cases[i], strlen(cases[i]));
}

/* The fast reader really is used on clean input: it must accept the first
 * edge case on its own (the deferred-stances path). */
static void test_load_fast__reads_clean_input_itself(void **state)
{
    (void)state;
    const char *doc = "{\"stancegraph\":1,\"actors\":[{\"id\":\"a\",\"n\":2}],"
                      "\"proposals\":[{\"id\":\"p\"}],\"stances\":[{\"actor\":"
                      "\"a\",\"proposal\":\"p\",\"position\":\"oppose\","
                      "\"weight\":3,\"date\":\"2025-02-12\"}]}";
    sg_load_options o = {0};
    o.format = SG_FORMAT_JSON;
    sg_corpus *c = NULL;
    assert_int_equal(sg_corpus_load_buffer(&c, doc, strlen(doc), "x", &o, NULL),
                     0);
    assert_int_equal(c->nstances, 1);
    assert_int_equal(c->stances[0].position, SG_OPPOSE);
    assert_true(c->stances[0].weight == 3.0);
    assert_int_equal(c->stances[0].date, 20131); /* 2025-02-12 */
    assert_int_equal(c->actors[0].nattrs, 1);
    assert_true(c->actors[0].attrs[0].value.num == 2.0);
    sg_corpus_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_fast__agrees_on_every_file),
        cmocka_unit_test(test_load_fast__agrees_on_edge_cases),
        cmocka_unit_test(test_load_fast__reads_clean_input_itself),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
