# Sourced by bench/kernel.sh and bench/kernel-bench.sh.

# kbuild_args <objtree> <target> <tool> <out.rs> <depfile> [OPTION...]:
# sets the array ARGS to the bindgen command kbuild last ran for <target>
# (saved in <objtree>/<dir>/.<file>.cmd), with <tool> as argv[0], its -o
# moved to <out.rs>, its -Wp,-MMD depfile moved to <depfile> (both out of
# kbuild's way), and every argument equal to one of the OPTIONs dropped.
# The relative paths in it (-I./include, ...) mean: run it in <objtree>.
# Returns 1 when there is no saved command.
kbuild_args() {
	local obj=$1 target=$2 tool=$3 out=$4 dep=$5
	shift 5
	local cmdfile=$obj/${target%/*}/.${target##*/}.cmd cmdline argv i d skip=0 drop
	[ -f "$cmdfile" ] || return 1
	# 6.1 writes "cmd_<target> := <command>", newer kernels "savedcmd_..."
	cmdline=$(sed -n "1s|^\(saved\)\{0,1\}cmd_$target := ||p" "$cmdfile")
	[ -n "$cmdline" ] || return 1
	eval "argv=($cmdline)"
	ARGS=("$tool")
	for ((i = 1; i < ${#argv[@]}; i++)); do
		if [ $skip = 1 ]; then skip=0; ARGS+=("$out"); continue; fi
		drop=0
		for d in "$@"; do [ "${argv[i]}" = "$d" ] && drop=1; done
		[ $drop = 1 ] && continue
		case ${argv[i]} in
		-o) skip=1; ARGS+=(-o) ;;
		-Wp,-MMD,*) ARGS+=("-Wp,-MMD,$dep") ;;
		*) ARGS+=("${argv[i]}") ;;
		esac
	done
}
