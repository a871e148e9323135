// Package soql is the SOQL codec of soqlgate: the abstract syntax tree of a
// SOQL statement, a strict parser that rejects what Salesforce rejects at
// parse level (with Salesforce's "ERROR at Row:r:Column:c" messages), a
// canonical printer, and AppendLiteral, the one place a Go value becomes SOQL
// literal text.
//
// The package has no dependencies inside the module (layer 0). It knows the
// grammar only: whether a field exists, what type it has, whether an alias
// is legal on a non-aggregate select item, or whether a clause combination
// is allowed (COUNT() with ORDER BY, OFFSET over 2,000, semi-join limits) are
// semantic questions answered by the callers that hold a describe (the
// emulator, the translator). NewParseError gives those checks the same
// message preamble.
//
// # Round trip
//
// For every statement s that Parse accepts, Parse(Parse(s).String()) yields
// the same tree (positions aside), and the printed text is a fixed point of
// print∘parse; FuzzParse checks both. Redundant parentheses are not kept in
// the tree; the printer re-adds the ones the grammar needs (OR under AND, AND
// under OR, right-nested chains) and always writes NOT (…).
//
// # Errors
//
// Parse returns a *ParseError whose Error() is the text Salesforce puts in a
// MALFORMED_QUERY message: the offending row, a caret, "ERROR at Row:r:Column:c"
// and a message. Recorded messages reproduced: "unexpected token: '*'" (and
// any other token, keyword or "<EOF>"), the caret preamble. Messages whose
// exact wording is not confirmed against an org are "Unknown function: X",
// "Bind variables only allowed in Apex code", "Invalid string literal …
// Illegal character sequence '\s' in string literal.", the unterminated
// string's "line r:c mismatched character '<EOF>' expecting" message, the
// column of <EOF> (just past the last character), and
// "SOQL statements cannot be longer than 100,000 characters.".
package soql
