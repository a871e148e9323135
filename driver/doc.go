// Package driver is soqlgate's database/sql driver: sql.Open("salesforce",
// dsn) reads Salesforce in SQL-92 or SOQL and writes with INSERT, UPSERT,
// UPDATE and DELETE (writes are not implemented by the engine yet: they
// fail with *UnsupportedError).
//
// # DSN
//
//	salesforce://USER:PASSWORD@HOST[:PORT]/?securityToken=…&apiVersion=…
//
// The parameters are the settings of Data Factory's Salesforce connector
// (environmentUrl, securityToken, apiVersion, readBehavior, writeBatchSize,
// ignoreNullValues, externalIdFieldName, maxConcurrentConnections) and a few
// of soqlgate's own (api, queryMode, batchSize, bulkThreshold, …); see
// Config. http:// is accepted only with insecure=true and only to a
// loopback host, which is how tests reach the local org.
//
// Secrets (password, securityToken, clientSecret, refreshToken,
// accessToken) never appear in an error or in Config.String.
//
// # Connecting
//
// NewConnector with sql.OpenDB takes a Config built in code (an
// *http.Client, an *rsa.PrivateKey for the JWT bearer flow). Connections
// of one Connector share one describe cache and one API client: one login
// and one cap on requests in flight for the whole pool, made on the first
// statement. sql.DB.Close closes the Connector.
//
// # Statements
//
// QueryContext runs SELECT (SQL with PostgreSQL's semantics, or SOQL
// passed through), EXPLAIN (rows of one text column, "QUERY PLAN") and
// report calls ({call "Report Name"}). Parameters are positional ($1 or
// ?); sql.Named is refused. Prepared statements send nothing to
// Salesforce: they are translated when run.
//
// Arguments may be decimal.Decimal, catalog.Date, catalog.TimeOfDay,
// time.Time (any zone; compared as an instant), civil-style Date / Time
// structs (the shape of cloud.google.com/go/civil), the integer and float
// types, string, []byte, bool, nil and any driver.Valuer. Per-statement
// knobs travel among the arguments and take no $n: QueryAll{} (read the
// recycle bin), API("rest" | "bulk" | "auto"), BatchSize(n).
//
// After a statement's rows close, its plan (the SOQL sent, REST or Bulk
// and why) and its warnings (a report cut at 2,000 rows) are kept on the
// connection: sql.Conn.Raw reaches them through the Notes interface.
//
// # Values
//
// Columns report the PostgreSQL type name (VARCHAR, NUMERIC, INT4,
// TIMESTAMPTZ, DATE, TIME, BOOL, BYTEA, JSON, TEXT), nullability, varchar
// lengths and numeric precision and scale. ScanType is a type
// reflect.New can Scan into: decimal.Decimal for currency / number /
// percent (handed over as the exact decimal string, so *string and
// *float64 work too), catalog.Date for dates (handed over as time.Time at
// midnight UTC), catalog.TimeOfDay for times (as "HH:MM:SS" text),
// time.Time in UTC for datetimes, int32 / int64, bool, string,
// json.RawMessage for compound fields.
//
// # Transactions
//
// Salesforce has no transactions: each statement is applied on its own
// and nothing can be rolled back. BeginTx therefore fails with
// ErrNoTransactions instead of pretending.
//
// # Errors
//
// The typed errors of the layers below come through unchanged, matched
// with errors.Is / errors.As: *translator.SyntaxError,
// *translator.UnsupportedError (translator.ErrUnsupported),
// *translator.ResolveError and *catalog.ResolveError (unknown names, with
// a suggestion), *APIError (by Salesforce error code), *UnsupportedError,
// *BudgetError, ErrLogin. driver.ErrBadConn is returned only when nothing
// reached Salesforce (connection refused, host unknown, closed
// connection), so database/sql retries only what is safe to retry; a
// login Salesforce refused is never retried.
//
// # Driver name
//
// The driver registers as "salesforce"; a build may rename it with
// -ldflags "-X github.com/soqlgate/soqlgate/driver.driverName=NAME".
package driver
