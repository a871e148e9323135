// Package pgdiff is the differential suite: the same SQL text runs through
// soqlgate's database/sql driver against the local org (package emulator,
// demo data) and against a real PostgreSQL 15 loaded with the same rows,
// and the two answers must be the same rows (in the same order when the
// query orders them).
//
// The package holds tests only (go test ./conformance/pgdiff). The loader
// (load_test.go) describes each demo object over REST, parses it with
// catalog.ParseDescribe and creates one PostgreSQL table per object, named
// and typed by catalog.TypeOf (the catalog's type table): "Account",
// "Case", columns under their API names ("AccountId", "Col_Currency__c"),
// quoted, so one SQL text addresses both sides. Compound fields (address,
// location) are left out; their components are columns. The rows are read
// through the driver with a plain SELECT of every column, so the oracle
// holds exactly what the driver serves (soft-deleted rows excluded).
//
// Comparison (compare_test.go) renders both answers to canonical text by
// column type: decimals by value (PostgreSQL's numeric(p,s) keeps the
// column's scale, "30000000.00"; the driver hands decimal.Decimal, whose
// scale is not part of the value: trailing zeros are not compared),
// timestamps as UTC instants, dates and times as civil values, bytea as
// hex. Column names are compared case-insensitively (PostgreSQL folds an
// unquoted alias to lower case; soqlgate keeps the user's spelling, a
// documented difference) and column types by their PostgreSQL type name
// with varchar and text counted as one. Rows are compared as multisets
// unless the statement's top level has ORDER BY; every ordered case
// orders totally (ending on a unique key) so ties cannot legitimately
// differ.
//
// Semantics. SQL mode promises PostgreSQL's semantics; where Salesforce
// compares or sorts differently the corpus states per construct what
// happens (the Semantics field of a case): either soqlgate rechecks
// locally and the case compares as is, or the difference is documented
// and the case carries the PostgreSQL text that expresses Salesforce's
// rule (PG), so it still compares exactly. A difference that is a bug has
// KnownDiff naming what differs and which package is wrong; the case is
// reported as a skip with that text, never a silent pass (set
// SOQLGATE_PGDIFF_RUN_KNOWN=1 to run them anyway).
//
// The text collation of the oracle is C.UTF-8 (byte-wise, as
// internal/localsql implements PostgreSQL's "C" order).
//
// Tests: TestDifferential (the corpus, demo org), TestOffsetAtScale (OFFSET
// past 2,000 and a few thousand rows through joins and windows, on an org
// of 3,000 generated cases; skipped with -short). BenchmarkResidueJoin
// joins 100,000 Cases with 10,000 Accounts on a column that is no
// relationship and reports rows/s, peak Go heap and peak RSS; its org runs
// in a child process (this test binary run again) so the figures are the
// driver's.
//
// PostgreSQL comes from package conformance/pgtest (one shared server per
// test binary, a database per test).
package pgdiff
