savedcmd_rust/bindings/bindings_generated.rs := kbindgen /src/rust/bindings/bindings_helper.h --use-core -o rust/bindings/bindings_generated.rs -- -Wp,-MMD,rust/bindings/.bindings_generated.rs.d -I/src/include

deps_rust/bindings/bindings_generated.rs := \
  /src/rust/bindings/bindings_helper.h \
    $(wildcard include/config/RUST) \
  /src/include/linux/slab.h \

rust/bindings/bindings_generated.rs: $(deps_rust/bindings/bindings_generated.rs)

$(deps_rust/bindings/bindings_generated.rs):
