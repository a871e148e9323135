package driver

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"strings"
	"syscall"
	"testing"

	"github.com/soqlgate/soqlgate/internal/sfapi"
)

func TestMarkBadConn(t *testing.T) {
	dial := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	for _, c := range []struct {
		name string
		err  error
		bad  bool
	}{
		{"connection refused", fmt.Errorf("sfapi: query GET: %w", dial), true},
		{"login host unreachable", &sfapi.LoginError{Flow: sfapi.FlowPassword, Err: dial}, true},
		{"closed client", fmt.Errorf("wrapped: %w", sfapi.ErrClosed), true},
		{"bad credentials", &sfapi.LoginError{Flow: sfapi.FlowPassword, Err: &sfapi.APIError{Status: 400, Code: "invalid_grant"}}, false},
		{"an API error", &sfapi.APIError{Status: 400, Code: "INVALID_FIELD"}, false},
		{"invalid session after replay", &sfapi.APIError{Status: 401, Code: "INVALID_SESSION_ID"}, false},
		{"budget", fmt.Errorf("x: %w", sfapi.ErrBudget), false},
		{"cancelled", context.Canceled, false},
		{"reset mid-request", fmt.Errorf("sfapi: query: %w", syscall.ECONNRESET), false},
		{"nil", nil, false},
	} {
		got := markBadConn(c.err)
		if bad := errors.Is(got, driver.ErrBadConn); bad != c.bad {
			t.Errorf("%s: ErrBadConn = %v, want %v (%v)", c.name, bad, c.bad, got)
		}
		if c.err != nil && !errors.Is(got, c.err) {
			t.Errorf("%s: the cause is lost: %v", c.name, got)
		}
		if c.err != nil && got.Error() != c.err.Error() {
			t.Errorf("%s: text %q, want %q", c.name, got, c.err)
		}
	}
}

// A login Salesforce refuses is an ordinary error: database/sql must not
// retry it (repeated bad logins lock the user out).
func TestLoginErrors(t *testing.T) {
	cfg, srv := demoConfig(t)
	cfg.Password = "wrong-password"
	c, err := NewConnector(cfg)
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(c)
	defer db.Close()
	srv.ResetCounters()
	err = db.Ping()
	if !errors.Is(err, ErrLogin) || errors.Is(err, driver.ErrBadConn) {
		t.Fatalf("Ping with a wrong password = %v; want ErrLogin, not ErrBadConn", err)
	}
	if strings.Contains(err.Error(), "wrong-password") {
		t.Fatalf("the error shows the password: %v", err)
	}
	if n := srv.RequestCounts()["token"]; n != 1 {
		t.Errorf("%d token requests for one bad login, want 1 (no retry)", n)
	}

	// A closed connection is bad without asking anyone. (A refused
	// connection is classified by TestMarkBadConn: sfapi retries it with
	// backoff for minutes, so a test cannot wait for it here.)
	conn, err := c.Connect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	conn.Close()
	if err := conn.(driver.Pinger).Ping(context.Background()); !errors.Is(err, driver.ErrBadConn) {
		t.Fatalf("Ping on a closed conn = %v, want driver.ErrBadConn", err)
	}
}

func TestSafeToRetry(t *testing.T) {
	dial := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	if !SafeToRetry(fmt.Errorf("x: %w", dial)) {
		t.Error("a refused connection is safe to retry")
	}
	if SafeToRetry(&sfapi.APIError{Status: 400, Code: "INVALID_FIELD"}) || SafeToRetry(nil) {
		t.Error("an answered request or nil is not safe to retry")
	}
	if SafeToRetry(fmt.Errorf("sfapi: query: %w (the request may have been applied, so it is not repeated)", syscall.ECONNRESET)) {
		t.Error("a reset mid-request may have been applied")
	}
}
