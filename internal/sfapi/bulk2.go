package sfapi

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Bulk2Job is a Bulk API 2.0 query job as Salesforce describes it.
type Bulk2Job struct {
	ID                     string      `json:"id"`
	Operation              string      `json:"operation"`
	Object                 string      `json:"object"`
	State                  string      `json:"state"`
	ContentType            string      `json:"contentType"`
	APIVersion             json.Number `json:"apiVersion"`
	ColumnDelimiter        string      `json:"columnDelimiter"`
	LineEnding             string      `json:"lineEnding"`
	NumberRecordsProcessed int64       `json:"numberRecordsProcessed"`
	Retries                int         `json:"retries"`
	ErrorMessage           string      `json:"errorMessage"`
}

// Bulk 2.0 job states.
const (
	JobUploadComplete = "UploadComplete"
	JobInProgress     = "InProgress"
	JobComplete       = "JobComplete"
	JobFailed         = "Failed"
	JobAborted        = "Aborted"
)

// DefaultBulk2PageRecords is the maxRecords asked per result page: it
// bounds the memory of one page.
const DefaultBulk2PageRecords = 10000

// CreateQueryJob starts a Bulk 2.0 query job (operation queryAll when
// all). The POST creates a job, so a failure that may have reached
// Salesforce is not repeated: the error says so and the caller decides.
func (c *Client) CreateQueryJob(ctx context.Context, soql string, all bool) (*Bulk2Job, error) {
	op := "query"
	if all {
		op = "queryAll"
	}
	body, err := json.Marshal(map[string]string{"operation": op, "query": soql, "contentType": "CSV", "columnDelimiter": "COMMA", "lineEnding": "LF"})
	if err != nil {
		return nil, err
	}
	var job Bulk2Job
	err = c.do(ctx, &request{
		kind: "bulk2", method: http.MethodPost, url: c.restPath("/jobs/query"),
		body: body, contentType: "application/json; charset=utf-8",
		idempotent: false, auth: true, budget: true,
		handle: func(resp *http.Response) error { return json.NewDecoder(resp.Body).Decode(&job) },
	})
	if err != nil {
		return nil, err
	}
	if job.ID == "" {
		return nil, errors.New("sfapi: bulk 2.0 query job created without an id")
	}
	return &job, nil
}

// QueryJob reads a query job's state.
func (c *Client) QueryJob(ctx context.Context, id string) (*Bulk2Job, error) {
	if !isRecordID(id) {
		return nil, fmt.Errorf("sfapi: %q is not a job id", id)
	}
	var job Bulk2Job
	err := c.do(ctx, &request{
		kind: "bulk2", method: http.MethodGet, url: c.restPath("/jobs/query/" + id),
		idempotent: true, auth: true, budget: true,
		handle: func(resp *http.Response) error { return json.NewDecoder(resp.Body).Decode(&job) },
	})
	if err != nil {
		return nil, err
	}
	return &job, nil
}

// WaitQueryJob polls until the job is JobComplete, waiting
// Config.PollInterval at first and doubling up to 30 s; there is no timeout
// but ctx. A Failed or Aborted job is an error naming its state.
func (c *Client) WaitQueryJob(ctx context.Context, id string) (*Bulk2Job, error) {
	wait := c.cfg.PollInterval
	if wait <= 0 {
		wait = 500 * time.Millisecond
	}
	for {
		job, err := c.QueryJob(ctx, id)
		if err != nil {
			return nil, err
		}
		switch job.State {
		case JobComplete:
			return job, nil
		case JobFailed, JobAborted:
			msg := job.ErrorMessage
			if msg == "" {
				msg = "no message"
			}
			return job, fmt.Errorf("sfapi: bulk 2.0 query job %s ended %s: %s", id, job.State, msg)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, context.Cause(ctx)
		case <-t.C:
		}
		if wait *= 2; wait > 30*time.Second {
			wait = 30 * time.Second
		}
	}
}

// AbortQueryJob sets the job's state to Aborted.
func (c *Client) AbortQueryJob(ctx context.Context, id string) error {
	if !isRecordID(id) {
		return fmt.Errorf("sfapi: %q is not a job id", id)
	}
	return c.do(ctx, &request{
		kind: "bulk2", method: http.MethodPatch, url: c.restPath("/jobs/query/" + id),
		body: []byte(`{"state":"Aborted"}`), contentType: "application/json; charset=utf-8",
		idempotent: true, auth: true, budget: true, // setting a state twice is the same as once
	})
}

// DeleteQueryJob deletes the job and its results.
func (c *Client) DeleteQueryJob(ctx context.Context, id string) error {
	if !isRecordID(id) {
		return fmt.Errorf("sfapi: %q is not a job id", id)
	}
	return c.do(ctx, &request{
		kind: "bulk2", method: http.MethodDelete, url: c.restPath("/jobs/query/" + id),
		idempotent: true, auth: true, budget: true,
	})
}

// Bulk2Results streams a completed query job's CSV results: the records of
// each page (Sforce-Locator) are decoded from the HTTP body as the caller
// consumes them, in chunks of bulkChunkRows, so memory does not grow with
// the page size or the row count. Values are the CSV fields as strings;
// Bulk 2.0 writes null as an empty field.
type Bulk2Results struct {
	pager[[]string]
	c      *Client
	jobID  string
	max    int
	cols   []string
	page   string                // set: read this one result page only (parallel download)
	chunks chan pageOf[[]string] // from the streaming goroutine
	pages  atomic.Int64          // result pages read whole
}

// bulkChunkRows is how many records travel from the HTTP reader to the
// consumer at a time: small enough to keep memory flat, large enough to
// keep channel hand-offs off the profile.
const bulkChunkRows = 1000

// QueryJobResults reads the header and the first records before returning;
// the rest stream as Next is called. maxRecords 0 = DefaultBulk2PageRecords.
func (c *Client) QueryJobResults(ctx context.Context, id string, maxRecords int) (*Bulk2Results, error) {
	if !isRecordID(id) {
		return nil, fmt.Errorf("sfapi: %q is not a job id", id)
	}
	if maxRecords <= 0 {
		maxRecords = DefaultBulk2PageRecords
	}
	return c.openResults(ctx, &Bulk2Results{c: c, jobID: id, max: maxRecords})
}

// QueryJobResultsPage streams one result page of a completed job, at a URL
// QueryJobResultPages gave: pages can then be read in parallel.
func (c *Client) QueryJobResultsPage(ctx context.Context, pageURL string) (*Bulk2Results, error) {
	if !strings.HasPrefix(pageURL, "/services/data/") || !strings.Contains(pageURL, "/jobs/query/") || strings.Contains(pageURL, "..") {
		return nil, fmt.Errorf("sfapi: %q is not a Bulk 2.0 result page", pageURL)
	}
	return c.openResults(ctx, &Bulk2Results{c: c, page: pageURL})
}

// openResults starts r's streaming goroutine and waits for the header and
// the first records.
func (c *Client) openResults(ctx context.Context, r *Bulk2Results) (*Bulk2Results, error) {
	ctx, cancel := context.WithCancel(ctx)
	r.chunks = make(chan pageOf[[]string])
	r.ctx, r.cancel = ctx, cancel
	header := make(chan []string, 1)
	go r.stream(header)
	first, ok := <-r.chunks
	if !ok {
		cancel()
		return nil, context.Cause(ctx)
	}
	if first.err != nil {
		cancel()
		return nil, first.err
	}
	r.cols = <-header
	r.start(first.rows, first.last, func() ([][]string, bool, error) {
		ch, ok := <-r.chunks
		if !ok {
			return nil, true, context.Cause(r.ctx)
		}
		return ch.rows, ch.last, ch.err
	})
	return r, nil
}

// stream fetches page after page and sends their records in chunks; the
// first chunk (possibly empty) follows the header. A page whose body
// breaks off is requested again and the records already sent are skipped:
// a page at a locator is the same every time, so no record is sent twice.
func (r *Bulk2Results) stream(header chan<- []string) {
	defer close(r.chunks)
	send := func(ch pageOf[[]string]) bool {
		select {
		case r.chunks <- ch:
			return true
		case <-r.ctx.Done():
			return false
		}
	}
	locator, firstPage, sentHeader := "", true, false
	var cols []string // the first page's header; every page repeats it
	var batch [][]string
	for {
		sentOfPage := 0
		var next string
		err := r.c.do(r.ctx, &request{
			kind: "bulk2", method: http.MethodGet, url: r.pageURL(locator),
			header:     http.Header{"Accept": {"text/csv"}},
			idempotent: true, auth: true, budget: true,
			handle: func(resp *http.Response) error {
				batch = nil // records of a broken attempt are read again
				loc, ok := resp.Header["Sforce-Locator"]
				if !ok || len(loc) == 0 {
					return errors.New("sfapi: bulk 2.0 results without a Sforce-Locator header")
				}
				next = loc[0]
				if next == "null" {
					next = ""
				}
				cr := csv.NewReader(resp.Body)
				cr.FieldsPerRecord = 0
				head, err := cr.Read()
				if err == io.EOF {
					return nil // no rows, no header
				}
				if err != nil {
					return fmt.Errorf("sfapi: bulk 2.0 results: %w", err)
				}
				if !sentHeader {
					header <- head
					sentHeader, cols = true, head
				} else if !slices.Equal(head, cols) {
					return fmt.Errorf("sfapi: bulk 2.0 results page at locator %s has header %v, the first had %v", locator, head, cols)
				}
				read := 0
				for {
					rec, err := cr.Read()
					if err == io.EOF {
						break
					}
					if err != nil {
						return fmt.Errorf("sfapi: bulk 2.0 results: %w", err)
					}
					read++
					if read <= sentOfPage {
						continue // sent before the body broke off
					}
					batch = append(batch, rec)
					if len(batch) == bulkChunkRows {
						if !send(pageOf[[]string]{rows: batch}) {
							return context.Cause(r.ctx)
						}
						sentOfPage += len(batch)
						batch = nil
					}
				}
				if n := resp.Header.Get("Sforce-NumberOfRecords"); n != "" {
					if want, err := strconv.Atoi(n); err == nil && want != read {
						return fmt.Errorf("sfapi: bulk 2.0 results page has %d rows, Sforce-NumberOfRecords says %d", read, want)
					}
				}
				return nil
			},
		})
		if err != nil {
			send(pageOf[[]string]{err: err})
			return
		}
		r.pages.Add(1)
		if !sentHeader {
			header <- nil
			sentHeader = true
		}
		last := next == "" || r.page != ""
		if len(batch) > 0 || last || firstPage {
			if !send(pageOf[[]string]{rows: batch, last: last}) {
				return
			}
			batch = nil
		}
		firstPage = false
		if last {
			return
		}
		locator = next
	}
}

func (r *Bulk2Results) pageURL(locator string) string {
	if r.page != "" {
		return r.page
	}
	return r.resultsURL(locator)
}

func (r *Bulk2Results) resultsURL(locator string) string {
	q := url.Values{}
	q.Set("maxRecords", strconv.Itoa(r.max))
	if locator != "" {
		q.Set("locator", locator)
	}
	return r.c.restPath("/jobs/query/"+r.jobID+"/results") + "?" + q.Encode()
}

// Columns is the CSV header of the results.
func (r *Bulk2Results) Columns() []string { return r.cols }

// Next advances to the next record.
func (r *Bulk2Results) Next() bool { return r.next() }

// Record is the current record; the slice belongs to the caller.
func (r *Bulk2Results) Record() []string { return r.row }

// Pages is the number of result pages read so far.
func (r *Bulk2Results) Pages() int { return int(r.pages.Load()) }

// Err is the error that ended the iteration, if any.
func (r *Bulk2Results) Err() error { return r.err }

// Close stops the prefetch. It is safe to call twice.
func (r *Bulk2Results) Close() error {
	r.close()
	return nil
}

// isRecordID accepts a Salesforce id (letters and digits only), so an id
// can never add a path segment to a URL.
func isRecordID(s string) bool {
	if s == "" || len(s) > 18 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIdentByte(s[i]) || s[i] == '_' {
			return false
		}
	}
	return true
}

// QueryJobResultPages lists the result pages of a completed query job
// (GET /jobs/query/{id}/resultPages, following nextRecordsUrl), each page
// holding up to maxRecords records, for parallel download with
// QueryJobResultsPage. Links come back as instance paths under
// /services/data/vNN.0 whichever form Salesforce used (resultUrl with the
// full path, or resultLink relative to the version).
func (c *Client) QueryJobResultPages(ctx context.Context, id string, maxRecords int) ([]string, error) {
	if !isRecordID(id) {
		return nil, fmt.Errorf("sfapi: %q is not a job id", id)
	}
	if maxRecords <= 0 {
		maxRecords = DefaultBulk2PageRecords
	}
	next := c.restPath("/jobs/query/"+id+"/resultPages") + "?maxRecords=" + strconv.Itoa(maxRecords)
	var links []string
	for next != "" {
		var body struct {
			ResultPages []struct {
				ResultURL  string `json:"resultUrl"`
				ResultLink string `json:"resultLink"`
			} `json:"resultPages"`
			NextRecordsURL *string `json:"nextRecordsUrl"`
			Done           bool    `json:"done"`
		}
		raw, err := c.getRaw(ctx, "bulk2", next)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(raw, &body); err != nil {
			return nil, fmt.Errorf("sfapi: resultPages of job %s: %w", id, err)
		}
		for _, p := range body.ResultPages {
			u := p.ResultURL
			if u == "" {
				u = p.ResultLink
			}
			if !strings.HasPrefix(u, "/services/") {
				u = c.restPath(u)
			}
			links = append(links, u)
		}
		next = ""
		if !body.Done && body.NextRecordsURL != nil && *body.NextRecordsURL != "" {
			next = *body.NextRecordsURL
			if !strings.HasPrefix(next, "/services/") {
				next = c.restPath(next)
			}
		}
	}
	return links, nil
}
