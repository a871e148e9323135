package translator

import (
	"strconv"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v5"
	"google.golang.org/protobuf/proto"

	"github.com/soqlgate/soqlgate/soql"
)

// aggregation decides whether GROUP BY, aggregates, HAVING and DISTINCT go
// to Salesforce or run locally.
func (st *selState) aggregation() error {
	b, sel := st.b, st.sel
	if st.b.p.mayWindow && hasWindow(sel) {
		st.needLocal, st.rowChanging = true, true
		b.reason("window function evaluated locally")
	}
	hasAgg := len(sel.GroupClause) > 0 || sel.HavingClause != nil
	for _, t := range st.targets_ {
		if t.agg != nil || t.val != nil && t.col == nil && containsAgg(t.val) {
			hasAgg = true
		}
	}
	distinct := len(sel.DistinctClause) > 0
	if !hasAgg && !distinct {
		return nil
	}
	canPush := st.root != nil && st.root.child == nil && len(st.residual) == 0 && !st.needLocal && !b.localAgg
	if distinct {
		if len(sel.DistinctClause) > 1 || sel.DistinctClause[0] != nil && sel.DistinctClause[0].Node != nil {
			canPush = false // DISTINCT ON
		}
		if hasAgg {
			canPush = false
		}
	}
	if canPush && (len(sel.GroupClause) > 0 || distinct) {
		// The local step of a pushed grouping projects the groups: a sort
		// Salesforce cannot do runs there over the grouped columns, or,
		// when it needs more than they hold, the grouping is local too.
		why, err := st.sortPushable()
		if err != nil {
			return err
		}
		if why != "" {
			if _, ok, err := st.groupedSort(nil); err != nil {
				return err
			} else if ok {
				why = ""
			}
		}
		if why != "" {
			canPush, st.sortLocal = false, true
			b.reason("aggregation done locally: the sort after it is local (%s)", why)
		}
	}
	if canPush {
		why, err := st.pushAggregate(distinct)
		if err != nil {
			return err
		}
		if why == "" {
			st.pushedAgg = true
			return nil
		}
		b.reason("aggregation done locally: %s", why)
	} else if st.sortLocal {
		// reason given above
	} else if b.localAgg {
		b.reason("aggregation done locally: fallback for a grouped query Salesforce refuses (more than 2,000 groups)")
	} else if distinct && !hasAgg {
		b.reason("DISTINCT done locally")
	} else {
		b.reason("aggregation done locally: it runs over locally filtered or joined rows")
	}
	st.needLocal, st.rowChanging = true, true
	return nil
}

// sortPushable says why the ORDER BY of a query whose grouping would be
// pushed cannot go to SOQL with it, or "" when it can.
func (st *selState) sortPushable() (string, error) {
	st.pushedAgg = true
	defer func() { st.pushedAgg = false }()
	for _, n := range st.sel.SortClause {
		s := n.Node.(*pg.Node_SortBy).SortBy
		if s.SortbyDir == pg.SortByDir_SORTBY_USING {
			return "ORDER BY … USING", nil
		}
		e, why, err := st.sortExpr(s.Node)
		if err != nil || e == nil {
			return why, err
		}
	}
	return "", nil
}

// groupedSort is the ORDER BY of a pushed grouping as SQL over its row
// set: ordinals and select-list aliases stay, grouped columns and
// aggregates of the select list become the row set's columns (paths, by
// target, once the scan is built). ok is false when a key needs anything
// else.
func (st *selState) groupedSort(paths []string) ([]*pg.Node, bool, error) {
	b := st.b
	var out []*pg.Node
	for _, n := range st.sel.SortClause {
		sb := proto.Clone(n.Node.(*pg.Node_SortBy).SortBy).(*pg.SortBy)
		if sb.SortbyDir == pg.SortByDir_SORTBY_USING {
			return nil, false, nil
		}
		if k, ok := sb.Node.Node.(*pg.Node_AConst); ok {
			if _, isInt := k.AConst.Val.(*pg.A_Const_Ival); isInt {
				out = append(out, &pg.Node{Node: &pg.Node_SortBy{SortBy: sb}})
				continue
			}
		}
		if name := columnName(sb.Node); name != "" {
			alias := false
			for _, t := range st.targets_ {
				alias = alias || t.alias && equalFold(t.name, name)
			}
			if alias {
				sb.Node = colRefNode(name)
				out = append(out, &pg.Node{Node: &pg.Node_SortBy{SortBy: sb}})
				continue
			}
		}
		ok := true
		var err error
		replace := func(x *pg.Node, i int) {
			if paths != nil {
				x.Node = colRefNode(st.root.name, paths[i]).Node
			}
		}
		walkNodes(sb.Node, func(x *pg.Node) bool {
			if !ok || err != nil {
				return false
			}
			switch v := x.Node.(type) {
			case *pg.Node_FuncCall:
				if !isAggCall(x) {
					return true
				}
				agg, _, _, e := b.aggregate(st.sc, v.FuncCall)
				if e != nil || agg == nil {
					ok, err = false, e
					return false
				}
				for i, t := range st.targets_ {
					if t.agg != nil {
						if ta, _, _, _ := b.aggregate(st.sc, t.agg); ta != nil && aggKey(ta) == aggKey(agg) {
							replace(x, i)
							return false
						}
					}
				}
				ok = false
			case *pg.Node_ColumnRef:
				ref, e := b.resolve(st.sc, v.ColumnRef)
				if e != nil {
					ok, err = false, e
					return false
				}
				for i, t := range st.targets_ {
					if t.col != nil && t.col.key() == ref.key() {
						replace(x, i)
						return false
					}
				}
				ok = false
			case *pg.Node_SubLink:
				ok = false
			}
			return ok
		})
		if !ok || err != nil {
			return nil, false, err
		}
		out = append(out, &pg.Node{Node: &pg.Node_SortBy{SortBy: sb}})
	}
	return out, true, nil
}

// aggKey identifies a SOQL aggregate call: function and field.
func aggKey(f *soql.FuncCall) string {
	k := f.Name
	for _, a := range f.Args {
		if r, ok := a.(*soql.FieldRef); ok {
			k += "|" + strings.Join(r.Path, ".")
		}
	}
	return k
}

// pushAggregate builds a grouped SOQL query, or says why it cannot.
func (st *selState) pushAggregate(distinct bool) (string, error) {
	b, sb := st.b, st.root
	var groups []*colRef
	addGroup := func(r *colRef) string {
		switch {
		case r.t.inChild:
			return "GROUP BY a child field"
		case !r.field.Groupable:
			return "field " + r.field.Name + " is not groupable"
		case b.s.strict() && groupFolds(r.field):
			return "GROUP BY text field " + r.field.Name + " (Salesforce groups case-insensitively)"
		}
		for _, g := range groups {
			if g.key() == r.key() {
				return ""
			}
		}
		groups = append(groups, r)
		return ""
	}
	if distinct {
		for _, t := range st.targets_ {
			if t.col == nil {
				return "DISTINCT over an expression", nil
			}
			if why := addGroup(t.col); why != "" {
				return why, nil
			}
		}
	}
	for _, g := range st.sel.GroupClause {
		r, err := st.targetRef(g)
		if err != nil {
			return "", err
		}
		if r == nil {
			return "GROUP BY an expression", nil
		}
		if why := addGroup(r); why != "" {
			return why, nil
		}
	}
	type item struct {
		expr soql.SelectExpr
		path string
		col  Column
	}
	var items []item
	exprN := 0
	for _, t := range st.targets_ {
		switch {
		case t.col != nil:
			in := false
			for _, g := range groups {
				if g.key() == t.col.key() {
					in = true
				}
			}
			if !in {
				return "", &UnsupportedError{Construct: "column " + t.col.field.Name + " must appear in GROUP BY or be used in an aggregate", Pos: b.p.pos(t.col.loc)}
			}
			items = append(items, item{expr: fieldRef(t.col), path: t.col.field.Name, col: Column{Name: t.name, Path: t.col.field.Name, Field: t.col.field}})
		case t.agg != nil:
			agg, ref, why, err := b.aggregate(st.sc, t.agg)
			if err != nil {
				return "", err
			}
			if agg == nil {
				return why, nil
			}
			c := Column{Name: t.name, Aggregate: agg.Name}
			if ref != nil && agg.Name != "COUNT" && agg.Name != "COUNT_DISTINCT" {
				c.Field = ref.field
			}
			it := item{expr: agg, col: c}
			if t.alias && soqlIdent(t.name) {
				it.path = t.name
			} else {
				it.path = "expr" + strconv.Itoa(exprN)
				exprN++
			}
			it.col.Path = it.path
			items = append(items, it)
		default:
			return "expression over aggregates", nil
		}
	}
	var having []soql.Expr
	for _, cj := range conjuncts(st.sel.HavingClause) {
		c := &pctx{sc: st.sc, sb: sb, fixed: true, having: true}
		r, err := b.push(c, cj)
		if err != nil {
			return "", err
		}
		if r.expr == nil || !r.exact {
			return "HAVING " + orWhy(r.why, "condition Salesforce evaluates differently"), nil
		}
		having = append(having, r.expr)
	}
	sb.q.Select = nil
	sb.cols = nil
	for _, it := range items {
		si := soql.SelectItem{Expr: it.expr}
		if _, isAgg := it.expr.(*soql.FuncCall); isAgg && it.path[:min(4, len(it.path))] != "expr" {
			si.Alias = it.path
		}
		sb.q.Select = append(sb.q.Select, si)
		sc := it.col
		sc.Name = it.path // the row-set column is named by its key
		sb.cols = append(sb.cols, sc)
		st.aggOut = append(st.aggOut, it.col)
	}
	if len(groups) > 0 {
		gb := &soql.GroupBy{}
		for _, g := range groups {
			gb.Fields = append(gb.Fields, fieldRef(g))
		}
		sb.q.GroupBy = gb
	}
	sb.q.Having = soql.AndAll(having...)
	sb.agg = true
	st.grouped = len(groups) > 0
	return "", nil
}

// soqlIdent reports whether s can be a SOQL alias.
func soqlIdent(s string) bool {
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIdentByte(s[i]) || s[i] >= 0x80 {
			return false
		}
	}
	if _, ok := soql.LookupFunc(s); ok {
		return false
	}
	switch lower := toLower(s); lower {
	case "select", "from", "where", "group", "by", "having", "order", "limit", "offset", "and", "or", "not", "in", "like",
		"null", "true", "false", "asc", "desc", "nulls", "first", "last", "with", "using", "includes", "excludes", "for", "update":
		return false
	}
	return true
}

func toLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

// targetRef resolves a GROUP BY / ORDER BY item: an ordinal, a select-list
// alias or a column; nil when it is an expression.
func (st *selState) targetRef(n *pg.Node) (*colRef, error) {
	if k, ok := n.Node.(*pg.Node_AConst); ok {
		if iv, ok := k.AConst.Val.(*pg.A_Const_Ival); ok {
			i := int(iv.Ival.Ival)
			if i < 1 || i > len(st.targets_) {
				return nil, unsupportedAt("position "+strconv.Itoa(i)+" is not in the select list", st.b.p.pos(k.AConst.Location), "")
			}
			return st.targets_[i-1].col, nil
		}
		return nil, nil
	}
	cr, ok := n.Node.(*pg.Node_ColumnRef)
	if !ok {
		return nil, nil
	}
	if name := columnName(n); name != "" {
		for _, t := range st.targets_ {
			if t.alias && equalFold(t.name, name) {
				return t.col, nil
			}
		}
	}
	ref, err := st.b.resolve(st.sc, cr.ColumnRef)
	if err != nil {
		return nil, err
	}
	return &ref, nil
}

func equalFold(a, b string) bool { return toLower(a) == toLower(b) }

// aggregate translates COUNT(*), COUNT(1), COUNT(f), COUNT(DISTINCT f),
// SUM/AVG/MIN/MAX(f). ref is the aggregated column (nil for COUNT(*)).
func (b *builder) aggregate(sc *scope, fc *pg.FuncCall) (*soql.FuncCall, *colRef, string, error) {
	name := funcName(fc)
	if fc.AggFilter != nil || len(fc.AggOrder) > 0 || fc.AggWithinGroup {
		return nil, nil, "aggregate with FILTER or ORDER BY", nil
	}
	if name == "count" && (fc.AggStar || len(fc.Args) == 1 && isConstNode(fc.Args[0])) {
		if fc.AggDistinct {
			return nil, nil, "COUNT(DISTINCT constant)", nil
		}
		return &soql.FuncCall{Name: "COUNT", Args: []soql.Expr{&soql.FieldRef{Path: []string{"Id"}}}}, nil, "", nil
	}
	if len(fc.Args) != 1 {
		return nil, nil, name + " with several arguments", nil
	}
	cr, ok := fc.Args[0].Node.(*pg.Node_ColumnRef)
	if !ok {
		return nil, nil, name + " over an expression", nil
	}
	ref, err := b.resolve(sc, cr.ColumnRef)
	if err != nil {
		return nil, nil, "", err
	}
	if ref.t.inChild {
		return nil, nil, "aggregate over a child field", nil
	}
	soqlName := map[string]string{"count": "COUNT", "sum": "SUM", "avg": "AVG", "min": "MIN", "max": "MAX"}[name]
	if fc.AggDistinct {
		if name != "count" {
			return nil, nil, name + "(DISTINCT …)", nil
		}
		soqlName = "COUNT_DISTINCT"
	}
	if !ref.field.Aggregatable {
		return nil, nil, "field " + ref.field.Name + " is not aggregatable", nil
	}
	if (name == "sum" || name == "avg") && !isNumberType(ref.field.Type) {
		return nil, nil, name + " over a non-number", nil
	}
	if name == "avg" && b.s.strict() {
		// PostgreSQL's avg is exact numeric; Salesforce's is a double.
		return nil, nil, "AVG is a double in Salesforce, exact numeric in PostgreSQL", nil
	}
	if (name == "min" || name == "max") && b.s.strict() && orderDiffers(ref.field) != "" {
		return nil, nil, name + " of " + orderDiffers(ref.field), nil
	}
	return &soql.FuncCall{Name: soqlName, Args: []soql.Expr{fieldRef(&ref)}}, &ref, "", nil
}

func isConstNode(n *pg.Node) bool {
	k, ok := n.Node.(*pg.Node_AConst)
	return ok && !k.AConst.Isnull
}
