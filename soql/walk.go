package soql

import "reflect"

// Visitor's Visit is called for each node Walk meets; if it returns a non-nil
// Visitor w, Walk visits the node's children with w, then calls w.Visit(nil).
type Visitor interface {
	Visit(n Node) (w Visitor)
}

// Walk traverses the tree rooted at n depth-first, in source order. It
// descends into child subqueries, semi-join subqueries, TYPEOF field lists,
// the WITH clause and every expression. Select and ORDER BY items are not
// nodes themselves: Walk visits their expressions.
func Walk(v Visitor, n Node) {
	if v = v.Visit(n); v == nil {
		return
	}
	switch n := n.(type) {
	case *Query:
		for _, it := range n.Select {
			walkIf(v, it.Expr)
		}
		walkIf(v, n.Where)
		walkIf(v, n.With)
		walkIf(v, n.GroupBy)
		walkIf(v, n.Having)
		for _, o := range n.OrderBy {
			walkIf(v, o.Expr)
		}
	case *FuncCall:
		for _, a := range n.Args {
			walkIf(v, a)
		}
	case *SubQuery:
		walkIf(v, n.Query)
	case *TypeOf:
		for _, w := range n.Whens {
			for _, f := range w.Fields {
				walkIf(v, f)
			}
		}
		for _, f := range n.Else {
			walkIf(v, f)
		}
	case *WithClause:
		for _, p := range n.Params {
			walkIf(v, p.Value)
		}
	case *GroupBy:
		for _, f := range n.Fields {
			walkIf(v, f)
		}
	case *And:
		walkIf(v, n.Left)
		walkIf(v, n.Right)
	case *Or:
		walkIf(v, n.Left)
		walkIf(v, n.Right)
	case *Not:
		walkIf(v, n.X)
	case *Comparison:
		walkIf(v, n.Left)
		walkIf(v, n.Right)
	case *In:
		walkIf(v, n.Left)
		for _, x := range n.Values {
			walkIf(v, x)
		}
		walkIf(v, n.Sub)
	case *Includes:
		walkIf(v, n.Left)
		for _, x := range n.Values {
			walkIf(v, x)
		}
	}
	v.Visit(nil)
}

// walkIf walks n unless it is a nil interface or a typed nil pointer.
func walkIf(v Visitor, n Node) {
	if n == nil || isNilNode(n) {
		return
	}
	Walk(v, n)
}

func isNilNode(n Node) bool {
	v := reflect.ValueOf(n)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

type inspector func(Node) bool

func (f inspector) Visit(n Node) Visitor {
	if f(n) {
		return f
	}
	return nil
}

// Inspect traverses the tree like Walk, calling f(n) for each node; when f
// returns false the node's children are skipped. f(nil) ends each node whose
// children were visited.
func Inspect(n Node, f func(Node) bool) {
	Walk(inspector(f), n)
}
