package driver

import (
	"bytes"
	"database/sql/driver"
	"encoding/json"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/internal/engine"
)

func TestDriverValue(t *testing.T) {
	pst := time.FixedZone("PST", -8*3600)
	for _, c := range []struct {
		in   any
		want driver.Value
	}{
		{nil, nil},
		{"s", "s"},
		{true, true},
		{int32(-7), int64(-7)},
		{int64(math.MaxInt64), int64(math.MaxInt64)},
		{decimal.RequireFromString("1000.250"), "1000.25"},
		{decimal.RequireFromString("-0.0001"), "-0.0001"},
		{decimal.RequireFromString("5600000000"), "5600000000"},
		{catalog.Date{Year: 2025, Month: 12, Day: 27}, time.Date(2025, 12, 27, 0, 0, 0, 0, time.UTC)},
		{time.Date(2026, 1, 5, 1, 0, 0, 0, pst), time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)},
		{catalog.TimeOfDay{Hour: 9, Minute: 7}, "09:07:00"},
		{catalog.TimeOfDay{Hour: 23, Minute: 59, Second: 59, Nanosecond: 5e8}, "23:59:59.5"},
		{json.RawMessage(`{"a":1}`), []byte(`{"a":1}`)},
		{catalog.BlobURL("/services/data/v45.0/sobjects/X/id/F"), "/services/data/v45.0/sobjects/X/id/F"},
		{[]byte("b"), []byte("b")},
	} {
		got, err := driverValue(c.in)
		if err != nil {
			t.Errorf("driverValue(%#v): %v", c.in, err)
			continue
		}
		if !valueEqual(got, c.want) {
			t.Errorf("driverValue(%#v) = %#v (%T), want %#v (%T)", c.in, got, got, c.want, c.want)
		}
		if got != nil && !driver.IsValue(got) {
			t.Errorf("driverValue(%#v) = %T, not a driver.Value", c.in, got)
		}
	}
	if _, err := driverValue(struct{}{}); err == nil {
		t.Error("an unknown type was accepted")
	}
}

func valueEqual(a, b driver.Value) bool {
	switch x := a.(type) {
	case time.Time:
		y, ok := b.(time.Time)
		return ok && x.Equal(y) && x.Location() == time.UTC
	case []byte:
		y, ok := b.([]byte)
		return ok && bytes.Equal(x, y)
	}
	return a == b
}

func TestColumnMetadata(t *testing.T) {
	f := func(typ catalog.FieldType, length, precision, scale int) engine.Column {
		return engine.Column{Name: "c", Type: catalog.TypeOf(&catalog.Field{Type: typ, Length: length, Precision: precision, Scale: scale})}
	}
	for _, c := range []struct {
		col       engine.Column
		name      string
		scan      reflect.Type
		length    int64
		hasLength bool
		p, s      int64
		hasPS     bool
	}{
		{f(catalog.TypeString, 80, 0, 0), "VARCHAR", reflect.TypeFor[string](), 80, true, 0, 0, false},
		{f(catalog.TypeID, 18, 0, 0), "VARCHAR", reflect.TypeFor[string](), 18, true, 0, 0, false},
		{f(catalog.TypeMultiPicklist, 4099, 0, 0), "TEXT", reflect.TypeFor[string](), math.MaxInt64, true, 0, 0, false},
		{f(catalog.TypeCurrency, 0, 18, 2), "NUMERIC", reflect.TypeFor[decimal.Decimal](), 0, false, 18, 2, true},
		{f(catalog.TypeDouble, 0, 0, 0), "NUMERIC", reflect.TypeFor[decimal.Decimal](), 0, false, math.MaxInt64, math.MaxInt64, true},
		{f(catalog.TypeInt, 0, 0, 0), "INT4", reflect.TypeFor[int32](), 0, false, 0, 0, false},
		{f(catalog.TypeBoolean, 0, 0, 0), "BOOL", reflect.TypeFor[bool](), 0, false, 0, 0, false},
		{f(catalog.TypeDate, 0, 0, 0), "DATE", reflect.TypeFor[catalog.Date](), 0, false, 0, 0, false},
		{f(catalog.TypeDateTime, 0, 0, 0), "TIMESTAMPTZ", reflect.TypeFor[time.Time](), 0, false, 0, 0, false},
		{f(catalog.TypeTime, 0, 0, 0), "TIME", reflect.TypeFor[catalog.TimeOfDay](), 0, false, 0, 0, false},
		{f(catalog.TypeBase64, 0, 0, 0), "BYTEA", reflect.TypeFor[[]byte](), math.MaxInt64, true, 0, 0, false},
		{f(catalog.TypeLocation, 0, 0, 0), "JSON", reflect.TypeFor[json.RawMessage](), math.MaxInt64, true, 0, 0, false},
	} {
		if got := databaseTypeName(c.col); got != c.name {
			t.Errorf("%s: DatabaseTypeName %q", c.col.Type.Name, got)
		}
		if got := scanType(c.col); got != c.scan {
			t.Errorf("%s: ScanType %v, want %v", c.col.Type.Name, got, c.scan)
		}
		if n, ok := length(c.col); n != c.length || ok != c.hasLength {
			t.Errorf("%s: Length %d %v, want %d %v", c.col.Type.Name, n, ok, c.length, c.hasLength)
		}
		if p, s, ok := precisionScale(c.col); p != c.p || s != c.s || ok != c.hasPS {
			t.Errorf("%s: PrecisionScale %d,%d %v", c.col.Type.Name, p, s, ok)
		}
	}
}
