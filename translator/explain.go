package translator

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/soqlgate/soqlgate/catalog"
)

// String is the plan's stable text form: what EXPLAIN prints and what the
// golden files hold. Each part of the plan is one line or an indented
// block: the SOQL of every scan, query or queryAll, Bulk eligibility and
// why, the local step and why, the write job.
func (p *Plan) String() string {
	var sb strings.Builder
	p.explain(&sb, "")
	return sb.String()
}

func (p *Plan) explain(w *strings.Builder, ind string) {
	line := func(format string, args ...any) {
		w.WriteString(ind)
		fmt.Fprintf(w, format, args...)
		w.WriteByte('\n')
	}
	switch p.Kind {
	case KindExplain:
		line("explain")
		p.Explained.explain(w, ind+"  ")
		return
	case KindReport:
		by := "name"
		if p.Report.ByID {
			by = "id"
		}
		line("report %q (by %s)", p.Report.Name, by)
		return
	case KindWrite:
		p.Write.explain(w, ind)
	case KindQuery:
		line("query (%s)", p.Mode)
		for i := range p.Scans {
			p.Scans[i].explain(w, ind+"  ")
		}
		if p.Local != nil {
			line("  local: %s", p.Local.SQL)
			for _, r := range p.Local.Reasons {
				line("    why: %s", r)
			}
		}
		if fb := p.Fallback(); fb != nil {
			line("  fallback (more than 2,000 groups):")
			for i := range fb.Scans {
				line("    scan %s: %s", fb.Scans[i].Name, fb.Scans[i].SOQL.String())
			}
			if fb.Local != nil {
				line("    local: %s", fb.Local.SQL)
			}
		}
	}
	if len(p.Output) > 0 {
		parts := make([]string, len(p.Output))
		for i, c := range p.Output {
			parts[i] = c.describe(p.Local == nil && p.Kind == KindQuery)
		}
		line("  output: %s", strings.Join(parts, ", "))
	}
	for _, prm := range p.Params {
		s := fmt.Sprintf("$%d %s", prm.Index, prm.Type)
		if prm.Field != nil {
			s += " (" + prm.Field.Name + ")"
		}
		if p.Bound && prm.Value != nil {
			s += " = " + formatValue(prm.Value)
		}
		line("  param: %s", s)
	}
	if len(p.Params) > 0 && !p.Bound {
		line("  unbound: parameters show as null in the SOQL")
	}
}

func (c Column) describe(withPath bool) string {
	s := c.Name
	var extra []string
	if withPath && c.Path != "" && c.Path != c.Name {
		p := c.Path
		if c.Child {
			p = "child." + p
		}
		extra = append(extra, p)
	} else if withPath && c.Child {
		extra = append(extra, "child")
	}
	if c.Field != nil {
		extra = append(extra, string(c.Field.Type))
	}
	if c.Aggregate != "" {
		extra = append(extra, c.Aggregate)
	}
	if len(extra) > 0 {
		s += " [" + strings.Join(extra, " ") + "]"
	}
	return s
}

func (s *Scan) explain(w *strings.Builder, ind string) {
	line := func(format string, args ...any) {
		w.WriteString(ind)
		fmt.Fprintf(w, format, args...)
		w.WriteByte('\n')
	}
	read := "query"
	if s.QueryAll {
		read = "queryAll"
	}
	line("scan %s: %s via %s", s.Name, s.Object, read)
	line("  soql: %s", s.SOQL.String())
	for _, m := range s.More {
		line("  soql: %s", m.String())
	}
	if s.Empty {
		line("  empty: the filter is never true; Salesforce is not called")
	}
	if s.Flatten != nil {
		kind := "inner"
		if s.Flatten.Outer {
			kind = "outer"
		}
		line("  flatten: %s (%s)", s.Flatten.Relationship, kind)
	}
	if s.SOQL.GroupBy != nil {
		line("  grouped: at most 2,000 rows (no queryMore on aggregate queries)")
	}
	line("  bulk: %s", s.BulkReason)
	if s.BulkSOQL != nil {
		line("  bulk soql: %s", s.BulkSOQL.String())
	}
	names := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		names[i] = c.Name
	}
	line("  columns: %s", strings.Join(names, ", "))
}

func (wp *WritePlan) explain(w *strings.Builder, ind string) {
	line := func(format string, args ...any) {
		w.WriteString(ind)
		fmt.Fprintf(w, format, args...)
		w.WriteByte('\n')
	}
	head := fmt.Sprintf("write %s %s", wp.Operation, wp.Object)
	if wp.ExternalID != "" {
		head += " on " + wp.ExternalID
	}
	line("%s", head)
	if len(wp.Columns) > 0 {
		names := make([]string, len(wp.Columns))
		for i, c := range wp.Columns {
			names[i] = c.Path
		}
		line("  columns: %s", strings.Join(names, ", "))
	}
	for i, row := range wp.Rows {
		if i == 20 {
			line("  … %d rows in all", len(wp.Rows))
			break
		}
		vals := make([]string, len(row))
		for j, v := range row {
			vals[j] = formatValue(v)
		}
		line("  row: %s", strings.Join(vals, ", "))
	}
	if wp.Set != nil {
		vals := make([]string, len(wp.Set))
		for j, v := range wp.Set {
			vals[j] = wp.Columns[j].Path + " = " + formatValue(v)
		}
		line("  set: %s", strings.Join(vals, ", "))
	}
	if wp.Source != nil {
		line("  rows from:")
		wp.Source.explain(w, ind+"    ")
	}
	if wp.Find != nil {
		line("  records from:")
		wp.Find.explain(w, ind+"    ")
	}
	if wp.Returning != nil {
		names := make([]string, len(wp.Returning))
		for i, c := range wp.Returning {
			names[i] = c.Name
		}
		line("  returning: %s", strings.Join(names, ", "))
	}
}

// formatValue prints a write value deterministically.
func formatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return strconv.Quote(x)
	case bool:
		return strconv.FormatBool(x)
	case decimal.Decimal:
		return x.String()
	case catalog.Date:
		return x.String()
	case catalog.TimeOfDay:
		return x.String()
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	case Param:
		return "$" + strconv.Itoa(x.Index)
	}
	return fmt.Sprintf("%v", v)
}
