savedcmd_vmlinux := /src/scripts/link-vmlinux.sh "ld.lld" "-m elf_x86_64" "--emit-relocs --discard-none" "vmlinux.a"
