package localsql

import (
	"database/sql/driver"
	"fmt"
	"math"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // zones do not depend on the host's zoneinfo

	"github.com/shopspring/decimal"
)

// Date and time functions over the storage forms: dates are days since
// 1970-01-01, timestamps microseconds since then (UTC for timestamptz; the
// session time zone is UTC, so both truncate and extract alike).

func defDateTime() {
	def("pg_ts_add", 4, strict(func(a []driver.Value) (driver.Value, error) {
		iv, err := parseIntervalStorage(asString(a[1]))
		if err != nil {
			return nil, err
		}
		loc, err := location(asString(a[3]))
		if err != nil {
			return nil, err
		}
		if loc == time.UTC || (iv.months == 0 && iv.days == 0) {
			return addInterval(asInt(a[0]), iv, asInt(a[2])), nil
		}
		// months and days move the local calendar (DST-aware), the rest is elapsed time
		local := utcToLocal(asInt(a[0]), loc)
		local = addInterval(local, interval{months: iv.months, days: iv.days}, asInt(a[2]))
		return localToUTC(local, loc) + asInt(a[2])*iv.micros, nil
	}))
	def("pg_series_ts", 4, strict(func(a []driver.Value) (driver.Value, error) {
		iv, err := parseIntervalStorage(asString(a[2]))
		if err != nil {
			return nil, err
		}
		if iv.span() == 0 {
			return nil, fmt.Errorf("localsql: step size cannot equal zero")
		}
		loc, err := location(asString(a[3]))
		if err != nil {
			return nil, err
		}
		start, stop := asInt(a[0]), asInt(a[1])
		var b strings.Builder
		b.WriteByte('[')
		// each value is start + k*step computed on the local calendar, as
		// PostgreSQL adds the step repeatedly
		cur := start
		for n := 0; (iv.span() > 0 && cur <= stop) || (iv.span() < 0 && cur >= stop); n++ {
			if n > 0 {
				b.WriteByte(',')
			}
			fmt.Fprint(&b, cur)
			if n > 10_000_000 {
				return nil, fmt.Errorf("localsql: generate_series too long")
			}
			if loc == time.UTC || (iv.months == 0 && iv.days == 0) {
				cur = addInterval(cur, iv, 1)
			} else {
				local := addInterval(utcToLocal(cur, loc), interval{months: iv.months, days: iv.days}, 1)
				cur = localToUTC(local, loc) + iv.micros
			}
		}
		b.WriteByte(']')
		return b.String(), nil
	}))
	def("pg_age", 3, strict(func(a []driver.Value) (driver.Value, error) {
		loc, err := location(asString(a[2]))
		if err != nil {
			return nil, err
		}
		return age(utcToLocal(asInt(a[0]), loc), utcToLocal(asInt(a[1]), loc)).storage(), nil
	}))
	def("pg_interval_add", 3, strict(func(a []driver.Value) (driver.Value, error) {
		x, err := parseIntervalStorage(asString(a[0]))
		if err != nil {
			return nil, err
		}
		y, err := parseIntervalStorage(asString(a[1]))
		if err != nil {
			return nil, err
		}
		s := asInt(a[2])
		return interval{x.months + s*y.months, x.days + s*y.days, x.micros + s*y.micros}.storage(), nil
	}))
	def("pg_interval_scale", 3, strict(func(a []driver.Value) (driver.Value, error) {
		x, err := parseIntervalStorage(asString(a[0]))
		if err != nil {
			return nil, err
		}
		f := asFloat(a[1])
		if asString(a[2]) == "*" {
			return x.mul(f).storage(), nil
		}
		if f == 0 {
			return nil, fmt.Errorf("localsql: division by zero")
		}
		return x.div(f).storage(), nil
	}))
	def("pg_time_add", 3, strict(func(a []driver.Value) (driver.Value, error) {
		iv, err := parseIntervalStorage(asString(a[1]))
		if err != nil {
			return nil, err
		}
		// time wraps around midnight; months and days do not move it
		us := (asInt(a[0]) + asInt(a[2])*iv.micros) % microsPerDay
		if us < 0 {
			us += microsPerDay
		}
		return us, nil
	}))
	def("pg_epoch_ts", 1, strict(func(a []driver.Value) (driver.Value, error) {
		f := asFloat(a[0])
		if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 9e12 {
			return nil, fmt.Errorf("localsql: timestamp out of range")
		}
		return int64(math.RoundToEven(f * 1e6)), nil
	}))
	def("pg_parse_ts", 3, strict(func(a []driver.Value) (driver.Value, error) {
		loc, err := location(asString(a[2]))
		if err != nil {
			return nil, err
		}
		wall, err := parseWithTemplate(asString(a[0]), asString(a[1]))
		if err != nil {
			return nil, err
		}
		return localToUTC(wall, loc), nil
	}))
	def("pg_utc_to_local", 2, strict(func(a []driver.Value) (driver.Value, error) {
		loc, err := location(asString(a[1]))
		if err != nil {
			return nil, err
		}
		return utcToLocal(asInt(a[0]), loc), nil
	}))
	def("pg_local_to_utc", 2, strict(func(a []driver.Value) (driver.Value, error) {
		loc, err := location(asString(a[1]))
		if err != nil {
			return nil, err
		}
		return localToUTC(asInt(a[0]), loc), nil
	}))
	def("pg_ts_sub", 2, strict(func(a []driver.Value) (driver.Value, error) {
		return subTimestamps(asInt(a[0]), asInt(a[1])).storage(), nil
	}))
	def("pg_ts_date", 1, strict(func(a []driver.Value) (driver.Value, error) {
		return floorDiv(asInt(a[0]), microsPerDay), nil
	}))
	def("pg_ts_time", 1, strict(func(a []driver.Value) (driver.Value, error) {
		us := asInt(a[0])
		return us - floorDiv(us, microsPerDay)*microsPerDay, nil
	}))
	def("pg_date_trunc", 3, strict(func(a []driver.Value) (driver.Value, error) {
		loc, err := location(asString(a[2]))
		if err != nil {
			return nil, err
		}
		r, err := dateTrunc(strings.ToLower(asString(a[0])), utcToLocal(asInt(a[1]), loc))
		if err != nil {
			return nil, err
		}
		return localToUTC(r.(int64), loc), nil
	}))
	def("pg_date_part", 4, strict(func(a []driver.Value) (driver.Value, error) {
		d, err := extractIn(strings.ToLower(asString(a[0])), a[1], uint32(asInt(a[2])), asString(a[3]))
		if err != nil {
			return nil, err
		}
		f, _ := d.Float64()
		return f, nil
	}))
	def("pg_extract", 4, strict(func(a []driver.Value) (driver.Value, error) {
		d, err := extractIn(strings.ToLower(asString(a[0])), a[1], uint32(asInt(a[2])), asString(a[3]))
		if err != nil {
			return nil, err
		}
		return numText(d), nil
	}))
	def("pg_to_char", 3, strict(func(a []driver.Value) (driver.Value, error) {
		loc, err := location(asString(a[2]))
		if err != nil {
			return nil, err
		}
		return toChar(microsTime(utcToLocal(asInt(a[0]), loc)), asString(a[1])), nil
	}))
}

func dateTrunc(field string, us int64) (driver.Value, error) {
	t := microsTime(us)
	y, m, d := t.Date()
	var r time.Time
	switch field {
	case "microseconds":
		return us, nil
	case "milliseconds":
		return floorDiv(us, 1000) * 1000, nil
	case "second":
		r = t.Truncate(time.Second)
	case "minute":
		r = time.Date(y, m, d, t.Hour(), t.Minute(), 0, 0, time.UTC)
	case "hour":
		r = time.Date(y, m, d, t.Hour(), 0, 0, 0, time.UTC)
	case "day":
		r = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	case "week":
		wd := (int(t.Weekday()) + 6) % 7 // Monday = 0
		r = time.Date(y, m, d-wd, 0, 0, 0, 0, time.UTC)
	case "month":
		r = time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	case "quarter":
		r = time.Date(y, time.Month((int(m)-1)/3*3+1), 1, 0, 0, 0, 0, time.UTC)
	case "year":
		r = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	case "decade":
		r = time.Date(y-y%10, 1, 1, 0, 0, 0, 0, time.UTC)
	case "century":
		r = time.Date((y-1)/100*100+1, 1, 1, 0, 0, 0, 0, time.UTC)
	case "millennium":
		r = time.Date((y-1)/1000*1000+1, 1, 1, 0, 0, 0, 0, time.UTC)
	default:
		return nil, fmt.Errorf("localsql: unit %q not recognized for type timestamp", field)
	}
	return timeMicros(r), nil
}

// extract is EXTRACT(field FROM v) with PostgreSQL 14+'s numeric result scales.
func extract(field string, v driver.Value, oid uint32) (decimal.Decimal, error) {
	var t time.Time
	isDate := oid == OIDDate
	switch oid {
	case OIDDate:
		t = daysTime(asInt(v))
	case OIDTime:
		t = microsTime(asInt(v))
	case OIDTimestamp, OIDTimestamptz:
		t = microsTime(asInt(v))
	case OIDInterval:
		return extractInterval(field, asString(v))
	default:
		return decimal.Decimal{}, fmt.Errorf("localsql: cannot extract from type %d", oid)
	}
	us := int64(t.Nanosecond() / 1000)
	secUS := int64(t.Second())*microsPerSecond + us
	n := func(x int) decimal.Decimal { return decimal.NewFromInt(int64(x)) }
	switch field {
	case "microseconds", "millisecond", "milliseconds", "second", "seconds", "minute", "minutes", "hour", "hours":
		if isDate {
			return decimal.Decimal{}, fmt.Errorf("localsql: unit %q not supported for type date", field)
		}
	}
	switch field {
	case "microseconds":
		return decimal.NewFromInt(secUS), nil
	case "milliseconds", "millisecond":
		return decimal.New(secUS, -3), nil
	case "second", "seconds":
		return decimal.New(secUS, -6), nil
	case "minute", "minutes":
		return n(t.Minute()), nil
	case "hour", "hours":
		return n(t.Hour()), nil
	case "epoch":
		if isDate {
			return decimal.NewFromInt(t.Unix()), nil
		}
		return decimal.New(timeMicros(t), -6), nil
	}
	if oid == OIDTime {
		return decimal.Decimal{}, fmt.Errorf("localsql: unit %q not supported for type time", field)
	}
	y, m, d := t.Date()
	switch field {
	case "day", "days":
		return n(d), nil
	case "month", "months":
		return n(int(m)), nil
	case "year", "years":
		return n(y), nil
	case "quarter":
		return n((int(m)-1)/3 + 1), nil
	case "dow":
		return n(int(t.Weekday())), nil
	case "isodow":
		wd := int(t.Weekday())
		if wd == 0 {
			wd = 7
		}
		return n(wd), nil
	case "doy":
		return n(t.YearDay()), nil
	case "week":
		_, w := t.ISOWeek()
		return n(w), nil
	case "isoyear":
		iy, _ := t.ISOWeek()
		return n(iy), nil
	case "decade":
		return n(floorDivInt(y, 10)), nil
	case "century":
		if y > 0 {
			return n((y + 99) / 100), nil
		}
		return n(-((99 - (y - 1)) / 100)), nil
	case "millennium":
		if y > 0 {
			return n((y + 999) / 1000), nil
		}
		return n(-((999 - (y - 1)) / 1000)), nil
	}
	return decimal.Decimal{}, fmt.Errorf("localsql: unit %q not recognized for type timestamp", field)
}

func floorDivInt(a, b int) int { return int(floorDiv(int64(a), int64(b))) }

func extractInterval(field, s string) (decimal.Decimal, error) {
	iv, err := parseIntervalStorage(s)
	if err != nil {
		return decimal.Decimal{}, err
	}
	switch field {
	case "epoch":
		total := (iv.months/12*365*86400+iv.months%12*30*86400+iv.days*86400)*microsPerSecond + iv.micros
		// PostgreSQL counts a year as 365.25 days here
		total += iv.months / 12 * 6 * 3600 * microsPerSecond
		return decimal.New(total, -6), nil
	case "day", "days":
		return decimal.NewFromInt(iv.days), nil
	case "month", "months":
		return decimal.NewFromInt(iv.months % 12), nil
	case "year", "years":
		return decimal.NewFromInt(iv.months / 12), nil
	case "hour", "hours":
		return decimal.NewFromInt(iv.micros / (3600 * microsPerSecond)), nil
	case "minute", "minutes":
		return decimal.NewFromInt(iv.micros / (60 * microsPerSecond) % 60), nil
	case "second", "seconds":
		return decimal.New(iv.micros%(60*microsPerSecond), -6), nil
	}
	return decimal.Decimal{}, fmt.Errorf("localsql: unit %q not supported for type interval", field)
}

var monthNames = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
var dayNames = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

// toChar is to_char(timestamp, format) for the common template patterns.
func toChar(t time.Time, format string) string {
	var b strings.Builder
	fm := false
	casePick := func(pat, s string) string {
		switch {
		case strings.ToUpper(pat) == pat:
			return strings.ToUpper(s)
		case strings.ToLower(pat) == pat:
			return strings.ToLower(s)
		}
		return s
	}
	num := func(v, width int) string {
		if fm {
			return fmt.Sprint(v)
		}
		return fmt.Sprintf("%0*d", width, v)
	}
	word := func(pat, s string, width int) string {
		s = casePick(pat, s)
		if !fm && len(s) < width {
			s += strings.Repeat(" ", width-len(s))
		}
		return s
	}
	for i := 0; i < len(format); {
		rest := format[i:]
		if rest[0] == '"' {
			j := strings.IndexByte(rest[1:], '"')
			if j < 0 {
				b.WriteString(rest[1:])
				break
			}
			b.WriteString(rest[1 : j+1])
			i += j + 2
			continue
		}
		if strings.HasPrefix(strings.ToUpper(rest), "FM") {
			fm = true
			i += 2
			continue
		}
		h12 := t.Hour() % 12
		if h12 == 0 {
			h12 = 12
		}
		matched := true
		up := strings.ToUpper(rest)
		switch {
		case strings.HasPrefix(up, "YYYY"):
			b.WriteString(num(t.Year(), 4))
			i += 4
		case strings.HasPrefix(up, "YY"):
			b.WriteString(num(t.Year()%100, 2))
			i += 2
		case strings.HasPrefix(up, "MONTH"):
			b.WriteString(word(rest[:5], monthNames[t.Month()-1], 9))
			i += 5
		case strings.HasPrefix(up, "MON"):
			b.WriteString(casePick(rest[:3], monthNames[t.Month()-1][:3]))
			i += 3
		case strings.HasPrefix(up, "MM"):
			b.WriteString(num(int(t.Month()), 2))
			i += 2
		case strings.HasPrefix(up, "MI"):
			b.WriteString(num(t.Minute(), 2))
			i += 2
		case strings.HasPrefix(up, "MS"):
			b.WriteString(num(t.Nanosecond()/1e6, 3))
			i += 2
		case strings.HasPrefix(up, "US"):
			b.WriteString(num(t.Nanosecond()/1e3, 6))
			i += 2
		case strings.HasPrefix(up, "DAY"):
			b.WriteString(word(rest[:3], dayNames[t.Weekday()], 9))
			i += 3
		case strings.HasPrefix(up, "DY"):
			b.WriteString(casePick(rest[:2], dayNames[t.Weekday()][:3]))
			i += 2
		case strings.HasPrefix(up, "DDD"):
			b.WriteString(num(t.YearDay(), 3))
			i += 3
		case strings.HasPrefix(up, "DD"):
			b.WriteString(num(t.Day(), 2))
			i += 2
		case strings.HasPrefix(up, "D"):
			b.WriteString(fmt.Sprint(int(t.Weekday()) + 1))
			i++
		case strings.HasPrefix(up, "HH24"):
			b.WriteString(num(t.Hour(), 2))
			i += 4
		case strings.HasPrefix(up, "HH12"):
			b.WriteString(num(h12, 2))
			i += 4
		case strings.HasPrefix(up, "HH"):
			b.WriteString(num(h12, 2))
			i += 2
		case strings.HasPrefix(up, "SS"):
			b.WriteString(num(t.Second(), 2))
			i += 2
		case strings.HasPrefix(up, "AM"), strings.HasPrefix(up, "PM"):
			s := "AM"
			if t.Hour() >= 12 {
				s = "PM"
			}
			b.WriteString(casePick(rest[:2], s))
			i += 2
		case strings.HasPrefix(up, "Q"):
			b.WriteString(fmt.Sprint((int(t.Month())-1)/3 + 1))
			i++
		case strings.HasPrefix(up, "IW"):
			_, w := t.ISOWeek()
			b.WriteString(num(w, 2))
			i += 2
		default:
			matched = false
		}
		if !matched {
			b.WriteByte(rest[0])
			i++
		} else {
			fm = false // FM applies to the next pattern only
		}
	}
	return b.String()
}

var locations sync.Map

// location loads an IANA zone once.
func location(name string) (*time.Location, error) {
	if name == "" || strings.EqualFold(name, "UTC") {
		return time.UTC, nil
	}
	if l, ok := locations.Load(name); ok {
		return l.(*time.Location), nil
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("localsql: time zone %q not recognized", name)
	}
	locations.Store(name, l)
	return l, nil
}

// utcToLocal turns an instant into the wall-clock microseconds of loc.
func utcToLocal(us int64, loc *time.Location) int64 {
	if loc == time.UTC {
		return us
	}
	t := microsTime(us).In(loc)
	wall := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	return timeMicros(wall)
}

// localToUTC turns wall-clock microseconds of loc into an instant.
func localToUTC(us int64, loc *time.Location) int64 {
	if loc == time.UTC {
		return us
	}
	w := microsTime(us)
	return timeMicros(time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), loc))
}

// extractIn is extract with timestamptz read in zone tz.
func extractIn(field string, v driver.Value, oid uint32, tz string) (decimal.Decimal, error) {
	if oid == OIDTimestamptz && field != "epoch" {
		loc, err := location(tz)
		if err != nil {
			return decimal.Decimal{}, err
		}
		v = utcToLocal(asInt(v), loc)
	}
	return extract(field, v, oid)
}

// age is PostgreSQL's symbolic difference of two wall-clock timestamps:
// field by field, borrowing from the next field up, with a borrowed month
// as long as the month of the earlier timestamp (timestamp_age).
func age(us1, us2 int64) interval {
	t1, t2 := microsTime(us1), microsTime(us2)
	neg := us1 < us2
	fsec := int64(t1.Nanosecond()/1000 - t2.Nanosecond()/1000)
	sec := t1.Second() - t2.Second()
	mi := t1.Minute() - t2.Minute()
	hour := t1.Hour() - t2.Hour()
	mday := t1.Day() - t2.Day()
	mon := int(t1.Month()) - int(t2.Month())
	year := t1.Year() - t2.Year()
	if neg {
		fsec, sec, mi, hour, mday, mon, year = -fsec, -sec, -mi, -hour, -mday, -mon, -year
	}
	for fsec < 0 {
		fsec += microsPerSecond
		sec--
	}
	for sec < 0 {
		sec += 60
		mi--
	}
	for mi < 0 {
		mi += 60
		hour--
	}
	for hour < 0 {
		hour += 24
		mday--
	}
	for mday < 0 {
		ref := t2
		if neg {
			ref = t1
		}
		mday += daysIn(ref.Year(), ref.Month())
		mon--
	}
	for mon < 0 {
		mon += 12
		year--
	}
	iv := interval{
		months: int64(year*12 + mon),
		days:   int64(mday),
		micros: int64(hour)*3600*microsPerSecond + int64(mi)*60*microsPerSecond + int64(sec)*microsPerSecond + fsec,
	}
	if neg {
		iv = interval{-iv.months, -iv.days, -iv.micros}
	}
	return iv
}

func daysIn(y int, m time.Month) int { return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day() }

// parseWithTemplate reads a timestamp by a to_timestamp / to_date template
// (YYYY, MM, DD, HH24, HH12/HH, MI, SS, MS, US; other characters match any
// separator), giving wall-clock microseconds.
func parseWithTemplate(s, format string) (int64, error) {
	fields := map[string]int{"YYYY": 1970, "MM": 1, "DD": 1}
	si := 0
	num := func(width int) (int, error) {
		for si < len(s) && (s[si] == ' ') {
			si++
		}
		start := si
		for si < len(s) && si-start < width && s[si] >= '0' && s[si] <= '9' {
			si++
		}
		if start == si {
			return 0, fmt.Errorf("localsql: invalid value %q for the template %q", s, format)
		}
		v := 0
		for _, c := range s[start:si] {
			v = v*10 + int(c-'0')
		}
		return v, nil
	}
	f := strings.ToUpper(format)
	for fi := 0; fi < len(f); {
		matched := ""
		for _, p := range []string{"YYYY", "HH24", "HH12", "MM", "DD", "HH", "MI", "SS", "MS", "US"} {
			if strings.HasPrefix(f[fi:], p) {
				matched = p
				break
			}
		}
		if matched == "" {
			fi++
			if si < len(s) && !(s[si] >= '0' && s[si] <= '9') {
				si++
			}
			continue
		}
		width := map[string]int{"YYYY": 4, "US": 6, "MS": 3}[matched]
		if width == 0 {
			width = 2
		}
		v, err := num(width)
		if err != nil {
			return 0, err
		}
		key := matched
		if key == "HH12" || key == "HH24" {
			key = "HH"
		}
		fields[key] = v
		fi += len(matched)
	}
	t := time.Date(fields["YYYY"], time.Month(fields["MM"]), fields["DD"], fields["HH"], fields["MI"], fields["SS"],
		fields["MS"]*1_000_000+fields["US"]*1000, time.UTC)
	if t.Day() != fields["DD"] || int(t.Month()) != fields["MM"] {
		return 0, fmt.Errorf("localsql: date/time field value out of range: %q", s)
	}
	return timeMicros(t), nil
}
