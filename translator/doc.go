// Package translator turns one statement — SQL-92 as Data Factory's SQL
// mode or a PostgreSQL client writes it, or SOQL — into a Plan: the SOQL
// Salesforce can answer (pushdown), the SQL that must run locally over the
// rows it returns (residue), and why each part went where it went.
//
// It is pure: SQL text + a catalog.Snapshot + Settings → *Plan. No context,
// no I/O, no clock (the statement time comes in Settings.Now), no
// randomness. That is what makes golden files and fuzzing possible
// (style-anchors §13 items 10–12).
//
// # Layers
//
// A statement goes through five steps, each in its own file:
//
//	escape.go     ODBC escapes and ? placeholders rewritten for PostgreSQL's
//	              parser, with a map from every byte back to the user's text
//	translate.go  mode (sql / soql / auto), pg_query parse or soql.Parse,
//	              the parse cache, Objects (phase one)
//	select.go     FROM → scope and join planning (relationship joins become
//	              one SOQL query), WHERE → pushdown, the select list
//	rules.go      the predicate rules: an ordered list of small named rules,
//	              one file each (rule_logic.go, rule_null.go, rule_in.go,
//	              rule_like.go, rule_semijoin.go, rule_includes.go,
//	              rule_datepart.go, rule_compare.go)
//	aggregate.go  GROUP BY / aggregates / HAVING / DISTINCT pushed or local
//	local.go      ORDER BY / LIMIT / OFFSET, and the local step: the user's
//	              SELECT with its tables replaced by row sets
//	literal.go    constants typed by the field they meet, rendered through
//	              soql.AppendLiteral — never by concatenating user text
//	write.go      INSERT / upsert / UPDATE / DELETE write plans
//	sqlprint.go   the local step's SQL text (pg_query's deparser as fallback)
//	explain.go    the stable text form of a plan (EXPLAIN, golden files)
//
// # Lifecycle and the two-phase protocol
//
// The engine calls Objects(sql) to learn the objects a statement names,
// describes them (with its context and cache), builds a snapshot, then
// calls Translate. A relationship may lead to an object the snapshot lacks
// (Contact.Account.Owner.Email needs User): Translate then returns a
// *NeedObjectsError listing them; the engine describes those and translates
// again. Parses are cached by text and plans by (snapshot, text, settings),
// so a repeated statement costs a map lookup. A statement with parameters
// and no Settings.Args gives an unbound plan (parameter types known, SOQL
// holding null where values go); Plan.Bind translates it with the values.
//
// # The plan
//
// A Plan of KindQuery has Scans (each one SOQL query, queryAll or not,
// Bulk-eligible or not and why, its columns named by their SOQL paths) and,
// when Salesforce cannot produce the result alone, a Local step: PostgreSQL
// SQL over the scans' row sets (table s1, s2, …; columns named by
// Column.Name) that internal/localsql runs. When Local is nil the single
// scan's records are the result: each Output column reads Column.Path from a
// record (Child columns from each record of the flattened child
// relationship, Scan.Flatten). Nothing is silently dropped: every conjunct,
// sort key, aggregate and limit is either pushed exactly, pushed as a
// superset and rechecked in Local, or done in Local, and LocalStep.Reasons
// says which and why.
//
// # Supported constructs
//
// Pushed to SOQL: comparisons of a field with a literal or parameter (either
// side); IN / NOT IN (INCLUDES / EXCLUDES on multi-select picklists; lists
// past 2,000 values or 60,000 characters split into several statements);
// LIKE / ILIKE / NOT LIKE with ESCAPE rewritten to SOQL's backslash form;
// IS [NOT] NULL; IS [NOT] TRUE / FALSE; BETWEEN; NOT; AND / OR;
// includes() / excludes(); EXTRACT(YEAR|MONTH|QUARTER|DAY|DOY|HOUR) as SOQL
// date functions (datetime fields only in UTC; a year becomes a range
// elsewhere); UPPER/LOWER(f) = 'x' as the superset f = 'x'; IN (SELECT Id …)
// semi-joins and NOT IN anti-joins (one level: a semi-join nested in one
// runs in its own scan, the outer one is pushed without it and rechecked),
// and [NOT] EXISTS correlated on one key equality rewritten to them (when
// the subquery's other conditions are not exact in SOQL, EXISTS pushes a
// superset and NOT EXISTS nothing; both are rechecked locally); ORDER BY
// (not on text) with explicit NULLS (PostgreSQL's order: ASC NULLS LAST,
// DESC NULLS FIRST); LIMIT; OFFSET ≤ 2,000 (past it, LIMIT+OFFSET rows are
// fetched and skipped locally); COUNT(*) → COUNT(Id); COUNT(DISTINCT f) →
// COUNT_DISTINCT; SUM / MIN / MAX (AVG only in semantics "salesforce": its
// answer is a double); GROUP BY;
// HAVING; DISTINCT → GROUP BY; child → parent joins as dotted paths (inner
// joins add fk != null), parent → child joins as a flattened subquery, self
// joins, grandparents, __c → __r; IsDeleted = true → queryAll; SELECT *
// from describe (compound fields and base64 left out of the Bulk variant);
// field lists too long for one GET split into scans joined on Id. A plan
// that groups in SOQL has a Fallback (built on first use) grouping locally,
// for the engine to run when Salesforce refuses more than 2,000 groups.
//
// Local: joins that do not follow a relationship (each table its own scan,
// its own filters still pushed unless it is the nullable side of an outer
// join), expressions and functions, field-to-field comparisons, UNION /
// INTERSECT / EXCEPT, window functions, uncorrelated subqueries that are not
// semi-joins (each its own scans), [NOT] EXISTS correlated on one equality
// (as outer IS NOT NULL AND outer IN (SELECT inner … WHERE inner IS NOT
// NULL …) over the subquery's own scan), sorts on unsortable fields and on
// text (after a grouping pushed to SOQL, over its grouped columns and
// aggregates; a sort needing anything else groups locally too),
// aggregation over local rows.
//
// Refused (*UnsupportedError): correlated subqueries other than the EXISTS
// form above, WITH, subqueries and functions in FROM
// (getDeleted is not built), NATURAL / USING joins, FOR UPDATE, UPSERT INTO
// (use ON CONFLICT), ON CONFLICT DO NOTHING or on a non-External-ID field,
// SET from an expression, UPDATE / DELETE without WHERE unless
// AllowFullTableWrite, several statements at once, a SOQL statement that
// would pass Salesforce's 100,000 characters (long IN lists are chunked
// instead).
//
// # Semantics
//
// SQL mode follows PostgreSQL (Settings.Semantics "postgres", the default):
// Salesforce compares text case-insensitively and its != and NOT keep null
// fields, so an = / IN / LIKE on text goes to SOQL as a superset and is
// rechecked locally; != , NOT IN and NOT LIKE on text, and ordering
// comparisons of text, stay local. Exceptions that are exact: literals
// without letters, case-sensitive fields, Ids and references, a literal
// spelled exactly as a picklist value, ILIKE, and anything on booleans
// (never null in Salesforce: boolean IS NULL folds to "no rows").
// Salesforce stores no empty strings and reads the empty string in a
// filter as null: text = the empty string folds to "no rows", <> it and
// NOT IN (it) become != null, it is dropped from IN lists, and LIKE the
// empty pattern is treated as = it. Semantics
// "salesforce" pushes every predicate SOQL can express, as is. ORDER BY and
// MIN / MAX of text and picklists run locally in PostgreSQL's byte-wise (C)
// order: Salesforce sorts text case-insensitively and picklists in their
// defined order (High, Medium, Low), not by value. A LIMIT after such a
// sort is applied locally too, so every row that passes the filter is
// fetched. Semantics "salesforce" pushes them.
//
// Literals are typed by the field: booleans from TRUE / FALSE / 1 / 0 /
// 't' / 'yes'…; numbers in plain notation (1.5E-5 → 0.000015); dates
// YYYY-MM-DD; datetimes always UTC with Z (a {ts} or TIMESTAMP literal is a
// wall time in Settings.TimeZone; a date against a datetime field is that
// day in the session zone, so = becomes a range); times hh:mm:ss.fffZ.
//
// # Compatibility notes
//
//   - Names resolve case-insensitively, quoted or not (SELECT "id" FROM
//     "Account"); results carry describe's spelling, or the alias as the
//     user spelled it (PostgreSQL would lower-case an unquoted alias).
//   - A dotted name whose first part is not a table of FROM is a
//     relationship path, so SOQL habits work in SQL mode.
//   - Auto mode reads SOQL when the text only parses as SOQL or uses
//     SOQL-only syntax (FIELDS(), TYPEOF, a child subquery in the select
//     list, LAST_N_DAYS:n, unquoted datetimes). "SOQL:" forces SOQL for one
//     statement. SOQL is validated by soql.Parse and sent unchanged.
//   - {call "Report"} / {call Report} is a report step (a 15/18-character
//     00O… name is taken as an id).
//   - Writes: INSERT … VALUES (many rows), INSERT … SELECT, INSERT … ON
//     CONFLICT (ExtId) DO UPDATE SET c = EXCLUDED.c for every column
//     (Salesforce's upsert writes every given field), UPDATE / DELETE …
//     WHERE (a find query returns the Ids), RETURNING. A parent is set by
//     its External ID with the column Relationship.ExtId__c.
//
// # Debugging
//
// Plan.String is the EXPLAIN text: each scan's SOQL, query or queryAll,
// Bulk eligibility and why, the local SQL and its reasons, the write job,
// the parameters. The golden files under testdata/cases hold one statement
// each with its plan or error; go test ./translator -update rewrites them
// and the diff is reviewed as code. Errors carry byte offsets into the
// user's original text (*UnsupportedError, *ResolveError with the nearest
// name, *SyntaxError), even after escape rewriting.
package translator
