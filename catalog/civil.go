package catalog

import (
	"cmp"
	"errors"
	"fmt"
	"time"
)

// Date is a civil date: a Salesforce date field's value, with no time and no
// zone. The zero Date is not valid.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the date t falls on in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate parses "YYYY-MM-DD", the form Salesforce and PostgreSQL use.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("catalog: invalid date %q", s)
	}
	return DateOf(t), nil
}

// String formats d as "YYYY-MM-DD".
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// IsValid reports whether d names a real day of years 1 to 9999.
func (d Date) IsValid() bool {
	return d.Year >= 1 && d.Year <= 9999 && DateOf(d.In(time.UTC)) == d
}

// In returns midnight at the start of d in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmp.Compare(d.Year, e.Year)
	case d.Month != e.Month:
		return cmp.Compare(d.Month, e.Month)
	}
	return cmp.Compare(d.Day, e.Day)
}

// MarshalText implements encoding.TextMarshaler ("YYYY-MM-DD").
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// TimeOfDay is a civil time of day: a Salesforce time field's value, with no
// date and no zone.
type TimeOfDay struct {
	Hour, Minute, Second, Nanosecond int
}

var errTimeOfDay = errors.New("catalog: invalid time of day")

// ParseTimeOfDay parses "HH:MM:SS" with an optional fraction and an optional
// trailing "Z" (Salesforce writes "07:00:00.000Z"; PostgreSQL "07:00:00").
func ParseTimeOfDay(s string) (TimeOfDay, error) {
	v := s
	if n := len(v); n > 0 && v[n-1] == 'Z' {
		v = v[:n-1]
	}
	t, err := time.Parse("15:04:05.999999999", v)
	if err != nil {
		return TimeOfDay{}, fmt.Errorf("%w %q", errTimeOfDay, s)
	}
	return TimeOfDay{t.Hour(), t.Minute(), t.Second(), t.Nanosecond()}, nil
}

// String formats t as "HH:MM:SS" followed by the fraction, if any, without
// trailing zeros ("07:00:00", "07:00:00.5"), as PostgreSQL prints a time.
func (t TimeOfDay) String() string {
	s := fmt.Sprintf("%02d:%02d:%02d", t.Hour, t.Minute, t.Second)
	if t.Nanosecond == 0 {
		return s
	}
	frac := fmt.Sprintf("%09d", t.Nanosecond)
	for frac[len(frac)-1] == '0' {
		frac = frac[:len(frac)-1]
	}
	return s + "." + frac
}

// SalesforceString formats t as Salesforce writes a time: "HH:MM:SS.sssZ".
func (t TimeOfDay) SalesforceString() string {
	return fmt.Sprintf("%02d:%02d:%02d.%03dZ", t.Hour, t.Minute, t.Second, t.Nanosecond/1e6)
}

// IsValid reports whether every part is in range.
func (t TimeOfDay) IsValid() bool {
	return t.Hour >= 0 && t.Hour < 24 && t.Minute >= 0 && t.Minute < 60 &&
		t.Second >= 0 && t.Second < 60 && t.Nanosecond >= 0 && t.Nanosecond < 1e9
}

// MarshalText implements encoding.TextMarshaler (String's form).
func (t TimeOfDay) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (t *TimeOfDay) UnmarshalText(b []byte) error {
	v, err := ParseTimeOfDay(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}
