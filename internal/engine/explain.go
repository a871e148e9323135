package engine

import (
	"fmt"
	"strings"

	"github.com/soqlgate/soqlgate/translator"
)

// explainLines is the text of EXPLAIN: what the translator decided (the
// SOQL of each scan, queryAll, Bulk eligibility, local steps, writes) and
// what the engine will decide at run time (REST or Bulk, and on what).
func explainLines(p *translator.Plan, s Settings) []string {
	var out []string
	add := func(depth int, format string, args ...any) {
		out = append(out, strings.Repeat("  ", depth)+fmt.Sprintf(format, args...))
	}
	switch p.Kind {
	case translator.KindReport:
		add(0, "Report %q (Analytics REST API, synchronous run with details)", p.Report.Name)
		return out
	case translator.KindWrite:
		w := p.Write
		add(0, "Write: %s %s (Bulk API, batches of %d rows)", w.Operation, w.Object, writeBatchSize(s))
		if w.ExternalID != "" {
			add(1, "external id: %s", w.ExternalID)
		}
		if w.Find != nil {
			add(1, "rows to change:")
			for _, l := range explainLines(w.Find, s) {
				add(2, "%s", l)
			}
		}
		if w.Source != nil {
			add(1, "rows from:")
			for _, l := range explainLines(w.Source, s) {
				add(2, "%s", l)
			}
		}
		return out
	}
	add(0, "Query (%s mode)", p.Mode)
	for _, sc := range p.Scans {
		op := "query"
		if sc.QueryAll {
			op = "queryAll"
		}
		add(1, "Scan %s: %s via %s", sc.Name, sc.Object, op)
		if sc.Empty {
			add(2, "filter is always false: Salesforce is not called")
			continue
		}
		add(2, "SOQL: %s", sc.SOQL.String())
		for _, m := range sc.More {
			add(2, "SOQL (next chunk): %s", m.String())
		}
		add(2, "API: %s", apiChoice(&sc, s))
		if sc.Flatten != nil {
			join := "inner"
			if sc.Flatten.Outer {
				join = "left"
			}
			add(2, "one row per %s record (%s join)", sc.Flatten.Relationship, join)
		}
	}
	if p.Local != nil {
		add(1, "Local step (SQLite with PostgreSQL semantics, at most %d rows pulled): %s", localBudget(s), p.Local.SQL)
		for _, why := range p.Local.Reasons {
			add(2, "local because: %s", why)
		}
	}
	return out
}

func apiChoice(sc *translator.Scan, s Settings) string {
	bulk := "Bulk-eligible"
	if !sc.BulkEligible {
		bulk = "Bulk " + sc.BulkReason // "not eligible: OFFSET, …"
	}
	switch strings.ToLower(s.API) {
	case "rest":
		return "REST (api=rest)"
	case "bulk":
		if sc.BulkEligible {
			return "Bulk API 2.0 (api=bulk)" + parallelNote(s)
		}
		return "REST (api=bulk, but " + sc.BulkReason + ")"
	}
	if !sc.BulkEligible || sc.Flatten != nil {
		return "REST (" + bulk + ")"
	}
	threshold := s.BulkThreshold
	if threshold <= 0 {
		threshold = DefaultBulkThreshold
	}
	return fmt.Sprintf("REST, or Bulk API 2.0 when the first page's totalSize > bulkThreshold %d (%s)%s", threshold, bulk, parallelNote(s))
}

func writeBatchSize(s Settings) int {
	if s.WriteBatchSize > 0 {
		return s.WriteBatchSize
	}
	return 5000
}

func localBudget(s Settings) int64 {
	if s.LocalRowBudget > 0 {
		return s.LocalRowBudget
	}
	return DefaultLocalRowBudget
}

func parallelNote(s Settings) string {
	if s.BulkParallelism > 1 {
		return fmt.Sprintf("; result pages downloaded %d at a time", s.BulkParallelism)
	}
	return ""
}
