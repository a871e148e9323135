package soql

// Helpers for code that builds or splits conditions (the translator's
// pushdown joins its conditions with AndAll and OrAll).

// Conjuncts returns the operands of a chain of AND, left to right, however
// it is nested: a AND (b AND c) gives [a b c]. A nil e gives nil; any other
// expression gives itself.
func Conjuncts(e Expr) []Expr { return flatten(e, true, nil) }

// Disjuncts is Conjuncts for OR.
func Disjuncts(e Expr) []Expr { return flatten(e, false, nil) }

func flatten(e Expr, and bool, dst []Expr) []Expr {
	switch x := e.(type) {
	case nil:
		return dst
	case *And:
		if and {
			return flatten(x.Right, and, flatten(x.Left, and, dst))
		}
	case *Or:
		if !and {
			return flatten(x.Right, and, flatten(x.Left, and, dst))
		}
	}
	return append(dst, e)
}

// AndAll joins es with AND, left-associated as the parser builds it; nil
// entries are skipped, and no operand gives nil.
func AndAll(es ...Expr) Expr {
	return join(es, func(l, r Expr) Expr { return &And{Left: l, Right: r, Pos: l.Position()} })
}

// OrAll joins es with OR like AndAll.
func OrAll(es ...Expr) Expr {
	return join(es, func(l, r Expr) Expr { return &Or{Left: l, Right: r, Pos: l.Position()} })
}

func join(es []Expr, mk func(l, r Expr) Expr) Expr {
	var out Expr
	for _, e := range es {
		switch {
		case e == nil:
		case out == nil:
			out = e
		default:
			out = mk(out, e)
		}
	}
	return out
}
