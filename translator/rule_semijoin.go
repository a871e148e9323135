package translator

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v5"
	"google.golang.org/protobuf/proto"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/soql"
)

// nestedSemiJoin is why a semi-join inside a semi-join's subquery is not
// pushed: Salesforce refuses "Nesting of semi join sub-selects". The outer
// one then runs locally over its own scans, where the inner one is pushed.
const nestedSemiJoin = "a semi-join inside a semi-join (Salesforce refuses nesting)"

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
	if c.semi {
		return local(nestedSemiJoin), true, nil
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
	q, exact, why, err := b.semiJoinQuery(sub.SelectStmt, c.sb.obj)
	if err != nil || q == nil {
		return local(why), true, err
	}
	r := pushResult{expr: &soql.In{Left: fieldRef(ref), Sub: q}, exact: exact}
	if !exact {
		r.why = "pushed without its nested semi-join, which Salesforce refuses"
	}
	return r, true, nil
}

// semiJoinQuery translates the subquery of a semi-join, or says why not.
// A semi-join nested in its WHERE is left out: the query is then a
// superset (exact false) and the whole condition is rechecked locally,
// where the nested one is pushed in its own scan.
func (b *builder) semiJoinQuery(sel *pg.SelectStmt, outer *catalog.Object) (*soql.Query, bool, string, error) {
	if sel.Op != pg.SetOperation_SETOP_NONE || len(sel.FromClause) != 1 || len(sel.TargetList) != 1 || sel.GroupClause != nil ||
		sel.HavingClause != nil || sel.SortClause != nil || sel.LimitCount != nil || sel.LimitOffset != nil || sel.DistinctClause != nil || sel.WithClause != nil {
		return nil, false, "subquery is not a plain SELECT field FROM object [WHERE …]", nil
	}
	rv, ok := sel.FromClause[0].Node.(*pg.Node_RangeVar)
	if !ok {
		return nil, false, "subquery over a join", nil
	}
	obj, err := b.object(rv.RangeVar.Relname, rv.RangeVar.Location)
	if err != nil {
		return nil, false, "", err
	}
	if strings.EqualFold(obj.Name, outer.Name) {
		return nil, false, "semi-join on the object of the outer query (Salesforce refuses it)", nil
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
		return nil, false, "subquery", nil
	}
	cr, ok := rt.ResTarget.Val.Node.(*pg.Node_ColumnRef)
	if !ok {
		return nil, false, "subquery selects an expression", nil
	}
	ref, err := b.resolve(sc, cr.ColumnRef)
	if err != nil {
		return nil, false, "", err
	}
	if ref.field.Type != catalog.TypeID && ref.field.Type != catalog.TypeReference {
		return nil, false, "subquery selects " + ref.field.Name + ": Salesforce takes Id or reference fields only", nil
	}
	sb.q.Select = []soql.SelectItem{{Expr: fieldRef(&ref)}}
	var where []soql.Expr
	exact := true
	for _, cj := range conjuncts(sel.WhereClause) {
		pc := &pctx{sc: sc, sb: sb, fixed: true, semi: true}
		r, err := b.push(pc, cj)
		if err != nil {
			return nil, false, "", err
		}
		switch {
		case r.constant == 1 && r.exact:
			continue
		case r.expr == nil && r.constant == 0 && r.why == nestedSemiJoin:
			exact = false
			continue
		case r.expr == nil || !r.exact || r.constant != 0:
			return nil, false, "subquery filter " + orWhy(r.why, "is not exact in SOQL"), nil
		}
		where = append(where, r.expr)
	}
	sb.q.Where = soql.AndAll(where...)
	return sb.q, exact, "", nil
}

// existsKey is an EXISTS subquery correlated on one key equality:
// EXISTS (SELECT … FROM obj t WHERE t.inner = outer AND rest…).
type existsKey struct {
	obj       *catalog.Object
	t         *table
	inner     *scope
	innerRef  *colRef
	innerNode *pg.Node
	outerNode *pg.Node
	from      *pg.RangeVar // the subquery's FROM item
	rest      []*pg.Node   // the other conjuncts of its WHERE
}

// splitExists finds the key equality of an EXISTS subquery; nil with the
// reason when it is not of that form.
func (b *builder) splitExists(sc *scope, sl *pg.SubLink) (*existsKey, string, error) {
	sub, ok := sl.Subselect.Node.(*pg.Node_SelectStmt)
	if !ok {
		return nil, "EXISTS", nil
	}
	sel := sub.SelectStmt
	if sel.Op != pg.SetOperation_SETOP_NONE || len(sel.FromClause) != 1 || sel.GroupClause != nil || sel.HavingClause != nil ||
		sel.LimitCount != nil || sel.LimitOffset != nil || sel.WithClause != nil {
		return nil, "EXISTS over a subquery that is not SELECT … FROM object WHERE …", nil
	}
	rv, ok := sel.FromClause[0].Node.(*pg.Node_RangeVar)
	if !ok {
		return nil, "EXISTS over a join", nil
	}
	obj, err := b.object(rv.RangeVar.Relname, rv.RangeVar.Location)
	if err != nil {
		return nil, "", err
	}
	t := &table{alias: rv.RangeVar.Relname, obj: obj}
	if rv.RangeVar.Alias != nil {
		t.alias = rv.RangeVar.Alias.Aliasname
	}
	k := &existsKey{obj: obj, t: t, inner: &scope{tables: []*table{t}}, from: rv.RangeVar}
	for _, cj := range conjuncts(sel.WhereClause) {
		if ae, ok := cj.Node.(*pg.Node_AExpr); ok && ae.AExpr.Kind == pg.A_Expr_Kind_AEXPR_OP && opName(ae.AExpr.Name) == "=" && k.outerNode == nil {
			l, lok := ae.AExpr.Lexpr.Node.(*pg.Node_ColumnRef)
			r, rok := ae.AExpr.Rexpr.Node.(*pg.Node_ColumnRef)
			if lok && rok {
				for _, pair := range [][2]*pg.Node{{ae.AExpr.Lexpr, ae.AExpr.Rexpr}, {ae.AExpr.Rexpr, ae.AExpr.Lexpr}} {
					in, _ := pair[0].Node.(*pg.Node_ColumnRef)
					if in == l && k.inner.byAlias(strOf(l.ColumnRef.Fields[0])) == nil && len(l.ColumnRef.Fields) > 1 {
						continue
					}
					if in == r && k.inner.byAlias(strOf(r.ColumnRef.Fields[0])) == nil && len(r.ColumnRef.Fields) > 1 {
						continue
					}
					ref, err := b.resolve(k.inner, in.ColumnRef)
					if err != nil {
						continue
					}
					if _, err := b.resolve(sc, pair[1].Node.(*pg.Node_ColumnRef).ColumnRef); err != nil {
						continue
					}
					k.innerRef, k.innerNode, k.outerNode = &ref, pair[0], pair[1]
					break
				}
				if k.outerNode != nil {
					continue
				}
			}
		}
		k.rest = append(k.rest, cj)
	}
	if k.outerNode == nil {
		return nil, "EXISTS without one equality to the outer query", nil
	}
	return k, "", nil
}

// existsAsIn rewrites a correlated EXISTS for the local step as the
// uncorrelated (outer IS NOT NULL AND outer IN (SELECT inner FROM obj
// WHERE inner IS NOT NULL AND rest)): the same truth value, NOT included,
// and the subquery becomes its own scan. nil when sl is not of that form.
func (b *builder) existsAsIn(sc *scope, sl *pg.SubLink) (*pg.Node, error) {
	if sl.SubLinkType != pg.SubLinkType_EXISTS_SUBLINK {
		return nil, nil
	}
	k, _, err := b.splitExists(sc, sl)
	if err != nil || k == nil {
		return nil, err
	}
	notNull := func(n *pg.Node) *pg.Node {
		return &pg.Node{Node: &pg.Node_NullTest{NullTest: &pg.NullTest{Arg: cloneNode(n), Nulltesttype: pg.NullTestType_IS_NOT_NULL, Location: -1}}}
	}
	where := []*pg.Node{notNull(k.innerNode)}
	for _, r := range k.rest {
		where = append(where, cloneNode(r))
	}
	sub := &pg.SelectStmt{
		TargetList:  []*pg.Node{resTarget("", cloneNode(k.innerNode))},
		FromClause:  []*pg.Node{{Node: &pg.Node_RangeVar{RangeVar: proto.Clone(k.from).(*pg.RangeVar)}}},
		WhereClause: andOf(where),
		LimitOption: pg.LimitOption_LIMIT_OPTION_DEFAULT, Op: pg.SetOperation_SETOP_NONE,
	}
	in := &pg.Node{Node: &pg.Node_SubLink{SubLink: &pg.SubLink{SubLinkType: pg.SubLinkType_ANY_SUBLINK, Testexpr: cloneNode(k.outerNode),
		Subselect: &pg.Node{Node: &pg.Node_SelectStmt{SelectStmt: sub}}, Location: sl.Location}}}
	return andOf([]*pg.Node{notNull(k.outerNode), in}), nil
}

// ruleExists: EXISTS (SELECT … FROM Child c WHERE c.Ref = outer.Id AND …)
// → outer.Id IN (SELECT Ref FROM Child WHERE …), a SOQL semi-join. The
// correlation must be one equality between an inner and an outer field.
// When the other conditions are not all exact in SOQL the semi-join is a
// superset (the conditions SOQL cannot take left out) and the EXISTS is
// rechecked locally (existsAsIn).
func ruleExists(b *builder, c *pctx, n *pg.Node) (pushResult, bool, error) {
	sl, ok := n.Node.(*pg.Node_SubLink)
	if !ok || sl.SubLink.SubLinkType != pg.SubLinkType_EXISTS_SUBLINK {
		return pushResult{}, false, nil
	}
	if c.semi {
		return local(nestedSemiJoin), true, nil
	}
	k, why, err := b.splitExists(c.sc, sl.SubLink)
	if err != nil || k == nil {
		return local(why), true, err
	}
	outer, why, err := b.column(c, k.outerNode)
	if err != nil || outer == nil {
		return local(orWhy(why, "EXISTS")), true, err
	}
	isKey := func(f *catalog.Field) bool { return f.Type == catalog.TypeID || f.Type == catalog.TypeReference }
	if !isKey(outer.field) || !isKey(k.innerRef.field) || len(k.innerRef.path) != 1 {
		return local("EXISTS correlated on fields that are not Ids or references"), true, nil
	}
	if strings.EqualFold(k.obj.Name, c.sb.obj.Name) {
		return local("semi-join on the object of the outer query (Salesforce refuses it)"), true, nil
	}
	q := &soql.Query{Select: []soql.SelectItem{{Expr: fieldRef(k.innerRef)}}, From: soql.From{Object: k.obj.Name}}
	sb := &scanBuilder{obj: k.obj, q: q, colIdx: map[string]int{}}
	k.t.sb = sb
	var where []soql.Expr
	exact, why := true, ""
	for _, cj := range k.rest {
		pc := &pctx{sc: k.inner, sb: sb, fixed: true, semi: true}
		r, err := b.push(pc, cj)
		if err != nil {
			return pushResult{}, true, err
		}
		switch {
		case r.constant == 1 && r.exact:
			continue
		case r.constant == -1 && r.exact:
			return pushResult{constant: -1, exact: true}, true, nil
		case r.expr == nil || r.constant != 0:
			// Left out of the superset.
			exact, why = false, "EXISTS filter "+b.snippet(cj)+" "+orWhy(r.why, "is not exact in SOQL")
			continue
		case !r.exact:
			exact, why = false, "EXISTS filter "+b.snippet(cj)+" is a superset in SOQL"
		}
		where = append(where, r.expr)
	}
	q.Where = soql.AndAll(where...)
	return pushResult{expr: &soql.In{Left: fieldRef(outer), Sub: q}, exact: exact, why: why}, true, nil
}
