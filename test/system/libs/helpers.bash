# shellcheck shell=bash
#
# Helpers for the system tests. Every .bats file and setup_suite.bash load
# this file; test/setup-host.sh sources it outside bats for the host set-up
# functions at the end.

TBTEST_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)

# The binary under test.
: "${TOOLBX:=$TBTEST_ROOT/builddir/toolbox}"

# The image every test container is made from; build-offline.sh makes it.
TOOLBX_TEST_RELEASE=${TOOLBX_TEST_RELEASE:-12}
TOOLBX_TEST_IMAGE=localhost/debian-toolbox:$TOOLBX_TEST_RELEASE

# Names of containers (and images) made in this run start with this prefix.
# It is unique per bats run: BATS_RUN_TMPDIR ends in a random suffix, here in
# lower case because image names must be.
TBTEST_RUN_ID=${BATS_RUN_TMPDIR:-$$}
TBTEST_RUN_ID=${TBTEST_RUN_ID##*[-.]}
TBTEST_PREFIX=${TBTEST_PREFIX:-tbtest-${TBTEST_RUN_ID,,}-}

if declare -F bats_load_library >/dev/null; then
	# Debian's bats-support and bats-assert live in /usr/lib/bats, bats'
	# default BATS_LIB_PATH.
	bats_load_library bats-support
	bats_load_library bats-assert
	# For `run -N` and `run --separate-stderr`.
	bats_require_minimum_version 1.5.0
fi

# --- Facts about the host -------------------------------------------------

# get_system_id: ID from os-release, e.g. debian or fedora.
get_system_id() {
	(. /etc/os-release && echo "${ID:-linux}")
}

# get_system_version: VERSION_ID from os-release, e.g. 12 (empty on rolling
# releases without one).
get_system_version() {
	(. /etc/os-release && echo "${VERSION_ID:-}")
}

is_root() {
	[ "$(id -u)" -eq 0 ]
}

# --- Output ---------------------------------------------------------------

# stderr_as_output: after `run --separate-stderr`, point $output and $lines
# at stderr so that assert_output and assert_line check it. Check stdout
# before calling this.
# shellcheck disable=SC2034,SC2154 # bats' variables
stderr_as_output() {
	output=$stderr
	lines=("${stderr_lines[@]}")
}

# wait_for_file FILE [-s]: wait up to 15 s for FILE to exist (with -s, to
# hold something).
wait_for_file() {
	local i test=${2:--e}
	for ((i = 0; i < 150; i++)); do
		test "$test" "$1" && return 0
		sleep 0.1
	done
	return 1
}

# assert_success_stderr [COMMAND...]: as assert_success, but a failure
# also shows the run's stderr (bats-assert 2.1 shows only its output)
# and what COMMAND prints (run only on a failure).
# shellcheck disable=SC2154 # bats' variables
assert_success_stderr() {
	[ "$status" -eq 0 ] && return 0
	fail "status $status; output: $output; stderr: $stderr${1:+; $("$@")}"
}

# --- Containers that tests make ---------------------------------------------

# The ledger lists the containers this run made; cleanup_containers removes
# those and nothing else.
ledger() {
	echo "${BATS_SUITE_TMPDIR:-${BATS_RUN_TMPDIR:-/tmp}}/tbtest-containers"
}

# container_name SUFFIX: a container name unique to this run.
container_name() {
	echo "${TBTEST_PREFIX}$1"
}

# track_container NAME: have cleanup_containers remove NAME. Call it before a
# test makes a container by other means than the functions below, and only
# for a name that did not exist before.
track_container() {
	echo "$1" >>"$(ledger)"
}

# create_container NAME [CREATE-OPTIONS...]: make a Toolbx container NAME from
# the test image; fails when it cannot or when NAME already exists.
create_container() {
	local name=$1
	shift
	if podman container exists "$name"; then
		echo "create_container: $name already exists; not touching it" >&2
		return 1
	fi
	track_container "$name"
	"$TOOLBX" --assumeyes create --image "$TOOLBX_TEST_IMAGE" "$@" "$name"
}

# create_default_container: `toolbox create` with no name, as a user would;
# on Debian 12 that is debian-toolbox-12 from the image that
# build-offline.sh tagged quay.io/toolbx-images/debian-toolbox:12.
create_default_container() {
	local name
	name="$(get_system_id)-toolbox-$(get_system_version)"
	if podman container exists "$name"; then
		echo "create_default_container: $name already exists; not touching it" >&2
		return 1
	fi
	track_container "$name"
	"$TOOLBX" --assumeyes create
}

# cleanup_containers: remove, running or not, every container in the ledger
# and every container whose name has this run's prefix.
cleanup_containers() {
	local name names
	names=$({
		[ -f "$(ledger)" ] && cat "$(ledger)"
		podman ps --all --format '{{.Names}}' --filter "name=^$TBTEST_PREFIX"
	} | sort -u)
	for name in $names; do
		if podman container exists "$name"; then
			podman rm --force --time 0 "$name" >/dev/null || return 1
		fi
	done
	rm -f "$(ledger)"
}

# --- Host set-up (setup_suite.bash, test/setup-host.sh) -------------------

# build_image RELEASE: make localhost/debian-toolbox:RELEASE for the current
# user; quick when it is already there.
build_image() {
	"$TBTEST_ROOT/images/debian/build-offline.sh" "$1"
}

# probe_container: run the test image with the risky options that
# `toolbox create` uses. Prints podman's error and fails when that is
# impossible on this host.
probe_container() {
	local userns=keep-id
	is_root && userns=host
	podman run --rm \
		--cgroupns host --dns none --no-hosts --hostname toolbx --ipc host \
		--mount type=devpts,destination=/dev/pts --network host --pid host \
		--privileged --security-opt label=disable --ulimit host \
		--userns "$userns" --user root:root \
		--volume /:/run/host:rslave --volume /dev:/dev:rslave \
		"$TOOLBX_TEST_IMAGE" true
}

TBTEST_HOST_CONF=/etc/containers/containers.conf.d/50-test-host.conf

# write_test_host_conf: the containers.conf drop-in that lets podman run
# containers on hosts that forbid raising hard rlimits (no CAP_SYS_RESOURCE)
# and mount cgroups in hybrid mode, which crun refuses. Only for tests: the
# product never writes it. See shared/PODMAN-ON-THESE-MACHINES.md.
write_test_host_conf() {
	local nofile nproc pid_max
	nofile=$(ulimit -Hn)
	[ "$nofile" = unlimited ] && nofile=$(cat /proc/sys/fs/nr_open)
	# podman clamps its own RLIMIT_NPROC to pid_max.
	nproc=$(ulimit -Hu)
	pid_max=$(cat /proc/sys/kernel/pid_max)
	if [ "$nproc" = unlimited ] || [ "$nproc" -gt "$pid_max" ]; then
		nproc=$pid_max
	fi
	mkdir -p "${TBTEST_HOST_CONF%/*}"
	cat >"$TBTEST_HOST_CONF" <<-EOF
		# Written by the toolbox test set-up (test/system/libs/helpers.bash)
		# because a probe container failed on this host: podman's default
		# rlimits exceed the hard limits this host lets a process raise to,
		# and crun refuses cgroups in hybrid mode while runc accepts them.
		[containers]
		default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]

		[engine]
		runtime = "runc"
	EOF
	echo "wrote $TBTEST_HOST_CONF (nofile=$nofile, nproc=$nproc, runtime runc)"
}

DBUS_SYSTEM_SOCKET=/run/dbus/system_bus_socket

system_bus_works() {
	[ -S "$DBUS_SYSTEM_SOCKET" ] &&
		dbus-send --system --print-reply --dest=org.freedesktop.DBus \
			/org/freedesktop/DBus org.freedesktop.DBus.GetId >/dev/null 2>&1
}

# start_system_bus: start the D-Bus system bus unless one answers (root only).
start_system_bus() {
	local pid state comm
	system_bus_works && return 0
	# A bus that died leaves its socket and pid file, which stop a new one.
	# It may linger as a zombie where nothing reaps it.
	if [ -f /run/dbus/pid ]; then
		pid=$(cat /run/dbus/pid)
		read -r state comm < <(ps -o stat=,comm= -p "$pid") || true
		if [ "${comm:-}" = dbus-daemon ] && [[ ${state:-Z} != Z* ]]; then
			echo "dbus-daemon $pid is running but does not answer on $DBUS_SYSTEM_SOCKET" >&2
			return 1
		fi
		rm -f /run/dbus/pid
	fi
	rm -f "$DBUS_SYSTEM_SOCKET"
	mkdir -p /run/dbus
	# The daemon must not keep bats' pipes open, or bats waits for it.
	(
		for fd in /proc/"$BASHPID"/fd/*; do
			fd=${fd##*/}
			[ "$fd" -gt 2 ] && eval "exec $fd>&-"
		done
		exec dbus-daemon --system --fork </dev/null >/dev/null 2>&1
	) || return 1
	echo "started the D-Bus system bus (pid $(cat /run/dbus/pid))"
}

# prepare_host: as root, make this host able to run Toolbx containers for
# the tests: D-Bus system bus, test image, containers.conf drop-in if needed.
prepare_host() {
	start_system_bus || return 1
	build_image "$TOOLBX_TEST_RELEASE" || return 1
	probe_container && return 0
	echo "the probe container failed; writing a containers.conf drop-in" >&2
	write_test_host_conf
	probe_container
}

# check_host: as an ordinary user, make the test image and check that
# containers run; explain the root set-up when they do not.
check_host() {
	local hint="run the root set-up first: sudo $TBTEST_ROOT/test/setup-host.sh (or test/run-rootless.sh, which does it)"
	if ! system_bus_works; then
		echo "no D-Bus system bus answers on $DBUS_SYSTEM_SOCKET; $hint" >&2
		return 1
	fi
	build_image "$TOOLBX_TEST_RELEASE" || { echo "$hint" >&2; return 1; }
	if ! probe_container; then
		echo "rootless podman cannot run Toolbx-like containers here; $hint" >&2
		return 1
	fi
}
