// Package sqlitestore keeps raw describe bodies in a SQLite file (pure Go,
// modernc.org/sqlite) so that a restarted soqlgate does not describe every
// object again. It implements catalog.Store; freshness (the TTL) is the
// catalog.Cache's decision, this package only stores and returns bodies with
// the time they were fetched.
//
// Several processes may share one file: writes are single statements and
// the database runs in WAL mode with a busy timeout.
package sqlitestore
