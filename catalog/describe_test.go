package catalog

import (
	"errors"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustParse(t testing.TB, name string) *Object {
	t.Helper()
	o, err := ParseDescribe(readTestdata(t, name))
	if err != nil {
		t.Fatalf("ParseDescribe(%s): %v", name, err)
	}
	return o
}

// column is a field as the SQL faces see it.
type column struct {
	name, ftype, sql string
	nillable         bool
}

func columns(o *Object) []column {
	out := make([]column, len(o.Fields))
	for i, f := range o.Fields {
		out[i] = column{f.Name, string(f.Type), f.SQL.Name, f.Nillable}
	}
	return out
}

// TestParseDescribeCase builds the model from a real Case describe
// (CumulusCI cassette) and checks every column in describe order.
func TestParseDescribeCase(t *testing.T) {
	o := mustParse(t, "case_describe.json")
	want := []column{
		{"Id", "id", "varchar(18)", false},
		{"IsDeleted", "boolean", "boolean", false},
		{"MasterRecordId", "reference", "varchar(18)", true},
		{"CaseNumber", "string", "varchar(30)", false},
		{"ContactId", "reference", "varchar(18)", true},
		{"AccountId", "reference", "varchar(18)", true},
		{"AssetId", "reference", "varchar(18)", true},
		{"ParentId", "reference", "varchar(18)", true},
		{"SuppliedName", "string", "varchar(80)", true},
		{"SuppliedEmail", "email", "varchar(80)", true},
		{"SuppliedPhone", "string", "varchar(40)", true},
		{"SuppliedCompany", "string", "varchar(80)", true},
		{"Type", "picklist", "varchar(40)", true},
		{"Status", "picklist", "varchar(40)", true},
		{"Reason", "picklist", "varchar(40)", true},
		{"Origin", "picklist", "varchar(40)", true},
		{"Subject", "string", "varchar(255)", true},
		{"Priority", "picklist", "varchar(40)", true},
		{"Description", "textarea", "varchar(32000)", true},
		{"IsClosed", "boolean", "boolean", false},
		{"ClosedDate", "datetime", "timestamptz", true},
		{"IsEscalated", "boolean", "boolean", false},
		{"OwnerId", "reference", "varchar(18)", false},
		{"CreatedDate", "datetime", "timestamptz", false},
		{"CreatedById", "reference", "varchar(18)", false},
		{"LastModifiedDate", "datetime", "timestamptz", false},
		{"LastModifiedById", "reference", "varchar(18)", false},
		{"SystemModstamp", "datetime", "timestamptz", false},
		{"ContactPhone", "phone", "varchar(40)", true},
		{"ContactMobile", "phone", "varchar(40)", true},
		{"ContactEmail", "email", "varchar(80)", true},
		{"ContactFax", "phone", "varchar(40)", true},
		{"Comments", "textarea", "varchar(4000)", true},
		{"LastViewedDate", "datetime", "timestamptz", true},
		{"LastReferencedDate", "datetime", "timestamptz", true},
	}
	if got := columns(o); !slices.Equal(got, want) {
		t.Errorf("Case columns:\n got %v\nwant %v", got, want)
	}

	if o.Name != "Case" || o.Label != "Case" || o.LabelPlural != "Cases" || o.KeyPrefix != "500" {
		t.Errorf("Case header = %q %q %q %q", o.Name, o.Label, o.LabelPlural, o.KeyPrefix)
	}
	if !o.Queryable || !o.Retrieveable || !o.Createable || !o.Updateable || !o.Deletable || !o.Undeletable ||
		!o.Replicateable || !o.Searchable || !o.Triggerable || !o.FeedEnabled || o.Custom || o.CustomSetting || o.Mergeable {
		t.Errorf("Case flags = %+v", o)
	}
	if want := []RecordType{{ID: "012000000000000AAA", Name: "Master", DeveloperName: "Master", Active: true, Available: true, Master: true, Default: true}}; !slices.Equal(o.RecordTypes, want) {
		t.Errorf("RecordTypes = %+v", o.RecordTypes)
	}

	cn, _ := o.Field("casenumber")
	if !cn.AutoNumber || !cn.NameField || !cn.IDLookup || cn.Createable || cn.Updateable || cn.Nillable ||
		!cn.Filterable || !cn.Sortable || cn.Groupable || !cn.Aggregatable || !cn.DefaultedOnCreate ||
		cn.Label != "Case Number" || cn.ByteLength != 90 || cn.SOAPType != "xsd:string" {
		t.Errorf("CaseNumber = %+v", cn)
	}
	owner, _ := o.Field("OwnerId")
	if !slices.Equal(owner.ReferenceTo, []string{"Group", "User"}) || owner.RelationshipName != "Owner" || !owner.Polymorphic {
		t.Errorf("OwnerId = %+v", owner)
	}
	status, _ := o.Field("Status")
	wantStatus := []PicklistValue{
		{Value: "New", Label: "New", Active: true, DefaultValue: true},
		{Value: "Working", Label: "Working", Active: true},
		{Value: "Escalated", Label: "Escalated", Active: true},
		{Value: "Closed", Label: "Closed", Active: true},
	}
	if !slices.Equal(status.PicklistValues, wantStatus) {
		t.Errorf("Status picklist = %+v", status.PicklistValues)
	}
	desc, _ := o.Field("Description")
	if desc.Filterable || desc.Sortable || desc.Groupable || desc.ExtraTypeInfo != "plaintextarea" {
		t.Errorf("Description = %+v", desc)
	}

	// Parent relationships.
	for rel, field := range map[string]string{"Account": "AccountId", "contact": "ContactId", "PARENT": "ParentId",
		"Owner": "OwnerId", "CreatedBy": "CreatedById", "MasterRecord": "MasterRecordId"} {
		f, err := o.Relationship(rel)
		if err != nil || f.Name != field {
			t.Errorf("Relationship(%q) = %v, %v; want %s", rel, f, err, field)
		}
	}
	// Child relationships: 49 entries, 33 with a name.
	if len(o.ChildRelationships) != 49 {
		t.Errorf("%d child relationships, want 49", len(o.ChildRelationships))
	}
	cc, err := o.ChildRelationship("casecomments")
	if err != nil || *cc != (ChildRelationship{ChildObject: "CaseComment", Field: "ParentId", RelationshipName: "CaseComments", CascadeDelete: true}) {
		t.Errorf("ChildRelationship(casecomments) = %+v, %v", cc, err)
	}
	h, err := o.ChildRelationship("Histories")
	if err != nil || h.ChildObject != "CaseHistory" || h.Field != "CaseId" {
		t.Errorf("ChildRelationship(Histories) = %+v, %v", h, err)
	}
	// A child without a relationship name cannot be resolved by an empty name.
	if _, err := o.ChildRelationship(""); err == nil {
		t.Error(`ChildRelationship("") resolved`)
	}
	if got := o.ExternalIDFields(); len(got) != 1 || got[0].Name != "Id" {
		t.Errorf("ExternalIDFields = %v", got)
	}
}

// TestParseDescribeWhizbang reads restforce's older custom-object describe:
// keys in another order, and a reference field whose length, precision and
// scale keys are absent.
func TestParseDescribeWhizbang(t *testing.T) {
	o := mustParse(t, "restforce_whizbang_describe.json")
	want := []column{
		{"Id", "id", "varchar(18)", false},
		{"OwnerId", "reference", "varchar(18)", false},
		{"IsDeleted", "boolean", "boolean", false},
		{"Name", "string", "varchar(80)", true},
		{"CreatedDate", "datetime", "timestamptz", false},
		{"CreatedById", "reference", "varchar(18)", false},
		{"LastModifiedDate", "datetime", "timestamptz", false},
		{"LastModifiedById", "reference", "varchar(18)", false},
		{"SystemModstamp", "datetime", "timestamptz", false},
		{"Auto_Number", "string", "varchar(30)", false},
		{"Checkbox_Field", "boolean", "boolean", false},
		{"Currency_Field", "currency", "numeric(18,0)", true},
		{"Date_Field", "date", "date", true},
		{"DateTime_Field", "datetime", "timestamptz", true},
		{"Email_Field", "email", "varchar(80)", true},
		{"Number_Field", "double", "numeric(18,0)", true},
		{"Percent_Field", "percent", "numeric(18,0)", true},
		{"Phone_Field", "phone", "varchar(40)", true},
		{"Picklist_Field", "picklist", "varchar(255)", true},
		{"Picklist_Multiselect_Field", "multipicklist", "text", true},
		{"Dependent_Picklist_Field", "picklist", "varchar(255)", true},
		{"Text_Field", "string", "varchar(80)", true},
		{"TextArea_Field", "textarea", "varchar(255)", true},
		{"TextAreaLong_Field", "textarea", "varchar(32768)", true},
		{"TextAreaRich_Field", "textarea", "varchar(32768)", true},
		{"URL_Field", "url", "varchar(255)", true},
		{"OtherDateTime_Field", "datetime", "timestamptz", true},
		{"CreateableButNotUpdateableField", "datetime", "timestamptz", true},
		{"UpdateableButNotCreateableField", "datetime", "timestamptz", true},
		{"ParentWhizbang__c", "reference", "varchar(18)", true},
	}
	got := columns(o)
	if !slices.Equal(got, want) {
		t.Errorf("Whizbang columns:\n got %v\nwant %v", got, want)
	}
	if o.Name != "Whizbang" || !o.Custom || o.KeyPrefix != "a01" {
		t.Errorf("header %q custom=%v prefix=%q", o.Name, o.Custom, o.KeyPrefix)
	}
	dep, _ := o.Field("dependent_picklist_field")
	if !dep.DependentPicklist || dep.ControllerName != "Picklist_Field" || len(dep.PicklistValues) != 4 ||
		dep.PicklistValues[3] != (PicklistValue{Value: "ten", Label: "nine", Active: true, ValidFor: "AEAA"}) {
		t.Errorf("Dependent_Picklist_Field = %+v", dep)
	}
	parent, err := o.Relationship("parentwhizbang__r")
	if err != nil || parent.Name != "ParentWhizbang__c" || !slices.Equal(parent.ReferenceTo, []string{"Whizbang"}) || parent.Length != 0 {
		t.Errorf("Relationship(parentwhizbang__r) = %+v, %v", parent, err)
	}
	// Children listed without a name (ContentDocumentLink, …) are kept but not resolvable.
	if len(o.ChildRelationships) != 12 {
		t.Errorf("%d child relationships, want 12", len(o.ChildRelationships))
	}
	if _, err := o.ChildRelationship("Notes"); err != nil {
		t.Error(err)
	}
}

// TestParseDescribeEveryType reads the hand-written describe of an object
// with a field of every describe type (testdata/README.md).
func TestParseDescribeEveryType(t *testing.T) {
	o := mustParse(t, "every_type_describe.json")
	want := []column{
		{"Id", "id", "varchar(18)", false},
		{"OwnerId", "reference", "varchar(18)", false},
		{"IsDeleted", "boolean", "boolean", false},
		{"Name", "string", "varchar(80)", true},
		{"CreatedDate", "datetime", "timestamptz", false},
		{"Col_TextArea__c", "textarea", "varchar(255)", true},
		{"Col_LongText__c", "textarea", "varchar(32768)", true},
		{"Col_Email__c", "email", "varchar(80)", true},
		{"Col_Phone__c", "phone", "varchar(40)", true},
		{"Col_Url__c", "url", "varchar(255)", true},
		{"Col_Picklist__c", "picklist", "varchar(255)", true},
		{"Col_Dependent__c", "picklist", "varchar(255)", true},
		{"Col_Multi__c", "multipicklist", "text", true},
		{"Col_Combo__c", "combobox", "varchar(255)", true},
		{"Col_Encrypted__c", "encryptedstring", "varchar(175)", true},
		{"Col_DataCategory__c", "datacategorygroupreference", "varchar(80)", true},
		{"Col_Checkbox__c", "boolean", "boolean", false},
		{"Col_Int__c", "int", "integer", true},
		{"Col_BigInt__c", "int", "bigint", true},
		{"Col_Long__c", "long", "bigint", true},
		{"Col_Number__c", "double", "numeric(18,6)", true},
		{"Col_Currency__c", "currency", "numeric(16,2)", true},
		{"Col_Percent__c", "percent", "numeric(5,2)", true},
		{"Col_FreeDouble__c", "double", "numeric", true},
		{"Col_Date__c", "date", "date", true},
		{"Col_DateTime__c", "datetime", "timestamptz", true},
		{"Col_Time__c", "time", "time", true},
		{"Col_Base64__c", "base64", "bytea", true},
		{"ShippingStreet", "textarea", "varchar(255)", true},
		{"ShippingCity", "string", "varchar(40)", true},
		{"ShippingState", "string", "varchar(80)", true},
		{"ShippingPostalCode", "string", "varchar(20)", true},
		{"ShippingCountry", "string", "varchar(80)", true},
		{"ShippingLatitude", "double", "numeric(18,15)", true},
		{"ShippingLongitude", "double", "numeric(18,15)", true},
		{"ShippingGeocodeAccuracy", "picklist", "varchar(40)", true},
		{"ShippingAddress", "address", "json", true},
		{"Col_Location__Latitude__s", "double", "numeric(18,15)", true},
		{"Col_Location__Longitude__s", "double", "numeric(18,15)", true},
		{"Col_Location__c", "location", "json", true},
		{"Col_AnyType__c", "anyType", "text", true},
		{"Col_Complex__c", "complexvalue", "json", true},
		{"Parent__c", "reference", "varchar(18)", true},
		{"Ext_Id__c", "string", "varchar(40)", true},
		{"Col_Formula__c", "currency", "numeric(18,2)", true},
		{"Col_Auto__c", "string", "varchar(30)", false},
		{"Col_Vector__c", "vector", "text", true},
	}
	if got := columns(o); !slices.Equal(got, want) {
		t.Errorf("Every_Type__c columns:\n got %v\nwant %v", got, want)
	}
	seen := map[FieldType]bool{}
	for _, f := range o.Fields {
		seen[f.Type] = true
	}
	for _, ft := range wsdlFieldTypes {
		if !seen[ft] {
			t.Errorf("every_type_describe.json has no %s field", ft)
		}
	}

	addr, _ := o.Field("shippingaddress")
	if !addr.IsCompound() || addr.Createable || addr.Updateable {
		t.Errorf("ShippingAddress = %+v", addr)
	}
	var parts []string
	for _, f := range o.Components("ShippingAddress") {
		parts = append(parts, f.Name)
	}
	if want := []string{"ShippingStreet", "ShippingCity", "ShippingState", "ShippingPostalCode", "ShippingCountry",
		"ShippingLatitude", "ShippingLongitude", "ShippingGeocodeAccuracy"}; !slices.Equal(parts, want) {
		t.Errorf("Components(ShippingAddress) = %v", parts)
	}
	parts = parts[:0]
	for _, f := range o.Components("col_location__c") {
		parts = append(parts, f.Name)
	}
	if want := []string{"Col_Location__Latitude__s", "Col_Location__Longitude__s"}; !slices.Equal(parts, want) {
		t.Errorf("Components(col_location__c) = %v", parts)
	}

	ext, _ := o.Field("EXT_ID__C")
	if !ext.ExternalID || !ext.Unique || !ext.CaseSensitive || !ext.IDLookup {
		t.Errorf("Ext_Id__c = %+v", ext)
	}
	var keys []string
	for _, f := range o.ExternalIDFields() {
		keys = append(keys, f.Name)
	}
	if !slices.Equal(keys, []string{"Id", "Ext_Id__c"}) {
		t.Errorf("ExternalIDFields = %v", keys)
	}
	formula, _ := o.Field("Col_Formula__c")
	if !formula.Calculated || formula.CalculatedFormula != "Col_Currency__c * 2" {
		t.Errorf("Col_Formula__c = %+v", formula)
	}
	enc, _ := o.Field("Col_Encrypted__c")
	if !enc.Encrypted || enc.Filterable {
		t.Errorf("Col_Encrypted__c = %+v", enc)
	}
	pick, _ := o.Field("Col_Picklist__c")
	if !pick.RestrictedPicklist || len(pick.PicklistValues) != 3 || !pick.PicklistValues[1].DefaultValue {
		t.Errorf("Col_Picklist__c = %+v", pick)
	}
	dep, _ := o.Field("Col_Dependent__c")
	if dep.ControllerName != "Col_Picklist__c" || dep.PicklistValues[1] != (PicklistValue{Value: "Olive", Label: "Olive", ValidFor: "QAAA"}) {
		t.Errorf("Col_Dependent__c = %+v", dep)
	}
	self, err := o.Relationship("Parent__r")
	if err != nil || self.Name != "Parent__c" {
		t.Errorf("Relationship(Parent__r) = %v, %v", self, err)
	}
	kids, err := o.ChildRelationship("children__r")
	if err != nil || kids.ChildObject != "Every_Type__c" || kids.Field != "Parent__c" {
		t.Errorf("ChildRelationship(children__r) = %+v, %v", kids, err)
	}
	if len(o.ChildRelationships) != 3 {
		t.Errorf("%d child relationships", len(o.ChildRelationships))
	}
}

func TestParseDescribeErrors(t *testing.T) {
	cases := []struct{ body, want string }{
		{`not json`, "catalog: invalid describe: invalid character"},
		{`[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]`, "catalog: invalid describe: json: cannot unmarshal array"},
		{`{"fields":[]}`, "catalog: invalid describe: no object name"},
		{`{"name":"","fields":[]}`, "catalog: invalid describe: no object name"},
		{`{"name":"Account"}`, "catalog: invalid describe: Account has no fields list"},
		{`{"name":"Account","fields":null}`, "catalog: invalid describe: Account has no fields list"},
		{`{"name":"Account","fields":[{"type":"id"}]}`, "catalog: invalid describe: Account field 0 has no name"},
		{`{"name":"Account","fields":[{"name":"Id"}]}`, "catalog: invalid describe: Account.Id has no type"},
		{`{"name":"Account","fields":[{"name":"Id","type":"id"},{"name":"ID","type":"string"}]}`, "catalog: invalid describe: Account has fields Id and ID"},
	}
	for _, c := range cases {
		_, err := ParseDescribe([]byte(c.body))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) || !errors.Is(err, ErrInvalidDescribe) {
			t.Errorf("ParseDescribe(%s) = %v, want %q…", c.body, err, c.want)
		}
	}
	// The smallest describe that is valid.
	o, err := ParseDescribe([]byte(`{"name":"Thing__c","fields":[],"keyPrefix":null}`))
	if err != nil || o.Name != "Thing__c" || len(o.Fields) != 0 || o.KeyPrefix != "" {
		t.Errorf("minimal describe = %+v, %v", o, err)
	}
}

func TestParseDescribeGlobal(t *testing.T) {
	all, err := ParseDescribeGlobal(readTestdata(t, "describe_global.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 110 {
		t.Fatalf("%d sobjects, want 110", len(all))
	}
	want := ObjectSummary{Name: "Account", Label: "Account", LabelPlural: "Accounts", KeyPrefix: "001",
		Queryable: true, Retrieveable: true, Createable: true, Updateable: true, Deletable: true,
		Undeletable: true, Replicateable: true, Searchable: true}
	if all[0] != want {
		t.Errorf("first = %+v\nwant %+v", all[0], want)
	}
	names := make([]string, len(all))
	for i, s := range all {
		names[i] = s.Name
	}
	if !slices.Equal(names[:8], []string{"Account", "Campaign", "CampaignMember", "Case", "Contact", "Opportunity", "OpportunityContactRole", "Organization"}) {
		t.Errorf("first names = %v", names[:8])
	}
	// keyPrefix null becomes "".
	i := slices.Index(names, "UserFeed")
	if i < 0 || all[i].KeyPrefix != "" {
		t.Errorf("UserFeed = %+v", all[i])
	}

	old, err := ParseDescribeGlobal(readTestdata(t, "restforce_describe_global.json"))
	if err != nil || len(old) != 1 || !reflect.DeepEqual(old[0], want) {
		t.Errorf("restforce describeGlobal = %+v, %v", old, err)
	}

	for _, body := range []string{`{}`, `{"sobjects":null}`, `{"sobjects":[{"name":""}]}`, `[]`} {
		if _, err := ParseDescribeGlobal([]byte(body)); !errors.Is(err, ErrInvalidDescribe) {
			t.Errorf("ParseDescribeGlobal(%s) = %v", body, err)
		}
	}
}
