# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
#
# Subordinate ids that an NSS module provides, as SSSD's does, count: toolbox
# asks shadow's libsubid (Debian's libsubid4) when /etc/subuid and
# /etc/subgid grant nothing. In a mount namespace of the test's own, those
# files are empty and nsswitch.conf names a subid module built here
# (data/libsubid), so nothing outside the test sees the change. Root only:
# it runs toolbox as the rootless test user.

load 'libs/helpers'

setup_file() {
	bats_require_minimum_version 1.5.0
	is_root || skip "needs root, to change nsswitch.conf in a mount namespace"
	[ -e /usr/lib/x86_64-linux-gnu/libsubid.so.4 ] || [ -e /usr/lib64/libsubid.so.4 ] ||
		skip "libsubid.so.4 is not installed (Debian package libsubid4)"
	SUBID_USER=${TOOLBX_TEST_USER:-toolbxtest}
	id "$SUBID_USER" >/dev/null 2>&1 || skip "no test user $SUBID_USER (test/setup-test-user.sh)"
	# A directory the test user can read, for the binary and the module.
	SUBID_DIR=$(mktemp -d /tmp/tbtest-subid.XXXXXX)
	chmod 0755 "$SUBID_DIR"
	cp "$TOOLBX" "$SUBID_DIR/toolbox"
	gcc -shared -fPIC -o "$SUBID_DIR/libsubid_tbtest.so" "$BATS_TEST_DIRNAME/data/libsubid/libsubid_tbtest.c"
	: >"$SUBID_DIR/empty"
	cp /etc/nsswitch.conf "$SUBID_DIR/nsswitch.conf"
	echo "subid: tbtest" >>"$SUBID_DIR/nsswitch.conf"
	chmod -R a+rX "$SUBID_DIR"
	export SUBID_USER SUBID_DIR
}

teardown_file() {
	rm -rf "${SUBID_DIR:-/nonexistent}"
}

# as_user_with_nss OWNER: run `toolbox list` as the test user where only the
# NSS module knows subordinate ids, and it grants them to OWNER.
as_user_with_nss() {
	local uid
	uid=$(id -u "$SUBID_USER")
	unshare -m sh -c '
		mount --bind "$1/nsswitch.conf" /etc/nsswitch.conf &&
		mount --bind "$1/empty" /etc/subuid &&
		mount --bind "$1/empty" /etc/subgid &&
		exec runuser -u "$2" -- env -i HOME="$(getent passwd "$2" | cut -d: -f6)" USER="$2" \
			PATH=/usr/sbin:/usr/bin:/sbin:/bin XDG_RUNTIME_DIR="/run/user/$3" \
			LD_LIBRARY_PATH="$1" TBTEST_SUBID_OWNER="$4" "$1/toolbox" list --containers' \
		sh "$SUBID_DIR" "$SUBID_USER" "$uid" "$1"
}

@test "subid: Ranges that an NSS module provides count" {
	run --separate-stderr as_user_with_nss "$SUBID_USER"
	# podman itself may still fail here: newuidmap sees the same empty
	# files; what counts is that toolbox let it run.
	[[ $stderr != *"Missing subgid and/or subuid ranges"* ]] || fail "toolbox refused the user: $stderr"
}

@test "subid: Without ranges anywhere, Toolbx's error" {
	run --separate-stderr as_user_with_nss nobody-at-all
	assert_failure
	stderr_as_output
	assert_line --index 0 "Error: Missing subgid and/or subuid ranges for user $SUBID_USER"
	assert_line --index 1 "See the podman(1), subgid(5), subuid(5) and usermod(8) manuals for more"
	assert_line --index 2 "information."
}
