package emulator

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// queryOrg is an empty org served over real HTTP with a session for the
// demo user; tests insert the rows they need.
type queryOrg struct {
	s     *Server
	ts    *httptest.Server
	token string
}

func newQueryOrg(t testing.TB, opts Options) *queryOrg {
	t.Helper()
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(func() { ts.Close(); s.Close() })
	return &queryOrg{s: s, ts: ts, token: s.newSession(s.org.User.ID).token}
}

// insert adds a row to an object's table; absent booleans store 0.
func (o *queryOrg) insert(t testing.TB, object string, values map[string]any) {
	t.Helper()
	obj := o.s.schema.object(object)
	if obj == nil {
		t.Fatalf("no object %s", object)
	}
	var cols, marks []string
	var args []any
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if obj.field(k) == nil {
			t.Fatalf("no field %s.%s", object, k)
		}
		cols = append(cols, quoteIdent(k))
		marks = append(marks, "?")
		args = append(args, values[k])
	}
	q := "INSERT INTO " + quoteIdent(obj.Name) + " (" + strings.Join(cols, ", ") + ") VALUES (" + strings.Join(marks, ", ") + ")"
	if _, err := o.s.db.ExecContext(context.Background(), q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// get sends a GET with the session and returns the status and body.
func (o *queryOrg) get(t testing.TB, path string, header ...string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest("GET", o.ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+o.token)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := o.ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

// query runs a SOQL statement through /query (or /queryAll).
func (o *queryOrg) query(t testing.TB, endpoint, soqlText string, header ...string) (int, []byte) {
	t.Helper()
	return o.get(t, "/services/data/v58.0/"+endpoint+"?q="+url.QueryEscape(soqlText), header...)
}

func mustJSON(t testing.TB, body []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("bad JSON %q: %v", body, err)
	}
	return m
}

// TestQueryRecords checks whole responses: keys in SELECT order, describe
// casing, attributes at every level, null parents, child results, COUNT(),
// AggregateResult and case-insensitive text comparison.
func TestQueryRecords(t *testing.T) {
	o := newQueryOrg(t, Options{})
	acc := newID("001", 1)
	o.insert(t, "Account", map[string]any{"Id": acc, "Name": "Edge Communications", "AnnualRevenue": 139000000.0, "NumberOfEmployees": 1000})
	o.insert(t, "Contact", map[string]any{"Id": newID("003", 1), "LastName": "Gonzalez", "AccountId": acc})
	o.insert(t, "Contact", map[string]any{"Id": newID("003", 2), "LastName": "Orphan"})
	const a = `"attributes":{"type":"Account","url":"/services/data/v58.0/sobjects/Account/001Dm0000000001IAA"}`
	const c1 = `"attributes":{"type":"Contact","url":"/services/data/v58.0/sobjects/Contact/003Dm0000000001IAA"}`
	const c2 = `"attributes":{"type":"Contact","url":"/services/data/v58.0/sobjects/Contact/003Dm0000000002IAA"}`
	for _, tc := range []struct{ soql, want string }{
		{"select id, NAME, annualrevenue from account",
			`{"totalSize":1,"done":true,"records":[{` + a + `,"Id":"001Dm0000000001IAA","Name":"Edge Communications","AnnualRevenue":1.39E8}]}`},
		{"SELECT Id, LastName, Account.Name FROM Contact ORDER BY LastName DESC",
			`{"totalSize":2,"done":true,"records":[{` + c2 + `,"Id":"003Dm0000000002IAA","LastName":"Orphan","Account":null},{` +
				c1 + `,"Id":"003Dm0000000001IAA","LastName":"Gonzalez","Account":{` + a + `,"Name":"Edge Communications"}}]}`},
		{"SELECT Name, (SELECT LastName FROM Contacts) FROM Account",
			`{"totalSize":1,"done":true,"records":[{` + a + `,"Name":"Edge Communications","Contacts":{"totalSize":1,"done":true,"records":[{` + c1 + `,"LastName":"Gonzalez"}]}}]}`},
		{"SELECT COUNT() FROM Contact", `{"totalSize":2,"done":true,"records":[]}`},
		{"SELECT AccountId, COUNT(Id) FROM Contact GROUP BY AccountId",
			`{"totalSize":2,"done":true,"records":[{"attributes":{"type":"AggregateResult"},"AccountId":null,"expr0":1},{"attributes":{"type":"AggregateResult"},"AccountId":"001Dm0000000001IAA","expr0":1}]}`},
		{"SELECT Id FROM Contact WHERE LastName = 'gONZALEZ'", `{"totalSize":1,"done":true,"records":[{` + c1 + `,"Id":"003Dm0000000001IAA"}]}`},
		{"SELECT Id FROM Contact WHERE LastName != 'gonzalez'", `{"totalSize":1,"done":true,"records":[{` + c2 + `,"Id":"003Dm0000000002IAA"}]}`},
	} {
		code, body := o.query(t, "query", tc.soql)
		if code != 200 || string(body) != tc.want {
			t.Errorf("%s\n got %d %s\nwant 200 %s", tc.soql, code, body, tc.want)
		}
	}
}

// pageOf decodes a query result page.
type pageOf struct {
	TotalSize      int              `json:"totalSize"`
	Done           bool             `json:"done"`
	NextRecordsURL *string          `json:"nextRecordsUrl"`
	Records        []map[string]any `json:"records"`
}

// page runs a query and decodes its first page.
func (o *queryOrg) page(t testing.TB, endpoint, soqlText string, header ...string) pageOf {
	t.Helper()
	code, body := o.query(t, endpoint, soqlText, header...)
	return decodePage(t, code, body)
}

// pageAt fetches and decodes a page by URL (a nextRecordsUrl).
func (o *queryOrg) pageAt(t testing.TB, path string) pageOf {
	t.Helper()
	code, body := o.get(t, path)
	return decodePage(t, code, body)
}

func decodePage(t testing.TB, code int, body []byte) pageOf {
	t.Helper()
	if code != 200 {
		t.Fatalf("status %d: %s", code, body)
	}
	var p pageOf
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	return p
}

// insertCases adds n Cases; every third has no Account.
func insertCases(t testing.TB, o *queryOrg, n int) {
	t.Helper()
	for i := 1; i <= 10; i++ {
		o.insert(t, "Account", map[string]any{"Id": newID("001", int64(i)), "Name": fmt.Sprintf("Account %02d", i)})
	}
	tx, err := o.s.db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	stmt, err := tx.Prepare(`INSERT INTO "Case" ("Id", "Subject", "AccountId", "CaseNumber", "Status", "IsDeleted") VALUES (?, ?, ?, ?, 'New', 0)`)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= n; i++ {
		var acc any
		if i%3 != 0 {
			acc = newID("001", int64(i%10+1))
		}
		if _, err := stmt.Exec(newID("500", int64(i)), fmt.Sprintf("Case subject %07d", i), acc, fmt.Sprintf("%08d", i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// TestQueryPagination walks SELECT Id, Subject, Account.Name FROM Case with
// batchSize=200 through nextRecordsUrl: every row once, pages of 200, the
// same totalSize on each page, locators shaped <01g…18>-<offset>.
func TestQueryPagination(t *testing.T) {
	o := newQueryOrg(t, Options{})
	insertCases(t, o, 450)
	for _, tc := range []struct {
		soql  string
		pages []int
	}{
		{"SELECT Id, Subject, Account.Name FROM Case", []int{200, 200, 50}},
		{"SELECT Id, Subject, Account.Name FROM Case ORDER BY Subject DESC", []int{200, 200, 50}},
		{"SELECT Id, Subject, Account.Name FROM Case ORDER BY Account.Name, Subject LIMIT 420", []int{200, 200, 20}},
	} {
		p := o.page(t, "query", tc.soql, "Sforce-Query-Options", "batchSize=200")
		seen := map[string]bool{}
		var subjects []string
		for i, want := range tc.pages {
			if len(p.Records) != want || p.TotalSize != tc.pages[0]+tc.pages[1]+tc.pages[2] {
				t.Fatalf("%s page %d: %d records of %d, want %d", tc.soql, i, len(p.Records), p.TotalSize, want)
			}
			for _, r := range p.Records {
				id := r["Id"].(string)
				if seen[id] {
					t.Fatalf("%s: %s served twice", tc.soql, id)
				}
				seen[id] = true
				subjects = append(subjects, r["Subject"].(string))
				n, _ := strconv.Atoi(strings.TrimPrefix(r["Subject"].(string), "Case subject "))
				acc, hasKey := r["Account"]
				if !hasKey || (n%3 == 0) != (acc == nil) {
					t.Fatalf("%s: case %d Account = %v", tc.soql, n, acc)
				}
			}
			last := i == len(tc.pages)-1
			if p.Done != last || (p.NextRecordsURL != nil) == last {
				t.Fatalf("%s page %d: done %v next %v", tc.soql, i, p.Done, p.NextRecordsURL)
			}
			if last {
				break
			}
			if !locatorURL.MatchString(*p.NextRecordsURL) {
				t.Fatalf("nextRecordsUrl %q", *p.NextRecordsURL)
			}
			p = o.pageAt(t, *p.NextRecordsURL)
		}
		if strings.Contains(tc.soql, "DESC") && !sort.SliceIsSorted(subjects, func(i, j int) bool { return subjects[i] > subjects[j] }) {
			t.Errorf("%s: not in order", tc.soql)
		}
	}
}

var locatorURL = regexp.MustCompile(`^/services/data/v58\.0/query/01g[0-9A-Za-z]{15}-(200|400)$`)

// TestQueryPageSizes: the batch size is clamped to 200…2000, defaults to
// 2000, and the forced page size wins over the header.
func TestQueryPageSizes(t *testing.T) {
	o := newQueryOrg(t, Options{})
	insertCases(t, o, 2100)
	for _, tc := range []struct {
		header string
		want   int
	}{{"", 2000}, {"batchSize=500", 500}, {"batchSize=50", 200}, {"batchSize=5000", 2000}} {
		p := o.page(t, "query", "SELECT Id FROM Case", "Sforce-Query-Options", tc.header)
		if len(p.Records) != tc.want || p.TotalSize != 2100 {
			t.Errorf("%q: %d records of %d, want %d", tc.header, len(p.Records), p.TotalSize, tc.want)
		}
	}
	o.s.SetPageSize(300)
	p := o.page(t, "query", "SELECT Id FROM Case", "Sforce-Query-Options", "batchSize=1000")
	if len(p.Records) != 300 {
		t.Errorf("forced page size: %d records", len(p.Records))
	}
	// queryAll pages continue under /query/ too, and a locator is served by
	// both resources.
	p = o.page(t, "queryAll", "SELECT Id FROM Case")
	next := *p.NextRecordsURL
	if !strings.Contains(next, "/query/01g") {
		t.Fatalf("queryAll nextRecordsUrl %q", next)
	}
	p2 := o.pageAt(t, strings.Replace(next, "/query/", "/queryAll/", 1))
	if len(p2.Records) != 300 || p2.Records[0]["Id"] == p.Records[0]["Id"] {
		t.Errorf("queryAll/<locator>: %d records", len(p2.Records))
	}
}

func TestQueryLocatorErrors(t *testing.T) {
	o := newQueryOrg(t, Options{LocatorLifetime: time.Minute})
	var mu sync.Mutex
	now := time.Now()
	o.s.locators().clock = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	insertCases(t, o, 450)
	p := o.page(t, "query", "SELECT Id FROM Case ORDER BY Subject", "Sforce-Query-Options", "batchSize=200")
	want := `[{"message":"invalid query locator","errorCode":"INVALID_QUERY_LOCATOR"}]`
	base := (*p.NextRecordsURL)[:strings.LastIndexByte(*p.NextRecordsURL, '-')]
	for _, bad := range []string{"/services/data/v58.0/query/01gDm0000000000AAA-200", base + "-450", base + "-x", base + "-0"} {
		if code, body := o.get(t, bad); code != 400 || string(body) != want {
			t.Errorf("%s: %d %s", bad, code, body)
		}
	}
	snapshotRows := func() int {
		var n int
		if err := o.s.db.QueryRow("SELECT COUNT(*) FROM " + cursorTable).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := snapshotRows(); n != 450 {
		t.Errorf("snapshot of the ordered query: %d rows, want 450", n)
	}
	mu.Lock()
	now = now.Add(59 * time.Second)
	mu.Unlock()
	if code, body := o.get(t, *p.NextRecordsURL); code != 200 {
		t.Errorf("locator used within its lifetime: %d %s", code, body)
	}
	mu.Lock()
	now = now.Add(61 * time.Second) // idle for longer than the lifetime since the last use
	mu.Unlock()
	if code, body := o.get(t, *p.NextRecordsURL); code != 400 || string(body) != want {
		t.Errorf("expired locator: %d %s", code, body)
	}
	if n := snapshotRows(); n != 0 {
		t.Errorf("expired cursor left %d snapshot rows", n)
	}
}

// TestQueryLargeChildSets: a parent's children beyond 200 are served behind
// the child result's own nextRecordsUrl, the same totalSize on every page.
func TestQueryLargeChildSets(t *testing.T) {
	o := newQueryOrg(t, Options{})
	insertCases(t, o, 900) // every third case has no Account: Big gets those 300
	o.insert(t, "Account", map[string]any{"Id": newID("001", 99), "Name": "Big"})
	if _, err := o.s.db.Exec(`UPDATE "Case" SET "AccountId" = ? WHERE "AccountId" IS NULL`, newID("001", 99)); err != nil {
		t.Fatal(err)
	}
	p := o.page(t, "query", "SELECT Name, (SELECT Subject FROM Cases ORDER BY Subject DESC) FROM Account WHERE Name = 'Big'")
	if len(p.Records) != 1 {
		t.Fatalf("%+v", p)
	}
	child := p.Records[0]["Cases"].(map[string]any)
	var subjects []string
	for page := 0; ; page++ {
		recs := child["records"].([]any)
		if want := []int{200, 100}[min(page, 1)]; child["totalSize"].(float64) != 300 || len(recs) != want || page > 1 {
			t.Fatalf("child page %d: totalSize %v, %d records", page, child["totalSize"], len(recs))
		}
		for _, r := range recs {
			subjects = append(subjects, r.(map[string]any)["Subject"].(string))
		}
		if child["done"].(bool) {
			break
		}
		next := child["nextRecordsUrl"].(string)
		code, body := o.get(t, next)
		if code != 200 {
			t.Fatalf("%s: %d %s", next, code, body)
		}
		child = mustJSON(t, body)
	}
	if len(subjects) != 300 || !sort.SliceIsSorted(subjects, func(i, j int) bool { return subjects[i] > subjects[j] }) {
		t.Errorf("%d children, sorted %v", len(subjects), sort.SliceIsSorted(subjects, func(i, j int) bool { return subjects[i] > subjects[j] }))
	}
}

// TestQueryConcurrentCursors pages through several cursors at once, in Id
// order (keyset) and ordered (snapshot): each sees its own rows once.
func TestQueryConcurrentCursors(t *testing.T) {
	o := newQueryOrg(t, Options{})
	insertCases(t, o, 1000)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			q := "SELECT Id FROM Case"
			if g%2 == 1 {
				q += " ORDER BY Subject DESC"
			}
			code, body := o.query(t, "query", q, "Sforce-Query-Options", "batchSize=200")
			seen := map[string]bool{}
			for {
				var p pageOf
				if code != 200 || json.Unmarshal(body, &p) != nil {
					errs <- fmt.Sprintf("%d %s", code, body)
					return
				}
				for _, r := range p.Records {
					seen[r["Id"].(string)] = true
				}
				if p.Done {
					break
				}
				code, body = o.get(t, *p.NextRecordsURL)
			}
			if len(seen) != 1000 {
				errs <- fmt.Sprintf("goroutine %d saw %d rows", g, len(seen))
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
