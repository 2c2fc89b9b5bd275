# shellcheck shell=bash
#
# The `p11-kit server` that toolbox enter and run start for the user, on
# $RUNTIME/pkcs11. It outlives toolbox, as a session's agents do; the tests
# stop the one they started.

# p11kit_socket: where toolbox starts the server for the current user.
p11kit_socket() {
	if is_root; then
		echo /run/toolbox/pkcs11
	else
		echo "${XDG_RUNTIME_DIR:-/run/user/$(id -u)}/toolbox/pkcs11"
	fi
}

# p11kit_server_pids SOCKET: the servers toolbox started on SOCKET.
p11kit_server_pids() {
	local cmdline pid want="server --name $1 --provider p11-kit-trust.so pkcs11:model=p11-kit-trust?write-protected=yes "
	for cmdline in /proc/[0-9]*/cmdline; do
		if [ "$({ tr '\0' ' ' <"$cmdline"; } 2>/dev/null)" = "$want" ]; then
			pid=${cmdline#/proc/}
			echo "${pid%/cmdline}"
		fi
	done
}

# stop_p11kit_server SOCKET: stop them, so that the next enter or run
# starts one.
stop_p11kit_server() {
	local pid
	for pid in $(p11kit_server_pids "$1"); do
		kill "$pid" 2>/dev/null
	done
	rm -f "$1"
}
