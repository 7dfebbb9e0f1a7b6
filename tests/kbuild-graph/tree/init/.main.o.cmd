savedcmd_init/main.o := clang -Wp,-MMD,init/.main.o.d -c -o init/main.o /src/init/main.c

source_init/main.o := /src/init/main.c

deps_init/main.o := \
  /src/include/linux/init.h \

init/main.o: $(deps_init/main.o)

$(deps_init/main.o):
