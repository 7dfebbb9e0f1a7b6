savedcmd_init/built-in.a := rm -f init/built-in.a;  printf "init/%s " main.o | xargs llvm-ar cDPrST init/built-in.a
