package emulator

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync/atomic"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver
)

// memDBs numbers the in-memory databases so that servers in one process
// never share one.
var memDBs atomic.Int64

// openStore opens the SQLite database: a private in-memory database (the
// memdb VFS, which every connection of the pool shares without the locking
// costs of shared-cache mode) for "" and ":memory:", else the file at path
// (WAL journal).
// keep is a connection held for the server's lifetime: an in-memory
// database lives only while a connection to it is open.
func openStore(ctx context.Context, path string) (db *sql.DB, keep *sql.Conn, err error) {
	var dsn string
	if path == "" || path == ":memory:" {
		dsn = fmt.Sprintf("file:/soqlgate-emulator-%d?vfs=memdb&_pragma=busy_timeout(10000)", memDBs.Add(1))
	} else {
		dsn = "file:" + path + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"
	}
	db, err = sql.Open("sqlite", dsn)
	if err != nil {
		return nil, nil, fmt.Errorf("emulator: open store: %w", err)
	}
	keep, err = db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("emulator: open store: %w", err)
	}
	return db, keep, nil
}

// sqlType is the column type of a stored field (see the contract: text for
// ids, strings, picklists, dates and datetimes; integers for booleans and
// ints; reals for numbers; blobs for base64).
func sqlType(f *field) string {
	switch f.Type {
	case "boolean":
		return "INTEGER NOT NULL DEFAULT 0"
	case "int":
		return "INTEGER"
	case "double", "currency", "percent":
		return "REAL"
	case "base64":
		return "BLOB"
	case "id":
		return "TEXT PRIMARY KEY"
	}
	return "TEXT"
}

// quoteIdent double-quotes an SQLite identifier.
func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// createTables creates one table per sObject (named by its API name) with
// one column per stored field, plus indexes on reference and external id
// fields. It reports false when the tables already exist (a --data file
// from an earlier run).
func (s *Server) createTables(ctx context.Context) (created bool, err error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type='table' AND name='_soqlgate_org'`).Scan(&n); err != nil {
		return false, fmt.Errorf("emulator: inspect store: %w", err)
	}
	if n > 0 {
		return false, nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	stmts := []string{`CREATE TABLE _soqlgate_org (key TEXT PRIMARY KEY, value TEXT)`}
	for _, o := range s.schema.ordered {
		var cols []string
		for _, f := range o.Fields {
			if f.stored() {
				cols = append(cols, quoteIdent(f.Name)+" "+sqlType(f))
			}
		}
		stmts = append(stmts, "CREATE TABLE "+quoteIdent(o.Name)+" ("+strings.Join(cols, ", ")+")")
	}
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return false, fmt.Errorf("emulator: create tables: %s: %w", q, err)
		}
	}
	return true, tx.Commit()
}

// createIndexes indexes the fields queries look rows up by: references
// that carry a child relationship (subqueries, semi-joins) and External ID
// fields. It runs after the seed: building an index over loaded rows is
// much faster than maintaining it row by row.
func (s *Server) createIndexes(ctx context.Context) error {
	children := map[string]bool{} // "Object.Field" of child relationships
	for _, o := range s.schema.ordered {
		for _, c := range o.ChildRelationships {
			children[c.ChildSObject+"."+c.Field] = true
		}
	}
	for _, o := range s.schema.ordered {
		for _, f := range o.Fields {
			if !f.ExternalID && !children[o.Name+"."+f.Name] {
				continue
			}
			// Partial: lookups are by value (= or IN), which implies NOT
			// NULL, and sparse references (ParentId, AssetId) cost little.
			q := "CREATE INDEX " + quoteIdent(o.Name+"_"+f.Name) + " ON " + quoteIdent(o.Name) + " (" + quoteIdent(f.Name) + ") WHERE " + quoteIdent(f.Name) + " IS NOT NULL"
			if _, err := s.db.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("emulator: create index: %w", err)
			}
		}
	}
	return nil
}

// inserter inserts rows of one sObject through a prepared statement inside
// a transaction; values are given by field name.
type inserter struct {
	obj  *sobject
	stmt *sql.Stmt
	cols []*field
	idx  map[string]int
	vals []any
}

func newInserter(ctx context.Context, tx *sql.Tx, o *sobject) (*inserter, error) {
	in := &inserter{obj: o, idx: map[string]int{}}
	var names, marks []string
	for _, f := range o.Fields {
		if !f.stored() {
			continue
		}
		in.idx[f.Name] = len(in.cols)
		in.cols = append(in.cols, f)
		names = append(names, quoteIdent(f.Name))
		marks = append(marks, "?")
	}
	q := "INSERT INTO " + quoteIdent(o.Name) + " (" + strings.Join(names, ", ") + ") VALUES (" + strings.Join(marks, ", ") + ")"
	stmt, err := tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("emulator: prepare insert into %s: %w", o.Name, err)
	}
	in.stmt = stmt
	in.vals = make([]any, len(in.cols))
	return in, nil
}

// row is one record to insert: field name → value (string, int64, float64,
// bool, []byte or nil). Booleans not given are false.
type row map[string]any

func (in *inserter) insert(ctx context.Context, r row) error {
	for i, f := range in.cols {
		in.vals[i] = nil
		if f.Type == "boolean" {
			in.vals[i] = 0
		}
	}
	for name, v := range r {
		i, ok := in.idx[name]
		if !ok {
			return fmt.Errorf("emulator: seed: no field %s on %s", name, in.obj.Name)
		}
		if b, isBool := v.(bool); isBool {
			if b {
				v = 1
			} else {
				v = 0
			}
		}
		in.vals[i] = v
	}
	if _, err := in.stmt.ExecContext(ctx, in.vals...); err != nil {
		return fmt.Errorf("emulator: insert into %s: %w", in.obj.Name, err)
	}
	return nil
}

func (in *inserter) close() { in.stmt.Close() }
