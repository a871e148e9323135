package conformance

import (
	"strings"
	"testing"
)

func TestOrgHarnessFromEnv(t *testing.T) {
	for _, k := range []string{OrgEnv, "USERNAME", "PASSWORD", "SECURITY_TOKEN", "CLIENT_ID", "CLIENT_SECRET", "ENVIRONMENT_URL"} {
		if k != OrgEnv {
			k = orgEnvPrefix + k
		}
		t.Setenv(k, "")
	}
	if _, ok, err := NewOrgHarness(); ok || err != nil {
		t.Fatalf("no variables: ok %v, err %v", ok, err)
	}
	t.Setenv(orgEnvPrefix+"USERNAME", "u@example.com")
	t.Setenv(orgEnvPrefix+"PASSWORD", "pw-secret")
	t.Setenv(orgEnvPrefix+"CLIENT_ID", "id")
	t.Setenv(orgEnvPrefix+"ENVIRONMENT_URL", "https://test.salesforce.com")
	h, ok, err := NewOrgHarness()
	if !ok || err != nil {
		t.Fatalf("parts: ok %v, err %v", ok, err)
	}
	if h.cfg.Username != "u@example.com" || h.cfg.Password != "pw-secret" || h.cfg.EnvironmentURL != "https://test.salesforce.com" {
		t.Fatalf("config from parts: %s", h.cfg)
	}
	t.Setenv(orgEnvPrefix+"ENVIRONMENT_URL", "http://example.com")
	if _, ok, err := NewOrgHarness(); !ok || err == nil || strings.Contains(err.Error(), "pw-secret") {
		t.Fatalf("plain http to a remote host: ok %v, err %v", ok, err)
	}
	t.Setenv(OrgEnv, "salesforce://u:dsn-secret@login.salesforce.com/?api=x")
	if _, ok, err := NewOrgHarness(); !ok || err == nil || strings.Contains(err.Error(), "dsn-secret") {
		t.Fatalf("bad DSN: ok %v, err %v", ok, err)
	}
}
