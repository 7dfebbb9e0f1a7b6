savedcmd_rust/bindings.o := rustc --emit=dep-info=rust/.bindings.o.d --emit=obj=rust/bindings.o --emit=metadata=rust/libbindings.rmeta --extern core -L./rust --crate-name bindings /src/rust/bindings/lib.rs

source_rust/bindings.o := /src/rust/bindings/lib.rs

deps_rust/bindings.o := \
  /src/rust/bindings/lib.rs \
  rust/bindings/bindings_generated.rs \
  rust/libcore.rmeta \

rust/bindings.o: $(deps_rust/bindings.o)

$(deps_rust/bindings.o):
