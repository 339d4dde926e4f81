/* The exporters on hand-built networks: exact bytes for small cases, the
 * escaping of every format, the checks made before writing, and atomic
 * output (a failed export leaves an existing file as it was). */
#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "output/export_internal.h"
#include "stancegraph.h"

/* ---- helpers --------------------------------------------------------- */

static sg_column *column(sg_network *net, sg_table t, const char *name,
                         sg_column_type type)
{
    sg_column *c = NULL;
    assert_int_equal(sg_network_add_column(&c, net, t, name, type), 0);
    return c;
}

static void set_string(sg_network *net, sg_table t, const char *name,
                       size_t row, const char *value)
{
    sg_column *c = column(net, t, name, SG_COL_STRING);
    assert_int_equal(sg_column_set_string(net, c, row, value), 0);
}

static void set_number(sg_network *net, sg_table t, const char *name,
                       sg_column_type type, size_t row, double value)
{
    sg_column_set_number(column(net, t, name, type), row, value);
}

/* a (actor "A", coalition 1) -- b (proposal "B"): weight 2, net -2. */
static sg_network *pair(void)
{
    sg_network *net = NULL;
    size_t a, b;
    assert_int_equal(sg_network_new(&net, SG_NET_STANCES), 0);
    assert_int_equal(sg_network_add_node(net, "a", SG_ACTOR, &a), 0);
    assert_int_equal(sg_network_add_node(net, "b", SG_PROPOSAL, &b), 0);
    assert_int_equal(sg_network_add_edge(net, a, b, 2, -2, NULL), 0);
    set_string(net, SG_NODES, "label", a, "A");
    set_string(net, SG_NODES, "label", b, "B");
    set_number(net, SG_NODES, "coalition", SG_COL_INT, a, 1);
    set_string(net, SG_EDGES, "stance", 0, "oppose");
    return net;
}

enum { DYNAMIC = 1, STRICT = 2 };

/* The whole output of one format, NUL-terminated; the caller frees.
 * `flags`: DYNAMIC, STRICT. */
static char *render(const sg_network *net, sg_export_format format,
                    int flags)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    sg_export_options o;
    sg_export_options_init(&o);
    o.dynamic = (flags & DYNAMIC) != 0;
    o.strict = (flags & STRICT) != 0;
    int rc = sg_export_stream(net, format, &o, f);
    assert_int_equal(fclose(f), 0);
    if (rc) {
        free(text);
        return NULL;
    }
    return text;
}

static char *dot_quoted(const char *s, int drawn)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    sg_export_dot_quoted(f, s, drawn);
    assert_int_equal(fclose(f), 0);
    return text;
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = calloc(1, 1 << 16);
    assert_non_null(buf);
    size_t n = fread(buf, 1, (1 << 16) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* Files in dir other than . and ..: temporaries would show up here. */
static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static char *temp_dir(void)
{
    char *dir = strdup("/tmp/sg-test-export-XXXXXX");
    assert_non_null(dir);
    assert_non_null(mkdtemp(dir));
    return dir;
}

static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char path[512];
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(path);
        else
            unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

/* ---- exact output ----------------------------------------------------- */

static void test_export__graphml_pair(void **state)
{
    (void)state;
    sg_network *net = pair();
    char *out = render(net, SG_EXPORT_GRAPHML, 0);
    const char *want =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
        "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
        "  <key id=\"n0\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
        "  <key id=\"n1\" for=\"node\" attr.name=\"coalition\" attr.type=\"int\"/>\n"
        "  <key id=\"n2\" for=\"node\" attr.name=\"r\" attr.type=\"int\"/>\n"
        "  <key id=\"n3\" for=\"node\" attr.name=\"g\" attr.type=\"int\"/>\n"
        "  <key id=\"n4\" for=\"node\" attr.name=\"b\" attr.type=\"int\"/>\n"
        "  <key id=\"n5\" for=\"node\" attr.name=\"size\" attr.type=\"double\"/>\n"
        "  <key id=\"e0\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
        "  <key id=\"e1\" for=\"edge\" attr.name=\"net\" attr.type=\"double\"/>\n"
        "  <key id=\"e2\" for=\"edge\" attr.name=\"stance\" attr.type=\"string\"/>\n"
        "  <key id=\"e3\" for=\"edge\" attr.name=\"r\" attr.type=\"int\"/>\n"
        "  <key id=\"e4\" for=\"edge\" attr.name=\"g\" attr.type=\"int\"/>\n"
        "  <key id=\"e5\" for=\"edge\" attr.name=\"b\" attr.type=\"int\"/>\n"
        "  <graph id=\"G\" edgedefault=\"undirected\">\n"
        "    <node id=\"a\">\n"
        "      <data key=\"n0\">A</data>\n"
        "      <data key=\"n1\">1</data>\n"
        "      <data key=\"n2\">230</data>\n"
        "      <data key=\"n3\">159</data>\n"
        "      <data key=\"n4\">0</data>\n"
        "      <data key=\"n5\">50</data>\n"
        "    </node>\n"
        "    <node id=\"b\">\n"
        "      <data key=\"n0\">B</data>\n"
        "      <data key=\"n2\">187</data>\n"
        "      <data key=\"n3\">187</data>\n"
        "      <data key=\"n4\">187</data>\n"
        "      <data key=\"n5\">50</data>\n"
        "    </node>\n"
        "    <edge source=\"a\" target=\"b\">\n"
        "      <data key=\"e0\">2</data>\n"
        "      <data key=\"e1\">-2</data>\n"
        "      <data key=\"e2\">oppose</data>\n"
        "      <data key=\"e3\">213</data>\n"
        "      <data key=\"e4\">94</data>\n"
        "      <data key=\"e5\">0</data>\n"
        "    </edge>\n"
        "  </graph>\n"
        "</graphml>\n";
    assert_string_equal(out, want);
    free(out);
    sg_network_free(net);
}

static void test_export__graphml_escapes(void **state)
{
    (void)state;
    sg_network *net = pair();
    size_t c;
    assert_int_equal(sg_network_add_node(net, "x\"<&>'\n\t\r", SG_ACTOR, &c),
                     0);
    set_string(net, SG_NODES, "label", c, "q\"<&>' ]]> -->\n\t\r");
    assert_int_equal(sg_network_set_title(net, "T&<"), 0);
    char *out = render(net, SG_EXPORT_GRAPHML, 0);
    /* Attribute values: every character that normalisation would change
     * is a reference; content keeps tab and LF, but not CR. */
    assert_non_null(strstr(out, "<node id=\"x&quot;&lt;&amp;&gt;&apos;"
                                "&#10;&#9;&#13;\">\n"));
    assert_non_null(strstr(out, "<data key=\"n0\">q\"&lt;&amp;&gt;' ]]&gt; "
                                "--&gt;\n\t&#13;</data>\n"));
    assert_non_null(strstr(out, "<desc>T&amp;&lt;</desc>"));
    free(out);
    sg_network_free(net);
}

static void test_export__json_pair(void **state)
{
    (void)state;
    sg_network *net = pair();
    set_number(net, SG_NODES, "score", SG_COL_NUMBER, 0, 0.1);
    set_number(net, SG_NODES, "score", SG_COL_NUMBER, 1, NAN);
    set_number(net, SG_NODES, "active", SG_COL_BOOL, 0, 1);
    set_string(net, SG_EDGES, "quotes", 0, "\"q\"\\\n\x01\x1f/é");
    assert_int_equal(sg_network_set_title(net, "T"), 0);
    char *out = render(net, SG_EXPORT_JSON, 0);
    const char *want =
        "{\n"
        "  \"directed\": false,\n"
        "  \"multigraph\": false,\n"
        "  \"graph\": {\"network\": \"stances\", \"title\": \"T\"},\n"
        "  \"nodes\": [\n"
        "    {\"id\": \"a\", \"label\": \"A\", \"coalition\": 1, "
        "\"score\": 0.1, \"active\": true},\n"
        "    {\"id\": \"b\", \"label\": \"B\"}\n"
        "  ],\n"
        "  \"links\": [\n"
        "    {\"source\": \"a\", \"target\": \"b\", \"weight\": 2, "
        "\"net\": -2, \"stance\": \"oppose\", "
        "\"quotes\": \"\\\"q\\\"\\\\\\n\\u0001\\u001f/é\"}\n"
        "  ]\n"
        "}\n";
    assert_string_equal(out, want);
    free(out);
    sg_network_free(net);
}

static void test_export__json_empty(void **state)
{
    (void)state;
    sg_network *net = NULL;
    assert_int_equal(sg_network_new(&net, SG_NET_ACTORS), 0);
    char *out = render(net, SG_EXPORT_JSON, 0);
    assert_string_equal(out, "{\n  \"directed\": false,\n  \"multigraph\": "
                             "false,\n  \"graph\": {\"network\": \"actors\"},\n"
                             "  \"nodes\": [],\n  \"links\": []\n}\n");
    free(out);
    sg_network_free(net);
}

static void test_export__csv_pair(void **state)
{
    (void)state;
    sg_network *net = pair();
    size_t c;
    assert_int_equal(sg_network_add_node(net, "c,\"d\"", SG_ACTOR, &c), 0);
    set_string(net, SG_NODES, "label", c, "line\r\nbreak");
    set_string(net, SG_NODES, "group", c, "");
    set_string(net, SG_NODES, "group", 0, " padded");
    char *out = render(net, SG_EXPORT_CSV, 0);
    const char *want = "Id,Label,coalition,group\n"
                       "a,A,1,\" padded\"\n"
                       "b,B,,\n"
                       "\"c,\"\"d\"\"\",\"line\r\nbreak\",,\"\"\n"
                       "\n"
                       "Source,Target,Type,Weight,net,stance\n"
                       "a,b,Undirected,2,-2,oppose\n";
    assert_string_equal(out, want);
    free(out);
    sg_network_free(net);
}

static void test_export__gexf_pair(void **state)
{
    (void)state;
    sg_network *net = pair();
    set_string(net, SG_EDGES, "first_date", 0, "2025-02-12");
    set_string(net, SG_EDGES, "last_date", 0, "2025-02-14");
    char *out = render(net, SG_EXPORT_GEXF, 0);
    assert_non_null(strstr(out,
                           "<gexf xmlns=\"http://www.gexf.net/1.2draft\" "
                           "xmlns:viz=\"http://www.gexf.net/1.2draft/viz\" "
                           "version=\"1.2\">\n"));
    assert_null(strstr(out, "schemaLocation"));
    assert_non_null(
        strstr(out, "<graph defaultedgetype=\"undirected\" mode=\"static\">"));
    /* The label is the node's own attribute, not a declared one. */
    assert_null(strstr(out, "title=\"label\""));
    assert_non_null(strstr(out,
                           "      <node id=\"a\" label=\"A\">\n"
                           "        <attvalues>\n"
                           "          <attvalue for=\"coalition\" value=\"1\"/>\n"
                           "        </attvalues>\n"
                           "        <viz:color r=\"230\" g=\"159\" b=\"0\"/>\n"
                           "        <viz:size value=\"50\"/>\n"
                           "      </node>\n"));
    assert_non_null(strstr(out, "<node id=\"b\" label=\"B\">\n"
                                "        <viz:color"));
    assert_non_null(strstr(out, "<edge id=\"0\" source=\"a\" target=\"b\" "
                                "weight=\"2\">\n"));
    assert_null(strstr(out, "<spells>"));
    free(out);

    /* Dynamic: a two-mode tie spans its first to last statement date. */
    out = render(net, SG_EXPORT_GEXF, DYNAMIC);
    assert_non_null(strstr(out, "mode=\"dynamic\" timeformat=\"date\">"));
    assert_non_null(strstr(out,
                           "        <spells>\n"
                           "          <spell start=\"2025-02-12\" "
                           "end=\"2025-02-14\"/>\n"
                           "        </spells>\n"));
    free(out);
    /* A spells column wins, on nodes too; NAME_by_window runs become the
     * dynamic attribute window_NAME, declared first in a dynamic block
     * and again in the static one (graphology reads only the last). */
    set_string(net, SG_EDGES, "spells", 0,
               "2025-02-12/2025-02-12;2025-02-20/2025-02-28");
    set_string(net, SG_NODES, "spells", 0, "2025-02-12/2025-02-28");
    set_string(net, SG_NODES, "coalition_by_window", 0,
               "2025-02-12/2025-02-19=1;2025-02-20/2025-02-28=2");
    out = render(net, SG_EXPORT_GEXF, 1);
    assert_non_null(strstr(out,
                           "    <attributes class=\"node\" mode=\"dynamic\">\n"
                           "      <attribute id=\"window_coalition\" "
                           "title=\"window_coalition\" type=\"integer\"/>\n"
                           "    </attributes>\n"
                           "    <attributes class=\"node\">\n"));
    assert_non_null(strstr(out,
                           "          <attvalue for=\"window_coalition\" "
                           "value=\"1\" start=\"2025-02-12\" "
                           "end=\"2025-02-19\"/>\n"
                           "          <attvalue for=\"window_coalition\" "
                           "value=\"2\" start=\"2025-02-20\" "
                           "end=\"2025-02-28\"/>\n"
                           "        </attvalues>\n"
                           "        <spells>\n"
                           "          <spell start=\"2025-02-12\" "
                           "end=\"2025-02-28\"/>\n"
                           "        </spells>\n"));
    assert_non_null(strstr(out,
                           "        <spells>\n"
                           "          <spell start=\"2025-02-12\" "
                           "end=\"2025-02-12\"/>\n"
                           "          <spell start=\"2025-02-20\" "
                           "end=\"2025-02-28\"/>\n"
                           "        </spells>\n"));
    free(out);
    sg_network_free(net);
}

/* Layout positions: GEXF carries them as viz:position (with the z the viz
 * schema requires), not as attributes; GraphML as the keys x and y, which
 * Gephi's GraphML importer reads as positions. */
static void test_export__positions(void **state)
{
    (void)state;
    sg_network *net = pair();
    set_number(net, SG_NODES, "x", SG_COL_NUMBER, 0, -12.5);
    set_number(net, SG_NODES, "y", SG_COL_NUMBER, 0, 300);
    set_number(net, SG_NODES, "x", SG_COL_NUMBER, 1, 0);
    set_number(net, SG_NODES, "y", SG_COL_NUMBER, 1, -0.25);
    char *out = render(net, SG_EXPORT_GEXF, 0);
    assert_null(strstr(out, "title=\"x\""));
    assert_null(strstr(out, "for=\"y\""));
    assert_non_null(strstr(out, "        <viz:color r=\"230\" g=\"159\" "
                                "b=\"0\"/>\n"
                                "        <viz:position x=\"-12.5\" y=\"300\" "
                                "z=\"0\"/>\n"));
    assert_non_null(strstr(out, "<viz:position x=\"0\" y=\"-0.25\" "
                                "z=\"0\"/>"));
    free(out);
    out = render(net, SG_EXPORT_GRAPHML, 0);
    assert_non_null(strstr(out, "<key id=\"n2\" for=\"node\" attr.name=\"x\" "
                                "attr.type=\"double\"/>"));
    assert_non_null(strstr(out, "<data key=\"n2\">-12.5</data>\n"
                                "      <data key=\"n3\">300</data>"));
    free(out);
    sg_network_free(net);
}

/* Numeric columns whose values are all whole are declared integers: a
 * CSV's seats column loads as a number. */
static void test_export__whole_numbers_are_integers(void **state)
{
    (void)state;
    sg_network *net = pair();
    set_number(net, SG_NODES, "seats", SG_COL_NUMBER, 0, 12);
    set_number(net, SG_NODES, "seats", SG_COL_NUMBER, 1, -7);
    set_number(net, SG_NODES, "votes", SG_COL_NUMBER, 0, 3e9);
    set_number(net, SG_NODES, "share", SG_COL_NUMBER, 0, 12);
    set_number(net, SG_NODES, "share", SG_COL_NUMBER, 1, 0.5);
    char *out = render(net, SG_EXPORT_GEXF, 0);
    assert_non_null(strstr(out, "title=\"seats\" type=\"integer\""));
    assert_non_null(strstr(out, "title=\"votes\" type=\"long\""));
    assert_non_null(strstr(out, "title=\"share\" type=\"double\""));
    free(out);
    out = render(net, SG_EXPORT_GRAPHML, 0);
    assert_non_null(strstr(out, "attr.name=\"seats\" attr.type=\"int\""));
    assert_non_null(strstr(out, "attr.name=\"votes\" attr.type=\"long\""));
    assert_non_null(strstr(out, "attr.name=\"share\" attr.type=\"double\""));
    free(out);
    sg_network_free(net);
}

/* ---- DOT ---------------------------------------------------------------- */

static void test_export__dot_quoting(void **state)
{
    (void)state;
    static const char *const cases[][3] = {
        /* input, as a name, as drawn text */
        {"plain", "\"plain\"", "\"plain\""},
        {"node", "\"node\"", "\"node\""},
        {"a\"b", "\"a\\\"b\"", "\"a\\\"b\""},
        {"end\\", "\"end\\\\\"", "\"end\\\\\""},
        {"\\N \\n", "\"\\\\N \\\\n\"", "\"\\\\N \\\\n\""},
        {"two\nlines\r", "\"two\\nlines\\r\"", "\"two\\nlines\\r\""},
        {"A&B &amp;", "\"A&B &amp;\"", "\"A&amp;B &amp;amp;\""},
        {"} ] -- subgraph {", "\"} ] -- subgraph {\"",
         "\"} ] -- subgraph {\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *name = dot_quoted(cases[i][0], 0);
        char *text = dot_quoted(cases[i][0], 1);
        assert_string_equal(name, cases[i][1]);
        assert_string_equal(text, cases[i][2]);
        free(name);
        free(text);
    }
}

static void test_export__dot_drawing(void **state)
{
    (void)state;
    sg_network *net = pair();
    size_t c, d;
    /* A node named like a legend node must not meet one. */
    assert_int_equal(sg_network_add_node(net, "legend_0", SG_ACTOR, &c), 0);
    assert_int_equal(sg_network_add_node(net, "d", SG_ACTOR, &d), 0);
    set_number(net, SG_NODES, "coalition", SG_COL_INT, c, 1);
    set_number(net, SG_NODES, "coalition", SG_COL_INT, d, 2);
    /* The proposal backed by coalition 1 takes its colour, not its box. */
    set_number(net, SG_NODES, "coalition", SG_COL_INT, 1, 1);
    assert_int_equal(sg_network_add_edge(net, d, 1, 1, 1, NULL), 0);
    char *out = render(net, SG_EXPORT_DOT, 0);
    assert_true(strncmp(out, "graph \"stances\" {\n", 18) == 0);
    /* Coalition 1 has two members: a cluster; coalition 2 only one. */
    assert_non_null(strstr(out, "  subgraph \"cluster_1\" {\n"
                                "    graph [label=\"Coalition 1\", "
                                "color=\"#E69F00\", style=\"rounded\", "
                                "penwidth=\"2\"];\n"
                                "    \"a\" [label=\"A\", shape=\"ellipse\""));
    assert_null(strstr(out, "cluster_2"));
    assert_non_null(strstr(out, "\n  \"b\" [label=\"B\", shape=\"box\", "
                                "fillcolor=\"#E69F00\""));
    assert_non_null(strstr(out, "\"a\" -- \"b\" [color=\"#D55E00\", "
                                "style=\"dashed\", penwidth=\"6\""));
    assert_non_null(strstr(out, "\"b\" -- \"d\" [color=\"#0072B2\", "
                                "style=\"solid\", penwidth=\"3.5\""));
    assert_non_null(strstr(out, "data_coalition=\"1\""));
    /* The legend is the graph's label, written last (clusters must not
     * inherit it): coalition 1's colour and size, shapes, the two kinds of
     * tie present. */
    const char *label = strstr(out, "  graph [labelloc=\"t\", labeljust=\"l\", "
                                    "label=<<TABLE ");
    assert_non_null(label);
    assert_string_equal(label + strlen(label) - 16, "  </TABLE>>];\n}\n");
    assert_true(label > strstr(out, "cluster_1"));
    assert_non_null(strstr(label, "<FONT COLOR=\"#E69F00\">\xE2\x96\xA0</FONT> "
                                  "Coalition 1 (2)"));
    assert_null(strstr(label, "Coalition 2")); /* one member: no entry */
    assert_non_null(strstr(label, "ellipse: actor, box: proposal"));
    assert_non_null(strstr(label, "<FONT COLOR=\"#0072B2\">\xE2\x94\x81\xE2\x94\x81"
                                  "\xE2\x94\x81</FONT> supports"));
    assert_non_null(strstr(label, "<FONT COLOR=\"#D55E00\">\xE2\x95\x8D\xE2\x95\x8D"
                                  "</FONT> opposes"));
    assert_null(strstr(out, "ambivalent")); /* no such tie here */
    free(out);

    /* Names for the boxes and the legend, escaped; a note; no boxes for
     * the engines that cannot keep members inside them. */
    static const char *const names[] = {"For <\"trams\"> & buses"};
    sg_export_options o;
    sg_export_options_init(&o);
    o.coalition_names = names;
    o.ncoalition_names = 1;
    o.note = "Bounded: 3 ties";
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_int_equal(sg_export_stream(net, SG_EXPORT_DOT, &o, f), 0);
    assert_int_equal(fclose(f), 0);
    assert_non_null(strstr(text, "graph [label=\"For <\\\"trams\\\"> &amp; buses\", "
                                 "color=\"#E69F00\""));
    assert_non_null(strstr(text, "</FONT> For &lt;&quot;trams&quot;&gt; &amp; "
                                 "buses (2)"));
    assert_non_null(strstr(text, "<FONT POINT-SIZE=\"10\">Bounded: 3 ties</FONT>"));
    free(text);
    o.no_clusters = 1;
    f = open_memstream(&text, &len);
    assert_int_equal(sg_export_stream(net, SG_EXPORT_DOT, &o, f), 0);
    assert_int_equal(fclose(f), 0);
    assert_null(strstr(text, "subgraph"));
    assert_non_null(strstr(text, "buses (2)"));
    free(text);
    sg_network_free(net);
}

static void test_export__dot_empty(void **state)
{
    (void)state;
    sg_network *net = NULL;
    assert_int_equal(sg_network_new(&net, SG_NET_ACTORS), 0);
    assert_int_equal(sg_network_set_title(net, "\"Title\" & \\"), 0);
    char *out = render(net, SG_EXPORT_DOT, 0);
    assert_string_equal(
        out, "graph \"actors\" {\n"
             "  graph [fontname=\"Helvetica\", fontsize=\"16\", "
             "outputorder=\"edgesfirst\", overlap=\"false\", pad=\"0.3\"];\n"
             "  node [fontname=\"Helvetica\", fontsize=\"11\", "
             "style=\"filled\", color=\"#333333\"];\n"
             "  edge [fontname=\"Helvetica\", fontsize=\"9\"];\n"
             "  graph [labelloc=\"t\", labeljust=\"l\", label=<<TABLE "
             "BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" "
             "CELLPADDING=\"2\">\n"
             "    <TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"18\">&quot;Title"
             "&quot; &amp; \\</FONT></TD></TR>\n"
             "  </TABLE>>];\n"
             "}\n");
    free(out);
    sg_network_free(net);
}

/* ---- checks before writing ----------------------------------------------- */

/* By default the XML formats write U+FFFD for what XML cannot carry, and
 * sg_export_scan() tells how many and where the first was. */
static void test_export__replaces_control_characters(void **state)
{
    (void)state;
    sg_network *net = pair();
    set_string(net, SG_NODES, "label", 1, "bell\a\x01 x\xef\xbf\xbe");
    set_string(net, SG_EDGES, "stance", 0, "\x1b[31m");
    static const sg_export_format xml[] = {SG_EXPORT_GRAPHML, SG_EXPORT_GEXF,
                                           SG_EXPORT_DOT};
    for (size_t i = 0; i < 3; i++) {
        char *out = render(net, xml[i], 0);
        assert_non_null(out);
        assert_non_null(strstr(out, "bell\xef\xbf\xbd\xef\xbf\xbd x\xef\xbf\xbd"));
        assert_non_null(strstr(out, "\xef\xbf\xbd[31m"));
        assert_null(strchr(out, '\a'));
        assert_null(strchr(out, '\x1b'));
        assert_null(strstr(out, "\xef\xbf\xbe"));
        free(out);
        sg_export_replaced r;
        assert_int_equal(sg_export_scan(&r, net, xml[i]), 0);
        assert_int_equal(r.count, 4);
        assert_int_equal(r.first, 7);
        assert_string_equal(r.where, "node \"b\" attribute \"label\"");
    }
    sg_export_replaced r;
    assert_int_equal(sg_export_scan(&r, net, SG_EXPORT_JSON), 0);
    assert_int_equal(r.count, 0);

    /* Ids that would become one after replacement are refused. */
    assert_int_equal(sg_network_add_node(net, "c\x01", SG_ACTOR, NULL), 0);
    assert_int_equal(sg_network_add_node(net, "c\x02", SG_ACTOR, NULL), 0);
    assert_null(render(net, SG_EXPORT_GEXF, 0));
    assert_string_equal(sg_error_last(),
                        "cannot write GEXF: the id of node \"c?\" becomes "
                        "another node's once the characters XML 1.0 cannot "
                        "carry are replaced (JSON and CSV keep them)");
    char *out = render(net, SG_EXPORT_JSON, 0);
    assert_non_null(out);
    free(out);
    sg_network_free(net);
}

/* With the strict option they are refused, naming where. */
static void test_export__rejects_control_characters(void **state)
{
    (void)state;
    sg_network *net = pair();
    set_string(net, SG_NODES, "label", 1, "bell\a");
    static const sg_export_format xml[] = {SG_EXPORT_GRAPHML, SG_EXPORT_GEXF,
                                           SG_EXPORT_DOT};
    for (size_t i = 0; i < 3; i++) {
        assert_null(render(net, xml[i], STRICT));
        assert_non_null(strstr(sg_error_last(), "node \"b\" attribute "
                                                "\"label\" contains U+0007"));
    }
    char *out = render(net, SG_EXPORT_JSON, 0);
    assert_non_null(strstr(out, "bell\\u0007"));
    free(out);
    out = render(net, SG_EXPORT_CSV, 0);
    assert_non_null(strstr(out, "bell\a"));
    free(out);

    /* U+FFFF is valid UTF-8 and still no XML character; an id with a
     * control character is named safely in the message. */
    set_string(net, SG_NODES, "label", 1, "B");
    set_string(net, SG_EDGES, "stance", 0, "x\xef\xbf\xbf");
    assert_null(render(net, SG_EXPORT_GRAPHML, STRICT));
    assert_non_null(strstr(sg_error_last(), "edge \"a\" -- \"b\" attribute "
                                            "\"stance\" contains U+FFFF"));
    set_string(net, SG_EDGES, "stance", 0, "oppose");
    size_t c;
    assert_int_equal(sg_network_add_node(net, "id\x1b[31m", SG_ACTOR, &c), 0);
    assert_null(render(net, SG_EXPORT_DOT, STRICT));
    assert_non_null(strstr(sg_error_last(), "the id of node \"id?[31m\""));
    sg_network_free(net);
}

static void test_export__rejects_invalid_utf8(void **state)
{
    (void)state;
    sg_network *net = pair();
    set_string(net, SG_NODES, "label", 0, "bad \xc3(");
    for (int f = SG_EXPORT_GRAPHML; f <= SG_EXPORT_JSON; f++) {
        assert_null(render(net, (sg_export_format)f, 0));
        assert_non_null(strstr(sg_error_last(), "node \"a\" attribute "
                                                "\"label\" is not valid UTF-8"));
    }
    sg_network_free(net);
}

static void test_export__reserved_columns(void **state)
{
    (void)state;
    sg_network *net = pair();
    set_number(net, SG_EDGES, "weight", SG_COL_NUMBER, 0, 1);
    assert_null(render(net, SG_EXPORT_JSON, 0));
    assert_non_null(strstr(sg_error_last(), "\"weight\" is reserved"));
    sg_network_free(net);
}

static void test_export__never_nan(void **state)
{
    (void)state;
    sg_network *net = pair();
    set_number(net, SG_NODES, "score", SG_COL_NUMBER, 0, NAN);
    set_number(net, SG_NODES, "score", SG_COL_NUMBER, 1, INFINITY);
    set_number(net, SG_EDGES, "ratio", SG_COL_NUMBER, 0, -INFINITY);
    for (int f = SG_EXPORT_GRAPHML; f <= SG_EXPORT_JSON; f++) {
        char *out = render(net, (sg_export_format)f, 0);
        assert_non_null(out);
        assert_null(strstr(out, "nan"));
        assert_null(strstr(out, "inf"));
        free(out);
    }
    sg_network_free(net);
}

/* ---- names ------------------------------------------------------------------ */

static void test_export__format_names(void **state)
{
    (void)state;
    sg_export_format f;
    assert_int_equal(sg_export_format_parse(&f, "gexf"), 0);
    assert_int_equal(f, SG_EXPORT_GEXF);
    assert_int_equal(sg_export_format_parse(&f, "gv"), 0);
    assert_int_equal(f, SG_EXPORT_DOT);
    assert_int_equal(sg_export_format_parse(&f, "xls"), SG_EUSAGE);
    assert_string_equal(sg_export_format_name(SG_EXPORT_CSV), "csv");
    assert_int_equal(sg_export_format_from_path(&f, "dir.json/net.GraphML"), 0);
    assert_int_equal(f, SG_EXPORT_GRAPHML);
    assert_int_equal(sg_export_format_from_path(&f, "out.dot"), 0);
    assert_int_equal(f, SG_EXPORT_DOT);
    assert_int_equal(sg_export_format_from_path(&f, "dir.json/net"), SG_EUSAGE);

    char nodes[64], edges[64];
    sg_export_csv_paths("out/net.CSV", nodes, edges);
    assert_string_equal(nodes, "out/net.nodes.csv");
    assert_string_equal(edges, "out/net.edges.csv");
    sg_export_csv_paths("net", nodes, edges);
    assert_string_equal(nodes, "net.nodes.csv");
}

/* ---- atomic output ------------------------------------------------------------ */

static void test_export__keeps_existing_file(void **state)
{
    (void)state;
    char *dir = temp_dir(), path[256];
    snprintf(path, sizeof path, "%s/out.graphml", dir);
    write_file(path, "OLD");
    sg_network *net = pair();
    set_string(net, SG_NODES, "label", 0, "bad \xff");
    assert_int_equal(sg_export_write(net, SG_EXPORT_GRAPHML, NULL, path),
                     SG_EINVALID);
    char *text = read_file(path);
    assert_string_equal(text, "OLD");
    free(text);
    assert_int_equal(count_entries(dir), 1);

    set_string(net, SG_NODES, "label", 0, "A");
    assert_int_equal(sg_export_write(net, SG_EXPORT_JSON, NULL, path), 0);
    text = read_file(path);
    assert_true(strncmp(text, "{\n", 2) == 0);
    free(text);
    assert_int_equal(count_entries(dir), 1);
    sg_network_free(net);
    remove_tree(dir);
    free(dir);
}

static void test_export__missing_directory(void **state)
{
    (void)state;
    sg_network *net = pair();
    assert_int_equal(sg_export_write(net, SG_EXPORT_GRAPHML, NULL,
                                     "/nonexistent-sg-dir/out.graphml"),
                     SG_EIO);
    assert_non_null(strstr(sg_error_last(), "/nonexistent-sg-dir/out.graphml"));
    sg_network_free(net);
}

static void test_export__full_disk(void **state)
{
    (void)state;
    sg_network *net = pair();
    assert_int_equal(
        sg_export_write(net, SG_EXPORT_GRAPHML, NULL, "/dev/full"), SG_EIO);
    assert_non_null(strstr(sg_error_last(), "No space left on device"));
    struct stat st;
    assert_int_equal(stat("/dev/full", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    sg_network_free(net);
}

static void test_export__csv_both_or_neither(void **state)
{
    (void)state;
    char *dir = temp_dir(), stem[256], nodes[256], edges[256];
    snprintf(stem, sizeof stem, "%s/net.csv", dir);
    sg_export_csv_paths(stem, nodes, edges);
    sg_network *net = pair();

    /* The edges table cannot replace a directory: the nodes table is
     * rolled back to what it was. */
    write_file(nodes, "OLD");
    assert_int_equal(mkdir(edges, 0755), 0);
    assert_int_equal(sg_export_write(net, SG_EXPORT_CSV, NULL, stem), SG_EIO);
    char *text = read_file(nodes);
    assert_string_equal(text, "OLD");
    free(text);
    assert_int_equal(count_entries(dir), 2);

    /* ... or removed when there was none. */
    unlink(nodes);
    assert_int_equal(sg_export_write(net, SG_EXPORT_CSV, NULL, stem), SG_EIO);
    assert_int_equal(access(nodes, F_OK), -1);
    assert_int_equal(count_entries(dir), 1);

    rmdir(edges);
    assert_int_equal(sg_export_write(net, SG_EXPORT_CSV, NULL, stem), 0);
    text = read_file(edges);
    assert_string_equal(text, "Source,Target,Type,Weight,net,stance\n"
                              "a,b,Undirected,2,-2,oppose\n");
    free(text);
    assert_int_equal(count_entries(dir), 2);
    sg_network_free(net);
    remove_tree(dir);
    free(dir);
}

static void test_export__same_file(void **state)
{
    (void)state;
    char *dir = temp_dir(), a[256], b[256], c[256];
    snprintf(a, sizeof a, "%s/a.json", dir);
    snprintf(b, sizeof b, "%s/./a.json", dir);
    snprintf(c, sizeof c, "%s/c.json", dir);
    write_file(a, "{}");
    assert_true(sg_export_same_file(a, b));
    assert_false(sg_export_same_file(a, c)); /* c does not exist */
    assert_int_equal(link(a, c), 0);
    assert_true(sg_export_same_file(a, c));
    assert_false(sg_export_same_file("-", a));
    remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_export__graphml_pair),
        cmocka_unit_test(test_export__graphml_escapes),
        cmocka_unit_test(test_export__json_pair),
        cmocka_unit_test(test_export__json_empty),
        cmocka_unit_test(test_export__csv_pair),
        cmocka_unit_test(test_export__gexf_pair),
        cmocka_unit_test(test_export__positions),
        cmocka_unit_test(test_export__whole_numbers_are_integers),
        cmocka_unit_test(test_export__dot_quoting),
        cmocka_unit_test(test_export__dot_drawing),
        cmocka_unit_test(test_export__dot_empty),
        cmocka_unit_test(test_export__replaces_control_characters),
        cmocka_unit_test(test_export__rejects_control_characters),
        cmocka_unit_test(test_export__rejects_invalid_utf8),
        cmocka_unit_test(test_export__reserved_columns),
        cmocka_unit_test(test_export__never_nan),
        cmocka_unit_test(test_export__format_names),
        cmocka_unit_test(test_export__keeps_existing_file),
        cmocka_unit_test(test_export__missing_directory),
        cmocka_unit_test(test_export__full_disk),
        cmocka_unit_test(test_export__csv_both_or_neither),
        cmocka_unit_test(test_export__same_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
