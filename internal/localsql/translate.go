package localsql

import (
	"fmt"
	"strconv"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// Column is a named, typed column of a loaded row set or of a result.
type Column struct {
	Name string
	Type Type
}

// relation is a table the translator can read: its SQLite name and columns.
type relation struct {
	sqlName string
	cols    []Column
	// viewSQL, when set, makes the relation a view: PostgreSQL SQL
	// translated in place wherever it is referenced.
	viewSQL    string
	viewSchema string
}

// tableLookup finds relations by (schema, name); schema is "" when unqualified.
type tableLookup interface {
	lookupRelation(schema, name string) (*relation, bool)
}

// Error is a translation or execution error with its SQLSTATE.
type Error struct {
	Code string // SQLSTATE, e.g. 42P01
	Msg  string
}

func (e *Error) Error() string { return "localsql: " + e.Msg }

func errf(code, format string, args ...any) error {
	return &Error{Code: code, Msg: fmt.Sprintf(format, args...)}
}

// SQLSTATEs used here.
const (
	codeUndefinedTable    = "42P01"
	codeUndefinedColumn   = "42703"
	codeUndefinedFunction = "42883"
	codeAmbiguousColumn   = "42702"
	codeDatatypeMismatch  = "42804"
	codeSyntax            = "42601"
	codeFeature           = "0A000"
	codeInvalidText       = "22P02"
)

// expr is a translated expression: SQLite text plus its PostgreSQL type.
type expr struct {
	sql   string
	t     Type
	lit   *string // an untyped string literal (its type is decided by context)
	null  bool    // a bare NULL
	param int     // a bare $n whose type is not decided yet
	name  string  // PostgreSQL's column name for it (FigureColname)
	weak  bool    // name is a fallback ("case", a cast's type name) that outer nodes may replace
}

func (e expr) untyped() bool { return e.t.OID == OIDUnknown }

// scope resolves column references of one query level.
type scope struct {
	parent *scope
	items  []*rangeItem
	ctes   map[string]*cte
}

type cte struct {
	sqlName string
	cols    []Column
}

// rangeItem is one FROM entry as seen by column references.
type rangeItem struct {
	name   string // the name it is referenced by (alias or table name)
	cols   []scol
	hidden map[string]bool // columns merged into a USING entry
}

type scol struct {
	name string
	t    Type
	sql  string
}

// translator turns one statement into SQLite SQL.
type translator struct {
	srf      *srfCtx      // set while a select list may hold set-returning functions
	grouping *groupingCtx // set while one grouping set of a query is translated
	db       tableLookup
	params   []Type
	n        int
	now      int64 // statement timestamp, microseconds
	sess     Session
	timed    bool // the statement read the clock: its translation is not reusable
}

// clock is the statement timestamp; reading it makes the translation
// specific to this execution.
func (tr *translator) clock() int64 {
	tr.timed = true
	return tr.now
}

// Session carries the per-session values catalog functions report
// (current_user, current_database()). SQLite functions are registered
// process-wide, so these are written into the SQL as literals.
type Session struct {
	User     string // default "soqlgate"
	Database string // default "salesforce"
	// TimeZone is the session's IANA zone (PostgreSQL's TimeZone setting),
	// default "UTC": timestamptz values are instants, and date_trunc,
	// extract, to_char, casts to date / timestamp and calendar arithmetic
	// on them happen in this zone.
	TimeZone string
}

func (s Session) timeZone() string {
	if s.TimeZone == "" {
		return "UTC"
	}
	return s.TimeZone
}

func (s Session) user() string {
	if s.User == "" {
		return sessionUser
	}
	return s.User
}

func (s Session) database() string {
	if s.Database == "" {
		return databaseName
	}
	return s.Database
}

func (tr *translator) fresh(prefix string) string {
	tr.n++
	return fmt.Sprintf("_%s%d", prefix, tr.n)
}

// quoteIdent quotes an SQLite identifier.
func quoteIdent(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

func quoteString(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

func nodeString(n *pg_query.Node) string {
	if s := n.GetString_(); s != nil {
		return s.Sval
	}
	return ""
}

func lastName(nodes []*pg_query.Node) string {
	if len(nodes) == 0 {
		return ""
	}
	return nodeString(nodes[len(nodes)-1])
}

// ---------------------------------------------------------------- statements

// query is a translated query: its SQL and output columns.
type query struct {
	sql  string
	cols []Column
}

// selectCore is a simple SELECT before rendering, so set operations can
// coerce its target columns first.
type selectCore struct {
	distinct string
	targets  []expr
	from     string
	where    string
	group    string
	having   string
	window   string
	order    string
	limit    string
	// wrap, when set, makes the core a subquery filtered on a row number
	// (DISTINCT ON).
	wrapDistinctOn string
}

func (c *selectCore) render() string {
	var b strings.Builder
	b.WriteString("SELECT ")
	b.WriteString(c.distinct)
	for i, t := range c.targets {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(t.sql)
		if t.t.storage() == stNumeric && !strings.HasSuffix(t.sql, `COLLATE "pgnum"`) {
			b.WriteString(` COLLATE "pgnum"`)
		}
		if t.t.storage() == stInterval && !strings.HasSuffix(t.sql, `COLLATE "pginterval"`) {
			b.WriteString(` COLLATE "pginterval"`)
		}
		b.WriteString(" AS ")
		b.WriteString(quoteIdent(t.name))
	}
	for _, clause := range [...]struct{ keyword, sql string }{
		{" FROM ", c.from},
		{" WHERE ", c.where},
		{" GROUP BY ", c.group},
		{" HAVING ", c.having},
		{" WINDOW ", c.window},
		{" ORDER BY ", c.order},
	} {
		if clause.sql != "" {
			b.WriteString(clause.keyword)
			b.WriteString(clause.sql)
		}
	}
	b.WriteString(c.limit)
	return b.String()
}

func (tr *translator) selectStmt(s *pg_query.SelectStmt, parent *scope) (query, error) {
	sc := &scope{parent: parent} // holds this level's CTEs
	var with string
	if s.WithClause != nil {
		w, err := tr.withClause(s.WithClause, sc)
		if err != nil {
			return query{}, err
		}
		with = w
	}
	var q query
	var err error
	if s.Op != pg_query.SetOperation_SETOP_NONE && s.Op != pg_query.SetOperation_SET_OPERATION_UNDEFINED {
		q, err = tr.setOp(s, sc)
	} else if sets, gerr := groupingSetsOf(s.GroupClause); gerr != nil {
		return query{}, gerr
	} else if sets != nil {
		q, err = tr.groupingSelect(s, sc, sets)
	} else {
		q, err = tr.simpleSelect(s, &scope{parent: sc})
	}
	if err != nil {
		return query{}, err
	}
	q.sql = with + q.sql
	return q, nil
}

func (tr *translator) withClause(w *pg_query.WithClause, sc *scope) (string, error) {
	sc.ctes = map[string]*cte{}
	var parts []string
	for _, n := range w.Ctes {
		c := n.GetCommonTableExpr()
		sel := c.Ctequery.GetSelectStmt()
		if sel == nil {
			return "", errf(codeFeature, "only SELECT is supported in WITH")
		}
		name := c.Ctename
		var aliases []string
		for _, a := range c.Aliascolnames {
			aliases = append(aliases, nodeString(a))
		}
		if w.Recursive && sel.Op == pg_query.SetOperation_SETOP_UNION {
			// the non-recursive term fixes the column types
			seed, err := tr.selectStmt(sel.Larg, sc)
			if err != nil {
				return "", err
			}
			cols := renameCols(seed.cols, aliases)
			sc.ctes[lower(name)] = &cte{sqlName: name, cols: cols}
		}
		q, err := tr.selectStmt(sel, sc)
		if err != nil {
			return "", err
		}
		cols := renameCols(q.cols, aliases)
		sc.ctes[lower(name)] = &cte{sqlName: name, cols: cols}
		var names []string
		for _, c := range cols {
			names = append(names, quoteIdent(c.Name))
		}
		parts = append(parts, fmt.Sprintf("%s(%s) AS (%s)", quoteIdent(name), strings.Join(names, ", "), q.sql))
	}
	kw := "WITH "
	if w.Recursive {
		kw = "WITH RECURSIVE "
	}
	return kw + strings.Join(parts, ", ") + " ", nil
}

func renameCols(cols []Column, aliases []string) []Column {
	out := make([]Column, len(cols))
	copy(out, cols)
	for i, a := range aliases {
		if i < len(out) {
			out[i].Name = a
		}
	}
	return out
}

func (tr *translator) setOp(s *pg_query.SelectStmt, sc *scope) (query, error) {
	branches, ops, err := tr.flattenSetOp(s, sc)
	if err != nil {
		return query{}, err
	}
	// unify column types across branches, left to right as PostgreSQL does
	n := len(branches[0].targets)
	types := make([]Type, n)
	for i := range types {
		types[i] = TUnknown
	}
	for _, b := range branches {
		if len(b.targets) != n {
			return query{}, errf(codeSyntax, "each UNION query must have the same number of columns")
		}
		for i, t := range b.targets {
			u, err := unify(types[i], t.t)
			if err != nil {
				return query{}, err
			}
			types[i] = u
		}
	}
	for i := range types {
		if types[i].OID == OIDUnknown {
			types[i] = TText
		}
	}
	var b strings.Builder
	for bi, br := range branches {
		for i := range br.targets {
			name := br.targets[i].name
			e, err := tr.coerce(br.targets[i], types[i])
			if err != nil {
				return query{}, err
			}
			e.name = name
			br.targets[i] = e
		}
		if bi > 0 {
			b.WriteString(" " + ops[bi-1] + " ")
		}
		b.WriteString(br.render())
	}
	cols := make([]Column, n)
	for i := range cols {
		cols[i] = Column{Name: branches[0].targets[i].name, Type: types[i]}
	}
	// ORDER BY / LIMIT of the whole set operation: output columns only
	var order []string
	for _, sn := range s.SortClause {
		sb := sn.GetSortBy()
		idx := -1
		if c := sb.Node.GetAConst(); c != nil {
			if iv := c.GetIval(); iv != nil {
				idx = int(iv.Ival) - 1
			}
		} else if cr := sb.Node.GetColumnRef(); cr != nil && len(cr.Fields) == 1 {
			name := nodeString(cr.Fields[0])
			for i, c := range cols {
				if c.Name == name {
					idx = i
					break
				}
			}
		}
		if idx < 0 || idx >= n {
			return query{}, errf(codeFeature, "ORDER BY on a UNION/INTERSECT/EXCEPT result must be on one of the result columns")
		}
		order = append(order, strconv.Itoa(idx+1)+sortSuffix(sb))
	}
	if len(order) > 0 {
		b.WriteString(" ORDER BY " + strings.Join(order, ", "))
	}
	lim, err := tr.limitClause(s, sc)
	if err != nil {
		return query{}, err
	}
	b.WriteString(lim)
	return query{sql: b.String(), cols: cols}, nil
}

// flattenSetOp lists the branches of a chain of set operations.
func (tr *translator) flattenSetOp(s *pg_query.SelectStmt, sc *scope) ([]*selectCore, []string, error) {
	if s.Op == pg_query.SetOperation_SETOP_NONE || s.Op == pg_query.SetOperation_SET_OPERATION_UNDEFINED {
		core, err := tr.branchCore(s, sc)
		if err != nil {
			return nil, nil, err
		}
		return []*selectCore{core}, nil, nil
	}
	var op string
	switch s.Op {
	case pg_query.SetOperation_SETOP_UNION:
		op = "UNION"
	case pg_query.SetOperation_SETOP_INTERSECT:
		op = "INTERSECT"
	case pg_query.SetOperation_SETOP_EXCEPT:
		op = "EXCEPT"
	}
	if s.All {
		if op != "UNION" {
			core, err := tr.multisetOp(op, s, sc)
			if err != nil {
				return nil, nil, err
			}
			return []*selectCore{core}, nil, nil
		}
		op += " ALL"
	}
	lb, lops, err := tr.flattenSetOp(s.Larg, sc)
	if err != nil {
		return nil, nil, err
	}
	// SQLite evaluates compounds left to right with equal precedence; a right
	// operand that is itself a set operation becomes a subquery.
	var rb []*selectCore
	var rops []string
	if s.Rarg.Op != pg_query.SetOperation_SETOP_NONE || len(s.Rarg.SortClause) > 0 || s.Rarg.LimitCount != nil || s.Rarg.LimitOffset != nil {
		core, err := tr.branchCore(s.Rarg, sc)
		if err != nil {
			return nil, nil, err
		}
		rb = []*selectCore{core}
	} else {
		rb, rops, err = tr.flattenSetOp(s.Rarg, sc)
		if err != nil {
			return nil, nil, err
		}
	}
	ops := append(append(lops, op), rops...)
	return append(lb, rb...), ops, nil
}

// branchCore translates one operand of a set operation. Operands with their
// own ORDER BY / LIMIT or set operations become subqueries.
func (tr *translator) branchCore(s *pg_query.SelectStmt, sc *scope) (*selectCore, error) {
	simple := s.Op == pg_query.SetOperation_SETOP_NONE && len(s.SortClause) == 0 && s.LimitCount == nil && s.LimitOffset == nil && s.WithClause == nil
	if simple {
		return tr.selectCoreOf(s, &scope{parent: sc})
	}
	q, err := tr.selectStmt(s, sc)
	if err != nil {
		return nil, err
	}
	alias := tr.fresh("s")
	core := &selectCore{from: "(" + q.sql + ") AS " + quoteIdent(alias)}
	for _, c := range q.cols {
		core.targets = append(core.targets, expr{sql: quoteIdent(alias) + "." + quoteIdent(c.Name), t: c.Type, name: c.Name})
	}
	return core, nil
}

func (tr *translator) simpleSelect(s *pg_query.SelectStmt, sc *scope) (query, error) {
	core, err := tr.selectCoreOf(s, sc)
	if err != nil {
		return query{}, err
	}
	cols := make([]Column, len(core.targets))
	for i, t := range core.targets {
		if t.untyped() {
			e, err := tr.coerce(t, TText)
			if err != nil {
				return query{}, err
			}
			e.name = t.name
			core.targets[i] = e
		}
		cols[i] = Column{Name: core.targets[i].name, Type: core.targets[i].t}
	}
	sql := core.render()
	if core.wrapDistinctOn != "" {
		sql = core.wrapDistinctOn
	}
	return query{sql: sql, cols: cols}, nil
}

// selectCoreOf translates a simple SELECT (no set operation at this level).
func (tr *translator) selectCoreOf(s *pg_query.SelectStmt, sc *scope) (*selectCore, error) {
	if len(s.ValuesLists) > 0 {
		return tr.valuesCore(s, sc)
	}
	if s.IntoClause != nil {
		return nil, errf(codeFeature, "SELECT INTO is not supported")
	}
	if len(s.LockingClause) > 0 {
		return nil, errf(codeFeature, "FOR UPDATE/SHARE is not supported")
	}
	core := &selectCore{}
	savedSRF := tr.srf
	tr.srf = nil
	defer func() { tr.srf = savedSRF }()
	// FROM
	var from []string
	for i, f := range s.FromClause {
		sqlText, err := tr.fromItem(f, sc, i > 0)
		if err != nil {
			return nil, err
		}
		from = append(from, sqlText)
	}
	core.from = strings.Join(from, ", ")
	// target list (set-returning functions there become json_each joins)
	tr.srf = &srfCtx{}
	for _, tn := range s.TargetList {
		rt := tn.GetResTarget()
		if cr := rt.Val.GetColumnRef(); cr != nil && cr.Fields[len(cr.Fields)-1].GetAStar() != nil {
			exps, err := tr.star(cr, sc)
			if err != nil {
				return nil, err
			}
			core.targets = append(core.targets, exps...)
			continue
		}
		e, err := tr.expr(rt.Val, sc)
		if err != nil {
			return nil, err
		}
		if rt.Name != "" {
			e.name = rt.Name
		}
		core.targets = append(core.targets, e)
	}
	if len(tr.srf.from) > 0 {
		if core.from != "" {
			core.from += ", "
		}
		core.from += strings.Join(tr.srf.from, ", ")
	}
	tr.srf = nil
	// WHERE
	if s.WhereClause != nil {
		w, err := tr.boolExpr(s.WhereClause, sc)
		if err != nil {
			return nil, err
		}
		core.where = w.sql
	}
	// GROUP BY
	if len(s.GroupClause) > 0 {
		var gs []string
		for _, g := range s.GroupClause {
			e, err := tr.groupItem(g, sc, core.targets)
			if err != nil {
				return nil, err
			}
			gs = append(gs, e)
		}
		core.group = strings.Join(gs, ", ")
	}
	if s.HavingClause != nil {
		h, err := tr.boolExpr(s.HavingClause, sc)
		if err != nil {
			return nil, err
		}
		core.having = h.sql
	}
	// named windows
	if len(s.WindowClause) > 0 {
		var ws []string
		for _, wn := range s.WindowClause {
			wd := wn.GetWindowDef()
			spec, err := tr.windowSpec(wd, sc)
			if err != nil {
				return nil, err
			}
			ws = append(ws, quoteIdent(wd.Name)+" AS ("+spec+")")
		}
		core.window = strings.Join(ws, ", ")
	}
	// DISTINCT
	if len(s.DistinctClause) > 0 {
		if len(s.DistinctClause) == 1 && s.DistinctClause[0].Node == nil {
			core.distinct = "DISTINCT "
		} else {
			if err := tr.distinctOn(s, sc, core); err != nil {
				return nil, err
			}
			return core, nil
		}
	}
	return core, tr.orderAndLimit(s, sc, core)
}

// distinctOn emulates DISTINCT ON (exprs) ORDER BY ... with row_number().
func (tr *translator) distinctOn(s *pg_query.SelectStmt, sc *scope, core *selectCore) error {
	var parts []string
	for _, d := range s.DistinctClause {
		e, err := tr.groupItem(d, sc, core.targets)
		if err != nil {
			return err
		}
		parts = append(parts, e)
	}
	os, err := tr.sortItems(s.SortClause, sc, core.targets)
	if err != nil {
		return err
	}
	rn := tr.fresh("rn")
	inner := *core
	over := "PARTITION BY " + strings.Join(parts, ", ")
	if len(os) > 0 {
		over += " ORDER BY " + strings.Join(os, ", ")
	}
	inner.targets = append(append([]expr{}, core.targets...), expr{sql: "row_number() OVER (" + over + ")", t: TInt8, name: rn})
	// inner ordering columns: expose sort keys as extra columns
	keys := make([]string, len(os))
	for i, o := range os {
		k := tr.fresh("k")
		expr, dir := splitSortSuffix(o)
		inner.targets = append(inner.targets, expr2(expr, k))
		keys[i] = quoteIdent(k) + dir
	}
	alias := tr.fresh("d")
	var outer []string
	for i := range core.targets {
		outer = append(outer, fmt.Sprintf("%s.%s AS %s", quoteIdent(alias), quoteIdent(fmt.Sprintf("_c%d", i)), quoteIdent(core.targets[i].name)))
	}
	for i := range core.targets {
		inner.targets[i].name = fmt.Sprintf("_c%d", i)
	}
	lim, err := tr.limitClause(s, sc)
	if err != nil {
		return err
	}
	sqlText := "SELECT " + strings.Join(outer, ", ") + " FROM (" + inner.render() + ") AS " + quoteIdent(alias) +
		" WHERE " + quoteIdent(alias) + "." + quoteIdent(rn) + " = 1"
	if len(keys) > 0 {
		var qk []string
		for _, k := range keys {
			qk = append(qk, quoteIdent(alias)+"."+k)
		}
		sqlText += " ORDER BY " + strings.Join(qk, ", ")
	}
	sqlText += lim
	core.wrapDistinctOn = sqlText
	return nil
}

func expr2(sqlText, name string) expr { return expr{sql: sqlText, t: TText, name: name} }

// splitSortSuffix separates "expr ASC NULLS LAST" into expr and suffix.
func splitSortSuffix(o string) (string, string) {
	for _, suf := range []string{" ASC NULLS LAST", " ASC NULLS FIRST", " DESC NULLS FIRST", " DESC NULLS LAST"} {
		if strings.HasSuffix(o, suf) {
			return strings.TrimSuffix(o, suf), suf
		}
	}
	return o, ""
}

func (tr *translator) valuesCore(s *pg_query.SelectStmt, sc *scope) (*selectCore, error) {
	var rows [][]expr
	for _, l := range s.ValuesLists {
		row, err := tr.exprs(l.GetList().Items, sc)
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	n := len(rows[0])
	types := make([]Type, n)
	for i := range types {
		types[i] = TUnknown
		for _, r := range rows {
			if len(r) != n {
				return nil, errf(codeSyntax, "VALUES lists must all be the same length")
			}
			u, err := unify(types[i], r[i].t)
			if err != nil {
				return nil, err
			}
			types[i] = u
		}
		if types[i].OID == OIDUnknown {
			types[i] = TText
		}
	}
	var sqlRows []string
	for _, r := range rows {
		var vs []string
		for i, e := range r {
			c, err := tr.coerce(e, types[i])
			if err != nil {
				return nil, err
			}
			vs = append(vs, c.sql)
		}
		sqlRows = append(sqlRows, "("+strings.Join(vs, ", ")+")")
	}
	alias := tr.fresh("v")
	core := &selectCore{from: "(VALUES " + strings.Join(sqlRows, ", ") + ") AS " + quoteIdent(alias)}
	for i := range types {
		core.targets = append(core.targets, expr{
			sql:  fmt.Sprintf("%s.%s", quoteIdent(alias), quoteIdent(fmt.Sprintf("column%d", i+1))),
			t:    types[i],
			name: fmt.Sprintf("column%d", i+1),
		})
	}
	return core, tr.orderAndLimit(s, sc, core)
}

// orderAndLimit translates ORDER BY (output columns first) and LIMIT/OFFSET.
func (tr *translator) orderAndLimit(s *pg_query.SelectStmt, sc *scope, core *selectCore) error {
	var os []string
	for _, sn := range s.SortClause {
		o, err := tr.sortItem(sn.GetSortBy(), sc, core.targets)
		if err != nil {
			return err
		}
		if core.distinct != "" && !sortsOnTarget(o, core.targets) {
			return errf("42P10", "for SELECT DISTINCT, ORDER BY expressions must appear in select list")
		}
		os = append(os, o)
	}
	core.order = strings.Join(os, ", ")
	lim, err := tr.limitClause(s, sc)
	core.limit = lim
	return err
}

// sortsOnTarget reports whether a rendered ORDER BY item is an output
// column (by position) or the same expression as one.
func sortsOnTarget(item string, targets []expr) bool {
	key, _ := splitSortSuffix(item)
	if _, err := strconv.Atoi(key); err == nil {
		return true
	}
	for _, t := range targets {
		if key == t.sql || key == collated(t) {
			return true
		}
	}
	return false
}

func (tr *translator) limitClause(s *pg_query.SelectStmt, sc *scope) (string, error) {
	if s.LimitOption == pg_query.LimitOption_LIMIT_OPTION_WITH_TIES {
		return "", errf(codeFeature, "FETCH ... WITH TIES is not supported")
	}
	var out string
	lim := "-1"
	hasLimit := false
	if s.LimitCount != nil {
		if c := s.LimitCount.GetAConst(); c != nil && c.Isnull {
			// LIMIT ALL / LIMIT NULL
		} else {
			e, err := tr.expr(s.LimitCount, sc)
			if err != nil {
				return "", err
			}
			e, err = tr.coerce(e, TInt8)
			if err != nil {
				return "", err
			}
			lim = e.sql
			hasLimit = true
		}
	}
	if hasLimit || s.LimitOffset != nil {
		out = " LIMIT " + lim
	}
	if s.LimitOffset != nil {
		e, err := tr.expr(s.LimitOffset, sc)
		if err != nil {
			return "", err
		}
		e, err = tr.coerce(e, TInt8)
		if err != nil {
			return "", err
		}
		out += " OFFSET " + e.sql
	}
	return out, nil
}

// sortSuffix renders direction and PostgreSQL's NULL placement.
func sortSuffix(sb *pg_query.SortBy) string {
	desc := sb.SortbyDir == pg_query.SortByDir_SORTBY_DESC
	if sb.SortbyDir == pg_query.SortByDir_SORTBY_USING {
		desc = lastName(sb.UseOp) == ">"
	}
	nullsFirst := desc
	switch sb.SortbyNulls {
	case pg_query.SortByNulls_SORTBY_NULLS_FIRST:
		nullsFirst = true
	case pg_query.SortByNulls_SORTBY_NULLS_LAST:
		nullsFirst = false
	}
	s := " ASC"
	if desc {
		s = " DESC"
	}
	if nullsFirst {
		return s + " NULLS FIRST"
	}
	return s + " NULLS LAST"
}

// sortItem translates one ORDER BY item of a simple SELECT: an output
// column number, an output column name, or an expression over the inputs.
func (tr *translator) sortItem(sb *pg_query.SortBy, sc *scope, targets []expr) (string, error) {
	if c := sb.Node.GetAConst(); c != nil {
		if iv := c.GetIval(); iv != nil {
			k := int(iv.Ival)
			if k < 1 || k > len(targets) {
				return "", errf(codeUndefinedColumn, "ORDER BY position %d is not in select list", k)
			}
			return strconv.Itoa(k) + sortSuffix(sb), nil
		}
	}
	if cr := sb.Node.GetColumnRef(); cr != nil && len(cr.Fields) == 1 && cr.Fields[0].GetString_() != nil {
		name := nodeString(cr.Fields[0])
		for i, t := range targets {
			if t.name == name {
				return strconv.Itoa(i+1) + sortSuffix(sb), nil
			}
		}
	}
	return tr.sortItemExpr(sb, sc, targets)
}

// sortItems translates a list of ORDER BY items with sortItemExpr.
func (tr *translator) sortItems(items []*pg_query.Node, sc *scope, targets []expr) ([]string, error) {
	var os []string
	for _, n := range items {
		o, err := tr.sortItemExpr(n.GetSortBy(), sc, targets)
		if err != nil {
			return nil, err
		}
		os = append(os, o)
	}
	return os, nil
}

func (tr *translator) sortItemExpr(sb *pg_query.SortBy, sc *scope, targets []expr) (string, error) {
	e, err := tr.expr(sb.Node, sc)
	if err != nil {
		return "", err
	}
	if e.untyped() {
		e, err = tr.coerce(e, TText)
		if err != nil {
			return "", err
		}
	}
	return collated(e) + sortSuffix(sb), nil
}

// collated adds the collation under which e sorts and compares as
// PostgreSQL's type does: numerically for numeric, by length for interval.
func collated(e expr) string {
	switch e.t.storage() {
	case stNumeric:
		return "(" + e.sql + `) COLLATE "pgnum"`
	case stInterval:
		return "(" + e.sql + `) COLLATE "pginterval"`
	}
	return e.sql
}

// groupItem translates a GROUP BY item: input column first, then an output
// column name or number, as PostgreSQL resolves them.
func (tr *translator) groupItem(g *pg_query.Node, sc *scope, targets []expr) (string, error) {
	if c := g.GetAConst(); c != nil {
		if iv := c.GetIval(); iv != nil {
			k := int(iv.Ival)
			if k < 1 || k > len(targets) {
				return "", errf(codeUndefinedColumn, "GROUP BY position %d is not in select list", k)
			}
			return collated(targets[k-1]), nil
		}
	}
	if cr := g.GetColumnRef(); cr != nil && len(cr.Fields) == 1 && cr.Fields[0].GetString_() != nil {
		name := nodeString(cr.Fields[0])
		if _, err := tr.columnRef(cr, sc); err != nil {
			for _, t := range targets {
				if t.name == name {
					return collated(t), nil
				}
			}
		}
	}
	if g.GetGroupingSet() != nil {
		return "", errf(codeFeature, "GROUPING SETS, ROLLUP and CUBE are not supported")
	}
	e, err := tr.expr(g, sc)
	if err != nil {
		return "", err
	}
	return collated(e), nil
}

// ---------------------------------------------------------------- FROM

func (tr *translator) fromItem(n *pg_query.Node, sc *scope, paren bool) (string, error) {
	switch {
	case n.GetRangeVar() != nil:
		return tr.rangeVar(n.GetRangeVar(), sc)
	case n.GetRangeSubselect() != nil:
		rs := n.GetRangeSubselect()
		if rs.Lateral {
			return "", errf(codeFeature, "LATERAL is not supported")
		}
		q, err := tr.selectStmt(rs.Subquery.GetSelectStmt(), sc.parent)
		if err != nil {
			return "", err
		}
		alias := tr.fresh("sub")
		if rs.Alias != nil {
			alias = rs.Alias.Aliasname
		}
		cols := q.cols
		if rs.Alias != nil {
			var names []string
			for _, c := range rs.Alias.Colnames {
				names = append(names, nodeString(c))
			}
			cols = renameCols(cols, names)
		}
		if !uniqueNames(q.cols) {
			return "", errf(codeFeature, "a subquery in FROM with repeated column names is not supported")
		}
		it := &rangeItem{name: alias}
		for i, c := range cols {
			it.cols = append(it.cols, scol{name: c.Name, t: c.Type, sql: quoteIdent(alias) + "." + quoteIdent(q.cols[i].Name)})
		}
		sc.items = append(sc.items, it)
		return "(" + q.sql + ") AS " + quoteIdent(alias), nil
	case n.GetJoinExpr() != nil:
		s, err := tr.joinExpr(n.GetJoinExpr(), sc)
		if err != nil {
			return "", err
		}
		if paren {
			return "(" + s + ")", nil
		}
		return s, nil
	case n.GetRangeFunction() != nil:
		return tr.rangeFunction(n.GetRangeFunction(), sc)
	}
	return "", errf(codeFeature, "unsupported FROM item")
}

func uniqueNames(cols []Column) bool {
	seen := map[string]bool{}
	for _, c := range cols {
		if seen[c.Name] {
			return false
		}
		seen[c.Name] = true
	}
	return true
}

func (tr *translator) rangeVar(rv *pg_query.RangeVar, sc *scope) (string, error) {
	name := rv.Relname
	alias := name
	if rv.Alias != nil {
		alias = rv.Alias.Aliasname
	}
	var sqlName string
	var cols []Column
	found := false
	if rv.Schemaname == "" {
		for s := sc; s != nil && !found; s = s.parent {
			if c, ok := s.ctes[lower(name)]; ok {
				sqlName, cols, found = c.sqlName, c.cols, true
			}
		}
	}
	if !found {
		rel, ok := tr.db.lookupRelation(rv.Schemaname, name)
		if !ok {
			full := name
			if rv.Schemaname != "" {
				full = rv.Schemaname + "." + name
			}
			return "", errf(codeUndefinedTable, "relation %q does not exist", full)
		}
		if rel.viewSQL != "" {
			return tr.view(rel, alias, sc)
		}
		sqlName, cols = rel.sqlName, rel.cols
	}
	if rv.Alias != nil && len(rv.Alias.Colnames) > 0 {
		var names []string
		for _, c := range rv.Alias.Colnames {
			names = append(names, nodeString(c))
		}
		// aliased columns: project under new names
		it := &rangeItem{name: alias}
		var proj []string
		for i, c := range cols {
			nn := c.Name
			if i < len(names) {
				nn = names[i]
			}
			it.cols = append(it.cols, scol{name: nn, t: c.Type, sql: quoteIdent(alias) + "." + quoteIdent(fmt.Sprintf("c%d", i))})
			proj = append(proj, fmt.Sprintf("%s AS %s", quoteIdent(c.Name), quoteIdent(fmt.Sprintf("c%d", i))))
		}
		sc.items = append(sc.items, it)
		return fmt.Sprintf("(SELECT %s FROM %s) AS %s", strings.Join(proj, ", "), quoteIdent(sqlName), quoteIdent(alias)), nil
	}
	it := &rangeItem{name: alias}
	for _, c := range cols {
		it.cols = append(it.cols, scol{name: c.Name, t: c.Type, sql: quoteIdent(alias) + "." + quoteIdent(c.Name)})
	}
	sc.items = append(sc.items, it)
	return quoteIdent(sqlName) + " AS " + quoteIdent(alias), nil
}

// view translates a catalog view where it is referenced.
func (tr *translator) view(rel *relation, alias string, sc *scope) (string, error) {
	tree, err := pg_query.Parse(rel.viewSQL)
	if err != nil {
		return "", errf(codeSyntax, "view: %v", err)
	}
	q, err := tr.selectStmt(tree.Stmts[0].Stmt.GetSelectStmt(), nil)
	if err != nil {
		return "", err
	}
	it := &rangeItem{name: alias}
	for _, c := range q.cols {
		it.cols = append(it.cols, scol{name: c.Name, t: c.Type, sql: quoteIdent(alias) + "." + quoteIdent(c.Name)})
	}
	sc.items = append(sc.items, it)
	return "(" + q.sql + ") AS " + quoteIdent(alias), nil
}

func (tr *translator) joinExpr(j *pg_query.JoinExpr, sc *scope) (string, error) {
	if j.Alias != nil {
		return "", errf(codeFeature, "an alias on a JOIN is not supported")
	}
	before := len(sc.items)
	l, err := tr.fromItem(j.Larg, sc, true)
	if err != nil {
		return "", err
	}
	mid := len(sc.items)
	r, err := tr.fromItem(j.Rarg, sc, true)
	if err != nil {
		return "", err
	}
	left := sc.items[before:mid]
	right := sc.items[mid:]
	var kw string
	switch j.Jointype {
	case pg_query.JoinType_JOIN_INNER:
		kw = "JOIN"
		if j.Quals == nil && len(j.UsingClause) == 0 && !j.IsNatural {
			kw = "CROSS JOIN"
		}
	case pg_query.JoinType_JOIN_LEFT:
		kw = "LEFT JOIN"
	case pg_query.JoinType_JOIN_RIGHT:
		kw = "RIGHT JOIN"
	case pg_query.JoinType_JOIN_FULL:
		kw = "FULL JOIN"
	default:
		return "", errf(codeFeature, "unsupported join type")
	}
	using := j.UsingClause
	var usingNames []string
	for _, u := range using {
		usingNames = append(usingNames, nodeString(u))
	}
	if j.IsNatural {
		for _, lc := range visibleCols(left) {
			for _, rc := range visibleCols(right) {
				if lc.name == rc.name {
					usingNames = append(usingNames, lc.name)
				}
			}
		}
	}
	if len(usingNames) > 0 {
		merged := &rangeItem{name: ""}
		var conds []string
		for _, u := range usingNames {
			lc, lit, err := findCol(left, u)
			if err != nil {
				return "", err
			}
			rc, rit, err := findCol(right, u)
			if err != nil {
				return "", err
			}
			t, err := unify(lc.t, rc.t)
			if err != nil {
				return "", err
			}
			le, _ := tr.coerce(expr{sql: lc.sql, t: lc.t}, t)
			re, _ := tr.coerce(expr{sql: rc.sql, t: rc.t}, t)
			conds = append(conds, fmt.Sprintf("%s = %s", collated(le), re.sql))
			var msql string
			switch j.Jointype {
			case pg_query.JoinType_JOIN_RIGHT:
				msql = re.sql
			case pg_query.JoinType_JOIN_FULL:
				msql = "coalesce(" + le.sql + ", " + re.sql + ")"
			default:
				msql = le.sql
			}
			merged.cols = append(merged.cols, scol{name: u, t: t, sql: msql})
			hide(lit, u)
			hide(rit, u)
		}
		// the merged columns come first in "*"
		items := append([]*rangeItem{merged}, sc.items[before:]...)
		sc.items = append(sc.items[:before], items...)
		return fmt.Sprintf("%s %s %s ON %s", l, kw, r, strings.Join(conds, " AND ")), nil
	}
	if j.Quals != nil {
		if kw == "JOIN" || kw == "LEFT JOIN" {
			if hl, hr, cond, ok := tr.hashKeys(j.Quals, sc, l, r, left, right); ok {
				return fmt.Sprintf("%s %s %s ON %s", hl, kw, hr, cond), nil
			}
		}
		q, err := tr.boolExpr(j.Quals, sc)
		if err != nil {
			return "", err
		}
		if kw == "RIGHT JOIN" {
			// SQLite plans RIGHT JOIN as nested scans; the mirrored LEFT JOIN
			// gets automatic indexes. Column order is ours ("*" is expanded), so
			// swapping the operands is invisible.
			return fmt.Sprintf("%s LEFT JOIN %s ON %s", r, l, q.sql), nil
		}
		return fmt.Sprintf("%s %s %s ON %s", l, kw, r, q.sql), nil
	}
	if kw != "CROSS JOIN" {
		return fmt.Sprintf("%s %s %s ON 1", l, kw, r), nil
	}
	return fmt.Sprintf("%s %s %s", l, kw, r), nil
}

func hide(it *rangeItem, name string) {
	if it.hidden == nil {
		it.hidden = map[string]bool{}
	}
	it.hidden[name] = true
}

func visibleCols(items []*rangeItem) []scol {
	var out []scol
	for _, it := range items {
		for _, c := range it.cols {
			if !it.hidden[c.name] {
				out = append(out, c)
			}
		}
	}
	return out
}

func findCol(items []*rangeItem, name string) (scol, *rangeItem, error) {
	var found *scol
	var fit *rangeItem
	for _, it := range items {
		for i := range it.cols {
			c := &it.cols[i]
			if it.hidden[c.name] || !strings.EqualFold(c.name, name) {
				continue
			}
			if found != nil {
				return scol{}, nil, errf(codeAmbiguousColumn, "column reference %q is ambiguous", name)
			}
			found, fit = c, it
		}
	}
	if found == nil {
		return scol{}, nil, errf(codeUndefinedColumn, "column %q specified in USING clause does not exist", name)
	}
	return *found, fit, nil
}

// rangeFunction supports generate_series, unnest and pg_partition_ancestors
// in FROM (with WITH ORDINALITY and column aliases), as json_each over a
// JSON array.
func (tr *translator) rangeFunction(rf *pg_query.RangeFunction, sc *scope) (string, error) {
	if len(rf.Functions) != 1 || rf.IsRowsfrom {
		return "", errf(codeFeature, "ROWS FROM is not supported")
	}
	fc := rf.Functions[0].GetList().Items[0].GetFuncCall()
	if fc == nil {
		return "", errf(codeFeature, "unsupported function in FROM")
	}
	name := lastName(fc.Funcname)
	// the arguments may refer to FROM items to the left (SQLite table-valued
	// functions are correlated, as LATERAL would be)
	args, err := tr.exprs(fc.Args, sc)
	if err != nil {
		return "", err
	}
	arr, el, err := tr.seriesArray(name, args)
	if err != nil {
		return "", err
	}
	alias := name
	var colNames []string
	if rf.Alias != nil {
		alias = rf.Alias.Aliasname
		for _, c := range rf.Alias.Colnames {
			colNames = append(colNames, nodeString(c))
		}
	}
	valueName := name
	if rf.Alias != nil {
		valueName = alias // a function's single column takes the alias's name
	}
	if len(colNames) > 0 {
		valueName = colNames[0]
	}
	q := quoteIdent(alias)
	it := &rangeItem{name: alias, cols: []scol{{name: valueName, t: el, sql: q + ".value"}}}
	if rf.Ordinality {
		ordName := "ordinality"
		if len(colNames) > 1 {
			ordName = colNames[1]
		}
		it.cols = append(it.cols, scol{name: ordName, t: TInt8, sql: "(" + q + ".key + 1)"})
	}
	sc.items = append(sc.items, it)
	return "json_each(" + arr.sql + ") AS " + q, nil
}

// seriesArray turns a set-returning function call into a JSON array and
// its element type.
func (tr *translator) seriesArray(name string, args []expr) (expr, Type, error) {
	switch name {
	case "generate_series":
		if len(args) < 2 || len(args) > 3 {
			return expr{}, Type{}, errf(codeUndefinedFunction, "function generate_series with %d arguments does not exist", len(args))
		}
		if len(args) == 3 && (args[0].t.category() == 'D' || args[1].t.category() == 'D' || args[2].t.OID == OIDInterval || (args[2].lit != nil && args[0].untyped())) {
			return tr.timeSeries(args)
		}
		t := TInt4
		var parts []string
		for _, a := range args {
			if a.t.OID == OIDInt8 {
				t = TInt8
			}
			c, err := tr.coerce(a, TInt8)
			if err != nil {
				return expr{}, Type{}, err
			}
			parts = append(parts, c.sql)
		}
		if len(parts) == 2 {
			parts = append(parts, "1")
		}
		return expr{sql: "pg_series(" + strings.Join(parts, ", ") + ")"}, t, nil
	case "unnest":
		if len(args) != 1 {
			return expr{}, Type{}, errf(codeUndefinedFunction, "function unnest with %d arguments does not exist", len(args))
		}
		el, ok := elemOf[args[0].t.OID]
		if !ok {
			return expr{}, Type{}, errf(codeUndefinedFunction, "function unnest(%s) does not exist", args[0].t)
		}
		return args[0], el, nil
	case "pg_partition_ancestors":
		if len(args) != 1 {
			return expr{}, Type{}, errf(codeUndefinedFunction, "function pg_partition_ancestors with %d arguments does not exist", len(args))
		}
		// no partitions: a relation is its own only ancestor
		c, err := tr.coerce(args[0], Type{OIDRegclass, -1})
		if err != nil {
			return expr{}, Type{}, err
		}
		return expr{sql: "json_array(" + c.sql + ")"}, Type{OIDRegclass, -1}, nil
	}
	return expr{}, Type{}, errf(codeFeature, "function %s is not supported in FROM", name)
}

// star expands "*" or "alias.*" into explicit columns.
func (tr *translator) star(cr *pg_query.ColumnRef, sc *scope) ([]expr, error) {
	var out []expr
	if len(cr.Fields) == 1 {
		if len(sc.items) == 0 {
			return nil, errf(codeSyntax, "SELECT * with no tables specified is not valid")
		}
		for _, it := range sc.items {
			for _, c := range it.cols {
				if it.hidden[c.name] {
					continue
				}
				out = append(out, expr{sql: c.sql, t: c.t, name: c.name})
			}
		}
		return out, nil
	}
	qual := nodeString(cr.Fields[len(cr.Fields)-2])
	for _, it := range sc.items {
		if it.name != "" && it.name == qual {
			for _, c := range it.cols {
				out = append(out, expr{sql: c.sql, t: c.t, name: c.name})
			}
			return out, nil
		}
	}
	return nil, errf(codeUndefinedTable, "missing FROM-clause entry for table %q", qual)
}

// columnRef resolves a column reference through the scopes, inner first.
func (tr *translator) columnRef(cr *pg_query.ColumnRef, sc *scope) (expr, error) {
	var fields []string
	for _, f := range cr.Fields {
		if f.GetAStar() != nil {
			return expr{}, errf(codeFeature, "* is not allowed here")
		}
		fields = append(fields, nodeString(f))
	}
	col := fields[len(fields)-1]
	qual := ""
	if len(fields) >= 2 {
		qual = fields[len(fields)-2]
	}
	for s := sc; s != nil; s = s.parent {
		var found *scol
		for _, it := range s.items {
			if qual != "" && it.name != qual {
				continue
			}
			for i := range it.cols {
				c := &it.cols[i]
				if !strings.EqualFold(c.name, col) {
					continue
				}
				if qual == "" && it.hidden[c.name] {
					continue // a USING column: its merged entry answers
				}
				if found != nil && found.sql != c.sql {
					return expr{}, errf(codeAmbiguousColumn, "column reference %q is ambiguous", col)
				}
				found = c
			}
		}
		if found != nil {
			if g := tr.grouping; g != nil && s == g.scope && g.inAgg == 0 && g.nulled[strings.ToLower(found.name)] {
				// a grouping column outside the current set reads as NULL
				return expr{sql: "NULL", t: found.t, name: found.name}, nil
			}
			return expr{sql: found.sql, t: found.t, name: found.name}, nil
		}
		if qual != "" {
			for _, it := range s.items {
				if it.name == qual {
					return expr{}, errf(codeUndefinedColumn, "column %s.%s does not exist", qual, col)
				}
			}
		}
	}
	if qual != "" {
		return expr{}, errf(codeUndefinedTable, "missing FROM-clause entry for table %q", qual)
	}
	return expr{}, errf(codeUndefinedColumn, "column %q does not exist", col)
}

// renderRegOutputs turns top-level regclass / regtype / regproc columns into
// their names, as PostgreSQL's output functions print them.
func (tr *translator) renderRegOutputs(q query) query {
	need := false
	for _, c := range q.cols {
		if isReg(c.Type.OID) {
			need = true
		}
	}
	if !need || !uniqueNames(q.cols) {
		return q
	}
	alias := tr.fresh("r")
	var proj []string
	for _, c := range q.cols {
		e := expr{sql: quoteIdent(alias) + "." + quoteIdent(c.Name), t: c.Type}
		if isReg(c.Type.OID) {
			e = tr.regOut(e)
		}
		proj = append(proj, e.sql+" AS "+quoteIdent(c.Name))
	}
	return query{sql: "SELECT " + strings.Join(proj, ", ") + " FROM (" + q.sql + ") AS " + quoteIdent(alias), cols: q.cols}
}

// srfCtx collects the json_each joins that implement set-returning
// functions of one select list. Like PostgreSQL, several of them run in
// lockstep: the first array drives the rows, the others are indexed by it.
type srfCtx struct {
	from      []string
	driver    string // alias of the driving json_each
	driverArr string // SQL of the driving array
}

// srfCall translates unnest(a), generate_subscripts(a, 1) and
// information_schema._pg_expandarray(a) in a select list.
func (tr *translator) srfCall(name string, args []expr) (expr, error) {
	if tr.srf == nil {
		return expr{}, errf("0A000", "set-returning function %s is only supported in a select list", name)
	}
	if len(args) == 0 {
		return expr{}, errf(codeUndefinedFunction, "function %s() does not exist", name)
	}
	arr := args[0]
	el, ok := elemOf[arr.t.OID]
	if name == "generate_series" || name == "pg_partition_ancestors" {
		a, t, err := tr.seriesArray(name, args)
		if err != nil {
			return expr{}, err
		}
		arr, el, ok = a, t, true
		name = "unnest"
	}
	if !ok {
		return expr{}, errf(codeUndefinedFunction, "function %s(%s) does not exist", name, arr.t)
	}
	c := tr.srf
	if c.driver == "" {
		c.driver = tr.fresh("j")
		c.driverArr = arr.sql
		c.from = append(c.from, "json_each("+arr.sql+") AS "+quoteIdent(c.driver))
	}
	j := quoteIdent(c.driver)
	value := j + ".value"
	if arr.sql != c.driverArr {
		value = fmt.Sprintf("json_extract(%s, '$[' || %s.key || ']')", arr.sql, j)
	}
	switch name {
	case "unnest":
		return expr{sql: value, t: el, name: "unnest"}, nil
	case "generate_subscripts":
		base := 1
		if arr.t.OID == OIDInt2Vector || arr.t.OID == OIDOIDVector {
			base = 0
		}
		return expr{sql: fmt.Sprintf("(%s.key + %d)", j, base), t: TInt4, name: "generate_subscripts"}, nil
	}
	// _pg_expandarray: a record (x, n) with n counting from 1
	return expr{sql: fmt.Sprintf("json_object('x', %s, 'n', %s.key + 1)", value, j), t: Type{OIDRecord, int32(el.OID)}, name: "_pg_expandarray"}, nil
}

// hashKeys speeds up joins on expressions (lower(a.x) = lower(b.y)): SQLite
// builds automatic indexes on columns only, so each side's key expression
// becomes a column of a materialized subquery ("LIMIT -1" keeps SQLite from
// flattening it) and the join compares those columns. It applies when a
// conjunct of ON is an equality of text or integer expressions, one side
// over each operand, at least one of them not a plain column, and each
// operand is a single FROM item.
func (tr *translator) hashKeys(quals *pg_query.Node, sc *scope, l, r string, left, right []*rangeItem) (string, string, string, bool) {
	if len(left) != 1 || len(right) != 1 || left[0].name == "" || right[0].name == "" {
		return "", "", "", false
	}
	var conjuncts []*pg_query.Node
	if b := quals.GetBoolExpr(); b != nil && b.Boolop == pg_query.BoolExprType_AND_EXPR {
		conjuncts = b.Args
	} else {
		conjuncts = []*pg_query.Node{quals}
	}
	only := func(items []*rangeItem) *scope { return &scope{parent: sc.parent, items: items} }
	isColumn := func(e expr, it *rangeItem) bool {
		for _, c := range it.cols {
			if c.sql == e.sql {
				return true
			}
		}
		return false
	}
	keyable := func(t Type) bool { return t.isString() || t.isInt() }
	var conds, lkeys, rkeys []string
	used := false
	for _, c := range conjuncts {
		a := c.GetAExpr()
		if !used && a != nil && a.Kind == pg_query.A_Expr_Kind_AEXPR_OP && lastName(a.Name) == "=" {
			le, lerr := tr.expr(a.Lexpr, only(left))
			re, rerr := tr.expr(a.Rexpr, only(right))
			if lerr != nil || rerr != nil {
				// maybe written the other way round
				le, lerr = tr.expr(a.Rexpr, only(left))
				re, rerr = tr.expr(a.Lexpr, only(right))
			}
			if lerr == nil && rerr == nil && keyable(le.t) && keyable(re.t) && le.t.isString() == re.t.isString() &&
				!(isColumn(le, left[0]) && isColumn(re, right[0])) {
				lk, rk := tr.fresh("hk"), tr.fresh("hk")
				lkeys = append(lkeys, le.sql+" AS "+quoteIdent(lk))
				rkeys = append(rkeys, re.sql+" AS "+quoteIdent(rk))
				conds = append(conds, fmt.Sprintf("%s.%s = %s.%s", quoteIdent(left[0].name), quoteIdent(lk), quoteIdent(right[0].name), quoteIdent(rk)))
				used = true
				continue
			}
		}
		e, err := tr.boolExpr(c, sc)
		if err != nil {
			return "", "", "", false
		}
		conds = append(conds, e.sql)
	}
	if !used {
		return "", "", "", false
	}
	wrap := func(from, alias string, keys []string) string {
		if strings.HasPrefix(from, "(") && strings.HasSuffix(from, ")") && !strings.HasSuffix(from, " AS "+quoteIdent(alias)) {
			return ""
		}
		return fmt.Sprintf("(SELECT %s.*, %s FROM %s LIMIT -1) AS %s", quoteIdent(alias), strings.Join(keys, ", "), from, quoteIdent(alias))
	}
	hl, hr := wrap(l, left[0].name, lkeys), wrap(r, right[0].name, rkeys)
	if hl == "" || hr == "" {
		return "", "", "", false
	}
	return hl, hr, strings.Join(conds, " AND "), true
}

// timeSeries is generate_series(start, stop, interval) over timestamps: a
// JSON array of instants (date arguments are timestamps, as in PostgreSQL).
func (tr *translator) timeSeries(args []expr) (expr, Type, error) {
	t := TTimestamptz
	if args[0].t.OID == OIDTimestamp || args[1].t.OID == OIDTimestamp {
		t = TTimestamp
	}
	start, err := tr.coerce(args[0], t)
	if err != nil {
		return expr{}, Type{}, err
	}
	stop, err := tr.coerce(args[1], t)
	if err != nil {
		return expr{}, Type{}, err
	}
	step, err := tr.coerce(args[2], TInterval)
	if err != nil {
		return expr{}, Type{}, err
	}
	return expr{sql: fmt.Sprintf("pg_series_ts(%s, %s, %s, %s)", start.sql, stop.sql, step.sql, tr.tzFor(t))}, t, nil
}

// multisetOp is EXCEPT ALL / INTERSECT ALL, which SQLite lacks: numbering
// the copies of each row (row_number() over the whole row) turns them into
// distinct rows, so plain EXCEPT / INTERSECT keep PostgreSQL's counts.
func (tr *translator) multisetOp(op string, s *pg_query.SelectStmt, sc *scope) (*selectCore, error) {
	l, err := tr.selectStmt(s.Larg, sc)
	if err != nil {
		return nil, err
	}
	r, err := tr.selectStmt(s.Rarg, sc)
	if err != nil {
		return nil, err
	}
	if len(l.cols) != len(r.cols) {
		return nil, errf(codeSyntax, "each %s query must have the same number of columns", op)
	}
	ln, rn, alias := tr.fresh("l"), tr.fresh("r"), tr.fresh("m")
	var names, lsel, rsel []string
	for i := range l.cols {
		t, err := unify(l.cols[i].Type, r.cols[i].Type)
		if err != nil {
			return nil, err
		}
		if t.OID == OIDUnknown {
			t = TText
		}
		c := fmt.Sprintf("c%d", i)
		names = append(names, quoteIdent(c))
		le, err := tr.coerce(expr{sql: quoteIdent(c), t: l.cols[i].Type}, t)
		if err != nil {
			return nil, err
		}
		re, err := tr.coerce(expr{sql: quoteIdent(c), t: r.cols[i].Type}, t)
		if err != nil {
			return nil, err
		}
		le.t, re.t = t, t
		lsel = append(lsel, collated(le)+" AS "+quoteIdent(c))
		rsel = append(rsel, collated(re)+" AS "+quoteIdent(c))
		l.cols[i].Type = t
	}
	part := strings.Join(names, ", ")
	from := fmt.Sprintf("(WITH %[1]s(%[3]s) AS (%[4]s), %[2]s(%[3]s) AS (%[5]s) SELECT %[3]s FROM (SELECT %[6]s, row_number() OVER (PARTITION BY %[3]s) FROM %[1]s %[8]s SELECT %[7]s, row_number() OVER (PARTITION BY %[3]s) FROM %[2]s)) AS %[9]s",
		quoteIdent(ln), quoteIdent(rn), part, l.sql, r.sql, strings.Join(lsel, ", "), strings.Join(rsel, ", "), op, quoteIdent(alias))
	core := &selectCore{from: from}
	for i, c := range l.cols {
		core.targets = append(core.targets, expr{sql: quoteIdent(alias) + "." + quoteIdent(fmt.Sprintf("c%d", i)), t: c.Type, name: c.Name})
	}
	return core, nil
}
