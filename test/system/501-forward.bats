# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
# bats file_tags=rootless
#
# Inside a Toolbx container, toolbox commands run on the host through
# flatpak-spawn --host, which asks the host's flatpak-session-helper over the
# session bus. The tests start a private session bus and helper.

load 'libs/helpers'

setup_file() {
	bats_require_minimum_version 1.5.0
	[ -x /usr/libexec/flatpak-session-helper ] || return 0
	local dir=${XDG_RUNTIME_DIR:-/run/toolbox}
	is_root && dir=/run/toolbox
	mkdir -p "$dir"
	FORWARD_BUS="$dir/tbtest-bus-$$"
	export DBUS_SESSION_BUS_ADDRESS="unix:path=$FORWARD_BUS"
	FORWARD_BUS_PID=$(dbus-daemon --session --address="$DBUS_SESSION_BUS_ADDRESS" --fork --print-pid)
	/usr/libexec/flatpak-session-helper >/dev/null 2>&1 3>&- &
	FORWARD_HELPER_PID=$!
	export FORWARD_BUS FORWARD_BUS_PID FORWARD_HELPER_PID
	FORWARD_CONTAINER=$(container_name forward)
	export FORWARD_CONTAINER
	create_container "$FORWARD_CONTAINER" >/dev/null
}

teardown_file() {
	cleanup_containers
	[ -n "${FORWARD_HELPER_PID:-}" ] && kill "$FORWARD_HELPER_PID" 2>/dev/null
	[ -n "${FORWARD_BUS_PID:-}" ] && kill "$FORWARD_BUS_PID" 2>/dev/null
	rm -f "${FORWARD_BUS:-}"
	return 0
}

setup() {
	[ -x /usr/libexec/flatpak-session-helper ] || skip "flatpak-session-helper is not installed (Debian package flatpak)"
	cd "$HOME" || return 1
}

@test "forward: toolbox inside a container runs on the host" {
	run --separate-stderr "$TOOLBX" run -c "$FORWARD_CONTAINER" toolbox list --containers

	assert_success
	assert_line --index 0 --regexp '^CONTAINER ID +CONTAINER NAME'
	assert_line --regexp "^[0-9a-f]{12} +$FORWARD_CONTAINER +.+ running +"
}

@test "forward: Exit codes and errors come back from the host" {
	run -3 --separate-stderr "$TOOLBX" run -c "$FORWARD_CONTAINER" toolbox run -c "$FORWARD_CONTAINER" sh -c 'exit 3'

	run -1 --separate-stderr "$TOOLBX" run -c "$FORWARD_CONTAINER" toolbox foo
	stderr_as_output
	assert_line --index 0 'Error: unknown command "foo" for "toolbox"'
	assert_line --index 1 "Run 'toolbox --help' for usage."

	run -1 --separate-stderr "$TOOLBX" run -c "$FORWARD_CONTAINER" toolbox run -c no-such-container-xyz true
	stderr_as_output
	assert_line --index 0 "Error: container no-such-container-xyz not found"
}

@test "forward: A command toolbox cannot run is reported once, by the host" {
	run -126 --separate-stderr "$TOOLBX" run -c "$FORWARD_CONTAINER" toolbox run -c "$FORWARD_CONTAINER" /etc

	assert_output ""
	assert_equal "${stderr_lines[0]}" "bash: line 1: /etc: Is a directory"
	assert_equal "${stderr_lines[-1]}" "Error: failed to invoke command /etc in container $FORWARD_CONTAINER"
	run grep -c '^Error: ' <<<"$stderr"
	assert_output 1
}

@test "forward: Without flatpak-spawn the error says so" {
	run -1 --separate-stderr "$TOOLBX" run -c "$FORWARD_CONTAINER" env PATH=/nonexistent /usr/bin/toolbox list

	stderr_as_output
	assert_line --index 0 "Error: flatpak-spawn(1) not found"
}

@test "forward: In a container that is not a Toolbx container, toolbox refuses" {
	run -1 --separate-stderr podman run --rm --network host --volume /:/run/host:rslave \
		--volume "$TOOLBX:/usr/bin/toolbox:ro" "$TOOLBX_TEST_IMAGE" toolbox list

	stderr_as_output
	assert_line --index 0 "Error: this is not a Toolbx container"
}

@test "forward: toolbox export inside a container writes on the host" {
	local dir=$HOME/.${TBTEST_PREFIX}forward-export
	# As root, keep the record of exports out of root's own data directory
	# (XDG_DATA_HOME is carried to the host); rootless podman keeps its
	# storage there, so the test user's own is used.
	is_root && export XDG_DATA_HOME=$dir/share
	mkdir -p "$dir/bin"

	run --separate-stderr "$TOOLBX" run -c "$FORWARD_CONTAINER" toolbox export --bin sh -c "$FORWARD_CONTAINER" --to "$dir/bin"
	assert_success
	assert_line --index 1 "  $dir/bin/sh"
	run "$dir/bin/sh" -c 'grep ^name= /run/.containerenv'
	assert_output "name=\"$FORWARD_CONTAINER\""

	run "$TOOLBX" run -c "$FORWARD_CONTAINER" toolbox export --delete --bin sh -c "$FORWARD_CONTAINER"
	assert_success
	[ ! -e "$dir/bin/sh" ]
	rm -rf "$dir"
}
