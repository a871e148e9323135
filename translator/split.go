package translator

import (
	"strings"

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
	byPath := map[string]Column{}
	for _, c := range sc.Columns {
		byPath[c.Path] = c
	}
	var scans []Scan
	var cur *Scan
	curSize := 0
	for _, it := range q.Select {
		f := it.Expr.(*soql.FieldRef)
		p := joinPath(f.Path)
		if p == "Id" {
			continue
		}
		if cur == nil || curSize+len(p)+2 > maxSelectChars {
			if cur != nil {
				scans = append(scans, *cur)
			}
			nq := *q
			nq.Select = []soql.SelectItem{{Expr: &soql.FieldRef{Path: []string{"Id"}}}}
			cur = &Scan{Object: sc.Object, SOQL: &nq, QueryAll: sc.QueryAll, Empty: sc.Empty,
				Columns: []Column{{Name: "Id", Path: "Id", Field: byPath["Id"].Field}}}
			curSize = 4
		}
		cur.SOQL.Select = append(cur.SOQL.Select, it)
		cur.Columns = append(cur.Columns, byPath[p])
		curSize += len(p) + 2
	}
	scans = append(scans, *cur)
	owner := map[string]string{} // column key → scan name
	for i := range scans {
		scans[i].Name = "s" + itoa(i+1)
		scans[i].Columns[0].Field = byPath["Id"].Field
		for _, c := range scans[i].Columns {
			if _, ok := owner[c.Path]; !ok {
				owner[c.Path] = scans[i].Name
			}
		}
		b.bulk(&scans[i])
	}
	// Machine-made SQL: written directly (deparsing 700 columns costs more
	// than the whole translation).
	var sb strings.Builder
	var out []Column
	sb.WriteString("SELECT ")
	for i, c := range plan.Output {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(owner[c.Path] + "." + quoteIdent(c.Path) + " AS " + quoteIdent(c.Name))
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
