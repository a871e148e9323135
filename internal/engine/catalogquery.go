package engine

import (
	"context"
	"regexp"
	"strings"
	"sync"

	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/internal/localsql"
)

// catalogHint finds statements that may read the system catalogs, before
// paying for a parse: information_schema, pg_catalog, a pg_* relation or a
// pg_* / format_type / current_* function.
var catalogHint = regexp.MustCompile(`(?i)information_schema|pg_[a-z_]+|format_type|current_(schema|database|user|setting)|version\s*\(`)

// isCatalogQuery reports whether sql reads only the system catalogs (or no
// table at all), so it runs on localsql's catalog tables rather than in
// Salesforce.
func isCatalogQuery(sql string) bool {
	if !catalogHint.MatchString(sql) {
		return false
	}
	tree, err := pg.Parse(sql)
	if err != nil || len(tree.Stmts) != 1 {
		return false
	}
	if tree.Stmts[0].Stmt.GetSelectStmt() == nil {
		return false
	}
	js, err := pg.ParseToJSON(sql)
	if err != nil {
		return false
	}
	// Every relation must be a catalog one: a query joining a catalog view
	// with a Salesforce object is not answered here.
	for _, m := range relationRef.FindAllStringSubmatch(js, -1) {
		schema, name := m[1], m[2]
		if !isCatalogRelation(schema, name) {
			return false
		}
	}
	return true
}

// relationRef pulls (schemaname, relname) pairs out of pg_query's JSON;
// schemaname is empty when unqualified.
var relationRef = regexp.MustCompile(`"RangeVar":\{(?:"catalogname":"[^"]*",)?(?:"schemaname":"([^"]*)",)?"relname":"([^"]*)"`)

func isCatalogRelation(schema, name string) bool {
	switch strings.ToLower(schema) {
	case "information_schema", "pg_catalog":
		return true
	case "":
		return strings.HasPrefix(strings.ToLower(name), "pg_")
	}
	return false
}

// catalogDB holds the catalog tables of the engine's org, rebuilt when the
// snapshot of every object changes (a describe expired or was invalidated).
type catalogDB struct {
	mu sync.Mutex
	db *localsql.DB
}

// queryCatalog answers a catalog statement from pg_catalog and
// information_schema tables built from the describes of every queryable
// object of the org.
func (e *Engine) queryCatalog(ctx context.Context, sql string, args []any) (*Rows, error) {
	scope, err := e.scope(ctx)
	if err != nil {
		return nil, err
	}
	global, err := e.cache.Global(ctx, scope, e.fetchGlobal)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, o := range global {
		if o.Queryable {
			names = append(names, o.Name)
		}
	}
	snap, err := e.cache.Snapshot(ctx, scope, names, e.fetchDescribe)
	if err != nil {
		return nil, err
	}
	db, err := e.catalogTables(ctx, snap)
	if err != nil {
		return nil, err
	}
	rows, err := db.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	r := &Rows{explain: []string{"catalog query: answered locally from pg_catalog / information_schema built from describe"}}
	for _, c := range rows.Columns() {
		r.cols = append(r.cols, Column{Name: c.Name, Nullable: true, Type: sqlTypeOfLocal(c.Type)})
	}
	r.src = &localSource{rows: rows, cols: r.cols}
	return r, nil
}

func (e *Engine) catalogTables(ctx context.Context, snap *catalog.Snapshot) (*localsql.DB, error) {
	e.cat.mu.Lock()
	defer e.cat.mu.Unlock()
	if e.cat.db == nil {
		db, err := localsql.Open(localsql.Options{})
		if err != nil {
			return nil, err
		}
		e.cat.db = db
	}
	if err := e.cat.db.LoadCatalog(ctx, snap); err != nil {
		return nil, err
	}
	return e.cat.db, nil
}
