package soql

// MaxStatementLength is the longest statement Salesforce accepts, in
// characters.
const MaxStatementLength = 100000

// Parse parses one SOQL statement strictly.
func Parse(text string) (*Query, error) {
	return nil, &ParseError{Message: "soql: parser not implemented yet"} // TODO(soql): next commit.
}
