package emulator

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// bulk2Org is a demo org under httptest with a session, Bulk 2.0 base URL
// and a short job delay.
type bulk2Org struct {
	s    *Server
	ts   *httptest.Server
	tok  string
	base string // …/services/data/v58.0/jobs/query
}

func newBulk2Org(t *testing.T) *bulk2Org {
	t.Helper()
	s, ts := newTestServer(t, Options{Seed: "demo"})
	s.SetBulkDelay(20 * time.Millisecond)
	return &bulk2Org{s: s, ts: ts, tok: s.newSession(s.org.User.ID).token, base: ts.URL + "/services/data/v58.0/jobs/query"}
}

// create posts a query job and returns its decoded info; it fails the test
// unless the answer is 200.
func (o *bulk2Org) create(t *testing.T, body string) (bulk2JobInfo, []byte) {
	t.Helper()
	code, h, b := do(t, "POST", o.base, o.tok, strings.NewReader(body), "Content-Type", "application/json; charset=utf-8")
	if code != 200 || h.Get("Content-Type") != contentJSON {
		t.Fatalf("create %s: %d %s %s", body, code, h.Get("Content-Type"), b)
	}
	var info bulk2JobInfo
	if err := json.Unmarshal(b, &info); err != nil {
		t.Fatal(err)
	}
	return info, b
}

// wait polls the job until it leaves UploadComplete / InProgress.
func (o *bulk2Org) wait(t *testing.T, id string) bulk2JobInfo {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		code, _, b := do(t, "GET", o.base+"/"+id, o.tok, nil)
		var info bulk2JobInfo
		if code != 200 || json.Unmarshal(b, &info) != nil {
			t.Fatalf("poll: %d %s", code, b)
		}
		if info.State != stateUploadComplete && info.State != stateInProgress {
			return info
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("job did not finish")
	return bulk2JobInfo{}
}

// results fetches every page with maxRecords (0 = none), checking the
// headers of each, and returns the pages' bodies.
func (o *bulk2Org) results(t *testing.T, id string, maxRecords int) []string {
	t.Helper()
	var pages []string
	loc := ""
	for {
		u := o.base + "/" + id + "/results/?"
		if maxRecords > 0 {
			u += fmt.Sprintf("maxRecords=%d&", maxRecords)
		}
		if loc != "" {
			u += "locator=" + loc
		}
		code, h, b := do(t, "GET", u, o.tok, nil, "Accept", "application/json")
		if code != 200 || h.Get("Content-Type") != "text/csv" {
			t.Fatalf("results: %d %s %s", code, h.Get("Content-Type"), b)
		}
		if len(h.Values("Sforce-Locator")) != 1 || len(h.Values("Sforce-NumberOfRecords")) != 1 {
			t.Fatalf("results headers: %v", h)
		}
		n := strings.Count(string(b), "\n") - 1
		if h.Get("Sforce-NumberOfRecords") != fmt.Sprint(n) {
			t.Errorf("Sforce-NumberOfRecords %s, body has %d records", h.Get("Sforce-NumberOfRecords"), n)
		}
		pages = append(pages, string(b))
		loc = h.Get("Sforce-Locator")
		if loc == "null" {
			return pages
		}
		if len(pages) > 1000 {
			t.Fatal("no end of pages")
		}
	}
}

// expectCSV renders SQL rows as Bulk CSV: every value quoted, nulls empty.
func expectCSV(t *testing.T, s *Server, header, query string) (string, int) {
	t.Helper()
	rows, err := s.db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b strings.Builder
	b.WriteString(header + "\n")
	n := 0
	for rows.Next() {
		vals := make([]*string, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, v := range vals {
			if i > 0 {
				b.WriteByte(',')
			}
			s := ""
			if v != nil {
				s = strings.ReplaceAll(*v, `"`, `""`)
			}
			b.WriteString(`"` + s + `"`)
		}
		b.WriteByte('\n')
		n++
	}
	return b.String(), n
}

func TestBulk2QueryJobLifecycle(t *testing.T) {
	o := newBulk2Org(t)
	o.s.SetBulkDelay(600 * time.Millisecond)
	info, raw := o.create(t, `{"operation":"query","query":"SELECT Id, Name FROM Account","columnDelimiter":"COMMA","lineEnding":"LF"}`)
	fixture, err := os.ReadFile("../../shared/fixtures/salesforce/airbyte/bulk2_query_job_create_response.json")
	if err != nil {
		t.Fatal(err)
	}
	assertSameShape(t, fixture, raw)
	now := time.Now().UTC()
	created, err := time.Parse("2006-01-02T15:04:05.000-0700", info.CreatedDate)
	if err != nil || now.Sub(created) > 5*time.Second || info.SystemModstamp != info.CreatedDate {
		t.Errorf("createdDate %q %v", info.CreatedDate, err)
	}
	if len(info.ID) != 18 || info.ID[:3] != "750" || info.Operation != "query" || info.Object != "Account" ||
		info.CreatedByID != o.s.org.User.ID || info.State != "UploadComplete" || info.ConcurrencyMode != "Parallel" ||
		info.ContentType != "CSV" || info.APIVersion != "58.0" || info.LineEnding != "LF" || info.ColumnDelimiter != "COMMA" {
		t.Errorf("created %s", raw)
	}
	// The job is queued, then in progress, then complete: a poller sees each.
	seen := map[string]bool{info.State: true}
	deadline := time.Now().Add(5 * time.Second)
	var last []byte
	for time.Now().Before(deadline) {
		_, _, b := do(t, "GET", o.base+"/"+info.ID, o.tok, nil)
		var got bulk2JobInfo
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatal(err)
		}
		seen[got.State] = true
		last = b
		if got.State == stateJobComplete {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !seen[stateUploadComplete] || !seen[stateInProgress] || !seen[stateJobComplete] {
		t.Errorf("states seen: %v", seen)
	}
	want, n := expectCSV(t, o.s, `"Id","Name"`, `SELECT "Id", "Name" FROM "Account" WHERE "IsDeleted" = 0 ORDER BY "Id"`)
	wantGet := fmt.Sprintf(`{"id":"%s","operation":"query","object":"Account","createdById":"%s","createdDate":"%s",`, info.ID, info.CreatedByID, info.CreatedDate)
	if !strings.HasPrefix(string(last), wantGet) ||
		!strings.Contains(string(last), fmt.Sprintf(`"apiVersion":58.0,"jobType":"V2Query","lineEnding":"LF","columnDelimiter":"COMMA","numberRecordsProcessed":%d,"retries":0,"totalProcessingTime":`, n)) ||
		!strings.HasSuffix(strings.TrimSpace(string(last)), `,"isPkChunkingSupported":true}`) {
		t.Errorf("complete job info:\n%s", last)
	}
	pages := o.results(t, info.ID, 0)
	if len(pages) != 1 || pages[0] != want {
		t.Errorf("results:\n%q\nwant\n%q", pages, want)
	}
	if RunningJobs := o.s.RunningJobs(); RunningJobs != 0 {
		t.Errorf("RunningJobs = %d after completion", RunningJobs)
	}
	// The job list shows it.
	code, _, b := do(t, "GET", o.base, o.tok, nil)
	if code != 200 || !strings.HasPrefix(string(b), `{"done":true,"records":[{"id":"`+info.ID+`"`) || !strings.HasSuffix(strings.TrimSpace(string(b)), `"nextRecordsUrl":null}`) {
		t.Errorf("list: %d %s", code, b)
	}
	// Delete: 204, then gone.
	if code, _, _ := do(t, "DELETE", o.base+"/"+info.ID, o.tok, nil); code != http.StatusNoContent {
		t.Errorf("delete: %d", code)
	}
	if code, _, b := do(t, "GET", o.base+"/"+info.ID, o.tok, nil); code != 404 || !strings.Contains(string(b), `"NOT_FOUND"`) {
		t.Errorf("get deleted: %d %s", code, b)
	}
}

func TestBulk2ResultPaging(t *testing.T) {
	o := newBulk2Org(t)
	addCases(t, o.s, 25)
	info, _ := o.create(t, `{"operation":"query","query":"SELECT Id, CaseNumber, Subject, Account.Name, IsEscalated, CreatedDate FROM Case WHERE Subject LIKE 'Bulk%' OR Subject LIKE 'Starting%'"}`)
	if got := o.wait(t, info.ID); got.State != stateJobComplete {
		t.Fatalf("state %s", got.State)
	}
	header := `"Id","CaseNumber","Subject","Account.Name","IsEscalated","CreatedDate"`
	want, n := expectCSV(t, o.s, header, `SELECT c."Id", c."CaseNumber", c."Subject", a."Name", CASE c."IsEscalated" WHEN 1 THEN 'true' ELSE 'false' END, c."CreatedDate"
		FROM "Case" c LEFT JOIN "Account" a ON a."Id" = c."AccountId" WHERE c."IsDeleted" = 0 AND (c."Subject" LIKE 'Bulk%' OR c."Subject" LIKE 'Starting%') ORDER BY c."Id"`)
	if n < 26 {
		t.Fatalf("only %d cases", n)
	}
	for _, size := range []int{0, 1, 7, n, n + 5} {
		pages := o.results(t, info.ID, size)
		wantPages := 1
		if size > 0 {
			wantPages = (n + size - 1) / size
		}
		if len(pages) != wantPages {
			t.Errorf("maxRecords=%d: %d pages, want %d", size, len(pages), wantPages)
		}
		var all strings.Builder
		all.WriteString(header + "\n")
		for i, p := range pages {
			rest, ok := strings.CutPrefix(p, header+"\n")
			if !ok {
				t.Fatalf("maxRecords=%d page %d has no header row: %.80q", size, i, p)
			}
			all.WriteString(rest)
		}
		if all.String() != want {
			t.Errorf("maxRecords=%d: pages joined differ:\n%s\nwant\n%s", size, all.String(), want)
		}
	}
	// A locator this job never issued, and bad maxRecords, are 400.
	for _, q := range []string{"locator=bm9wZQ", "locator=" + encodeLocator(n+1), "maxRecords=0", "maxRecords=x"} {
		if code, _, b := do(t, "GET", o.base+"/"+info.ID+"/results?"+q, o.tok, nil); code != 400 {
			t.Errorf("%s: %d %s", q, code, b)
		}
	}
	// Another API version than the job's: 409.
	if code, _, b := do(t, "GET", o.ts.URL+"/services/data/v59.0/jobs/query/"+info.ID+"/results", o.tok, nil); code != 409 {
		t.Errorf("other version: %d %s", code, b)
	}

	// resultPages: links of maxRecords rows, five at a time, then done.
	var links []string
	u := o.base + "/" + info.ID + "/resultPages?maxRecords=3"
	for u != "" {
		code, _, b := do(t, "GET", u, o.tok, nil)
		var rp struct {
			ResultPages []struct {
				ResultURL string `json:"resultUrl"`
			} `json:"resultPages"`
			NextRecordsURL *string `json:"nextRecordsUrl"`
			Done           bool    `json:"done"`
		}
		if code != 200 || json.Unmarshal(b, &rp) != nil || len(rp.ResultPages) > 5 || len(rp.ResultPages) == 0 {
			t.Fatalf("resultPages: %d %s", code, b)
		}
		for _, p := range rp.ResultPages {
			links = append(links, p.ResultURL)
		}
		u = ""
		if rp.NextRecordsURL != nil {
			if rp.Done {
				t.Fatalf("done with a next link: %s", b)
			}
			u = o.ts.URL + *rp.NextRecordsURL
		} else if !rp.Done {
			t.Fatalf("not done without a next link: %s", b)
		}
	}
	if len(links) != (n+2)/3 {
		t.Fatalf("%d links for %d rows", len(links), n)
	}
	var all strings.Builder
	all.WriteString(header + "\n")
	for _, l := range links {
		code, _, b := do(t, "GET", o.ts.URL+l, o.tok, nil)
		if code != 200 {
			t.Fatalf("%s: %d", l, code)
		}
		all.WriteString(strings.TrimPrefix(string(b), header+"\n"))
	}
	if all.String() != want {
		t.Errorf("resultPages pages joined differ")
	}
}

func TestBulk2ResultsGzip(t *testing.T) {
	o := newBulk2Org(t)
	info, _ := o.create(t, `{"operation":"query","query":"SELECT Id, Name, Phone FROM Account"}`)
	o.wait(t, info.ID)
	want, _ := expectCSV(t, o.s, `"Id","Name","Phone"`, `SELECT "Id", "Name", "Phone" FROM "Account" WHERE "IsDeleted" = 0 ORDER BY "Id"`)
	req, _ := http.NewRequest("GET", o.base+"/"+info.ID+"/results", nil)
	req.Header.Set("Authorization", "Bearer "+o.tok)
	req.Header.Set("Accept-Encoding", "gzip")
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Header.Get("Content-Encoding") != "gzip" || resp.Header.Get("Sforce-Locator") != "null" {
		t.Fatalf("headers %v", resp.Header)
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil || string(got) != want {
		t.Errorf("gunzipped %q (%v), want %q", got, err, want)
	}
}

func TestBulk2QueryAllAndDialect(t *testing.T) {
	o := newBulk2Org(t)
	var gone string
	if err := o.s.db.QueryRow(`SELECT "Id" FROM "Account" ORDER BY "Id" LIMIT 1`).Scan(&gone); err != nil {
		t.Fatal(err)
	}
	if _, err := o.s.db.Exec(`UPDATE "Account" SET "IsDeleted" = 1 WHERE "Id" = ?`, gone); err != nil {
		t.Fatal(err)
	}
	q, _ := o.create(t, `{"operation":"query","query":"SELECT Id, IsDeleted FROM Account"}`)
	qa, _ := o.create(t, `{"operation":"queryAll","query":"SELECT Id, IsDeleted FROM Account"}`)
	o.wait(t, q.ID)
	o.wait(t, qa.ID)
	live := o.results(t, q.ID, 0)[0]
	all := o.results(t, qa.ID, 0)[0]
	wantLive, _ := expectCSV(t, o.s, `"Id","IsDeleted"`, `SELECT "Id", 'false' FROM "Account" WHERE "IsDeleted" = 0 ORDER BY "Id"`)
	wantAll, _ := expectCSV(t, o.s, `"Id","IsDeleted"`, `SELECT "Id", CASE "IsDeleted" WHEN 1 THEN 'true' ELSE 'false' END FROM "Account" ORDER BY "Id"`)
	if live != wantLive || all != wantAll || !strings.Contains(all, `"`+gone+`","true"`) {
		t.Errorf("query:\n%s\nqueryAll:\n%s", live, all)
	}
	// PIPE and CRLF.
	p, raw := o.create(t, `{"operation":"query","query":"SELECT Name FROM Account WHERE Name = 'Edge Communications'","columnDelimiter":"PIPE","lineEnding":"CRLF"}`)
	if p.ColumnDelimiter != "PIPE" || p.LineEnding != "CRLF" {
		t.Errorf("dialect echo: %s", raw)
	}
	o.wait(t, p.ID)
	code, _, b := do(t, "GET", o.base+"/"+p.ID+"/results", o.tok, nil)
	if code != 200 || string(b) != "\"Name\"\r\n\"Edge Communications\"\r\n" {
		t.Errorf("pipe/crlf: %d %q", code, b)
	}
	// Columns come in SELECT order, parent fields where they were selected.
	ord, _ := o.create(t, `{"operation":"query","query":"SELECT Account.Name, LastName, c.Account.Industry, c.Id FROM Contact c WHERE Account.Name = 'Edge Communications' ORDER BY LastName"}`)
	o.wait(t, ord.ID)
	wantOrd, _ := expectCSV(t, o.s, `"Account.Name","LastName","Account.Industry","Id"`, `SELECT a."Name", c."LastName", a."Industry", c."Id" FROM "Contact" c JOIN "Account" a ON a."Id" = c."AccountId"
		WHERE c."IsDeleted" = 0 AND a."Name" = 'Edge Communications' ORDER BY c."LastName", c."Id"`)
	if pages := o.results(t, ord.ID, 0); pages[0] != wantOrd {
		t.Errorf("select order:\n%s\nwant\n%s", pages[0], wantOrd)
	}
	// No rows: the header alone, 0 records, locator null.
	none, _ := o.create(t, `{"operation":"query","query":"SELECT Id, Name FROM Account WHERE Name = 'no such account'"}`)
	o.wait(t, none.ID)
	code, h, b := do(t, "GET", o.base+"/"+none.ID+"/results", o.tok, nil)
	if code != 200 || string(b) != "\"Id\",\"Name\"\n" || h.Get("Sforce-NumberOfRecords") != "0" || h.Get("Sforce-Locator") != "null" {
		t.Errorf("empty result: %d %v %q", code, h, b)
	}
	two, _ := o.create(t, `{"operation":"query","query":"SELECT Id, Name FROM Account LIMIT 2","columnDelimiter":"SEMICOLON"}`)
	o.wait(t, two.ID)
	if _, _, b := do(t, "GET", o.base+"/"+two.ID+"/results", o.tok, nil); strings.Count(string(b), "\n") != 3 || !strings.HasPrefix(string(b), `"Id";"Name"`+"\n") {
		t.Errorf("semicolon/limit: %q", b)
	}
}

// TestBulk2Rejects: what Bulk cannot run fails at create with 400 and the
// error code and message Salesforce gives; bad job definitions too.
func TestBulk2Rejects(t *testing.T) {
	o := newBulk2Org(t)
	cases := []struct {
		body, code, msg string
	}{
		{`{"operation":"query","query":"SELECT COUNT() FROM Account"}`, "API_ERROR", msgBulkAggregate},
		{`{"operation":"query","query":"SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry"}`, "API_ERROR", msgBulkAggregate},
		{`{"operation":"query","query":"SELECT SUM(AnnualRevenue) FROM Account"}`, "API_ERROR", msgBulkAggregate},
		{`{"operation":"query","query":"SELECT Id, (SELECT Id FROM Contacts) FROM Account"}`, "API_ERROR", msgBulkSubquery},
		{`{"operation":"query","query":"SELECT Id FROM Account ORDER BY Id LIMIT 5 OFFSET 2"}`, "API_ERROR", msgBulkOffset},
		{`{"operation":"query","query":"SELECT Id, BillingAddress FROM Account"}`, "API_ERROR", msgBulkCompound},
		{`{"operation":"query","query":"SELECT Id, Col_Location__c FROM AllDataType__c"}`, "API_ERROR", msgBulkCompound},
		{`{"operation":"query","query":"SELECT Id, Col_Base64__c FROM AllDataType__c"}`, "API_ERROR", "Cannot serialize value for 'Col_Base64__c' in CSV format"},
		{`{"operation":"query","query":"SELECT Id, Account.BillingAddress FROM Contact"}`, "API_ERROR", msgBulkCompound},
		{`{"operation":"query","query":"SELECT Id FROM Nope__c"}`, "INVALID_TYPE", ""},
		{`{"operation":"query","query":"SELECT Nope FROM Account"}`, "INVALID_FIELD", ""},
		{`{"operation":"query","query":"SELECT FROM Account"}`, "MALFORMED_QUERY", ""},
		{`{"operation":"insert","query":"SELECT Id FROM Account"}`, "INVALIDJOB", ""},
		{`{"operation":"query","query":""}`, "INVALIDJOB", ""},
		{`{"operation":"query","query":"SELECT Id FROM Account","columnDelimiter":"COLON"}`, "INVALIDJOB", ""},
		{`{"operation":"query","query":"SELECT Id FROM Account","lineEnding":"CR"}`, "INVALIDJOB", ""},
		{`{"operation":"query","query":"SELECT Id FROM Account","contentType":"JSON"}`, "INVALIDJOB", ""},
		{`{"operation":`, "JSON_PARSER_ERROR", ""},
	}
	for _, c := range cases {
		code, h, b := do(t, "POST", o.base, o.tok, strings.NewReader(c.body), "Content-Type", "application/json")
		var errs []apiError
		if code != 400 || h.Get("Content-Type") != contentJSON || json.Unmarshal(b, &errs) != nil || len(errs) != 1 ||
			errs[0].ErrorCode != c.code || (c.msg != "" && errs[0].Message != c.msg) {
			t.Errorf("%s: %d %s", c.body, code, b)
		}
	}
	if n := len(o.s.jobs().list(true)); n != 0 {
		t.Errorf("%d jobs created by rejected requests", n)
	}
	// Ingest is not implemented, and says so.
	if code, _, b := do(t, "POST", o.ts.URL+"/services/data/v58.0/jobs/ingest", o.tok, strings.NewReader(`{}`)); code != 501 {
		t.Errorf("ingest: %d %s", code, b)
	}
	if code, _, _ := do(t, "GET", o.base, "", nil); code != 401 {
		t.Errorf("no session: %d", code)
	}
}

// TestBulk2Abort: aborting (PATCH Aborted) or deleting a running job
// answers promptly and leaves nothing running.
func TestBulk2Abort(t *testing.T) {
	o := newBulk2Org(t)
	o.s.SetBulkDelay(10 * time.Second)
	info, _ := o.create(t, `{"operation":"query","query":"SELECT Id FROM Case"}`)
	time.Sleep(30 * time.Millisecond)
	if n := o.s.RunningJobs(); n != 1 {
		t.Fatalf("RunningJobs = %d, want 1", n)
	}
	code, _, b := do(t, "GET", o.ts.URL+"/__emulator/counters", "", nil)
	if code != 200 || !strings.Contains(string(b), `"runningJobs":1`) {
		t.Errorf("counters: %d %s", code, b)
	}
	if code, _, b := do(t, "GET", o.base+"/"+info.ID+"/results", o.tok, nil); code != 400 || !strings.Contains(string(b), "INVALIDJOBSTATE") {
		t.Errorf("results of a running job: %d %s", code, b)
	}
	begin := time.Now()
	code, _, b = do(t, "PATCH", o.base+"/"+info.ID, o.tok, strings.NewReader(`{"state":"Aborted"}`), "Content-Type", "application/json")
	if d := time.Since(begin); d > time.Second {
		t.Errorf("abort took %v", d)
	}
	var got bulk2JobInfo
	if code != 200 || json.Unmarshal(b, &got) != nil || got.State != stateAborted || got.ID != info.ID {
		t.Errorf("abort: %d %s", code, b)
	}
	if n := o.s.RunningJobs(); n != 0 {
		t.Errorf("RunningJobs after abort = %d", n)
	}
	if _, _, b := do(t, "GET", o.ts.URL+"/__emulator/counters", "", nil); !strings.Contains(string(b), `"runningJobs":0`) {
		t.Errorf("counters after abort: %s", b)
	}
	if code, _, b := do(t, "PATCH", o.base+"/"+info.ID, o.tok, strings.NewReader(`{"state":"Aborted"}`)); code != 400 || !strings.Contains(string(b), "INVALIDJOBSTATE") {
		t.Errorf("second abort: %d %s", code, b)
	}
	if code, _, _ := do(t, "PATCH", o.base+"/"+info.ID, o.tok, strings.NewReader(`{"state":"UploadComplete"}`)); code != 400 {
		t.Errorf("bad state: %d", code)
	}
	if code, _, b := do(t, "GET", o.base+"/"+info.ID+"/results", o.tok, nil); code != 400 {
		t.Errorf("results of an aborted job: %d %s", code, b)
	}
	// DELETE of a running job stops it too.
	other, _ := o.create(t, `{"operation":"query","query":"SELECT Id FROM Case"}`)
	if n := o.s.RunningJobs(); n != 1 {
		t.Fatalf("RunningJobs = %d, want 1", n)
	}
	begin = time.Now()
	if code, _, _ := do(t, "DELETE", o.base+"/"+other.ID, o.tok, nil); code != 204 || time.Since(begin) > time.Second {
		t.Errorf("delete: %d in %v", code, time.Since(begin))
	}
	if n := o.s.RunningJobs(); n != 0 {
		t.Errorf("RunningJobs after delete = %d", n)
	}
	// Close stops whatever is left.
	o.create(t, `{"operation":"query","query":"SELECT Id FROM Case"}`)
	begin = time.Now()
	o.s.closeExt()
	if time.Since(begin) > time.Second {
		t.Errorf("closeExt took %v", time.Since(begin))
	}
}

// BenchmarkBulk2Results measures serving Bulk 2.0 result pages: rows/s of
// downloading a completed query job's 50,000 rows in pages of 10,000
// (maxRecords, Sforce-Locator) over loopback HTTP, gzipped (what Go's
// client asks for by default) and plain. The job is made through
// the API: POST /jobs/query over the demo org plus 50,000 cases.
func BenchmarkBulk2Results(b *testing.B) {
	const rows, page = 50000, 10000
	s, err := New(Options{Seed: "demo"})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer s.Close()
	defer ts.Close()
	s.SetBulkDelay(0)
	addCases(b, s, rows)
	tok := s.newSession(s.org.User.ID).token
	base := ts.URL + "/services/data/v58.0/jobs/query"
	identity := false
	get := func(b testing.TB, method, url, body string) (int, http.Header, []byte) {
		req, _ := http.NewRequest(method, url, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/json")
		if identity {
			req.Header.Set("Accept-Encoding", "identity")
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		out, err := io.ReadAll(resp.Body)
		if err != nil {
			b.Fatal(err)
		}
		return resp.StatusCode, resp.Header, out
	}
	code, _, body := get(b, "POST", base, `{"operation":"query","query":"SELECT Id, CaseNumber, Subject, Status, IsEscalated, CreatedDate FROM Case WHERE Subject LIKE 'Bulk case%'"}`)
	var info bulk2JobInfo
	if code != 200 || json.Unmarshal(body, &info) != nil {
		b.Fatalf("create: %d %s", code, body)
	}
	for info.State != stateJobComplete {
		time.Sleep(10 * time.Millisecond)
		_, _, body = get(b, "GET", base+"/"+info.ID, "")
		if err := json.Unmarshal(body, &info); err != nil || info.State == stateFailed {
			b.Fatalf("poll: %s", body)
		}
	}
	// gzip is what clients get by default (Go's transport asks for it);
	// identity is the plain CSV.
	for _, mode := range []string{"gzip", "identity"} {
		b.Run(mode, func(b *testing.B) {
			identity = mode == "identity"
			served := 0
			for b.Loop() {
				loc := ""
				for {
					u := base + "/" + info.ID + "/results?maxRecords=" + fmt.Sprint(page)
					if loc != "" {
						u += "&locator=" + loc
					}
					code, h, body := get(b, "GET", u, "")
					if code != 200 {
						b.Fatalf("%d %s", code, body)
					}
					n, _ := strconv.Atoi(h.Get("Sforce-NumberOfRecords"))
					served += n
					if loc = h.Get("Sforce-Locator"); loc == "null" {
						break
					}
				}
			}
			if served != rows*b.N {
				b.Fatalf("served %d rows, want %d", served, rows*b.N)
			}
			b.ReportMetric(float64(served)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// BenchmarkBulk2Job measures running a Bulk 2.0 query job: rows/s from
// POST /jobs/query to JobComplete (the SQLite query and the CSV encoding
// of 50,000 cases with a parent field), polling every millisecond.
func BenchmarkBulk2Job(b *testing.B) {
	const rows = 50000
	s, err := New(Options{Seed: "demo"})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	s.SetBulkDelay(0)
	addCases(b, s, rows)
	tok := s.newSession(s.org.User.ID).token
	call := func(method, u, body string) []byte {
		req := httptest.NewRequest(method, u, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok)
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatalf("%s %s: %d %s", method, u, w.Code, w.Body.String())
		}
		return w.Body.Bytes()
	}
	const base = "/services/data/v58.0/jobs/query"
	for b.Loop() {
		var info bulk2JobInfo
		_ = json.Unmarshal(call("POST", base, `{"operation":"query","query":"SELECT Id, CaseNumber, Subject, Status, Account.Name, CreatedDate FROM Case WHERE Subject LIKE 'Bulk case%'"}`), &info)
		for info.State != stateJobComplete {
			time.Sleep(time.Millisecond)
			if err := json.Unmarshal(call("GET", base+"/"+info.ID, ""), &info); err != nil || info.State == stateFailed {
				b.Fatalf("poll: %v %s", err, info.State)
			}
		}
		if n := *info.NumberRecordsProcessed; n != rows {
			b.Fatalf("%d rows, want %d", n, rows)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// TestBulk2PrettyPrint: with X-PrettyPrint: 1 (simple-salesforce sends it)
// job documents come indented as Salesforce's Jackson writer does.
func TestBulk2PrettyPrint(t *testing.T) {
	o := newBulk2Org(t)
	code, _, b := do(t, "POST", o.base, o.tok, strings.NewReader(`{"operation":"query","query":"SELECT Id FROM Account"}`),
		"Content-Type", "application/json", "X-PrettyPrint", "1")
	var info bulk2JobInfo
	if code != 200 || json.Unmarshal(b, &info) != nil {
		t.Fatalf("%d %s", code, b)
	}
	want := "{\n  \"id\" : \"" + info.ID + "\",\n  \"operation\" : \"query\",\n  \"object\" : \"Account\",\n"
	if !strings.HasPrefix(string(b), want) || !strings.Contains(string(b), "\n  \"apiVersion\" : 58.0,\n") || !strings.HasSuffix(string(b), "\n}") {
		t.Errorf("pretty job:\n%s", b)
	}
}
