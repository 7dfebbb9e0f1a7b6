/* SPDX-License-Identifier: MIT */
/*
 * shapes.h - a tiny 2D scene library, used as the kbindgen demo.
 *
 * A scene owns a list of shapes, linked through an intrusive,
 * kernel-style doubly-linked list.  Shapes carry their geometry in an
 * anonymous union selected by 'kind', and their flags in bitfields.
 */
#ifndef SHAPES_H
#define SHAPES_H

#include <stddef.h>
#include <stdint.h>

#define SHAPES_VERSION		3
#define SHAPES_NAME		"shapes"
#define SHAPES_PI		3.14159265358979
#define SHAPE_NAME_MAX		16

/* shape flags, see shape_set_flags() */
#define SHAPE_F_VISIBLE		0x01
#define SHAPE_F_FILLED		0x02
#define SHAPE_F_DEFAULT		(SHAPE_F_VISIBLE | SHAPE_F_FILLED)

/** Highest layer a shape can sit on (the 'layer' bitfield is 4 bits wide). */
static const int shapes_max_layer = 15;

/** Number of shapes currently alive, across all scenes. */
extern unsigned int shapes_live;

/*
 * Intrusive doubly-linked list.  An empty list points at itself.
 */
struct list_head {
	struct list_head *next, *prev;
};

static inline void list_init(struct list_head *h)
{
	h->next = h;
	h->prev = h;
}

static inline void list_add_tail(struct list_head *n, struct list_head *h)
{
	n->prev = h->prev;
	n->next = h;
	h->prev->next = n;
	h->prev = n;
}

static inline void list_del(struct list_head *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	n->next = n->prev = n;
}

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

/** What a shape is; selects the active member of its geometry union. */
enum shape_kind {
	SHAPE_CIRCLE,
	SHAPE_RECT,
	SHAPE_TRIANGLE,
};

/** A colour, as one packed 0xRRGGBBAA word or as its bytes. */
union shape_color {
	uint32_t rgba;
	uint8_t bytes[4];
};

struct point {
	double x, y;
};

struct circle {
	double r;
};

struct rect {
	double w, h;
};

struct triangle {
	struct point p[3];
};

/** One shape.  Always allocated by the library; linked into a scene. */
struct shape {
	struct list_head node;
	enum shape_kind kind;
	unsigned int visible : 1;
	unsigned int filled : 1;
	unsigned int layer : 4;	/* 0 ..= shapes_max_layer */
	unsigned int id : 10;
	union shape_color color;
	union {
		struct circle circle;
		struct rect rect;
		struct triangle tri;
	};
	char name[SHAPE_NAME_MAX];
};

/**
 * Visitor for scene_for_each().  Return non-zero to stop the walk;
 * that value is then returned by scene_for_each().
 */
typedef int (*shape_visit_fn)(struct shape *s, void *ctx);

struct scene {
	struct list_head shapes;
	unsigned int count;
	/** Called for every shape added to the scene, may be NULL. */
	shape_visit_fn on_add;
	void *on_add_ctx;
};

/* scenes */
struct scene *scene_new(void);
void scene_free(struct scene *sc);
void scene_add(struct scene *sc, struct shape *s);
int scene_for_each(struct scene *sc, shape_visit_fn fn, void *ctx);
double scene_total_area(const struct scene *sc);

/* shapes; names longer than SHAPE_NAME_MAX - 1 are truncated */
struct shape *shape_new_circle(const char *name, double r);
struct shape *shape_new_rect(const char *name, struct rect r);
struct shape *shape_new_triangle(const char *name, const struct point p[3]);
void shape_set_flags(struct shape *s, unsigned int flags);
void shape_set_color(struct shape *s, uint8_t r, uint8_t g, uint8_t b);
double shape_area(const struct shape *s);
const char *shape_kind_name(enum shape_kind kind);

/** printf-style formatting into buf; returns the length snprintf would. */
int shapes_format(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* SHAPES_H */
