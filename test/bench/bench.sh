#!/bin/bash
# Benchmark: toolbox against podman itself, paired runs (A B A B ...) in
# one run, median wall times and their ratio. Goals from the speed issue:
#   run (running container, root and rootless)   <= 1.15
#   run (stopped but initialised container)      <= 1.25
#   list with 10 containers                      <= 1.30
#   create                                       <= 1.15
#
# Usage: test/bench/bench.sh [-n RUNS] [CASE...]
#   CASES: run-root run-rootless run-stopped list create (default: all)
# Needs: the test image (images/debian/build-offline.sh), $TOOLBX (default
# builddir/toolbox), root for every case; run-rootless uses the test user
# made by test/setup-host.sh.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
TOOLBX=${TOOLBX:-$top/builddir/toolbox}
IMAGE=${IMAGE:-localhost/debian-toolbox:12}
TEST_USER=${TEST_USER:-toolbxtest}
runs=31
if [ "${1:-}" = -n ]; then runs=$2; shift 2; fi
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(run-root run-rootless run-stopped list create)
prefix=tbbench-$$
# A login shell reads the user's profile, which costs what it costs (on our
# machines root's ~/.bashrc runs `pyenv init`, half a second): measure
# toolbox, not the profile, with a clean home unless told otherwise.
# The containers are created with the real home; the runs see a clean one.
runhome=$HOME
if [ "${BENCH_KEEP_HOME:-}" != 1 ]; then
	runhome=$(mktemp -d /tmp/tbbench-home.XXXXXX)
fi
cd /tmp

# now_us: the current time in microseconds, without forking.
now_us() { local t=${EPOCHREALTIME/./}; echo "${t}"; }

# median: the median of the numbers on stdin.
median() { sort -n | awk '{a[NR]=$1} END {printf "%d\n", (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# paired NAME PREPARE A B: run PREPARE; A; PREPARE; B; ... $runs times and
# print the medians of A and B and the ratio A/B. PREPARE is not timed.
paired() {
	local name=$1 prepare=$2 a=$3 b=$4 i t0 ta tb fa fb
	fa=$(mktemp) fb=$(mktemp)
	eval "$prepare"; eval "$a" >/dev/null 2>&1 # warm-up
	for ((i = 0; i < runs; i++)); do
		eval "$prepare"
		t0=$(now_us); eval "$a" >/dev/null 2>&1 || { echo "failed: $a" >&2; exit 1; }; ta=$(now_us)
		echo $((ta - t0)) >>"$fa"
		eval "$prepare"
		t0=$(now_us); eval "$b" >/dev/null 2>&1 || { echo "failed: $b" >&2; exit 1; }; tb=$(now_us)
		echo $((tb - t0)) >>"$fb"
	done
	ma=$(median <"$fa") mb=$(median <"$fb")
	printf '%-12s toolbox %8.1f ms   podman %8.1f ms   ratio %.2f\n' \
		"$name" "$(echo "$ma / 1000" | bc -l)" "$(echo "$mb / 1000" | bc -l)" "$(echo "$ma / $mb" | bc -l)"
	rm -f "$fa" "$fb"
}

cleanup() {
	podman ps -a --format '{{.Names}}' | grep "^$prefix" | xargs -r podman rm -f -t 0 >/dev/null 2>&1 || true
	if id "$TEST_USER" >/dev/null 2>&1; then
		as_user "podman ps -a --format '{{.Names}}' | grep '^$prefix' | xargs -r podman rm -f -t 0" >/dev/null 2>&1 || true
	fi
}
trap 'cleanup; [ "$runhome" = "$HOME" ] || rm -rf "$runhome"' EXIT

as_user() {
	local uid
	uid=$(id -u "$TEST_USER")
	runuser -u "$TEST_USER" -- env -C "$(getent passwd "$TEST_USER" | cut -d: -f6)" \
		HOME="$(getent passwd "$TEST_USER" | cut -d: -f6)" XDG_RUNTIME_DIR=/run/user/$uid \
		PATH=/usr/local/bin:/usr/bin:/bin bash -c "$1"
}

# The machine the figures come from.
echo "# $(nproc) cores, $(uname -sr), podman $(podman version --format '{{.Client.Version}}' 2>/dev/null)," \
	"runtime $(podman info --format '{{.Host.OCIRuntime.Name}}' 2>/dev/null), $runs pairs, $(date -u +%F)"

for c in "${cases[@]}"; do
	case $c in
	run-root)
		"$TOOLBX" -y create -i "$IMAGE" "$prefix-run" >/dev/null
		"$TOOLBX" run -c "$prefix-run" true
		paired run-root : "HOME=$runhome '$TOOLBX' run -c $prefix-run true" "podman exec $prefix-run true"
		;;
	run-rootless)
		id "$TEST_USER" >/dev/null 2>&1 || { echo "run-rootless: no user $TEST_USER; run test/setup-host.sh" >&2; continue; }
		bin=$(mktemp -d /tmp/tbbench-bin.XXXXXX); cp "$TOOLBX" "$bin/toolbox"; chmod -R a+rX "$bin"
		as_user "'$bin/toolbox' -y create -i '$IMAGE' $prefix-run >/dev/null && '$bin/toolbox' run -c $prefix-run true"
		paired run-rootless : "as_user \"'$bin/toolbox' run -c $prefix-run true\"" "as_user \"podman exec $prefix-run true\""
		;;
	run-stopped)
		"$TOOLBX" -y create -i "$IMAGE" "$prefix-stop" >/dev/null
		"$TOOLBX" run -c "$prefix-stop" true
		paired run-stopped "podman stop -t 0 $prefix-stop >/dev/null" \
			"HOME=$runhome '$TOOLBX' run -c $prefix-stop true" "podman start $prefix-stop && podman exec $prefix-stop true"
		;;
	list)
		for i in $(seq 1 10); do "$TOOLBX" -y create -i "$IMAGE" "$prefix-list-$i" >/dev/null; done
		paired list : "'$TOOLBX' list" "podman ps -a"
		;;
	create)
		argv=$("$TOOLBX" --log-level debug create -i "$IMAGE" "$prefix-create" 2>&1 >/dev/null |
			sed -n 's/.*msg="Running podman" argv="\(podman .* create .*\)"$/\1/p' | tail -n 1)
		argv=${argv//\\\"/\"}
		paired create "podman rm -f -t 0 $prefix-create >/dev/null 2>&1 || true" \
			"'$TOOLBX' create -i '$IMAGE' $prefix-create" "$argv"
		;;
	*) echo "unknown case $c" >&2; exit 2 ;;
	esac
done
