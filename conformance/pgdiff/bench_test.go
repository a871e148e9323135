package pgdiff

import (
	"context"
	"database/sql"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/soqlgate/soqlgate/conformance"
	sfdriver "github.com/soqlgate/soqlgate/driver"
)

// residueScale is the generated cases of the benchmark's org: 100,000
// Cases and 10,000 Accounts (plus the demo rows).
const residueScale = 100_000

// residueJoin joins Cases to Accounts on CreatedDate, which is no
// relationship: both objects are read in full (about 110,000 rows) and
// joined in internal/localsql. Account i is created at start + i minutes,
// Case i at start + 7i minutes, so 1,429 pairs match.
const residueJoin = `SELECT c."CaseNumber", a."Name" FROM "Case" c JOIN "Account" a ON c."CreatedDate" = a."CreatedDate"`

// BenchmarkResidueJoin reports the rows read per second through the
// driver (rows/s: both inputs of the join) and the peak Go heap of the
// driver's process while the statement runs (peak-heap-MB, sampled every
// 5 ms from runtime.MemStats; the org runs in a child process).
func BenchmarkResidueJoin(b *testing.B) {
	org := conformance.StartChildOrg(b, residueScale)
	c, err := sfdriver.NewConnector(org.Config())
	if err != nil {
		b.Fatal(err)
	}
	db := sql.OpenDB(c)
	defer db.Close()
	ctx := context.Background()
	var cases, accounts int64
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM "Case"`).Scan(&cases); err != nil {
		b.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM "Account"`).Scan(&accounts); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var peak, peakRSS uint64
	for range b.N {
		runtime.GC()
		stop := sampleHeap(&peak, &peakRSS)
		rows, err := db.QueryContext(ctx, residueJoin)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		var num, name string
		for rows.Next() {
			if err := rows.Scan(&num, &name); err != nil {
				b.Fatal(err)
			}
			n++
		}
		if err := rows.Err(); err != nil {
			b.Fatal(err)
		}
		rows.Close()
		stop()
		if n != 1429 {
			b.Fatalf("%d rows, want 1429", n)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(cases+accounts)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	if peakRSS > 0 {
		b.ReportMetric(float64(peakRSS)/(1<<20), "peak-RSS-MB")
	}
}

// sampleHeap records the largest HeapAlloc into peak, and the largest
// resident set into peakRSS (Linux; SQLite's pages are allocated outside
// the Go heap), until stop is called.
func sampleHeap(peak, peakRSS *uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > *peak {
				*peak = ms.HeapAlloc
			}
			if rss := residentBytes(); rss > *peakRSS {
				*peakRSS = rss
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// residentBytes is the process's resident set size from /proc/self/statm,
// 0 where there is none.
func residentBytes() uint64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, err := strconv.ParseUint(f[1], 10, 64)
	if err != nil {
		return 0
	}
	return pages * uint64(os.Getpagesize())
}
