package sfapi

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// TestBulkResultsBrokenBodyIsReadAgainWithoutDuplicates serves a results
// page whose body breaks off after 2,500 of 3,000 records on the first
// attempt: the records already handed to the consumer must not come twice,
// and none may be missing.
func TestBulkResultsBrokenBodyIsReadAgainWithoutDuplicates(t *testing.T) {
	const total, breakAt = 3000, 2500
	var attempts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, "/jobs/query/750000000000001AAA/results") {
			http.NotFound(w, r)
			return
		}
		var body strings.Builder
		body.WriteString("\"Id\",\"N\"\n")
		for i := 0; i < total; i++ {
			fmt.Fprintf(&body, "\"a%04d\",\"%d\"\n", i, i)
		}
		w.Header().Set("Content-Type", "text/csv")
		w.Header().Set("Sforce-Locator", "null")
		w.Header().Set("Sforce-NumberOfRecords", strconv.Itoa(total))
		w.Header().Set("Content-Length", strconv.Itoa(body.Len()))
		if attempts.Add(1) == 1 {
			// Write a prefix, then drop the connection mid-body.
			text := body.String()
			cut := strings.Index(text, fmt.Sprintf("\"a%04d\"", breakAt))
			w.Write([]byte(text[:cut]))
			w.(http.Flusher).Flush()
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		w.Write([]byte(body.String()))
	}))
	defer srv.Close()
	c, err := New(Config{AccessToken: "00D000000000001!token", InstanceURL: srv.URL, EnvironmentURL: srv.URL,
		Retry: RetryPolicy{InitialInterval: 1, MaxInterval: 1}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	res, err := c.QueryJobResults(context.Background(), "750000000000001AAA", 0)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Close()
	seen := map[string]int{}
	n := 0
	for res.Next() {
		rec := res.Record()
		seen[rec[0]]++
		if want := strconv.Itoa(n); rec[1] != want {
			t.Fatalf("record %d: N = %s, want %s (out of order or repeated)", n, rec[1], want)
		}
		n++
	}
	if err := res.Err(); err != nil {
		t.Fatal(err)
	}
	if n != total || len(seen) != total {
		t.Fatalf("read %d records, %d distinct; want %d", n, len(seen), total)
	}
	if got := attempts.Load(); got != 2 {
		t.Errorf("page requested %d times, want 2", got)
	}
	if res.Pages() != 1 {
		t.Errorf("Pages() = %d, want 1", res.Pages())
	}
}
