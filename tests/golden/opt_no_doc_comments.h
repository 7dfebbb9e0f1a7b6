// bindgen-flags: --no-doc-comments
// --no-doc-comments drops every doc comment.

/** A struct with docs. */
struct quiet {
    /// A field with docs.
    int value;
};

/** A function with docs. */
void quiet_fn(void);
