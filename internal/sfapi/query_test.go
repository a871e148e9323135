package sfapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
)

func newTestClient(t testing.TB, f *fake) *Client {
	t.Helper()
	c, err := New(f.config())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func collect(t testing.TB, rows *Rows) [][]any {
	t.Helper()
	defer rows.Close()
	var out [][]any
	for rows.Next() {
		out = append(out, rows.Values())
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func wantFakeRow(i int, deleted bool) []any {
	id := fmt.Sprintf("500x%014d", i)
	var acct, owner any
	if i%3 != 0 {
		acct, owner = fmt.Sprintf("acct %d", i), "owner"
	}
	return []any{id, fmt.Sprintf("row %d", i), json.Number(fmt.Sprintf("%d.10", i)), acct, owner, deleted}
}

func TestQueryPaginationAndFlattening(t *testing.T) {
	f := newFake(t)
	f.rows, f.pageSize = 10, 3
	c := newTestClient(t, f)
	rows, err := c.Query(context.Background(), "SELECT id, Subject, Amount, account.Name, Account.Owner.Name, IsDeleted FROM Case", QueryOptions{BatchSize: 200})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rows.Columns(), []string{"Id", "Subject", "Amount", "Account.Name", "Account.Owner.Name", "IsDeleted"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("columns = %v, want %v", got, want)
	}
	if rows.TotalSize() != 10 {
		t.Fatalf("totalSize = %d", rows.TotalSize())
	}
	got := collect(t, rows)
	if len(got) != 10 {
		t.Fatalf("rows = %d, want 10", len(got))
	}
	for i, row := range got {
		if want := wantFakeRow(i, false); !reflect.DeepEqual(row, want) {
			t.Fatalf("row %d = %#v, want %#v", i, row, want)
		}
	}
	if calls := c.Calls(); calls["query"] != 1 || calls["queryMore"] != 3 {
		t.Fatalf("calls = %v, want 1 query + 3 queryMore", calls)
	}
}

func TestQueryAllReturnsDeletedRows(t *testing.T) {
	f := newFake(t)
	f.rows, f.deleted, f.pageSize = 5, 2, 2
	c := newTestClient(t, f)
	soql := "SELECT Id, Subject, Amount, Account.Name, Account.Owner.Name, IsDeleted FROM Case"
	live := collect(t, must(c.Query(context.Background(), soql, QueryOptions{})))
	all := collect(t, must(c.Query(context.Background(), soql, QueryOptions{All: true})))
	if len(live) != 5 || len(all) != 7 {
		t.Fatalf("query %d rows, queryAll %d rows; want 5 and 7", len(live), len(all))
	}
	for i := 5; i < 7; i++ {
		if want := wantFakeRow(i, true); !reflect.DeepEqual(all[i], want) {
			t.Fatalf("row %d = %v, want %v", i, all[i], want)
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// fixtureServer answers every query with the recorded pages: the first
// from q=, the second from the locator.
func fixtureServer(t *testing.T, pages map[string]string) (*Client, *httptest.Server) {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.Write(readFixture(t, name))
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{APIVersion: "58.0", AccessToken: "00Dx!tok", InstanceURL: srv.URL, EnvironmentURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

func TestQueryRecordedPages(t *testing.T) {
	c, _ := fixtureServer(t, map[string]string{
		"/services/data/v58.0/query":      "restforce/query_paginated_first_page_response.json",
		"/services/data/v26.0/query/01gD": "restforce/query_paginated_last_page_response.json",
	})
	rows := collect(t, must(c.Query(context.Background(), "SELECT Text_Label FROM Whizbang", QueryOptions{})))
	if want := [][]any{{"First Page"}, {"Last Page"}}; !reflect.DeepEqual(rows, want) {
		t.Fatalf("rows = %v, want %v", rows, want)
	}
}

func TestQueryRecordedRelationships(t *testing.T) {
	c, _ := fixtureServer(t, map[string]string{
		"/services/data/v58.0/query": "restforce/query_success_response.json",
	})
	soql := "SELECT Checkbox_Label, Text_Label, ParentWhizbang__r.Name, ParentWhizbang__r.Text_Label, (SELECT Name FROM Whizbangs__r), Date_Label FROM Whizbang"
	rows, err := c.Query(context.Background(), soql, QueryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wantCols := []string{"Checkbox_Label", "Text_Label", "ParentWhizbang__r.Name", "ParentWhizbang__r.Text_Label", "Whizbangs__r", "Date_Label"}
	if !reflect.DeepEqual(rows.Columns(), wantCols) {
		t.Fatalf("columns = %v", rows.Columns())
	}
	got := collect(t, rows)
	want := [][]any{{false, "Hi there!", "Parent Whizbang", "Hello",
		&RowSet{Columns: []string{"Name"}, Rows: [][]any{{"Child Whizbang"}}, TotalSize: 1}, "2010-01-01"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("rows = %#v", got)
	}
}

func TestQueryShapeFromResponse(t *testing.T) {
	// An aggregate: the SELECT list is not plain paths, so the columns come
	// from the records in response order.
	c, _ := fixtureServer(t, map[string]string{
		"/services/data/v58.0/query": "restforce/query_aggregate_success_response.json",
	})
	rows, err := c.Query(context.Background(), "SELECT CampaignId, AVG(Amount) FROM Opportunity GROUP BY CampaignId", QueryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"CampaignId", "expr0"}; !reflect.DeepEqual(rows.Columns(), want) {
		t.Fatalf("columns = %v", rows.Columns())
	}
	got := collect(t, rows)
	want := [][]any{{"701E0000000JuFHIA0", json.Number("300.0")}, {"701E00000005ZqAIAU", json.Number("100.0")}, {nil, json.Number("400")}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("rows = %#v", got)
	}
}

func TestShapeColumnsNullParentFirst(t *testing.T) {
	raws := []json.RawMessage{
		json.RawMessage(`{"attributes":{"type":"Case"},"Id":"1","Account":null,"Subject":"a"}`),
		json.RawMessage(`{"attributes":{"type":"Case"},"Id":"2","Account":{"attributes":{"type":"Account"},"Name":"n","Owner":{"attributes":{"type":"User"},"Alias":"x"}},"Subject":"b"}`),
	}
	if got, want := columnNames(shapeColumns(raws)), []string{"Id", "Account.Name", "Account.Owner.Alias", "Subject"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("columns = %v, want %v", got, want)
	}
}

func TestQueryChildSubqueryFollowsNextPage(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/services/data/v58.0/query":
			fmt.Fprint(w, `{"totalSize":2,"done":true,"records":[
 {"attributes":{"type":"Account"},"Name":"A","Contacts":{"totalSize":3,"done":false,"nextRecordsUrl":"/services/data/v58.0/query/01gC-2","records":[
   {"attributes":{"type":"Contact"},"LastName":"x"},{"attributes":{"type":"Contact"},"LastName":"y"}]}},
 {"attributes":{"type":"Account"},"Name":"B","Contacts":null}]}`)
		case "/services/data/v58.0/query/01gC-2":
			fmt.Fprint(w, `{"totalSize":3,"done":true,"records":[{"attributes":{"type":"Contact"},"LastName":"z"}]}`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	c, _ := New(Config{APIVersion: "58.0", AccessToken: "00Dx!tok", InstanceURL: srv.URL, EnvironmentURL: srv.URL})
	got := collect(t, must(c.Query(context.Background(), "SELECT Name, (SELECT LastName FROM Contacts) FROM Account", QueryOptions{})))
	want := [][]any{
		{"A", &RowSet{Columns: []string{"LastName"}, Rows: [][]any{{"x"}, {"y"}, {"z"}}, TotalSize: 3}},
		{"B", nil},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("rows = %#v", got)
	}
}

func TestQueryColumnsOptionWithChildSubquery(t *testing.T) {
	c, _ := fixtureServer(t, map[string]string{
		"/services/data/v58.0/query": "restforce/query_success_response.json",
	})
	rows, err := c.Query(context.Background(), "SELECT ignored FROM Whizbang", QueryOptions{
		Columns: []string{"text_label", "ParentWhizbang__r.Name", "Whizbangs__r", "Missing__c"}})
	if err != nil {
		t.Fatal(err)
	}
	got := collect(t, rows)
	want := [][]any{{"Hi there!", "Parent Whizbang", &RowSet{Columns: []string{"Name"}, Rows: [][]any{{"Child Whizbang"}}, TotalSize: 1}, nil}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("rows = %#v", got)
	}
	if want := []string{"Text_Label", "ParentWhizbang__r.Name", "Whizbangs__r", "Missing__c"}; !reflect.DeepEqual(rows.Columns(), want) {
		t.Fatalf("columns = %v", rows.Columns())
	}
}

func TestQueryErrors(t *testing.T) {
	f := newFake(t)
	f.queryHook = func(w http.ResponseWriter, r *http.Request, offset int) bool {
		w.WriteHeader(400)
		fmt.Fprint(w, `[{"message":"\nSELECT Foo FROM Case\n       ^\nERROR at Row:1:Column:8\nNo such column 'Foo' on entity 'Case'.","errorCode":"INVALID_FIELD"}]`)
		return true
	}
	c := newTestClient(t, f)
	_, err := c.Query(context.Background(), "SELECT Foo FROM Case", QueryOptions{})
	var ae *APIError
	if !errors.As(err, &ae) || !errors.Is(err, ErrInvalidField) || ae.Status != 400 || !strings.Contains(ae.Message, "No such column 'Foo'") {
		t.Fatalf("err = %v", err)
	}
	if got := c.Calls()["query"]; got != 1 {
		t.Fatalf("a 400 is not retried: %d query calls", got)
	}
	if _, err := c.Query(context.Background(), "SELECT Id FROM Case", QueryOptions{BatchSize: 100}); err == nil || !strings.Contains(err.Error(), "batchSize") {
		t.Fatalf("err = %v", err)
	}
	long := "SELECT Id" + strings.Repeat(", Custom_Field_With_A_Long_Name__c", 500) + " FROM Case"
	before := c.TotalCalls()
	if _, err := c.Query(context.Background(), long, QueryOptions{}); !errors.Is(err, ErrQueryTooLong) || c.TotalCalls() != before {
		t.Fatalf("err = %v, calls %d -> %d", err, before, c.TotalCalls())
	}
}

func TestQueryCloseStopsPrefetch(t *testing.T) {
	f := newFake(t)
	f.rows, f.pageSize = 1000, 10
	c := newTestClient(t, f)
	rows := must(c.Query(context.Background(), "SELECT Id FROM Case", QueryOptions{}))
	for i := 0; i < 15 && rows.Next(); i++ {
	}
	rows.Close()
	if rows.Next() {
		t.Fatal("Next after Close")
	}
	// At most the page being consumed, the one handed over and the one
	// being fetched: never a run-away reader.
	if got := c.Calls()["queryMore"]; got > 3 {
		t.Fatalf("queryMore calls after Close = %d", got)
	}
}

func TestParseSelectList(t *testing.T) {
	cases := []struct {
		soql string
		cols []string
		ok   bool
	}{
		{"SELECT Id, Name FROM Account", []string{"Id", "Name"}, true},
		{"select id , account.owner.name from Contact where Name = 'a, FROM b'", []string{"id", "account.owner.name"}, true},
		{"SELECT Name, (SELECT LastName FROM Contacts WHERE X = 'y)'), Id FROM Account", []string{"Name", "Contacts", "Id"}, true},
		{"SELECT COUNT(Id) FROM Account", nil, false},
		{"SELECT FIELDS(ALL) FROM Account LIMIT 200", nil, false},
		{"SELECT toLabel(Status) FROM Case", nil, false},
		{"SELECT Id FROMAGE", nil, false},
		{"SELECT Fromage__c FROM Cheese__c", []string{"Fromage__c"}, true},
	}
	for _, tc := range cases {
		items, _, ok := parseSelectList(tc.soql)
		if ok != tc.ok {
			t.Errorf("%q: ok = %v", tc.soql, ok)
			continue
		}
		if ok {
			if got := columnNames(columnsFromItems(items)); !reflect.DeepEqual(got, tc.cols) {
				t.Errorf("%q: columns = %v, want %v", tc.soql, got, tc.cols)
			}
		}
	}
}
