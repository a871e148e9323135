package translator

import (
	"strings"
	"time"

	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/soql"
)

var datePartFuncs = map[string]string{
	"year": "CALENDAR_YEAR", "month": "CALENDAR_MONTH", "quarter": "CALENDAR_QUARTER",
	"day": "DAY_IN_MONTH", "doy": "DAY_IN_YEAR", "hour": "HOUR_IN_DAY",
}

// ruleDatePart: EXTRACT(YEAR FROM f) = n → CALENDAR_YEAR(f) = n. SOQL's date
// functions work in UTC: on a datetime field they are pushed only when the
// session time zone is UTC; otherwise a year becomes a datetime range.
func ruleDatePart(b *builder, c *pctx, n *pg.Node) (pushResult, bool, error) {
	ae, ok := n.Node.(*pg.Node_AExpr)
	if !ok || ae.AExpr.Kind != pg.A_Expr_Kind_AEXPR_OP || ae.AExpr.Lexpr == nil {
		return pushResult{}, false, nil
	}
	fc, ok := ae.AExpr.Lexpr.Node.(*pg.Node_FuncCall)
	if !ok {
		return pushResult{}, false, nil
	}
	name := funcName(fc.FuncCall)
	if (name != "extract" && name != "date_part") || len(fc.FuncCall.Args) != 2 {
		return pushResult{}, false, nil
	}
	unit, isConst, err := b.constant(fc.FuncCall.Args[0])
	if err != nil || !isConst || unit.kind != vString {
		return local("EXTRACT with a non-constant unit"), true, err
	}
	sf, known := datePartFuncs[strings.ToLower(unit.str)]
	if !known {
		return local("EXTRACT(" + unit.str + ")"), true, nil
	}
	ref, why, err := b.column(c, fc.FuncCall.Args[1])
	if err != nil || ref == nil {
		return local(orWhy(why, "EXTRACT over an expression")), true, err
	}
	if ref.field.Type != catalog.TypeDate && ref.field.Type != catalog.TypeDateTime {
		return local("EXTRACT on " + string(ref.field.Type) + " field"), true, nil
	}
	v, isConst, err := b.constant(ae.AExpr.Rexpr)
	if err != nil || !isConst || v.kind != vNumber || !v.num.IsInteger() {
		return local("EXTRACT compared with a non-integer"), true, err
	}
	op := opName(ae.AExpr.Name)
	if !validOp(op) {
		return local("operator " + op), true, nil
	}
	if ref.field.Type == catalog.TypeDateTime && b.s.tz() != time.UTC && b.s.tz().String() != "UTC" {
		if sf != "CALENDAR_YEAR" || op != "=" {
			return local("date function on a datetime outside UTC (SOQL evaluates it in UTC)"), true, nil
		}
		y := int(v.num.IntPart())
		lo := time.Date(y, 1, 1, 0, 0, 0, 0, b.s.tz())
		hi := lo.AddDate(1, 0, 0)
		l1, err := b.fieldLiteral(ref.field, value{kind: vInstant, t: lo.UTC()})
		if err != nil {
			return pushResult{}, true, err
		}
		l2, err := b.fieldLiteral(ref.field, value{kind: vInstant, t: hi.UTC()})
		if err != nil {
			return pushResult{}, true, err
		}
		return pushResult{expr: &soql.And{Left: &soql.Comparison{Left: fieldRef(ref), Op: ">=", Right: l1},
			Right: &soql.Comparison{Left: fieldRef(ref), Op: "<", Right: l2}}, exact: true}, true, nil
	}
	lit, err := soql.LiteralOf(v.num)
	if err != nil {
		return pushResult{}, true, err
	}
	return pushResult{expr: &soql.Comparison{Left: &soql.FuncCall{Name: sf, Args: []soql.Expr{fieldRef(ref)}}, Op: soqlOp(op), Right: lit}, exact: true}, true, nil
}
