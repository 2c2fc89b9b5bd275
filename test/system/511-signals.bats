# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
# bats file_tags=rootless

load 'libs/helpers'

# What a user's kill, timeout, service manager or Ctrl-C does to
# `toolbox run`: the signal reaches the command in the container, which
# ends (or not) as it would outside, and toolbox ends with its status.

setup_file() {
	CONTAINER=$(container_name signals)
	export CONTAINER
	create_container "$CONTAINER" >/dev/null
	"$TOOLBX" run -c "$CONTAINER" true
}

teardown_file() {
	cleanup_containers
}

setup() {
	cd "$HOME" || return 1
}

# toolbox_pid: the pid of the `toolbox run` started in the background
# whose command line ends with MARK.
toolbox_pid() {
	local mark=$1 i pid
	for ((i = 0; i < 100; i++)); do
		pid=$(pgrep -f -- "^$TOOLBX run -c $CONTAINER .*$mark\$" | head -n 1)
		[ -n "$pid" ] && { echo "$pid"; return 0; }
		sleep 0.1
	done
	return 1
}

@test "signals: SIGTERM ends the command in the container, and toolbox exits 143" {
	local ready=$BATS_TEST_TMPDIR/ready status=0
	timeout 60 "$TOOLBX" run -c "$CONTAINER" sh -c "echo \$\$ >$ready.tmp; mv $ready.tmp $ready; exec sleep 300 # term" \
		</dev/null >/dev/null 2>&1 3>&- &
	local bg=$!
	wait_for_file "$ready"
	kill -TERM "$(toolbox_pid term)"
	wait "$bg" || status=$?
	assert_equal "$status" 143
	# The container shares the host's pids: the command is gone.
	run kill -0 "$(cat "$ready")"
	assert_failure
}

@test "signals: a trap in the command runs, and its status is toolbox's" {
	local ready=$BATS_TEST_TMPDIR/ready out=$BATS_TEST_TMPDIR/out status=0
	timeout 60 "$TOOLBX" run -c "$CONTAINER" bash -c \
		"trap 'echo trapped; exit 3' TERM; : >$ready; sleep 300 & wait # trap" \
		</dev/null >"$out" 2>&1 3>&- &
	local bg=$!
	wait_for_file "$ready"
	kill -TERM "$(toolbox_pid trap)"
	wait "$bg" || status=$?
	assert_equal "$status" 3
	assert_equal "$(cat "$out")" "trapped"
}

@test "signals: Ctrl-C to the whole process group exits 130" {
	local ready=$BATS_TEST_TMPDIR/ready
	# setsid: a process group of its own, as a shell's job is; the shell
	# outlives the Ctrl-C as an interactive shell would. No timeout(1)
	# here: it would pass its own SIGINT on to toolbox a second time.
	run setsid bash -c "trap : INT
		'$TOOLBX' run -c '$CONTAINER' sh -c ': >$ready; exec sleep 60' </dev/null 3>&- &
		bg=\$!
		while [ ! -e $ready ]; do sleep 0.1; done
		kill -INT -\$\$
		wait \$bg"
	assert_equal "$status" 130
}

@test "signals: a command that handles SIGINT itself goes on, reading its pipe" {
	local ready=$BATS_TEST_TMPDIR/ready fifo=$BATS_TEST_TMPDIR/in
	mkfifo "$fifo"
	run setsid bash -c "trap : INT
		'$TOOLBX' run -c '$CONTAINER' bash -c \
			'trap \"echo got INT\" INT; : >$ready; while read -r l; do echo \"line \$l\"; done; echo end' \
			<$fifo 3>&- &
		bg=\$!
		exec 4>$fifo
		echo one >&4
		while [ ! -e $ready ]; do sleep 0.1; done
		sleep 0.5
		kill -INT -\$\$
		sleep 1
		echo two >&4
		exec 4>&-
		wait \$bg"
	assert_success
	assert_line --index 0 "line one"
	assert_line --index 1 "got INT"
	assert_line --index 2 "line two"
	assert_line --index 3 "end"
}

@test "signals: SIGTERM reaches the command on a terminal too" {
	command -v script >/dev/null || skip "no script(1)"
	local ready=$BATS_TEST_TMPDIR/ready out=$BATS_TEST_TMPDIR/typescript
	timeout 60 script -qec "'$TOOLBX' run -c '$CONTAINER' sh -c ': >$ready; exec sleep 300 # tty'; echo status=\$?" \
		"$out" </dev/null >/dev/null 2>&1 3>&- &
	local bg=$!
	wait_for_file "$ready"
	kill -TERM "$(toolbox_pid tty)"
	wait "$bg"
	run grep -a -c 'status=143' "$out"
	assert_output 1
}
