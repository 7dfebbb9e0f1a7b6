// Forward declarations: incomplete structs used only through pointers.
struct db_conn;
typedef struct db_conn db_conn_t;
typedef struct db_stmt *db_stmt_handle;

struct db_row {
    db_conn_t *owner;
    struct db_cursor *cursor;
};

db_conn_t *db_open(const char *path);
int db_prepare(db_conn_t *c, const char *sql, db_stmt_handle *out);
void db_close(struct db_conn *c);
