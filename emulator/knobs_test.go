package emulator

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestFaultKinds(t *testing.T) {
	s, ts := newTestServer(t, Options{})
	tok := login(t, ts.URL)
	limits := ts.URL + "/services/data/v58.0/limits"
	for _, c := range []struct {
		kind FaultKind
		code int
		body string
	}{
		{Fault503, 503, `[{"message":"Server temporarily unavailable: the emulator injected a 503 fault.","errorCode":"SERVER_UNAVAILABLE"}]`},
		{FaultConcurrentLimit, 403, `[{"message":"ConcurrentPerOrgLongTxn Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]`},
		{FaultDailyLimit, 403, `[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]`},
		{FaultInvalidSession, 401, `[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]`},
	} {
		s.InjectFault(Fault{Endpoint: "limits", Kind: c.kind, Rate: 1, Count: 1})
		code, h, body := do(t, "GET", limits, tok, nil)
		if code != c.code || string(body) != c.body || h.Get("Content-Type") != contentJSON || h.Get("Sforce-Limit-Info") == "" {
			t.Errorf("%s: %d %s", c.kind, code, body)
		}
		// Count 1: the next request goes through.
		if code, _, body := do(t, "GET", limits, tok, nil); code != 200 {
			t.Errorf("%s after its count: %d %s", c.kind, code, body)
		}
		s.ClearFaults()
	}
	// A reset drops the connection without a response.
	s.InjectFault(Fault{Endpoint: "*", Kind: FaultReset, Rate: 1, Count: 1})
	req, _ := http.NewRequest("GET", limits, nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	if resp, err := (&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}).Do(req); err == nil {
		resp.Body.Close()
		t.Errorf("reset: got a response %d", resp.StatusCode)
	}
	counts := s.RequestCounts()
	if counts["faults.503"] != 1 || counts["faults.reset"] != 1 || counts["faults.invalidSession"] != 1 {
		t.Errorf("fault counters %v", counts)
	}
}

func TestFaultEndpointsAndStyles(t *testing.T) {
	s, ts := newTestServer(t, Options{})
	tok := login(t, ts.URL)
	s.InjectFault(Fault{Endpoint: "describe", Kind: Fault503, Rate: 1})
	if code, _, _ := do(t, "GET", ts.URL+"/services/data/v58.0/sobjects/Account/describe", tok, nil); code != 503 {
		t.Errorf("describe: %d", code)
	}
	if code, _, _ := do(t, "GET", ts.URL+"/services/data/v58.0/sobjects", tok, nil); code != 200 {
		t.Errorf("describeGlobal is another endpoint: %d", code)
	}
	s.ClearFaults()
	// SOAP faults are SOAP.
	s.InjectFault(Fault{Endpoint: "soap", Kind: FaultConcurrentLimit, Rate: 1})
	code, ctype, body := soapPost(t, ts.URL+"/services/Soap/u/58.0", sprintf(jsforceLogin, DemoUsername, "demodemo"))
	if code != 500 || ctype != contentXML || !strings.Contains(body, "<faultcode>sf:REQUEST_LIMIT_EXCEEDED</faultcode>") ||
		!strings.Contains(body, "ConcurrentRequests (Concurrent API Requests) Limit exceeded.") {
		t.Errorf("soap: %d %s", code, body)
	}
	s.ClearFaults()
	// Token endpoint faults are OAuth errors.
	s.InjectFault(Fault{Endpoint: "token", Kind: FaultInvalidSession, Rate: 1})
	code, b := postForm(t, ts.URL+"/services/oauth2/token", passwordForm())
	if code != 400 || string(b) != `{"error":"invalid_grant","error_description":"expired access/refresh token"}` {
		t.Errorf("token: %d %s", code, b)
	}
	s.ClearFaults()
	// Faults fire after authentication: a missing session is still a 401.
	s.InjectFault(Fault{Endpoint: "*", Kind: Fault503, Rate: 1})
	if code, _, _ := do(t, "GET", ts.URL+"/services/data/v58.0/limits", "", nil); code != 401 {
		t.Errorf("unauthenticated: %d", code)
	}
}

// The same rate gives the same sequence of injections on every run.
func TestFaultRateDeterministic(t *testing.T) {
	run := func() string {
		s, ts := newTestServer(t, Options{})
		tok := login(t, ts.URL)
		s.InjectFault(Fault{Endpoint: "limits", Kind: Fault503, Rate: 0.3})
		var b strings.Builder
		for i := 0; i < 40; i++ {
			code, _, _ := do(t, "GET", ts.URL+"/services/data/v58.0/limits", tok, nil)
			if code == 503 {
				b.WriteByte('x')
			} else {
				b.WriteByte('.')
			}
		}
		return b.String()
	}
	a, b := run(), run()
	if a != b {
		t.Fatalf("sequences differ:\n%s\n%s", a, b)
	}
	n := strings.Count(a, "x")
	if n < 4 || n > 20 {
		t.Errorf("rate 0.3 injected %d of 40: %s", n, a)
	}
}

func TestCountersAndKnobs(t *testing.T) {
	s, ts := newTestServer(t, Options{})
	tok := login(t, ts.URL)
	do(t, "GET", ts.URL+"/services/data/", "", nil)
	do(t, "GET", ts.URL+"/services/data/v58.0/sobjects", tok, nil)
	do(t, "GET", ts.URL+"/services/data/v58.0/sobjects/Case/describe", tok, nil)
	do(t, "GET", ts.URL+"/services/data/v58.0/sobjects/Case/describe", tok, nil)
	c := s.RequestCounts()
	if c["token"] != 1 || c["versions"] != 1 || c["sobjects"] != 1 || c["describe"] != 2 || c["sessionsIssued"] != 1 {
		t.Errorf("counts %v", c)
	}
	// Over HTTP.
	code, _, body := do(t, "GET", ts.URL+"/__emulator/counters", "", nil)
	if code != 200 || !strings.Contains(string(body), `"describe":2`) || !strings.Contains(string(body), `"apiUsed":3,"apiMax":15000`) {
		t.Errorf("counters: %d %s", code, body)
	}
	if code, _, _ := do(t, "POST", ts.URL+"/__emulator/reset-counters", "", nil); code != 200 {
		t.Error(code)
	}
	if c := s.RequestCounts(); len(c) != 0 {
		t.Errorf("after reset: %v", c)
	}
	if used, _ := s.APIUsage(); used != 0 {
		t.Errorf("api usage after reset: %d", used)
	}
	// Settings.
	code, _, body = do(t, "POST", ts.URL+"/__emulator/settings", "", strings.NewReader(`{"latency":"30ms","pageSize":200,"dailyApiLimit":7,"sessionLifetime":"1h"}`))
	if code != 200 {
		t.Fatalf("settings: %d %s", code, body)
	}
	if s.queryPageSize() != 200 {
		t.Errorf("page size %d", s.queryPageSize())
	}
	if _, max := s.APIUsage(); max != 7 {
		t.Errorf("daily limit %d", max)
	}
	start := time.Now()
	do(t, "GET", ts.URL+"/services/data/", "", nil)
	if d := time.Since(start); d < 30*time.Millisecond {
		t.Errorf("latency not applied: %v", d)
	}
	s.SetLatency(time.Hour) // the knobs themselves are not delayed
	if code, _, _ := do(t, "GET", ts.URL+"/__emulator/counters", "", nil); code != 200 {
		t.Errorf("counters under latency: %d", code)
	}
	for _, bad := range []string{`{"latency":"soon"}`, `{"pageSize":-1}`, `{"unknown":1}`, `not json`} {
		if code, _, body := do(t, "POST", ts.URL+"/__emulator/settings", "", strings.NewReader(bad)); code != 400 || !strings.Contains(string(body), "JSON_PARSER_ERROR") {
			t.Errorf("%s: %d %s", bad, code, body)
		}
	}
	s.SetLatency(0)
	// Faults over HTTP.
	code, _, body = do(t, "POST", ts.URL+"/__emulator/faults", "", strings.NewReader(`[{"endpoint":"sobjects","kind":"dailyLimit","rate":1,"count":1}]`))
	if code != 200 {
		t.Fatalf("faults: %d %s", code, body)
	}
	if code, _, _ := do(t, "GET", ts.URL+"/services/data/v58.0/sobjects", tok, nil); code != 403 {
		t.Errorf("injected over HTTP: %d", code)
	}
	do(t, "POST", ts.URL+"/__emulator/faults", "", strings.NewReader(`{"endpoint":"*","kind":"503","rate":1}`))
	if code, _, _ := do(t, "DELETE", ts.URL+"/__emulator/faults", "", nil); code != 200 {
		t.Error(code)
	}
	if code, _, _ := do(t, "GET", ts.URL+"/services/data/v58.0/sobjects", tok, nil); code != 200 {
		t.Errorf("after DELETE faults: %d", code)
	}
	for _, bad := range []string{`{"endpoint":"x","kind":"boom","rate":1}`, `{"kind":"503","rate":1}`, `{"endpoint":"x","kind":"503","rate":2}`} {
		if code, _, _ := do(t, "POST", ts.URL+"/__emulator/faults", "", strings.NewReader(bad)); code != 400 {
			t.Errorf("%s: %d", bad, code)
		}
	}
	// Expire sessions over HTTP.
	do(t, "POST", ts.URL+"/__emulator/expire-sessions", "", nil)
	if code, _, _ := do(t, "GET", ts.URL+"/services/data/v58.0/sobjects", tok, nil); code != 401 {
		t.Errorf("after expire-sessions: %d", code)
	}
	// Knob paths are strict too.
	if code, _, _ := do(t, "GET", ts.URL+"/__emulator/faults", "", nil); code != 405 {
		t.Errorf("GET faults: %d", code)
	}
	if code, _, _ := do(t, "GET", ts.URL+"/__emulator/nope", "", nil); code != 404 {
		t.Errorf("unknown knob: %d", code)
	}
}

func TestOptionsValidation(t *testing.T) {
	for _, o := range []Options{{Seed: "full"}, {Scale: 10}, {Seed: "demo", Scale: -1}} {
		if s, err := New(o); err == nil {
			s.Close()
			t.Errorf("%+v: no error", o)
		}
	}
}

// A --data file keeps the org: the second server finds the tables and the
// rows and does not seed again.
func TestDataFilePersists(t *testing.T) {
	path := t.TempDir() + "/org.db"
	s, err := New(Options{Seed: "demo", DataPath: path})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`UPDATE "Account" SET "Name" = 'Renamed' WHERE "Name" = 'GenePoint'`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = New(Options{Seed: "demo", DataPath: path})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n := countRows(t, s, `SELECT count(*) FROM "Account" WHERE "Name" = 'Renamed'`); n != 1 {
		t.Errorf("renamed rows %d", n)
	}
	if n := countRows(t, s, `SELECT count(*) FROM "Account" WHERE "IsDeleted" = 0`); n != len(demoAccounts) {
		t.Errorf("accounts %d (seeded twice?)", n)
	}
}

func TestParseFaultAndOptionFaults(t *testing.T) {
	for in, want := range map[string]Fault{
		"query:503:0.1":          {Endpoint: "query", Kind: Fault503, Rate: 0.1},
		"*:reset:1:2":            {Endpoint: "*", Kind: FaultReset, Rate: 1, Count: 2},
		"token:invalidSession:1": {Endpoint: "token", Kind: FaultInvalidSession, Rate: 1},
	} {
		got, err := ParseFault(in)
		if err != nil || got != want {
			t.Errorf("ParseFault(%q) = %+v, %v", in, got, err)
		}
	}
	for _, bad := range []string{"query", "query:503", "query:boom:1", "query:503:2", "query:503:x", ":503:1", "query:503:1:-1", "a:503:1:2:3"} {
		if _, err := ParseFault(bad); err == nil {
			t.Errorf("ParseFault(%q): no error", bad)
		}
	}
	s, ts := newTestServer(t, Options{Faults: []Fault{{Endpoint: "limits", Kind: FaultDailyLimit, Rate: 1, Count: 1}}})
	tok := login(t, ts.URL)
	if code, _, _ := do(t, "GET", ts.URL+"/services/data/v58.0/limits", tok, nil); code != 403 {
		t.Errorf("option fault: %d", code)
	}
	if code, _, _ := do(t, "GET", ts.URL+"/services/data/v58.0/limits", tok, nil); code != 200 {
		t.Errorf("after its count: %d", code)
	}
	_ = s
	if _, err := New(Options{Faults: []Fault{{Endpoint: "query", Kind: 99, Rate: 1}}}); err == nil {
		t.Error("bad option fault accepted")
	}
}

// SetHold lets a test park a request and release it when it wants.
func TestHold(t *testing.T) {
	s, ts := newTestServer(t, Options{})
	tok := login(t, ts.URL)
	parked, release := make(chan string, 1), make(chan struct{})
	s.SetHold(func(endpoint string) {
		if endpoint == "describe" {
			parked <- endpoint
			<-release
		}
	})
	done := make(chan int, 1)
	go func() {
		code, _, _ := do(t, "GET", ts.URL+"/services/data/v58.0/sobjects/Case/describe", tok, nil)
		done <- code
	}()
	if got := <-parked; got != "describe" {
		t.Fatalf("parked %s", got)
	}
	// Other endpoints are not held.
	if code, _, _ := do(t, "GET", ts.URL+"/services/data/v58.0/limits", tok, nil); code != 200 {
		t.Errorf("limits while describe is parked: %d", code)
	}
	select {
	case <-done:
		t.Fatal("held request finished before release")
	default:
	}
	close(release)
	if code := <-done; code != 200 {
		t.Errorf("released describe: %d", code)
	}
	s.SetHold(nil)
}
