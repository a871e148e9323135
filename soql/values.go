package soql

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Values of parsed literals. The parser checks the shape of a literal; these
// methods check its value (a month 13 is well-formed but not a date), for the
// callers that need the value: the emulator's evaluator, the translator.

// Date returns the calendar date of the literal.
func (l *DateLit) Date() (Date, error) {
	t, err := time.Parse("2006-01-02", l.Text)
	if err != nil {
		return Date{}, fmt.Errorf("soql: invalid date %q", l.Text)
	}
	return DateOf(t), nil
}

// Time returns the instant of the literal, in UTC.
func (l *DateTimeLit) Time() (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, strings.ToUpper(l.Text))
	if err != nil {
		return time.Time{}, fmt.Errorf("soql: invalid datetime %q", l.Text)
	}
	return t.UTC(), nil
}

// TimeOfDay returns the time of day of the literal.
func (l *TimeLit) TimeOfDay() (TimeOfDay, error) {
	t, err := time.Parse("15:04:05Z", strings.ToUpper(l.Text))
	if err != nil {
		return TimeOfDay{}, fmt.Errorf("soql: invalid time %q", l.Text)
	}
	return TimeOfDayOf(t), nil
}

// Decimal returns the exact value of the number.
func (l *NumberLit) Decimal() (decimal.Decimal, error) {
	d, err := decimal.NewFromString(strings.TrimPrefix(l.Text, "+"))
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("soql: invalid number %q", l.Text)
	}
	return d, nil
}

// Code returns the ISO currency code of the literal (USD of USD5000).
func (l *CurrencyLit) Code() string { return l.Text[:3] }

// Amount returns the amount of the literal (5000 of USD5000).
func (l *CurrencyLit) Amount() (decimal.Decimal, error) {
	d, err := decimal.NewFromString(l.Text[3:])
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("soql: invalid currency amount %q", l.Text)
	}
	return d, nil
}

// LiteralOf returns the literal node for v, with the same rules and the same
// text as AppendLiteral: strings become *StringLit, numbers *NumberLit,
// booleans *BoolLit, nil *NullLit, time.Time *DateTimeLit, Date *DateLit,
// TimeOfDay *TimeLit. A string is a plain value, not a LIKE pattern: wrap it
// with EscapeLike to compare it literally with LIKE.
func LiteralOf(v any) (Expr, error) {
	switch x := v.(type) {
	case nil:
		return &NullLit{}, nil
	case bool:
		return &BoolLit{Value: x}, nil
	case string:
		if _, err := AppendLiteral(nil, x); err != nil {
			return nil, err
		}
		return &StringLit{Value: x}, nil
	case []byte:
		if x == nil {
			return &NullLit{}, nil
		}
		return LiteralOf(string(x))
	case time.Time:
		b, err := AppendLiteral(nil, x)
		if err != nil {
			return nil, err
		}
		return &DateTimeLit{Text: string(b)}, nil
	case Date:
		b, err := AppendLiteral(nil, x)
		if err != nil {
			return nil, err
		}
		return &DateLit{Text: string(b)}, nil
	case TimeOfDay:
		b, err := AppendLiteral(nil, x)
		if err != nil {
			return nil, err
		}
		return &TimeLit{Text: string(b)}, nil
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64,
		float32, float64, decimal.Decimal:
		b, err := AppendLiteral(nil, x)
		if err != nil {
			return nil, err
		}
		return &NumberLit{Text: string(b)}, nil
	case *decimal.Decimal:
		if x == nil {
			return &NullLit{}, nil
		}
		return LiteralOf(*x)
	case decimal.NullDecimal:
		if !x.Valid {
			return &NullLit{}, nil
		}
		return LiteralOf(x.Decimal)
	case driver.Valuer:
		if rv := reflect.ValueOf(x); rv.Kind() == reflect.Pointer && rv.IsNil() {
			return &NullLit{}, nil
		}
		val, err := x.Value()
		if err != nil {
			return nil, fmt.Errorf("soql: value of %T: %w", v, err)
		}
		if _, again := val.(driver.Valuer); again {
			return nil, &UnsupportedArgError{Type: fmt.Sprintf("%T", v), Reason: "Value() returned a driver.Valuer"}
		}
		return LiteralOf(val)
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return &NullLit{}, nil
		}
		return LiteralOf(rv.Elem().Interface())
	}
	return nil, &UnsupportedArgError{Type: fmt.Sprintf("%T", v)}
}

// errNotLiteral is returned by Value for a node that is not a literal.
var errNotLiteral = errors.New("soql: not a literal")

// Value returns the Go value of a literal node: string, decimal.Decimal,
// bool, nil, Date, time.Time (UTC), TimeOfDay. Date literals (TODAY, …) and
// currency amounts have no single value and return an error, as does any
// non-literal node.
func Value(e Expr) (any, error) {
	switch x := e.(type) {
	case *StringLit:
		return x.Value, nil
	case *NumberLit:
		return x.Decimal()
	case *BoolLit:
		return x.Value, nil
	case *NullLit:
		return nil, nil
	case *DateLit:
		return x.Date()
	case *DateTimeLit:
		return x.Time()
	case *TimeLit:
		return x.TimeOfDay()
	}
	return nil, fmt.Errorf("%w: %T", errNotLiteral, e)
}
