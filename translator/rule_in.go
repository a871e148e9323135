package translator

import (
	"unicode/utf8"

	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/soql"
)

// ruleIn: IN / NOT IN over literals; INCLUDES / EXCLUDES on multi-select
// picklists; long lists are chunked when the IN is a whole conjunct.
func ruleIn(b *builder, c *pctx, n *pg.Node) (pushResult, bool, error) {
	ae, ok := n.Node.(*pg.Node_AExpr)
	if !ok || ae.AExpr.Kind != pg.A_Expr_Kind_AEXPR_IN {
		return pushResult{}, false, nil
	}
	not := opName(ae.AExpr.Name) == "<>"
	if c.having && isAggCall(ae.AExpr.Lexpr) {
		return b.aggregateIn(c, ae.AExpr, not)
	}
	ref, why, err := b.column(c, ae.AExpr.Lexpr)
	if err != nil || ref == nil {
		return local(orWhy(why, "IN over an expression")), true, err
	}
	list, ok := ae.AExpr.Rexpr.Node.(*pg.Node_List)
	if !ok {
		return local("IN over a non-list"), true, nil
	}
	f := ref.field
	strict := b.s.strict()
	exact, sawEmpty := true, false
	var vals []soql.Expr
	for _, item := range list.List.Items {
		v, isConst, err := b.constant(item)
		if err != nil {
			return pushResult{}, true, err
		}
		if !isConst {
			return local("IN list with a non-constant value"), true, nil
		}
		if v.kind == vNull {
			if not {
				return pushResult{constant: -1, exact: true}, true, nil // x NOT IN (…, NULL) is never true
			}
			continue
		}
		if strict && emptyText(f, v) {
			sawEmpty = true
			continue // never equal: Salesforce stores no empty strings
		}
		if folds(f, v) {
			exact = false
		}
		lit, err := b.fieldLiteral(f, v)
		if err != nil {
			return pushResult{}, true, err
		}
		if tooLongString(lit) {
			return local("a string longer than Salesforce's 4,000 characters in a filter"), true, nil
		}
		if vals == nil {
			vals = make([]soql.Expr, 0, len(list.List.Items))
		}
		vals = append(vals, lit)
	}
	if len(vals) == 0 {
		if not && sawEmpty {
			// x NOT IN ('') is x <> '': every non-null value.
			return pushResult{expr: &soql.Comparison{Left: fieldRef(ref), Op: "!=", Right: &soql.NullLit{}}, exact: true}, true, nil
		}
		return pushResult{constant: -1, exact: true}, true, nil
	}
	if f.Type == catalog.TypeMultiPicklist {
		if not && strict {
			return local("NOT IN on a multi-select picklist (EXCLUDES matches any value, not the whole value)"), true, nil
		}
		return pushResult{expr: &soql.Includes{Left: fieldRef(ref), Excludes: not, Values: vals}, exact: !strict}, true, nil
	}
	if not && strict {
		if !exact {
			return local("NOT IN on a text field (Salesforce compares case-insensitively)"), true, nil
		}
		exact = false // NOT IN keeps null fields in SOQL
	}
	in := &soql.In{Left: fieldRef(ref), Not: not, Values: vals}
	if tooLong(vals) {
		if !c.top || not || c.sb.chunkIn != nil || c.child {
			return local("IN list too long for one SOQL statement"), true, nil
		}
		c.sb.chunkIn = in
	}
	return pushResult{expr: in, exact: exact || !strict}, true, nil
}

func tooLong(vals []soql.Expr) bool {
	if len(vals) > maxInValues {
		return true
	}
	n := 0
	for _, v := range vals {
		n += 4
		if s, ok := v.(*soql.StringLit); ok {
			n += len(s.Value)
		}
	}
	return n > maxInChars
}

// aggregateIn pushes HAVING agg [NOT] IN (constants).
func (b *builder) aggregateIn(c *pctx, ae *pg.A_Expr, not bool) (pushResult, bool, error) {
	list, ok := ae.Rexpr.Node.(*pg.Node_List)
	if !ok {
		return local("IN over a non-list"), true, nil
	}
	var left soql.Expr
	var vals []soql.Expr
	exact := true
	for _, item := range list.List.Items {
		v, isConst, err := b.constant(item)
		if err != nil {
			return pushResult{}, true, err
		}
		if !isConst || v.kind == vNull {
			return local("HAVING IN with a non-constant or NULL value"), true, nil
		}
		r, err := b.compareAggregate(c, ae.Lexpr.Node.(*pg.Node_FuncCall).FuncCall, "=", v)
		if err != nil || r.expr == nil {
			return orLocal(r, "HAVING IN"), true, err
		}
		cmp := r.expr.(*soql.Comparison)
		left = cmp.Left
		vals = append(vals, cmp.Right)
		exact = exact && r.exact
	}
	if left == nil {
		return pushResult{constant: -1, exact: true}, true, nil
	}
	if not && b.s.strict() && !exact {
		return local("NOT IN over a text aggregate"), true, nil
	}
	return pushResult{expr: &soql.In{Left: left, Not: not, Values: vals}, exact: exact}, true, nil
}

// maxFilterString is the longest string Salesforce takes in a WHERE clause.
const maxFilterString = 4000

func tooLongString(e soql.Expr) bool {
	s, ok := e.(*soql.StringLit)
	return ok && utf8.RuneCountInString(s.Value) > maxFilterString
}
