// SPDX-License-Identifier: MIT
/* shapes.c - implementation of the kbindgen demo library, see shapes.h */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shapes.h"

unsigned int shapes_live;
static unsigned int next_id = 1;

struct scene *scene_new(void)
{
	struct scene *sc = calloc(1, sizeof(*sc));

	if (!sc)
		return NULL;
	list_init(&sc->shapes);
	return sc;
}

void scene_free(struct scene *sc)
{
	if (!sc)
		return;
	while (sc->shapes.next != &sc->shapes) {
		struct shape *s = container_of(sc->shapes.next, struct shape, node);

		list_del(&s->node);
		free(s);
		shapes_live--;
	}
	free(sc);
}

void scene_add(struct scene *sc, struct shape *s)
{
	list_add_tail(&s->node, &sc->shapes);
	sc->count++;
	if (sc->on_add)
		sc->on_add(s, sc->on_add_ctx);
}

int scene_for_each(struct scene *sc, shape_visit_fn fn, void *ctx)
{
	struct list_head *pos, *next;
	int ret;

	/* 'next' is fetched first so a visitor may unlink the current shape */
	for (pos = sc->shapes.next; pos != &sc->shapes; pos = next) {
		next = pos->next;
		ret = fn(container_of(pos, struct shape, node), ctx);
		if (ret)
			return ret;
	}
	return 0;
}

double scene_total_area(const struct scene *sc)
{
	const struct list_head *pos;
	double sum = 0;

	for (pos = sc->shapes.next; pos != &sc->shapes; pos = pos->next)
		sum += shape_area(container_of(pos, struct shape, node));
	return sum;
}

static struct shape *shape_alloc(const char *name, enum shape_kind kind)
{
	struct shape *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	list_init(&s->node);
	s->kind = kind;
	s->id = next_id++;
	shape_set_flags(s, SHAPE_F_DEFAULT);
	shape_set_color(s, 0, 0, 0);
	snprintf(s->name, sizeof(s->name), "%s", name ? name : "");
	shapes_live++;
	return s;
}

struct shape *shape_new_circle(const char *name, double r)
{
	struct shape *s = shape_alloc(name, SHAPE_CIRCLE);

	if (s)
		s->circle.r = r;
	return s;
}

struct shape *shape_new_rect(const char *name, struct rect r)
{
	struct shape *s = shape_alloc(name, SHAPE_RECT);

	if (s)
		s->rect = r;
	return s;
}

struct shape *shape_new_triangle(const char *name, const struct point p[3])
{
	struct shape *s = shape_alloc(name, SHAPE_TRIANGLE);

	if (s)
		memcpy(s->tri.p, p, sizeof(s->tri.p));
	return s;
}

void shape_set_flags(struct shape *s, unsigned int flags)
{
	s->visible = !!(flags & SHAPE_F_VISIBLE);
	s->filled = !!(flags & SHAPE_F_FILLED);
}

void shape_set_color(struct shape *s, uint8_t r, uint8_t g, uint8_t b)
{
	s->color.rgba = (uint32_t)r << 24 | (uint32_t)g << 16 |
			(uint32_t)b << 8 | 0xff;
}

double shape_area(const struct shape *s)
{
	const struct point *p = s->tri.p;

	switch (s->kind) {
	case SHAPE_CIRCLE:
		return SHAPES_PI * s->circle.r * s->circle.r;
	case SHAPE_RECT:
		return s->rect.w * s->rect.h;
	case SHAPE_TRIANGLE:
		return fabs((p[1].x - p[0].x) * (p[2].y - p[0].y) -
			    (p[2].x - p[0].x) * (p[1].y - p[0].y)) / 2;
	}
	return 0;
}

const char *shape_kind_name(enum shape_kind kind)
{
	static const char *const names[] = {
		[SHAPE_CIRCLE] = "circle",
		[SHAPE_RECT] = "rect",
		[SHAPE_TRIANGLE] = "triangle",
	};

	if ((unsigned int)kind >= sizeof(names) / sizeof(names[0]))
		return "?";
	return names[kind];
}

int shapes_format(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return n;
}
