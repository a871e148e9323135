package sfapi

import (
	"bytes"
	"encoding/json"
	"strings"
)

// column is one output column: a field path into the record, or a child
// subquery whose rows are kept as a nested *RowSet.
type column struct {
	name string   // dotted path, canonical spelling once seen in a response
	path []string // keys from the record down to the value
	sub  []column // non-nil for a child subquery
	// resolved is true once name took the response's spelling.
	resolved bool
}

// RowSet is the result of a child subquery inside one row: every child
// row (further pages already fetched), flattened like the outer rows.
type RowSet struct {
	Columns   []string
	Rows      [][]any
	TotalSize int
}

func columnsFromItems(items []selectItem) []column {
	cols := make([]column, len(items))
	for i, it := range items {
		cols[i] = column{name: strings.Join(it.path, "."), path: it.path}
		if it.sub != nil {
			cols[i].sub = columnsFromItems(it.sub)
		}
	}
	return cols
}

func columnsFromNames(names []string) []column {
	cols := make([]column, len(names))
	for i, n := range names {
		cols[i] = column{name: n, path: strings.Split(n, ".")}
	}
	return cols
}

func columnNames(cols []column) []string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.name
	}
	return names
}

// lookup returns m's entry for key, exactly or else case-insensitively,
// with the key as the response spells it.
func lookup(m map[string]any, key string) (any, string, bool) {
	if v, ok := m[key]; ok {
		return v, key, true
	}
	for k, v := range m {
		if strings.EqualFold(k, key) {
			return v, k, true
		}
	}
	return nil, "", false
}

// value walks path into rec. A null (or missing) parent gives nil.
func (c *column) value(rec map[string]any) any {
	cur := rec
	for i, seg := range c.path {
		v, k, ok := lookup(cur, seg)
		if !ok {
			return nil
		}
		if k != seg {
			c.path[i] = k // remember the response's spelling: exact hits after this
		}
		if i == len(c.path)-1 {
			if !c.resolved {
				c.name, c.resolved = strings.Join(c.path, "."), true
			}
			return v
		}
		next, isMap := v.(map[string]any)
		if !isMap {
			return nil // null parent: every column under it is null
		}
		cur = next
	}
	return nil
}

// flattenRecord turns one decoded record into values in column order.
// Child subqueries with more pages are appended to *pending.
func flattenRecord(rec map[string]any, cols []column, pending *[]pendingChild) []any {
	out := make([]any, len(cols))
	for i := range cols {
		c := &cols[i]
		v := c.value(rec)
		if c.sub != nil {
			v = childRowSet(v, c.sub, pending)
		} else if m, ok := v.(map[string]any); ok {
			delete(m, "attributes") // a whole relationship or compound value: no envelope noise
		}
		out[i] = v
	}
	return out
}

// pendingChild is a child subquery that continues at next.
type pendingChild struct {
	set  *RowSet
	cols []column
	next string
}

func childRowSet(v any, cols []column, pending *[]pendingChild) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v // null: no children
	}
	rs := &RowSet{Columns: columnNames(cols)}
	if n, ok := m["totalSize"].(json.Number); ok {
		if x, err := n.Int64(); err == nil {
			rs.TotalSize = int(x)
		}
	}
	appendChildRecords(rs, m, cols, pending)
	rs.Columns = columnNames(cols)
	return rs
}

func appendChildRecords(rs *RowSet, m map[string]any, cols []column, pending *[]pendingChild) {
	recs, _ := m["records"].([]any)
	for _, r := range recs {
		if rm, ok := r.(map[string]any); ok {
			rs.Rows = append(rs.Rows, flattenRecord(rm, cols, pending))
		}
	}
	if done, _ := m["done"].(bool); !done {
		if next, _ := m["nextRecordsUrl"].(string); next != "" {
			*pending = append(*pending, pendingChild{set: rs, cols: cols, next: next})
		}
	}
}

// shapeColumns derives columns from the first page when the SELECT list
// could not be read: keys in response order (Salesforce writes them in
// SELECT order), nested parents expanded from the first record where they
// are not null, "attributes" dropped, child result sets kept nested.
func shapeColumns(raws []json.RawMessage) []column {
	var cols []column
	for _, raw := range raws {
		mergeShape(&cols, raw, nil)
	}
	return cols
}

// mergeShape adds the columns of one record (or nested object) to cols,
// keeping the order of first appearance.
func mergeShape(cols *[]column, raw json.RawMessage, prefix []string) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return
	}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return
		}
		key, _ := kt.(string)
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return
		}
		if key == "attributes" {
			continue
		}
		path := append(append([]string(nil), prefix...), key)
		name := strings.Join(path, ".")
		v := bytes.TrimSpace(val)
		isObj := len(v) > 0 && v[0] == '{'
		switch {
		case isObj && isQueryResult(v):
			if indexOfColumn(*cols, name) < 0 {
				*cols = append(*cols, column{name: name, path: path, sub: []column{}, resolved: true})
			}
			i := indexOfColumn(*cols, name)
			var qr struct {
				Records []json.RawMessage `json:"records"`
			}
			if json.Unmarshal(v, &qr) == nil {
				sub := (*cols)[i].sub
				for _, r := range qr.Records {
					mergeShape(&sub, r, nil)
				}
				(*cols)[i].sub = sub
			}
		case isObj && isSObject(v):
			// A parent relationship: its fields become dotted columns. If a
			// placeholder for the parent was added from a null, replace it.
			if i := indexOfColumn(*cols, name); i >= 0 && (*cols)[i].sub == nil {
				*cols = append((*cols)[:i], (*cols)[i+1:]...)
				tail := append([]column(nil), (*cols)[i:]...)
				*cols = (*cols)[:i]
				mergeShape(cols, v, path)
				*cols = append(*cols, tail...)
			} else {
				mergeShape(cols, v, path)
			}
		default:
			if !hasColumnUnder(*cols, name) && indexOfColumn(*cols, name) < 0 {
				*cols = append(*cols, column{name: name, path: path, resolved: true})
			}
		}
	}
}

func isQueryResult(v []byte) bool {
	var probe struct {
		Records json.RawMessage `json:"records"`
		Done    *bool           `json:"done"`
	}
	return json.Unmarshal(v, &probe) == nil && probe.Done != nil
}

func isSObject(v []byte) bool {
	var probe struct {
		Attributes json.RawMessage `json:"attributes"`
	}
	return json.Unmarshal(v, &probe) == nil && len(probe.Attributes) > 0
}

func indexOfColumn(cols []column, name string) int {
	for i, c := range cols {
		if c.name == name {
			return i
		}
	}
	return -1
}

func hasColumnUnder(cols []column, name string) bool {
	for _, c := range cols {
		if strings.HasPrefix(c.name, name+".") {
			return true
		}
	}
	return false
}
