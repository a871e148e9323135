package catalog

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// demoDescribes is where the emulator keeps the describe documents of the
// demo org (one file per object, plus global.json, the describeGlobal
// entries). They are what every face sees in the demo and in end-to-end
// tests, so the model must build from each of them; the expectations below
// come from salesforce-api.md §8, not from the files, so a drift of either
// side fails here.
const demoDescribes = "../emulator/describes"

// demoPrefixes are the key prefixes of §8.
var demoPrefixes = map[string]string{
	"Account": "001", "Contact": "003", "Case": "500", "CaseComment": "00a", "User": "005",
	"Entitlement": "550", "Solution": "501", "Asset": "02i", "BusinessHours": "01m",
	"Organization": "00D", "Report": "00O",
}

func demoObjects(t *testing.T) []*Object {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(demoDescribes, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no demo describes in %s (moved? update demoDescribes): %v", demoDescribes, err)
	}
	var objs []*Object
	for _, f := range files {
		if filepath.Base(f) == "global.json" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		o, err := ParseDescribe(b)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if want := strings.TrimSuffix(filepath.Base(f), ".json"); o.Name != want {
			t.Errorf("%s describes %q", f, o.Name)
		}
		objs = append(objs, o)
	}
	return objs
}

// TestDemoDescribes builds the model of every demo object and checks it
// against §8.
func TestDemoDescribes(t *testing.T) {
	snap := NewSnapshot(demoObjects(t)...)
	for name, prefix := range demoPrefixes {
		o, err := snap.Object(name)
		if err != nil {
			t.Errorf("demo object %s missing: %v", name, err)
			continue
		}
		if o.KeyPrefix != prefix || !o.Queryable {
			t.Errorf("%s: prefix %q queryable %v; want %q", name, o.KeyPrefix, o.Queryable, prefix)
		}
	}

	// Every object: an Id and the audit fields (§8 "Common system fields").
	for _, o := range snap.Objects() {
		id, err := o.Field("Id")
		if err != nil || id.Type != TypeID || id.SQL.Name != "varchar(18)" || id.Nillable || id.Createable {
			t.Errorf("%s.Id = %+v, %v", o.Name, id, err)
		}
		for _, c := range []struct{ field, sql, rel string }{
			{"CreatedDate", "timestamptz", ""}, {"CreatedById", "varchar(18)", "CreatedBy"},
			{"LastModifiedDate", "timestamptz", ""}, {"LastModifiedById", "varchar(18)", "LastModifiedBy"},
			{"SystemModstamp", "timestamptz", ""},
		} {
			f, err := o.Field(c.field)
			if err != nil || f.SQL.Name != c.sql || f.RelationshipName != c.rel || f.Createable || f.Updateable {
				t.Errorf("%s.%s = %+v, %v", o.Name, c.field, f, err)
			}
		}
	}

	// Columns §8 gives a type and size for.
	cols := []struct {
		object, field, sql string
		nillable           bool
	}{
		{"Account", "Name", "varchar(255)", false},
		{"Account", "AnnualRevenue", "numeric(18,0)", true},
		{"Account", "NumberOfEmployees", "integer", true},
		{"Account", "Phone", "varchar(40)", true},
		{"Account", "Website", "varchar(255)", true},
		{"Account", "BillingStreet", "varchar(255)", true},
		{"Account", "BillingCity", "varchar(40)", true},
		{"Account", "BillingState", "varchar(80)", true},
		{"Account", "BillingPostalCode", "varchar(20)", true},
		{"Account", "BillingLatitude", "numeric(18,15)", true},
		{"Account", "BillingAddress", "json", true},
		{"Account", "Description", "varchar(32000)", true},
		{"Account", "TickerSymbol", "varchar(20)", true},
		{"Account", "LastActivityDate", "date", true},
		{"Contact", "LastName", "varchar(80)", false},
		{"Contact", "FirstName", "varchar(40)", true},
		{"Contact", "Name", "varchar(121)", false},
		{"Contact", "Email", "varchar(80)", true},
		{"Contact", "Title", "varchar(128)", true},
		{"Contact", "Birthdate", "date", true},
		{"Contact", "MailingAddress", "json", true},
		{"Case", "CaseNumber", "varchar(30)", false},
		{"Case", "Subject", "varchar(255)", true},
		{"Case", "Description", "varchar(32000)", true},
		{"Case", "Comments", "varchar(4000)", true},
		{"Case", "ClosedDate", "timestamptz", true},
		{"Case", "IsEscalated", "boolean", false},
		{"CaseComment", "CommentBody", "varchar(4000)", true},
		{"CaseComment", "IsPublished", "boolean", false},
		{"User", "Username", "varchar(80)", false},
		{"User", "LastName", "varchar(80)", false},
		{"User", "Email", "varchar(128)", false},
		{"User", "Alias", "varchar(8)", false},
		{"User", "CommunityNickname", "varchar(40)", false},
		{"User", "IsActive", "boolean", false},
		{"Entitlement", "Name", "varchar(255)", false},
		{"Entitlement", "StartDate", "date", true},
		{"Entitlement", "CasesPerEntitlement", "integer", true},
		{"Solution", "SolutionName", "varchar(255)", false},
		{"Solution", "SolutionNumber", "varchar(30)", false},
		{"Solution", "SolutionNote", "varchar(32000)", true},
		{"Solution", "TimesUsed", "integer", false},
		{"BusinessHours", "MondayStartTime", "time", true},
	}
	for _, c := range cols {
		f, err := snap.Field(c.object, c.field)
		if err != nil || f.SQL.Name != c.sql || f.Nillable != c.nillable {
			t.Errorf("%s.%s = %v nillable=%v, %v; want %s nillable=%v", c.object, c.field, f.SQL.Name, f.Nillable, err, c.sql, c.nillable)
		}
	}

	// Parent relationships of §8.
	rels := []struct {
		object, rel, field string
		to                 []string
	}{
		{"Account", "Parent", "ParentId", []string{"Account"}},
		{"Account", "owner", "OwnerId", []string{"User"}},
		{"Contact", "Account", "AccountId", []string{"Account"}},
		{"Contact", "ReportsTo", "ReportsToId", []string{"Contact"}},
		{"Case", "Account", "AccountId", []string{"Account"}},
		{"Case", "Contact", "ContactId", []string{"Contact"}},
		{"Case", "Parent", "ParentId", []string{"Case"}},
		{"Case", "Owner", "OwnerId", []string{"Group", "User"}},
		{"Case", "Entitlement", "EntitlementId", []string{"Entitlement"}},
		{"CaseComment", "Parent", "ParentId", []string{"Case"}},
		{"User", "Manager", "ManagerId", []string{"User"}},
		{"Entitlement", "Account", "AccountId", []string{"Account"}},
		{"Asset", "Account", "AccountId", []string{"Account"}},
	}
	for _, c := range rels {
		o, _ := snap.Object(c.object)
		f, err := o.Relationship(c.rel)
		if err != nil || f.Name != c.field || !slices.Equal(f.ReferenceTo, c.to) {
			t.Errorf("%s.%s = %+v, %v", c.object, c.rel, f, err)
		}
	}
	if f, _ := snap.Field("Case", "OwnerId"); !f.Polymorphic {
		t.Error("Case.OwnerId not polymorphic")
	}
	for _, c := range []struct{ object, field string }{{"Case", "CaseNumber"}, {"Solution", "SolutionNumber"}} {
		if f, _ := snap.Field(c.object, c.field); !f.AutoNumber || f.Createable {
			t.Errorf("%s.%s not a read-only auto-number", c.object, c.field)
		}
	}
	// Name fields (Case and Solution: their auto-numbers).
	for obj, want := range map[string]string{"Account": "Name", "Case": "CaseNumber", "Solution": "SolutionNumber", "Contact": "Name"} {
		o, _ := snap.Object(obj)
		if f := o.NameField(); f == nil || f.Name != want {
			t.Errorf("%s.NameField() = %v, want %s", obj, f, want)
		}
	}
	// §8: CaseComment has no OwnerId and no Name field.
	for _, n := range []string{"OwnerId", "Name"} {
		if _, err := snap.Field("CaseComment", n); err == nil {
			t.Errorf("CaseComment has %s", n)
		}
	}
	// Address compounds and their parts.
	for _, c := range []struct{ object, compound, prefix string }{
		{"Account", "BillingAddress", "Billing"}, {"Account", "ShippingAddress", "Shipping"},
		{"Contact", "MailingAddress", "Mailing"}, {"User", "Address", ""},
	} {
		o, _ := snap.Object(c.object)
		var got []string
		for _, f := range o.Components(c.compound) {
			got = append(got, f.Name)
		}
		var want []string
		for _, p := range []string{"Street", "City", "State", "PostalCode", "Country", "Latitude", "Longitude", "GeocodeAccuracy"} {
			want = append(want, c.prefix+p)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s.%s parts = %v", c.object, c.compound, got)
		}
	}
	// Child relationships of §8.
	for _, c := range []struct{ parent, rel, child, field string }{
		{"Account", "Contacts", "Contact", "AccountId"}, {"Account", "Cases", "Case", "AccountId"},
		{"Account", "ChildAccounts", "Account", "ParentId"}, {"Case", "CaseComments", "CaseComment", "ParentId"},
		{"Case", "Cases", "Case", "ParentId"}, {"Contact", "Cases", "Case", "ContactId"},
	} {
		o, _ := snap.Object(c.parent)
		cr, err := o.ChildRelationship(c.rel)
		if err != nil || cr.ChildObject != c.child || cr.Field != c.field {
			t.Errorf("%s.%s = %+v, %v", c.parent, c.rel, cr, err)
		}
	}
}

// TestDemoRelationshipsClose: within the demo org every child relationship
// names a reference field of the child that points back at the parent, and
// every reference to a demo object has a relationship name, so subqueries
// and dotted paths the translator builds from one side resolve on the other.
func TestDemoRelationshipsClose(t *testing.T) {
	snap := NewSnapshot(demoObjects(t)...)
	for _, parent := range snap.Objects() {
		for _, cr := range parent.ChildRelationships {
			child, err := snap.Object(cr.ChildObject)
			if err != nil {
				continue // a child outside the demo set
			}
			f, err := child.Field(cr.Field)
			if err != nil || f.Type != TypeReference || !slices.Contains(f.ReferenceTo, parent.Name) {
				t.Errorf("%s.%s: %s.%s = %+v, %v", parent.Name, cr.RelationshipName, cr.ChildObject, cr.Field, f, err)
			}
		}
		for _, f := range parent.Fields {
			if f.Type == TypeReference && f.RelationshipName == "" {
				t.Errorf("%s.%s is a reference without a relationship name", parent.Name, f.Name)
			}
		}
	}
}

// TestDemoGlobal reads the emulator's describeGlobal entries (a bare array
// there; the emulator wraps it in the response envelope) and checks each
// demo object is listed with the prefix its describe gives.
func TestDemoGlobal(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(demoDescribes, "global.json"))
	if err != nil {
		t.Fatal(err)
	}
	all, err := ParseDescribeGlobal([]byte(`{"encoding":"UTF-8","maxBatchSize":200,"sobjects":` + string(raw) + `}`))
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]ObjectSummary{}
	for _, s := range all {
		listed[s.Name] = s
	}
	for _, o := range demoObjects(t) {
		s, ok := listed[o.Name]
		if !ok || s.KeyPrefix != o.KeyPrefix || s.Custom != o.Custom || s.Queryable != o.Queryable {
			t.Errorf("global entry for %s = %+v (listed %v); describe prefix %q", o.Name, s, ok, o.KeyPrefix)
		}
	}
}
