package soql

import (
	"strconv"
	"strings"
)

// ParseError is a statement Salesforce would reject with MALFORMED_QUERY.
// Row and Column are 1-based (Column counts characters in the row) and point
// at the offending token; both are 0 for errors about the statement as a
// whole (its length). Token is the offending token as quoted in the message
// ("'*'", or "<EOF>"), empty when the message names no token.
type ParseError struct {
	Row, Column int
	Token       string
	Message     string // the last line of Error(), e.g. "unexpected token: '*'"
	// Query is the statement text; Error() quotes its offending row.
	Query string
}

// NewParseError returns an error at pos of query with Salesforce's preamble,
// for checks made after parsing that Salesforce reports the same way
// ("only aggregate expressions use field aliasing", "No such column …").
// The zero Pos gives an error without preamble.
func NewParseError(query string, pos Pos, message string) *ParseError {
	return &ParseError{Row: pos.Row, Column: pos.Col, Message: message, Query: query}
}

// Error returns Salesforce's MALFORMED_QUERY message text:
// "\n<row text>\n<spaces>^\nERROR at Row:r:Column:c\n<message>". Only the
// offending row is quoted, so a one-line statement is quoted whole.
func (e *ParseError) Error() string {
	if e.Row == 0 {
		return e.Message
	}
	line := e.Query
	for i := 1; i < e.Row; i++ {
		j := strings.IndexByte(line, '\n')
		if j < 0 {
			line = ""
			break
		}
		line = line[j+1:]
	}
	if j := strings.IndexByte(line, '\n'); j >= 0 {
		line = line[:j]
	}
	line = strings.TrimSuffix(line, "\r")
	var b strings.Builder
	b.WriteByte('\n')
	b.WriteString(line)
	b.WriteByte('\n')
	for i := 1; i < e.Column; i++ {
		b.WriteByte(' ')
	}
	b.WriteString("^\nERROR at Row:")
	b.WriteString(strconv.Itoa(e.Row))
	b.WriteString(":Column:")
	b.WriteString(strconv.Itoa(e.Column))
	b.WriteByte('\n')
	b.WriteString(e.Message)
	return b.String()
}

// UnsupportedArgError is returned by AppendLiteral for a value it cannot
// write as a SOQL literal. It names the Go type, never the value (the value
// may be a secret).
type UnsupportedArgError struct {
	Type   string // the Go type, as %T prints it
	Reason string // why, when the type itself is supported ("NaN", "invalid UTF-8")
}

func (e *UnsupportedArgError) Error() string {
	if e.Reason != "" {
		return "soql: cannot write " + e.Type + " as a literal: " + e.Reason
	}
	return "soql: unsupported literal argument of type " + e.Type
}
