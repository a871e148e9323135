package cases

import (
	"reflect"

	"github.com/shopspring/decimal"
)

// Aggregates. Live cases are 1–24 and 27 (the follow-up: New, Medium,
// Phone). Counted from demoCases: Closed 8, New 7+1, Working 6,
// Escalated 3; High 8, Medium 9+1, Low 7; escalated: cases 4, 6, 10, 19.
var Aggregates = []QueryTest{
	{
		Name:     "GROUP BY with COUNT(*)",
		Query:    `SELECT "Status", COUNT(*) FROM "Case" GROUP BY "Status"`,
		Expected: [][]any{{"Closed", int64(8)}, {"Escalated", int64(3)}, {"New", int64(8)}, {"Working", int64(6)}},
		ExpectedColumns: []Column{
			{Name: "Status", DatabaseTypeName: "VARCHAR"},
			{Name: "count", DatabaseTypeName: "INT8", ScanType: reflect.TypeFor[int64](), Nullable: No},
		},
	},
	{
		Name:     "SOQL aggregate keeps Salesforce's expr0 name",
		Query:    `SELECT Status, COUNT(Id) FROM Case GROUP BY Status`,
		Expected: [][]any{{"Closed", int64(8)}, {"Escalated", int64(3)}, {"New", int64(8)}, {"Working", int64(6)}},
		ExpectedColumns: []Column{
			{Name: "Status"}, {Name: "expr0", DatabaseTypeName: "INT8"},
		},
	},
	{
		Name:     "ORDER BY an aggregate",
		Query:    `SELECT "Priority", COUNT(*) FROM "Case" GROUP BY "Priority" ORDER BY COUNT(*) DESC, "Priority"`,
		Ordered:  true,
		Expected: [][]any{{"Medium", int64(10)}, {"High", int64(8)}, {"Low", int64(7)}},
	},
	{
		Name:     "COUNT(*) over a table",
		Query:    `SELECT COUNT(*) FROM "Contact"`,
		Expected: [][]any{{int64(20)}},
	},
	{
		Name:     "COUNT(DISTINCT)",
		Query:    `SELECT COUNT(DISTINCT "Priority") FROM "Case"`,
		Expected: [][]any{{int64(3)}},
	},
	{
		Name:     "COUNT with a boolean filter",
		Query:    `SELECT COUNT(*) FROM "Case" WHERE "IsEscalated"`,
		Expected: [][]any{{int64(4)}},
	},
	{
		// AnnualRevenue of the accounts that have one: 30M + 139M + 350M +
		// 950M + 50M + 500M + 950M + 5,600M; most employees: 145,000.
		Name:     "SUM of a currency, MAX of an integer",
		Query:    `SELECT SUM("AnnualRevenue"), MAX("NumberOfEmployees") FROM "Account"`,
		Expected: [][]any{{Dec("8569000000"), int32(145000)}},
		ExpectedColumns: []Column{
			{Name: "sum", DatabaseTypeName: "NUMERIC", ScanType: reflect.TypeFor[decimal.Decimal]()},
			{Name: "max", DatabaseTypeName: "INT4", ScanType: reflect.TypeFor[int32]()},
		},
	},
	{
		Name:     "HAVING",
		Query:    `SELECT "Industry", COUNT(*) AS n FROM "Account" WHERE "Industry" IS NOT NULL GROUP BY "Industry" HAVING COUNT(*) > 1`,
		Expected: [][]any{{"Energy", int64(3)}},
	},
	{
		// Live AllDataType__c rows 01–06 and 09 carry a currency: 0,
		// 1000.25, 2000.50, 3000.75, 4001.00, 5001.25 and 0 (row 09's edge
		// value); row 10 is NULL. Dates run from 2025-12-26 (row 01); the
		// latest datetime is row 09's 2026-01-03 09:00 + 12h.
		Name:     "SUM, COUNT, MIN, MAX of typed columns",
		Query:    `SELECT SUM("Col_Currency__c"), COUNT("Col_Currency__c"), MIN("Col_Date__c"), MAX("Col_DateTime__c") FROM "AllDataType__c"`,
		Expected: [][]any{{Dec("15003.75"), int64(7), Day(2025, 12, 26), TS("2026-01-03T21:00:00.000Z")}},
	},
	{
		Name:     "DISTINCT",
		Query:    `SELECT DISTINCT "Origin" FROM "Case"`,
		Expected: [][]any{{"Email"}, {"Phone"}, {"Web"}},
	},
	{
		Name:     "LIMIT and OFFSET after ORDER BY",
		Query:    `SELECT "Name" FROM "Account" ORDER BY "Name" LIMIT 2 OFFSET 3`,
		Ordered:  true,
		Expected: [][]any{{"Express Logistics and Transport"}, {"GenePoint"}},
	},
	{
		Name:     "scalar functions run locally",
		Query:    `SELECT UPPER("Name") AS u, LENGTH("Name") AS n FROM "Account" WHERE "Name" LIKE 'G%'`,
		Expected: [][]any{{"GENEPOINT", int32(9)}, {"GRAND HOTELS & RESORTS LTD", int32(26)}},
	},
}
