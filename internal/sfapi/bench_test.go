package sfapi

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

const benchSOQL = "SELECT Id, CaseNumber, Subject, Status, Priority, IsClosed, Amount__c, CreatedDate, ClosedDate, Description, Account.Name, Account.Owner.Name FROM Case"

var (
	statuses   = []string{"New", "Working", "Escalated", "Closed"}
	priorities = []string{"High", "Medium", "Low"}
)

// appendCasePage renders one query page of n realistic Case records
// starting at row off, with a locator to the next page unless last.
func appendCasePage(dst []byte, off, n, total int) []byte {
	end := min(off+n, total)
	dst = fmt.Appendf(dst, `{"totalSize":%d,"done":%t,`, total, end == total)
	if end < total {
		dst = fmt.Appendf(dst, `"nextRecordsUrl":"/services/data/v58.0/query/01gR0000000bench-%d",`, end)
	}
	dst = append(dst, `"records":[`...)
	for i := off; i < end; i++ {
		if i > off {
			dst = append(dst, ',')
		}
		id := fmt.Sprintf("500R%011dAAA", i)
		dst = fmt.Appendf(dst, `{"attributes":{"type":"Case","url":"/services/data/v58.0/sobjects/Case/%s"},"Id":"%s","CaseNumber":"%08d","Subject":"Printer %d on floor %d jams when printing duplex","Status":"%s","Priority":"%s","IsClosed":%t,"Amount__c":%d.25,"CreatedDate":"2024-03-%02dT10:%02d:%02d.000+0000","ClosedDate":null,"Description":"Customer %d reports the unit stops after %d pages.",`,
			id, id, i, i, i%40, statuses[i%len(statuses)], priorities[i%3], i%7 == 0, i%100000, 1+i%28, i%60, (i/60)%60, i, i%500)
		if i%5 == 0 {
			dst = append(dst, `"Account":null}`...)
		} else {
			dst = fmt.Appendf(dst, `"Account":{"attributes":{"type":"Account","url":"/services/data/v58.0/sobjects/Account/001R%011dAAA"},"Name":"Account %d","Owner":{"attributes":{"type":"User","url":"/services/data/v58.0/sobjects/User/005R0000000001AAA"},"Name":"Ada Admin"}}}`, i%1000, i%1000)
		}
	}
	return append(dst, "]}"...)
}

func BenchmarkDecodePage(b *testing.B) {
	page := appendCasePage(nil, 0, 2000, 4000)
	items, _, _ := parseSelectList(benchSOQL)
	r := &Rows{cols: columnsFromItems(items)}
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		var pending []pendingChild
		p, err := r.decodePage(bytes.NewReader(page), false, &pending)
		if err != nil || len(p.rows) != 2000 {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(2000*b.N)/b.Elapsed().Seconds(), "rows/s")
	// Per CPU second as well: the machine is shared, wall time includes
	// waiting for a core. (GC work on other threads is included.)
	if cpu := (cpuTime() - cpu0).Seconds(); cpu > 0 {
		b.ReportMetric(float64(2000*b.N)/cpu, "rows/cpu-s")
		b.ReportMetric(float64(len(page))*float64(b.N)/cpu/1e6, "MB/cpu-s")
	}
}

// pageServer serves total rows in pages of 2000 rendered on the fly.
func pageServer(tb testing.TB, total int) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		off := 0
		if _, loc, ok := strings.Cut(r.URL.Path, "/query/"); ok {
			_, n, _ := strings.Cut(loc, "-")
			off, _ = strconv.Atoi(n)
		}
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.Write(appendCasePage(make([]byte, 0, 1<<20), off, 2000, total))
	}))
	tb.Cleanup(srv.Close)
	return srv
}

// streamRead reads total rows through Query and returns the peak live heap
// sampled every 2000 rows (after a GC, so it is live data, not garbage).
func streamRead(tb testing.TB, total int) (peak uint64, rows int) {
	srv := pageServer(tb, total)
	c, err := New(Config{APIVersion: "58.0", AccessToken: "00Dx!tok", InstanceURL: srv.URL, EnvironmentURL: srv.URL})
	if err != nil {
		tb.Fatal(err)
	}
	defer c.Close()
	res, err := c.Query(context.Background(), benchSOQL, QueryOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Close()
	var ms runtime.MemStats
	for res.Next() {
		rows++
		if rows%20000 == 0 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
	}
	if err := res.Err(); err != nil {
		tb.Fatal(err)
	}
	return peak, rows
}

// BenchmarkStreamingRead reads 100k and 1M rows in the same run; the peak
// live heap of both is reported and must be about the same.
func BenchmarkStreamingRead(b *testing.B) {
	for _, total := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", total), func(b *testing.B) {
			var peak uint64
			for b.Loop() {
				p, n := streamRead(b, total)
				if n != total {
					b.Fatalf("read %d rows, want %d", n, total)
				}
				peak = max(peak, p)
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(total*b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

func TestStreamingReadHeapIsFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 300,000 rows")
	}
	small, _ := streamRead(t, 30_000)
	large, n := streamRead(t, 300_000)
	if n != 300_000 {
		t.Fatalf("rows = %d", n)
	}
	t.Logf("peak live heap: 30k rows %.1f MB, 300k rows %.1f MB", float64(small)/(1<<20), float64(large)/(1<<20))
	// Ten times the rows may not take more than 1.5 times the memory (plus
	// 2 MB of slack for runtime noise): a buffered reader would take 10x.
	if float64(large) > 1.5*float64(small)+2<<20 {
		t.Fatalf("heap grows with the row count: %d bytes at 30k rows, %d at 300k", small, large)
	}
}
