package soql

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

type valuer struct {
	v   driver.Value
	err error
}

func (v valuer) Value() (driver.Value, error) { return v.v, v.err }

type loopValuer struct{}

func (loopValuer) Value() (driver.Value, error) { return loopValuer{}, nil }

type myString string

func ptr[T any](v T) *T { return &v }

func TestAppendLiteral(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	for _, tc := range []struct {
		name string
		in   any
		want string
	}{
		{"nil", nil, "null"},
		{"true", true, "true"},
		{"false", false, "false"},
		{"int", 42, "42"},
		{"negative int", -7, "-7"},
		{"int8", int8(-128), "-128"},
		{"int16", int16(32767), "32767"},
		{"int32", int32(-2147483648), "-2147483648"},
		{"int64", int64(math.MinInt64), "-9223372036854775808"},
		{"uint", uint(7), "7"},
		{"uint8", uint8(255), "255"},
		{"uint16", uint16(65535), "65535"},
		{"uint32", uint32(4294967295), "4294967295"},
		{"uint64", uint64(math.MaxUint64), "18446744073709551615"},
		{"float64", 1.5, "1.5"},
		{"float64 integral", 1000.0, "1000"},
		{"float64 large", 1e21, "1000000000000000000000"},
		{"float64 small", 1e-7, "0.0000001"},
		{"float64 shortest", 0.1, "0.1"},
		{"float64 negative zero", math.Copysign(0, -1), "-0"},
		{"float32", float32(0.1), "0.1"},
		{"decimal", decimal.RequireFromString("12345.6789"), "12345.6789"},
		{"decimal exponent", decimal.New(1, 3), "1000"},
		{"decimal tiny", decimal.New(5, -10), "0.0000000005"},
		{"decimal negative", decimal.RequireFromString("-0.50"), "-0.5"},
		{"*decimal", ptr(decimal.NewFromInt(3)), "3"},
		{"nil *decimal", (*decimal.Decimal)(nil), "null"},
		{"NullDecimal valid", decimal.NewNullDecimal(decimal.NewFromInt(9)), "9"},
		{"NullDecimal null", decimal.NullDecimal{}, "null"},
		{"string", "Acme", "'Acme'"},
		{"empty string", "", "''"},
		{"single quote", "O'Brien", `'O\'Brien'`},
		{"injection", "x' OR Name != '", `'x\' OR Name != \''`},
		{"backslash", `C:\dir\`, `'C:\\dir\\'`},
		{"backslash quote", `\'`, `'\\\''`},
		{"double quote", `say "hi"`, `'say \"hi\"'`},
		{"newline cr tab", "a\nb\rc\td", `'a\nb\rc\td'`},
		{"bell formfeed", "\b\f", `'\b\f'`},
		{"other control", "\x00\x1f\x7f", `'\u0000\u001F\u007F'`},
		{"unicode kept", "été 日本 🙂", "'été 日本 🙂'"},
		{"percent underscore are plain", "50%_off", "'50%_off'"},
		{"bytes", []byte("a'b"), `'a\'b'`},
		{"nil bytes", []byte(nil), "null"},
		{"time UTC", time.Date(2024, 1, 31, 23, 1, 1, 0, time.UTC), "2024-01-31T23:01:01Z"},
		{"time converted to UTC", time.Date(2024, 1, 1, 0, 30, 0, 0, paris), "2023-12-31T23:30:00Z"},
		{"time millis", time.Date(2024, 1, 31, 23, 1, 1, 123000000, time.UTC), "2024-01-31T23:01:01.123Z"},
		{"time nanos", time.Date(2024, 1, 31, 23, 1, 1, 100, time.UTC), "2024-01-31T23:01:01.0000001Z"},
		{"time year 1", time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), "0001-01-01T00:00:00Z"},
		{"date", Date{2024, time.February, 29}, "2024-02-29"},
		{"date padded", Date{987, time.March, 5}, "0987-03-05"},
		{"time of day", TimeOfDay{8, 30, 0, 0}, "08:30:00.000Z"},
		{"time of day millis", TimeOfDay{23, 59, 59, 999000000}, "23:59:59.999Z"},
		{"time of day nanos", TimeOfDay{1, 2, 3, 4}, "01:02:03.000000004Z"},
		{"*string", ptr("x"), "'x'"},
		{"nil *string", (*string)(nil), "null"},
		{"*int64", ptr(int64(5)), "5"},
		{"*time", ptr(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)), "2024-01-01T00:00:00Z"},
		{"sql.NullString valid", sql.NullString{String: "a", Valid: true}, "'a'"},
		{"sql.NullString null", sql.NullString{}, "null"},
		{"sql.NullInt64", sql.NullInt64{Int64: 3, Valid: true}, "3"},
		{"sql.NullTime", sql.NullTime{Time: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), Valid: true}, "2024-01-01T00:00:00Z"},
		{"valuer", valuer{v: "v"}, "'v'"},
		{"nil *valuer", (*valuer)(nil), "null"},
	} {
		got, err := AppendLiteral([]byte("="), tc.in)
		if err != nil {
			t.Errorf("%s: AppendLiteral(%#v): %v", tc.name, tc.in, err)
			continue
		}
		if string(got) != "="+tc.want {
			t.Errorf("%s: AppendLiteral(%#v) = %s, want %s", tc.name, tc.in, got[1:], tc.want)
		}
	}
}

func TestAppendLiteralErrors(t *testing.T) {
	valueErr := errors.New("boom")
	for _, tc := range []struct {
		name string
		in   any
		want error
	}{
		{"NaN", math.NaN(), &UnsupportedArgError{Type: "float64", Reason: "NaN"}},
		{"+Inf", math.Inf(1), &UnsupportedArgError{Type: "float64", Reason: "+Inf"}},
		{"-Inf float32", float32(math.Inf(-1)), &UnsupportedArgError{Type: "float32", Reason: "-Inf"}},
		{"invalid utf-8", "a\xffb", &UnsupportedArgError{Type: "string", Reason: "invalid UTF-8"}},
		{"invalid utf-8 bytes", []byte{0xc3}, &UnsupportedArgError{Type: "[]byte", Reason: "invalid UTF-8"}},
		{"bad date", Date{2023, time.February, 29}, &UnsupportedArgError{Type: "soql.Date", Reason: "not a calendar date in years 0-9999"}},
		{"zero date", Date{}, &UnsupportedArgError{Type: "soql.Date", Reason: "not a calendar date in years 0-9999"}},
		{"bad time of day", TimeOfDay{Hour: 24}, &UnsupportedArgError{Type: "soql.TimeOfDay", Reason: "out of range"}},
		{"year 10000", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), &UnsupportedArgError{Type: "time.Time", Reason: "year outside 0-9999"}},
		{"struct", struct{}{}, &UnsupportedArgError{Type: "struct {}"}},
		{"slice", []string{"a"}, &UnsupportedArgError{Type: "[]string"}},
		{"named string", myString("x"), &UnsupportedArgError{Type: "soql.myString"}},
		{"map", map[string]int{}, &UnsupportedArgError{Type: "map[string]int"}},
		{"valuer loop", loopValuer{}, &UnsupportedArgError{Type: "soql.loopValuer", Reason: "Value() returned a driver.Valuer"}},
		{"valuer of unsupported", valuer{v: []int{1}}, &UnsupportedArgError{Type: "soql.valuer"}},
		{"pointer to invalid string", ptr("\xff"), &UnsupportedArgError{Type: "*string", Reason: "invalid UTF-8"}},
		{"pointer to struct", ptr(struct{}{}), &UnsupportedArgError{Type: "*struct {}"}},
	} {
		got, err := AppendLiteral([]byte("keep"), tc.in)
		if string(got) != "keep" {
			t.Errorf("%s: dst changed to %q", tc.name, got)
		}
		if d := cmp.Diff(tc.want, err); d != "" {
			t.Errorf("%s: error (-want +got):\n%s", tc.name, d)
		}
	}
	_, err := AppendLiteral(nil, valuer{err: valueErr})
	if !errors.Is(err, valueErr) || err.Error() != "soql: value of soql.valuer: boom" {
		t.Errorf("valuer error = %v", err)
	}
	// The error names the type, never the value.
	if msg := (&UnsupportedArgError{Type: "string", Reason: "invalid UTF-8"}).Error(); msg != "soql: cannot write string as a literal: invalid UTF-8" {
		t.Errorf("message %q", msg)
	}
	if msg := (&UnsupportedArgError{Type: "[]string"}).Error(); msg != "soql: unsupported literal argument of type []string" {
		t.Errorf("message %q", msg)
	}
}

// TestAppendLiteralParses checks that every string AppendLiteral writes
// parses back to the same value.
func TestAppendLiteralParses(t *testing.T) {
	for _, s := range []string{"", "x", "O'Brien", `\`, `\\'`, "'\"", "a\nb\r\t\b\f", "\x00\x01\x1f\x7f",
		"été", "🙂", "%_", `\%\_`, "' OR Id != null OR Name = '", "\u2028"} {
		lit, err := AppendLiteral(nil, s)
		if err != nil {
			t.Fatal(err)
		}
		q, err := Parse("SELECT Id FROM Account WHERE Name = " + string(lit))
		if err != nil {
			t.Errorf("literal %s of %q does not parse: %v", lit, s, err)
			continue
		}
		c := q.Where.(*Comparison)
		if got := c.Right.(*StringLit).Value; got != s {
			t.Errorf("literal %s parsed to %q, want %q", lit, got, s)
		}
	}
}

func TestCivilStrings(t *testing.T) {
	if s := (Date{2024, time.March, 5}).String(); s != "2024-03-05" {
		t.Errorf("Date.String = %s", s)
	}
	if s := (TimeOfDay{7, 5, 3, 120000000}).String(); s != "07:05:03.120Z" {
		t.Errorf("TimeOfDay.String = %s", s)
	}
	at := time.Date(2024, 3, 5, 23, 30, 0, 0, time.FixedZone("X", -5*3600))
	if d, tod := DateOf(at), TimeOfDayOf(at); d != (Date{2024, 3, 5}) || tod != (TimeOfDay{23, 30, 0, 0}) {
		t.Errorf("DateOf/TimeOfDayOf = %v %v (civil values in t's own zone)", d, tod)
	}
}

func TestEscapeLike(t *testing.T) {
	for _, tc := range []struct{ in, want, quoted string }{
		{"", "", `''`},
		{"plain", "plain", `'plain'`},
		{"50%", `50\%`, `'50\%'`},
		{"a_b", `a\_b`, `'a\_b'`},
		{`C:\x`, `C:\\x`, `'C:\\x'`},
		{`%_\'`, `\%\_\\'`, `'\%\_\\\''`},
		{"new\nline", "new\nline", `'new\nline'`},
	} {
		got := EscapeLike(tc.in)
		if got != tc.want {
			t.Errorf("EscapeLike(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if q := string(AppendLikePattern(nil, got)); q != tc.quoted {
			t.Errorf("AppendLikePattern(%q) = %s, want %s", got, q, tc.quoted)
		}
		// The quoted pattern parses back to the same pattern after LIKE.
		query, err := Parse("SELECT Id FROM Account WHERE Name LIKE " + tc.quoted)
		if err != nil {
			t.Errorf("pattern %s: %v", tc.quoted, err)
			continue
		}
		if v := query.Where.(*Comparison).Right.(*StringLit).Value; v != got {
			t.Errorf("pattern %s parsed to %q, want %q", tc.quoted, v, got)
		}
	}
	// Wildcards stay wildcards; a stray backslash is escaped.
	if q := string(AppendLikePattern(nil, `Ter\%%`)); q != `'Ter\%%'` {
		t.Errorf("AppendLikePattern = %s", q)
	}
	if q := string(AppendLikePattern(nil, `a\b`)); q != `'a\\b'` {
		t.Errorf("AppendLikePattern stray backslash = %s", q)
	}
}

func TestLiteralOf(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want Expr
	}{
		{nil, &NullLit{}},
		{true, &BoolLit{Value: true}},
		{"a'b", &StringLit{Value: "a'b"}},
		{[]byte("x"), &StringLit{Value: "x"}},
		{42, &NumberLit{Text: "42"}},
		{2.5, &NumberLit{Text: "2.5"}},
		{decimal.New(15, 2), &NumberLit{Text: "1500"}},
		{ptr(decimal.New(1, -1)), &NumberLit{Text: "0.1"}},
		{decimal.NullDecimal{}, &NullLit{}},
		{time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC), &DateTimeLit{Text: "2024-05-06T07:08:09Z"}},
		{Date{2024, 5, 6}, &DateLit{Text: "2024-05-06"}},
		{TimeOfDay{7, 8, 9, 0}, &TimeLit{Text: "07:08:09.000Z"}},
		{sql.NullInt64{}, &NullLit{}},
		{sql.NullString{String: "s", Valid: true}, &StringLit{Value: "s"}},
		{ptr(int32(3)), &NumberLit{Text: "3"}},
		{(*int)(nil), &NullLit{}},
	} {
		got, err := LiteralOf(tc.in)
		if err != nil {
			t.Errorf("LiteralOf(%#v): %v", tc.in, err)
			continue
		}
		if d := cmp.Diff(tc.want, got); d != "" {
			t.Errorf("LiteralOf(%#v) (-want +got):\n%s", tc.in, d)
		}
	}
	for _, bad := range []any{math.NaN(), "\xff", Date{2023, 2, 30}, loopValuer{}, valuer{err: errors.New("x")}} {
		if got, err := LiteralOf(bad); err == nil {
			t.Errorf("LiteralOf(%#v) = %#v, want error", bad, got)
		}
	}
	if _, err := LiteralOf(valuer{v: struct{}{}}); err == nil || err.Error() != "soql: unsupported literal argument of type soql.valuer" {
		t.Errorf("LiteralOf(valuer of struct) error = %v", err)
	}
}

func TestLiteralValues(t *testing.T) {
	q, err := Parse("SELECT Id FROM X WHERE A IN ('s', 1.50, -2e2, +7, true, null, 2024-02-29, 2024-02-29T10:11:12.5+02:00, 2024-01-01t00:00:00z, 08:30:00.25Z)")
	if err != nil {
		t.Fatal(err)
	}
	var got []any
	for _, v := range q.Where.(*In).Values {
		x, err := Value(v)
		if err != nil {
			t.Fatalf("Value(%T): %v", v, err)
		}
		got = append(got, x)
	}
	want := []any{"s", decimal.RequireFromString("1.5"), decimal.NewFromInt(-200), decimal.NewFromInt(7), true, nil,
		Date{2024, 2, 29}, time.Date(2024, 2, 29, 8, 11, 12, 5e8, time.UTC), time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		TimeOfDay{8, 30, 0, 25e7}}
	if d := cmp.Diff(want, got, cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) }),
		cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) && a.Location() == b.Location() })); d != "" {
		t.Errorf("values (-want +got):\n%s", d)
	}
	// Well-formed but impossible values fail in the value methods.
	for _, e := range []Expr{&DateLit{Text: "2023-02-29"}, &DateTimeLit{Text: "2024-01-01T25:00:00Z"},
		&TimeLit{Text: "24:00:00Z"}, &DateLiteral{Name: "TODAY"}, &CurrencyLit{Text: "USD5"}, &FieldRef{Path: []string{"A"}}} {
		if v, err := Value(e); err == nil {
			t.Errorf("Value(%#v) = %v, want error", e, v)
		}
	}
	c := &CurrencyLit{Text: "EUR10.50"}
	if amt, err := c.Amount(); err != nil || c.Code() != "EUR" || amt.String() != "10.5" {
		t.Errorf("currency: %s %v %v", c.Code(), amt, err)
	}
}
