package catalog

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// wsdlFieldTypes is the partner WSDL fieldType enum as salesforce-api.md §2.5
// lists it: every type describe can report.
var wsdlFieldTypes = []FieldType{
	"string", "picklist", "multipicklist", "combobox", "reference", "base64", "boolean", "currency",
	"textarea", "int", "double", "percent", "phone", "id", "date", "datetime", "time", "url", "email",
	"encryptedstring", "datacategorygroupreference", "location", "address", "anyType", "complexvalue", "long",
}

func TestTypeOf(t *testing.T) {
	str := reflect.TypeFor[string]()
	dec := reflect.TypeFor[decimal.Decimal]()
	cases := []struct {
		f    Field
		want SQLType
	}{
		{Field{Type: "id", Length: 18}, SQLType{"varchar(18)", "varchar", "character varying(18)", 1043, 22, 18, 0, 0, str}},
		// id and reference are varchar(18) whatever describe says of their length.
		{Field{Type: "reference", Length: 0}, SQLType{"varchar(18)", "varchar", "character varying(18)", 1043, 22, 18, 0, 0, str}},
		{Field{Type: "string", Length: 255}, SQLType{"varchar(255)", "varchar", "character varying(255)", 1043, 259, 255, 0, 0, str}},
		{Field{Type: "string", Length: 0}, SQLType{"varchar", "varchar", "character varying", 1043, -1, 0, 0, 0, str}},
		{Field{Type: "textarea", Length: 32000}, SQLType{"varchar(32000)", "varchar", "character varying(32000)", 1043, 32004, 32000, 0, 0, str}},
		{Field{Type: "email", Length: 80}, SQLType{"varchar(80)", "varchar", "character varying(80)", 1043, 84, 80, 0, 0, str}},
		{Field{Type: "phone", Length: 40}, SQLType{"varchar(40)", "varchar", "character varying(40)", 1043, 44, 40, 0, 0, str}},
		{Field{Type: "url", Length: 255}, SQLType{"varchar(255)", "varchar", "character varying(255)", 1043, 259, 255, 0, 0, str}},
		{Field{Type: "picklist", Length: 40}, SQLType{"varchar(40)", "varchar", "character varying(40)", 1043, 44, 40, 0, 0, str}},
		{Field{Type: "combobox", Length: 255}, SQLType{"varchar(255)", "varchar", "character varying(255)", 1043, 259, 255, 0, 0, str}},
		{Field{Type: "encryptedstring", Length: 175}, SQLType{"varchar(175)", "varchar", "character varying(175)", 1043, 179, 175, 0, 0, str}},
		{Field{Type: "datacategorygroupreference", Length: 80}, SQLType{"varchar(80)", "varchar", "character varying(80)", 1043, 84, 80, 0, 0, str}},
		{Field{Type: "multipicklist", Length: 4099}, SQLType{"text", "text", "text", 25, -1, 0, 0, 0, str}},
		{Field{Type: "boolean"}, SQLType{"boolean", "bool", "boolean", 16, -1, 0, 0, 0, reflect.TypeFor[bool]()}},
		{Field{Type: "int", Digits: 9}, SQLType{"integer", "int4", "integer", 23, -1, 0, 0, 0, reflect.TypeFor[int32]()}},
		{Field{Type: "int", Digits: 8}, SQLType{"integer", "int4", "integer", 23, -1, 0, 0, 0, reflect.TypeFor[int32]()}},
		// More digits than int4 holds.
		{Field{Type: "int", Digits: 18}, SQLType{"bigint", "int8", "bigint", 20, -1, 0, 0, 0, reflect.TypeFor[int64]()}},
		{Field{Type: "long", Digits: 18}, SQLType{"bigint", "int8", "bigint", 20, -1, 0, 0, 0, reflect.TypeFor[int64]()}},
		// numeric(p,s): typmod ((p<<16)|s)+4.
		{Field{Type: "double", Precision: 18, Scale: 15}, SQLType{"numeric(18,15)", "numeric", "numeric(18,15)", 1700, 18<<16 | 15 + 4, 0, 18, 15, dec}},
		{Field{Type: "currency", Precision: 18, Scale: 2}, SQLType{"numeric(18,2)", "numeric", "numeric(18,2)", 1700, 1179654, 0, 18, 2, dec}},
		{Field{Type: "currency", Precision: 18, Scale: 0}, SQLType{"numeric(18,0)", "numeric", "numeric(18,0)", 1700, 1179652, 0, 18, 0, dec}},
		{Field{Type: "percent", Precision: 3, Scale: 0}, SQLType{"numeric(3,0)", "numeric", "numeric(3,0)", 1700, 196612, 0, 3, 0, dec}},
		{Field{Type: "double"}, SQLType{"numeric", "numeric", "numeric", 1700, -1, 0, 0, 0, dec}},
		{Field{Type: "date"}, SQLType{"date", "date", "date", 1082, -1, 0, 0, 0, reflect.TypeFor[Date]()}},
		{Field{Type: "datetime"}, SQLType{"timestamptz", "timestamptz", "timestamp with time zone", 1184, -1, 0, 0, 0, reflect.TypeFor[time.Time]()}},
		{Field{Type: "time"}, SQLType{"time", "time", "time without time zone", 1083, -1, 0, 0, 0, reflect.TypeFor[TimeOfDay]()}},
		{Field{Type: "base64", Length: 104857600}, SQLType{"bytea", "bytea", "bytea", 17, -1, 0, 0, 0, reflect.TypeFor[[]byte]()}},
		{Field{Type: "address"}, SQLType{"json", "json", "json", 114, -1, 0, 0, 0, reflect.TypeFor[json.RawMessage]()}},
		{Field{Type: "location"}, SQLType{"json", "json", "json", 114, -1, 0, 0, 0, reflect.TypeFor[json.RawMessage]()}},
		{Field{Type: "complexvalue"}, SQLType{"json", "json", "json", 114, -1, 0, 0, 0, reflect.TypeFor[json.RawMessage]()}},
		{Field{Type: "anyType"}, SQLType{"text", "text", "text", 25, -1, 0, 0, 0, str}},
		// A type the table does not know.
		{Field{Type: "vector", Length: 10}, SQLType{"text", "text", "text", 25, -1, 0, 0, 0, str}},
	}
	covered := map[FieldType]bool{}
	for _, c := range cases {
		got := TypeOf(&c.f)
		if got != c.want {
			t.Errorf("TypeOf(%s len=%d p=%d s=%d digits=%d)\n got %+v\nwant %+v", c.f.Type, c.f.Length, c.f.Precision, c.f.Scale, c.f.Digits, got, c.want)
		}
		covered[c.f.Type] = true
	}
	for _, ft := range wsdlFieldTypes {
		if !covered[ft] {
			t.Errorf("no TypeOf case for describe type %q", ft)
		}
	}
}

// TestTypeTableCoversEveryDescribeType checks the table has exactly one row
// per describe type and nothing else.
func TestTypeTableCoversEveryDescribeType(t *testing.T) {
	rows := map[FieldType]int{}
	for _, m := range TypeTable() {
		rows[m.Type]++
	}
	for _, ft := range wsdlFieldTypes {
		if rows[ft] != 1 {
			t.Errorf("type %q: %d rows in the type table, want 1", ft, rows[ft])
		}
		if !KnownType(ft) {
			t.Errorf("KnownType(%q) = false", ft)
		}
		delete(rows, ft)
	}
	for ft := range rows {
		t.Errorf("type table row %q is not a describe type", ft)
	}
	if KnownType("vector") {
		t.Error(`KnownType("vector") = true`)
	}
}

// TestTypeTableMatchesTypeOf checks each row's OID, base name and scan type
// are what TypeOf gives a field of that type, so the table a reader sees and
// the mapping applied cannot disagree.
func TestTypeTableMatchesTypeOf(t *testing.T) {
	for _, m := range TypeTable() {
		f := &Field{Type: m.Type, Length: 10, Precision: 10, Scale: 2, Digits: 9}
		got := TypeOf(f)
		if got.OID != m.OID || got.Base != m.Base || got.ScanType != m.ScanType {
			t.Errorf("%s: TypeOf = %s/%d/%v, table = %s/%d/%v", m.Type, got.Base, got.OID, got.ScanType, m.Base, m.OID, m.ScanType)
		}
	}
}

func TestTypeTableIsACopy(t *testing.T) {
	tt := TypeTable()
	tt[0].OID = 0
	if TypeTable()[0].OID == 0 {
		t.Fatal("TypeTable returned the package's own slice")
	}
}
