#!/usr/bin/env bash
# The project's test command (the one the README gives): run as root on a
# Debian 12 machine, fresh or not, from the top of a checkout:
#
#     bash test/run.sh
#
# It installs the packages the build and the tests need, builds toolbox,
# runs the Go unit tests, builds the test images offline, runs the system
# tests (bats) as root, then the files and tests tagged `rootless` as the
# test user toolbxtest, and ends with the line "N passed, N failed,
# N skipped" over all of them. Exit status 0 only when nothing failed.
#
# Environment: TOOLBX_TEST_* and TOOLBOX_IMAGES_CACHE reach the tests (see
# test/system/README.md).

set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1

passed=0
failed=0
skipped=0
logs=$(mktemp -d /tmp/toolbox-test.XXXXXX)

summary() {
	echo
	echo "$passed passed, $failed failed, $skipped skipped"
}

# abort STAGE: a stage the tests cannot do without failed.
abort() {
	echo "run.sh: $1 failed; stopping" >&2
	failed=$((failed + 1))
	summary
	exit 1
}

# stage NAME COMMAND...: run COMMAND under a heading, with its duration.
stage() {
	local name=$1 start=$SECONDS status
	shift
	echo "==> $name"
	"$@"
	status=$?
	echo "<== $name: $((SECONDS - start)) s$([ "$status" -eq 0 ] || echo ", exit status $status")"
	return "$status"
}

packages=(
	podman runc uidmap fuse-overlayfs dbus # containers
	bats bats-assert bats-support          # system tests
	debootstrap                            # test images
	gcc meson ninja-build pkg-config patchelf go-md2man git # build
	shellcheck                             # the scripts' lint
	bash-completion zsh fish man-db hyperfine bc # completion, help, benchmarks
	desktop-file-utils libglib2.0-bin      # export: desktop-file-validate, gio launch
	docker-registry apache2-utils openssl skopeo procps # registry for pull tests
	p11-kit p11-kit-modules gnutls-bin socat libsubid4 # host integrations: CA certificates, subids
)
# Installed when the distribution has them.
optional_packages=(bats-assert bats-support)
# Installed without their recommendations, which would bring a desktop:
# flatpak's session helper runs `flatpak-spawn --host` for the tests of
# commands forwarded from inside containers.
# The host daemons whose sockets containers share (260-host-sockets.bats)
# come without theirs too.
lean_packages=(flatpak avahi-daemon heimdal-kcm pcscd)

# has_candidate PKG: the distribution has a version of PKG to install. The
# output is read whole first: under pipefail, a pipe from apt-cache into
# `grep -q` fails when grep exits at its first match and apt-cache dies of
# SIGPIPE.
has_candidate() {
	local policy
	policy=$(apt-cache policy "$1") || return 1
	[[ $policy =~ Candidate:\ [0-9] ]]
}

install_packages() {
	local pkg missing=() wanted=()
	for pkg in "${packages[@]}"; do
		[ "$(dpkg-query -W -f '${db:Status-Status}' "$pkg" 2>/dev/null)" = installed ] ||
			missing+=("$pkg")
	done
	if [ ${#missing[@]} -eq 0 ]; then
		echo "all ${#packages[@]} packages are installed"
		return 0
	fi
	echo "missing: ${missing[*]}"
	apt-get update -q || return 1
	for pkg in "${missing[@]}"; do
		if [[ " ${optional_packages[*]} " == *" $pkg "* ]] && ! has_candidate "$pkg"; then
			echo "skipping $pkg: not in this distribution"
			continue
		fi
		wanted+=("$pkg")
	done
	[ ${#wanted[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${wanted[@]}" </dev/null
}

install_lean_packages() {
	local pkg missing=()
	for pkg in "${lean_packages[@]}"; do
		[ "$(dpkg-query -W -f '${db:Status-Status}' "$pkg" 2>/dev/null)" = installed ] ||
			missing+=("$pkg")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	apt-get update -q || return 1
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
}

# ---------------------------------------------------------------------------
# BUILD STEP: how the binary under test is made. The tests use builddir/toolbox.
# ---------------------------------------------------------------------------
build_toolbox() {
	if [ ! -f builddir/build.ninja ]; then
		meson setup builddir || return 1
	fi
	meson compile -C builddir || return 1
	# What `meson install` and, at boot, the tmpfiles.d rule do: the binary
	# loads its dynamic linker through /run/host -> ../.
	meson/install-host-link.sh data/tmpfiles.d/toolbox.conf
}

# fuzz: a short run of every fuzz test (go test -fuzz), on top of the seed
# corpus that go_tests already ran; what they find lands in testdata/fuzz.
fuzz() {
	local pkg target status=0 n=0
	while read -r pkg target; do
		n=$((n + 1))
		if go test -run '^$' -fuzz "^$target\$" -fuzztime "${TOOLBX_FUZZ_TIME:-3s}" "$pkg" >"$logs/fuzz.log" 2>&1; then
			passed=$((passed + 1))
		else
			tail -n 20 "$logs/fuzz.log"
			failed=$((failed + 1))
			status=1
		fi
	done < <(git ls-files -z '*_test.go' | xargs -0 grep -Ho '^func Fuzz[A-Za-z]*' |
		sed 's|^\(.*\)/[^/]*:func \(.*\)$|./\1 \2|; s|^[^./][^ ]*_test.go:func \(.*\)$|. \1|')
	echo "fuzz: $n targets, ${TOOLBX_FUZZ_TIME:-3s} each"
	return "$status"
}

# fresh_build: what a new machine does, on the machine CI runs on, which
# already has /run/host: clone the checkout's committed state and build it
# with meson in a private mount namespace whose /run is an empty
# directory, as on a host where nothing has made /run/host yet (a package
# builder's chroot, a new install). The build must not need it.
fresh_build() {
	local dir empty status
	dir=$(mktemp -d /tmp/toolbox-fresh.XXXXXX) || return 1
	empty=$dir/empty-run
	mkdir "$empty" || return 1
	git clone -q "$top" "$dir/src" || return 1
	unshare -m sh -c 'mount --bind "$1" /run && cd "$2" &&
		meson setup "$2/builddir" >/dev/null && meson compile -C "$2/builddir"' \
		sh "$empty" "$dir/src" >"$logs/fresh-build.log" 2>&1
	status=$?
	if [ "$status" -eq 0 ]; then
		echo "a fresh clone builds without /run/host"
		passed=$((passed + 1))
	else
		tail -n 30 "$logs/fresh-build.log"
		echo "a fresh clone does not build without /run/host"
		failed=$((failed + 1))
	fi
	rm -rf "$dir"
	return "$status"
}

# lint_scripts: shellcheck every shell script and bats file, and refuse
# a pipe into `grep -q` (see has_candidate) in any of them.
lint_scripts() {
	local files=() status=0 f
	while IFS= read -r -d '' f; do
		files+=("$f")
	done < <(git ls-files -z '*.sh' '*.bash' '*.bats' .ci/run)
	if shellcheck -x --severity=warning "${files[@]}"; then
		echo "shellcheck: ${#files[@]} files clean"
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		status=1
	fi
	if grep -nE '\|[[:space:]]*grep[[:space:]]+(-[[:alnum:]]*q|--quiet)' "${files[@]}"; then
		echo "a pipeline ends in grep -q: under pipefail it fails at random (SIGPIPE)"
		failed=$((failed + 1))
		status=1
	else
		passed=$((passed + 1))
	fi
	return "$status"
}

# go_tests: the Go unit tests, counted per test and subtest.
go_tests() {
	local log=$logs/go-test.log status
	go test -v ./... >"$log" 2>&1
	status=$?
	# Show what matters: failures, their output, and one line per package.
	grep -vE '^[[:space:]]*(=== (RUN|PAUSE|CONT|NAME)|--- PASS: |PASS$)' "$log"
	count_go "$log" "$status"
	return "$status"
}

# count_go LOG STATUS: add go test -v's results to the totals.
count_go() {
	local p f s
	p=$(grep -cE '^[[:space:]]*--- PASS: ' "$1")
	f=$(grep -cE '^[[:space:]]*--- FAIL: ' "$1")
	s=$(grep -cE '^[[:space:]]*--- SKIP: ' "$1")
	# A package that does not build fails without any --- FAIL line.
	[ "$2" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	echo "go test: $p passed, $f failed, $s skipped"
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
}

# count_tap LOG STATUS: add bats' TAP results to the totals.
count_tap() {
	local ok f s
	ok=$(grep -cE '^ok ' "$1")
	s=$(grep -cE '^ok .* # skip' "$1")
	f=$(grep -cE '^not ok ' "$1")
	# bats can fail without a "not ok" line (a bad file, a crash).
	[ "$2" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	echo "$3: $((ok - s)) passed, $f failed, $s skipped"
	passed=$((passed + ok - s)) failed=$((failed + f)) skipped=$((skipped + s))
}

# bats_suite NAME COMMAND...: run a bats command with TAP output, counted.
bats_suite() {
	local name=$1 log=$logs/$1.tap status
	shift
	"$@" 2>&1 | tee "$log"
	status=${PIPESTATUS[0]}
	count_tap "$log" "$status" "$name"
}

# Stop, at the end, the D-Bus system bus that setup_suite starts if this run
# is what started it.
bus_pid_before=$(cat /run/dbus/pid 2>/dev/null || true)
finish() {
	local pid
	pid=$(cat /run/dbus/pid 2>/dev/null || true)
	if [ -n "$pid" ] && [ "$pid" != "$bus_pid_before" ] &&
		[ "$(ps -o comm= -p "$pid")" = dbus-daemon ] && kill "$pid" 2>/dev/null; then
		echo "stopped the D-Bus system bus that the tests started (pid $pid)"
	fi
	rm -rf "$logs"
}
trap finish EXIT

[ "$(id -u)" -eq 0 ] || { echo "run.sh: run this as root" >&2; exit 1; }
# A user's session has a locale; CI's environment may have none, and then
# man(1) and troff complain about every non-ASCII character.
export LANG=${LANG:-C.UTF-8}
# The Go toolchain of this project's machines is not on every PATH.
[ -x /usr/local/go/bin/go ] && PATH=/usr/local/go/bin:$PATH
command -v go >/dev/null || abort "finding the Go toolchain (go is not on PATH)"

stage "install packages" install_packages || abort "installing packages"
stage "install packages" install_lean_packages || abort "installing packages"
stage "build toolbox" build_toolbox || abort "building toolbox"
stage "go test" go_tests
stage "fuzz" fuzz
stage "fresh clone without /run/host" fresh_build
stage "lint scripts" lint_scripts
stage "test images" images/debian/build-offline.sh 12 || abort "building the Debian 12 image"
stage "test images" images/debian/build-offline.sh 11 || abort "building the Debian 11 image"
stage "test user" test/setup-test-user.sh || abort "setting up the test user"
echo "set-up done after $SECONDS s"

stage "bats as root" bats_suite bats-root bats --tap --timing test/system
stage "bats as toolbxtest (rootless)" bats_suite bats-rootless \
	test/run-rootless.sh --tap --timing --filter-tags rootless test/system

summary
[ "$failed" -eq 0 ]
