package catalog

import (
	"database/sql"
	"testing"
	"time"
)

var (
	_ sql.Scanner = (*Date)(nil)
	_ sql.Scanner = (*TimeOfDay)(nil)
)

func TestDateScan(t *testing.T) {
	ok := []struct {
		src  any
		want Date
	}{
		{time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), Date{2026, 1, 5}},
		{time.Date(2025, 12, 31, 23, 30, 0, 0, time.FixedZone("X", -8*3600)), Date{2025, 12, 31}},
		{"2024-02-29", Date{2024, 2, 29}},
		{[]byte("0001-01-01"), Date{1, 1, 1}},
	}
	for _, c := range ok {
		var d Date
		if err := d.Scan(c.src); err != nil || d != c.want {
			t.Errorf("Scan(%#v) = %v, %v; want %v", c.src, d, err, c.want)
		}
	}
	for _, src := range []any{nil, "2023-02-29", int64(3), "05/01/2026"} {
		var d Date
		if err := d.Scan(src); err == nil {
			t.Errorf("Scan(%#v) = %v, want an error", src, d)
		}
	}
}

func TestTimeOfDayScan(t *testing.T) {
	ok := []struct {
		src  any
		want TimeOfDay
	}{
		{"08:07:00", TimeOfDay{8, 7, 0, 0}},
		{"23:59:59.5", TimeOfDay{23, 59, 59, 500000000}},
		{[]byte("07:00:00.000Z"), TimeOfDay{7, 0, 0, 0}},
		{time.Date(2026, 1, 5, 13, 14, 15, 16, time.UTC), TimeOfDay{13, 14, 15, 16}},
	}
	for _, c := range ok {
		var v TimeOfDay
		if err := v.Scan(c.src); err != nil || v != c.want {
			t.Errorf("Scan(%#v) = %v, %v; want %v", c.src, v, err, c.want)
		}
	}
	for _, src := range []any{nil, "24:00:00", 1.5, "8 o'clock"} {
		var v TimeOfDay
		if err := v.Scan(src); err == nil {
			t.Errorf("Scan(%#v) = %v, want an error", src, v)
		}
	}
}

// A round trip through database/sql's conversion: a driver sends a date as
// time.Time and a time as text; both land in the civil types.
func TestScanThroughNull(t *testing.T) {
	var n sql.Null[Date]
	if err := n.Scan(time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)); err != nil || !n.Valid || n.V != (Date{2026, 3, 4}) {
		t.Fatalf("Null[Date].Scan = %+v, %v", n, err)
	}
	if err := n.Scan(nil); err != nil || n.Valid {
		t.Fatalf("Null[Date].Scan(nil) = %+v, %v", n, err)
	}
}
