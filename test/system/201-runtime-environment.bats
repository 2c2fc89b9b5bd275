# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
# bats file_tags=rootless
#
# What a program sees inside a Toolbx container: the host's namespaces,
# network configuration, limits, D-Bus, user and environment.

load 'libs/helpers'

setup_file() {
	bats_require_minimum_version 1.5.0
	ENV_CONTAINER=$(container_name env)
	export ENV_CONTAINER
	create_container "$ENV_CONTAINER" >/dev/null
}

setup() {
	cd "$HOME" || return 1
}

teardown_file() {
	cleanup_containers
}

# in_container CMD...: run CMD in the container of this file.
in_container() {
	"$TOOLBX" run -c "$ENV_CONTAINER" "$@"
}

@test "runtime: The IPC, network and PID namespaces are the host's" {
	local ns
	for ns in ipc net pid; do
		run --separate-stderr in_container readlink "/proc/self/ns/$ns"
		assert_success
		assert_output "$(readlink "/proc/self/ns/$ns")"
	done
}

@test "runtime: The network configuration is the host's" {
	run --separate-stderr in_container sh -c 'readlink /etc/resolv.conf; cat /etc/resolv.conf'

	assert_success
	assert_line --index 0 /run/host/etc/resolv.conf
	assert_equal "${lines[*]:1}" "$(cat /etc/resolv.conf | tr '\n' ' ' | sed 's/ $//')"
}

@test "runtime: The hostname is toolbx" {
	run --separate-stderr in_container sh -c 'hostname; echo "$HOSTNAME"'

	assert_success
	assert_line --index 0 toolbx
	assert_line --index 1 toolbx
}

@test "runtime: The resource limits are the host's" {
	local limit
	# Not -u: the test set-up may clamp podman's process limit to pid_max.
	for limit in n s c; do
		run --separate-stderr in_container bash -c "ulimit -H -$limit"
		assert_success
		assert_output "$(ulimit -H -"$limit")"
	done
}

@test "runtime: The user is the host's user, in the sudo group, with the host's home and shell" {
	local user uid
	user=$(id -un)
	uid=$(id -u)

	run --separate-stderr in_container sh -c 'id -un; id -u; id -Gn; echo "$HOME"; getent passwd "$(id -un)" | cut -d: -f6,7'

	assert_success
	assert_line --index 0 "$user"
	assert_line --index 1 "$uid"
	assert_line --index 2 --partial sudo
	assert_line --index 3 "$HOME"
	assert_line --index 4 "$HOME:$(getent passwd "$uid" | cut -d: -f7)"
}

@test "runtime: A rootless container has a user namespace of its own" {
	is_root && skip "root's Toolbx containers share the host's user namespace"

	run --separate-stderr in_container readlink /proc/self/ns/user

	assert_success
	assert_output --regexp '^user:\[[0-9]+\]$'
	refute_output "$(readlink /proc/self/ns/user)"
}

@test "runtime: The user's commands have no capabilities" {
	is_root && skip "root's commands have root's capabilities, as on the host"

	run --separate-stderr in_container grep -E '^Cap(Inh|Prm|Eff|Amb):' /proc/self/status

	assert_success
	assert_equal "${#lines[@]}" 4
	refute_line --regexp ':[[:space:]]*0*[1-9a-f]'
}

@test "runtime: root has no password and the user runs sudo without one" {
	run --separate-stderr in_container sh -c 'sudo -n grep "^root:" /etc/shadow | cut -d: -f2; sudo -n id -un'

	assert_success
	assert_output "$(printf '\nroot')"
}

@test "runtime: The host's file system is at /run/host and the home is shared" {
	local marker="$HOME/.toolbx-test-$RANDOM"
	echo shared >"$marker"

	run --separate-stderr in_container sh -c "cat '$marker'; test -d /run/host/usr && echo host"
	rm -f "$marker"

	assert_success
	assert_line --index 0 shared
	assert_line --index 1 host
}

@test "runtime: The D-Bus system bus socket and the runtime directory are there" {
	[ -S /run/dbus/system_bus_socket ] || skip "no D-Bus system bus on this host"

	run --separate-stderr in_container sh -c 'test -S /run/dbus/system_bus_socket && echo bus; echo "$XDG_RUNTIME_DIR"'

	assert_success
	assert_line --index 0 bus
	if is_root; then
		assert_line --index 1 ""
	else
		assert_line --index 1 "$XDG_RUNTIME_DIR"
	fi
}

@test "runtime: Preserved environment variables reach the container; others do not" {
	HISTFILESIZE=1001 KONSOLE_VERSION=230804 XTERM_VERSION='XTerm(385)' TBTEST_NOT_PASSED=1 \
		run --separate-stderr in_container bash -c 'echo "$HISTFILESIZE $KONSOLE_VERSION $XTERM_VERSION [$TBTEST_NOT_PASSED]"'

	assert_success
	assert_output "1001 230804 XTerm(385) []"
}

@test "runtime: The container's time zone follows the host's" {
	run --separate-stderr in_container sh -c 'readlink /etc/localtime; cat /etc/timezone'

	assert_success
	assert_line --index 0 /run/host/etc/localtime
	assert_line --index 1 --regexp '^[A-Za-z_/+-]+$'
}
