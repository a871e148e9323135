package emulator

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Bulk API 2.0 query jobs, §4.2: /services/data/vNN.0/jobs/query[/{id}[/results|/resultPages]].

// defaultResultPageRows is how many records a results page holds when the
// client sends no maxRecords. Salesforce sizes pages by bytes; a fixed row
// count keeps paging deterministic.
const defaultResultPageRows = 50000

// resultPagesPerResponse is how many links one resultPages answer carries
// (the documented maximum).
const resultPagesPerResponse = 5

// bulk2JobInfo is a Bulk 2.0 query job as JSON. Key order is the recorded
// one (fixtures/salesforce/airbyte/bulk2_query_job_create_response.json);
// the GET-only keys come after, in the documented order.
type bulk2JobInfo struct {
	ID              string      `json:"id"`
	Operation       string      `json:"operation"`
	Object          string      `json:"object"`
	CreatedByID     string      `json:"createdById"`
	CreatedDate     string      `json:"createdDate"`
	SystemModstamp  string      `json:"systemModstamp"`
	State           string      `json:"state"`
	ConcurrencyMode string      `json:"concurrencyMode"`
	ContentType     string      `json:"contentType"`
	APIVersion      json.Number `json:"apiVersion"` // 58.0, a number with its ".0"
	JobType         string      `json:"jobType,omitempty"`
	LineEnding      string      `json:"lineEnding"`
	ColumnDelimiter string      `json:"columnDelimiter"`
	// Present on GET /jobs/query/{id} only.
	NumberRecordsProcessed *int    `json:"numberRecordsProcessed,omitempty"`
	Retries                *int    `json:"retries,omitempty"`
	TotalProcessingTime    *int64  `json:"totalProcessingTime,omitempty"`
	IsPkChunkingSupported  *bool   `json:"isPkChunkingSupported,omitempty"`
	ErrorMessage           *string `json:"errorMessage,omitempty"`
}

// sfDateTime is the Bulk 2.0 / REST datetime form: millis, "+0000".
func sfDateTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000+0000") }

// jobInfo2 renders j; detail adds the keys only GET returns. Caller holds
// the store lock.
func jobInfo2(j *bulkJob, detail bool) bulk2JobInfo {
	info := bulk2JobInfo{
		ID: j.id, Operation: j.operation, Object: j.object, CreatedByID: j.createdByID,
		CreatedDate: sfDateTime(j.created), SystemModstamp: sfDateTime(j.modstamp),
		State: j.state, ConcurrencyMode: j.concurrency, ContentType: j.contentType, APIVersion: json.Number(j.apiVersion),
		LineEnding: j.lineEnding, ColumnDelimiter: j.delimiter,
	}
	if detail {
		n, retries, ms, pk := j.recordsProcessed(), j.retries, j.processedMs, pkChunkable(j.object)
		info.JobType = "V2Query"
		info.NumberRecordsProcessed, info.Retries, info.TotalProcessingTime, info.IsPkChunkingSupported = &n, &retries, &ms, &pk
		if j.state == stateFailed {
			msg := j.errMessage
			info.ErrorMessage = &msg
		}
	}
	return info
}

// serveBulk2 answers /services/data/vNN.0/jobs/query…; rest is the path
// after "jobs/query" split on "/" (trailing empty segment dropped).
func (s *Server) serveBulk2(w http.ResponseWriter, r *http.Request, version string, rest []string) {
	if len(rest) > 0 && rest[len(rest)-1] == "" {
		rest = rest[:len(rest)-1]
	}
	switch {
	case len(rest) == 0 && r.Method == http.MethodPost:
		s.bulk2Create(w, r, version)
	case len(rest) == 0 && r.Method == http.MethodGet:
		s.bulk2List(w, r)
	case len(rest) == 1 && r.Method == http.MethodGet:
		s.bulk2Get(w, rest[0])
	case len(rest) == 1 && r.Method == http.MethodPatch:
		s.bulk2Patch(w, r, rest[0])
	case len(rest) == 1 && r.Method == http.MethodDelete:
		s.bulk2Delete(w, rest[0])
	case len(rest) == 2 && r.Method == http.MethodGet && rest[1] == "results":
		s.bulk2Results(w, r, version, rest[0])
	case len(rest) == 2 && r.Method == http.MethodGet && strings.EqualFold(rest[1], "resultPages"):
		s.bulk2ResultPages(w, r, version, rest[0])
	case len(rest) <= 2:
		writeAPIError(w, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED",
			"HTTP Method '"+r.Method+"' not allowed. Allowed are GET,POST,PATCH,DELETE")
	default:
		notFound(w)
	}
}

// bulk2Create handles POST /jobs/query.
func (s *Server) bulk2Create(w http.ResponseWriter, r *http.Request, version string) {
	var req struct {
		Operation       string `json:"operation"`
		Query           string `json:"query"`
		ContentType     string `json:"contentType"`
		ColumnDelimiter string `json:"columnDelimiter"`
		LineEnding      string `json:"lineEnding"`
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil || json.Unmarshal(body, &req) != nil {
		writeAPIError(w, http.StatusBadRequest, "JSON_PARSER_ERROR", "The request body is not a valid JSON job definition.")
		return
	}
	if req.Operation != "query" && req.Operation != "queryAll" {
		writeAPIError(w, http.StatusBadRequest, "INVALIDJOB", "Invalid operation: '"+req.Operation+"'. Query jobs take 'query' or 'queryAll'.")
		return
	}
	if req.ContentType == "" {
		req.ContentType = "CSV"
	}
	if req.ContentType != "CSV" {
		writeAPIError(w, http.StatusBadRequest, "INVALIDJOB", "Invalid contentType: '"+req.ContentType+"'. Query jobs return CSV only.")
		return
	}
	if req.ColumnDelimiter == "" {
		req.ColumnDelimiter = "COMMA"
	}
	delim, ok := bulkDelimiters[req.ColumnDelimiter]
	if !ok {
		writeAPIError(w, http.StatusBadRequest, "INVALIDJOB", "Invalid columnDelimiter: '"+req.ColumnDelimiter+"'")
		return
	}
	if req.LineEnding == "" {
		req.LineEnding = "LF"
	}
	if req.LineEnding != "LF" && req.LineEnding != "CRLF" {
		writeAPIError(w, http.StatusBadRequest, "INVALIDJOB", "Invalid lineEnding: '"+req.LineEnding+"'")
		return
	}
	if strings.TrimSpace(req.Query) == "" {
		writeAPIError(w, http.StatusBadRequest, "INVALIDJOB", "A query job needs a query.")
		return
	}
	plan, perr := s.planBulkQuery(req.Query, req.Operation == "queryAll")
	if perr != nil {
		writeAPIError(w, http.StatusBadRequest, perr.code, perr.message)
		return
	}
	now := s.jobs().now().UTC().Truncate(time.Second)
	j := &bulkJob{
		id: s.jobs().newJobID(), v2: true, operation: req.Operation, object: plan.object,
		createdByID: requestUserID(r), created: now, modstamp: now, state: stateUploadComplete,
		apiVersion: version, contentType: "CSV", concurrency: "Parallel",
		lineEnding: req.LineEnding, delimiter: req.ColumnDelimiter,
		format: csvFormat{delim: delim, crlf: req.LineEnding == "CRLF"}, soql: req.Query,
	}
	s.jobs().add(j)
	s.jobs().spawn(j, func(ctx context.Context) { s.runBulk2(ctx, j, plan) })
	s.jobs().mu.Lock()
	info := jobInfo2(j, false)
	s.jobs().mu.Unlock()
	writeJSON(w, http.StatusOK, info)
}

// runBulk2 is a job's runner: UploadComplete for the first half of the
// store's delay, InProgress while the query runs and for the rest of the
// delay, then JobComplete (or Failed). A cancelled ctx ends it at once.
func (s *Server) runBulk2(ctx context.Context, j *bulkJob, plan *bulkPlan) {
	st := s.jobs()
	begin := time.Now()
	delay := st.currentDelay()
	if !wait(ctx, delay/2) {
		return
	}
	if !st.transition(j, stateUploadComplete, stateInProgress) {
		return
	}
	res, err := s.execBulkPlan(ctx, plan, j.format)
	elapsed := time.Since(begin)
	if err == nil && !wait(ctx, delay-elapsed) {
		return
	}
	if ctx.Err() != nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if j.state != stateInProgress {
		return
	}
	j.processedMs = time.Since(begin).Milliseconds()
	j.modstamp = st.now().UTC().Truncate(time.Second)
	if err != nil {
		j.state = stateFailed
		j.errMessage = err.Error()
		return
	}
	j.result = res
	j.state = stateJobComplete
}

// bulk2Get handles GET /jobs/query/{id}.
func (s *Server) bulk2Get(w http.ResponseWriter, id string) {
	j := s.jobs().get(id)
	if j == nil || !j.v2 {
		notFound(w)
		return
	}
	s.jobs().mu.Lock()
	info := jobInfo2(j, true)
	s.jobs().mu.Unlock()
	writeJSON(w, http.StatusOK, info)
}

// bulk2List handles GET /jobs/query: every Bulk 2.0 query job, one page.
func (s *Server) bulk2List(w http.ResponseWriter, r *http.Request) {
	jobs := s.jobs().list(true)
	out := struct {
		Done           bool           `json:"done"`
		Records        []bulk2JobInfo `json:"records"`
		NextRecordsURL *string        `json:"nextRecordsUrl"`
	}{Done: true, Records: []bulk2JobInfo{}}
	s.jobs().mu.Lock()
	for _, j := range jobs {
		info := jobInfo2(j, false)
		info.JobType = "V2Query"
		out.Records = append(out.Records, info)
	}
	s.jobs().mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

// bulk2Patch handles PATCH /jobs/query/{id} {"state":"Aborted"}, the only
// transition a client may ask of a query job.
func (s *Server) bulk2Patch(w http.ResponseWriter, r *http.Request, id string) {
	j := s.jobs().get(id)
	if j == nil || !j.v2 {
		notFound(w)
		return
	}
	var req struct {
		State string `json:"state"`
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<16))
	if json.Unmarshal(body, &req) != nil {
		writeAPIError(w, http.StatusBadRequest, "JSON_PARSER_ERROR", "The request body is not valid JSON.")
		return
	}
	if req.State != stateAborted {
		writeAPIError(w, http.StatusBadRequest, "INVALIDJOBSTATE", "Invalid state: '"+req.State+"'. A query job can only be set to Aborted.")
		return
	}
	s.jobs().mu.Lock()
	state := j.state
	s.jobs().mu.Unlock()
	if state != stateUploadComplete && state != stateInProgress {
		writeAPIError(w, http.StatusBadRequest, "INVALIDJOBSTATE", "Aborting a job in state "+state+" is not allowed.")
		return
	}
	s.jobs().stop(j, stateAborted)
	s.jobs().mu.Lock()
	info := jobInfo2(j, false)
	s.jobs().mu.Unlock()
	writeJSON(w, http.StatusOK, info)
}

// bulk2Delete handles DELETE /jobs/query/{id}: the job stops, its data goes.
func (s *Server) bulk2Delete(w http.ResponseWriter, id string) {
	j := s.jobs().get(id)
	if j == nil || !j.v2 {
		notFound(w)
		return
	}
	s.jobs().remove(j.id)
	w.WriteHeader(http.StatusNoContent)
}

// completedJob returns the job's result for the results resources, or
// writes the error Salesforce gives: unknown job 404, other API version
// 409, job not complete 400.
func (s *Server) completedJob(w http.ResponseWriter, version, id string) (*bulkJob, *bulkResult) {
	j := s.jobs().get(id)
	if j == nil || !j.v2 {
		notFound(w)
		return nil, nil
	}
	s.jobs().mu.Lock()
	state, res, jobVersion := j.state, j.result, j.apiVersion
	s.jobs().mu.Unlock()
	if jobVersion != version {
		writeAPIError(w, http.StatusConflict, "INVALIDJOB",
			"The results of a job are available only with the API version that created it ("+jobVersion+").")
		return nil, nil
	}
	if state != stateJobComplete {
		writeAPIError(w, http.StatusBadRequest, "INVALIDJOBSTATE", "Job not yet complete: state is "+state+".")
		return nil, nil
	}
	return j, res
}

// pageBounds reads locator and maxRecords: the rows [from, to) of the
// page and the page size asked for.
func pageBounds(w http.ResponseWriter, r *http.Request, res *bulkResult) (from, to, size int, ok bool) {
	q := r.URL.Query()
	if loc := q.Get("locator"); loc != "" {
		off, good := decodeLocator(loc, res.rows())
		if !good {
			writeAPIError(w, http.StatusBadRequest, "INVALID_LOCATOR", "Invalid locator: "+loc)
			return 0, 0, 0, false
		}
		from = off
	}
	size = defaultResultPageRows
	if m := q.Get("maxRecords"); m != "" {
		n, err := strconv.Atoi(m)
		if err != nil || n <= 0 {
			writeAPIError(w, http.StatusBadRequest, "INVALIDREQUEST", "maxRecords must be a positive integer: "+m)
			return 0, 0, 0, false
		}
		size = n
	}
	return from, min(from+size, res.rows()), size, true
}

// bulk2Results handles GET /jobs/query/{id}/results[/]: one page of CSV,
// header row first on every page, Sforce-Locator (literal "null" on the
// last page) and Sforce-NumberOfRecords always set; gzip when accepted.
func (s *Server) bulk2Results(w http.ResponseWriter, r *http.Request, version, id string) {
	_, res := s.completedJob(w, version, id)
	if res == nil {
		return
	}
	from, to, _, ok := pageBounds(w, r, res)
	if !ok {
		return
	}
	next := "null"
	if to < res.rows() {
		next = encodeLocator(to)
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv")
	h.Set("Sforce-Locator", next)
	h.Set("Sforce-NumberOfRecords", strconv.Itoa(to-from))
	writeCSVBody(w, r, res.header, res.slice(from, to))
}

// writeCSVBody writes a 200 CSV body made of parts (Content-Type already
// set): gzipped when the client accepts it, else with its length.
func writeCSVBody(w http.ResponseWriter, r *http.Request, parts ...[]byte) {
	h := w.Header()
	var out io.Writer = w
	if acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		h.Add("Vary", "Accept-Encoding")
		gz := gzipWriters.Get().(*gzip.Writer)
		gz.Reset(w)
		defer func() {
			_ = gz.Close()
			gzipWriters.Put(gz)
		}()
		out = gz
	} else {
		n := 0
		for _, p := range parts {
			n += len(p)
		}
		h.Set("Content-Length", strconv.Itoa(n))
	}
	w.WriteHeader(http.StatusOK)
	for _, p := range parts {
		_, _ = out.Write(p)
	}
}

// gzipWriters recycles compressors: a gzip.Writer carries large tables
// that would otherwise be allocated per page.
var gzipWriters = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return w
}}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") && strings.ReplaceAll(q, " ", "") != "q=0" {
			return true
		}
	}
	return false
}

// bulk2ResultPages handles GET /jobs/query/{id}/resultPages: up to five
// result links, each a page of maxRecords rows (default page size), and a
// link to the next set.
func (s *Server) bulk2ResultPages(w http.ResponseWriter, r *http.Request, version, id string) {
	j, res := s.completedJob(w, version, id)
	if res == nil {
		return
	}
	from, _, size, ok := pageBounds(w, r, res)
	if !ok {
		return
	}
	base := "/services/data/v" + version + "/jobs/query/" + j.id
	type page struct {
		ResultURL string `json:"resultUrl"`
	}
	out := struct {
		ResultPages    []page  `json:"resultPages"`
		NextRecordsURL *string `json:"nextRecordsUrl"`
		Done           bool    `json:"done"`
	}{ResultPages: []page{}}
	off := from
	for len(out.ResultPages) < resultPagesPerResponse && (off < res.rows() || (off == 0 && len(out.ResultPages) == 0)) {
		u := base + "/results?maxRecords=" + strconv.Itoa(size)
		if off > 0 {
			u += "&locator=" + encodeLocator(off)
		}
		out.ResultPages = append(out.ResultPages, page{ResultURL: u})
		off += size
	}
	if off < res.rows() {
		next := base + "/resultPages?maxRecords=" + strconv.Itoa(size) + "&locator=" + encodeLocator(off)
		out.NextRecordsURL = &next
	} else {
		out.Done = true
	}
	writeJSON(w, http.StatusOK, out)
}
