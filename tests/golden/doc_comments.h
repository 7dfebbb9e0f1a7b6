// Doc comments on types, fields, functions and enum variants.

/** A single-line block doc comment. */
struct documented {
    /** Field with a block comment. */
    int first;
    /// Field with a triple-slash comment.
    int second;
    int undocumented;
};

/**
 * A multi-line comment.
 *
 * It has two paragraphs.
 */
int documented_fn(int arg);

/// Status codes.
enum doc_status {
    /// Everything fine.
    DOC_OK,
    /** Something failed. */
    DOC_FAIL,
};

/* A plain comment is not documentation. */
typedef int not_documented_t;
