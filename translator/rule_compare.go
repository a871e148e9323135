package translator

import (
	"time"

	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/soql"
)

// ruleBetween: a BETWEEN x AND y → a >= x AND a <= y.
func ruleBetween(b *builder, c *pctx, n *pg.Node) (pushResult, bool, error) {
	ae, ok := n.Node.(*pg.Node_AExpr)
	if !ok || (ae.AExpr.Kind != pg.A_Expr_Kind_AEXPR_BETWEEN && ae.AExpr.Kind != pg.A_Expr_Kind_AEXPR_NOT_BETWEEN) {
		return pushResult{}, false, nil
	}
	l, ok := ae.AExpr.Rexpr.Node.(*pg.Node_List)
	if !ok || len(l.List.Items) != 2 {
		return local("BETWEEN"), true, nil
	}
	lo, hi := "<=", ">="
	joinOr := false
	if ae.AExpr.Kind == pg.A_Expr_Kind_AEXPR_NOT_BETWEEN {
		lo, hi, joinOr = ">", "<", true
	}
	r1, err := b.compare(c, ae.AExpr.Lexpr, hi, l.List.Items[0], ae.AExpr.Location)
	if err != nil || !r1.pushed() || r1.constant != 0 {
		return orLocal(r1, "BETWEEN"), true, err
	}
	r2, err := b.compare(c, ae.AExpr.Lexpr, lo, l.List.Items[1], ae.AExpr.Location)
	if err != nil || !r2.pushed() || r2.constant != 0 {
		return orLocal(r2, "BETWEEN"), true, err
	}
	if joinOr {
		return pushResult{expr: &soql.Or{Left: r1.expr, Right: r2.expr}, exact: r1.exact && r2.exact}, true, nil
	}
	return pushResult{expr: &soql.And{Left: r1.expr, Right: r2.expr}, exact: r1.exact && r2.exact}, true, nil
}

// ruleCompare: field op literal (either side), UPPER/LOWER(field) = literal
// as a superset, aggregates in HAVING.
func ruleCompare(b *builder, c *pctx, n *pg.Node) (pushResult, bool, error) {
	ae, ok := n.Node.(*pg.Node_AExpr)
	if !ok || ae.AExpr.Kind != pg.A_Expr_Kind_AEXPR_OP || ae.AExpr.Lexpr == nil {
		return pushResult{}, false, nil
	}
	op := opName(ae.AExpr.Name)
	if !validOp(op) {
		return local("operator " + op), true, nil
	}
	r, err := b.compare(c, ae.AExpr.Lexpr, op, ae.AExpr.Rexpr, ae.AExpr.Location)
	return r, true, err
}

// compare pushes "lhs op rhs" where one side is a column and the other a
// constant.
func (b *builder) compare(c *pctx, lhs *pg.Node, op string, rhs *pg.Node, loc int32) (pushResult, error) {
	if _, isCol := lhs.Node.(*pg.Node_ColumnRef); !isCol && !isFieldFunc(lhs) && !isAggCall(lhs) {
		lhs, rhs, op = rhs, lhs, flipOp(op)
	}
	if _, isCol := rhs.Node.(*pg.Node_ColumnRef); isCol {
		if _, isCol := lhs.Node.(*pg.Node_ColumnRef); isCol {
			return local("field-to-field comparison (SOQL compares fields with literals only)"), nil
		}
	}
	v, isConst, err := b.constant(rhs)
	if err != nil {
		return pushResult{}, err
	}
	if !isConst {
		return local("comparison with an expression"), nil
	}
	superset := false
	if fc, ok := lhs.Node.(*pg.Node_FuncCall); ok {
		switch name := funcName(fc.FuncCall); {
		case isAggCall(lhs):
			if !c.having {
				return local("aggregate in WHERE"), nil
			}
			return b.compareAggregate(c, fc.FuncCall, op, v)
		case (name == "upper" || name == "lower") && len(fc.FuncCall.Args) == 1 && op == "=":
			lhs, superset = fc.FuncCall.Args[0], true
		default:
			return local("function " + name + "() on a field"), nil
		}
	}
	ref, why, err := b.column(c, lhs)
	if err != nil || ref == nil {
		return local(orWhy(why, "comparison over an expression")), err
	}
	f := ref.field
	if superset && !isStringType(f.Type) {
		return local("UPPER/LOWER on a non-text field"), nil
	}
	if v.kind == vNull {
		return pushResult{constant: -1, exact: true}, nil // x op NULL is never true
	}
	strict := b.s.strict()
	if strict && emptyText(f, v) {
		// Salesforce stores no empty strings and reads '' as null: in
		// PostgreSQL's terms = '' matches nothing, <> '' every non-null value.
		switch op {
		case "=":
			return pushResult{constant: -1, exact: true}, nil
		case "<>", "!=":
			if !superset {
				return pushResult{expr: &soql.Comparison{Left: fieldRef(ref), Op: "!=", Right: &soql.NullLit{}}, exact: true}, nil
			}
		}
	}
	exact := true
	folds := folds(f, v)
	if superset {
		exact = false
	}
	if f.Type == catalog.TypeMultiPicklist {
		if op != "=" && op != "<>" && op != "!=" {
			return local("ordering comparison on a multi-select picklist"), nil
		}
		if strict && op != "=" {
			return local("!= on a multi-select picklist"), nil
		}
	}
	switch op {
	case "=":
		if folds {
			exact = false
		}
	case "<>", "!=":
		if strict {
			if folds || superset {
				return local("!= on a text field (Salesforce compares case-insensitively)"), nil
			}
			exact = false // SOQL's != keeps rows whose field is null
		}
	default:
		if strict && caseFolds(f) {
			return local("ordering comparison on a text field (Salesforce orders case-insensitively)"), nil
		}
	}
	// A date compared with a datetime field: = covers the whole day in the
	// session time zone (sql-dialect.md #51).
	if f.Type == catalog.TypeDateTime && v.kind == vDate && (op == "=" || op == "<>" || op == "!=") {
		lo := time.Date(v.date.Year, v.date.Month, v.date.Day, 0, 0, 0, 0, b.s.tz())
		l1, err := b.fieldLiteral(f, value{kind: vInstant, t: lo.UTC(), loc: v.loc})
		if err != nil {
			return pushResult{}, err
		}
		l2, err := b.fieldLiteral(f, value{kind: vInstant, t: lo.AddDate(0, 0, 1).UTC(), loc: v.loc})
		if err != nil {
			return pushResult{}, err
		}
		if op == "=" {
			return pushResult{expr: &soql.And{Left: &soql.Comparison{Left: fieldRef(ref), Op: ">=", Right: l1}, Right: &soql.Comparison{Left: fieldRef(ref), Op: "<", Right: l2}}, exact: true}, nil
		}
		return pushResult{expr: &soql.Or{Left: &soql.Comparison{Left: fieldRef(ref), Op: "<", Right: l1}, Right: &soql.Comparison{Left: fieldRef(ref), Op: ">=", Right: l2}}, exact: !strict}, nil
	}
	// A timestamp compared with a date field.
	if f.Type == catalog.TypeDate && (v.kind == vTimestamp || v.kind == vInstant) {
		wall := v.t
		if v.kind == vInstant {
			wall = v.t.In(b.s.tz())
		}
		if wall.Hour() != 0 || wall.Minute() != 0 || wall.Second() != 0 || wall.Nanosecond() != 0 {
			switch op {
			case "=":
				return pushResult{constant: -1, exact: true}, nil
			case "<>", "!=":
				op = "!="
				v = value{kind: vNull}
				return pushResult{expr: &soql.Comparison{Left: fieldRef(ref), Op: "!=", Right: &soql.NullLit{}}, exact: true}, nil
			case ">=":
				op = ">"
			case "<":
				op = "<="
			}
		}
		v = value{kind: vDate, date: soql.DateOf(wall), loc: v.loc}
	}
	lit, err := b.fieldLiteral(f, v)
	if err != nil {
		return pushResult{}, err
	}
	if tooLongString(lit) {
		return local("a string longer than Salesforce's 4,000 characters in a filter"), nil
	}
	if f.Type == catalog.TypeBoolean {
		if len(ref.soqlPath()) > 1 {
			// Through a relationship a boolean is null when the parent is
			// missing, and SOQL may read that as false: rechecked.
			return pushResult{expr: &soql.Comparison{Left: fieldRef(ref), Op: soqlOp(op), Right: lit}, exact: !strict}, nil
		}
		if op == "<>" || op == "!=" {
			exact = true // booleans are never null in Salesforce
		}
	}
	return pushResult{expr: &soql.Comparison{Left: fieldRef(ref), Op: soqlOp(op), Right: lit}, exact: exact || !strict && !superset}, nil
}

func isFieldFunc(n *pg.Node) bool {
	_, ok := n.Node.(*pg.Node_FuncCall)
	return ok
}

// compareAggregate pushes a HAVING comparison of an aggregate with a
// constant, typed by the aggregated field.
func (b *builder) compareAggregate(c *pctx, fc *pg.FuncCall, op string, v value) (pushResult, error) {
	agg, ref, why, err := b.aggregate(c.sc, fc)
	if err != nil || agg == nil {
		return local(orWhy(why, "aggregate")), err
	}
	if ref != nil {
		if c.fixed && c.sb != ref.t.sb {
			return local("condition spans tables that are separate queries"), nil
		}
		c.sb, c.fixed = ref.t.sb, true
	}
	var lit soql.Expr
	if agg.Name == "COUNT" || agg.Name == "COUNT_DISTINCT" || agg.Name == "AVG" && ref != nil && !isNumberType(ref.field.Type) {
		if v.kind != vNumber {
			return local("COUNT compared with a non-number"), nil
		}
		if lit, err = soql.LiteralOf(v.num); err != nil {
			return pushResult{}, err
		}
	} else {
		if b.s.strict() && caseFolds(ref.field) && op != "=" {
			return local("ordering comparison on a text aggregate"), nil
		}
		lit, err = b.fieldLiteral(ref.field, v)
		if err != nil {
			return pushResult{}, err
		}
	}
	exact := true
	if ref != nil && caseFolds(ref.field) && b.s.strict() {
		exact = false
	}
	return pushResult{expr: &soql.Comparison{Left: agg, Op: soqlOp(op), Right: lit}, exact: exact}, nil
}
