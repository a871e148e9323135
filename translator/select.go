package translator

import (
	"slices"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v5"
	"google.golang.org/protobuf/proto"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/soql"
)

// selOut is a translated SELECT: either the rows of one scan (local nil;
// output columns carry their SOQL paths) or a local query over scans.
type selOut struct {
	local  *pg.SelectStmt
	output []Column
}

// target is one select-list entry after * expansion.
type target struct {
	val   *pg.Node // the expression; nil for a *-expanded column
	name  string   // result name
	col   *colRef  // set for a plain column
	agg   *pg.FuncCall
	alias bool
}

// selectStmt translates a SELECT. With needLocal the result always has a
// local query (a subquery or a UNION arm is SQL over row sets).
func (b *builder) selectStmt(sel *pg.SelectStmt, needLocal bool) (*selOut, error) {
	if sel.Op != pg.SetOperation_SETOP_NONE && sel.Op != pg.SetOperation_SET_OPERATION_UNDEFINED {
		return b.setOp(sel)
	}
	switch {
	case sel.WithClause != nil:
		return nil, unsupportedAt("WITH", b.p.base, "write the subquery inline")
	case len(sel.ValuesLists) > 0:
		return nil, unsupportedAt("VALUES as a query", b.p.base, "")
	case sel.IntoClause != nil:
		return nil, unsupportedAt("SELECT INTO", b.p.base, "")
	case len(sel.LockingClause) > 0:
		return nil, unsupportedAt("FOR UPDATE / FOR SHARE", b.p.base, "Salesforce has no row locks")
	}
	if len(sel.FromClause) == 0 {
		b.reason("no FROM clause: evaluated locally")
		loc := proto.Clone(sel).(*pg.SelectStmt)
		return &selOut{local: loc, output: b.localOutput(&scope{}, loc.TargetList)}, nil
	}
	sc, items, err := b.fromClause(sel.FromClause)
	if err != nil {
		return nil, err
	}
	root, filters, err := b.planJoins(sc, items)
	if err != nil {
		return nil, err
	}
	if root == nil {
		for _, t := range sc.tables {
			t.sb = b.newScan(t.obj)
		}
		markNullable(items)
		if len(sc.tables) > 1 && !b.shapeReason {
			b.reason("join not along a relationship: tables read separately and joined locally")
		}
		b.shapeReason = false
	}
	st := &selState{b: b, sel: sel, sc: sc, root: root}
	if err := st.where(filters); err != nil {
		return nil, err
	}
	if err := st.targets(); err != nil {
		return nil, err
	}
	if err := st.aggregation(); err != nil {
		return nil, err
	}
	if err := st.orderAndLimit(); err != nil {
		return nil, err
	}
	if !st.needLocal && !needLocal {
		return &selOut{output: st.pushedOutput()}, nil
	}
	return st.localQuery()
}

// selState carries the analysis of one SELECT.
type selState struct {
	b        *builder
	sel      *pg.SelectStmt
	sc       *scope
	root     *scanBuilder // the single scan, when all tables are one SOQL query
	residual []*pg.Node   // WHERE conjuncts evaluated locally
	targets_ []target
	// Decisions.
	needLocal   bool
	rowChanging bool // the local step filters, sorts, groups or joins
	pushedAgg   bool
	sortLocal   bool // grouping kept local because its ORDER BY is local
	pushedOrder bool
	pushedLimit bool
	limitKeep   bool // keep LIMIT/OFFSET in the local step too
	aggOut      []Column
	quals       []*pg.Node // local join conditions, rewritten after the select list
	grouped     bool
}

// fromClause builds the scope and the join trees of FROM.
func (b *builder) fromClause(from []*pg.Node) (*scope, []*jnode, error) {
	sc := &scope{}
	var items []*jnode
	for _, n := range from {
		j, err := b.joinTree(sc, n)
		if err != nil {
			return nil, nil, err
		}
		items = append(items, j)
	}
	return sc, items, nil
}

// jnode is a FROM item: a table or a join of two items.
type jnode struct {
	t     *table
	l, r  *jnode
	jt    pg.JoinType
	quals *pg.Node
	loc   int32
}

func (j *jnode) tables(out []*table) []*table {
	if j.t != nil {
		return append(out, j.t)
	}
	return j.r.tables(j.l.tables(out))
}

func (j *jnode) has(t *table) bool {
	if j.t != nil {
		return j.t == t
	}
	return j.l.has(t) || j.r.has(t)
}

func (b *builder) joinTree(sc *scope, n *pg.Node) (*jnode, error) {
	switch x := n.Node.(type) {
	case *pg.Node_RangeVar:
		rv := x.RangeVar
		obj, err := b.object(rv.Relname, rv.Location)
		if err != nil {
			return nil, err
		}
		t := &table{alias: rv.Relname, name: b.p.originalName(rv.Relname, rv.Location), obj: obj, loc: rv.Location}
		if rv.Alias != nil {
			t.alias = rv.Alias.Aliasname
		}
		if sc.byAlias(t.alias) != nil {
			return nil, &UnsupportedError{Construct: "table name " + t.alias + " used twice", Pos: b.p.pos(rv.Location), Hint: "give each occurrence an alias"}
		}
		sc.tables = append(sc.tables, t)
		return &jnode{t: t}, nil
	case *pg.Node_JoinExpr:
		je := x.JoinExpr
		if je.IsNatural || len(je.UsingClause) > 0 {
			return nil, unsupportedAt("NATURAL / USING join", b.p.base, "write JOIN … ON a.Field = b.Id")
		}
		l, err := b.joinTree(sc, je.Larg)
		if err != nil {
			return nil, err
		}
		r, err := b.joinTree(sc, je.Rarg)
		if err != nil {
			return nil, err
		}
		return &jnode{l: l, r: r, jt: je.Jointype, quals: je.Quals}, nil
	case *pg.Node_RangeSubselect:
		return nil, unsupportedAt("subquery in FROM", b.p.base, "join the objects directly")
	case *pg.Node_RangeFunction:
		return nil, unsupportedAt("function in FROM", b.p.base, "")
	}
	return nil, unsupportedAt("FROM item "+nodeKind(n), b.p.base, "")
}

// markNullable flags tables on the nullable side of outer joins.
func markNullable(items []*jnode) {
	var walk func(j *jnode)
	mark := func(j *jnode) {
		for _, t := range j.tables(nil) {
			t.nullable = true
		}
	}
	walk = func(j *jnode) {
		if j.t != nil {
			return
		}
		switch j.jt {
		case pg.JoinType_JOIN_LEFT:
			mark(j.r)
		case pg.JoinType_JOIN_RIGHT:
			mark(j.l)
		case pg.JoinType_JOIN_FULL:
			mark(j.l)
			mark(j.r)
		}
		walk(j.l)
		walk(j.r)
	}
	for _, j := range items {
		walk(j)
	}
}

// edge is a join condition along a relationship: child.field = parent.Id.
type edge struct {
	child, parent *table
	field         *catalog.Field
	inner         bool
	nullable      map[*table]bool
}

// placement is one way of reading all tables with one SOQL query.
type placement struct {
	root    *table
	path    map[*table][]string
	inChild map[*table]bool
	child   *table
	outer   bool
	filters []joinFilter
}

// joinFilter is the "fk != null" an inner join adds.
type joinFilter struct {
	path    []string
	inChild bool
}

// planJoins tries to read the whole FROM clause as one SOQL query (child to
// parent joins as dotted paths, parent to child as a subquery). It returns
// nil when the tables must be read separately and joined locally.
func (b *builder) planJoins(sc *scope, items []*jnode) (*scanBuilder, []joinFilter, error) {
	if len(items) != 1 {
		return nil, nil, nil
	}
	var edges []edge
	ok := true
	var collect func(j *jnode) error
	collect = func(j *jnode) error {
		if j.t != nil || !ok {
			return nil
		}
		if err := collect(j.l); err != nil {
			return err
		}
		if err := collect(j.r); err != nil {
			return err
		}
		e, good, err := b.joinEdge(sc, j)
		if err != nil {
			return err
		}
		if !good {
			ok = false
			return nil
		}
		edges = append(edges, e)
		return nil
	}
	if err := collect(items[0]); err != nil {
		return nil, nil, err
	}
	if !ok {
		return nil, nil, nil
	}
	var best *placement
	for _, r := range sc.tables {
		p := tryRoot(r, sc.tables, edges)
		if p == nil {
			continue
		}
		if p.child == nil {
			best = p
			break
		}
		if best == nil {
			best = p
		}
	}
	if best == nil {
		if len(sc.tables) > 1 {
			b.reason("join shape SOQL cannot express: tables read separately and joined locally")
			b.shapeReason = true
		}
		return nil, nil, nil
	}
	sb := b.newScan(best.root.obj)
	for _, t := range sc.tables {
		t.sb, t.path, t.inChild = sb, best.path[t], best.inChild[t]
	}
	if best.child != nil {
		rel := childRelationship(best.root, best.child, edges)
		sb.child = &childPart{rel: rel, obj: best.child.obj, q: &soql.Query{From: soql.From{Object: rel}}, outer: best.outer}
	}
	return sb, best.filters, nil
}

func childRelationship(parent, child *table, edges []edge) string {
	for _, e := range edges {
		if e.parent == parent && e.child == child {
			for _, cr := range parent.obj.ChildRelationships {
				if cr.RelationshipName != "" && strings.EqualFold(cr.ChildObject, child.obj.Name) && strings.EqualFold(cr.Field, e.field.Name) {
					return cr.RelationshipName
				}
			}
		}
	}
	return ""
}

// joinEdge recognises ON child.Ref = parent.Id.
func (b *builder) joinEdge(sc *scope, j *jnode) (edge, bool, error) {
	if j.quals == nil || j.jt == pg.JoinType_JOIN_FULL {
		return edge{}, false, nil
	}
	ae, ok := j.quals.Node.(*pg.Node_AExpr)
	if !ok || ae.AExpr.Kind != pg.A_Expr_Kind_AEXPR_OP || opName(ae.AExpr.Name) != "=" {
		return edge{}, false, nil
	}
	lc, ok1 := ae.AExpr.Lexpr.Node.(*pg.Node_ColumnRef)
	rc, ok2 := ae.AExpr.Rexpr.Node.(*pg.Node_ColumnRef)
	if !ok1 || !ok2 {
		return edge{}, false, nil
	}
	l, err := b.resolve(sc, lc.ColumnRef)
	if err != nil {
		return edge{}, false, err
	}
	r, err := b.resolve(sc, rc.ColumnRef)
	if err != nil {
		return edge{}, false, err
	}
	if len(l.path) != 1 || len(r.path) != 1 {
		return edge{}, false, nil
	}
	if !(j.l.has(l.t) && j.r.has(r.t) || j.l.has(r.t) && j.r.has(l.t)) {
		return edge{}, false, nil
	}
	for _, pair := range [][2]colRef{{l, r}, {r, l}} {
		c, p := pair[0], pair[1]
		if c.field.Type != catalog.TypeReference || p.field.Type != catalog.TypeID || c.field.RelationshipName == "" {
			continue
		}
		for _, to := range c.field.ReferenceTo {
			if strings.EqualFold(to, p.t.obj.Name) {
				e := edge{child: c.t, parent: p.t, field: c.field, inner: j.jt == pg.JoinType_JOIN_INNER, nullable: map[*table]bool{}}
				var side *jnode
				switch j.jt {
				case pg.JoinType_JOIN_LEFT:
					side = j.r
				case pg.JoinType_JOIN_RIGHT:
					side = j.l
				}
				if side != nil {
					for _, t := range side.tables(nil) {
						e.nullable[t] = true
					}
				}
				return e, true, nil
			}
		}
	}
	return edge{}, false, nil
}

// tryRoot places every table relative to root, or returns nil.
func tryRoot(root *table, tables []*table, edges []edge) *placement {
	p := &placement{root: root, path: map[*table][]string{root: nil}, inChild: map[*table]bool{}, outer: true}
	placed := map[*table]bool{root: true}
	for progress := true; progress; {
		progress = false
		for _, e := range edges {
			var u, v *table
			switch {
			case placed[e.child] && !placed[e.parent]:
				u, v = e.child, e.parent
			case placed[e.parent] && !placed[e.child]:
				u, v = e.parent, e.child
			default:
				continue
			}
			if !e.inner && (!e.nullable[v] || e.nullable[u]) {
				return nil
			}
			if v == e.parent {
				p.path[v] = append(append([]string{}, p.path[u]...), e.field.RelationshipName)
				p.inChild[v] = p.inChild[u]
				if e.inner {
					p.filters = append(p.filters, joinFilter{path: append(append([]string{}, p.path[u]...), e.field.Name), inChild: p.inChild[u]})
					if p.inChild[u] {
						p.outer = false
					}
				}
			} else {
				if u != root || p.child != nil {
					return nil
				}
				found := false
				for _, cr := range root.obj.ChildRelationships {
					if cr.RelationshipName != "" && strings.EqualFold(cr.ChildObject, v.obj.Name) && strings.EqualFold(cr.Field, e.field.Name) {
						found = true
					}
				}
				if !found {
					return nil
				}
				p.child, p.path[v], p.inChild[v] = v, nil, true
				if e.inner {
					p.outer = false
				}
			}
			placed[v] = true
			progress = true
		}
	}
	for _, t := range tables {
		if !placed[t] {
			return nil
		}
	}
	return p
}

// where splits WHERE into pushed and residual conjuncts, then adds the
// inner-join filters.
func (st *selState) where(filters []joinFilter) error {
	b := st.b
	for _, cj := range conjuncts(st.sel.WhereClause) {
		c := &pctx{sc: st.sc, top: true}
		if st.root != nil {
			c.sb = st.root
		}
		r, err := b.push(c, cj)
		if err != nil {
			return err
		}
		if c.sb == nil {
			c.sb = st.root
		}
		// A condition on the child of an outer parent-to-child join: a
		// null-rejecting one turns the join inner; others stay local.
		if r.expr != nil && c.child && c.sb.child.outer {
			if !nullRejecting(cj) {
				r = local("condition on the child of an outer join")
			} else {
				c.sb.child.outer = false
			}
		}
		switch {
		case r.constant == -1:
			if c.sb == nil {
				for _, sb := range b.scans {
					sb.empty = true
				}
			} else {
				c.sb.empty = true
			}
			if !r.exact {
				st.residual = append(st.residual, cj)
			}
			b.reason("condition is never true: no rows")
		case r.constant == 1:
			if !r.exact {
				st.residual = append(st.residual, cj)
			}
		case r.expr != nil:
			if c.child {
				c.sb.child.where = append(c.sb.child.where, r.expr)
			} else {
				c.sb.where = append(c.sb.where, r.expr)
			}
			if !r.exact {
				st.residual = append(st.residual, cj)
				b.reason("rechecked locally: %s (%s)", b.snippet(cj), orWhy(r.why, "Salesforce's comparison differs: case, nulls"))
			}
		default:
			st.residual = append(st.residual, cj)
			b.reason("local filter %s: %s", b.snippet(cj), r.why)
		}
	}
	for _, f := range filters {
		e := &soql.Comparison{Left: &soql.FieldRef{Path: f.path}, Op: "!=", Right: &soql.NullLit{}}
		if f.inChild {
			st.root.child.where = append(st.root.child.where, e)
		} else {
			st.root.where = append(st.root.where, e)
		}
	}
	if len(st.residual) > 0 {
		st.needLocal, st.rowChanging = true, true
	}
	if st.root == nil {
		st.needLocal, st.rowChanging = true, true
	}
	return nil
}

// nullRejecting reports a condition that is never true when its columns
// are null.
func nullRejecting(n *pg.Node) bool {
	switch x := n.Node.(type) {
	case *pg.Node_AExpr:
		return x.AExpr.Kind != pg.A_Expr_Kind_AEXPR_DISTINCT && x.AExpr.Kind != pg.A_Expr_Kind_AEXPR_NOT_DISTINCT
	case *pg.Node_NullTest:
		return x.NullTest.Nulltesttype == pg.NullTestType_IS_NOT_NULL
	case *pg.Node_SubLink:
		return true
	}
	return false
}

// targets expands * and classifies the select list.
func (st *selState) targets() error {
	b := st.b
	for _, n := range st.sel.TargetList {
		rt := n.Node.(*pg.Node_ResTarget).ResTarget
		if cr, ok := rt.Val.Node.(*pg.Node_ColumnRef); ok {
			if _, star := cr.ColumnRef.Fields[len(cr.ColumnRef.Fields)-1].Node.(*pg.Node_AStar); star {
				tabs := st.sc.tables
				if len(cr.ColumnRef.Fields) == 2 {
					t := st.sc.byAlias(strOf(cr.ColumnRef.Fields[0]))
					if t == nil {
						return &ResolveError{Kind: "table", Name: strOf(cr.ColumnRef.Fields[0]), Pos: b.p.pos(cr.ColumnRef.Location)}
					}
					tabs = []*table{t}
				}
				for _, t := range tabs {
					fields := starFields(t.obj)
					// One allocation each for the refs and their paths.
					refs := make([]colRef, len(fields))
					names := make([]string, len(fields))
					st.targets_ = slices.Grow(st.targets_, len(fields))
					for i, f := range fields {
						names[i] = f.Name
						refs[i] = colRef{t: t, path: names[i : i+1 : i+1], field: f, loc: cr.ColumnRef.Location}
						st.targets_ = append(st.targets_, target{name: f.Name, col: &refs[i]})
					}
				}
				continue
			}
			ref, err := b.resolve(st.sc, cr.ColumnRef)
			if err != nil {
				return err
			}
			tg := target{val: rt.Val, col: &ref, name: ref.field.Name}
			if rt.Name != "" {
				tg.name, tg.alias = b.aliasName(rt), true
			}
			st.targets_ = append(st.targets_, tg)
			continue
		}
		tg := target{val: rt.Val, name: defaultName(rt.Val)}
		if rt.Name != "" {
			tg.name, tg.alias = b.aliasName(rt), true
		}
		if isAggCall(rt.Val) {
			tg.agg = rt.Val.Node.(*pg.Node_FuncCall).FuncCall
		} else {
			st.needLocal = true
			b.reason("expression in the select list: %s", b.snippet(rt.Val))
		}
		st.targets_ = append(st.targets_, tg)
	}
	return nil
}

// starFields are the fields SELECT * reads: every field describe lists
// (compound parents and base64 included; the Bulk variant drops them).
func starFields(o *catalog.Object) []*catalog.Field {
	out := make([]*catalog.Field, 0, len(o.Fields))
	for _, f := range o.Fields {
		if !f.DeprecatedAndHidden {
			out = append(out, f)
		}
	}
	return out
}

// aliasName is the alias as the user spelled it.
func (b *builder) aliasName(rt *pg.ResTarget) string {
	start := b.p.pos(rt.Location)
	s := b.p.src
	if start < 0 || start >= len(s) {
		return rt.Name
	}
	// Find the alias after the expression: the last whole-word match.
	lower := strings.ToLower(s)
	name := strings.ToLower(rt.Name)
	best := -1
	for i := start; ; {
		j := strings.Index(lower[i:], name)
		if j < 0 {
			break
		}
		k := i + j
		if (k == 0 || !isIdentByte(s[k-1])) && (k+len(name) == len(s) || !isIdentByte(s[k+len(name)])) && (k == 0 || s[k-1] != '"') {
			best = k
			break
		}
		i = k + 1
	}
	if best < 0 {
		return rt.Name
	}
	// Prefer the match after AS when the expression itself contains the name.
	if as := strings.Index(lower[start:], " as "+name); as >= 0 {
		best = start + as + 4
	}
	if best+len(name) <= len(s) {
		return s[best : best+len(name)]
	}
	return rt.Name
}

// defaultName is PostgreSQL's name for an unaliased expression.
func defaultName(n *pg.Node) string {
	switch x := n.Node.(type) {
	case *pg.Node_FuncCall:
		return funcName(x.FuncCall)
	case *pg.Node_TypeCast:
		if _, ok := x.TypeCast.Arg.Node.(*pg.Node_AConst); !ok {
			return defaultName(x.TypeCast.Arg)
		}
		return typeName(x.TypeCast.TypeName)
	case *pg.Node_ColumnRef:
		return strOf(x.ColumnRef.Fields[len(x.ColumnRef.Fields)-1])
	case *pg.Node_CaseExpr:
		return "case"
	case *pg.Node_CoalesceExpr:
		return "coalesce"
	}
	return "?column?"
}

func isAggCall(n *pg.Node) bool {
	fc, ok := n.Node.(*pg.Node_FuncCall)
	if !ok || fc.FuncCall.Over != nil {
		return false
	}
	switch funcName(fc.FuncCall) {
	case "count", "sum", "avg", "min", "max":
		return true
	}
	return false
}

func containsAgg(n proto.Message) bool {
	found := false
	walkNodes(n, func(x *pg.Node) bool {
		if found {
			return false
		}
		if _, ok := x.Node.(*pg.Node_SubLink); ok {
			return false
		}
		if isAggCall(x) {
			found = true
			return false
		}
		return true
	})
	return found
}

func hasWindow(n proto.Message) bool {
	found := false
	walkNodes(n, func(x *pg.Node) bool {
		if fc, ok := x.Node.(*pg.Node_FuncCall); ok && fc.FuncCall.Over != nil {
			found = true
		}
		return !found
	})
	return found
}
