package soql

// String returns the canonical SOQL text of q.
func (q *Query) String() string {
	return string(AppendQuery(nil, q))
}

// AppendQuery appends the canonical SOQL text of q to dst.
func AppendQuery(dst []byte, q *Query) []byte {
	return dst // TODO(soql): printer lands in the next commit.
}
