package driver

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"
)

func openDemo(t *testing.T) *sql.DB {
	t.Helper()
	cfg, _ := demoConfig(t)
	c, err := NewConnector(cfg)
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(c)
	t.Cleanup(func() { db.Close() })
	return db
}

func TestBeginTxRefused(t *testing.T) {
	db := openDemo(t)
	if _, err := db.Begin(); !errors.Is(err, ErrNoTransactions) {
		t.Fatalf("Begin = %v, want ErrNoTransactions", err)
	}
	if _, err := db.BeginTx(context.Background(), &sql.TxOptions{ReadOnly: true}); !errors.Is(err, ErrNoTransactions) {
		t.Fatalf("BeginTx = %v, want ErrNoTransactions", err)
	}
}

func count(t *testing.T, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := q.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// A knob changes its own statement only: the next statement on the same
// connection reads with the session's settings again.
func TestKnobsLastOneStatement(t *testing.T) {
	db := openDemo(t)
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	const q = `SELECT COUNT(*) FROM "Account"`
	if n := count(t, conn, q, QueryAll{}); n != 14 {
		t.Errorf("with QueryAll{}: %d accounts, want 14 (13 live + 1 deleted)", n)
	}
	if n := count(t, conn, q); n != 13 {
		t.Errorf("after the knob: %d accounts, want 13", n)
	}
	// A statement that fails on its arguments leaves no knob behind.
	if _, err := conn.QueryContext(context.Background(), q, QueryAll{}, sql.Named("x", 1)); !errors.Is(err, ErrNamedParameters) {
		t.Fatalf("named arg: %v", err)
	}
	if n := count(t, conn, q); n != 13 {
		t.Errorf("after a failed statement with a knob: %d accounts, want 13", n)
	}
}

func TestPreparedStatement(t *testing.T) {
	db := openDemo(t)
	st, err := db.Prepare(`SELECT "FirstName" FROM "Contact" WHERE "LastName" = $1`)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for last, first := range map[string]string{"Forbes": "Sean", "D'Cruz": "Liz", "Song": "Arthur"} {
		var got string
		if err := st.QueryRow(last).Scan(&got); err != nil || got != first {
			t.Errorf("%s: %q, %v; want %q", last, got, err, first)
		}
	}
}

func TestExecRunsAQuery(t *testing.T) {
	db := openDemo(t)
	res, err := db.Exec(`SELECT "Id" FROM "Account"`)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := res.RowsAffected(); n != 0 || err != nil {
		t.Fatalf("RowsAffected = %d, %v", n, err)
	}
}

// Values scan into the column's ScanType and into the usual alternatives.
func TestScanAlternatives(t *testing.T) {
	db := openDemo(t)
	// All Types 02 (i=1): currency 1000.25, percent 12.5, date 2025-12-27, time 09:07,
	// datetime 2025-12-27 10:30 UTC, integer -3.
	row := db.QueryRow(`SELECT "Col_Currency__c", "Col_Percent__c", "Col_Date__c", "Col_Time__c", "Col_DateTime__c", "Col_Integer__c", "Col_Location__c"
		FROM "AllDataType__c" WHERE "Col_Integer__c" = -3`)
	var (
		cur   string
		curF  float64
		day   time.Time
		clock string
		dt    time.Time
		i64   int64
		loc   []byte
	)
	if err := row.Scan(&cur, &curF, &day, &clock, &dt, &i64, &loc); err != nil {
		t.Fatal(err)
	}
	if cur != "1000.25" || curF != 12.5 || i64 != -3 || clock != "09:07:00" {
		t.Errorf("currency %q, percent %v, integer %d, time %q", cur, curF, i64, clock)
	}
	if day.Format("2006-01-02 15:04:05 MST") != "2025-12-27 00:00:00 UTC" {
		t.Errorf("date as time.Time = %v, want midnight UTC", day)
	}
	if dt.Format("2006-01-02T15:04:05Z07:00") != "2025-12-27T10:30:00Z" {
		t.Errorf("datetime = %v", dt)
	}
	if string(loc) != `{"latitude":37.7849,"longitude":-122.4294}` {
		t.Errorf("location = %s", loc)
	}
}

// The plan and warnings of the last statement are reachable through
// sql.Conn.Raw.
func TestNotes(t *testing.T) {
	db := openDemo(t)
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if n := count(t, conn, `SELECT COUNT(*) FROM "Contact" WHERE "LastName" = 'Forbes'`); n != 1 {
		t.Fatalf("%d contacts named Forbes, want 1", n)
	}
	var plan []string
	if err := conn.Raw(func(dc any) error {
		plan = dc.(Notes).LastPlan()
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, l := range plan {
		if strings.Contains(l, "FROM Contact WHERE LastName = 'Forbes'") {
			found = true
		}
	}
	if !found {
		t.Errorf("the plan does not show the SOQL sent:\n%s", strings.Join(plan, "\n"))
	}
}
