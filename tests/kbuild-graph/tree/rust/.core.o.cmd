savedcmd_rust/core.o := rustc --emit=dep-info=rust/.core.o.d --emit=obj=rust/core.o --emit=metadata=rust/libcore.rmeta --crate-type rlib --crate-name core /usr/lib/rustlib/src/rust/library/core/src/lib.rs

source_rust/core.o := /usr/lib/rustlib/src/rust/library/core/src/lib.rs

deps_rust/core.o := \
  /usr/lib/rustlib/src/rust/library/core/src/lib.rs \
  /usr/lib/rustlib/src/rust/library/core/src/num/mod.rs \

rust/core.o: $(deps_rust/core.o)

$(deps_rust/core.o):
