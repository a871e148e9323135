package localsql

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/soqlgate/soqlgate/catalog"
)

// Values cross this package in three forms: the Go values callers pass and
// receive (bool, int16/int32/int64, decimal.Decimal, float64, string,
// catalog.Date, time.Time, []byte),
// the SQLite storage form (see storage), and PostgreSQL's text form.

const (
	microsPerSecond = int64(1_000_000)
	microsPerDay    = 86_400 * microsPerSecond
)

var unixEpoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

// toStorage converts a caller's Go value to the SQLite form of type t.
func toStorage(v any, t Type) (driver.Value, error) {
	if v == nil {
		return nil, nil
	}
	switch x := v.(type) {
	case *decimal.Decimal:
		if x == nil {
			return nil, nil
		}
		v = *x
	case *string:
		if x == nil {
			return nil, nil
		}
		v = *x
	case *int64:
		if x == nil {
			return nil, nil
		}
		v = *x
	case *bool:
		if x == nil {
			return nil, nil
		}
		v = *x
	case *time.Time:
		if x == nil {
			return nil, nil
		}
		v = *x
	case int:
		v = int64(x)
	case int32:
		v = int64(x)
	case int16:
		v = int64(x)
	case int8:
		v = int64(x)
	case uint32:
		v = int64(x)
	case uint16:
		v = int64(x)
	case float32:
		v = float64(x)
	case catalog.Date:
		v = x.In(time.UTC)
	case catalog.TimeOfDay:
		return parseText(x.String(), t)
	case catalog.BlobURL:
		v = string(x) // base64 fields are fetched on demand: the row set keeps the URL
	case json.RawMessage:
		v = string(x)
	case fmt.Stringer:
		if _, isTime := v.(time.Time); !isTime {
			if _, isDec := v.(decimal.Decimal); !isDec {
				v = x.String()
			}
		}
	}
	switch x := v.(type) {
	case string:
		return parseText(x, t)
	case []byte:
		if t.storage() == stBlob {
			return x, nil
		}
		return parseText(string(x), t)
	case bool:
		switch t.storage() {
		case stBool, stInt:
			return b2i(x), nil
		case stText:
			return boolText(x), nil
		}
	case int64:
		switch t.storage() {
		case stInt, stBool:
			return x, nil
		case stNumeric:
			return strconv.FormatInt(x, 10), nil
		case stFloat:
			return float64(x), nil
		case stText:
			return strconv.FormatInt(x, 10), nil
		}
	case float64:
		switch t.storage() {
		case stFloat:
			return x, nil
		case stNumeric:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("localsql: cannot store %v as numeric", x)
			}
			return decimal.NewFromFloat(x).String(), nil
		case stInt:
			return int64(math.RoundToEven(x)), nil
		case stText:
			return formatFloat(x), nil
		}
	case decimal.Decimal:
		switch t.storage() {
		case stNumeric:
			return numText(x), nil
		case stInt:
			return x.Round(0).IntPart(), nil
		case stFloat:
			f, _ := x.Float64()
			return f, nil
		case stText:
			return numText(x), nil
		}
	case time.Time:
		switch t.storage() {
		case stDate:
			return civilDays(x.Year(), x.Month(), x.Day()), nil
		case stTS:
			if t.OID == OIDTimestamptz {
				return timeMicros(x), nil
			}
			wall := time.Date(x.Year(), x.Month(), x.Day(), x.Hour(), x.Minute(), x.Second(), x.Nanosecond(), time.UTC)
			return timeMicros(wall), nil
		case stTime:
			return int64(x.Hour())*3600*microsPerSecond + int64(x.Minute())*60*microsPerSecond +
				int64(x.Second())*microsPerSecond + int64(x.Nanosecond()/1000), nil
		case stText:
			return x.UTC().Format(time.RFC3339Nano), nil
		}
	}
	return nil, fmt.Errorf("localsql: cannot store a %T as %s", v, t)
}

// fromStorage converts a SQLite value of type t to the caller's Go form.
func fromStorage(v any, t Type) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch t.storage() {
	case stBool:
		switch x := v.(type) {
		case int64:
			return x != 0, nil
		case float64:
			return x != 0, nil
		case string:
			return parseBool(x)
		}
	case stInt:
		if s, ok := v.(string); ok && isReg(t.OID) {
			return s, nil // regOut already rendered the name
		}
		switch x := v.(type) {
		case int64:
			switch t.OID {
			case OIDInt4:
				return int32(x), nil
			case OIDInt2:
				return int16(x), nil
			}
			return x, nil
		case float64:
			return int64(x), nil
		case string:
			return strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		}
	case stNumeric:
		switch x := v.(type) {
		case string:
			return decimal.NewFromString(x)
		case int64:
			return decimal.NewFromInt(x), nil
		case float64:
			return decimal.NewFromFloat(x), nil
		}
	case stFloat:
		switch x := v.(type) {
		case float64:
			return x, nil
		case int64:
			return float64(x), nil
		case string:
			return strconv.ParseFloat(x, 64)
		}
	case stDate:
		if x, ok := v.(int64); ok {
			return catalog.DateOf(daysTime(x)), nil
		}
	case stTS:
		if x, ok := v.(int64); ok {
			return microsTime(x), nil
		}
	case stTime:
		if x, ok := v.(int64); ok {
			return formatTime(x), nil
		}
	case stInterval:
		if x, ok := v.(string); ok {
			iv, err := parseIntervalStorage(x)
			if err != nil {
				return nil, err
			}
			return iv.String(), nil
		}
	case stBlob:
		switch x := v.(type) {
		case []byte:
			return x, nil
		case string:
			return []byte(x), nil
		}
	default:
		if t.isArray() {
			return pgArrayText(asString(v), t.OID)
		}
		if t.OID == OIDRecord {
			return pgRecordText(asString(v))
		}
		switch x := v.(type) {
		case string:
			return x, nil
		case []byte:
			return string(x), nil
		case int64:
			return strconv.FormatInt(x, 10), nil
		case float64:
			return formatFloat(x), nil
		}
	}
	return nil, fmt.Errorf("localsql: unexpected %T in a %s column", v, t)
}

// FormatText renders a value returned by Rows in PostgreSQL's text output
// format for type t (what psql prints and what the wire's text format carries).
func FormatText(v any, t Type) string {
	switch x := v.(type) {
	case nil:
		return ""
	case bool:
		if x {
			return "t"
		}
		return "f"
	case int64:
		return strconv.FormatInt(x, 10)
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case int16:
		return strconv.FormatInt(int64(x), 10)
	case catalog.Date:
		return x.String()
	case decimal.Decimal:
		return numText(x)
	case float64:
		return formatFloat(x)
	case time.Time:
		switch t.OID {
		case OIDDate:
			return x.Format("2006-01-02")
		case OIDTimestamptz:
			return formatTimestamp(timeMicros(x), true)
		default:
			return formatTimestamp(timeMicros(x), false)
		}
	case []byte:
		return `\x` + fmt.Sprintf("%x", x)
	case string:
		return x
	}
	return fmt.Sprint(v)
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// parseBool is PostgreSQL's boolin.
func parseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "t", "true", "y", "yes", "on", "1", "tr", "tru", "ye":
		return true, nil
	case "f", "false", "n", "no", "off", "0", "fa", "fal", "fals", "of":
		return false, nil
	}
	return false, fmt.Errorf("localsql: invalid input syntax for type boolean: %q", s)
}

// parseText is PostgreSQL's input function of t, producing the storage form.
func parseText(s string, t Type) (driver.Value, error) {
	switch t.storage() {
	case stBool:
		b, err := parseBool(s)
		return b2i(b), err
	case stInt:
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("localsql: invalid input syntax for type %s: %q", t.Name(), s)
		}
		if err := checkIntRange(n, t); err != nil {
			return nil, err
		}
		return n, nil
	case stNumeric:
		d, err := parseNumeric(s)
		if err != nil {
			return nil, err
		}
		if d, err = applyNumericTypmod(d, t); err != nil {
			return nil, err
		}
		return numText(d), nil
	case stFloat:
		f, err := parseFloat(s)
		if err != nil {
			return nil, fmt.Errorf("localsql: invalid input syntax for type double precision: %q", s)
		}
		return f, nil
	case stDate:
		return parseDate(s)
	case stTS:
		return parseTimestamp(s, t.OID == OIDTimestamptz)
	case stTime:
		return parseTimeOfDay(s)
	case stInterval:
		iv, err := parseInterval(s)
		if err != nil {
			return nil, err
		}
		return iv.storage(), nil
	case stBlob:
		return []byte(s), nil
	}
	if n := t.charLength(); n >= 0 && t.OID == OIDVarchar && len([]rune(s)) > n {
		return nil, fmt.Errorf("localsql: value too long for type character varying(%d)", n)
	}
	return s, nil
}

func checkIntRange(n int64, t Type) error {
	switch t.OID {
	case OIDInt2:
		if n < math.MinInt16 || n > math.MaxInt16 {
			return fmt.Errorf("localsql: smallint out of range")
		}
	case OIDInt4:
		if n < math.MinInt32 || n > math.MaxInt32 {
			return fmt.Errorf("localsql: integer out of range")
		}
	}
	return nil
}

func parseFloat(s string) (float64, error) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "nan":
		return math.NaN(), nil
	case "infinity", "inf", "+infinity":
		return math.Inf(1), nil
	case "-infinity", "-inf":
		return math.Inf(-1), nil
	}
	return strconv.ParseFloat(s, 64)
}

// formatFloat is PostgreSQL's float8out with extra_float_digits = 1: the
// shortest exact digits, exponent form below 1e-4 and from 1e15.
func formatFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		if math.Signbit(f) {
			return "-0"
		}
		return "0"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64)
	mant, expS, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expS)
	if exp < -4 || exp >= 15 {
		sign := "+"
		if exp < 0 {
			sign = "-"
			exp = -exp
		}
		return fmt.Sprintf("%se%s%02d", mant, sign, exp)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// civilDays is the number of days from 1970-01-01 to y-m-d.
func civilDays(y int, m time.Month, d int) int64 {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return int64(math.Floor(float64(t.Sub(unixEpoch).Hours() / 24)))
}

func timeMicros(t time.Time) int64 {
	return t.Unix()*microsPerSecond + int64(t.Nanosecond()/1000)
}

func microsTime(us int64) time.Time {
	sec := us / microsPerSecond
	rem := us % microsPerSecond
	if rem < 0 {
		rem += microsPerSecond
		sec--
	}
	return time.Unix(sec, rem*1000).UTC()
}

func daysTime(d int64) time.Time { return unixEpoch.AddDate(0, 0, int(d)) }

func formatDate(d int64) string { return daysTime(d).Format("2006-01-02") }

// formatTimestamp is PostgreSQL's timestamp(tz) output in ISO style, UTC.
func formatTimestamp(us int64, tz bool) string {
	t := microsTime(us)
	s := t.Format("2006-01-02 15:04:05")
	if frac := t.Nanosecond() / 1000; frac != 0 {
		s += strings.TrimRight(fmt.Sprintf(".%06d", frac), "0")
	}
	if tz {
		s += "+00"
	}
	return s
}

func formatTime(us int64) string {
	h := us / (3600 * microsPerSecond)
	m := us / (60 * microsPerSecond) % 60
	sec := us / microsPerSecond % 60
	s := fmt.Sprintf("%02d:%02d:%02d", h, m, sec)
	if frac := us % microsPerSecond; frac != 0 {
		s += strings.TrimRight(fmt.Sprintf(".%06d", frac), "0")
	}
	return s
}

// parseDate accepts ISO dates, with an optional time part that is ignored.
func parseDate(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil && (len(s) == 10 || s[10] == ' ' || s[10] == 'T') {
			return civilDays(t.Year(), t.Month(), t.Day()), nil
		}
	}
	if len(s) >= 10 {
		if _, err := time.Parse("2006-01-02", s[:10]); err != nil && strings.Contains(err.Error(), "out of range") {
			return 0, fmt.Errorf("localsql: date/time field value out of range: %q", s)
		}
	}
	return 0, fmt.Errorf("localsql: invalid input syntax for type date: %q", s)
}

var tsLayouts = []string{
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999Z07",
	"2006-01-02 15:04:05.999999999Z0700",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04Z07:00",
	"2006-01-02 15:04",
	"2006-01-02",
}

// parseTimestamp accepts ISO timestamps ("T" or space, optional fraction and
// zone). A zone is honoured for timestamptz and ignored for timestamp, as
// PostgreSQL does; without one the session zone (UTC) applies.
func parseTimestamp(s string, tz bool) (int64, error) {
	in := strings.TrimSpace(s)
	in = strings.Replace(in, "T", " ", 1)
	if strings.HasSuffix(in, " UTC") || strings.HasSuffix(in, " utc") {
		in = in[:len(in)-4] + "Z"
	}
	for _, layout := range tsLayouts {
		t, err := time.Parse(layout, in)
		if err != nil {
			continue
		}
		if !tz {
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
		}
		return timeMicros(t.UTC()), nil
	}
	name := "timestamp without time zone"
	if tz {
		name = "timestamp with time zone"
	}
	return 0, fmt.Errorf("localsql: invalid input syntax for type %s: %q", name, s)
}

func parseTimeOfDay(s string) (int64, error) {
	for _, layout := range []string{"15:04:05.999999999", "15:04"} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return int64(t.Hour())*3600*microsPerSecond + int64(t.Minute())*60*microsPerSecond +
				int64(t.Second())*microsPerSecond + int64(t.Nanosecond()/1000), nil
		}
	}
	return 0, fmt.Errorf("localsql: invalid input syntax for type time without time zone: %q", s)
}

// parseTextIn is parseText with timestamptz input read in zone tz when it
// carries no offset (PostgreSQL reads it in the session zone).
func parseTextIn(s string, t Type, tz string) (driver.Value, error) {
	if t.OID != OIDTimestamptz || tz == "" || strings.EqualFold(tz, "UTC") {
		return parseText(s, t)
	}
	loc, err := location(tz)
	if err != nil {
		return nil, err
	}
	if hasZone(s) {
		return parseText(s, t)
	}
	wall, err := parseTimestamp(s, false)
	if err != nil {
		return nil, err
	}
	return localToUTC(wall, loc), nil
}

// hasZone reports whether a timestamp text carries an offset or Z.
func hasZone(s string) bool {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, "Z") || strings.HasSuffix(strings.ToUpper(s), " UTC") {
		return true
	}
	if i := strings.LastIndexAny(s, "+-"); i > 10 {
		return true // an offset after the date part
	}
	return false
}

// formatTimestampIn is timestamptz output in zone loc: local time and the
// offset as PostgreSQL prints it (+01, +05:30, -03).
func formatTimestampIn(us int64, loc *time.Location) string {
	if loc == nil || loc == time.UTC {
		return formatTimestamp(us, true)
	}
	t := microsTime(us).In(loc)
	_, off := t.Zone()
	s := formatTimestamp(utcToLocal(us, loc), false)
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	s += fmt.Sprintf("%s%02d", sign, off/3600)
	if m := off % 3600 / 60; m != 0 {
		s += fmt.Sprintf(":%02d", m)
	}
	return s
}

// FormatTextIn is FormatText with timestamptz values shown in zone loc, as
// a session with that TimeZone sees them.
func FormatTextIn(v any, t Type, loc *time.Location) string {
	if tm, ok := v.(time.Time); ok && t.OID == OIDTimestamptz {
		return formatTimestampIn(timeMicros(tm), loc)
	}
	return FormatText(v, t)
}
