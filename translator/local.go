package translator

import (
	"strconv"
	"time"

	pg "github.com/pganalyze/pg_query_go/v5"
	"google.golang.org/protobuf/proto"

	"github.com/soqlgate/soqlgate/soql"
)

// maxOffset is the largest OFFSET SOQL accepts.
const maxOffset = 2000

// orderAndLimit pushes ORDER BY, LIMIT and OFFSET when the rows SOQL
// returns are the rows of the result, in order.
func (st *selState) orderAndLimit() error {
	b, sel, sb := st.b, st.sel, st.root
	var items []soql.OrderItem
	orderOK := sb != nil
	for _, n := range sel.SortClause {
		s := n.Node.(*pg.Node_SortBy).SortBy
		if !orderOK {
			break
		}
		if s.SortbyDir == pg.SortByDir_SORTBY_USING {
			orderOK = false
			b.reason("ORDER BY … USING sorted locally")
			break
		}
		e, why, err := st.sortExpr(s.Node)
		if err != nil {
			return err
		}
		if e == nil {
			orderOK = false
			b.reason("sorted locally: %s", why)
			break
		}
		it := soql.OrderItem{Expr: e, Desc: s.SortbyDir == pg.SortByDir_SORTBY_DESC}
		switch s.SortbyNulls {
		case pg.SortByNulls_SORTBY_NULLS_FIRST:
			it.Nulls = soql.NullsFirst
		case pg.SortByNulls_SORTBY_NULLS_LAST:
			it.Nulls = soql.NullsLast
		default: // PostgreSQL: nulls sort as larger than any value
			if it.Desc {
				it.Nulls = soql.NullsFirst
			} else {
				it.Nulls = soql.NullsLast
			}
		}
		items = append(items, it)
	}
	if len(sel.SortClause) > 0 && !orderOK {
		st.needLocal, st.rowChanging = true, true
	}
	limit, limitOK := st.intClause(sel.LimitCount)
	offset, offsetOK := st.intClause(sel.LimitOffset)
	hasLimit, hasOffset := sel.LimitCount != nil, sel.LimitOffset != nil
	if sel.LimitOption == pg.LimitOption_LIMIT_OPTION_WITH_TIES {
		limitOK = false
	}
	rowsAsResult := sb != nil && !st.rowChanging && orderOK
	if st.pushedAgg && !st.grouped {
		// One row: ORDER BY is moot, LIMIT n ≥ 1 keeps it (SOQL refuses LIMIT
		// on an ungrouped aggregate, sql-dialect.md #29), OFFSET drops it.
		if hasLimit && (!limitOK || limit == 0) || hasOffset && (!offsetOK || offset > 0) {
			st.needLocal = true
			st.limitKeep = true
			b.reason("LIMIT/OFFSET on a one-row aggregate applied locally")
		}
		return nil
	}
	if rowsAsResult && len(items) > 0 {
		sb.q.OrderBy = items
		st.pushedOrder = true
	}
	if !hasLimit && !hasOffset {
		return nil
	}
	switch {
	case !rowsAsResult || sb.child != nil || hasLimit && !limitOK || hasOffset && !offsetOK:
		st.needLocal, st.limitKeep = true, true
		if sb != nil && sb.child != nil {
			b.reason("LIMIT applied locally to the flattened rows")
		} else if rowsAsResult && sel.LimitOption == pg.LimitOption_LIMIT_OPTION_WITH_TIES {
			b.reason("FETCH … WITH TIES applied locally")
		} else if rowsAsResult {
			b.reason("LIMIT/OFFSET with a parameter applied locally")
		}
	case offset <= maxOffset:
		if hasLimit {
			sb.q.Limit = &limit
		}
		if hasOffset && offset > 0 {
			sb.q.Offset = &offset
		}
		st.pushedLimit = true
	default:
		// SOQL refuses OFFSET > 2,000: fetch the first LIMIT+OFFSET rows
		// and skip locally.
		if hasLimit {
			n := limit + offset
			sb.q.Limit = &n
		}
		st.needLocal, st.limitKeep, st.pushedLimit = true, true, true
		b.reason("OFFSET %d is past Salesforce's 2,000: rows skipped locally", offset)
	}
	return nil
}

// intClause evaluates a LIMIT / OFFSET value.
func (st *selState) intClause(n *pg.Node) (int, bool) {
	if n == nil {
		return 0, true
	}
	if pr, ok := n.Node.(*pg.Node_ParamRef); ok {
		st.b.noteParam(int(pr.ParamRef.Number), nil)
		st.b.params[int(pr.ParamRef.Number)].Type = "bigint"
	}
	v, ok, err := st.b.constant(n)
	if err != nil || !ok || v.kind != vNumber || !v.num.IsInteger() || v.num.Sign() < 0 || v.num.IntPart() > 1<<30 {
		return 0, false
	}
	return int(v.num.IntPart()), true
}

// sortExpr translates an ORDER BY key for the root query.
func (st *selState) sortExpr(n *pg.Node) (soql.Expr, string, error) {
	if st.pushedAgg {
		if isAggCall(n) {
			agg, _, why, err := st.b.aggregate(st.sc, n.Node.(*pg.Node_FuncCall).FuncCall)
			if agg == nil {
				return nil, why, err
			}
			return agg, "", nil
		}
		if k, ok := n.Node.(*pg.Node_AConst); ok {
			if iv, ok := k.AConst.Val.(*pg.A_Const_Ival); ok && int(iv.Ival.Ival) >= 1 && int(iv.Ival.Ival) <= len(st.targets_) {
				if t := st.targets_[iv.Ival.Ival-1]; t.agg != nil {
					return st.sortExpr(t.val)
				}
			}
		}
	}
	r, err := st.targetRef(n)
	if err != nil {
		return nil, "", err
	}
	if r == nil {
		if name := columnName(n); name != "" {
			for _, t := range st.targets_ {
				if t.alias && equalFold(t.name, name) && t.agg != nil && st.pushedAgg {
					return st.sortExpr(t.val)
				}
			}
		}
		return nil, "ORDER BY an expression", nil
	}
	switch {
	case r.t.sb != st.root || r.t.inChild:
		return nil, "ORDER BY a field of a child or separate query", nil
	case !r.field.Sortable:
		return nil, "field " + r.field.Name + " is not sortable in Salesforce", nil
	case st.b.s.strict() && orderDiffers(r.field) != "":
		return nil, orderDiffers(r.field), nil
	}
	return fieldRef(r), "", nil
}

// pushedOutput is the result columns when the scan's rows are the result.
func (st *selState) pushedOutput() []Column {
	if st.pushedAgg {
		return st.aggOut
	}
	out := make([]Column, 0, len(st.targets_))
	if st.root != nil {
		st.root.reserve(len(st.targets_))
	}
	for _, t := range st.targets_ {
		sb := t.col.t.sb
		i := sb.addColumnAt(*t.col)
		// The scan column's Path is the same joinPath(soqlPath()).
		out = append(out, Column{Name: t.name, Path: sb.cols[i].Path, Child: t.col.t.inChild, Field: t.col.field})
	}
	return out
}

// localQuery builds the local step: the user's SELECT with its tables
// replaced by the scans' row sets and the pushed-exact conditions removed.
func (st *selState) localQuery() (*selOut, error) {
	if st.pushedAgg || !st.needLocal {
		// Only a caller needs SQL here: project the scan's columns.
		out := st.pushedOutput()
		sb := st.root
		sel := &pg.SelectStmt{FromClause: []*pg.Node{rangeVarNode(sb.name, "")}, LimitOption: pg.LimitOption_LIMIT_OPTION_DEFAULT, Op: pg.SetOperation_SETOP_NONE}
		for _, c := range out {
			key := c.Path
			if c.Child {
				key = sb.child.rel + "." + c.Path
			}
			sel.TargetList = append(sel.TargetList, resTarget(c.Name, colRefNode(sb.name, key)))
		}
		ties := st.sel.LimitOption == pg.LimitOption_LIMIT_OPTION_WITH_TIES
		if st.pushedAgg && st.grouped && (!st.pushedOrder || ties) && len(st.sel.SortClause) > 0 {
			paths := make([]string, len(out))
			for i, c := range out {
				paths[i] = c.Path
			}
			sort, ok, err := st.groupedSort(paths)
			if err != nil {
				return nil, err
			}
			if !ok { // aggregation() checked it
				return nil, unsupportedAt("ORDER BY of a grouped query", st.b.p.base, "")
			}
			sel.SortClause = sort
		}
		if st.limitKeep {
			sel.LimitCount, sel.LimitOffset = cloneNode(st.sel.LimitCount), cloneNode(st.sel.LimitOffset)
			sel.LimitOption = st.sel.LimitOption
		}
		local := make([]Column, len(out))
		for i, c := range out {
			local[i] = Column{Name: c.Name, Field: c.Field, Aggregate: c.Aggregate}
		}
		return &selOut{local: sel, output: local}, nil
	}
	// A new statement: the clauses kept are copied, the rest is rebuilt.
	sel := st.sel
	loc := &pg.SelectStmt{
		DistinctClause: cloneList(sel.DistinctClause), GroupClause: cloneList(sel.GroupClause), GroupDistinct: sel.GroupDistinct,
		HavingClause: cloneNode(sel.HavingClause), WindowClause: cloneList(sel.WindowClause), SortClause: cloneList(sel.SortClause),
		LimitOffset: cloneNode(sel.LimitOffset), LimitCount: cloneNode(sel.LimitCount), LimitOption: sel.LimitOption, Op: sel.Op,
	}
	if st.root != nil {
		loc.FromClause = []*pg.Node{rangeVarNode(st.root.name, "")}
	} else {
		loc.FromClause = cloneList(sel.FromClause)
		var quals []*pg.Node
		for _, n := range loc.FromClause {
			walkNodes(n, func(x *pg.Node) bool {
				switch v := x.Node.(type) {
				case *pg.Node_RangeVar:
					for _, t := range st.sc.tables {
						if t.loc == v.RangeVar.Location {
							x.Node = rangeVarNode(t.sb.name, t.alias).Node
						}
					}
					return false
				case *pg.Node_JoinExpr:
					if v.JoinExpr.Quals != nil {
						quals = append(quals, v.JoinExpr.Quals)
					}
				}
				return true
			})
		}
		st.quals = quals
	}
	var residual []*pg.Node
	for _, r := range st.residual {
		residual = append(residual, cloneNode(r))
	}
	loc.WhereClause = andOf(residual)
	if st.pushedLimit && !st.limitKeep {
		loc.LimitCount, loc.LimitOffset = nil, nil
	}
	loc.TargetList = nil
	var output []Column
	for _, t := range st.targets_ {
		c := Column{Name: t.name}
		var val *pg.Node
		if t.col != nil {
			c.Field = t.col.field
			val = colRefNode(st.qualifier(t.col.t), t.col.t.sb.addColumn(*t.col))
		} else {
			val = cloneNode(t.val)
			if err := st.rewrite(val, false); err != nil {
				return nil, err
			}
		}
		name := ""
		if t.alias || t.col != nil {
			name = t.name
		}
		loc.TargetList = append(loc.TargetList, resTarget(name, val))
		output = append(output, c)
	}
	for _, q := range st.quals {
		if err := st.rewrite(q, false); err != nil {
			return nil, err
		}
	}
	for _, n := range []*pg.Node{loc.WhereClause, loc.HavingClause} {
		if n != nil {
			if err := st.rewrite(n, false); err != nil {
				return nil, err
			}
		}
	}
	for _, list := range [][]*pg.Node{loc.GroupClause, loc.SortClause, loc.DistinctClause, loc.WindowClause} {
		for _, n := range list {
			if n == nil || n.Node == nil {
				continue
			}
			if err := st.rewrite(n, true); err != nil {
				return nil, err
			}
		}
	}
	return &selOut{local: loc, output: output}, nil
}

// qualifier is the name a table's columns are qualified with locally.
func (st *selState) qualifier(t *table) string {
	if st.root != nil {
		return st.root.name
	}
	return t.alias
}

func rangeVarNode(name, alias string) *pg.Node {
	rv := &pg.RangeVar{Relname: name, Inh: true, Relpersistence: "p", Location: -1}
	if alias != "" {
		rv.Alias = &pg.Alias{Aliasname: alias}
	}
	return &pg.Node{Node: &pg.Node_RangeVar{RangeVar: rv}}
}

func resTarget(name string, val *pg.Node) *pg.Node {
	return &pg.Node{Node: &pg.Node_ResTarget{ResTarget: &pg.ResTarget{Name: name, Val: val, Location: -1}}}
}

// odbcFuncs maps ODBC scalar function names to PostgreSQL's.
var odbcFuncs = map[string]string{"ucase": "upper", "lcase": "lower", "ifnull": "coalesce", "database": "current_database", "user": "current_user"}

// rewrite replaces column references with row-set columns, translates
// subqueries into SQL over their own scans, folds clock functions and
// renames ODBC functions. allowAlias leaves select-list aliases alone
// (GROUP BY / ORDER BY may name them).
func (st *selState) rewrite(n *pg.Node, allowAlias bool) error {
	b := st.b
	var err error
	walkNodes(n, func(x *pg.Node) bool {
		if err != nil {
			return false
		}
		switch v := x.Node.(type) {
		case *pg.Node_ColumnRef:
			if name := columnName(x); allowAlias && name != "" {
				for _, t := range st.targets_ {
					if t.alias && equalFold(t.name, name) {
						x.Node = colRefNode(t.name).Node
						return false
					}
				}
			}
			ref, e := b.resolve(st.sc, v.ColumnRef)
			if e != nil {
				err = e
				return false
			}
			x.Node = colRefNode(st.qualifier(ref.t), ref.t.sb.addColumn(ref)).Node
			return false
		case *pg.Node_SubLink:
			in, e := b.existsAsIn(st.sc, v.SubLink)
			if e != nil {
				err = e
				return false
			}
			if in != nil {
				x.Node = in.Node
				return true // the rewritten node's columns and subquery next
			}
			if v.SubLink.Testexpr != nil {
				if e := st.rewrite(v.SubLink.Testexpr, false); e != nil {
					err = e
					return false
				}
			}
			sub, ok := v.SubLink.Subselect.Node.(*pg.Node_SelectStmt)
			if !ok {
				err = unsupportedAt("subquery", b.p.base, "")
				return false
			}
			b.outer = append(b.outer, st.sc)
			out, e := b.selectStmt(sub.SelectStmt, true)
			b.outer = b.outer[:len(b.outer)-1]
			if e != nil {
				err = e
				return false
			}
			v.SubLink.Subselect = &pg.Node{Node: &pg.Node_SelectStmt{SelectStmt: out.local}}
			return false
		case *pg.Node_FuncCall, *pg.Node_SqlvalueFunction, *pg.Node_TypeCast:
			val, ok, e := b.constant(x)
			if e != nil {
				err = e
				return false
			}
			if ok && val.kind == vTimestamp {
				// A wall time means the session time zone: make it an instant
				// so the local step needs no time zone of its own.
				val.t, val.kind = wallIn(val.t, b.s.tz()), vInstant
			}
			if ok && (val.kind == vInstant || val.kind == vDate) {
				x.Node = typedLiteral(val).Node
				return false
			}
			if fc, isFunc := x.Node.(*pg.Node_FuncCall); isFunc {
				// pattern ESCAPE 'c' → the pattern in backslash form, which
				// is PostgreSQL's default escape.
				if funcName(fc.FuncCall) == "like_escape" && len(fc.FuncCall.Args) == 2 {
					p, ok1, _ := b.constant(fc.FuncCall.Args[0])
					e, ok2, _ := b.constant(fc.FuncCall.Args[1])
					if ok1 && ok2 && p.kind == vString && e.kind == vString {
						x.Node = pg.MakeAConstStrNode(likePattern(p.str, e.str), -1).Node
						return false
					}
				}
				if to, ok := odbcFuncs[funcName(fc.FuncCall)]; ok {
					fc.FuncCall.Funcname = []*pg.Node{pg.MakeStrNode(to)}
				}
			}
		}
		return true
	})
	return err
}

// typedLiteral is a date / timestamp constant as SQL text ('…'::type).
func typedLiteral(v value) *pg.Node {
	var text, typ string
	switch v.kind {
	case vDate:
		text, typ = v.date.String(), "date"
	case vTimestamp:
		text, typ = v.t.Format("2006-01-02 15:04:05.999999999"), "timestamp"
	default:
		text, typ = v.t.UTC().Format(time.RFC3339Nano), "timestamptz"
	}
	return &pg.Node{Node: &pg.Node_TypeCast{TypeCast: &pg.TypeCast{
		Arg:      pg.MakeAConstStrNode(text, -1),
		TypeName: &pg.TypeName{Names: []*pg.Node{pg.MakeStrNode(typ)}, Typemod: -1, Location: -1},
		Location: -1,
	}}}
}

// setOp translates UNION / INTERSECT / EXCEPT: each arm is its own
// translation, the set operation runs locally.
func (b *builder) setOp(sel *pg.SelectStmt) (*selOut, error) {
	l, err := b.selectStmt(sel.Larg, true)
	if err != nil {
		return nil, err
	}
	r, err := b.selectStmt(sel.Rarg, true)
	if err != nil {
		return nil, err
	}
	if len(l.output) != len(r.output) {
		return nil, unsupportedAt("set operation arms with "+strconv.Itoa(len(l.output))+" and "+strconv.Itoa(len(r.output))+" columns", b.p.base, "select as many columns in each arm")
	}
	b.reason("%s evaluated locally", map[pg.SetOperation]string{pg.SetOperation_SETOP_UNION: "UNION", pg.SetOperation_SETOP_INTERSECT: "INTERSECT", pg.SetOperation_SETOP_EXCEPT: "EXCEPT"}[sel.Op])
	loc := &pg.SelectStmt{Op: sel.Op, All: sel.All, Larg: l.local, Rarg: r.local, SortClause: sel.SortClause,
		LimitCount: sel.LimitCount, LimitOffset: sel.LimitOffset, LimitOption: sel.LimitOption}
	loc = proto.Clone(loc).(*pg.SelectStmt)
	out := make([]Column, len(l.output))
	for i, c := range l.output {
		out[i] = Column{Name: c.Name, Field: c.Field}
	}
	return &selOut{local: loc, output: out}, nil
}

// localOutput names the columns of a query evaluated wholly locally.
func (b *builder) localOutput(sc *scope, targets []*pg.Node) []Column {
	var out []Column
	for _, n := range targets {
		rt := n.Node.(*pg.Node_ResTarget).ResTarget
		name := defaultName(rt.Val)
		if rt.Name != "" {
			name = b.aliasName(rt)
		}
		out = append(out, Column{Name: name})
	}
	return out
}
