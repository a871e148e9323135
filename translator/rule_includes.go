package translator

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/soql"
)

// ruleIncludes: includes(f, 'a,b') / excludes(f, 'a', 'b') on a multi-select
// picklist (Teiid's functions; each argument may list values with commas).
func ruleIncludes(b *builder, c *pctx, n *pg.Node) (pushResult, bool, error) {
	fc, ok := n.Node.(*pg.Node_FuncCall)
	if !ok {
		return pushResult{}, false, nil
	}
	name := funcName(fc.FuncCall)
	if name != "includes" && name != "excludes" {
		return pushResult{}, false, nil
	}
	if len(fc.FuncCall.Args) < 2 {
		return pushResult{}, true, unsupportedAt(name+"() needs a field and values", b.p.pos(fc.FuncCall.Location), "write "+name+"(Field, 'a,b')")
	}
	ref, why, err := b.column(c, fc.FuncCall.Args[0])
	if err != nil {
		return pushResult{}, true, err
	}
	if ref == nil || ref.field.Type != catalog.TypeMultiPicklist {
		return pushResult{}, true, &UnsupportedError{Construct: name + "() outside a multi-select picklist filter", Pos: b.p.pos(fc.FuncCall.Location), Hint: orWhy(why, "")}
	}
	var vals []soql.Expr
	for _, a := range fc.FuncCall.Args[1:] {
		v, isConst, err := b.constant(a)
		if err != nil {
			return pushResult{}, true, err
		}
		if !isConst || v.kind != vString {
			return pushResult{}, true, unsupportedAt(name+"() with a non-text value", b.p.pos(fc.FuncCall.Location), "")
		}
		for _, part := range strings.Split(v.str, ",") {
			vals = append(vals, &soql.StringLit{Value: strings.TrimSpace(part)})
		}
	}
	return pushResult{expr: &soql.Includes{Left: fieldRef(ref), Excludes: name == "excludes", Values: vals}, exact: true}, true, nil
}
