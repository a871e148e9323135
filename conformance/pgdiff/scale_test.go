package pgdiff

import "testing"

// atScale runs on the org with offsetScale generated Cases: OFFSET past
// Salesforce's 2,000 (fetched and skipped locally), and joins and windows
// over a few thousand rows.
const offsetScale = 3000

var atScale = []diffCase{
	{Name: "offset_2500", SQL: `SELECT "CaseNumber", "Subject", "Status" FROM "Case" ORDER BY "CaseNumber" OFFSET 2500 LIMIT 100`},
	{Name: "offset_2990_desc", SQL: `SELECT "CaseNumber", "CreatedDate" FROM "Case" ORDER BY "CreatedDate" DESC, "CaseNumber" OFFSET 2990`},
	{Name: "offset_2001_no_limit", SQL: `SELECT "CaseNumber", "ClosedDate" FROM "Case" ORDER BY "ClosedDate" NULLS FIRST, "CaseNumber" OFFSET 2001`, Semantics: semNulls},
	{Name: "offset_id", SQL: `SELECT "Id", "CaseNumber" FROM "Case" ORDER BY "Id" OFFSET 2100 LIMIT 25`},
	{Name: "offset_filtered", SQL: `SELECT "CaseNumber" FROM "Case" WHERE "Priority" <> 'Low' ORDER BY "CaseNumber" OFFSET 2000 LIMIT 10`, Semantics: semNeLocal},
	{Name: "offset_superset_1500", SQL: `SELECT "CaseNumber", "Type" FROM "Case" WHERE "Type" IN ('Mechanical', 'electrical', 'Electronic', 'Structural') ORDER BY "CaseNumber" OFFSET 1500 LIMIT 50`, Semantics: semEqRecheck},
	{Name: "offset_superset_2200", SQL: `SELECT "CaseNumber", "Type" FROM "Case" WHERE "Type" IN ('Mechanical', 'Electrical', 'Electronic', 'Structural', 'other') ORDER BY "CaseNumber" OFFSET 2200 LIMIT 50`, Semantics: semEqRecheck},
	{Name: "offset_past_end_empty", SQL: `SELECT "CaseNumber" FROM "Case" ORDER BY "CaseNumber" OFFSET 5000`},
	{Name: "offset_rel_join", SQL: `SELECT c."CaseNumber", a."Name", p."Email" FROM "Case" c JOIN "Account" a ON c."AccountId" = a."Id" JOIN "Contact" p ON c."ContactId" = p."Id" ORDER BY c."CaseNumber" OFFSET 2050 LIMIT 20`},
	{Name: "offset_window", SQL: `SELECT "CaseNumber", row_number() OVER (ORDER BY "CreatedDate", "CaseNumber") AS rn FROM "Case" ORDER BY "CaseNumber" OFFSET 2980`},
	{Name: "offset_free_join", SQL: `SELECT c."CaseNumber", a."Name" FROM "Case" c JOIN "Account" a ON c."CreatedDate" = a."CreatedDate" ORDER BY c."CaseNumber"`},
	{Name: "scale_group", SQL: `SELECT "Status", "Priority", count(*) AS n, min("CreatedDate") AS first FROM "Case" GROUP BY "Status", "Priority"`},
	{Name: "scale_distinct_offset", SQL: `SELECT DISTINCT "AccountId" FROM "Case" ORDER BY "AccountId" OFFSET 250`},
	{Name: "scale_union_offset", SQL: `SELECT "Email" AS e FROM "Contact" UNION ALL SELECT "SuppliedEmail" FROM "Case" WHERE "SuppliedEmail" IS NOT NULL ORDER BY 1 OFFSET 1500`},
}

// TestOffsetAtScale compares atScale on an org of 3,000 generated Cases
// (with 1,500 Contacts and 300 Accounts).
func TestOffsetAtScale(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and loads an org of 3,000 cases (about 15 s)")
	}
	o := setup(t, offsetScale, "pgdiff_scale")
	for _, c := range atScale {
		t.Run(c.Name, func(t *testing.T) { o.run(t, c) })
	}
}
