package sfapi

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// resetConn hijacks the connection and closes it without an answer.
func resetConn(t testing.TB, w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		t.Fatal(err)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		tc.SetLinger(0) // RST, not FIN
	}
	conn.Close()
}

func TestRetryIdempotentFaults(t *testing.T) {
	f := newFake(t)
	f.rows, f.pageSize = 12, 3
	var n atomic.Int32
	f.queryHook = func(w http.ResponseWriter, r *http.Request, offset int) bool {
		switch n.Add(1) {
		case 1: // first page: 503
			writeRESTError(w, 503, "SERVER_UNAVAILABLE", "Server unavailable")
			return true
		case 3: // second page: reset before any byte
			resetConn(t, w)
			return true
		case 5: // third page: the body breaks off half way
			w.Header().Set("Content-Length", "5000")
			fmt.Fprint(w, `{"totalSize":12,"done":false,"records":[{"attributes":{"type":"Case"},"Id":"x"`)
			w.(http.Flusher).Flush()
			resetConn(t, w)
			return true
		case 7: // fourth page: the concurrent-request limit
			writeRESTError(w, 403, "REQUEST_LIMIT_EXCEEDED", "ConcurrentPerOrgLongTxn Limit exceeded.")
			return true
		}
		return false
	}
	var logs []string
	cfg := f.config()
	cfg.Logf = func(format string, args ...any) { logs = append(logs, fmt.Sprintf(format, args...)) }
	c, _ := New(cfg)
	got := collect(t, must(c.Query(context.Background(), "SELECT Id, Subject, Amount, Account.Name, Account.Owner.Name, IsDeleted FROM Case", QueryOptions{})))
	if len(got) != 12 {
		t.Fatalf("rows = %d", len(got))
	}
	for i, row := range got {
		if want := wantFakeRow(i, false); fmt.Sprint(row) != fmt.Sprint(want) {
			t.Fatalf("row %d = %v, want %v", i, row, want)
		}
	}
	// The server saw 4 pages and 4 faults, and the client counted as much
	// (a reset on a reused idle connection may be retried by net/http
	// itself before we see it: it is counted all the same).
	if n.Load() != 8 {
		t.Fatalf("server saw %d query requests, want 8", n.Load())
	}
	retries := strings.Count(strings.Join(logs, "\n"), "retrying in")
	if calls := c.Calls(); calls["query"]+calls["queryMore"] != 8 || retries < 3 {
		t.Fatalf("calls = %v, retries logged = %d:\n%s", calls, retries, strings.Join(logs, "\n"))
	}
	assertNoSecrets(t, cfg, logs)
}

func TestNoBlindRepeatOfCreatingPOST(t *testing.T) {
	for _, fault := range []string{"503", "reset"} {
		t.Run(fault, func(t *testing.T) {
			f := newFake(t)
			var creates atomic.Int32
			f.hook = func(w http.ResponseWriter, r *http.Request) bool {
				if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/jobs/query") {
					creates.Add(1)
					if fault == "503" {
						writeRESTError(w, 503, "SERVER_UNAVAILABLE", "Server unavailable")
					} else {
						resetConn(t, w)
					}
					return true
				}
				return false
			}
			c := newTestClient(t, f)
			_, err := c.CreateQueryJob(context.Background(), "SELECT Id FROM Case", false)
			if err == nil || !strings.Contains(err.Error(), "may have been applied") {
				t.Fatalf("err = %v", err)
			}
			if SafeToRetry(err) {
				t.Fatal("SafeToRetry on a POST that may have created a job")
			}
			if creates.Load() != 1 {
				t.Fatalf("POST sent %d times", creates.Load())
			}
		})
	}
}

func TestConnectionRefusedIsRetriedAndSafe(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens: connection refused
	var logs []string
	c, _ := New(Config{APIVersion: "58.0", AccessToken: "00Dx!tok", InstanceURL: "http://" + addr,
		Retry: RetryPolicy{MaxAttempts: 3, InitialInterval: time.Millisecond},
		Logf:  func(format string, args ...any) { logs = append(logs, fmt.Sprintf(format, args...)) }})
	_, err = c.CreateQueryJob(context.Background(), "SELECT Id FROM Case", false)
	if err == nil || !SafeToRetry(err) || !strings.Contains(err.Error(), "after 3 attempts") {
		t.Fatalf("err = %v, SafeToRetry = %v", err, SafeToRetry(err))
	}
	// Never connected, so even a POST is repeated, and nothing reached the org.
	if retries := strings.Count(strings.Join(logs, "\n"), "retrying in"); retries != 2 || c.Calls()["bulk2"] != 0 {
		t.Fatalf("retries logged %d, calls %v", retries, c.Calls())
	}
}

func TestDailyLimitFailsAtOnce(t *testing.T) {
	f := newFake(t)
	f.max, f.used = 100, 99
	c := newTestClient(t, f)
	if _, err := c.Describe(context.Background(), "Case"); err != nil {
		t.Fatal(err)
	}
	_, err := c.Describe(context.Background(), "Case")
	var le *LimitError
	if !errors.As(err, &le) || !errors.Is(err, ErrDailyLimit) || !errors.Is(err, ErrRequestLimit) {
		t.Fatalf("err = %v", err)
	}
	if le.Used != 100 || le.Max != 100 || !strings.Contains(err.Error(), "DailyApiRequests used 100 of 100") {
		t.Fatalf("err = %v", err)
	}
	if got := c.Calls()["describe"]; got != 2 {
		t.Fatalf("describe calls = %d, want 2 (no retry of the daily limit)", got)
	}
}

func TestBudgetStopsBeforeTheLimit(t *testing.T) {
	f := newFake(t)
	f.max, f.used = 40, 5
	f.rows, f.pageSize = 1000, 10
	cfg := f.config()
	cfg.APIBudgetPercent = 50 // 20 requests of 40
	c, _ := New(cfg)
	rows, err := c.Query(context.Background(), "SELECT Id FROM Case", QueryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		n++
	}
	err = rows.Err()
	rows.Close()
	var le *LimitError
	if !errors.As(err, &le) || !errors.Is(err, ErrBudget) {
		t.Fatalf("err = %v", err)
	}
	want := "API budget reached: DailyApiRequests used 20 of 40 (50.0%); the budget is 50% (20 requests)"
	if !strings.Contains(err.Error(), want) {
		t.Fatalf("err = %q, want it to contain %q", err, want)
	}
	// 15 pages were served (used 6..20), 150 rows read, the org never said 403.
	if n != 150 || f.used != 20 {
		t.Fatalf("rows = %d, org usage = %d", n, f.used)
	}
	if !SafeToRetry(err) {
		t.Fatal("a budget stop sends nothing")
	}
}

func TestContextCancelDuringBackoff(t *testing.T) {
	f := newFake(t)
	f.hook = func(w http.ResponseWriter, r *http.Request) bool {
		if strings.Contains(r.URL.Path, "/sobjects") {
			writeRESTError(w, 503, "SERVER_UNAVAILABLE", "Server unavailable")
			return true
		}
		return false
	}
	cfg := f.config()
	cfg.Retry = RetryPolicy{InitialInterval: 10 * time.Second, MaxAttempts: 5}
	c, _ := New(cfg)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Describe(ctx, "Case")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("returned after %v: ctx not honoured while backing off", d)
	}
}

func TestMaxConcurrentConnections(t *testing.T) {
	f := newFake(t)
	cfg := f.config()
	cfg.MaxConcurrentConnections = 2
	c, _ := New(cfg)
	if _, err := c.Login(context.Background()); err != nil {
		t.Fatal(err)
	}
	f.hook = func(w http.ResponseWriter, r *http.Request) bool {
		time.Sleep(50 * time.Millisecond) // long enough for the requests to overlap
		return false
	}
	done := make(chan error)
	for range 8 {
		go func() {
			_, err := c.Describe(context.Background(), "Case")
			done <- err
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if got := f.maxInflight.Load(); got != 2 {
		t.Fatalf("max in flight = %d, want 2", got)
	}
}

func TestDescribeAndLimits(t *testing.T) {
	f := newFake(t)
	c := newTestClient(t, f)
	ctx := context.Background()
	g, err := c.DescribeGlobal(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Objects) != 110 || g.Objects[0].Name != "Account" || *g.Objects[0].KeyPrefix != "001" || len(g.Raw) == 0 {
		t.Fatalf("describeGlobal: %d objects, first %+v", len(g.Objects), g.Objects[0])
	}
	d, err := c.Describe(ctx, "Case")
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "Case" || len(d.Fields) != 35 || d.Fields[0].Name != "Id" || d.Fields[0].Type != "id" || len(d.ChildRelationships) != 49 {
		t.Fatalf("describe Case: %s, %d fields, %d children", d.Name, len(d.Fields), len(d.ChildRelationships))
	}
	if string(d.Raw) != string(readFixture(t, "cumulusci/case_describe.json")) {
		t.Fatal("raw describe differs from the body served")
	}
	if raw, err := c.DescribeRaw(ctx, "Case"); err != nil || string(raw) != string(d.Raw) {
		t.Fatalf("DescribeRaw: %v", err)
	}
	if raw, err := c.DescribeGlobalRaw(ctx); err != nil || string(raw) != string(g.Raw) {
		t.Fatalf("DescribeGlobalRaw: %v", err)
	}
	if _, err := c.Describe(ctx, "Nope__c"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v", err)
	}
	if _, err := c.Describe(ctx, "Case/../x"); err == nil {
		t.Fatal("a path in an object name must be refused")
	}
	lim, err := c.Limits(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if lim["DailyApiRequests"] != (Limit{Max: 15000, Remaining: 15000 - 6}) {
		t.Fatalf("limits = %+v", lim)
	}
	u, ok := c.Usage()
	if !ok || u.Used != 6 || u.Max != 15000 {
		t.Fatalf("usage = %+v %v", u, ok)
	}
	calls := c.Calls()
	if calls["describeGlobal"] != 2 || calls["describe"] != 3 || calls["limits"] != 1 || calls["login"] != 1 {
		t.Fatalf("calls = %v", calls)
	}
}

func TestParseLimitInfo(t *testing.T) {
	u, ok := ParseLimitInfo("api-usage=25/5000; per-app-api-usage=17/250(appName=sample-connected-app)")
	if !ok || u != (Usage{Used: 25, Max: 5000, AppUsed: 17, AppMax: 250, AppName: "sample-connected-app"}) {
		t.Fatalf("%+v %v", u, ok)
	}
	if _, ok := ParseLimitInfo("garbage"); ok {
		t.Fatal("garbage parsed")
	}
}

func TestRetriesAreBounded(t *testing.T) {
	f := newFake(t)
	var served atomic.Int32
	f.hook = func(w http.ResponseWriter, r *http.Request) bool {
		if strings.Contains(r.URL.Path, "/sobjects") {
			served.Add(1)
			writeRESTError(w, 503, "SERVER_UNAVAILABLE", "Server unavailable")
			return true
		}
		return false
	}
	cfg := f.config()
	cfg.Retry.MaxAttempts = 3
	c, _ := New(cfg)
	_, err := c.Describe(context.Background(), "Case")
	if !errors.Is(err, ErrServerUnavailable) || !strings.Contains(err.Error(), "after 3 attempts") || served.Load() != 3 {
		t.Fatalf("err = %v after %d requests", err, served.Load())
	}
}

func TestEchoedSecretIsScrubbedInsideAPIError(t *testing.T) {
	f := newFake(t)
	f.hook = func(w http.ResponseWriter, r *http.Request) bool {
		if strings.Contains(r.URL.Path, "/sobjects") {
			writeRESTError(w, 400, "JSON_PARSER_ERROR", "unexpected text near '"+demoPassword+demoToken+"' and "+demoSecret)
			return true
		}
		return false
	}
	cfg := f.config()
	c, _ := New(cfg)
	_, err := c.Describe(context.Background(), "Case")
	var ae *APIError
	if !errors.As(err, &ae) || ae.Code != "JSON_PARSER_ERROR" {
		t.Fatalf("err = %v", err)
	}
	assertNoSecrets(t, cfg, []string{err.Error(), ae.Message, ae.Error()})
	if !strings.Contains(ae.Message, "[redacted]") {
		t.Fatalf("message = %q", ae.Message)
	}
}
