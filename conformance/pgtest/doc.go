// Package pgtest starts a throw-away PostgreSQL 15 server for tests: initdb
// into a temporary directory, listening on 127.0.0.1 only on a free port,
// trust authentication, fsync off, time zone UTC, the C.UTF-8 locale
// (byte-wise text order, as internal/localsql implements it). The server is
// stopped and its directory removed when the test (or the caller) is done.
//
// PostgreSQL refuses to run as root, so when the tests run as root (as CI
// does) initdb and the server run as the "postgres" OS user through
// runuser.
//
// Need gives a test its own server; Shared gives every test of the binary
// one server (each test then makes its own database with CreateDatabase),
// stopped by StopShared from TestMain.
//
// When the server binaries are absent, Need fails the test with the reason
// if CI=true (CI installs PostgreSQL: .ci/run) and skips it with the reason
// otherwise, so a developer without PostgreSQL still runs everything else.
package pgtest
