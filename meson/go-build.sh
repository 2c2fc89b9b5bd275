#!/bin/sh
# Usage: go-build.sh GO SOURCE_DIR OUTPUT VERSION PROFILE INTERPRETER RUNPATH CC [CC-ARG...]
#
# Run by meson.build to build the toolbox binary with cgo and the system's
# linker (-linkmode external). The Go linker's own flags set the host
# runtime: -I writes INTERPRETER into PT_INTERP and -r passes RUNPATH to the
# external linker as -rpath, so no patchelf step is needed.
# -Wl,--enable-new-dtags makes that a DT_RUNPATH on every distribution (GNU
# ld's default differs between them); -Wl,-z,lazy keeps lazy binding, since
# -z now is not supported. VERSION is stamped into commands.Version, and
# PROFILE, where meson installs profile.d/toolbox.sh, into
# commands.InstalledProfile, so that create finds the script there too.
#
# INTERPRETER and RUNPATH "plain" build the same program with the system's
# own dynamic linker instead: a binary that runs on the build machine,
# which need not have /run/host (a package builder's chroot, a new host),
# so that the build can run it (the completion scripts).

set -eu

if [ "$#" -lt 8 ]; then
    echo "usage: ${0##*/} GO SOURCE_DIR OUTPUT VERSION PROFILE INTERPRETER RUNPATH CC [CC-ARG...]" >&2
    exit 2
fi

go=$1
source_dir=$2
output=$3
version=$4
profile=$5
interpreter=$6
runpath=$7
shift 7

case $output in
/*) ;;
*) output=$PWD/$output ;;
esac

cd "$source_dir"

if [ "$interpreter" = plain ] && [ "$runpath" = plain ]; then
    ldflags="-linkmode external"
else
    ldflags="-linkmode external -I $interpreter -r $runpath"
fi
ldflags="$ldflags -X github.com/toolbx-go/toolbox/commands.Version=$version"
ldflags="$ldflags -X github.com/toolbx-go/toolbox/commands.InstalledProfile=$profile"
ldflags="$ldflags -extldflags '-Wl,--enable-new-dtags -Wl,-z,lazy'"

# -buildvcs=false: the version comes from meson, and VCS stamping fails when
# root rebuilds during 'sudo meson install' in a user's checkout.
CGO_ENABLED=1 CC="$*" exec "$go" build -trimpath -buildvcs=false \
    -ldflags "$ldflags" -o "$output" .
