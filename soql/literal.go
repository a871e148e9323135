package soql

import "time"

// Date is a civil date, written as a SOQL date literal YYYY-MM-DD.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// TimeOfDay is a civil time of day, written as a SOQL time literal
// hh:mm:ss.sssZ.
type TimeOfDay struct {
	Hour, Minute, Second, Nanosecond int
}

// AppendLiteral appends v as a SOQL literal.
func AppendLiteral(dst []byte, v any) ([]byte, error) {
	return dst, &UnsupportedArgError{Type: "any", Reason: "not implemented yet"} // TODO(soql): next commit.
}

// EscapeLike escapes %, _ and \ in s with backslashes so that s matches
// itself literally inside a LIKE pattern.
func EscapeLike(s string) string { return s }

// AppendLikePattern appends pattern, a LIKE pattern in the form StringLit
// documents, as a quoted SOQL string.
func AppendLikePattern(dst []byte, pattern string) []byte { return dst }
