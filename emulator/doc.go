// Package emulator is the local org: an http.Handler that speaks the
// Salesforce APIs soqlgate uses — SOAP partner login(), the OAuth 2.0 token
// endpoint, the REST versions / resources / limits / describe / retrieve /
// query / queryAll resources — backed by an SQLite database
// (modernc.org/sqlite, pure Go).
//
// It is strict where Salesforce is strict: unknown paths answer 404
// NOT_FOUND, wrong methods 405 METHOD_NOT_ALLOWED, retired API versions 410,
// a missing or expired session 401 INVALID_SESSION_ID, and every response
// carries the Content-Type and Sforce-Limit-Info real clients parse. What it
// does not implement fails loudly (501 NOT_IMPLEMENTED), never silently.
//
// Describe documents are data (describes/*.json, embedded), shaped like the
// describes recorded from a real org; tables follow them one to one. The demo
// org (Options.Seed "demo") is deterministic. Tests drive failures through the
// knobs (latency, forced page size, session lifetime, daily API limit,
// injected faults) and read the per-endpoint request counters, in Go or over
// /__emulator/ for out-of-process tests.
//
// The emulator meets the rest of soqlgate only over HTTP: it never imports
// translator, engine, sfapi, catalog, driver or gateway (it parses SOQL with
// package soql only), so it cannot share a bug with the system it tests.
package emulator
