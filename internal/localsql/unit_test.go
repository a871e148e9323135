package localsql

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/soqlgate/soqlgate/catalog"
)

func TestFormatType(t *testing.T) {
	cases := []struct {
		t    Type
		want string
	}{
		{Varchar(18), "character varying(18)"}, {TVarchar, "character varying"}, {Numeric(18, 2), "numeric(18,2)"},
		{TNumeric, "numeric"}, {TTimestamptz, "timestamp with time zone"}, {TTimestamp, "timestamp without time zone"},
		{TTime, "time without time zone"}, {TFloat8, "double precision"}, {TBool, "boolean"}, {TInt8, "bigint"},
		{TInt4, "integer"}, {TInt2, "smallint"}, {TChar, `"char"`}, {TName, "name"}, {Type{OIDTextArray, -1}, "text[]"},
		{Type{OIDBpchar, 9}, "character(5)"}, {TJSONB, "jsonb"}, {TBytea, "bytea"}, {TDate, "date"},
	}
	for _, c := range cases {
		if got := c.t.String(); got != c.want {
			t.Errorf("FormatType(%d, %d) = %q, want %q", c.t.OID, c.t.Typmod, got, c.want)
		}
	}
}

func TestNumericDivisionScale(t *testing.T) {
	cases := []struct{ a, b, want string }{
		{"1", "3", "0.33333333333333333333"},
		{"10", "4", "2.5000000000000000"},
		{"22.0", "7", "3.1428571428571429"},
		{"100000000", "3", "33333333.333333333333"},
		{"1.00", "8", "0.12500000000000000000"},
		{"-7", "2", "-3.5000000000000000"},
		{"0.001", "3", "0.00033333333333333333"},
	}
	for _, c := range cases {
		got, err := numDiv(decimal.RequireFromString(c.a), decimal.RequireFromString(c.b))
		if err != nil {
			t.Fatal(err)
		}
		if numText(got) != c.want {
			t.Errorf("%s / %s = %s, want %s (PostgreSQL 15)", c.a, c.b, numText(got), c.want)
		}
	}
	if _, err := numDiv(decimal.NewFromInt(1), decimal.Zero); err == nil {
		t.Error("division by zero did not fail")
	}
}

func TestLikeMatch(t *testing.T) {
	cases := []struct {
		s, p string
		fold bool
		want bool
	}{
		{"Acme", "A%", false, true}, {"acme", "A%", false, false}, {"acme", "A%", true, true},
		{"50% Off", `50\% Off`, false, true}, {"50x Off", `50\% Off`, false, false}, {"Zoë", "Zo_", false, true},
		{"", "%", false, true}, {"abc", "a_c", false, true}, {"abc", "a_", false, false}, {"a%b", "a%%b", false, true},
	}
	for _, c := range cases {
		if got := likeMatch(c.s, c.p, '\\', c.fold); got != c.want {
			t.Errorf("likeMatch(%q, %q, fold=%v) = %v, want %v", c.s, c.p, c.fold, got, c.want)
		}
	}
}

func TestToCharAndIntervals(t *testing.T) {
	ts := time.Date(2024, 3, 5, 14, 7, 9, 0, time.UTC)
	for f, want := range map[string]string{
		"YYYY-MM-DD HH24:MI:SS": "2024-03-05 14:07:09", "FMMonth DD": "March 05", "Mon/YY": "Mar/24",
		"HH12 AM": "02 PM", "Day": "Tuesday  ", "Q": "1", `"week" IW`: "week 10",
	} {
		if got := toChar(ts, f); got != want {
			t.Errorf("to_char(%q) = %q, want %q", f, got, want)
		}
	}
	iv, err := parseInterval("1 mon 2 days 03:04:05")
	if err != nil || iv.String() != "1 mon 2 days 03:04:05" {
		t.Errorf("interval = %v, %v", iv, err)
	}
	jan31 := timeMicros(time.Date(2024, 1, 31, 10, 0, 0, 0, time.UTC))
	if got := formatTimestamp(addInterval(jan31, interval{months: 1}, 1), false); got != "2024-02-29 10:00:00" {
		t.Errorf("Jan 31 + 1 mon = %s, want 2024-02-29 10:00:00", got)
	}
}

// TestDescribeBeforeExecute checks result and parameter types are known
// from Prepare alone, as a client's Describe needs them.
func TestDescribeBeforeExecute(t *testing.T) {
	db := localDB(t, demoData(5, 5, 5))
	st, err := db.Prepare(`SELECT id, annualrevenue / 2 AS half, count(*) OVER () AS n, createddate::date AS d, name || $2 AS label
		FROM account WHERE numberofemployees > $1`)
	if err != nil {
		t.Fatal(err)
	}
	want := []Column{{"id", Varchar(18)}, {"half", TNumeric}, {"n", TInt8}, {"d", TDate}, {"label", TText}}
	if len(st.Columns()) != len(want) {
		t.Fatalf("columns %v", st.Columns())
	}
	for i, c := range st.Columns() {
		if c != want[i] {
			t.Errorf("column %d = %v, want %v", i, c, want[i])
		}
	}
	if p := st.Params(); len(p) != 2 || p[0] != TInt4 || p[1] != TText {
		t.Errorf("params = %v, want [int4 text]", p)
	}
}

func TestLoadRowSetValuesAndBudget(t *testing.T) {
	db, err := Open(Options{RowBudget: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	cols := []Column{{"Id", Varchar(18)}, {"Amount", Numeric(16, 2)}, {"Day", TDate}, {"At", TTimestamptz}, {"N", TInt4}, {"Ok", TBool}}
	rows := [][]any{
		{"a", decimal.RequireFromString("12.50"), catalog.Date{Year: 2024, Month: 2, Day: 29}, time.Date(2024, 1, 2, 3, 4, 5, 600000000, time.UTC), int32(7), true},
		{"b", nil, nil, nil, nil, false},
	}
	if _, err := db.LoadRowSet(ctx, "T", cols, rowsOf(rows)); err != nil {
		t.Fatal(err)
	}
	r, err := db.Query(ctx, `SELECT "Amount", "Day", "At", "N", "Ok" FROM t ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if !r.Next() {
		t.Fatal(r.Err())
	}
	v := r.Values()
	if d := v[0].(decimal.Decimal); numText(d) != "12.50" {
		t.Errorf("numeric %v, want 12.50 with its scale", d)
	}
	if v[1] != (catalog.Date{Year: 2024, Month: 2, Day: 29}) {
		t.Errorf("date %v", v[1])
	}
	if !v[2].(time.Time).Equal(time.Date(2024, 1, 2, 3, 4, 5, 600000000, time.UTC)) || v[3] != int32(7) || v[4] != true {
		t.Errorf("values %v", v)
	}
	r.Close()
	n := 0
	_, err = db.LoadRowSet(ctx, "U", cols[:1], func() ([]any, error) { n++; return []any{"x"}, nil })
	if !errors.Is(err, ErrRowBudget) {
		t.Fatalf("budget: err %v after %d rows, want ErrRowBudget", err, n)
	}
}

func TestQuotedNamesResolveCaseInsensitively(t *testing.T) {
	db := localDB(t, demoData(3, 1, 1))
	res, err := localQuery(context.Background(), db, `SELECT "ID", "Name" FROM "Account" WHERE "Id" = '001000000000000002'`)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.rows) != 1 || res.rows[0][0] != "001000000000000002" || res.names[0] != "id" || res.names[1] != "name" {
		t.Fatalf("got %v %v; want one row named as the columns are", res.names, res.rows)
	}
}

// TestConcurrentQueriesAndRebuild runs catalog queries from several
// goroutines while the catalog is rebuilt and a row set is loaded.
func TestConcurrentQueriesAndRebuild(t *testing.T) {
	db := catalogDB(t)
	ctx := context.Background()
	done := make(chan error, 8)
	for g := 0; g < 6; g++ {
		go func() {
			for i := 0; i < 20; i++ {
				res, err := localQuery(ctx, db, `SELECT count(*) FROM information_schema.columns WHERE table_name = 'account'`)
				if err != nil {
					done <- err
					return
				}
				if res.rows[0][0] != "10" {
					done <- errors.New("account has " + res.rows[0][0] + " columns, want 10")
					return
				}
			}
			done <- nil
		}()
	}
	go func() {
		for i := 0; i < 5; i++ {
			snap := demoSnapshot().With(&catalog.Object{Name: "Lead", Fields: []*catalog.Field{{Name: "Id", Type: catalog.TypeID}}})
			if err := db.LoadCatalog(ctx, snap); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	go func() {
		n := 0
		_, err := db.LoadRowSet(ctx, "nums", []Column{{"n", TInt8}}, func() ([]any, error) {
			if n >= 5000 {
				return nil, io.EOF
			}
			n++
			return []any{int64(n)}, nil
		})
		done <- err
	}()
	for i := 0; i < 8; i++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}

func TestTranslationCache(t *testing.T) {
	db := localDB(t, demoData(3, 1, 1))
	q := `SELECT id FROM account WHERE name = $1`
	a, _ := db.Prepare(q)
	b, _ := db.Prepare(q)
	if a != b {
		t.Error("the same text and session were translated twice")
	}
	if c, _ := db.PrepareSession(q, Session{TimeZone: "Europe/Paris"}); c == a {
		t.Error("another session shared the translation")
	}
	loadLocal(t, db, []demoTable{{name: "extra", cols: []Column{{"n", TInt4}}}})
	if d, _ := db.Prepare(q); d == a {
		t.Error("a translation survived a new row set")
	}
	n1, _ := db.Prepare(`SELECT now()`)
	n2, _ := db.Prepare(`SELECT now()`)
	if n1 == n2 {
		t.Error("a statement reading the clock was cached")
	}
	if _, err := db.PrepareSession(`SELECT 1`, Session{TimeZone: "Mars/Olympus"}); err == nil {
		t.Error("an unknown time zone was accepted")
	}
}

func TestJSONOperators(t *testing.T) {
	db, err := Open(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	addr := `{"city":"Paris","postalCode":"75001","geo":{"lat":48.86},"lines":["1 rue X","Bât. B"],"verified":true}`
	i := 0
	if _, err := db.LoadRowSet(context.Background(), "a", []Column{{"BillingAddress", TJSON}}, func() ([]any, error) {
		if i > 0 {
			return nil, io.EOF
		}
		i++
		return []any{addr}, nil
	}); err != nil {
		t.Fatal(err)
	}
	res, err := localQuery(context.Background(), db, `SELECT BillingAddress->>'city', BillingAddress->'geo'->>'lat', BillingAddress->'lines'->>1, BillingAddress->>'verified', BillingAddress->>'missing' FROM a`)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Paris", "48.86", "Bât. B", "true", nullText}
	if fmt.Sprint(res.rows) != fmt.Sprint([][]string{want}) {
		t.Fatalf("got %q, want %q", res.rows, want)
	}
}

func TestSessionValues(t *testing.T) {
	db, err := Open(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st, err := db.PrepareSession(`SELECT current_user, current_database(), current_setting('TimeZone'), current_schema()`,
		Session{User: "ana", Database: "prod", TimeZone: "Europe/Paris"})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := st.Query(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	if got := fmt.Sprint(rows.Values()); got != "[ana prod Europe/Paris public]" {
		t.Fatalf("session values %s", got)
	}
}
