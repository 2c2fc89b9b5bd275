#!/bin/sh
# Usage: host-paths.sh DYNAMIC_LINKER CC [CC-ARG...]
#
# Run by meson.build at configure time. Prints two lines: the program
# interpreter (PT_INTERP) and the RUNPATH for the toolbox binary, both under
# /run/host, so that the binary always uses the host's dynamic linker and C
# library: on the host through the link /run/host -> ../, inside a Toolbx
# container through the host's / mounted at /run/host.
#
# DYNAMIC_LINKER is the ABI's name for the dynamic linker (for example
# /lib64/ld-linux-x86-64.so.2); CC is the C compiler that links the binary.
# Paths are made canonical because a link on the host such as
# /lib64 -> usr/lib64, or an absolute one such as
# /lib64/ld-linux-x86-64.so.2 -> /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2,
# would lead into the container's own files when followed under /run/host.

set -eu

prog=${0##*/}

die() {
    printf '%s: %s\n' "$prog" "$*" >&2
    exit 1
}

[ "$#" -ge 2 ] || die "usage: $prog DYNAMIC_LINKER CC [CC-ARG...]"
loader=$1
shift

# compiler_file NAME CC [CC-ARG...]: the absolute path of the library NAME
# as the C compiler finds it.
compiler_file() {
    name=$1
    shift
    file=$("$@" -print-file-name="$name") || die "$* -print-file-name=$name failed"
    case $file in
    /*) printf '%s\n' "$file" ;;
    *) die "the C compiler ($*) cannot find $name" ;;
    esac
}

# canonical_dir FILE: the directory of FILE with every link resolved.
canonical_dir() {
    real=$(readlink -e -- "$1") || die "$1 does not exist"
    dirname -- "$real"
}

# The interpreter keeps the ABI's stable name (ld-linux-x86-64.so.2 rather
# than, with older glibc, ld-2.31.so, which changes with every update) in
# the canonical directory, when that name is the same loader reached without
# an absolute link; otherwise it is the loader's canonical path.
real_loader=$(readlink -e -- "$loader") || die "dynamic linker $loader does not exist"
interp=$(canonical_dir "$loader")/${loader##*/}
if [ "$(readlink -e -- "$interp")" != "$real_loader" ]; then
    interp=$real_loader
fi
case $(readlink -- "$interp" || true) in
/*) interp=$real_loader ;;
esac

# The RUNPATH is the canonical directory of libc.so, plus that of the
# run-time libc.so.6 where a system without merged /usr keeps it elsewhere.
libc_so=$(compiler_file libc.so "$@")
libc_so_6=$(compiler_file libc.so.6 "$@")
runpath=/run/host$(canonical_dir "$libc_so")
libc_dir=/run/host$(canonical_dir "$libc_so_6")
if [ "$libc_dir" != "$runpath" ]; then
    runpath=$libc_dir:$runpath
fi

printf '/run/host%s\n%s\n' "$interp" "$runpath"
