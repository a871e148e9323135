package translator

import (
	"strings"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/soql"
)

// maxSelectChars bounds the select list of one SOQL statement. A query is
// sent in a GET URL; a field list much longer than this (a 700-field
// SELECT *) risks HTTP 431 and QUERY_TOO_COMPLICATED (sql-dialect.md #64).
const maxSelectChars = 8000

// splitWide splits a scan whose field list is too long into several scans
// over the same rows, each selecting Id and a part of the fields, joined
// locally on Id. Only plain scans are split: no child subquery, grouping,
// ORDER BY, LIMIT or OFFSET (their rows would not line up).
func (b *builder) splitWide(plan *Plan) {
	if plan.Local != nil || len(plan.Scans) != 1 {
		return
	}
	sc := plan.Scans[0]
	q := sc.SOQL
	if sc.Flatten != nil || sc.Aggregate || q.GroupBy != nil || len(q.OrderBy) > 0 || q.Limit != nil || q.Offset != nil || len(sc.More) > 0 {
		return
	}
	size := 0
	for _, it := range q.Select {
		f, ok := it.Expr.(*soql.FieldRef)
		if !ok {
			return
		}
		size += len(joinPath(f.Path)) + 2
	}
	if size <= maxSelectChars {
		return
	}
	// Column index by path, and the scan that first selects it.
	byPath := make(map[string]int, len(sc.Columns))
	for i, c := range sc.Columns {
		byPath[c.Path] = i
	}
	var idField *catalog.Field // nil when the scan does not select Id
	idCol, hasID := byPath["Id"]
	if hasID {
		idField = sc.Columns[idCol].Field
	}
	owner := make([]int, len(sc.Columns))
	// Bounds of each scan's part of q.Select, Id left out.
	var starts []int
	curSize := 0
	for i, it := range q.Select {
		p := joinPath(it.Expr.(*soql.FieldRef).Path)
		if p == "Id" {
			continue
		}
		if _, ok := byPath[p]; !ok {
			return // not a column of the scan: leave it whole
		}
		if len(starts) == 0 || curSize+len(p)+2 > maxSelectChars {
			starts = append(starts, i)
			curSize = 4
		}
		curSize += len(p) + 2
	}
	starts = append(starts, len(q.Select))
	scans := make([]Scan, len(starts)-1)
	for k := range scans {
		lo, hi := starts[k], starts[k+1]
		nq := *q
		nq.Select = make([]soql.SelectItem, 1, hi-lo+1)
		nq.Select[0] = soql.SelectItem{Expr: &soql.FieldRef{Path: []string{"Id"}}}
		cols := make([]Column, 1, hi-lo+1)
		cols[0] = Column{Name: "Id", Path: "Id", Field: idField}
		for _, it := range q.Select[lo:hi] {
			p := joinPath(it.Expr.(*soql.FieldRef).Path)
			if p == "Id" {
				continue
			}
			i := byPath[p]
			nq.Select = append(nq.Select, it)
			cols = append(cols, sc.Columns[i])
			if owner[i] == 0 {
				owner[i] = k + 1
			}
		}
		scans[k] = Scan{Name: "s" + itoa(k+1), Object: sc.Object, SOQL: &nq, QueryAll: sc.QueryAll, Empty: sc.Empty, Columns: cols}
		b.bulk(&scans[k])
	}
	if hasID {
		owner[idCol] = 1
	}
	// Machine-made SQL: written directly (deparsing 700 columns costs more
	// than the whole translation).
	var sb strings.Builder
	n := 16 + 40*len(scans)
	for _, c := range plan.Output {
		n += len(c.Path) + len(c.Name) + 16
	}
	sb.Grow(n)
	out := make([]Column, 0, len(plan.Output))
	sb.WriteString("SELECT ")
	for i, c := range plan.Output {
		if i > 0 {
			sb.WriteString(", ")
		}
		if j, ok := byPath[c.Path]; ok && owner[j] > 0 {
			sb.WriteString(scans[owner[j]-1].Name)
		}
		sb.WriteByte('.')
		writeQuotedIdent(&sb, c.Path)
		sb.WriteString(" AS ")
		writeQuotedIdent(&sb, c.Name)
		out = append(out, Column{Name: c.Name, Field: c.Field})
	}
	sb.WriteString(" FROM " + scans[0].Name)
	for _, s := range scans[1:] {
		sb.WriteString(" JOIN " + s.Name + " ON " + s.Name + `."Id" = ` + scans[0].Name + `."Id"`)
	}
	reasons := []string{"field list too long for one SOQL statement: split in " + itoa(len(scans)) + " queries joined on Id"}
	if conds := b.unusedParams(nil); len(conds) > 0 {
		p := &sqlPrinter{}
		p.expr(andOf(conds))
		if p.bail {
			return // no split: the single scan's rows are the result
		}
		sb.WriteString(" WHERE " + p.b.String())
		reasons = append(reasons, paramsWhy)
	}
	text := sb.String()
	plan.Scans = scans
	plan.Output = out
	plan.Local = &LocalStep{SQL: text, Columns: out, Reasons: reasons}
}

func itoa(i int) string {
	return string(appendInt(nil, i))
}

func appendInt(dst []byte, i int) []byte {
	if i >= 10 {
		dst = appendInt(dst, i/10)
	}
	return append(dst, byte('0'+i%10))
}

// quoteIdent writes a PostgreSQL quoted identifier.
func quoteIdent(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// writeQuotedIdent is quoteIdent into a builder, without the temporaries.
func writeQuotedIdent(sb *strings.Builder, s string) {
	sb.WriteByte('"')
	if strings.IndexByte(s, '"') < 0 {
		sb.WriteString(s)
	} else {
		sb.WriteString(strings.ReplaceAll(s, `"`, `""`))
	}
	sb.WriteByte('"')
}
