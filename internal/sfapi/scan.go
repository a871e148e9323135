package sfapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"unicode/utf8"
)

// recordScanner extracts the selected columns from one record's JSON
// bytes without building a map per record: keys are matched against a
// tree built from the column paths, unselected values are skipped, and
// only the values kept are allocated. Child subqueries and compound
// values (rare) go through encoding/json.
type recordScanner struct {
	cols   []column
	root   *selNode
	intern []map[string]any // per column: short strings already boxed
}

// Interning: picklists, names of parents and other short values repeat
// from row to row; one boxed string serves them all, which saves two
// allocations per value and the memory of the copies.
const (
	internMaxLen     = 64
	internMaxEntries = 1024
)

type selNode struct {
	exact map[string]*selEdge
	skip  map[string]bool // keys seen that select nothing
	edges []*selEdge
}

type selEdge struct {
	key   string   // as the response spells it, once seen
	col   int      // column index of a leaf, -1 if none
	child *selNode // fields below a parent relationship
	uses  []colSeg // columns whose path runs through this edge
}

type colSeg struct{ col, depth int }

func newSelNode() *selNode {
	return &selNode{exact: map[string]*selEdge{}, skip: map[string]bool{}}
}

func newRecordScanner(cols []column) *recordScanner {
	s := &recordScanner{cols: cols, root: newSelNode(), intern: make([]map[string]any, len(cols))}
	for ci, c := range cols {
		n := s.root
		for d, seg := range c.path {
			var e *selEdge
			for _, x := range n.edges {
				if strings.EqualFold(x.key, seg) {
					e = x // Account.Name and account.Owner.Name share a parent
					break
				}
			}
			if e == nil {
				e = &selEdge{key: seg, col: -1}
				n.exact[seg] = e
				n.edges = append(n.edges, e)
			}
			e.uses = append(e.uses, colSeg{ci, d})
			if d == len(c.path)-1 {
				e.col = ci
			} else {
				if e.child == nil {
					e.child = newSelNode()
				}
				n = e.child
			}
		}
	}
	return s
}

// find matches a key exactly, else case-insensitively (then the edge and
// the columns through it take the response's spelling).
func (s *recordScanner) find(n *selNode, key []byte) *selEdge {
	if e, ok := n.exact[string(key)]; ok {
		return e
	}
	if n.skip[string(key)] {
		return nil
	}
	k := string(key)
	for _, e := range n.edges {
		if strings.EqualFold(e.key, k) {
			delete(n.exact, e.key)
			e.key = k
			n.exact[k] = e
			for _, u := range e.uses {
				c := &s.cols[u.col]
				c.path[u.depth] = k
				c.name = strings.Join(c.path, ".")
			}
			return e
		}
	}
	n.skip[k] = true
	return nil
}

var errScan = errors.New("sfapi: malformed record JSON")

// record returns the values of one record in column order.
func (s *recordScanner) record(b []byte, pending *[]pendingChild) ([]any, error) {
	out := make([]any, len(s.cols))
	i := skipWS(b, 0)
	if i >= len(b) || b[i] != '{' {
		return nil, errScan
	}
	if _, err := s.object(b, i, s.root, out, pending); err != nil {
		return nil, err
	}
	return out, nil
}

// object scans the object at b[i] ('{'), storing selected values in out.
func (s *recordScanner) object(b []byte, i int, n *selNode, out []any, pending *[]pendingChild) (int, error) {
	i = skipWS(b, i+1)
	if i < len(b) && b[i] == '}' {
		return i + 1, nil
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return 0, errScan
		}
		ks, ke, esc, next := scanString(b, i)
		if next < 0 {
			return 0, errScan
		}
		key := b[ks:ke]
		if esc {
			var k string
			if json.Unmarshal(b[i:next], &k) != nil {
				return 0, errScan
			}
			key = []byte(k)
		}
		i = skipWS(b, next)
		if i >= len(b) || b[i] != ':' {
			return 0, errScan
		}
		i = skipWS(b, i+1)
		var e *selEdge
		if !(len(key) == 10 && string(key) == "attributes") {
			e = s.find(n, key)
		}
		var err error
		switch {
		case e == nil:
			i, err = skipValue(b, i)
		case e.child != nil && i < len(b) && b[i] == '{' && e.col < 0:
			i, err = s.object(b, i, e.child, out, pending)
		case e.col >= 0 && i < len(b) && b[i] == '"':
			var v any
			if v, i, err = s.str(b, i, e.col); err == nil {
				out[e.col] = v
			}
		default:
			var v any
			start := i
			if v, i, err = scalar(b, i); err == nil && v == errComposite {
				v, i, err = s.composite(b, start, e, out, pending)
			}
			if err == nil && e.col >= 0 {
				out[e.col] = v
			}
		}
		if err != nil {
			return 0, err
		}
		i = skipWS(b, i)
		if i >= len(b) {
			return 0, errScan
		}
		if b[i] == '}' {
			return i + 1, nil
		}
		if b[i] != ',' {
			return 0, errScan
		}
		i = skipWS(b, i+1)
	}
}

// str reads the string at b[i] for column col, interned when short.
func (s *recordScanner) str(b []byte, i, col int) (any, int, error) {
	st, en, esc, next := scanString(b, i)
	if next < 0 {
		return nil, 0, errScan
	}
	raw := b[st:en]
	if esc || len(raw) > internMaxLen || !utf8.Valid(raw) {
		return scalar(b, i)
	}
	m := s.intern[col]
	if v, ok := m[string(raw)]; ok {
		return v, next, nil
	}
	v := any(string(raw))
	if m == nil {
		m = map[string]any{}
		s.intern[col] = m
	}
	if len(m) < internMaxEntries {
		m[v.(string)] = v
	}
	return v, next, nil
}

// errComposite is scalar's marker for an object or array value.
var errComposite = &struct{ byte }{}

// composite decodes an object or array value with encoding/json: a child
// subquery (kept as a *RowSet), a compound field, or a parent selected as
// a whole.
func (s *recordScanner) composite(b []byte, i int, e *selEdge, out []any, pending *[]pendingChild) (any, int, error) {
	end, err := skipValue(b, i)
	if err != nil {
		return nil, 0, err
	}
	dec := json.NewDecoder(bytes.NewReader(b[i:end]))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, 0, err
	}
	if e.child != nil {
		if m, ok := v.(map[string]any); ok {
			// Both a column and a parent of columns: fill the ones below too.
			if _, err := s.object(b, i, e.child, out, pending); err != nil {
				return nil, 0, err
			}
			delete(m, "attributes")
		}
	}
	if e.col >= 0 && s.cols[e.col].sub != nil {
		return childRowSet(v, s.cols[e.col].sub, pending), end, nil
	}
	if m, ok := v.(map[string]any); ok && isQueryResultMap(m) {
		// A child subquery named in QueryOptions.Columns: its columns come
		// from its own records.
		var qr struct {
			Records []json.RawMessage `json:"records"`
		}
		if err := json.Unmarshal(b[i:end], &qr); err != nil {
			return nil, 0, err
		}
		return childRowSet(v, shapeColumns(qr.Records), pending), end, nil
	}
	if m, ok := v.(map[string]any); ok {
		delete(m, "attributes")
	}
	return v, end, nil
}

// scalar reads a string, number, boolean or null at b[i]; objects and
// arrays return errComposite as the value.
func scalar(b []byte, i int) (any, int, error) {
	if i >= len(b) {
		return nil, 0, errScan
	}
	switch c := b[i]; {
	case c == '"':
		s, e, esc, next := scanString(b, i)
		if next < 0 {
			return nil, 0, errScan
		}
		if !esc && utf8.Valid(b[s:e]) {
			return string(b[s:e]), next, nil
		}
		// Escapes, or invalid UTF-8 (replaced by U+FFFD as encoding/json does).
		var str string
		if err := json.Unmarshal(b[i:next], &str); err != nil {
			return nil, 0, err
		}
		return str, next, nil
	case c == 't' && bytes.HasPrefix(b[i:], []byte("true")):
		return true, i + 4, nil
	case c == 'f' && bytes.HasPrefix(b[i:], []byte("false")):
		return false, i + 5, nil
	case c == 'n' && bytes.HasPrefix(b[i:], []byte("null")):
		return nil, i + 4, nil
	case c == '-' || (c >= '0' && c <= '9'):
		j := i + 1
		for j < len(b) && (b[j] >= '0' && b[j] <= '9' || b[j] == '.' || b[j] == 'e' || b[j] == 'E' || b[j] == '+' || b[j] == '-') {
			j++
		}
		return json.Number(b[i:j]), j, nil
	case c == '{' || c == '[':
		return errComposite, i, nil
	}
	return nil, 0, errScan
}

// scanString scans the string literal at b[i] ('"'): the content is
// b[start:end]; esc reports backslashes; next is the index after the
// closing quote, -1 if unterminated.
func scanString(b []byte, i int) (start, end int, esc bool, next int) {
	start = i + 1
	j := start
	for {
		k := bytes.IndexByte(b[j:], '"')
		if k < 0 {
			return 0, 0, false, -1
		}
		q := j + k
		bs := bytes.IndexByte(b[j:q], '\\')
		if bs < 0 {
			return start, q, esc, q + 1
		}
		// Walk the escapes: the quote at q closes the string unless the
		// walk steps over it as an escaped character.
		esc = true
		p := j + bs
		for p < q {
			if b[p] == '\\' {
				p += 2
			} else {
				p++
			}
		}
		if p == q {
			return start, q, esc, q + 1
		}
		j = p
		if j > len(b) {
			return 0, 0, false, -1
		}
	}
}

// skipValue returns the index after the JSON value at b[i].
func skipValue(b []byte, i int) (int, error) {
	if i >= len(b) {
		return 0, errScan
	}
	switch b[i] {
	case '"':
		_, _, _, next := scanString(b, i)
		if next < 0 {
			return 0, errScan
		}
		return next, nil
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				_, _, _, next := scanString(b, j)
				if next < 0 {
					return 0, errScan
				}
				j = next - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, nil
				}
			}
		}
		return 0, errScan
	}
	_, next, err := scalar(b, i)
	return next, err
}

func skipWS(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
		i++
	}
	return i
}

// isQueryResultMap reports a decoded query result envelope.
func isQueryResultMap(m map[string]any) bool {
	_, done := m["done"].(bool)
	_, recs := m["records"]
	_, total := m["totalSize"]
	return done && recs && total
}
