package translator

import (
	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/soql"
)

// ruleNullTest: IS [NOT] NULL → = null / != null; a boolean is never null
// in Salesforce, so on a boolean field the test folds to a constant.
func ruleNullTest(b *builder, c *pctx, n *pg.Node) (pushResult, bool, error) {
	nt, ok := n.Node.(*pg.Node_NullTest)
	if !ok {
		return pushResult{}, false, nil
	}
	isNull := nt.NullTest.Nulltesttype == pg.NullTestType_IS_NULL
	ref, why, err := b.column(c, nt.NullTest.Arg)
	if err != nil || ref == nil {
		return local(orWhy(why, "IS NULL over an expression")), true, err
	}
	if ref.field.Type == catalog.TypeBoolean {
		if len(ref.path) == 1 && len(ref.t.path) == 0 && !ref.t.inChild {
			// A boolean of the queried record is never null.
			if isNull {
				return pushResult{constant: -1, exact: true}, true, nil
			}
			return pushResult{constant: 1, exact: true}, true, nil
		}
		if ref.t.inChild {
			return local("IS NULL on a boolean of a joined child"), true, nil
		}
		// Through a relationship the boolean is null when the parent is
		// missing, but SOQL reads = null on a boolean as = false: a
		// superset, rechecked.
		op := "="
		if !isNull {
			op = "!="
		}
		return pushResult{expr: &soql.Comparison{Left: fieldRef(ref), Op: op, Right: &soql.NullLit{}}, exact: false}, true, nil
	}
	op := "="
	if !isNull {
		op = "!="
	}
	return pushResult{expr: &soql.Comparison{Left: fieldRef(ref), Op: op, Right: &soql.NullLit{}}, exact: true}, true, nil
}

// ruleBooleanTest: IS [NOT] TRUE / FALSE / UNKNOWN on a boolean field.
func ruleBooleanTest(b *builder, c *pctx, n *pg.Node) (pushResult, bool, error) {
	bt, ok := n.Node.(*pg.Node_BooleanTest)
	if !ok {
		return pushResult{}, false, nil
	}
	ref, why, err := b.column(c, bt.BooleanTest.Arg)
	if err != nil || ref == nil {
		return local(orWhy(why, "IS TRUE over an expression")), true, err
	}
	if ref.field.Type != catalog.TypeBoolean {
		return local("IS TRUE on a non-boolean field"), true, nil
	}
	var v bool
	switch bt.BooleanTest.Booltesttype {
	case pg.BoolTestType_IS_TRUE, pg.BoolTestType_IS_NOT_FALSE:
		v = true
	case pg.BoolTestType_IS_FALSE, pg.BoolTestType_IS_NOT_TRUE:
	case pg.BoolTestType_IS_UNKNOWN:
		return pushResult{constant: -1, exact: true}, true, nil
	default:
		return pushResult{constant: 1, exact: true}, true, nil
	}
	return pushResult{expr: &soql.Comparison{Left: fieldRef(ref), Op: "=", Right: &soql.BoolLit{Value: v}}, exact: len(ref.soqlPath()) == 1 || !b.s.strict()}, true, nil
}

// ruleBareBoolean: WHERE IsWon → IsWon = true.
func ruleBareBoolean(b *builder, c *pctx, n *pg.Node) (pushResult, bool, error) {
	if _, ok := n.Node.(*pg.Node_ColumnRef); !ok {
		return pushResult{}, false, nil
	}
	ref, why, err := b.column(c, n)
	if err != nil || ref == nil {
		return local(why), true, err
	}
	if ref.field.Type != catalog.TypeBoolean {
		return pushResult{}, true, &UnsupportedError{Construct: "non-boolean field " + ref.field.Name + " used as a condition", Pos: b.p.pos(ref.loc)}
	}
	return pushResult{expr: &soql.Comparison{Left: fieldRef(ref), Op: "=", Right: &soql.BoolLit{Value: true}}, exact: len(ref.soqlPath()) == 1 || !b.s.strict()}, true, nil
}
