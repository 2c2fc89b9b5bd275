package hostlink

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRulesMatchInstalledFile(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "data", "tmpfiles.d", RuleFile))
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != Rules {
		t.Errorf("data/tmpfiles.d/%s differs from hostlink.Rules:\n%s\nwant:\n%s", RuleFile, data, Rules)
	}
}

func TestRulesLinkLine(t *testing.T) {
	want := "L " + Path + " - - - - " + Target
	if !strings.Contains(Rules, "\n"+want+"\n") {
		t.Errorf("Rules lack the line %q", want)
	}
}

// layout prepares ROOT/run for one case of TestCheck.
type layout func(t *testing.T, root string)

func mkRun(t *testing.T, root string) string {
	t.Helper()
	run := filepath.Join(root, "run")
	if err := os.MkdirAll(run, 0o755); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(run, "host")
}

func linkTo(target string) layout {
	return func(t *testing.T, root string) {
		if err := os.Symlink(strings.ReplaceAll(target, "ROOT", root), mkRun(t, root)); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name   string
		layout layout
		want   error
	}{
		{"no /run", func(*testing.T, string) {}, ErrMissing},
		{"empty /run", func(t *testing.T, root string) { mkRun(t, root) }, ErrMissing},
		{"relative link", linkTo("../"), nil},
		{"relative link without slash", linkTo(".."), nil},
		{"absolute link to the root", linkTo("ROOT"), nil},
		{"directory", func(t *testing.T, root string) {
			if err := os.Mkdir(mkRun(t, root), 0o755); err != nil {
				t.Fatal(err)
			}
		}, ErrNotLink},
		{"file", func(t *testing.T, root string) {
			if err := os.WriteFile(mkRun(t, root), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}, ErrNotLink},
		{"link elsewhere", linkTo("ROOT/run"), ErrWrongTarget},
		{"dangling link", linkTo("ROOT/nowhere"), ErrWrongTarget},
		{"link to the real / from another root", linkTo("/"), ErrWrongTarget},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			tt.layout(t, root)
			err := Check(root)
			if !errors.Is(err, tt.want) {
				t.Errorf("Check() = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestCheckMissingRoot(t *testing.T) {
	err := Check(filepath.Join(t.TempDir(), "absent"))
	if err == nil || errors.Is(err, ErrMissing) {
		t.Errorf("Check() = %v, want an error about the root", err)
	}
}

func TestEnsureCreatesLinkAndRuleFile(t *testing.T) {
	root := t.TempDir()
	for range 2 { // the second call finds everything in place
		if err := Ensure(context.Background(), root, Options{}); err != nil {
			t.Fatalf("Ensure() = %v", err)
		}
	}
	if target, err := os.Readlink(filepath.Join(root, Path)); err != nil || target != Target {
		t.Errorf("link = %q, %v; want %q", target, err, Target)
	}
	data, err := os.ReadFile(filepath.Join(root, DefaultRuleDir, RuleFile))
	if err != nil || string(data) != Rules {
		t.Errorf("rule file = %q, %v; want Rules", data, err)
	}
}

func TestEnsureKeepsExistingRuleFile(t *testing.T) {
	root := t.TempDir()
	ruleFile := filepath.Join(root, "usr/lib/tmpfiles.d", RuleFile)
	if err := os.MkdirAll(filepath.Dir(ruleFile), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ruleFile, []byte("# edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Ensure(context.Background(), root, Options{RuleDir: "/usr/lib/tmpfiles.d"}); err != nil {
		t.Fatalf("Ensure() = %v", err)
	}
	if data, _ := os.ReadFile(ruleFile); string(data) != "# edited\n" {
		t.Errorf("rule file was rewritten: %q", data)
	}
}

func TestEnsureLeavesWhatIsThere(t *testing.T) {
	tests := []struct {
		name   string
		layout layout
		want   error
	}{
		{"directory", func(t *testing.T, root string) {
			dir := mkRun(t, root)
			if err := os.MkdirAll(filepath.Join(dir, "keep"), 0o755); err != nil {
				t.Fatal(err)
			}
		}, ErrNotLink},
		{"file", func(t *testing.T, root string) {
			if err := os.WriteFile(mkRun(t, root), []byte("keep"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, ErrNotLink},
		{"link elsewhere", linkTo("ROOT/run"), ErrWrongTarget},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			tt.layout(t, root)
			before := describe(t, root)
			err := Ensure(context.Background(), root, Options{Tmpfiles: LookupTmpfiles()})
			if !errors.Is(err, tt.want) {
				t.Errorf("Ensure() = %v, want %v", err, tt.want)
			}
			if after := describe(t, root); after != before {
				t.Errorf("run/host changed from %q to %q", before, after)
			}
		})
	}
}

// describe sums up ROOT/run/host: its type, link target and entries.
func describe(t *testing.T, root string) string {
	t.Helper()
	path := filepath.Join(root, Path)
	info, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	target, _ := os.Readlink(path)
	entries, _ := os.ReadDir(path)
	data, _ := os.ReadFile(path)
	return fmt.Sprintf("%v %q %q %d entries", info.Mode(), target, data, len(entries))
}

func TestEnsureWithTmpfiles(t *testing.T) {
	tmpfiles := LookupTmpfiles()
	if tmpfiles == "" {
		t.Skip("systemd-tmpfiles is not installed")
	}
	if os.Geteuid() != 0 {
		t.Skip("systemd-tmpfiles needs root to apply the rules' owner")
	}
	root := t.TempDir()
	if err := Ensure(context.Background(), root, Options{Tmpfiles: tmpfiles}); err != nil {
		t.Fatalf("Ensure() = %v", err)
	}
	if target, err := os.Readlink(filepath.Join(root, Path)); err != nil || target != Target {
		t.Errorf("link = %q, %v; want %q", target, err, Target)
	}
	if info, err := os.Stat(filepath.Join(root, "run/media")); err != nil || !info.IsDir() {
		t.Errorf("run/media: %v", err)
	}
}
