package soql

import (
	"database/sql/driver"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Date is a civil date, written as a SOQL date literal YYYY-MM-DD.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the civil date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// Valid reports whether d is a real calendar date within years 0–9999.
func (d Date) Valid() bool {
	if d.Year < 0 || d.Year > 9999 || d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return false
	}
	return d.Day <= daysIn(d.Year, d.Month)
}

// String returns d as YYYY-MM-DD.
func (d Date) String() string { return string(d.appendTo(nil)) }

func (d Date) appendTo(dst []byte) []byte {
	dst = appendPadded(dst, d.Year, 4)
	dst = append(dst, '-')
	dst = appendPadded(dst, int(d.Month), 2)
	dst = append(dst, '-')
	return appendPadded(dst, d.Day, 2)
}

func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// TimeOfDay is a civil time of day, written as a SOQL time literal
// hh:mm:ss.sssZ.
type TimeOfDay struct {
	Hour, Minute, Second, Nanosecond int
}

// TimeOfDayOf returns the clock time of t in t's location.
func TimeOfDayOf(t time.Time) TimeOfDay {
	return TimeOfDay{t.Hour(), t.Minute(), t.Second(), t.Nanosecond()}
}

// Valid reports whether every part of t is in range.
func (t TimeOfDay) Valid() bool {
	return t.Hour >= 0 && t.Hour < 24 && t.Minute >= 0 && t.Minute < 60 &&
		t.Second >= 0 && t.Second < 60 && t.Nanosecond >= 0 && t.Nanosecond < 1e9
}

// String returns t as hh:mm:ss.sssZ; digits beyond milliseconds appear only
// when non-zero.
func (t TimeOfDay) String() string { return string(t.appendTo(nil)) }

func (t TimeOfDay) appendTo(dst []byte) []byte {
	dst = appendPadded(dst, t.Hour, 2)
	dst = append(dst, ':')
	dst = appendPadded(dst, t.Minute, 2)
	dst = append(dst, ':')
	dst = appendPadded(dst, t.Second, 2)
	dst = append(dst, '.')
	dst = appendFraction(dst, t.Nanosecond, 3)
	return append(dst, 'Z')
}

// appendFraction appends the 9-digit nanosecond fraction n, trimmed of
// trailing zeros but keeping at least min digits.
func appendFraction(dst []byte, n, min int) []byte {
	var buf [9]byte
	for i := 8; i >= 0; i-- {
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	end := 9
	for end > min && buf[end-1] == '0' {
		end--
	}
	return append(dst, buf[:end]...)
}

func appendPadded(dst []byte, n, width int) []byte {
	var buf [20]byte
	s := strconv.AppendInt(buf[:0], int64(n), 10)
	for i := len(s); i < width; i++ {
		dst = append(dst, '0')
	}
	return append(dst, s...)
}

// AppendLiteral appends v as a SOQL literal; it is the one place a Go value
// becomes SOQL text. It accepts every driver.Value type and a few more:
//
//   - nil, a nil pointer, an invalid decimal.NullDecimal → null
//   - bool → true / false
//   - signed and unsigned integers → decimal digits
//   - float32, float64 → the shortest exact plain notation (strconv 'f', -1);
//     NaN and ±Inf are errors
//   - decimal.Decimal (and *decimal.Decimal, decimal.NullDecimal) → plain
//     notation, never an exponent
//   - string, []byte → a single-quoted string with backslash escapes
//     (\' \\ \" \n \r \t \b \f, \uXXXX for other control characters);
//     invalid UTF-8 is an error
//   - time.Time → a datetime in UTC, 2006-01-02T15:04:05Z, with a fraction
//     of a second only when it is non-zero
//   - Date → 2006-01-02; TimeOfDay → 15:04:05.000Z
//   - any other driver.Valuer → AppendLiteral of its Value()
//
// Anything else is an *UnsupportedArgError, and dst is returned unchanged.
func AppendLiteral(dst []byte, v any) ([]byte, error) {
	orig := v
	v, err := resolve(v)
	if err != nil {
		return dst, err
	}
	switch x := v.(type) {
	case nil:
		return append(dst, "null"...), nil
	case bool:
		if x {
			return append(dst, "true"...), nil
		}
		return append(dst, "false"...), nil
	case int:
		return strconv.AppendInt(dst, int64(x), 10), nil
	case int8:
		return strconv.AppendInt(dst, int64(x), 10), nil
	case int16:
		return strconv.AppendInt(dst, int64(x), 10), nil
	case int32:
		return strconv.AppendInt(dst, int64(x), 10), nil
	case int64:
		return strconv.AppendInt(dst, x, 10), nil
	case uint:
		return strconv.AppendUint(dst, uint64(x), 10), nil
	case uint8:
		return strconv.AppendUint(dst, uint64(x), 10), nil
	case uint16:
		return strconv.AppendUint(dst, uint64(x), 10), nil
	case uint32:
		return strconv.AppendUint(dst, uint64(x), 10), nil
	case uint64:
		return strconv.AppendUint(dst, x, 10), nil
	case float32:
		return appendFloat(dst, float64(x), 32, v)
	case float64:
		return appendFloat(dst, x, 64, v)
	case decimal.Decimal:
		return append(dst, x.String()...), nil
	case string:
		if !utf8.ValidString(x) {
			return dst, &UnsupportedArgError{Type: typeName(orig), Reason: "invalid UTF-8"}
		}
		return appendQuoted(dst, x, false), nil
	case time.Time:
		return appendDateTime(dst, x, v)
	case Date:
		if !x.Valid() {
			return dst, &UnsupportedArgError{Type: "soql.Date", Reason: "not a calendar date in years 0-9999"}
		}
		return x.appendTo(dst), nil
	case TimeOfDay:
		if !x.Valid() {
			return dst, &UnsupportedArgError{Type: "soql.TimeOfDay", Reason: "out of range"}
		}
		return x.appendTo(dst), nil
	}
	return dst, &UnsupportedArgError{Type: typeName(orig)}
}

func typeName(v any) string { return fmt.Sprintf("%T", v) }

// resolve reduces v to one of the types AppendLiteral writes: nil pointers
// and invalid nullables become nil, pointers their target, driver.Valuers
// their Value(), []byte a string (nil []byte is nil), *decimal.Decimal and
// decimal.NullDecimal a decimal.Decimal. Other values pass unchanged.
func resolve(v any) (any, error) {
	switch x := v.(type) {
	case nil, bool, string, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64,
		float32, float64, decimal.Decimal, time.Time, Date, TimeOfDay:
		return v, nil
	case []byte:
		if x == nil {
			return nil, nil
		}
		if !utf8.Valid(x) {
			return nil, &UnsupportedArgError{Type: "[]byte", Reason: "invalid UTF-8"}
		}
		return string(x), nil
	case *decimal.Decimal:
		if x == nil {
			return nil, nil
		}
		return *x, nil
	case decimal.NullDecimal:
		if !x.Valid {
			return nil, nil
		}
		return x.Decimal, nil
	case driver.Valuer:
		if rv := reflect.ValueOf(x); rv.Kind() == reflect.Pointer && rv.IsNil() {
			return nil, nil
		}
		val, err := x.Value()
		if err != nil {
			return nil, fmt.Errorf("soql: value of %T: %w", v, err)
		}
		if _, again := val.(driver.Valuer); again {
			return nil, &UnsupportedArgError{Type: typeName(v), Reason: "Value() returned a driver.Valuer"}
		}
		return resolve(val)
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil, nil
		}
		return resolve(rv.Elem().Interface())
	}
	return v, nil
}

func appendFloat(dst []byte, f float64, bits int, v any) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return dst, &UnsupportedArgError{Type: fmt.Sprintf("%T", v), Reason: strconv.FormatFloat(f, 'f', -1, bits)}
	}
	return strconv.AppendFloat(dst, f, 'f', -1, bits), nil
}

func appendDateTime(dst []byte, t time.Time, v any) ([]byte, error) {
	t = t.UTC()
	if y := t.Year(); y < 0 || y > 9999 {
		return dst, &UnsupportedArgError{Type: fmt.Sprintf("%T", v), Reason: "year outside 0-9999"}
	}
	dst = DateOf(t).appendTo(dst)
	dst = append(dst, 'T')
	dst = appendPadded(dst, t.Hour(), 2)
	dst = append(dst, ':')
	dst = appendPadded(dst, t.Minute(), 2)
	dst = append(dst, ':')
	dst = appendPadded(dst, t.Second(), 2)
	if ns := t.Nanosecond(); ns != 0 {
		dst = append(dst, '.')
		dst = appendFraction(dst, ns, 1)
	}
	return append(dst, 'Z'), nil
}

const hexDigits = "0123456789ABCDEF"

// appendQuoted appends s as a single-quoted SOQL string. With like set, s is
// a LIKE pattern: the pairs \%, \_ and \\ are pattern escapes and are written
// as they are; any other backslash is escaped.
func appendQuoted(dst []byte, s string, like bool) []byte {
	dst = append(dst, '\'')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\':
			if like && i+1 < len(s) && (s[i+1] == '%' || s[i+1] == '_' || s[i+1] == '\\') {
				dst = append(dst, '\\', s[i+1])
				i++
				continue
			}
			dst = append(dst, '\\', '\\')
		case '\'':
			dst = append(dst, '\\', '\'')
		case '"':
			dst = append(dst, '\\', '"')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		case '\b':
			dst = append(dst, '\\', 'b')
		case '\f':
			dst = append(dst, '\\', 'f')
		default:
			if c < 0x20 || c == 0x7f {
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
				continue
			}
			dst = append(dst, c)
		}
	}
	return append(dst, '\'')
}

// EscapeLike escapes \, % and _ in s with a backslash so that s matches
// itself literally inside a LIKE pattern (the pattern form StringLit
// documents): EscapeLike("50%_off") + "%" matches values starting "50%_off".
func EscapeLike(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\\' || c == '%' || c == '_' {
			n++
		}
	}
	if n == 0 {
		return s
	}
	b := make([]byte, 0, len(s)+n)
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\\' || c == '%' || c == '_' {
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	return string(b)
}

// AppendLikePattern appends pattern, a LIKE pattern in the form StringLit
// documents (wildcards % and _, escapes \% \_ \\), as a quoted SOQL string.
func AppendLikePattern(dst []byte, pattern string) []byte {
	return appendQuoted(dst, pattern, true)
}
