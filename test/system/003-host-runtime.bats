# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
#
# The host runtime (SPEC decision 3): the toolbox binary built by meson loads
# the host's dynamic linker and C library through /run/host, so it runs on
# the host (through /run/host -> ../) and inside containers whose C library
# is older (where the host's / is mounted at /run/host).

load 'libs/helpers'

setup_file() {
	bats_require_minimum_version 1.5.0
	export TBTEST_OLD_IMAGE=localhost/debian-toolbox:11
	TBTEST_OLD_CONTAINER=$(container_name host-runtime-11)
	export TBTEST_OLD_CONTAINER
}

teardown_file() {
	if podman container exists "$TBTEST_OLD_CONTAINER"; then
		podman rm --force --time 0 "$TBTEST_OLD_CONTAINER" >/dev/null
	fi
}

# interpreter_of FILE: the PT_INTERP of the ELF file FILE.
interpreter_of() {
	readelf -l "$1" | sed -n 's/.*\[Requesting program interpreter: \(.*\)\]$/\1/p'
}

# runpath_of FILE: the DT_RUNPATH of the ELF file FILE.
runpath_of() {
	readelf -d "$1" | sed -n 's/.*(RUNPATH) *Library runpath: \[\(.*\)\]$/\1/p'
}

# host_loader: the dynamic linker the C compiler gives the host's programs.
host_loader() {
	printf 'int main(void) { return 0; }\n' | cc -x c -o "$BATS_TEST_TMPDIR/empty" -
	interpreter_of "$BATS_TEST_TMPDIR/empty"
}

# go_program: the Go toolchain, which builds test/system/data/libc-version.
go_program() {
	command -v go || command -v /usr/local/go/bin/go
}

# build_libc_version OUTPUT [LDFLAGS]: build test/system/data/libc-version.
build_libc_version() {
	(cd "$TBTEST_ROOT" && CGO_ENABLED=1 "$(go_program)" build -trimpath \
		-ldflags "${2:-}" -o "$1" ./test/system/data/libc-version)
}

# old_container: the Debian 11 (glibc 2.31) Toolbx container of this file,
# made on first use.
old_container() {
	podman container exists "$TBTEST_OLD_CONTAINER" && return 0
	build_image 11
	track_container "$TBTEST_OLD_CONTAINER"
	"$TOOLBX" -y create -i "$TBTEST_OLD_IMAGE" "$TBTEST_OLD_CONTAINER"
}

# bats test_tags=rootless
@test "host-runtime: PT_INTERP is the host's dynamic linker under /run/host" {
	local interp loader real_path
	interp=$(interpreter_of "$TOOLBX")
	loader=$(host_loader)

	assert_regex "$interp" '^/run/host/'
	real_path=${interp#/run/host}
	# The same file as the host's loader...
	assert_equal "$(readlink -e "$real_path")" "$(readlink -e "$loader")"
	# ...in a canonical directory, as links there would lead into the
	# container's own files.
	assert_equal "$(readlink -e "${real_path%/*}")" "${real_path%/*}"
}

# bats test_tags=rootless
@test "host-runtime: RUNPATH is the host's C library directory under /run/host" {
	local runpath libc_dir
	runpath=$(runpath_of "$TOOLBX")
	libc_dir=$(dirname "$(readlink -e "$(cc -print-file-name=libc.so)")")

	if [[ ":$runpath:" != *":/run/host$libc_dir:"* ]]; then
		fail "RUNPATH '$runpath' lacks /run/host$libc_dir"
	fi
	assert_regex "$runpath" '^/run/host/[^:]*(:/run/host/[^:]*)*$'
	refute_regex "$(readelf -d "$TOOLBX")" '\(RPATH\)'
}

# bats test_tags=rootless
@test "host-runtime: /run/host on the host is a link to /" {
	if ! [ /run/host -ef / ]; then
		fail "/run/host does not lead to /; as root: systemd-tmpfiles --create $TBTEST_ROOT/data/tmpfiles.d/toolbox.conf (or ln -s ../ /run/host)"
	fi
	run -0 "$TOOLBX" --version
}

@test "host-runtime: toolbox runs in a Debian 11 container, with an older C library" {
	old_container

	run -0 "$TOOLBX" run -c "$TBTEST_OLD_CONTAINER" true
	run -0 podman exec "$TBTEST_OLD_CONTAINER" /usr/bin/toolbox --version
	assert_output --regexp '^toolbox version '
}

@test "host-runtime: a plain cgo build fails in a Debian 11 container, a /run/host build runs" {
	local bin=$BATS_TEST_TMPDIR
	build_libc_version "$bin/plain"
	build_libc_version "$bin/host-runtime" \
		"-linkmode external -I $(interpreter_of "$TOOLBX") -r $(runpath_of "$TOOLBX")"
	old_container
	run -0 "$TOOLBX" run -c "$TBTEST_OLD_CONTAINER" true

	# The host's / is mounted at /run/host in the container.
	run podman exec "$TBTEST_OLD_CONTAINER" "/run/host$bin/plain"
	assert_failure
	assert_output --regexp "GLIBC_2\.3[0-9]+' not found"

	run -0 podman exec "$TBTEST_OLD_CONTAINER" "/run/host$bin/host-runtime"
	assert_output "$(getconf GNU_LIBC_VERSION)"
	run -0 podman exec "$TBTEST_OLD_CONTAINER" getconf GNU_LIBC_VERSION
	assert_output "glibc 2.31"
}
