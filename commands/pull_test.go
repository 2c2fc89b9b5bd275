package commands

import (
	"context"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/toolbx-go/toolbox/podman/podmantest"
)

const pullImageName = "foo.org/bar:1"

func pullSkopeoRaw() []string {
	return argv("skopeo", "inspect", "--raw", "docker://"+pullImageName)
}

// pullTerminalIO is testIO on a terminal.
func pullTerminalIO(in string) (*IO, *strings.Builder, *strings.Builder) {
	var out, errb strings.Builder
	return &IO{In: strings.NewReader(in), Out: &out, Err: &errb, InTTY: true, OutTTY: true}, &out, &errb
}

func TestPullImage(t *testing.T) {
	manifest := `{"schemaVersion": 2, "layers": [{"size": 400000000}, {"size": 100000000}]}`
	prompt := "Image required to create Toolbx container.\nDownload " + pullImageName
	tests := []struct {
		name     string
		terminal bool
		yes      bool
		stdin    string
		authFile string
		env      map[string]string
		calls    []call
		stdout   string
		err      string
		code     int
	}{
		{name: "size from the registry", terminal: true, stdin: "y\n",
			calls:  []call{{Args: pullSkopeoRaw(), Stdout: manifest}, {Args: argv("pull", "--", pullImageName)}},
			stdout: prompt + " (500MB)? [y/N]: "},
		{name: "no size when the registry does not tell", terminal: true, stdin: "yes\n",
			calls:  []call{{Args: pullSkopeoRaw(), Exit: 1, Stderr: "unauthorized"}, {Args: argv("pull", "--", pullImageName)}},
			stdout: prompt + "? [y/N]: "},
		{name: "asked again until answered", terminal: true, stdin: "maybe\nN\n",
			calls:  []call{{Args: pullSkopeoRaw(), Stdout: manifest}},
			stdout: prompt + " (500MB)? [y/N]: Download " + pullImageName + " (500MB)? [y/N]: ",
			err:    "image required to create Toolbx container.\n" + strings.TrimSuffix(hint, "\n"), code: 1},
		{name: "end of input is no", terminal: true,
			calls:  []call{{Args: pullSkopeoRaw(), Stdout: manifest}},
			stdout: prompt + " (500MB)? [y/N]: ",
			err:    "image required to create Toolbx container.\n" + strings.TrimSuffix(hint, "\n"), code: 1},
		{name: "--authfile and registries.conf reach skopeo and podman", terminal: true, stdin: "y\n",
			authFile: "/a.json", env: map[string]string{"CONTAINERS_REGISTRIES_CONF": "/r.conf"},
			calls: []call{
				{Args: argv("skopeo", "--registries-conf", "/r.conf", "inspect", "--raw", "--authfile", "/a.json", "docker://"+pullImageName), Stdout: manifest},
				{Args: argv("pull", "--authfile", "/a.json", "--", pullImageName)},
			},
			stdout: prompt + " (500MB)? [y/N]: "},
		{name: "no terminal, no -y",
			err: "image required to create Toolbx container.\nUse option '--assumeyes' to download the image.\n" +
				strings.TrimSuffix(hint, "\n"), code: 1},
		{name: "-y on a terminal: no question, progress", terminal: true, yes: true,
			calls: []call{{Args: argv("pull", "--", pullImageName)}}},
		{name: "-y elsewhere: quiet", yes: true, authFile: "/a.json",
			calls: []call{{Args: argv("pull", "--authfile", "/a.json", "--quiet", "--", pullImageName)}}},
		{name: "pull fails", yes: true, calls: []call{{Args: argv("pull", "--quiet", "--", pullImageName), Exit: 125}},
			err: "failed to pull image " + pullImageName + "\nIf it was a private image, log in with: podman login foo.org\n" +
				"Use 'toolbox --verbose ...' for further details.", code: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := testHost(t, fedora39, tt.env)
			stdio, out, errb := testIO(tt.stdin)
			stdio.InTTY, stdio.OutTTY = tt.terminal, tt.terminal
			err := engine(podmantest.New(t, tt.calls...).Client(), stdio, h, &Globals{AssumeYes: tt.yes}).
				Pull(context.Background(), pullImageName, createRequest(stdio, tt.authFile))
			if got := errText(err); got != pullErrText(tt.err) || out.String() != tt.stdout || errb.Len() != 0 {
				t.Errorf("stdout %q, stderr %q, error %q\nwant stdout %q, error %q", out, errb, got, tt.stdout, tt.err)
			}
			if exitCode(err) != tt.code {
				t.Errorf("exit %d, want %d", exitCode(err), tt.code)
			}
		})
	}
}

func pullErrText(msg string) string {
	if msg == "" {
		return ""
	}
	return "Error: " + msg + "\n"
}

// Ctrl-C during the pull: one line, exit 130, whatever podman said.
func TestPullImageInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := podmantest.NewFunc(t, func([]string) call {
		cancel()
		return call{Err: context.Canceled}
	})
	stdio, _, errb := testIO("")
	err := engine(r.Client(), stdio, testHost(t, fedora39, nil), &Globals{AssumeYes: true}).
		Pull(ctx, pullImageName, createRequest(stdio, ""))
	if got := errText(err); got != "Error: failed to pull image "+pullImageName+": interrupted\n" || exitCode(err) != 130 || errb.Len() != 0 {
		t.Errorf("error %q, exit %d, stderr %q", got, exitCode(err), errb)
	}
}

// Ctrl-C at a question ends the wait for an answer.
func TestAskInterrupted(t *testing.T) {
	in, w := io.Pipe()
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	stdio, out, _ := pullTerminalIO("")
	stdio.In = in
	time.AfterFunc(10*time.Millisecond, cancel)
	ok, err := stdio.askUntilAnswered(ctx, "Create now? [y/N] ")
	if ok || exitCode(err) != 130 || out.String() != "Create now? [y/N] \n" {
		t.Errorf("ok %v, error %v, exit %d, stdout %q", ok, err, exitCode(err), out)
	}
}

// Two questions in a row read one line each from a pipe.
func TestReadLineTakesOneLine(t *testing.T) {
	in := strings.NewReader("y\nn\n")
	var got []string
	for range 3 {
		line, err := readLine(context.Background(), in)
		got = append(got, line+"|"+pullErrString(err))
	}
	if want := []string{"y|", "n|", "|EOF"}; !slices.Equal(got, want) {
		t.Errorf("lines %q, want %q", got, want)
	}
}

func pullErrString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
