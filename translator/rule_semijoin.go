package translator

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/soql"
)

// ruleSemiJoin: col [NOT] IN (SELECT Id FROM Other WHERE …) when the
// subquery is a SOQL semi-join.
func ruleSemiJoin(b *builder, c *pctx, n *pg.Node) (pushResult, bool, error) {
	sl, ok := n.Node.(*pg.Node_SubLink)
	if !ok {
		return pushResult{}, false, nil
	}
	if sl.SubLink.SubLinkType != pg.SubLinkType_ANY_SUBLINK || (len(sl.SubLink.OperName) > 0 && opName(sl.SubLink.OperName) != "=") {
		return local("subquery"), true, nil
	}
	ref, why, err := b.column(c, sl.SubLink.Testexpr)
	if err != nil || ref == nil {
		return local(orWhy(why, "IN (SELECT …) over an expression")), true, err
	}
	if ref.field.Type != catalog.TypeID && ref.field.Type != catalog.TypeReference {
		return local("semi-join on " + ref.field.Name + ": Salesforce takes Id or reference fields only"), true, nil
	}
	sub, ok := sl.SubLink.Subselect.Node.(*pg.Node_SelectStmt)
	if !ok {
		return local("subquery"), true, nil
	}
	q, why, err := b.semiJoinQuery(sub.SelectStmt, c.sb.obj)
	if err != nil || q == nil {
		return local(why), true, err
	}
	return pushResult{expr: &soql.In{Left: fieldRef(ref), Sub: q}, exact: true}, true, nil
}

// semiJoinQuery translates the subquery of a semi-join, or says why not.
func (b *builder) semiJoinQuery(sel *pg.SelectStmt, outer *catalog.Object) (*soql.Query, string, error) {
	if sel.Op != pg.SetOperation_SETOP_NONE || len(sel.FromClause) != 1 || len(sel.TargetList) != 1 || sel.GroupClause != nil ||
		sel.HavingClause != nil || sel.SortClause != nil || sel.LimitCount != nil || sel.LimitOffset != nil || sel.DistinctClause != nil || sel.WithClause != nil {
		return nil, "subquery is not a plain SELECT field FROM object [WHERE …]", nil
	}
	rv, ok := sel.FromClause[0].Node.(*pg.Node_RangeVar)
	if !ok {
		return nil, "subquery over a join", nil
	}
	obj, err := b.object(rv.RangeVar.Relname, rv.RangeVar.Location)
	if err != nil {
		return nil, "", err
	}
	if strings.EqualFold(obj.Name, outer.Name) {
		return nil, "semi-join on the object of the outer query (Salesforce refuses it)", nil
	}
	t := &table{alias: rv.RangeVar.Relname, obj: obj}
	if rv.RangeVar.Alias != nil {
		t.alias = rv.RangeVar.Alias.Aliasname
	}
	sb := &scanBuilder{obj: obj, q: &soql.Query{From: soql.From{Object: obj.Name}}, colIdx: map[string]int{}}
	t.sb = sb
	sc := &scope{tables: []*table{t}}
	rt, ok := sel.TargetList[0].Node.(*pg.Node_ResTarget)
	if !ok {
		return nil, "subquery", nil
	}
	cr, ok := rt.ResTarget.Val.Node.(*pg.Node_ColumnRef)
	if !ok {
		return nil, "subquery selects an expression", nil
	}
	ref, err := b.resolve(sc, cr.ColumnRef)
	if err != nil {
		return nil, "", err
	}
	if ref.field.Type != catalog.TypeID && ref.field.Type != catalog.TypeReference {
		return nil, "subquery selects " + ref.field.Name + ": Salesforce takes Id or reference fields only", nil
	}
	sb.q.Select = []soql.SelectItem{{Expr: fieldRef(&ref)}}
	var where []soql.Expr
	for _, cj := range conjuncts(sel.WhereClause) {
		pc := &pctx{sc: sc, sb: sb, fixed: true}
		r, err := b.push(pc, cj)
		if err != nil {
			return nil, "", err
		}
		switch {
		case r.constant == 1 && r.exact:
			continue
		case r.expr == nil || !r.exact || r.constant != 0:
			return nil, "subquery filter " + orWhy(r.why, "is not exact in SOQL"), nil
		}
		where = append(where, r.expr)
	}
	sb.q.Where = andAll(where)
	return sb.q, "", nil
}
