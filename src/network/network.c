/* The attributed graph container shared by building, analysis and export. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/alloc.h"
#include "network/network_internal.h"
#include "stancegraph/network.h"
#include "model/util.h"

struct sg_network_priv {
    sg_arena arena;
    sg_strmap ids;
    size_t node_cap, edge_cap;
    /* Edge pairs already present, as (from << 32 | to) + 1 in an open
     * addressing table (0 = empty slot). */
    uint64_t *pairs;
    size_t pair_cap;
    /* Set when edges were added unchecked: the table is rebuilt before the
     * next checked insertion. */
    int pairs_stale;
};

const char *sg_network_kind_name(sg_network_kind kind)
{
    switch (kind) {
    case SG_NET_STANCES: return "stances";
    case SG_NET_ACTORS: return "actors";
    case SG_NET_PROPOSALS: return "proposals";
    }
    return "?";
}

int sg_network_new(sg_network **out, sg_network_kind kind)
{
    *out = NULL;
    sg_network *net = calloc(1, sizeof *net);
    sg_network_priv *priv = calloc(1, sizeof *priv);
    if (!net || !priv) {
        free(net);
        free(priv);
        return sg_seterr(SG_ENOMEM, "out of memory");
    }
    sg_arena_init(&priv->arena);
    sg_strmap_init(&priv->ids);
    net->kind = kind;
    net->priv = priv;
    *out = net;
    return 0;
}

static void free_columns(sg_column *cols, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(cols[i].str);
        free(cols[i].num);
        free(cols[i].missing);
    }
    free(cols);
}

void sg_network_free(sg_network *net)
{
    if (!net)
        return;
    free(net->node_id);
    free(net->node_kind);
    free(net->edge_from);
    free(net->edge_to);
    free(net->weight);
    free(net->net);
    free_columns(net->node_cols, net->n_node_cols);
    free_columns(net->edge_cols, net->n_edge_cols);
    if (net->priv) {
        sg_arena_free(&net->priv->arena);
        sg_strmap_free(&net->priv->ids);
        free(net->priv->pairs);
        free(net->priv);
    }
    free(net);
}

/* Resize the array at *arrp (a pointer to a per-node, per-edge or column
 * array) from `old` elements to `cap`, as sg_grow does for one with its own
 * capacity; these share the network's. 0 or SG_ENOMEM. */
static int grow_array(void *arrp, size_t old, size_t cap, size_t size)
{
    void *p = sg_realloc_big(*(void **)arrp, old * size, cap * size);
    if (!p)
        return sg_seterr(SG_ENOMEM, "out of memory");
    *(void **)arrp = p;
    return 0;
}

/* Resize one column's storage to `cap` rows, marking new rows missing. */
static int column_resize(sg_column *c, size_t old_rows, size_t cap)
{
    int rc;
    if (c->type == SG_COL_STRING) {
        if ((rc = grow_array(&c->str, old_rows, cap, sizeof *c->str)))
            return rc;
        for (size_t i = old_rows; i < cap; i++)
            c->str[i] = NULL;
        return 0;
    }
    if ((rc = grow_array(&c->num, old_rows, cap, sizeof *c->num)) ||
        (rc = grow_array(&c->missing, old_rows, cap, 1)))
        return rc;
    for (size_t i = old_rows; i < cap; i++) {
        c->num[i] = 0;
        c->missing[i] = 1;
    }
    return 0;
}

static int columns_resize(sg_column *cols, size_t n, size_t rows, size_t cap)
{
    for (size_t i = 0; i < n; i++) {
        int rc = column_resize(&cols[i], rows, cap);
        if (rc)
            return rc;
    }
    return 0;
}

int sg_network_add_node(sg_network *net, const char *id, sg_node_kind kind,
                        size_t *index_out)
{
    sg_network_priv *p = net->priv;
    if (!id || !*id)
        return sg_seterr(SG_EINVALID, "node id is empty");
    if (sg_strmap_get(&p->ids, id, NULL))
        return sg_seterr(SG_EINVALID, "duplicate node id \"%s\"", id);
    if (net->nnodes >= UINT32_MAX)
        return sg_seterr(SG_ELIMIT, "too many nodes");
    if (net->nnodes == p->node_cap) {
        size_t cap = p->node_cap ? 2 * p->node_cap : 64;
        int rc;
        if ((rc = grow_array(&net->node_id, net->nnodes, cap,
                             sizeof *net->node_id)) ||
            (rc = grow_array(&net->node_kind, net->nnodes, cap,
                             sizeof *net->node_kind)) ||
            (rc = columns_resize(net->node_cols, net->n_node_cols,
                                 net->nnodes, cap)))
            return rc;
        p->node_cap = cap;
    }
    char *copy = sg_arena_strdup(&p->arena, id);
    if (!copy || sg_strmap_put(&p->ids, copy, net->nnodes))
        return sg_seterr(SG_ENOMEM, "out of memory");
    net->node_id[net->nnodes] = copy;
    net->node_kind[net->nnodes] = kind;
    if (index_out)
        *index_out = net->nnodes;
    net->nnodes++;
    return 0;
}

static uint64_t pair_key(size_t a, size_t b)
{
    return (((uint64_t)a << 32) | (uint64_t)b) + 1;
}

static size_t pair_slot(const uint64_t *tab, size_t cap, uint64_t key)
{
    uint64_t h = key * 0x9E3779B97F4A7C15ULL;
    size_t i = (size_t)(h >> 17) & (cap - 1);
    while (tab[i] && tab[i] != key)
        i = (i + 1) & (cap - 1);
    return i;
}

/* Insert a pair; 1 when it was already there. */
static int pair_insert(sg_network_priv *p, uint64_t key, size_t count)
{
    if ((count + 1) * 2 >= p->pair_cap) {
        size_t cap = p->pair_cap ? 2 * p->pair_cap : 256;
        uint64_t *tab = sg_zalloc(cap, sizeof *tab);
        if (!tab)
            return sg_seterr(SG_ENOMEM, "out of memory");
        for (size_t i = 0; i < p->pair_cap; i++)
            if (p->pairs[i])
                tab[pair_slot(tab, cap, p->pairs[i])] = p->pairs[i];
        free(p->pairs);
        p->pairs = tab;
        p->pair_cap = cap;
    }
    size_t i = pair_slot(p->pairs, p->pair_cap, key);
    if (p->pairs[i])
        return 1;
    p->pairs[i] = key;
    return 0;
}

/* Room for `need` edges in the edge arrays and columns, doubling. */
static int reserve_edges(sg_network *net, size_t need)
{
    sg_network_priv *p = net->priv;
    if (need <= p->edge_cap)
        return 0;
    size_t cap = p->edge_cap ? p->edge_cap : 64;
    while (cap < need) {
        if (cap > SIZE_MAX / 2 / sizeof(double))
            return sg_seterr(SG_ENOMEM, "out of memory");
        cap *= 2;
    }
    size_t m = net->nedges;
    int rc;
    if ((rc = grow_array(&net->edge_from, m, cap, sizeof *net->edge_from)) ||
        (rc = grow_array(&net->edge_to, m, cap, sizeof *net->edge_to)) ||
        (rc = grow_array(&net->weight, m, cap, sizeof *net->weight)) ||
        (rc = grow_array(&net->net, m, cap, sizeof *net->net)) ||
        (rc = columns_resize(net->edge_cols, net->n_edge_cols, m, cap)))
        return rc;
    p->edge_cap = cap;
    return 0;
}

int sg_network_reserve(sg_network *net, size_t edges)
{
    return reserve_edges(net, edges);
}

static int check_edge(const sg_network *net, size_t a, size_t b,
                      double weight)
{
    if (a >= net->nnodes || b >= net->nnodes)
        return sg_seterr(SG_EINVALID, "edge endpoint out of range");
    if (a == b)
        return sg_seterr(SG_EINVALID, "self-loop on \"%s\"", net->node_id[a]);
    if (!(weight > 0) || weight > 1e300)
        return sg_seterr(SG_EINVALID, "edge weight must be finite and > 0");
    return 0;
}

static void append_edge(sg_network *net, size_t a, size_t b, double weight,
                        double netval, size_t *index_out)
{
    net->edge_from[net->nedges] = (uint32_t)(a < b ? a : b);
    net->edge_to[net->nedges] = (uint32_t)(a < b ? b : a);
    net->weight[net->nedges] = weight;
    net->net[net->nedges] = netval;
    if (index_out)
        *index_out = net->nedges;
    net->nedges++;
}

/* The duplicate table again, from the edge list, after unchecked adds. */
static int rebuild_pairs(sg_network *net)
{
    sg_network_priv *p = net->priv;
    free(p->pairs);
    p->pairs = NULL;
    p->pair_cap = 0;
    for (size_t e = 0; e < net->nedges; e++) {
        int rc =
            pair_insert(p, pair_key(net->edge_from[e], net->edge_to[e]), e);
        if (rc < 0)
            return rc; /* still stale: the next checked add starts over */
    }
    p->pairs_stale = 0;
    return 0;
}

int sg_network_add_edge(sg_network *net, size_t a, size_t b, double weight,
                        double netval, size_t *index_out)
{
    sg_network_priv *p = net->priv;
    int rc = check_edge(net, a, b, weight);
    if (rc || (p->pairs_stale && (rc = rebuild_pairs(net))))
        return rc;
    size_t lo = a < b ? a : b, hi = a < b ? b : a;
    if ((rc = pair_insert(p, pair_key(lo, hi), net->nedges)) < 0)
        return rc;
    if (rc == 1)
        return sg_seterr(SG_EINVALID, "duplicate edge \"%s\" -- \"%s\"",
                         net->node_id[lo], net->node_id[hi]);
    if ((rc = reserve_edges(net, net->nedges + 1)))
        return rc;
    append_edge(net, a, b, weight, netval, index_out);
    return 0;
}

int sg_network_add_edge_unique(sg_network *net, size_t a, size_t b,
                               double weight, double netval, size_t *index_out)
{
    int rc = check_edge(net, a, b, weight);
    if (rc || (rc = reserve_edges(net, net->nedges + 1)))
        return rc;
    net->priv->pairs_stale = 1;
    append_edge(net, a, b, weight, netval, index_out);
    return 0;
}

static int valid_column_name(const char *name)
{
    if (!name || !*name)
        return 0;
    for (const char *c = name; *c; c++)
        if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
              (*c >= '0' && *c <= '9') || *c == '_'))
            return 0;
    return 1;
}

int sg_network_add_column(sg_column **out, sg_network *net, sg_table table,
                          const char *name, sg_column_type type)
{
    *out = NULL;
    sg_column **cols = table == SG_NODES ? &net->node_cols : &net->edge_cols;
    size_t *n = table == SG_NODES ? &net->n_node_cols : &net->n_edge_cols;
    size_t rows_cap = table == SG_NODES ? net->priv->node_cap
                                        : net->priv->edge_cap;
    if (!valid_column_name(name))
        return sg_seterr(SG_EINVALID,
                         "attribute name \"%s\" must be letters, digits and _",
                         name ? name : "");
    for (size_t i = 0; i < *n; i++) {
        if (strcmp((*cols)[i].name, name) != 0)
            continue;
        if ((*cols)[i].type != type)
            return sg_seterr(SG_EINVALID,
                             "attribute \"%s\" exists with another type", name);
        *out = &(*cols)[i];
        return 0;
    }
    sg_column *grown = realloc(*cols, (*n + 1) * sizeof *grown);
    if (!grown)
        return sg_seterr(SG_ENOMEM, "out of memory");
    *cols = grown;
    sg_column *c = &grown[*n];
    memset(c, 0, sizeof *c);
    c->type = type;
    c->name = sg_arena_strdup(&net->priv->arena, name);
    if (!c->name)
        return sg_seterr(SG_ENOMEM, "out of memory");
    int rc = column_resize(c, 0, rows_cap ? rows_cap : 1);
    if (rc) {
        free(c->str);
        free(c->num);
        free(c->missing);
        return rc;
    }
    (*n)++;
    *out = c;
    return 0;
}

const sg_column *sg_network_column(const sg_network *net, sg_table table,
                                   const char *name)
{
    const sg_column *cols = table == SG_NODES ? net->node_cols : net->edge_cols;
    size_t n = table == SG_NODES ? net->n_node_cols : net->n_edge_cols;
    for (size_t i = 0; i < n; i++)
        if (strcmp(cols[i].name, name) == 0)
            return &cols[i];
    return NULL;
}

int sg_column_set_string(sg_network *net, sg_column *col, size_t row,
                         const char *value)
{
    if (!value) {
        col->str[row] = NULL;
        return 0;
    }
    const char *copy = sg_arena_strdup(&net->priv->arena, value);
    if (!copy)
        return sg_seterr(SG_ENOMEM, "out of memory");
    col->str[row] = copy;
    return 0;
}

void sg_column_set_number(sg_column *col, size_t row, double value)
{
    col->num[row] = value;
    col->missing[row] = 0;
}

long sg_network_find_node(const sg_network *net, const char *id)
{
    size_t i;
    return sg_strmap_get(&net->priv->ids, id, &i) ? (long)i : -1;
}

static const sg_network *rank_net;

/* Stronger first: |net|, then weight, then the lower edge index. */
static int stronger(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    double nx = fabs(rank_net->net[x]), ny = fabs(rank_net->net[y]);
    if (nx != ny)
        return nx > ny ? -1 : 1;
    if (rank_net->weight[x] != rank_net->weight[y])
        return rank_net->weight[x] > rank_net->weight[y] ? -1 : 1;
    return x < y ? -1 : x > y;
}

int sg_network_strongest_ties(unsigned char *out, const sg_network *net,
                              size_t k, int positive_only)
{
    size_t n = net->nnodes, m = net->nedges;
    size_t *start = calloc(n + 1, sizeof *start);
    size_t *inc = malloc((m ? 2 * m : 1) * sizeof *inc);
    int rc = 0;
    if (!start || !inc) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    memset(out, 0, m);
    /* Incidence lists, counting sort by end. */
    for (size_t e = 0; e < m; e++)
        if (!positive_only || net->net[e] > 0) {
            start[net->edge_from[e] + 1]++;
            start[net->edge_to[e] + 1]++;
        }
    for (size_t v = 0; v < n; v++)
        start[v + 1] += start[v];
    for (size_t e = 0; e < m; e++)
        if (!positive_only || net->net[e] > 0) {
            inc[start[net->edge_from[e]]++] = e;
            inc[start[net->edge_to[e]]++] = e;
        }
    for (size_t v = n; v > 0; v--)
        start[v] = start[v - 1];
    start[0] = 0;
    rank_net = net; /* qsort has no context argument */
    for (size_t v = 0; v < n; v++) {
        size_t d = start[v + 1] - start[v];
        if (d > k)
            qsort(inc + start[v], d, sizeof *inc, stronger);
        for (size_t i = 0; i < d && i < k; i++)
            out[inc[start[v] + i]] = 1;
    }

cleanup:
    free(start);
    free(inc);
    return rc;
}

void sg_network_keep_edges(sg_network *net, const unsigned char *keep)
{
    size_t w = 0;
    for (size_t e = 0; e < net->nedges; e++) {
        if (!keep[e])
            continue;
        net->edge_from[w] = net->edge_from[e];
        net->edge_to[w] = net->edge_to[e];
        net->weight[w] = net->weight[e];
        net->net[w] = net->net[e];
        for (size_t c = 0; c < net->n_edge_cols; c++) {
            sg_column *col = &net->edge_cols[c];
            if (col->type == SG_COL_STRING) {
                col->str[w] = col->str[e];
            } else {
                col->num[w] = col->num[e];
                col->missing[w] = col->missing[e];
            }
        }
        w++;
    }
    net->nedges = w;
    /* The pair table is rebuilt from the edge list when next needed. */
    net->priv->pairs_stale = 1;
}

int sg_network_set_title(sg_network *net, const char *title)
{
    net->title = NULL;
    if (!title)
        return 0;
    net->title = sg_arena_strdup(&net->priv->arena, title);
    return net->title ? 0 : sg_seterr(SG_ENOMEM, "out of memory");
}
