package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// newTestServer starts the demo org under httptest.
func newTestServer(t *testing.T, opts Options) (*Server, *httptest.Server) {
	t.Helper()
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(func() {
		ts.Close()
		s.Close()
	})
	return s, ts
}

// do sends a request and returns status, headers and body.
func do(t *testing.T, method, url, token string, body io.Reader, hdr ...string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

func TestUnknownPathIsNotFound(t *testing.T) {
	_, ts := newTestServer(t, Options{Seed: "demo"})
	for _, p := range []string{"/", "/nope", "/services/data/v58.0/nope", "/services/data/v99.0/"} {
		code, h, body := do(t, "GET", ts.URL+p, "", nil)
		if code != 404 || h.Get("Content-Type") != contentJSON ||
			string(body) != `[{"message":"The requested resource does not exist","errorCode":"NOT_FOUND"}]` {
			t.Errorf("GET %s: %d %q %s", p, code, h.Get("Content-Type"), body)
		}
	}
}

func TestMissingSessionIsInvalid(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	code, _, body := do(t, "GET", ts.URL+"/services/data/v58.0/sobjects", "", nil)
	if code != 401 || !strings.Contains(string(body), `"errorCode":"INVALID_SESSION_ID"`) {
		t.Fatalf("%d %s", code, body)
	}
}

func mustUnmarshal(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%v: %.300s", err, b)
	}
}

// The zero value is an empty org, built on first use.
func TestZeroValueServer(t *testing.T) {
	var s Server
	s.SetDailyAPILimit(3)
	ts := httptest.NewServer(&s)
	defer func() { ts.Close(); s.Close() }()
	tok := login(t, ts.URL)
	code, h, body := do(t, "GET", ts.URL+"/services/data/v58.0/limits/recordCount?sObjects=Account,User", tok, nil)
	if code != 200 || string(body) != `{"sObjects":[{"count":0,"name":"Account"},{"count":1,"name":"User"}]}` || h.Get("Sforce-Limit-Info") != "api-usage=1/3" {
		t.Fatalf("%d %v %s", code, h.Get("Sforce-Limit-Info"), body)
	}
	var z Server
	if err := z.Close(); err != nil {
		t.Errorf("closing an unused zero Server: %v", err)
	}
}
