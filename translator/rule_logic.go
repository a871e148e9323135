package translator

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/soqlgate/soqlgate/soql"
)

// ruleConstant folds TRUE / FALSE.
func ruleConstant(b *builder, c *pctx, n *pg.Node) (pushResult, bool, error) {
	k, ok := n.Node.(*pg.Node_AConst)
	if !ok {
		return pushResult{}, false, nil
	}
	if bv, ok := k.AConst.Val.(*pg.A_Const_Boolval); ok {
		if bv.Boolval.Boolval {
			return pushResult{constant: 1, exact: true}, true, nil
		}
		return pushResult{constant: -1, exact: true}, true, nil
	}
	return local("constant"), true, nil
}

// ruleAndOr pushes AND (any pushable part: a superset) and OR (all parts).
func ruleAndOr(b *builder, c *pctx, n *pg.Node) (pushResult, bool, error) {
	be, ok := n.Node.(*pg.Node_BoolExpr)
	if !ok || be.BoolExpr.Boolop == pg.BoolExprType_NOT_EXPR {
		return pushResult{}, false, nil
	}
	isAnd := be.BoolExpr.Boolop == pg.BoolExprType_AND_EXPR
	top := c.top
	c.top = false
	defer func() { c.top = top }()
	var parts []soql.Expr
	exact := true
	for _, a := range be.BoolExpr.Args {
		r, err := b.push(c, a)
		if err != nil {
			return pushResult{}, true, err
		}
		switch {
		case r.constant == -1 && isAnd, r.constant == 1 && !isAnd:
			return pushResult{constant: r.constant, exact: r.exact}, true, nil
		case r.constant != 0:
			exact = exact && r.exact
			continue
		case r.expr == nil:
			if !isAnd {
				return local(r.why), true, nil
			}
			exact = false
			continue
		}
		exact = exact && r.exact
		parts = append(parts, r.expr)
	}
	if len(parts) == 0 {
		if exact {
			if isAnd {
				return pushResult{constant: 1, exact: true}, true, nil
			}
			return pushResult{constant: -1, exact: true}, true, nil
		}
		return local("no part of the condition can be sent"), true, nil
	}
	join := soql.OrAll
	if isAnd {
		join = soql.AndAll
	}
	return pushResult{expr: join(parts...), exact: exact}, true, nil
}

// ruleNot pushes NOT over an exact condition. Under PostgreSQL semantics
// the result is a superset (SOQL's NOT keeps rows whose field is null,
// SQL's drops them) and is rechecked.
func ruleNot(b *builder, c *pctx, n *pg.Node) (pushResult, bool, error) {
	be, ok := n.Node.(*pg.Node_BoolExpr)
	if !ok || be.BoolExpr.Boolop != pg.BoolExprType_NOT_EXPR {
		return pushResult{}, false, nil
	}
	top := c.top
	c.top = false
	defer func() { c.top = top }()
	r, err := b.push(c, be.BoolExpr.Args[0])
	if err != nil {
		return pushResult{}, true, err
	}
	switch {
	case r.constant != 0 && r.exact:
		return pushResult{constant: -r.constant, exact: true}, true, nil
	case r.expr == nil || r.constant != 0:
		return local(orWhy(r.why, "NOT over a condition that cannot be sent")), true, nil
	case !r.exact:
		return local("NOT over a condition Salesforce evaluates differently (" + orWhy(r.why, "case-insensitive") + ")"), true, nil
	}
	if cmp, ok := r.expr.(*soql.Comparison); ok {
		if f, isRef := cmp.Left.(*soql.FieldRef); isRef && len(f.Path) > 1 {
			return pushResult{expr: &soql.Not{X: r.expr}, exact: !b.s.strict()}, true, nil
		}
		if _, isBool := cmp.Right.(*soql.BoolLit); isBool {
			// Booleans are never null in Salesforce: NOT is exact.
			return pushResult{expr: &soql.Not{X: r.expr}, exact: true}, true, nil
		}
	}
	if in, ok := r.expr.(*soql.In); ok && !in.Not {
		cp := *in
		cp.Not = true
		// An Id is never null: NOT over a semi-join on it is exact.
		f, _ := in.Left.(*soql.FieldRef)
		idLeft := in.Sub != nil && f != nil && len(f.Path) == 1 && strings.EqualFold(f.Path[0], "Id")
		return pushResult{expr: &cp, exact: !b.s.strict() || idLeft}, true, nil
	}
	return pushResult{expr: &soql.Not{X: r.expr}, exact: !b.s.strict()}, true, nil
}
