// bindgen-flags: --rust-target 1.62 --no-layout-tests
// Linux 6.1's rustc: extern blocks without `unsafe`, setters through
// transmute, and #[allow(unused_unsafe)] on the raw accessors and support
// types (rustc before 1.65 flags unsafe blocks inside unsafe fns).
struct flags {
	unsigned int ready : 1;
	unsigned int mode : 3;
	int level : 4;
};
int set_flags(struct flags *f);
