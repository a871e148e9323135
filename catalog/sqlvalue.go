package catalog

import (
	"fmt"
	"time"
)

// Scan implements database/sql's Scanner, so a date column scans into a
// *Date: it accepts a time.Time (the civil date it falls on in its own
// location, which is what a driver sends for a date) or "YYYY-MM-DD" text.
// NULL is an error: scan a nullable column into a **Date or sql.Null[Date].
func (d *Date) Scan(src any) error {
	switch x := src.(type) {
	case time.Time:
		*d = DateOf(x)
		return nil
	case string:
		return d.UnmarshalText([]byte(x))
	case []byte:
		return d.UnmarshalText(x)
	case nil:
		return fmt.Errorf("catalog: cannot scan NULL into a Date")
	}
	return fmt.Errorf("catalog: cannot scan %T into a Date", src)
}

// Scan implements database/sql's Scanner, so a time column scans into a
// *TimeOfDay: it accepts "HH:MM:SS[.fff][Z]" text or a time.Time (its clock
// time in its own location).
func (t *TimeOfDay) Scan(src any) error {
	switch x := src.(type) {
	case string:
		return t.UnmarshalText([]byte(x))
	case []byte:
		return t.UnmarshalText(x)
	case time.Time:
		*t = TimeOfDay{x.Hour(), x.Minute(), x.Second(), x.Nanosecond()}
		return nil
	case nil:
		return fmt.Errorf("catalog: cannot scan NULL into a TimeOfDay")
	}
	return fmt.Errorf("catalog: cannot scan %T into a TimeOfDay", src)
}
