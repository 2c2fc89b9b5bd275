# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
# bats file_tags=rootless

load 'libs/helpers'

# Beyond Toolbx (upstream issues 969, 1059, 1528; 98, 260): the
# container's hostname resolves in every image, from the first session
# on, through an /etc/hosts of the container's own that holds the host's
# entries; create --hostname NAME sets it.

setup() {
	cd "$HOME" || return 1
}

teardown() {
	if [ -n "${HOSTS_BACKUP:-}" ]; then
		# Written in place, as the test appended to it.
		cat "$HOSTS_BACKUP" >/etc/hosts
	fi
	cleanup_containers
}

@test "hostname: The hostname resolves in an image without nss-myhostname" {
	local name sum
	name=$(container_name hostname)
	sum=$(sha256sum </etc/hosts)
	create_container "$name" >/dev/null
	# The test image has nss-myhostname, which resolves any hostname.
	"$TOOLBX" run -c "$name" sudo dpkg --purge libnss-myhostname >/dev/null 2>&1
	"$TOOLBX" stop "$name"

	run --separate-stderr "$TOOLBX" run -c "$name" sh -c '
		grep -c myhostname /etc/nsswitch.conf
		timeout 2 getent hosts toolbx
		sudo true'

	assert_success
	assert_line --index 0 0
	assert_line --index 1 --regexp '^127\.0\.1\.1[[:space:]]+toolbx$'
	assert_equal "$stderr" ""
	assert_equal "$(sha256sum </etc/hosts)" "$sum"
}

@test "hostname: The container's /etc/hosts has the host's entries" {
	local name
	name=$(container_name hostname-hosts)
	create_container "$name" >/dev/null

	run --separate-stderr "$TOOLBX" run -c "$name" sh -c '
		test -L /etc/hosts && echo link
		head -n "$(wc -l </run/host/etc/hosts)" /etc/hosts | cmp - /run/host/etc/hosts && echo same'

	assert_success
	assert_output same
}

@test "hostname: create --hostname gives the container its own, which resolves" {
	local name
	name=$(container_name hostname-custom)
	create_container "$name" --hostname box.example >/dev/null

	# (The image's nss-myhostname would answer for IPv6.)
	run --separate-stderr "$TOOLBX" run -c "$name" sh -c '
		hostname
		getent ahostsv4 box.example | head -n 1
		getent ahostsv4 box | head -n 1'

	assert_success
	assert_line --index 0 box.example
	assert_line --index 1 --regexp '^127\.0\.1\.1[[:space:]]+STREAM box\.example$'
	assert_line --index 2 --regexp '^127\.0\.1\.1[[:space:]]+STREAM box\.example$'
}

@test "hostname: A bad --hostname makes no container" {
	local name bad
	name=$(container_name hostname-bad)
	for bad in -box box- a..b a_b "$(printf 'a%.0s' {1..65})"; do
		run -1 --separate-stderr "$TOOLBX" create -i "$TOOLBX_TEST_IMAGE" --hostname "$bad" "$name"
		stderr_as_output
		assert_line --index 0 "Error: invalid argument for '--hostname'"
		assert_line --index 1 "Hostnames must be dot-separated labels of letters, digits and '-', at most 64 characters."
		assert_line --index 2 "Run 'toolbox --help' for usage."
		run podman container exists "$name"
		assert_failure
	done
}

@test "hostname: An entry added to the host's /etc/hosts shows up in the container" {
	is_root || skip "the host's /etc/hosts is root's"
	local name entry i
	name=$(container_name hostname-update)
	entry="192.0.2.1 ${name}.invalid"
	create_container "$name" >/dev/null
	"$TOOLBX" run -c "$name" true
	HOSTS_BACKUP=$BATS_TEST_TMPDIR/hosts
	cp /etc/hosts "$HOSTS_BACKUP"

	echo "$entry" >>/etc/hosts
	for ((i = 0; i < 50; i++)); do
		"$TOOLBX" run -c "$name" grep -qx "$entry" /etc/hosts && break
		sleep 0.1
	done

	run --separate-stderr "$TOOLBX" run -c "$name" sh -c "getent hosts ${name}.invalid; grep -x '127.0.1.1.toolbx' /etc/hosts"
	assert_success
	assert_line --index 0 --regexp "^192\.0\.2\.1[[:space:]]+${name}\.invalid$"
	assert_line --index 1 --regexp '^127\.0\.1\.1[[:space:]]toolbx$'
}
