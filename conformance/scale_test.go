package conformance

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"sort"
	"strconv"
	"testing"
	"time"

	sfdriver "github.com/soqlgate/soqlgate/driver"
)

// ScaleEnv sets the number of generated Cases of the large read (default
// 1,000,000); the test runs only when it is set, since building that org
// alone takes longer than the suite's budget.
const ScaleEnv = "SOQLGATE_TEST_SCALE"

// TestBulkMillionRows reads every Case of a 1,000,000-case org through
// database/sql with api=auto: the first REST page's totalSize sends the
// read to Bulk 2.0, the whole read takes at most 15 HTTP requests, every
// row arrives, and the heap stays flat: the live heap over the whole read
// is no higher than over the first 100,000 rows, plus a little slack. The
// org runs in a child process so only the client's heap is measured.
func TestBulkMillionRows(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: builds a 1,000,000-case org")
	}
	v := os.Getenv(ScaleEnv)
	if v == "" {
		t.Skipf("set %s=1 (or a case count) to run: building the org takes minutes", ScaleEnv)
	}
	scale := 1_000_000
	if n, err := strconv.Atoi(v); err == nil && n > 1 {
		scale = n
	}
	begin := time.Now()
	org := StartChildOrg(t, scale)
	t.Logf("org with %d generated cases ready in %s in a child process", scale, time.Since(begin).Round(time.Millisecond))
	// Live demo cases: 25 (1–24 and the follow-up); generated ones are all live.
	want := scale + 25

	cfg := org.Config()
	cfg.API = sfdriver.APIAuto
	db := openDB(t, cfg)
	db.SetMaxOpenConns(1)
	if err := db.Ping(); err != nil { // log in and describe before counting
		t.Fatal(err)
	}
	org.resetCounters(t)

	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	// Two measures every sampleEvery rows: the heap as it stands (peak,
	// garbage included, which depends on GC pacing) and the live heap
	// after a forced collection (what the read retains).
	var peakFirst, peakAll, liveFirst, liveAll uint64
	const sampleEvery = 50_000
	firstWindow := min(100_000, want)

	begin = time.Now()
	rows, err := db.QueryContext(context.Background(), `SELECT Id, Subject, Status FROM Case`)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	var id, subject, status string
	for rows.Next() {
		if err := rows.Scan(&id, &subject, &status); err != nil {
			t.Fatal(err)
		}
		n++
		if n%sampleEvery == 0 {
			runtime.ReadMemStats(&ms)
			peakAll = max(peakAll, ms.HeapAlloc)
			runtime.GC()
			runtime.ReadMemStats(&ms)
			liveAll = max(liveAll, ms.HeapAlloc)
			if n <= firstWindow {
				peakFirst, liveFirst = peakAll, liveAll
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	elapsed := time.Since(begin)
	counts := org.counters(t).Requests
	total := 0
	keys := make([]string, 0, len(counts))
	for k, c := range counts {
		keys = append(keys, k)
		if k != "sessionsIssued" && !isFaultCounter(k) {
			total += c
		}
	}
	sort.Strings(keys)
	var desc string
	for _, k := range keys {
		desc += fmt.Sprintf(" %s=%d", k, counts[k])
	}
	t.Logf("%d rows in %s (%.0f rows/s); HTTP requests: %d (%s); heap above baseline: first %d rows: live %.1f MiB, peak %.1f MiB; all rows: live %.1f MiB, peak %.1f MiB",
		n, elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds(), total, desc, firstWindow,
		mib(liveFirst, base), mib(peakFirst, base), mib(liveAll, base), mib(peakAll, base))

	if n != want {
		t.Errorf("got %d rows, want %d", n, want)
	}
	if counts["bulk2"] == 0 {
		t.Errorf("no Bulk 2.0 request: the read stayed on REST (counts:%s)", desc)
	}
	if total > 15 {
		t.Errorf("%d HTTP requests, want at most 15 (counts:%s)", total, desc)
	}
	// Flat memory: reading ten times the rows may not raise the live heap
	// by more than a quarter (or 8 MiB, whichever is larger) over the
	// first window's.
	slack := max((liveFirst-min(base, liveFirst))/4, 8<<20)
	if liveAll > liveFirst+slack {
		t.Errorf("heap grows with the row count: live %.1f MiB over all rows vs %.1f MiB over the first %d",
			mib(liveAll, base), mib(liveFirst, base), firstWindow)
	}
}

func isFaultCounter(k string) bool { return len(k) > 7 && k[:7] == "faults." }

func mib(v, base uint64) float64 {
	if v < base {
		return 0
	}
	return float64(v-base) / (1 << 20)
}

// counters are the child's request counters and running Bulk jobs.
type counters struct {
	Requests map[string]int `json:"requests"`
	Running  int            `json:"runningJobs"`
}

func (c *ChildOrg) counters(t *testing.T) counters {
	t.Helper()
	resp, err := http.Get(c.URL + "/__emulator/counters")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out counters
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

func (c *ChildOrg) resetCounters(t *testing.T) {
	t.Helper()
	resp, err := http.Post(c.URL+"/__emulator/reset-counters", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}
