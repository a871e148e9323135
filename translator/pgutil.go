package translator

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v5"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// Small helpers over pg_query's tree.

func strOf(n *pg.Node) string {
	if s, ok := n.Node.(*pg.Node_String_); ok {
		return s.String_.Sval
	}
	return ""
}

// opName is an operator's name without schema: "=", "<>", "~~".
func opName(names []*pg.Node) string {
	if len(names) == 0 {
		return ""
	}
	return strOf(names[len(names)-1])
}

// funcName is a function's name, lower case, without schema.
func funcName(f *pg.FuncCall) string {
	if len(f.Funcname) == 0 {
		return ""
	}
	return strings.ToLower(strOf(f.Funcname[len(f.Funcname)-1]))
}

// typeName is a type's name without the pg_catalog schema.
func typeName(t *pg.TypeName) string {
	if t == nil || len(t.Names) == 0 {
		return ""
	}
	return strings.ToLower(strOf(t.Names[len(t.Names)-1]))
}

// columnName returns the single name of a one-part column reference.
func columnName(n *pg.Node) string {
	if c, ok := n.Node.(*pg.Node_ColumnRef); ok && len(c.ColumnRef.Fields) == 1 {
		return strOf(c.ColumnRef.Fields[0])
	}
	return ""
}

// conjuncts splits an AND tree into its parts.
func conjuncts(n *pg.Node) []*pg.Node {
	if n == nil {
		return nil
	}
	if be, ok := n.Node.(*pg.Node_BoolExpr); ok && be.BoolExpr.Boolop == pg.BoolExprType_AND_EXPR {
		var out []*pg.Node
		for _, a := range be.BoolExpr.Args {
			out = append(out, conjuncts(a)...)
		}
		return out
	}
	return []*pg.Node{n}
}

// andOf joins conjuncts back into one node (nil when there are none).
func andOf(parts []*pg.Node) *pg.Node {
	switch len(parts) {
	case 0:
		return nil
	case 1:
		return parts[0]
	}
	return &pg.Node{Node: &pg.Node_BoolExpr{BoolExpr: &pg.BoolExpr{Boolop: pg.BoolExprType_AND_EXPR, Args: parts, Location: -1}}}
}

var nodeDesc = (&pg.Node{}).ProtoReflect().Descriptor()

// walkNodes calls fn for every *pg.Node under m, depth first, parents
// before children; fn returning false skips the node's children.
func walkNodes(m proto.Message, fn func(*pg.Node) bool) {
	if n, ok := m.(*pg.Node); ok {
		walkNode(n, fn)
		return
	}
	walkMsg(m.ProtoReflect(), fn)
}

// walkNode is walkNodes with the common expression nodes walked directly
// (protobuf reflection is several times slower); other nodes fall back to
// reflection. Children are visited in declaration order either way.
func walkNode(n *pg.Node, fn func(*pg.Node) bool) {
	if n == nil || n.Node == nil {
		return
	}
	if !fn(n) {
		return
	}
	list := func(ns []*pg.Node) {
		for _, c := range ns {
			walkNode(c, fn)
		}
	}
	switch x := n.Node.(type) {
	case *pg.Node_ColumnRef, *pg.Node_AConst, *pg.Node_ParamRef, *pg.Node_String_, *pg.Node_AStar, *pg.Node_SqlvalueFunction:
	case *pg.Node_AExpr:
		list(x.AExpr.Name)
		walkNode(x.AExpr.Lexpr, fn)
		walkNode(x.AExpr.Rexpr, fn)
	case *pg.Node_BoolExpr:
		list(x.BoolExpr.Args)
	case *pg.Node_NullTest:
		walkNode(x.NullTest.Arg, fn)
	case *pg.Node_BooleanTest:
		walkNode(x.BooleanTest.Arg, fn)
	case *pg.Node_List:
		list(x.List.Items)
	case *pg.Node_ResTarget:
		list(x.ResTarget.Indirection)
		walkNode(x.ResTarget.Val, fn)
	case *pg.Node_SortBy:
		walkNode(x.SortBy.Node, fn)
		list(x.SortBy.UseOp)
	case *pg.Node_TypeCast:
		walkNode(x.TypeCast.Arg, fn)
		if x.TypeCast.TypeName != nil {
			walkMsg(x.TypeCast.TypeName.ProtoReflect(), fn)
		}
	case *pg.Node_FuncCall:
		if x.FuncCall.Over != nil || x.FuncCall.AggFilter != nil || len(x.FuncCall.AggOrder) > 0 {
			walkMsg(x.FuncCall.ProtoReflect(), fn)
			return
		}
		list(x.FuncCall.Funcname)
		list(x.FuncCall.Args)
	default:
		walkMsg(n.ProtoReflect(), func(c *pg.Node) bool {
			if c == n {
				return true
			}
			walkNode(c, fn)
			return false
		})
	}
}

func walkMsg(m protoreflect.Message, fn func(*pg.Node) bool) {
	desc := m.Descriptor()
	if desc == nodeDesc {
		n := m.Interface().(*pg.Node)
		if !fn(n) {
			return
		}
		// A Node is a oneof: visit the set member only.
		if od := desc.Oneofs().Get(0); od != nil {
			if fd := m.WhichOneof(od); fd != nil && fd.Kind() == protoreflect.MessageKind {
				walkMsg(m.Get(fd).Message(), fn)
			}
		}
		return
	}
	// Fields in declaration order (Range's order is unspecified, and the
	// order columns are met in is the order of the SOQL select list).
	fields := desc.Fields()
	for i := 0; i < fields.Len(); i++ {
		fd := fields.Get(i)
		if fd.Kind() != protoreflect.MessageKind || fd.IsMap() || !m.Has(fd) {
			continue
		}
		v := m.Get(fd)
		if fd.IsList() {
			l := v.List()
			for j := 0; j < l.Len(); j++ {
				walkMsg(l.Get(j).Message(), fn)
			}
			continue
		}
		walkMsg(v.Message(), fn)
	}
}

// collectRangeVars calls fn for every table reference under n.
func collectRangeVars(n *pg.Node, fn func(*pg.RangeVar)) {
	if n == nil {
		return
	}
	walkNodes(n, func(x *pg.Node) bool {
		if rv, ok := x.Node.(*pg.Node_RangeVar); ok {
			fn(rv.RangeVar)
		}
		return true
	})
}

func cloneList(ns []*pg.Node) []*pg.Node {
	if ns == nil {
		return nil
	}
	out := make([]*pg.Node, len(ns))
	for i, n := range ns {
		out[i] = cloneNode(n)
	}
	return out
}

func colRefNode(fields ...string) *pg.Node {
	fs := make([]*pg.Node, len(fields))
	for i, f := range fields {
		fs[i] = pg.MakeStrNode(f)
	}
	return &pg.Node{Node: &pg.Node_ColumnRef{ColumnRef: &pg.ColumnRef{Fields: fs, Location: -1}}}
}

// deparse prints a SELECT as PostgreSQL text.
func deparse(sel *pg.SelectStmt) (string, error) {
	tree := &pg.ParseResult{Stmts: []*pg.RawStmt{{Stmt: &pg.Node{Node: &pg.Node_SelectStmt{SelectStmt: sel}}}}}
	return pg.Deparse(tree)
}
