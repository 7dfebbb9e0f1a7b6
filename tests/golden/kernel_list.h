// bindgen-flags: --use-core --with-derive-default --ctypes-prefix ffi --no-layout-tests --no-debug '.*' --raw-line 'mod ffi { pub use ::core::ffi::*; }'
// A mini kernel-style list.h: intrusive lists, hlists and an embedding struct.
struct list_head {
    struct list_head *next, *prev;
};

struct hlist_node {
    struct hlist_node *next, **pprev;
};

struct hlist_head {
    struct hlist_node *first;
};

#define LIST_POISON1 0x100
#define LIST_POISON2 0x122

struct task_item {
    int pid;
    unsigned int state : 2;
    unsigned int on_rq : 1;
    struct list_head tasks;
    struct hlist_node hash;
};

static inline void INIT_LIST_HEAD(struct list_head *list)
{
    list->next = list;
    list->prev = list;
}

void list_add_tail_locked(struct list_head *item, struct list_head *head);
