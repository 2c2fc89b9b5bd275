# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
# bats file_tags=rootless
#
# The sockets of the host's Avahi, Kerberos KCM and pcscd daemons in
# containers. These machines have no systemd, so create finds them at the
# socket units' default paths; the daemons are Debian's real ones, started
# here as root (libs/daemons.bash; test/run-rootless.sh starts them for the
# rootless run), and clients connect to them from inside a container.
# systemd's side (the units' Listen property over the system bus) is a Go
# test against a stand-in on a private bus (commands/toolbx/sockets_test.go).

load 'libs/helpers'
load 'libs/daemons'

setup_file() {
	bats_require_minimum_version 1.5.0
	SOCKETS_PIDS=$BATS_FILE_TMPDIR/daemons
	export SOCKETS_PIDS
}

teardown_file() {
	cleanup_containers
	stop_host_daemons "$SOCKETS_PIDS"
}

setup() {
	cd "$HOME" || return 1
}

# mounted NAME: the destinations of NAME's bind mounts, one a line.
mounted() {
	podman inspect --format '{{range .Mounts}}{{println .Destination}}{{end}}' "$1"
}

# avahi_on_host: what Avahi answers on the host, for a failure's message.
avahi_on_host() {
	echo "on the host:"
	{ echo BROWSE-DNS-SERVERS; sleep 1; } | socat -t 1 - UNIX-CONNECT:/run/avahi-daemon/socket 2>&1
	pgrep -a avahi-daemon || echo "no avahi-daemon runs"
}

# need_daemons: the three sockets are there, started here when root.
need_daemons() {
	local socket
	if is_root; then
		start_host_daemons "$SOCKETS_PIDS" || fail "cannot start the daemons"
	fi
	for socket in $(host_daemon_sockets); do
		[ -S "$socket" ] || skip "no socket at $socket: as root, test/run-rootless.sh starts the daemons"
	done
}

@test "sockets: Without the daemons, create mounts none of their sockets and says nothing" {
	local socket name
	for socket in $(host_daemon_sockets); do
		[ ! -e "$socket" ] || skip "$socket exists on this host"
	done
	name=$(container_name no-sockets)
	run --separate-stderr create_container "$name"
	assert_success
	assert_equal "$stderr" ""
	run mounted "$name"
	refute_line /run/avahi-daemon/socket
	refute_line /run/.heim_org.h5l.kcm-socket
	refute_line /run/pcscd/pcscd.comm
}

@test "sockets: create mounts the sockets of Avahi, KCM and pcscd, and clients reach the daemons" {
	local name
	need_daemons
	name=$(container_name sockets)
	run --separate-stderr create_container "$name"
	assert_success
	assert_equal "$stderr" ""

	run mounted "$name"
	assert_line /run/avahi-daemon/socket
	assert_line /run/.heim_org.h5l.kcm-socket
	assert_line /run/pcscd/pcscd.comm

	# The container starts first, so that a failure below is the socket's.
	run --separate-stderr "$TOOLBX" run -c "$name" true
	assert_success_stderr echo "the container did not start"

	# Avahi's own protocol (what nss-mdns speaks) answers. The daemon drops
	# a client that has closed its end, so the request's end stays open.
	run --separate-stderr "$TOOLBX" run -c "$name" sh -c '{ echo BROWSE-DNS-SERVERS; sleep 1; } | socat -t 1 - UNIX-CONNECT:/run/avahi-daemon/socket'
	assert_success_stderr avahi_on_host
	assert_output --partial "+ Browsing"

	# kcm and pcscd accept connections on theirs.
	local socket
	for socket in /run/.heim_org.h5l.kcm-socket /run/pcscd/pcscd.comm; do
		run --separate-stderr "$TOOLBX" run -c "$name" socat -u OPEN:/dev/null "UNIX-CONNECT:$socket"
		assert_success_stderr echo "$socket"
	done
}
