package emulator

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/soqlgate/soqlgate/soql"
)

// This file serves GET /query?q=, /queryAll?q= and /query/<locator>: parse
// with soql, check and compile (soqlcheck.go, compile.go), run on SQLite one
// page at a time, shape the records (shape.go), keep a cursor for the rest
// (locator.go).

const (
	minBatchSize = 200
	maxBatchSize = 2000
)

// handleQuery serves /query and /queryAll.
func (s *Server) handleQuery(w http.ResponseWriter, r *http.Request, all bool) {
	values := r.URL.Query()
	text, ok := values["q"]
	if !ok || strings.TrimSpace(text[0]) == "" {
		if _, explain := values["explain"]; explain {
			writeAPIError(w, http.StatusNotImplemented, "NOT_IMPLEMENTED", "the soqlgate emulator does not implement query explain plans")
			return
		}
		writeAPIError(w, http.StatusBadRequest, "MALFORMED_QUERY", "A query string has to be specified")
		return
	}
	q := text[0]
	res, qerr, err := s.runQuery(r.Context(), q, all, "v"+requestVersion(r), s.batchSize(r))
	s.writeQueryResult(w, r, res, qerr, err)
}

// handleQueryMore serves /query/<locator> (and /queryAll/<locator>).
func (s *Server) handleQueryMore(w http.ResponseWriter, r *http.Request, locator string) {
	res, qerr, err := s.queryMore(r.Context(), locator, "v"+requestVersion(r))
	s.writeQueryResult(w, r, res, qerr, err)
}

func (s *Server) writeQueryResult(w http.ResponseWriter, r *http.Request, body []byte, qerr *queryError, err error) {
	pretty := r.Header.Get("X-PrettyPrint") == "1"
	if qerr != nil {
		if pretty {
			writeRawJSON(w, qerr.status, prettyJSON(marshalJSON([]apiError{{Message: qerr.message, ErrorCode: qerr.code}})))
			return
		}
		writeAPIError(w, qerr.status, qerr.code, qerr.message)
		return
	}
	if err != nil {
		s.logf("emulator: query: %v", err)
		writeAPIError(w, http.StatusInternalServerError, "UNKNOWN_EXCEPTION", "An unexpected error occurred. Please include this ErrorId if you contact support: emulator-query")
		return
	}
	if pretty {
		body = prettyJSON(body)
	}
	writeRawJSON(w, http.StatusOK, body)
}

// batchSize is the page size of a new query: the forced page size when set,
// else Sforce-Query-Options: batchSize=N clamped to 200…2000, else 2000.
func (s *Server) batchSize(r *http.Request) int {
	s.mu.Lock()
	forced := s.pageSize
	s.mu.Unlock()
	if forced > 0 {
		return forced
	}
	n := maxBatchSize
	for _, opt := range strings.Split(r.Header.Get("Sforce-Query-Options"), ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(opt), "=")
		if strings.EqualFold(strings.TrimSpace(k), "batchSize") {
			if b, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
				n = min(max(b, minBatchSize), maxBatchSize)
			}
		}
	}
	return n
}

func (s *Server) locatorLifetime() time.Duration {
	if s.opts.LocatorLifetime > 0 {
		return s.opts.LocatorLifetime
	}
	return defaultLocatorLifetime
}

// runQuery parses, compiles and runs a statement and renders its first
// page. A *queryError is Salesforce's answer to a bad statement; err is the
// emulator's own failure.
func (s *Server) runQuery(ctx context.Context, text string, all bool, version string, pageSize int) ([]byte, *queryError, error) {
	parsed, err := soql.Parse(text)
	if err != nil {
		var pe *soql.ParseError
		if errors.As(err, &pe) {
			return nil, &queryError{status: http.StatusBadRequest, code: "MALFORMED_QUERY", message: pe.Error()}, nil
		}
		return nil, nil, err
	}
	now := s.locators().now()
	plan, qerr := s.compileQuery(text, parsed, all, now)
	if qerr != nil {
		return nil, qerr, nil
	}
	switch {
	case plan.countOnly:
		total, err := s.countRows(ctx, plan)
		if err != nil {
			return nil, nil, err
		}
		return appendQueryResult(nil, total, true, "", nil), nil, nil
	case plan.aggregate:
		return s.runAggregate(ctx, plan, pageSize)
	}
	total, err := s.countRows(ctx, plan)
	if err != nil {
		return nil, nil, err
	}
	c := &cursor{plan: plan, pageSize: pageSize, total: total, all: all}
	return s.renderPage(ctx, c, 0, version, now)
}

// queryMore serves the page a locator names.
func (s *Server) queryMore(ctx context.Context, locator, version string) ([]byte, *queryError, error) {
	now := s.locators().now()
	c, off, ok := s.locators().get(s.db, locator, s.locatorLifetime(), now)
	if !ok {
		return nil, &queryError{status: http.StatusBadRequest, code: "INVALID_QUERY_LOCATOR", message: "invalid query locator"}, nil
	}
	return s.renderPage(ctx, c, off, version, now)
}

// renderPage renders the rows of c from position pos, registering the
// cursor when more rows follow.
func (s *Server) renderPage(ctx context.Context, c *cursor, pos int, version string, now time.Time) ([]byte, *queryError, error) {
	// A result with more than a page gets its locator (and, unless it is in
	// Id order, its snapshot) before the first page is read.
	more := pos == 0 && c.total > c.pageSize && c.plan.offset == 0
	if more && c.id == "" {
		c.id = newLocatorID()
		if !c.plan.keyset {
			if err := s.snapshot(ctx, c); err != nil {
				return nil, nil, err
			}
		}
		s.locators().put(s.db, c, s.locatorLifetime(), now)
	}
	rows, err := s.fetchPage(ctx, c, pos)
	if err != nil {
		return nil, nil, err
	}
	next := pos + len(rows)
	done := next >= c.total || len(rows) == 0 || c.plan.offset > 0
	nextURL := ""
	if !done {
		nextURL = "/services/data/" + version + "/query/" + c.id + "-" + strconv.Itoa(next)
	}
	w := &recordWriter{version: version}
	recs, err := s.appendRecords(ctx, nil, w, c.plan, rows)
	if err != nil {
		return nil, nil, err
	}
	return appendQueryResult(nil, c.total, done, nextURL, recs), nil, nil
}

// appendQueryResult writes {"totalSize":…,"done":…,["nextRecordsUrl":…,]"records":[…]}.
func appendQueryResult(b []byte, total int, done bool, nextURL string, records []byte) []byte {
	b = append(b, `{"totalSize":`...)
	b = strconv.AppendInt(b, int64(total), 10)
	b = append(b, `,"done":`...)
	b = strconv.AppendBool(b, done)
	if nextURL != "" {
		b = append(b, `,"nextRecordsUrl":`...)
		b = appendJSONString(b, nextURL)
	}
	b = append(b, `,"records":[`...)
	b = append(b, records...)
	return append(b, ']', '}')
}

// countRows is the totalSize of a record query: the matching rows after
// OFFSET and LIMIT.
func (s *Server) countRows(ctx context.Context, p *queryPlan) (int, error) {
	q := "SELECT COUNT(*) FROM " + p.countFrom
	if p.where != "" {
		q += " WHERE " + p.where
	}
	var n int
	if err := s.db.QueryRowContext(ctx, q, p.whereArgs...).Scan(&n); err != nil {
		return 0, err
	}
	n = max(n-p.offset, 0)
	if p.limit != nil {
		n = min(n, *p.limit)
	}
	return n, nil
}

// fetchPage reads up to c.pageSize rows of c's result from position pos.
// Queries ordered by Id alone continue past the last Id served (keyset);
// other ordered queries read the cursor's snapshot of ordered Ids, taken
// once when the first page showed more would follow, so that no page sorts
// the whole result again.
func (s *Server) fetchPage(ctx context.Context, c *cursor, pos int) ([][]any, error) {
	p := c.plan
	n := c.pageSize
	if p.limit != nil {
		n = min(n, *p.limit-pos)
	}
	if n <= 0 || pos >= c.total {
		return nil, nil
	}
	if c.snapshot {
		q := "SELECT " + strings.Join(p.cols, ", ") + " FROM " + cursorTable + " cur JOIN " + p.table +
			" ON " + p.rootID + " = cur.id " + p.joins + " WHERE cur.cursor = ? AND cur.pos >= ? ORDER BY cur.pos LIMIT ?"
		return s.scanAll(ctx, q, len(p.cols), []any{c.id, pos, n})
	}
	args := append([]any(nil), p.whereArgs...)
	conds := p.where
	skip := p.offset + pos
	c.mu.Lock()
	if p.keyset && pos > 0 && pos == c.next && c.lastID != "" {
		if conds != "" {
			conds = "(" + conds + ") AND "
		}
		conds += p.rootID + " > ?"
		args = append(args, c.lastID)
		skip = 0
	}
	c.mu.Unlock()
	q := "SELECT " + strings.Join(p.cols, ", ") + " FROM " + p.from
	if conds != "" {
		q += " WHERE " + conds
	}
	q += " ORDER BY " + p.orderBy + " LIMIT ? OFFSET ?"
	args = append(args, n, skip)
	rows, err := s.scanAll(ctx, q, len(p.cols), args)
	if err != nil {
		return nil, err
	}
	if len(rows) > 0 && p.idCol >= 0 {
		c.mu.Lock()
		c.next = pos + len(rows)
		c.lastID = asString(rows[len(rows)-1][p.idCol])
		c.mu.Unlock()
	}
	return rows, nil
}

// cursorTable holds the ordered Ids of the open cursors of ordered queries.
const cursorTable = "_soqlgate_cursor"

// snapshot numbers the Ids of c's result in the query's order into the
// cursor table.
func (s *Server) snapshot(ctx context.Context, c *cursor) error {
	if err := s.locators().init(ctx, s.db); err != nil {
		return err
	}
	p := c.plan
	q := "INSERT INTO " + cursorTable + " (cursor, pos, id) SELECT ?, ROW_NUMBER() OVER (ORDER BY " + p.orderBy + ") - 1, " +
		p.rootID + " FROM " + p.from
	if p.where != "" {
		q += " WHERE " + p.where
	}
	args := append([]any{c.id}, p.whereArgs...)
	if _, err := s.db.ExecContext(ctx, q, args...); err != nil {
		return err
	}
	c.snapshot = true
	return nil
}

func (s *Server) scanAll(ctx context.Context, q string, ncols int, args []any) ([][]any, error) {
	rs, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out [][]any
	for rs.Next() {
		row := make([]any, ncols)
		ptrs := make([]any, ncols)
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			return nil, err
		}
		out = append(out, row)
	}
	return out, rs.Err()
}

// runAggregate runs a GROUP BY / aggregate query: one page, never a locator.
// More groups than a page holds is refused outright, as orgs do (past 2,000
// rows at the default batch size).
func (s *Server) runAggregate(ctx context.Context, p *queryPlan, pageSize int) ([]byte, *queryError, error) {
	var q string
	var args []any
	if p.groupKind == soql.GroupPlain {
		q = "SELECT " + strings.Join(p.cols, ", ") + " FROM " + p.from
		if p.where != "" {
			q += " WHERE " + p.where
		}
		args = append(append(args, p.whereArgs...), p.havArgs...)
		if p.groupBy != "" {
			q += " GROUP BY " + p.groupBy
		}
		if p.having != "" {
			q += " HAVING " + p.having
		}
		if p.orderBy != "" {
			q += " ORDER BY " + p.orderBy
		}
	} else {
		q, args = rollupSQL(p)
	}
	limit := -1
	if p.limit != nil {
		limit = *p.limit
	}
	q += " LIMIT ? OFFSET ?"
	args = append(args, limit, p.offset)
	rows, err := s.scanAll(ctx, q, len(p.cols), args)
	if err != nil {
		return nil, nil, err
	}
	if len(rows) > pageSize {
		return nil, errPlain("MALFORMED_QUERY", "Aggregate query does not support queryMore(), use LIMIT to restrict the results to a single batch"), nil
	}
	var recs []byte
	for i, row := range rows {
		if i > 0 {
			recs = append(recs, ',')
		}
		recs = appendAggregate(recs, p.aggNodes, row)
	}
	return appendQueryResult(nil, len(rows), true, "", recs), nil, nil
}

// rollupSQL writes GROUP BY ROLLUP / CUBE as a UNION ALL of one grouped
// SELECT per grouping set (SQLite has no grouping sets): rolled-up fields
// and GROUPING() read null and 1 there. Without an ORDER BY, each subtotal
// row follows the rows it sums and the grand total comes last, as Salesforce
// lists them.
func rollupSQL(p *queryPlan) (string, []any) {
	n := len(p.groupCols)
	var sets []int // bit i set = field i rolled up
	if p.groupKind == soql.GroupRollup {
		for k := 0; k <= n; k++ {
			sets = append(sets, (1<<n-1)&^(1<<(n-k)-1))
		}
	} else {
		for m := 0; m < 1<<n; m++ {
			sets = append(sets, m)
		}
	}
	groupExprs := strings.Split(p.groupBy, ", ")
	var branches []string
	var args []any
	for _, set := range sets {
		cols := make([]string, 0, len(p.cols)+n)
		for k, col := range p.cols {
			expr := col
			for i, g := range p.groupCols {
				if col == g && set&(1<<i) != 0 {
					expr = "NULL"
				}
				if col == "0 /* GROUPING "+strconv.Itoa(i)+" */" && set&(1<<i) != 0 {
					expr = "1"
				}
			}
			cols = append(cols, expr+" AS c"+strconv.Itoa(k))
		}
		var kept []string
		for i := 0; i < n; i++ {
			flag := "0"
			if set&(1<<i) != 0 {
				flag = "1"
			} else {
				kept = append(kept, groupExprs[i])
			}
			cols = append(cols, flag+" AS g"+strconv.Itoa(i))
		}
		b := "SELECT " + strings.Join(cols, ", ") + " FROM " + p.from
		if p.where != "" {
			b += " WHERE " + p.where
		}
		args = append(args, p.whereArgs...)
		if len(kept) > 0 {
			b += " GROUP BY " + strings.Join(kept, ", ")
		}
		if p.having != "" {
			b += " HAVING " + p.having
			args = append(args, p.havArgs...)
		}
		branches = append(branches, b)
	}
	outer := make([]string, len(p.cols))
	for k := range p.cols {
		outer[k] = "c" + strconv.Itoa(k)
	}
	order := p.orderBy
	if order == "" {
		var terms []string
		for i, g := range p.groupCols {
			terms = append(terms, "g"+strconv.Itoa(i))
			for k, col := range p.cols {
				if col == g {
					terms = append(terms, foldFunc+"(c"+strconv.Itoa(k)+") ASC NULLS FIRST")
					break
				}
			}
		}
		order = strings.Join(terms, ", ")
	}
	return "SELECT " + strings.Join(outer, ", ") + " FROM (" + strings.Join(branches, " UNION ALL ") + ") ORDER BY " + order, args
}

// appendRecords renders rows of a record plan, loading their child
// subqueries first (one statement per subquery for all the rows).
func (s *Server) appendRecords(ctx context.Context, b []byte, w *recordWriter, p *queryPlan, rows [][]any) ([]byte, error) {
	cw := *w
	cw.children = make([]map[string][]byte, len(p.children))
	if len(p.children) > 0 && len(rows) > 0 {
		ids := make([]string, len(rows))
		for i, row := range rows {
			ids[i] = asString(row[p.idCol])
		}
		idsJSON, err := json.Marshal(ids)
		if err != nil {
			return nil, err
		}
		for i, cp := range p.children {
			m, err := s.loadChildren(ctx, w, cp, string(idsJSON))
			if err != nil {
				return nil, err
			}
			cw.children[i] = m
		}
	}
	for i, row := range rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = cw.appendRecord(b, p.root, row)
	}
	return b, nil
}

// loadChildren runs a child subquery for a set of parents and renders, per
// parent id, its nested QueryResult.
func (s *Server) loadChildren(ctx context.Context, w *recordWriter, cp *childPlan, idsJSON string) (map[string][]byte, error) {
	p := cp.plan
	q := "SELECT " + strings.Join(p.cols, ", ") + " FROM " + p.from + " WHERE " + p.where + " ORDER BY " + p.orderBy
	args := append(append([]any(nil), p.whereArgs...), idsJSON)
	rows, err := s.scanAll(ctx, q, len(p.cols), args)
	if err != nil {
		return nil, err
	}
	// Group by parent, applying the subquery's OFFSET and LIMIT per parent.
	groups := map[string][][]any{}
	var order []string
	seen := map[string]int{}
	for _, row := range rows {
		parent := asString(row[cp.fkCol])
		k := seen[parent]
		seen[parent] = k + 1
		if k < p.offset || p.limit != nil && k >= p.offset+*p.limit {
			continue
		}
		if _, ok := groups[parent]; !ok {
			order = append(order, parent)
		}
		groups[parent] = append(groups[parent], row)
	}
	out := make(map[string][]byte, len(groups))
	for _, parent := range order {
		rs := groups[parent]
		total, nextURL := len(rs), ""
		if total > childBatchSize && p.offset == 0 {
			// The rest of a large child set is served by a locator of its own.
			c := &cursor{plan: childCursorPlan(p, parent), pageSize: childBatchSize, total: total, id: newLocatorID()}
			if err := s.snapshot(ctx, c); err != nil {
				return nil, err
			}
			s.locators().put(s.db, c, s.locatorLifetime(), s.locators().now())
			nextURL = "/services/data/" + w.version + "/query/" + c.id + "-" + strconv.Itoa(childBatchSize)
			rs = rs[:childBatchSize]
		}
		recs, err := s.appendRecords(ctx, nil, w, p, rs)
		if err != nil {
			return nil, err
		}
		out[parent] = appendQueryResult(nil, total, nextURL == "", nextURL, recs)
	}
	return out, nil
}

// childBatchSize is how many children of one parent a result carries before
// the rest goes behind the child result's nextRecordsUrl.
const childBatchSize = 200

// childCursorPlan is a child subquery's plan narrowed to one parent.
func childCursorPlan(p *queryPlan, parentID string) *queryPlan {
	one := *p
	ids, _ := json.Marshal([]string{parentID})
	one.whereArgs = append(append([]any(nil), p.whereArgs...), string(ids))
	one.keyset = false
	return &one
}
