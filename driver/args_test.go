package driver

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/internal/engine"
	"github.com/soqlgate/soqlgate/soql"
)

type civilDate struct {
	Year  int
	Month time.Month
	Day   int
}

type civilTime struct{ Hour, Minute, Second, Nanosecond int }

type myString string

type notCivil struct {
	Year, Day int
	Month     int // not a time.Month
}

func TestArgValue(t *testing.T) {
	pst := time.FixedZone("PST", -8*3600)
	d := decimal.RequireFromString("12.50")
	for _, c := range []struct {
		in   any
		want any
	}{
		{nil, nil},
		{"x", "x"},
		{[]byte("raw"), "raw"},
		{true, true},
		{int(-3), int64(-3)},
		{int8(-8), int64(-8)},
		{int16(16), int64(16)},
		{int32(-32), int64(-32)},
		{int64(math.MinInt64), int64(math.MinInt64)},
		{uint8(8), int64(8)},
		{uint32(math.MaxUint32), int64(math.MaxUint32)},
		{uint64(math.MaxUint64), decimal.RequireFromString("18446744073709551615")},
		{1.5, 1.5},
		{float32(0.25), decimal.RequireFromString("0.25")},
		{d, d},
		{&d, d},
		{(*decimal.Decimal)(nil), nil},
		{decimal.NullDecimal{Decimal: d, Valid: true}, d},
		{decimal.NullDecimal{}, nil},
		{time.Date(2026, 1, 5, 1, 0, 0, 0, pst), time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)},
		{catalog.Date{Year: 2026, Month: 1, Day: 5}, catalog.Date{Year: 2026, Month: 1, Day: 5}},
		{catalog.TimeOfDay{Hour: 9, Minute: 7}, soql.TimeOfDay{Hour: 9, Minute: 7}},
		{civilDate{2024, time.February, 29}, catalog.Date{Year: 2024, Month: 2, Day: 29}},
		{&civilDate{2024, time.March, 1}, catalog.Date{Year: 2024, Month: 3, Day: 1}},
		{civilTime{Hour: 23, Minute: 59, Second: 58, Nanosecond: 5}, soql.TimeOfDay{Hour: 23, Minute: 59, Second: 58, Nanosecond: 5}},
		{sql.NullString{String: "s", Valid: true}, "s"},
		{sql.NullString{}, nil},
		{sql.NullInt32{Int32: 7, Valid: true}, int64(7)},
		{myString("named"), "named"},
	} {
		got, err := argValue(c.in)
		if err != nil {
			t.Errorf("argValue(%#v): %v", c.in, err)
			continue
		}
		if !argEqual(got, c.want) {
			t.Errorf("argValue(%#v) = %#v (%T), want %#v (%T)", c.in, got, got, c.want, c.want)
		}
	}
	for _, bad := range []any{notCivil{2024, 1, 2}, struct{ X chan int }{}, []int{1}, map[string]int{}} {
		if v, err := argValue(bad); err == nil {
			t.Errorf("argValue(%#v) = %#v, want an error", bad, v)
		}
	}
}

func argEqual(a, b any) bool {
	switch x := a.(type) {
	case decimal.Decimal:
		y, ok := b.(decimal.Decimal)
		return ok && x.Equal(y)
	case time.Time:
		y, ok := b.(time.Time)
		return ok && x.Equal(y) && x.Location() == time.UTC
	}
	return a == b
}

func TestCheckNamedValue(t *testing.T) {
	c := &conn{}
	for _, k := range []any{QueryAll{}, API("bulk"), BatchSize(500)} {
		nv := &driver.NamedValue{Ordinal: 1, Value: k}
		if err := c.CheckNamedValue(nv); err != driver.ErrRemoveArgument {
			t.Errorf("knob %#v: %v, want ErrRemoveArgument", k, err)
		}
	}
	if len(c.knobs) != 3 {
		t.Fatalf("%d knobs queued, want 3", len(c.knobs))
	}
	var s engine.Settings
	for _, k := range c.knobs {
		if err := k.apply(&s); err != nil {
			t.Fatal(err)
		}
	}
	if s.ReadBehavior != ReadBehaviorQueryAll || s.API != APIBulk || s.BatchSize != 500 {
		t.Errorf("settings after the knobs: %+v", s)
	}
	for _, bad := range []any{API("soap"), BatchSize(100), BatchSize(2001)} {
		if err := c.CheckNamedValue(&driver.NamedValue{Ordinal: 1, Value: bad}); err == nil || err == driver.ErrRemoveArgument {
			t.Errorf("knob %#v accepted", bad)
		}
	}
	if err := c.CheckNamedValue(&driver.NamedValue{Name: "n", Ordinal: 1, Value: "x"}); !errors.Is(err, ErrNamedParameters) {
		t.Errorf("named argument: %v, want ErrNamedParameters", err)
	}
	nv := &driver.NamedValue{Ordinal: 2, Value: civilDate{2026, 1, 5}}
	if err := c.CheckNamedValue(nv); err != nil || nv.Value != (catalog.Date{Year: 2026, Month: 1, Day: 5}) {
		t.Errorf("civil date: %v, %#v", err, nv.Value)
	}
}

func TestBindArgs(t *testing.T) {
	got, err := bindArgs([]driver.NamedValue{{Ordinal: 2, Value: "b"}, {Ordinal: 1, Value: int64(1)}})
	if err != nil || len(got) != 2 || got[0] != int64(1) || got[1] != "b" {
		t.Fatalf("bindArgs = %v, %v", got, err)
	}
	if _, err := bindArgs([]driver.NamedValue{{Ordinal: 3, Value: "x"}}); err == nil {
		t.Fatal("an ordinal past the end was accepted")
	}
	if got, err := bindArgs(nil); got != nil || err != nil {
		t.Fatalf("no args: %v, %v", got, err)
	}
}
