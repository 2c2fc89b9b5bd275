# shellcheck shell=bats disable=SC2154 # bats sets stderr and stderr_lines
# bats file_tags=rootless
#
# NVIDIA's proprietary driver through the Container Device Interface. These
# machines have no NVIDIA hardware, so the two halves are tested apart: on
# this host without the driver, enter and run write no spec and say nothing;
# and a hand-made spec of the kind NVIDIA's libraries generate (a real
# shared library built here, its soname link, its folder for ldconfig), left
# where Toolbx leaves it, is applied by the real init-container in a real
# container. Upstream Toolbx's own test/system/230-cdi.bats covers the
# spec's corner cases.

load 'libs/helpers'

setup_file() {
	bats_require_minimum_version 1.5.0
	if is_root; then
		CDI_FILE=/run/toolbox/cdi-nvidia.json
	else
		CDI_FILE=$XDG_RUNTIME_DIR/toolbox/cdi-nvidia.json
	fi
	export CDI_FILE
	# A spec left by someone else would be applied to our containers, and
	# removed by ours: stop rather than touch it.
	[ ! -e "$CDI_FILE" ] || fail "$CDI_FILE exists already"
}

setup() {
	cd "$HOME" || return 1
	CDI_CONTAINER=$(container_name "cdi-$BATS_TEST_NUMBER")
}

teardown() {
	rm -f "$CDI_FILE"
	cleanup_containers
}

# fake_driver DIR: a shared library with a soname, as a driver's are, and a
# spec that mounts it, links its soname and has ldconfig learn its folder.
fake_driver() {
	local dir=$1
	mkdir -p "$dir"
	echo 'int tbtest_nvidia_version(void) { return 550; }' >"$dir/nv.c"
	gcc -shared -fPIC -Wl,-soname,libtbtest-nvidia.so.1 -o "$dir/libtbtest-nvidia.so.550.1" "$dir/nv.c"
	cat >"$dir/spec.json" <<-EOF
		{
		  "cdiVersion": "0.5.0",
		  "kind": "nvidia.com/gpu",
		  "devices": [],
		  "containerEdits": {
		    "env": ["NVIDIA_VISIBLE_DEVICES=void"],
		    "mounts": [
		      {
		        "hostPath": "$dir/libtbtest-nvidia.so.550.1",
		        "containerPath": "/usr/lib/tbtest-nvidia/libtbtest-nvidia.so.550.1",
		        "options": ["ro", "nosuid", "nodev", "bind"]
		      }
		    ],
		    "hooks": [
		      {
		        "hookName": "createContainer",
		        "path": "/usr/bin/nvidia-cdi-hook",
		        "args": ["nvidia-cdi-hook", "create-symlinks",
		                 "--link", "libtbtest-nvidia.so.550.1::/usr/lib/tbtest-nvidia/libtbtest-nvidia.so.1"]
		      },
		      {
		        "hookName": "createContainer",
		        "path": "/usr/bin/nvidia-cdi-hook",
		        "args": ["nvidia-cdi-hook", "update-ldcache", "--folder", "/usr/lib/tbtest-nvidia"]
		      }
		    ]
		  }
		}
	EOF
}

# check_applied: the library is mounted read-only, linked and known to the
# dynamic linker in the container.
check_applied() {
	local lib=/usr/lib/tbtest-nvidia/libtbtest-nvidia.so.550.1
	run --separate-stderr "$TOOLBX" run -c "$CDI_CONTAINER" findmnt --noheadings --output OPTIONS "$lib"
	assert_success
	assert_output --regexp '(^|,)ro,nosuid,nodev(,|$)'

	run --separate-stderr "$TOOLBX" run -c "$CDI_CONTAINER" readlink /usr/lib/tbtest-nvidia/libtbtest-nvidia.so.1
	assert_success
	assert_output libtbtest-nvidia.so.550.1

	run --separate-stderr "$TOOLBX" run -c "$CDI_CONTAINER" cat /etc/ld.so.conf.d/toolbx-nvidia.conf
	assert_success
	assert_output "# Written by Toolbx
# https://containertoolbx.org/

/usr/lib/tbtest-nvidia"

	run --separate-stderr "$TOOLBX" run -c "$CDI_CONTAINER" /sbin/ldconfig -p
	assert_success
	assert_line --regexp '^[[:space:]]+libtbtest-nvidia\.so\.1 \(.*\) => /usr/lib/tbtest-nvidia/libtbtest-nvidia\.so\.1$'
}

@test "cdi: init-container applies the NVIDIA spec it finds: mounts, links and ldconfig" {
	fake_driver "$BATS_TEST_TMPDIR/driver"
	create_container "$CDI_CONTAINER" >/dev/null
	mkdir -p "${CDI_FILE%/*}"
	cp "$BATS_TEST_TMPDIR/driver/spec.json" "$CDI_FILE"

	run --separate-stderr "$TOOLBX" run -c "$CDI_CONTAINER" true
	assert_success
	assert_equal "$stderr" ""
	check_applied

	# Again after a restart: the links and the mounts are there once.
	podman stop --time 0 "$CDI_CONTAINER" >/dev/null
	run --separate-stderr "$TOOLBX" run -c "$CDI_CONTAINER" true
	assert_success
	assert_equal "$stderr" ""
	check_applied
}

@test "cdi: Without NVIDIA's driver, run leaves no spec and says nothing" {
	[ ! -e /dev/nvidiactl ] || skip "this host has NVIDIA's driver"
	create_container "$CDI_CONTAINER" >/dev/null

	run --separate-stderr "$TOOLBX" run -c "$CDI_CONTAINER" sh -c 'env | grep ^NVIDIA_; test ! -e /etc/ld.so.conf.d/toolbx-nvidia.conf'
	assert_success
	assert_output ""
	assert_equal "$stderr" ""
	[ ! -e "$CDI_FILE" ] || fail "run left $CDI_FILE"

	run --separate-stderr "$TOOLBX" --log-level debug run -c "$CDI_CONTAINER" true
	assert_success
	stderr_as_output
	assert_line --partial "Generating Container Device Interface for NVIDIA: not a Tegra system"
	refute_line --partial "Saving Container Device Interface"
	[ ! -e "$CDI_FILE" ] || fail "run left $CDI_FILE"
}

@test "cdi: A spec that does not parse stops the entry point with Toolbx's error" {
	create_container "$CDI_CONTAINER" >/dev/null
	mkdir -p "${CDI_FILE%/*}"
	echo 'This is not JSON' >"$CDI_FILE"

	run --separate-stderr "$TOOLBX" run -c "$CDI_CONTAINER" true
	assert_failure
	stderr_as_output
	assert_line --index 0 "Error: failed to load Container Device Interface for NVIDIA"
}
