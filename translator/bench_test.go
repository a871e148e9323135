package translator

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	pg "github.com/pganalyze/pg_query_go/v5"
)

// benchCases are the golden inputs read as SQL (SOQL passthrough, report
// calls and errors left out: they are not a translation of a parse).
func benchCases(b *testing.B) []goldenCase {
	var out []goldenCase
	snap := testSnapshot(b)
	for _, c := range loadCases(b) {
		p, err := prepareUncached(c.sql, c.settings.mode())
		if err != nil || p.stmt == nil || p.explain {
			continue
		}
		if _, err := build(p, snap, c.settings); err != nil {
			continue
		}
		out = append(out, c)
	}
	return out
}

func caseName(c goldenCase) string {
	return strings.TrimSuffix(filepath.Base(c.path), ".txtar")
}

// BenchmarkTranslate is one translation per golden case, without the
// caches: escape rewriting, pg_query parse, planning.
func BenchmarkTranslate(b *testing.B) {
	snap := testSnapshot(b)
	for _, c := range benchCases(b) {
		b.Run(caseName(c), func(b *testing.B) {
			for b.Loop() {
				p, err := prepareUncached(c.sql, c.settings.mode())
				if err != nil {
					b.Fatal(err)
				}
				if _, err := build(p, snap, c.settings); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParse is pg_query's parse alone on the same inputs.
func BenchmarkParse(b *testing.B) {
	for _, c := range benchCases(b) {
		rw, err := rewriteEscapes(c.sql)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(caseName(c), func(b *testing.B) {
			for b.Loop() {
				if _, err := pg.Parse(rw.text); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkTranslateAll and BenchmarkParseAll run every case per
// iteration: their ratio is the figure the README quotes.
//
// On a shared machine wall time mostly measures the neighbours, so both
// also report cpu-ns/op: the process's user+system CPU time per iteration.
func BenchmarkTranslateAll(b *testing.B) {
	snap := testSnapshot(b)
	cases := benchCases(b)
	defer reportCPU(b)()
	for b.Loop() {
		for _, c := range cases {
			p, _ := prepareUncached(c.sql, c.settings.mode())
			if _, err := build(p, snap, c.settings); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkParseAll(b *testing.B) {
	var texts []string
	for _, c := range benchCases(b) {
		rw, _ := rewriteEscapes(c.sql)
		texts = append(texts, rw.text)
	}
	defer reportCPU(b)()
	for b.Loop() {
		for _, t := range texts {
			if _, err := pg.Parse(t); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkTranslateCached is a repeated statement: a cache hit.
func BenchmarkTranslateCached(b *testing.B) {
	snap := testSnapshot(b)
	cases := benchCases(b)
	defer reportCPU(b)()
	for b.Loop() {
		for _, c := range cases {
			if _, err := Translate(c.sql, snap, c.settings); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds the cpu-ns/op metric; call at the start, defer the result.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
		}
	}
}

// BenchmarkTranslateVsParse times parse and translation of each case back
// to back, keeps each one's fastest run (the least disturbed by other
// processes) and reports the ratio of the sums: the README's figure.
func BenchmarkTranslateVsParse(b *testing.B) {
	snap := testSnapshot(b)
	cases := benchCases(b)
	texts := make([]string, len(cases))
	for i, c := range cases {
		rw, _ := rewriteEscapes(c.sql)
		texts[i] = rw.text
	}
	bestT := make([]time.Duration, len(cases))
	bestP := make([]time.Duration, len(cases))
	for b.Loop() {
		for i, c := range cases {
			t0 := time.Now()
			if _, err := pg.Parse(texts[i]); err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			p, _ := prepareUncached(c.sql, c.settings.mode())
			if _, err := build(p, snap, c.settings); err != nil {
				b.Fatal(err)
			}
			t2 := time.Now()
			if d := t1.Sub(t0); bestP[i] == 0 || d < bestP[i] {
				bestP[i] = d
			}
			if d := t2.Sub(t1); bestT[i] == 0 || d < bestT[i] {
				bestT[i] = d
			}
		}
	}
	var st, sp time.Duration
	for i := range cases {
		st += bestT[i]
		sp += bestP[i]
	}
	b.ReportMetric(float64(st)/float64(sp), "translate/parse")
	b.ReportMetric(float64(sp.Microseconds()), "parse-µs")
	b.ReportMetric(float64(st.Microseconds()), "translate-µs")
	if testing.Verbose() {
		for i, c := range cases {
			b.Logf("%-40s parse %6.1fµs translate %6.1fµs %.2f×", caseName(c), float64(bestP[i].Nanoseconds())/1e3, float64(bestT[i].Nanoseconds())/1e3, float64(bestT[i])/float64(bestP[i]))
		}
	}
}
