package emulator

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"
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
