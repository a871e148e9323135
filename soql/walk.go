package soql

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
		if n.Where != nil {
			Walk(v, n.Where)
		}
		if n.With != nil {
			Walk(v, n.With)
		}
		if n.GroupBy != nil {
			Walk(v, n.GroupBy)
		}
		if n.Having != nil {
			Walk(v, n.Having)
		}
		for _, o := range n.OrderBy {
			walkIf(v, o.Expr)
		}
	case *FuncCall:
		for _, a := range n.Args {
			walkIf(v, a)
		}
	case *SubQuery:
		if n.Query != nil {
			Walk(v, n.Query)
		}
	case *TypeOf:
		for _, w := range n.Whens {
			for _, f := range w.Fields {
				Walk(v, f)
			}
		}
		for _, f := range n.Else {
			Walk(v, f)
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
		if n.Sub != nil {
			Walk(v, n.Sub)
		}
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
	switch n := n.(type) {
	case *Query:
		return n == nil
	case *FieldRef:
		return n == nil
	case *FuncCall:
		return n == nil
	case *SubQuery:
		return n == nil
	case *TypeOf:
		return n == nil
	case *Fields:
		return n == nil
	}
	return false
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
