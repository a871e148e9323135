package emulator

import (
	"encoding/json"
	"testing"
	"time"
)

// BenchmarkQueryPages serves SELECT Id, Subject, Account.Name FROM Case
// (20,000 rows) page after page through real HTTP (httptest), the way a
// client follows nextRecordsUrl, and reports rows served per second: in Id
// order (pages continue by keyset) and ORDER BY Subject (pages read the
// cursor's snapshot).
func BenchmarkQueryPages(b *testing.B) {
	const rows = 20000
	o := newQueryOrg(b, Options{})
	insertCases(b, o, rows)
	b.Run("id-order", func(b *testing.B) { benchPages(b, o, "SELECT Id, Subject, Account.Name FROM Case", rows) })
	b.Run("order-by", func(b *testing.B) {
		benchPages(b, o, "SELECT Id, Subject, Account.Name FROM Case ORDER BY Subject DESC", rows)
	})
}

func benchPages(b *testing.B, o *queryOrg, soqlText string, rows int) {
	b.ResetTimer()
	start := time.Now()
	served := 0
	for i := 0; i < b.N; i++ {
		code, body := o.query(b, "query", soqlText, "Sforce-Query-Options", "batchSize=2000")
		for {
			if code != 200 {
				b.Fatalf("%d %s", code, body)
			}
			var p struct {
				NextRecordsURL string            `json:"nextRecordsUrl"`
				Records        []json.RawMessage `json:"records"`
			}
			if err := json.Unmarshal(body, &p); err != nil {
				b.Fatal(err)
			}
			served += len(p.Records)
			if p.NextRecordsURL == "" {
				break
			}
			code, body = o.get(b, p.NextRecordsURL)
		}
	}
	if served != rows*b.N {
		b.Fatalf("served %d rows, want %d", served, rows*b.N)
	}
	b.ReportMetric(float64(served)/time.Since(start).Seconds(), "rows/s")
}
