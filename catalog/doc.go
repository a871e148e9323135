// Package catalog is soqlgate's metadata model: Salesforce objects, their
// fields and relationships as describe reports them, the one table that maps
// a Salesforce field type to a SQL type, and immutable Snapshot values that
// the translator and localsql resolve names against.
//
// # Model
//
// ParseDescribe turns a GET /sobjects/{X}/describe body into an *Object;
// ParseDescribeGlobal turns a GET /sobjects body into []ObjectSummary.
// Objects keep describe's field order (it becomes the column order, pg
// attnum). An Object is frozen once it is returned by ParseDescribe or passed
// to NewSnapshot: do not modify it afterwards, it may be shared between
// connections and goroutines. Tests may build Objects by hand; NewSnapshot
// fills each Field.SQL from the type table if it is unset.
//
// # Names
//
// Object, field and relationship names resolve case-insensitively, as in
// Salesforce ("SELECT id FROM account" works). A name that does not resolve
// gives a *ResolveError carrying the nearest existing name, when one is close
// enough (Damerau–Levenshtein distance over case-folded names):
//
//	catalog: unknown field 'Nmae' on Account; did you mean 'Name'?
//
// ResolveError unwraps to ErrNotFound.
//
// # Types
//
// TypeTable lists, for every describe field type, the SQL type it becomes,
// its PostgreSQL type OID and typmod rule, and the Go type a value scans
// into; TypeOf applies it to one field (ARCHITECTURE.md "Names, semantics and
// types"). Numbers are decimal.Decimal (github.com/shopspring/decimal), never
// float64. Dates are civil dates of this package's own small type Date
// (year, month, day; no zone) and times of day are TimeOfDay; datetimes are
// time.Time instants in UTC. Field types the table does not know (Salesforce
// adds some now and then) become text, so describe never fails on them.
//
// # Values
//
// FromJSON converts a field value of a REST result (decoded with UseNumber)
// and FromText one of a Bulk CSV result into exactly the Go type the
// field's SQLType.ScanType names, so what a column advertises and what it
// yields cannot disagree: json.Number → int32 / int64 / decimal.Decimal,
// "2011-07-07T00:37:00.000+0000" → time.Time in UTC, "2010-01-01" → Date,
// "07:00:00.000Z" → TimeOfDay, compounds → json.RawMessage. base64 fields
// give a BlobURL to fetch. ParseDateTime and FormatDateTime read and write
// Salesforce's datetime form.
//
// # Cache
//
// Cache holds parsed describes for a TTL, keyed by instance URL + API version
// + object name, shared by every connection. Concurrent misses for the same
// key make one fetch (singleflight). The fetch function is the caller's (the
// engine passes one bound to its sfapi client). An optional Store persists
// the raw describe bodies so a restart does not describe again; the SQLite
// implementation is in catalog/sqlitestore, kept apart so that importing
// catalog does not pull in a database.
package catalog
