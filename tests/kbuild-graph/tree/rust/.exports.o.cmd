savedcmd_rust/exports.o := clang -Wp,-MMD,rust/.exports.o.d -c -o rust/exports.o /src/rust/exports.c

source_rust/exports.o := /src/rust/exports.c

deps_rust/exports.o := \
  /src/include/linux/export.h \
  rust/exports_core_generated.h \

rust/exports.o: $(deps_rust/exports.o)

$(deps_rust/exports.o):
