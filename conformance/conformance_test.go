package conformance

import (
	"testing"
)

func TestEmulatorQueries(t *testing.T) {
	h := NewEmulatorHarness()
	t.Cleanup(func() { h.Close() })
	TestQueries(t, h)
}

func TestOrgQueries(t *testing.T) {
	h, ok, err := NewOrgHarness()
	if !ok {
		t.Skipf("neither %s nor %sUSERNAME set: no real org to test", OrgEnv, orgEnvPrefix)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	TestQueries(t, h)
}
