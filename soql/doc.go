// Package soql is the SOQL codec of soqlgate: the abstract syntax tree of a
// SOQL statement, a strict parser that rejects what Salesforce rejects at
// parse level (with Salesforce's "ERROR at Row:r:Column:c" messages), a
// canonical printer, and AppendLiteral, the one place a Go value becomes SOQL
// literal text.
//
// The package has no dependencies inside the module (layer 0). It knows the
// grammar only: whether a field exists, what type it has, or whether an alias
// is legal on a non-aggregate select item are semantic questions answered by
// the callers that hold a describe (the emulator, the translator).
//
// Round trip: for every statement s that Parse accepts,
// Parse(Parse(s).String()) yields the same tree (positions aside), and the
// printed text is a fixed point of print∘parse. Redundant parentheses are not
// kept in the tree; the printer re-adds the ones the grammar needs (AND inside
// OR, OR inside AND, right-nested chains, NOT operands).
package soql
