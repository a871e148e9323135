package localsql

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	pg_query "github.com/pganalyze/pg_query_go/v5"

	"github.com/soqlgate/soqlgate/conformance/pgtest"
)

// The differential suite: every corpus query runs on localsql and on a real
// PostgreSQL 15 loaded with the same rows, and must give the same column
// names, the same column types (OIDs, known before execution) and the same
// rows in PostgreSQL's text form, in the same order when the query orders.
//
// Semantics decided per construct (PostgreSQL's, checked here):
//   - text compares and sorts byte-wise: the server runs with the C.UTF-8
//     locale (code-point order, Unicode upper/lower); linguistic collations
//     are out of scope.
//   - the session time zone is UTC here; TestDifferentialTimeZones runs
//     timestamptz queries in Europe/Paris, America/New_York and Asia/Kolkata.
//   - NULLs sort last ascending and first descending; NULLS FIRST/LAST obey.
//   - integer division truncates; numeric keeps exact decimals and scales.
//   - LIKE is case-sensitive, ILIKE case-insensitive, = case-sensitive.
//   - untyped literals and parameters are typed by their context.
//   - sum(int) is bigint, avg(int) and sum(bigint) numeric; numeric division
//     has PostgreSQL's result scale; float8 prints shortest-exact.
//   - EXTRACT returns numeric, date_part double precision; date_trunc on a
//     date gives timestamptz.
//   - ORDER BY a bare name prefers the output column, GROUP BY the input one.
//
// One deliberate difference, not checked here (ARCHITECTURE.md "Names"):
// names resolve case-insensitively even when quoted, so "Name" finds the
// column name (TestQuotedNamesResolveCaseInsensitively).

// orderedQuery reports whether a statement's top level has ORDER BY, so row
// order is part of the expected result.
func orderedQuery(t *testing.T, sql string) bool {
	tree, err := pg_query.Parse(sql)
	if err != nil {
		t.Fatalf("parse %q: %v", sql, err)
	}
	sel := tree.Stmts[0].Stmt.GetSelectStmt()
	return sel != nil && len(sel.SortClause) > 0
}

func compareResults(t *testing.T, sql string, want, got result, ordered bool) {
	t.Helper()
	if len(want.names) != len(got.names) {
		t.Fatalf("columns: postgres %v, localsql %v", want.names, got.names)
	}
	for i := range want.names {
		if want.names[i] != got.names[i] {
			t.Errorf("column %d name: postgres %q, localsql %q", i+1, want.names[i], got.names[i])
		}
		if want.types[i] != got.types[i] {
			t.Errorf("column %d (%s) type: postgres %s (%d), localsql %s (%d)", i+1, want.names[i],
				FormatType(want.types[i], -1), want.types[i], FormatType(got.types[i], -1), got.types[i])
		}
	}
	wr, gr := want.rows, got.rows
	if !ordered {
		wr, gr = want.sorted(), got.sorted()
	}
	if len(wr) != len(gr) {
		t.Errorf("row count: postgres %d, localsql %d", len(wr), len(gr))
	}
	shown := 0
	for i := 0; i < len(wr) && i < len(gr); i++ {
		if strings.Join(wr[i], "|") != strings.Join(gr[i], "|") {
			t.Errorf("row %d:\n  postgres %q\n  localsql %q", i+1, wr[i], gr[i])
			if shown++; shown >= 3 {
				break
			}
		}
	}
}

// loadPair loads the same tables into a fresh PostgreSQL database dbname
// and into a new localsql DB, closed when t ends.
func loadPair(t *testing.T, srv *pgtest.Server, dbname string, tables []demoTable) (*pgx.Conn, *DB) {
	t.Helper()
	srv.CreateDatabase(t, dbname)
	conn := srv.Connect(t, dbname)
	loadPostgres(t, conn, tables)
	return conn, localDB(t, tables)
}

func TestDifferentialCorpus(t *testing.T) {
	conn, db := loadPair(t, pgtest.Shared(t), "demo", demoData(2500, 6000, 9000))
	if len(corpus) < 150 {
		t.Errorf("corpus has %d queries, want at least 150", len(corpus))
	}
	ctx := context.Background()
	for i, c := range corpus {
		t.Run(fmt.Sprintf("%03d_%s", i+1, c.name), func(t *testing.T) {
			want, err := pgQuery(ctx, conn, c.sql, c.args...)
			if err != nil {
				t.Fatalf("postgres: %v\n%s", err, c.sql)
			}
			st, err := db.Prepare(c.sql)
			if err != nil {
				t.Fatalf("localsql prepare: %v\n%s", err, c.sql)
			}
			got, err := localQuery(ctx, db, c.sql, c.args...)
			if err != nil {
				t.Fatalf("localsql: %v\n%s\nsqlite: %s", err, c.sql, st.SQLite())
			}
			if t.Failed() {
				return
			}
			compareResults(t, c.sql, want, got, orderedQuery(t, c.sql))
			if t.Failed() {
				t.Logf("sql: %s\nsqlite: %s", c.sql, st.SQLite())
			}
		})
	}
}

// TestDifferentialErrors checks statements PostgreSQL rejects are rejected here too.
func TestDifferentialErrors(t *testing.T) {
	srv := pgtest.Shared(t)
	conn := srv.Connect(t, "postgres")
	db := localDB(t, demoData(10, 10, 10))
	loadPostgres(t, conn, nil)
	ctx := context.Background()
	for _, c := range errorCorpus {
		t.Run(c.name, func(t *testing.T) {
			_, perr := pgQuery(ctx, conn, c.sql)
			var pgErr *pgconn.PgError
			if !errors.As(perr, &pgErr) {
				t.Fatalf("postgres: %v; the case is wrong", perr)
			}
			_, err := localQuery(ctx, db, c.sql)
			if err == nil {
				t.Fatalf("localsql accepted %q, postgres rejects it", c.sql)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %q does not mention %q", err, c.want)
			}
			var le *Error
			if !errors.As(err, &le) || le.Code != pgErr.Code {
				t.Fatalf("SQLSTATE: postgres %s (%s), localsql %v", pgErr.Code, pgErr.Message, err)
			}
		})
	}
}

// TestDifferentialTimeZones runs timestamptz-sensitive queries in sessions
// whose TimeZone is not UTC: truncation, extraction, casts to date,
// to_char, literals without an offset and calendar arithmetic across DST
// happen in the session zone, as in PostgreSQL.
func TestDifferentialTimeZones(t *testing.T) {
	srv := pgtest.Shared(t)
	_, db := loadPair(t, srv, "tzdemo", demoData(300, 10, 600))
	queries := []string{
		`SELECT id, createddate, date_trunc('day', createddate), date_trunc('month', createddate), createddate::date FROM "case" ORDER BY id LIMIT 200`,
		`SELECT id, extract(hour from createddate), extract(day from createddate), date_part('dow', createddate), extract(epoch from createddate) FROM "case" ORDER BY id LIMIT 200`,
		`SELECT id, to_char(createddate, 'YYYY-MM-DD HH24:MI'), createddate::text, createddate::timestamp FROM "case" ORDER BY id LIMIT 200`,
		`SELECT count(*) FROM "case" WHERE createddate >= '2023-03-26 00:00:00' AND createddate < '2023-03-27'`,
		`SELECT id, createddate + interval '1 day', createddate + interval '1 mon', createddate - interval '36 hours' FROM "case" WHERE createddate BETWEEN '2022-03-20' AND '2022-04-05' OR createddate BETWEEN '2022-10-25' AND '2022-11-08' ORDER BY id`,
		`SELECT lastactivitydate::timestamptz, lastactivitydate = createddate::date FROM account WHERE lastactivitydate IS NOT NULL ORDER BY id LIMIT 100`,
		`SELECT date_trunc('day', createddate)::date AS d, count(*) FROM "case" GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20`,
		`SELECT count(*) FROM "case" WHERE createddate < $1`,
	}
	ctx := context.Background()
	for _, zone := range []string{"Europe/Paris", "America/New_York", "Asia/Kolkata"} {
		// a connection per zone: PostgreSQL folds timestamptz literals when it
		// prepares, so statements pgx cached in another zone would differ
		conn := srv.Connect(t, "tzdemo")
		if _, err := conn.Exec(ctx, "SET TimeZone = '"+zone+"'"); err != nil {
			t.Fatal(err)
		}
		loc, err := location(zone)
		if err != nil {
			t.Fatal(err)
		}
		for i, q := range queries {
			t.Run(fmt.Sprintf("%s/%d", zone, i+1), func(t *testing.T) {
				var args []any
				if strings.Contains(q, "$1") {
					args = []any{"2023-07-01 12:00:00"}
				}
				want, err := pgQuery(ctx, conn, q, args...)
				if err != nil {
					t.Fatalf("postgres: %v", err)
				}
				st, err := db.PrepareSession(q, Session{TimeZone: zone})
				if err != nil {
					t.Fatal(err)
				}
				rows, err := st.Query(ctx, args...)
				if err != nil {
					t.Fatalf("%v\n%s", err, st.SQLite())
				}
				got, err := localResult(rows, func(v any, t Type) string { return FormatTextIn(v, t, loc) })
				if err != nil {
					t.Fatal(err)
				}
				compareResults(t, q, want, got, orderedQuery(t, q))
			})
		}
	}
}
