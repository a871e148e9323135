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

// Bulk2Results streams a completed query job's CSV results page by page
// (Sforce-Locator), one page fetched ahead of the consumer. Values are the
// CSV fields as strings; Bulk 2.0 writes null as an empty field.
type Bulk2Results struct {
	pager[[]string]
	c     *Client
	jobID string
	max   int
	cols  []string
}

type bulkPage struct {
	header  []string
	rows    [][]string
	locator string // "" after the last page
}

// QueryJobResults reads the first page of results before returning; the
// others stream as Next is called. maxRecords 0 = DefaultBulk2PageRecords.
func (c *Client) QueryJobResults(ctx context.Context, id string, maxRecords int) (*Bulk2Results, error) {
	if !isRecordID(id) {
		return nil, fmt.Errorf("sfapi: %q is not a job id", id)
	}
	if maxRecords <= 0 {
		maxRecords = DefaultBulk2PageRecords
	}
	ctx, cancel := context.WithCancel(ctx)
	r := &Bulk2Results{c: c, jobID: id, max: maxRecords}
	r.ctx, r.cancel = ctx, cancel
	first, err := r.fetchPage("")
	if err != nil {
		cancel()
		return nil, err
	}
	r.cols = first.header
	locator := first.locator
	r.start(first.rows, locator == "", func() ([][]string, bool, error) {
		p, err := r.fetchPage(locator)
		if err != nil {
			return nil, false, err
		}
		if p.header != nil && r.cols != nil && !slices.Equal(p.header, r.cols) {
			return nil, false, fmt.Errorf("sfapi: bulk 2.0 results page at locator %s has header %v, the first had %v", locator, p.header, r.cols)
		}
		locator = p.locator
		return p.rows, locator == "", nil
	})
	return r, nil
}

func (r *Bulk2Results) fetchPage(locator string) (*bulkPage, error) {
	q := url.Values{}
	q.Set("maxRecords", strconv.Itoa(r.max))
	if locator != "" {
		q.Set("locator", locator)
	}
	var out *bulkPage
	err := r.c.do(r.ctx, &request{
		kind: "bulk2", method: http.MethodGet, url: r.c.restPath("/jobs/query/"+r.jobID+"/results") + "?" + q.Encode(),
		header:     http.Header{"Accept": {"text/csv"}},
		idempotent: true, auth: true, budget: true,
		handle: func(resp *http.Response) error {
			p, err := decodeBulkPage(resp)
			if err != nil {
				return err
			}
			out = p
			return nil
		},
	})
	return out, err
}

// decodeBulkPage reads one results page: every page repeats the header.
func decodeBulkPage(resp *http.Response) (*bulkPage, error) {
	loc, ok := resp.Header["Sforce-Locator"]
	if !ok || len(loc) == 0 {
		return nil, errors.New("sfapi: bulk 2.0 results without a Sforce-Locator header")
	}
	p := &bulkPage{locator: loc[0]}
	if p.locator == "null" {
		p.locator = ""
	}
	cr := csv.NewReader(resp.Body)
	cr.ReuseRecord = false
	cr.FieldsPerRecord = 0
	header, err := cr.Read()
	if err == io.EOF {
		return p, nil // no rows, no header
	}
	if err != nil {
		return nil, fmt.Errorf("sfapi: bulk 2.0 results: %w", err)
	}
	p.header = header
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("sfapi: bulk 2.0 results: %w", err)
		}
		p.rows = append(p.rows, rec)
	}
	if n := resp.Header.Get("Sforce-NumberOfRecords"); n != "" {
		if want, err := strconv.Atoi(n); err == nil && want != len(p.rows) {
			return nil, fmt.Errorf("sfapi: bulk 2.0 results page has %d rows, Sforce-NumberOfRecords says %d", len(p.rows), want)
		}
	}
	return p, nil
}

// Columns is the CSV header of the results.
func (r *Bulk2Results) Columns() []string { return r.cols }

// Next advances to the next record.
func (r *Bulk2Results) Next() bool { return r.next() }

// Record is the current record; the slice belongs to the caller.
func (r *Bulk2Results) Record() []string { return r.row }

// Pages is the number of result pages read so far.
func (r *Bulk2Results) Pages() int { return r.npages }

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
