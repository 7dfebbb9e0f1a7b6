savedcmd_rust/built-in.a := rm -f rust/built-in.a;  printf "rust/%s " core.o bindings.o exports.o | xargs llvm-ar cDPrST rust/built-in.a
