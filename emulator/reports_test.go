package emulator

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// recordedReportRun is the v29 synchronous run quoted (trimmed) in
// spec/salesforce-api.md §5.2; our runs must cover its shape.
const recordedReportRun = `{"attributes":{"describeUrl":"/services/data/v29.0/analytics/reports/00O11000000SoKzEAK/describe",
 "instancesUrl":"/services/data/v29.0/analytics/reports/00O11000000SoKzEAK/instances",
 "reportId":"00O11000000SoKzEAK","reportName":"TEST","type":"Report"},
 "allData":true,
 "factMap":{"T!T":{"aggregates":[{"label":"20","value":20}],
   "rows":[{"dataCells":[{"label":"one more test call egle","value":"00U11000002RLO5EAO"}]}]}},
 "groupingsAcross":{"groupings":[]},"groupingsDown":{"groupings":[]},"hasDetailRows":true,
 "reportExtendedMetadata":{
   "aggregateColumnInfo":{"RowCount":{"acrossGroupingContext":null,"dataType":"int","downGroupingContext":null,"label":"Record Count"}},
   "detailColumnInfo":{"SUBJECT":{"dataType":"string","label":"Subject"}},
   "groupingColumnInfo":{}},
 "reportMetadata":{"aggregates":["RowCount"],"currency":"EUR",
   "detailColumns":["SUBJECT"],
   "developerName":"TEST","groupingsAcross":[],"groupingsDown":[],"id":"00O11000000SoKzEAK","name":"TEST",
   "reportBooleanFilter":null,"reportFilters":[],"reportFormat":"TABULAR",
   "reportType":{"label":"Activities with Contacts","type":"ContactActivity"}}}`

func reportTestOrg(t *testing.T, opts Options) (*Server, string, string) {
	t.Helper()
	s, ts := newTestServer(t, opts)
	return s, ts.URL + "/services/data/v58.0/analytics/reports", s.newSession(s.org.User.ID).token
}

type runDoc struct {
	AllData bool `json:"allData"`
	FactMap map[string]struct {
		Aggregates []reportCell `json:"aggregates"`
		Rows       *[]struct {
			DataCells []reportCell `json:"dataCells"`
		} `json:"rows"`
	} `json:"factMap"`
	GroupingsDown struct {
		Groupings []reportGroup `json:"groupings"`
	} `json:"groupingsDown"`
	HasDetailRows  bool           `json:"hasDetailRows"`
	ReportMetadata reportMetadata `json:"reportMetadata"`
}

func decodeRun(t *testing.T, body []byte) runDoc {
	t.Helper()
	var d runDoc
	if err := json.Unmarshal(body, &d); err != nil {
		t.Fatalf("run body: %v\n%.300s", err, body)
	}
	return d
}

func TestReportList(t *testing.T) {
	s, base, tok := reportTestOrg(t, Options{Seed: "demo"})
	code, h, body := do(t, "GET", base, tok, nil)
	if code != 200 || h.Get("Content-Type") != contentJSON {
		t.Fatalf("list: %d %s %s", code, h.Get("Content-Type"), body)
	}
	var list []reportListEntry
	if err := json.Unmarshal(body, &list); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range list {
		names = append(names, e.Name)
		u := "/services/data/v58.0/analytics/reports/" + e.ID
		if e.URL != u || e.DescribeURL != u+"/describe" || e.InstancesURL != u+"/instances" || len(e.ID) != 18 || e.ID[:3] != "00O" {
			t.Errorf("entry %+v", e)
		}
	}
	if got := strings.Join(names, "|"); got != "All Accounts|All Cases|Cases by Status|Cases by Status and Priority|Open Cases|Open Cases by Account" {
		t.Errorf("names = %s", got)
	}
	if !strings.HasPrefix(string(body), `[{"describeUrl":"/services/data/v58.0/analytics/reports/00O`) {
		t.Errorf("key order: %.80s", body)
	}
	// The Report rows are data: the sObject table has them.
	var n int
	var format string
	if err := s.db.QueryRow(`SELECT count(*), max("Format") FROM "Report" WHERE "DeveloperName" = 'Cases_by_Status' AND "Name" = 'Cases by Status'`).Scan(&n, &format); err != nil || n != 1 || format != "Summary" {
		t.Errorf("Report row: %d %q %v", n, format, err)
	}
	// An empty org has no reports.
	_, base2, tok2 := reportTestOrg(t, Options{})
	if code, _, body := do(t, "GET", base2, tok2, nil); code != 200 || strings.TrimSpace(string(body)) != "[]" {
		t.Errorf("empty org list: %d %s", code, body)
	}
}

func TestReportRunTabular(t *testing.T) {
	s, base, tok := reportTestOrg(t, Options{Seed: "demo"})
	id := newID("00O", 1) // All Accounts
	code, _, body := do(t, "GET", base+"/"+id+"?includeDetails=true", tok, nil)
	if code != 200 {
		t.Fatalf("run: %d %s", code, body)
	}
	if !strings.HasPrefix(string(body), `{"attributes":{"describeUrl":"/services/data/v58.0/analytics/reports/`+id+`/describe","instancesUrl":`) {
		t.Errorf("body starts %.120s", body)
	}
	d := decodeRun(t, body)
	var want []string
	rows, err := s.db.Query(`SELECT "Id", "Name", coalesce("Type", '-'), coalesce("NumberOfEmployees", -1) FROM "Account" WHERE "IsDeleted" = 0 ORDER BY "Id"`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var aid, name, typ string
		var emp int64
		if err := rows.Scan(&aid, &name, &typ, &emp); err != nil {
			t.Fatal(err)
		}
		want = append(want, fmt.Sprintf("%s=%s|%s|%d", name, aid, typ, emp))
	}
	rows.Close()
	tt := d.FactMap["T!T"]
	if !d.AllData || !d.HasDetailRows || tt.Rows == nil || len(*tt.Rows) != len(want) || len(want) == 0 {
		t.Fatalf("allData %v, rows %v, want %d", d.AllData, tt.Rows, len(want))
	}
	if tt.Aggregates[0].Label != fmt.Sprint(len(want)) || tt.Aggregates[0].Value != float64(len(want)) {
		t.Errorf("aggregate %+v", tt.Aggregates)
	}
	for i, r := range *tt.Rows {
		c := r.DataCells
		if len(c) != 6 {
			t.Fatalf("row %d has %d cells", i, len(c))
		}
		emp := int64(-1)
		if v, ok := c[5].Value.(float64); ok {
			emp = int64(v)
		}
		got := fmt.Sprintf("%s=%v|%s|%d", c[0].Label, c[0].Value, c[1].Label, emp)
		if got != want[i] {
			t.Errorf("row %d = %s, want %s", i, got, want[i])
		}
		if c[5].Value == nil && (c[5].Label != "-") {
			t.Errorf("empty cell %+v", c[5])
		}
	}
	if got := strings.Join(d.ReportMetadata.DetailColumns, ","); got != "ACCOUNT.NAME,TYPE,INDUSTRY,BILLING_CITY,PHONE1,EMPLOYEES" ||
		d.ReportMetadata.ReportFormat != "TABULAR" || d.ReportMetadata.ReportType.Type != "AccountList" {
		t.Errorf("metadata %+v", d.ReportMetadata)
	}
	// Without includeDetails: aggregates only, no rows key.
	code, _, body = do(t, "GET", base+"/"+id, tok, nil)
	if code != 200 || strings.Contains(string(body), `"rows"`) || decodeRun(t, body).HasDetailRows {
		t.Errorf("no details: %d %.300s", code, body)
	}
	// The run is recorded on the Report row.
	var last *string
	if err := s.db.QueryRow(`SELECT "LastRunDate" FROM "Report" WHERE "Id" = ?`, id).Scan(&last); err != nil || last == nil {
		t.Errorf("LastRunDate %v %v", last, err)
	}
	// Open Cases has the recorded run's cell types (strings, ids, nulls).
	_, _, body = do(t, "GET", base+"/"+newID("00O", 3)+"?includeDetails=true", tok, nil)
	assertShapeCovers(t, []byte(recordedReportRun), body)
	// By 15-character id too; unknown ids are 404.
	if code, _, _ := do(t, "GET", base+"/"+id[:15], tok, nil); code != 200 {
		t.Errorf("15-char id: %d", code)
	}
	if code, _, body := do(t, "GET", base+"/"+newID("00O", 99), tok, nil); code != 404 || !strings.Contains(string(body), `"NOT_FOUND"`) {
		t.Errorf("unknown: %d %s", code, body)
	}
}

func TestReportRunSummaryAndFilters(t *testing.T) {
	s, base, tok := reportTestOrg(t, Options{Seed: "demo"})
	// Spread the demo cases over three statuses.
	if _, err := s.db.Exec(`UPDATE "Case" SET "Status" = CASE rowid % 3 WHEN 0 THEN 'New' WHEN 1 THEN 'Working' ELSE 'Escalated' END,
		"Priority" = CASE rowid % 2 WHEN 0 THEN 'High' ELSE 'Low' END`); err != nil {
		t.Fatal(err)
	}
	statusCounts := map[string]int64{}
	rows, err := s.db.Query(`SELECT "Status", count(*) FROM "Case" WHERE "IsDeleted" = 0 GROUP BY "Status" ORDER BY "Status"`)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	var total int64
	for rows.Next() {
		var st string
		var n int64
		if err := rows.Scan(&st, &n); err != nil {
			t.Fatal(err)
		}
		statusCounts[st] = n
		order = append(order, st)
		total += n
	}
	rows.Close()
	if len(order) < 2 {
		t.Fatalf("the scaled demo should have several case statuses: %v", order)
	}
	code, _, body := do(t, "GET", base+"/"+newID("00O", 4)+"?includeDetails=true", tok, nil)
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	d := decodeRun(t, body)
	if len(d.GroupingsDown.Groupings) != len(order) {
		t.Fatalf("groupings %+v, want %v", d.GroupingsDown.Groupings, order)
	}
	for i, g := range d.GroupingsDown.Groupings {
		f, ok := d.FactMap[g.Key+"!T"]
		if g.Key != fmt.Sprint(i) || g.Label != order[i] || g.Value != order[i] || !ok {
			t.Errorf("grouping %d: %+v", i, g)
			continue
		}
		if f.Aggregates[0].Value != float64(statusCounts[order[i]]) || f.Rows == nil || int64(len(*f.Rows)) != statusCounts[order[i]] {
			t.Errorf("group %s: aggregate %+v, %d rows, want %d", order[i], f.Aggregates, len(*f.Rows), statusCounts[order[i]])
		}
	}
	if tt := d.FactMap["T!T"]; tt.Aggregates[0].Value != float64(total) {
		t.Errorf("T!T %+v, want %d", tt.Aggregates, total)
	}
	if len(d.ReportMetadata.GroupingsDown) != 1 || d.ReportMetadata.GroupingsDown[0].Name != "STATUS" || d.ReportMetadata.ReportFormat != "SUMMARY" {
		t.Errorf("metadata %+v", d.ReportMetadata)
	}

	// Two levels: keys "i_j", rows at the inner level only, counts adding up.
	code, _, body = do(t, "GET", base+"/"+newID("00O", 6)+"?includeDetails=true", tok, nil)
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	d2 := decodeRun(t, body)
	pairs := map[string]int64{}
	prow, err := s.db.Query(`SELECT "Status", coalesce("Priority", '-'), count(*) FROM "Case" WHERE "IsDeleted" = 0 GROUP BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	for prow.Next() {
		var st, pr string
		var n int64
		if err := prow.Scan(&st, &pr, &n); err != nil {
			t.Fatal(err)
		}
		pairs[st+"/"+pr] = n
	}
	prow.Close()
	seenPairs := 0
	for i, g := range d2.GroupingsDown.Groupings {
		outer := d2.FactMap[g.Key+"!T"]
		if g.Key != fmt.Sprint(i) || outer.Rows == nil || len(*outer.Rows) != 0 || len(g.Groupings) == 0 {
			t.Errorf("outer group %+v", g)
			continue
		}
		var sum float64
		for j, c := range g.Groupings {
			inner := d2.FactMap[c.Key+"!T"]
			if c.Key != fmt.Sprintf("%d_%d", i, j) || inner.Rows == nil {
				t.Errorf("inner group %+v", c)
				continue
			}
			n := inner.Aggregates[0].Value.(float64)
			if want := pairs[g.Label+"/"+c.Label]; int64(n) != want || int64(len(*inner.Rows)) != want {
				t.Errorf("%s/%s: %v and %d rows, want %d", g.Label, c.Label, n, len(*inner.Rows), want)
			}
			sum += n
			seenPairs++
		}
		if outer.Aggregates[0].Value != sum {
			t.Errorf("group %s: %v, children add to %v", g.Label, outer.Aggregates[0].Value, sum)
		}
	}
	if seenPairs != len(pairs) || seenPairs < 2*len(order) {
		t.Errorf("%d inner groups, want %d", seenPairs, len(pairs))
	}

	// A POST run overrides the filters.
	st := order[0]
	req := `{"reportMetadata":{"reportFilters":[{"column":"STATUS","operator":"equals","value":"` + st + `"}]}}`
	code, _, body = do(t, "POST", base+"/"+newID("00O", 2)+"?includeDetails=true", tok, strings.NewReader(req), "Content-Type", "application/json")
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	d = decodeRun(t, body)
	if got := d.FactMap["T!T"].Aggregates[0].Value; got != float64(statusCounts[st]) {
		t.Errorf("filtered count %v, want %d", got, statusCounts[st])
	}
	for _, r := range *d.FactMap["T!T"].Rows {
		if r.DataCells[2].Label != st {
			t.Errorf("filtered row has status %q", r.DataCells[2].Label)
		}
	}
	if len(d.ReportMetadata.ReportFilters) != 1 || d.ReportMetadata.ReportFilters[0].Value != st {
		t.Errorf("echoed filters %+v", d.ReportMetadata.ReportFilters)
	}
	// Name columns filter on the name, not on the id they link to.
	var acct string
	var acctCases int
	if err := s.db.QueryRow(`SELECT a."Name", count(*) FROM "Case" c JOIN "Account" a ON a."Id" = c."AccountId" WHERE c."IsDeleted" = 0 GROUP BY a."Name" ORDER BY a."Name" LIMIT 1`).Scan(&acct, &acctCases); err != nil {
		t.Fatal(err)
	}
	byName, _ := json.Marshal(map[string]any{"reportMetadata": map[string]any{"reportFilters": []reportFilter{
		{Column: "ACCOUNT.NAME", Operator: "equals", Value: acct}, {Column: "CASE_NUMBER", Operator: "startsWith", Value: ""}}}})
	code, _, body = do(t, "POST", base+"/"+newID("00O", 2), tok, strings.NewReader(string(byName)))
	if d := decodeRun(t, body); code != 200 || d.FactMap["T!T"].Aggregates[0].Value != float64(acctCases) {
		t.Errorf("filter on ACCOUNT.NAME = %s: %d %.300s, want %d cases", acct, code, body, acctCases)
	}
	bad := `{"reportMetadata":{"reportFilters":[{"column":"NOPE","operator":"equals","value":"x"}]}}`
	if code, _, body := do(t, "POST", base+"/"+newID("00O", 2), tok, strings.NewReader(bad)); code != 400 || !strings.Contains(string(body), `"BAD_REQUEST"`) {
		t.Errorf("bad filter: %d %s", code, body)
	}
}

func TestReportRowCap(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds 2,100 cases")
	}
	s, base, tok := reportTestOrg(t, Options{Seed: "demo"})
	addCases(t, s, 2100)
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM "Case" WHERE "IsDeleted" = 0`).Scan(&n); err != nil || n <= reportRowCap {
		t.Fatalf("cases: %d %v", n, err)
	}
	code, _, body := do(t, "GET", base+"/"+newID("00O", 2)+"?includeDetails=true", tok, nil)
	if code != 200 {
		t.Fatalf("%d %.300s", code, body)
	}
	d := decodeRun(t, body)
	tt := d.FactMap["T!T"]
	if d.AllData || len(*tt.Rows) != reportRowCap || tt.Aggregates[0].Value != float64(n) {
		t.Errorf("allData %v, rows %d, count %v; want false, %d, %d", d.AllData, len(*tt.Rows), tt.Aggregates[0].Value, reportRowCap, n)
	}
}

// addCases inserts n plain cases (Status New, no account).
func addCases(t testing.TB, s *Server, n int) {
	t.Helper()
	tx, err := s.db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	st, err := tx.Prepare(`INSERT INTO "Case" ("Id", "CaseNumber", "Subject", "Status", "CreatedDate") VALUES (?, ?, ?, 'New', '2026-01-05T09:00:00.000Z')`)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if _, err := st.Exec(newID("500", int64(100000+i)), fmt.Sprintf("9%07d", i), fmt.Sprintf("Bulk case %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

func TestReportDescribe(t *testing.T) {
	_, base, tok := reportTestOrg(t, Options{Seed: "demo"})
	code, _, body := do(t, "GET", base+"/"+newID("00O", 5)+"/describe", tok, nil)
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	var d struct {
		ReportExtendedMetadata reportExtended `json:"reportExtendedMetadata"`
		ReportMetadata         reportMetadata `json:"reportMetadata"`
		ReportTypeMetadata     struct {
			Categories []struct {
				Label   string         `json:"label"`
				Columns map[string]any `json:"columns"`
			} `json:"categories"`
		} `json:"reportTypeMetadata"`
	}
	if err := json.Unmarshal(body, &d); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(body), `{"reportExtendedMetadata":{"aggregateColumnInfo":{"RowCount":{"acrossGroupingContext":null,"dataType":"int","downGroupingContext":null,"label":"Record Count"}},"detailColumnInfo":{`) {
		t.Errorf("describe starts %.200s", body)
	}
	g := d.ReportExtendedMetadata.GroupingColumnInfo["ACCOUNT.NAME"]
	if d.ReportMetadata.Name != "Open Cases by Account" || g.Label != "Account Name" || g.GroupingLevel != 0 ||
		len(d.ReportMetadata.ReportFilters) != 1 || d.ReportMetadata.ReportFilters[0].Column != "CLOSED" ||
		len(d.ReportTypeMetadata.Categories) != 1 || len(d.ReportTypeMetadata.Categories[0].Columns) != len(caseColumns) {
		t.Errorf("describe %+v", d)
	}
}

func TestReportInstances(t *testing.T) {
	s, base, tok := reportTestOrg(t, Options{Seed: "demo"})
	s.SetBulkDelay(200 * time.Millisecond)
	// The instance's status follows the store's clock: drive it by hand.
	var mu sync.Mutex
	clock := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	st := s.jobs()
	st.mu.Lock()
	st.now = func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	st.mu.Unlock()
	advance := func(d time.Duration) { mu.Lock(); clock = clock.Add(d); mu.Unlock() }
	u := base + "/" + newID("00O", 3) + "/instances"
	code, _, body := do(t, "POST", u+"?includeDetails=true", tok, nil)
	if code != 201 {
		t.Fatalf("create: %d %s", code, body)
	}
	var in instanceInfo
	if err := json.Unmarshal(body, &in); err != nil {
		t.Fatal(err)
	}
	if in.Status != "New" || in.CompletionDate != nil || !in.HasDetailRows || in.ID[:3] != "0LG" || in.OwnerID != s.org.User.ID ||
		in.URL != "/services/data/v58.0/analytics/reports/"+newID("00O", 3)+"/instances/"+in.ID {
		t.Errorf("created %s", body)
	}
	if !strings.HasPrefix(string(body), `{"completionDate":null,"hasDetailRows":true,"id":"0LG`) {
		t.Errorf("key order %s", body)
	}
	code, _, body = do(t, "GET", u+"/"+in.ID, tok, nil)
	if code != 200 || !strings.Contains(string(body), `"status":"New"`) || strings.Contains(string(body), `"rows"`) {
		t.Errorf("early get: %d %.300s", code, body)
	}
	advance(150 * time.Millisecond)
	if _, _, body := do(t, "GET", u+"/"+in.ID, tok, nil); !strings.Contains(string(body), `"status":"Running"`) {
		t.Errorf("running get: %.300s", body)
	}
	advance(100 * time.Millisecond)
	code, _, body = do(t, "GET", u+"/"+in.ID, tok, nil)
	if code != 200 || !strings.Contains(string(body), `"status":"Success"`) || !strings.Contains(string(body), `"type":"ReportInstance"`) {
		t.Fatalf("done get: %d %.300s", code, body)
	}
	d := decodeRun(t, body)
	var open int
	if err := s.db.QueryRow(`SELECT count(*) FROM "Case" WHERE "IsDeleted" = 0 AND "IsClosed" = 0`).Scan(&open); err != nil {
		t.Fatal(err)
	}
	if got := d.FactMap["T!T"]; got.Rows == nil || len(*got.Rows) != open {
		t.Errorf("instance rows: want %d", open)
	}
	code, _, body = do(t, "GET", u, tok, nil)
	var list []instanceInfo
	if code != 200 || json.Unmarshal(body, &list) != nil || len(list) != 1 || list[0].ID != in.ID || list[0].Status != "Success" || list[0].CompletionDate == nil {
		t.Errorf("list: %d %s", code, body)
	}
	if code, _, _ := do(t, "DELETE", u+"/"+in.ID, tok, nil); code != http.StatusNoContent {
		t.Errorf("delete: %d", code)
	}
	if code, _, _ := do(t, "GET", u+"/"+in.ID, tok, nil); code != 404 {
		t.Errorf("get after delete: %d", code)
	}
}

func TestReportCells(t *testing.T) {
	cases := []struct {
		typ          string
		label, value any
		want         reportCell
	}{
		{"string", nil, nil, reportCell{"-", nil}},
		{"string", "Acme", "001000000000001AAA", reportCell{"Acme", "001000000000001AAA"}},
		{"picklist", "New", "New", reportCell{"New", "New"}},
		{"int", int64(24000), int64(24000), reportCell{"24,000", int64(24000)}},
		{"boolean", int64(0), int64(0), reportCell{"false", false}},
		{"date", "2016-06-21", "2016-06-21", reportCell{"6/21/2016", "2016-06-21"}},
		{"datetime", "2026-01-05T15:04:05.000Z", "2026-01-05T15:04:05.000Z", reportCell{"1/5/2026 3:04 PM", "2026-01-05T15:04:05Z"}},
	}
	for _, c := range cases {
		if got := reportCellOf(c.typ, c.label, c.value); got != c.want {
			t.Errorf("%s %v: %+v, want %+v", c.typ, c.label, got, c.want)
		}
	}
	if got := groupDigits(-1234567); got != "-1,234,567" {
		t.Errorf("groupDigits = %s", got)
	}

}

// TestReportSOQL: the Report sObject finds the demo reports by Name or
// DeveloperName, as clients look reports up (§5.1).
func TestReportSOQL(t *testing.T) {
	s, ts := newTestServer(t, Options{Seed: "demo"})
	tok := s.newSession(s.org.User.ID).token
	for _, where := range []string{"Name = 'Open Cases'", "DeveloperName = 'Open_Cases'"} {
		q := "SELECT Id, Name, DeveloperName, FolderName, Format FROM Report WHERE " + where
		code, _, body := do(t, "GET", ts.URL+"/services/data/v58.0/query?q="+url.QueryEscape(q), tok, nil)
		id := newID("00O", 3)
		want := `{"totalSize":1,"done":true,"records":[{"attributes":{"type":"Report","url":"/services/data/v58.0/sobjects/Report/` + id +
			`"},"Id":"` + id + `","Name":"Open Cases","DeveloperName":"Open_Cases","FolderName":"Public Reports","Format":"Tabular"}]}`
		if code != 200 || strings.TrimSpace(string(body)) != want {
			t.Errorf("%s: %d\n%s\nwant\n%s", q, code, body, want)
		}
	}
}

// TestReportsPersist: a --data file org keeps its reports across restarts
// (seeded once, on the seed's connection).
func TestReportsPersist(t *testing.T) {
	path := t.TempDir() + "/org.db"
	for i := range 2 {
		s, err := New(Options{Seed: "demo", DataPath: path})
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		var n int
		if err := s.db.QueryRow(`SELECT count(*) FROM "Report"`).Scan(&n); err != nil || n != len(demoReports()) {
			t.Errorf("open %d: %d Report rows (%v)", i, n, err)
		}
		if d := s.loadReport(context.Background(), newID("00O", 4)); d == nil || d.Name != "Cases by Status" {
			t.Errorf("open %d: definition %+v", i, d)
		}
		s.Close()
	}
}
