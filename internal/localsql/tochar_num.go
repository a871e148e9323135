package localsql

import (
	"strings"

	"github.com/shopspring/decimal"
)

// toCharNumber is to_char(number, format) for the common template
// patterns: 9 and 0 digits, . and D decimal point, , and G group
// separators, a leading FM (no padding, no trailing zeros in 9 places).
func toCharNumber(v decimal.Decimal, format string) string {
	fm := false
	f := format
	if strings.HasPrefix(strings.ToUpper(f), "FM") {
		fm, f = true, f[2:]
	}
	intPart, fracPart := f, ""
	if i := strings.IndexAny(f, ".Dd"); i >= 0 {
		intPart, fracPart = f[:i], f[i+1:]
	}
	hasPoint := len(intPart) < len(f)
	fracDigits := 0
	for _, c := range fracPart {
		if c == '9' || c == '0' {
			fracDigits++
		}
	}
	intDigits := 0
	for _, c := range intPart {
		if c == '9' || c == '0' {
			intDigits++
		}
	}
	r := roundHalfAway(v.Abs(), int32(fracDigits))
	s := r.StringFixed(int32(fracDigits))
	ip, fp, _ := strings.Cut(s, ".")
	if ip == "0" && intDigits > 0 && !strings.Contains(intPart, "0") {
		ip = "" // 0.5 with 999.99 prints " .50" unless a 0 pattern forces the zero
	}
	if len(ip) > intDigits {
		// too many digits: PostgreSQL fills the field with #
		var b strings.Builder
		b.WriteByte(' ')
		for _, c := range f {
			switch c {
			case '9', '0':
				b.WriteByte('#')
			case '.', 'D', 'd':
				b.WriteByte('.')
			default:
				b.WriteByte(byte(c))
			}
		}
		return b.String()
	}
	// integer part, right to left over the pattern
	out := make([]byte, 0, len(intPart)+1)
	di := len(ip) - 1
	firstZero := strings.IndexByte(intPart, '0')
	for i := len(intPart) - 1; i >= 0; i-- {
		c := intPart[i]
		switch c {
		case '9', '0':
			switch {
			case di >= 0:
				out = append(out, ip[di])
				di--
			case c == '0' || (firstZero >= 0 && i >= firstZero):
				out = append(out, '0')
			default:
				out = append(out, ' ')
			}
		case ',', 'G', 'g':
			if di >= 0 || (firstZero >= 0 && i > firstZero) {
				out = append(out, ',')
			} else {
				out = append(out, ' ')
			}
		default:
			out = append(out, c)
		}
	}
	// the sign sits just left of the first digit
	sign := byte(' ')
	if v.Sign() < 0 {
		sign = '-'
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	intStr := string(out)
	lead := len(intStr) - len(strings.TrimLeft(intStr, " "))
	intStr = intStr[:lead] + string(sign) + intStr[lead:]
	res := intStr
	if hasPoint {
		frac := []byte{}
		k := 0
		for _, c := range fracPart {
			if c == '9' || c == '0' {
				frac = append(frac, fp[k])
				k++
			} else {
				frac = append(frac, byte(c))
			}
		}
		if fm {
			// FM drops trailing zeros standing in 9 places
			for i := len(fracPart) - 1; i >= 0 && fracPart[i] == '9' && len(frac) > 0 && frac[len(frac)-1] == '0'; i-- {
				frac = frac[:len(frac)-1]
			}
		}
		res += "." + string(frac)
	}
	if fm {
		res = strings.TrimLeft(res, " ")
	}
	return res
}
