package soql

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// randCond builds a random condition tree of the shapes the translator
// builds: any nesting of AND, OR and NOT over comparisons, IN lists and
// semi-joins, with literals of every kind.
func randCond(r *rand.Rand, depth int) Expr {
	if depth == 0 || r.IntN(4) == 0 {
		f := &FieldRef{Path: []string{"F" + strconv.Itoa(r.IntN(5))}}
		switch r.IntN(4) {
		case 0:
			return &In{Left: f, Not: r.IntN(2) == 0, Values: []Expr{randLit(r), randLit(r)}}
		case 1:
			return &In{Left: f, Sub: &Query{Select: []SelectItem{{Expr: &FieldRef{Path: []string{"Id"}}}}, From: From{Object: "X"},
				Where: &Comparison{Left: &FieldRef{Path: []string{"G"}}, Op: "=", Right: randLit(r)}}}
		case 2:
			return &Comparison{Left: f, Op: "LIKE", Right: &StringLit{Value: EscapeLike(randString(r)) + "%"}}
		}
		ops := []string{"=", "!=", "<>", "<", "<=", ">", ">="}
		return &Comparison{Left: f, Op: ops[r.IntN(len(ops))], Right: randLit(r)}
	}
	switch r.IntN(3) {
	case 0:
		return &And{Left: randCond(r, depth-1), Right: randCond(r, depth-1)}
	case 1:
		return &Or{Left: randCond(r, depth-1), Right: randCond(r, depth-1)}
	}
	return &Not{X: randCond(r, depth-1)}
}

func randString(r *rand.Rand) string {
	const alphabet = "ab'\"\\%_\n\r\t\b\f\x00\x7fé日 "
	rs := []rune(alphabet)
	n := r.IntN(6)
	out := make([]rune, n)
	for i := range out {
		out[i] = rs[r.IntN(len(rs))]
	}
	return string(out)
}

func randLit(r *rand.Rand) Expr {
	n := 3
	switch r.IntN(10) {
	case 0:
		return &StringLit{Value: randString(r)}
	case 1:
		return &NumberLit{Text: []string{"0", "-1.5", "1e3", "+7", "123456789012345678901234567890"}[r.IntN(5)]}
	case 2:
		return &BoolLit{Value: r.IntN(2) == 0}
	case 3:
		return &NullLit{}
	case 4:
		return &DateLit{Text: "2024-02-29"}
	case 5:
		return &DateTimeLit{Text: "2024-02-29T10:00:00.5+01:00"}
	case 6:
		return &TimeLit{Text: "10:00:00.000Z"}
	case 7:
		return &DateLiteral{Name: "LAST_N_DAYS", N: &n}
	case 8:
		return &DateLiteral{Name: "TODAY"}
	}
	return &CurrencyLit{Text: "USD10.50"}
}

// TestPrintRandomTrees prints random hand-built condition trees and checks
// that the text parses back to exactly the same tree: the printer's
// parentheses keep the meaning for every nesting.
func TestPrintRandomTrees(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 3000; i++ {
		q := &Query{Select: []SelectItem{{Expr: &FieldRef{Path: []string{"Id"}}}}, From: From{Object: "Account"}, Where: randCond(r, 5)}
		text := q.String()
		got, err := Parse(text)
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		if d := cmp.Diff(q, got, ignorePos); d != "" {
			t.Fatalf("%s parsed to a different tree (-built +parsed):\n%s", text, d)
		}
	}
}
