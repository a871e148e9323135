package localsql

import (
	"strconv"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// Grouping sets (ROLLUP, CUBE, GROUPING SETS), which BI tools send for
// subtotals, become a UNION ALL of one grouped query per set; in each, the
// grouping columns outside the set read as NULL (outside aggregate
// arguments) and GROUPING() is a constant.

// groupingKey names a grouping item; only column references are supported.
func groupingKey(n *pg_query.Node) (string, bool) {
	cr := n.GetColumnRef()
	if cr == nil {
		return "", false
	}
	return strings.ToLower(nodeString(cr.Fields[len(cr.Fields)-1])), true
}

// groupingSetsOf expands GROUP BY into its sets, or returns nil when there
// is no grouping-set construct.
func groupingSetsOf(group []*pg_query.Node) ([][]*pg_query.Node, error) {
	var plain []*pg_query.Node
	var gs *pg_query.GroupingSet
	for _, g := range group {
		if s := g.GetGroupingSet(); s != nil {
			if gs != nil {
				return nil, errf(codeFeature, "more than one grouping-set construct in GROUP BY is not supported")
			}
			gs = s
			continue
		}
		plain = append(plain, g)
	}
	if gs == nil {
		return nil, nil
	}
	items := func(n *pg_query.Node) []*pg_query.Node {
		if s := n.GetGroupingSet(); s != nil {
			return s.Content // (a, b) inside SETS, or () when empty
		}
		if r := n.GetRowExpr(); r != nil {
			return r.Args
		}
		return []*pg_query.Node{n}
	}
	var sets [][]*pg_query.Node
	switch gs.Kind {
	case pg_query.GroupingSetKind_GROUPING_SET_ROLLUP:
		for i := len(gs.Content); i >= 0; i-- {
			var set []*pg_query.Node
			for _, c := range gs.Content[:i] {
				set = append(set, items(c)...)
			}
			sets = append(sets, set)
		}
	case pg_query.GroupingSetKind_GROUPING_SET_CUBE:
		n := len(gs.Content)
		if n > 8 {
			return nil, errf(codeFeature, "CUBE of more than 8 items is not supported")
		}
		for mask := (1 << n) - 1; mask >= 0; mask-- {
			var set []*pg_query.Node
			for i, c := range gs.Content {
				if mask&(1<<(n-1-i)) != 0 {
					set = append(set, items(c)...)
				}
			}
			sets = append(sets, set)
		}
	case pg_query.GroupingSetKind_GROUPING_SET_SETS:
		for _, c := range gs.Content {
			sets = append(sets, items(c))
		}
	case pg_query.GroupingSetKind_GROUPING_SET_EMPTY:
		sets = append(sets, nil)
	default:
		return nil, errf(codeFeature, "unsupported grouping set")
	}
	for i := range sets {
		sets[i] = append(append([]*pg_query.Node{}, plain...), sets[i]...)
	}
	return sets, nil
}

// groupingCtx is the grouping set being translated.
type groupingCtx struct {
	nulled map[string]bool // grouping columns outside the set
	inAgg  int             // depth inside aggregate arguments
	scope  *scope          // the grouped query's own scope
}

// groupingSelect translates a SELECT whose GROUP BY has grouping sets.
func (tr *translator) groupingSelect(s *pg_query.SelectStmt, sc *scope, sets [][]*pg_query.Node) (query, error) {
	all := map[string]bool{}
	for _, set := range sets {
		for _, it := range set {
			k, ok := groupingKey(it)
			if !ok {
				return query{}, errf(codeFeature, "grouping sets over expressions are not supported; group by columns")
			}
			all[k] = true
		}
	}
	var branches []*selectCore
	for _, set := range sets {
		in := map[string]bool{}
		for _, it := range set {
			k, _ := groupingKey(it)
			in[k] = true
		}
		nulled := map[string]bool{}
		for k := range all {
			if !in[k] {
				nulled[k] = true
			}
		}
		one := &pg_query.SelectStmt{
			DistinctClause: s.DistinctClause, TargetList: s.TargetList, FromClause: s.FromClause,
			WhereClause: s.WhereClause, GroupClause: set, HavingClause: s.HavingClause, WindowClause: s.WindowClause,
		}
		if len(set) == 0 && !hasAggregate(s) {
			return query{}, errf(codeFeature, "an empty grouping set needs an aggregate")
		}
		saved := tr.grouping
		bsc := &scope{parent: sc}
		tr.grouping = &groupingCtx{nulled: nulled, scope: bsc}
		core, err := tr.selectCoreOf(one, bsc)
		tr.grouping = saved
		if err != nil {
			return query{}, err
		}
		branches = append(branches, core)
	}
	// all branches share the first one's column names and a unified type
	n := len(branches[0].targets)
	types := make([]Type, n)
	for i := range types {
		types[i] = TUnknown
		for _, b := range branches {
			u, err := unify(types[i], b.targets[i].t)
			if err != nil {
				return query{}, err
			}
			types[i] = u
		}
		if types[i].OID == OIDUnknown {
			types[i] = TText
		}
	}
	var parts []string
	for _, b := range branches {
		for i := range b.targets {
			name := branches[0].targets[i].name
			e, err := tr.coerce(b.targets[i], types[i])
			if err != nil {
				return query{}, err
			}
			e.name = name
			b.targets[i] = e
		}
		parts = append(parts, b.render())
	}
	cols := make([]Column, n)
	for i := range cols {
		cols[i] = Column{Name: branches[0].targets[i].name, Type: types[i]}
	}
	sqlText := strings.Join(parts, " UNION ALL ")
	var order []string
	for _, sn := range s.SortClause {
		sb := sn.GetSortBy()
		idx := -1
		if c := sb.Node.GetAConst(); c != nil && c.GetIval() != nil {
			idx = int(c.GetIval().Ival) - 1
		} else if cr := sb.Node.GetColumnRef(); cr != nil {
			name := strings.ToLower(nodeString(cr.Fields[len(cr.Fields)-1]))
			for i, c := range cols {
				if strings.ToLower(c.Name) == name {
					idx = i
					break
				}
			}
		}
		if idx < 0 || idx >= n {
			return query{}, errf(codeFeature, "ORDER BY with grouping sets must name an output column")
		}
		order = append(order, strconv.Itoa(idx+1)+sortSuffix(sb))
	}
	if len(order) > 0 {
		sqlText += " ORDER BY " + strings.Join(order, ", ")
	}
	lim, err := tr.limitClause(s, sc)
	if err != nil {
		return query{}, err
	}
	return query{sql: sqlText + lim, cols: cols}, nil
}

func hasAggregate(s *pg_query.SelectStmt) bool {
	for _, t := range s.TargetList {
		if fc := t.GetResTarget().Val.GetFuncCall(); fc != nil && aggregates[lastName(fc.Funcname)] {
			return true
		}
	}
	return false
}
