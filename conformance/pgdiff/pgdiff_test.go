package pgdiff

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	pg_query "github.com/pganalyze/pg_query_go/v5"

	"github.com/soqlgate/soqlgate/conformance"
	"github.com/soqlgate/soqlgate/conformance/pgtest"
	"github.com/soqlgate/soqlgate/emulator"
)

// RunKnownEnv, when set, runs the cases marked KnownDiff too: to see
// whether a bug they name has been fixed.
const RunKnownEnv = "SOQLGATE_PGDIFF_RUN_KNOWN"

// diffCase is one statement of the corpus.
type diffCase struct {
	Name string
	SQL  string // run through the driver, and on PostgreSQL unless PG is set
	Args []any  // parameters, $1…, the same values on both sides
	// PG is PostgreSQL's text when SQL mode documents a difference from
	// PostgreSQL for the construct: it spells Salesforce's rule in
	// PostgreSQL so the answer is still compared exactly.
	PG string
	// Semantics says, where Salesforce compares or sorts differently, what
	// soqlgate does: rechecks locally (the case compares as is) or a
	// documented difference (PG is set). A statement starting "SOQL:" is
	// SOQL mode, which keeps Salesforce's semantics: PG spells them.
	Semantics string
	// KnownDiff names a difference that is a bug: what differs and which
	// package is wrong. The case is reported as a skip with this text.
	KnownDiff string
}

// org is a loaded pair: the emulator behind the driver, and PostgreSQL.
type org struct {
	db *sql.DB
	pg *pgx.Conn
}

// setup starts the org at scale, PostgreSQL, and loads the one into the
// other.
func setup(t *testing.T, scale int, dbname string) org {
	t.Helper()
	srv := pgtest.Shared(t)
	h := &conformance.EmulatorHarness{Options: emulator.Options{Seed: "demo", Scale: scale}}
	if err := h.Setup(); err != nil {
		t.Fatalf("emulator: %v", err)
	}
	t.Cleanup(func() { h.Close() })
	db := h.NewTarget(t)
	srv.CreateDatabase(t, dbname)
	pg := srv.Connect(t, dbname)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	objs, err := describeAll(ctx, h.URL(), demoObjects)
	if err != nil {
		t.Fatalf("describe: %v", err)
	}
	begin := time.Now()
	total := 0
	for _, o := range objs {
		n, err := loadObject(ctx, db, pg, o)
		if err != nil {
			t.Fatalf("load: %v", err)
		}
		total += n
	}
	if _, err := pg.Exec(ctx, "ANALYZE"); err != nil {
		t.Fatal(err)
	}
	t.Logf("loaded %d rows of %d objects into PostgreSQL in %v", total, len(objs), time.Since(begin).Round(time.Millisecond))
	return org{db: db, pg: pg}
}

// ordered reports whether the statement's top level has ORDER BY.
func ordered(query string) (bool, error) {
	res, err := pg_query.Parse(query)
	if err != nil {
		return false, err
	}
	if len(res.Stmts) != 1 {
		return false, fmt.Errorf("%d statements, want 1", len(res.Stmts))
	}
	sel := res.Stmts[0].Stmt.GetSelectStmt()
	return sel != nil && len(sel.SortClause) > 0, nil
}

// run compares one case.
func (o org) run(t *testing.T, c diffCase) {
	t.Helper()
	if c.KnownDiff != "" && os.Getenv(RunKnownEnv) == "" {
		t.Skipf("KNOWN DIFF: %s\n%s", c.KnownDiff, c.SQL)
	}
	oracle := c.SQL
	if c.PG != "" {
		oracle = c.PG
	}
	isOrdered, err := ordered(oracle)
	if err != nil {
		t.Fatalf("PostgreSQL's parser refuses the case: %v\n%s", err, oracle)
	}
	// The driver's text may not parse as PostgreSQL (SOQL, ? markers).
	if o, err := ordered(c.SQL); c.PG != "" && err == nil && o != isOrdered {
		t.Fatalf("SQL and PG disagree on ORDER BY")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	want, err := pgAnswer(ctx, o.pg, oracle, c.Args...)
	if err != nil {
		t.Fatalf("PostgreSQL: %v\n%s", err, oracle)
	}
	got, err := driverAnswer(ctx, o.db, c.SQL, c.Args...)
	if err != nil {
		t.Fatalf("soqlgate: %v\n%s", err, c.SQL)
	}
	if empty := len(want.rows) == 0; empty != c.allowEmpty() {
		t.Fatalf("PostgreSQL returns %d rows; a case is named …_empty exactly when it expects none\n%s", len(want.rows), oracle)
	}
	d := diff(got, want, isOrdered)
	switch {
	case d != "":
		t.Errorf("%s\n%s", c.SQL, d)
	case c.KnownDiff != "":
		t.Errorf("KnownDiff no longer reproduces (remove the mark): %s", c.KnownDiff)
	}
}

// allowEmpty: a case whose point is an empty answer says so in its name.
func (c diffCase) allowEmpty() bool {
	return strings.HasSuffix(c.Name, "_empty")
}

func TestDifferential(t *testing.T) {
	o := setup(t, 0, "pgdiff_demo")
	names := map[string]bool{}
	for _, c := range corpus {
		if names[c.Name] {
			t.Errorf("duplicate case name %s", c.Name)
		}
		names[c.Name] = true
		t.Run(c.Name, func(t *testing.T) { o.run(t, c) })
	}
}

func TestCorpusSize(t *testing.T) {
	if len(corpus) < 150 {
		t.Errorf("corpus has %d queries, want at least 150", len(corpus))
	}
}
