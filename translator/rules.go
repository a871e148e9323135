package translator

import (
	"strings"
	"time"

	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/soql"
)

// Predicate pushdown. Each WHERE (or HAVING) conjunct goes through the
// ordered rule list below; the first rule that recognises the node decides.
// A rule returns the SOQL condition and whether it is exact (SOQL returns
// exactly SQL's rows) or a superset (the conjunct is rechecked locally), a
// constant (folded), or nothing with the reason it stays local.

type pushResult struct {
	expr     soql.Expr
	exact    bool
	constant int // +1 always true, -1 always false, 0 not constant
	why      string
}

func local(why string) pushResult { return pushResult{why: why} }

func (r pushResult) pushed() bool { return r.expr != nil || r.constant != 0 }

// pctx is the context of one conjunct: the scope its names resolve in and
// the query it may go to (fixed by its first column).
type pctx struct {
	sc     *scope
	sb     *scanBuilder
	child  bool
	fixed  bool
	having bool // aggregates may appear on the left (HAVING)
	top    bool // the node is a whole conjunct of the scan's WHERE
}

type predicateRule struct {
	name  string
	apply func(b *builder, c *pctx, n *pg.Node) (pushResult, bool, error)
}

// predicateRules is the ordered rule list.
var predicateRules []predicateRule

func init() {
	predicateRules = []predicateRule{
		{"constant", ruleConstant},
		{"and-or", ruleAndOr},
		{"not", ruleNot},
		{"is-null", ruleNullTest},
		{"boolean-test", ruleBooleanTest},
		{"boolean-column", ruleBareBoolean},
		{"between", ruleBetween},
		{"in-list", ruleIn},
		{"like", ruleLike},
		{"semi-join", ruleSemiJoin},
		{"includes", ruleIncludes},
		{"date-part", ruleDatePart},
		{"comparison", ruleCompare},
	}
}

// push translates one condition.
func (b *builder) push(c *pctx, n *pg.Node) (pushResult, error) {
	for _, r := range predicateRules {
		res, ok, err := r.apply(b, c, n)
		if err != nil {
			return pushResult{}, err
		}
		if ok {
			return res, nil
		}
	}
	return local("expression " + nodeKind(n)), nil
}

func nodeKind(n *pg.Node) string {
	switch x := n.Node.(type) {
	case *pg.Node_FuncCall:
		return funcName(x.FuncCall) + "()"
	case *pg.Node_SubLink:
		return "subquery"
	case *pg.Node_AExpr:
		return "operator " + opName(x.AExpr.Name)
	}
	return strings.TrimPrefix(stmtName(n), "statement ")
}

// column resolves n as a plain column usable in the context's query, or
// returns why not.
func (b *builder) column(c *pctx, n *pg.Node) (*colRef, string, error) {
	cr, ok := n.Node.(*pg.Node_ColumnRef)
	if !ok {
		return nil, "", nil
	}
	ref, err := b.resolve(c.sc, cr.ColumnRef)
	if err != nil {
		return nil, "", err
	}
	if ref.t.sb == nil {
		return nil, "column of a table joined locally", nil
	}
	if ref.t.nullable {
		return nil, "filter on the nullable side of an outer join", nil
	}
	if c.fixed && (c.sb != ref.t.sb || c.child != ref.t.inChild) {
		return nil, "condition spans tables that are separate queries", nil
	}
	c.sb, c.child, c.fixed = ref.t.sb, ref.t.inChild, true
	if !ref.field.Filterable && !c.having {
		return nil, "field " + ref.field.Name + " is not filterable", nil
	}
	return &ref, "", nil
}

func fieldRef(r *colRef) *soql.FieldRef { return &soql.FieldRef{Path: r.soqlPath()} }

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
	var e soql.Expr
	for _, p := range parts {
		switch {
		case e == nil:
			e = p
		case isAnd:
			e = &soql.And{Left: e, Right: p}
		default:
			e = &soql.Or{Left: e, Right: p}
		}
	}
	return pushResult{expr: e, exact: exact}, true, nil
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
		return local("NOT over a condition Salesforce evaluates differently (case-insensitive)"), true, nil
	}
	if cmp, ok := r.expr.(*soql.Comparison); ok {
		if _, isBool := cmp.Right.(*soql.BoolLit); isBool {
			// Booleans are never null in Salesforce: NOT is exact.
			return pushResult{expr: &soql.Not{X: r.expr}, exact: true}, true, nil
		}
	}
	if in, ok := r.expr.(*soql.In); ok && !in.Not {
		cp := *in
		cp.Not = true
		return pushResult{expr: &cp, exact: !b.s.strict()}, true, nil
	}
	return pushResult{expr: &soql.Not{X: r.expr}, exact: !b.s.strict()}, true, nil
}

func orWhy(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

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
	if ref.field.Type == catalog.TypeBoolean && len(ref.path) == 1 && len(ref.t.path) == 0 {
		if isNull {
			return pushResult{constant: -1, exact: true}, true, nil
		}
		return pushResult{constant: 1, exact: true}, true, nil
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
	return pushResult{expr: &soql.Comparison{Left: fieldRef(ref), Op: "=", Right: &soql.BoolLit{Value: v}}, exact: true}, true, nil
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
	return pushResult{expr: &soql.Comparison{Left: fieldRef(ref), Op: "=", Right: &soql.BoolLit{Value: true}}, exact: true}, true, nil
}

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

func orLocal(r pushResult, what string) pushResult {
	if r.pushed() && r.constant == 0 {
		return r
	}
	return local(orWhy(r.why, what))
}

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
	exact := true
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
		if folds(f, v) {
			exact = false
		}
		lit, err := b.fieldLiteral(f, v)
		if err != nil {
			return pushResult{}, true, err
		}
		vals = append(vals, lit)
	}
	if len(vals) == 0 {
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

// ruleLike: LIKE / ILIKE (NOT) with ESCAPE rewritten to SOQL's backslash
// form. SOQL's LIKE is case-insensitive: LIKE is a superset, ILIKE exact.
func ruleLike(b *builder, c *pctx, n *pg.Node) (pushResult, bool, error) {
	ae, ok := n.Node.(*pg.Node_AExpr)
	if !ok || (ae.AExpr.Kind != pg.A_Expr_Kind_AEXPR_LIKE && ae.AExpr.Kind != pg.A_Expr_Kind_AEXPR_ILIKE) {
		return pushResult{}, false, nil
	}
	op := opName(ae.AExpr.Name)
	not := strings.HasPrefix(op, "!")
	ilike := ae.AExpr.Kind == pg.A_Expr_Kind_AEXPR_ILIKE
	lhs := ae.AExpr.Lexpr
	upper := false
	if fc, ok := lhs.Node.(*pg.Node_FuncCall); ok && (funcName(fc.FuncCall) == "upper" || funcName(fc.FuncCall) == "lower") && len(fc.FuncCall.Args) == 1 {
		lhs, upper = fc.FuncCall.Args[0], true
	}
	ref, why, err := b.column(c, lhs)
	if err != nil || ref == nil {
		return local(orWhy(why, "LIKE over an expression")), true, err
	}
	f := ref.field
	switch {
	case f.Type == catalog.TypeID || f.Type == catalog.TypeReference:
		return local("LIKE on Id field " + f.Name + " (Salesforce refuses it)"), true, nil
	case f.Type == catalog.TypeMultiPicklist:
		return local("LIKE on multi-select picklist " + f.Name), true, nil
	case !isStringType(f.Type):
		return local("LIKE on " + string(f.Type) + " field " + f.Name), true, nil
	}
	pat := ae.AExpr.Rexpr
	esc := "\\"
	if fc, ok := pat.Node.(*pg.Node_FuncCall); ok && funcName(fc.FuncCall) == "like_escape" && len(fc.FuncCall.Args) == 2 {
		ev, isConst, err := b.constant(fc.FuncCall.Args[1])
		if err != nil || !isConst || ev.kind != vString || len([]rune(ev.str)) > 1 {
			return local("LIKE with a non-constant ESCAPE"), true, err
		}
		esc, pat = ev.str, fc.FuncCall.Args[0]
	}
	v, isConst, err := b.constant(pat)
	if err != nil || !isConst {
		return local("LIKE with a non-constant pattern"), true, err
	}
	var soqlPat string
	var exact bool // SOQL's LIKE ignores case: exact for ILIKE, or when case cannot matter
	switch v.kind {
	case vString:
		soqlPat = likePattern(v.str, esc)
		exact = ilike || !caseFolds(f) || !hasCase(v.str)
		if _, err := appendLit(soqlPat); err != nil {
			return pushResult{}, true, &UnsupportedError{Construct: "LIKE pattern: " + err.Error(), Pos: b.p.pos(v.loc)}
		}
	case vParam:
		b.noteParam(v.param, f)
		exact = ilike || !caseFolds(f)
	case vNull:
		return pushResult{constant: -1, exact: true}, true, nil
	default:
		return local("LIKE with a non-text pattern"), true, nil
	}
	if upper {
		exact = false
	}
	var right soql.Expr = &soql.StringLit{Value: soqlPat}
	if v.kind == vParam {
		right = &soql.NullLit{}
	}
	like := &soql.Comparison{Left: fieldRef(ref), Op: "LIKE", Right: right}
	if !not {
		return pushResult{expr: like, exact: exact || !b.s.strict()}, true, nil
	}
	if b.s.strict() && !exact {
		return local("NOT LIKE on a text field (Salesforce's LIKE is case-insensitive)"), true, nil
	}
	return pushResult{expr: &soql.Not{X: like}, exact: !b.s.strict()}, true, nil
}

// likePattern converts a PostgreSQL LIKE pattern with escape character esc
// ("" for none) into SOQL's form: % and _ wildcards, \% \_ \\ escapes.
func likePattern(p, esc string) string {
	var sb strings.Builder
	rs := []rune(p)
	var e rune = -1
	if esc != "" {
		e = []rune(esc)[0]
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == e && i+1 < len(rs):
			i++
			sb.WriteString(soql.EscapeLike(string(rs[i])))
		case r == e:
			// a trailing escape character: PostgreSQL rejects it; keep it literal
			sb.WriteString(soql.EscapeLike(string(r)))
		case r == '\\':
			sb.WriteString(`\\`)
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

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
	text, err := appendLit(v.num)
	if err != nil {
		return pushResult{}, true, err
	}
	return pushResult{expr: &soql.Comparison{Left: &soql.FuncCall{Name: sf, Args: []soql.Expr{fieldRef(ref)}}, Op: soqlOp(op), Right: &soql.NumberLit{Text: text}}, exact: true}, true, nil
}

func validOp(op string) bool {
	switch op {
	case "=", "<>", "!=", "<", "<=", ">", ">=":
		return true
	}
	return false
}

func soqlOp(op string) string {
	if op == "<>" {
		return "!="
	}
	return op
}

func flipOp(op string) string {
	switch op {
	case "<":
		return ">"
	case "<=":
		return ">="
	case ">":
		return "<"
	case ">=":
		return "<="
	}
	return op
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
	if f.Type == catalog.TypeBoolean && (op == "<>" || op == "!=") {
		exact = true // booleans are never null in Salesforce
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
		text, err := appendLit(v.num)
		if err != nil {
			return pushResult{}, err
		}
		lit = &soql.NumberLit{Text: text}
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
