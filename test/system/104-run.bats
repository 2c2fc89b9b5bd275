# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
# bats file_tags=rootless

load 'libs/helpers'

setup_file() {
	bats_require_minimum_version 1.5.0
	RUN_CONTAINER=$(container_name run)
	export RUN_CONTAINER
	create_container "$RUN_CONTAINER" >/dev/null
}

setup() {
	cd "$HOME" || return 1
}

teardown_file() {
	cleanup_containers
}

@test "run: Run true, false and a command with its own exit code" {
	run --separate-stderr "$TOOLBX" run -c "$RUN_CONTAINER" true
	assert_success
	assert_output ""
	assert_equal "$stderr" ""

	run -1 --separate-stderr "$TOOLBX" run -c "$RUN_CONTAINER" false
	assert_output ""
	assert_equal "$stderr" ""

	run -2 --separate-stderr "$TOOLBX" run -c "$RUN_CONTAINER" /bin/sh -c 'exit 2'
	assert_equal "$stderr" ""
}

@test "run: With TOOLBX_RUN_USE_POLLING the stamp is polled, also in a running container" {
	local name
	name=$(container_name run-polling)
	create_container "$name" >/dev/null

	# First start, then a container already running and initialised:
	# Toolbx's polling mode takes no shortcut either way.
	for _ in 1 2; do
		TOOLBX_RUN_USE_POLLING=1 run --separate-stderr "$TOOLBX" --verbose run -c "$name" true
		assert_success
		assert_output ""
		assert_regex "$stderr" "Setting up polling ticker for container $name"
		assert_regex "$stderr" "Handling polling tick"
	done
}

@test "run: root with HOME elsewhere cannot be set up, and is told so as by Toolbx" {
	[ "$(id -u)" -eq 0 ] || skip "root only"
	local name home
	name=$(container_name run-root-home)
	home=$(mktemp -d "$BATS_TEST_TMPDIR/home.XXXXXX")
	HOME=$home create_container "$name" >/dev/null

	# usermod refuses to move the home of root while root processes run.
	HOME=$home run -1 --separate-stderr "$TOOLBX" run -c "$name" true

	assert_output ""
	assert_regex "$stderr" "^Error: failed to modify user root with UID 0"
}

@test "run: Arguments arrive intact" {
	run --separate-stderr "$TOOLBX" run -c "$RUN_CONTAINER" printf '[%s]\n' "a b" "" "c'd" '$HOME' '*'

	assert_success
	assert_line --index 0 "[a b]"
	assert_line --index 1 "[]"
	assert_line --index 2 "[c'd]"
	assert_line --index 3 '[$HOME]'
	assert_line --index 4 '[*]'
}

@test "run: Flags after the command belong to the command" {
	run --separate-stderr "$TOOLBX" run -c "$RUN_CONTAINER" ls --help

	assert_success
	assert_output --partial "Usage: ls"
}

@test "run: The command runs as the user, in the same directory" {
	cd "$HOME"
	run --separate-stderr "$TOOLBX" run -c "$RUN_CONTAINER" sh -c 'id -u; id -un; pwd; echo "$HOME"'

	assert_success
	assert_line --index 0 "$(id -u)"
	assert_line --index 1 "$(id -un)"
	assert_line --index 2 "$HOME"
	assert_line --index 3 "$HOME"
}

@test "run: sudo works without a password" {
	run --separate-stderr "$TOOLBX" run -c "$RUN_CONTAINER" sudo -n id -u

	assert_success
	assert_output "0"
}

@test "run: A directory missing in the container falls back to HOME" {
	local dir
	dir=$(mktemp -d /var/tmp/toolbx-test-XXXXXX)
	cd "$dir"

	run --separate-stderr "$TOOLBX" run -c "$RUN_CONTAINER" pwd
	cd /
	rmdir "$dir"

	assert_success
	assert_output "$HOME"
	assert_equal "${stderr_lines[-2]}" "Error: directory $dir not found in container $RUN_CONTAINER"
	assert_equal "${stderr_lines[-1]}" "Using $HOME instead."
}

@test "run: From a directory deleted meanwhile, nothing runs, and toolbox says why" {
	local gone=$BATS_TEST_TMPDIR/gone stopped
	stopped=$(container_name run-never-started)
	create_container "$stopped" >/dev/null
	"$TOOLBX" run -c "$RUN_CONTAINER" true
	mkdir "$gone"

	for name in "$RUN_CONTAINER" "$stopped"; do
		run -1 --separate-stderr bash -c 'cd "$1" && rmdir "$1" && exec "$2" run -c "$3" touch "$4"' \
			bash "$gone" "$TOOLBX" "$name" "$BATS_TEST_TMPDIR/ran"
		assert_output ""
		assert_equal "$stderr" "Error: failed to get the working directory: getwd: no such file or directory"
		assert [ ! -e "$BATS_TEST_TMPDIR/ran" ]
		mkdir "$gone"
	done
	run podman inspect --format '{{.State.Status}}' "$stopped"
	assert_output created
}

@test "run: A command that is not executable exits 126" {
	run -126 --separate-stderr "$TOOLBX" run -c "$RUN_CONTAINER" /etc

	assert_output ""
	assert_equal "${stderr_lines[-1]}" "Error: failed to invoke command /etc in container $RUN_CONTAINER"
}

@test "run: A command that does not exist exits 127" {
	run -127 --separate-stderr "$TOOLBX" run -c "$RUN_CONTAINER" no-such-command

	assert_output ""
	assert_equal "${stderr_lines[-1]}" "Error: command no-such-command not found in container $RUN_CONTAINER"
}

@test "run: A command that exits 127 itself passes its status on, silently" {
	run -127 --separate-stderr "$TOOLBX" run -c "$RUN_CONTAINER" sh -c 'exit 127'

	assert_output ""
	assert_equal "$stderr" ""
}

@test "run: A podman exec failure exits 125" {
	run -125 --separate-stderr "$TOOLBX" run -c "$RUN_CONTAINER" --preserve-fds 1 true 3<&-

	assert_equal "${stderr_lines[-1]}" "Error: failed to invoke 'podman exec' in container $RUN_CONTAINER"
}

@test "run: --preserve-fds passes file descriptors" {
	run --separate-stderr "$TOOLBX" run -c "$RUN_CONTAINER" --preserve-fds 3 readlink /proc/self/fd/5 3>/dev/null 4>/dev/null 5>/dev/null

	assert_success
	assert_output "/dev/null"
}

@test "run: A login shell reads ~/.bash_profile" {
	local profile="$HOME/.bash_profile"
	[ -e "$profile" ] && skip "$profile exists and is not ours to change"
	echo 'echo "$HOME/.bash_profile read"' >"$profile"

	run --separate-stderr "$TOOLBX" run -c "$RUN_CONTAINER" true
	rm -f "$profile"

	assert_success
	assert_output "$HOME/.bash_profile read"
}

@test "run: A stopped container is started" {
	podman stop --time 0 "$RUN_CONTAINER" >/dev/null

	run --separate-stderr "$TOOLBX" --verbose run -c "$RUN_CONTAINER" echo "Hello World"

	assert_success
	assert_equal "${lines[-1]}" "Hello World"
}

@test "run: A container renamed while running keeps working, under its new name only" {
	local old new
	old=$(container_name run-renamed-a)
	new=$(container_name run-renamed-b)
	create_container "$old" >/dev/null
	run "$TOOLBX" run -c "$old" true
	assert_success

	local pid
	pid=$(podman inspect --format '{{.State.Pid}}' "$old")
	track_container "$new"
	podman rename "$old" "$new"
	# Twice: the first run meets the new name, the second finds it known.
	# Neither restarts the container.
	local round
	for round in first second; do
		run --separate-stderr "$TOOLBX" run -c "$new" echo "$round"
		assert_success
		assert_output "$round"
	done
	assert_equal "$(podman inspect --format '{{.State.Pid}}' "$new")" "$pid"
	# The old name: toolbox remembered it for a container that still runs,
	# so the first call is podman's failure (125), after which toolbox
	# forgets it and the next call says what Toolbx says.
	run -125 --separate-stderr "$TOOLBX" run -c "$old" true
	assert_equal "${stderr_lines[-1]}" "Error: failed to invoke 'podman exec' in container $old"
	run -1 --separate-stderr "$TOOLBX" run -c "$old" true
	assert_equal "$stderr" "Error: container $old not found
Use the 'create' command to create a Toolbx.
Run 'toolbox --help' for usage."

	# A new container under the old name is not taken for the renamed one.
	create_container "$old" >/dev/null
	run --separate-stderr "$TOOLBX" run -c "$old" true
	assert_success
	assert_equal "$(podman inspect --format '{{.State.Running}}' "$old")" true
}

@test "run: Environment variables are carried into the container" {
	HISTFILESIZE=1234 XTERM_VERSION='XTerm(385)' run --separate-stderr \
		"$TOOLBX" run -c "$RUN_CONTAINER" sh -c 'echo "$HISTFILESIZE|$XTERM_VERSION|$TOOLBOX_PATH|$HOSTNAME"'

	assert_success
	assert_output --regexp "^1234\|XTerm\(385\)\|/.+\|toolbx$"
}

@test "run: Only a terminal gets a terminal" {
	run --separate-stderr "$TOOLBX" run -c "$RUN_CONTAINER" sh -c 'test -t 0 || test -t 1 || echo notty'
	assert_output "notty"

	run script -qec "$TOOLBX run -c $RUN_CONTAINER tty" /dev/null
	assert_success
	assert_output --regexp '/dev/pts/[0-9]+'
}

@test "run: Try a container that does not exist" {
	run -1 --separate-stderr "$TOOLBX" run -c no-such-container-xyz true

	assert_output ""
	stderr_as_output
	assert_line --index 0 "Error: container no-such-container-xyz not found"
	assert_line --index 1 "Use the 'create' command to create a Toolbx."
	assert_line --index 2 "Run 'toolbox --help' for usage."
}

@test "run: Try without a command" {
	run -1 --separate-stderr "$TOOLBX" run -c "$RUN_CONTAINER"

	stderr_as_output
	assert_line --index 0 'Error: missing argument for "run"'
	assert_line --index 1 "Run 'toolbox --help' for usage."
}

@test "run: Try a container that is not a Toolbx container of the right age" {
	local name
	name=$(container_name ancient)
	track_container "$name"
	podman create --name "$name" "$TOOLBX_TEST_IMAGE" true >/dev/null

	run -1 --separate-stderr "$TOOLBX" run -c "$name" true

	stderr_as_output
	assert_line --index 0 "Error: container $name is too old and no longer supported"
	assert_line --index 1 "Recreate it with Toolbx version 0.0.97 or newer."
}

@test "run: A container made by Toolbx before 0.0.97 works, with Toolbx's warning" {
	local name monitor argv
	name=$(container_name monitor)
	monitor=$BATS_TEST_TMPDIR/monitor
	mkdir -p "$monitor"
	# Make it as toolbox does, plus the /run/host/monitor mount that
	# Toolbx 0.0.9x containers have.
	track_container "$name"
	argv=$("$TOOLBX" --log-level debug create --image "$TOOLBX_TEST_IMAGE" "$name" 2>&1 >/dev/null |
		sed -n 's/.*msg="Running podman" argv="\(podman .* create .*\)"$/\1/p' | tail -n 1)
	podman rm "$name" >/dev/null
	argv=${argv//\\\"/\"}
	argv=${argv/ --name / --volume $monitor:/run/host/monitor --name }
	# Their entry point was also given --monitor-host.
	eval "$argv --monitor-host" >/dev/null

	run --separate-stderr "$TOOLBX" run -c "$name" echo works
	assert_success
	assert_output works
	assert_equal "$stderr" "Warning: container $name uses deprecated features
Consider recreating it with Toolbx version 0.0.97 or newer."

	run podman logs "$name"
	assert_line "Flag --monitor-host has been deprecated, it does nothing"
}
