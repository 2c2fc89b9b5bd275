# shellcheck shell=bash
#
# A podman shim for tests of what toolbox does when podman misbehaves or is
# handed hostile input. use_podman_shim puts a `podman` first on PATH that
# logs every call, then runs the real podman, unless the test asked it to:
#
#   SHIM_REFUSE="-l --all"    refuse (exit 99) any call where one of these
#                             words comes before "--": a name read as an option
#   SHIM_FAIL_VERB=inspect    for calls of this verb (the first word after
#                             the global options), print SHIM_FAIL_MESSAGE on
#                             stderr and exit SHIM_FAIL_STATUS (default 125)
#   SHIM_SLOW_VERB=start      sleep SHIM_SLOW_SECONDS before running the call
#   SHIM_DIE_VERB=ps          print half a line, then die of SIGKILL
#
# Unset SHIM_* before a clean-up that runs podman itself. The log
# ($SHIM_LOG) has one call a line, each word quoted as printf %q
# does, and a line "REFUSED WORD" after each call refused.

# use_podman_shim: put the shim first on PATH for the rest of the test.
use_podman_shim() {
	local real dir=$BATS_TEST_TMPDIR/podman-shim
	real=$(command -v podman) || fail "no podman on PATH"
	mkdir -p "$dir"
	export SHIM_LOG=$dir/calls.log SHIM_REAL_PODMAN=$real
	: >"$SHIM_LOG"
	cat >"$dir/podman" <<-'EOF'
		#!/bin/bash
		printf '%q ' "$@" >>"$SHIM_LOG"
		echo >>"$SHIM_LOG"
		verb= ended=false
		args=("$@")
		for ((i = 0; i < ${#args[@]}; i++)); do
			a=${args[i]}
			if [ "$a" = -- ]; then
				ended=true
				continue
			fi
			if ! $ended; then
				for word in ${SHIM_REFUSE:-}; do
					if [ "$a" = "$word" ]; then
						echo "podman-shim: refused: $word before --: $*" >&2
						echo "REFUSED $word" >>"$SHIM_LOG"
						exit 99
					fi
				done
			fi
			case $a in
			--log-level) i=$((i + 1)) ;;
			-*) ;;
			*) [ -n "$verb" ] || verb=$a ;;
			esac
		done
		if [ -n "${SHIM_SLOW_VERB:-}" ] && [ "$verb" = "$SHIM_SLOW_VERB" ]; then
			sleep "${SHIM_SLOW_SECONDS:-30}"
		fi
		if [ -n "${SHIM_FAIL_VERB:-}" ] && [ "$verb" = "$SHIM_FAIL_VERB" ]; then
			printf '%s\n' "${SHIM_FAIL_MESSAGE:-Error: injected failure}" >&2
			exit "${SHIM_FAIL_STATUS:-125}"
		fi
		if [ -n "${SHIM_DIE_VERB:-}" ] && [ "$verb" = "$SHIM_DIE_VERB" ]; then
			printf '[{"Id": "' 
			kill -KILL $$
		fi
		exec "$SHIM_REAL_PODMAN" "$@"
	EOF
	chmod +x "$dir/podman"
	export PATH=$dir:$PATH
}

# shim_calls: the calls the shim saw, one a line.
shim_calls() {
	cat "$SHIM_LOG"
}
