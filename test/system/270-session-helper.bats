# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
# bats file_tags=rootless
#
# Containers made by Toolbx before 0.0.97 mount the monitor directory of
# flatpak's session helper at /run/host/monitor; enter and run ask the
# helper for a session (org.freedesktop.Flatpak.SessionHelper
# RequestSession) so that it keeps the directory current. Against Debian's
# real flatpak-session-helper on a private session bus, watched by
# dbus-monitor.

load 'libs/helpers'

setup_file() {
	bats_require_minimum_version 1.5.0
	[ -x /usr/libexec/flatpak-session-helper ] || skip "flatpak-session-helper is not installed (Debian package flatpak)"
	HELPER_DIR=$BATS_FILE_TMPDIR/helper
	mkdir -p "$HELPER_DIR"
	mkdir -m 0700 "$HELPER_DIR/xdg"
	HELPER_BUS="unix:path=$HELPER_DIR/bus"
	HELPER_BUS_PID=$(dbus-daemon --session --address="$HELPER_BUS" --fork --print-pid)
	DBUS_SESSION_BUS_ADDRESS=$HELPER_BUS XDG_RUNTIME_DIR=$HELPER_DIR/xdg \
		/usr/libexec/flatpak-session-helper </dev/null >/dev/null 2>&1 3>&- &
	HELPER_PID=$!
	dbus-monitor --address "$HELPER_BUS" "interface='org.freedesktop.Flatpak.SessionHelper'" \
		</dev/null >"$HELPER_DIR/monitor.log" 2>&1 3>&- &
	HELPER_MONITOR_PID=$!
	export HELPER_DIR HELPER_BUS HELPER_BUS_PID HELPER_PID HELPER_MONITOR_PID
	local _
	for _ in $(seq 50); do
		dbus-send --bus="$HELPER_BUS" --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
			org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Flatpak 2>/dev/null | grep true >/dev/null && break
		sleep 0.2
	done
}

teardown_file() {
	cleanup_containers
	local pid cmdline
	kill "${HELPER_MONITOR_PID:-}" "${HELPER_PID:-}" "${HELPER_BUS_PID:-}" 2>/dev/null
	# The helper starts a p11-kit server of its own below its runtime
	# directory; stop it too.
	for cmdline in /proc/[0-9]*/cmdline; do
		if { tr '\0' ' ' <"$cmdline"; } 2>/dev/null | grep -F -- "$HELPER_DIR/xdg/" >/dev/null; then
			pid=${cmdline#/proc/}
			kill "${pid%/cmdline}" 2>/dev/null
		fi
	done
	return 0
}

setup() {
	cd "$HOME" || return 1
}

# create_old_container NAME: a container as Toolbx 0.0.9x made them: the
# same as toolbox's, plus the monitor mount and --monitor-host.
create_old_container() {
	local argv
	track_container "$1"
	argv=$("$TOOLBX" --log-level debug create --image "$TOOLBX_TEST_IMAGE" "$1" 2>&1 >/dev/null |
		sed -n 's/.*msg="Running podman" argv="\(podman .* create .*\)"$/\1/p' | tail -n 1)
	podman rm "$1" >/dev/null
	argv=${argv//\\\"/\"}
	argv=${argv/ --name / --volume $HELPER_DIR/xdg/.flatpak-helper/monitor:/run/host/monitor --name }
	eval "$argv --monitor-host" >/dev/null
}

@test "session-helper: run asks flatpak's session helper for a session for an old container" {
	local name
	name=$(container_name old)
	create_old_container "$name"

	run --separate-stderr env DBUS_SESSION_BUS_ADDRESS="$HELPER_BUS" "$TOOLBX" run -c "$name" ls /run/host/monitor
	assert_success
	assert_line resolv.conf
	assert_equal "$stderr" "Warning: container $name uses deprecated features
Consider recreating it with Toolbx version 0.0.97 or newer."

	sleep 0.5
	run cat "$HELPER_DIR/monitor.log"
	assert_output --partial "member=RequestSession"
}

@test "session-helper: Without a session bus, an old container still runs, with the warning only" {
	local name
	name=$(container_name old-nobus)
	create_old_container "$name"

	[ ! -e "${XDG_RUNTIME_DIR:-/nonexistent}/bus" ] || skip "this session has a bus at $XDG_RUNTIME_DIR/bus"
	run --separate-stderr env -u DBUS_SESSION_BUS_ADDRESS "$TOOLBX" run -c "$name" true
	assert_success
	assert_equal "$stderr" "Warning: container $name uses deprecated features
Consider recreating it with Toolbx version 0.0.97 or newer."
}

@test "session-helper: Containers of Toolbx 0.0.97 and later do not ask for one" {
	local name before
	name=$(container_name new)
	create_container "$name" >/dev/null
	before=$(grep -c "member=RequestSession" "$HELPER_DIR/monitor.log" || true)

	run --separate-stderr env DBUS_SESSION_BUS_ADDRESS="$HELPER_BUS" "$TOOLBX" run -c "$name" true
	assert_success
	assert_equal "$stderr" ""
	sleep 0.5
	assert_equal "$(grep -c "member=RequestSession" "$HELPER_DIR/monitor.log" || true)" "$before"
}
