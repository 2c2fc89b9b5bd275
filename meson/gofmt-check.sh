#!/bin/sh
# Usage: gofmt-check.sh GO
#
# A meson test: fails, listing them, if Go files in the current directory
# tree are not formatted with gofmt.

set -eu

gofmt=$("$1" env GOROOT)/bin/gofmt
unformatted=$("$gofmt" -l .)
if [ -n "$unformatted" ]; then
    echo "Not formatted with gofmt:" >&2
    printf '%s\n' "$unformatted" >&2
    exit 1
fi
