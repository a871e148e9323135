// Package cases holds the conformance case tables, grouped by topic, one
// file per topic. Expected values are exact and come from the emulator's
// demo data (emulator/seed_demo.go); each table says where its numbers come
// from.
package cases
