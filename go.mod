module github.com/toolbx-go/toolbox

go 1.26.8

require (
	github.com/alecthomas/kong v1.17.0
	github.com/docker/go-units v0.5.0
	golang.org/x/sys v0.50.0
	golang.org/x/term v0.48.0
)

require github.com/pelletier/go-toml/v2 v2.4.3
