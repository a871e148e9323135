// Package archtest holds the test that keeps the package layering of
// design/ARCHITECTURE.md true: each package imports only the in-module
// packages its layer allows. It has no code of its own.
package archtest
