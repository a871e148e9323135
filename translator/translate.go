package translator

import (
	"errors"
	"strings"
	"unicode/utf8"

	pg "github.com/pganalyze/pg_query_go/v5"
	pgparser "github.com/pganalyze/pg_query_go/v5/parser"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/soql"
)

// prepared is a statement parsed once, independent of any snapshot or
// setting other than the mode: the unit of the parse cache.
type prepared struct {
	src     string     // the user's text
	base    int        // offset of the statement inside src (after EXPLAIN)
	explain bool       // EXPLAIN <statement>
	mode    Mode       // ModeSQL or ModeSOQL
	rw      *rewritten // SQL: the escape-rewritten text
	stmt    *pg.Node   // SQL: the statement
	soql    *soql.Query
	report  *ReportStep
	nparams int
	// mayWindow: the text has OVER, so the tree may hold a window function.
	mayWindow bool
	// usesClock: the text may read the clock (NOW(), CURRENT_DATE, …).
	usesClock bool
}

// NeedObjectsError reports objects the statement reaches (through a
// relationship) that are not in the snapshot. The engine describes them and
// translates again (the second phase of the two-phase protocol, doc.go).
type NeedObjectsError struct {
	Objects []string
}

func (e *NeedObjectsError) Error() string {
	return "translator: describe needed for " + strings.Join(e.Objects, ", ")
}

// Translate translates one statement against snap. It is pure: the same
// inputs give the same plan. Plans of statements without Args are cached
// per snapshot; the parse is cached per text.
func Translate(sql string, snap *catalog.Snapshot, s Settings) (*Plan, error) {
	if snap == nil {
		snap = emptySnapshot
	}
	p, err := prepare(sql, s.mode())
	if err != nil {
		return nil, err
	}
	// Plans with arguments are not cached (Bind translates them); the
	// statement time is part of the key only when the text reads the clock.
	cacheable := s.Args == nil
	var key planKey
	if cacheable {
		key = planKey{snap: snap, sql: sql, settings: s.cacheKey(p.usesClock)}
		if plan, ok := defaultCache.plan(key); ok {
			return plan, nil
		}
	}
	plan, err := build(p, snap, s)
	if err != nil {
		return nil, err
	}
	if cacheable {
		defaultCache.putPlan(key, plan)
	}
	return plan, nil
}

var emptySnapshot = catalog.NewSnapshot()

// Bind returns the plan with its parameters bound to args ($1 is args[0]).
func (p *Plan) Bind(args []any, snap *catalog.Snapshot, s Settings) (*Plan, error) {
	if p.prep == nil {
		return nil, errors.New("translator: plan cannot be bound")
	}
	s.Args = args
	if args == nil {
		s.Args = []any{}
	}
	return build(p.prep, snap, s)
}

// Objects lists the objects a statement names directly (FROM, JOIN,
// INSERT INTO, UPDATE, DELETE FROM, subqueries), in order of appearance,
// without duplicates, so that the engine can describe them before
// translating.
func Objects(sql string, s Settings) ([]string, error) {
	p, err := prepare(sql, s.mode())
	if err != nil {
		return nil, err
	}
	var out []string
	seen := map[string]bool{}
	add := func(name string) {
		if k := strings.ToLower(name); name != "" && !seen[k] {
			seen[k] = true
			out = append(out, name)
		}
	}
	switch {
	case p.report != nil:
	case p.soql != nil:
		soql.Inspect(p.soql, func(n soql.Node) bool {
			switch x := n.(type) {
			case *soql.Query:
				if x == p.soql {
					add(x.From.Object)
				}
			case *soql.In:
				if x.Sub != nil {
					add(x.Sub.From.Object)
				}
			case *soql.SubQuery:
				return false // child relationship names are not objects
			}
			return true
		})
	default:
		switch x := p.stmt.Node.(type) {
		case *pg.Node_InsertStmt:
			add(p.originalName(x.InsertStmt.Relation.Relname, x.InsertStmt.Relation.Location))
		case *pg.Node_UpdateStmt:
			add(p.originalName(x.UpdateStmt.Relation.Relname, x.UpdateStmt.Relation.Location))
		case *pg.Node_DeleteStmt:
			add(p.originalName(x.DeleteStmt.Relation.Relname, x.DeleteStmt.Relation.Location))
		}
		collectRangeVars(p.stmt, func(rv *pg.RangeVar) { add(p.originalName(rv.Relname, rv.Location)) })
	}
	return out, nil
}

// prepare parses sql (cached).
func prepare(sql string, mode Mode) (*prepared, error) {
	if p, ok := defaultCache.prep(sql, mode); ok {
		return p, nil
	}
	p, err := prepareUncached(sql, mode)
	if err != nil {
		return nil, err
	}
	defaultCache.putPrep(sql, mode, p)
	return p, nil
}

func prepareUncached(src string, mode Mode) (*prepared, error) {
	if !utf8.ValidString(src) {
		return nil, &SyntaxError{Msg: "statement is not valid UTF-8", Pos: -1}
	}
	p := &prepared{src: src}
	body := src
	if rest, off, ok := cutExplain(src); ok {
		p.explain = true
		p.base = off
		body = rest
	}
	// "SOQL:" forces SOQL for one statement (Devart's prefix, sql-dialect.md #78).
	if i := skipSpace(body, 0); len(body)-i >= 5 && strings.EqualFold(body[i:i+5], "soql:") {
		p.base += i + 5
		return p, p.parseSOQL(body[i+5:])
	}
	if i := skipSpace(body, 0); len(body)-i > 7 && strings.EqualFold(body[i:i+7], "upsert ") {
		return nil, unsupportedAt("UPSERT INTO", p.base+i, "write INSERT INTO … (…) VALUES (…) ON CONFLICT (ExternalId__c) DO UPDATE SET col = EXCLUDED.col, or set writeBehavior=upsert and externalIdFieldName")
	}
	if r, ok, err := parseCall(body); ok || err != nil {
		if err != nil {
			shiftPos(err, p.base)
			return nil, err
		}
		p.report = r
		return p, nil
	}
	switch mode {
	case ModeSOQL:
		return p, p.parseSOQL(body)
	case ModeSQL:
		return p, p.parseSQL(body)
	case ModeAuto:
	default:
		return nil, unsupportedAt("query mode "+string(mode), -1, "use auto, sql or soql")
	}
	sqlErr := p.parseSQL(body)
	if sqlErr == nil && !soqlHint(body) {
		return p, nil
	}
	q, soqlErr := soql.Parse(body)
	if soqlErr == nil && (sqlErr != nil || soqlOnly(q)) {
		p.mode, p.soql, p.stmt, p.rw = ModeSOQL, q, nil, nil
		return p, nil
	}
	if sqlErr != nil {
		return nil, sqlErr
	}
	return p, nil
}

func (p *prepared) parseSOQL(body string) error {
	q, err := soql.Parse(body)
	if err != nil {
		var pe *soql.ParseError
		if errors.As(err, &pe) {
			return &SyntaxError{Msg: "soql: " + pe.Message, Pos: p.base + rowColOffset(body, pe.Row, pe.Column)}
		}
		return &SyntaxError{Msg: err.Error(), Pos: -1}
	}
	p.mode, p.soql = ModeSOQL, q
	return nil
}

func (p *prepared) parseSQL(body string) error {
	rw, err := rewriteEscapes(body)
	if err != nil {
		shiftPos(err, p.base)
		return err
	}
	tree, err := pg.Parse(rw.text)
	if err != nil {
		var pe *pgparser.Error
		if errors.As(err, &pe) {
			pos := -1
			if pe.Cursorpos > 0 {
				pos = p.base + rw.origPos(charToByte(rw.text, pe.Cursorpos-1))
			}
			return &SyntaxError{Msg: pe.Message, Pos: pos}
		}
		return &SyntaxError{Msg: err.Error(), Pos: -1}
	}
	if len(tree.Stmts) == 0 {
		return &SyntaxError{Msg: "empty statement", Pos: p.base}
	}
	if len(tree.Stmts) != 1 {
		return unsupportedAt("several statements in one query", p.base, "send one statement at a time")
	}
	p.mode, p.rw, p.stmt, p.nparams = ModeSQL, rw, tree.Stmts[0].Stmt, rw.qParams
	p.mayWindow, p.usesClock = textHints(body)
	return nil
}

// pos maps a location in the rewritten text to the user's text.
func (p *prepared) pos(loc int32) int {
	if loc < 0 {
		return -1
	}
	if p.rw == nil {
		return p.base + int(loc)
	}
	return p.base + p.rw.origPos(int(loc))
}

// originalName returns the identifier at loc as the user spelled it when
// it case-folds to name (PostgreSQL lower-cases unquoted identifiers; names
// resolve case-insensitively but results keep the user's spelling).
func (p *prepared) originalName(name string, loc int32) string {
	if loc < 0 {
		return name
	}
	o := p.pos(loc)
	s := p.src
	if o < 0 || o >= len(s) {
		return name
	}
	if s[o] == '"' {
		return name
	}
	if o+len(name) <= len(s) && strings.EqualFold(s[o:o+len(name)], name) {
		return s[o : o+len(name)]
	}
	return name
}

// originalParts replaces the parts of a dotted name at loc with the
// user's spelling, when the text there spells the same name.
func (p *prepared) originalParts(parts []string, loc int32) {
	o := p.pos(loc)
	s := p.src
	if o < 0 || o >= len(s) {
		return
	}
	out := make([]string, 0, len(parts))
	for i := o; len(out) < len(parts); {
		if i < len(s) && s[i] == '"' {
			e, err := skipQuotedIdent(s, i)
			if err != nil {
				return
			}
			out = append(out, strings.ReplaceAll(s[i+1:e-1], `""`, `"`))
			i = e
		} else {
			j := i
			for j < len(s) && isIdentByte(s[j]) {
				j++
			}
			if j == i {
				return
			}
			out = append(out, s[i:j])
			i = j
		}
		if len(out) < len(parts) {
			if i >= len(s) || s[i] != '.' {
				return
			}
			i++
		}
	}
	for i := range parts {
		if !strings.EqualFold(parts[i], out[i]) {
			return
		}
	}
	copy(parts, out)
}

// soqlOnly reports SOQL-only syntax in a statement that also parses as SQL:
// FIELDS(…), TYPEOF, or a child subquery in the select list.
func soqlOnly(q *soql.Query) bool {
	for _, it := range q.Select {
		switch it.Expr.(type) {
		case *soql.Fields, *soql.TypeOf, *soql.SubQuery:
			return true
		}
	}
	return false
}

// cutExplain strips a leading EXPLAIN keyword.
func cutExplain(s string) (string, int, bool) {
	i := skipSpace(s, 0)
	if len(s)-i > 8 && strings.EqualFold(s[i:i+7], "explain") && (s[i+7] == ' ' || s[i+7] == '\n' || s[i+7] == '\t' || s[i+7] == '\r') {
		j := skipSpace(s, i+7)
		return s[j:], j, true
	}
	return s, 0, false
}

// parseCall recognises a whole-statement report call: {call "Name"},
// {call Name} or {call Name()}.
func parseCall(s string) (*ReportStep, bool, error) {
	i := skipSpace(s, 0)
	if i >= len(s) || s[i] != '{' {
		return nil, false, nil
	}
	j := skipSpace(s, i+1)
	if len(s)-j < 4 || !strings.EqualFold(s[j:j+4], "call") || (j+4 < len(s) && isIdentByte(s[j+4])) {
		return nil, false, nil
	}
	k := skipSpace(s, j+4)
	var name string
	switch {
	case k < len(s) && s[k] == '"':
		e, err := skipQuotedIdent(s, k)
		if err != nil {
			return nil, false, err
		}
		name = strings.ReplaceAll(s[k+1:e-1], `""`, `"`)
		k = e
	default:
		e := k
		for e < len(s) && (isIdentByte(s[e]) || s[e] == '.') {
			e++
		}
		name = s[k:e]
		k = e
	}
	if name == "" {
		return nil, false, unsupportedAt("{call} without a report name", k, `write {call "Report Name"}`)
	}
	k = skipSpace(s, k)
	if k+1 < len(s) && s[k] == '(' && s[k+1] == ')' {
		k = skipSpace(s, k+2)
	} else if k < len(s) && s[k] == '(' {
		return nil, false, unsupportedAt("report parameters", k, "reports run with their saved filters")
	}
	if k >= len(s) || s[k] != '}' {
		return nil, false, unsupportedAt("unterminated {call}", k, "close the escape with }")
	}
	k = skipSpace(s, k+1)
	if k < len(s) && s[k] == ';' {
		k = skipSpace(s, k+1)
	}
	if k != len(s) {
		return nil, false, unsupportedAt("text after {call}", k, "a report call is the whole statement")
	}
	return &ReportStep{Name: name, ByID: looksLikeReportID(name)}, true, nil
}

func looksLikeReportID(s string) bool {
	if (len(s) != 15 && len(s) != 18) || !strings.HasPrefix(s, "00O") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIdentByte(s[i]) || s[i] == '_' {
			return false
		}
	}
	return true
}

func shiftPos(err error, base int) {
	if base == 0 {
		return
	}
	var ue *UnsupportedError
	if errors.As(err, &ue) && ue.Pos >= 0 {
		ue.Pos += base
	}
}

// textHints reports, in one pass over the text, whether it may hold a
// window function (OVER) and whether it may read the clock (NOW(),
// CURRENT_…, LOCALTIME, CURDATE, GETDATE): six scans of a 100 KB IN
// list cost a tenth of its translation.
func textHints(s string) (window, clock bool) {
	for i := 0; i < len(s) && !(window && clock); i++ {
		switch s[i] | 0x20 {
		case 'o':
			window = window || hasFoldAt(s, i, "over")
		case 'n':
			clock = clock || hasFoldAt(s, i, "now")
		case 'c':
			clock = clock || hasFoldAt(s, i, "current_") || hasFoldAt(s, i, "curdate")
		case 'l':
			clock = clock || hasFoldAt(s, i, "localtime")
		case 'g':
			clock = clock || hasFoldAt(s, i, "getdate")
		}
	}
	return window, clock
}

// soqlHint reports text that reads as SOQL too: FIELDS( or a subquery in
// parentheses ("(select", "( select", any case). Each has a '(': looking
// around those avoids lower-casing a 100 KB statement.
func soqlHint(s string) bool {
	for i := 0; i < len(s); i++ {
		j := strings.IndexByte(s[i:], '(')
		if j < 0 {
			return false
		}
		i += j
		if i >= len("fields") && hasFoldAt(s, i-len("fields"), "fields") || hasFoldAt(s, i+1, "select") || hasFoldAt(s, i+1, " select") {
			return true
		}
	}
	return false
}

// hasFoldAt reports whether s holds the lower-case ASCII word w at i, in
// any case.
func hasFoldAt(s string, i int, w string) bool {
	if i+len(w) > len(s) {
		return false
	}
	for j := 0; j < len(w); j++ {
		c := s[i+j]
		if 'A' <= c && c <= 'Z' {
			c |= 0x20 // only letters fold: '_' | 0x20 is DEL, not '_'
		}
		if c != w[j] {
			return false
		}
	}
	return true
}

// charToByte converts a character index into a byte offset.
func charToByte(s string, n int) int {
	if n <= 0 {
		return 0
	}
	i := 0
	for b := range s {
		if i == n {
			return b
		}
		i++
	}
	return len(s)
}

// rowColOffset converts a 1-based row and character column to a byte offset.
func rowColOffset(s string, row, col int) int {
	if row <= 0 {
		return -1
	}
	off := 0
	for r := 1; r < row; r++ {
		j := strings.IndexByte(s[off:], '\n')
		if j < 0 {
			return len(s)
		}
		off += j + 1
	}
	return off + charToByte(s[off:], col-1)
}
