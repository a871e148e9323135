package emulator

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/soqlgate/soqlgate/soql"
)

// Bulk API 1.0 query jobs, §3: /services/async/NN.0/job[/{id}[/batch[/{id}[/request|/result[/{id}]]]]].
// Ingest operations are not implemented and say so.

const asyncNS = "http://www.force.com/2009/06/asyncapi/dataload"

// Bulk 1.0 content types: exact strings, no charset (heroku/salesforce-bulk
// compares them with ==, §0.3).
const (
	contentBulkXML  = "application/xml"
	contentBulkJSON = "application/json"
	contentBulkCSV  = "text/csv"
)

// PK chunking bounds (§3.6).
const (
	pkDefaultChunk = 100000
	pkMaxChunk     = 250000
)

// bulk1Error is a Bulk 1.0 exception, written as XML or JSON.
type bulk1Error struct {
	status  int
	code    string
	message string
}

// writeBulk1Error writes the <error> document (or its JSON form).
func writeBulk1Error(w http.ResponseWriter, asJSON bool, e bulk1Error) {
	if e.status == 0 {
		e.status = http.StatusBadRequest
	}
	if asJSON {
		w.Header().Set("Content-Type", contentBulkJSON)
		w.WriteHeader(e.status)
		b, _ := json.Marshal(struct {
			ExceptionCode    string `json:"exceptionCode"`
			ExceptionMessage string `json:"exceptionMessage"`
		}{e.code, e.message})
		_, _ = w.Write(b)
		return
	}
	w.Header().Set("Content-Type", contentBulkXML)
	w.WriteHeader(e.status)
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><error` + "\n   xmlns=\"" + asyncNS + "\">\n")
	xmlElem(&b, " ", "exceptionCode", e.code)
	xmlElem(&b, " ", "exceptionMessage", e.message)
	b.WriteString("</error>")
	_, _ = io.WriteString(w, b.String())
}

func xmlElem(b *strings.Builder, indent, name, value string) {
	b.WriteString(indent + "<" + name + ">")
	b.WriteString(xmlText.Replace(value))
	b.WriteString("</" + name + ">\n")
}

// xmlText escapes character data as Salesforce's XML writer does: the
// markup characters only (quotes and apostrophes stay as they are).
var xmlText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#13;")

// bulkXMLTime is the Bulk 1.0 XML timestamp form (…000Z).
func bulkXMLTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// serveBulk1 answers /services/async/…; rest is the path after
// "/services/async/".
func (s *Server) serveBulk1(w http.ResponseWriter, r *http.Request, rest string) {
	s.count("bulk")
	wantJSON := strings.HasPrefix(r.Header.Get("Content-Type"), "application/json")
	verText, path, _ := strings.Cut(rest, "/")
	major, ok := parseVersion(verText)
	if !ok || major > latestVersion || major < oldestVersion {
		writeBulk1Error(w, wantJSON, bulk1Error{code: "InvalidVersion", message: "Invalid api version specified on URL: " + verText})
		return
	}
	sess := s.authenticate(r)
	if sess == nil {
		writeBulk1Error(w, wantJSON, bulk1Error{code: "InvalidSessionId", message: "Invalid session id"})
		return
	}
	if !s.chargeAPICall() {
		writeBulk1Error(w, wantJSON, bulk1Error{status: http.StatusForbidden, code: "ExceededQuota", message: msgDailyLimit})
		return
	}
	if s.bulk1Fault(w, r, wantJSON) {
		return
	}
	parts := strings.Split(strings.TrimSuffix(path, "/"), "/")
	if parts[0] != "job" {
		writeBulk1Error(w, wantJSON, bulk1Error{status: http.StatusNotFound, code: "InvalidUrl", message: "unknown resource: " + path})
		return
	}
	if len(parts) == 1 {
		if r.Method != http.MethodPost {
			writeBulk1Error(w, wantJSON, bulk1Error{status: http.StatusMethodNotAllowed, code: "MethodNotAllowed", message: "Method " + r.Method + " not allowed"})
			return
		}
		s.bulk1CreateJob(w, r, verText, sess.userID, wantJSON)
		return
	}
	j := s.jobs().get(parts[1])
	if j == nil || j.v2 {
		writeBulk1Error(w, wantJSON, bulk1Error{code: "InvalidJob", message: "Invalid job id: " + parts[1]})
		return
	}
	asJSON := j.contentType == "JSON"
	switch {
	case len(parts) == 2 && r.Method == http.MethodGet:
		s.writeJobInfo1(w, http.StatusOK, j)
	case len(parts) == 2 && r.Method == http.MethodPost:
		s.bulk1UpdateJob(w, r, j)
	case len(parts) == 3 && parts[2] == "batch" && r.Method == http.MethodPost:
		s.bulk1AddBatch(w, r, j)
	case len(parts) == 3 && parts[2] == "batch" && r.Method == http.MethodGet:
		s.writeBatchList(w, j)
	case len(parts) >= 4 && parts[2] == "batch" && r.Method == http.MethodGet:
		b := s.findBatch(j, parts[3])
		if b == nil {
			writeBulk1Error(w, asJSON, bulk1Error{code: "InvalidBatch", message: "Invalid batch id: " + parts[3]})
			return
		}
		switch {
		case len(parts) == 4:
			s.writeBatchInfo(w, http.StatusOK, j, b)
		case len(parts) == 5 && parts[4] == "request":
			s.jobs().mu.Lock()
			body := b.soql
			s.jobs().mu.Unlock()
			w.Header().Set("Content-Type", contentBulkCSV)
			if asJSON {
				w.Header().Set("Content-Type", contentBulkJSON)
			} else if j.contentType == "XML" {
				w.Header().Set("Content-Type", contentBulkXML)
			}
			_, _ = io.WriteString(w, body)
		case len(parts) == 5 && parts[4] == "result":
			s.writeResultList(w, j, b)
		case len(parts) == 6 && parts[4] == "result":
			s.writeBatchResult(w, r, j, b, parts[5])
		default:
			writeBulk1Error(w, asJSON, bulk1Error{status: http.StatusNotFound, code: "InvalidUrl", message: "unknown resource: " + path})
		}
	case len(parts) <= 6:
		writeBulk1Error(w, asJSON, bulk1Error{status: http.StatusMethodNotAllowed, code: "MethodNotAllowed", message: "Method " + r.Method + " not allowed"})
	default:
		writeBulk1Error(w, asJSON, bulk1Error{status: http.StatusNotFound, code: "InvalidUrl", message: "unknown resource: " + path})
	}
}

// bulk1Fault injects the faults configured for endpoint "bulk" in Bulk
// 1.0's own error format.
func (s *Server) bulk1Fault(w http.ResponseWriter, r *http.Request, asJSON bool) bool {
	switch s.pickFault("bulk") {
	case 0:
		return false
	case FaultReset:
		resetConnection(w)
	case Fault503:
		writeBulk1Error(w, asJSON, bulk1Error{status: http.StatusServiceUnavailable, code: "Unknown", message: msgUnavailable})
	case FaultConcurrentLimit:
		writeBulk1Error(w, asJSON, bulk1Error{status: http.StatusForbidden, code: "ExceededQuota", message: msgConcurrent})
	case FaultDailyLimit:
		writeBulk1Error(w, asJSON, bulk1Error{status: http.StatusForbidden, code: "ExceededQuota", message: msgDailyLimit})
	case FaultInvalidSession:
		writeBulk1Error(w, asJSON, bulk1Error{code: "InvalidSessionId", message: "Invalid session id"})
	}
	return true
}

// jobRequest1 is a jobInfo request body, XML or JSON.
type jobRequest1 struct {
	Operation           string `xml:"operation" json:"operation"`
	Object              string `xml:"object" json:"object"`
	ExternalIDFieldName string `xml:"externalIdFieldName" json:"externalIdFieldName"`
	ConcurrencyMode     string `xml:"concurrencyMode" json:"concurrencyMode"`
	ContentType         string `xml:"contentType" json:"contentType"`
	State               string `xml:"state" json:"state"`
}

func readJobRequest1(r *http.Request, asJSON bool) (jobRequest1, error) {
	var req jobRequest1
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		return req, err
	}
	if asJSON {
		return req, json.Unmarshal(body, &req)
	}
	return req, xml.Unmarshal(body, &req)
}

// bulk1CreateJob handles POST /job.
func (s *Server) bulk1CreateJob(w http.ResponseWriter, r *http.Request, version, userID string, wantJSON bool) {
	req, err := readJobRequest1(r, wantJSON)
	if err != nil {
		code := "InvalidXML"
		if wantJSON {
			code = "InvalidJob"
		}
		writeBulk1Error(w, wantJSON, bulk1Error{code: code, message: "Unable to parse the job: " + err.Error()})
		return
	}
	asJSON := wantJSON || req.ContentType == "JSON"
	switch req.Operation {
	case "query", "queryAll":
	case "insert", "update", "upsert", "delete", "hardDelete":
		writeBulk1Error(w, asJSON, bulk1Error{status: http.StatusNotImplemented, code: "FeatureNotEnabled",
			message: "soqlgate emulator: Bulk API 1.0 " + req.Operation + " jobs are not implemented (query and queryAll are)"})
		return
	default:
		writeBulk1Error(w, asJSON, bulk1Error{code: "InvalidJob", message: "Invalid operation: " + req.Operation})
		return
	}
	if req.ExternalIDFieldName != "" {
		writeBulk1Error(w, asJSON, bulk1Error{code: "InvalidJob", message: "External ID was blank or not specified for upsert"})
		return
	}
	if req.ContentType == "" {
		req.ContentType = "CSV"
	}
	switch req.ContentType {
	case "CSV", "JSON", "XML":
	default:
		writeBulk1Error(w, asJSON, bulk1Error{code: "InvalidJob", message: "Invalid contentType for a query job: " + req.ContentType})
		return
	}
	if req.ConcurrencyMode == "" {
		req.ConcurrencyMode = "Parallel"
	}
	if req.ConcurrencyMode != "Parallel" && req.ConcurrencyMode != "Serial" {
		writeBulk1Error(w, asJSON, bulk1Error{code: "InvalidJob", message: "Invalid concurrencyMode: " + req.ConcurrencyMode})
		return
	}
	o := s.schema.object(req.Object)
	if o == nil || !o.Queryable {
		writeBulk1Error(w, asJSON, bulk1Error{code: "InvalidEntity", message: fmt.Sprintf("Entity '%s' is not supported by the Bulk API.", req.Object)})
		return
	}
	chunk, start, perr := parsePKChunking(r.Header.Get("Sforce-Enable-PKChunking"))
	if perr != "" {
		writeBulk1Error(w, asJSON, bulk1Error{code: "InvalidJob", message: perr})
		return
	}
	if chunk > 0 && !pkChunkable(o.Name) {
		writeBulk1Error(w, asJSON, bulk1Error{code: "InvalidJob", message: fmt.Sprintf("Entity '%s' is not supported by PK chunking.", o.Name)})
		return
	}
	now := s.jobs().now().UTC().Truncate(time.Second)
	j := &bulkJob{
		id: s.jobs().newJobID(), operation: req.Operation, object: o.Name, createdByID: userID,
		created: now, modstamp: now, state: stateOpen, apiVersion: version,
		contentType: req.ContentType, concurrency: req.ConcurrencyMode, format: defaultCSV,
		pkChunk: chunk, pkStartID: start,
	}
	s.jobs().add(j)
	s.writeJobInfo1(w, http.StatusCreated, j)
}

// parsePKChunking reads Sforce-Enable-PKChunking: "TRUE", "FALSE", or
// "chunkSize=N; startRow=ID; parent=X". It returns the chunk size (0 = off).
func parsePKChunking(h string) (chunk int, start string, errMsg string) {
	h = strings.TrimSpace(h)
	switch strings.ToLower(h) {
	case "", "false":
		return 0, "", ""
	case "true":
		return pkDefaultChunk, "", ""
	}
	chunk = pkDefaultChunk
	for _, part := range strings.Split(h, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return 0, "", "Invalid Sforce-Enable-PKChunking header: " + h
		}
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "chunksize":
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n < 1 || n > pkMaxChunk {
				return 0, "", fmt.Sprintf("Chunk size %s is invalid: it must be between 1 and %d.", strings.TrimSpace(v), pkMaxChunk)
			}
			chunk = n
		case "startrow":
			id, ok := canonicalID(strings.TrimSpace(v))
			if !ok {
				return 0, "", "Invalid startRow: " + strings.TrimSpace(v)
			}
			start = id
		case "parent":
			// Only matters for sharing and history objects, which the
			// emulator does not have; accepted and ignored.
		default:
			return 0, "", "Invalid Sforce-Enable-PKChunking option: " + k
		}
	}
	return chunk, start, ""
}

// bulk1UpdateJob handles POST /job/{id} with state Closed or Aborted.
func (s *Server) bulk1UpdateJob(w http.ResponseWriter, r *http.Request, j *bulkJob) {
	asJSON := j.contentType == "JSON"
	req, err := readJobRequest1(r, asJSON || strings.HasPrefix(r.Header.Get("Content-Type"), "application/json"))
	if err != nil {
		writeBulk1Error(w, asJSON, bulk1Error{code: "InvalidXML", message: "Unable to parse the job: " + err.Error()})
		return
	}
	s.jobs().mu.Lock()
	state := j.state
	s.jobs().mu.Unlock()
	switch {
	case req.State == stateClosed && state == stateOpen:
		s.jobs().mu.Lock()
		s.jobs().setStateLocked(j, stateClosed)
		s.jobs().mu.Unlock()
	case req.State == stateAborted && (state == stateOpen || state == stateClosed):
		s.jobs().stop(j, stateAborted)
	case req.State == stateClosed || req.State == stateAborted:
		writeBulk1Error(w, asJSON, bulk1Error{code: "InvalidJobState", message: fmt.Sprintf("Job %s is %s: it cannot be set to %s", j.id, state, req.State)})
		return
	default:
		writeBulk1Error(w, asJSON, bulk1Error{code: "InvalidJobState", message: "Invalid state: " + req.State})
		return
	}
	s.writeJobInfo1(w, http.StatusOK, j)
}

// bulk1AddBatch handles POST /job/{id}/batch: the body is the SOQL.
func (s *Server) bulk1AddBatch(w http.ResponseWriter, r *http.Request, j *bulkJob) {
	asJSON := j.contentType == "JSON"
	body, err := io.ReadAll(io.LimitReader(r.Body, 10<<20))
	if err != nil {
		writeBulk1Error(w, asJSON, bulk1Error{code: "ClientInputError", message: "Failed to read the batch: " + err.Error()})
		return
	}
	s.jobs().mu.Lock()
	state := j.state
	s.jobs().mu.Unlock()
	if state != stateOpen {
		writeBulk1Error(w, asJSON, bulk1Error{code: "InvalidJobState", message: fmt.Sprintf("Job %s is not open: it is %s", j.id, state)})
		return
	}
	if len(strings.TrimSpace(string(body))) == 0 {
		writeBulk1Error(w, asJSON, bulk1Error{code: "InvalidBatch", message: "Records not found"})
		return
	}
	now := s.jobs().now().UTC().Truncate(time.Second)
	b := &bulkBatch{id: s.jobs().newBatchID(), jobID: j.id, state: batchQueued, created: now, modstamp: now, soql: string(body)}
	s.jobs().mu.Lock()
	j.batches = append(j.batches, b)
	s.jobs().mu.Unlock()
	s.jobs().spawn(j, func(ctx context.Context) { s.runBatch(ctx, j, b, true) })
	s.writeBatchInfo(w, http.StatusCreated, j, b)
}

// runBatch processes one batch: Queued for half the store's delay,
// InProgress while the query runs and for the rest of it, then Completed or
// Failed. With PK chunking on, an original batch is split into chunk
// batches (which run on their own) and ends NotProcessed.
func (s *Server) runBatch(ctx context.Context, j *bulkJob, b *bulkBatch, original bool) {
	st := s.jobs()
	begin := time.Now()
	delay := st.currentDelay()
	if !wait(ctx, delay/2) {
		return
	}
	st.mu.Lock()
	if b.state != batchQueued {
		st.mu.Unlock()
		return
	}
	b.state = batchInProgress
	b.modstamp = st.now().UTC().Truncate(time.Second)
	chunk, start := j.pkChunk, j.pkStartID
	st.mu.Unlock()

	plan, perr := s.planBulkQuery(b.soql, j.operation == "queryAll")
	if perr == nil && !strings.EqualFold(plan.object, j.object) {
		perr = &bulkError{"INVALID_TYPE", fmt.Sprintf("The query's object %s is not the job's object %s", plan.object, j.object)}
	}
	if perr != nil {
		s.finishBatch(ctx, j, b, nil, perr.batchStateMessage(), begin)
		return
	}
	if original && chunk > 0 {
		s.chunkBatch(ctx, j, b, plan, chunk, start, begin)
		return
	}
	res, err := s.execBulkPlanKeep(ctx, plan, defaultCSV, j.contentType != "CSV")
	if ctx.Err() != nil {
		return
	}
	if err != nil {
		s.finishBatch(ctx, j, b, nil, "InvalidBatch : Failed to process query: "+err.Error(), begin)
		return
	}
	if !wait(ctx, delay-time.Since(begin)) {
		return
	}
	s.finishBatch(ctx, j, b, res, "", begin)
}

// finishBatch records a batch's outcome unless the job was aborted.
func (s *Server) finishBatch(ctx context.Context, j *bulkJob, b *bulkBatch, res *bulkResult, failure string, begin time.Time) {
	st := s.jobs()
	st.mu.Lock()
	defer st.mu.Unlock()
	if ctx.Err() != nil || b.state != batchInProgress {
		return
	}
	b.modstamp = st.now().UTC().Truncate(time.Second)
	b.processedMs = time.Since(begin).Milliseconds()
	if failure != "" {
		b.state, b.stateMessage = batchFailed, failure
		return
	}
	st.seq++
	b.result, b.resultID, b.state = res, newID("752", st.seq), batchCompleted
}

// chunkBatch splits an original batch by Id ranges of chunk records each
// (from startRow when given), queues one batch per range and leaves the
// original NotProcessed (§3.6).
func (s *Server) chunkBatch(ctx context.Context, j *bulkJob, b *bulkBatch, plan *bulkPlan, chunk int, start string, begin time.Time) {
	q := plan.query
	if len(q.OrderBy) > 0 || q.Limit != nil || q.Offset != nil {
		s.finishBatch(ctx, j, b, nil, "InvalidBatch : Failed to process query: FUNCTIONALITY_NOT_ENABLED: PK chunking supports only queries with SELECT, FROM and WHERE clauses", begin)
		return
	}
	bounds, err := s.pkBoundaries(ctx, plan.object, chunk, start)
	if err != nil {
		if ctx.Err() == nil {
			s.finishBatch(ctx, j, b, nil, "InvalidBatch : Failed to process query: "+err.Error(), begin)
		}
		return
	}
	var chunks []*bulkBatch
	for i, lo := range bounds {
		hi := ""
		if i+1 < len(bounds) {
			hi = bounds[i+1]
		}
		now := s.jobs().now().UTC().Truncate(time.Second)
		chunks = append(chunks, &bulkBatch{id: s.jobs().newBatchID(), jobID: j.id, state: batchQueued,
			created: now, modstamp: now, soql: chunkSOQL(q, lo, hi)})
	}
	st := s.jobs()
	st.mu.Lock()
	if ctx.Err() != nil || b.state != batchInProgress {
		st.mu.Unlock()
		return
	}
	j.batches = append(j.batches, chunks...)
	b.state = batchNotProcessed
	b.modstamp = st.now().UTC().Truncate(time.Second)
	st.mu.Unlock()
	for _, c := range chunks {
		st.spawn(j, func(ctx context.Context) { s.runBatch(ctx, j, c, false) })
	}
}

// pkBoundaries returns the lower Id bound of every chunk: every chunk-th Id
// of the object in Id order, from start on (soft-deleted rows included, as
// chunks cover the Id space). An empty object still gets one chunk.
func (s *Server) pkBoundaries(ctx context.Context, object string, chunk int, start string) ([]string, error) {
	q := `SELECT "Id" FROM ` + quoteIdent(object)
	var args []any
	if start != "" {
		q += ` WHERE "Id" >= ?`
		args = append(args, start)
	}
	q += ` ORDER BY "Id"`
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var bounds []string
	for i := 0; rows.Next(); i++ {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		if i%chunk == 0 {
			bounds = append(bounds, id)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(bounds) == 0 {
		bounds = []string{start}
		if start == "" {
			bounds = []string{"000000000000000AAA"}
		}
	}
	return bounds, nil
}

// chunkSOQL is q restricted to Id >= lo [AND Id < hi], the SOQL of one PK
// chunk batch (shown by …/batch/{id}/request, as Salesforce shows the
// generated query).
func chunkSOQL(q *soql.Query, lo, hi string) string {
	c := *q
	var cond soql.Expr = &soql.Comparison{Left: &soql.FieldRef{Path: []string{"Id"}}, Op: ">=", Right: &soql.StringLit{Value: lo}}
	if hi != "" {
		cond = &soql.And{Left: cond, Right: &soql.Comparison{Left: &soql.FieldRef{Path: []string{"Id"}}, Op: "<", Right: &soql.StringLit{Value: hi}}}
	}
	if c.Where != nil {
		cond = &soql.And{Left: c.Where, Right: cond}
	}
	c.Where = cond
	return c.String()
}

func (s *Server) findBatch(j *bulkJob, id string) *bulkBatch {
	s.jobs().mu.Lock()
	defer s.jobs().mu.Unlock()
	for _, b := range j.batches {
		if b.id == id || (len(id) == 15 && b.id[:15] == id) {
			return b
		}
	}
	return nil
}

// jobCounters are the batch and record counters of a jobInfo.
type jobCounters struct {
	queued, inProgress, completed, failed, total, records int
	processingMs                                          int64
}

func countBatches(j *bulkJob) jobCounters {
	var c jobCounters
	for _, b := range j.batches {
		c.total++
		switch b.state {
		case batchQueued:
			c.queued++
		case batchInProgress:
			c.inProgress++
		case batchCompleted:
			c.completed++
		case batchFailed:
			c.failed++
		}
		if b.result != nil {
			c.records += b.result.rows()
		}
		c.processingMs += b.processedMs
	}
	return c
}

// writeJobInfo1 writes a jobInfo: XML in the recorded element order
// (fixtures/salesforce/cumulusci/jobInfo_insert_xml.tpl), or for JSON jobs
// the same fields as a JSON object with keys in alphabetical order.
func (s *Server) writeJobInfo1(w http.ResponseWriter, status int, j *bulkJob) {
	s.jobs().mu.Lock()
	c := countBatches(j)
	jj := *j
	s.jobs().mu.Unlock()
	if jj.contentType == "JSON" {
		body := map[string]any{
			"apexProcessingTime": 0, "apiActiveProcessingTime": c.processingMs, "apiVersion": json.Number(jj.apiVersion),
			"assignmentRuleId": nil, "concurrencyMode": jj.concurrency, "contentType": jj.contentType,
			"createdById": jj.createdByID, "createdDate": sfDateTime(jj.created), "externalIdFieldName": nil,
			"fastPathEnabled": false, "id": jj.id, "numberBatchesCompleted": c.completed,
			"numberBatchesFailed": c.failed, "numberBatchesInProgress": c.inProgress,
			"numberBatchesQueued": c.queued, "numberBatchesTotal": c.total,
			"numberRecordsFailed": 0, "numberRecordsProcessed": c.records, "numberRetries": 0,
			"object": jj.object, "operation": jj.operation, "state": jj.state,
			"systemModstamp": sfDateTime(jj.modstamp), "totalProcessingTime": c.processingMs,
		}
		writeBulk1JSON(w, status, body)
		return
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><jobInfo` + "\n   xmlns=\"" + asyncNS + "\">\n")
	writeJobFields(&b, &jj, c)
	b.WriteString("</jobInfo>")
	w.Header().Set("Content-Type", contentBulkXML)
	w.WriteHeader(status)
	_, _ = io.WriteString(w, b.String())
}

func writeJobFields(b *strings.Builder, j *bulkJob, c jobCounters) {
	for _, kv := range [][2]string{
		{"id", j.id}, {"operation", j.operation}, {"object", j.object}, {"createdById", j.createdByID},
		{"createdDate", bulkXMLTime(j.created)}, {"systemModstamp", bulkXMLTime(j.modstamp)}, {"state", j.state},
		{"concurrencyMode", j.concurrency}, {"contentType", j.contentType},
		{"numberBatchesQueued", strconv.Itoa(c.queued)}, {"numberBatchesInProgress", strconv.Itoa(c.inProgress)},
		{"numberBatchesCompleted", strconv.Itoa(c.completed)}, {"numberBatchesFailed", strconv.Itoa(c.failed)},
		{"numberBatchesTotal", strconv.Itoa(c.total)}, {"numberRecordsProcessed", strconv.Itoa(c.records)},
		{"numberRetries", "0"}, {"apiVersion", j.apiVersion}, {"numberRecordsFailed", "0"},
		{"totalProcessingTime", strconv.FormatInt(c.processingMs, 10)},
		{"apiActiveProcessingTime", strconv.FormatInt(c.processingMs, 10)}, {"apexProcessingTime", "0"},
	} {
		xmlElem(b, " ", kv[0], kv[1])
	}
}

// writeBulk1JSON writes a Bulk 1.0 JSON body (application/json, no charset).
func writeBulk1JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", contentBulkJSON)
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// batchInfo1JSON is a batchInfo as JSON, keys alphabetical.
func batchInfo1JSON(b *bulkBatch) map[string]any {
	var msg any
	if b.stateMessage != "" {
		msg = b.stateMessage
	}
	n := 0
	if b.result != nil {
		n = b.result.rows()
	}
	return map[string]any{
		"apexProcessingTime": 0, "apiActiveProcessingTime": b.processedMs, "createdDate": sfDateTime(b.created),
		"id": b.id, "jobId": b.jobID, "numberRecordsFailed": 0, "numberRecordsProcessed": n,
		"state": b.state, "stateMessage": msg, "systemModstamp": sfDateTime(b.modstamp), "totalProcessingTime": b.processedMs,
	}
}

// writeBatchFields writes a batchInfo's elements in the recorded order
// (fixtures/salesforce/cumulusci/batchInfo_xml.tpl) at the given indent.
func writeBatchFields(sb *strings.Builder, b *bulkBatch, indent string) {
	n := 0
	if b.result != nil {
		n = b.result.rows()
	}
	xmlElem(sb, indent, "id", b.id)
	xmlElem(sb, indent, "jobId", b.jobID)
	xmlElem(sb, indent, "state", b.state)
	if b.stateMessage != "" {
		xmlElem(sb, indent, "stateMessage", b.stateMessage)
	}
	xmlElem(sb, indent, "createdDate", bulkXMLTime(b.created))
	xmlElem(sb, indent, "systemModstamp", bulkXMLTime(b.modstamp))
	xmlElem(sb, indent, "numberRecordsProcessed", strconv.Itoa(n))
	xmlElem(sb, indent, "numberRecordsFailed", "0")
	ms := strconv.FormatInt(b.processedMs, 10)
	xmlElem(sb, indent, "totalProcessingTime", ms)
	xmlElem(sb, indent, "apiActiveProcessingTime", ms)
	xmlElem(sb, indent, "apexProcessingTime", "0")
}

func (s *Server) writeBatchInfo(w http.ResponseWriter, status int, j *bulkJob, b *bulkBatch) {
	s.jobs().mu.Lock()
	bb := *b
	s.jobs().mu.Unlock()
	if j.contentType == "JSON" {
		writeBulk1JSON(w, status, batchInfo1JSON(&bb))
		return
	}
	var sb strings.Builder
	sb.WriteString(`<?xml version="1.0" encoding="UTF-8"?><batchInfo` + "\n   xmlns=\"" + asyncNS + "\">\n")
	writeBatchFields(&sb, &bb, " ")
	sb.WriteString("</batchInfo>")
	w.Header().Set("Content-Type", contentBulkXML)
	w.WriteHeader(status)
	_, _ = io.WriteString(w, sb.String())
}

// writeBatchList handles GET /job/{id}/batch.
func (s *Server) writeBatchList(w http.ResponseWriter, j *bulkJob) {
	s.jobs().mu.Lock()
	batches := make([]bulkBatch, len(j.batches))
	for i, b := range j.batches {
		batches[i] = *b
	}
	s.jobs().mu.Unlock()
	if j.contentType == "JSON" {
		list := []map[string]any{}
		for i := range batches {
			list = append(list, batchInfo1JSON(&batches[i]))
		}
		writeBulk1JSON(w, http.StatusOK, map[string]any{"batchInfo": list})
		return
	}
	var sb strings.Builder
	sb.WriteString(`<?xml version="1.0" encoding="UTF-8"?><batchInfoList` + "\n   xmlns=\"" + asyncNS + "\"")
	if len(batches) == 0 {
		sb.WriteString(" />")
	} else {
		sb.WriteString(">\n")
		for i := range batches {
			sb.WriteString(" <batchInfo>\n")
			writeBatchFields(&sb, &batches[i], "  ")
			sb.WriteString(" </batchInfo>\n")
		}
		sb.WriteString("</batchInfoList>")
	}
	w.Header().Set("Content-Type", contentBulkXML)
	w.WriteHeader(http.StatusOK)
	_, _ = io.WriteString(w, sb.String())
}

// writeResultList handles GET …/batch/{id}/result of a query batch: the
// ids of its result files (one here).
func (s *Server) writeResultList(w http.ResponseWriter, j *bulkJob, b *bulkBatch) {
	s.jobs().mu.Lock()
	state, rid := b.state, b.resultID
	s.jobs().mu.Unlock()
	asJSON := j.contentType == "JSON"
	if state != batchCompleted {
		writeBulk1Error(w, asJSON, bulk1Error{code: "InvalidBatch", message: "Batch not completed"})
		return
	}
	if asJSON {
		writeBulk1JSON(w, http.StatusOK, []string{rid})
		return
	}
	w.Header().Set("Content-Type", contentBulkXML)
	_, _ = io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><result-list xmlns="`+asyncNS+`"><result>`+rid+`</result></result-list>`)
}

// writeBatchResult handles GET …/batch/{id}/result/{resultId}: CSV with
// every value quoted, or JSON / XML records for those jobs.
func (s *Server) writeBatchResult(w http.ResponseWriter, r *http.Request, j *bulkJob, b *bulkBatch, rid string) {
	s.jobs().mu.Lock()
	state, res, want := b.state, b.result, b.resultID
	s.jobs().mu.Unlock()
	asJSON := j.contentType == "JSON"
	if state != batchCompleted || res == nil {
		writeBulk1Error(w, asJSON, bulk1Error{code: "InvalidBatch", message: "Batch not completed"})
		return
	}
	if rid != want && !(len(rid) == 15 && want[:15] == rid) {
		writeBulk1Error(w, asJSON, bulk1Error{code: "InvalidBatch", message: "Invalid result id: " + rid})
		return
	}
	switch j.contentType {
	case "JSON":
		writeBulk1JSON(w, http.StatusOK, jsonRecords(j.object, j.apiVersion, res))
	case "XML":
		w.Header().Set("Content-Type", contentBulkXML)
		_, _ = io.WriteString(w, xmlRecords(j.object, res))
	default:
		w.Header().Set("Content-Type", contentBulkCSV)
		writeCSVBody(w, r, res.header, res.slice(0, res.rows()))
	}
}

// bulkJSONValue renders a stored value in a Bulk 1.0 JSON record: numbers
// and booleans as JSON, dates and datetimes as epoch milliseconds (Bulk
// JSON's form, unlike REST's strings), null as null.
func bulkJSONValue(typ string, v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case int64:
		if typ == "boolean" {
			return x != 0
		}
		return x
	case float64:
		return x
	case string:
		switch typ {
		case "date":
			if t, err := time.Parse("2006-01-02", x); err == nil {
				return t.UnixMilli()
			}
		case "datetime":
			if t, err := time.Parse(storedDateTime, x); err == nil {
				return t.UnixMilli()
			}
		}
		return x
	}
	return v
}

// orderedRecord is a JSON object that keeps its keys in insertion order.
type orderedRecord struct {
	keys []string
	vals map[string]any
}

func newRecord(object, version, id string) *orderedRecord {
	r := &orderedRecord{vals: map[string]any{}}
	attrs := &orderedRecord{vals: map[string]any{}}
	attrs.set("type", object)
	if id != "" {
		attrs.set("url", "/services/data/v"+version+"/sobjects/"+object+"/"+id)
	}
	r.set("attributes", attrs)
	return r
}

func (r *orderedRecord) set(k string, v any) {
	if _, ok := r.vals[k]; !ok {
		r.keys = append(r.keys, k)
	}
	r.vals[k] = v
}

func (r *orderedRecord) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range r.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		vb, err := json.Marshal(r.vals[k])
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

// jsonRecords renders a result as Bulk 1.0 JSON records, relationship
// columns ("Account.Name") nested as parent records (null when the parent
// has no value at all).
func jsonRecords(object, version string, res *bulkResult) []*orderedRecord {
	out := make([]*orderedRecord, 0, len(res.records))
	for _, vals := range res.records {
		id := ""
		for i, c := range res.cols {
			if c.Name == "Id" {
				id, _ = vals[i].(string)
			}
		}
		rec := newRecord(object, version, id)
		for i, c := range res.cols {
			path := strings.Split(c.Name, ".")
			cur := rec
			for k, p := range path[:len(path)-1] {
				child, _ := cur.vals[p].(*orderedRecord)
				if child == nil {
					typ := p
					if k < len(c.parents) {
						typ = c.parents[k]
					}
					child = newRecord(typ, version, "")
					cur.set(p, child)
				}
				cur = child
			}
			cur.set(path[len(path)-1], bulkJSONValue(c.Type, vals[i]))
		}
		nullEmptyParents(rec)
		out = append(out, rec)
	}
	return out
}

// nullEmptyParents replaces nested parent records whose fields are all
// null with null, as Salesforce does for an empty lookup.
func nullEmptyParents(r *orderedRecord) bool {
	empty := true
	for _, k := range r.keys {
		if k == "attributes" {
			continue
		}
		switch v := r.vals[k].(type) {
		case *orderedRecord:
			if nullEmptyParents(v) {
				r.vals[k] = nil
			} else {
				empty = false
			}
		case nil:
		default:
			empty = false
		}
	}
	return empty
}

// xmlRecords renders a result as a Bulk 1.0 XML queryResult: each record
// (and each parent object) an sObject with its type and Id first, as the
// SOAP sObject form has them, so a query that selects Id shows it twice
// (documented); empty values are xsi:nil.
func xmlRecords(object string, res *bulkResult) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><queryResult xmlns="` + asyncNS + `" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	for _, vals := range res.records {
		rec := jsonRecords(object, "", &bulkResult{cols: res.cols, records: [][]any{vals}})[0]
		b.WriteString(`<records xsi:type="sObject">`)
		writeXMLSObject(&b, object, rec, res.cols, "")
		b.WriteString("</records>")
	}
	b.WriteString("</queryResult>")
	return b.String()
}

// writeXMLSObject writes the body of one sObject element from the nested
// record jsonRecords built; prefix is the record's path ("Account.").
func writeXMLSObject(b *strings.Builder, typeName string, rec *orderedRecord, cols []bulkColumn, prefix string) {
	b.WriteString("<type>" + typeName + "</type>")
	if id, ok := rec.vals["Id"].(string); ok {
		b.WriteString("<Id>" + xmlText.Replace(id) + "</Id>")
	} else {
		b.WriteString(`<Id xsi:nil="true"/>`)
	}
	types := map[string]string{}
	for _, c := range cols {
		types[c.Name] = c.Type
	}
	for _, k := range rec.keys {
		if k == "attributes" {
			continue
		}
		switch v := rec.vals[k].(type) {
		case *orderedRecord:
			b.WriteString("<" + k + ` xsi:type="sObject">`)
			typ, _ := v.vals["attributes"].(*orderedRecord).vals["type"].(string)
			writeXMLSObject(b, typ, v, cols, prefix+k+".")
			b.WriteString("</" + k + ">")
		case nil:
			b.WriteString("<" + k + ` xsi:nil="true"/>`)
		default:
			b.WriteString("<" + k + ">" + xmlText.Replace(xmlValueText(types[prefix+k], v)) + "</" + k + ">")
		}
	}
}

// xmlValueText renders a value of a Bulk JSON record as XML text: dates
// and datetimes back in ISO form, numbers and booleans as CSV has them.
func xmlValueText(typ string, v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case int64:
		switch typ {
		case "date":
			return day(time.UnixMilli(x))
		case "datetime":
			return stamp(time.UnixMilli(x))
		}
		cell := appendCSVCell(nil, typ, x)
		return string(cell[1 : len(cell)-1])
	case float64:
		cell := appendCSVCell(nil, typ, x)
		return string(cell[1 : len(cell)-1])
	}
	return fmt.Sprint(v)
}
