package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/internal/sfapi"
	"github.com/soqlgate/soqlgate/soql"
	"github.com/soqlgate/soqlgate/translator"
)

// openScan runs one scan of a plan, choosing REST or Bulk, and returns its
// rows in scan column order. Lines for EXPLAIN ANALYZE-style reporting are
// appended to explain.
func (e *Engine) openScan(ctx context.Context, sc *translator.Scan, explain *[]string) (source, error) {
	if sc.Empty {
		*explain = append(*explain, fmt.Sprintf("scan %s: %s: filter is always false; Salesforce not called", sc.Name, sc.Object))
		return &sliceSource{}, nil
	}
	// The first query starts now, so that its errors (a malformed query, a
	// login failure) surface from Query rather than from the first Next.
	first, err := e.openOne(ctx, sc, sc.SOQL, explain)
	if err != nil {
		return nil, err
	}
	more := sc.More
	return &chainSource{cur: first, open: func() (source, error) {
		if len(more) == 0 {
			return nil, io.EOF
		}
		q := more[0]
		more = more[1:]
		return e.openOne(ctx, sc, q, explain)
	}}, nil
}

// openOne runs one SOQL statement of a scan.
func (e *Engine) openOne(ctx context.Context, sc *translator.Scan, q *soql.Query, explain *[]string) (source, error) {
	s := e.settings
	all := sc.QueryAll
	text := q.String()
	mode := strings.ToLower(s.API)
	if mode == "bulk" {
		if sc.BulkEligible {
			*explain = append(*explain, fmt.Sprintf("scan %s: Bulk API 2.0 (api=bulk): %s", sc.Name, bulkText(sc, q)))
			return e.openBulk(ctx, sc, q, all)
		}
		*explain = append(*explain, fmt.Sprintf("scan %s: REST (api=bulk, but %s)", sc.Name, sc.BulkReason))
	}
	opts := sfapi.QueryOptions{All: all, BatchSize: s.BatchSize}
	if sc.Aggregate {
		// A grouped parent field comes back keyed by its own name
		// (GROUP BY Account.Industry → "Industry"), which the SOQL text
		// does not say; the plan does.
		for _, c := range sc.Columns {
			opts.Columns = append(opts.Columns, c.Path)
		}
	}
	rows, err := e.client.Query(ctx, text, opts)
	if err != nil {
		return nil, err
	}
	if mode == "auto" || mode == "" {
		threshold := s.BulkThreshold
		if threshold <= 0 {
			threshold = DefaultBulkThreshold
		}
		total := rows.TotalSize()
		switch {
		case total > threshold && sc.BulkEligible && sc.Flatten == nil:
			rows.Close()
			*explain = append(*explain, fmt.Sprintf("scan %s: Bulk API 2.0 (totalSize %d > bulkThreshold %d): %s", sc.Name, total, threshold, bulkText(sc, q)))
			return e.openBulk(ctx, sc, q, all)
		case total > threshold:
			*explain = append(*explain, fmt.Sprintf("scan %s: REST (totalSize %d > bulkThreshold %d, but %s): %s", sc.Name, total, threshold, sc.BulkReason, text))
		default:
			*explain = append(*explain, fmt.Sprintf("scan %s: REST (totalSize %d ≤ bulkThreshold %d): %s", sc.Name, total, threshold, text))
		}
	} else if mode == "rest" {
		*explain = append(*explain, fmt.Sprintf("scan %s: REST (api=rest): %s", sc.Name, text))
	}
	return newRESTSource(ctx, e, rows, sc)
}

func bulkText(sc *translator.Scan, q *soql.Query) string {
	if sc.BulkSOQL != nil && q == sc.SOQL {
		return sc.BulkSOQL.String()
	}
	return q.String()
}

// chainSource reads several sources one after the other (a scan split in
// chunks).
type chainSource struct {
	open func() (source, error)
	cur  source
	done bool
}

func (c *chainSource) next() ([]any, error) {
	for !c.done {
		if c.cur == nil {
			s, err := c.open()
			if err == io.EOF {
				c.done = true
				break
			}
			if err != nil {
				return nil, err
			}
			c.cur = s
		}
		row, err := c.cur.next()
		if err != io.EOF {
			return row, err
		}
		if err := c.cur.close(); err != nil {
			return nil, err
		}
		c.cur = nil
	}
	return nil, io.EOF
}

func (c *chainSource) close() error {
	c.done = true
	if c.cur != nil {
		return c.cur.close()
	}
	return nil
}

// restSource converts the rows of a REST query, flattening a child
// relationship into one row per child when the plan asks.
type restSource struct {
	rows    *sfapi.Rows
	sc      *translator.Scan
	idx     []int // per scan column: index in rows.Columns(); -1 for child columns
	conv    []converter
	child   int // index of the child relationship's RowSet, or -1
	pending [][]any
}

func newRESTSource(ctx context.Context, e *Engine, rows *sfapi.Rows, sc *translator.Scan) (*restSource, error) {
	s := &restSource{rows: rows, sc: sc, child: -1}
	names := rows.Columns()
	for _, c := range sc.Columns {
		conv := jsonConverter(c)
		if c.Field != nil && c.Field.Type == catalog.TypeBase64 && c.Aggregate == "" {
			conv = e.blobConverter(ctx, conv)
		}
		s.conv = append(s.conv, conv)
		if c.Child {
			s.idx = append(s.idx, -1)
			continue
		}
		i := indexOf(names, c.Path)
		if i < 0 {
			rows.Close()
			return nil, fmt.Errorf("engine: Salesforce's answer has no column %s (it has %s)", c.Path, strings.Join(names, ", "))
		}
		s.idx = append(s.idx, i)
	}
	if sc.Flatten != nil {
		if s.child = indexOf(names, sc.Flatten.Relationship); s.child < 0 {
			rows.Close()
			return nil, fmt.Errorf("engine: Salesforce's answer has no child relationship %s", sc.Flatten.Relationship)
		}
	}
	return s, nil
}

func (s *restSource) next() ([]any, error) {
	for len(s.pending) == 0 {
		if !s.rows.Next() {
			if err := s.rows.Err(); err != nil {
				return nil, err
			}
			return nil, io.EOF
		}
		vals := s.rows.Values()
		if s.child < 0 {
			return s.convert(vals, nil, nil)
		}
		if err := s.expand(vals); err != nil {
			return nil, err
		}
	}
	row := s.pending[0]
	s.pending = s.pending[1:]
	return row, nil
}

// expand queues one row per child record of vals (or one row with NULL
// child columns for an outer join without children).
func (s *restSource) expand(vals []any) error {
	set, _ := vals[s.child].(*sfapi.RowSet)
	if set == nil || len(set.Rows) == 0 {
		if !s.sc.Flatten.Outer {
			return nil
		}
		row, err := s.convert(vals, nil, nil)
		if err != nil {
			return err
		}
		s.pending = append(s.pending, row)
		return nil
	}
	for _, child := range set.Rows {
		row, err := s.convert(vals, set.Columns, child)
		if err != nil {
			return err
		}
		s.pending = append(s.pending, row)
	}
	return nil
}

func (s *restSource) convert(vals []any, childCols []string, child []any) ([]any, error) {
	out := make([]any, len(s.sc.Columns))
	for j, c := range s.sc.Columns {
		var raw any
		if c.Child {
			if child != nil {
				if k := indexOf(childCols, c.Path); k >= 0 {
					raw = child[k]
				}
			}
		} else {
			raw = vals[s.idx[j]]
		}
		v, err := s.conv[j](raw)
		if err != nil {
			return nil, err
		}
		out[j] = v
	}
	return out, nil
}

func (s *restSource) close() error { return s.rows.Close() }

// bulkSource reads a Bulk 2.0 query job's CSV results. Closing it before
// the end aborts the job, so no job is left running.
type bulkSource struct {
	e        *Engine
	ctx      context.Context
	jobID    string
	complete bool
	res      *sfapi.Bulk2Results
	read     []func(rec []string) (any, error) // one per scan column
}

func (e *Engine) openBulk(ctx context.Context, sc *translator.Scan, q *soql.Query, all bool) (source, error) {
	bq := q
	if q == sc.SOQL && sc.BulkSOQL != nil {
		bq = sc.BulkSOQL
	}
	// A base64 field is fetched per record by its Id: make sure the job
	// returns the Id.
	needID := false
	for _, c := range sc.Columns {
		needID = needID || (c.Field != nil && c.Field.Type == catalog.TypeBase64 && !c.Child)
	}
	if needID && !selectsField(bq, "Id") {
		cp := *bq
		cp.Select = append(append([]soql.SelectItem(nil), bq.Select...), soql.SelectItem{Expr: &soql.FieldRef{Path: []string{"Id"}}})
		bq = &cp
	}
	job, err := e.client.CreateQueryJob(ctx, bq.String(), all)
	if err != nil {
		return nil, err
	}
	b := &bulkSource{e: e, ctx: ctx, jobID: job.ID}
	if _, err := e.client.WaitQueryJob(ctx, job.ID); err != nil {
		b.abort()
		return nil, err
	}
	b.complete = true
	pageRecords := e.settings.BulkPageRecords
	if pageRecords <= 0 {
		pageRecords = DefaultBulkPageRecords
	}
	if par := e.settings.BulkParallelism; par > 1 {
		links, err := e.client.QueryJobResultPages(ctx, job.ID, pageRecords)
		if err != nil {
			return nil, err
		}
		if len(links) > 1 {
			return e.openParallelBulk(ctx, sc, links, par), nil
		}
	}
	if b.res, err = e.client.QueryJobResults(ctx, job.ID, pageRecords); err != nil {
		return nil, err
	}
	header := b.res.Columns()
	for _, c := range sc.Columns {
		read, err := e.bulkReader(ctx, sc, c, header)
		if err != nil {
			b.res.Close()
			return nil, err
		}
		b.read = append(b.read, read)
	}
	return b, nil
}

// bulkReader returns how one scan column is read from a Bulk CSV record:
// a plain column by its header; a compound (address, location), which
// Bulk refuses, rebuilt from its components as REST renders it; a base64
// field, whose content Bulk does not carry, fetched by the record's Id.
func (e *Engine) bulkReader(ctx context.Context, sc *translator.Scan, c translator.Column, header []string) (func([]string) (any, error), error) {
	missing := func(name string) error {
		return fmt.Errorf("engine: Bulk results have no column %s (they have %s)", name, strings.Join(header, ", "))
	}
	f := c.Field
	switch {
	case f != nil && !c.Child && f.IsCompound():
		obj, err := e.object(ctx, sc.Object)
		if err != nil {
			return nil, err
		}
		type part struct {
			key    string
			idx    int
			number bool
		}
		var parts []part
		for _, comp := range obj.Components(f.Name) {
			i := indexOf(header, comp.Name)
			if i < 0 {
				return nil, missing(comp.Name)
			}
			parts = append(parts, part{compoundKey(f.Name, comp.Name), i, comp.SQL.Base == "numeric"})
		}
		return func(rec []string) (any, error) {
			m := map[string]any{}
			empty := true
			for _, p := range parts {
				switch v := rec[p.idx]; {
				case v == "":
					m[p.key] = nil
				case p.number:
					m[p.key], empty = json.Number(v), false
				default:
					m[p.key], empty = v, false
				}
			}
			if empty {
				return nil, nil
			}
			b, err := json.Marshal(m)
			return json.RawMessage(b), err
		}, nil
	case f != nil && !c.Child && f.Type == catalog.TypeBase64:
		idIdx := indexOf(header, "Id")
		if idIdx < 0 {
			return nil, missing("Id")
		}
		prefix := "/services/data/v" + e.client.APIVersion() + "/sobjects/" + sc.Object + "/"
		return func(rec []string) (any, error) {
			id := rec[idIdx]
			if id == "" {
				return nil, nil
			}
			b, err := e.client.Blob(ctx, prefix+id+"/"+f.Name)
			var apiErr *sfapi.APIError
			if errors.As(err, &apiErr) && apiErr.Status == 404 {
				return nil, nil // no content
			}
			return b, err
		}, nil
	}
	i := indexOf(header, c.Path)
	if i < 0 {
		return nil, missing(c.Path)
	}
	conv := textConverter(c)
	return func(rec []string) (any, error) { return conv(rec[i]) }, nil
}

// compoundKey is the key a component has in its compound's JSON:
// BillingStreet of BillingAddress → "street", Col_Address__PostalCode__s
// of Col_Address__c → "postalCode".
func compoundKey(compound, component string) string {
	var suffix string
	if base, ok := strings.CutSuffix(compound, "__c"); ok {
		suffix = strings.TrimSuffix(strings.TrimPrefix(component, base+"__"), "__s")
	} else {
		base := strings.TrimSuffix(strings.TrimSuffix(compound, "Address"), "Location")
		suffix = strings.TrimPrefix(component, base)
	}
	if suffix == "" {
		return component
	}
	return strings.ToLower(suffix[:1]) + suffix[1:]
}

// selectsField reports whether q's select list has the plain field name.
func selectsField(q *soql.Query, name string) bool {
	for _, it := range q.Select {
		if f, ok := it.Expr.(*soql.FieldRef); ok && len(f.Path) == 1 && strings.EqualFold(f.Path[0], name) {
			return true
		}
	}
	return false
}

// object returns the described object (cached).
func (e *Engine) object(ctx context.Context, name string) (*catalog.Object, error) {
	scope, err := e.scope(ctx)
	if err != nil {
		return nil, err
	}
	return e.cache.Object(ctx, scope, name, e.fetchDescribe)
}

func (b *bulkSource) next() ([]any, error) {
	if !b.res.Next() {
		if err := b.res.Err(); err != nil {
			return nil, err
		}
		return nil, io.EOF
	}
	rec := b.res.Record()
	out := make([]any, len(b.read))
	for j, read := range b.read {
		v, err := read(rec)
		if err != nil {
			return nil, err
		}
		out[j] = v
	}
	return out, nil
}

func (b *bulkSource) close() error {
	if b.res != nil {
		b.res.Close()
	}
	if !b.complete {
		b.abort()
	}
	return nil
}

// abort stops a job that has not completed, even when the statement's
// context is already cancelled, within a short bound.
func (b *bulkSource) abort() {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(b.ctx), 10*time.Second)
	defer cancel()
	// An error here means the job already ended (completed, or deleted):
	// either way nothing is left running, and the statement's own error is
	// the one to report.
	_ = b.e.client.AbortQueryJob(ctx, b.jobID)
}

// blobConverter fetches a base64 field's bytes from the URL the query
// gave for it: Salesforce sends the URL, not the content, so the bytes
// are fetched per row, on demand (one request each).
func (e *Engine) blobConverter(ctx context.Context, conv converter) converter {
	return func(v any) (any, error) {
		x, err := conv(v)
		if err != nil {
			return nil, err
		}
		u, ok := x.(catalog.BlobURL)
		if !ok {
			return x, nil
		}
		return e.client.Blob(ctx, string(u))
	}
}
