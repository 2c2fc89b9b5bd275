# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
# bats file_tags=rootless

load 'libs/helpers'

# create --auto-stop, beyond Toolbx (upstream issue 114, the design of PR
# 1679): enter and run hold a shared lock on a file of the entry point's,
# which stops the container once no session held it for a grace time
# (TOOLBX_AUTO_STOP_GRACE seconds here, a test hook; 5 s by default).

setup() {
	cd "$HOME" || return 1
}

teardown() {
	cleanup_containers
}

state() {
	podman inspect --format '{{.State.Status}}' -- "$1"
}

entry_point() {
	podman inspect --format '{{.State.Pid}}' -- "$1"
}

# wait_exited NAME SECONDS: wait until the container has stopped.
wait_exited() {
	local i
	for ((i = 0; i < $2 * 10; i++)); do
		[ "$(state "$1")" = exited ] && return 0
		sleep 0.1
	done
	fail "$1 still $(state "$1") after $2 s"
}

# runtime_dir: the runtime directory the host and the containers share.
runtime_dir() {
	if is_root; then echo /run/toolbox; else echo "$XDG_RUNTIME_DIR/toolbox"; fi
}

# wait_for_session PID: the session of the toolbox with PID runs its
# command in the container (its wrapper wrote the command's pid).
wait_for_session() {
	wait_for_file "$(runtime_dir)/exec-$1.pid" -s || fail "no session of toolbox $1 after 15 s"
}

# auto_stop_container NAME GRACE: a container that stops itself GRACE
# seconds after its last session.
auto_stop_container() {
	TOOLBX_AUTO_STOP_GRACE=$2 create_container "$1" --auto-stop >/dev/null
}

@test "auto-stop: The container stops once its last session ends; others keep running" {
	local name plain
	name=$(container_name auto-stop)
	plain=$(container_name auto-stop-plain)
	auto_stop_container "$name" 3
	create_container "$plain" >/dev/null
	run podman inspect --format '{{range .Config.Env}}{{println .}}{{end}}' -- "$name"
	assert_line TOOLBX_AUTO_STOP=3
	# The plain container runs first: starting it can take longer than
	# the grace time on a busy machine.
	"$TOOLBX" run -c "$plain" true

	run --separate-stderr "$TOOLBX" run -c "$name" echo ran
	assert_success
	assert_output ran
	assert_equal "$stderr" ""
	assert_equal "$(state "$name")" running

	wait_exited "$name" 15
	sleep 2
	assert_equal "$(state "$plain")" running
	run podman logs "$name"
	assert_line --partial 'msg="Stopping: no session for 3s"'
}

@test "auto-stop: Concurrent sessions keep it running until the last one ends" {
	local name pid bg since until
	name=$(container_name auto-stop-concurrent)
	auto_stop_container "$name" 1
	"$TOOLBX" run -c "$name" true
	pid=$(entry_point "$name")

	# An interactive shell that lasts until it reads exit, and a command of
	# 1 s meanwhile.
	mkfifo "$BATS_TEST_TMPDIR/shell-input"
	"$TOOLBX" enter "$name" <"$BATS_TEST_TMPDIR/shell-input" >/dev/null 2>&1 3>&- &
	bg=$!
	exec 4>"$BATS_TEST_TMPDIR/shell-input"
	wait_for_session "$bg"
	since=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
	"$TOOLBX" run -c "$name" sleep 1
	sleep 2
	until=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
	assert_equal "$(state "$name") $(entry_point "$name")" "running $pid"
	echo exit >&4
	exec 4>&-
	wait "$bg"
	wait_exited "$name" 10
	# While the sessions overlapped, one of them always held the lock: the
	# entry point never had to look for sessions that hold none. (At the
	# edges, an exec session that just ended may still be in /proc.)
	run podman logs --since "$since" --until "$until" "$name"
	assert_success
	refute_output --partial "Found a session that holds no lock"
}

@test "auto-stop: A session that starts during the grace time keeps the same container" {
	local name pid
	name=$(container_name auto-stop-grace)
	auto_stop_container "$name" 3
	"$TOOLBX" run -c "$name" true
	pid=$(entry_point "$name")
	sleep 1

	run --separate-stderr "$TOOLBX" run -c "$name" echo again

	assert_success
	assert_output again
	assert_equal "$(state "$name") $(entry_point "$name")" "running $pid"
	wait_exited "$name" 10
}

@test "auto-stop: Sessions at the end of the grace time all run" {
	local name n
	name=$(container_name auto-stop-race)
	auto_stop_container "$name" 1
	# (bats' run changes a variable i of its caller.)
	for n in 1 2 3 4 5 6; do
		run --separate-stderr "$TOOLBX" run -c "$name" echo "$n"
		assert_success
		assert_output "$n"
		sleep "$((n % 2)).$((n * 15 % 40))"
	done
}

@test "auto-stop: A SIGKILLed session leaves no lock behind" {
	local name bg cmd
	name=$(container_name auto-stop-killed)
	auto_stop_container "$name" 1
	"$TOOLBX" run -c "$name" true

	"$TOOLBX" run -c "$name" sleep 300 </dev/null >/dev/null 2>&1 3>&- &
	bg=$!
	wait_for_session "$bg"
	cmd=$(cat "$(runtime_dir)/exec-$bg.pid")
	kill -KILL "$bg"
	wait "$bg" || true
	# The command still runs in the container: an exec session, though
	# its toolbox and its lock are gone.
	sleep 2
	assert_equal "$(state "$name")" running
	kill -0 "$cmd"

	kill -KILL "$cmd"
	wait_exited "$name" 15
}

@test "auto-stop: A podman exec that holds no lock (upstream's Toolbx) keeps it running" {
	local name bg
	name=$(container_name auto-stop-exec)
	auto_stop_container "$name" 2
	"$TOOLBX" run -c "$name" true
	podman exec "$name" sleep 4 3>&- &
	bg=$!

	sleep 3
	assert_equal "$(state "$name")" running
	wait "$bg"
	wait_exited "$name" 15
	run podman logs "$name"
	assert_line --partial "Found a session that holds no lock"
}

@test "auto-stop: auto_stop in toolbox.conf is the default, and --no-auto-stop overrides it" {
	local on off
	on=$(container_name auto-stop-conf)
	off=$(container_name auto-stop-conf-off)
	export XDG_CONFIG_HOME=$BATS_TEST_TMPDIR/config
	mkdir -p "$XDG_CONFIG_HOME/containers"
	printf '[general]\nauto_stop = true\n' >"$XDG_CONFIG_HOME/containers/toolbox.conf"

	create_container "$on" >/dev/null
	create_container "$off" --no-auto-stop >/dev/null

	run podman inspect --format '{{range .Config.Env}}{{println .}}{{end}}' -- "$on"
	assert_line TOOLBX_AUTO_STOP=5
	run podman inspect --format '{{range .Config.Env}}{{println .}}{{end}}' -- "$off"
	refute_line --partial TOOLBX_AUTO_STOP
}
