package sfapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// MaxQueryURLBytes is the longest REST query URL path sent. Salesforce
// answers 414 / 431 past about 16 KB; the engine switches to Bulk (a POST
// body) instead of sending a request bound to fail.
const MaxQueryURLBytes = 15 << 10

// ErrQueryTooLong is returned by Query before sending a query whose URL
// would exceed MaxQueryURLBytes.
var ErrQueryTooLong = errors.New("sfapi: query too long for a REST GET")

// QueryOptions are the per-query knobs.
type QueryOptions struct {
	// All reads through queryAll: soft-deleted and archived rows too.
	All bool
	// BatchSize asks for pages of this many rows (Sforce-Query-Options,
	// 200–2000; Salesforce may send fewer). 0 = Salesforce's default.
	BatchSize int
	// Columns are the SELECT list's field paths in order (dotted for
	// parents; a child subquery by its relationship name). The engine
	// passes them from its AST; when nil they are read from the SOQL text,
	// or, for lists it cannot read (aggregates, functions, TYPEOF), from
	// the first page's records. Aggregate results name their columns as
	// Salesforce does: the alias, exprN for the N-th unaliased aggregate,
	// and a grouped parent field by its last segment (Account.Name → Name).
	Columns []string
}

// Rows streams a query's result. Next fetches pages as needed; the page
// after the current one is already being fetched. Rows holds the ctx given
// to Query until Close. A Rows is used by one goroutine at a time; short
// string values may be shared between rows (they are immutable).
type Rows struct {
	pager[[]any]
	c       *Client
	cols    []column
	scanner *recordScanner // built from cols on the first page decoded by scanning
	buf     []byte         // the record reader's buffer, reused from page to page
	names   []string
	total   int
	opts    QueryOptions
}

type page struct {
	total int
	done  bool
	next  string
	rows  [][]any
}

// Query runs soql (through /query, or /queryAll with opts.All) and returns
// its rows. The first page is read before Query returns, so a malformed
// query fails here.
func (c *Client) Query(ctx context.Context, soql string, opts QueryOptions) (*Rows, error) {
	if opts.BatchSize != 0 && (opts.BatchSize < 200 || opts.BatchSize > 2000) {
		return nil, fmt.Errorf("sfapi: batchSize must be between 200 and 2000, got %d", opts.BatchSize)
	}
	ctx, cancel := context.WithCancel(ctx)
	r := &Rows{c: c, opts: opts}
	r.ctx, r.cancel = ctx, cancel
	var shapeNeeded bool
	switch {
	case opts.Columns != nil:
		r.cols = columnsFromNames(opts.Columns)
	default:
		if items, _, ok := parseSelectList(soql); ok {
			r.cols = columnsFromItems(items)
		} else {
			shapeNeeded = true
		}
	}
	resource := "/query"
	if opts.All {
		resource = "/queryAll"
	}
	u := c.restPath(resource) + "?q=" + url.QueryEscape(soql)
	if len(u) > MaxQueryURLBytes {
		cancel()
		return nil, fmt.Errorf("%w: the encoded SOQL makes a %d-byte URL (limit %d); select fewer columns or use Bulk", ErrQueryTooLong, len(u), MaxQueryURLBytes)
	}
	first, err := r.fetchPage(u, "query", shapeNeeded)
	if err != nil {
		cancel()
		return nil, err
	}
	r.names = columnNames(r.cols)
	r.total = first.total
	next := first.next
	r.start(first.rows, first.done, func() ([][]any, bool, error) {
		p, err := r.fetchPage(next, "queryMore", false)
		if err != nil {
			return nil, false, err
		}
		next = p.next
		return p.rows, p.done, nil
	})
	return r, nil
}

// fetchPage GETs one page and decodes it from the body; child subqueries
// that continue are completed before the page is handed over.
func (r *Rows) fetchPage(u, kind string, shape bool) (*page, error) {
	if !strings.HasPrefix(u, "/") {
		return nil, fmt.Errorf("sfapi: nextRecordsUrl %q is not a path on the instance", u)
	}
	var out *page
	hdr := http.Header{}
	if r.opts.BatchSize > 0 {
		hdr.Set("Sforce-Query-Options", "batchSize="+strconv.Itoa(r.opts.BatchSize))
	}
	var pending []pendingChild
	err := r.c.do(r.ctx, &request{
		kind: kind, method: http.MethodGet, url: u, header: hdr,
		idempotent: true, auth: true, budget: true,
		handle: func(resp *http.Response) error {
			pending = pending[:0]
			p, err := r.decodePage(resp.Body, shape, &pending)
			if err != nil {
				return err
			}
			out = p
			return nil
		},
	})
	if err != nil {
		return nil, err
	}
	for len(pending) > 0 {
		pc := pending[0]
		pending = pending[1:]
		if err := r.fetchChildPage(pc, &pending); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// fetchChildPage reads the next page of a child subquery into its RowSet.
func (r *Rows) fetchChildPage(pc pendingChild, pending *[]pendingChild) error {
	if !strings.HasPrefix(pc.next, "/") {
		return fmt.Errorf("sfapi: child nextRecordsUrl %q is not a path on the instance", pc.next)
	}
	var m map[string]any
	err := r.c.do(r.ctx, &request{
		kind: "queryMore", method: http.MethodGet, url: pc.next,
		idempotent: true, auth: true, budget: true,
		handle: func(resp *http.Response) error {
			dec := json.NewDecoder(resp.Body)
			dec.UseNumber()
			m = nil
			return dec.Decode(&m)
		},
	})
	if err != nil {
		return err
	}
	appendChildRecords(pc.set, m, pc.cols, pending)
	return nil
}

// decodePage reads a query result envelope token by token and decodes
// each record as it arrives, so a page is never held as raw bytes.
func (r *Rows) decodePage(body io.Reader, shape bool, pending *[]pendingChild) (*page, error) {
	dec := json.NewDecoder(body)
	dec.UseNumber()
	if err := expectDelim(dec, '{'); err != nil {
		return nil, err
	}
	p := &page{}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, err
		}
		switch key, _ := kt.(string); key {
		case "totalSize":
			var n json.Number
			if err := dec.Decode(&n); err != nil {
				return nil, err
			}
			t, err := n.Int64()
			if err != nil {
				return nil, fmt.Errorf("sfapi: query totalSize %q: %w", n, err)
			}
			p.total = int(t)
		case "done":
			if err := dec.Decode(&p.done); err != nil {
				return nil, err
			}
		case "nextRecordsUrl":
			var s *string
			if err := dec.Decode(&s); err != nil {
				return nil, err
			}
			if s != nil {
				p.next = *s
			}
		case "records":
			if shape {
				if err := r.decodeShaped(dec, p, pending); err != nil {
					return nil, err
				}
				continue
			}
			if err := expectDelim(dec, '['); err != nil {
				return nil, err
			}
			if r.scanner == nil {
				r.scanner = newRecordScanner(r.cols)
			}
			// From here the records are cut out of the body directly:
			// encoding/json would scan each one twice.
			rr := newRecordReader(io.MultiReader(dec.Buffered(), body), r.buf)
			for {
				rec, end, err := rr.next()
				if err != nil {
					return nil, err
				}
				if end {
					break
				}
				row, err := r.scanner.record(rec, pending)
				if err != nil {
					return nil, err
				}
				p.rows = append(p.rows, row)
			}
			r.buf = rr.buf
			rest, err := rr.rest()
			if err != nil {
				return nil, err
			}
			if err := finishEnvelope(p, rest); err != nil {
				return nil, err
			}
			return checkPage(p)
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, err
			}
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("sfapi: query page: data after the envelope")
	}
	return checkPage(p)
}

func checkPage(p *page) (*page, error) {
	if !p.done && p.next == "" {
		return nil, errors.New("sfapi: query page says done=false without nextRecordsUrl")
	}
	return p, nil
}

// decodeShaped reads the first page when the columns must be derived from
// the records themselves.
func (r *Rows) decodeShaped(dec *json.Decoder, p *page, pending *[]pendingChild) error {
	var raws []json.RawMessage
	if err := dec.Decode(&raws); err != nil {
		return err
	}
	r.cols = shapeColumns(raws)
	for _, raw := range raws {
		var rec map[string]any
		d := json.NewDecoder(strings.NewReader(string(raw)))
		d.UseNumber()
		if err := d.Decode(&rec); err != nil {
			return err
		}
		p.rows = append(p.rows, flattenRecord(rec, r.cols, pending))
	}
	return nil
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := t.(json.Delim); !ok || d != want {
		return fmt.Errorf("sfapi: query response: expected %q, got %v", want, t)
	}
	return nil
}

// Columns are the result's column names: dotted paths in SELECT order,
// spelled as Salesforce spells them (child subqueries by relationship name).
func (r *Rows) Columns() []string { return r.names }

// TotalSize is the row count Salesforce announced for the whole query.
func (r *Rows) TotalSize() int { return r.total }

// Next advances to the next row, fetching the next page when needed.
func (r *Rows) Next() bool { return r.next() }

// Values is the current row, in Columns order: string, bool, json.Number,
// nil, a map for a compound value, or *RowSet for a child subquery. The
// slice belongs to the caller.
func (r *Rows) Values() []any { return r.row }

// Err is the error that ended the iteration, if any.
func (r *Rows) Err() error { return r.err }

// Close stops the prefetch and releases the page. It is safe to call
// twice. A Rows not closed keeps its fetcher waiting until ctx ends.
func (r *Rows) Close() error {
	r.close()
	return nil
}
