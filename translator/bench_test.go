package translator

import (
	"path/filepath"
	"strings"
	"testing"

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
func BenchmarkTranslateAll(b *testing.B) {
	snap := testSnapshot(b)
	cases := benchCases(b)
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
	for b.Loop() {
		for _, c := range cases {
			if _, err := Translate(c.sql, snap, c.settings); err != nil {
				b.Fatal(err)
			}
		}
	}
}
