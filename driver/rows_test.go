package driver

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"testing"
)

// The driver's rows against the local org: column metadata, values in
// their database/sql forms, io.EOF at the end, a second Close that does
// nothing, and a knob that lasts one statement.
func TestRowsLifecycle(t *testing.T) {
	dc := demoConn(t)
	cn := dc.(*conn)
	nv := &driver.NamedValue{Ordinal: 1, Value: QueryAll{}}
	if err := cn.CheckNamedValue(nv); err != driver.ErrRemoveArgument {
		t.Fatal(err)
	}
	// Only the deleted account has Type Other: with the knob it is there.
	const q = `SELECT "Name", "AnnualRevenue", "IsDeleted" FROM "Account" WHERE "Type" = 'Other'`
	dr, err := cn.QueryContext(context.Background(), q, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := dr.(*rows)
	if cols := r.Columns(); len(cols) != 3 || cols[0] != "Name" || cols[1] != "AnnualRevenue" || cols[2] != "IsDeleted" {
		t.Fatalf("Columns = %v", cols)
	}
	if p, s, ok := r.ColumnTypePrecisionScale(1); !ok || p != 18 || s != 0 {
		t.Errorf("AnnualRevenue precision/scale = %d,%d,%v; want 18,0 (currency(18,0) in describe)", p, s, ok)
	}
	if n, ok := r.ColumnTypeNullable(2); !ok || n {
		t.Errorf("IsDeleted nullable = %v,%v; want false", n, ok)
	}
	dest := make([]driver.Value, 3)
	if err := r.Next(dest); err != nil {
		t.Fatal(err)
	}
	// The deleted account has no revenue: NULL.
	if dest[0] != "Old Demo Account (deleted)" || dest[1] != nil || dest[2] != true {
		t.Errorf("row = %#v", dest)
	}
	if err := r.Next(dest); !errors.Is(err, io.EOF) {
		t.Fatalf("second Next = %v, want io.EOF", err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if len(cn.LastPlan()) == 0 {
		t.Error("no plan recorded for a statement that ran")
	}
	// The knob was the statement's: the next one reads live rows only.
	dr, err = cn.QueryContext(context.Background(), q, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer dr.Close()
	if err := dr.Next(dest); !errors.Is(err, io.EOF) {
		t.Fatalf("without the knob Next = %v, %#v; want io.EOF", err, dest)
	}
}

// demoConn is one driver connection to the demo org, closed when t ends.
func demoConn(t *testing.T) driver.Conn {
	t.Helper()
	cfg, _ := demoConfig(t)
	c, err := NewConnector(cfg)
	if err != nil {
		t.Fatal(err)
	}
	dc, err := c.Connect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dc.Close() })
	return dc
}
