package localsql

import (
	"cmp"
	"crypto/md5"
	"database/sql/driver"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"modernc.org/sqlite"
)

// The Go functions below are registered on a private driver (driver.go):
// they supply PostgreSQL behaviour SQLite lacks. Each receives and returns
// SQLite storage values (see storage in types.go).

type scalarFn func(args []driver.Value) (driver.Value, error)

var scalarFuncs = map[string]struct {
	n  int32
	fn scalarFn
}{}

func def(name string, n int32, fn scalarFn) {
	scalarFuncs[name] = struct {
		n  int32
		fn scalarFn
	}{n, fn}
}

func anyNull(args []driver.Value) bool {
	for _, a := range args {
		if a == nil {
			return true
		}
	}
	return false
}

// strict wraps fn so a NULL argument gives NULL, as for PostgreSQL's strict functions.
func strict(fn scalarFn) scalarFn {
	return func(args []driver.Value) (driver.Value, error) {
		if anyNull(args) {
			return nil, nil
		}
		return fn(args)
	}
}

func asString(v driver.Value) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return formatFloat(x)
	}
	return fmt.Sprint(v)
}

func asInt(v driver.Value) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case float64:
		return int64(x)
	case string:
		n, _ := strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		return n
	}
	return 0
}

func asFloat(v driver.Value) float64 {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case float64:
		return x
	case string:
		f, _ := strconv.ParseFloat(x, 64)
		return f
	}
	return 0
}

func asNum(v driver.Value) (decimal.Decimal, error) {
	switch x := v.(type) {
	case int64:
		return decimal.NewFromInt(x), nil
	case float64:
		return decimal.NewFromFloat(x), nil
	}
	return parseNumeric(asString(v))
}

func numFn2(f func(a, b decimal.Decimal) (decimal.Decimal, error)) scalarFn {
	return strict(func(args []driver.Value) (driver.Value, error) {
		a, err := asNum(args[0])
		if err != nil {
			return nil, err
		}
		b, err := asNum(args[1])
		if err != nil {
			return nil, err
		}
		r, err := f(a, b)
		if err != nil {
			return nil, err
		}
		return numText(r), nil
	})
}

var regexCache sync.Map

func compileRegex(p, flags string) (*regexp.Regexp, error) {
	key := flags + "\x00" + p
	if r, ok := regexCache.Load(key); ok {
		return r.(*regexp.Regexp), nil
	}
	src := pgRegexToGo(p)
	if strings.Contains(flags, "i") {
		src = "(?i)" + src
	}
	r, err := regexp.Compile(src)
	if err != nil {
		return nil, fmt.Errorf("localsql: invalid regular expression: %v", err)
	}
	regexCache.Store(key, r)
	return r, nil
}

// likeMatch is PostgreSQL's LIKE: % any run, _ one character, esc escapes.
func likeMatch(s, p string, esc rune, fold bool) bool {
	if fold {
		s, p = strings.ToLower(s), strings.ToLower(p)
	}
	sr, pr := []rune(s), []rune(p)
	var match func(i, j int) bool
	match = func(i, j int) bool {
		for j < len(pr) {
			c := pr[j]
			switch {
			case c == esc && esc != 0:
				j++
				if j >= len(pr) {
					return false
				}
				if i >= len(sr) || sr[i] != pr[j] {
					return false
				}
				i++
				j++
			case c == '%':
				for j < len(pr) && pr[j] == '%' {
					j++
				}
				if j == len(pr) {
					return true
				}
				for k := i; k <= len(sr); k++ {
					if match(k, j) {
						return true
					}
				}
				return false
			case c == '_':
				if i >= len(sr) {
					return false
				}
				i++
				j++
			default:
				if i >= len(sr) || sr[i] != c {
					return false
				}
				i++
				j++
			}
		}
		return i == len(sr)
	}
	return match(0, 0)
}

func likeFn(fold bool) scalarFn {
	return strict(func(args []driver.Value) (driver.Value, error) {
		esc := rune(0)
		if e := asString(args[2]); e != "" {
			esc, _ = utf8.DecodeRuneInString(e)
		}
		return b2i(likeMatch(asString(args[0]), asString(args[1]), esc, fold)), nil
	})
}

func checkIntOID(n int64, oid int64) (driver.Value, error) {
	if err := checkIntRange(n, Type{OID: uint32(oid)}); err != nil {
		return nil, err
	}
	return n, nil
}

// compareStorage orders two non-NULL storage values of one storage class.
func compareStorage(st storage, a, b driver.Value) int {
	switch st {
	case stNumeric:
		return numCollate(asString(a), asString(b))
	case stInt, stBool, stDate, stTS, stTime:
		return cmp.Compare(asInt(a), asInt(b))
	case stFloat:
		// not cmp.Compare: it orders NaN, this treats it as equal to all
		x, y := asFloat(a), asFloat(b)
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	}
	return strings.Compare(asString(a), asString(b))
}

func minMax(greatest bool) scalarFn {
	return func(args []driver.Value) (driver.Value, error) {
		st := storage(asInt(args[0]))
		var best driver.Value
		for _, a := range args[1:] {
			if a == nil {
				continue
			}
			if best == nil {
				best = a
				continue
			}
			c := compareStorage(st, a, best)
			if (greatest && c > 0) || (!greatest && c < 0) {
				best = a
			}
		}
		return best, nil
	}
}

func floatFn(f func(float64) (float64, error)) scalarFn {
	return strict(func(args []driver.Value) (driver.Value, error) {
		return f(asFloat(args[0]))
	})
}

func numFn1(f func(decimal.Decimal) decimal.Decimal) scalarFn {
	return strict(func(args []driver.Value) (driver.Value, error) {
		a, err := asNum(args[0])
		if err != nil {
			return nil, err
		}
		return numText(f(a)), nil
	})
}

func init() {
	def("pg_in", 4, strict(func(a []driver.Value) (driver.Value, error) {
		return parseTextIn(asString(a[0]), Type{uint32(asInt(a[1])), int32(asInt(a[2]))}, asString(a[3]))
	}))
	def("pg_out", 3, strict(func(a []driver.Value) (driver.Value, error) {
		if uint32(asInt(a[1])) == OIDTimestamptz {
			loc, err := location(asString(a[2]))
			if err != nil {
				return nil, err
			}
			return formatTimestampIn(asInt(a[0]), loc), nil
		}
		return outText(a[0], uint32(asInt(a[1])))
	}))
	def("pg_int_range", 2, strict(func(a []driver.Value) (driver.Value, error) {
		if _, ok := a[0].(float64); ok {
			return nil, fmt.Errorf("localsql: bigint out of range")
		}
		return checkIntOID(asInt(a[0]), asInt(a[1]))
	}))
	def("pg_int_div", 2, strict(func(a []driver.Value) (driver.Value, error) {
		d := asInt(a[1])
		if d == 0 {
			return nil, fmt.Errorf("localsql: division by zero")
		}
		return asInt(a[0]) / d, nil
	}))
	def("pg_int_mod", 2, strict(func(a []driver.Value) (driver.Value, error) {
		d := asInt(a[1])
		if d == 0 {
			return nil, fmt.Errorf("localsql: division by zero")
		}
		return asInt(a[0]) % d, nil
	}))
	def("pg_float_div", 2, strict(func(a []driver.Value) (driver.Value, error) {
		d := asFloat(a[1])
		if d == 0 {
			return nil, fmt.Errorf("localsql: division by zero")
		}
		return asFloat(a[0]) / d, nil
	}))
	def("pg_num_add", 2, numFn2(func(a, b decimal.Decimal) (decimal.Decimal, error) { return a.Add(b), nil }))
	def("pg_num_sub", 2, numFn2(func(a, b decimal.Decimal) (decimal.Decimal, error) { return a.Sub(b), nil }))
	def("pg_num_mul", 2, numFn2(func(a, b decimal.Decimal) (decimal.Decimal, error) { return a.Mul(b), nil }))
	def("pg_num_div", 2, numFn2(numDiv))
	def("pg_num_mod", 2, numFn2(func(a, b decimal.Decimal) (decimal.Decimal, error) {
		if b.IsZero() {
			return decimal.Decimal{}, fmt.Errorf("localsql: division by zero")
		}
		q := a.Div(b).Truncate(0)
		r := a.Sub(q.Mul(b))
		return r.Round(-min(a.Exponent(), b.Exponent(), 0)), nil
	}))
	def("pg_num_divint", 2, numFn2(func(a, b decimal.Decimal) (decimal.Decimal, error) {
		if b.IsZero() {
			return decimal.Decimal{}, fmt.Errorf("localsql: division by zero")
		}
		return a.Div(b).Truncate(0), nil
	}))
	def("pg_to_char_num", 2, strict(func(a []driver.Value) (driver.Value, error) {
		d, err := asNum(a[0])
		if err != nil {
			return nil, err
		}
		return toCharNumber(d, asString(a[1])), nil
	}))
	def("pg_num_sqrt", 1, strict(func(a []driver.Value) (driver.Value, error) {
		d, err := asNum(a[0])
		if err != nil {
			return nil, err
		}
		r, err := numSqrt(d)
		if err != nil {
			return nil, err
		}
		return numText(r), nil
	}))
	def("pg_num_power", 2, numFn2(numPower))
	def("pg_num_neg", 1, numFn1(func(a decimal.Decimal) decimal.Decimal { return a.Neg() }))
	def("pg_num_round", 2, strict(func(a []driver.Value) (driver.Value, error) {
		d, err := asNum(a[0])
		if err != nil {
			return nil, err
		}
		return numText(roundHalfAway(d, int32(asInt(a[1])))), nil
	}))
	def("pg_num_typmod", 3, strict(func(a []driver.Value) (driver.Value, error) {
		d, err := asNum(a[0])
		if err != nil {
			return nil, err
		}
		r, err := numericTypmod(d, int(asInt(a[1])), int(asInt(a[2])))
		if err != nil {
			return nil, err
		}
		return numText(r), nil
	}))
	def("pg_num_trunc", 2, strict(func(a []driver.Value) (driver.Value, error) {
		d, err := asNum(a[0])
		if err != nil {
			return nil, err
		}
		p := int32(asInt(a[1]))
		r := d.Truncate(max(p, 0))
		if p >= 0 {
			r = r.Round(p)
		}
		return numText(r), nil
	}))
	def("pg_num_ceil", 1, numFn1(func(a decimal.Decimal) decimal.Decimal { return a.Ceil() }))
	def("pg_num_floor", 1, numFn1(func(a decimal.Decimal) decimal.Decimal { return a.Floor() }))
	def("pg_num_sign", 1, numFn1(func(a decimal.Decimal) decimal.Decimal { return decimal.NewFromInt(int64(a.Sign())) }))
	def("pg_num_to_int", 2, strict(func(a []driver.Value) (driver.Value, error) {
		d, err := asNum(a[0])
		if err != nil {
			return nil, err
		}
		r := d.Round(0)
		if !r.IsInteger() || r.Abs().GreaterThan(decimal.NewFromInt(math.MaxInt64)) {
			return nil, fmt.Errorf("localsql: bigint out of range")
		}
		return checkIntOID(r.IntPart(), asInt(a[1]))
	}))
	def("pg_float_to_int", 2, strict(func(a []driver.Value) (driver.Value, error) {
		f := math.RoundToEven(asFloat(a[0]))
		if math.IsNaN(f) || math.Abs(f) > 9.2e18 {
			return nil, fmt.Errorf("localsql: bigint out of range")
		}
		return checkIntOID(int64(f), asInt(a[1]))
	}))
	def("pg_float_to_num", 2, strict(func(a []driver.Value) (driver.Value, error) {
		f := asFloat(a[0])
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("localsql: cannot convert %v to numeric", f)
		}
		// PostgreSQL keeps DBL_DIG (15) significant digits
		d, err := decimal.NewFromString(strconv.FormatFloat(f, 'g', 15, 64))
		if err != nil {
			return nil, err
		}
		if d.Exponent() > 0 {
			d = d.Round(0)
		}
		if s := asInt(a[1]); s >= 0 {
			d = roundHalfAway(d, int32(s))
		}
		return numText(d), nil
	}))
	def("pg_abs", 2, strict(func(a []driver.Value) (driver.Value, error) {
		switch storage(asInt(a[1])) {
		case stNumeric:
			d, err := asNum(a[0])
			if err != nil {
				return nil, err
			}
			return numText(d.Abs()), nil
		case stFloat:
			return math.Abs(asFloat(a[0])), nil
		}
		n := asInt(a[0])
		if n < 0 {
			n = -n
		}
		return n, nil
	}))
	def("pg_float_round", 1, floatFn(func(f float64) (float64, error) { return math.RoundToEven(f), nil }))
	def("pg_float_trunc", 1, floatFn(func(f float64) (float64, error) { return math.Trunc(f), nil }))
	def("pg_float_ceil", 1, floatFn(func(f float64) (float64, error) { return math.Ceil(f), nil }))
	def("pg_float_floor", 1, floatFn(func(f float64) (float64, error) { return math.Floor(f), nil }))
	def("pg_float_sign", 1, floatFn(func(f float64) (float64, error) {
		switch {
		case f > 0:
			return 1, nil
		case f < 0:
			return -1, nil
		}
		return 0, nil
	}))
	def("pg_float_sqrt", 1, floatFn(func(f float64) (float64, error) {
		if f < 0 {
			return 0, fmt.Errorf("localsql: cannot take square root of a negative number")
		}
		return math.Sqrt(f), nil
	}))
	def("pg_float_cbrt", 1, floatFn(func(f float64) (float64, error) { return math.Cbrt(f), nil }))
	def("pg_float_exp", 1, floatFn(func(f float64) (float64, error) { return math.Exp(f), nil }))
	def("pg_float_ln", 1, floatFn(func(f float64) (float64, error) {
		if f <= 0 {
			return 0, fmt.Errorf("localsql: cannot take logarithm of a non-positive number")
		}
		return math.Log(f), nil
	}))
	def("pg_float_log", 1, floatFn(func(f float64) (float64, error) {
		if f <= 0 {
			return 0, fmt.Errorf("localsql: cannot take logarithm of a non-positive number")
		}
		return math.Log10(f), nil
	}))
	def("pg_float_power", 2, strict(func(a []driver.Value) (driver.Value, error) {
		return math.Pow(asFloat(a[0]), asFloat(a[1])), nil
	}))
	def("pg_pi", 0, func([]driver.Value) (driver.Value, error) { return math.Pi, nil })
	def("pg_greatest", -1, minMax(true))
	def("pg_least", -1, minMax(false))
	def("pg_like", 3, likeFn(false))
	def("pg_ilike", 3, likeFn(true))
	def("pg_regex", 3, strict(func(a []driver.Value) (driver.Value, error) {
		r, err := compileRegex(asString(a[1]), asString(a[2]))
		if err != nil {
			return nil, err
		}
		return b2i(r.MatchString(asString(a[0]))), nil
	}))
	def("pg_regexp_replace", -1, strict(func(a []driver.Value) (driver.Value, error) {
		flags := ""
		if len(a) > 3 {
			flags = asString(a[3])
		}
		r, err := compileRegex(asString(a[1]), flags)
		if err != nil {
			return nil, err
		}
		repl := pgReplacement(asString(a[2]))
		s := asString(a[0])
		if strings.Contains(flags, "g") {
			return r.ReplaceAllString(s, repl), nil
		}
		loc := r.FindStringSubmatchIndex(s)
		if loc == nil {
			return s, nil
		}
		var out []byte
		out = r.ExpandString(out, repl, s, loc)
		return s[:loc[0]] + string(out) + s[loc[1]:], nil
	}))
	def("pg_upper", 1, strict(func(a []driver.Value) (driver.Value, error) { return strings.ToUpper(asString(a[0])), nil }))
	def("pg_lower", 1, strict(func(a []driver.Value) (driver.Value, error) { return strings.ToLower(asString(a[0])), nil }))
	def("pg_octet_length", 1, strict(func(a []driver.Value) (driver.Value, error) { return int64(len(asString(a[0]))), nil }))
	def("pg_substr", -1, strict(func(a []driver.Value) (driver.Value, error) {
		r := []rune(asString(a[0]))
		start := asInt(a[1])
		end := int64(len(r)) + 1
		if len(a) > 2 {
			l := asInt(a[2])
			if l < 0 {
				return nil, fmt.Errorf("localsql: negative substring length not allowed")
			}
			end = start + l
		}
		if start < 1 {
			start = 1
		}
		if end > int64(len(r))+1 {
			end = int64(len(r)) + 1
		}
		if start >= end {
			return "", nil
		}
		return string(r[start-1 : end-1]), nil
	}))
	def("pg_left", 2, strict(func(a []driver.Value) (driver.Value, error) {
		r := []rune(asString(a[0]))
		n := int(asInt(a[1]))
		if n < 0 {
			n = max(len(r)+n, 0)
		}
		return string(r[:min(n, len(r))]), nil
	}))
	def("pg_right", 2, strict(func(a []driver.Value) (driver.Value, error) {
		r := []rune(asString(a[0]))
		n := int(asInt(a[1]))
		if n < 0 {
			n = max(len(r)+n, 0)
		}
		n = min(n, len(r))
		return string(r[len(r)-n:]), nil
	}))
	pad := func(left bool) scalarFn {
		return strict(func(a []driver.Value) (driver.Value, error) {
			r := []rune(asString(a[0]))
			n := int(asInt(a[1]))
			fill := []rune(" ")
			if len(a) > 2 {
				fill = []rune(asString(a[2]))
			}
			if n <= len(r) || len(fill) == 0 {
				return string(r[:max(min(n, len(r)), 0)]), nil
			}
			p := make([]rune, 0, n-len(r))
			for i := 0; len(p) < n-len(r); i++ {
				p = append(p, fill[i%len(fill)])
			}
			if left {
				return string(p) + string(r), nil
			}
			return string(r) + string(p), nil
		})
	}
	def("pg_lpad", -1, pad(true))
	def("pg_rpad", -1, pad(false))
	def("pg_repeat", 2, strict(func(a []driver.Value) (driver.Value, error) {
		n := asInt(a[1])
		if n <= 0 {
			return "", nil
		}
		return strings.Repeat(asString(a[0]), int(n)), nil
	}))
	def("pg_reverse", 1, strict(func(a []driver.Value) (driver.Value, error) {
		r := []rune(asString(a[0]))
		for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
			r[i], r[j] = r[j], r[i]
		}
		return string(r), nil
	}))
	def("pg_initcap", 1, strict(func(a []driver.Value) (driver.Value, error) {
		var b strings.Builder
		prevAlnum := false
		for _, c := range asString(a[0]) {
			if prevAlnum {
				b.WriteRune(unicode.ToLower(c))
			} else {
				b.WriteRune(unicode.ToUpper(c))
			}
			prevAlnum = unicode.IsLetter(c) || unicode.IsDigit(c)
		}
		return b.String(), nil
	}))
	def("pg_split_part", 3, strict(func(a []driver.Value) (driver.Value, error) {
		s, sep, n := asString(a[0]), asString(a[1]), int(asInt(a[2]))
		if n == 0 {
			return nil, fmt.Errorf("localsql: field position must not be zero")
		}
		var parts []string
		if sep == "" {
			parts = []string{s}
		} else {
			parts = strings.Split(s, sep)
		}
		if n < 0 {
			n = len(parts) + n + 1
		}
		if n < 1 || n > len(parts) {
			return "", nil
		}
		return parts[n-1], nil
	}))
	def("pg_concat", -1, func(a []driver.Value) (driver.Value, error) {
		var b strings.Builder
		for _, v := range a {
			if v != nil {
				b.WriteString(asString(v))
			}
		}
		return b.String(), nil
	})
	def("pg_concat_ws", -1, func(a []driver.Value) (driver.Value, error) {
		if len(a) == 0 || a[0] == nil {
			return nil, nil
		}
		var parts []string
		for _, v := range a[1:] {
			if v != nil {
				parts = append(parts, asString(v))
			}
		}
		return strings.Join(parts, asString(a[0])), nil
	})
	def("pg_md5", 1, strict(func(a []driver.Value) (driver.Value, error) {
		h := md5.Sum([]byte(asString(a[0])))
		return hex.EncodeToString(h[:]), nil
	}))
	def("pg_chr", 1, strict(func(a []driver.Value) (driver.Value, error) {
		n := asInt(a[0])
		if n <= 0 || n > unicode.MaxRune {
			return nil, fmt.Errorf("localsql: requested character not valid")
		}
		return string(rune(n)), nil
	}))
	def("pg_ascii", 1, strict(func(a []driver.Value) (driver.Value, error) {
		s := asString(a[0])
		if s == "" {
			return int64(0), nil
		}
		r, _ := utf8.DecodeRuneInString(s)
		return int64(r), nil
	}))
	def("pg_translate", 3, strict(func(a []driver.Value) (driver.Value, error) {
		from, to := []rune(asString(a[1])), []rune(asString(a[2]))
		var b strings.Builder
		for _, c := range asString(a[0]) {
			idx := -1
			for i, f := range from {
				if f == c {
					idx = i
					break
				}
			}
			switch {
			case idx < 0:
				b.WriteRune(c)
			case idx < len(to):
				b.WriteRune(to[idx])
			}
		}
		return b.String(), nil
	}))
	def("pg_starts_with", 2, strict(func(a []driver.Value) (driver.Value, error) {
		return b2i(strings.HasPrefix(asString(a[0]), asString(a[1]))), nil
	}))
	def("pg_quote_ident", 1, strict(func(a []driver.Value) (driver.Value, error) { return quoteIdentPG(asString(a[0])), nil }))
	def("pg_quote_literal", 1, strict(func(a []driver.Value) (driver.Value, error) {
		s := asString(a[0])
		q := "'" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "'", "''") + "'"
		if strings.Contains(s, `\`) {
			q = "E" + q
		}
		return q, nil
	}))
	def("pg_to_hex", 1, strict(func(a []driver.Value) (driver.Value, error) {
		return strconv.FormatUint(uint64(uint32(asInt(a[0]))), 16), nil
	}))
	def("pg_make_date", 3, strict(func(a []driver.Value) (driver.Value, error) {
		y, m, d := int(asInt(a[0])), int(asInt(a[1])), int(asInt(a[2]))
		if m < 1 || m > 12 || d < 1 || d > 31 {
			return nil, fmt.Errorf("localsql: date field value out of range: %d-%02d-%02d", y, m, d)
		}
		days := civilDays(y, monthOf(m), d)
		if formatDate(days) != fmt.Sprintf("%04d-%02d-%02d", y, m, d) {
			return nil, fmt.Errorf("localsql: date field value out of range: %d-%02d-%02d", y, m, d)
		}
		return days, nil
	}))
	defDateTime()
}

// pgReplacement turns PostgreSQL's \1 and \& into Go's ${1} and ${0}.
func pgReplacement(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			n := s[i+1]
			switch {
			case n >= '0' && n <= '9':
				b.WriteString("${" + string(n) + "}")
				i++
				continue
			case n == '&':
				b.WriteString("${0}")
				i++
				continue
			case n == '\\':
				b.WriteByte('\\')
				i++
				continue
			}
		}
		if c == '$' {
			b.WriteString("$$")
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// quoteIdentPG is PostgreSQL's quote_ident.
func quoteIdentPG(s string) string {
	safe := s != "" && (s[0] == '_' || (s[0] >= 'a' && s[0] <= 'z'))
	for _, c := range s {
		if !(c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			safe = false
		}
	}
	if safe && !reservedWords[s] {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

var reservedWords = map[string]bool{
	"all": true, "analyse": true, "analyze": true, "and": true, "any": true, "array": true, "as": true, "asc": true,
	"asymmetric": true, "both": true, "case": true, "cast": true, "check": true, "collate": true, "column": true,
	"constraint": true, "create": true, "current_catalog": true, "current_date": true, "current_role": true,
	"current_time": true, "current_timestamp": true, "current_user": true, "default": true, "deferrable": true,
	"desc": true, "distinct": true, "do": true, "else": true, "end": true, "except": true, "false": true,
	"fetch": true, "for": true, "foreign": true, "from": true, "grant": true, "group": true, "having": true,
	"in": true, "initially": true, "intersect": true, "into": true, "lateral": true, "leading": true, "limit": true,
	"localtime": true, "localtimestamp": true, "not": true, "null": true, "offset": true, "on": true, "only": true,
	"or": true, "order": true, "placing": true, "primary": true, "references": true, "returning": true,
	"select": true, "session_user": true, "some": true, "symmetric": true, "table": true, "then": true, "to": true,
	"trailing": true, "true": true, "union": true, "unique": true, "user": true, "using": true, "variadic": true,
	"when": true, "where": true, "window": true, "with": true,
}

// outText renders a storage value as PostgreSQL text (casts to text).
func outText(v driver.Value, oid uint32) (driver.Value, error) {
	switch oid {
	case OIDBool:
		return boolText(asInt(v) != 0), nil
	case OIDFloat4, OIDFloat8:
		return formatFloat(asFloat(v)), nil
	case OIDDate:
		return formatDate(asInt(v)), nil
	case OIDTimestamp:
		return formatTimestamp(asInt(v), false), nil
	case OIDTimestamptz:
		return formatTimestamp(asInt(v), true), nil
	case OIDTime:
		return formatTime(asInt(v)), nil
	case OIDInterval:
		iv, err := parseIntervalStorage(asString(v))
		if err != nil {
			return nil, err
		}
		return iv.String(), nil
	}
	return asString(v), nil
}

// numAgg is the numeric sum/avg aggregate (exact; avg divides with
// PostgreSQL's division scale).
type numAgg struct {
	avg   bool
	sum   decimal.Decimal
	count int64
	scale int32
	// scales counts the inputs of each display scale, so removing a row
	// from a window frame restores the right result scale
	scales map[int32]int64
}

// step adds (sign 1) or removes (sign -1, leaving a window frame) one input.
func (a *numAgg) step(v driver.Value, sign int64) error {
	if v == nil {
		return nil
	}
	d, err := asNum(v)
	if err != nil {
		return err
	}
	if a.scales == nil {
		a.scales = map[int32]int64{}
	}
	a.scales[scaleOf(d)] += sign
	if sign < 0 {
		d = d.Neg()
	}
	a.sum = a.sum.Add(d)
	a.count += sign
	return nil
}

func (a *numAgg) Step(_ *sqlite.FunctionContext, args []driver.Value) error {
	return a.step(args[0], 1)
}

func (a *numAgg) WindowInverse(_ *sqlite.FunctionContext, args []driver.Value) error {
	return a.step(args[0], -1)
}

func (a *numAgg) WindowValue(_ *sqlite.FunctionContext) (driver.Value, error) {
	if a.count == 0 {
		return nil, nil
	}
	var sc int32
	for s, n := range a.scales {
		if n > 0 && s > sc {
			sc = s
		}
	}
	sum := a.sum.Round(sc)
	if !a.avg {
		return numText(sum), nil
	}
	q, err := numDiv(sum, decimal.NewFromInt(a.count))
	if err != nil {
		return nil, err
	}
	return numText(q), nil
}

func (a *numAgg) Final(_ *sqlite.FunctionContext) {}

func monthOf(m int) time.Month { return time.Month(m) }

// pgRegexToGo adapts a PostgreSQL ARE to Go's RE2 syntax: word classes are
// Unicode-aware in PostgreSQL (UTF-8 locale), ASCII-only in Go; \m, \M and
// \y are word boundaries.
func pgRegexToGo(p string) string {
	var b strings.Builder
	inClass := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '\\' && i+1 < len(p) {
			n := p[i+1]
			i++
			switch {
			case n == 'w' && inClass:
				b.WriteString(`\p{L}\p{N}_`)
			case n == 'w':
				b.WriteString(`[\p{L}\p{N}_]`)
			case n == 'W' && !inClass:
				b.WriteString(`[^\p{L}\p{N}_]`)
			case (n == 'm' || n == 'M' || n == 'y') && !inClass:
				b.WriteString(`\b`)
			default:
				b.WriteByte('\\')
				b.WriteByte(n)
			}
			continue
		}
		switch {
		case c == '[' && !inClass:
			inClass = true
			b.WriteByte(c)
			// a ']' right after '[' or '[^' is literal
			if i+1 < len(p) && p[i+1] == '^' {
				b.WriteByte('^')
				i++
			}
			if i+1 < len(p) && p[i+1] == ']' {
				b.WriteString(`\]`)
				i++
			}
			continue
		case c == '[' && inClass && i+1 < len(p) && p[i+1] == ':':
			if j := strings.Index(p[i:], ":]"); j > 0 {
				b.WriteString(p[i : i+j+2])
				i += j + 1
				continue
			}
		case c == ']' && inClass:
			inClass = false
		}
		b.WriteByte(c)
	}
	return b.String()
}

func init() {
	// pg_series(start, stop, step) is generate_series as a JSON array, for json_each.
	def("pg_series", 3, strict(func(a []driver.Value) (driver.Value, error) {
		start, stop, step := asInt(a[0]), asInt(a[1]), asInt(a[2])
		if step == 0 {
			return nil, fmt.Errorf("localsql: step size cannot equal zero")
		}
		var b strings.Builder
		b.WriteByte('[')
		n := 0
		for v := start; (step > 0 && v <= stop) || (step < 0 && v >= stop); v += step {
			if n > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.FormatInt(v, 10))
			if n++; n > 10_000_000 {
				return nil, fmt.Errorf("localsql: generate_series too long")
			}
		}
		b.WriteByte(']')
		return b.String(), nil
	}))
	def("pg_json_join", 2, func(a []driver.Value) (driver.Value, error) {
		if a[0] == nil {
			return nil, nil
		}
		var vals []*string
		if err := json.Unmarshal([]byte(asString(a[0])), &vals); err != nil {
			return nil, err
		}
		var parts []string
		for _, v := range vals {
			if v != nil {
				parts = append(parts, *v)
			}
		}
		if len(parts) == 0 {
			return nil, nil
		}
		sep := ""
		if a[1] != nil {
			sep = asString(a[1])
		}
		return strings.Join(parts, sep), nil
	})
	def("pg_json_get", 3, strict(func(a []driver.Value) (driver.Value, error) {
		var doc any
		d := json.NewDecoder(strings.NewReader(asString(a[0])))
		d.UseNumber()
		if err := d.Decode(&doc); err != nil {
			return nil, fmt.Errorf("localsql: invalid input syntax for type json")
		}
		var v any
		found := false
		switch k := a[1].(type) {
		case int64:
			if arr, ok := doc.([]any); ok {
				if k < 0 {
					k += int64(len(arr))
				}
				if k >= 0 && k < int64(len(arr)) {
					v, found = arr[k], true
				}
			}
		default:
			if obj, ok := doc.(map[string]any); ok {
				v, found = obj[asString(k)]
			}
		}
		if !found {
			return nil, nil
		}
		if asInt(a[2]) == 1 {
			switch x := v.(type) {
			case nil:
				return nil, nil
			case string:
				return x, nil
			case json.Number:
				return x.String(), nil
			case bool:
				return boolText(x), nil
			}
		}
		b, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		return string(b), nil
	}))
	def("pg_similar", 3, func(a []driver.Value) (driver.Value, error) {
		if a[0] == nil || a[1] == nil {
			return nil, nil
		}
		esc := `\`
		if a[2] != nil {
			esc = asString(a[2])
		}
		r, err := compileRegex(similarToRegex(asString(a[1]), esc), "")
		if err != nil {
			return nil, err
		}
		return b2i(r.MatchString(asString(a[0]))), nil
	})
	def("pg_string_to_array", 3, func(a []driver.Value) (driver.Value, error) {
		if a[0] == nil {
			return nil, nil
		}
		str := asString(a[0])
		var parts []string
		switch {
		case str == "":
			parts = []string{}
		case a[1] == nil:
			for _, r := range str {
				parts = append(parts, string(r))
			}
		case asString(a[1]) == "":
			parts = []string{str}
		default:
			parts = strings.Split(str, asString(a[1]))
		}
		out := make([]any, len(parts))
		for i, p := range parts {
			out[i] = p
			if a[2] != nil && p == asString(a[2]) {
				out[i] = nil // the null string
			}
		}
		b, err := json.Marshal(out)
		return string(b), err
	})
	def("pg_regexp_split", 3, func(a []driver.Value) (driver.Value, error) {
		if a[0] == nil || a[1] == nil {
			return nil, nil
		}
		flags := ""
		if a[2] != nil {
			flags = asString(a[2])
		}
		r, err := compileRegex(asString(a[1]), flags)
		if err != nil {
			return nil, err
		}
		b, err := json.Marshal(r.Split(asString(a[0]), -1))
		return string(b), err
	})
	def("pg_regexp_match", 3, strict(func(a []driver.Value) (driver.Value, error) {
		r, err := compileRegex(asString(a[1]), asString(a[2]))
		if err != nil {
			return nil, err
		}
		m := r.FindStringSubmatch(asString(a[0]))
		if m == nil {
			return nil, nil
		}
		if len(m) > 1 {
			m = m[1:] // with groups, the groups; without, the whole match
		}
		b, err := json.Marshal(m)
		return string(b), err
	}))
	def("pg_array_cat", 2, func(a []driver.Value) (driver.Value, error) {
		if a[0] == nil {
			return a[1], nil
		}
		if a[1] == nil {
			return a[0], nil
		}
		l, r := strings.TrimSpace(asString(a[0])), strings.TrimSpace(asString(a[1]))
		switch {
		case l == "[]":
			return r, nil
		case r == "[]":
			return l, nil
		}
		return l[:len(l)-1] + "," + r[1:], nil
	})
}

// similarToRegex turns a SQL SIMILAR TO pattern into an anchored regular
// expression: % and _ are wildcards, | * + ? {} () [] keep their regex
// meaning, everything else is literal.
func similarToRegex(p, esc string) string {
	var b strings.Builder
	b.WriteString("^(?:")
	escR, _ := utf8.DecodeRuneInString(esc)
	inClass := false
	rs := []rune(p)
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch {
		case esc != "" && c == escR && i+1 < len(rs):
			i++
			b.WriteString(regexp.QuoteMeta(string(rs[i])))
		case inClass:
			if c == ']' {
				inClass = false
			}
			b.WriteRune(c)
		case c == '[':
			inClass = true
			b.WriteRune(c)
		case c == '%':
			b.WriteString("(?s:.*)")
		case c == '_':
			b.WriteString("(?s:.)")
		case strings.ContainsRune("|*+?{}()", c):
			b.WriteRune(c)
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString(")$")
	return b.String()
}
