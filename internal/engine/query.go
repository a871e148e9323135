package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/soqlgate/soqlgate/internal/sfapi"
	"github.com/soqlgate/soqlgate/translator"
)

// Query runs a statement that returns rows: a SELECT (SQL or SOQL), a
// report call ({call "Name"}) or EXPLAIN. args bind $n / ? parameters.
// The returned Rows hold ctx until Close.
func (e *Engine) Query(ctx context.Context, sql string, args []any) (*Rows, error) {
	if isCatalogQuery(sql) {
		return e.queryCatalog(ctx, sql, args)
	}
	p, _, err := e.plan(ctx, sql, args)
	if err != nil {
		return nil, err
	}
	switch p.Kind {
	case translator.KindQuery:
		return e.query(ctx, p, args)
	case translator.KindExplain:
		return e.explain(p.Explained), nil
	case translator.KindReport:
		return e.report(ctx, p.Report)
	case translator.KindWrite:
		return nil, &UnsupportedError{What: strings.ToUpper(string(p.Write.Operation)), Hint: "writes to Salesforce are not built yet; the plan is in EXPLAIN"}
	}
	return nil, fmt.Errorf("engine: unexpected plan kind %s", p.Kind)
}

// query runs a read plan. A grouped query Salesforce refuses because its
// result passes 2,000 groups runs again with the grouping done locally.
func (e *Engine) query(ctx context.Context, p *translator.Plan, args []any) (*Rows, error) {
	r, err := e.run(ctx, p, args)
	if err != nil && tooManyGroups(err) {
		if fb := p.Fallback(); fb != nil {
			if r, err = e.run(ctx, fb, args); err == nil {
				r.explain = append([]string{"grouping done locally: Salesforce refused the grouped query (more than 2,000 groups)"}, r.explain...)
			}
		}
	}
	return r, err
}

func (e *Engine) run(ctx context.Context, p *translator.Plan, args []any) (*Rows, error) {
	ctx, cancel := context.WithCancel(ctx)
	r := &Rows{cancel: cancel}
	if err := e.start(ctx, p, args, r); err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

// tooManyGroups recognises Salesforce's refusal of an aggregate result
// larger than one batch (aggregate queries have no queryMore).
func tooManyGroups(err error) bool {
	var apiErr *sfapi.APIError
	return errors.As(err, &apiErr) && apiErr.Code == "MALFORMED_QUERY" &&
		strings.Contains(strings.ToLower(apiErr.Message), "querymore")
}

func (e *Engine) start(ctx context.Context, p *translator.Plan, args []any, r *Rows) error {
	if p.Local != nil {
		return e.runLocal(ctx, p, args, r)
	}
	if len(p.Scans) != 1 {
		return fmt.Errorf("engine: a plan without a local step must have one scan, not %d", len(p.Scans))
	}
	sc := &p.Scans[0]
	// Output columns read scan columns by path: a field selected twice
	// (with and without an alias) is fetched once.
	pick := make([]int, len(p.Output))
	identity := len(p.Output) == len(sc.Columns)
	r.cols = make([]Column, len(p.Output))
	for i, c := range p.Output {
		j := scanColumn(sc.Columns, c)
		if j < 0 {
			return fmt.Errorf("engine: output column %s (%s) is not among the scan's columns", c.Name, c.Path)
		}
		pick[i], identity = j, identity && j == i
		col := columnOf(sc.Columns[j])
		col.Name = c.Name
		r.cols[i] = col
	}
	markSubqueryColumns(r.cols, sc.Columns, pick, sc.SOQL)
	src, err := e.openScan(ctx, sc, &r.explain)
	if err != nil {
		return err
	}
	if !identity {
		src = &projectSource{src: src, pick: pick}
	}
	r.src = src
	return nil
}

// scanColumn finds the scan column an output column reads.
func scanColumn(cols []translator.Column, out translator.Column) int {
	for j, c := range cols {
		if c.Child == out.Child && strings.EqualFold(c.Path, out.Path) && strings.EqualFold(c.Aggregate, out.Aggregate) {
			return j
		}
	}
	return -1
}

// projectSource reorders or repeats the columns of its source's rows.
type projectSource struct {
	src  source
	pick []int
}

func (p *projectSource) next() ([]any, error) {
	row, err := p.src.next()
	if err != nil {
		return nil, err
	}
	out := make([]any, len(p.pick))
	for i, j := range p.pick {
		out[i] = row[j]
	}
	return out, nil
}

func (p *projectSource) close() error { return p.src.close() }

// explain renders a plan as rows of one text column, the way EXPLAIN
// answers in PostgreSQL ("QUERY PLAN").
func (e *Engine) explain(p *translator.Plan) *Rows {
	lines := explainLines(p, e.settings)
	rows := make([][]any, len(lines))
	for i, l := range lines {
		rows[i] = []any{l}
	}
	return &Rows{cols: []Column{textColumn("QUERY PLAN")}, src: &sliceSource{rows: rows}, explain: lines}
}
