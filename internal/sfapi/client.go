package sfapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cenkalti/backoff/v5"
)

// Client talks to one Salesforce org as one user. It is safe for
// concurrent use.
type Client struct {
	cfg         Config
	version     string // "58.0"
	versionNum  int
	loginURL    string // scheme://host of the login host
	flow        Flow
	reloginFlow Flow // the flow used when a given access token expires; "" = none
	hc          *http.Client
	sem         chan struct{}
	retry       RetryPolicy
	closed      atomic.Bool

	authMu sync.Mutex // serialises logins: concurrent callers share one
	sessMu sync.RWMutex
	sess   session
	gen    uint64 // incremented by every login; 0 = not logged in

	secretMu sync.RWMutex
	secrets  []string

	callMu sync.Mutex
	calls  map[string]int64

	limits limitState
}

// New checks cfg and returns a client. It does not log in; the first
// request does (or call Login).
func New(cfg Config) (*Client, error) {
	c := &Client{cfg: cfg, calls: map[string]int64{}}
	for _, s := range cfg.secrets() {
		c.addSecret(s)
	}
	var err error
	if c.version, c.versionNum, err = normalizeVersion(cfg.APIVersion); err != nil {
		return nil, err
	}
	if c.loginURL, err = validateEnvironmentURL(cfg.EnvironmentURL); err != nil {
		return nil, c.scrub(err)
	}
	if c.flow, err = cfg.flow(c.versionNum); err != nil {
		return nil, err
	}
	if err := c.checkFlowFields(c.flow); err != nil {
		return nil, err
	}
	if c.flow == FlowClientCredentials && (c.loginURL == "https://login.salesforce.com" || c.loginURL == "https://test.salesforce.com") {
		return nil, errors.New("sfapi: the client credentials flow must log in through the org's My Domain (https://<name>.my.salesforce.com), not " + c.loginURL)
	}
	if c.flow == FlowAccessToken {
		if cfg.InstanceURL == "" {
			return nil, errors.New("sfapi: an access token needs its instance URL")
		}
		inst, err := validateInstanceURL(cfg.InstanceURL)
		if err != nil {
			return nil, err
		}
		c.sess = session{token: cfg.AccessToken, instanceURL: inst}
		if org, _, ok := strings.Cut(cfg.AccessToken, "!"); ok && strings.HasPrefix(org, "00D") {
			c.sess.orgID = org // a session id starts with the org id
		}
		c.gen = 1
		other := cfg
		other.AccessToken, other.Flow = "", FlowAuto
		if f, err := other.flow(c.versionNum); err == nil && c.checkFlowFields(f) == nil {
			c.reloginFlow = f
		}
	} else {
		c.reloginFlow = c.flow
	}
	if cfg.MaxConcurrentConnections < 0 {
		return nil, fmt.Errorf("sfapi: maxConcurrentConnections must be positive, got %d", cfg.MaxConcurrentConnections)
	}
	n := cfg.MaxConcurrentConnections
	if n == 0 {
		n = 10
	}
	if cfg.APIBudgetPercent < 0 || cfg.APIBudgetPercent > 100 {
		return nil, fmt.Errorf("sfapi: API budget must be between 0 and 100 percent, got %g", cfg.APIBudgetPercent)
	}
	c.sem = make(chan struct{}, n)
	c.retry = cfg.Retry.withDefaults()
	c.hc = newHTTPClient(&cfg)
	return c, nil
}

// checkFlowFields reports a missing field of a flow by name, never by value.
func (c *Client) checkFlowFields(f Flow) error {
	cfg := &c.cfg
	need := func(ok bool, what string) error {
		if !ok {
			return fmt.Errorf("sfapi: the %s login flow needs %s", f, what)
		}
		return nil
	}
	switch f {
	case FlowRefreshToken:
		return errors.Join(need(cfg.RefreshToken != "", "a refresh token"), need(cfg.ClientID != "", "a client id"))
	case FlowJWT:
		return errors.Join(need(len(cfg.PrivateKeyPEM) > 0, "a private key"), need(cfg.ClientID != "", "a client id"), need(cfg.Username != "", "a username"))
	case FlowPassword:
		return errors.Join(need(cfg.Username != "", "a username"), need(cfg.Password != "", "a password"), need(cfg.ClientID != "", "a client id"))
	case FlowClientCredentials:
		return errors.Join(need(cfg.ClientID != "", "a client id"), need(cfg.ClientSecret != "", "a client secret"))
	case FlowSOAP:
		return errors.Join(need(cfg.Username != "", "a username"), need(cfg.Password != "", "a password"))
	case FlowAccessToken:
		return need(cfg.AccessToken != "", "an access token")
	}
	return nil
}

// Flow is the login flow the client uses.
func (c *Client) Flow() Flow { return c.flow }

// APIVersion is the API version in use, e.g. "58.0".
func (c *Client) APIVersion() string { return c.version }

// Close releases idle connections of the default transport. Requests after
// Close fail with ErrClosed.
func (c *Client) Close() error {
	c.closed.Store(true)
	if c.cfg.HTTPClient == nil && c.cfg.Transport == nil {
		c.hc.CloseIdleConnections()
	}
	return nil
}

// Calls returns the number of HTTP requests that reached Salesforce so
// far, by kind ("login", "query", "queryMore", "describe",
// "describeGlobal", "limits", "bulk2", "report", "rest"). Retries and
// replays count, net/http's own included; attempts that never connected do
// not: it is what the org saw.
func (c *Client) Calls() map[string]int64 {
	c.callMu.Lock()
	defer c.callMu.Unlock()
	m := make(map[string]int64, len(c.calls))
	for k, v := range c.calls {
		m[k] = v
	}
	return m
}

// TotalCalls is the sum of Calls.
func (c *Client) TotalCalls() int64 {
	c.callMu.Lock()
	defer c.callMu.Unlock()
	var n int64
	for _, v := range c.calls {
		n += v
	}
	return n
}

func (c *Client) count(kind string) {
	c.callMu.Lock()
	c.calls[kind]++
	c.callMu.Unlock()
}

// request is one logical API call; do may send it several times.
type request struct {
	kind        string // counter kind
	method      string
	url         string // absolute URL, or a path on the instance ("/services/…")
	header      http.Header
	body        []byte // replayable body
	contentType string
	idempotent  bool // repeating it cannot apply anything twice
	auth        bool // carries the session; INVALID_SESSION_ID logs in again once
	budget      bool // counts against the daily API allowance
	// handle reads a 2xx response; its error is classified like a
	// transport error when it is one (the body broke off) and is final
	// otherwise. nil means drain and ignore.
	handle func(*http.Response) error
}

// errRetry marks an attempt's error as worth another attempt.
type errRetry struct{ err error }

func (e *errRetry) Error() string { return e.err.Error() }
func (e *errRetry) Unwrap() error { return e.err }

// do sends r, retrying as its error class allows, and returns the final
// error scrubbed of secrets.
func (c *Client) do(ctx context.Context, r *request) error {
	if c.closed.Load() {
		return &notSentError{ErrClosed}
	}
	bo := backoff.NewExponentialBackOff()
	bo.InitialInterval = c.retry.InitialInterval
	bo.MaxInterval = c.retry.MaxInterval
	bo.RandomizationFactor = 0.5 // jitter: callers hitting the same fault do not retry in step
	reauthed := false
	attempt := 0
	op := func() (struct{}, error) {
		for {
			attempt++
			var gen uint64
			var sess session
			if r.auth {
				var err error
				if sess, gen, err = c.session(ctx); err != nil {
					return struct{}{}, backoff.Permanent(err)
				}
			}
			err := c.attempt(ctx, r, sess)
			if err == nil {
				return struct{}{}, nil
			}
			if r.auth && errors.Is(err, ErrInvalidSession) && !reauthed {
				reauthed = true
				c.logf("sfapi: %s: session expired or invalid; logging in again", r.kind)
				if lerr := c.relogin(ctx, gen); lerr != nil {
					return struct{}{}, backoff.Permanent(lerr)
				}
				continue // replay at once with the new session
			}
			var re *errRetry
			if errors.As(err, &re) {
				return struct{}{}, re.err
			}
			return struct{}{}, backoff.Permanent(err)
		}
	}
	_, err := backoff.Retry(ctx, op,
		backoff.WithBackOff(bo),
		backoff.WithMaxTries(uint(c.retry.MaxAttempts)),
		backoff.WithMaxElapsedTime(c.retry.MaxElapsed),
		backoff.WithNotify(func(err error, d time.Duration) {
			c.logf("sfapi: %s %s: attempt %d failed (%v); retrying in %v", r.kind, r.method, attempt, err, d.Round(time.Millisecond))
		}))
	switch {
	case err == nil:
	case ctx.Err() != nil && !errors.Is(err, ctx.Err()):
		err = fmt.Errorf("%w (%v)", ctx.Err(), err)
	case attempt > 1 && ctx.Err() == nil:
		err = fmt.Errorf("%w (after %d attempts)", err, attempt)
	}
	return c.scrub(err)
}

// attempt sends r once. Errors worth another attempt come back as *errRetry.
func (c *Client) attempt(ctx context.Context, r *request, sess session) error {
	if r.budget {
		if err := c.limits.reserve(c.cfg.APIBudgetPercent); err != nil {
			return err
		}
		defer c.limits.release()
	}
	select {
	case c.sem <- struct{}{}:
	case <-ctx.Done():
		return context.Cause(ctx)
	}
	defer func() { <-c.sem }()

	u := r.url
	if strings.HasPrefix(u, "/") {
		u = sess.instanceURL + u
	}
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	// Count what reaches the wire: one per connection used, so a request
	// net/http repeats by itself (a GET on a reused connection that was
	// reset) is counted twice, and one that never connected not at all.
	var wire atomic.Int32
	tctx := httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{GotConn: func(httptrace.GotConnInfo) {
		wire.Add(1)
		c.count(r.kind)
	}})
	req, err := http.NewRequestWithContext(tctx, r.method, u, body)
	if err != nil {
		return fmt.Errorf("sfapi: %s: %w", r.kind, err)
	}
	for k, v := range r.header {
		req.Header[k] = v
	}
	if r.contentType != "" {
		req.Header.Set("Content-Type", r.contentType)
	}
	if r.auth {
		req.Header.Set("Authorization", "Bearer "+sess.token)
		name := c.cfg.ClientName
		if name == "" {
			name = "soqlgate"
		}
		req.Header.Set("Sforce-Call-Options", "client="+name)
	}
	if req.Header.Get("Accept") == "" {
		req.Header.Set("Accept", "application/json")
	}
	resp, err := c.hc.Do(req)
	if err == nil && wire.Load() == 0 {
		c.count(r.kind) // a caller's transport that does not report connections
	}
	if err != nil {
		return c.classifyTransport(ctx, r, err)
	}
	defer resp.Body.Close()
	c.limits.observe(resp.Header.Get("Sforce-Limit-Info"))

	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		if r.handle == nil {
			_, err = io.Copy(io.Discard, resp.Body)
		} else {
			err = r.handle(resp)
		}
		if err != nil && isTransportFault(err) && ctx.Err() == nil {
			return c.classifyTransport(ctx, r, err)
		}
		return err
	}
	apiErr := readAPIError(resp)
	// Scrub the fields too: errors.As hands the *APIError itself to callers.
	apiErr.Message = c.scrubString(apiErr.Message)
	for _, m := range apiErr.More {
		m.Message = c.scrubString(m.Message)
	}
	switch {
	case apiErr.Code == "INVALID_SESSION_ID" || (resp.StatusCode == http.StatusUnauthorized && r.auth && apiErr.Code == ""):
		apiErr.Code = "INVALID_SESSION_ID"
		return apiErr
	case isDailyLimit(apiErr):
		used, max, _ := c.limits.usage()
		return &LimitError{Limit: "DailyApiRequests", Used: used, Max: max, Err: apiErr}
	case isConcurrentLimit(apiErr):
		return &errRetry{apiErr} // turned away before it ran: always safe to repeat
	case transientServerError(apiErr) && r.idempotent:
		return &errRetry{apiErr}
	case transientServerError(apiErr):
		return fmt.Errorf("%w (the %s request may have been applied, so it is not repeated)", apiErr, r.kind)
	}
	return apiErr
}

// transientServerError is a 5xx that another attempt may not get: a
// gateway or availability error, or a 500 without a code. A SOAP fault
// (always HTTP 500) with a code such as INVALID_LOGIN is final.
func transientServerError(e *APIError) bool {
	switch {
	case e.Status == 502 || e.Status == 503 || e.Status == 504:
		return true
	case e.Status >= 500:
		return e.Code == "" || e.Code == "SERVER_UNAVAILABLE" || e.Code == "UNKNOWN_EXCEPTION"
	}
	return false
}

// classifyTransport decides whether a broken exchange may be repeated:
// always when the connection was never made, for idempotent requests on a
// reset or timeout, never otherwise (the request may have been applied).
func (c *Client) classifyTransport(ctx context.Context, r *request, err error) error {
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	err = fmt.Errorf("sfapi: %s %s: %w", r.kind, r.method, stripURL(err))
	switch {
	case isDialError(err):
		return &errRetry{&notSentError{err}}
	case isTransportFault(err) && r.idempotent:
		return &errRetry{err}
	case isTransportFault(err):
		return fmt.Errorf("%w (the request may have been applied, so it is not repeated)", err)
	}
	return err
}

// stripURL drops the URL from a *url.Error: it may carry a long SOQL text
// and, on a locator URL, nothing useful.
func stripURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// restError is the REST error envelope entry.
type restError struct {
	Message   string   `json:"message"`
	ErrorCode string   `json:"errorCode"`
	Fields    []string `json:"fields"`
}

// readAPIError decodes an error response: the REST array envelope, the
// OAuth {"error","error_description"} object, a Bulk 2.0 envelope, or
// anything else as an HTTP status.
func readAPIError(resp *http.Response) *APIError {
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	e := &APIError{Status: resp.StatusCode}
	trimmed := bytes.TrimSpace(raw)
	switch {
	case len(trimmed) > 0 && trimmed[0] == '[':
		var list []restError
		if json.Unmarshal(trimmed, &list) == nil && len(list) > 0 {
			e.Code, e.Message, e.Fields = list[0].ErrorCode, list[0].Message, list[0].Fields
			for _, x := range list[1:] {
				e.More = append(e.More, &APIError{Status: resp.StatusCode, Code: x.ErrorCode, Message: x.Message, Fields: x.Fields})
			}
			return e
		}
	case len(trimmed) > 0 && trimmed[0] == '{':
		var o struct {
			Error            string `json:"error"`
			ErrorDescription string `json:"error_description"`
			ErrorCode        string `json:"errorCode"`
			Message          string `json:"message"`
		}
		if json.Unmarshal(trimmed, &o) == nil && (o.Error != "" || o.ErrorCode != "") {
			e.Code, e.Message = o.Error, o.ErrorDescription
			if o.ErrorCode != "" {
				e.Code, e.Message = o.ErrorCode, o.Message
			}
			return e
		}
	case bytes.Contains(trimmed, []byte("Fault>")):
		if f := parseSOAPFault(trimmed); f != nil {
			f.Status = resp.StatusCode
			return f
		}
	}
	e.Message = http.StatusText(resp.StatusCode)
	if ct := resp.Header.Get("Content-Type"); strings.HasPrefix(ct, "text/plain") && len(trimmed) > 0 && len(trimmed) < 300 {
		e.Message = string(trimmed)
	}
	return e
}

// scrub replaces every known secret in err's text. The result keeps err
// for errors.Is / errors.As.
func (c *Client) scrub(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	clean := c.scrubString(msg)
	if clean == msg {
		return err
	}
	return &scrubbedError{msg: clean, err: err}
}

type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }

func (c *Client) scrubString(s string) string {
	c.secretMu.RLock()
	defer c.secretMu.RUnlock()
	for _, sec := range c.secrets {
		if strings.Contains(s, sec) {
			s = strings.ReplaceAll(s, sec, "[redacted]")
		}
	}
	return s
}

// addSecret registers a value obtained at run time (a session token).
func (c *Client) addSecret(v string) {
	if len(v) < 3 {
		return
	}
	c.secretMu.Lock()
	defer c.secretMu.Unlock()
	for _, s := range c.secrets {
		if s == v {
			return
		}
	}
	c.secrets = append(c.secrets, v)
	sort.Slice(c.secrets, func(i, j int) bool { return len(c.secrets[i]) > len(c.secrets[j]) })
}

func (c *Client) logf(format string, args ...any) {
	if c.cfg.Logf == nil {
		return
	}
	c.cfg.Logf("%s", c.scrubString(fmt.Sprintf(format, args...)))
}

// restPath is the path of a REST resource under the version root.
func (c *Client) restPath(p string) string { return "/services/data/v" + c.version + p }

// String describes the client without its secrets (fmt would otherwise
// print the configuration and session fields raw).
func (c *Client) String() string {
	c.sessMu.RLock()
	inst := c.sess.instanceURL
	c.sessMu.RUnlock()
	return fmt.Sprintf("sfapi.Client{flow:%s login:%s instance:%s apiVersion:%s}", c.flow, c.loginURL, inst, c.version)
}

// GoString is String, so %#v masks secrets too.
func (c *Client) GoString() string { return c.String() }
