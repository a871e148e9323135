// Package sfapi is soqlgate's Salesforce API client: login, sessions,
// REST query streaming, describe, limits, Bulk 2.0 query jobs, retries and
// the typed *APIError. It is layer 1 and imports no other package of the
// module; callers (the engine) turn its raw values into typed ones with the
// catalog's type table.
//
// # Login
//
// Config picks the flow (or Config.Flow forces one): a given access token;
// an OAuth refresh token; the JWT bearer flow (RS256 assertion signed with
// golang-jwt, iss = client id, sub = username, aud = the login or test
// host, which Salesforce requires even when the token comes from a My
// Domain; the emulator's loopback URL is its own audience); the OAuth
// password grant (password + security token, client id and secret); client
// credentials (client id and secret, no user, through a My Domain); and,
// for API versions below
// 65.0 with no client id, the SOAP partner login() that Data Factory's V1
// connector uses. The OAuth token endpoint is called directly rather than
// through golang.org/x/oauth2: every request, token requests included, must
// run through one path (concurrency cap, call counter, limit parsing,
// secret-free errors), and x/oauth2's auth-style auto-detection would repeat
// a failed token request.
//
// # Sessions
//
// A request answered 401 INVALID_SESSION_ID logs in again once and is
// replayed; concurrent callers that hit the same expired session share one
// login (a generation counter under a mutex).
//
// # Requests
//
// Every request goes through Client.do: a semaphore caps requests in flight
// (maxConcurrentConnections), the call counter counts by kind each request
// that reached the wire (net/http's own silent retries included),
// Sforce-Limit-Info is parsed on every response, and the optional budget
// stops before a request that would spend more than the configured share of
// the daily allowance. Failures are classified by error code: 5xx and
// connection faults are retried with jittered exponential backoff
// (cenkalti/backoff) only when the request is idempotent or provably not
// applied; the concurrent-request limit backs off and retries; the daily
// limit fails at once with a plain message. ctx is honoured while waiting.
//
// # Query
//
// Client.Query returns a streaming *Rows: each page is decoded straight
// from the HTTP body, the next page is fetched while the caller consumes
// the current one, and memory is bounded by a few pages whatever the row
// count. encoding/json reads the envelope up to the records; records.go
// cuts each record out of the body and scan.go takes only the selected
// values from its bytes, numbers as json.Number (never float64), short
// strings interned per column, without a map per record. Both are fuzzed
// against encoding/json with UseNumber (testdata/fuzz). Relationship paths
// are flattened to dotted column names in SELECT order; a null parent gives
// nulls for all its columns; child subqueries are kept as nested *RowSet
// values. A REST query URL over MaxQueryURLBytes is refused before sending
// (ErrQueryTooLong): Bulk 2.0 (CreateQueryJob, WaitQueryJob,
// QueryJobResults with Sforce-Locator paging) takes the SOQL in a body.
//
// # Secrets
//
// Passwords, security tokens, client secrets, private keys and access or
// refresh tokens never appear in an error, a log line or a panic: errors
// are built from response codes and messages, never from request bodies or
// headers, and every error and log line leaving the package passes through
// a scrubber that replaces any configured secret, session token and JWT
// assertion with "[redacted]" (inside *APIError messages too). Config and
// Client print masked under every fmt verb.
package sfapi
