package archtest

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/soqlgate/soqlgate"

// allowed lists, for each package of the architecture, the in-module
// packages it may import directly or indirectly. A package missing here
// may not exist (add it to ARCHITECTURE.md first).
var allowed = map[string][]string{
	"soql":              {},
	"catalog":           {"soql"},
	"internal/sfapi":    {},
	"translator":        {"soql", "catalog"},
	"internal/localsql": {"catalog", "soql"},
	"internal/engine":   {"translator", "internal/localsql", "catalog", "internal/sfapi", "soql"},
	"driver":            {"internal/engine", "catalog", "translator", "internal/localsql", "internal/sfapi", "soql"},
	"gateway":           {"internal/engine", "catalog", "translator", "internal/localsql", "internal/sfapi", "soql"},
	"transfer":          {"internal/engine", "catalog", "translator", "internal/localsql", "internal/sfapi", "soql"},
	"emulator":          {"soql"},
	"internal/archtest": {},
}

// free packages may import anything: the binary and the test suites.
var free = []string{"cmd/", "conformance"}

type listedPackage struct {
	ImportPath string
	Deps       []string
}

func TestLayering(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps=false", "-json=ImportPath,Deps", module+"/...")
	cmd.Dir = "../.."
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	seen := 0
	for dec.More() {
		var p listedPackage
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		seen++
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		if isFree(rel) {
			continue
		}
		if violations := forbiddenEdges(rel, p.Deps); len(violations) > 0 {
			t.Errorf("%s imports %s, which ARCHITECTURE.md forbids", rel, strings.Join(violations, ", "))
		}
	}
	if seen == 0 {
		t.Fatal("go list returned no packages")
	}
}

func isFree(rel string) bool {
	for _, f := range free {
		if rel == strings.TrimSuffix(f, "/") || strings.HasPrefix(rel, f) {
			return true
		}
	}
	return false
}

// owner maps a package path to the architecture entry it belongs to:
// the longest listed prefix, so emulator/internal/x belongs to emulator.
func owner(rel string) (string, bool) {
	best := ""
	for name := range allowed {
		if rel == name || strings.HasPrefix(rel, name+"/") {
			if len(name) > len(best) {
				best = name
			}
		}
	}
	return best, best != ""
}

func forbiddenEdges(rel string, deps []string) []string {
	self, ok := owner(rel)
	if !ok {
		return []string{"(package not in ARCHITECTURE.md)"}
	}
	var bad []string
	for _, d := range deps {
		if !strings.HasPrefix(d, module+"/") {
			continue
		}
		dep := strings.TrimPrefix(d, module+"/")
		if isFree(dep) {
			bad = append(bad, dep)
			continue
		}
		depOwner, ok := owner(dep)
		if !ok {
			bad = append(bad, dep)
			continue
		}
		if depOwner == self {
			continue
		}
		if !contains(allowed[self], depOwner) {
			bad = append(bad, dep)
		}
	}
	sort.Strings(bad)
	return bad
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestForbiddenEdgesDetected proves the checker can fail: it feeds it
// edges the architecture rules out.
func TestForbiddenEdgesDetected(t *testing.T) {
	cases := []struct {
		pkg  string
		deps []string
		want string
	}{
		{"emulator", []string{module + "/translator"}, "translator"},
		{"soql", []string{module + "/catalog"}, "catalog"},
		{"driver", []string{module + "/gateway"}, "gateway"},
		{"translator", []string{module + "/internal/sfapi"}, "internal/sfapi"},
		{"catalog", []string{module + "/conformance"}, "conformance"},
		{"nowhere", nil, "(package not in ARCHITECTURE.md)"},
	}
	for _, c := range cases {
		got := forbiddenEdges(c.pkg, c.deps)
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("forbiddenEdges(%q, %v) = %v, want [%s]", c.pkg, c.deps, got, c.want)
		}
	}
	if got := forbiddenEdges("translator", []string{module + "/soql", module + "/catalog", "fmt"}); len(got) != 0 {
		t.Errorf("allowed edges reported: %v", got)
	}
}
