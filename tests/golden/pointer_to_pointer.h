// Pointers to pointers, with and without const.
struct tree_node;

struct tree_node {
    struct tree_node **children;
    const char *const *labels;
    int ***cube;
};

int run_main(int argc, char **argv, const char **envp);
void tree_free(struct tree_node **root);
