package emulator

import (
	"strconv"

	"github.com/shopspring/decimal"
)

// This file turns result rows into REST query JSON: keys in SELECT order,
// names in describe casing, "attributes" on every record and parent object,
// parent objects null when the lookup is empty, child results null when there
// are no children, values rendered per the field's describe type (spec §0.4).

type nodeKind int

const (
	nodeValue    nodeKind = iota // a field value
	nodeParent                   // a child-to-parent relationship object
	nodeChild                    // a parent-to-child subquery result
	nodeCompound                 // an address or location value
)

// recordShape describes one record level: the root record or a parent object.
type recordShape struct {
	typeName string // the sObject type, "" when typeCol names it (polymorphic)
	typeCol  int    // -1 unless polymorphic
	idCol    int
	nodes    []*memberShape
	// byType and elseNodes replace nodes for a TYPEOF: the members of the
	// WHEN branch of the record's type, else those of the ELSE branch.
	byType    map[string][]*memberShape
	elseNodes []*memberShape
}

// memberShape is one member of a record.
type memberShape struct {
	kind  nodeKind
	key   string
	col   int
	f     *field         // describe of the value (a synthetic one for aggregates)
	obj   *recordShape   // nodeParent
	owner *sobject       // nodeCompound: the object holding the components
	parts map[string]int // nodeCompound: component name → column
	child int            // nodeChild: index into queryPlan.children
}

// recordWriter renders records of one plan for one API version.
type recordWriter struct {
	version string // "v58.0"
	// children[i][parentID] holds the rendered child QueryResult of
	// plan.children[i] for a parent, absent when it has no children.
	children []map[string][]byte
}

// appendRecord renders a record row of a record query.
func (w *recordWriter) appendRecord(b []byte, obj *recordShape, row []any) []byte {
	typeName := obj.typeName
	if obj.typeCol >= 0 {
		typeName = asString(row[obj.typeCol])
	}
	id := asString(row[obj.idCol])
	url := "/services/data/" + w.version + "/sobjects/" + typeName + "/" + id
	b = append(b, `{"attributes":{"type":`...)
	b = appendJSONString(b, typeName)
	b = append(b, `,"url":`...)
	b = appendJSONString(b, url)
	b = append(b, '}')
	nodes := obj.nodes
	if obj.byType != nil {
		var ok bool
		if nodes, ok = obj.byType[typeName]; !ok {
			nodes = obj.elseNodes
		}
	}
	for _, n := range nodes {
		b = append(b, ',')
		b = appendJSONString(b, n.key)
		b = append(b, ':')
		switch n.kind {
		case nodeValue:
			b = appendValue(b, n.f, atScale(n.f, row[n.col]), url)
		case nodeParent:
			if row[n.obj.idCol] == nil {
				b = append(b, "null"...)
			} else {
				b = w.appendRecord(b, n.obj, row)
			}
		case nodeChild:
			if sub, ok := w.children[n.child][id]; ok {
				b = append(b, sub...)
			} else {
				b = append(b, "null"...)
			}
		case nodeCompound:
			b = appendCompound(b, n.owner, n.f, func(c *field) any {
				if i, ok := n.parts[c.Name]; ok {
					return atScale(c, row[i])
				}
				return nil
			})
		}
	}
	return append(b, '}')
}

// appendAggregate renders an AggregateResult row.
func appendAggregate(b []byte, nodes []*memberShape, row []any) []byte {
	b = append(b, `{"attributes":{"type":"AggregateResult"}`...)
	for _, n := range nodes {
		b = append(b, ',')
		b = appendJSONString(b, n.key)
		b = append(b, ':')
		b = appendValue(b, n.f, atScale(n.f, row[n.col]), "")
	}
	return append(b, '}')
}

// atScale rounds a stored double, currency or percent to the field's scale:
// Salesforce keeps numbers at their scale, so float64 noise in storage
// (4.424799999999999 for 4.4248 at scale 4) never reaches the wire.
func atScale(f *field, v any) any {
	x, ok := v.(float64)
	if !ok || f.Scale <= 0 {
		return v
	}
	switch f.Type {
	case "double", "currency", "percent":
		return decimal.NewFromFloat(x).Round(int32(f.Scale)).InexactFloat64()
	}
	return v
}

func asString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []byte:
		return string(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return ""
}

// prettyJSON re-indents compact JSON the way Jackson's default pretty printer
// does (what X-PrettyPrint: 1 gives): objects one member a line with
// `"key" : value` and two-space indents, arrays inline as `[ a, b ]`, empty
// containers `[ ]` and `{ }`.
func prettyJSON(compact []byte) []byte {
	out := make([]byte, 0, len(compact)+len(compact)/2)
	depth := 0
	// stack of container kinds: '{' or '['.
	var stack []byte
	newline := func() {
		out = append(out, '\n')
		for i := 0; i < depth; i++ {
			out = append(out, ' ', ' ')
		}
	}
	for i := 0; i < len(compact); i++ {
		c := compact[i]
		switch c {
		case '"':
			j := i + 1
			for j < len(compact) && compact[j] != '"' {
				if compact[j] == '\\' {
					j++
				}
				j++
			}
			out = append(out, compact[i:j+1]...)
			i = j
		case '{', '[':
			if i+1 < len(compact) && (compact[i+1] == '}' || compact[i+1] == ']') {
				out = append(out, c, ' ', compact[i+1])
				i++
				continue
			}
			stack = append(stack, c)
			out = append(out, c)
			if c == '{' {
				depth++
				newline()
			} else {
				out = append(out, ' ')
			}
		case '}', ']':
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if top == '{' {
				depth--
				newline()
			} else {
				out = append(out, ' ')
			}
			out = append(out, c)
		case ',':
			out = append(out, ',')
			if stack[len(stack)-1] == '{' {
				newline()
			} else {
				out = append(out, ' ')
			}
		case ':':
			out = append(out, ' ', ':', ' ')
		default:
			out = append(out, c)
		}
	}
	return out
}
