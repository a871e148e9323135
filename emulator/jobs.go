package emulator

import (
	"context"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Bulk job and batch states (§3.1, §3.2, §4.2).
const (
	// Bulk 2.0 query job states.
	stateUploadComplete = "UploadComplete"
	stateInProgress     = "InProgress"
	stateJobComplete    = "JobComplete"
	stateFailed         = "Failed"
	stateAborted        = "Aborted"
	// Bulk 1.0 job states.
	stateOpen   = "Open"
	stateClosed = "Closed"
	// Bulk 1.0 batch states.
	batchQueued       = "Queued"
	batchInProgress   = "InProgress"
	batchCompleted    = "Completed"
	batchFailed       = "Failed"
	batchNotProcessed = "NotProcessed"
)

// defaultBulkDelay is how long a Bulk job takes at least, from creation to
// completion: long enough that a poller sees UploadComplete/Queued and then
// InProgress, as on a real org, short enough for tests.
const defaultBulkDelay = 100 * time.Millisecond

// bulkResult is the materialized output of one query: CSV rows concatenated
// in body, row i being body[offs[i]:offs[i+1]]. Serving a page is then two
// writes (header, a slice of body) whatever its size.
type bulkResult struct {
	cols   []bulkColumn
	header []byte
	body   []byte
	offs   []int
	// records keeps the scanned values for Bulk 1.0 JSON and XML jobs, which
	// render records rather than CSV; nil for CSV results.
	records [][]any
}

func newBulkResult(cols []bulkColumn, f csvFormat) *bulkResult {
	return &bulkResult{cols: cols, header: f.appendHeader(nil, cols), offs: []int{0}}
}

// addCSV appends one row encoded in f.
func (r *bulkResult) addCSV(f csvFormat, vals []any) {
	r.body = f.appendRow(r.body, r.cols, vals)
	r.offs = append(r.offs, len(r.body))
}

// rows is the number of records.
func (r *bulkResult) rows() int {
	if r.records != nil {
		return len(r.records)
	}
	return len(r.offs) - 1
}

// slice returns the CSV bytes of rows [from, to).
func (r *bulkResult) slice(from, to int) []byte {
	return r.body[r.offs[from]:r.offs[to]]
}

// bulkBatch is one Bulk 1.0 batch: a SOQL statement (the original one, or a
// PK-chunk of it) and its result.
type bulkBatch struct {
	id, jobID    string
	state        string
	stateMessage string
	created      time.Time
	modstamp     time.Time
	soql         string // the request body as received (or generated for a PK chunk)
	result       *bulkResult
	resultID     string
	processedMs  int64
}

// bulkJob is one Bulk 1.0 or Bulk 2.0 job. All fields are guarded by the
// store's mutex.
type bulkJob struct {
	id          string
	v2          bool
	operation   string // query | queryAll
	object      string // describe name
	createdByID string
	created     time.Time
	modstamp    time.Time
	state       string
	apiVersion  string // "58.0"
	contentType string // CSV | JSON | XML
	concurrency string // Parallel | Serial
	lineEnding  string // Bulk 2.0: LF | CRLF
	delimiter   string // Bulk 2.0: COMMA | …
	format      csvFormat
	soql        string // Bulk 2.0
	result      *bulkResult
	processedMs int64
	errMessage  string

	// Bulk 1.0
	batches   []*bulkBatch
	pkChunk   int    // chunk size, 0 = PK chunking off
	pkStartID string // startRow
	retries   int

	// runners: live goroutines working for this job, and how to stop them.
	runners int
	cancels []context.CancelFunc
	idle    chan struct{} // closed and replaced whenever runners drops to 0
}

// active reports whether the job still has work in flight: a runner alive,
// or a state that promises one.
func (j *bulkJob) active() bool {
	if j.runners > 0 {
		return true
	}
	if j.v2 {
		return j.state == stateUploadComplete || j.state == stateInProgress
	}
	for _, b := range j.batches {
		if b.state == batchQueued || b.state == batchInProgress {
			return true
		}
	}
	return false
}

// recordsProcessed sums what the job has produced so far.
func (j *bulkJob) recordsProcessed() int {
	if j.v2 {
		if j.result == nil {
			return 0
		}
		return j.result.rows()
	}
	n := 0
	for _, b := range j.batches {
		if b.result != nil {
			n += b.result.rows()
		}
	}
	return n
}

// jobStore holds every Bulk job of one Server (both API generations share
// the 750 id space, as on Salesforce).
type jobStore struct {
	mu    sync.Mutex
	jobs  map[string]*bulkJob
	order []string // creation order, for listings
	delay time.Duration
	now   func() time.Time
	seq   int64
	// wg counts every runner goroutine, so Close can wait for them.
	wg sync.WaitGroup
}

func newJobStore() *jobStore {
	return &jobStore{jobs: map[string]*bulkJob{}, delay: defaultBulkDelay, now: time.Now}
}

// add registers a new job.
func (st *jobStore) add(j *bulkJob) {
	st.mu.Lock()
	defer st.mu.Unlock()
	j.idle = make(chan struct{})
	close(j.idle)
	st.jobs[j.id] = j
	st.order = append(st.order, j.id)
}

// get returns the job with that id (15 or 18 characters), or nil.
func (st *jobStore) get(id string) *bulkJob {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.lookup(id)
}

func (st *jobStore) lookup(id string) *bulkJob {
	if j, ok := st.jobs[id]; ok {
		return j
	}
	if len(id) == 15 {
		for k, j := range st.jobs {
			if k[:15] == id {
				return j
			}
		}
	}
	return nil
}

// remove deletes a job (Bulk 2.0 DELETE), stopping it first.
func (st *jobStore) remove(id string) bool {
	j := st.get(id)
	if j == nil {
		return false
	}
	st.stop(j, "")
	st.mu.Lock()
	defer st.mu.Unlock()
	delete(st.jobs, j.id)
	for i, k := range st.order {
		if k == j.id {
			st.order = append(st.order[:i], st.order[i+1:]...)
			break
		}
	}
	return true
}

// list returns the jobs of one generation in creation order.
func (st *jobStore) list(v2 bool) []*bulkJob {
	st.mu.Lock()
	defer st.mu.Unlock()
	var out []*bulkJob
	for _, id := range st.order {
		if j := st.jobs[id]; j.v2 == v2 {
			out = append(out, j)
		}
	}
	return out
}

// running counts jobs with work in flight.
func (st *jobStore) running() int {
	st.mu.Lock()
	defer st.mu.Unlock()
	n := 0
	for _, j := range st.jobs {
		if j.active() {
			n++
		}
	}
	return n
}

// spawn runs fn in a goroutine on behalf of j, with a context that stop
// cancels. The caller must not hold st.mu.
func (st *jobStore) spawn(j *bulkJob, fn func(ctx context.Context)) {
	ctx, cancel := context.WithCancel(context.Background())
	st.mu.Lock()
	if j.state == stateAborted {
		// Aborted while the caller prepared this work: nothing more starts.
		st.mu.Unlock()
		cancel()
		return
	}
	if j.runners == 0 {
		j.idle = make(chan struct{})
	}
	j.runners++
	j.cancels = append(j.cancels, cancel)
	st.mu.Unlock()
	st.wg.Add(1)
	go func() {
		defer st.wg.Done()
		defer cancel()
		fn(ctx)
		st.mu.Lock()
		j.runners--
		if j.runners == 0 {
			close(j.idle)
			j.cancels = nil
		}
		st.mu.Unlock()
	}()
}

// stop cancels j's runners and waits until they have all returned, so that
// when an abort answers, nothing of the job is left running. When newState
// is not empty the job takes it (unless already finished), and Bulk 1.0
// batches not yet done become NotProcessed.
func (st *jobStore) stop(j *bulkJob, newState string) {
	st.mu.Lock()
	for _, c := range j.cancels {
		c()
	}
	idle := j.idle
	if newState != "" {
		st.setStateLocked(j, newState)
	}
	st.mu.Unlock()
	<-idle
}

// setStateLocked moves j to state; batches still pending are marked
// NotProcessed when a Bulk 1.0 job is aborted.
func (st *jobStore) setStateLocked(j *bulkJob, state string) {
	now := st.now().UTC().Truncate(time.Second)
	j.state = state
	j.modstamp = now
	if state == stateAborted {
		for _, b := range j.batches {
			if b.state == batchQueued || b.state == batchInProgress {
				b.state = batchNotProcessed
				b.modstamp = now
			}
		}
	}
}

// wait sleeps for d unless ctx ends first; it reports whether the full
// time elapsed.
func wait(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// currentDelay returns the delay jobs take at least.
func (st *jobStore) currentDelay() time.Duration {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.delay
}

// closeAll stops every job; used when the server closes.
func (st *jobStore) closeAll() {
	st.mu.Lock()
	for _, j := range st.jobs {
		for _, c := range j.cancels {
			c()
		}
	}
	st.mu.Unlock()
	st.wg.Wait()
}

// Result locators. Salesforce's Bulk 2.0 locators are opaque; the recorded
// "MTAwMDA" is base64("10000"), the offset of the next page, and so are ours.

func encodeLocator(offset int) string {
	return base64.RawStdEncoding.EncodeToString([]byte(strconv.Itoa(offset)))
}

// decodeLocator returns the row offset a locator stands for; ok is false
// for anything this server did not issue for a result of n rows.
func decodeLocator(loc string, n int) (offset int, ok bool) {
	b, err := base64.RawStdEncoding.DecodeString(loc)
	if err != nil {
		return 0, false
	}
	off, err := strconv.Atoi(string(b))
	if err != nil || off < 0 || off > n || encodeLocator(off) != loc {
		return 0, false
	}
	return off, true
}

// newJobID issues the next job id (key prefix 750, §0.2).
func (st *jobStore) newJobID() string { return st.nextID("750") }

// newBatchID issues the next Bulk 1.0 batch id (751).
func (st *jobStore) newBatchID() string { return st.nextID("751") }

func (st *jobStore) nextID(prefix string) string {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.seq++
	return newID(prefix, st.seq)
}

// transition moves j from one state to another; false when j is no longer
// in from (aborted meanwhile).
func (st *jobStore) transition(j *bulkJob, from, to string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	if j.state != from {
		return false
	}
	j.state = to
	j.modstamp = st.now().UTC().Truncate(time.Second)
	return true
}

// pkChunkObjects are the standard objects PK chunking supports (§3.6);
// custom objects support it too.
var pkChunkObjects = map[string]bool{
	"Account": true, "Asset": true, "Campaign": true, "CampaignMember": true, "Case": true,
	"CaseArticle": true, "CaseHistory": true, "Contact": true, "Event": true, "EventRelation": true,
	"Lead": true, "LoginHistory": true, "Opportunity": true, "Task": true, "User": true,
	"WorkOrder": true, "WorkOrderLineItem": true,
}

func pkChunkable(object string) bool {
	return pkChunkObjects[object] || strings.HasSuffix(object, "__c")
}

// serverExt is the per-Server state of the Bulk and Analytics resources.
// It lives beside the Server (keyed by it) rather than in it, so that
// those resources stay in their own files.
type serverExt struct {
	jobs    *jobStore
	reports *reportStore
}

var serverExts sync.Map // *Server → *serverExt

func (s *Server) ext() *serverExt {
	if v, ok := serverExts.Load(s); ok {
		return v.(*serverExt)
	}
	v, _ := serverExts.LoadOrStore(s, &serverExt{jobs: newJobStore(), reports: newReportStore()})
	return v.(*serverExt)
}

// jobs returns the server's Bulk job store.
func (s *Server) jobs() *jobStore { return s.ext().jobs }

// RunningJobs returns how many Bulk jobs (1.0 and 2.0) still have work in
// flight: a query running or a batch queued. After an abort answers, the
// aborted job no longer counts.
func (s *Server) RunningJobs() int { return s.ext().jobs.running() }

// SetBulkDelay sets how long Bulk jobs and batches take at least, from
// creation to completion (default 100ms): half of it queued, half in
// progress. A long delay lets tests abort jobs mid-flight.
func (s *Server) SetBulkDelay(d time.Duration) {
	st := s.jobs()
	st.mu.Lock()
	st.delay = max(d, 0)
	st.mu.Unlock()
}

// closeExt stops every job and forgets the server's Bulk and Analytics
// state; Close calls it.
func (s *Server) closeExt() {
	if v, ok := serverExts.LoadAndDelete(s); ok {
		v.(*serverExt).jobs.closeAll()
	}
}

// requestUserID is the id of the user whose session made the request.
func requestUserID(r *http.Request) string {
	if sess := requestSession(r); sess != nil {
		return sess.userID
	}
	return ""
}

// routeExt routes the REST resources served by the Bulk 2.0 and Analytics
// files: parts[0] is "jobs" or "analytics" (core's serveREST calls it).
// Requests go through the common steps (counter, auth, limits, faults)
// under the endpoint names "bulk2" and "reports".
func (s *Server) routeExt(w http.ResponseWriter, r *http.Request, parts []string) {
	version := requestVersion(r)
	methods := []string{"GET", "POST", "PATCH", "DELETE"}
	switch {
	case parts[0] == "jobs" && len(parts) >= 2 && parts[1] == "query":
		s.endpointAllowing(w, r, "bulk2", methods, methods, func(w http.ResponseWriter, r *http.Request) {
			s.serveBulk2(w, r, version, parts[2:])
		})
	case parts[0] == "jobs" && len(parts) >= 2 && parts[1] == "ingest":
		s.endpointAllowing(w, r, "bulk2", methods, nil, nil) // not implemented: answers 501
	case parts[0] == "analytics":
		s.endpointAllowing(w, r, "reports", methods, methods, func(w http.ResponseWriter, r *http.Request) {
			s.serveAnalytics(w, r, version, parts[1:])
		})
	default:
		s.limitHeader(w)
		notFound(w)
	}
}

// seedExt seeds what the Bulk and Analytics files own: the demo reports
// (demo seed only). Core's seed calls it once its transaction is committed.
func (s *Server) seedExt(ctx context.Context) error {
	if s.opts.Seed != "demo" {
		return nil
	}
	// On the connection the seed used: a file org is still in the seed's
	// journal mode until seed returns.
	var db execer = s.db
	if s.keep != nil {
		db = s.keep
	}
	return s.seedReports(ctx, db, s.org.User.ID, seedEpoch)
}
