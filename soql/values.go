package soql

import (
	"errors"
	"fmt"
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
	r, err := resolve(v)
	if err != nil {
		return nil, err
	}
	switch x := r.(type) {
	case nil:
		return &NullLit{}, nil
	case bool:
		return &BoolLit{Value: x}, nil
	}
	b, err := AppendLiteral(nil, r)
	if err != nil {
		if u, ok := err.(*UnsupportedArgError); ok && u.Reason == "" {
			u.Type = typeName(v)
		}
		return nil, err
	}
	switch x := r.(type) {
	case string:
		return &StringLit{Value: x}, nil
	case time.Time:
		return &DateTimeLit{Text: string(b)}, nil
	case Date:
		return &DateLit{Text: string(b)}, nil
	case TimeOfDay:
		return &TimeLit{Text: string(b)}, nil
	}
	return &NumberLit{Text: string(b)}, nil
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
