package cases

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/soqlgate/soqlgate/catalog"
	sfdriver "github.com/soqlgate/soqlgate/driver"
)

// AllDataType__c (emulator/seed_demo.go allDataTypes): ten rows "All Types
// 01"–"10" created at 2025-12-26 09:00 UTC + i days (i = 0…9); rows 07 and
// 08 are soft-deleted, row 10 leaves every optional column NULL, row 09
// holds edge values. For row i (0-based) the seed writes:
//
//	Checkbox  i%2 == 0               Currency  1000i + 0.25i
//	Date      2025-12-26 + i days    DateTime  that day 09:00 + 90i minutes
//	Time      (8+i):(7i mod 60)      Number    3.1416i − 5
//	Integer   i² − 4                 Percent   12.5i
//	Picklist  Alpha Beta Gamma Delta Multi     Red | Red;Blue | Green;Blue;Yellow | Yellow
//	Combobox  Small Medium Large "Custom size"
//	Lookup    Account(i+1)           Location  (37.7749 + i/100, −122.4194 − i/100)
//
// and row 09 (i=8) overrides Currency 0, Number −0.0001, Integer
// −2147483648 and Text with quotes, a backslash and a tab.

// liveTypeRows are the i of the live rows, in Name order.
var liveTypeRows = []int{0, 1, 2, 3, 4, 5, 8, 9}

func typeRowName(i int) string { return fmt.Sprintf("All Types %02d", i+1) }

// typeColumn builds the expectation of one column over the live rows:
// value(i) gives row i's value (row 10, i=9, is NULL unless always is set).
func typeColumn(col string, value func(i int) any, always bool) [][]any {
	var rows [][]any
	for _, i := range liveTypeRows {
		var v any
		if i != 9 || always {
			v = value(i)
		}
		rows = append(rows, []any{typeRowName(i), v})
	}
	return rows
}

func typeCase(col string, value func(i int) any, c Column) QueryTest {
	return typeCaseAlways(col, value, c, false)
}

func typeCaseAlways(col string, value func(i int) any, c Column, always bool) QueryTest {
	c.Name = col
	return QueryTest{
		Name: col,
		// Ordered by CreatedDate (one day apart, in Name order) rather than
		// Name: a text sort runs locally (PostgreSQL's byte order), and a
		// local step reports every column nullable, while these cases check
		// the metadata describe gives a pushed-down read.
		Query:           fmt.Sprintf(`SELECT "Name", %q FROM "AllDataType__c" ORDER BY "CreatedDate"`, col),
		Ordered:         true,
		Expected:        typeColumn(col, value, always),
		ExpectedColumns: []Column{{Name: "Name", DatabaseTypeName: "VARCHAR", Length: 80}, c},
	}
}

var (
	tString    = reflect.TypeFor[string]()
	tBool      = reflect.TypeFor[bool]()
	tInt32     = reflect.TypeFor[int32]()
	tDecimal   = reflect.TypeFor[decimal.Decimal]()
	tDate      = reflect.TypeFor[catalog.Date]()
	tTime      = reflect.TypeFor[time.Time]()
	tTimeOfDay = reflect.TypeFor[catalog.TimeOfDay]()
	tBytes     = reflect.TypeFor[[]byte]()
	tJSON      = reflect.TypeFor[json.RawMessage]()
)

func created(i int) time.Time { return time.Date(2025, 12, 26+i, 9, 0, 0, 0, time.UTC) }

func numberValue(i int) any {
	if i == 8 {
		return Dec("-0.0001")
	}
	// 3.1416i − 5, exact.
	return Dec("3.1416").Mul(decimal.NewFromInt(int64(i))).Sub(Dec("5"))
}

func locationJSON(i int) any {
	lat := []string{"37.7749", "37.7849", "37.794900000000005", "37.8049", "37.8149", "37.8249", "", "", "37.8549"}[i]
	lon := []string{"-122.4194", "-122.4294", "-122.43939999999999", "-122.4494", "-122.4594", "-122.4694", "", "", "-122.4994"}[i]
	return json.RawMessage(`{"latitude":` + lat + `,"longitude":` + lon + `}`)
}

// AllTypes scans every field type of AllDataType__c into its Go type.
var AllTypes = []QueryTest{
	typeCaseAlways("Col_AutoNumber__c", func(i int) any { return fmt.Sprintf("ADT-%04d", i+1) },
		Column{DatabaseTypeName: "VARCHAR", ScanType: tString, Length: 30}, true),
	// Row 10 sets no checkbox: a boolean is never NULL, it is false.
	typeCaseAlways("Col_Checkbox__c", func(i int) any { return i%2 == 0 && i != 9 },
		Column{DatabaseTypeName: "BOOL", ScanType: tBool, Nullable: No}, true),
	typeCase("Col_Currency__c", func(i int) any {
		if i == 8 {
			return Dec("0")
		}
		return decimal.NewFromInt(int64(1000 * i)).Add(Dec("0.25").Mul(decimal.NewFromInt(int64(i))))
	}, Column{DatabaseTypeName: "NUMERIC", ScanType: tDecimal, Nullable: Yes, Precision: 18, Scale: 2}),
	typeCase("Col_Date__c", func(i int) any { return catalog.DateOf(created(i)) },
		Column{DatabaseTypeName: "DATE", ScanType: tDate}),
	typeCase("Col_DateTime__c", func(i int) any { return created(i).Add(time.Duration(i) * 90 * time.Minute) },
		Column{DatabaseTypeName: "TIMESTAMPTZ", ScanType: tTime}),
	typeCase("Col_Time__c", func(i int) any { return Clock(8+i, (i*7)%60, 0) },
		Column{DatabaseTypeName: "TIME", ScanType: tTimeOfDay}),
	typeCase("Col_Email__c", func(i int) any { return fmt.Sprintf("row%d@example.com", i+1) },
		Column{DatabaseTypeName: "VARCHAR", ScanType: tString, Length: 80}),
	typeCase("Col_EncryptedText__c", func(i int) any { return fmt.Sprintf("secret-%d", i+1) },
		Column{DatabaseTypeName: "VARCHAR", ScanType: tString, Length: 175}),
	{
		Name:     "Col_Number__c",
		Query:    `SELECT "Name", "Col_Number__c" FROM "AllDataType__c" WHERE "Name" <> 'All Types 04' ORDER BY "Name"`,
		Ordered:  true,
		Expected: withoutRow(typeColumn("Col_Number__c", numberValue, false), "All Types 04"),
		ExpectedColumns: []Column{{Name: "Name"},
			{Name: "Col_Number__c", DatabaseTypeName: "NUMERIC", ScanType: tDecimal, Precision: 18, Scale: 4}},
	},
	{
		// 3.1416 × 3 − 5 = 4.4248. The seed computes it in float64
		// (4.424799999999999) and the emulator stores and serves the REAL
		// as is; Salesforce keeps a double field at its scale (4), so the
		// org answers 4.4248.
		Name:     "Col_Number__c at its scale",
		Query:    `SELECT "Name", "Col_Number__c" FROM "AllDataType__c" WHERE "Name" = 'All Types 04'`,
		Expected: [][]any{{"All Types 04", Dec("4.4248")}},
		Skip:     "emulator: serves Col_Number__c of All Types 04 as 4.424799999999999 (the float64 it stored), not rounded to the field's scale 4 (4.4248)",
	},
	typeCase("Col_Integer__c", func(i int) any {
		if i == 8 {
			return int32(-2147483648)
		}
		return int32(i*i - 4)
	}, Column{DatabaseTypeName: "INT4", ScanType: tInt32}),
	typeCase("Col_Percent__c", func(i int) any { return Dec("12.5").Mul(decimal.NewFromInt(int64(i))) },
		Column{DatabaseTypeName: "NUMERIC", ScanType: tDecimal, Precision: 5, Scale: 2}),
	typeCase("Col_Phone__c", func(i int) any { return fmt.Sprintf("(555) 010-%04d", i) },
		Column{DatabaseTypeName: "VARCHAR", ScanType: tString, Length: 40}),
	typeCase("Col_Picklist__c", func(i int) any { return []string{"Alpha", "Beta", "Gamma", "Delta"}[i%4] },
		Column{DatabaseTypeName: "VARCHAR", ScanType: tString, Length: 40}),
	typeCase("Col_MultiPicklist__c", func(i int) any { return []string{"Red", "Red;Blue", "Green;Blue;Yellow", "Yellow"}[i%4] },
		Column{DatabaseTypeName: "TEXT", ScanType: tString}),
	typeCase("Col_Combobox__c", func(i int) any { return []string{"Small", "Medium", "Large", "Custom size"}[i%4] },
		Column{DatabaseTypeName: "VARCHAR", ScanType: tString, Length: 255}),
	typeCase("Col_Text__c", func(i int) any {
		if i == 8 {
			return "quote \" backslash \\ tab\tend"
		}
		return fmt.Sprintf("Text value %d — ünïcödé & <tags>", i+1)
	}, Column{DatabaseTypeName: "VARCHAR", ScanType: tString, Length: 255}),
	typeCase("Col_TextArea__c", func(i int) any { return fmt.Sprintf("Line one of row %d\nLine two", i+1) },
		Column{DatabaseTypeName: "VARCHAR", ScanType: tString, Length: 255}),
	typeCase("Col_LongTextArea__c", func(i int) any { return fmt.Sprintf("Long text %d: lorem ipsum dolor sit amet ", i+1) },
		Column{DatabaseTypeName: "VARCHAR", ScanType: tString, Length: 32768}),
	typeCase("Col_RichTextArea__c", func(i int) any { return fmt.Sprintf("<p>Rich <b>text</b> %d</p>", i+1) },
		Column{DatabaseTypeName: "VARCHAR", ScanType: tString, Length: 32768}),
	typeCase("Col_Url__c", func(i int) any { return fmt.Sprintf("https://example.com/items/%d", i+1) },
		Column{DatabaseTypeName: "VARCHAR", ScanType: tString, Length: 255}),
	typeCase("Col_Lookup__c", func(i int) any { return Account(i + 1) },
		Column{DatabaseTypeName: "VARCHAR", ScanType: tString, Length: 18}),
	{
		Name:     "Col_Base64__c",
		Query:    `SELECT "Name", "Col_Base64__c" FROM "AllDataType__c" ORDER BY "Name"`,
		Ordered:  true,
		Expected: typeColumn("Col_Base64__c", func(i int) any { return []byte(fmt.Sprintf("binary payload %d", i+1)) }, false),
		ExpectedColumns: []Column{{Name: "Name"},
			{Name: "Col_Base64__c", DatabaseTypeName: "BYTEA", ScanType: tBytes}},
		Skip: "engine: a base64 field gives the blob's URL (/services/data/v45.0/sobjects/AllDataType__c/<id>/Col_Base64__c) instead of fetching its bytes",
	},
	// The seed stores latitude 37.7749 + i/100 computed in float64; for
	// i=2 that is 37.794900000000005, which fits the field's 15 decimals,
	// so Salesforce keeps it as written.
	typeCase("Col_Location__Latitude__s", func(i int) any {
		return Dec([]string{"37.7749", "37.7849", "37.794900000000005", "37.8049", "37.8149", "37.8249", "", "", "37.8549"}[i])
	}, Column{DatabaseTypeName: "NUMERIC", ScanType: tDecimal, Precision: 18, Scale: 15}),
	typeCase("Col_Location__c", locationJSON, Column{DatabaseTypeName: "JSON", ScanType: tJSON}),
	typeCase("Col_Address__Street__s", func(i int) any { return fmt.Sprintf("%d Market Street", 100+i) },
		Column{DatabaseTypeName: "VARCHAR", ScanType: tString}),
	typeCase("Col_Address__City__s", func(i int) any { return "San Francisco" },
		Column{DatabaseTypeName: "VARCHAR", ScanType: tString, Length: 40}),
	typeCase("Col_Address__c", func(i int) any {
		return json.RawMessage(fmt.Sprintf(`{"city":"San Francisco","country":"USA","geocodeAccuracy":null,"latitude":null,"longitude":null,"postalCode":"94105","state":"CA","street":"%d Market Street"}`, 100+i))
	}, Column{DatabaseTypeName: "JSON", ScanType: tJSON}),
	{
		Name:     "created and modified stamps of the seed",
		Query:    `SELECT "Name", "CreatedDate", "LastModifiedDate" FROM "AllDataType__c" ORDER BY "CreatedDate"`,
		Ordered:  true,
		Expected: typeColumnPair(func(i int) (any, any) { return created(i), created(i) }),
		ExpectedColumns: []Column{{Name: "Name"},
			{Name: "CreatedDate", DatabaseTypeName: "TIMESTAMPTZ", ScanType: tTime, Nullable: No},
			{Name: "LastModifiedDate", DatabaseTypeName: "TIMESTAMPTZ", ScanType: tTime, Nullable: No}},
	},
	{
		Name:     "a local recheck keeps the columns' nullability",
		Query:    `SELECT "Name", "CreatedDate" FROM "AllDataType__c" WHERE "Name" IN ('All Types 01', 'All Types 10')`,
		Expected: [][]any{{"All Types 01", created(0)}, {"All Types 10", created(9)}},
		ExpectedColumns: []Column{{Name: "Name"},
			{Name: "CreatedDate", DatabaseTypeName: "TIMESTAMPTZ", ScanType: tTime, Nullable: No}},
		Skip: "engine: columns of a plan with a local step (here the case-sensitive recheck of Name IN (…)) " +
			"all report Nullable true; CreatedDate is not nillable in describe",
	},
	{
		Name:  "SELECT * has every column with its type",
		Query: `SELECT * FROM "AllDataType__c" WHERE "Name" = 'All Types 02'`,
		Skip: "engine: with a local recheck (SQL = on a string) the compound columns Col_Location__c and Col_Address__c " +
			"report ScanType string and hand their JSON as text, where the pushed-down query reports json.RawMessage",
		ExpectedColumns: starColumns(),
	},
}

// typeColumnPair is typeColumn for two columns set on every row.
func typeColumnPair(value func(i int) (any, any)) [][]any {
	var rows [][]any
	for _, i := range liveTypeRows {
		a, b := value(i)
		rows = append(rows, []any{typeRowName(i), a, b})
	}
	return rows
}

// bulkTypes are the columns read again through Bulk: one per way a value
// is written in CSV (booleans, numbers of each kind, dates, datetimes,
// times, text with quotes, a tab and a newline, ids). Each Bulk read
// waits for its job, so the list stays short.
var bulkTypes = map[string]bool{
	"Col_Checkbox__c": true, "Col_Currency__c": true, "Col_Date__c": true, "Col_DateTime__c": true,
	"Col_Time__c": true, "Col_Integer__c": true, "Col_Percent__c": true, "Col_MultiPicklist__c": true,
	"Col_Text__c": true, "Col_TextArea__c": true, "Col_Lookup__c": true, "Col_Location__Latitude__s": true,
}

// allTypesBulk is AllTypes read through Bulk API 2.0 (api=bulk) for the
// columns of bulkTypes: the values come from CSV text instead of JSON and
// must be the same. Bulk serves no ORDER BY, so the rows are compared as
// a set.
func allTypesBulk() []QueryTest {
	var out []QueryTest
	for _, q := range AllTypes {
		if len(q.ExpectedColumns) != 2 || !bulkTypes[q.ExpectedColumns[1].Name] || !strings.HasSuffix(q.Query, ` ORDER BY "Name"`) {
			continue
		}
		q.Name += " (bulk)"
		q.Query = strings.TrimSuffix(q.Query, ` ORDER BY "Name"`)
		q.Ordered = false
		q.Config = func(c *sfdriver.Config) { c.API = sfdriver.APIBulk }
		q.ExpectedPlan = "Bulk API 2.0"
		out = append(out, q)
	}
	return out
}

func withoutRow(rows [][]any, name string) [][]any {
	var out [][]any
	for _, r := range rows {
		if r[0] != name {
			out = append(out, r)
		}
	}
	return out
}

// starColumns are AllDataType__c's columns in describe order, each with
// the type the type table gives it.
func starColumns() []Column {
	c := func(name, typ string, scan reflect.Type) Column {
		return Column{Name: name, DatabaseTypeName: typ, ScanType: scan}
	}
	return []Column{
		c("Id", "VARCHAR", tString), c("OwnerId", "VARCHAR", tString), c("IsDeleted", "BOOL", tBool),
		c("Name", "VARCHAR", tString), c("CreatedDate", "TIMESTAMPTZ", tTime), c("CreatedById", "VARCHAR", tString),
		c("LastModifiedDate", "TIMESTAMPTZ", tTime), c("LastModifiedById", "VARCHAR", tString),
		c("SystemModstamp", "TIMESTAMPTZ", tTime), c("LastViewedDate", "TIMESTAMPTZ", tTime),
		c("LastReferencedDate", "TIMESTAMPTZ", tTime), c("Col_AutoNumber__c", "VARCHAR", tString),
		c("Col_Checkbox__c", "BOOL", tBool), c("Col_Currency__c", "NUMERIC", tDecimal), c("Col_Date__c", "DATE", tDate),
		c("Col_DateTime__c", "TIMESTAMPTZ", tTime), c("Col_Time__c", "TIME", tTimeOfDay), c("Col_Email__c", "VARCHAR", tString),
		c("Col_EncryptedText__c", "VARCHAR", tString), c("Col_Number__c", "NUMERIC", tDecimal), c("Col_Integer__c", "INT4", tInt32),
		c("Col_Percent__c", "NUMERIC", tDecimal), c("Col_Phone__c", "VARCHAR", tString), c("Col_Picklist__c", "VARCHAR", tString),
		c("Col_MultiPicklist__c", "TEXT", tString), c("Col_Combobox__c", "VARCHAR", tString), c("Col_Text__c", "VARCHAR", tString),
		c("Col_TextArea__c", "VARCHAR", tString), c("Col_LongTextArea__c", "VARCHAR", tString),
		c("Col_RichTextArea__c", "VARCHAR", tString), c("Col_Url__c", "VARCHAR", tString), c("Col_Base64__c", "BYTEA", tBytes),
		c("Col_Lookup__c", "VARCHAR", tString), c("Col_Location__Latitude__s", "NUMERIC", tDecimal),
		c("Col_Location__Longitude__s", "NUMERIC", tDecimal), c("Col_Location__c", "JSON", tJSON),
		c("Col_Address__Street__s", "VARCHAR", tString), c("Col_Address__City__s", "VARCHAR", tString),
		c("Col_Address__State__s", "VARCHAR", tString), c("Col_Address__PostalCode__s", "VARCHAR", tString),
		c("Col_Address__Country__s", "VARCHAR", tString), c("Col_Address__Latitude__s", "NUMERIC", tDecimal),
		c("Col_Address__Longitude__s", "NUMERIC", tDecimal), c("Col_Address__GeocodeAccuracy__s", "VARCHAR", tString),
		c("Col_Address__c", "JSON", tJSON),
	}
}
