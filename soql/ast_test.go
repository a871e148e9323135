package soql

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func intp(n int) *int { return &n }

func TestParseTree(t *testing.T) {
	in := "SELECT Id, COUNT(Id) cnt, (SELECT Name FROM Contacts), TYPEOF What WHEN Account THEN Phone END, FIELDS(STANDARD)\n" +
		"FROM Account a WHERE (Name LIKE 'A\\%%' OR Id IN (SELECT AccountId FROM Case)) AND NOT (CreatedDate = LAST_N_DAYS:3)\n" +
		"AND Tags__c EXCLUDES ('x;y') GROUP BY CUBE(Id) HAVING COUNT(Id) > 1 ORDER BY Id DESC NULLS LAST LIMIT 5 OFFSET 2 FOR REFERENCE"
	got, err := Parse(in)
	if err != nil {
		t.Fatal(err)
	}
	f := func(p ...string) *FieldRef { return &FieldRef{Path: p} }
	want := &Query{
		Select: []SelectItem{
			{Expr: f("Id")},
			{Expr: &FuncCall{Name: "COUNT", Args: []Expr{f("Id")}}, Alias: "cnt"},
			{Expr: &SubQuery{Query: &Query{Select: []SelectItem{{Expr: f("Name")}}, From: From{Object: "Contacts"}}}},
			{Expr: &TypeOf{Field: "What", Whens: []TypeOfWhen{{Type: "Account", Fields: []*FieldRef{f("Phone")}}}}},
			{Expr: &Fields{Kind: FieldsStandard}},
		},
		From: From{Object: "Account", Alias: "a"},
		Where: &And{
			Left: &And{
				Left: &Or{
					Left:  &Comparison{Left: f("Name"), Op: "LIKE", Right: &StringLit{Value: `A\%%`}},
					Right: &In{Left: f("Id"), Sub: &Query{Select: []SelectItem{{Expr: f("AccountId")}}, From: From{Object: "Case"}}},
				},
				Right: &Not{X: &Comparison{Left: f("CreatedDate"), Op: "=", Right: &DateLiteral{Name: "LAST_N_DAYS", N: intp(3)}}},
			},
			Right: &Includes{Left: f("Tags__c"), Excludes: true, Values: []Expr{&StringLit{Value: "x;y"}}},
		},
		GroupBy: &GroupBy{Kind: GroupCube, Fields: []Expr{f("Id")}},
		Having:  &Comparison{Left: &FuncCall{Name: "COUNT", Args: []Expr{f("Id")}}, Op: ">", Right: &NumberLit{Text: "1"}},
		OrderBy: []OrderItem{{Expr: f("Id"), Desc: true, Nulls: NullsLast}},
		Limit:   intp(5),
		Offset:  intp(2),
		For:     "REFERENCE",
	}
	if d := cmp.Diff(want, got, ignorePos); d != "" {
		t.Fatalf("tree (-want +got):\n%s", d)
	}
	// Positions: row, character column, byte offset of the first token.
	for _, tc := range []struct {
		n    Node
		want Pos
	}{
		{got, Pos{1, 1, 0}},
		{got.Select[1].Expr, Pos{1, 12, 11}},
		{got.Select[2].Expr, Pos{1, 27, 26}},
		{got.From, Pos{2, 6, 118}},
		{got.Where.(*And).Right, Pos{3, 5, 233}},
		{got.GroupBy, Pos{3, 30, 258}},
	} {
		if p := tc.n.Position(); p != tc.want {
			t.Errorf("%T at %+v, want %+v", tc.n, p, tc.want)
		}
	}
	if p := got.Select[1].AliasPos; p != (Pos{1, 22, 21}) {
		t.Errorf("alias at %+v", p)
	}
	if off := got.Where.(*And).Right.Position().Offset; !strings.HasPrefix(in[off:], "Tags__c") {
		t.Errorf("offset %d points at %q", off, in[off:off+7])
	}
}

// TestPrintBuilt prints trees built by hand, as the translator builds them:
// without positions, with nesting the parser never produces, and checks the
// printer adds the parentheses that keep the meaning.
func TestPrintBuilt(t *testing.T) {
	f := func(p ...string) *FieldRef { return &FieldRef{Path: p} }
	eq := func(field string, v Expr) Expr { return &Comparison{Left: f(field), Op: "=", Right: v} }
	a, b, c, d := eq("A", &NumberLit{Text: "1"}), eq("B", &StringLit{Value: "it's"}), eq("C", &BoolLit{}), eq("D", &NullLit{})
	for _, tc := range []struct {
		where Expr
		want  string
	}{
		{&And{Left: a, Right: &Or{Left: b, Right: c}}, "A = 1 AND (B = 'it\\'s' OR C = false)"},
		{&Or{Left: &And{Left: a, Right: b}, Right: c}, "(A = 1 AND B = 'it\\'s') OR C = false"},
		{&Or{Left: a, Right: &Or{Left: b, Right: c}}, "A = 1 OR (B = 'it\\'s' OR C = false)"},
		{&And{Left: &And{Left: a, Right: b}, Right: &And{Left: c, Right: d}}, "A = 1 AND B = 'it\\'s' AND (C = false AND D = null)"},
		{&Not{X: &Not{X: a}}, "NOT (NOT (A = 1))"},
		{&Not{X: &Or{Left: a, Right: b}}, "NOT (A = 1 OR B = 'it\\'s')"},
		{&And{Left: &Not{X: a}, Right: &Or{Left: &Not{X: b}, Right: c}}, "NOT (A = 1) AND (NOT (B = 'it\\'s') OR C = false)"},
		{&Comparison{Left: f("Name"), Op: "LIKE", Right: &StringLit{Value: EscapeLike("50%_") + "%"}}, "Name LIKE '50\\%\\_%'"},
		{&In{Left: f("Id"), Not: true, Values: []Expr{&StringLit{Value: "a"}, &StringLit{Value: "b"}}}, "Id NOT IN ('a', 'b')"},
	} {
		q := &Query{Select: []SelectItem{{Expr: f("Id")}}, From: From{Object: "Account"}, Where: tc.where}
		want := "SELECT Id FROM Account WHERE " + tc.want
		if got := q.String(); got != want {
			t.Errorf("got  %s\nwant %s", got, want)
			continue
		}
		// What the printer wrote reads back with the same meaning: printing
		// the parsed tree gives the same text.
		q2, err := Parse(want)
		if err != nil {
			t.Errorf("%s: %v", want, err)
			continue
		}
		if got := q2.String(); got != want {
			t.Errorf("reprint %s", got)
		}
	}
	// A full built query with every clause.
	q := &Query{
		Select:  []SelectItem{{Expr: f("Industry")}, {Expr: &FuncCall{Name: "SUM", Args: []Expr{f("AnnualRevenue")}}, Alias: "total"}},
		From:    From{Object: "Account"},
		Using:   "Mine",
		With:    &WithClause{Kind: WithSecurityEnforced},
		GroupBy: &GroupBy{Kind: GroupRollup, Fields: []Expr{f("Industry")}},
		Having:  &Comparison{Left: &FuncCall{Name: "SUM", Args: []Expr{f("AnnualRevenue")}}, Op: ">", Right: &NumberLit{Text: "1000"}},
		OrderBy: []OrderItem{{Expr: f("Industry"), Nulls: NullsFirst}},
		Limit:   intp(10),
		Update:  []string{"TRACKING"},
	}
	want := "SELECT Industry, SUM(AnnualRevenue) total FROM Account USING SCOPE Mine WITH SECURITY_ENFORCED GROUP BY ROLLUP(Industry) HAVING SUM(AnnualRevenue) > 1000 ORDER BY Industry NULLS FIRST LIMIT 10 UPDATE TRACKING"
	if got := q.String(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

type countVisitor map[string]int

func (c countVisitor) Visit(n Node) Visitor {
	if n == nil {
		c["<end>"]++
		return nil
	}
	c[fmt.Sprintf("%T", n)]++
	return c
}

func TestWalk(t *testing.T) {
	q, err := Parse("SELECT Id, COUNT(Id), (SELECT Name FROM Contacts WHERE Email != null), TYPEOF What WHEN Account THEN Phone ELSE Name END " +
		"FROM Account WHERE Id IN (SELECT AccountId FROM Case WHERE IsClosed = false) AND NOT (Tags__c INCLUDES ('a')) " +
		"WITH RecordVisibilityContext(maxDescriptorPerRecord=100) GROUP BY Id HAVING COUNT(Id) > 1 ORDER BY Id")
	if err != nil {
		t.Fatal(err)
	}
	c := countVisitor{}
	Walk(c, q)
	want := countVisitor{
		"*soql.Query": 3, "*soql.FieldRef": 13, "*soql.FuncCall": 2, "*soql.SubQuery": 1, "*soql.TypeOf": 1,
		"*soql.Comparison": 3, "*soql.In": 1, "*soql.And": 1, "*soql.Not": 1, "*soql.Includes": 1,
		"*soql.NullLit": 1, "*soql.BoolLit": 1, "*soql.StringLit": 1, "*soql.NumberLit": 2, "*soql.WithClause": 1,
		"*soql.GroupBy": 1,
	}
	total := 0
	for k, v := range want {
		total += v
		_ = k
	}
	want["<end>"] = total
	if d := cmp.Diff(map[string]int(want), map[string]int(c)); d != "" {
		t.Errorf("visits (-want +got):\n%s", d)
	}
	// Inspect can prune: skipping subqueries leaves the outer fields only.
	var names []string
	Inspect(q, func(n Node) bool {
		switch n := n.(type) {
		case *SubQuery:
			return false
		case *In:
			// Visit the left side by hand, skip the semi-join.
			names = append(names, strings.Join(n.Left.(*FieldRef).Path, "."))
			return false
		case *FieldRef:
			names = append(names, strings.Join(n.Path, "."))
		}
		return true
	})
	wantNames := []string{"Id", "Id", "Phone", "Name", "Id", "Tags__c", "Id", "Id", "Id"}
	if d := cmp.Diff(wantNames, names); d != "" {
		t.Errorf("Inspect (-want +got):\n%s", d)
	}
	// Typed nils in a hand-built tree are skipped, not dereferenced.
	Walk(countVisitor{}, &Query{Select: []SelectItem{{Expr: (*FieldRef)(nil)}}, Where: &Not{}, Having: (*And)(nil),
		OrderBy: []OrderItem{{Expr: (*FuncCall)(nil)}}})
}

func TestLookups(t *testing.T) {
	if fi, ok := LookupFunc("convertTIMEZONE"); !ok || fi.Name != "convertTimezone" || fi.Aggregate {
		t.Errorf("convertTimezone: %+v %v", fi, ok)
	}
	if fi, ok := LookupFunc("count_distinct"); !ok || !fi.Aggregate || fi.MinArgs != 1 {
		t.Errorf("COUNT_DISTINCT: %+v", fi)
	}
	if fi, ok := LookupFunc("day_only"); !ok || !fi.DateFunc {
		t.Errorf("DAY_ONLY: %+v", fi)
	}
	if _, ok := LookupFunc("LOWER"); ok {
		t.Error("LOWER is not a SOQL function")
	}
	if n, takesN, ok := LookupDateLiteral("last_n_days"); n != "LAST_N_DAYS" || !takesN || !ok {
		t.Errorf("LAST_N_DAYS: %s %v %v", n, takesN, ok)
	}
	if _, takesN, ok := LookupDateLiteral("Today"); takesN || !ok {
		t.Error("TODAY")
	}
	if _, _, ok := LookupDateLiteral("LAST_N_DAY"); ok {
		t.Error("LAST_N_DAY")
	}
	if !IsReserved("nulls") || IsReserved("Name") {
		t.Error("IsReserved")
	}
}

func TestClausePositions(t *testing.T) {
	const text = "SELECT Id, (SELECT Id FROM Contacts LIMIT 1) FROM Account USING SCOPE Mine WHERE Id != null WITH USER_MODE\n" +
		"GROUP BY Id HAVING COUNT(Id) > 0 ORDER BY Id LIMIT 5 OFFSET 1 FOR VIEW UPDATE TRACKING"
	q, err := Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	at := func(word string, nth int) Pos {
		off := -1
		for i := 0; i < nth; i++ {
			off += 1 + strings.Index(text[off+1:], word)
		}
		row := 1 + strings.Count(text[:off], "\n")
		return Pos{Row: row, Col: off - strings.LastIndex(text[:off], "\n"), Offset: off}
	}
	want := ClausePos{
		From: at("FROM", 2), Using: at("USING", 1), Where: at("WHERE", 1), With: at("WITH", 1), GroupBy: at("GROUP", 1),
		Having: at("HAVING", 1), OrderBy: at("ORDER", 1), Limit: at("LIMIT", 2), Offset: at("OFFSET", 1),
		For: at("FOR VIEW", 1), Update: at("UPDATE", 1),
	}
	if d := cmp.Diff(want, q.Clauses); d != "" {
		t.Errorf("clauses (-want +got):\n%s", d)
	}
	sub := q.Select[1].Expr.(*SubQuery).Query.Clauses
	if sub.Limit != at("LIMIT", 1) || sub.From != at("FROM", 1) || sub.Where != (Pos{}) {
		t.Errorf("subquery clauses %+v", sub)
	}
}
