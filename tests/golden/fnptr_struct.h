// Function pointers as struct fields (an ops table).
struct file_ops;

struct file_ops {
    int (*open)(const char *path, int flags);
    long (*read)(int fd, void *buf, unsigned long len);
    void (*close)(int fd);
    void (*log)(const char *fmt, ...);
    int (*compare)(const struct file_ops *a, const struct file_ops *b);
};

extern const struct file_ops default_ops;
