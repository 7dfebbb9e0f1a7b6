// bindgen-flags: --with-derive-default
// bindgen's <div rustbindgen ...> annotations in doc comments: nodefault
// (no derive and no impl of Default), nocopy, nodebug, hide, opaque
// and private (replaces is covered by the conformance suite: the layout
// probe cannot name the replaced type in C).
/** <div rustbindgen nodefault></div> */
struct no_default { int *p; };
/** <div rustbindgen nocopy></div> */
struct no_copy { int x; };
/** <div rustbindgen nodebug></div> */
struct no_debug { int x; };
/** <div rustbindgen hide></div> */
struct hidden { int x; };
/** <div rustbindgen opaque></div> */
struct opaque_one { int x; long y; };
struct private_field {
	int visible;
	/** <div rustbindgen private></div> */
	int secret;
};
struct private_bits {
	/** <div rustbindgen private></div> */
	unsigned hidden : 3;
	unsigned shown : 5;
};
