savedcmd_samples/rust/rust_minimal.ko := ld.lld -r -m elf_x86_64 --build-id=sha1 -o samples/rust/rust_minimal.ko samples/rust/rust_minimal.o samples/rust/rust_minimal.mod.o
