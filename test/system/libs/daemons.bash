# shellcheck shell=bash
#
# Real daemons whose sockets Toolbx containers share with the host, started
# for the tests where the host has no systemd to socket-activate them:
# avahi-daemon (loopback only, publishing nothing, so no packet leaves the
# machine), Heimdal's kcm and pcscd, each at its unit's default path.
# Root only. start_host_daemons starts those whose socket is missing and
# records their pids in $1; stop_host_daemons $1 stops exactly those.

# host_daemon_sockets: where avahi-daemon.socket, sssd-kcm.socket and
# pcscd.socket listen.
host_daemon_sockets() {
	echo /run/avahi-daemon/socket /run/.heim_org.h5l.kcm-socket /run/pcscd/pcscd.comm
}

# wait_for_socket PATH: up to 10 s.
wait_for_socket() {
	for _ in $(seq 50); do
		[ -S "$1" ] && return 0
		sleep 0.2
	done
	echo "no socket at $1" >&2
	return 1
}

# start_daemon PIDFILE SOCKET COMMAND...: start COMMAND in the background,
# holding none of the caller's descriptors, unless SOCKET is there already.
start_daemon() {
	local pidfile=$1 socket=$2
	shift 2
	[ -S "$socket" ] && return 0
	command -v "$1" >/dev/null || { echo "$1 is not installed" >&2; return 1; }
	(
		for fd in /proc/"$BASHPID"/fd/*; do
			fd=${fd##*/}
			[ "$fd" -gt 2 ] && eval "exec $fd>&-"
		done
		exec "$@" </dev/null >/dev/null 2>&1
	) &
	echo "$! $socket" >>"$pidfile"
	wait_for_socket "$socket"
}

# start_host_daemons PIDFILE
start_host_daemons() {
	local pidfile=$1 conf=${1%/*}/avahi-daemon.conf
	cat >"$conf" <<-EOF
		[server]
		allow-interfaces=lo
		use-ipv6=no
		enable-dbus=no
		[wide-area]
		enable-wide-area=no
		[publish]
		disable-publishing=yes
		disable-user-service-publishing=yes
	EOF
	start_daemon "$pidfile" /run/avahi-daemon/socket avahi-daemon -f "$conf" --no-rlimits --no-chroot &&
		start_daemon "$pidfile" /run/.heim_org.h5l.kcm-socket /usr/sbin/kcm &&
		start_daemon "$pidfile" /run/pcscd/pcscd.comm pcscd --foreground
}

# stop_host_daemons PIDFILE: stop what start_host_daemons started.
stop_host_daemons() {
	local pid socket
	[ -f "$1" ] || return 0
	while read -r pid socket; do
		kill "$pid" 2>/dev/null || continue
		for _ in $(seq 50); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		rm -f "$socket"
	done <"$1"
	rm -f "$1"
}
