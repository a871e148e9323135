package translator

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"

	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/soql"
)

// builder holds the state of one translation.
type builder struct {
	p       *prepared
	snap    *catalog.Snapshot
	s       Settings
	scans   []*scanBuilder
	params  map[int]*Param
	need    []string
	reasons []string
	// shapeReason: planJoins already said why the join is local.
	shapeReason bool
	// localAgg forces aggregation local (the Fallback plan).
	localAgg bool
	// outer are the scopes of the queries enclosing a subquery (for the
	// correlated-subquery error).
	outer []*scope
}

// scanBuilder accumulates one SOQL query.
type scanBuilder struct {
	name     string
	obj      *catalog.Object
	q        *soql.Query
	where    []soql.Expr
	cols     []Column
	colIdx   map[string]int
	child    *childPart
	queryAll bool
	empty    bool
	chunkIn  *soql.In // a top-level IN too long for one statement
	agg      bool
	refs     []soql.FieldRef // allocated in bulk for addColumn's select items
}

// childPart is the parent-to-child subquery of a scan.
type childPart struct {
	rel   string
	obj   *catalog.Object
	q     *soql.Query
	where []soql.Expr
	outer bool
}

func (b *builder) newScan(obj *catalog.Object) *scanBuilder {
	sb := &scanBuilder{name: "s" + strconv.Itoa(len(b.scans)+1), obj: obj, q: &soql.Query{From: soql.From{Object: obj.Name}}, colIdx: map[string]int{}}
	b.scans = append(b.scans, sb)
	return sb
}

// addColumn makes sure the scan selects c and returns its row-set name.
func (sb *scanBuilder) addColumn(c colRef) string {
	return sb.cols[sb.addColumnAt(c)].Name
}

// addColumnAt is addColumn returning the column's index in sb.cols.
func (sb *scanBuilder) addColumnAt(c colRef) int {
	key := c.key()
	if i, ok := sb.colIdx[key]; ok {
		return i
	}
	path := c.soqlPath()
	col := Column{Name: key, Path: joinPath(path), Field: c.field, Child: c.t.inChild}
	i := len(sb.cols)
	sb.colIdx[key] = i
	sb.cols = append(sb.cols, col)
	if len(sb.refs) == 0 {
		sb.refs = make([]soql.FieldRef, 8)
	}
	ref := &sb.refs[0]
	sb.refs = sb.refs[1:]
	ref.Path = path
	item := soql.SelectItem{Expr: ref}
	if c.t.inChild {
		sb.child.q.Select = append(sb.child.q.Select, item)
	} else {
		sb.q.Select = append(sb.q.Select, item)
	}
	return i
}

// reserve makes room for n more columns at once (a * over a wide object):
// one allocation instead of a growth per column.
func (sb *scanBuilder) reserve(n int) {
	if n < 32 {
		return
	}
	sb.cols = slices.Grow(sb.cols, n)
	sb.q.Select = slices.Grow(sb.q.Select, n)
	if len(sb.refs) < n {
		sb.refs = make([]soql.FieldRef, n)
	}
	m := make(map[string]int, len(sb.colIdx)+n)
	maps.Copy(m, sb.colIdx)
	sb.colIdx = m
}

func joinPath(p []string) string {
	if len(p) == 1 {
		return p[0] // no copy: the common one-field path
	}
	n := 0
	for _, s := range p {
		n += len(s) + 1
	}
	buf := make([]byte, 0, n)
	for i, s := range p {
		if i > 0 {
			buf = append(buf, '.')
		}
		buf = append(buf, s...)
	}
	return string(buf)
}

// noteParam records parameter n, typed by f when f is known.
func (b *builder) noteParam(n int, f *catalog.Field) {
	if b.params == nil {
		b.params = map[int]*Param{}
	}
	p := b.params[n]
	if p == nil {
		p = &Param{Index: n, Type: "text"}
		if b.s.Args != nil && n <= len(b.s.Args) {
			p.Value = b.s.Args[n-1]
		}
		b.params[n] = p
	}
	if f != nil && p.Field == nil {
		p.Field = f
		p.Type = f.SQL.Name
		if p.Type == "" {
			p.Type = catalog.TypeOf(f).Name
		}
	}
}

func (b *builder) reason(format string, args ...any) {
	r := fmt.Sprintf(format, args...)
	for _, x := range b.reasons {
		if x == r {
			return
		}
	}
	b.reasons = append(b.reasons, r)
}

// build translates a prepared statement.
func build(p *prepared, snap *catalog.Snapshot, s Settings) (*Plan, error) {
	b := &builder{p: p, snap: snap, s: s}
	var plan *Plan
	var err error
	switch {
	case p.report != nil:
		plan = &Plan{Kind: KindReport, Mode: ModeSQL, Report: p.report}
	case p.soql != nil:
		plan, err = b.soqlPlan(p.soql)
	default:
		plan, err = b.statement(p.stmt)
	}
	if len(b.need) > 0 {
		sort.Strings(b.need)
		return nil, &NeedObjectsError{Objects: b.need}
	}
	if err != nil {
		if errors.Is(err, errNeed) {
			return nil, fmt.Errorf("translator: internal: describe needed but not recorded")
		}
		return nil, err
	}
	n := p.nparams
	for k := range b.params {
		if k > n {
			n = k
		}
	}
	for i := 1; i <= n; i++ {
		if prm, ok := b.params[i]; ok {
			plan.Params = append(plan.Params, *prm)
		} else {
			plan.Params = append(plan.Params, Param{Index: i, Type: "text"})
		}
	}
	plan.Bound = len(plan.Params) == 0 || s.Args != nil
	plan.prep = p
	if p.explain {
		return &Plan{Kind: KindExplain, Mode: plan.Mode, Explained: plan, Params: plan.Params, Bound: plan.Bound, prep: p,
			Output: []Column{{Name: "QUERY PLAN"}}}, nil
	}
	return plan, nil
}

// statement dispatches on the statement type.
func (b *builder) statement(n *pg.Node) (*Plan, error) {
	switch x := n.Node.(type) {
	case *pg.Node_SelectStmt:
		return b.queryPlan(x.SelectStmt)
	case *pg.Node_InsertStmt:
		return b.insertPlan(x.InsertStmt)
	case *pg.Node_UpdateStmt:
		return b.updatePlan(x.UpdateStmt)
	case *pg.Node_DeleteStmt:
		return b.deletePlan(x.DeleteStmt)
	case *pg.Node_ExplainStmt:
		return nil, unsupportedAt("EXPLAIN options", b.p.base, "write EXPLAIN <statement>")
	}
	return nil, unsupportedAt(stmtName(n), b.p.base, "soqlgate translates SELECT, INSERT, UPDATE, DELETE, EXPLAIN and {call}")
}

func stmtName(n *pg.Node) string {
	name := fmt.Sprintf("%T", n.Node)
	if len(name) > len("*pg_query.Node_") {
		name = name[len("*pg_query.Node_"):]
	}
	return "statement " + name
}

// useAllParams makes the local step name every parameter of the
// statement: it takes all of the statement's arguments (LocalStep.SQL),
// and PostgreSQL, like localsql, refuses more arguments than a statement
// has. A parameter only the pushed SOQL used gets a condition that is
// always true, typed as the parameter is.
func (b *builder) useAllParams(sel *pg.SelectStmt) {
	n := b.p.nparams
	for k := range b.params {
		n = max(n, k)
	}
	if n == 0 {
		return
	}
	arm := sel // a set operation names them in its first arm
	for arm.Op != pg.SetOperation_SETOP_NONE && arm.Op != pg.SetOperation_SET_OPERATION_UNDEFINED && arm.Larg != nil {
		arm = arm.Larg
	}
	used := map[int]bool{}
	walkNodes(sel, func(x *pg.Node) bool {
		if pr, ok := x.Node.(*pg.Node_ParamRef); ok {
			used[int(pr.ParamRef.Number)] = true
		}
		return true
	})
	conds := b.unusedParams(used)
	if len(conds) == 0 {
		return
	}
	if arm.WhereClause != nil {
		conds = append([]*pg.Node{arm.WhereClause}, conds...)
	}
	arm.WhereClause = andOf(conds)
	b.reason(paramsWhy)
}

const paramsWhy = "parameters the pushed SOQL holds are named in an always-true condition: the local step takes all the statement's arguments"

// unusedParams is "($k::type IS NULL OR TRUE)" for each parameter not in
// used.
func (b *builder) unusedParams(used map[int]bool) []*pg.Node {
	n := b.p.nparams
	for k := range b.params {
		n = max(n, k)
	}
	var conds []*pg.Node
	for k := 1; k <= n; k++ {
		if used[k] {
			continue
		}
		typ := "text" // PostgreSQL's internal names (bool, int4, varchar, …)
		if prm := b.params[k]; prm != nil && prm.Field != nil {
			typ = prm.Field.SQL.Base
			if typ == "" {
				typ = catalog.TypeOf(prm.Field).Base
			}
		} else if prm != nil && prm.Type == "bigint" {
			typ = "int8"
		}
		names := []*pg.Node{pg.MakeStrNode(typ)}
		if _, kw := catalogTypeKeywords[typ]; kw {
			names = append([]*pg.Node{pg.MakeStrNode("pg_catalog")}, names...)
		}
		ref := &pg.Node{Node: &pg.Node_TypeCast{TypeCast: &pg.TypeCast{
			Arg:      &pg.Node{Node: &pg.Node_ParamRef{ParamRef: &pg.ParamRef{Number: int32(k), Location: -1}}},
			TypeName: &pg.TypeName{Names: names, Typemod: -1, Location: -1},
			Location: -1,
		}}}
		isNull := &pg.Node{Node: &pg.Node_NullTest{NullTest: &pg.NullTest{Arg: ref, Nulltesttype: pg.NullTestType_IS_NULL, Location: -1}}}
		conds = append(conds, &pg.Node{Node: &pg.Node_BoolExpr{BoolExpr: &pg.BoolExpr{Boolop: pg.BoolExprType_OR_EXPR,
			Args: []*pg.Node{isNull, {Node: &pg.Node_AConst{AConst: &pg.A_Const{Val: &pg.A_Const_Boolval{Boolval: &pg.Boolean{Boolval: true}}, Location: -1}}}}, Location: -1}}})
	}
	return conds
}

// queryPlan translates a top-level SELECT.
func (b *builder) queryPlan(sel *pg.SelectStmt) (*Plan, error) {
	out, err := b.selectStmt(sel, false)
	if err != nil {
		return nil, err
	}
	plan := &Plan{Kind: KindQuery, Mode: ModeSQL, Output: out.output}
	if out.local != nil {
		b.useAllParams(out.local)
		text, err := printSQL(out.local)
		if err != nil {
			return nil, fmt.Errorf("translator: printing the local step: %w", err)
		}
		plan.Local = &LocalStep{SQL: text, Columns: out.output, Reasons: b.reasons}
	}
	for _, sb := range b.scans {
		plan.Scans = append(plan.Scans, b.finishScan(sb))
	}
	b.splitWide(plan)
	var buf []byte // one buffer for all the length checks
	for _, sc := range plan.Scans {
		for _, q := range append([]*soql.Query{sc.SOQL}, sc.More...) {
			buf = soql.AppendQuery(buf[:0], q)
			if n := len(buf); n > soql.MaxStatementLength {
				return nil, unsupportedAt("a SOQL statement of "+strconv.Itoa(n)+" characters (Salesforce takes 100,000)", b.p.base,
					"split the condition, or move long lists into IN (…) on one field, which is sent in chunks")
			}
		}
	}
	plan.snap, plan.set, plan.sel = b.snap, b.s, sel
	return plan, nil
}
