module github.com/toolbx-go/toolbox

go 1.26.8

require (
	github.com/alecthomas/kong v1.17.0
	github.com/docker/go-units v0.5.0
	golang.org/x/sys v0.50.0
	golang.org/x/term v0.48.0
)

require github.com/pelletier/go-toml/v2 v2.4.3

require (
	github.com/acarl005/stripansi v0.0.0-20180116102854-5a71ef0e047d // indirect
	github.com/distribution/reference v0.6.0 // indirect
	github.com/opencontainers/go-digest v1.0.0 // indirect
)
