package translator

import (
	"testing"

	pg "github.com/pganalyze/pg_query_go/v5"
)

// TestPrintMatchesDeparse: for every golden case with a local step, the
// printed SQL and pg_query's deparse of the same tree parse back to the
// same tree.
func TestPrintMatchesDeparse(t *testing.T) {
	snap := testSnapshot(t)
	n := 0
	for _, c := range loadCases(t) {
		p, err := prepareUncached(c.sql, c.settings.mode())
		if err != nil || p.stmt == nil {
			continue
		}
		printed, err := build(p, snap, c.settings)
		if err != nil || printed.Local == nil {
			continue
		}
		forceDeparse = true
		deparsed, err := build(p, snap, c.settings)
		forceDeparse = false
		if err != nil {
			t.Fatal(err)
		}
		a, err := normalSQL(printed.Local.SQL)
		if err != nil {
			t.Errorf("%s: printed SQL does not parse: %s: %v", c.path, printed.Local.SQL, err)
			continue
		}
		b, err := normalSQL(deparsed.Local.SQL)
		if err != nil {
			t.Fatal(err)
		}
		if a != b {
			t.Errorf("%s:\nprinted  %s\ndeparsed %s", c.path, printed.Local.SQL, deparsed.Local.SQL)
		}
		n++
	}
	if n < 40 {
		t.Errorf("only %d local steps compared", n)
	}
}

func normalSQL(sql string) (string, error) {
	tree, err := pg.Parse(sql)
	if err != nil {
		return "", err
	}
	return pg.Deparse(tree)
}
