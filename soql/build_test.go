package soql

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestConjunctsAndJoin(t *testing.T) {
	q, err := Parse("SELECT Id FROM X WHERE A = 1 AND (B = 2 AND (C = 3 OR D = 4)) AND NOT (E = 5)")
	if err != nil {
		t.Fatal(err)
	}
	parts := Conjuncts(q.Where)
	var got []string
	for _, p := range parts {
		got = append(got, string(appendExpr(nil, p)))
	}
	want := []string{"A = 1", "B = 2", "C = 3 OR D = 4", "NOT (E = 5)"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Conjuncts (-want +got):\n%s", d)
	}
	if d := Disjuncts(parts[2]); len(d) != 2 {
		t.Errorf("Disjuncts = %d parts", len(d))
	}
	if d := Disjuncts(q.Where); len(d) != 1 || d[0] != q.Where {
		t.Errorf("Disjuncts of an AND = %v", d)
	}
	if Conjuncts(nil) != nil || AndAll() != nil || AndAll(nil, nil) != nil {
		t.Error("empty cases")
	}
	// Joining the parts back gives the canonical left-associated chain.
	joined := &Query{Select: q.Select, From: q.From, Where: AndAll(nil, parts[0], parts[1], nil, parts[2], parts[3])}
	if s := joined.String(); s != "SELECT Id FROM X WHERE A = 1 AND B = 2 AND (C = 3 OR D = 4) AND NOT (E = 5)" {
		t.Errorf("AndAll printed %s", s)
	}
	if s := string(appendExpr(nil, OrAll(parts[0], parts[2]))); s != "A = 1 OR (C = 3 OR D = 4)" {
		t.Errorf("OrAll printed %s", s)
	}
	if AndAll(parts[0]) != parts[0] {
		t.Error("one operand is returned as is")
	}
}
