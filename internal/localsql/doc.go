// Package localsql runs SQL that Salesforce cannot answer, locally, on an
// in-memory SQLite database, with PostgreSQL's semantics.
//
// Two kinds of statement come here: the residue of a translated plan (joins
// between unrelated objects, expressions, DISTINCT, UNION, window functions,
// OFFSET past 2,000), run over row sets the engine streams in with
// [DB.LoadRowSet]; and catalog queries (pg_catalog, information_schema) over
// tables built from a catalog snapshot.
//
// Statements are parsed by the real PostgreSQL parser (pg_query) and the AST
// is emitted as SQLite SQL, not deparsed as PostgreSQL. What SQLite lacks is
// supplied by Go functions registered on a private driver, so nothing here
// leaks into other users of modernc.org/sqlite in the process.
//
// Semantics kept as PostgreSQL (the differential suite checks each against a
// real PostgreSQL 15):
//   - NULLs sort last ascending, first descending; three-valued logic.
//   - Text compares byte-wise (PostgreSQL's "C" collation); LIKE is
//     case-sensitive, ILIKE is not; = is case-sensitive.
//   - integer / integer truncates; numeric values are exact decimals stored as
//     text, with PostgreSQL's result scales (division included), compared and
//     sorted numerically through the "pgnum" collation.
//   - Untyped literals and parameters take the type of the other operand.
//   - Booleans are true/false values, not 1/0, in results.
//   - Dates are civil dates; timestamptz values are UTC instants, read and
//     truncated in the session's time zone (Session.TimeZone, default UTC).
//
// Result column types are inferred from the AST before execution, so a
// statement can be described before it runs ([DB.Prepare]).
//
// # API
//
//   - Open(Options{RowBudget}) makes a database; one per statement for
//     residues, one per snapshot for the catalog.
//   - LoadRowSet(ctx, name, cols, next) streams a scan's rows into table
//     name (ColumnsOf types a scan's fields by the catalog's type table);
//     DropRowSet frees it. The budget caps rows across row sets.
//   - Prepare / PrepareSession / PrepareAST translate a SELECT; Stmt.Columns
//     and Stmt.Params are its types; Stmt.Query runs it; Rows streams values
//     of the catalog's scan types. Translations are cached per text and
//     session until relations change.
//   - LoadCatalog(ctx, snapshot) (re)builds pg_catalog, information_schema
//     and information_schema.soqlgate_fields from a catalog.Snapshot.
//   - Errors are *Error with PostgreSQL's SQLSTATE.
//
// # Coverage
//
// SELECT with joins of every kind (USING, NATURAL, parenthesized), derived
// tables, CTEs (recursive too), subqueries (scalar, EXISTS, IN, op ANY/ALL),
// UNION / INTERSECT / EXCEPT [ALL], VALUES, DISTINCT [ON], GROUP BY with
// ROLLUP / CUBE / GROUPING SETS, HAVING, FILTER, window functions with
// frames, WITHIN GROUP percentiles, LIMIT / OFFSET / FETCH, parameters;
// string, regex, numeric, date/time, interval, json (->, ->>) and catalog
// functions; generate_series (integers and timestamps) and unnest.
// Joins on expressions use materialized key columns so SQLite can index them.
//
// Refused with an error: LATERAL, FETCH ...
// WITH TIES, power(numeric) with a fractional exponent, ln/exp/log of
// numeric, grouping sets over expressions, DML and DDL (those are the
// engine's and the gateway's).
package localsql
