package driver

import (
	"database/sql/driver"
	"errors"

	"github.com/soqlgate/soqlgate/internal/engine"
	"github.com/soqlgate/soqlgate/internal/sfapi"
)

// Sentinels, matched with errors.Is.
var (
	// ErrNoTransactions is returned by BeginTx: Salesforce has no
	// transactions (each statement is applied on its own and cannot be
	// rolled back), so the driver refuses BEGIN rather than pretend.
	ErrNoTransactions = errors.New("driver: Salesforce has no transactions; run statements without BeginTx")
	// ErrNamedParameters is returned for sql.Named arguments: parameters
	// are positional ($1, $2, … or ?).
	ErrNamedParameters = errors.New("driver: named parameters are not supported; use $1, $2, … or ?")
	// ErrUnsupported is matched by every error about a statement or a
	// construct soqlgate does not run (the translator's and the engine's).
	ErrUnsupported = engine.ErrUnsupported
	// ErrLogin is matched by every failed login.
	ErrLogin = sfapi.ErrLogin
)

// APIError is an error answered by Salesforce (REST envelope, OAuth or
// SOAP fault). errors.Is compares it by Code only, so
// errors.Is(err, &driver.APIError{Code: "INVALID_FIELD"}) matches any
// INVALID_FIELD error.
type APIError = sfapi.APIError

// UnsupportedError is the engine's error for a statement it does not run
// (writes, for now, and report calls); the translator's own
// *translator.UnsupportedError covers SQL constructs.
type UnsupportedError = engine.UnsupportedError

// BudgetError reports a local step that would pull more rows than
// LocalRowBudget allows.
type BudgetError = engine.BudgetError

// SafeToRetry reports whether err proves that Salesforce did not apply the
// failed request (the connection was refused, the session was rejected,
// the request was never sent), so running the statement again cannot apply
// it twice.
func SafeToRetry(err error) bool { return sfapi.SafeToRetry(err) }

// badConnError marks an error after which nothing reached Salesforce: it
// matches driver.ErrBadConn (database/sql then retries on a fresh
// connection) and still unwraps to the cause.
type badConnError struct{ err error }

func (e *badConnError) Error() string   { return e.err.Error() }
func (e *badConnError) Unwrap() []error { return []error{driver.ErrBadConn, e.err} }

// markBadConn wraps err in driver.ErrBadConn only when no request reached
// Salesforce: a refused or unresolvable connection, or a closed client.
// Anything Salesforce answered (bad credentials included: retrying them
// would lock the user out), budgets and timeouts stay ordinary errors.
func markBadConn(err error) error {
	if err == nil {
		return nil
	}
	var ae *sfapi.APIError
	var le *sfapi.LimitError
	switch {
	case errors.Is(err, sfapi.ErrClosed):
		return &badConnError{err}
	case errors.As(err, &ae), errors.As(err, &le), errors.Is(err, sfapi.ErrBudget):
		return err
	case sfapi.SafeToRetry(err):
		return &badConnError{err}
	}
	return err
}
