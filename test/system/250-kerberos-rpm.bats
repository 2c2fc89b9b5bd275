# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
# bats file_tags=rootless
#
# What init-container writes for Kerberos (KCM as the default credential
# cache) and RPM (%_netsharedpath), as upstream's 250-kerberos.bats and
# 270-rpm.bats check on Fedora. Debian's image has neither directory, so a
# test gives its container the directory, as a Fedora image has it, and
# restarts it: the real entry point does the rest.

load 'libs/helpers'

setup() {
	bats_require_minimum_version 1.5.0
	cd "$HOME" || return 1
	KRB_CONTAINER=$(container_name "krb-$BATS_TEST_NUMBER")
	create_container "$KRB_CONTAINER" >/dev/null
}

teardown() {
	cleanup_containers
}

# restart_with_dir DIR: make DIR in the container, as root, and restart it.
restart_with_dir() {
	"$TOOLBX" run -c "$KRB_CONTAINER" sudo mkdir -p "$1"
	podman stop --time 0 "$KRB_CONTAINER" >/dev/null
}

@test "kerberos: An image without /etc/krb5.conf.d gets nothing" {
	run --separate-stderr "$TOOLBX" run -c "$KRB_CONTAINER" test -e /etc/krb5.conf.d
	assert_failure
	assert_equal "$stderr" ""
}

@test "kerberos: KCM becomes the default credential cache" {
	restart_with_dir /etc/krb5.conf.d

	run --separate-stderr "$TOOLBX" run -c "$KRB_CONTAINER" cat /etc/krb5.conf.d/kcm_default_ccache
	assert_success
	assert_output "# Written by Toolbx
# https://containertoolbx.org/
#
# # To disable the KCM credential cache, comment out the following lines.

[libdefaults]
    default_ccache_name = KCM:"
	run --separate-stderr "$TOOLBX" run -c "$KRB_CONTAINER" stat --format "%A %U:%G" /etc/krb5.conf.d/kcm_default_ccache
	assert_success
	assert_output "-rw-r--r-- root:root"
}

@test "kerberos: A kcm_default_ccache of the image's is kept" {
	"$TOOLBX" run -c "$KRB_CONTAINER" sudo sh -c 'mkdir -p /etc/krb5.conf.d && echo "# mine" >/etc/krb5.conf.d/kcm_default_ccache'
	podman stop --time 0 "$KRB_CONTAINER" >/dev/null

	run --separate-stderr "$TOOLBX" run -c "$KRB_CONTAINER" cat /etc/krb5.conf.d/kcm_default_ccache
	assert_success
	assert_output "# mine"
}

@test "rpm: %_netsharedpath keeps RPM off the host's paths" {
	run --separate-stderr "$TOOLBX" run -c "$KRB_CONTAINER" test -e /usr/lib/rpm/macros.d/macros.toolbox
	assert_failure

	restart_with_dir /usr/lib/rpm/macros.d

	run --separate-stderr "$TOOLBX" run -c "$KRB_CONTAINER" cat /usr/lib/rpm/macros.d/macros.toolbox
	assert_success
	assert_output "# Written by Toolbx
# https://containertoolbx.org/

%_netsharedpath /dev:/media:/mnt:/proc:/sys:/tmp:/var/lib/flatpak:/var/lib/libvirt"
	run --separate-stderr "$TOOLBX" run -c "$KRB_CONTAINER" stat --format "%A %U:%G" /usr/lib/rpm/macros.d/macros.toolbox
	assert_success
	assert_output "-rw-r--r-- root:root"
}
