package sfapi

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// bulkFake serves one Bulk 2.0 query job: created UploadComplete (the
// recorded Airbyte response), InProgress on the first poll, JobComplete
// after, and results of total rows in pages of maxRecords with
// Sforce-Locator (the header repeated on every page).
type bulkFake struct {
	t       *testing.T
	total   int
	polls   atomic.Int32
	created []map[string]string
	pages   atomic.Int32
	state   string
}

func (b *bulkFake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	const base = "/services/data/v58.0/jobs/query"
	w.Header().Set("Sforce-Limit-Info", "api-usage=5/15000")
	switch {
	case r.Method == http.MethodPost && r.URL.Path == base:
		var req map[string]string
		json.NewDecoder(r.Body).Decode(&req)
		b.created = append(b.created, req)
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.Write(readFixture(b.t, "airbyte/bulk2_query_job_create_response.json"))
	case r.Method == http.MethodGet && r.URL.Path == base+"/750Tn000004ZoR3IAK":
		state := JobInProgress
		if b.polls.Add(1) > 1 {
			state = JobComplete
		}
		if b.state != "" {
			state = b.state
		}
		fmt.Fprintf(w, `{"id":"750Tn000004ZoR3IAK","operation":"queryAll","object":"Case","state":%q,"jobType":"V2Query","numberRecordsProcessed":%d,"retries":0,"apiVersion":58.0}`, state, b.total)
	case r.Method == http.MethodGet && strings.TrimSuffix(r.URL.Path, "/") == base+"/750Tn000004ZoR3IAK/results":
		b.pages.Add(1)
		max := 0
		fmt.Sscan(r.URL.Query().Get("maxRecords"), &max)
		off := 0
		if loc := r.URL.Query().Get("locator"); loc != "" {
			fmt.Sscanf(loc, "loc%d", &off)
		}
		end := min(off+max, b.total)
		next := "null"
		if end < b.total {
			next = fmt.Sprintf("loc%d", end)
		}
		w.Header().Set("Content-Type", "text/csv")
		w.Header().Set("Sforce-Locator", next)
		w.Header().Set("Sforce-NumberOfRecords", fmt.Sprint(end-off))
		io.WriteString(w, "\"Id\",\"Subject\",\"Amount\"\n")
		for i := off; i < end; i++ {
			amount := fmt.Sprintf("\"%d.5\"", i)
			if i%4 == 0 {
				amount = "" // null
			}
			fmt.Fprintf(w, "\"500x%04d\",\"line %d, with \"\"quotes\"\"\",%s\n", i, i, amount)
		}
	case r.Method == http.MethodPatch:
		body, _ := io.ReadAll(r.Body)
		if string(body) != `{"state":"Aborted"}` {
			b.t.Errorf("abort body %s", body)
		}
		fmt.Fprint(w, `{"id":"750Tn000004ZoR3IAK","state":"Aborted"}`)
	case r.Method == http.MethodDelete:
		w.WriteHeader(http.StatusNoContent)
	default:
		http.NotFound(w, r)
	}
}

func bulkClient(t *testing.T, b *bulkFake) *Client {
	srv := httptest.NewServer(b)
	t.Cleanup(srv.Close)
	c, err := New(Config{APIVersion: "58.0", AccessToken: "00Dx!tok", InstanceURL: srv.URL, EnvironmentURL: srv.URL, PollInterval: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestBulk2QueryJob(t *testing.T) {
	b := &bulkFake{t: t, total: 25}
	c := bulkClient(t, b)
	ctx := context.Background()
	job, err := c.CreateQueryJob(ctx, "SELECT Id, Subject, Amount FROM Case", true)
	if err != nil {
		t.Fatal(err)
	}
	if job.ID != "750Tn000004ZoR3IAK" || job.State != JobUploadComplete || job.APIVersion != "57.0" {
		t.Fatalf("job = %+v", job)
	}
	if want := map[string]string{"operation": "queryAll", "query": "SELECT Id, Subject, Amount FROM Case", "contentType": "CSV", "columnDelimiter": "COMMA", "lineEnding": "LF"}; !reflect.DeepEqual(b.created[0], want) {
		t.Fatalf("create body = %v", b.created[0])
	}
	done, err := c.WaitQueryJob(ctx, job.ID)
	if err != nil || done.State != JobComplete || done.NumberRecordsProcessed != 25 || b.polls.Load() != 2 {
		t.Fatalf("wait: %+v %v after %d polls", done, err, b.polls.Load())
	}
	res, err := c.QueryJobResults(ctx, job.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Close()
	if want := []string{"Id", "Subject", "Amount"}; !reflect.DeepEqual(res.Columns(), want) {
		t.Fatalf("columns = %v", res.Columns())
	}
	n := 0
	for res.Next() {
		rec := res.Record()
		amount := fmt.Sprintf("%d.5", n)
		if n%4 == 0 {
			amount = ""
		}
		if want := []string{fmt.Sprintf("500x%04d", n), fmt.Sprintf(`line %d, with "quotes"`, n), amount}; !reflect.DeepEqual(rec, want) {
			t.Fatalf("record %d = %q, want %q", n, rec, want)
		}
		n++
	}
	if err := res.Err(); err != nil || n != 25 || res.Pages() != 3 || b.pages.Load() != 3 {
		t.Fatalf("records %d, pages %d (served %d), err %v", n, res.Pages(), b.pages.Load(), err)
	}
	if err := c.AbortQueryJob(ctx, job.ID); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteQueryJob(ctx, job.ID); err != nil {
		t.Fatal(err)
	}
	if got := c.Calls()["bulk2"]; got != 1+2+3+2 {
		t.Fatalf("bulk2 calls = %d", got)
	}
}

func TestBulk2FailedJob(t *testing.T) {
	b := &bulkFake{t: t, state: JobFailed}
	c := bulkClient(t, b)
	_, err := c.WaitQueryJob(context.Background(), "750Tn000004ZoR3IAK")
	if err == nil || !strings.Contains(err.Error(), "ended Failed") {
		t.Fatalf("err = %v", err)
	}
	if _, err := c.QueryJob(context.Background(), "../x"); err == nil {
		t.Fatal("a path as a job id must be refused")
	}
}

func TestBulk2ResultsMissingLocatorIsAnError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/csv")
		io.WriteString(w, "\"Id\"\n\"1\"\n")
	}))
	defer srv.Close()
	c, _ := New(Config{APIVersion: "58.0", AccessToken: "00Dx!tok", InstanceURL: srv.URL, EnvironmentURL: srv.URL})
	_, err := c.QueryJobResults(context.Background(), "750x", 0)
	if err == nil || !strings.Contains(err.Error(), "Sforce-Locator") {
		t.Fatalf("err = %v (a missing locator must not loop or pass silently)", err)
	}
}
