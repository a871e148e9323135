package translator

import (
	"strings"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/soql"
)

// SOQL size limits the chunker keeps under (sql-dialect.md §0): at most
// 2,000 values per IN list (the retrieve() bound Teiid also uses) and well
// under the 100,000-character statement limit.
const (
	maxInValues = 2000
	maxInChars  = 60000
)

// finishScan turns a scan builder into a Scan.
func (b *builder) finishScan(sb *scanBuilder) Scan {
	if len(sb.q.Select) == 0 && sb.child == nil {
		// Nothing referenced (SELECT COUNT(*) handled elsewhere): rows are
		// still needed for their number; Id is the cheapest field.
		id, _ := sb.obj.Field("Id")
		sb.addColumn(colRef{t: &table{obj: sb.obj}, path: []string{"Id"}, field: id})
	}
	if sb.child != nil {
		if len(sb.child.q.Select) == 0 {
			// The child's rows set the row count even when none of its
			// columns is selected (§3 #36).
			id, _ := sb.child.obj.Field("Id")
			sb.addColumn(colRef{t: &table{obj: sb.child.obj, inChild: true, sb: sb}, path: []string{"Id"}, field: id})
		}
		sb.child.q.Where = soql.AndAll(sb.child.where...)
		sb.q.Select = append(sb.q.Select, soql.SelectItem{Expr: &soql.SubQuery{Query: sb.child.q}})
	}
	sb.q.Where = soql.AndAll(sb.where...)
	sc := Scan{Name: sb.name, Object: sb.obj.Name, SOQL: sb.q, Columns: sb.cols, Empty: sb.empty, Aggregate: sb.agg}
	sc.QueryAll = sb.queryAll || b.s.queryAll() || wantsDeleted(sb.where)
	if sb.child != nil {
		sc.Flatten = &Flatten{Relationship: sb.child.rel, Outer: sb.child.outer}
	}
	if sb.chunkIn != nil {
		sc.SOQL, sc.More = chunk(sb.q, sb.chunkIn)
	}
	b.bulk(&sc)
	return sc
}

// wantsDeleted reports an IsDeleted = true anywhere in the filter (outside
// NOT): such rows are only in the recycle bin, which query() hides
// (sql-dialect.md #6; Teiid does the same).
func wantsDeleted(where []soql.Expr) bool {
	var walk func(e soql.Expr) bool
	walk = func(e soql.Expr) bool {
		switch x := e.(type) {
		case *soql.And:
			return walk(x.Left) || walk(x.Right)
		case *soql.Or:
			return walk(x.Left) || walk(x.Right)
		case *soql.Comparison:
			f, ok := x.Left.(*soql.FieldRef)
			bl, isBool := x.Right.(*soql.BoolLit)
			return ok && isBool && x.Op == "=" && bl.Value && len(f.Path) == 1 && strings.EqualFold(f.Path[0], "IsDeleted")
		}
		return false
	}
	for _, w := range where {
		if walk(w) {
			return true
		}
	}
	return false
}

// chunk splits q on its long IN list into several queries whose results
// together are q's.
func chunk(q *soql.Query, in *soql.In) (*soql.Query, []*soql.Query) {
	// Groups are windows on in.Values: cloneQuery copies each.
	var groups [][]soql.Expr
	lo, size := 0, 0
	for i, v := range in.Values {
		n := 4
		if s, ok := v.(*soql.StringLit); ok {
			n += len(s.Value) + 2
		}
		if i > lo && (i-lo >= maxInValues || size+n > maxInChars) {
			groups = append(groups, in.Values[lo:i:i])
			lo, size = i, 0
		}
		size += n
	}
	groups = append(groups, in.Values[lo:len(in.Values):len(in.Values)])
	all := in.Values
	var qs []*soql.Query
	for _, g := range groups {
		in.Values = g
		qs = append(qs, cloneQuery(q))
	}
	in.Values = all
	return qs[0], qs[1:]
}

// cloneQuery copies q deeply enough that the copy's IN lists are its own.
func cloneQuery(q *soql.Query) *soql.Query {
	c := *q
	c.Where = cloneExpr(q.Where)
	return &c
}

func cloneExpr(e soql.Expr) soql.Expr {
	switch x := e.(type) {
	case *soql.And:
		return &soql.And{Left: cloneExpr(x.Left), Right: cloneExpr(x.Right)}
	case *soql.Or:
		return &soql.Or{Left: cloneExpr(x.Left), Right: cloneExpr(x.Right)}
	case *soql.Not:
		return &soql.Not{X: cloneExpr(x.X)}
	case *soql.In:
		c := *x
		c.Values = append([]soql.Expr(nil), x.Values...)
		return &c
	}
	return e
}

// bulk decides whether the Bulk API may run the scan (sql-dialect.md §0:
// Bulk 2.0 query has no GROUP BY, aggregates, OFFSET, LIMIT, ORDER BY,
// TYPEOF, parent-to-child subqueries or compound fields).
func (b *builder) bulk(sc *Scan) {
	q := sc.SOQL
	var why []string
	switch {
	case sc.Aggregate || q.GroupBy != nil:
		why = append(why, "aggregate query")
	}
	if sc.Flatten != nil {
		why = append(why, "parent-to-child subquery")
	}
	if q.Offset != nil {
		why = append(why, "OFFSET")
	}
	if q.Limit != nil {
		why = append(why, "LIMIT")
	}
	if len(q.OrderBy) > 0 {
		why = append(why, "ORDER BY")
	}
	for _, it := range q.Select {
		if _, ok := it.Expr.(*soql.TypeOf); ok {
			why = append(why, "TYPEOF")
		}
	}
	if len(why) > 0 {
		sc.BulkReason = "not eligible: " + strings.Join(why, ", ")
		return
	}
	// Compound and base64 fields: Bulk rejects them; give Bulk a variant
	// that selects the components instead and leaves base64 to be fetched.
	sc.BulkEligible, sc.BulkReason = true, "eligible"
	special := false
	for _, c := range sc.Columns {
		if c.Field != nil && !c.Child && (c.Field.IsCompound() || c.Field.Type == catalog.TypeBase64) {
			special = true
			break
		}
	}
	if !special {
		return
	}
	var dropped []string
	var items []soql.SelectItem
	have := map[string]bool{}
	for _, it := range q.Select {
		if f, ok := it.Expr.(*soql.FieldRef); ok && len(f.Path) == 1 {
			have[strings.ToLower(f.Path[0])] = true
		}
	}
	changed := false
	byPath := make(map[string]*catalog.Field, len(sc.Columns))
	for _, c := range sc.Columns {
		if !c.Child {
			byPath[c.Path] = c.Field
		}
	}
	for _, it := range q.Select {
		f, ok := it.Expr.(*soql.FieldRef)
		if !ok || len(f.Path) != 1 {
			items = append(items, it)
			continue
		}
		fld := byPath[f.Path[0]]
		if fld == nil {
			items = append(items, it)
			continue
		}
		switch {
		case fld.IsCompound():
			changed = true
			dropped = append(dropped, fld.Name+" (components selected instead)")
			obj, _ := b.snap.Object(sc.Object)
			if obj != nil {
				for _, c := range obj.Components(fld.Name) {
					if !have[strings.ToLower(c.Name)] {
						have[strings.ToLower(c.Name)] = true
						items = append(items, soql.SelectItem{Expr: &soql.FieldRef{Path: []string{c.Name}}})
					}
				}
			}
		case fld.Type == catalog.TypeBase64:
			changed = true
			dropped = append(dropped, fld.Name+" (base64, fetched per record)")
		default:
			items = append(items, it)
		}
	}
	sc.BulkEligible = true
	sc.BulkReason = "eligible"
	if changed {
		bq := *q
		bq.Select = items
		sc.BulkSOQL = &bq
		sc.BulkReason = "eligible without " + strings.Join(dropped, ", ")
	}
}
