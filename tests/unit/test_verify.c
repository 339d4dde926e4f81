/* Quote verification: quotes against source texts written to a temporary
 * directory, and the normalisation they are compared under. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "stancegraph.h"

/* ---- fixture: a temp dir with source texts --------------------------- */

typedef struct {
    char dir[64];
    sg_corpus *c;
    sg_diag *diag;
} fixture;

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
}

/* speech.txt: curly quotes, a run of spaces, line breaks, a tab. */
static const char speech[] =
    "The president said: \xE2\x80\x9CWe will not   give up.\xE2\x80\x9D\n"
    "He added that\n"
    "the talks would go on,\tand that\r\n"
    "Europe\xE2\x80\x99s help mattered.\n";

/* notes.txt: straight quotes. */
static const char notes[] = "Minutes: She said \"enough\" loudly and 'twice'.\n";

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    const char *tmp = getenv("TMPDIR");
    snprintf(f->dir, sizeof f->dir, "%s/sg-verify-XXXXXX",
             tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
    if (!mkdtemp(f->dir))
        return -1;
    write_file(f->dir, "speech.txt", speech);
    write_file(f->dir, "notes.txt", notes);
    if (sg_corpus_new(&f->c) || !(f->diag = sg_diag_new(0)))
        return -1;
    sg_entity e = {0};
    e.id = "a";
    sg_corpus_add_entity(f->c, SG_ACTOR, &e, NULL);
    e.id = "p";
    sg_corpus_add_entity(f->c, SG_PROPOSAL, &e, NULL);
    /* Sources: 0 speech.txt, 1 notes.txt, 2 no file, 3 a missing file. */
    static const char *const files[] = {"speech.txt", "notes.txt", NULL,
                                        "missing.txt"};
    static const char *const ids[] = {"speech", "notes", "paper", "lost"};
    for (int i = 0; i < 4; i++) {
        sg_source s = {0};
        s.id = ids[i];
        s.file = files[i];
        s.date = SG_NO_DATE;
        sg_corpus_add_source(f->c, &s, NULL);
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char path[256];
    static const char *const names[] = {"speech.txt", "notes.txt", "extra.txt",
                                        NULL};
    for (int i = 0; names[i]; i++) {
        snprintf(path, sizeof path, "%s/%s", f->dir, names[i]);
        unlink(path);
    }
    rmdir(f->dir);
    sg_corpus_free(f->c);
    sg_diag_free(f->diag);
    free(f);
    return 0;
}

static void quote(fixture *f, int source, const char *text)
{
    sg_stance s = {0};
    s.actor = 0;
    s.proposal = 0;
    s.position = SG_SUPPORT;
    s.weight = 1;
    s.date = SG_NO_DATE;
    s.source = source;
    s.quote = text;
    assert_int_equal(sg_corpus_add_stance(f->c, &s), 0);
}

static void show(const fixture *f)
{
    for (size_t i = 0; i < sg_diag_count(f->diag); i++)
        print_error("  %s\n", sg_diag_message(f->diag, i));
}

static int verify(fixture *f, sg_verify_result *r)
{
    memset(r, 0xAB, sizeof *r);
    int rc = sg_verify_quotes(r, f->c, "talks.json", f->dir, f->diag);
    if (rc && sg_diag_count(f->diag) == 0)
        print_error("rc %d: %s\n", rc, sg_error_last());
    return rc;
}

/* ---- sg_verify_quotes ------------------------------------------------- */

static void test_verify__all_found(void **state)
{
    fixture *f = *state;
    /* Straight quotes in the quote, curly ones in the text. */
    quote(f, 0, "\"We will not give up.\"");
    /* A quote across a line break, with the break written as a space. */
    quote(f, 0, "He added that the talks would go on, and that Europe's help");
    /* Curly quotes in the quote, straight ones in the text. */
    quote(f, 1, "She said \xE2\x80\x9C" "enough\xE2\x80\x9D loudly and "
                "\xE2\x80\x98twice\xE2\x80\x99");
    /* A quote broken over lines the other way round. */
    quote(f, 1, "Minutes:\n   She\tsaid");
    sg_verify_result r;
    int rc = verify(f, &r);
    if (rc)
        show(f);
    assert_int_equal(rc, 0);
    assert_int_equal(r.checked, 4);
    assert_int_equal(r.missing, 0);
    assert_int_equal(r.unchecked, 0);
    assert_int_equal(r.files, 2); /* each text read once */
    assert_int_equal(sg_diag_count(f->diag), 0);
}

static void test_verify__stance_without_quote_ignored(void **state)
{
    fixture *f = *state;
    quote(f, 0, NULL);
    quote(f, SG_NO_SOURCE, NULL);
    sg_verify_result r;
    assert_int_equal(verify(f, &r), 0);
    assert_int_equal(r.checked, 0);
    assert_int_equal(r.missing, 0);
    assert_int_equal(r.unchecked, 0);
    assert_int_equal(r.files, 0);
    assert_int_equal(sg_diag_count(f->diag), 0);
}

static void test_verify__missing_quote(void **state)
{
    fixture *f = *state;
    quote(f, 0, "We will not give up.");
    quote(f, 0, "We will give up."); /* not what was said */
    quote(f, 1, "she said \"enough\""); /* case is not forgiven */
    quote(f, 1, "Minutes - She said"); /* nor punctuation */
    sg_verify_result r;
    assert_int_equal(verify(f, &r), SG_EINVALID);
    assert_int_equal(r.checked, 4);
    assert_int_equal(r.missing, 3);
    assert_int_equal(r.files, 2);
    assert_int_equal(sg_diag_count(f->diag), 3);
    assert_int_equal(sg_diag_errors(f->diag), 3);
    assert_string_equal(sg_diag_message(f->diag, 0),
                        "talks.json: stances[1].quote: not found in "
                        "speech.txt: \"We will give up.\"");
    assert_string_equal(sg_diag_message(f->diag, 1),
                        "talks.json: stances[2].quote: not found in "
                        "notes.txt: \"she said \"enough\"\"");
    assert_string_equal(sg_diag_message(f->diag, 2),
                        "talks.json: stances[3].quote: not found in "
                        "notes.txt: \"Minutes - She said\"");
    assert_string_equal(sg_error_last(),
                        "3 of 4 quotes not found in their sources");
}

/* A quote that is only white space is no evidence. */
static void test_verify__empty_quote_missing(void **state)
{
    fixture *f = *state;
    quote(f, 0, "");
    quote(f, 0, " \n\t ");
    sg_verify_result r;
    assert_int_equal(verify(f, &r), SG_EINVALID);
    assert_int_equal(r.checked, 2);
    assert_int_equal(r.missing, 2);
}

static void test_verify__long_quote_shortened(void **state)
{
    fixture *f = *state;
    char q[200];
    memset(q, 'x', sizeof q - 1);
    q[sizeof q - 1] = '\0';
    quote(f, 0, q);
    sg_verify_result r;
    assert_int_equal(verify(f, &r), SG_EINVALID);
    /* 96 characters of the quote, then "...". */
    char want[256];
    snprintf(want, sizeof want,
             "talks.json: stances[0].quote: not found in speech.txt: "
             "\"%.96s...\"",
             q);
    assert_string_equal(sg_diag_message(f->diag, 0), want);
}

static void test_verify__source_without_file_unchecked(void **state)
{
    fixture *f = *state;
    quote(f, 2, "anything at all");
    quote(f, SG_NO_SOURCE, "no source here");
    quote(f, 0, "give up");
    sg_verify_result r;
    assert_int_equal(verify(f, &r), 0);
    assert_int_equal(r.checked, 1);
    assert_int_equal(r.missing, 0);
    assert_int_equal(r.unchecked, 2);
    assert_int_equal(r.files, 1);
    assert_int_equal(sg_diag_count(f->diag), 2);
    assert_int_equal(sg_diag_errors(f->diag), 0);
    assert_int_equal(sg_diag_warnings(f->diag), 2);
    assert_int_equal(sg_diag_level_at(f->diag, 0), SG_DIAG_WARNING);
    assert_string_equal(sg_diag_message(f->diag, 0),
                        "talks.json: stances[0].quote: not checked: its "
                        "source has no \"file\"");
    assert_string_equal(sg_diag_message(f->diag, 1),
                        "talks.json: stances[1].quote: not checked: no "
                        "source");
}

static void test_verify__missing_file_is_io_error(void **state)
{
    fixture *f = *state;
    quote(f, 3, "lost words");
    quote(f, 3, "more lost words"); /* the file is tried once */
    quote(f, 0, "give up");
    sg_verify_result r;
    assert_int_equal(verify(f, &r), SG_EIO);
    assert_int_equal(r.checked, 1);
    assert_int_equal(r.missing, 0);
    assert_int_equal(r.files, 1);
    assert_int_equal(sg_diag_count(f->diag), 1);
    char want[256];
    snprintf(want, sizeof want,
             "cannot read %s/missing.txt: No such file or directory", f->dir);
    assert_string_equal(sg_diag_message(f->diag, 0), want);
}

/* Quotes not found outrank files not read. */
static void test_verify__missing_quote_and_file(void **state)
{
    fixture *f = *state;
    quote(f, 3, "lost words");
    quote(f, 0, "never said");
    sg_verify_result r;
    assert_int_equal(verify(f, &r), SG_EINVALID);
    assert_int_equal(r.missing, 1);
    assert_int_equal(sg_diag_errors(f->diag), 2);
}

static void test_verify__file_outside_dir_refused(void **state)
{
    fixture *f = *state;
    sg_source s = {0};
    s.id = "up";
    s.file = "../speech.txt";
    s.date = SG_NO_DATE;
    size_t up;
    assert_int_equal(sg_corpus_add_source(f->c, &s, &up), 0);
    s.id = "abs";
    s.file = "/etc/hostname";
    size_t abs;
    assert_int_equal(sg_corpus_add_source(f->c, &s, &abs), 0);
    quote(f, (int)up, "x");
    quote(f, (int)abs, "x");
    sg_verify_result r;
    assert_int_equal(verify(f, &r), SG_EIO);
    assert_int_equal(r.files, 0);
    assert_int_equal(r.checked, 0);
    assert_int_equal(sg_diag_count(f->diag), 2);
    assert_string_equal(sg_diag_message(f->diag, 0),
                        "talks.json: source file \"../speech.txt\" must be a "
                        "plain name under the directory");
    assert_string_equal(sg_diag_message(f->diag, 1),
                        "talks.json: source file \"/etc/hostname\" must be a "
                        "plain name under the directory");
}

static void test_verify__empty_corpus(void **state)
{
    (void)state;
    sg_corpus *c = NULL;
    assert_int_equal(sg_corpus_new(&c), 0);
    sg_verify_result r;
    assert_int_equal(sg_verify_quotes(&r, c, "e.json", "/nonexistent", NULL),
                     0);
    assert_int_equal(r.checked, 0);
    assert_int_equal(r.files, 0);
    sg_corpus_free(c);
}

/* A loaded corpus, end to end: the JSON reader's quotes and files. */
static void test_verify__loaded_corpus(void **state)
{
    fixture *f = *state;
    write_file(f->dir, "extra.txt", "A \xC2\xABreal\xC2\xBB deal,\nnow.");
    static const char text[] =
        "{\"stancegraph\": 1,\n"
        " \"sources\": [{\"id\": \"x\", \"file\": \"extra.txt\"}],\n"
        " \"actors\": [{\"id\": \"a\"}], \"proposals\": [{\"id\": \"p\"}],\n"
        " \"stances\": [\n"
        "  {\"actor\": \"a\", \"proposal\": \"p\", \"position\": 1, "
        "\"source\": \"x\", \"quote\": \"\\\"real\\\" deal, now.\"},\n"
        "  {\"actor\": \"a\", \"proposal\": \"p\", \"position\": 1, "
        "\"source\": \"x\", \"quote\": \"fake deal\"}]}\n";
    sg_corpus *c = NULL;
    assert_int_equal(sg_corpus_load_buffer(&c, text, strlen(text), "l.json",
                                           NULL, NULL),
                     0);
    sg_verify_result r;
    assert_int_equal(sg_verify_quotes(&r, c, "l.json", f->dir, f->diag),
                     SG_EINVALID);
    assert_int_equal(r.checked, 2);
    assert_int_equal(r.missing, 1);
    assert_int_equal(r.files, 1);
    assert_string_equal(sg_diag_message(f->diag, 0),
                        "l.json: stances[1].quote: not found in extra.txt: "
                        "\"fake deal\"");
    sg_corpus_free(c);
}

/* ---- sg_verify_normalize ------------------------------------------------ */

static void normalized(const char *in, const char *want)
{
    size_t len = strlen(in);
    char *buf = malloc(len + 1);
    assert_non_null(buf);
    memcpy(buf, in, len + 1);
    size_t got = sg_verify_normalize(buf, len);
    if (strcmp(buf, want) != 0 || got != strlen(want)) {
        print_error("normalize(\"%s\") = \"%s\" (%zu), expected \"%s\"\n", in,
                    buf, got, want);
        fail();
    }
    free(buf);
}

static void test_verify__normalize_space(void **state)
{
    (void)state;
    normalized("", "");
    normalized("abc", "abc");
    normalized("a  b", "a b");
    normalized("a \t\r\n\f\v b", "a b");
    normalized("  leading", "leading");
    normalized("trailing \n", "trailing");
    normalized("   ", "");
    normalized("one\ntwo\n\nthree", "one two three");
    normalized("a\xC2\xA0" "b", "a b");           /* no-break space */
    normalized("a\xE2\x80\x89" "b", "a b");       /* thin space */
    normalized("a\xE2\x80\xAF" "b", "a b");       /* narrow no-break */
    normalized("a\xE2\x80\x80\xE2\x80\x8A" "b", "a b"); /* en quad, hair */
    normalized("a \xC2\xA0\n b", "a b");
}

static void test_verify__normalize_quotes(void **state)
{
    (void)state;
    normalized("\xE2\x80\x9Chi\xE2\x80\x9D", "\"hi\"");       /* “hi” */
    normalized("\xE2\x80\x9Ehi\xE2\x80\x9F", "\"hi\"");       /* „hi‟ */
    normalized("\xE2\x80\x98x\xE2\x80\x99", "'x'");           /* ‘x’ */
    normalized("\xE2\x80\x9Ax\xE2\x80\x9B", "'x'");           /* ‚x‛ */
    normalized("\xC2\xAB" "a\xC2\xBB", "\"a\"");               /* «a» */
    normalized("it\xE2\x80\x99s", "it's");
    normalized("5\xE2\x80\xB2 6\xE2\x80\xB3", "5' 6\"");       /* primes */
    normalized("\"straight\" 'too'", "\"straight\" 'too'");
}

/* Nothing else is forgiven. */
static void test_verify__normalize_keeps_other_text(void **state)
{
    (void)state;
    normalized("caf\xC3\xA9", "caf\xC3\xA9");                 /* é */
    normalized("a\xE2\x80\x94" "b", "a\xE2\x80\x94" "b");     /* em dash */
    normalized("a\xE2\x80\x93" "b", "a\xE2\x80\x93" "b");     /* en dash */
    normalized("A-b.C", "A-b.C");
    normalized("\xE2\x80\x8B", "\xE2\x80\x8B"); /* zero-width space */
}

/* Only `len` bytes are read; the result is NUL-terminated. */
static void test_verify__normalize_length(void **state)
{
    (void)state;
    char buf[] = "ab  cd";
    assert_int_equal(sg_verify_normalize(buf, 4), 2);
    assert_string_equal(buf, "ab");
    char buf2[] = "x\xE2\x80\x9Cy";
    /* A quote mark cut by len is not decoded past len. */
    assert_int_equal(sg_verify_normalize(buf2, 3), 3);
    assert_memory_equal(buf2, "x\xE2\x80", 3);
    assert_int_equal(buf2[3], '\0');
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_verify__all_found),
        T(test_verify__stance_without_quote_ignored),
        T(test_verify__missing_quote),
        T(test_verify__empty_quote_missing),
        T(test_verify__long_quote_shortened),
        T(test_verify__source_without_file_unchecked),
        T(test_verify__missing_file_is_io_error),
        T(test_verify__missing_quote_and_file),
        T(test_verify__file_outside_dir_refused),
        cmocka_unit_test(test_verify__empty_corpus),
        T(test_verify__loaded_corpus),
        cmocka_unit_test(test_verify__normalize_space),
        cmocka_unit_test(test_verify__normalize_quotes),
        cmocka_unit_test(test_verify__normalize_keeps_other_text),
        cmocka_unit_test(test_verify__normalize_length),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
