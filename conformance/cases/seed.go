package cases

import (
	"reflect"

	sfdriver "github.com/soqlgate/soqlgate/driver"
)

// The demo org (emulator/seed_demo.go): 13 live accounts (ids 1–13, in
// the order of demoAccounts) and one soft-deleted (14, "Old Demo Account
// (deleted)"); 20 live contacts and one deleted (21, "Gone Away"); cases
// 1–26 from demoCases plus the follow-up 27, of which 25 and 26 are
// soft-deleted. Case i (0-based) is opened at 2025-11-06 09:00 UTC + 2i
// days + (9 + i%8) hours and last modified i hours later.

// liveAccounts are the ids of the 13 accounts not in the recycle bin.
func liveAccounts() [][]any {
	var rows [][]any
	for n := 1; n <= 13; n++ {
		rows = append(rows, []any{Account(n)})
	}
	return rows
}

// Seed holds the issue's own examples.
var Seed = []QueryTest{
	{
		Name:     "quoted lower-case names resolve case-insensitively",
		Query:    `SELECT "id" FROM "Account"`,
		Expected: liveAccounts(),
		ExpectedColumns: []Column{
			{Name: "Id", DatabaseTypeName: "VARCHAR", ScanType: reflect.TypeFor[string](), Nullable: No, Length: 18},
		},
	},
	{
		// Case 8 (i=7): opened 2025-11-20 + 16h = 11-21 01:00, modified +7h = 11-21 08:00.
		// Case 9 (i=8): opened 2025-11-22 09:00 + 9h = 18:00, modified +8h = 11-23 02:00.
		// Case 7 (11-19 06:00) and case 10 (11-25 04:00) fall outside.
		Name: "{ts} window on LastModifiedDate",
		Query: `SELECT "Id", "Subject" FROM "Case"
			WHERE "LastModifiedDate" >= {ts '2025-11-20 00:00:00'} AND "LastModifiedDate" < {ts '2025-11-25 00:00:00'}
			ORDER BY "LastModifiedDate"`,
		Ordered: true,
		Expected: [][]any{
			{Case(8), "Power generation below stated level"},
			{Case(9), "Cannot track our order"},
		},
	},
	{
		Name:     "{ts} window, inclusive upper bound at the exact instant",
		Query:    `SELECT "CaseNumber" FROM "Case" WHERE "LastModifiedDate" BETWEEN {ts '2025-11-21 08:00:00'} AND {ts '2025-11-23 02:00:00'}`,
		Expected: [][]any{{"00001008"}, {"00001009"}},
	},
	{
		// timeZone=America/Los_Angeles: {ts} literals are wall times there
		// (PST, UTC−8 in November). Case 9 was last modified 11-23 02:00
		// UTC = 11-22 18:00 PST: inside this window in PST, and no case
		// falls in it read as UTC.
		Name:   "{ts} window in the session's time zone",
		Config: func(c *sfdriver.Config) { c.TimeZone = "America/Los_Angeles" },
		Query: `SELECT "CaseNumber" FROM "Case"
			WHERE "LastModifiedDate" >= {ts '2025-11-22 17:00:00'} AND "LastModifiedDate" < {ts '2025-11-22 19:00:00'}`,
		Expected: [][]any{{"00001009"}},
	},
	{
		Name:     "{d} literal on a date field",
		Query:    `SELECT "LastName" FROM "Contact" WHERE "Birthdate" < {d '1955-01-01'}`,
		Expected: [][]any{{"Stumuller"}, {"Young"}, {"Song"}},
	},
	{
		Name:     "IsDeleted = 1 reads the recycle bin (queryAll)",
		Query:    `SELECT "Id", "Name" FROM "Account" WHERE "IsDeleted" = 1`,
		Expected: [][]any{{Account(14), "Old Demo Account (deleted)"}},
	},
	{
		Name:     "IsDeleted = 1 on Case: the two soft-deleted cases",
		Query:    `SELECT "CaseNumber", "Subject" FROM "Case" WHERE "IsDeleted" = 1`,
		Expected: [][]any{{"00001025", "Need documentation for annual inspection"}, {"00001026", "Battery charger fault light on"}},
	},
	{
		Name:     "IsDeleted = true on the custom object",
		Query:    `SELECT "Name" FROM "AllDataType__c" WHERE "IsDeleted" = true`,
		Expected: [][]any{{"All Types 07"}, {"All Types 08"}},
	},
	{
		Name:     "without IsDeleted the recycle bin is not read",
		Query:    `SELECT COUNT(*) FROM "Account"`,
		Expected: [][]any{{int64(13)}},
	},
	{
		Name:     "readBehavior=queryAll in the DSN includes deleted rows",
		Query:    `SELECT COUNT(*) FROM "Account"`,
		Config:   func(c *sfdriver.Config) { c.ReadBehavior = sfdriver.ReadBehaviorQueryAll },
		Expected: [][]any{{int64(14)}},
	},
	{
		Name:     "driver.QueryAll{} argument includes deleted rows for one statement",
		Query:    `SELECT "LastName" FROM "Contact" WHERE "FirstName" = 'Gone'`,
		Args:     []any{sfdriver.QueryAll{}},
		Expected: [][]any{{"Away"}},
	},
	{
		Name:     "the same statement without the knob",
		Query:    `SELECT "LastName" FROM "Contact" WHERE "FirstName" = 'Gone'`,
		Expected: [][]any{},
	},
	{
		Name:     "column and table aliases",
		Query:    `SELECT a."Name" AS account_name, a."Industry" AS ind FROM "Account" a WHERE a."Industry" = 'Energy'`,
		Expected: [][]any{{"United Oil & Gas, UK", "Energy"}, {"United Oil & Gas, Singapore", "Energy"}, {"United Oil & Gas Corp.", "Energy"}},
		ExpectedColumns: []Column{
			{Name: "account_name", DatabaseTypeName: "VARCHAR", Length: 255},
			{Name: "ind", DatabaseTypeName: "VARCHAR", Length: 40}, // Account.Industry is a picklist of length 40 in describe
		},
	},
	{
		Name:     "the same column twice",
		Query:    `SELECT "Name", "Name" AS again FROM "Account" WHERE "NumberOfEmployees" = 265`,
		Expected: [][]any{{"GenePoint", "GenePoint"}},
		Skip:     `engine: fails with "engine: plan output has 2 columns, its scan 1" (the scan dedupes the field, the output does not)`,
	},
	{
		Name:     "SOQL passthrough",
		Query:    `SELECT Id, Name FROM Account WHERE Name LIKE 'United%' ORDER BY Name`,
		Ordered:  true,
		Expected: [][]any{{Account(11), "United Oil & Gas Corp."}, {Account(3), "United Oil & Gas, Singapore"}, {Account(2), "United Oil & Gas, UK"}},
	},
	{
		Name:  "EXPLAIN is a query of QUERY PLAN rows",
		Query: `EXPLAIN SELECT "Id" FROM "Case"`,
		ExpectedColumns: []Column{
			{Name: "QUERY PLAN", DatabaseTypeName: "TEXT", ScanType: reflect.TypeFor[string]()},
		},
		Portable: true,
	},
	{
		// The demo's reports (emulator/reports.go): All Accounts is tabular
		// over Account with these six columns.
		Name:  `{call "All Accounts"} columns`,
		Query: `{call "All Accounts"}`,
		ExpectedColumns: []Column{
			{Name: "Account Name", DatabaseTypeName: "VARCHAR"},
			{Name: "Type", DatabaseTypeName: "VARCHAR"},
			{Name: "Industry", DatabaseTypeName: "VARCHAR"},
			{Name: "Billing City", DatabaseTypeName: "VARCHAR"},
			{Name: "Phone", DatabaseTypeName: "VARCHAR"},
			{Name: "Employees", DatabaseTypeName: "INT4", ScanType: reflect.TypeFor[int32]()},
		},
	},
	{
		Name:  `{call "Open Cases"} rows`,
		Query: `{call "Open Cases"}`,
		Skip: "engine: report cells give the cell value, not its label: Case Number is the case id (500Dm…) and " +
			"Account Name the account id (001Dm…) where the report shows 00001004 and Pyramid Construction Inc.",
		Expected: openCasesReport(),
	},
	{
		Name:  `{call "Cases by Status"} keeps the grouping`,
		Query: `{call "Cases by Status"}`,
		Skip: "engine: a summary report's grouping column (Status) is not among the result columns; " +
			"the rows come grouped but the group value is lost",
		ExpectedColumns: []Column{
			{Name: "Status"}, {Name: "Case Number"}, {Name: "Subject"}, {Name: "Priority"}, {Name: "Date/Time Opened"},
		},
	},
}

// openCasesReport is the Open Cases report (IsClosed false: every live case
// whose status is not Closed) as the report shows it: case number,
// subject, status, priority, account name.
func openCasesReport() [][]any {
	var rows [][]any
	for i, c := range demoCaseTable[:24] {
		if c.status == "Closed" {
			continue
		}
		rows = append(rows, []any{caseNumber(i + 1), c.subject, c.status, c.priority, demoCaseAccount(i)})
	}
	rows = append(rows, []any{"00001027", "Follow-up: replace surge protector", "New", "Medium", "Pyramid Construction Inc."})
	return rows
}
