savedcmd_samples/rust/rust_minimal.o := rustc --emit=dep-info=samples/rust/.rust_minimal.o.d --emit=obj=samples/rust/rust_minimal.o --extern core -L./rust --crate-name rust_minimal /src/samples/rust/rust_minimal.rs

source_samples/rust/rust_minimal.o := /src/samples/rust/rust_minimal.rs

deps_samples/rust/rust_minimal.o := \
  /src/samples/rust/rust_minimal.rs \
  rust/libcore.rmeta \

samples/rust/rust_minimal.o: $(deps_samples/rust/rust_minimal.o)

$(deps_samples/rust/rust_minimal.o):
