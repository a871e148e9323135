package localsql

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/shopspring/decimal"
)

// numeric values are stored as decimal text that keeps PostgreSQL's display
// scale ("12.50" stays "12.50"); arithmetic is done in Go with PostgreSQL's
// result-scale rules, never through float64.

func parseNumeric(s string) (decimal.Decimal, error) {
	d, err := decimal.NewFromString(strings.TrimSpace(s))
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("localsql: invalid input syntax for type numeric: %q", s)
	}
	if d.Exponent() > 0 {
		d = d.Round(0)
	}
	return d, nil
}

// numText renders d with its scale (its negative exponent) kept.
func numText(d decimal.Decimal) string {
	if e := d.Exponent(); e < 0 {
		return d.StringFixed(-e)
	}
	return d.StringFixed(0)
}

// scaleOf is the display scale of d.
func scaleOf(d decimal.Decimal) int32 {
	if e := d.Exponent(); e < 0 {
		return -e
	}
	return 0
}

// applyNumericTypmod rounds d to the scale of numeric(p,s), as a cast does.
func applyNumericTypmod(d decimal.Decimal, t Type) (decimal.Decimal, error) {
	return numericTypmod(d, t.numericPrecision(), t.numericScale())
}

// numericTypmod rounds d to scale s and checks it fits precision p, as a
// cast to numeric(p,s) does (p < 0: no modifier).
func numericTypmod(d decimal.Decimal, p, s int) (decimal.Decimal, error) {
	if s < 0 || p < 0 {
		return d, nil
	}
	r := roundHalfAway(d, int32(s))
	intDigits := len(r.Abs().Truncate(0).String())
	if r.Abs().LessThan(decimal.NewFromInt(1)) {
		intDigits = 0
	}
	if intDigits > p-s {
		return decimal.Decimal{}, fmt.Errorf("localsql: numeric field overflow: a field with precision %d, scale %d must round to an absolute value less than 10^%d", p, s, p-s)
	}
	return r, nil
}

// roundHalfAway is PostgreSQL's numeric rounding (half away from zero), the
// result carrying exactly `places` digits after the point.
func roundHalfAway(d decimal.Decimal, places int32) decimal.Decimal {
	return d.Round(places) // half away from zero; the result has exactly `places` decimals
}

// pgWeight returns the base-10000 weight and first base-10000 digit of d's
// absolute value (PostgreSQL's NumericVar weight and digits[0]).
func pgWeight(d decimal.Decimal) (weight int, first int64) {
	if d.IsZero() {
		return 0, 0
	}
	a := d.Abs()
	// integer digits count
	s := a.Truncate(0).String()
	if s != "0" {
		n := len(s)
		weight = (n - 1) / 4
		firstLen := n - weight*4
		var v int64
		for _, c := range s[:firstLen] {
			v = v*10 + int64(c-'0')
		}
		return weight, v
	}
	// pure fraction: find the first non-zero group of 4 after the point
	frac := a.StringFixed(scaleOf(a) + 4)
	_, f, _ := strings.Cut(frac, ".")
	for g := 0; g*4 < len(f); g++ {
		end := g*4 + 4
		if end > len(f) {
			end = len(f)
		}
		chunk := f[g*4 : end]
		for len(chunk) < 4 {
			chunk += "0"
		}
		var v int64
		for _, c := range chunk {
			v = v*10 + int64(c-'0')
		}
		if v != 0 {
			return -(g + 1), v
		}
	}
	return 0, 0
}

// numDiv is PostgreSQL's numeric division with its select_div_scale rule.
func numDiv(a, b decimal.Decimal) (decimal.Decimal, error) {
	if b.IsZero() {
		return decimal.Decimal{}, fmt.Errorf("localsql: division by zero")
	}
	w1, f1 := pgWeight(a)
	w2, f2 := pgWeight(b)
	qweight := w1 - w2
	if f1 <= f2 {
		qweight--
	}
	rscale := 16 - qweight*4
	rscale = max(rscale, int(scaleOf(a)), int(scaleOf(b)), 0)
	rscale = min(rscale, 1000)
	q := a.DivRound(b, int32(rscale)+2)
	return roundHalfAway(q, int32(rscale)), nil
}

// numCollate compares two numeric texts numerically (the pgnum collation).
// Non-numeric text sorts after numbers, byte-wise, so the order stays total.
func numCollate(a, b string) int {
	da, ea := decimal.NewFromString(a)
	db, eb := decimal.NewFromString(b)
	switch {
	case ea == nil && eb == nil:
		return da.Cmp(db)
	case ea == nil:
		return -1
	case eb == nil:
		return 1
	}
	return strings.Compare(a, b)
}

// numSqrt is PostgreSQL's sqrt(numeric): at least 16 significant digits,
// never fewer decimals than the argument, correctly rounded.
func numSqrt(d decimal.Decimal) (decimal.Decimal, error) {
	if d.Sign() < 0 {
		return decimal.Decimal{}, fmt.Errorf("localsql: cannot take square root of a negative number")
	}
	w, _ := pgWeight(d)
	sweight := (w+1)*4/2 - 1
	rscale := max(16-sweight, int(scaleOf(d)), 0)
	rscale = min(rscale, 1000)
	if d.IsZero() {
		return decimal.Zero.Round(int32(rscale)), nil
	}
	f, _, err := big.ParseFloat(d.String(), 10, 1024, big.ToNearestEven)
	if err != nil {
		return decimal.Decimal{}, err
	}
	r := new(big.Float).SetPrec(1024).Sqrt(f)
	out, err := decimal.NewFromString(r.Text('f', rscale+20))
	if err != nil {
		return decimal.Decimal{}, err
	}
	return roundHalfAway(out, int32(rscale)), nil
}

// numPower is power(numeric, numeric) for integer exponents, computed
// exactly and shown with PostgreSQL's scale (at least 16 decimals).
func numPower(base, exp decimal.Decimal) (decimal.Decimal, error) {
	if !exp.IsInteger() {
		return decimal.Decimal{}, fmt.Errorf("localsql: power(numeric, numeric) with a fractional exponent is not supported")
	}
	e := exp.IntPart()
	if e > 10000 || e < -10000 {
		return decimal.Decimal{}, fmt.Errorf("localsql: value overflows numeric format")
	}
	rscale := int32(max(16, int(scaleOf(base)), int(scaleOf(exp))))
	if base.IsZero() && e < 0 {
		return decimal.Decimal{}, fmt.Errorf("localsql: zero raised to a negative power is undefined")
	}
	p := decimal.NewFromInt(1)
	b := base
	n := e
	if n < 0 {
		n = -n
	}
	for ; n > 0; n >>= 1 {
		if n&1 == 1 {
			p = p.Mul(b)
		}
		b = b.Mul(b)
	}
	if e < 0 {
		p = decimal.NewFromInt(1).DivRound(p, rscale+10)
	}
	return roundHalfAway(p, rscale), nil
}
