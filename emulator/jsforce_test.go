package emulator

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestJSForce runs jsforce (the independent client of spec §9.1) against
// the demo org. It needs node and a directory where `npm install jsforce`
// was run: SOQLGATE_TEST_JSFORCE=<that directory>.
func TestJSForce(t *testing.T) {
	dir := os.Getenv("SOQLGATE_TEST_JSFORCE")
	if dir == "" {
		t.Skip("SOQLGATE_TEST_JSFORCE is not set (a directory with node_modules/jsforce)")
	}
	script, err := filepath.Abs("testdata/jsforce_smoke.js")
	if err != nil {
		t.Fatal(err)
	}
	s, ts := newTestServer(t, Options{Seed: "demo"})
	cmd := exec.Command("node", script, ts.URL)
	cmd.Env = append(os.Environ(), "NODE_PATH="+filepath.Join(dir, "node_modules"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	want := strings.Join([]string{
		"soap " + s.org.ID + " " + ts.URL,
		"global Account,AllDataType__c,Asset,BusinessHours,Case,CaseComment,Contact,Entitlement,Organization,Report,Solution,User",
		"describe Case Cases,CaseComments",
		"limits 15000 15000",
		"identity demo@soqlgate.local",
		"query 1 GenePoint",
		"retrieve GenePoint Mountain View",
		"oauth " + ts.URL,
		"relogin Account",
		"error NOT_FOUND",
		"badsoap INVALID_LOGIN: Invalid username, password, security token; or user locked out.",
		"badoauth invalid_grant authentication failure",
	}, "\n") + "\n"
	if string(out) != want {
		t.Errorf("jsforce said\n%s\nwant\n%s", out, want)
	}
}
