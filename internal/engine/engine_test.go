package engine_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/emulator"
	"github.com/soqlgate/soqlgate/internal/engine"
	"github.com/soqlgate/soqlgate/internal/sfapi"
	"github.com/soqlgate/soqlgate/translator"
)

func newEngine(t testing.TB, opts emulator.Options, s engine.Settings) (*engine.Engine, *emulator.Server) {
	t.Helper()
	if opts.Seed == "" {
		opts.Seed = "demo"
	}
	emu, err := emulator.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	t.Cleanup(func() { srv.Close(); emu.Close() })
	e, err := engine.New(engine.Config{
		API: sfapi.Config{
			EnvironmentURL: srv.URL, Username: "demo@soqlgate.local", Password: "demo", SecurityToken: "demo",
			ClientID: "soqlgate-demo", ClientSecret: "demo", PollInterval: 20 * time.Millisecond,
		},
		Settings: s,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e, emu
}

func query(t testing.TB, e *engine.Engine, sql string, args ...any) ([]engine.Column, [][]any, []string) {
	t.Helper()
	r, err := e.Query(context.Background(), sql, args)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	defer r.Close()
	var out [][]any
	for {
		row, err := r.Next()
		if err == io.EOF {
			return r.Columns(), out, r.Explain()
		}
		if err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
		out = append(out, row)
	}
}

func names(cols []engine.Column) []string {
	var out []string
	for _, c := range cols {
		out = append(out, c.Name+" "+c.Type.Name)
	}
	return out
}

func TestQueries(t *testing.T) {
	e, _ := newEngine(t, emulator.Options{}, engine.Settings{})
	cases := []struct {
		sql  string
		args []any
		cols []string
		rows [][]any
	}{
		{
			sql:  `SELECT Name FROM Account WHERE Name LIKE 'United%' ORDER BY Name`,
			cols: []string{"Name varchar(255)"},
			rows: [][]any{{"United Oil & Gas Corp."}, {"United Oil & Gas, Singapore"}, {"United Oil & Gas, UK"}},
		},
		{
			// PostgreSQL semantics: LIKE is case-sensitive, so the superset
			// Salesforce returns is rechecked locally.
			sql:  `SELECT Name FROM Account WHERE Name LIKE 'united%'`,
			cols: []string{"Name varchar(255)"},
		},
		{
			sql:  `SELECT "id" FROM "Account" WHERE "name" = $1`,
			args: []any{"GenePoint"},
			cols: []string{"Id varchar(18)"},
			rows: [][]any{{"001Dm0000000001IAA"}},
		},
		{
			sql:  `SELECT COUNT(*) FROM Account`,
			cols: []string{"count bigint"},
			rows: [][]any{{int64(13)}},
		},
		{
			sql:  `SELECT Name FROM Account WHERE IsDeleted = 1`,
			cols: []string{"Name varchar(255)"},
			rows: [][]any{{"Old Demo Account (deleted)"}},
		},
		{
			sql:  `SELECT upper(Name) AS loud FROM Account ORDER BY 1 LIMIT 3`,
			cols: []string{"loud text"},
			rows: [][]any{{"BURLINGTON TEXTILES CORP OF AMERICA"}, {"DICKENSON PLC"}, {"EDGE COMMUNICATIONS"}},
		},
		{
			// SOQL passes through; a child subquery comes back as JSON.
			sql:  `SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName) FROM Account WHERE Name = 'Edge Communications'`,
			cols: []string{"Name varchar(255)", "Contacts json"},
			rows: [][]any{{"Edge Communications", json.RawMessage(`[{"LastName":"Forbes"},{"LastName":"Gonzalez"}]`)}},
		},
		{
			sql:  `SELECT Name, (SELECT LastName FROM Contacts) FROM Account WHERE Name = 'Sample Account for Entitlements'`,
			cols: []string{"Name varchar(255)", "Contacts json"},
			rows: [][]any{{"Sample Account for Entitlements", nil}},
		},
		{
			// The same field twice is fetched once.
			sql:  `SELECT Name, Name AS again FROM Account WHERE Id = '001Dm0000000001IAA'`,
			cols: []string{"Name varchar(255)", "again varchar(255)"},
			rows: [][]any{{"GenePoint", "GenePoint"}},
		},
		{
			sql:  `SELECT c.LastName, a.Name FROM Contact c JOIN Account a ON c.AccountId = a.Id WHERE a.Name = 'Edge Communications' ORDER BY c.LastName`,
			cols: []string{"LastName varchar(80)", "Name varchar(255)"},
			rows: [][]any{{"Forbes", "Edge Communications"}, {"Gonzalez", "Edge Communications"}},
		},
	}
	for _, tc := range cases {
		cols, rows, explain := query(t, e, tc.sql, tc.args...)
		if got := names(cols); !slices.Equal(got, tc.cols) {
			t.Errorf("%s: columns %v, want %v", tc.sql, got, tc.cols)
		}
		if !reflect.DeepEqual(rows, tc.rows) {
			t.Errorf("%s: rows %v, want %v\nexplain: %s", tc.sql, rows, tc.rows, strings.Join(explain, "\n"))
		}
	}
}

func TestExplainShowsSOQLAndAPIChoice(t *testing.T) {
	e, _ := newEngine(t, emulator.Options{}, engine.Settings{BulkThreshold: 1000})
	_, rows, _ := query(t, e, `EXPLAIN SELECT Name FROM Account WHERE Name LIKE 'United%' ORDER BY Name`)
	var got []string
	for _, r := range rows {
		got = append(got, r[0].(string))
	}
	want := []string{
		"Query (sql mode)",
		"  Scan s1: Account via query",
		"    SOQL: SELECT Name FROM Account WHERE Name LIKE 'United%'",
		"    API: REST, or Bulk API 2.0 when the first page's totalSize > bulkThreshold 1000 (Bulk-eligible)",
		`  Local step (SQLite with PostgreSQL semantics, at most 1000000 rows pulled): SELECT s1."Name" AS "Name" FROM s1 WHERE (s1."Name" LIKE 'United%') ORDER BY s1."Name"`,
		"    local because: rechecked locally: Name LIKE 'United%' (Salesforce's comparison differs: case, nulls)",
		"    local because: sorted locally: text field Name sorts case-insensitively in Salesforce, byte-wise in PostgreSQL",
	}
	if !slices.Equal(got, want) {
		t.Errorf("EXPLAIN:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestValuesAreTyped(t *testing.T) {
	e, _ := newEngine(t, emulator.Options{}, engine.Settings{})
	cols, rows, _ := query(t, e, `SELECT Id, IsDeleted, CreatedDate FROM Account LIMIT 1`)
	if len(rows) != 1 {
		t.Fatalf("rows: %v", rows)
	}
	for i, c := range cols {
		if got := reflect.TypeOf(rows[0][i]); got != c.Type.ScanType {
			t.Errorf("column %s: value %T, ScanType %v", c.Name, rows[0][i], c.Type.ScanType)
		}
	}
	if cols[1].Nullable {
		t.Errorf("a boolean column is never null in Salesforce; Nullable = true")
	}
	if ts := rows[0][2].(time.Time); ts.Location() != time.UTC {
		t.Errorf("datetime not in UTC: %v", ts)
	}
}

func TestReportCall(t *testing.T) {
	e, _ := newEngine(t, emulator.Options{}, engine.Settings{})
	cols, rows, _ := query(t, e, `{call "Cases by Status"}`)
	// A summary report: its grouping column first, then the detail columns.
	want := []string{"Status varchar", "Case Number varchar", "Subject varchar", "Priority varchar", "Date/Time Opened timestamptz"}
	if got := names(cols); !slices.Equal(got, want) {
		t.Errorf("columns %v, want %v", got, want)
	}
	// Every Case not in the recycle bin, grouped by status.
	_, count, _ := query(t, e, `SELECT COUNT(*) FROM "Case"`)
	if int64(len(rows)) != count[0][0].(int64) {
		t.Errorf("report rows %d, cases %d", len(rows), count[0][0])
	}
	// Text cells show their labels: the case number, not the record Id.
	_, first, _ := query(t, e, `SELECT Status, CaseNumber, Subject, Priority, CreatedDate FROM "Case" WHERE Id = '500Dm0000000001IAA'`)
	if !reflect.DeepEqual(rows[0], first[0]) {
		t.Errorf("first report row %v, want the case it shows %v", rows[0], first[0])
	}
	if _, err := e.Query(context.Background(), `{call "No Such Report"}`, nil); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("unknown report: %v", err)
	}
}

func TestUnknownObjectSuggests(t *testing.T) {
	e, _ := newEngine(t, emulator.Options{}, engine.Settings{})
	_, err := e.Query(context.Background(), `SELECT Id FROM Acount`, nil)
	var re *catalog.ResolveError
	if !errors.As(err, &re) || re.Suggestion != "Account" {
		t.Fatalf("error %v, want a ResolveError suggesting Account", err)
	}
}

func TestLocalRowBudget(t *testing.T) {
	e, _ := newEngine(t, emulator.Options{}, engine.Settings{LocalRowBudget: 5})
	_, err := e.Query(context.Background(), `SELECT upper(Name) FROM Account`, nil)
	var be *engine.BudgetError
	if !errors.As(err, &be) {
		t.Fatalf("error %v, want a BudgetError", err)
	}
	if want := "engine: the local step needs more than localRowBudget=5 rows from s1 (Account); narrow the query or raise localRowBudget"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}

// TestBulkAndRESTAgree reads the same scaled object through REST and
// Bulk 2.0 and requires the same rows.
func TestBulkAndRESTAgree(t *testing.T) {
	e, emu := newEngine(t, emulator.Options{Scale: 3000}, engine.Settings{BulkThreshold: 1000, BulkPageRecords: 1000})
	const sql = `SELECT Id, Subject, Status, CreatedDate FROM "Case"`
	_, bulkRows, explain := query(t, e, sql)
	if !strings.Contains(strings.Join(explain, "\n"), "Bulk API 2.0 (totalSize") {
		t.Fatalf("bulk not chosen: %v", explain)
	}
	if n := emu.RunningJobs(); n != 0 {
		t.Errorf("%d jobs still running", n)
	}
	rest, _ := newEngine(t, emulator.Options{Scale: 3000}, engine.Settings{API: "rest"})
	_, restRows, _ := query(t, rest, sql)
	if len(bulkRows) != len(restRows) || len(restRows) < 3000 {
		t.Fatalf("bulk %d rows, rest %d rows", len(bulkRows), len(restRows))
	}
	key := func(r []any) string { return r[0].(string) }
	slices.SortFunc(bulkRows, func(a, b []any) int { return strings.Compare(key(a), key(b)) })
	slices.SortFunc(restRows, func(a, b []any) int { return strings.Compare(key(a), key(b)) })
	if !reflect.DeepEqual(bulkRows, restRows) {
		for i := range restRows {
			if !reflect.DeepEqual(bulkRows[i], restRows[i]) {
				t.Fatalf("row %d differs: bulk %v, rest %v", i, bulkRows[i], restRows[i])
			}
		}
	}
}

// TestCancelBulkLeavesNoJob cancels a Bulk read in flight and requires the
// job to be gone from the emulator.
func TestCancelBulkLeavesNoJob(t *testing.T) {
	e, emu := newEngine(t, emulator.Options{Scale: 2000}, engine.Settings{API: "bulk", BulkPageRecords: 500})
	ctx, cancel := context.WithCancel(context.Background())
	r, err := e.Query(ctx, `SELECT Id, Subject FROM "Case"`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Next(); err != nil {
		t.Fatal(err)
	}
	cancel()
	start := time.Now()
	for {
		if _, err := r.Next(); err != nil {
			if !errors.Is(err, context.Canceled) {
				t.Errorf("after cancel: %v, want context.Canceled", err)
			}
			break
		}
	}
	r.Close()
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("cancel took %v", d)
	}
	if n := emu.RunningJobs(); n != 0 {
		t.Errorf("%d jobs still running", n)
	}
}

// TestCancelWhileJobRuns cancels while the Bulk job is still in progress:
// Query returns promptly with the context's error and the job is aborted.
func TestCancelWhileJobRuns(t *testing.T) {
	e, emu := newEngine(t, emulator.Options{Scale: 200}, engine.Settings{API: "bulk"})
	emu.SetBulkDelay(time.Hour)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for emu.RunningJobs() == 0 {
			time.Sleep(5 * time.Millisecond)
		}
		cancel()
	}()
	start := time.Now()
	r, err := e.Query(ctx, `SELECT Id FROM "Case"`, nil)
	if !errors.Is(err, context.Canceled) {
		if r != nil {
			t.Logf("explain: %v", r.Explain())
			r.Close()
		}
		t.Fatalf("Query error %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("cancel took %v", d)
	}
	if n := emu.RunningJobs(); n != 0 {
		t.Errorf("%d jobs still running after cancel", n)
	}
}

func TestCatalogQueries(t *testing.T) {
	e, _ := newEngine(t, emulator.Options{}, engine.Settings{})
	_, rows, _ := query(t, e, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('account', 'case', 'alldatatype__c') ORDER BY table_name`)
	// The catalog spells names in lower case, as PostgreSQL folds unquoted
	// identifiers (pg-clients.md §4.4); names resolve case-insensitively.
	want := [][]any{{"account"}, {"alldatatype__c"}, {"case"}}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("information_schema.tables: %v, want %v", rows, want)
	}
	cols, rows, _ := query(t, e, `SELECT column_name, data_type, character_maximum_length FROM information_schema.columns WHERE table_name = 'account' AND column_name IN ('id', 'name', 'annualrevenue') ORDER BY ordinal_position`)
	if len(cols) != 3 {
		t.Fatalf("columns %v", names(cols))
	}
	want = [][]any{{"id", "character varying", int32(18)}, {"name", "character varying", int32(255)}, {"annualrevenue", "numeric", nil}}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("information_schema.columns: %#v, want %#v", rows, want)
	}
	_, rows, _ = query(t, e, `SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname = $1`, "contact")
	if !reflect.DeepEqual(rows, [][]any{{"contact"}}) {
		t.Errorf("pg_class: %v", rows)
	}
}

// TestTooManyGroupsRunsLocally groups by a field with more than 2,000
// values: Salesforce refuses the aggregate (no queryMore), and the engine
// groups locally instead, with the same answer.
func TestTooManyGroupsRunsLocally(t *testing.T) {
	// One generated Contact per two Cases: 5,000 Cases give 2,500 groups.
	e, _ := newEngine(t, emulator.Options{Scale: 5000}, engine.Settings{})
	_, rows, explain := query(t, e, `SELECT ContactId, COUNT(*) FROM "Case" GROUP BY ContactId`)
	if !strings.HasPrefix(strings.Join(explain, "\n"), "grouping done locally") {
		t.Fatalf("explain: %v", explain)
	}
	_, total, _ := query(t, e, `SELECT COUNT(*) FROM "Case"`)
	var sum int64
	for _, r := range rows {
		sum += r[1].(int64)
	}
	if len(rows) <= 2000 || sum != total[0][0].(int64) {
		t.Errorf("%d groups summing to %d, want more than 2,000 summing to %d", len(rows), sum, total[0][0])
	}
}

// TestOneLoginForManyStatements: statements reuse the session; only the
// first logs in.
func TestOneLoginForManyStatements(t *testing.T) {
	e, _ := newEngine(t, emulator.Options{}, engine.Settings{})
	for i := 0; i < 3; i++ {
		query(t, e, `SELECT Id FROM Account LIMIT 1`)
	}
	if got := e.Calls()["login"]; got != 1 {
		t.Errorf("%d logins for 3 statements, want 1 (calls: %v)", got, e.Calls())
	}
}

// TestBase64FetchedOnDemand: the query gives a blob URL; the engine
// returns the bytes (NULL stays NULL).
func TestBase64FetchedOnDemand(t *testing.T) {
	e, _ := newEngine(t, emulator.Options{}, engine.Settings{})
	cols, rows, _ := query(t, e, `SELECT Name, Col_Base64__c FROM AllDataType__c WHERE Name IN ('All Types 02', 'All Types 10') ORDER BY Name`)
	if got := names(cols); !slices.Equal(got, []string{"Name varchar(80)", "Col_Base64__c bytea"}) {
		t.Errorf("columns %v", got)
	}
	want := [][]any{{"All Types 02", []byte("binary payload 2")}, {"All Types 10", nil}}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows %q, want %q", rows, want)
	}
	if n := e.Calls()["blob"]; n != 1 {
		t.Errorf("%d blob requests, want 1", n)
	}
}

// TestBulkRebuildsCompoundsAndFetchesBlobs: Bulk refuses compound and
// base64 fields; through Bulk the engine rebuilds compounds from their
// components and fetches base64 content by Id, giving what REST gives.
func TestBulkRebuildsCompoundsAndFetchesBlobs(t *testing.T) {
	bulk, _ := newEngine(t, emulator.Options{}, engine.Settings{API: "bulk"})
	rest, _ := newEngine(t, emulator.Options{}, engine.Settings{API: "rest"})
	for _, sql := range []string{
		`SELECT Name, Col_Address__c, Col_Location__c, Col_Base64__c FROM AllDataType__c`,
		`SELECT Id, BillingAddress, ShippingAddress FROM Account`,
	} {
		_, b, explain := query(t, bulk, sql)
		if !strings.Contains(strings.Join(explain, "\n"), "Bulk API 2.0") {
			t.Fatalf("%s: not read through Bulk: %v", sql, explain)
		}
		_, r, _ := query(t, rest, sql)
		key := func(row []any) string { return row[0].(string) }
		slices.SortFunc(b, func(x, y []any) int { return strings.Compare(key(x), key(y)) })
		slices.SortFunc(r, func(x, y []any) int { return strings.Compare(key(x), key(y)) })
		if len(r) == 0 || !reflect.DeepEqual(b, r) {
			t.Errorf("%s:\nbulk %q\nrest %q", sql, b, r)
		}
	}
}

// TestErrorsNameTheRealProblem: a CTE name is not an unknown object; the
// unsupported WITH is the error. A misspelt object still suggests.
func TestErrorsNameTheRealProblem(t *testing.T) {
	e, _ := newEngine(t, emulator.Options{}, engine.Settings{})
	_, err := e.Query(context.Background(), `WITH x AS (SELECT Name FROM Account) SELECT * FROM x`, nil)
	var ue *translator.UnsupportedError
	if !errors.As(err, &ue) {
		t.Errorf("WITH: %v (%T), want a translator.UnsupportedError", err, err)
	}
	_, err = e.Query(context.Background(), `SELECT Name FROM Acount`, nil)
	var re *catalog.ResolveError
	if !errors.As(err, &re) || re.Suggestion != "Account" {
		t.Errorf("misspelt object: %v", err)
	}
	_, err = e.Query(context.Background(), `INSERT INTO Account (Name) VALUES ('x')`, nil)
	if want := "engine: INSERT is not supported (writes to Salesforce are not built yet; the plan is in EXPLAIN)"; err == nil || err.Error() != want {
		t.Errorf("INSERT: %v, want %s", err, want)
	}
	_, err = e.Query(context.Background(), `SELECT Name FROM Account WHERE Name = $1`, nil)
	if want := "engine: the statement has 1 parameter(s) but no arguments were given"; err == nil || err.Error() != want {
		t.Errorf("missing argument: %v, want %s", err, want)
	}
}

// TestParallelBulkPages: with bulkParallelism the result pages are read
// several at a time; the rows are those of a REST read, each once.
func TestParallelBulkPages(t *testing.T) {
	e, emu := newEngine(t, emulator.Options{Scale: 3000}, engine.Settings{API: "bulk", BulkPageRecords: 500, BulkParallelism: 3})
	const sql = `SELECT Id, Subject, Status, CreatedDate FROM "Case"`
	_, bulkRows, _ := query(t, e, sql)
	if n := e.Calls()["bulk2"]; n < 8 {
		t.Errorf("%d Bulk requests: the 3,025 rows in pages of 500 were not read page by page", n)
	}
	if n := emu.RunningJobs(); n != 0 {
		t.Errorf("%d jobs still running", n)
	}
	rest, _ := newEngine(t, emulator.Options{Scale: 3000}, engine.Settings{API: "rest"})
	_, restRows, _ := query(t, rest, sql)
	key := func(r []any) string { return r[0].(string) }
	slices.SortFunc(bulkRows, func(a, b []any) int { return strings.Compare(key(a), key(b)) })
	slices.SortFunc(restRows, func(a, b []any) int { return strings.Compare(key(a), key(b)) })
	if len(bulkRows) != 3025 || !reflect.DeepEqual(bulkRows, restRows) {
		t.Fatalf("parallel bulk %d rows, rest %d; equal: %v", len(bulkRows), len(restRows), reflect.DeepEqual(bulkRows, restRows))
	}
}
