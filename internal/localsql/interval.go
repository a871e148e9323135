package localsql

import (
	"cmp"
	"database/sql/driver"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite"
)

// interval is PostgreSQL's interval: months, days and microseconds kept
// apart, because a month and a day have no fixed length.
type interval struct {
	months int64
	days   int64
	micros int64
}

func (iv interval) storage() string {
	return fmt.Sprintf("%d %d %d", iv.months, iv.days, iv.micros)
}

func parseIntervalStorage(s string) (interval, error) {
	var iv interval
	if _, err := fmt.Sscanf(s, "%d %d %d", &iv.months, &iv.days, &iv.micros); err != nil {
		return iv, fmt.Errorf("localsql: bad interval value %q", s)
	}
	return iv, nil
}

// parseInterval accepts PostgreSQL's "N unit [N unit ...]" and "[N days] HH:MM:SS" forms.
func parseInterval(s string) (interval, error) {
	var iv interval
	f := strings.Fields(strings.ToLower(strings.TrimSpace(s)))
	if len(f) == 0 {
		return iv, fmt.Errorf("localsql: invalid input syntax for type interval: %q", s)
	}
	for i := 0; i < len(f); i++ {
		tok := f[i]
		if strings.Contains(tok, ":") {
			neg := strings.HasPrefix(tok, "-")
			us, err := parseTimeOfDay(strings.TrimPrefix(tok, "-"))
			if err != nil {
				return iv, fmt.Errorf("localsql: invalid input syntax for type interval: %q", s)
			}
			if neg {
				us = -us
			}
			iv.micros += us
			continue
		}
		n, err := strconv.ParseFloat(tok, 64)
		if err != nil {
			return iv, fmt.Errorf("localsql: invalid input syntax for type interval: %q", s)
		}
		unit := "second"
		if i+1 < len(f) && !strings.Contains(f[i+1], ":") {
			if _, err := strconv.ParseFloat(f[i+1], 64); err != nil {
				unit = strings.TrimSuffix(f[i+1], "s")
				i++
			}
		}
		switch unit {
		case "year", "yr", "y":
			iv.months += int64(n * 12)
		case "mon", "month":
			iv.months += int64(n)
		case "week", "w":
			iv.days += int64(n * 7)
		case "day", "d":
			iv.days += int64(n)
		case "hour", "hr", "h":
			iv.micros += int64(n * 3600 * float64(microsPerSecond))
		case "minute", "min", "m":
			iv.micros += int64(n * 60 * float64(microsPerSecond))
		case "second", "sec":
			iv.micros += int64(n * float64(microsPerSecond))
		default:
			return iv, fmt.Errorf("localsql: invalid input syntax for type interval: %q", s)
		}
	}
	return iv, nil
}

func plural(n int64, unit string) string {
	if n == 1 { // PostgreSQL writes "-1 days"
		return fmt.Sprintf("%d %s", n, unit)
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// String is PostgreSQL's interval output in the "postgres" style.
func (iv interval) String() string {
	var parts []string
	if y := iv.months / 12; y != 0 {
		parts = append(parts, plural(y, "year"))
	}
	if m := iv.months % 12; m != 0 {
		parts = append(parts, plural(m, "mon"))
	}
	if iv.days != 0 {
		parts = append(parts, plural(iv.days, "day"))
	}
	if iv.micros != 0 || len(parts) == 0 {
		us := iv.micros
		sign := ""
		if us < 0 {
			sign = "-"
			us = -us
		}
		parts = append(parts, sign+formatTime(us))
	}
	return strings.Join(parts, " ")
}

// addInterval adds iv to a UTC instant in microseconds, months first, then
// days, then the time part, as PostgreSQL does.
func addInterval(us int64, iv interval, sign int64) int64 {
	t := microsTime(us)
	if iv.months != 0 || iv.days != 0 {
		y, m, d := t.Date()
		total := int64(y)*12 + int64(m-1) + sign*iv.months
		ny, nm := int(total/12), time.Month(total%12+1)
		// clamp the day to the target month's length (Jan 31 + 1 mon = Feb 28/29)
		last := time.Date(ny, nm+1, 0, 0, 0, 0, 0, time.UTC).Day()
		if d > last {
			d = last
		}
		t = time.Date(ny, nm, d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
		t = t.AddDate(0, 0, int(sign*iv.days))
	}
	return timeMicros(t) + sign*iv.micros
}

// subTimestamps is ts1 - ts2 as PostgreSQL's justified-days interval.
func subTimestamps(a, b int64) interval {
	d := a - b
	return interval{days: d / microsPerDay, micros: d % microsPerDay}
}

// intervalCollate orders interval storage texts as PostgreSQL compares
// intervals: by their length with a month of 30 days and a day of 24 hours.
func intervalCollate(a, b string) int {
	ia, ea := parseIntervalStorage(a)
	ib, eb := parseIntervalStorage(b)
	if ea != nil || eb != nil {
		return strings.Compare(a, b)
	}
	return cmp.Compare(ia.span(), ib.span())
}

// span is the interval's length in microseconds as PostgreSQL compares it.
func (iv interval) span() int64 {
	return (iv.months*30+iv.days)*microsPerDay + iv.micros
}

// div is PostgreSQL's interval_div: whole months and days divide as
// integers, their remainders cascade down (a month is 30 days) at
// microsecond precision.
func (iv interval) div(factor float64) interval { return iv.scale(factor, false) }

// mul is PostgreSQL's interval_mul, the same cascade with a product.
func (iv interval) mul(factor float64) interval { return iv.scale(factor, true) }

func (iv interval) scale(factor float64, mul bool) interval {
	op := func(x float64) float64 {
		if mul {
			return x * factor
		}
		return x / factor
	}
	tsround := func(x float64) float64 { return math.RoundToEven(x*1e6) / 1e6 }
	var r interval
	r.months = int64(op(float64(iv.months)))
	r.days = int64(op(float64(iv.days)))
	monthRemainderDays := tsround((op(float64(iv.months)) - float64(r.months)) * 30)
	secRemainder := tsround((op(float64(iv.days)) - float64(r.days) + monthRemainderDays - float64(int64(monthRemainderDays))) * 86400)
	if math.Abs(secRemainder) >= 86400 {
		r.days += int64(secRemainder / 86400)
		secRemainder -= float64(int64(secRemainder/86400)) * 86400
	}
	r.days += int64(monthRemainderDays)
	r.micros = int64(math.RoundToEven(op(float64(iv.micros)) + secRemainder*1e6))
	return r
}

// intervalAgg is sum(interval) and avg(interval), also as window aggregates.
type intervalAgg struct {
	avg   bool
	sum   interval
	count int64
}

func (a *intervalAgg) step(v driver.Value, sign int64) error {
	if v == nil {
		return nil
	}
	iv, err := parseIntervalStorage(asString(v))
	if err != nil {
		return err
	}
	a.sum.months += sign * iv.months
	a.sum.days += sign * iv.days
	a.sum.micros += sign * iv.micros
	a.count += sign
	return nil
}

func (a *intervalAgg) Step(_ *sqlite.FunctionContext, args []driver.Value) error {
	return a.step(args[0], 1)
}

func (a *intervalAgg) WindowInverse(_ *sqlite.FunctionContext, args []driver.Value) error {
	return a.step(args[0], -1)
}

func (a *intervalAgg) WindowValue(_ *sqlite.FunctionContext) (driver.Value, error) {
	if a.count == 0 {
		return nil, nil
	}
	if !a.avg {
		return a.sum.storage(), nil
	}
	return a.sum.div(float64(a.count)).storage(), nil
}

func (a *intervalAgg) Final(_ *sqlite.FunctionContext) {}
