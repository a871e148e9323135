package driver

import (
	"database/sql/driver"
	"testing"
)

// The legacy driver.Stmt methods run like the context ones.
func TestStmtLegacyMethods(t *testing.T) {
	dc := demoConn(t)
	st, err := dc.Prepare(`SELECT "FirstName" FROM "Contact" WHERE "LastName" = $1`)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if st.NumInput() != -1 {
		t.Errorf("NumInput = %d, want -1", st.NumInput())
	}
	r, err := st.Query([]driver.Value{"Ripley"})
	if err != nil {
		t.Fatal(err)
	}
	dest := make([]driver.Value, 1)
	if err := r.Next(dest); err != nil || dest[0] != "Tom" {
		t.Fatalf("Next = %v, %#v", err, dest)
	}
	r.Close()
	if res, err := st.Exec([]driver.Value{"Ripley"}); err != nil {
		t.Fatal(err)
	} else if n, _ := res.RowsAffected(); n != 0 {
		t.Fatalf("RowsAffected = %d", n)
	}
}
