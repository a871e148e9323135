package localsql

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/shopspring/decimal"

	"github.com/soqlgate/soqlgate/catalog"
)

// demoTable is a deterministic, demo-like data set: Accounts, Contacts and
// Cases with NULL-heavy columns, numerics with scale, dates and timestamps.
type demoTable struct {
	name string
	cols []Column
	rows [][]any
}

var demoCities = []string{"Paris", "paris", "Berlin", "São Paulo", "Zürich", "New York", "new york", "Ørsted", "Austin", "Tokyo", "", " Lyon "}
var demoIndustries = []string{"Banking", "Technology", "Energy", "Retail", "Media", "Healthcare", "banking"}
var demoWords = []string{"Acme", "Global", "Zoë", "Blue_Sky", "50% Off", "O'Reilly", "Édition", "north", "Delta", "alpha", "Omega", "Café", "MEGA", "mega", "Nébula"}
var demoStatus = []string{"New", "Working", "Escalated", "Closed"}
var demoPriority = []string{"High", "Medium", "Low"}
var demoOrigins = []string{"Phone", "Email", "Web"}

func demoData(nAccounts, nContacts, nCases int) []demoTable {
	r := rand.New(rand.NewPCG(42, 2026))
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	maybe := func(p float64, v any) any {
		if r.Float64() < p {
			return nil
		}
		return v
	}
	ts := func() time.Time {
		base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
		t := base.Add(time.Duration(r.Int64N(int64(5*365*24*time.Hour/time.Second))) * time.Second)
		if r.IntN(4) == 0 {
			t = t.Add(time.Duration(r.IntN(1_000_000)) * time.Microsecond)
		}
		return t
	}
	date := func() time.Time {
		return time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(3000))
	}
	money := func(maxCents int64) decimal.Decimal {
		c := r.Int64N(maxCents)
		if r.IntN(5) == 0 {
			c = c / 10 * 10 // trailing zero: 12.50 must stay 12.50
		}
		if r.IntN(20) == 0 {
			c = -c
		}
		return decimal.New(c, -2)
	}
	id := func(prefix string, i int) string { return fmt.Sprintf("%s%015d", prefix, i) }

	acc := demoTable{name: "account", cols: []Column{
		fc("id", catalog.TypeID), fc("name", catalog.TypeString, 255), fc("industry", catalog.TypePicklist, 40), fc("annualrevenue", catalog.TypeCurrency, 18, 2),
		fc("numberofemployees", catalog.TypeInt), fc("rating", catalog.TypePicklist, 40), fc("billingcity", catalog.TypeString, 40),
		fc("createddate", catalog.TypeDateTime), fc("lastactivitydate", catalog.TypeDate), fc("isactive__c", catalog.TypeBoolean), fc("score__c", catalog.TypePercent, 5, 1),
	}}
	for i := 1; i <= nAccounts; i++ {
		name := fmt.Sprintf("%s %s %d", pick(demoWords), pick(demoWords), i%97)
		acc.rows = append(acc.rows, []any{
			id("001", i), name, maybe(0.4, pick(demoIndustries)), maybe(0.3, money(1_000_000_000)),
			maybe(0.35, int64(r.IntN(5000))), maybe(0.5, pick([]string{"Hot", "Warm", "Cold"})), maybe(0.2, pick(demoCities)),
			ts(), maybe(0.45, date()), r.IntN(3) > 0, maybe(0.5, decimal.New(int64(r.IntN(1000)), -1)),
		})
	}
	con := demoTable{name: "contact", cols: []Column{
		fc("id", catalog.TypeID), fc("accountid", catalog.TypeReference), fc("firstname", catalog.TypeString, 40), fc("lastname", catalog.TypeString, 80),
		fc("email", catalog.TypeEmail, 80), fc("title", catalog.TypeString, 128), fc("birthdate", catalog.TypeDate), fc("createddate", catalog.TypeDateTime),
		fc("donotcall", catalog.TypeBoolean), fc("leadsource", catalog.TypePicklist, 40), fc("amount__c", catalog.TypeCurrency, 16, 2),
	}}
	for i := 1; i <= nContacts; i++ {
		first := pick([]string{"Ann", "bob", "Émile", "Zoë", "Li", "Sam", "ANN", "María", "Jo"})
		last := pick(demoWords) + fmt.Sprint(i%53)
		var accID any = id("001", 1+r.IntN(nAccounts))
		if r.IntN(10) == 0 {
			accID = nil
		}
		con.rows = append(con.rows, []any{
			id("003", i), accID, maybe(0.2, first), last,
			maybe(0.3, strings.ToLower(first)+"."+strings.ToLower(strings.ReplaceAll(last, " ", ""))+"@example.com"),
			maybe(0.5, pick([]string{"CEO", "VP Sales", "Engineer", "engineer", "Manager"})), maybe(0.4, date()), ts(),
			r.IntN(4) == 0, maybe(0.6, pick([]string{"Web", "Partner", "Trade Show"})), maybe(0.5, money(10_000_000)),
		})
	}
	cs := demoTable{name: "case", cols: []Column{
		fc("id", catalog.TypeID), fc("accountid", catalog.TypeReference), fc("contactid", catalog.TypeReference), fc("subject", catalog.TypeString, 255),
		fc("status", catalog.TypePicklist, 40), fc("priority", catalog.TypePicklist, 40), fc("origin", catalog.TypePicklist, 40), fc("isclosed", catalog.TypeBoolean),
		fc("createddate", catalog.TypeDateTime), fc("closeddate", catalog.TypeDateTime), fc("hours__c", catalog.TypeDouble, 10, 3), fc("escalated__c", catalog.TypeBoolean),
	}}
	for i := 1; i <= nCases; i++ {
		status := pick(demoStatus)
		created := ts()
		var closed any
		if status == "Closed" {
			closed = created.Add(time.Duration(r.IntN(30*24*3600)) * time.Second)
		}
		var accID any = id("001", 1+r.IntN(nAccounts))
		if r.IntN(20) == 0 {
			accID = nil
		}
		cs.rows = append(cs.rows, []any{
			id("500", i), accID, maybe(0.2, id("003", 1+r.IntN(nContacts))),
			fmt.Sprintf("%s issue #%d", pick(demoWords), i%211), status, pick(demoPriority), maybe(0.6, pick(demoOrigins)),
			status == "Closed", created, closed, maybe(0.3, decimal.New(int64(r.IntN(100000)), -3)), maybe(0.5, r.IntN(2) == 0),
		})
	}
	return []demoTable{acc, con, cs}
}

// fc is a demo column typed by the catalog's type table, as the engine's
// row sets are: size is the length, or the precision and scale.
func fc(name string, typ catalog.FieldType, size ...int) Column {
	f := &catalog.Field{Name: name, Type: typ}
	switch len(size) {
	case 1:
		f.Length = size[0]
	case 2:
		f.Precision, f.Scale = size[0], size[1]
	}
	return Column{Name: name, Type: TypeOfField(f)}
}

// localDB opens a localsql DB loaded with tables, closed when t ends.
func localDB(t testing.TB, tables []demoTable) *DB {
	t.Helper()
	db, err := Open(Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	loadLocal(t, db, tables)
	return db
}

// loadLocal loads the tables into a localsql DB.
func loadLocal(t testing.TB, db *DB, tables []demoTable) {
	t.Helper()
	for _, tb := range tables {
		n, err := db.LoadRowSet(context.Background(), tb.name, tb.cols, rowsOf(tb.rows))
		if err != nil {
			t.Fatalf("load %s: %v", tb.name, err)
		}
		if n != int64(len(tb.rows)) {
			t.Fatalf("load %s: %d rows, want %d", tb.name, n, len(tb.rows))
		}
	}
}

// pgText renders a Go value of type t for PostgreSQL's COPY text format.
func pgCopyText(v any, t Type) string {
	if v == nil {
		return `\N`
	}
	if tm, ok := v.(time.Time); ok && t.OID == OIDTimestamptz {
		return tm.UTC().Format("2006-01-02 15:04:05.999999") + "+00"
	}
	s := FormatText(v, t)
	r := strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)
	return r.Replace(s)
}

// loadPostgres creates the tables, typed by the type table through
// format_type (the same OIDs and typmods localsql reports), and COPYs the rows.
func loadPostgres(t testing.TB, c *pgx.Conn, tables []demoTable) {
	t.Helper()
	ctx := context.Background()
	for _, tb := range tables {
		var defs []string
		for _, col := range tb.cols {
			d := quoteIdent(col.Name) + " " + FormatType(col.Type.OID, col.Type.Typmod)
			if col.Name == "id" {
				d += " PRIMARY KEY"
			}
			defs = append(defs, d)
		}
		if _, err := c.Exec(ctx, "CREATE TABLE "+quoteIdent(tb.name)+" ("+strings.Join(defs, ", ")+")"); err != nil {
			t.Fatalf("create %s: %v", tb.name, err)
		}
		var b strings.Builder
		for _, row := range tb.rows {
			for i, v := range row {
				if i > 0 {
					b.WriteByte('\t')
				}
				b.WriteString(pgCopyText(v, tb.cols[i].Type))
			}
			b.WriteByte('\n')
		}
		if _, err := c.PgConn().CopyFrom(ctx, strings.NewReader(b.String()), "COPY "+quoteIdent(tb.name)+" FROM STDIN"); err != nil {
			t.Fatalf("copy %s: %v", tb.name, err)
		}
		if _, err := c.Exec(ctx, "ANALYZE "+quoteIdent(tb.name)); err != nil {
			t.Fatal(err)
		}
	}
}
