// Package clients runs real, unchanged Salesforce client libraries against
// the local org (package emulator, demo data) and checks what they return.
//
// jsforce (npm, pinned in jsforce/package.json and jsforce/package-lock.json)
// is driven by small node scripts in jsforce/, one per area: login (SOAP,
// OAuth 2.0 password, client credentials, JWT bearer, refresh token,
// re-login after expiry), query (pages, queryMore, autoFetch, queryAll,
// relationships, aggregates, value types), describe (describeGlobal,
// describe, retrieve, limits), bulk (Bulk API 2.0 and 1.0 query jobs),
// analytics (reports) and errors. Each script prints one JSON object of
// facts; TestJSForce starts a fresh org under httptest for each, runs the
// script with the org's URL and the demo credentials in the environment and
// compares the facts with exact expectations derived from the demo data
// (emulator/seed_demo.go, emulator/seed_scale.go).
//
// The scripts need node (18 or later) and `npm ci --prefix
// conformance/clients/jsforce`. Without them the test skips, saying why;
// with CI=true it fails instead (bash .ci/run installs both).
//
// simple-salesforce, the Python client, is not covered: it comes from PyPI
// only (Debian 12 has no python3-simple-salesforce package).
package clients
