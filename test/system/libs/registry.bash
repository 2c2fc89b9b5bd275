# shellcheck shell=bash
#
# A container registry on loopback for the tests of pulling images: Debian's
# docker-registry (the CNCF distribution registry) on 127.0.0.1 and a free
# port, serving TLS with a certificate from a CA made here and asking for a
# password (htpasswd). Root only: podman and skopeo trust the CA through
# /etc/containers/certs.d/127.0.0.1:PORT/ca.crt.
#
# registry_start sets and exports:
#   REGISTRY             127.0.0.1:PORT
#   REGISTRY_LOGIN_FILE  an auth file (as `podman login` writes it) with
#                        the registry's user and password
#   REGISTRY_PID, REGISTRY_DIR  the registry's process and files
# registry_stop undoes everything registry_start did.

REGISTRY_USER=toolbx
REGISTRY_PASSWORD=toolbx-test-password
REGISTRY_CERTS_D=/etc/containers/certs.d

# registry_start: make the certificates, the password file and the
# configuration in $BATS_FILE_TMPDIR/registry, start the registry on a free
# port, wait until it answers and trust its CA.
registry_start() {
	local dir=$BATS_FILE_TMPDIR/registry try
	mkdir -p "$dir/storage"
	export REGISTRY_DIR=$dir
	registry_make_certs "$dir" || return 1
	htpasswd -Bbn "$REGISTRY_USER" "$REGISTRY_PASSWORD" >"$dir/htpasswd" || return 1
	for try in 1 2 3 4 5; do
		registry_start_on "$dir" "$(registry_free_port)" && break
		[ "$try" -eq 5 ] && { cat "$dir/registry.log" >&2; return 1; }
	done
	registry_trust "$dir/ca.crt" || return 1
	export REGISTRY_LOGIN_FILE=$dir/auth.json
	printf '{"auths": {"%s": {"auth": "%s"}}}\n' "$REGISTRY" \
		"$(printf '%s:%s' "$REGISTRY_USER" "$REGISTRY_PASSWORD" | base64 -w0)" >"$REGISTRY_LOGIN_FILE"
}

# registry_make_certs DIR: a CA (ca.crt) and a certificate for 127.0.0.1
# and localhost signed by it (server.crt, server.key), valid for a day.
registry_make_certs() {
	local dir=$1
	openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=toolbox test CA" \
		-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign \
		-keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null || return 1
	openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
		-keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null || return 1
	printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$dir/server.ext"
	openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" \
		-CAcreateserial -days 1 -extfile "$dir/server.ext" -out "$dir/server.crt" 2>/dev/null
}

# registry_free_port: a random port on 127.0.0.1 that nothing listens on.
registry_free_port() {
	local port
	while :; do
		port=$((20000 + RANDOM % 40000))
		if ! (exec 9<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return 0
		fi
	done
}

# registry_start_on DIR PORT: start the registry on PORT and wait up to 10 s
# for it to listen; fails when it exits first (the port was taken meanwhile).
registry_start_on() {
	local dir=$1 port=$2
	cat >"$dir/config.yml" <<-EOF
		version: 0.1
		log:
		  level: warn
		  accesslog:
		    disabled: true
		storage:
		  filesystem:
		    rootdirectory: $dir/storage
		  delete:
		    enabled: true
		http:
		  addr: 127.0.0.1:$port
		  tls:
		    certificate: $dir/server.crt
		    key: $dir/server.key
		auth:
		  htpasswd:
		    realm: toolbox-test
		    path: $dir/htpasswd
	EOF
	# The registry must not keep bats' pipes open, or bats waits for it.
	(
		for fd in /proc/"$BASHPID"/fd/*; do
			fd=${fd##*/}
			[ "$fd" -gt 2 ] && eval "exec $fd>&-"
		done
		exec docker-registry serve "$dir/config.yml" </dev/null >>"$dir/registry.log" 2>&1
	) &
	export REGISTRY_PID=$!
	for _ in $(seq 100); do
		if (exec 9<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			export REGISTRY=127.0.0.1:$port
			return 0
		fi
		kill -0 "$REGISTRY_PID" 2>/dev/null || break
		sleep 0.1
	done
	kill "$REGISTRY_PID" 2>/dev/null
	wait "$REGISTRY_PID" 2>/dev/null
	unset REGISTRY_PID
	return 1
}

# registry_trust CA: have podman and skopeo trust CA for $REGISTRY, noting
# which directories this made so that registry_stop removes only those.
registry_trust() {
	local d
	for d in /etc/containers "$REGISTRY_CERTS_D" "$REGISTRY_CERTS_D/$REGISTRY"; do
		if [ ! -d "$d" ]; then
			mkdir "$d" || return 1
			echo "$d" >>"$REGISTRY_DIR/made-dirs"
		fi
	done
	cp "$1" "$REGISTRY_CERTS_D/$REGISTRY/ca.crt"
}

# registry_stop: stop the registry (even a stopped one) and remove the
# certs.d entry and the directories registry_start made.
registry_stop() {
	local d
	if [ -n "${REGISTRY_PID:-}" ]; then
		kill -TERM "$REGISTRY_PID" 2>/dev/null
		kill -CONT "$REGISTRY_PID" 2>/dev/null
		wait "$REGISTRY_PID" 2>/dev/null
		unset REGISTRY_PID
	fi
	if [ -n "${REGISTRY:-}" ]; then
		rm -f "$REGISTRY_CERTS_D/$REGISTRY/ca.crt"
	fi
	if [ -f "${REGISTRY_DIR:-}/made-dirs" ]; then
		# Deepest first; rmdir leaves a directory someone else filled meanwhile.
		tac "$REGISTRY_DIR/made-dirs" | while read -r d; do
			rmdir "$d" 2>/dev/null
		done
		rm -f "$REGISTRY_DIR/made-dirs"
	fi
	unset REGISTRY
}

# registry_push IMAGE NAME: push the local IMAGE as $REGISTRY/NAME.
registry_push() {
	podman push --quiet --authfile "$REGISTRY_LOGIN_FILE" "$1" "$REGISTRY/$2"
}

# registry_mirror_conf PREFIX...: a registries.conf for this test file only
# (CONTAINERS_REGISTRIES_CONF, read by podman and skopeo) that mirrors each
# PREFIX, such as quay.io/toolbx-images, to $REGISTRY/LAST-PART-OF-PREFIX.
registry_mirror_conf() {
	local prefix conf=$REGISTRY_DIR/registries.conf
	echo 'unqualified-search-registries = []' >"$conf"
	for prefix in "$@"; do
		printf '\n[[registry]]\nlocation = "%s"\n\n[[registry.mirror]]\nlocation = "%s"\n' \
			"$prefix" "$REGISTRY/${prefix##*/}" >>"$conf"
	done
	export CONTAINERS_REGISTRIES_CONF=$conf
}
