package translator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	pg "github.com/pganalyze/pg_query_go/v5"
	"golang.org/x/tools/txtar"

	"github.com/soqlgate/soqlgate/soql"
)

// hostile values: quotes, backslashes, Unicode, LIKE wildcards, newlines
// and comment markers. None may change the structure of the SOQL sent.
var hostile = []string{
	`'`, `''`, `\`, `\'`, `\\'`, `'; DELETE FROM Account; --`, `' OR Name != '`, `" OR Name != "`,
	`%`, `_`, `50%_off`, `\%`, "line\nbreak", "tab\there", "cr\rlf\n", "\b\f", "\x01\x1f\x7f",
	`/* comment */`, `-- comment`, `*/`, `ünïcödé ✓ 日本`, "\u2028\u2029", `\u0027`, `') OR (Name = '`,
	`{ts '2024-01-01 00:00:00'}`, `{fn NOW()}`, `?`, `$1`, `:x`, `LIMIT 1`, ` `, ``,
}

// sqlQuote writes s as a PostgreSQL string literal.
func sqlQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// whereOf re-parses the first scan's SOQL and returns its WHERE; it fails
// when the text does not parse or is not one column with a WHERE.
func whereOf(t *testing.T, p *Plan) soql.Expr {
	t.Helper()
	text := p.Scans[0].SOQL.String()
	q, err := soql.Parse(text)
	if err != nil {
		t.Fatalf("SOQL does not parse: %s: %v", text, err)
	}
	if len(q.Select) != 1 || q.Where == nil {
		t.Fatalf("SOQL structure changed: %s", text)
	}
	return q.Where
}

func TestInjection(t *testing.T) {
	snap := testSnapshot(t)
	sf := Settings{Semantics: SemanticsSalesforce}
	for _, v := range hostile {
		// As a literal (the SQL text carries the value) and as a parameter.
		inputs := []struct {
			sql  string
			args []any
		}{
			{"SELECT Id FROM Account WHERE Name = " + sqlQuote(v), nil},
			{"SELECT Id FROM Account WHERE Name = $1", []any{v}},
			{"SELECT Id FROM Account WHERE Name = ?", []any{v}},
		}
		if !strings.ContainsAny(v, "\x01\x1f\x7f\b\f") { // PostgreSQL's lexer takes control characters in literals too; keep the table readable
			inputs = append(inputs, struct {
				sql  string
				args []any
			}{"SELECT Id FROM Account WHERE Name = E" + sqlQuote(strings.ReplaceAll(v, `\`, `\\`)), nil})
		}
		for _, in := range inputs {
			s := sf
			s.Args = in.args
			p, err := Translate(in.sql, snap, s)
			if err != nil {
				t.Errorf("%q: %v", in.sql, err)
				continue
			}
			c, ok := whereOf(t, p).(*soql.Comparison)
			if !ok || c.Op != "=" {
				t.Errorf("%q: WHERE is %T", in.sql, whereOf(t, p))
				continue
			}
			if lit, ok := c.Right.(*soql.StringLit); !ok || lit.Value != v {
				t.Errorf("%q: value became %#v, want %q", in.sql, c.Right, v)
			}
			// The strict plan's local recheck is one statement whose WHERE
			// is one comparison.
			sp, err := Translate(in.sql, snap, Settings{Args: in.args})
			if err != nil {
				t.Fatal(err)
			}
			if sp.Local != nil {
				tree, err := pg.Parse(sp.Local.SQL)
				if err != nil || len(tree.Stmts) != 1 {
					t.Fatalf("%q: local SQL %q: %v", in.sql, sp.Local.SQL, err)
				}
				if w := tree.Stmts[0].Stmt.GetSelectStmt().GetWhereClause(); w.GetAExpr() == nil {
					t.Errorf("%q: local WHERE changed shape: %s", in.sql, sp.Local.SQL)
				}
			}
		}
		// LIKE: the value's wildcards stay wildcards, its quotes stay text.
		p, err := Translate("SELECT Id FROM Account WHERE Name LIKE $1", snap, Settings{Semantics: SemanticsSalesforce, Args: []any{v}})
		if err != nil {
			t.Errorf("LIKE %q: %v", v, err)
			continue
		}
		if c, ok := whereOf(t, p).(*soql.Comparison); !ok || c.Op != "LIKE" {
			t.Errorf("LIKE %q: WHERE changed shape", v)
		} else if lit, ok := c.Right.(*soql.StringLit); !ok || lit.Value != likePattern(v, `\`) {
			t.Errorf("LIKE %q: pattern %#v", v, c.Right)
		}
		// IN: two values stay two values.
		p, err = Translate("SELECT Id FROM Account WHERE Name IN ($1, 'x')", snap, Settings{Semantics: SemanticsSalesforce, Args: []any{v}})
		if err != nil {
			t.Errorf("IN %q: %v", v, err)
			continue
		}
		if in, ok := whereOf(t, p).(*soql.In); !ok || len(in.Values) != 2 || in.Values[0].(*soql.StringLit).Value != v {
			t.Errorf("IN %q: WHERE changed shape: %s", v, p.Scans[0].SOQL)
		}
		// INSERT: the value is data, never text of a statement.
		p, err = Translate("INSERT INTO Account (Name) VALUES ($1)", snap, Settings{Args: []any{v}})
		if err != nil {
			t.Errorf("INSERT %q: %v", v, err)
			continue
		}
		if got := p.Write.Rows[0][0]; got != (Param{Index: 1, Field: p.Write.Columns[0].Field}) && got != v {
			t.Errorf("INSERT %q: row value %#v", v, got)
		}
	}
}

// FuzzTranslate: no input panics the translator, and every SOQL it
// produces parses with soql and prints back the same.
func FuzzTranslate(f *testing.F) {
	files, _ := filepath.Glob("testdata/cases/*.txtar")
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, af := range txtar.Parse(raw).Files {
			if af.Name == "sql" && len(af.Data) < 2000 {
				f.Add(strings.TrimSpace(string(af.Data)))
			}
		}
	}
	for _, v := range hostile {
		f.Add("SELECT Id FROM Account WHERE Name = " + sqlQuote(v))
	}
	snap := testSnapshot(f)
	f.Fuzz(func(t *testing.T, sql string) {
		for _, s := range []Settings{{}, {Semantics: SemanticsSalesforce, Args: []any{"x'y", 1, "2024-01-01"}}} {
			p, err := Translate(sql, snap, s)
			if err != nil {
				continue
			}
			checkSOQL(t, sql, p)
			if p.Local != nil {
				if _, err := pg.Parse(p.Local.SQL); err != nil {
					t.Fatalf("local SQL does not parse: %q: %v", p.Local.SQL, err)
				}
			}
			_ = p.String()
		}
	})
}
