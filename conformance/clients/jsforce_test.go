package clients

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/soqlgate/soqlgate/emulator"
)

// The demo org's user and connected app (see the emulator contract).
const (
	demoUsername = "demo@soqlgate.local"
	demoPassword = "demodemo" // password "demo" + security token "demo"
	demoClientID = "soqlgate-demo"
	demoSecret   = "demo"
)

// scenario is one node script and what its facts must be.
type scenario struct {
	script string
	scale  int // generated cases on top of the demo data
	// want is the facts object, JSON. In strings, {{URL}} is the org's URL
	// and {{a.b}} the string fact at that path; "<id:001>" matches any
	// 18-character id with that key prefix.
	want string
	// known are facts whose value is a known emulator gap: when the fact
	// equals gap exactly, the comparison with want is skipped with reason.
	known map[string]knownGap
	// after checks the facts against the org once the script is done.
	after func(t *testing.T, srv *emulator.Server, facts map[string]any)
}

type knownGap struct {
	gap, reason string
}

// TestJSForce runs jsforce, unchanged, against the local org: every
// scenario script in jsforce/ against a fresh demo org.
func TestJSForce(t *testing.T) {
	dir := jsforceDir(t)
	keyPEM, certPEM := jwtKeyPair(t)
	for _, sc := range jsforceScenarios {
		t.Run(strings.TrimSuffix(sc.script, ".js"), func(t *testing.T) {
			srv, err := emulator.New(emulator.Options{Seed: "demo", Scale: sc.scale, JWTCertificatePEM: certPEM})
			if err != nil {
				t.Fatal(err)
			}
			ts := httptest.NewServer(srv)
			defer srv.Close()
			defer ts.Close()
			facts := runScript(t, dir, sc.script, ts.URL, keyPEM)
			checkFacts(t, sc, ts.URL, facts)
			if sc.after != nil {
				sc.after(t, srv, facts)
			}
		})
	}
}

// unavailable ends t because the client cannot run here: a failure when
// CI=true (bash .ci/run installs node and the packages), a skip otherwise.
func unavailable(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("clients: "+format+" (CI=true: bash .ci/run installs it)", args...)
	}
	t.Skipf("clients: "+format+", skipping", args...)
}

// jsforceDir finds node and the installed jsforce, at the pinned version.
func jsforceDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("jsforce")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("node"); err != nil {
		unavailable(t, "node is not on PATH (apt-get install nodejs npm)")
	}
	out, err := exec.Command("node", "--version").Output()
	if err != nil {
		t.Fatalf("clients: node --version: %v", err)
	}
	var major int
	if _, err := fmt.Sscanf(string(out), "v%d.", &major); err != nil || major < 18 {
		unavailable(t, "node %s is too old (jsforce 3 needs 18 or later)", strings.TrimSpace(string(out)))
	}
	var pkg struct {
		Dependencies map[string]string `json:"dependencies"`
		Version      string            `json:"version"`
	}
	readJSON(t, filepath.Join(dir, "package.json"), &pkg)
	pinned := pkg.Dependencies["jsforce"]
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "jsforce", "package.json")); err != nil {
		unavailable(t, "jsforce is not installed (npm ci --prefix conformance/clients/jsforce)")
	}
	readJSON(t, filepath.Join(dir, "node_modules", "jsforce", "package.json"), &pkg)
	if pkg.Version != pinned {
		t.Fatalf("clients: node_modules holds jsforce %s, package.json pins %s: run npm ci --prefix conformance/clients/jsforce", pkg.Version, pinned)
	}
	return dir
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// jwtKeyPair makes the connected app's certificate and the key that signs
// the JWT bearer assertions of login.js.
func jwtKeyPair(t *testing.T) (keyPEM string, certPEM []byte) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "soqlgate jsforce test"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	pk, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pk})),
		pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

// runScript runs one scenario script and decodes the facts it prints.
func runScript(t *testing.T, dir, script, url, keyPEM string) map[string]any {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 45*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"SOQLGATE_URL="+url,
		"SOQLGATE_USERNAME="+demoUsername,
		"SOQLGATE_PASSWORD="+demoPassword,
		"SOQLGATE_CLIENT_ID="+demoClientID,
		"SOQLGATE_CLIENT_SECRET="+demoSecret,
		"SOQLGATE_REFRESH_TOKEN="+emulator.DemoRefreshToken,
		"SOQLGATE_JWT_KEY="+keyPEM,
	)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	t.Logf("node %s: %v", script, time.Since(start).Round(time.Millisecond))
	if err != nil {
		t.Fatalf("node %s: %v\nstderr:\n%s\nstdout:\n%s", script, err, stderr.Bytes(), stdout.Bytes())
	}
	var facts map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &facts); err != nil {
		t.Fatalf("node %s printed no JSON facts: %v\n%s", script, err, stdout.Bytes())
	}
	return facts
}

// checkFacts compares every fact with the scenario's expectation.
func checkFacts(t *testing.T, sc scenario, url string, facts map[string]any) {
	t.Helper()
	var want map[string]any
	if err := json.Unmarshal([]byte(sc.want), &want); err != nil {
		t.Fatalf("want of %s is not JSON: %v", sc.script, err)
	}
	keys := map[string]bool{}
	for k := range want {
		keys[k] = true
	}
	for k := range facts {
		keys[k] = true
	}
	var names []string
	for k := range keys {
		names = append(names, k)
	}
	sort.Strings(names)
	m := matcher{url: url, facts: facts}
	for _, k := range names {
		got, ok := facts[k]
		if !ok {
			t.Errorf("%s: fact %s missing, want %s", sc.script, k, show(want[k]))
			continue
		}
		w, ok := want[k]
		if !ok {
			t.Errorf("%s: unexpected fact %s = %s", sc.script, k, show(got))
			continue
		}
		if g, ok := sc.known[k]; ok {
			var gap any
			if err := json.Unmarshal([]byte(g.gap), &gap); err != nil {
				t.Fatalf("known gap of %s is not JSON: %v", k, err)
			}
			if reflect.DeepEqual(got, gap) {
				t.Run(k, func(t *testing.T) { t.Skipf("known emulator gap: %s (got %s)", g.reason, show(got)) })
				continue
			}
		}
		if diffs := m.match(k, got, w); len(diffs) > 0 {
			t.Errorf("%s: fact %s:\n  %s\n got  %s\n want %s", sc.script, k, strings.Join(diffs, "\n  "), show(got), show(w))
		}
	}
}

func show(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// matcher compares a fact with its expectation (see scenario.want).
type matcher struct {
	url   string
	facts map[string]any
}

var (
	placeholder = regexp.MustCompile(`\{\{([A-Za-z0-9_.]+)\}\}`)
	idPattern   = regexp.MustCompile(`^<id:([0-9A-Za-z]{3})>$`)
	sfid        = regexp.MustCompile(`^[0-9A-Za-z]{18}$`)
)

func (m matcher) match(path string, got, want any) []string {
	switch w := want.(type) {
	case string:
		if p := idPattern.FindStringSubmatch(w); p != nil {
			g, ok := got.(string)
			if !ok || !sfid.MatchString(g) || !strings.HasPrefix(g, p[1]) {
				return []string{fmt.Sprintf("%s: %s is not an 18-character %s id", path, show(got), p[1])}
			}
			return nil
		}
		w = m.expand(w)
		if got != w {
			return []string{fmt.Sprintf("%s: got %s, want %s", path, show(got), show(w))}
		}
		return nil
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: got %s, want an object", path, show(got))}
		}
		var diffs []string
		for k := range w {
			if _, ok := g[k]; !ok {
				diffs = append(diffs, fmt.Sprintf("%s.%s: missing", path, k))
			}
		}
		for k, gv := range g {
			wv, ok := w[k]
			if !ok {
				diffs = append(diffs, fmt.Sprintf("%s.%s: unexpected %s", path, k, show(gv)))
				continue
			}
			diffs = append(diffs, m.match(path+"."+k, gv, wv)...)
		}
		sort.Strings(diffs)
		return diffs
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return []string{fmt.Sprintf("%s: got %s, want %d elements", path, show(got), len(w))}
		}
		var diffs []string
		for i := range w {
			diffs = append(diffs, m.match(fmt.Sprintf("%s[%d]", path, i), g[i], w[i])...)
		}
		return diffs
	default: // numbers, booleans, null
		if !reflect.DeepEqual(got, want) {
			return []string{fmt.Sprintf("%s: got %s, want %s", path, show(got), show(want))}
		}
		return nil
	}
}

// expand replaces {{URL}} and {{fact.path}} in an expected string.
func (m matcher) expand(s string) string {
	return placeholder.ReplaceAllStringFunc(s, func(p string) string {
		name := p[2 : len(p)-2]
		if name == "URL" {
			return m.url
		}
		var v any = m.facts
		for _, part := range strings.Split(name, ".") {
			obj, ok := v.(map[string]any)
			if !ok {
				return p
			}
			v = obj[part]
		}
		if s, ok := v.(string); ok {
			return s
		}
		return p
	})
}
