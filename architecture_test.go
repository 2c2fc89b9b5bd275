package main

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/toolbx-go/toolbox"

// pkg is what `go list -json` says of one of our packages.
type pkg struct {
	ImportPath string
	Imports    []string // direct
	Deps       []string // transitive
}

// ourPackages lists the module's packages with their imports.
func ourPackages(t *testing.T) map[string]pkg {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	out, err := exec.Command(goTool, "list", "-json", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	pkgs := map[string]pkg{}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs[strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")] = p
	}
	return pkgs
}

// TestImportRules keeps each room to its concern: a package that imports
// one it must never import fails here. Paths are below the module.
func TestImportRules(t *testing.T) {
	ours := func(p pkg, deps bool) []string {
		var list []string
		from := p.Imports
		if deps {
			from = p.Deps
		}
		for _, d := range from {
			if rest, ok := strings.CutPrefix(d, module+"/"); ok {
				list = append(list, rest)
			}
		}
		return list
	}
	pkgs := ourPackages(t)
	rules := []struct {
		pkg     string
		allowed func(imp string) bool // for imports of ours, transitively
	}{
		{"podman", func(string) bool { return false }},
		{"hostlink", func(string) bool { return false }},
		{"commands/toolbx/desktopentry", func(string) bool { return false }},
		{"commands/host", func(string) bool { return false }},
		{"completion", func(string) bool { return false }},
		{"commands/initctr", func(imp string) bool { return imp == "commands/host" }},
		{"commands/toolbx", func(imp string) bool {
			return !strings.HasPrefix(imp, "commands") || imp == "commands/host" || strings.HasPrefix(imp, "commands/toolbx/")
		}},
	}
	for _, r := range rules {
		p, ok := pkgs[r.pkg]
		if !ok {
			t.Errorf("no package %s", r.pkg)
			continue
		}
		for _, imp := range ours(p, true) {
			if !r.allowed(imp) {
				t.Errorf("%s imports %s", r.pkg, imp)
			}
		}
	}
	forbidden := map[string][]string{
		"completion":       {"os/exec", "encoding/json"},
		"commands":         {"os/exec", "encoding/json"},
		"commands/toolbx":  {"github.com/alecthomas/kong", module + "/completion"},
		"commands/initctr": {module + "/podman"},
	}
	for name, imps := range forbidden {
		for _, imp := range imps {
			if slices.Contains(pkgs[name].Imports, imp) || (strings.HasPrefix(imp, module) && slices.Contains(pkgs[name].Deps, imp)) {
				t.Errorf("%s imports %s", name, imp)
			}
		}
	}
	for _, imp := range pkgs["completion"].Deps {
		if strings.Contains(imp, ".") && !strings.HasPrefix(imp, "github.com/alecthomas/kong") {
			t.Errorf("completion depends on %s: only kong", imp)
		}
	}
}

// TestCodeShape: no file over 300 lines, no function over 60 (outside
// tests, whose tables are data), no package-level variable but the
// build's stamps (-X) and interface checks, no init().
func TestCodeShape(t *testing.T) {
	stamps := []string{"Version", "InstalledProfile"}
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() && (d.Name() == ".git" || d.Name() == "builddir" || d.Name() == "testdata") {
			return filepathSkip(d, err)
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		if n := fset.Position(f.End()).Line; n > 300 {
			t.Errorf("%s: %d lines", path, n)
		}
		test := strings.HasSuffix(path, "_test.go")
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				n := fset.Position(d.End()).Line - fset.Position(d.Pos()).Line + 1
				if !test && n > 60 {
					t.Errorf("%s: func %s has %d lines", path, d.Name.Name, n)
				}
				if d.Recv == nil && d.Name.Name == "init" {
					t.Errorf("%s: init()", path)
				}
			case *ast.GenDecl:
				if d.Tok != token.VAR || test {
					continue
				}
				for _, spec := range d.Specs {
					for _, name := range spec.(*ast.ValueSpec).Names {
						if name.Name != "_" && !slices.Contains(stamps, name.Name) {
							t.Errorf("%s: package-level var %s", path, name.Name)
						}
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func filepathSkip(d os.DirEntry, err error) error {
	if err != nil {
		return err
	}
	return filepath.SkipDir
}
