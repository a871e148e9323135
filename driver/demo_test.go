package driver

import (
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/soqlgate/soqlgate/emulator"
)

// The tests of this package share one demo org.
var (
	demoOnce sync.Once
	demoSrv  *emulator.Server
	demoURL  string
	demoErr  error
)

// demoConfig returns the demo user's Config for the shared local org.
func demoConfig(t testing.TB) (*Config, *emulator.Server) {
	t.Helper()
	demoOnce.Do(func() {
		demoSrv, demoErr = emulator.New(emulator.Options{Seed: "demo"})
		if demoErr == nil {
			demoURL = httptest.NewServer(demoSrv).URL // lives until the test binary exits
		}
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	cfg := NewConfig()
	cfg.EnvironmentURL = demoURL
	cfg.Insecure = true
	cfg.Username = emulator.DemoUsername
	cfg.Password = emulator.DemoPassword
	cfg.SecurityToken = emulator.DemoSecurityToken
	cfg.ClientID = emulator.DemoClientID
	cfg.ClientSecret = emulator.DemoClientSecret
	return cfg, demoSrv
}
