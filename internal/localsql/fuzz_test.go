package localsql

import (
	"context"
	"strings"
	"testing"
)

// FuzzPrepare feeds the translator arbitrary statements: it must answer
// with a statement or an error, never panic, and a translated statement
// must run (or fail with an error) on the demo tables.
func FuzzPrepare(f *testing.F) {
	for _, c := range corpus {
		f.Add(c.sql)
	}
	for _, c := range errorCorpus {
		f.Add(c.sql)
	}
	db := localDB(f, demoData(20, 20, 20))
	if err := db.LoadCatalog(context.Background(), demoSnapshot()); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, sql string) {
		st, err := db.Prepare(sql)
		if err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("translator panicked on %q: %v", sql, err)
			}
			return
		}
		if len(st.Params()) > 0 {
			return
		}
		rows, err := st.Query(context.Background())
		if err != nil {
			return
		}
		for rows.Next() {
		}
		rows.Close()
	})
}
