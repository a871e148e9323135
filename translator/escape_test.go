package translator

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRewriteEscapes(t *testing.T) {
	cases := []struct{ in, out string }{
		{`SELECT Id FROM Account`, `SELECT Id FROM Account`},
		{`SELECT * FROM Account WHERE LastModifiedDate >= {ts '2024-01-01 00:00:00'}`, `SELECT * FROM Account WHERE LastModifiedDate >= TIMESTAMP '2024-01-01 00:00:00'`},
		{`x >= {ts'2024-01-01 00:00:00'}`, `x >= TIMESTAMP '2024-01-01 00:00:00'`},
		{`x = {TS '2024-01-01 00:00:00' }`, `x = TIMESTAMP '2024-01-01 00:00:00'`},
		{`x = {d '2024-01-31'}`, `x = DATE '2024-01-31'`},
		{`x = {t '11:42:10'}`, `x = TIME '11:42:10'`},
		{`SELECT {fn UCASE(Name)} FROM Account`, `SELECT UCASE(Name) FROM Account`},
		{`x > {fn TIMESTAMPADD(SQL_TSI_DAY,-7,{fn NOW()})}`, `x > TIMESTAMPADD(SQL_TSI_DAY,-7,NOW())`},
		{`SELECT 1 FROM {oj a LEFT OUTER JOIN b ON a.x = b.y}`, `SELECT 1 FROM a LEFT OUTER JOIN b ON a.x = b.y`},
		{`Name LIKE 'a!%' {escape '!'}`, `Name LIKE 'a!%' ESCAPE '!'`},
		{`x = ? AND y IN (?, ?)`, `x = $1 AND y IN ($2, $3)`},
		// Braces and ? inside literals, identifiers and comments stay.
		{`x = '{ts ''2024''}?'`, `x = '{ts ''2024''}?'`},
		{`"{fn a}?" = 1`, `"{fn a}?" = 1`},
		{"x = 1 -- {ts '?'}\n", "x = 1 -- {ts '?'}\n"},
		{`x = 1 /* {d /* nested ? */ } */ AND y = ?`, `x = 1 /* {d /* nested ? */ } */ AND y = $1`},
		{`x = $$ {fn} ? $$`, `x = $$ {fn} ? $$`},
		{`x = $tag$ {fn} $tag$ AND y = {d '2024-01-01'}`, `x = $tag$ {fn} $tag$ AND y = DATE '2024-01-01'`},
		{`x = E'\' {' AND y = ?`, `x = E'\' {' AND y = $1`},
		{`x = {ts '2024-01-01 00:00:00'} AND n = 'a}b'`, `x = TIMESTAMP '2024-01-01 00:00:00' AND n = 'a}b'`},
	}
	for _, c := range cases {
		r, err := rewriteEscapes(c.in)
		if err != nil {
			t.Errorf("rewriteEscapes(%q): %v", c.in, err)
			continue
		}
		if r.text != c.out {
			t.Errorf("rewriteEscapes(%q)\n got %q\nwant %q", c.in, r.text, c.out)
		}
	}
}

func TestRewriteEscapesErrors(t *testing.T) {
	cases := []struct {
		in  string
		pos int
		msg string
	}{
		{`x = {ts 2024}`, 8, "{ts} escape without a quoted value"},
		{`x = {ts '2024'`, 14, "unterminated {ts} escape"},
		{`x = {fn now()`, 13, "unterminated ODBC escape"},
		{`x = {zz 1}`, 4, "ODBC escape {zz}"},
		{`x = 1 }`, 6, "unmatched }"},
		{`x = '{`, 4, "unterminated quoted string"},
		{`SELECT 1 FROM {call "R"}`, 14, "{call} inside a statement"},
		{`x = $1 AND y = ?`, 0, "mixing ? and $n parameters"},
	}
	for _, c := range cases {
		_, err := rewriteEscapes(c.in)
		var ue *UnsupportedError
		if !errors.As(err, &ue) {
			t.Errorf("rewriteEscapes(%q) = %v, want *UnsupportedError", c.in, err)
			continue
		}
		if ue.Pos != c.pos || ue.Construct != c.msg {
			t.Errorf("rewriteEscapes(%q) = %q at %d, want %q at %d", c.in, ue.Construct, ue.Pos, c.msg, c.pos)
		}
	}
}

func TestRewritePositions(t *testing.T) {
	in := `SELECT Id FROM Account WHERE a >= {ts '2024-01-01 00:00:00'} AND Bogus = ?`
	r, err := rewriteEscapes(in)
	if err != nil {
		t.Fatal(err)
	}
	// Every copied word maps back to the same word in the original.
	for _, w := range []string{"SELECT", "a >=", "'2024-01-01 00:00:00'", "AND Bogus"} {
		p := strings.Index(r.text, w)
		if got := r.origPos(p); in[got:got+len(w)] != w {
			t.Errorf("origPos(%d) for %q = %d (%q)", p, w, got, in[got:])
		}
	}
	// Inserted text maps to the escape or placeholder it came from.
	if got := r.origPos(strings.Index(r.text, "TIMESTAMP")); got != strings.Index(in, "{ts") {
		t.Errorf("TIMESTAMP maps to %d", got)
	}
	if got := r.origPos(strings.Index(r.text, "$1")); got != strings.Index(in, "?") {
		t.Errorf("$1 maps to %d", got)
	}
}

// FuzzRewriteEscapes checks the rewriter never panics, only ever inserts
// the documented keywords and maps every output offset into the input.
func FuzzRewriteEscapes(f *testing.F) {
	for _, s := range []string{
		`SELECT * FROM Account WHERE LastModifiedDate >= {ts'2024-01-01 00:00:00'}`,
		`{fn TIMESTAMPADD(SQL_TSI_DAY,-7,{fn NOW()})}`, `'{ts}' "{d}" -- {t}` + "\n", `/* { /* } */ */ ?`,
		`$a$ { $a$ {oj x}`, `E'\'{'`, `x = ? AND y = ?`, `{escape '\'}`, `{`, `}`, `'`, `"`, `/*`, `$`, "é{d 'ü'}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		r, err := rewriteEscapes(in)
		if err != nil {
			var ue *UnsupportedError
			if !errors.As(err, &ue) || ue.Pos < 0 || ue.Pos > len(in) {
				t.Fatalf("bad error %v", err)
			}
			return
		}
		for p := 0; p <= len(r.text); p++ {
			if o := r.origPos(p); o < 0 || o > len(in) {
				t.Fatalf("origPos(%d) = %d outside [0,%d]", p, o, len(in))
			}
		}
		if utf8.ValidString(in) && !utf8.ValidString(r.text) {
			t.Fatalf("rewrite broke UTF-8: %q → %q", in, r.text)
		}
	})
}
