package pgdiff

import (
	"time"

	"github.com/shopspring/decimal"
)

// Text semantics, construct by construct (SQL mode; SOQL mode keeps
// Salesforce's and is not compared here):
const (
	// = / IN / LIKE on text: Salesforce matches case-insensitively, the
	// translator pushes a superset and rechecks locally.
	semEqRecheck = "text = / IN / LIKE: pushed as a superset (Salesforce is case-insensitive), rechecked locally with PostgreSQL's case-sensitive rule"
	// != / NOT IN / NOT LIKE and ordering comparisons of text stay local.
	semNeLocal = "text <>, NOT IN, NOT LIKE, < >: Salesforce differs (case, nulls kept), evaluated locally"
	// ILIKE is exact in SOQL.
	semILike = "ILIKE: SOQL LIKE is case-insensitive, pushed exactly"
	// Salesforce sorts text case-insensitively and picklists in their
	// defined order; SQL mode sorts text (and takes MIN / MAX of text)
	// locally, in PostgreSQL's C order.
	semSortLocal = "ORDER BY / MIN / MAX of text and picklists evaluated locally: PostgreSQL's byte-wise (C) order"
	// Nulls: PostgreSQL sorts NULLS LAST ascending, FIRST descending; the
	// translator always sends SOQL an explicit NULLS clause.
	semNulls = "NULLS FIRST/LAST: pushed explicitly in PostgreSQL's default placement"
	// Salesforce stores no empty strings and reads a filter on '' as one
	// on null: SQL mode folds = '' to false, <> '' to IS NOT NULL.
	semEmptyString = "= '' / <> '' / IN (''): '' is no Salesforce value; folded (= '' false, <> '' not null), not pushed as ''"
)

var corpus = concat(scans, textSemantics, soqlMode, probes, clientHabits, more, nulls, relJoins, freeJoins, subqueries, setOps, grouping, windows,
	distincts, paging, strings_, numbers, dates, params, cases_)

func concat(lists ...[]diffCase) []diffCase {
	var out []diffCase
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// scans: one object, filters SOQL can carry.
var scans = []diffCase{
	{Name: "scan_account", SQL: `SELECT "Id", "Name", "Type", "Industry", "AnnualRevenue", "NumberOfEmployees", "BillingCity" FROM "Account"`},
	{Name: "scan_contact", SQL: `SELECT "Id", "FirstName", "LastName", "Email", "Birthdate", "AccountId" FROM "Contact"`},
	{Name: "scan_case", SQL: `SELECT "Id", "CaseNumber", "Subject", "Status", "Priority", "IsClosed", "IsEscalated", "ClosedDate", "CreatedDate" FROM "Case"`},
	{Name: "scan_alltypes", SQL: `SELECT "Id", "Name", "Col_Checkbox__c", "Col_Currency__c", "Col_Date__c", "Col_DateTime__c", "Col_Time__c", "Col_Number__c", "Col_Integer__c", "Col_Percent__c", "Col_Text__c", "Col_MultiPicklist__c", "Col_Location__Latitude__s" FROM "AllDataType__c"`},
	{Name: "scan_businesshours", SQL: `SELECT "Name", "MondayStartTime", "MondayEndTime", "SundayStartTime", "IsDefault" FROM "BusinessHours"`},
	{Name: "scan_asset", SQL: `SELECT "Name", "SerialNumber", "InstallDate", "Price", "Quantity", "Status" FROM "Asset"`},
	{Name: "scan_entitlement", SQL: `SELECT "Name", "StartDate", "EndDate", "IsPerIncident", "CasesPerEntitlement", "RemainingCases" FROM "Entitlement"`},
	{Name: "eq_text", SQL: `SELECT "Id", "Name" FROM "Account" WHERE "Industry" = 'Energy'`, Semantics: semEqRecheck},
	{Name: "eq_text_wrong_case_empty", SQL: `SELECT "Id", "Name" FROM "Account" WHERE "Name" = 'genepoint'`, Semantics: semEqRecheck},
	{Name: "eq_text_lower_name", SQL: `SELECT "Id" FROM "Account" WHERE "Name" = 'sForce'`, Semantics: semEqRecheck},
	{Name: "in_text", SQL: `SELECT "CaseNumber", "Status" FROM "Case" WHERE "Status" IN ('New', 'working', 'Escalated')`, Semantics: semEqRecheck},
	{Name: "ne_text", SQL: `SELECT "Name" FROM "Account" WHERE "Rating" <> 'Hot'`, Semantics: semNeLocal},
	{Name: "not_in_text", SQL: `SELECT "CaseNumber" FROM "Case" WHERE "Priority" NOT IN ('High', 'low')`, Semantics: semNeLocal},
	{Name: "lt_text", SQL: `SELECT "Name" FROM "Account" WHERE "Name" < 'M'`, Semantics: semNeLocal},
	{Name: "gt_text_lower", SQL: `SELECT "Name" FROM "Account" WHERE "Name" > 'a'`, Semantics: semNeLocal},
	{Name: "like_prefix", SQL: `SELECT "Name" FROM "Account" WHERE "Name" LIKE 'United%'`, Semantics: semEqRecheck},
	{Name: "like_case_empty", SQL: `SELECT "Name" FROM "Account" WHERE "Name" LIKE 'united%'`, Semantics: semEqRecheck},
	{Name: "like_underscore", SQL: `SELECT "CaseNumber" FROM "Case" WHERE "CaseNumber" LIKE '0000101_'`},
	{Name: "like_escape", SQL: `SELECT "Email" FROM "Contact" WHERE "Email" LIKE '%\_%' ESCAPE '\'`, Semantics: semEqRecheck},
	{Name: "ilike", SQL: `SELECT "Name" FROM "Account" WHERE "Name" ILIKE '%oil%'`, Semantics: semILike},
	{Name: "not_like", SQL: `SELECT "Name" FROM "Account" WHERE "Name" NOT LIKE '%Oil%'`, Semantics: semNeLocal},
	{Name: "not_ilike", SQL: `SELECT "Subject" FROM "Case" WHERE "Subject" NOT ILIKE '%generator%'`},
	{Name: "num_gt", SQL: `SELECT "Name", "AnnualRevenue" FROM "Account" WHERE "AnnualRevenue" > 100000000`},
	{Name: "num_between", SQL: `SELECT "Name" FROM "Account" WHERE "NumberOfEmployees" BETWEEN 1000 AND 10000`},
	{Name: "num_decimal_literal", SQL: `SELECT "Name" FROM "AllDataType__c" WHERE "Col_Number__c" < -0.00005`},
	{Name: "int_eq_negative", SQL: `SELECT "Name" FROM "AllDataType__c" WHERE "Col_Integer__c" = -2147483648`},
	{Name: "bool_true", SQL: `SELECT "CaseNumber" FROM "Case" WHERE "IsEscalated"`},
	{Name: "bool_not", SQL: `SELECT "CaseNumber" FROM "Case" WHERE NOT "IsClosed" AND "Priority" = 'High'`},
	{Name: "bool_is_false", SQL: `SELECT "Name" FROM "AllDataType__c" WHERE "Col_Checkbox__c" IS FALSE`},
	{Name: "or_and", SQL: `SELECT "CaseNumber" FROM "Case" WHERE ("Status" = 'New' OR "Status" = 'Escalated') AND "Origin" = 'Phone'`, Semantics: semEqRecheck},
	{Name: "date_ge", SQL: `SELECT "LastName" FROM "Contact" WHERE "Birthdate" >= '1965-01-01'`},
	{Name: "datetime_lt", SQL: `SELECT "CaseNumber" FROM "Case" WHERE "CreatedDate" < '2025-12-01T00:00:00Z'`},
	{Name: "datetime_between_dates", SQL: `SELECT "CaseNumber" FROM "Case" WHERE "CreatedDate" BETWEEN '2025-11-20' AND '2025-12-10'`},
	{Name: "time_gt", SQL: `SELECT "Name" FROM "AllDataType__c" WHERE "Col_Time__c" > '12:00:00'`},
	{Name: "multipicklist_eq", SQL: `SELECT "Name" FROM "AllDataType__c" WHERE "Col_MultiPicklist__c" = 'Red;Blue'`},
	{Name: "id_in", SQL: `SELECT c."CaseNumber" FROM "Case" c WHERE c."AccountId" IN (SELECT "Id" FROM "Account" WHERE "Industry" = 'Energy')`},
	{Name: "field_to_field", SQL: `SELECT "Name" FROM "Account" WHERE "BillingCity" = "ShippingCity"`},
	{Name: "expr_filter", SQL: `SELECT "Name" FROM "Account" WHERE "AnnualRevenue" / "NumberOfEmployees" > 100000`},
}

// nulls: filters and sorts on sparse columns.
var nulls = []diffCase{
	{Name: "is_null", SQL: `SELECT "Name" FROM "Account" WHERE "Rating" IS NULL`},
	{Name: "is_not_null", SQL: `SELECT "Name" FROM "Account" WHERE "AnnualRevenue" IS NOT NULL`},
	{Name: "ne_keeps_no_nulls", SQL: `SELECT "Name" FROM "Account" WHERE "Type" <> 'Customer - Direct'`, Semantics: semNeLocal},
	{Name: "not_in_with_null_list_empty", SQL: `SELECT "Name" FROM "Account" WHERE "Industry" NOT IN ('Energy', NULL)`},
	{Name: "is_distinct_from", SQL: `SELECT "Name" FROM "Account" WHERE "Rating" IS DISTINCT FROM 'Hot'`},
	{Name: "is_not_distinct_from", SQL: `SELECT "Name" FROM "Account" WHERE "TickerSymbol" IS NOT DISTINCT FROM NULL`},
	{Name: "coalesce_select", SQL: `SELECT "Name", COALESCE("Rating", 'none') AS rating FROM "Account"`},
	{Name: "coalesce_filter", SQL: `SELECT "Name" FROM "Account" WHERE COALESCE("NumberOfEmployees", 0) < 1000`},
	{Name: "nullif", SQL: `SELECT "Name", NULLIF("BillingState", 'CA') AS st FROM "Account"`},
	{Name: "order_nullable_asc", SQL: `SELECT "Name", "AnnualRevenue" FROM "Account" ORDER BY "AnnualRevenue", "Id"`, Semantics: semNulls},
	{Name: "order_nullable_desc", SQL: `SELECT "Name", "AnnualRevenue" FROM "Account" ORDER BY "AnnualRevenue" DESC, "Id"`, Semantics: semNulls},
	{Name: "order_nulls_first", SQL: `SELECT "LastName", "Birthdate" FROM "Contact" ORDER BY "Birthdate" NULLS FIRST, "Id"`, Semantics: semNulls},
	{Name: "order_desc_nulls_last", SQL: `SELECT "CaseNumber", "ClosedDate" FROM "Case" ORDER BY "ClosedDate" DESC NULLS LAST, "CaseNumber"`, Semantics: semNulls},
	{Name: "order_text_nulls", SQL: `SELECT "Name", "Rating" FROM "Account" ORDER BY "Rating" DESC, "Id"`, Semantics: semNulls},
	{Name: "count_col_vs_star", SQL: `SELECT count(*) AS n, count("Rating") AS rated, count("AnnualRevenue") AS rev FROM "Account"`},
	{Name: "null_arith", SQL: `SELECT "Name", "AnnualRevenue" + 1 AS r FROM "Account"`},
	{Name: "null_concat", SQL: `SELECT "Name" || ' / ' || "Rating" AS x FROM "Account"`},
	{Name: "null_or_true", SQL: `SELECT "Name" FROM "Account" WHERE "Rating" = 'Hot' OR "AnnualRevenue" IS NULL`},
	{Name: "not_null_and", SQL: `SELECT "Name" FROM "Account" WHERE NOT ("Rating" = 'Cold' AND "Ownership" = 'Public')`},
	{Name: "null_alltypes_row", SQL: `SELECT "Name", "Col_Currency__c", "Col_Date__c", "Col_Time__c", "Col_Checkbox__c" FROM "AllDataType__c" WHERE "Col_Date__c" IS NULL`},
	{Name: "not_in_drops_nulls", SQL: `SELECT "Name" FROM "Account" WHERE "Rating" NOT IN ('Hot', 'Cold')`},
	{Name: "not_eq_drops_nulls", SQL: `SELECT "Name" FROM "Account" WHERE NOT ("Rating" = 'Hot')`},
	{Name: "ne_or_null", SQL: `SELECT "Name" FROM "Account" WHERE "Rating" <> 'Hot' OR "Rating" IS NULL`},
	{Name: "order_two_nullable", SQL: `SELECT "Name", "TickerSymbol", "AnnualRevenue" FROM "Account" ORDER BY "TickerSymbol" NULLS FIRST, "AnnualRevenue" DESC NULLS LAST, "Id"`, Semantics: semNulls},
	{Name: "null_birthdate_sorted", SQL: `SELECT "Name" FROM "Contact" WHERE "Birthdate" IS NULL ORDER BY "Id"`},
	{Name: "null_sparse_alltypes", SQL: `SELECT "Name", "Col_Email__c" IS NULL AS no_mail, coalesce("Col_Integer__c", -1) AS i FROM "AllDataType__c" ORDER BY "Col_Integer__c" NULLS FIRST, "Id"`},
	{Name: "max_of_nulls", SQL: `SELECT max("SuppliedCompany") AS m, min("Comments") AS c FROM "Case"`},
	{Name: "sum_empty_null", SQL: `SELECT sum("AnnualRevenue") AS s FROM "Account" WHERE "Name" = 'nothing'`},
}

// relJoins: joins along relationships (pushed as SOQL paths).
var relJoins = []diffCase{
	{Name: "rel_inner_contact_account", SQL: `SELECT c."LastName", a."Name" FROM "Contact" c JOIN "Account" a ON c."AccountId" = a."Id"`},
	{Name: "rel_left_contact_account", SQL: `SELECT c."LastName", a."Name" FROM "Contact" c LEFT JOIN "Account" a ON c."AccountId" = a."Id"`},
	{Name: "rel_reversed_on", SQL: `SELECT c."LastName", a."Industry" FROM "Contact" c JOIN "Account" a ON a."Id" = c."AccountId"`},
	{Name: "rel_filter_parent", SQL: `SELECT c."CaseNumber" FROM "Case" c JOIN "Account" a ON c."AccountId" = a."Id" WHERE a."Industry" = 'Energy'`, Semantics: semEqRecheck},
	{Name: "rel_two_parents", SQL: `SELECT c."CaseNumber", a."Name", p."Email" FROM "Case" c JOIN "Account" a ON c."AccountId" = a."Id" JOIN "Contact" p ON c."ContactId" = p."Id"`},
	{Name: "rel_grandparent", SQL: `SELECT cc."CommentBody", a."Name" FROM "CaseComment" cc JOIN "Case" c ON cc."ParentId" = c."Id" JOIN "Account" a ON c."AccountId" = a."Id"`},
	{Name: "rel_self_parent", SQL: `SELECT a."Name", p."Name" AS parent FROM "Account" a JOIN "Account" p ON a."ParentId" = p."Id"`},
	{Name: "rel_self_left", SQL: `SELECT a."Name", p."Name" AS parent FROM "Account" a LEFT JOIN "Account" p ON a."ParentId" = p."Id"`},
	{Name: "rel_parent_to_child_left", SQL: `SELECT a."Name", c."LastName" FROM "Account" a LEFT JOIN "Contact" c ON c."AccountId" = a."Id"`},
	{Name: "rel_parent_to_child_inner", SQL: `SELECT a."Name", e."Name" AS ent FROM "Account" a JOIN "Entitlement" e ON e."AccountId" = a."Id"`},
	{Name: "rel_owner", SQL: `SELECT c."CaseNumber", u."Name" FROM "Case" c JOIN "User" u ON c."OwnerId" = u."Id"`},
	{Name: "rel_asset_contact", SQL: `SELECT s."Name", p."LastName", a."Name" AS account FROM "Asset" s JOIN "Contact" p ON s."ContactId" = p."Id" LEFT JOIN "Account" a ON s."AccountId" = a."Id"`},
	{Name: "rel_ordered", SQL: `SELECT c."CaseNumber", a."Name" FROM "Case" c JOIN "Account" a ON c."AccountId" = a."Id" ORDER BY c."CaseNumber"`},
	{Name: "rel_case_parent", SQL: `SELECT c."Subject", p."Subject" AS parent FROM "Case" c JOIN "Case" p ON c."ParentId" = p."Id"`},
	{Name: "rel_count_per_account", SQL: `SELECT a."Name", count(*) AS n FROM "Contact" c JOIN "Account" a ON c."AccountId" = a."Id" GROUP BY a."Name"`},
	{Name: "rel_right", SQL: `SELECT a."Name", c."LastName" FROM "Account" a RIGHT JOIN "Contact" c ON c."AccountId" = a."Id"`},
	{Name: "rel_full", SQL: `SELECT a."Name", c."LastName" FROM "Contact" c FULL JOIN "Account" a ON c."AccountId" = a."Id"`},
	{Name: "rel_filter_both", SQL: `SELECT c."CaseNumber", a."Name" FROM "Case" c JOIN "Account" a ON c."AccountId" = a."Id" WHERE c."Priority" = 'High' AND a."Rating" = 'Hot'`},
}

// freeJoins: joins that follow no relationship (run locally).
var freeJoins = []diffCase{
	{Name: "free_supplied_name", SQL: `SELECT c."CaseNumber", p."Email" FROM "Case" c JOIN "Contact" p ON c."SuppliedName" = p."Name"`},
	{Name: "free_email", SQL: `SELECT c."CaseNumber", p."LastName" FROM "Case" c JOIN "Contact" p ON c."ContactEmail" = p."Email"`},
	{Name: "free_city", SQL: `SELECT a."Name", p."LastName" FROM "Account" a JOIN "Contact" p ON a."BillingCity" = p."MailingCity"`},
	{Name: "free_left", SQL: `SELECT a."Name", s."Name" AS asset FROM "Account" a LEFT JOIN "Asset" s ON s."Name" LIKE '%' || a."TickerSymbol" || '%'`},
	{Name: "free_right", SQL: `SELECT p."LastName", c."CaseNumber" FROM "Case" c RIGHT JOIN "Contact" p ON c."SuppliedEmail" = p."Email"`},
	{Name: "free_full", SQL: `SELECT a."Name", u."Name" AS user_name FROM "Account" a FULL JOIN "User" u ON a."Name" = u."CompanyName"`},
	{Name: "free_cross_small", SQL: `SELECT b."Name", s."SolutionNumber" FROM "BusinessHours" b CROSS JOIN "Solution" s`},
	{Name: "free_comma_join", SQL: `SELECT e."Name", s."Name" AS asset FROM "Entitlement" e, "Asset" s WHERE e."AccountId" = s."AccountId"`},
	{Name: "free_inequality", SQL: `SELECT a."Name", b."Name" AS bigger FROM "Account" a JOIN "Account" b ON b."AnnualRevenue" > a."AnnualRevenue" * 10`},
	{Name: "free_date_range", SQL: `SELECT c."CaseNumber", e."Name" FROM "Case" c JOIN "Entitlement" e ON c."CreatedDate" BETWEEN e."StartDate" AND e."EndDate" WHERE e."Status" = 'Expired'`},
	{Name: "free_ordered_local", SQL: `SELECT c."CaseNumber", p."LastName" FROM "Case" c JOIN "Contact" p ON c."SuppliedName" = p."Name" ORDER BY p."LastName", c."CaseNumber"`, Semantics: semSortLocal},
	{Name: "free_three_way", SQL: `SELECT c."CaseNumber", p."LastName", u."Alias" FROM "Case" c JOIN "Contact" p ON c."SuppliedEmail" = p."Email" JOIN "User" u ON u."Id" = c."OwnerId"`},
	{Name: "free_group", SQL: `SELECT p."LastName", count(*) AS n FROM "Case" c JOIN "Contact" p ON c."SuppliedName" = p."Name" GROUP BY p."LastName"`},
	{Name: "free_left_null_side_filter", SQL: `SELECT a."Name", p."LastName" FROM "Account" a LEFT JOIN "Contact" p ON a."BillingCity" = p."MailingCity" AND p."Title" LIKE 'SVP%'`},
	{Name: "free_anti_left", SQL: `SELECT a."Name" FROM "Account" a LEFT JOIN "Contact" p ON p."MailingCity" = a."BillingCity" WHERE p."Id" IS NULL`},
	{Name: "free_join_expr", SQL: `SELECT c."CaseNumber", p."LastName" FROM "Case" c JOIN "Contact" p ON lower(c."SuppliedEmail") = lower(p."Email") AND c."Priority" = 'High'`},
	{Name: "free_comments_agents", SQL: `SELECT cc."CommentBody", u."LastName" FROM "CaseComment" cc JOIN "User" u ON cc."CreatedById" = u."Id" WHERE cc."IsPublished"`},
}

// subqueries: IN / EXISTS semi- and anti-joins, scalar subqueries.
var subqueries = []diffCase{
	{Name: "sub_in", SQL: `SELECT "Name" FROM "Account" WHERE "Id" IN (SELECT "AccountId" FROM "Contact" WHERE "Department" = 'Finance')`},
	{Name: "sub_not_in", SQL: `SELECT "Name" FROM "Account" WHERE "Id" NOT IN (SELECT "AccountId" FROM "Case" WHERE "AccountId" IS NOT NULL)`},
	{Name: "sub_exists", SQL: `SELECT a."Name" FROM "Account" a WHERE EXISTS (SELECT 1 FROM "Case" c WHERE c."AccountId" = a."Id" AND c."IsEscalated")`},
	{Name: "sub_not_exists", SQL: `SELECT a."Name" FROM "Account" a WHERE NOT EXISTS (SELECT 1 FROM "Contact" c WHERE c."AccountId" = a."Id")`},
	{Name: "sub_scalar_where", SQL: `SELECT "Name", "AnnualRevenue" FROM "Account" WHERE "AnnualRevenue" > (SELECT avg("AnnualRevenue") FROM "Account")`},
	{Name: "sub_scalar_select", SQL: `SELECT "Name", (SELECT count(*) FROM "Case") AS cases FROM "Account" WHERE "Rating" = 'Hot'`},
	{Name: "sub_in_text_values", SQL: `SELECT "CaseNumber" FROM "Case" WHERE "SuppliedName" IN (SELECT "Name" FROM "Contact" WHERE "LeadSource" = 'Web')`},
	{Name: "sub_not_in_nullable_empty", SQL: `SELECT "Name" FROM "Account" WHERE "Name" NOT IN (SELECT "SuppliedCompany" FROM "Case")`},
	{Name: "sub_in_nested", SQL: `SELECT "CommentBody" FROM "CaseComment" WHERE "ParentId" IN (SELECT "Id" FROM "Case" WHERE "AccountId" IN (SELECT "Id" FROM "Account" WHERE "Industry" = 'Energy'))`},
	{Name: "sub_not_in_nested", SQL: `SELECT "CommentBody" FROM "CaseComment" WHERE "ParentId" NOT IN (SELECT "Id" FROM "Case" WHERE "AccountId" IN (SELECT "Id" FROM "Account" WHERE "Industry" = 'Energy'))`},
	{Name: "sub_scalar_max_date", SQL: `SELECT "CaseNumber" FROM "Case" WHERE "CreatedDate" = (SELECT max("CreatedDate") FROM "Case")`},
	{Name: "sub_any", SQL: `SELECT "Name" FROM "Account" WHERE "NumberOfEmployees" > ANY (SELECT "CasesPerEntitlement" FROM "Entitlement" WHERE "CasesPerEntitlement" IS NOT NULL)`},
	{Name: "sub_exists_uncorrelated", SQL: `SELECT "SolutionName" FROM "Solution" WHERE EXISTS (SELECT 1 FROM "Asset" WHERE "Status" = 'Shipped')`},
}

// setOps: UNION, INTERSECT, EXCEPT.
var setOps = []diffCase{
	{Name: "union", SQL: `SELECT "BillingCity" AS city FROM "Account" UNION SELECT "MailingCity" FROM "Contact"`},
	{Name: "union_all", SQL: `SELECT "Name" FROM "Account" WHERE "Rating" = 'Hot' UNION ALL SELECT "Name" FROM "Contact" WHERE "Title" = 'CFO'`},
	{Name: "union_ordered", SQL: `SELECT "Name" AS n FROM "Account" UNION SELECT "Name" FROM "User" ORDER BY 1`, Semantics: semSortLocal},
	{Name: "intersect", SQL: `SELECT "Phone" FROM "Account" INTERSECT SELECT "Phone" FROM "Contact"`},
	{Name: "except", SQL: `SELECT "Id" FROM "Account" EXCEPT SELECT "AccountId" FROM "Contact"`},
	{Name: "union_types", SQL: `SELECT "CaseNumber" AS k, "CreatedDate" AS t FROM "Case" WHERE "IsEscalated" UNION ALL SELECT "SolutionNumber", "CreatedDate" FROM "Solution"`},
	{Name: "union_three_limit", SQL: `SELECT "Name" FROM "Account" UNION SELECT "LastName" FROM "Contact" UNION SELECT "Alias" FROM "User" ORDER BY 1 DESC LIMIT 7`, Semantics: semSortLocal},
	{Name: "except_all", SQL: `SELECT "Priority" FROM "Case" EXCEPT ALL SELECT "Priority" FROM "Case" WHERE "IsClosed"`},
}

// grouping: GROUP BY columns and expressions, aggregates, HAVING.
var grouping = []diffCase{
	{Name: "group_status", SQL: `SELECT "Status", count(*) AS n FROM "Case" GROUP BY "Status"`},
	{Name: "group_two_keys", SQL: `SELECT "Type", "Priority", count(*) AS n FROM "Case" GROUP BY "Type", "Priority"`},
	{Name: "group_having", SQL: `SELECT "Industry", count(*) AS n FROM "Account" GROUP BY "Industry" HAVING count(*) > 1`},
	{Name: "group_sum_avg", SQL: `SELECT "Type", sum("AnnualRevenue") AS s, avg("NumberOfEmployees") AS e, min("AnnualRevenue") AS lo, max("AnnualRevenue") AS hi FROM "Account" GROUP BY "Type"`},
	{Name: "group_expr_upper", SQL: `SELECT upper("Priority") AS p, count(*) AS n FROM "Case" GROUP BY upper("Priority")`},
	{Name: "group_expr_year", SQL: `SELECT extract(year FROM "Birthdate") AS y, count(*) AS n FROM "Contact" GROUP BY extract(year FROM "Birthdate")`},
	{Name: "group_expr_date_trunc", SQL: `SELECT date_trunc('month', "CreatedDate") AS m, count(*) AS n FROM "Case" GROUP BY 1`},
	{Name: "group_expr_case", SQL: `SELECT CASE WHEN "NumberOfEmployees" >= 5000 THEN 'large' ELSE 'small' END AS size, count(*) AS n FROM "Account" GROUP BY 1`},
	{Name: "group_count_distinct", SQL: `SELECT "Origin", count(DISTINCT "Status") AS statuses FROM "Case" GROUP BY "Origin"`},
	{Name: "group_null_key", SQL: `SELECT "Rating", count(*) AS n FROM "Account" GROUP BY "Rating"`},
	{Name: "group_ordered", SQL: `SELECT "Reason", count(*) AS n FROM "Case" GROUP BY "Reason" ORDER BY count(*) DESC, "Reason"`, Semantics: semSortLocal},
	{Name: "group_having_sum", SQL: `SELECT "AccountId", count(*) AS n FROM "Contact" GROUP BY "AccountId" HAVING sum(1) >= 2`},
	{Name: "agg_whole_table", SQL: `SELECT count(*) AS n, sum("Col_Currency__c") AS s, avg("Col_Number__c") AS a, min("Col_Date__c") AS d, max("Col_DateTime__c") AS t FROM "AllDataType__c"`},
	{Name: "agg_sum_int", SQL: `SELECT sum("Col_Integer__c") AS s, sum("TimesUsed") AS t FROM "AllDataType__c", "Solution"`},
	{Name: "agg_avg_percent", SQL: `SELECT avg("Col_Percent__c") AS a FROM "AllDataType__c"`},
	{Name: "agg_min_max_text", SQL: `SELECT min("Name") AS lo, max("Name") AS hi FROM "Account"`, Semantics: semSortLocal},
	{Name: "agg_min_max_text_local", SQL: `SELECT min(lower("Name")) AS lo, max(lower("Name")) AS hi FROM "Account"`, Semantics: semSortLocal},
	{Name: "agg_bool", SQL: `SELECT bool_and("IsClosed") AS all_closed, bool_or("IsEscalated") AS any_escalated FROM "Case"`},
	{Name: "agg_string_agg", SQL: `SELECT "Type", string_agg("CaseNumber", ',' ORDER BY "CaseNumber") AS numbers FROM "Case" GROUP BY "Type"`},
	{Name: "agg_filter", SQL: `SELECT count(*) FILTER (WHERE "IsClosed") AS closed, count(*) AS n FROM "Case"`},
	{Name: "group_by_relationship", SQL: `SELECT a."Industry", count(c."Id") AS n FROM "Case" c JOIN "Account" a ON c."AccountId" = a."Id" GROUP BY a."Industry"`},
	{Name: "group_having_avg", SQL: `SELECT "Priority", avg(length("Subject")) AS l FROM "Case" GROUP BY "Priority" HAVING avg(length("Subject")) > 30`},
	{Name: "group_expr_concat", SQL: `SELECT "Type" || '/' || "Origin" AS k, count(*) AS n FROM "Case" GROUP BY "Type" || '/' || "Origin"`},
	{Name: "group_day_of_datetime", SQL: `SELECT "CreatedDate"::date AS d, count(*) AS n FROM "CaseComment" GROUP BY 1`},
}

// windows: window functions (local).
var windows = []diffCase{
	{Name: "win_row_number", SQL: `SELECT "CaseNumber", row_number() OVER (ORDER BY "CreatedDate", "CaseNumber") AS rn FROM "Case"`},
	{Name: "win_partition_rank", SQL: `SELECT "CaseNumber", "Priority", rank() OVER (PARTITION BY "Priority" ORDER BY "CreatedDate") AS r FROM "Case"`},
	{Name: "win_dense_rank", SQL: `SELECT "Name", dense_rank() OVER (ORDER BY "Industry") AS r FROM "Account"`},
	{Name: "win_count_partition", SQL: `SELECT "CaseNumber", count(*) OVER (PARTITION BY "Status") AS n FROM "Case"`},
	{Name: "win_running_sum", SQL: `SELECT "Name", sum("AnnualRevenue") OVER (ORDER BY "Id") AS running FROM "Account"`},
	{Name: "win_lag_lead", SQL: `SELECT "CaseNumber", lag("CaseNumber") OVER (ORDER BY "CaseNumber") AS prev, lead("CaseNumber", 2) OVER (ORDER BY "CaseNumber") AS next2 FROM "Case"`},
	{Name: "win_first_value", SQL: `SELECT "LastName", first_value("LastName") OVER (PARTITION BY "AccountId" ORDER BY "Birthdate", "Id") AS eldest FROM "Contact"`},
	{Name: "win_avg_partition", SQL: `SELECT "Name", avg("AnnualRevenue") OVER (PARTITION BY "Type") AS a FROM "Account"`},
	{Name: "win_ntile", SQL: `SELECT "CaseNumber", ntile(4) OVER (ORDER BY "CaseNumber") AS q FROM "Case"`},
	{Name: "win_frame_rows", SQL: `SELECT "CaseNumber", count(*) OVER (ORDER BY "CaseNumber" ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS w FROM "Case"`},
	{Name: "win_ordered_output", SQL: `SELECT "Name", row_number() OVER (PARTITION BY "Industry" ORDER BY "AnnualRevenue" DESC NULLS LAST, "Id") AS rn FROM "Account" ORDER BY "Id"`},
	{Name: "win_percent_rank", SQL: `SELECT "Name", percent_rank() OVER (ORDER BY "NumberOfEmployees") AS pr FROM "Account"`},
	{Name: "win_last_value_frame", SQL: `SELECT "CaseNumber", last_value("CaseNumber") OVER (PARTITION BY "Type" ORDER BY "CaseNumber" ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last FROM "Case"`},
}

// distincts: DISTINCT and DISTINCT ON-free forms.
var distincts = []diffCase{
	{Name: "distinct_one", SQL: `SELECT DISTINCT "Status" FROM "Case"`},
	{Name: "distinct_two", SQL: `SELECT DISTINCT "Type", "Origin" FROM "Case"`},
	{Name: "distinct_nulls", SQL: `SELECT DISTINCT "Rating" FROM "Account"`},
	{Name: "distinct_expr", SQL: `SELECT DISTINCT substring("CaseNumber" FROM 1 FOR 6) AS prefix FROM "Case"`},
	{Name: "distinct_ordered", SQL: `SELECT DISTINCT "LeadSource" FROM "Contact" ORDER BY "LeadSource" NULLS FIRST`},
	{Name: "distinct_join", SQL: `SELECT DISTINCT a."Industry" FROM "Case" c JOIN "Account" a ON c."AccountId" = a."Id"`},
	{Name: "distinct_count_in_select", SQL: `SELECT count(DISTINCT "AccountId") AS n, count(DISTINCT "Department") AS d FROM "Contact"`},
}

// paging: LIMIT / OFFSET (OFFSET past 2,000 at scale is TestOffsetAtScale).
var paging = []diffCase{
	{Name: "limit", SQL: `SELECT "CaseNumber" FROM "Case" ORDER BY "CaseNumber" LIMIT 5`},
	{Name: "limit_offset", SQL: `SELECT "CaseNumber" FROM "Case" ORDER BY "CaseNumber" LIMIT 5 OFFSET 10`},
	{Name: "offset_only", SQL: `SELECT "CaseNumber" FROM "Case" ORDER BY "CaseNumber" DESC OFFSET 20`},
	{Name: "offset_past_end_empty", SQL: `SELECT "CaseNumber" FROM "Case" ORDER BY "CaseNumber" OFFSET 100`},
	{Name: "limit_join", SQL: `SELECT c."CaseNumber", p."Email" FROM "Case" c JOIN "Contact" p ON c."SuppliedName" = p."Name" ORDER BY c."CaseNumber" LIMIT 4 OFFSET 2`},
	{Name: "limit_nulls_first_desc", SQL: `SELECT "Name", "NumberOfEmployees" FROM "Account" ORDER BY "NumberOfEmployees" DESC, "Id" LIMIT 3`, Semantics: semNulls},
	{Name: "fetch_first", SQL: `SELECT "CaseNumber" FROM "Case" ORDER BY "CreatedDate" DESC, "CaseNumber" FETCH FIRST 3 ROWS ONLY`},
	{Name: "limit_group", SQL: `SELECT "Status", count(*) AS n FROM "Case" GROUP BY "Status" ORDER BY n DESC, upper("Status") LIMIT 2`},
}

// strings_: string functions and operators (local).
var strings_ = []diffCase{
	{Name: "str_upper_lower", SQL: `SELECT upper("Name") AS u, lower("Name") AS l FROM "Account"`},
	{Name: "str_length", SQL: `SELECT "Name", length("Name") AS n, char_length("Description") AS d FROM "Account"`},
	{Name: "str_substring", SQL: `SELECT substring("Subject", 3, 10) AS s, substr("Subject", 5) AS t FROM "Case"`},
	{Name: "str_concat_op", SQL: `SELECT "FirstName" || ' ' || "LastName" AS full FROM "Contact"`},
	{Name: "str_concat_fn", SQL: `SELECT concat("FirstName", ' ', "LastName", ' ', "Birthdate") AS full FROM "Contact"`},
	{Name: "str_concat_ws", SQL: `SELECT concat_ws(', ', "BillingCity", "BillingState", "BillingCountry") AS place FROM "Account"`},
	{Name: "str_position", SQL: `SELECT "Name", position('Oil' IN "Name") AS p, strpos("Name", 'a') AS q FROM "Account"`},
	{Name: "str_replace", SQL: `SELECT replace("Phone", '(', '') AS p FROM "Account"`},
	{Name: "str_trim", SQL: `SELECT '[' || trim("BillingStreet") || ']' AS s, rtrim("Name", '.') AS r, ltrim("Phone", '(+') AS l FROM "Account"`},
	{Name: "str_trim_case", SQL: `SELECT ltrim("CaseNumber", '0') AS n, btrim(' ' || "Status" || ' ') AS s FROM "Case"`},
	{Name: "str_left_right", SQL: `SELECT left("Email", 3) AS l, right("Email", 4) AS r FROM "Contact"`},
	{Name: "str_initcap", SQL: `SELECT initcap("Subject") AS s FROM "Case"`},
	{Name: "str_lpad_rpad", SQL: `SELECT lpad("Alias", 8, '*') AS l, rpad("Alias", 8, '-') AS r FROM "User"`},
	{Name: "str_split_part", SQL: `SELECT split_part("Email", '@', 2) AS domain FROM "Contact"`},
	{Name: "str_reverse_repeat", SQL: `SELECT reverse("Alias") AS r, repeat("Alias", 2) AS rr FROM "User"`},
	{Name: "str_unicode", SQL: `SELECT "Col_Text__c", upper("Col_Text__c") AS u, length("Col_Text__c") AS n FROM "AllDataType__c"`},
	{Name: "str_like_expr", SQL: `SELECT "Name" FROM "Account" WHERE lower("Name") LIKE '%s%'`},
	{Name: "str_regex", SQL: `SELECT "Subject" FROM "Case" WHERE "Subject" ~ '^[A-F]'`},
	{Name: "str_escapes", SQL: `SELECT "Col_Text__c" FROM "AllDataType__c" WHERE "Col_Text__c" LIKE '%\\%'`},
	{Name: "str_md5", SQL: `SELECT md5("Name") AS h FROM "Account"`},
	{Name: "str_translate", SQL: `SELECT translate("Phone", '()- ', '') AS digits FROM "Contact"`},
	{Name: "str_order_upper_local", SQL: `SELECT "Name" FROM "Account" ORDER BY upper("Name"), "Id"`},
	{Name: "str_order_text", SQL: `SELECT "Name" FROM "Account" ORDER BY "Name", "Id"`, Semantics: semSortLocal},
	{Name: "str_order_text_desc", SQL: `SELECT "LastName" FROM "Contact" ORDER BY "LastName" DESC, "Id"`, Semantics: semSortLocal},
	{Name: "str_cast_to_text", SQL: `SELECT CAST("NumberOfEmployees" AS text) AS n, "AnnualRevenue"::text AS r FROM "Account"`},
	{Name: "str_multipicklist_split", SQL: `SELECT "Name", split_part("Col_MultiPicklist__c", ';', 1) AS first FROM "AllDataType__c"`},
}

// numbers: arithmetic, rounding, casts (local).
var numbers = []diffCase{
	{Name: "num_arith", SQL: `SELECT "Name", "AnnualRevenue" * 2 + 1 AS r, "NumberOfEmployees" - 10 AS e FROM "Account"`},
	{Name: "num_int_div", SQL: `SELECT "Name", "NumberOfEmployees" / 7 AS q, "NumberOfEmployees" % 7 AS m FROM "Account"`},
	{Name: "num_numeric_div", SQL: `SELECT "Name", "AnnualRevenue" / 3 AS third FROM "Account"`},
	{Name: "num_revenue_per_employee", SQL: `SELECT "Name", round("AnnualRevenue" / "NumberOfEmployees", 2) AS per FROM "Account"`},
	{Name: "num_round", SQL: `SELECT round("Col_Number__c") AS a, round("Col_Number__c", 1) AS b, round("Col_Currency__c", -2) AS c FROM "AllDataType__c"`},
	{Name: "num_trunc", SQL: `SELECT trunc("Col_Number__c") AS a, trunc("Col_Number__c", 2) AS b FROM "AllDataType__c"`},
	{Name: "num_ceil_floor", SQL: `SELECT ceil("Col_Number__c") AS c, floor("Col_Number__c") AS f FROM "AllDataType__c"`},
	{Name: "num_abs_sign", SQL: `SELECT abs("Col_Integer__c") AS a, sign("Col_Number__c") AS s FROM "AllDataType__c" WHERE "Col_Integer__c" > -100`},
	{Name: "num_mod", SQL: `SELECT mod("NumberOfEmployees", 1000) AS m FROM "Account"`},
	{Name: "num_cast_int", SQL: `SELECT CAST("Col_Number__c" AS integer) AS i, "Col_Currency__c"::bigint AS b FROM "AllDataType__c"`},
	{Name: "num_cast_numeric", SQL: `SELECT CAST("NumberOfEmployees" AS numeric(10,2)) AS n FROM "Account"`},
	{Name: "num_int_overflow_to_bigint", SQL: `SELECT "Col_Integer__c"::bigint * 2 AS d FROM "AllDataType__c"`},
	{Name: "num_percent_math", SQL: `SELECT "Col_Currency__c" * "Col_Percent__c" / 100 AS share FROM "AllDataType__c"`},
	{Name: "num_greatest_least", SQL: `SELECT greatest("Col_Integer__c", 0) AS g, least("Col_Number__c", 1) AS l FROM "AllDataType__c"`},
	{Name: "num_compare_expr", SQL: `SELECT "Name" FROM "Asset" WHERE "Price" * "Quantity" > 7000`},
	{Name: "num_sum_expr", SQL: `SELECT sum("Price" * "Quantity") AS total, avg("Price") AS avg_price FROM "Asset"`},
	{Name: "num_sqrt", SQL: `SELECT "Name", sqrt("Price") AS s FROM "Asset"`},
	{Name: "num_power", SQL: `SELECT "Name", power("Quantity", 2) AS p FROM "Asset"`},
	{Name: "num_order_expr", SQL: `SELECT "Name", "Price" - 5000 AS d FROM "Asset" ORDER BY abs("Price" - 5000), "Id"`},
	{Name: "num_negative_zero", SQL: `SELECT "Name", "Col_Number__c" * 100 AS n FROM "AllDataType__c" WHERE "Col_Number__c" < 0`},
}

// dates: date and time functions (local) and literals.
var dates = []diffCase{
	{Name: "date_extract", SQL: `SELECT "LastName", extract(year FROM "Birthdate") AS y, extract(month FROM "Birthdate") AS m, extract(day FROM "Birthdate") AS d FROM "Contact"`},
	{Name: "date_extract_datetime", SQL: `SELECT "CaseNumber", extract(hour FROM "CreatedDate") AS h, extract(dow FROM "CreatedDate") AS dow FROM "Case"`},
	{Name: "date_part_fn", SQL: `SELECT date_part('quarter', "CreatedDate") AS q, date_part('doy', "CreatedDate") AS doy FROM "Case"`},
	{Name: "date_trunc_day", SQL: `SELECT date_trunc('day', "ClosedDate") AS d FROM "Case"`},
	{Name: "date_trunc_week", SQL: `SELECT date_trunc('week', "CreatedDate") AS w, count(*) AS n FROM "Case" GROUP BY 1`},
	{Name: "date_minus_date", SQL: `SELECT "Name", "EndDate" - "StartDate" AS days FROM "Entitlement"`},
	{Name: "date_plus_int", SQL: `SELECT "Name", "InstallDate" + 30 AS due FROM "Asset"`},
	{Name: "date_plus_interval", SQL: `SELECT "CaseNumber", "CreatedDate" + interval '1 day' AS due FROM "Case"`},
	{Name: "datetime_diff", SQL: `SELECT "CaseNumber", "ClosedDate" - "CreatedDate" AS took FROM "Case" WHERE "ClosedDate" IS NOT NULL`},
	{Name: "datetime_epoch", SQL: `SELECT "CaseNumber", extract(epoch FROM "ClosedDate" - "CreatedDate") / 3600 AS hours FROM "Case" WHERE "IsClosed"`},
	{Name: "datetime_cast_date", SQL: `SELECT "CaseNumber", CAST("CreatedDate" AS date) AS d FROM "Case"`},
	{Name: "date_filter_expr", SQL: `SELECT "LastName" FROM "Contact" WHERE extract(month FROM "Birthdate") IN (1, 2, 3)`},
	{Name: "date_to_char", SQL: `SELECT to_char("Birthdate", 'YYYY-MM') AS ym FROM "Contact"`},
	{Name: "date_make_date", SQL: `SELECT "LastName" FROM "Contact" WHERE "Birthdate" < make_date(1960, 1, 1)`},
	{Name: "date_literal_typed", SQL: `SELECT "Name" FROM "Asset" WHERE "PurchaseDate" >= DATE '2025-09-06'`},
	{Name: "datetime_literal_typed", SQL: `SELECT "CaseNumber" FROM "Case" WHERE "CreatedDate" >= TIMESTAMPTZ '2025-12-25 00:00:00+00'`},
	{Name: "date_order_desc", SQL: `SELECT "LastName", "Birthdate" FROM "Contact" ORDER BY "Birthdate" DESC, "Id"`, Semantics: semNulls},
	{Name: "time_compare_extract", SQL: `SELECT "Name", extract(hour FROM "Col_Time__c") AS h FROM "AllDataType__c"`},
	{Name: "time_arith", SQL: `SELECT "Name", "MondayEndTime" - "MondayStartTime" AS open FROM "BusinessHours"`},
	{Name: "date_age_years", SQL: `SELECT "LastName", extract(year FROM age(DATE '2026-01-05', "Birthdate")) AS age FROM "Contact"`},
	{Name: "date_group_month_date", SQL: `SELECT date_trunc('month', "Birthdate")::date AS m, count(*) AS n FROM "Contact" GROUP BY 1`},
}

// params: $n parameters (the same values on both sides).
var params = []diffCase{
	{Name: "param_text", SQL: `SELECT "Name" FROM "Account" WHERE "Industry" = $1`, Args: []any{"Energy"}},
	{Name: "param_text_case_empty", SQL: `SELECT "Name" FROM "Account" WHERE "Industry" = $1`, Args: []any{"energy"}, Semantics: semEqRecheck},
	// Parameters only the pushed SOQL uses, with a local step (a text sort): it takes them all.
	{Name: "param_pushed_local_sort", SQL: `SELECT "CaseNumber" FROM "Case" WHERE "Priority" = $1 AND "IsEscalated" = $2 ORDER BY "CaseNumber" LIMIT 3`, Args: []any{"High", false}, Semantics: semSortLocal},
	{Name: "param_pushed_local_sort_num", SQL: `SELECT "Name" FROM "Account" WHERE "NumberOfEmployees" > $1 AND "AnnualRevenue" >= $2 AND "CreatedDate" < $3 ORDER BY "Name"`, Args: []any{int64(100), "1000000.50", "2030-01-01T00:00:00Z"}, Semantics: semSortLocal},
	{Name: "param_pushed_union", SQL: `SELECT "Name" FROM "Account" WHERE "NumberOfEmployees" > $1 UNION SELECT "LastName" FROM "Contact" WHERE "Birthdate" < $2`, Args: []any{int64(100), "1970-01-01"}},
	{Name: "param_int", SQL: `SELECT "Name" FROM "Account" WHERE "NumberOfEmployees" > $1`, Args: []any{int64(5000)}},
	{Name: "param_decimal", SQL: `SELECT "Name" FROM "Asset" WHERE "Price" >= $1`, Args: []any{decimal.RequireFromString("5750.50")}},
	{Name: "param_two", SQL: `SELECT "CaseNumber" FROM "Case" WHERE "Status" = $1 AND "Priority" = $2`, Args: []any{"New", "High"}},
	{Name: "param_time", SQL: `SELECT "CaseNumber" FROM "Case" WHERE "CreatedDate" < $1`, Args: []any{time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)}},
	{Name: "param_bool", SQL: `SELECT "CaseNumber" FROM "Case" WHERE "IsClosed" = $1`, Args: []any{true}},
	{Name: "param_like", SQL: `SELECT "Subject" FROM "Case" WHERE "Subject" LIKE $1`, Args: []any{"%generator%"}},
	{Name: "param_in_expression", SQL: `SELECT "Name", "AnnualRevenue" * $1 AS r FROM "Account" WHERE "AnnualRevenue" IS NOT NULL`, Args: []any{int64(3)}},
	{Name: "param_reused", SQL: `SELECT "Name" FROM "Account" WHERE "BillingState" = $1 OR "ShippingState" = $1`, Args: []any{"CA"}},
	{Name: "param_limit", SQL: `SELECT "CaseNumber" FROM "Case" ORDER BY "CaseNumber" LIMIT $1`, Args: []any{int64(3)}},
	{Name: "param_qmark", SQL: `SELECT "Name" FROM "Account" WHERE "Rating" = ? AND "NumberOfEmployees" < ?`, PG: `SELECT "Name" FROM "Account" WHERE "Rating" = $1 AND "NumberOfEmployees" < $2`, Args: []any{"Warm", int64(10000)}, Semantics: "? markers (ODBC style) are the driver's; PostgreSQL's text spells them $n"},
	{Name: "param_date_column", SQL: `SELECT "LastName" FROM "Contact" WHERE "Birthdate" < $1`, Args: []any{time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC)}},
	{Name: "param_null_empty", SQL: `SELECT "Name" FROM "Account" WHERE "Rating" = $1`, Args: []any{nil}},
	{Name: "param_not_distinct_null", SQL: `SELECT "Name" FROM "Account" WHERE "Rating" IS NOT DISTINCT FROM $1`, Args: []any{nil}},
	{Name: "param_decimal_expr", SQL: `SELECT "Name", "Price" * $1 AS p FROM "Asset"`, Args: []any{decimal.RequireFromString("1.075")}},
	{Name: "param_in_join", SQL: `SELECT c."CaseNumber", p."LastName" FROM "Case" c JOIN "Contact" p ON c."SuppliedName" = p."Name" WHERE p."Department" = $1`, Args: []any{"Finance"}},
}

// cases_: CASE and conditional expressions.
var cases_ = []diffCase{
	{Name: "case_searched", SQL: `SELECT "CaseNumber", CASE WHEN "Priority" = 'High' THEN 1 WHEN "Priority" = 'Medium' THEN 2 ELSE 3 END AS p FROM "Case"`},
	{Name: "case_simple", SQL: `SELECT "Name", CASE "Rating" WHEN 'Hot' THEN 'H' WHEN 'Warm' THEN 'W' END AS r FROM "Account"`},
	{Name: "case_order", SQL: `SELECT "CaseNumber", "Priority" FROM "Case" ORDER BY CASE "Priority" WHEN 'High' THEN 1 WHEN 'Medium' THEN 2 ELSE 3 END, "CaseNumber"`},
	{Name: "case_in_agg", SQL: `SELECT sum(CASE WHEN "IsClosed" THEN 1 ELSE 0 END) AS closed, sum(CASE WHEN "IsEscalated" THEN 1 END) AS esc FROM "Case"`},
	{Name: "case_bool_expr", SQL: `SELECT "CaseNumber", "IsClosed" AND "IsEscalated" AS both, "IsClosed" OR "Priority" = 'Low' AS either FROM "Case"`},
	{Name: "case_in_list_expr", SQL: `SELECT "Name", "Industry" IN ('Energy', 'Apparel') AS mine FROM "Account"`},
}

// textSemantics: where Salesforce compares text differently.
var textSemantics = []diffCase{
	{Name: "txt_upper_eq", SQL: `SELECT "Name" FROM "Account" WHERE upper("Name") = 'SFORCE'`, Semantics: semEqRecheck},
	{Name: "txt_in_wrong_case_empty", SQL: `SELECT "Name" FROM "Account" WHERE "Name" IN ('genepoint', 'SFORCE')`, Semantics: semEqRecheck},
	{Name: "txt_picklist_wrong_case_empty", SQL: `SELECT "CaseNumber" FROM "Case" WHERE "Status" = 'closed'`, Semantics: semEqRecheck},
	{Name: "txt_email_upper_empty", SQL: `SELECT "LastName" FROM "Contact" WHERE "Email" = 'ROSE@EDGE.COM'`, Semantics: semEqRecheck},
	{Name: "txt_ge_mixed", SQL: `SELECT "Name" FROM "Account" WHERE "Name" >= 'sF'`, Semantics: semNeLocal},
	{Name: "txt_between", SQL: `SELECT "LastName" FROM "Contact" WHERE "LastName" BETWEEN 'B' AND 'G'`, Semantics: semNeLocal},
	{Name: "txt_like_mid_case", SQL: `SELECT "Subject" FROM "Case" WHERE "Subject" LIKE '%Generator%'`, Semantics: semEqRecheck},
	{Name: "txt_ne_case", SQL: `SELECT "Name" FROM "Account" WHERE "Name" <> 'SFORCE'`, Semantics: semNeLocal},
	// The same ORDER BY "Name" as str_order_text, with DISTINCT: C order
	// too, so the two agree.
	{Name: "txt_distinct_order", SQL: `SELECT DISTINCT "Name" FROM "Account" ORDER BY "Name"`, Semantics: semSortLocal},
	{Name: "txt_order_local_join", SQL: `SELECT a."Name", u."Alias" FROM "Account" a JOIN "User" u ON a."OwnerId" = u."Id" ORDER BY a."Name", a."Id"`, Semantics: semSortLocal},
	{Name: "txt_max_picklist", SQL: `SELECT max("Rating") AS m, min("Rating") AS n FROM "Account"`},
	{Name: "txt_order_picklist_asc", SQL: `SELECT "CaseNumber", "Priority" FROM "Case" ORDER BY "Priority", "CaseNumber"`},
	{Name: "txt_sum_double_field", SQL: `SELECT sum("Col_Number__c") AS s FROM "AllDataType__c"`},
}

// soqlMode: SOQL mode keeps Salesforce's semantics; PG spells them.
var soqlMode = []diffCase{
	{Name: "soql_eq_case_insensitive", SQL: `SOQL: SELECT Name FROM Account WHERE Name = 'genepoint'`, PG: `SELECT "Name" FROM "Account" WHERE upper("Name") = upper('genepoint')`, Semantics: "SOQL mode: = on text is case-insensitive"},
	{Name: "soql_like_case_insensitive", SQL: `SOQL: SELECT Name FROM Account WHERE Name LIKE 'united%'`, PG: `SELECT "Name" FROM "Account" WHERE "Name" ILIKE 'united%'`, Semantics: "SOQL mode: LIKE is case-insensitive"},
	{Name: "soql_ne_keeps_nulls", SQL: `SOQL: SELECT Name FROM Account WHERE Rating != 'hot'`, PG: `SELECT "Name" FROM "Account" WHERE upper("Rating") IS DISTINCT FROM 'HOT'`, Semantics: "SOQL mode: != keeps null fields and ignores case"},
	{Name: "soql_order_nulls_first", SQL: `SOQL: SELECT Name, AnnualRevenue FROM Account ORDER BY AnnualRevenue, Id`, PG: `SELECT "Name", "AnnualRevenue" FROM "Account" ORDER BY "AnnualRevenue" NULLS FIRST, "Id"`, Semantics: "SOQL mode: ascending sorts put nulls first"},
	{Name: "soql_order_text", SQL: `SOQL: SELECT Name FROM Account ORDER BY Name, Id`, PG: `SELECT "Name" FROM "Account" ORDER BY upper("Name"), "Id"`, Semantics: "SOQL mode: text sorts case-insensitively"},
	{Name: "soql_not_in_keeps_nulls", SQL: `SOQL: SELECT Name FROM Account WHERE Industry NOT IN ('Energy', 'Apparel')`, PG: `SELECT "Name" FROM "Account" WHERE "Industry" IS NULL OR "Industry" NOT IN ('Energy', 'Apparel')`, Semantics: "SOQL mode: NOT IN keeps null fields"},
}

// probes: edges where Salesforce and PostgreSQL part ways.
var probes = []diffCase{
	{Name: "recheck_limit", SQL: `SELECT "Name" FROM "Account" WHERE "Name" LIKE '%S%' ORDER BY "Id" LIMIT 2`, Semantics: semEqRecheck},
	{Name: "recheck_offset", SQL: `SELECT "Name" FROM "Account" WHERE "Name" LIKE '%S%' ORDER BY "Id" OFFSET 1`, Semantics: semEqRecheck},
	{Name: "recheck_count", SQL: `SELECT count(*) AS n FROM "Account" WHERE "Name" LIKE '%S%'`, Semantics: semEqRecheck},
	{Name: "recheck_group", SQL: `SELECT "Industry", count(*) AS n FROM "Account" WHERE "Name" LIKE '%S%' GROUP BY "Industry"`, Semantics: semEqRecheck},
	{Name: "recheck_distinct", SQL: `SELECT DISTINCT "Industry" FROM "Account" WHERE "Name" LIKE '%S%'`, Semantics: semEqRecheck},
	{Name: "recheck_in_limit", SQL: `SELECT "CaseNumber" FROM "Case" WHERE "SuppliedName" IN ('rose gonzalez', 'Sean Forbes') ORDER BY "CaseNumber" LIMIT 1`, Semantics: semEqRecheck},
	{Name: "recheck_parent_field_limit", SQL: `SELECT c."LastName" FROM "Contact" c JOIN "Account" a ON c."AccountId" = a."Id" WHERE a."Name" LIKE '%S%' ORDER BY c."Id" LIMIT 3`, Semantics: semEqRecheck},
	{Name: "recheck_semijoin", SQL: `SELECT "CaseNumber" FROM "Case" WHERE "AccountId" IN (SELECT "Id" FROM "Account" WHERE "Name" LIKE '%S%')`, Semantics: semEqRecheck},
	{Name: "recheck_sum", SQL: `SELECT sum("NumberOfEmployees") AS e FROM "Account" WHERE "Name" LIKE '%S%'`, Semantics: semEqRecheck},
	{Name: "recheck_having_text", SQL: `SELECT "Industry", count(*) AS n FROM "Account" GROUP BY "Industry" HAVING "Industry" LIKE '%e%'`, Semantics: semEqRecheck},
	{Name: "recheck_window", SQL: `SELECT "Name", row_number() OVER (ORDER BY "Id") AS rn FROM "Account" WHERE "Name" LIKE '%S%'`, Semantics: semEqRecheck},
	{Name: "recheck_exists_empty", SQL: `SELECT a."Name" FROM "Account" a WHERE EXISTS (SELECT 1 FROM "Contact" c WHERE c."AccountId" = a."Id" AND c."Title" LIKE '%vp%')`, Semantics: semEqRecheck},
	{Name: "recheck_exists", SQL: `SELECT a."Name" FROM "Account" a WHERE EXISTS (SELECT 1 FROM "Contact" c WHERE c."AccountId" = a."Id" AND c."Title" LIKE '%VP%')`, Semantics: semEqRecheck},
	{Name: "recheck_not_exists", SQL: `SELECT a."Name" FROM "Account" a WHERE NOT EXISTS (SELECT 1 FROM "Contact" c WHERE c."AccountId" = a."Id" AND c."Title" LIKE 'SVP%')`, Semantics: semEqRecheck},
	{Name: "recheck_not_in_sub", SQL: `SELECT "Name" FROM "Account" WHERE "Id" NOT IN (SELECT "AccountId" FROM "Contact" WHERE "Title" LIKE '%vp%' AND "AccountId" IS NOT NULL)`, Semantics: semEqRecheck},
	{Name: "edge_empty_string_empty", SQL: `SELECT "Name" FROM "Account" WHERE "Rating" = ''`, Semantics: semEmptyString},
	{Name: "edge_empty_string_ne", SQL: `SELECT "Name" FROM "Account" WHERE "Rating" <> '' AND "Industry" NOT IN ('')`, Semantics: semEmptyString},
	{Name: "edge_empty_string_in", SQL: `SELECT "Name" FROM "Account" WHERE "Rating" IN ('', 'Hot')`, Semantics: semEmptyString},
	{Name: "edge_empty_string_like", SQL: `SELECT "Name" FROM "Account" WHERE "Phone" NOT LIKE '' AND ("Rating" LIKE '' OR "Industry" = 'Energy')`, Semantics: semEmptyString},
	{Name: "edge_ne_empty_string", SQL: `SELECT "Name" FROM "Account" WHERE "Rating" <> ''`},
	{Name: "edge_coalesce_empty_string", SQL: `SELECT "Name" FROM "Account" WHERE coalesce("Rating", '') = ''`},
	{Name: "edge_trailing_space_empty", SQL: `SELECT "Name" FROM "Account" WHERE "Name" = 'GenePoint '`},
	{Name: "edge_not_in_subquery_null_key", SQL: `SELECT "Name" FROM "Contact" WHERE "AccountId" NOT IN (SELECT "Id" FROM "Account" WHERE "Industry" = 'Energy')`},
	{Name: "edge_in_subquery_nullable", SQL: `SELECT "Name" FROM "Account" WHERE "Id" IN (SELECT "ParentId" FROM "Account")`},
	{Name: "edge_date_eq_datetime_empty", SQL: `SELECT "CaseNumber" FROM "Case" WHERE "CreatedDate" = '2025-11-06'`},
	{Name: "edge_typed_date_eq_datetime", SQL: `SELECT "CaseNumber" FROM "Case" WHERE "CreatedDate" = DATE '2025-11-06'`, PG: `SELECT "CaseNumber" FROM "Case" WHERE "CreatedDate" >= DATE '2025-11-06' AND "CreatedDate" < DATE '2025-11-07'`, Semantics: "documented difference (translator/doc.go, literals): a date compared with a datetime field is that whole day in the session zone, so = becomes a range; PostgreSQL casts the date to midnight and matches nothing here. PG spells the range. (An untyped '2025-11-06' is midnight, as in PostgreSQL: edge_date_eq_datetime_empty)"},
	{Name: "edge_datetime_cast_date_eq", SQL: `SELECT "CaseNumber" FROM "Case" WHERE "CreatedDate"::date = '2025-11-06'`},
	{Name: "edge_datetime_no_zone", SQL: `SELECT "CaseNumber" FROM "Case" WHERE "CreatedDate" < '2025-11-10 12:00:00'`},
	{Name: "edge_int_div_negative", SQL: `SELECT "Col_Integer__c", "Col_Integer__c" / 3 AS q, "Col_Integer__c" % 3 AS r FROM "AllDataType__c"`},
	{Name: "edge_round_half", SQL: `SELECT round("Col_Currency__c" / 1000) AS r, round(-"Col_Currency__c" / 1000) AS n FROM "AllDataType__c"`},
	{Name: "edge_numeric_div_scale", SQL: `SELECT "AnnualRevenue" / 7 AS a, "NumberOfEmployees"::numeric / 7 AS b, 1.0 / 3 AS c FROM "Account"`},
	{Name: "edge_coalesce_mixed_numeric", SQL: `SELECT coalesce("NumberOfEmployees", "AnnualRevenue", 0) AS x FROM "Account"`},
	{Name: "edge_cast_text_int", SQL: `SELECT "Sic"::integer + 1 AS s FROM "Account" WHERE "Sic" IS NOT NULL`},
	{Name: "edge_order_bool", SQL: `SELECT "CaseNumber", "IsClosed" FROM "Case" ORDER BY "IsClosed", "CaseNumber"`},
	{Name: "edge_order_bool_desc", SQL: `SELECT "CaseNumber", "IsEscalated" FROM "Case" ORDER BY "IsEscalated" DESC, "CaseNumber" DESC`},
	{Name: "edge_group_bool", SQL: `SELECT "IsClosed", "IsEscalated", count(*) AS n FROM "Case" GROUP BY "IsClosed", "IsEscalated"`},
	{Name: "edge_group_date", SQL: `SELECT "Birthdate", count(*) AS n FROM "Contact" GROUP BY "Birthdate"`},
	{Name: "edge_count_distinct_nullable", SQL: `SELECT count(DISTINCT "Rating") AS r, count(DISTINCT "ParentId") AS p FROM "Account"`},
	{Name: "edge_agg_ratio", SQL: `SELECT "Status", sum("IsEscalated"::int) * 100 / count(*) AS pct FROM "Case" GROUP BY "Status"`},
	{Name: "edge_order_alias", SQL: `SELECT "CaseNumber" AS num, length("Subject") AS len FROM "Case" ORDER BY len DESC, num`},
	{Name: "edge_order_date_nulls_first", SQL: `SELECT "CaseNumber", "ClosedDate" FROM "Case" ORDER BY "ClosedDate" ASC NULLS FIRST, "CaseNumber"`, Semantics: semNulls},
	{Name: "edge_like_special_chars", SQL: `SELECT "Website" FROM "Account" WHERE "Website" LIKE '%l&t%'`},
	{Name: "edge_like_id_prefix", SQL: `SELECT count(*) AS n FROM "Case" WHERE "Id" LIKE '500%'`},
	{Name: "edge_to_char_datetime", SQL: `SELECT to_char("CreatedDate", 'YYYY-MM-DD HH24:MI') AS t FROM "Case"`},
	{Name: "edge_extract_epoch", SQL: `SELECT extract(epoch FROM "CreatedDate") AS e FROM "CaseComment"`},
	{Name: "edge_length_null", SQL: `SELECT "Name", length("Rating") AS l FROM "Account"`},
	{Name: "edge_text_eq_number_literal", SQL: `SELECT "Name" FROM "Account" WHERE "Sic" = '4437'`},
	{Name: "edge_in_numbers", SQL: `SELECT "Name" FROM "Account" WHERE "NumberOfEmployees" IN (120, 265, 1000)`},
	{Name: "edge_between_symmetric_dates", SQL: `SELECT "Name" FROM "Asset" WHERE "UsageEndDate" BETWEEN '2029-01-05' AND '2029-01-07'`},
	{Name: "edge_multi_order_mixed", SQL: `SELECT "Type", "Priority", "CaseNumber" FROM "Case" ORDER BY "Type" DESC NULLS LAST, "CreatedDate", "CaseNumber"`},
}

// clientHabits: forms SQL clients and BI tools write.
var clientHabits = []diffCase{
	{Name: "habit_star_solution", SQL: `SELECT * FROM "Solution"`},
	{Name: "habit_star_alias", SQL: `SELECT e.* FROM "Entitlement" e WHERE e."Status" = 'Active'`},
	{Name: "habit_count_unaliased", SQL: `SELECT count(*) FROM "Account"`},
	{Name: "habit_quoted_alias", SQL: `SELECT "Name" AS "Account Name", "Industry" AS "Sector" FROM "Account" WHERE "Industry" IS NOT NULL`},
	{Name: "habit_order_position", SQL: `SELECT "Priority", "CaseNumber" FROM "Case" ORDER BY 2 DESC`},
	{Name: "habit_group_position", SQL: `SELECT "Origin", "Status", count(*) FROM "Case" GROUP BY 1, 2`},
	{Name: "habit_having_param", SQL: `SELECT "Type", count(*) AS n FROM "Case" GROUP BY "Type" HAVING count(*) > $1`, Args: []any{int64(4)}},
	{Name: "habit_limit_all_offset_zero", SQL: `SELECT "CaseNumber" FROM "Case" ORDER BY "CaseNumber" LIMIT ALL OFFSET 0`},
	{Name: "habit_concat_number", SQL: `SELECT "Name" || ' (' || "NumberOfEmployees" || ')' AS label FROM "Account"`},
	{Name: "habit_count_over_all", SQL: `SELECT "CaseNumber", count(*) OVER () AS total FROM "Case" WHERE "IsEscalated"`},
	{Name: "habit_distinct_on", SQL: `SELECT DISTINCT ON ("Type") "Type", "CaseNumber" FROM "Case" ORDER BY "Type", "CaseNumber"`},
	{Name: "habit_not_between", SQL: `SELECT "Name" FROM "Account" WHERE "NumberOfEmployees" NOT BETWEEN 100 AND 10000`},
	{Name: "habit_is_true_expr", SQL: `SELECT "Name" FROM "Account" WHERE ("NumberOfEmployees" > 1000) IS TRUE`},
	{Name: "habit_isodow_quarter", SQL: `SELECT extract(isodow FROM "CreatedDate") AS d, date_trunc('quarter', "CreatedDate") AS q FROM "Case"`},
	{Name: "habit_cast_varchar_truncates", SQL: `SELECT CAST("Name" AS varchar(5)) AS short FROM "Account"`},
	{Name: "habit_cast_numeric_rounds", SQL: `SELECT CAST("Price" AS numeric(6,0)) AS p, "Price"::int AS i FROM "Asset"`},
	{Name: "habit_lower_null", SQL: `SELECT lower("Rating") AS r FROM "Account"`},
	{Name: "habit_string_agg_distinct", SQL: `SELECT string_agg(DISTINCT "Status", ',' ORDER BY "Status") AS s FROM "Case"`},
	{Name: "habit_rollup", SQL: `SELECT "Type", "Priority", count(*) AS n FROM "Case" GROUP BY ROLLUP ("Type", "Priority")`},
	{Name: "habit_in_long_list", SQL: `SELECT "CaseNumber" FROM "Case" WHERE "CaseNumber" IN ('00001001', '00001003', '00001005', '00001007', '00001009', '00001011', '00001013', '00001015', '00001099')`},
	{Name: "habit_case_is_null", SQL: `SELECT "Name", CASE WHEN "Rating" IS NULL THEN 'unrated' ELSE "Rating" END AS r FROM "Account"`},
	{Name: "habit_select_literal", SQL: `SELECT 1 AS one, 'x' AS x, "CaseNumber" FROM "Case" WHERE "CaseNumber" = '00001001'`},
	{Name: "habit_union_null_column", SQL: `SELECT "Name", NULL AS title FROM "Account" WHERE "Rating" = 'Hot' UNION ALL SELECT "Name", "Title" FROM "Contact" WHERE "Title" = 'CEO'`},
	{Name: "habit_to_char_number", SQL: `SELECT to_char("NumberOfEmployees", 'FM999,999') AS e FROM "Account"`},
	{Name: "habit_coalesce_date", SQL: `SELECT "CaseNumber", coalesce("ClosedDate", "CreatedDate") AS t FROM "Case"`},
	{Name: "habit_nested_functions", SQL: `SELECT upper(substring(trim("Subject") FROM 1 FOR 3)) || lpad(ltrim("CaseNumber", '0'), 6, '0') AS code FROM "Case"`},
}

// more: windows with frames, intervals, set operations with sorts.
var more = []diffCase{
	{Name: "more_win_range_frame", SQL: `SELECT "Name", sum("NumberOfEmployees") OVER (ORDER BY "NumberOfEmployees" RANGE BETWEEN 1000 PRECEDING AND CURRENT ROW) AS s FROM "Account"`},
	{Name: "more_win_lag_default", SQL: `SELECT "CaseNumber", lag("ClosedDate", 1, "CreatedDate") OVER (ORDER BY "CaseNumber") AS prev FROM "Case"`},
	{Name: "more_win_cume_dist", SQL: `SELECT "Name", cume_dist() OVER (PARTITION BY "Type" ORDER BY "AnnualRevenue") AS c FROM "Account"`},
	{Name: "more_win_over_join", SQL: `SELECT c."CaseNumber", a."Name", count(*) OVER (PARTITION BY a."Id") AS per_account FROM "Case" c JOIN "Account" a ON c."AccountId" = a."Id"`},
	{Name: "more_win_over_group", SQL: `SELECT "Status", count(*) AS n, sum(count(*)) OVER () AS total FROM "Case" GROUP BY "Status"`},
	{Name: "more_win_named", SQL: `SELECT "CaseNumber", rank() OVER w AS r, dense_rank() OVER w AS d FROM "Case" WINDOW w AS (ORDER BY "Priority")`},
	{Name: "more_interval_compare", SQL: `SELECT "CaseNumber" FROM "Case" WHERE "ClosedDate" - "CreatedDate" > interval '30 hours'`},
	{Name: "more_interval_mult", SQL: `SELECT "CaseNumber", ("ClosedDate" - "CreatedDate") * 2 AS twice FROM "Case" WHERE "IsClosed"`},
	{Name: "more_date_minus_interval", SQL: `SELECT "Name", "EndDate" - interval '1 month' AS warn FROM "Entitlement"`},
	{Name: "more_timestamp_trunc_hour", SQL: `SELECT date_trunc('hour', "CreatedDate" + interval '90 minutes') AS h FROM "CaseComment"`},
	{Name: "more_union_order_limit_offset", SQL: `SELECT "CaseNumber" AS k FROM "Case" UNION SELECT "SolutionNumber" FROM "Solution" ORDER BY k DESC LIMIT 5 OFFSET 3`},
	{Name: "more_intersect_join", SQL: `SELECT a."Id" FROM "Account" a JOIN "Contact" c ON c."AccountId" = a."Id" INTERSECT SELECT "AccountId" FROM "Case"`},
	{Name: "more_except_ordered", SQL: `SELECT "Industry" FROM "Account" WHERE "Industry" IS NOT NULL EXCEPT SELECT 'Energy' ORDER BY 1`},
	{Name: "more_agg_expr_args", SQL: `SELECT max(length("Subject")) AS l, min(lower("Status")) AS s, sum("Col_Integer__c" * 2) AS d FROM "Case", "AllDataType__c" WHERE "AllDataType__c"."Name" = 'All Types 01'`},
	{Name: "more_group_having_no_select", SQL: `SELECT "Origin" FROM "Case" GROUP BY "Origin" HAVING max("CreatedDate") > '2025-12-20'`},
	{Name: "more_scalar_subquery_expr", SQL: `SELECT "Name", "AnnualRevenue" * 100 / (SELECT sum("AnnualRevenue") FROM "Account") AS pct FROM "Account" WHERE "AnnualRevenue" IS NOT NULL`},
	{Name: "more_exists_bool", SQL: `SELECT "Name" FROM "Account" a WHERE EXISTS (SELECT 1 FROM "Entitlement" e WHERE e."AccountId" = a."Id" AND e."IsPerIncident")`},
	{Name: "more_in_subquery_with_join", SQL: `SELECT "LastName" FROM "Contact" WHERE "Id" IN (SELECT c."ContactId" FROM "Case" c JOIN "Account" a ON c."AccountId" = a."Id" WHERE a."Industry" = 'Energy')`},
}
