// bindgen-flags: --rust-target 1.68
// Before Rust 1.77 (no offset_of!) bindgen checks layouts in #[test]
// functions through a MaybeUninit; names long enough to make rustfmt break
// lines, a record without fields, a union, bitfields (not checked).
struct point { int x, y; };
struct a_rather_long_struct_name_here {
	long a_very_long_field_name_that_makes_the_line_long_enough_to_break;
	unsigned flags : 3;
	char tail;
};
struct nothing { };
union number { int i; double d; };
