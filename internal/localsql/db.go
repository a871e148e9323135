package localsql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"modernc.org/sqlite"

	"github.com/soqlgate/soqlgate/catalog"
)

// driverName is the private database/sql driver carrying this package's
// functions and collation; other users of modernc.org/sqlite never see them.
const driverName = "soqlgate-localsql"

var registerOnce sync.Once

// registerDriver registers the private driver once every file's init has
// filled scalarFuncs.
func registerDriver() {
	d := &sqlite.Driver{}
	for name, f := range scalarFuncs {
		fn := f.fn
		d.MustRegisterFunction(name, &sqlite.FunctionImpl{
			NArgs:         f.n,
			Deterministic: true,
			Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
				return fn(args)
			},
		})
	}
	for _, agg := range []struct {
		name string
		make func() sqlite.AggregateFunction
	}{
		{"pg_sum_num", func() sqlite.AggregateFunction { return &numAgg{} }},
		{"pg_avg_num", func() sqlite.AggregateFunction { return &numAgg{avg: true} }},
		{"pg_sum_interval", func() sqlite.AggregateFunction { return &intervalAgg{} }},
		{"pg_avg_interval", func() sqlite.AggregateFunction { return &intervalAgg{avg: true} }},
	} {
		d.MustRegisterFunction(agg.name, &sqlite.FunctionImpl{
			NArgs:         1,
			Deterministic: true,
			MakeAggregate: func(sqlite.FunctionContext) (sqlite.AggregateFunction, error) {
				return agg.make(), nil
			},
		})
	}
	registerOrderedSetAggs(d)
	d.MustRegisterCollationUtf8("pgnum", numCollate)
	d.MustRegisterCollationUtf8("pginterval", intervalCollate)
	sql.Register(driverName, d)
}

// ErrRowBudget is returned by LoadRowSet when a row set would exceed the
// database's row budget.
var ErrRowBudget = errors.New("localsql: row budget exceeded: the query needs more rows locally than allowed")

// Options configure a DB.
type Options struct {
	// RowBudget caps the rows LoadRowSet keeps across all row sets; 0 means
	// no cap.
	RowBudget int64
}

// DB is an in-memory SQLite database holding row sets and catalog tables.
// It is safe for concurrent use; loading a row set while rows of a query
// are open is allowed.
type DB struct {
	db     *sql.DB
	keep   *sql.Conn // keeps the in-memory database alive
	opts   Options
	mu     sync.RWMutex
	rels   map[string]*relation // key: schema "." lower(name)
	loaded atomic.Int64

	catMu       sync.Mutex // serializes catalog rebuilds
	catGen      int
	catRels     map[string]*relation
	catRetired  []string // tables of the previous catalog generation
	snap        *catalog.Snapshot
	catSnapOIDs map[string]uint32

	// version changes whenever relations change; it keys the translation cache
	version atomic.Int64
	stmts   sync.Map // stmtKey → *Stmt
	cached  atomic.Int64
}

var dbSeq atomic.Int64

// Open creates an empty in-memory database.
func Open(opts Options) (*DB, error) {
	registerOnce.Do(registerDriver)
	// memdb lets every pooled connection see the same in-memory database
	// busy_timeout: a rebuild or load waits for open readers instead of failing
	dsn := fmt.Sprintf("file:/localsql-%d?vfs=memdb&_pragma=journal_mode(off)&_pragma=synchronous(off)&_pragma=busy_timeout(30000)", dbSeq.Add(1))
	sdb, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, fmt.Errorf("localsql: open: %w", err)
	}
	sdb.SetMaxIdleConns(4)
	sdb.SetConnMaxIdleTime(0)
	if err := sdb.Ping(); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("localsql: open: %w", err)
	}
	// a memdb database lives while a connection is open: hold one for the
	// DB's lifetime, whatever the pool does with the others
	keep, err := sdb.Conn(context.Background())
	if err != nil {
		sdb.Close()
		return nil, fmt.Errorf("localsql: open: %w", err)
	}
	return &DB{db: sdb, keep: keep, opts: opts, rels: map[string]*relation{}}, nil
}

// Close releases the database.
func (db *DB) Close() error {
	db.keep.Close()
	return db.db.Close()
}

func relKey(schema, name string) string { return schema + "." + strings.ToLower(name) }

func (db *DB) lookupRelation(schema, name string) (*relation, bool) {
	db.mu.RLock()
	defer db.mu.RUnlock()
	if schema != "" {
		r, ok := db.rels[relKey(schema, name)]
		return r, ok
	}
	// search_path: pg_catalog first (implicitly), then public
	if r, ok := db.rels[relKey("pg_catalog", name)]; ok {
		return r, true
	}
	r, ok := db.rels[relKey("public", name)]
	return r, ok
}

// rowsOf is a LoadRowSet source over rows held in memory.
func rowsOf(rows [][]any) func() ([]any, error) {
	i := 0
	return func() ([]any, error) {
		if i >= len(rows) {
			return nil, io.EOF
		}
		i++
		return rows[i-1], nil
	}
}

// LoadRowSet creates (or replaces) table name in schema public with the
// given columns and fills it from next until next returns io.EOF. Values
// are Go values of the column types (see Rows.Values). It returns the rows
// loaded.
func (db *DB) LoadRowSet(ctx context.Context, name string, cols []Column, next func() ([]any, error)) (int64, error) {
	if len(cols) == 0 {
		return 0, fmt.Errorf("localsql: row set %q has no columns", name)
	}
	sqlName := "rs_" + strings.ToLower(name)
	var n int64
	err := db.createTable(ctx, sqlName, cols, func() ([]any, error) {
		row, err := next()
		if err == nil && db.opts.RowBudget > 0 && db.loaded.Add(1) > db.opts.RowBudget {
			return nil, ErrRowBudget
		}
		if err == nil {
			n++
		}
		return row, err
	})
	if err != nil {
		return n, fmt.Errorf("localsql: load %s: %w", name, err)
	}
	// statistics let the planner choose automatic indexes for joins and
	// correlated subqueries over large row sets
	if _, err := db.db.ExecContext(ctx, "ANALYZE "+quoteIdent(sqlName)); err != nil {
		return n, fmt.Errorf("localsql: load %s: %w", name, err)
	}
	db.mu.Lock()
	db.rels[relKey("public", name)] = &relation{sqlName: sqlName, cols: append([]Column(nil), cols...)}
	db.mu.Unlock()
	db.version.Add(1)
	return n, nil
}

// createTable creates table sqlName with cols and fills it from next.
func (db *DB) createTable(ctx context.Context, sqlName string, cols []Column, next func() ([]any, error)) error {
	var defs []string
	for _, c := range cols {
		defs = append(defs, quoteIdent(c.Name)+" "+c.Type.sqliteDecl())
	}
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "DROP TABLE IF EXISTS "+quoteIdent(sqlName)); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, "CREATE TABLE "+quoteIdent(sqlName)+" ("+strings.Join(defs, ", ")+")"); err != nil {
		return err
	}
	if _, err := insertRows(ctx, conn, sqlName, cols, next); err != nil {
		conn.ExecContext(context.Background(), "DROP TABLE IF EXISTS "+quoteIdent(sqlName))
		return err
	}
	return nil
}

// insertBatch is how many rows one INSERT carries: fewer statement
// executions, within SQLite's limit of 32766 bound parameters.
const insertBatch = 128

func insertRows(ctx context.Context, conn *sql.Conn, sqlName string, cols []Column, next func() ([]any, error)) (int64, error) {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	batch := max(1, min(insertBatch, 32766/len(cols)))
	rowMarks := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	prepare := func(rows int) (*sql.Stmt, error) {
		var b strings.Builder
		b.WriteString("INSERT INTO " + quoteIdent(sqlName) + " VALUES ")
		for i := 0; i < rows; i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(rowMarks)
		}
		return tx.PrepareContext(ctx, b.String())
	}
	full, err := prepare(batch)
	if err != nil {
		return 0, err
	}
	defer full.Close()
	vals := make([]any, 0, batch*len(cols))
	var n int64
	flush := func() error {
		if len(vals) == 0 {
			return nil
		}
		st := full
		if len(vals) < batch*len(cols) {
			var err error
			if st, err = prepare(len(vals) / len(cols)); err != nil {
				return err
			}
			defer st.Close()
		}
		_, err := st.ExecContext(ctx, vals...)
		vals = vals[:0]
		return err
	}
	for {
		row, err := next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return n, err
		}
		if len(row) != len(cols) {
			return n, fmt.Errorf("localsql: row %d of %s has %d values, want %d", n+1, sqlName, len(row), len(cols))
		}
		for i, v := range row {
			sv, err := toStorage(v, cols[i].Type)
			if err != nil {
				return n, fmt.Errorf("localsql: row %d column %s: %w", n+1, cols[i].Name, err)
			}
			vals = append(vals, sv)
		}
		n++
		if len(vals) == batch*len(cols) {
			if err := flush(); err != nil {
				return n, err
			}
			if ctx.Err() != nil {
				return n, ctx.Err()
			}
		}
	}
	if err := flush(); err != nil {
		return n, err
	}
	return n, tx.Commit()
}

// DropRowSet removes a row set and gives its rows back to the budget.
func (db *DB) DropRowSet(ctx context.Context, name string) error {
	db.mu.Lock()
	rel, ok := db.rels[relKey("public", name)]
	delete(db.rels, relKey("public", name))
	db.mu.Unlock()
	db.version.Add(1)
	if !ok {
		return nil
	}
	var n int64
	db.db.QueryRowContext(ctx, "SELECT count(*) FROM "+quoteIdent(rel.sqlName)).Scan(&n)
	db.loaded.Add(-n)
	_, err := db.db.ExecContext(ctx, "DROP TABLE IF EXISTS "+quoteIdent(rel.sqlName))
	return err
}

// Stmt is a translated statement: its result columns and parameter types
// are known before it runs.
type Stmt struct {
	db      *DB
	sqlText string
	cols    []Column
	params  []Type
	sel     *pg_query.SelectStmt
	sess    Session
	timed   bool
}

// Columns are the result columns, typed as PostgreSQL would type them.
func (s *Stmt) Columns() []Column { return s.cols }

// Params are the types inferred for $1..$n.
func (s *Stmt) Params() []Type { return s.params }

// SQLite is the translated SQLite text (for EXPLAIN and tests).
func (s *Stmt) SQLite() string { return s.sqlText }

// Prepare parses a single SELECT (or VALUES) statement and translates it.
func (db *DB) Prepare(sqlText string) (*Stmt, error) { return db.PrepareSession(sqlText, Session{}) }

func parseSelect(sqlText string) (*pg_query.SelectStmt, error) {
	tree, err := pg_query.Parse(sqlText)
	if err != nil {
		return nil, &Error{Code: codeSyntax, Msg: err.Error()}
	}
	if len(tree.Stmts) != 1 {
		return nil, errf(codeSyntax, "expected one statement, got %d", len(tree.Stmts))
	}
	sel := tree.Stmts[0].Stmt.GetSelectStmt()
	if sel == nil {
		return nil, errf(codeFeature, "only SELECT statements run locally")
	}
	return sel, nil
}

// PrepareSession is Prepare with the session's user, database and time
// zone. Translations are cached by text and session until a row set or the
// catalog changes (clients repeat the same catalog queries); statements
// that read the clock are translated each time.
func (db *DB) PrepareSession(sqlText string, sess Session) (*Stmt, error) {
	key := stmtKey{sqlText, sess, db.version.Load()}
	if st, ok := db.stmts.Load(key); ok {
		return st.(*Stmt), nil
	}
	sel, err := parseSelect(sqlText)
	if err != nil {
		return nil, err
	}
	st, err := db.prepare(sel, sess)
	if err != nil {
		return nil, err
	}
	if !st.timed {
		if db.cached.Add(1) > maxCachedStmts {
			db.stmts.Clear()
			db.cached.Store(0)
		}
		db.stmts.Store(key, st)
	}
	return st, nil
}

// maxCachedStmts bounds the translation cache.
const maxCachedStmts = 2048

type stmtKey struct {
	sql     string
	sess    Session
	version int64
}

// PrepareAST translates a parsed SELECT (the translator's residue).
func (db *DB) PrepareAST(sel *pg_query.SelectStmt) (*Stmt, error) { return db.prepare(sel, Session{}) }

func (db *DB) prepare(sel *pg_query.SelectStmt, sess Session) (st *Stmt, err error) {
	defer func() {
		// a translator bug must fail the statement, not the server
		if r := recover(); r != nil {
			st, err = nil, errf("XX000", "internal error translating the statement: %v", r)
		}
	}()
	if _, err := location(sess.timeZone()); err != nil {
		return nil, errf("22023", "invalid value for parameter \"TimeZone\": %q", sess.TimeZone)
	}
	tr := &translator{db: db, now: timeMicros(time.Now()), sess: sess}
	q, err := tr.selectStmt(sel, nil)
	if err != nil {
		return nil, err
	}
	for i, p := range tr.params {
		if p.OID == OIDUnknown {
			tr.params[i] = TText
		}
	}
	q = tr.renderRegOutputs(q)
	return &Stmt{db: db, sqlText: q.sql, cols: q.cols, params: tr.params, sel: sel, sess: sess, timed: tr.timed}, nil
}

// Query prepares and runs a statement.
func (db *DB) Query(ctx context.Context, sqlText string, args ...any) (*Rows, error) {
	st, err := db.Prepare(sqlText)
	if err != nil {
		return nil, err
	}
	return st.Query(ctx, args...)
}

// Query runs the statement with args bound to $1..$n.
func (s *Stmt) Query(ctx context.Context, args ...any) (*Rows, error) {
	if len(args) != len(s.params) {
		return nil, errf("08P01", "statement needs %d parameters, got %d", len(s.params), len(args))
	}
	vals := make([]any, len(args))
	for i, a := range args {
		if str, ok := a.(string); ok && s.params[i].OID == OIDTimestamptz {
			a = nil
			v, err := parseTextIn(str, s.params[i], s.sess.timeZone())
			if err != nil {
				return nil, &Error{Code: sqlstateOf(err.Error()), Msg: fmt.Sprintf("parameter $%d: %v", i+1, strings.TrimPrefix(err.Error(), "localsql: "))}
			}
			vals[i] = v
			continue
		}
		v, err := toStorage(a, s.params[i])
		if err != nil {
			return nil, &Error{Code: codeInvalidText, Msg: fmt.Sprintf("parameter $%d: %v", i+1, strings.TrimPrefix(err.Error(), "localsql: "))}
		}
		vals[i] = v
	}
	rows, err := s.db.db.QueryContext(ctx, s.sqlText, vals...)
	for try := 0; err != nil && strings.Contains(err.Error(), "no such table") && s.sel != nil && try < 10; try++ {
		// the catalog was rebuilt twice since translation: translate again
		fresh, perr := s.db.prepare(s.sel, s.sess)
		if perr != nil {
			return nil, perr
		}
		rows, err = s.db.db.QueryContext(ctx, fresh.sqlText, vals...)
	}
	if err != nil {
		return nil, execError(err)
	}
	return &Rows{rows: rows, cols: s.cols, raw: make([]any, len(s.cols))}, nil
}

// execError strips SQLite's wrapping from errors raised by our functions
// and gives them PostgreSQL's SQLSTATE.
func execError(err error) error {
	msg := err.Error()
	if i := strings.Index(msg, "localsql: "); i >= 0 {
		msg = msg[i+len("localsql: "):]
		if j := strings.LastIndex(msg, " ("); j > 0 && strings.HasSuffix(msg, ")") {
			msg = msg[:j] // SQLite's result code
		}
		return &Error{Code: sqlstateOf(msg), Msg: msg}
	}
	return fmt.Errorf("localsql: %w", err)
}

// sqlstateOf maps the messages of this package's functions to SQLSTATEs.
func sqlstateOf(msg string) string {
	switch {
	case strings.Contains(msg, "division by zero"):
		return "22012"
	case strings.Contains(msg, "invalid input syntax for type date"), strings.Contains(msg, "invalid input syntax for type time"),
		strings.Contains(msg, "invalid input syntax for type interval"):
		return "22007" // covers timestamp and time as well
	case strings.Contains(msg, "invalid input syntax"):
		return "22P02"
	case strings.Contains(msg, "date field value out of range"), strings.Contains(msg, "date/time field value out of range"):
		return "22008"
	case strings.Contains(msg, "out of range"), strings.Contains(msg, "numeric field overflow"):
		return "22003"
	case strings.Contains(msg, "value too long"):
		return "22001"
	case strings.Contains(msg, "invalid regular expression"):
		return "2201B"
	case strings.Contains(msg, "negative substring length"):
		return "22011"
	case strings.Contains(msg, "not recognized"), strings.Contains(msg, "not supported for type"):
		return "22023"
	case strings.Contains(msg, "square root of a negative"), strings.Contains(msg, "logarithm of a non-positive"):
		return "2201F"
	}
	return "XX000"
}

// Rows streams a result. Values are Go values, the catalog's scan types:
// bool, int16 (smallint), int32 (integer), int64 (bigint, oid),
// decimal.Decimal (numeric), float64, string (text types, time, interval),
// catalog.Date (date), time.Time (timestamp and timestamptz, UTC), []byte,
// or nil for NULL.
type Rows struct {
	rows *sql.Rows
	cols []Column
	raw  []any
	ptrs []any
	vals []any
	err  error
}

// Columns are the result columns.
func (r *Rows) Columns() []Column { return r.cols }

// Next advances to the next row.
func (r *Rows) Next() bool {
	if r.err != nil || !r.rows.Next() {
		return false
	}
	if r.ptrs == nil {
		r.ptrs = make([]any, len(r.raw))
		for i := range r.raw {
			r.ptrs[i] = &r.raw[i]
		}
	}
	if err := r.rows.Scan(r.ptrs...); err != nil {
		r.err = err
		return false
	}
	r.vals = make([]any, len(r.raw))
	for i, v := range r.raw {
		x, err := fromStorage(v, r.cols[i].Type)
		if err != nil {
			r.err = err
			return false
		}
		r.vals[i] = x
	}
	return true
}

// Values are the current row's values.
func (r *Rows) Values() []any { return r.vals }

// Err is the error that ended iteration, if any.
func (r *Rows) Err() error {
	if r.err != nil {
		return r.err
	}
	if err := r.rows.Err(); err != nil {
		return execError(err)
	}
	return nil
}

// Close releases the result.
func (r *Rows) Close() error { return r.rows.Close() }
