package emulator

import (
	"math"
	"strconv"
	"strings"
)

// appendValue appends the JSON rendering of a stored value of field f (as
// scanned from SQLite: nil, int64, float64, string or []byte), per spec
// §0.4: booleans never null, numbers of type double/currency/percent with a
// fraction (543210.0), datetimes with +0000, base64 as the URL of the blob
// (recordURL is the record's /services/data/vNN.0/sobjects/X/{id}).
func appendValue(b []byte, f *field, v any, recordURL string) []byte {
	if f.Type == "boolean" {
		return strconv.AppendBool(b, truthy(v))
	}
	if v == nil {
		return append(b, "null"...)
	}
	switch f.Type {
	case "int":
		switch n := v.(type) {
		case int64:
			return strconv.AppendInt(b, n, 10)
		case float64:
			return strconv.AppendInt(b, int64(n), 10)
		}
	case "double", "currency", "percent":
		switch n := v.(type) {
		case float64:
			return appendDouble(b, n)
		case int64:
			return appendDouble(b, float64(n))
		}
	case "datetime":
		if s, ok := v.(string); ok {
			return strconv.AppendQuote(b, wireDateTime(s))
		}
	case "base64":
		return appendJSONString(b, recordURL+"/"+f.Name)
	}
	switch x := v.(type) {
	case string:
		return appendJSONString(b, x)
	case []byte:
		return appendJSONString(b, string(x))
	case int64:
		return appendJSONString(b, strconv.FormatInt(x, 10))
	case float64:
		return appendDouble(b, x)
	}
	return append(b, "null"...)
}

func truthy(v any) bool {
	switch x := v.(type) {
	case int64:
		return x != 0
	case bool:
		return x
	case float64:
		return x != 0
	case string:
		return x == "1" || x == "true"
	}
	return false
}

// wireDateTime turns the stored 2026-01-05T09:00:00.000Z into Salesforce's
// 2026-01-05T09:00:00.000+0000.
func wireDateTime(stored string) string {
	if s, ok := strings.CutSuffix(stored, "Z"); ok {
		return s + "+0000"
	}
	return stored
}

// appendDouble renders a double the way Salesforce (Java's Double.toString)
// does: 23.0, 0.25, and scientific notation from 1e7 on (5.6E9).
func appendDouble(b []byte, x float64) []byte {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return append(b, "null"...)
	}
	abs := math.Abs(x)
	if abs != 0 && (abs >= 1e7 || abs < 1e-3) {
		s := strconv.FormatFloat(x, 'E', -1, 64) // 5.6E+09
		mant, exp, _ := strings.Cut(s, "E")
		if !strings.Contains(mant, ".") {
			mant += ".0"
		}
		exp = strings.TrimPrefix(exp, "+")
		neg := strings.HasPrefix(exp, "-")
		exp = strings.TrimLeft(strings.TrimPrefix(exp, "-"), "0")
		if neg {
			exp = "-" + exp
		}
		return append(append(append(b, mant...), 'E'), exp...)
	}
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return append(b, s...)
}

// appendJSONString appends s as a JSON string without HTML escaping.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c == '\t':
			b = append(b, '\\', 't')
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
