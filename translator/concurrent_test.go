package translator

import (
	"sync"
	"testing"
)

// TestConcurrentTranslate translates every golden case from several
// goroutines at once, sharing the caches: plans and parses are shared
// values and must never be mutated (run with -race to check).
func TestConcurrentTranslate(t *testing.T) {
	snap := testSnapshot(t)
	cases := loadCases(t)
	want := make([]string, len(cases))
	for i, c := range cases {
		_, want[i] = c.result(t)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, c := range cases {
				p, err := Translate(c.sql, snap, c.settings)
				got := ""
				if err != nil {
					got = err.Error() + "\n"
				} else {
					got = p.String()
				}
				if got != want[i] {
					t.Errorf("%s: concurrent result differs", c.path)
				}
			}
		}()
	}
	wg.Wait()
}
