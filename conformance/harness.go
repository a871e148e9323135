package conformance

import (
	"database/sql"
	"fmt"
	"net/http/httptest"
	"os"
	"sync"
	"testing"

	sfdriver "github.com/soqlgate/soqlgate/driver"
	"github.com/soqlgate/soqlgate/emulator"

	"github.com/soqlgate/soqlgate/conformance/cases"
)

// Harness provides the databases the runners test.
type Harness interface {
	// Name names the target in test output ("emulator", "org").
	Name() string
	// Setup prepares the target once; NewTarget calls it when needed.
	Setup() error
	// NewTarget returns a database handle, closed when t ends.
	NewTarget(t testing.TB) *sql.DB
	// Close releases what Setup started.
	Close() error
}

// ConfigurableHarness opens targets with a changed driver configuration
// (a DSN setting such as readBehavior=queryAll).
type ConfigurableHarness interface {
	Harness
	NewTargetWith(t testing.TB, configure func(*sfdriver.Config)) *sql.DB
}

// SkippingHarness skips the cases its target cannot answer.
type SkippingHarness interface {
	Harness
	SkipQueryTest(q cases.QueryTest) (reason string, skip bool)
}

// EmulatorHarness runs every target against one in-process local org.
type EmulatorHarness struct {
	Options emulator.Options // Seed "demo" unless set

	once sync.Once
	err  error
	srv  *emulator.Server
	ts   *httptest.Server
}

var _ ConfigurableHarness = (*EmulatorHarness)(nil)

// NewEmulatorHarness returns a harness over the demo org.
func NewEmulatorHarness() *EmulatorHarness {
	return &EmulatorHarness{Options: emulator.Options{Seed: "demo"}}
}

// Name is "emulator".
func (h *EmulatorHarness) Name() string { return "emulator" }

// Setup builds the org and starts serving it on a loopback port.
func (h *EmulatorHarness) Setup() error {
	h.once.Do(func() {
		h.srv, h.err = emulator.New(h.Options)
		if h.err == nil {
			h.ts = httptest.NewServer(h.srv)
		}
	})
	return h.err
}

// Emulator is the running org, for its knobs and counters.
func (h *EmulatorHarness) Emulator() *emulator.Server { return h.srv }

// URL is the org's instance (and login) URL.
func (h *EmulatorHarness) URL() string { return h.ts.URL }

// Config is the driver configuration of the demo user over the OAuth
// password flow.
func (h *EmulatorHarness) Config() *sfdriver.Config { return DemoConfig(h.ts.URL) }

// DemoConfig is the demo user's driver configuration for the local org at
// url (OAuth password flow over loopback http).
func DemoConfig(url string) *sfdriver.Config {
	cfg := sfdriver.NewConfig()
	cfg.EnvironmentURL = url
	cfg.Insecure = true
	cfg.Username = emulator.DemoUsername
	cfg.Password = emulator.DemoPassword
	cfg.SecurityToken = emulator.DemoSecurityToken
	cfg.ClientID = emulator.DemoClientID
	cfg.ClientSecret = emulator.DemoClientSecret
	return cfg
}

// NewTarget opens the demo org as the demo user.
func (h *EmulatorHarness) NewTarget(t testing.TB) *sql.DB { return h.NewTargetWith(t, nil) }

// NewTargetWith opens the demo org with configure applied to the Config.
func (h *EmulatorHarness) NewTargetWith(t testing.TB, configure func(*sfdriver.Config)) *sql.DB {
	t.Helper()
	if err := h.Setup(); err != nil {
		t.Fatalf("emulator harness: %v", err)
	}
	cfg := h.Config()
	if configure != nil {
		configure(cfg)
	}
	return openDB(t, cfg)
}

// Close stops the server and frees the org.
func (h *EmulatorHarness) Close() error {
	if h.ts != nil {
		h.ts.Close()
	}
	if h.srv != nil {
		return h.srv.Close()
	}
	return nil
}

func openDB(t testing.TB, cfg *sfdriver.Config) *sql.DB {
	t.Helper()
	c, err := sfdriver.NewConnector(cfg)
	if err != nil {
		t.Fatalf("NewConnector: %v", err)
	}
	db := sql.OpenDB(c)
	t.Cleanup(func() { db.Close() })
	return db
}

// OrgEnv is the variable naming a real org's DSN. Instead of a DSN, the
// parts may be given one by one: SOQLGATE_TEST_ORG_USERNAME (required
// then), _PASSWORD, _SECURITY_TOKEN, _CLIENT_ID, _CLIENT_SECRET and
// _ENVIRONMENT_URL (default https://login.salesforce.com).
const OrgEnv = "SOQLGATE_TEST_ORG_DSN"

const orgEnvPrefix = "SOQLGATE_TEST_ORG_"

// OrgHarness runs against a real org (or any endpoint a DSN names).
type OrgHarness struct {
	cfg *sfdriver.Config
}

var (
	_ ConfigurableHarness = (*OrgHarness)(nil)
	_ SkippingHarness     = (*OrgHarness)(nil)
)

// NewOrgHarness reads the SOQLGATE_TEST_ORG_* variables; ok is false when
// neither a DSN nor a username is set.
func NewOrgHarness() (h *OrgHarness, ok bool, err error) {
	if dsn := os.Getenv(OrgEnv); dsn != "" {
		cfg, err := sfdriver.ParseDSN(dsn)
		if err != nil {
			return nil, true, fmt.Errorf("%s: %w", OrgEnv, err)
		}
		return &OrgHarness{cfg: cfg}, true, nil
	}
	env := func(name string) string { return os.Getenv(orgEnvPrefix + name) }
	if env("USERNAME") == "" {
		return nil, false, nil
	}
	cfg := sfdriver.NewConfig()
	if u := env("ENVIRONMENT_URL"); u != "" {
		cfg.EnvironmentURL = u
	}
	cfg.Username, cfg.Password, cfg.SecurityToken = env("USERNAME"), env("PASSWORD"), env("SECURITY_TOKEN")
	cfg.ClientID, cfg.ClientSecret = env("CLIENT_ID"), env("CLIENT_SECRET")
	if _, err := sfdriver.NewConnector(cfg); err != nil { // checks the values now
		return nil, true, fmt.Errorf("%s*: %w", orgEnvPrefix, err)
	}
	return &OrgHarness{cfg: cfg}, true, nil
}

// Name is "org".
func (h *OrgHarness) Name() string { return "org" }

// Setup has nothing to start.
func (h *OrgHarness) Setup() error { return nil }

// NewTarget opens the org.
func (h *OrgHarness) NewTarget(t testing.TB) *sql.DB { return h.NewTargetWith(t, nil) }

// NewTargetWith opens the org with configure applied to the Config.
func (h *OrgHarness) NewTargetWith(t testing.TB, configure func(*sfdriver.Config)) *sql.DB {
	cfg := h.cfg.Clone()
	if configure != nil {
		configure(cfg)
	}
	return openDB(t, cfg)
}

// SkipQueryTest skips the cases that expect the demo org's rows.
func (h *OrgHarness) SkipQueryTest(q cases.QueryTest) (string, bool) {
	if !q.Portable {
		return "expects the demo org's data", true
	}
	return "", false
}

// Close has nothing to release.
func (h *OrgHarness) Close() error { return nil }
