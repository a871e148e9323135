package cases

import (
	"database/sql"
	"time"

	"github.com/shopspring/decimal"

	"github.com/soqlgate/soqlgate/catalog"
	sfdriver "github.com/soqlgate/soqlgate/driver"
)

// civilDate and civilTime have the shape of cloud.google.com/go/civil's
// Date and Time, which the driver accepts without importing them.
type civilDate struct {
	Year  int
	Month time.Month
	Day   int
}

type civilTime struct{ Hour, Minute, Second, Nanosecond int }

// Params binds every kind of Go value the driver accepts.
var Params = []QueryTest{
	{
		Name:     "string with $1",
		Query:    `SELECT "Id" FROM "Account" WHERE "Name" = $1`,
		Args:     []any{"Edge Communications"},
		Expected: [][]any{{Account(4)}},
	},
	{
		Name:     "string with a quote, ? placeholder",
		Query:    `SELECT "FirstName" FROM "Contact" WHERE "LastName" = ?`,
		Args:     []any{"D'Cruz"},
		Expected: [][]any{{"Liz"}},
	},
	{
		Name:     "catalog.Date",
		Query:    `SELECT "LastName" FROM "Contact" WHERE "Birthdate" < $1`,
		Args:     []any{catalog.Date{Year: 1955, Month: 1, Day: 1}},
		Expected: [][]any{{"Stumuller"}, {"Young"}, {"Song"}},
	},
	{
		Name:     "civil-style date struct",
		Query:    `SELECT "LastName" FROM "Contact" WHERE "Birthdate" = $1`,
		Args:     []any{civilDate{1966, time.January, 5}},
		Expected: [][]any{{"Gonzalez"}},
	},
	{
		Name:     "catalog.TimeOfDay",
		Query:    `SELECT "Name" FROM "AllDataType__c" WHERE "Col_Time__c" = $1`,
		Args:     []any{catalog.TimeOfDay{Hour: 9, Minute: 7}},
		Expected: [][]any{{"All Types 02"}},
	},
	{
		Name:     "civil-style time struct",
		Query:    `SELECT "Name" FROM "AllDataType__c" WHERE "Col_Time__c" >= $1`,
		Args:     []any{civilTime{Hour: 13}},
		Expected: [][]any{{"All Types 06"}, {"All Types 09"}},
	},
	{
		Name:  "time.Time window, any zone",
		Query: `SELECT "CaseNumber" FROM "Case" WHERE "LastModifiedDate" >= $1 AND "LastModifiedDate" < $2`,
		Args: []any{time.Date(2025, 11, 20, 0, 0, 0, 0, time.UTC),
			time.Date(2025, 11, 24, 16, 0, 0, 0, time.FixedZone("PST", -8*3600))}, // 11-25 00:00 UTC
		Expected: [][]any{{"00001008"}, {"00001009"}},
	},
	{
		Name:     "decimal.Decimal",
		Query:    `SELECT "Name" FROM "Account" WHERE "AnnualRevenue" > $1`,
		Args:     []any{decimal.RequireFromString("900000000")},
		Expected: [][]any{{"Pyramid Construction Inc."}, {"Express Logistics and Transport"}, {"United Oil & Gas Corp."}},
	},
	{
		Name:     "decimal.Decimal with a fraction on a currency",
		Query:    `SELECT "Name" FROM "AllDataType__c" WHERE "Col_Currency__c" = $1`,
		Args:     []any{decimal.RequireFromString("3000.75")},
		Expected: [][]any{{"All Types 04"}},
	},
	{
		Name:     "int",
		Query:    `SELECT "Name" FROM "Account" WHERE "NumberOfEmployees" >= $1`,
		Args:     []any{24000},
		Expected: [][]any{{"United Oil & Gas, UK"}, {"University of Arizona"}, {"United Oil & Gas Corp."}},
	},
	{
		Name:     "int64 at the int4 edge",
		Query:    `SELECT "Name" FROM "AllDataType__c" WHERE "Col_Integer__c" = $1`,
		Args:     []any{int64(-2147483648)},
		Expected: [][]any{{"All Types 09"}},
	},
	{
		Name:     "bool",
		Query:    `SELECT COUNT(*) FROM "Case" WHERE "IsEscalated" = $1`,
		Args:     []any{true},
		Expected: [][]any{{int64(4)}},
	},
	{
		Name:     "NULL compares unknown",
		Query:    `SELECT "Name" FROM "Account" WHERE "Industry" = $1`,
		Args:     []any{nil},
		Expected: [][]any{},
	},
	{
		Name:     "sql.NullString valid",
		Query:    `SELECT "Name" FROM "Account" WHERE "TickerSymbol" = $1`,
		Args:     []any{sql.NullString{String: "EDGE", Valid: true}},
		Expected: [][]any{{"Edge Communications"}},
	},
	{
		Name:     "knob and parameter together: the knob takes no $n",
		Query:    `SELECT "Name" FROM "Account" WHERE "Type" = $1`,
		Args:     []any{sfdriver.QueryAll{}, "Other"},
		Expected: [][]any{{"Old Demo Account (deleted)"}},
	},
	{
		// api=auto with bulkThreshold=5: the first REST page's totalSize
		// says 7 live Low-priority cases, more than 5, so the read moves to
		// Bulk 2.0.
		Name:         "api=auto moves past bulkThreshold to Bulk",
		Config:       func(c *sfdriver.Config) { c.BulkThreshold = 5 },
		Query:        `SELECT "CaseNumber" FROM "Case" WHERE "Priority" = 'Low'`,
		Expected:     lowPriorityCases(),
		ExpectedPlan: "Bulk API 2.0 (totalSize 7 > bulkThreshold 5)",
	},
	{
		Name:         "API knob forces REST",
		Query:        `SELECT COUNT(*) FROM "Contact"`,
		Args:         []any{sfdriver.API("rest")},
		Expected:     [][]any{{int64(20)}},
		ExpectedPlan: "REST (api=rest)",
	},
	{
		Name:         "API knob forces Bulk",
		Query:        `SELECT "LastName" FROM "Contact" WHERE "AccountId" = $1`,
		Args:         []any{sfdriver.API("bulk"), Account(4)},
		Expected:     [][]any{{"Gonzalez"}, {"Forbes"}},
		ExpectedPlan: "Bulk API 2.0 (api=bulk)",
	},
}

// lowPriorityCases are the case numbers of the live Low-priority cases.
func lowPriorityCases() [][]any {
	var rows [][]any
	for i, c := range demoCaseTable[:24] {
		if c.priority == "Low" {
			rows = append(rows, []any{caseNumber(i + 1)})
		}
	}
	return rows
}
