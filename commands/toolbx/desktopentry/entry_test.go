package desktopentry

import (
	"slices"
	"strings"
	"testing"
)

const sample = `# A comment
[Desktop Entry]
Type=Application
Name=Vim
Name[de]=Vim (de)
Exec=vim %F
Icon=gvim

[Desktop Action new]
Name=New
Exec=vim -c new
`

func TestParseKeepsTheFile(t *testing.T) {
	e, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(e.Bytes()); got != sample {
		t.Errorf("Bytes() = %q, want %q", got, sample)
	}
	if got := e.Groups(); !slices.Equal(got, []string{Main, ActionPrefix + "new"}) {
		t.Errorf("Groups() = %q", got)
	}
	if got := e.Keys(Main, "Name"); !slices.Equal(got, []string{"Name", "Name[de]"}) {
		t.Errorf("Keys(Name) = %q", got)
	}
	if v, _ := e.Get(ActionPrefix+"new", "Exec"); v != "vim -c new" {
		t.Errorf("action Exec = %q", v)
	}
}

func TestSetAndDelete(t *testing.T) {
	e, _ := Parse([]byte(sample))
	e.Set(Main, "Icon", "other")
	e.Set(Main, "X-New", "1")
	e.Delete(Main, "Type")
	e.Set(ActionPrefix+"new", "Exec", "x")
	want := strings.NewReplacer("Type=Application\n", "", "Icon=gvim\n", "Icon=other\nX-New=1\n", "Exec=vim -c new", "Exec=x").Replace(sample)
	if got := string(e.Bytes()); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestParseRefuses(t *testing.T) {
	for _, bad := range []string{"Name=x\n[Desktop Entry]\n", "[Desktop Entry]\nno equals sign\n", "[Other]\nA=b\n"} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("Parse(%q) succeeded", bad)
		}
	}
}

func TestSplitExec(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		want []string
	}{
		{`vim %F`, []string{"vim", "%F"}},
		{`"/opt/My App/run" --x=1 %u`, []string{"/opt/My App/run", "--x=1", "%u"}},
		{`sh -c "echo \\$HOME \\"q\\" \\\\ \\` + "`" + `"`, []string{"sh", "-c", "echo $HOME \"q\" \\ `"}},
		{`a\sb  c`, []string{"a", "b", "c"}},
		{`""`, []string{""}},
	} {
		got, err := SplitExec(tc.raw)
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("SplitExec(%q) = %q, %v; want %q", tc.raw, got, err, tc.want)
		}
	}
	for _, bad := range []string{``, `  `, `"open`} {
		if _, err := SplitExec(bad); err == nil {
			t.Errorf("SplitExec(%q) succeeded", bad)
		}
	}
}

func TestJoinExecRoundTrip(t *testing.T) {
	for _, args := range [][]string{
		{"/usr/bin/toolbox", "run", "-c", "c", "vim", "%F"},
		{"/opt/my app/tb", "sh", "-c", "echo \"$HOME\" `x` \\ 'y'\tz\nw", ""},
		{"a;b", "c#d", "%%"},
	} {
		raw := JoinExec(args)
		got, err := SplitExec(raw)
		if err != nil || !slices.Equal(got, args) {
			t.Errorf("SplitExec(JoinExec(%q)) = %q (%q), %v", args, got, raw, err)
		}
		if strings.ContainsAny(raw, "\n\t") {
			t.Errorf("JoinExec(%q) = %q: raw control characters", args, raw)
		}
	}
	if got := JoinExec([]string{"tb", "run", "vim", "%F"}); got != "tb run vim %F" {
		t.Errorf("JoinExec = %q", got)
	}
}
