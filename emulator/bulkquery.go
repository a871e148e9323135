package emulator

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/soqlgate/soqlgate/soql"
)

// bulkPlan is a Bulk query ready to run: the SQLite statement the query
// compiler made of the SOQL, and the result columns in SELECT order.
type bulkPlan struct {
	object string // the FROM object, describe casing
	all    bool   // queryAll: soft-deleted rows too
	query  *soql.Query
	sql    string
	args   []any
	cols   []bulkColumn
}

// bulkError is a query Bulk refuses. code is the REST-style error code
// Bulk 2.0 answers with at job creation; Bulk 1.0 fails the batch with a
// stateMessage built from it (batchStateMessage).
type bulkError struct {
	code    string
	message string
}

func (e *bulkError) Error() string { return e.code + ": " + e.message }

// batchStateMessage is how a Bulk 1.0 batch reports a query it could not
// run, e.g. "InvalidBatch : Failed to process query: FUNCTIONALITY_NOT_ENABLED:
// Selecting compound data not supported in Bulk Query" [R for that one].
func (e *bulkError) batchStateMessage() string {
	code := e.code
	if code == "API_ERROR" {
		code = "FUNCTIONALITY_NOT_ENABLED"
	}
	return "InvalidBatch : Failed to process query: " + code + ": " + e.message
}

// The messages Bulk gives for what it cannot do (§3.4, §4.2). The compound
// and subquery wordings are recorded in client code that matches on them;
// the others follow the same pattern [U].
const (
	msgBulkCompound  = "Selecting compound data not supported in Bulk Query"
	msgBulkSubquery  = "Aggregate Relationships not supported in Bulk Query"
	msgBulkAggregate = "Aggregate queries are not supported in Bulk Query"
	msgBulkOffset    = "OFFSET clause is not supported in Bulk Query"
	msgBulkTypeOf    = "TYPEOF clause is not supported in Bulk Query"
)

// checkBulkShape rejects the SOQL constructs Bulk does not run: aggregate
// functions and GROUP BY, parent-to-child subqueries, OFFSET, TYPEOF.
func checkBulkShape(q *soql.Query) *bulkError {
	for _, it := range q.Select {
		switch x := it.Expr.(type) {
		case *soql.SubQuery:
			return &bulkError{"API_ERROR", msgBulkSubquery}
		case *soql.TypeOf:
			return &bulkError{"API_ERROR", msgBulkTypeOf}
		case *soql.FuncCall:
			if isAggregateFunc(x.Name) {
				return &bulkError{"API_ERROR", msgBulkAggregate}
			}
		}
	}
	if q.GroupBy != nil || q.Having != nil {
		return &bulkError{"API_ERROR", msgBulkAggregate}
	}
	if q.Offset != nil {
		return &bulkError{"API_ERROR", msgBulkOffset}
	}
	return nil
}

// checkBulkFields rejects compound (address, location) and base64 fields:
// Bulk writes CSV, which cannot hold either.
func checkBulkFields(cols []bulkColumn) *bulkError {
	for _, c := range cols {
		switch c.Type {
		case "address", "location":
			return &bulkError{"API_ERROR", msgBulkCompound}
		case "base64":
			return &bulkError{"API_ERROR", fmt.Sprintf("Cannot serialize value for '%s' in CSV format", c.Name)}
		}
	}
	return nil
}

// planBulkQuery parses, checks and compiles the SOQL of a Bulk query job
// or batch.
func (s *Server) planBulkQuery(text string, all bool) (*bulkPlan, *bulkError) {
	q, err := soql.Parse(text)
	if err != nil {
		var pe *soql.ParseError
		if errors.As(err, &pe) {
			return nil, &bulkError{"MALFORMED_QUERY", pe.Error()}
		}
		return nil, &bulkError{"MALFORMED_QUERY", err.Error()}
	}
	if e := checkBulkShape(q); e != nil {
		return nil, e
	}
	plan, e := s.compileBulk(text, q, all)
	if e != nil {
		return nil, e
	}
	plan.all, plan.query = all, q
	return plan, nil
}

// execBulkPlan runs a plan and materializes its result as CSV in format f;
// keepRecords also keeps the scanned values (Bulk 1.0 JSON / XML jobs).
func (s *Server) execBulkPlan(ctx context.Context, plan *bulkPlan, f csvFormat) (*bulkResult, error) {
	return s.execBulkPlanKeep(ctx, plan, f, false)
}

func (s *Server) execBulkPlanKeep(ctx context.Context, plan *bulkPlan, f csvFormat, keepRecords bool) (*bulkResult, error) {
	rows, err := s.db.QueryContext(ctx, plan.sql, plan.args...)
	if err != nil {
		return nil, fmt.Errorf("emulator: bulk query: %w", err)
	}
	defer rows.Close()
	res := newBulkResult(plan.cols, f)
	n := len(plan.cols)
	vals := make([]any, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("emulator: bulk query: %w", err)
		}
		res.addCSV(f, vals)
		if keepRecords {
			rec := make([]any, n)
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				rec[i] = v
			}
			res.records = append(res.records, rec)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("emulator: bulk query: %w", err)
	}
	if keepRecords && res.records == nil {
		res.records = [][]any{}
	}
	return res, nil
}

// compileBulk checks and compiles a parsed query with the query compiler
// (compileQuery, compile.go) and reads the result columns off its record
// shape: each value in describe casing with its parent path
// ("Account.Name") and describe type, parents in the order the shape nests
// them. Paging is Bulk's business, so the statement has no page limit.
func (s *Server) compileBulk(text string, q *soql.Query, all bool) (*bulkPlan, *bulkError) {
	qp, qerr := s.compileQuery(text, q, all, time.Now())
	if qerr != nil {
		return nil, &bulkError{qerr.code, qerr.message}
	}
	if qp.countOnly || qp.aggregate {
		return nil, &bulkError{"API_ERROR", msgBulkAggregate}
	}
	if len(qp.children) > 0 {
		return nil, &bulkError{"API_ERROR", msgBulkSubquery}
	}
	plan := &bulkPlan{object: qp.obj.Name}
	var idx []int
	var walk func(prefix string, parents []string, r *recordShape) *bulkError
	walk = func(prefix string, parents []string, r *recordShape) *bulkError {
		for _, n := range r.nodes {
			switch n.kind {
			case nodeValue:
				plan.cols = append(plan.cols, bulkColumn{Name: prefix + n.key, Type: n.f.Type, parents: parents})
				idx = append(idx, n.col)
			case nodeParent:
				typ := n.obj.typeName
				if typ == "" { // polymorphic: the type varies per row
					typ = "Name"
				}
				if err := walk(prefix+n.key+".", append(slices.Clip(parents), typ), n.obj); err != nil {
					return err
				}
			case nodeCompound:
				return &bulkError{"API_ERROR", msgBulkCompound}
			case nodeChild:
				return &bulkError{"API_ERROR", msgBulkSubquery}
			}
		}
		return nil
	}
	if err := walk("", nil, qp.root); err != nil {
		return nil, err
	}
	if e := checkBulkFields(plan.cols); e != nil {
		return nil, e
	}
	plan.cols, idx = selectOrder(q, plan.cols, idx)
	sel := make([]string, len(idx))
	for i, c := range idx {
		sel[i] = qp.cols[c]
	}
	stmt := "SELECT " + strings.Join(sel, ", ") + " FROM " + qp.from
	if qp.where != "" {
		stmt += " WHERE " + qp.where
	}
	stmt += " ORDER BY " + qp.orderBy + " LIMIT ? OFFSET ?"
	limit := -1
	if qp.limit != nil {
		limit = *qp.limit
	}
	plan.sql = stmt
	plan.args = append(append([]any{}, qp.whereArgs...), limit, qp.offset)
	return plan, nil
}

// selectOrder puts the columns in SELECT order: the compiler's shape nests
// a parent's fields together at the parent's first mention, Bulk's CSV
// keeps the order of the select list ("Account.Name","Id","Account.Type").
// A select item's path matches a column by name, with or without a leading
// FROM alias or object name. With FIELDS(…) the shape order stays.
func selectOrder(q *soql.Query, cols []bulkColumn, idx []int) ([]bulkColumn, []int) {
	var paths []string
	for _, it := range q.Select {
		var ref *soql.FieldRef
		switch x := it.Expr.(type) {
		case *soql.FieldRef:
			ref = x
		case *soql.FuncCall:
			if len(x.Args) == 1 {
				ref, _ = x.Args[0].(*soql.FieldRef)
			}
		}
		if ref == nil {
			return cols, idx
		}
		paths = append(paths, strings.ToLower(strings.Join(ref.Path, ".")))
	}
	used := make([]bool, len(cols))
	var outCols []bulkColumn
	var outIdx []int
	for _, p := range paths {
		_, short, _ := strings.Cut(p, ".")
		found := -1
		for i, c := range cols {
			if used[i] {
				continue
			}
			name := strings.ToLower(c.Name)
			if name == p {
				found = i
				break
			}
			if found < 0 && short != "" && name == short {
				found = i
			}
		}
		if found < 0 {
			return cols, idx
		}
		used[found] = true
		outCols = append(outCols, cols[found])
		outIdx = append(outIdx, idx[found])
	}
	if len(outCols) != len(cols) {
		return cols, idx
	}
	return outCols, outIdx
}
