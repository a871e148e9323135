package emulator

import (
	"os/exec"
	"strings"
	"testing"
)

func TestIDChecksum(t *testing.T) {
	// Recorded ids (spec §0.2 and the fixtures): 15 + checksum = 18.
	for _, id := range []string{"001B0000003nwhxIAA", "00390000001TdgeAAC", "0055e000001AbCdAAK", "012000000000000AAA", "00Dx0000000BV7zEAG", "005x00000012Q9PAAU"} {
		if got := id[:15] + idChecksum(id[:15]); got != id {
			t.Errorf("%s: checksum gives %s", id, got)
		}
		if c, ok := canonicalID(id[:15]); !ok || c != id {
			t.Errorf("canonicalID(%s) = %s %v", id[:15], c, ok)
		}
		// 18-character ids match case-insensitively.
		if c, ok := canonicalID(strings.ToLower(id)); !ok || c != id {
			t.Errorf("canonicalID(%s) = %s %v", strings.ToLower(id), c, ok)
		}
	}
	for _, bad := range []string{"", "001", "001B0000003nwhx-", "001B0000003nwhxIA", "001B0000003nwhxIAA1", "001B0000003nwhx!AA"} {
		if c, ok := canonicalID(bad); ok {
			t.Errorf("canonicalID(%q) = %s", bad, c)
		}
	}
	if id := newID("001", 1); id != "001Dm0000000001"+idChecksum("001Dm0000000001") || len(id) != 18 {
		t.Errorf("newID = %s", id)
	}
	// Ids sort in allocation order (base 62 digits in ASCII order).
	prev := ""
	for _, n := range []int64{1, 9, 10, 35, 36, 61, 62, 3843, 3844, 1 << 40} {
		id := newID("500", n)
		if id[:15] <= prev {
			t.Errorf("newID(%d) = %s sorts before %s", n, id, prev)
		}
		prev = id[:15]
	}
}

func TestAppendDouble(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{
		{0, "0.0"}, {23, "23.0"}, {543210, "543210.0"}, {0.25, "0.25"}, {-1.8584, "-1.8584"},
		{9999999, "9999999.0"}, {1e7, "1.0E7"}, {5.6e9, "5.6E9"}, {-1.39e8, "-1.39E8"}, {0.001, "0.001"}, {0.0001, "1.0E-4"},
		{123456.789, "123456.789"},
	} {
		if got := string(appendDouble(nil, c.in)); got != c.want {
			t.Errorf("appendDouble(%v) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestAppendJSONString(t *testing.T) {
	in := "a\"b\\c\nd\te\x01 & <x> ü"
	if got := string(appendJSONString(nil, in)); got != `"a\"b\\c\nd\te\u0001 & <x> ü"` {
		t.Errorf("got %s", got)
	}
}

// The emulator meets the rest of soqlgate only over HTTP: it may import
// soql (the parser) and nothing else of the module.
func TestEmulatorImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const module = "github.com/soqlgate/soqlgate/"
	for _, p := range strings.Fields(string(out)) {
		if !strings.HasPrefix(p, module) {
			continue
		}
		rel := strings.TrimPrefix(p, module)
		if rel != "emulator" && rel != "soql" {
			t.Errorf("emulator depends on %s", rel)
		}
	}
}
