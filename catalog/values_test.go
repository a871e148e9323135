package catalog

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// everyTypeRecord is one Every_Type__c record as REST query results render
// it (salesforce-api.md §0.4).
const everyTypeRecord = `{
 "attributes":{"type":"Every_Type__c","url":"/services/data/v59.0/sobjects/Every_Type__c/a01000000000001AAA"},
 "Id":"a01000000000001AAA","OwnerId":"005000000000001AAA","IsDeleted":false,"Name":"Row 1",
 "CreatedDate":"2011-07-07T00:37:00.000+0000",
 "Col_TextArea__c":"line1\nline2","Col_LongText__c":"long","Col_Email__c":"a@b.c","Col_Phone__c":"(415) 555-1212",
 "Col_Url__c":"https://x.example","Col_Picklist__c":"Green","Col_Dependent__c":null,"Col_Multi__c":"one;three",
 "Col_Combo__c":"free text","Col_Encrypted__c":"XXXX1234","Col_DataCategory__c":"Products",
 "Col_Checkbox__c":true,"Col_Int__c":12345,"Col_BigInt__c":123456789012345678,"Col_Long__c":-9000000000,
 "Col_Number__c":543210.0,"Col_Currency__c":23.10,"Col_Percent__c":5.6E1,"Col_FreeDouble__c":1e-7,
 "Col_Date__c":"2010-01-01","Col_DateTime__c":"2011-07-07T00:37:00.123+0000","Col_Time__c":"07:00:00.000Z",
 "Col_Base64__c":"/services/data/v59.0/sobjects/Every_Type__c/a01000000000001AAA/Col_Base64__c",
 "ShippingStreet":"1 Main St","ShippingCity":"Springfield","ShippingState":null,"ShippingPostalCode":"12345",
 "ShippingCountry":"US","ShippingLatitude":37.7749,"ShippingLongitude":-122.4194,"ShippingGeocodeAccuracy":"Address",
 "ShippingAddress":{"city":"Springfield","country":"US","geocodeAccuracy":"Address","latitude":37.7749,"longitude":-122.4194,"postalCode":"12345","state":null,"street":"1 Main St"},
 "Col_Location__Latitude__s":1.5,"Col_Location__Longitude__s":-2.25,"Col_Location__c":{"latitude":1.5,"longitude":-2.25},
 "Col_AnyType__c":42,"Col_Complex__c":{"a":[1,2]},"Parent__c":null,"Ext_Id__c":"EXT-1","Col_Formula__c":46.20,
 "Col_Auto__c":"A-0001","Col_Vector__c":"[0.1,0.2]"}`

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestFromJSONEveryType(t *testing.T) {
	o := mustParse(t, "every_type_describe.json")
	d := json.NewDecoder(bytes.NewReader([]byte(everyTypeRecord)))
	d.UseNumber()
	var rec map[string]any
	if err := d.Decode(&rec); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"Id": "a01000000000001AAA", "OwnerId": "005000000000001AAA", "IsDeleted": false, "Name": "Row 1",
		"CreatedDate":     time.Date(2011, 7, 7, 0, 37, 0, 0, time.UTC),
		"Col_TextArea__c": "line1\nline2", "Col_LongText__c": "long", "Col_Email__c": "a@b.c",
		"Col_Phone__c": "(415) 555-1212", "Col_Url__c": "https://x.example", "Col_Picklist__c": "Green",
		"Col_Dependent__c": nil, "Col_Multi__c": "one;three", "Col_Combo__c": "free text",
		"Col_Encrypted__c": "XXXX1234", "Col_DataCategory__c": "Products", "Col_Checkbox__c": true,
		"Col_Int__c": int32(12345), "Col_BigInt__c": int64(123456789012345678), "Col_Long__c": int64(-9000000000),
		"Col_Number__c": dec("543210.0"), "Col_Currency__c": dec("23.10"), "Col_Percent__c": dec("56"),
		"Col_FreeDouble__c": dec("0.0000001"),
		"Col_Date__c":       Date{2010, 1, 1}, "Col_DateTime__c": time.Date(2011, 7, 7, 0, 37, 0, 123e6, time.UTC),
		"Col_Time__c":    TimeOfDay{7, 0, 0, 0},
		"Col_Base64__c":  BlobURL("/services/data/v59.0/sobjects/Every_Type__c/a01000000000001AAA/Col_Base64__c"),
		"ShippingStreet": "1 Main St", "ShippingCity": "Springfield", "ShippingState": nil, "ShippingPostalCode": "12345",
		"ShippingCountry": "US", "ShippingLatitude": dec("37.7749"), "ShippingLongitude": dec("-122.4194"),
		"ShippingGeocodeAccuracy": "Address",
		// Keys sorted, numbers as Salesforce wrote them.
		"ShippingAddress":           json.RawMessage(`{"city":"Springfield","country":"US","geocodeAccuracy":"Address","latitude":37.7749,"longitude":-122.4194,"postalCode":"12345","state":null,"street":"1 Main St"}`),
		"Col_Location__Latitude__s": dec("1.5"), "Col_Location__Longitude__s": dec("-2.25"),
		"Col_Location__c": json.RawMessage(`{"latitude":1.5,"longitude":-2.25}`),
		"Col_AnyType__c":  "42", "Col_Complex__c": json.RawMessage(`{"a":[1,2]}`), "Parent__c": nil,
		"Ext_Id__c": "EXT-1", "Col_Formula__c": dec("46.20"), "Col_Auto__c": "A-0001", "Col_Vector__c": "[0.1,0.2]",
	}
	for _, f := range o.Fields {
		raw, ok := rec[f.Name]
		if !ok {
			t.Errorf("record has no %s", f.Name)
			continue
		}
		got, err := FromJSON(f, raw)
		if err != nil {
			t.Errorf("%s: %v", f.Name, err)
			continue
		}
		w := want[f.Name]
		if !sameValue(got, w) {
			t.Errorf("%s = %#v, want %#v", f.Name, got, w)
		}
		// The value has the type the column advertises.
		if got != nil && f.Type != TypeBase64 && reflect.TypeOf(got) != f.SQL.ScanType {
			t.Errorf("%s: %T, column scan type %v", f.Name, got, f.SQL.ScanType)
		}
	}
}

func sameValue(a, b any) bool {
	if da, ok := a.(decimal.Decimal); ok {
		db, ok := b.(decimal.Decimal)
		return ok && da.Equal(db) && da.String() == db.String()
	}
	if ta, ok := a.(time.Time); ok {
		tb, ok := b.(time.Time)
		return ok && ta.Equal(tb) && ta.Location() == time.UTC
	}
	return reflect.DeepEqual(a, b)
}

func TestFromText(t *testing.T) {
	f := func(ft FieldType, digits int) *Field {
		return &Field{Name: "F", Type: ft, Length: 10, Precision: 18, Scale: 2, Digits: digits}
	}
	cases := []struct {
		field *Field
		in    string
		want  any
	}{
		{f(TypeString, 0), "", nil},
		{f(TypeString, 0), "a,b", "a,b"},
		{f(TypeBoolean, 0), "true", true},
		{f(TypeBoolean, 0), "FALSE", false},
		{f(TypeInt, 9), "-12", int32(-12)},
		{f(TypeInt, 9), "12.0", int32(12)},
		{f(TypeInt, 18), "9223372036854775807", int64(9223372036854775807)},
		{f(TypeCurrency, 0), "5.6E9", dec("5600000000")},
		{f(TypeCurrency, 0), "0.10", dec("0.10")},
		{f(TypeDate, 0), "2024-02-29", Date{2024, 2, 29}},
		{f(TypeDateTime, 0), "2011-07-07T00:37:00.000Z", time.Date(2011, 7, 7, 0, 37, 0, 0, time.UTC)},
		{f(TypeDateTime, 0), "2011-07-07T02:37:00+02:00", time.Date(2011, 7, 7, 0, 37, 0, 0, time.UTC)},
		{f(TypeDateTime, 0), "2011-07-06T17:37:00.000-0700", time.Date(2011, 7, 7, 0, 37, 0, 0, time.UTC)},
		{f(TypeTime, 0), "23:59:59.999Z", TimeOfDay{23, 59, 59, 999e6}},
		{f(TypeBase64, 0), "aGVsbG8=", []byte("hello")},
		{f(TypeBase64, 0), "aGVsbG8", []byte("hello")},
		{f(TypeAddress, 0), `{"city":"X"}`, json.RawMessage(`{"city":"X"}`)},
		{f(TypeMultiPicklist, 0), "a;b", "a;b"},
	}
	for _, c := range cases {
		got, err := FromText(c.field, c.in)
		if err != nil || !sameValue(got, c.want) {
			t.Errorf("FromText(%s, %q) = %#v, %v; want %#v", c.field.Type, c.in, got, err, c.want)
		}
	}
	bad := []struct {
		field *Field
		in    string
		msg   string
	}{
		{f(TypeBoolean, 0), "yes", `catalog: invalid value for F (boolean): "yes": not true or false`},
		{f(TypeInt, 9), "2147483648", `catalog: invalid value for F (int): "2147483648": out of range for integer`},
		{f(TypeInt, 9), "1.5", `catalog: invalid value for F (int): "1.5": not an integer`},
		{f(TypeCurrency, 0), "12,50", `catalog: invalid value for F (currency): "12,50": not a number`},
		{f(TypeDate, 0), "2023-02-29", `catalog: invalid value for F (date): "2023-02-29": not a date (YYYY-MM-DD)`},
		{f(TypeDateTime, 0), "2011-07-07 00:37:00", `catalog: invalid value for F (datetime): "2011-07-07 00:37:00": not a datetime`},
		{f(TypeTime, 0), "25:00:00Z", `catalog: invalid value for F (time): "25:00:00Z": not a time (HH:MM:SS.sssZ)`},
		{f(TypeBase64, 0), "!!", `catalog: invalid value for F (base64): "!!": not base64`},
		{f(TypeLocation, 0), "{", `catalog: invalid value for F (location): "{": not JSON`},
	}
	for _, c := range bad {
		_, err := FromText(c.field, c.in)
		if err == nil || err.Error() != c.msg || !errors.Is(err, ErrValue) {
			t.Errorf("FromText(%s, %q) = %v; want %s", c.field.Type, c.in, err, c.msg)
		}
	}
}

func TestFromJSONMismatch(t *testing.T) {
	cases := []struct {
		field *Field
		in    any
		msg   string
	}{
		{&Field{Name: "B", Type: TypeBoolean}, "true", `catalog: invalid value for B (boolean): "true": JSON string, field type boolean`},
		{&Field{Name: "N", Type: TypeInt}, true, `catalog: invalid value for N (int): "true": JSON boolean, field type int`},
		{&Field{Name: "D", Type: TypeDate}, json.Number("20100101"), `catalog: invalid value for D (date): "20100101": JSON number, field type date`},
		{&Field{Name: "A", Type: TypeAddress}, "x", `catalog: invalid value for A (address): "x": not JSON`},
		{&Field{Name: "S", Type: TypeString, Length: 5}, map[string]any{}, `catalog: invalid value for S (string): "map[]": JSON object, field type string`},
		{&Field{Name: "S", Type: TypeString, Length: 5}, []any{}, `catalog: invalid value for S (string): "[]": JSON array, field type string`},
	}
	for _, c := range cases {
		_, err := FromJSON(c.field, c.in)
		if err == nil || err.Error() != c.msg {
			t.Errorf("FromJSON(%s, %#v) = %v\nwant %s", c.field.Type, c.in, err, c.msg)
		}
	}
	// A number or boolean where text is expected (anyType, formulas) is its text.
	if v, err := FromJSON(&Field{Type: TypeAnyType}, true); v != "true" || err != nil {
		t.Errorf("anyType bool = %v, %v", v, err)
	}
}

func TestFormatDateTime(t *testing.T) {
	la, _ := time.LoadLocation("America/Los_Angeles")
	in := time.Date(2011, 7, 6, 17, 37, 0, 123456789, la)
	if got := FormatDateTime(in); got != "2011-07-07T00:37:00.123+0000" {
		t.Errorf("FormatDateTime = %s", got)
	}
	back, err := ParseDateTime(FormatDateTime(in))
	if err != nil || !back.Equal(in.Truncate(time.Millisecond)) {
		t.Errorf("round trip = %v, %v", back, err)
	}
}
