package emulator

import (
	"database/sql/driver"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/soqlgate/soqlgate/soql"
	"modernc.org/sqlite"
)

// This file compiles a checked SOQL statement into one SQLite SELECT over the
// storage tables (one table per sObject, one column per field, see the
// emulator contract) plus the shaping plan that turns its rows into records.
// Parent paths become LEFT JOINs (one alias per path), child subqueries a
// second statement per page keyed by the page's parent ids, semi-joins
// IN (SELECT …). Salesforce semantics are spelled out in SQL: text compares
// case-insensitively, != and NOT IN keep nulls, booleans are never null, nulls
// sort first.

// queryPlan is a compiled statement.
type queryPlan struct {
	obj       *sobject
	from      string // FROM … JOIN … (no WHERE)
	table     string // the root table and its alias, `"Case" t1`
	joins     string // the LEFT JOINs of parent paths
	rootID    string // the root Id column, t1."Id"
	cols      []string
	where     string // conditions joined by AND, "" for none
	whereArgs []any
	countFrom string // FROM for COUNT(*): only the joins the WHERE needs
	groupBy   string
	groupKind soql.GroupKind
	groupCols []string // select-list SQL of each grouped field, in GROUP BY order
	having    string
	havArgs   []any
	orderBy   string // ORDER BY list, with the Id tiebreak for record queries
	limit     *int
	offset    int
	countOnly bool // SELECT COUNT(): totalSize only
	aggregate bool // GROUP BY or aggregate functions: AggregateResult rows
	keyset    bool // ordered by Id alone: pages continue with Id > last
	idCol     int  // root Id column (record queries)
	root      *recordShape
	aggNodes  []*memberShape // AggregateResult members, in SELECT order
	children  []*childPlan
}

// childPlan is a parent-to-child subquery: the child query compiled on its
// own, with the foreign key to the parent as an extra column.
type childPlan struct {
	key   string // the relationship name, canonical
	plan  *queryPlan
	fkCol int
}

// compiler holds what compiling one statement needs.
type compiler struct {
	schema *schema
	text   string
	now    time.Time
	all    bool   // queryAll: soft-deleted rows too
	userID string // the user of USING SCOPE Mine (the demo user)
	nalias int
}

// scope is one FROM object being compiled: the root query, a child subquery
// or a semi-join subquery.
type scope struct {
	c        *compiler
	obj      *sobject
	alias    string
	prefixes []string            // names a path may start with: the FROM alias, the object or relationship name
	aliases  map[string][]string // legacy "FROM Contact c, c.Account a": lower-case a → [Account]
	joins    []string
	paths    map[string]*pathJoin // lower-case relationship path → join
	cols     []string
	colIndex map[string]int
	used     map[string]bool // join aliases the WHERE needs (for COUNT)
	joinDeps map[string][]string
}

// pathJoin is a joined parent (child-to-parent) path.
type pathJoin struct {
	name    string   // canonical path, "Account.Owner"
	obj     *sobject // the target, nil when polymorphic
	alias   string
	targets []polyTarget // polymorphic targets
	parent  *pathJoin
	shape   *recordShape
}

type polyTarget struct {
	obj   *sobject
	alias string
}

// fieldExpr is a resolved field path.
type fieldExpr struct {
	sql   string
	f     *field
	join  *pathJoin // nil for a field of the scope's object
	name  string    // the canonical dotted path, "Account.Name"
	owner string    // the object the field belongs to ("Name" when polymorphic)
}

func (c *compiler) newAlias(prefix string) string {
	c.nalias++
	return prefix + strconv.Itoa(c.nalias)
}

func (c *compiler) newScope(obj *sobject, prefixes ...string) *scope {
	return &scope{
		c: c, obj: obj, alias: c.newAlias("t"), prefixes: prefixes,
		paths: map[string]*pathJoin{}, colIndex: map[string]int{},
		used: map[string]bool{}, joinDeps: map[string][]string{},
	}
}

func (sc *scope) col(expr string) int {
	if i, ok := sc.colIndex[expr]; ok {
		return i
	}
	sc.cols = append(sc.cols, expr)
	sc.colIndex[expr] = len(sc.cols) - 1
	return len(sc.cols) - 1
}

// nameEntityFields are the fields of the "Name" entity a polymorphic
// relationship (Owner, What, Who) points to.
var nameEntityFields = []string{"Id", "Type", "Name", "FirstName", "LastName", "Alias", "Email",
	"IsActive", "Title", "Phone", "Username", "UserRoleId", "ProfileId", "CommunityNickname",
	"LastReferencedDate", "LastViewedDate", "RecordTypeId"}

// resolve maps a field path to SQL, joining the parents it walks through.
// forWhere marks the joins as needed by the count query.
func (sc *scope) resolve(ref *soql.FieldRef, forWhere bool) (*fieldExpr, *queryError) {
	segs := ref.Path
	if p, ok := sc.aliases[strings.ToLower(segs[0])]; ok && len(segs) > 1 {
		segs = append(append([]string(nil), p...), segs[1:]...)
	}
	if len(segs) > 1 && sc.obj.relationship(segs[0]) == nil {
		for _, p := range sc.prefixes {
			if p != "" && strings.EqualFold(segs[0], p) {
				segs = segs[1:]
				break
			}
		}
	}
	var join *pathJoin
	cur := sc.obj
	var names []string
	for i, seg := range segs[:len(segs)-1] {
		if join != nil && join.obj == nil {
			return nil, sc.c.errAt(ref.Pos, "INVALID_FIELD", "Didn't understand relationship '"+seg+"' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.")
		}
		rel := cur.relationship(seg)
		if rel == nil || len(rel.ReferenceTo) == 0 || i >= 5 {
			return nil, sc.c.errAt(ref.Pos, "INVALID_FIELD", "Didn't understand relationship '"+seg+"' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.")
		}
		names = append(names, rel.RelationshipName)
		key := strings.ToLower(strings.Join(names, "."))
		next := sc.paths[key]
		if next == nil {
			next = &pathJoin{name: strings.Join(names, "."), parent: join}
			from := sc.alias
			if join != nil {
				from = join.alias
			}
			on := from + "." + quoteIdent(rel.Name)
			if len(rel.ReferenceTo) == 1 {
				target := sc.c.schema.object(rel.ReferenceTo[0])
				if target == nil {
					return nil, sc.c.errAt(ref.Pos, "INVALID_FIELD", "Didn't understand relationship '"+seg+"' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.")
				}
				next.obj = target
				next.alias = sc.c.newAlias("p")
				sc.joins = append(sc.joins, "LEFT JOIN "+quoteIdent(target.Name)+" "+next.alias+" ON "+next.alias+".\"Id\" = "+on)
			} else {
				for _, tn := range rel.ReferenceTo {
					target := sc.c.schema.object(tn)
					if target == nil {
						continue
					}
					a := sc.c.newAlias("p")
					next.targets = append(next.targets, polyTarget{target, a})
					sc.joins = append(sc.joins, "LEFT JOIN "+quoteIdent(target.Name)+" "+a+" ON "+a+".\"Id\" = "+on)
				}
				next.alias = sc.c.newAlias("p") // unused as a table alias; names the path
			}
			sc.paths[key] = next
		}
		join = next
		cur = next.obj
	}
	last := segs[len(segs)-1]
	if forWhere {
		for j := join; j != nil; j = j.parent {
			sc.used[j.alias] = true
			for _, t := range j.targets {
				sc.used[t.alias] = true
			}
		}
	}
	if join != nil && join.obj == nil {
		return sc.resolvePoly(ref, join, last)
	}
	f := cur.field(last)
	if f == nil {
		return nil, sc.c.errAt(ref.Pos, "INVALID_FIELD", noSuchColumn(last, cur.Name))
	}
	alias := sc.alias
	name := f.Name
	if join != nil {
		alias = join.alias
		name = join.name + "." + f.Name
	}
	return &fieldExpr{sql: alias + "." + quoteIdent(f.Name), f: f, join: join, name: name, owner: cur.Name}, nil
}

func noSuchColumn(name, entity string) string {
	return "No such column '" + name + "' on entity '" + entity + "'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names."
}

// resolvePoly resolves a field of the Name entity behind a polymorphic
// relationship: the value of whichever target row the id found.
func (sc *scope) resolvePoly(ref *soql.FieldRef, join *pathJoin, last string) (*fieldExpr, *queryError) {
	canon := ""
	for _, n := range nameEntityFields {
		if strings.EqualFold(n, last) {
			canon = n
		}
	}
	if canon == "" {
		return nil, sc.c.errAt(ref.Pos, "INVALID_FIELD", noSuchColumn(last, "Name"))
	}
	if canon == "Type" {
		return &fieldExpr{sql: polyTypeSQL(join), f: &field{Name: "Type", Type: "picklist"}, join: join,
			name: join.name + ".Type", owner: "Name"}, nil
	}
	var parts []string
	var f *field
	for _, t := range join.targets {
		if tf := t.obj.field(canon); tf != nil {
			parts = append(parts, t.alias+"."+quoteIdent(tf.Name))
			if f == nil {
				f = tf
			}
		}
	}
	if f == nil {
		return &fieldExpr{sql: "NULL", f: &field{Name: canon, Type: "string"}, join: join, name: join.name + "." + canon, owner: "Name"}, nil
	}
	expr := "NULL"
	if len(parts) == 1 {
		expr = parts[0]
	} else if len(parts) > 1 {
		expr = "COALESCE(" + strings.Join(parts, ", ") + ")"
	}
	return &fieldExpr{sql: expr, f: f, join: join, name: join.name + "." + canon, owner: "Name"}, nil
}

// polyTypeSQL names the object a polymorphic path found, or NULL.
func polyTypeSQL(j *pathJoin) string {
	if len(j.targets) == 0 {
		return "NULL"
	}
	var b strings.Builder
	b.WriteString("CASE")
	for _, t := range j.targets {
		b.WriteString(" WHEN " + t.alias + ".\"Id\" IS NOT NULL THEN '" + t.obj.Name + "'")
	}
	b.WriteString(" END")
	return b.String()
}

func polyIDSQL(j *pathJoin) string {
	if len(j.targets) == 0 {
		return "NULL"
	}
	var parts []string
	for _, t := range j.targets {
		parts = append(parts, t.alias+".\"Id\"")
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return "COALESCE(" + strings.Join(parts, ", ") + ")"
}

// Field type classes.
func isTextType(t string) bool {
	switch t {
	case "string", "textarea", "email", "phone", "url", "picklist", "combobox", "encryptedstring", "multipicklist":
		return true
	}
	return false
}

func isIDType(t string) bool { return t == "id" || t == "reference" }

func isNumberType(t string) bool {
	switch t {
	case "int", "double", "currency", "percent", "long":
		return true
	}
	return false
}

// soapTypeWord is the type word of "must be of type X" messages.
func soapTypeWord(f *field) string {
	switch f.Type {
	case "int":
		return "integer"
	case "double", "currency", "percent":
		return "double"
	case "datetime":
		return "dateTime"
	case "id", "reference":
		return "id"
	}
	return f.Type
}

// ---- conditions ----

// cond compiles a WHERE or HAVING condition. neg is true under an odd number
// of NOTs: comparisons there are made null-free so NOT keeps SOQL's meaning.
func (sc *scope) cond(e soql.Expr, args *[]any, neg bool, having *aggContext) (string, *queryError) {
	switch e := e.(type) {
	case *soql.And:
		return sc.binary(e.Left, e.Right, "AND", args, neg, having)
	case *soql.Or:
		return sc.binary(e.Left, e.Right, "OR", args, neg, having)
	case *soql.Not:
		x, err := sc.cond(e.X, args, !neg, having)
		if err != nil {
			return "", err
		}
		return "NOT (" + x + ")", nil
	case *soql.Comparison:
		s, err := sc.comparison(e, args, having)
		if err != nil {
			return "", err
		}
		if neg {
			s = "COALESCE(" + s + ", 0)"
		}
		return s, nil
	case *soql.In:
		s, err := sc.in(e, args, having)
		if err != nil {
			return "", err
		}
		if neg {
			s = "COALESCE(" + s + ", 0)"
		}
		return s, nil
	case *soql.Includes:
		return sc.includes(e, args)
	}
	return "", sc.c.unexpectedAt(e.Position())
}

func (sc *scope) binary(left, right soql.Expr, op string, args *[]any, neg bool, having *aggContext) (string, *queryError) {
	l, err := sc.cond(left, args, neg, having)
	if err != nil {
		return "", err
	}
	r, err := sc.cond(right, args, neg, having)
	if err != nil {
		return "", err
	}
	return "(" + l + " " + op + " " + r + ")", nil
}

// operand is the left side of a condition: its SQL and the type its values
// have (a field's describe type, or the result type of a function).
type operand struct {
	sql   string
	f     *field // the field compared (for messages); a synthetic field for functions
	typ   string
	text  bool   // compare case-insensitively
	owner string // the object holding f
}

func (sc *scope) operand(e soql.Expr, having *aggContext) (*operand, *queryError) {
	switch e := e.(type) {
	case *soql.FieldRef:
		if having != nil {
			if g := having.grouped(e); g != nil {
				return g, nil
			}
		}
		fe, err := sc.resolve(e, true)
		if err != nil {
			return nil, err
		}
		if having != nil {
			return nil, sc.c.errAt(e.Pos, "MALFORMED_QUERY", "Field must be grouped or aggregated: "+fe.f.Name)
		}
		if !fe.f.Filterable && fe.owner != "Name" {
			return nil, sc.c.errAt(e.Pos, "INVALID_FIELD", "field '"+fe.f.Name+"' can not be filtered in query call")
		}
		return &operand{sql: fe.sql, f: fe.f, typ: fe.f.Type, text: isTextType(fe.f.Type), owner: fe.owner}, nil
	case *soql.FuncCall:
		if isAggregateFunc(e.Name) {
			if having == nil {
				return nil, sc.c.errAt(e.Pos, "MALFORMED_QUERY", "Aggregate functions are not allowed in WHERE; use HAVING")
			}
			a, err := sc.aggregateExpr(e)
			if err != nil {
				return nil, err
			}
			return &operand{sql: a.sql, f: &field{Name: e.Name, Type: a.typ, Scale: a.scale}, typ: a.typ, text: isTextType(a.typ)}, nil
		}
		if having != nil {
			if g := having.groupedFunc(e); g != nil {
				return g, nil
			}
		}
		d, err := sc.dateFunc(e, true)
		if err != nil {
			return nil, err
		}
		return &operand{sql: d.sql, f: &field{Name: e.Name, Type: d.typ}, typ: d.typ}, nil
	}
	return nil, sc.c.unexpectedAt(e.Position())
}

func (sc *scope) comparison(e *soql.Comparison, args *[]any, having *aggContext) (string, *queryError) {
	op, err := sc.operand(e.Left, having)
	if err != nil {
		return "", err
	}
	if e.Op == "LIKE" {
		if !isTextType(op.typ) || op.typ == "multipicklist" {
			return "", sc.c.errAt(e.Left.Position(), "INVALID_QUERY_FILTER_OPERATOR", "invalid operator on "+op.typ+" field")
		}
		lit, ok := e.Right.(*soql.StringLit)
		if !ok {
			if _, isNull := e.Right.(*soql.NullLit); isNull {
				return "0", nil
			}
			return "", sc.filterValueErr(e.Right.Position(), op.f, "string", inQuotes)
		}
		*args = append(*args, lit.Value)
		return likeFunc + "(" + op.sql + ", ?)", nil
	}
	if op.typ == "multipicklist" && e.Op != "=" && e.Op != "!=" && e.Op != "<>" {
		return "", sc.c.errAt(e.Left.Position(), "INVALID_QUERY_FILTER_OPERATOR", "invalid operator on multipicklist field")
	}
	if (op.typ == "boolean" || isIDType(op.typ)) && e.Op != "=" && e.Op != "!=" && e.Op != "<>" {
		if op.typ == "boolean" {
			return "", sc.c.errAt(e.Left.Position(), "INVALID_QUERY_FILTER_OPERATOR", "invalid operator on boolean field")
		}
	}
	if dl, ok := e.Right.(*soql.DateLiteral); ok {
		return sc.dateLiteralCond(op, e.Op, dl, args)
	}
	v, isNull, err := sc.value(op, e.Right)
	if err != nil {
		return "", err
	}
	collate := ""
	if op.text {
		collate = " COLLATE " + textCollation
	}
	if isNull {
		if op.typ == "boolean" {
			// Booleans are never null: = null matches false, != null true.
			switch e.Op {
			case "=":
				return op.sql + " = 0", nil
			case "!=", "<>":
				return op.sql + " = 1", nil
			}
		}
		switch e.Op {
		case "=":
			return op.sql + " IS NULL", nil
		case "!=", "<>":
			return op.sql + " IS NOT NULL", nil
		}
		return "0", nil
	}
	*args = append(*args, v)
	switch e.Op {
	case "=":
		return op.sql + " = ?" + collate, nil
	case "!=", "<>":
		// SOQL's != keeps the rows where the field is null.
		return "(" + op.sql + " IS NULL OR " + op.sql + " <> ?" + collate + ")", nil
	case "<", "<=", ">", ">=":
		return op.sql + " " + e.Op + " ?" + collate, nil
	}
	return "", sc.c.errAt(e.Pos, "MALFORMED_QUERY", "unexpected token: '"+e.Op+"'")
}

// The tails of filterValueErr's message.
const (
	inQuotes = " and should be enclosed in quotes"
	noQuotes = " and should not be enclosed in quotes"
)

// filterValueErr is Salesforce's INVALID_FIELD for a filter value of the
// wrong type for field f: want is the type expected, tail "", inQuotes or
// noQuotes.
func (sc *scope) filterValueErr(pos soql.Pos, f *field, want, tail string) *queryError {
	return sc.c.errAt(pos, "INVALID_FIELD", "value of filter criterion for field '"+f.Name+"' must be of type "+want+tail)
}

// value converts a literal to the storage form of the operand's type.
func (sc *scope) value(op *operand, lit soql.Expr) (any, bool, *queryError) {
	quoted := func(want string) *queryError { return sc.filterValueErr(lit.Position(), op.f, want, noQuotes) }
	wrong := func(want string) *queryError { return sc.filterValueErr(lit.Position(), op.f, want, inQuotes) }
	if _, ok := lit.(*soql.NullLit); ok {
		return nil, true, nil
	}
	typ := op.typ
	switch {
	case isIDType(typ):
		s, ok := lit.(*soql.StringLit)
		if !ok {
			return nil, false, wrong("id")
		}
		id, valid := canonicalID(s.Value)
		if !valid {
			return nil, false, sc.c.errAt(lit.Position(), "INVALID_QUERY_FILTER_OPERATOR", "invalid ID field: "+s.Value)
		}
		return id, false, nil
	case isTextType(typ):
		s, ok := lit.(*soql.StringLit)
		if !ok {
			return nil, false, wrong("string")
		}
		if s.Value == "" {
			return nil, true, nil // Salesforce stores blank text as null: '' means null
		}
		return s.Value, false, nil
	case isNumberType(typ):
		n, ok := lit.(*soql.NumberLit)
		if !ok {
			if _, q := lit.(*soql.StringLit); q {
				return nil, false, quoted(soapTypeWord(op.f))
			}
			return nil, false, sc.filterValueErr(lit.Position(), op.f, soapTypeWord(op.f), "")
		}
		d, err := decimal.NewFromString(n.Text)
		if err != nil {
			return nil, false, sc.c.errAt(lit.Position(), "MALFORMED_QUERY", "unexpected token: '"+n.Text+"'")
		}
		if d.IsInteger() && d.Abs().LessThan(decimal.New(1, 18)) {
			return d.IntPart(), false, nil
		}
		return d.InexactFloat64(), false, nil
	case typ == "boolean":
		b, ok := lit.(*soql.BoolLit)
		if !ok {
			if _, q := lit.(*soql.StringLit); q {
				return nil, false, quoted("boolean")
			}
			return nil, false, sc.filterValueErr(lit.Position(), op.f, "boolean", "")
		}
		if b.Value {
			return 1, false, nil
		}
		return 0, false, nil
	case typ == "date":
		switch l := lit.(type) {
		case *soql.DateLit:
			if _, err := l.Date(); err != nil {
				return nil, false, quoted("date")
			}
			return l.Text, false, nil
		case *soql.StringLit:
			return nil, false, quoted("date")
		}
		return nil, false, quoted("date")
	case typ == "datetime":
		switch l := lit.(type) {
		case *soql.DateTimeLit:
			t, ok := parseSOQLDateTime(l.Text)
			if !ok {
				return nil, false, quoted("dateTime")
			}
			return t.UTC().Format(storedDateTime), false, nil
		case *soql.StringLit:
			return nil, false, quoted("dateTime")
		}
		return nil, false, quoted("dateTime")
	case typ == "time":
		if l, ok := lit.(*soql.TimeLit); ok {
			t, err := time.Parse("15:04:05.999Z", l.Text)
			if err != nil {
				return nil, false, quoted("time")
			}
			return t.Format("15:04:05.000Z"), false, nil
		}
		return nil, false, quoted("time")
	}
	return nil, false, sc.c.errAt(lit.Position(), "INVALID_QUERY_FILTER_OPERATOR", "invalid operator on "+typ+" field")
}

func parseSOQLDateTime(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02T15:04:05Z", "2006-01-02T15:04:05.999999999Z",
		"2006-01-02T15:04:05-07:00", "2006-01-02T15:04:05.999999999-07:00", "2006-01-02T15:04:05-0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func (sc *scope) dateLiteralCond(op *operand, cmp string, dl *soql.DateLiteral, args *[]any) (string, *queryError) {
	if op.typ != "date" && op.typ != "datetime" {
		return "", sc.filterValueErr(dl.Pos, op.f, soapTypeWord(op.f), inQuotes)
	}
	n := 0
	if dl.N != nil {
		n = *dl.N
	}
	r, ok := dateLiteralRange(dl.Name, n, sc.c.now)
	if !ok {
		return "", sc.c.errAt(dl.Pos, "MALFORMED_QUERY", "unexpected token: "+dl.Name)
	}
	format := "2006-01-02"
	if op.typ == "datetime" {
		format = storedDateTime
	}
	start, end := r.start.Format(format), r.end.Format(format)
	switch cmp {
	case "=":
		*args = append(*args, start, end)
		return "(" + op.sql + " >= ? AND " + op.sql + " < ?)", nil
	case "!=", "<>":
		*args = append(*args, start, end)
		return "(" + op.sql + " IS NULL OR " + op.sql + " < ? OR " + op.sql + " >= ?)", nil
	case "<":
		*args = append(*args, start)
		return op.sql + " < ?", nil
	case "<=":
		*args = append(*args, end)
		return op.sql + " < ?", nil
	case ">":
		*args = append(*args, end)
		return op.sql + " >= ?", nil
	case ">=":
		*args = append(*args, start)
		return op.sql + " >= ?", nil
	}
	return "", sc.c.errAt(dl.Pos, "MALFORMED_QUERY", "unexpected token: '"+cmp+"'")
}

func (sc *scope) in(e *soql.In, args *[]any, having *aggContext) (string, *queryError) {
	op, err := sc.operand(e.Left, having)
	if err != nil {
		return "", err
	}
	not := ""
	if e.Not {
		not = "NOT "
	}
	if e.Sub != nil {
		if having != nil {
			return "", sc.c.errAt(e.Sub.Pos, "MALFORMED_QUERY", "semi join sub-selects are not allowed with the HAVING clause")
		}
		return sc.semiJoin(e, op, args)
	}
	collate := ""
	if op.text {
		collate = " COLLATE " + textCollation
	}
	var marks []string
	hasNull := false
	for _, v := range e.Values {
		if dl, ok := v.(*soql.DateLiteral); ok {
			return "", sc.c.errAt(v.Position(), "MALFORMED_QUERY", "unexpected token: "+dl.Name)
		}
		val, isNull, err := sc.value(op, v)
		if err != nil {
			return "", err
		}
		if isNull {
			hasNull = true
			continue
		}
		*args = append(*args, val)
		marks = append(marks, "?")
	}
	var parts []string
	if len(marks) > 0 {
		parts = append(parts, op.sql+collate+" "+not+"IN ("+strings.Join(marks, ", ")+")")
	}
	if e.Not {
		// NOT IN keeps nulls unless null is in the list.
		if hasNull {
			parts = append(parts, op.sql+" IS NOT NULL")
			return "(" + strings.Join(parts, " AND ") + ")", nil
		}
		if len(parts) == 0 {
			return "1", nil
		}
		return "(" + op.sql + " IS NULL OR " + parts[0] + ")", nil
	}
	if hasNull {
		parts = append(parts, op.sql+" IS NULL")
	}
	if len(parts) == 0 {
		return "0", nil
	}
	return "(" + strings.Join(parts, " OR ") + ")", nil
}

// semiJoin compiles Id IN (SELECT ref FROM Other WHERE …).
func (sc *scope) semiJoin(e *soql.In, op *operand, args *[]any) (string, *queryError) {
	if !isIDType(op.typ) {
		return "", sc.c.errAt(e.Left.Position(), "INVALID_FIELD", "The left operand of a semi join must be an ID or a reference field")
	}
	if ref, ok := e.Left.(*soql.FieldRef); ok && len(ref.Path) > 1 {
		return "", sc.c.errAt(ref.Pos, "MALFORMED_QUERY", "Semi join sub-selects are only allowed at the top level WHERE expressions and not in nested WHERE expressions.")
	}
	q := e.Sub
	obj := sc.c.schema.object(q.From.Object)
	if obj == nil {
		return "", sc.c.errAt(q.From.Pos, "INVALID_TYPE", invalidType(q.From.Object))
	}
	if obj == sc.obj {
		return "", sc.c.errAt(q.Pos, "MALFORMED_QUERY", "The inner and outer selects should not be on the same object type")
	}
	if len(q.Select) != 1 {
		return "", sc.c.errAt(q.Pos, "MALFORMED_QUERY", "Semi join sub-selects can only select one field")
	}
	if q.OrderBy != nil || q.Limit != nil || q.Offset != nil || q.GroupBy != nil {
		return "", sc.c.errAt(q.Pos, "MALFORMED_QUERY", "semi join sub-selects can not use ORDER BY, LIMIT, OFFSET or GROUP BY")
	}
	ref, ok := q.Select[0].Expr.(*soql.FieldRef)
	if !ok {
		return "", sc.c.errAt(q.Select[0].Position(), "MALFORMED_QUERY", "Semi join sub-selects can only select one id or reference field")
	}
	sub := sc.c.newScope(obj, q.From.Alias, obj.Name)
	fe, err := sub.resolve(ref, false)
	if err != nil {
		return "", err
	}
	if !isIDType(fe.f.Type) || fe.join != nil || !sameTargets(targetsOf(op.f, op.owner), targetsOf(fe.f, obj.Name)) {
		return "", sc.c.errAt(ref.Pos, "INVALID_FIELD", "The selected field '"+fe.name+"' in the subquery and the left operand field in the where expression in the outer query '"+op.f.Name+"' must point to the same object type")
	}
	// NOT IN over a set holding null is empty in SQL; SOQL ignores the nulls.
	conds := []string{fe.sql + " IS NOT NULL"}
	if q.Where != nil {
		w, err := sub.cond(q.Where, args, false, nil)
		if err != nil {
			return "", err
		}
		conds = append(conds, w)
	}
	if d := sub.deletedCond(); d != "" {
		conds = append(conds, d)
	}
	sqlText := "SELECT " + fe.sql + " FROM " + quoteIdent(obj.Name) + " " + sub.alias + " " + strings.Join(sub.joins, " ")
	if len(conds) > 0 {
		sqlText += " WHERE " + strings.Join(conds, " AND ")
	}
	not := ""
	if e.Not {
		not = "NOT "
	}
	return op.sql + " " + not + "IN (" + sqlText + ")", nil
}

// targetsOf lists the objects an id or reference field points to.
func targetsOf(f *field, owner string) []string {
	if f.Type == "id" {
		return []string{owner}
	}
	return f.ReferenceTo
}

func sameTargets(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if strings.EqualFold(x, y) {
				return true
			}
		}
	}
	return false
}

// deletedCond hides soft-deleted rows unless the query is a queryAll.
func (sc *scope) deletedCond() string {
	if sc.c.all || sc.obj.field("IsDeleted") == nil {
		return ""
	}
	return sc.alias + `."IsDeleted" = 0`
}

func (sc *scope) includes(e *soql.Includes, args *[]any) (string, *queryError) {
	op, err := sc.operand(e.Left, nil)
	if err != nil {
		return "", err
	}
	if op.typ != "multipicklist" {
		return "", sc.c.errAt(e.Left.Position(), "INVALID_QUERY_FILTER_OPERATOR", "invalid operator on "+op.typ+" field")
	}
	var any []string
	for _, v := range e.Values {
		s, ok := v.(*soql.StringLit)
		if !ok {
			return "", sc.filterValueErr(v.Position(), op.f, "string", inQuotes)
		}
		*args = append(*args, s.Value)
		any = append(any, includesFunc+"("+op.sql+", ?)")
	}
	s := "(" + strings.Join(any, " OR ") + ")"
	if e.Excludes {
		return "NOT " + s, nil
	}
	return s, nil
}

// ---- functions ----

func isAggregateFunc(name string) bool {
	fi, _ := soql.LookupFunc(name)
	return fi.Aggregate
}

var dateFuncs = map[string]string{
	"CALENDAR_MONTH":   "CAST(strftime('%m', X) AS INTEGER)",
	"CALENDAR_QUARTER": "((CAST(strftime('%m', X) AS INTEGER) + 2) / 3)",
	"CALENDAR_YEAR":    "CAST(strftime('%Y', X) AS INTEGER)",
	"DAY_IN_MONTH":     "CAST(strftime('%d', X) AS INTEGER)",
	"DAY_IN_WEEK":      "(CAST(strftime('%w', X) AS INTEGER) + 1)",
	"DAY_IN_YEAR":      "CAST(strftime('%j', X) AS INTEGER)",
	"DAY_ONLY":         "substr(X, 1, 10)",
	"FISCAL_MONTH":     "CAST(strftime('%m', X) AS INTEGER)",
	"FISCAL_QUARTER":   "((CAST(strftime('%m', X) AS INTEGER) + 2) / 3)",
	"FISCAL_YEAR":      "CAST(strftime('%Y', X) AS INTEGER)",
	"HOUR_IN_DAY":      "CAST(strftime('%H', X) AS INTEGER)",
	"WEEK_IN_MONTH":    "((CAST(strftime('%d', X) AS INTEGER) + 6) / 7)",
	"WEEK_IN_YEAR":     "((CAST(strftime('%j', X) AS INTEGER) + 6) / 7)",
}

type typedSQL struct {
	sql   string
	typ   string
	scale int
}

// dateFunc compiles CALENDAR_YEAR(CreatedDate) and friends.
func (sc *scope) dateFunc(e *soql.FuncCall, forWhere bool) (*typedSQL, *queryError) {
	tmpl, ok := dateFuncs[strings.ToUpper(e.Name)]
	if !ok || len(e.Args) != 1 {
		return nil, sc.c.errAt(e.Pos, "MALFORMED_QUERY", "unexpected token: "+e.Name)
	}
	arg := e.Args[0]
	if inner, ok := arg.(*soql.FuncCall); ok && strings.EqualFold(inner.Name, "convertTimezone") && len(inner.Args) == 1 {
		arg = inner.Args[0] // the demo user's time zone is UTC
	}
	ref, ok := arg.(*soql.FieldRef)
	if !ok {
		return nil, sc.c.unexpectedAt(arg.Position())
	}
	fe, err := sc.resolve(ref, forWhere)
	if err != nil {
		return nil, err
	}
	name := strings.ToUpper(e.Name)
	if fe.f.Type != "date" && fe.f.Type != "datetime" || (name == "HOUR_IN_DAY" || name == "DAY_ONLY") && fe.f.Type != "datetime" {
		return nil, sc.c.errAt(e.Pos, "MALFORMED_QUERY", "Invalid date function "+name+" on field "+fe.f.Name+" of type "+fe.f.Type)
	}
	typ := "int"
	if name == "DAY_ONLY" {
		typ = "date"
	}
	return &typedSQL{sql: strings.ReplaceAll(tmpl, "X", fe.sql), typ: typ}, nil
}

// aggregateExpr compiles COUNT(), COUNT(f), COUNT_DISTINCT(f), SUM, AVG, MIN, MAX.
func (sc *scope) aggregateExpr(e *soql.FuncCall) (*typedSQL, *queryError) {
	name := strings.ToUpper(e.Name)
	if len(e.Args) == 0 {
		if name == "COUNT" {
			return &typedSQL{sql: "COUNT(*)", typ: "int"}, nil
		}
		return nil, sc.c.errAt(e.Pos, "MALFORMED_QUERY", "unexpected token: ')'")
	}
	var fe *fieldExpr
	var inner typedSQL
	switch a := e.Args[0].(type) {
	case *soql.FieldRef:
		var err *queryError
		fe, err = sc.resolve(a, false)
		if err != nil {
			return nil, err
		}
		inner = typedSQL{sql: fe.sql, typ: fe.f.Type, scale: fe.f.Scale}
	case *soql.FuncCall:
		d, err := sc.dateFunc(a, false)
		if err != nil {
			return nil, err
		}
		inner = *d
		fe = &fieldExpr{f: &field{Name: a.Name, Type: d.typ, Aggregatable: true}}
	default:
		return nil, sc.c.unexpectedAt(e.Args[0].Position())
	}
	unsupported := func() *queryError {
		return sc.c.errAt(e.Pos, "MALFORMED_QUERY", "field "+fe.f.Name+" does not support aggregate operator "+name)
	}
	t := inner.typ
	if !fe.f.Aggregatable && fe.owner != "Name" {
		return nil, unsupported()
	}
	switch t {
	case "boolean", "base64", "time", "multipicklist", "encryptedstring", "address", "location":
		return nil, unsupported()
	}
	switch name {
	case "COUNT":
		return &typedSQL{sql: "COUNT(" + inner.sql + ")", typ: "int"}, nil
	case "COUNT_DISTINCT":
		return &typedSQL{sql: "COUNT(DISTINCT " + inner.sql + ")", typ: "int"}, nil
	case "SUM":
		if !isNumberType(t) {
			return nil, unsupported()
		}
		if t == "int" {
			return &typedSQL{sql: "SUM(" + inner.sql + ")", typ: "int"}, nil
		}
		return &typedSQL{sql: "SUM(" + inner.sql + ")", typ: "double", scale: inner.scale}, nil
	case "AVG":
		if !isNumberType(t) {
			return nil, unsupported()
		}
		return &typedSQL{sql: "AVG(" + inner.sql + ")", typ: "double"}, nil
	case "MIN", "MAX":
		expr := inner.sql
		if key, ok := picklistKey(fe.f, inner.sql); ok {
			// Picklists compare in their defined order; map the extreme
			// position back to its value (a value outside the list by text).
			var b strings.Builder
			b.WriteString("CASE " + name + "(" + key + ")")
			for i, v := range fe.f.PicklistValues {
				b.WriteString(" WHEN " + strconv.Itoa(i) + " THEN " + sqlString(v))
			}
			b.WriteString(" ELSE " + name + "(" + expr + " COLLATE " + textCollation + ") END")
			return &typedSQL{sql: b.String(), typ: t}, nil
		}
		if isTextType(t) {
			expr += " COLLATE " + textCollation
		}
		return &typedSQL{sql: name + "(" + expr + ")", typ: t, scale: inner.scale}, nil
	}
	return nil, unsupported()
}

// unexpectedAt is Salesforce's MALFORMED_QUERY "unexpected token" for the
// token at pos.
func (c *compiler) unexpectedAt(pos soql.Pos) *queryError {
	return c.errAt(pos, "MALFORMED_QUERY", "unexpected token: "+tokenText(c.text, pos))
}

// tokenText quotes the token at pos for "unexpected token" messages.
func tokenText(text string, pos soql.Pos) string {
	if pos.Offset < 0 || pos.Offset >= len(text) {
		return "<EOF>"
	}
	rest := text[pos.Offset:]
	end := strings.IndexAny(rest, " \t\r\n,()")
	if end == 0 {
		end = 1
	}
	if end < 0 {
		end = len(rest)
	}
	return "'" + rest[:end] + "'"
}

func invalidType(name string) string {
	return "sObject type '" + name + "' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names."
}

// ---- errors ----

// queryError is a query rejected the way Salesforce rejects it.
type queryError struct {
	status  int
	code    string
	message string
}

func (e *queryError) Error() string { return "emulator: " + e.code + ": " + e.message }

// errAt builds an error whose message carries Salesforce's preamble: the
// statement row, a caret under pos and "ERROR at Row:r:Column:c".
func (c *compiler) errAt(pos soql.Pos, code, msg string) *queryError {
	return &queryError{status: 400, code: code, message: soql.NewParseError(c.text, pos, msg).Error()}
}

// errPlain builds an error without the preamble.
func errPlain(code, msg string) *queryError {
	return &queryError{status: 400, code: code, message: msg}
}

// ---- statements ----

// compileQuery checks and compiles a parsed statement. all selects
// soft-deleted rows too (queryAll).
func (s *Server) compileQuery(text string, q *soql.Query, all bool, now time.Time) (*queryPlan, *queryError) {
	c := &compiler{schema: s.schema, text: text, now: now, all: all, userID: s.org.User.ID}
	if err := c.checkStatement(q); err != nil {
		return nil, err
	}
	obj := c.schema.object(q.From.Object)
	if obj == nil || !obj.Queryable {
		return nil, c.errAt(q.From.Pos, "INVALID_TYPE", invalidType(q.From.Object))
	}
	sc := c.newScope(obj, q.From.Alias, obj.Name)
	for _, m := range q.From.More {
		path := m.Path
		if len(path) > 1 && (strings.EqualFold(path[0], q.From.Alias) || strings.EqualFold(path[0], obj.Name)) {
			path = path[1:]
		}
		if sc.aliases == nil {
			sc.aliases = map[string][]string{}
		}
		sc.aliases[strings.ToLower(m.Alias)] = path
	}
	return sc.compile(q)
}

// compile compiles q against the scope's object.
func (sc *scope) compile(q *soql.Query) (*queryPlan, *queryError) {
	plan := &queryPlan{obj: sc.obj, limit: q.Limit, idCol: -1}
	if q.Offset != nil {
		plan.offset = *q.Offset
	}
	aggregate := q.GroupBy != nil
	for _, it := range q.Select {
		if f, ok := it.Expr.(*soql.FuncCall); ok && isAggregateFunc(f.Name) {
			aggregate = true
		}
	}
	if len(q.Select) == 1 {
		if f, ok := q.Select[0].Expr.(*soql.FuncCall); ok && strings.EqualFold(f.Name, "COUNT") && len(f.Args) == 0 && q.GroupBy == nil {
			plan.countOnly = true
			aggregate = false
		}
	}
	var conds []string
	if q.Where != nil {
		w, err := sc.cond(q.Where, &plan.whereArgs, false, nil)
		if err != nil {
			return nil, err
		}
		conds = append(conds, w)
	}
	if d := sc.deletedCond(); d != "" {
		conds = append(conds, d)
	}
	if q.Using != "" {
		switch strings.ToLower(q.Using) {
		case "everything":
		case "mine":
			owner := sc.obj.field("OwnerId")
			if owner == nil {
				return nil, sc.c.errAt(sc.c.keywordPos("USING", q.Pos), "INVALID_QUERY_SCOPE", "Invalid scope: "+q.Using)
			}
			conds = append(conds, sc.alias+"."+quoteIdent(owner.Name)+" = ?")
			plan.whereArgs = append(plan.whereArgs, sc.c.userID)
		default:
			return nil, sc.c.errAt(sc.c.keywordPos("USING", q.Pos), "INVALID_QUERY_SCOPE", "USING SCOPE "+q.Using+" is not implemented by the soqlgate emulator")
		}
	}
	plan.where = strings.Join(conds, " AND ")
	switch {
	case plan.countOnly:
	case aggregate:
		plan.aggregate = true
		if err := sc.compileAggregate(q, plan); err != nil {
			return nil, err
		}
	default:
		if err := sc.compileRecords(q, plan); err != nil {
			return nil, err
		}
	}
	plan.cols = sc.cols
	plan.table = quoteIdent(sc.obj.Name) + " " + sc.alias
	plan.rootID = sc.alias + `."Id"`
	plan.joins = strings.Join(sc.joins, " ")
	plan.from = plan.table
	plan.countFrom = plan.from
	for _, j := range sc.joins {
		plan.from += " " + j
		// "LEFT JOIN "X" pN ON …": keep the joins the WHERE reads.
		if a := joinAlias(j); sc.used[a] {
			plan.countFrom += " " + j
		}
	}
	return plan, nil
}

func joinAlias(join string) string {
	// LEFT JOIN "Name" alias ON …
	i := strings.Index(join, " ON ")
	head := join[:i]
	return head[strings.LastIndexByte(head, ' ')+1:]
}

// shapeFor returns the shaping object of a joined path, creating the parent
// members on the way in SELECT order.
func (sc *scope) shapeFor(root *recordShape, j *pathJoin) *recordShape {
	if j == nil {
		return root
	}
	if j.shape != nil {
		return j.shape
	}
	parent := sc.shapeFor(root, j.parent)
	key := j.name[strings.LastIndexByte(j.name, '.')+1:]
	obj := &recordShape{typeCol: -1}
	if j.obj != nil {
		obj.typeName = j.obj.Name
		obj.idCol = sc.col(j.alias + `."Id"`)
	} else {
		obj.typeCol = sc.col(polyTypeSQL(j))
		obj.idCol = sc.col(polyIDSQL(j))
	}
	parent.nodes = append(parent.nodes, &memberShape{kind: nodeParent, key: key, obj: obj})
	j.shape = obj
	return obj
}

// compileRecords compiles the select list, ORDER BY and child subqueries of
// a record (non-aggregate) query.
func (sc *scope) compileRecords(q *soql.Query, plan *queryPlan) *queryError {
	c := sc.c
	root := &recordShape{typeName: sc.obj.Name, typeCol: -1, idCol: sc.col(sc.alias + `."Id"`)}
	plan.root = root
	plan.idCol = root.idCol
	seen := map[string]bool{}
	addField := func(fe *fieldExpr, pos soql.Pos) *queryError {
		k := strings.ToLower(fe.name)
		if seen[k] {
			return c.errAt(pos, "INVALID_FIELD", "duplicate field selected: "+fe.name)
		}
		seen[k] = true
		obj := sc.shapeFor(root, fe.join)
		node := &memberShape{kind: nodeValue, key: fe.f.Name, f: fe.f}
		switch fe.f.Type {
		case "address", "location":
			owner := c.schema.object(fe.owner)
			if owner == nil { // polymorphic Name entity: no compound fields
				return c.errAt(pos, "INVALID_FIELD", noSuchColumn(fe.f.Name, fe.owner))
			}
			node.kind, node.owner, node.parts = nodeCompound, owner, map[string]int{}
			base := strings.TrimSuffix(fe.sql, quoteIdent(fe.f.Name))
			for _, part := range owner.components(fe.f.Name) {
				if part.stored() {
					node.parts[part.Name] = sc.col(base + quoteIdent(part.Name))
				}
			}
		case "base64":
			// The value is a URL to the blob: read whether there is one, not the blob.
			node.col = sc.col("CASE WHEN " + fe.sql + " IS NULL THEN NULL ELSE 1 END")
		default:
			node.col = sc.col(fe.sql)
		}
		obj.nodes = append(obj.nodes, node)
		return nil
	}
	for _, it := range q.Select {
		if it.Alias != "" {
			return c.errAt(it.AliasPos, "MALFORMED_QUERY", "only aggregate expressions use field aliasing")
		}
		switch e := it.Expr.(type) {
		case *soql.FieldRef:
			fe, err := sc.resolve(e, false)
			if err != nil {
				return err
			}
			if err := addField(fe, e.Pos); err != nil {
				return err
			}
		case *soql.FuncCall:
			name := strings.ToUpper(e.Name)
			switch name {
			case "TOLABEL", "FORMAT", "CONVERTCURRENCY":
			default:
				return c.errAt(e.Pos, "MALFORMED_QUERY", "Field must be grouped or aggregated: "+e.Name)
			}
			ref, ok := singleFieldArg(e)
			if !ok {
				return c.unexpectedAt(e.Pos)
			}
			fe, err := sc.resolve(ref, false)
			if err != nil {
				return err
			}
			if err := addField(fe, e.Pos); err != nil {
				return err
			}
		case *soql.Fields:
			n := 0
			for _, f := range sc.obj.Fields {
				if e.Kind == soql.FieldsCustom && !isCustomField(f) || e.Kind == soql.FieldsStandard && isCustomField(f) {
					continue
				}
				n++
				fe := &fieldExpr{sql: sc.alias + "." + quoteIdent(f.Name), f: f, name: f.Name, owner: sc.obj.Name}
				if err := addField(fe, e.Pos); err != nil {
					return err
				}
			}
			if n == 0 {
				return c.errAt(e.Pos, "MALFORMED_QUERY", "'FIELDS(...)' expansion function must result in at least one field being selected.")
			}
		case *soql.SubQuery:
			cp, err := sc.compileChild(e)
			if err != nil {
				return err
			}
			if seen[strings.ToLower(cp.key)] {
				return c.errAt(e.Pos, "INVALID_FIELD", "duplicate field selected: "+cp.key)
			}
			seen[strings.ToLower(cp.key)] = true
			plan.children = append(plan.children, cp)
			root.nodes = append(root.nodes, &memberShape{kind: nodeChild, key: cp.key, child: len(plan.children) - 1})
		case *soql.TypeOf:
			if err := sc.compileTypeOf(root, e, seen); err != nil {
				return err
			}
		default:
			return c.unexpectedAt(it.Position())
		}
	}
	var order []string
	idLast := false
	for _, o := range q.OrderBy {
		ref, ok := o.Expr.(*soql.FieldRef)
		if !ok {
			return c.unexpectedAt(o.Expr.Position())
		}
		fe, err := sc.resolve(ref, false)
		if err != nil {
			return err
		}
		if !fe.f.Sortable && fe.owner != "Name" {
			return c.errAt(ref.Pos, "INVALID_FIELD", "field '"+fe.f.Name+"' can not be sorted in a query call")
		}
		key, text := orderKey(fe.f, fe.sql)
		order = append(order, orderTerm(key, text, o))
		idLast = fe.join == nil && fe.f.Name == "Id"
	}
	if !idLast {
		order = append(order, sc.alias+`."Id"`)
	}
	plan.orderBy = strings.Join(order, ", ")
	plan.keyset = len(q.OrderBy) == 0 && q.Offset == nil
	return nil
}

// compileTypeOf compiles TYPEOF Rel WHEN Type THEN fields … [ELSE fields]
// END: the parent object of a polymorphic relationship, whose members depend
// on the type of the record the id found.
func (sc *scope) compileTypeOf(root *recordShape, e *soql.TypeOf, seen map[string]bool) *queryError {
	c := sc.c
	rel := sc.obj.relationship(e.Field)
	if rel == nil || len(rel.ReferenceTo) < 2 {
		return c.errAt(e.Pos, "MALFORMED_QUERY", "TYPEOF can only be used on a polymorphic relationship field: "+e.Field)
	}
	fe, err := sc.resolve(&soql.FieldRef{Path: []string{e.Field, "Id"}, Pos: e.Pos}, false)
	if err != nil {
		return err
	}
	j := fe.join
	if seen[strings.ToLower(j.name)] {
		return c.errAt(e.Pos, "INVALID_FIELD", "duplicate field selected: "+j.name)
	}
	seen[strings.ToLower(j.name)] = true
	obj := sc.shapeFor(root, j)
	obj.byType = map[string][]*memberShape{}
	for _, w := range e.Whens {
		known := false
		for _, t := range rel.ReferenceTo {
			known = known || strings.EqualFold(t, w.Type)
		}
		if !known {
			return c.errAt(w.Pos, "INVALID_TYPE", "The type "+w.Type+" is not a valid type for the polymorphic field "+rel.RelationshipName)
		}
		var target *polyTarget
		for i := range j.targets {
			if strings.EqualFold(j.targets[i].obj.Name, w.Type) {
				target = &j.targets[i]
			}
		}
		if target == nil { // a type the demo org has no table for: no record can have it
			continue
		}
		members := []*memberShape{}
		for _, fr := range w.Fields {
			if len(fr.Path) != 1 {
				return c.errAt(fr.Pos, "MALFORMED_QUERY", "TYPEOF field lists take fields of the type, not relationship paths")
			}
			f := target.obj.field(fr.Path[0])
			if f == nil {
				return c.errAt(fr.Pos, "INVALID_FIELD", noSuchColumn(fr.Path[0], target.obj.Name))
			}
			members = append(members, &memberShape{kind: nodeValue, key: f.Name, f: f, col: sc.col(target.alias + "." + quoteIdent(f.Name))})
		}
		obj.byType[target.obj.Name] = members
	}
	for _, fr := range e.Else {
		if len(fr.Path) != 1 {
			return c.errAt(fr.Pos, "MALFORMED_QUERY", "TYPEOF field lists take fields of the type, not relationship paths")
		}
		pe, err := sc.resolvePoly(fr, j, fr.Path[0])
		if err != nil {
			return err
		}
		obj.elseNodes = append(obj.elseNodes, &memberShape{kind: nodeValue, key: pe.f.Name, f: pe.f, col: sc.col(pe.sql)})
	}
	return nil
}

// picklistKey is the position of a picklist value in the field's defined
// order, the order Salesforce sorts picklists in; values outside the list
// come after. ok is false for other fields.
func picklistKey(f *field, expr string) (string, bool) {
	if f == nil || f.Type != "picklist" || len(f.PicklistValues) == 0 {
		return "", false
	}
	var b strings.Builder
	b.WriteString("CASE WHEN " + expr + " IS NULL THEN NULL ELSE CASE " + expr)
	for i, v := range f.PicklistValues {
		b.WriteString(" WHEN " + sqlString(v) + " THEN " + strconv.Itoa(i))
	}
	b.WriteString(" ELSE " + strconv.Itoa(len(f.PicklistValues)) + " END END")
	return b.String(), true
}

func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// orderKey is the ORDER BY expression of a field: its picklist position,
// else the value.
func orderKey(f *field, expr string) (string, bool) {
	if key, ok := picklistKey(f, expr); ok {
		return key, false
	}
	return expr, f != nil && isTextType(f.Type)
}

func orderTerm(expr string, text bool, o soql.OrderItem) string {
	if text {
		// Sorting on the folded key calls Go once a row, not once a comparison.
		expr = foldFunc + "(" + expr + ")"
	}
	if o.Desc {
		expr += " DESC"
	} else {
		expr += " ASC"
	}
	if o.Nulls == soql.NullsLast {
		expr += " NULLS LAST"
	} else {
		expr += " NULLS FIRST"
	}
	return expr
}

func singleFieldArg(e *soql.FuncCall) (*soql.FieldRef, bool) {
	if len(e.Args) != 1 {
		return nil, false
	}
	r, ok := e.Args[0].(*soql.FieldRef)
	return r, ok
}

func isCustomField(f *field) bool { return strings.HasSuffix(strings.ToLower(f.Name), "__c") }

// compileChild compiles a parent-to-child subquery.
func (sc *scope) compileChild(e *soql.SubQuery) (*childPlan, *queryError) {
	c := sc.c
	q := e.Query
	rel := sc.obj.childRelationship(q.From.Object)
	var child *sobject
	if rel != nil {
		child = c.schema.object(rel.ChildSObject)
	}
	if rel == nil || child == nil {
		return nil, c.errAt(q.From.Pos, "INVALID_TYPE", "Didn't understand relationship '"+q.From.Object+"' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.")
	}
	if q.GroupBy != nil {
		return nil, c.errAt(q.GroupBy.Pos, "MALFORMED_QUERY", "Grouped query cannot use child relationships in the SELECT list")
	}
	for _, it := range q.Select {
		if f, ok := it.Expr.(*soql.FuncCall); ok && isAggregateFunc(f.Name) {
			return nil, c.errAt(f.Pos, "MALFORMED_QUERY", "Aggregate functions are not supported in child relationship subqueries")
		}
	}
	sub := c.newScope(child, q.From.Alias, rel.RelationshipName)
	plan, err := sub.compile(q)
	if err != nil {
		return nil, err
	}
	fk := sub.alias + "." + quoteIdent(rel.Field)
	cp := &childPlan{key: rel.RelationshipName, plan: plan}
	cp.fkCol = len(plan.cols)
	plan.cols = append(plan.cols, fk)
	// Children of one parent stay together, in the subquery's own order.
	plan.orderBy = fk + ", " + plan.orderBy
	fkCond := fk + " IN (SELECT value FROM json_each(?))"
	if plan.where == "" {
		plan.where = fkCond
	} else {
		plan.where = "(" + plan.where + ") AND " + fkCond
	}
	return cp, nil
}

// aggContext answers which HAVING / ORDER BY operands are grouped.
type aggContext struct {
	sc     *scope
	fields map[string]*operand // lower-case canonical path → operand
	funcs  map[string]*operand // upper-case FUNC(lower path) → operand
}

func (a *aggContext) grouped(ref *soql.FieldRef) *operand {
	fe, err := a.sc.resolve(ref, false)
	if err != nil {
		return nil
	}
	return a.fields[strings.ToLower(fe.name)]
}

func (a *aggContext) groupedFunc(f *soql.FuncCall) *operand {
	return a.funcs[funcKey(a.sc, f)]
}

func funcKey(sc *scope, f *soql.FuncCall) string {
	if ref, ok := singleFieldArg(f); ok {
		if fe, err := sc.resolve(ref, false); err == nil {
			return strings.ToUpper(f.Name) + "(" + strings.ToLower(fe.name) + ")"
		}
	}
	return ""
}

// compileAggregate compiles GROUP BY / HAVING / aggregate select lists.
func (sc *scope) compileAggregate(q *soql.Query, plan *queryPlan) *queryError {
	c := sc.c
	ctx := &aggContext{sc: sc, fields: map[string]*operand{}, funcs: map[string]*operand{}}
	var groups []string
	if q.GroupBy != nil {
		plan.groupKind = q.GroupBy.Kind
		if q.GroupBy.Kind != soql.GroupPlain && len(q.GroupBy.Fields) > 3 {
			return c.errAt(q.GroupBy.Pos, "MALFORMED_QUERY", "GROUP BY ROLLUP and CUBE take at most 3 fields")
		}
		for _, g := range q.GroupBy.Fields {
			switch g := g.(type) {
			case *soql.FieldRef:
				fe, err := sc.resolve(g, false)
				if err != nil {
					return err
				}
				if !fe.f.Groupable && fe.owner != "Name" {
					return c.errAt(g.Pos, "INVALID_FIELD", "field '"+fe.f.Name+"' can not be grouped in a query call")
				}
				ctx.fields[strings.ToLower(fe.name)] = &operand{sql: fe.sql, f: fe.f, typ: fe.f.Type, text: isTextType(fe.f.Type), owner: fe.owner}
				plan.groupCols = append(plan.groupCols, fe.sql)
				if isTextType(fe.f.Type) {
					groups = append(groups, foldFunc+"("+fe.sql+")")
				} else {
					groups = append(groups, fe.sql)
				}
			case *soql.FuncCall:
				d, err := sc.dateFunc(g, false)
				if err != nil {
					return err
				}
				ctx.funcs[funcKey(sc, g)] = &operand{sql: d.sql, f: &field{Name: g.Name, Type: d.typ}, typ: d.typ}
				plan.groupCols = append(plan.groupCols, d.sql)
				groups = append(groups, d.sql)
			default:
				return c.unexpectedAt(g.Position())
			}
		}
	}
	exprN := 0
	seen := map[string]bool{}
	for _, it := range q.Select {
		var node *memberShape
		switch e := it.Expr.(type) {
		case *soql.FieldRef:
			fe, err := sc.resolve(e, false)
			if err != nil {
				return err
			}
			if ctx.fields[strings.ToLower(fe.name)] == nil {
				return c.errAt(e.Pos, "MALFORMED_QUERY", "Field must be grouped or aggregated: "+fe.f.Name)
			}
			node = &memberShape{kind: nodeValue, key: fe.f.Name, col: sc.col(fe.sql), f: fe.f}
		case *soql.FuncCall:
			var t *typedSQL
			var err *queryError
			if isAggregateFunc(e.Name) {
				t, err = sc.aggregateExpr(e)
			} else if strings.EqualFold(e.Name, "GROUPING") {
				t, err = sc.groupingExpr(e, ctx, plan)
			} else if op := ctx.groupedFunc(e); op != nil {
				t = &typedSQL{sql: op.sql, typ: op.typ}
			} else if _, isDate := dateFuncs[strings.ToUpper(e.Name)]; isDate {
				return c.errAt(e.Pos, "MALFORMED_QUERY", "Field must be grouped or aggregated: "+e.Name)
			} else {
				return c.errAt(e.Pos, "MALFORMED_QUERY", "Field must be grouped or aggregated: "+e.Name)
			}
			if err != nil {
				return err
			}
			key := it.Alias
			if key == "" {
				key = "expr" + strconv.Itoa(exprN)
				exprN++
			}
			node = &memberShape{kind: nodeValue, key: key, col: sc.col(t.sql), f: &field{Name: key, Type: t.typ, Scale: t.scale}}
		case *soql.Fields:
			return c.errAt(e.Pos, "MALFORMED_QUERY", "Field must be grouped or aggregated: Id")
		case *soql.SubQuery:
			return c.errAt(e.Pos, "MALFORMED_QUERY", "Grouped query cannot use child relationships in the SELECT list")
		default:
			return c.unexpectedAt(it.Position())
		}
		if it.Alias != "" {
			node.key = it.Alias
		}
		if seen[strings.ToLower(node.key)] {
			return c.errAt(it.Position(), "MALFORMED_QUERY", "duplicate alias: "+node.key)
		}
		seen[strings.ToLower(node.key)] = true
		plan.aggNodes = append(plan.aggNodes, node)
	}
	plan.groupBy = strings.Join(groups, ", ")
	if q.Having != nil {
		h, err := sc.cond(q.Having, &plan.havArgs, false, ctx)
		if err != nil {
			return err
		}
		plan.having = h
	}
	var order []string
	for _, o := range q.OrderBy {
		var op *operand
		switch e := o.Expr.(type) {
		case *soql.FieldRef:
			op = ctx.grouped(e)
			if op == nil {
				fe, err := sc.resolve(e, false)
				if err != nil {
					return err
				}
				return c.errAt(e.Pos, "MALFORMED_QUERY", "Ordered field must be grouped or aggregated: "+fe.f.Name)
			}
		case *soql.FuncCall:
			if isAggregateFunc(e.Name) {
				t, err := sc.aggregateExpr(e)
				if err != nil {
					return err
				}
				op = &operand{sql: t.sql, typ: t.typ}
			} else if op = ctx.groupedFunc(e); op == nil {
				return c.errAt(e.Pos, "MALFORMED_QUERY", "Ordered field must be grouped or aggregated: "+e.Name)
			}
		default:
			return c.unexpectedAt(o.Expr.Position())
		}
		if plan.groupKind != soql.GroupPlain {
			// ROLLUP / CUBE results are a union: order by its columns.
			k, ok := sc.colIndex[op.sql]
			if !ok {
				return c.errAt(o.Expr.Position(), "MALFORMED_QUERY", "ORDER BY with ROLLUP or CUBE must name a selected item")
			}
			order = append(order, orderTerm("c"+strconv.Itoa(k), isTextType(op.typ), o))
			continue
		}
		key, text := op.sql, isTextType(op.typ)
		if _, isField := o.Expr.(*soql.FieldRef); isField {
			key, text = orderKey(op.f, op.sql)
		}
		order = append(order, orderTerm(key, text, o))
	}
	plan.orderBy = strings.Join(order, ", ")
	return nil
}

// groupingExpr compiles GROUPING(f): 1 on the subtotal rows of f. The column
// is a placeholder each branch of the ROLLUP / CUBE union fills in.
func (sc *scope) groupingExpr(e *soql.FuncCall, ctx *aggContext, plan *queryPlan) (*typedSQL, *queryError) {
	if plan.groupKind == soql.GroupPlain {
		return nil, sc.c.errAt(e.Pos, "MALFORMED_QUERY", "GROUPING can only be used with GROUP BY ROLLUP or GROUP BY CUBE")
	}
	ref, ok := singleFieldArg(e)
	if !ok {
		return nil, sc.c.unexpectedAt(e.Pos)
	}
	op := ctx.grouped(ref)
	if op == nil {
		return nil, sc.c.errAt(ref.Pos, "MALFORMED_QUERY", "GROUPING argument must be a grouped field: "+strings.Join(ref.Path, "."))
	}
	for i, g := range plan.groupCols {
		if g == op.sql {
			return &typedSQL{sql: "0 /* GROUPING " + strconv.Itoa(i) + " */", typ: "int"}, nil
		}
	}
	return nil, sc.c.errAt(ref.Pos, "MALFORMED_QUERY", "GROUPING argument must be a grouped field: "+strings.Join(ref.Path, "."))
}

// ---- date literals ----

// dateRange is the half-open day range [start, end) a SOQL date literal
// stands for, evaluated in UTC against the server clock (the demo user's
// time zone is UTC; weeks start on Sunday as for en_US; the fiscal year is
// the calendar year, the default FiscalYearStartMonth of 1).
type dateRange struct{ start, end time.Time }

func startOfDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func quarterStart(t time.Time) time.Time {
	m := (int(t.Month())-1)/3*3 + 1
	return time.Date(t.Year(), time.Month(m), 1, 0, 0, 0, 0, time.UTC)
}

// dateLiteralRange evaluates name (upper case, e.g. "LAST_N_DAYS") with its
// argument n (ignored by the literals that take none). ok is false for an
// unknown name.
func dateLiteralRange(name string, n int, now time.Time) (r dateRange, ok bool) {
	today := startOfDay(now.UTC())
	week := today.AddDate(0, 0, -int(today.Weekday()))
	month := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
	quarter := quarterStart(today)
	year := time.Date(today.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	days := func(s, e time.Time) (dateRange, bool) { return dateRange{s, e}, true }
	// Fiscal literals equal the calendar ones with the default fiscal year.
	if strings.Contains(name, "FISCAL_") {
		if !strings.Contains(name, "QUARTER") && !strings.Contains(name, "YEAR") {
			return dateRange{}, false
		}
		name = strings.Replace(name, "FISCAL_", "", 1)
	}
	switch name {
	case "YESTERDAY":
		return days(today.AddDate(0, 0, -1), today)
	case "TODAY":
		return days(today, today.AddDate(0, 0, 1))
	case "TOMORROW":
		return days(today.AddDate(0, 0, 1), today.AddDate(0, 0, 2))
	case "LAST_WEEK":
		return days(week.AddDate(0, 0, -7), week)
	case "THIS_WEEK":
		return days(week, week.AddDate(0, 0, 7))
	case "NEXT_WEEK":
		return days(week.AddDate(0, 0, 7), week.AddDate(0, 0, 14))
	case "LAST_MONTH":
		return days(month.AddDate(0, -1, 0), month)
	case "THIS_MONTH":
		return days(month, month.AddDate(0, 1, 0))
	case "NEXT_MONTH":
		return days(month.AddDate(0, 1, 0), month.AddDate(0, 2, 0))
	case "LAST_90_DAYS":
		return days(today.AddDate(0, 0, -90), today.AddDate(0, 0, 1))
	case "NEXT_90_DAYS":
		return days(today.AddDate(0, 0, 1), today.AddDate(0, 0, 91))
	case "LAST_N_DAYS":
		return days(today.AddDate(0, 0, -n), today.AddDate(0, 0, 1))
	case "NEXT_N_DAYS":
		return days(today.AddDate(0, 0, 1), today.AddDate(0, 0, n+1))
	case "N_DAYS_AGO":
		return days(today.AddDate(0, 0, -n), today.AddDate(0, 0, -n+1))
	case "LAST_N_WEEKS":
		return days(week.AddDate(0, 0, -7*n), week)
	case "NEXT_N_WEEKS":
		return days(week.AddDate(0, 0, 7), week.AddDate(0, 0, 7*(n+1)))
	case "N_WEEKS_AGO":
		return days(week.AddDate(0, 0, -7*n), week.AddDate(0, 0, -7*n+7))
	case "LAST_N_MONTHS":
		return days(month.AddDate(0, -n, 0), month)
	case "NEXT_N_MONTHS":
		return days(month.AddDate(0, 1, 0), month.AddDate(0, n+1, 0))
	case "N_MONTHS_AGO":
		return days(month.AddDate(0, -n, 0), month.AddDate(0, -n+1, 0))
	case "LAST_QUARTER":
		return days(quarter.AddDate(0, -3, 0), quarter)
	case "THIS_QUARTER":
		return days(quarter, quarter.AddDate(0, 3, 0))
	case "NEXT_QUARTER":
		return days(quarter.AddDate(0, 3, 0), quarter.AddDate(0, 6, 0))
	case "LAST_N_QUARTERS":
		return days(quarter.AddDate(0, -3*n, 0), quarter)
	case "NEXT_N_QUARTERS":
		return days(quarter.AddDate(0, 3, 0), quarter.AddDate(0, 3*(n+1), 0))
	case "N_QUARTERS_AGO":
		return days(quarter.AddDate(0, -3*n, 0), quarter.AddDate(0, -3*n+3, 0))
	case "LAST_YEAR":
		return days(year.AddDate(-1, 0, 0), year)
	case "THIS_YEAR":
		return days(year, year.AddDate(1, 0, 0))
	case "NEXT_YEAR":
		return days(year.AddDate(1, 0, 0), year.AddDate(2, 0, 0))
	case "LAST_N_YEARS":
		return days(year.AddDate(-n, 0, 0), year)
	case "NEXT_N_YEARS":
		return days(year.AddDate(1, 0, 0), year.AddDate(n+1, 0, 0))
	case "N_YEARS_AGO":
		return days(year.AddDate(-n, 0, 0), year.AddDate(-n+1, 0, 0))
	}
	return dateRange{}, false
}

// ---- text comparison ----

// Salesforce compares and sorts text case-insensitively by upper-case
// values, beyond ASCII too (SQLite's NOCASE, LIKE and lower() fold ASCII
// only). The emulator registers its own collation and functions with the
// SQLite driver, under names no other package uses.
const (
	textCollation = "soqlgate_emulator_nocase"
	likeFunc      = "soqlgate_emulator_like"     // likeFunc(value, pattern): SOQL LIKE
	includesFunc  = "soqlgate_emulator_includes" // includesFunc(value, 'a;b'): the multi-select holds a and b
	foldFunc      = "soqlgate_emulator_fold"     // foldFunc(value): the key the collation orders by
)

func init() {
	sqlite.MustRegisterCollationUtf8(textCollation, foldCompare)
	sqlite.MustRegisterDeterministicScalarFunction(likeFunc, 2, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		v, ok1 := args[0].(string)
		p, ok2 := args[1].(string)
		if !ok1 || !ok2 {
			return nil, nil
		}
		return likeMatch(v, p), nil
	})
	sqlite.MustRegisterDeterministicScalarFunction(foldFunc, 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		if v, ok := args[0].(string); ok {
			return foldKey(v), nil
		}
		return args[0], nil
	})
	sqlite.MustRegisterDeterministicScalarFunction(includesFunc, 2, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		v, _ := args[0].(string)
		terms, _ := args[1].(string)
		return includesAll(v, terms), nil
	})
}

// foldCompare orders strings by their upper-case runes.
func foldCompare(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			ua, ub := unicode.ToUpper(ra), unicode.ToUpper(rb)
			if ua != ub {
				if ua < ub {
					return -1
				}
				return 1
			}
		}
		a, b = a[na:], b[nb:]
	}
	switch {
	case a == "" && b == "":
		return 0
	case a == "":
		return -1
	}
	return 1
}

// foldKey maps s to upper-case runes: binary order of keys is foldCompare
// order of strings.
func foldKey(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c >= 'a' && c <= 'z' {
			return strings.Map(unicode.ToUpper, s)
		}
	}
	return s
}

// likeTok is one element of a parsed LIKE pattern.
type likeTok struct {
	r    rune // upper case, for 'c'
	kind byte // 'c' a character, '_' one character, '%' any run
}

// likePatterns caches parsed patterns: the function runs once a row with
// the same pattern. It is emptied when it grows past a bound.
var likePatterns struct {
	sync.Mutex
	m map[string][]likeTok
}

func parseLike(pattern string) []likeTok {
	likePatterns.Lock()
	toks, ok := likePatterns.m[pattern]
	likePatterns.Unlock()
	if ok {
		return toks
	}
	for i := 0; i < len(pattern); {
		r, n := utf8.DecodeRuneInString(pattern[i:])
		i += n
		switch {
		case r == '\\' && i < len(pattern):
			r, n = utf8.DecodeRuneInString(pattern[i:])
			i += n
			toks = append(toks, likeTok{unicode.ToUpper(r), 'c'})
		case r == '%' || r == '_':
			toks = append(toks, likeTok{0, byte(r)})
		default:
			toks = append(toks, likeTok{unicode.ToUpper(r), 'c'})
		}
	}
	likePatterns.Lock()
	if likePatterns.m == nil || len(likePatterns.m) >= 1024 {
		likePatterns.m = map[string][]likeTok{}
	}
	likePatterns.m[pattern] = toks
	likePatterns.Unlock()
	return toks
}

// likeMatch reports whether v matches a SOQL LIKE pattern: % any run, _ one
// character, \ escapes the next character; case-insensitive.
func likeMatch(v, pattern string) bool {
	toks := parseLike(pattern)
	// Iterative wildcard matching over v's runes (byte offsets), backtracking
	// to the last %.
	ti, vi, starT, starV := 0, 0, -1, 0
	for vi < len(v) {
		r, n := utf8.DecodeRuneInString(v[vi:])
		switch {
		case ti < len(toks) && toks[ti].kind == '%':
			starT, starV = ti, vi
			ti++
		case ti < len(toks) && (toks[ti].kind == '_' || toks[ti].r == r || toks[ti].r == unicode.ToUpper(r)):
			ti++
			vi += n
		case starT >= 0:
			_, w := utf8.DecodeRuneInString(v[starV:])
			starV += w
			ti, vi = starT+1, starV
		default:
			return false
		}
	}
	for ti < len(toks) && toks[ti].kind == '%' {
		ti++
	}
	return ti == len(toks)
}

// includesAll reports whether the ;-joined values v hold every ;-joined term
// of terms (INCLUDES ('a;b') means a and b), case-insensitively.
func includesAll(v, terms string) bool {
	if v == "" {
		return false
	}
	have := strings.Split(v, ";")
	for _, t := range strings.Split(terms, ";") {
		t = strings.TrimSpace(t)
		found := false
		for _, h := range have {
			if foldCompare(strings.TrimSpace(h), t) == 0 {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
