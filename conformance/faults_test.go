package conformance

import (
	"context"
	"database/sql/driver"
	"errors"
	"testing"
	"time"

	sfdriver "github.com/soqlgate/soqlgate/driver"
	"github.com/soqlgate/soqlgate/emulator"
)

// Salesforce's failures as a database/sql user sees them, one org state
// per case: transient ones are absorbed (the statement succeeds), final
// ones come back as *driver.APIError matched by code, never as
// driver.ErrBadConn (the request reached Salesforce).
func TestAPIFailuresThroughTheDriver(t *testing.T) {
	h := NewEmulatorHarness()
	t.Cleanup(func() { h.Close() })
	if err := h.Setup(); err != nil {
		t.Fatal(err)
	}
	srv := h.Emulator()
	const q = `SELECT COUNT(*) FROM "Contact"`
	for _, c := range []struct {
		name    string
		arrange func()
		code    string // "" = the statement succeeds
	}{
		{"expired sessions: the statement still succeeds", srv.ExpireSessions, ""},
		{"one 503: retried", func() { srv.InjectFault(emulator.Fault{Endpoint: "query", Kind: emulator.Fault503, Rate: 1, Count: 1}) }, ""},
		{"one reset connection on a read: retried", func() {
			srv.InjectFault(emulator.Fault{Endpoint: "query", Kind: emulator.FaultReset, Rate: 1, Count: 1})
		}, ""},
		{"daily limit spent: final", func() {
			srv.InjectFault(emulator.Fault{Endpoint: "query", Kind: emulator.FaultDailyLimit, Rate: 1, Count: 1})
		}, "REQUEST_LIMIT_EXCEEDED"},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := h.NewTarget(t)
			if err := db.Ping(); err != nil {
				t.Fatal(err)
			}
			srv.ClearFaults()
			t.Cleanup(srv.ClearFaults)
			c.arrange()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			var n int64
			err := db.QueryRowContext(ctx, q).Scan(&n)
			if c.code == "" {
				if err != nil || n != 20 {
					t.Fatalf("COUNT = %d, %v; want 20", n, err)
				}
				return
			}
			var ae *sfdriver.APIError
			if !errors.As(err, &ae) || ae.Code != c.code {
				t.Fatalf("error %v (%T), want an APIError %s", err, err, c.code)
			}
			if !errors.Is(err, &sfdriver.APIError{Code: c.code}) {
				t.Errorf("errors.Is by code fails for %v", err)
			}
			if errors.Is(err, driver.ErrBadConn) {
				t.Errorf("%v is marked ErrBadConn, but the request reached Salesforce", err)
			}
		})
	}
}
