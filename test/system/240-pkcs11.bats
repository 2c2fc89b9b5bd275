# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
# bats file_tags=rootless
#
# The host's CA certificates in containers, through Debian's real p11-kit:
# enter and run start a `p11-kit server` for the host's trust module on
# $RUNTIME/pkcs11, and init-container points the container's trust module
# at it with p11-kit-client.so. As root, a CA made here is trusted on the
# host for the test only (update-ca-certificates, undone in teardown); a
# TLS client in the container then accepts a server on 127.0.0.1 whose
# certificate that CA signed.
#
# Listing: Toolbx's tests use `trust list`, which fails through the RPC of
# p11-kit 0.24 (Debian 12, both ends: "couldn't load attributes", p11-kit
# pull request 624); GnuTLS's p11tool lists the same objects through the
# same client module, and `trust list` is checked where p11-kit is newer.

load 'libs/helpers'
load 'libs/p11kit'

setup_file() {
	bats_require_minimum_version 1.5.0
	command -v p11-kit >/dev/null || skip "p11-kit is not installed on the host (Debian packages p11-kit, p11-kit-modules)"
	P11_SOCKET=$(p11kit_socket)
	P11_CONTAINER=$(container_name pkcs11)
	export P11_SOCKET P11_CONTAINER
	create_container "$P11_CONTAINER" >/dev/null
	podman run --rm --network host "$TOOLBX_TEST_IMAGE" test -e /usr/lib/x86_64-linux-gnu/pkcs11/p11-kit-client.so -a -d /etc/pkcs11/modules ||
		fail "$TOOLBX_TEST_IMAGE lacks p11-kit-client.so or /etc/pkcs11/modules: rebuild it (images/debian/build-offline.sh)"
}

teardown_file() {
	cleanup_containers
	# The server outlives toolbox, as a session's agents do; the next enter
	# or run starts another.
	stop_server
}

setup() {
	cd "$HOME" || return 1
}

teardown() {
	if [ -n "${P11_CA:-}" ]; then
		rm -f "$P11_CA"
		update-ca-certificates >/dev/null
	fi
	[ -z "${P11_TLS_PID:-}" ] || kill "$P11_TLS_PID" 2>/dev/null || true
}

# server_pid, stop_server: the server on $P11_SOCKET (libs/p11kit.bash).
server_pid() { p11kit_server_pids "$P11_SOCKET"; }
stop_server() { stop_p11kit_server "$P11_SOCKET"; }

# in_container CMD...
in_container() {
	"$TOOLBX" run -c "$P11_CONTAINER" "$@"
}

@test "pkcs11: run starts one p11-kit server, holding none of the caller's descriptors" {
	in_container true
	stop_server

	# The caller's fd 7 is a pipe whose reader waits for its end, as bats'
	# TAP stream does: a server that kept it would hang the pipeline. (The
	# container runs already: podman start's conmon keeps such descriptors
	# too, with Toolbx as with toolbox.)
	run timeout 60 bash -c '"$TOOLBX" run -c "$P11_CONTAINER" sh -c "echo \$P11_KIT_SERVER_ADDRESS" 7>&1 | cat'
	assert_success
	assert_output "unix:path=$P11_SOCKET"
	[ -S "$P11_SOCKET" ] || fail "no socket at $P11_SOCKET"

	local pids fd
	pids=$(server_pid)
	assert_equal "$(echo "$pids" | wc -w)" 1
	for fd in /proc/"$pids"/fd/*; do
		case "${fd##*/}:$(readlink "$fd")" in
		0:socket:* | [12]:/dev/null) ;;
		*) fail "the p11-kit server holds $fd -> $(readlink "$fd")" ;;
		esac
	done

	# Concurrent calls share it.
	in_container true &
	in_container true
	wait
	assert_equal "$(server_pid)" "$pids"
}

@test "pkcs11: init-container points the container's trust module at the host's server" {
	run --separate-stderr in_container cat /etc/pkcs11/modules/p11-kit-trust.module
	assert_success
	assert_output "# Written by Toolbx
# https://containertoolbx.org/

module: p11-kit-client.so
server-address: unix:path=$P11_SOCKET"

	run --separate-stderr in_container cat /etc/profile.d/toolbx-pkcs11.sh
	assert_success
	assert_line "export P11_KIT_SERVER_ADDRESS=unix:path=$P11_SOCKET"

	run --separate-stderr in_container sudo cat /etc/sudoers.d/90-toolbx-pkcs11
	assert_success
	assert_line 'Defaults env_keep += "P11_KIT_SERVER_ADDRESS"'
	run --separate-stderr in_container sudo sh -c 'echo $P11_KIT_SERVER_ADDRESS'
	assert_success
	assert_output "unix:path=$P11_SOCKET"

	run --separate-stderr in_container p11-kit list-modules
	assert_success
	assert_line --index 0 "p11-kit-trust: p11-kit-client.so"
}

@test "pkcs11: The host's anchors are the container's, whatever the image trusts (p11tool)" {
	# Empty the container's own bundle: what is listed comes from the host.
	in_container sudo sh -c ': >/etc/ssl/certs/ca-certificates.crt'
	local host_count
	host_count=$(trust list --filter=ca-anchors | grep -c '^pkcs11:')
	[ "$host_count" -gt 0 ] || skip "the host trusts no CA"

	run --separate-stderr in_container p11tool --list-all-trusted "pkcs11:model=p11-kit-trust"
	assert_success
	assert_equal "$(grep -c '^Object' <<<"$output")" "$host_count"
}

@test "pkcs11: trust list in the container lists the host's anchors" {
	in_container sudo sh -c ': >/etc/ssl/certs/ca-certificates.crt'
	local host_count
	host_count=$(trust list --filter=ca-anchors | grep -c '^pkcs11:')
	[ "$host_count" -gt 0 ] || skip "the host trusts no CA"

	run --separate-stderr in_container trust list --filter=ca-anchors
	if [[ $stderr == *"couldn't load attributes"* ]] &&
		dpkg --compare-versions "$(dpkg-query -W -f '${Version}' p11-kit 2>/dev/null)" lt 0.25; then
		skip "trust list fails through the RPC of p11-kit older than 0.25 (p11-kit pull request 624)"
	fi
	assert_success
	assert_equal "$(grep -c '^pkcs11:' <<<"$output")" "$host_count"
}

@test "pkcs11: A CA trusted on the host only is trusted by TLS clients in the container" {
	is_root || skip "trusting a CA on the host needs root"
	local dir=$BATS_TEST_TMPDIR/ca port name
	mkdir -p "$dir"
	name="tbtest toolbox CA $TBTEST_RUN_ID"
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/ca.key" -out "$dir/ca.crt" -days 1 -subj "/CN=$name" 2>/dev/null
	openssl req -newkey rsa:2048 -nodes -keyout "$dir/server.key" -out "$dir/server.csr" -subj "/CN=127.0.0.1" 2>/dev/null
	echo 'subjectAltName=IP:127.0.0.1' >"$dir/ext"
	openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
		-out "$dir/server.crt" -days 1 -extfile "$dir/ext" 2>/dev/null
	port=$((20000 + RANDOM % 20000))
	openssl s_server -quiet -accept "127.0.0.1:$port" -cert "$dir/server.crt" -key "$dir/server.key" -www \
		</dev/null >/dev/null 2>&1 3>&- &
	P11_TLS_PID=$!
	sleep 1

	local client="gnutls-cli --x509cafile=pkcs11:model=p11-kit-trust --port $port 127.0.0.1 </dev/null"
	run --separate-stderr in_container sh -c "$client"
	assert_failure
	assert_line --partial "The certificate issuer is unknown"

	P11_CA=/usr/local/share/ca-certificates/tbtest-$TBTEST_RUN_ID.crt
	cp "$dir/ca.crt" "$P11_CA"
	update-ca-certificates >/dev/null

	run --separate-stderr in_container p11tool --list-all-trusted "pkcs11:model=p11-kit-trust"
	assert_success
	assert_line --partial "Label: $name"
	run --separate-stderr in_container sh -c "$client"
	assert_success
	assert_line --partial "The certificate is trusted"
	# The container's own bundle never had it.
	run in_container grep -c BEGIN /etc/ssl/certs/ca-certificates.crt
	refute_output "$(grep -c BEGIN /etc/ssl/certs/ca-certificates.crt)"
}

@test "pkcs11: Without p11-kit on the host, nothing changes" {
	stop_server
	podman stop --time 0 "$P11_CONTAINER" >/dev/null
	# A PATH with podman but no p11-kit: the host without the package.
	local bin=$BATS_TEST_TMPDIR/bin
	mkdir -p "$bin"
	ln -s "$(command -v podman)" "$bin/podman"

	run --separate-stderr env PATH="$bin" "$TOOLBX" run -c "$P11_CONTAINER" true
	assert_success
	assert_output ""
	assert_equal "$stderr" ""
	[ ! -e "$P11_SOCKET" ] || fail "a server was started"
	# The container started without a server: the trust module that
	# init-container wrote before is gone, and the image's own is used.
	run podman exec "$P11_CONTAINER" test -e /etc/pkcs11/modules/p11-kit-trust.module
	assert_failure
	run podman exec "$P11_CONTAINER" p11-kit list-modules
	assert_line --index 0 "p11-kit-trust: p11-kit-trust.so"
}
