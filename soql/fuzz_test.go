package soql

import (
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// FuzzParse checks that Parse never panics, that its errors are
// *ParseError, and that every statement it accepts prints to text that
// parses to the same tree and prints to itself. Seeds: the test tables plus
// testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, tc := range validTests {
		f.Add(tc.in)
	}
	for _, tc := range invalidTests {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			pe, ok := err.(*ParseError)
			if !ok {
				t.Fatalf("error %T", err)
			}
			if pe.Row < 0 || pe.Column < 0 || (pe.Row == 0) != (pe.Column == 0) {
				t.Fatalf("position %d:%d", pe.Row, pe.Column)
			}
			_ = pe.Error()
			return
		}
		out := q.String()
		q2, err := Parse(out)
		if err != nil {
			t.Fatalf("printed form of %q does not parse:\n%s\n%v", s, out, err)
		}
		if d := cmp.Diff(q, q2, ignorePos); d != "" {
			t.Fatalf("round trip of %q changed the tree:\n%s\n%s", s, out, d)
		}
		if out2 := q2.String(); out2 != out {
			t.Fatalf("print is not a fixed point:\n%s\n%s", out, out2)
		}
	})
}

// FuzzLiteralString checks that any valid UTF-8 string written by
// AppendLiteral, or escaped for LIKE, reads back unchanged.
func FuzzLiteralString(f *testing.F) {
	for _, s := range []string{"", "O'Brien", `\`, `\'`, "\"", "%_", "a\nb", "\x00", "é", "' OR 1=1 --"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lit, err := AppendLiteral(nil, s)
		if !utf8.ValidString(s) {
			if err == nil {
				t.Fatalf("invalid UTF-8 accepted: %q", lit)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		q, err := Parse("SELECT Id FROM A WHERE N = " + string(lit) + " OR N LIKE " + string(AppendLikePattern(nil, EscapeLike(s))))
		if err != nil {
			t.Fatalf("%q -> %s: %v", s, lit, err)
		}
		or := q.Where.(*Or)
		if got := or.Left.(*Comparison).Right.(*StringLit).Value; got != s {
			t.Fatalf("%q read back as %q", s, got)
		}
		if got := or.Right.(*Comparison).Right.(*StringLit).Value; got != EscapeLike(s) {
			t.Fatalf("LIKE %q read back as %q", EscapeLike(s), got)
		}
	})
}
