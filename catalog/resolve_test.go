package catalog

import (
	"errors"
	"slices"
	"testing"
)

func TestSuggest(t *testing.T) {
	fields := []string{"Id", "Name", "AccountNumber", "Type", "BillingCity", "Col_Currency__c", "OwnerId", "Phone", "Fax"}
	cases := []struct{ name, want string }{
		{"Nmae", "Name"},                    // transposition
		{"nmae", "Name"},                    // and case
		{"Nam", "Name"},                     // deletion
		{"Names", "Name"},                   // insertion
		{"Col_Currency", "Col_Currency__c"}, // the __c suffix forgotten
		{"Billing_City", "BillingCity"},     // an underscore added
		{"AcountNumbr", "AccountNumber"},    // two slips in a long name
		{"Ownerid", "OwnerId"},              // exact but for case: the nearest there is
		{"Zip", ""},                         // nothing close
		{"Ix", "Id"},                        // one slip in a 2-letter name
		{"Xy", ""},                          // two slips in a 2-letter name
		{"Tpye", "Type"},                    // transposition
		{"Fox", "Fax"},                      // one substitution in a 3-letter name
		{"CompletelyDifferentName", ""},     // far from all
	}
	for _, c := range cases {
		got := Suggest(c.name, fields)
		if got != c.want {
			t.Errorf("Suggest(%q) = %q, want %q", c.name, got, c.want)
		}
	}
	// Ties go to the candidate that sorts first, whatever the order given.
	if a, b := Suggest("Cat", []string{"Hat", "Bat"}), Suggest("Cat", []string{"Bat", "Hat"}); a != "Bat" || b != "Bat" {
		t.Errorf("tie: %q, %q; want Bat", a, b)
	}
	if got := Suggest("Name", nil); got != "" {
		t.Errorf("no candidates: %q", got)
	}
	if got := Suggest("", []string{"A"}); got != "" {
		t.Errorf("empty name: %q", got)
	}
}

func TestOSADistance(t *testing.T) {
	cases := []struct {
		a, b string
		d    int
	}{
		{"", "", 0}, {"abc", "abc", 0}, {"abc", "", 3}, {"", "ab", 2},
		{"kitten", "sitting", 3}, {"ab", "ba", 1}, {"ca", "abc", 3}, {"name", "nmae", 1},
		{"flaw", "lawn", 2}, {"héllo", "hello", 1},
	}
	for _, c := range cases {
		if got := osaDistance([]rune(c.a), []rune(c.b), 100); got != c.d {
			t.Errorf("osaDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
	if got := osaDistance([]rune("a"), []rune("abcdef"), 2); got != 3 {
		t.Errorf("cutoff: %d, want 3", got)
	}
}

func demoSnapshot(t *testing.T) *Snapshot {
	t.Helper()
	return NewSnapshot(mustParse(t, "case_describe.json"), mustParse(t, "every_type_describe.json"), mustParse(t, "restforce_whizbang_describe.json"))
}

func TestSnapshotResolve(t *testing.T) {
	s := demoSnapshot(t)
	if got := s.Names(); !slices.Equal(got, []string{"Case", "Every_Type__c", "Whizbang"}) {
		t.Errorf("Names = %v", got)
	}
	if s.Len() != 3 || len(s.Objects()) != 3 || s.Objects()[0].Name != "Case" {
		t.Errorf("Len/Objects wrong")
	}
	for _, n := range []string{"Case", "case", "CASE", "every_type__C"} {
		if _, err := s.Object(n); err != nil {
			t.Errorf("Object(%q): %v", n, err)
		}
	}
	f, err := s.Field("case", "subject")
	if err != nil || f.Name != "Subject" || f.SQL.Name != "varchar(255)" {
		t.Errorf("Field(case, subject) = %v, %v", f, err)
	}

	errCases := []struct {
		err  error
		want string
		re   ResolveError
	}{
		{errOf(s.Object("Cas")), "catalog: unknown object 'Cas'; did you mean 'Case'?", ResolveError{UnknownObject, "", "Cas", "Case"}},
		{errOf(s.Object("Account")), "catalog: unknown object 'Account'", ResolveError{UnknownObject, "", "Account", ""}},
		{errOf(s.Field("Case", "Subjct")), "catalog: unknown field 'Subjct' on Case; did you mean 'Subject'?", ResolveError{UnknownField, "Case", "Subjct", "Subject"}},
		{errOf(s.Field("Every_Type__c", "Col_Curency__c")), "catalog: unknown field 'Col_Curency__c' on Every_Type__c; did you mean 'Col_Currency__c'?", ResolveError{UnknownField, "Every_Type__c", "Col_Curency__c", "Col_Currency__c"}},
		{errOf(s.Field("Acount", "Name")), "catalog: unknown object 'Acount'", ResolveError{UnknownObject, "", "Acount", ""}},
		{errOf(mustObject(s, "Case").Relationship("Acount")), "catalog: unknown relationship 'Acount' on Case; did you mean 'Account'?", ResolveError{UnknownRelationship, "Case", "Acount", "Account"}},
		// A field name is not a relationship name.
		{errOf(mustObject(s, "Case").Relationship("AccountId")), "catalog: unknown relationship 'AccountId' on Case; did you mean 'Account'?", ResolveError{UnknownRelationship, "Case", "AccountId", "Account"}},
		{errOf(mustObject(s, "Case").ChildRelationship("CaseComment")), "catalog: unknown child relationship 'CaseComment' on Case; did you mean 'CaseComments'?", ResolveError{UnknownChildRelationship, "Case", "CaseComment", "CaseComments"}},
	}
	for _, c := range errCases {
		var re *ResolveError
		if !errors.As(c.err, &re) {
			t.Errorf("%v: not a *ResolveError", c.err)
			continue
		}
		if c.err.Error() != c.want || *re != c.re || !errors.Is(c.err, ErrNotFound) {
			t.Errorf("got %q %+v\nwant %q %+v", c.err, *re, c.want, c.re)
		}
	}
}

func errOf[T any](_ T, err error) error { return err }

func mustObject(s *Snapshot, name string) *Object {
	o, err := s.Object(name)
	if err != nil {
		panic(err)
	}
	return o
}

// TestSnapshotHandBuilt is how translator tests build objects: literals
// without SQL types, filled in by NewSnapshot.
func TestSnapshotHandBuilt(t *testing.T) {
	acct := &Object{Name: "Account", Fields: []*Field{
		{Name: "Id", Type: TypeID},
		{Name: "Name", Type: TypeString, Length: 255},
		{Name: "AnnualRevenue", Type: TypeCurrency, Precision: 18, Scale: 0},
		{Name: "ParentId", Type: TypeReference, ReferenceTo: []string{"Account"}, RelationshipName: "Parent"},
	}, ChildRelationships: []ChildRelationship{{ChildObject: "Contact", Field: "AccountId", RelationshipName: "Contacts"}}}
	old := &Object{Name: "account", Fields: []*Field{{Name: "Id", Type: TypeID}}}
	s := NewSnapshot(old, acct, nil)
	o, err := s.Object("ACCOUNT")
	if err != nil || o != acct {
		t.Fatalf("Object(ACCOUNT) = %v, %v; want the later of two same-named objects", o, err)
	}
	rev, _ := o.Field("annualrevenue")
	if rev.SQL.Name != "numeric(18,0)" || rev.SQL.Typmod != 18<<16+4 {
		t.Errorf("AnnualRevenue SQL = %+v", rev.SQL)
	}
	if p, err := o.Relationship("parent"); err != nil || p.Name != "ParentId" {
		t.Errorf("Relationship(parent) = %v, %v", p, err)
	}
	if c, err := o.ChildRelationship("CONTACTS"); err != nil || c.ChildObject != "Contact" {
		t.Errorf("ChildRelationship(CONTACTS) = %v, %v", c, err)
	}

	// With adds and replaces without touching the original.
	contact := &Object{Name: "Contact", Fields: []*Field{{Name: "Id", Type: TypeID}}}
	s2 := s.With(contact, old)
	if !slices.Equal(s2.Names(), []string{"Contact", "account"}) || !slices.Equal(s.Names(), []string{"Account"}) {
		t.Errorf("With: %v, original %v", s2.Names(), s.Names())
	}
}
