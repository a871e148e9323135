// Package engine runs one statement end to end: it describes what the
// statement names (through a shared catalog.Cache), translates it
// (translator.Translate against that snapshot, describing more when the
// translator reaches further objects), chooses the API, executes through
// sfapi and streams typed rows. The driver and the gateway are thin
// adapters over it.
//
// # API choice
//
// With api=auto a scan starts on REST: the first page's totalSize decides.
// A result larger than the bulk threshold, whose SOQL the Bulk API accepts
// (no aggregates, subqueries, OFFSET, ORDER BY: the translator's
// BulkEligible), is read again through a Bulk 2.0 query job (compound
// fields are rebuilt from their components, base64 content is fetched per
// record by Id, since Bulk carries neither);
// everything else stays on REST. api=rest and api=bulk force the choice
// (bulk falls back to REST, with the reason in EXPLAIN, when Bulk cannot
// run the query). The reason of every choice is kept in Rows.Explain.
//
// # Values
//
// Values are converted by the catalog's type table (catalog.FromJSON for
// REST, catalog.FromText for Bulk CSV): decimal.Decimal for currency,
// number and percent, catalog.Date for dates, UTC time.Time for datetimes,
// catalog.TimeOfDay for times, int64 for integers, bool, string,
// json.RawMessage for compounds. Never float64.
//
// # Local steps
//
// A plan with a residue streams each scan into an in-memory SQLite table
// of internal/localsql (bounded by LocalRowBudget) and runs the residue
// there with PostgreSQL's semantics. Its columns are typed by localsql
// (before the first row), and reported nullable: an outer join, a ROLLUP
// or a UNION can put NULL in a column whose field never is.
//
// # Cancellation
//
// Rows holds the query's context: cancelling it stops the HTTP read, and a
// Bulk job still running is aborted before Close returns.
package engine
