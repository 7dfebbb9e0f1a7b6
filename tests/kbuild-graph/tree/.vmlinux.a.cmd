savedcmd_vmlinux.a := rm -f vmlinux.a; llvm-ar cDPrST vmlinux.a init/built-in.a rust/built-in.a
