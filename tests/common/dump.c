#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dump.h"

typedef struct {
    char *s;
    size_t len, cap;
    int failed;
} out;

static void add(out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (o->failed || n < 0)
        return;
    if (o->len + (size_t)n + 1 > o->cap) {
        size_t cap = (o->cap + (size_t)n + 1) * 2;
        char *g = realloc(o->s, cap);
        if (!g) {
            o->failed = 1;
            return;
        }
        o->s = g;
        o->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(o->s + o->len, o->cap - o->len, fmt, ap);
    va_end(ap);
    o->len += (size_t)n;
}

static const char *n(const char *s) { return s ? s : "(null)"; }

static void entity(out *o, const sg_corpus *c, const sg_entity *e,
                   sg_node_kind kind)
{
    const sg_attr_key *keys = kind == SG_ACTOR ? c->actor_keys : c->proposal_keys;
    add(o, "%s id=[%s] label=[%s] type=[%s] group=[%s] topic=[%s]",
        kind == SG_ACTOR ? "actor" : "proposal", e->id, n(e->label),
        n(e->type), n(e->group), n(e->topic));
    for (size_t i = 0; i < e->nattrs; i++) {
        const sg_value *v = &e->attrs[i].value;
        add(o, " %s=", keys[e->attrs[i].key].name);
        if (v->type == SG_VALUE_STRING)
            add(o, "s[%s]", v->str);
        else if (v->type == SG_VALUE_NUMBER)
            add(o, "n[%.17g]", v->num);
        else
            add(o, "b[%d]", (int)v->num);
    }
    add(o, "\n");
}

char *sg_test_dump(const sg_corpus *c)
{
    out o = {0};
    add(&o, "title=[%s] skipped=%zu\n", n(c->title), c->skipped);
    for (size_t i = 0; i < c->nactor_keys; i++)
        add(&o, "actor key %s type %d\n", c->actor_keys[i].name,
            (int)c->actor_keys[i].type);
    for (size_t i = 0; i < c->nproposal_keys; i++)
        add(&o, "proposal key %s type %d\n", c->proposal_keys[i].name,
            (int)c->proposal_keys[i].type);
    for (size_t i = 0; i < c->nsources; i++) {
        const sg_source *s = &c->sources[i];
        add(&o, "source id=[%s] title=[%s] publisher=[%s] url=[%s] file=[%s] "
                "date=%ld\n",
            s->id, n(s->title), n(s->publisher), n(s->url), n(s->file),
            (long)s->date);
    }
    for (size_t i = 0; i < c->nactors; i++)
        entity(&o, c, &c->actors[i], SG_ACTOR);
    for (size_t i = 0; i < c->nproposals; i++)
        entity(&o, c, &c->proposals[i], SG_PROPOSAL);
    for (size_t i = 0; i < c->nstances; i++) {
        const sg_stance *s = &c->stances[i];
        add(&o, "stance %u %u %d w=%.17g d=%ld s=%ld q=[%s] n=[%s]\n",
            (unsigned)s->actor, (unsigned)s->proposal, (int)s->position,
            s->weight, (long)s->date, (long)s->source, n(s->quote),
            n(s->note));
    }
    if (o.failed) {
        free(o.s);
        return NULL;
    }
    return o.s ? o.s : calloc(1, 1);
}
