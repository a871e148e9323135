package sfapi

import (
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"
)

// APIError is an error answered by Salesforce: a REST error envelope
// entry, an OAuth token error or a SOAP fault. errors.Is matches it by Code
// against the sentinels below (or any *APIError with only Code set); the
// message is never compared.
type APIError struct {
	Status  int      // HTTP status
	Code    string   // errorCode, OAuth "error" or SOAP exceptionCode
	Message string   // message, error_description or exceptionMessage
	Fields  []string // fields named by the error, if any
	// More holds the other entries when the envelope listed several.
	More []*APIError
}

func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("sfapi: ")
	if e.Code != "" {
		b.WriteString(e.Code)
	} else {
		fmt.Fprintf(&b, "HTTP %d", e.Status)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(strings.TrimSpace(e.Message))
	}
	if len(e.Fields) > 0 {
		fmt.Fprintf(&b, " (fields: %s)", strings.Join(e.Fields, ", "))
	}
	if len(e.More) > 0 {
		fmt.Fprintf(&b, " (and %d more errors)", len(e.More))
	}
	return b.String()
}

// Is reports whether target is an *APIError with the same Code.
func (e *APIError) Is(target error) bool {
	t, ok := target.(*APIError)
	return ok && t.Code != "" && t.Code == e.Code
}

// Sentinels matched with errors.Is by code.
var (
	ErrInvalidSession      = &APIError{Code: "INVALID_SESSION_ID"}
	ErrRequestLimit        = &APIError{Code: "REQUEST_LIMIT_EXCEEDED"}
	ErrInvalidQueryLocator = &APIError{Code: "INVALID_QUERY_LOCATOR"}
	ErrMalformedQuery      = &APIError{Code: "MALFORMED_QUERY"}
	ErrInvalidField        = &APIError{Code: "INVALID_FIELD"}
	ErrInvalidType         = &APIError{Code: "INVALID_TYPE"}
	ErrNotFound            = &APIError{Code: "NOT_FOUND"}
	ErrServerUnavailable   = &APIError{Code: "SERVER_UNAVAILABLE"}
	ErrQueryTimeout        = &APIError{Code: "QUERY_TIMEOUT"}
	// Login failures: SOAP INVALID_LOGIN, OAuth invalid_grant / invalid_client_id / invalid_client.
	ErrInvalidLogin    = &APIError{Code: "INVALID_LOGIN"}
	ErrInvalidGrant    = &APIError{Code: "invalid_grant"}
	ErrInvalidClientID = &APIError{Code: "invalid_client_id"}
	ErrInvalidClient   = &APIError{Code: "invalid_client"}
)

// Plain sentinels.
var (
	// ErrLogin wraps every login failure (bad credentials, unknown client,
	// unreachable login host) so callers can tell "cannot log in" apart.
	ErrLogin = errors.New("sfapi: login failed")
	// ErrDailyLimit is matched by the error returned when the org's daily
	// API allowance is spent (403 REQUEST_LIMIT_EXCEEDED "TotalRequests").
	ErrDailyLimit = errors.New("sfapi: daily API request limit exceeded")
	// ErrBudget is matched by the error returned when a request would spend
	// more of the daily allowance than Config.APIBudgetPercent allows.
	ErrBudget = errors.New("sfapi: API budget exhausted")
	// ErrClosed is returned by a Client after Close.
	ErrClosed = errors.New("sfapi: client closed")
)

// LoginError is a failed login: Flow names the flow, Err the cause (an
// *APIError when Salesforce answered). It matches ErrLogin with errors.Is.
type LoginError struct {
	Flow Flow
	Err  error
}

func (e *LoginError) Error() string {
	msg := e.Err.Error()
	msg = strings.TrimPrefix(msg, "sfapi: ")
	return fmt.Sprintf("sfapi: login (%s) failed: %s", e.Flow, msg)
}

func (e *LoginError) Unwrap() []error { return []error{ErrLogin, e.Err} }

// LimitError reports that the daily API allowance is spent (Budget == 0)
// or that the configured budget would be crossed (Budget > 0). Used and Max
// are the last usage figures Salesforce reported.
type LimitError struct {
	Limit  string  // "DailyApiRequests"
	Used   int     // requests used in the rolling 24 hours
	Max    int     // the org's daily allowance
	Budget float64 // the configured budget in percent, 0 for the org limit
	Err    *APIError
}

func (e *LimitError) Error() string {
	if e.Budget > 0 {
		return fmt.Sprintf("sfapi: API budget reached: %s used %d of %d (%.1f%%); the budget is %g%% (%d requests), so no more requests are sent",
			e.Limit, e.Used, e.Max, pct(e.Used, e.Max), e.Budget, budgetCalls(e.Budget, e.Max))
	}
	if e.Max > 0 {
		return fmt.Sprintf("sfapi: the org has used its daily API allowance (%s used %d of %d); requests fail until the rolling 24-hour window frees some, or the limit is raised",
			e.Limit, e.Used, e.Max)
	}
	return fmt.Sprintf("sfapi: the org has used its daily API allowance (%s); requests fail until the rolling 24-hour window frees some, or the limit is raised", e.Limit)
}

func (e *LimitError) Unwrap() []error {
	errs := []error{ErrDailyLimit}
	if e.Budget > 0 {
		errs = []error{ErrBudget}
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

func pct(used, max int) float64 {
	if max == 0 {
		return 0
	}
	return float64(used) * 100 / float64(max)
}

// budgetCalls is the number of requests the budget allows out of max.
func budgetCalls(budget float64, max int) int { return int(budget * float64(max) / 100) }

// notSentError marks an error raised before any byte of the request could
// have reached Salesforce.
type notSentError struct{ err error }

func (e *notSentError) Error() string { return e.err.Error() }
func (e *notSentError) Unwrap() error { return e.err }

// SafeToRetry reports whether err proves that the failed request was not
// applied by Salesforce, so repeating it cannot apply it twice: the
// connection was never established, the session was rejected, the
// concurrent-request limit turned it away, or this package stopped it
// before sending (budget, closed client).
func SafeToRetry(err error) bool {
	if err == nil {
		return false
	}
	var ns *notSentError
	if errors.As(err, &ns) {
		return true
	}
	var le *LimitError
	if errors.As(err, &le) {
		return true
	}
	var ae *APIError
	if errors.As(err, &ae) {
		switch {
		case ae.Code == "INVALID_SESSION_ID":
			return true
		case isConcurrentLimit(ae):
			return true
		}
	}
	return isDialError(err)
}

// isConcurrentLimit tells the concurrent-request flavour of
// REQUEST_LIMIT_EXCEEDED (retry later) from the daily one (stop).
func isConcurrentLimit(ae *APIError) bool {
	return ae.Code == "REQUEST_LIMIT_EXCEEDED" && !isDailyLimit(ae)
}

func isDailyLimit(ae *APIError) bool {
	return ae.Code == "REQUEST_LIMIT_EXCEEDED" && strings.Contains(ae.Message, "TotalRequests")
}

// isDialError reports a failure to connect (nothing was sent).
func isDialError(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns) || errors.Is(err, syscall.ECONNREFUSED)
}

// isTransportFault reports a connection reset, a broken pipe, an
// unexpected EOF or a timeout: the request may or may not have been
// processed.
func isTransportFault(err error) bool {
	if isDialError(err) {
		return true
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	if errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNABORTED) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "unexpected EOF") || strings.HasSuffix(msg, ": EOF") ||
		strings.Contains(msg, "connection reset") || strings.Contains(msg, "server closed idle connection") ||
		strings.Contains(msg, "transport connection broken") || strings.Contains(msg, "timeout awaiting response headers") ||
		strings.Contains(msg, "TLS handshake timeout")
}
