package localsql

import (
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// expr translates an expression node.
func (tr *translator) expr(n *pg_query.Node, sc *scope) (expr, error) {
	switch {
	case n.GetAConst() != nil:
		return tr.constant(n.GetAConst())
	case n.GetColumnRef() != nil:
		return tr.columnRef(n.GetColumnRef(), sc)
	case n.GetParamRef() != nil:
		p := int(n.GetParamRef().Number)
		if p < 1 || p > 65535 {
			return expr{}, errf("42P02", "there is no parameter $%d", p)
		}
		for len(tr.params) < p {
			tr.params = append(tr.params, TUnknown)
		}
		e := expr{sql: "?" + strconv.Itoa(p), t: tr.params[p-1], name: "?column?"}
		if e.untyped() {
			e.param = p
		}
		return e, nil
	case n.GetTypeCast() != nil:
		return tr.typeCast(n.GetTypeCast(), sc)
	case n.GetAExpr() != nil:
		return tr.aExpr(n.GetAExpr(), sc)
	case n.GetBoolExpr() != nil:
		return tr.boolOp(n.GetBoolExpr(), sc)
	case n.GetNullTest() != nil:
		nt := n.GetNullTest()
		e, err := tr.expr(nt.Arg, sc)
		if err != nil {
			return expr{}, err
		}
		if e.untyped() {
			e, _ = tr.coerce(e, TText)
		}
		op := "IS NULL"
		if nt.Nulltesttype == pg_query.NullTestType_IS_NOT_NULL {
			op = "IS NOT NULL"
		}
		return expr{sql: "(" + e.sql + " " + op + ")", t: TBool, name: "?column?"}, nil
	case n.GetBooleanTest() != nil:
		bt := n.GetBooleanTest()
		e, err := tr.expr(bt.Arg, sc)
		if err != nil {
			return expr{}, err
		}
		if e, err = tr.coerce(e, TBool); err != nil {
			return expr{}, err
		}
		var op string
		switch bt.Booltesttype {
		case pg_query.BoolTestType_IS_TRUE:
			op = "IS 1"
		case pg_query.BoolTestType_IS_NOT_TRUE:
			op = "IS NOT 1"
		case pg_query.BoolTestType_IS_FALSE:
			op = "IS 0"
		case pg_query.BoolTestType_IS_NOT_FALSE:
			op = "IS NOT 0"
		case pg_query.BoolTestType_IS_UNKNOWN:
			op = "IS NULL"
		default:
			op = "IS NOT NULL"
		}
		return expr{sql: "(" + e.sql + " " + op + ")", t: TBool, name: "?column?"}, nil
	case n.GetCaseExpr() != nil:
		return tr.caseExpr(n.GetCaseExpr(), sc)
	case n.GetCoalesceExpr() != nil:
		args, err := tr.exprs(n.GetCoalesceExpr().Args, sc)
		if err != nil {
			return expr{}, err
		}
		args, t, err := tr.common(args)
		if err != nil {
			return expr{}, err
		}
		return expr{sql: "coalesce(" + joinSQL(args) + ")", t: t, name: "coalesce"}, nil
	case n.GetMinMaxExpr() != nil:
		mm := n.GetMinMaxExpr()
		args, err := tr.exprs(mm.Args, sc)
		if err != nil {
			return expr{}, err
		}
		args, t, err := tr.common(args)
		if err != nil {
			return expr{}, err
		}
		fn, name := "pg_greatest", "greatest"
		if mm.Op == pg_query.MinMaxOp_IS_LEAST {
			fn, name = "pg_least", "least"
		}
		return expr{sql: fmt.Sprintf("%s(%d, %s)", fn, t.storage(), joinSQL(args)), t: t, name: name}, nil
	case n.GetFuncCall() != nil:
		return tr.funcCall(n.GetFuncCall(), sc)
	case n.GetSubLink() != nil:
		return tr.subLink(n.GetSubLink(), sc)
	case n.GetSqlvalueFunction() != nil:
		return tr.sqlValueFunction(n.GetSqlvalueFunction())
	case n.GetCollateClause() != nil:
		// COLLATE "C" / pg_catalog.default: byte order is what we have
		return tr.expr(n.GetCollateClause().Arg, sc)
	case n.GetAArrayExpr() != nil:
		return tr.arrayExpr(n.GetAArrayExpr(), sc)
	case n.GetAIndirection() != nil:
		return tr.indirection(n.GetAIndirection(), sc)
	case n.GetGroupingFunc() != nil:
		return tr.groupingFunc(n.GetGroupingFunc())
	}
	return expr{}, errf(codeFeature, "unsupported expression %T", n.Node)
}

// exprs translates a list of expressions (arguments, list items), in order.
func (tr *translator) exprs(ns []*pg_query.Node, sc *scope) ([]expr, error) {
	var es []expr
	for _, n := range ns {
		e, err := tr.expr(n, sc)
		if err != nil {
			return nil, err
		}
		es = append(es, e)
	}
	return es, nil
}

func joinSQL(es []expr) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.sql
	}
	return strings.Join(parts, ", ")
}

func (tr *translator) constant(c *pg_query.A_Const) (expr, error) {
	if c.Isnull {
		return expr{sql: "NULL", t: TUnknown, null: true, name: "?column?"}, nil
	}
	switch v := c.Val.(type) {
	case *pg_query.A_Const_Ival:
		return expr{sql: strconv.FormatInt(int64(v.Ival.Ival), 10), t: TInt4, name: "?column?"}, nil
	case *pg_query.A_Const_Fval:
		s := v.Fval.Fval
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return expr{sql: strconv.FormatInt(n, 10), t: TInt8, name: "?column?"}, nil
		}
		d, err := parseNumeric(s)
		if err != nil {
			return expr{}, err
		}
		return expr{sql: quoteString(numText(d)), t: TNumeric, name: "?column?"}, nil
	case *pg_query.A_Const_Sval:
		s := v.Sval.Sval
		return expr{sql: quoteString(s), t: TUnknown, lit: &s, name: "?column?"}, nil
	case *pg_query.A_Const_Boolval:
		return expr{sql: strconv.FormatInt(b2i(v.Boolval.Boolval), 10), t: TBool, name: "?column?"}, nil
	case *pg_query.A_Const_Bsval:
		return expr{}, errf(codeFeature, "bit strings are not supported")
	}
	return expr{}, errf(codeFeature, "unsupported constant")
}

// sqlLiteral renders a storage value as an SQLite literal.
func sqlLiteral(v driver.Value) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'e', -1, 64)
	case string:
		return quoteString(x)
	case []byte:
		return fmt.Sprintf("X'%x'", x)
	}
	return "NULL"
}

// unify is PostgreSQL's common-type choice for two types (UNION, CASE,
// COALESCE, IN, comparisons), simplified to the types supported here.
func unify(a, b Type) (Type, error) {
	switch {
	case a.OID == OIDUnknown:
		return b, nil
	case b.OID == OIDUnknown:
		return a, nil
	case a.OID == b.OID:
		if a.Typmod != b.Typmod {
			return Type{a.OID, -1}, nil
		}
		return a, nil
	}
	ca, cb := a.category(), b.category()
	if ca == 'N' && cb == 'N' {
		if a.numRank() >= b.numRank() {
			return Type{a.OID, -1}, nil
		}
		return Type{b.OID, -1}, nil
	}
	if ca == 'S' && cb == 'S' {
		return TText, nil
	}
	if ca == 'D' && cb == 'D' && a.OID != OIDTime && b.OID != OIDTime {
		if a.OID == OIDTimestamptz || b.OID == OIDTimestamptz {
			return TTimestamptz, nil
		}
		return TTimestamp, nil
	}
	return Type{}, errf(codeDatatypeMismatch, "types %s and %s cannot be matched", a, b)
}

// common coerces expressions to their common type.
func (tr *translator) common(es []expr) ([]expr, Type, error) {
	t := TUnknown
	for _, e := range es {
		u, err := unify(t, e.t)
		if err != nil {
			return nil, t, err
		}
		t = u
	}
	if t.OID == OIDUnknown {
		t = TText
	}
	out := make([]expr, len(es))
	for i, e := range es {
		c, err := tr.coerce(e, t)
		if err != nil {
			return nil, t, err
		}
		out[i] = c
	}
	return out, t, nil
}

// coerce converts e to type t: untyped literals and parameters take the
// type; typed expressions are cast.
func (tr *translator) coerce(e expr, t Type) (expr, error) {
	name := e.name
	switch {
	case e.null:
		return expr{sql: "NULL", t: t, name: name}, nil
	case isReg(t.OID) && (e.lit != nil || e.t.storage() == stText):
		txt := e
		if e.lit != nil {
			txt = expr{sql: quoteString(*e.lit), t: TText}
		}
		r, err := tr.regIn(txt, t)
		if err != nil {
			return expr{}, err
		}
		r.name = name
		return r, nil
	case e.lit != nil && e.untyped():
		v, err := parseTextIn(*e.lit, t, tr.sess.timeZone())
		if err != nil {
			if le, ok := err.(*Error); ok {
				return expr{}, le
			}
			msg := strings.TrimPrefix(err.Error(), "localsql: ")
			return expr{}, &Error{Code: sqlstateOf(msg), Msg: msg}
		}
		return expr{sql: sqlLiteral(v), t: t, name: name}, nil
	case e.param > 0 && e.untyped():
		// a parameter takes the type, never its modifier (as in PostgreSQL)
		pt := Type{t.OID, -1}
		tr.params[e.param-1] = pt
		return expr{sql: e.sql, t: pt, name: name}, nil
	case e.t.OID == t.OID && (t.Typmod < 0 || e.t.Typmod == t.Typmod):
		return e, nil
	case isReg(e.t.OID) && t.storage() == stText:
		r := tr.regOut(e)
		r.name = name
		return r, nil
	}
	c, err := castSQL(e, t, tr.sess.timeZone())
	if err != nil {
		return expr{}, err
	}
	c.name = name
	return c, nil
}

// castSQL converts a typed expression to another type; tz is the session
// time zone, which timestamptz conversions go through.
func castSQL(e expr, t Type, tz string) (expr, error) {
	from, to := e.t.storage(), t.storage()
	out := expr{t: t, name: e.name}
	x := e.sql
	switch {
	case e.t.OID == OIDUnknown:
		out.sql = fmt.Sprintf("pg_in(%s, %d, %d, %s)", x, t.OID, t.Typmod, quoteString(tz))
	case to == stText:
		switch from {
		case stText:
			out.sql = x
			if n := t.charLength(); n >= 0 {
				out.sql = fmt.Sprintf("substr(%s, 1, %d)", x, n)
			}
		case stInt:
			out.sql = "CAST(" + x + " AS TEXT)"
		case stNumeric:
			out.sql = "(" + x + ")"
		default:
			out.sql = fmt.Sprintf("pg_out(%s, %d, %s)", x, e.t.OID, quoteString(tz))
		}
	case from == stText:
		out.sql = fmt.Sprintf("pg_in(%s, %d, %d, %s)", x, t.OID, t.Typmod, quoteString(tz))
	case e.t.OID == OIDTimestamptz && t.OID == OIDTimestamp:
		out.sql = fmt.Sprintf("pg_utc_to_local(%s, %s)", x, quoteString(tz))
	case e.t.OID == OIDTimestamp && t.OID == OIDTimestamptz:
		out.sql = fmt.Sprintf("pg_local_to_utc(%s, %s)", x, quoteString(tz))
	case from == to && from != stNumeric:
		out.sql = x
		if from == stInt && t.OID != e.t.OID && (t.OID == OIDInt2 || t.OID == OIDInt4) && e.t.OID == OIDInt8 {
			out.sql = fmt.Sprintf("pg_int_range(%s, %d)", x, t.OID)
		}
	case from == stNumeric && to == stNumeric:
		out.sql = x
		if s := t.numericScale(); s >= 0 {
			out.sql = fmt.Sprintf("pg_num_typmod(%s, %d, %d)", x, t.numericPrecision(), s)
		}
	case from == stInt && to == stNumeric:
		out.sql = "CAST(" + x + " AS TEXT)"
		if s := t.numericScale(); s > 0 {
			out.sql = fmt.Sprintf("pg_num_typmod(CAST(%s AS TEXT), %d, %d)", x, t.numericPrecision(), s)
		}
	case from == stBool && to == stInt, from == stInt && to == stBool:
		if to == stBool {
			out.sql = "(" + x + " <> 0)"
		} else {
			out.sql = x
		}
	case from == stInt && to == stFloat:
		out.sql = "CAST(" + x + " AS REAL)"
	case from == stNumeric && to == stFloat:
		out.sql = "CAST(" + x + " AS REAL)"
	case from == stNumeric && to == stInt:
		out.sql = fmt.Sprintf("pg_num_to_int(%s, %d)", x, t.OID)
	case from == stFloat && to == stInt:
		out.sql = fmt.Sprintf("pg_float_to_int(%s, %d)", x, t.OID)
	case from == stFloat && to == stNumeric:
		out.sql = fmt.Sprintf("pg_float_to_num(%s, %d)", x, t.numericScale())
	case from == stDate && to == stTS:
		out.sql = "(" + x + " * 86400000000)"
		if t.OID == OIDTimestamptz {
			out.sql = fmt.Sprintf("pg_local_to_utc(%s, %s)", out.sql, quoteString(tz))
		}
	case from == stTS && to == stDate:
		if e.t.OID == OIDTimestamptz {
			x = fmt.Sprintf("pg_utc_to_local(%s, %s)", x, quoteString(tz))
		}
		out.sql = fmt.Sprintf("pg_ts_date(%s)", x)
	case from == stTS && to == stTime:
		if e.t.OID == OIDTimestamptz {
			x = fmt.Sprintf("pg_utc_to_local(%s, %s)", x, quoteString(tz))
		}
		out.sql = fmt.Sprintf("pg_ts_time(%s)", x)
	default:
		return expr{}, errf("42846", "cannot cast type %s to %s", e.t, t)
	}
	return out, nil
}

func (tr *translator) typeCast(tc *pg_query.TypeCast, sc *scope) (expr, error) {
	t, err := typeFromName(tc.TypeName)
	if err != nil {
		return expr{}, err
	}
	e, err := tr.expr(tc.Arg, sc)
	if err != nil {
		return expr{}, err
	}
	name, weak := e.name, false
	if e.name == "?column?" || e.weak {
		name, weak = t.Name(), true
	}
	c, err := tr.coerce(e, t)
	if err != nil {
		return expr{}, err
	}
	c.weak = weak
	if e.lit == nil && !e.null && e.param == 0 && t.charLength() >= 0 && e.t.storage() == stText {
		c.sql = fmt.Sprintf("substr(%s, 1, %d)", e.sql, t.charLength())
	}
	c.name = name
	return c, nil
}

// typeFromName resolves a TypeName with its modifiers.
func typeFromName(tn *pg_query.TypeName) (Type, error) {
	var parts []string
	for _, n := range tn.Names {
		parts = append(parts, nodeString(n))
	}
	name := parts[len(parts)-1]
	if len(parts) == 2 && parts[0] != "pg_catalog" {
		return Type{}, errf("42704", "type %q does not exist", strings.Join(parts, "."))
	}
	t, ok := typeNames[name]
	if !ok {
		return Type{}, errf("42704", "type %q does not exist", name)
	}
	var mods []int32
	for _, m := range tn.Typmods {
		if c := m.GetAConst(); c != nil && c.GetIval() != nil {
			mods = append(mods, c.GetIval().Ival)
		}
	}
	switch t.OID {
	case OIDVarchar, OIDBpchar:
		if len(mods) == 1 {
			t.Typmod = mods[0] + 4
		}
	case OIDNumeric:
		if len(mods) == 1 {
			t = Numeric(int(mods[0]), 0)
		} else if len(mods) == 2 {
			t = Numeric(int(mods[0]), int(mods[1]))
		}
	case OIDTimestamp, OIDTimestamptz, OIDTime:
		// precision modifiers are accepted and ignored (microseconds kept)
	}
	if len(tn.ArrayBounds) > 0 {
		a, ok := arrayOf[t.OID]
		if !ok {
			return Type{}, errf(codeFeature, "arrays of %s are not supported", t)
		}
		t = Type{a, -1}
	}
	return t, nil
}

// boolExpr translates an expression that must be boolean (WHERE, ON, HAVING).
func (tr *translator) boolExpr(n *pg_query.Node, sc *scope) (expr, error) {
	e, err := tr.expr(n, sc)
	if err != nil {
		return expr{}, err
	}
	if e.t.OID != OIDBool {
		if e.untyped() {
			return tr.coerce(e, TBool)
		}
		return expr{}, errf(codeDatatypeMismatch, "argument must be type boolean, not type %s", e.t)
	}
	return e, nil
}

func (tr *translator) boolOp(b *pg_query.BoolExpr, sc *scope) (expr, error) {
	var parts []string
	for _, a := range b.Args {
		e, err := tr.boolExpr(a, sc)
		if err != nil {
			return expr{}, err
		}
		parts = append(parts, e.sql)
	}
	var s string
	switch b.Boolop {
	case pg_query.BoolExprType_AND_EXPR:
		s = "(" + strings.Join(parts, " AND ") + ")"
	case pg_query.BoolExprType_OR_EXPR:
		s = "(" + strings.Join(parts, " OR ") + ")"
	default:
		s = "(NOT " + parts[0] + ")"
	}
	return expr{sql: s, t: TBool, name: "?column?"}, nil
}

func (tr *translator) caseExpr(c *pg_query.CaseExpr, sc *scope) (expr, error) {
	var arg expr
	var err error
	if c.Arg != nil {
		if arg, err = tr.expr(c.Arg, sc); err != nil {
			return expr{}, err
		}
	}
	var conds []string
	var results []expr
	for _, wn := range c.Args {
		w := wn.GetCaseWhen()
		var cond expr
		if c.Arg != nil {
			v, err := tr.expr(w.Expr, sc)
			if err != nil {
				return expr{}, err
			}
			cond, err = tr.compare("=", arg, v)
			if err != nil {
				return expr{}, err
			}
		} else if cond, err = tr.boolExpr(w.Expr, sc); err != nil {
			return expr{}, err
		}
		conds = append(conds, cond.sql)
		r, err := tr.expr(w.Result, sc)
		if err != nil {
			return expr{}, err
		}
		results = append(results, r)
	}
	name, weak := "case", true
	if c.Defresult != nil {
		r, err := tr.expr(c.Defresult, sc)
		if err != nil {
			return expr{}, err
		}
		if r.name != "?column?" && !r.weak {
			name, weak = r.name, false // PostgreSQL names a CASE after a strongly named ELSE
		}
		results = append(results, r)
	}
	results, t, err := tr.common(results)
	if err != nil {
		return expr{}, err
	}
	var b strings.Builder
	b.WriteString("(CASE")
	for i, cond := range conds {
		fmt.Fprintf(&b, " WHEN %s THEN %s", cond, results[i].sql)
	}
	if c.Defresult != nil {
		fmt.Fprintf(&b, " ELSE %s", results[len(results)-1].sql)
	}
	b.WriteString(" END)")
	return expr{sql: b.String(), t: t, name: name, weak: weak}, nil
}

// compare translates a comparison with PostgreSQL's operand typing.
func (tr *translator) compare(op string, l, r expr) (expr, error) {
	if op == "!=" {
		op = "<>"
	}
	var t Type
	switch {
	case l.untyped() && r.untyped():
		t = TText
	case l.untyped():
		t = r.t
		if t.isString() {
			t = TText
		}
	case r.untyped():
		t = l.t
		if t.isString() {
			t = TText
		}
	default:
		u, err := unify(l.t, r.t)
		if err != nil {
			return expr{}, errf(codeUndefinedFunction, "operator does not exist: %s %s %s", l.t, op, r.t)
		}
		t = u
	}
	l, err := tr.coerce(l, t)
	if err != nil {
		return expr{}, err
	}
	r, err = tr.coerce(r, t)
	if err != nil {
		return expr{}, err
	}
	return expr{sql: "(" + collated(l) + " " + op + " " + r.sql + ")", t: TBool, name: "?column?"}, nil
}

func (tr *translator) aExpr(a *pg_query.A_Expr, sc *scope) (expr, error) {
	op := lastName(a.Name)
	switch a.Kind {
	case pg_query.A_Expr_Kind_AEXPR_OP:
		if a.Lexpr == nil {
			r, err := tr.expr(a.Rexpr, sc)
			if err != nil {
				return expr{}, err
			}
			return tr.unary(op, r)
		}
		l, r, err := tr.operands(a, sc)
		if err != nil {
			return expr{}, err
		}
		return tr.binary(op, l, r)
	case pg_query.A_Expr_Kind_AEXPR_IN:
		l, err := tr.expr(a.Lexpr, sc)
		if err != nil {
			return expr{}, err
		}
		all, err := tr.listOperands(l, a.Rexpr.GetList().Items, sc)
		if err != nil {
			return expr{}, err
		}
		return inList(all, op == "<>"), nil
	case pg_query.A_Expr_Kind_AEXPR_LIKE, pg_query.A_Expr_Kind_AEXPR_ILIKE:
		l, err := tr.expr(a.Lexpr, sc)
		if err != nil {
			return expr{}, err
		}
		if !l.untyped() && !l.t.isString() {
			return expr{}, errf(codeUndefinedFunction, "operator does not exist: %s %s unknown", l.t, op)
		}
		if l, err = tr.coerce(l, TText); err != nil {
			return expr{}, err
		}
		pat := a.Rexpr
		esc := "'\\'"
		if fc := pat.GetFuncCall(); fc != nil && lastName(fc.Funcname) == "like_escape" {
			pat = fc.Args[0]
			e, err := tr.expr(fc.Args[1], sc)
			if err != nil {
				return expr{}, err
			}
			if e, err = tr.coerce(e, TText); err != nil {
				return expr{}, err
			}
			esc = e.sql
		}
		p, err := tr.expr(pat, sc)
		if err != nil {
			return expr{}, err
		}
		if p, err = tr.coerce(p, TText); err != nil {
			return expr{}, err
		}
		fn := "pg_like"
		if a.Kind == pg_query.A_Expr_Kind_AEXPR_ILIKE {
			fn = "pg_ilike"
		}
		s := fmt.Sprintf("%s(%s, %s, %s)", fn, l.sql, p.sql, esc)
		if strings.HasPrefix(op, "!") {
			s = "(NOT " + s + ")"
		}
		return expr{sql: s, t: TBool, name: "?column?"}, nil
	case pg_query.A_Expr_Kind_AEXPR_SIMILAR:
		l, err := tr.expr(a.Lexpr, sc)
		if err != nil {
			return expr{}, err
		}
		pat, esc := a.Rexpr, expr{sql: "NULL", t: TText}
		if fc := pat.GetFuncCall(); fc != nil && lastName(fc.Funcname) == "similar_to_escape" {
			pat = fc.Args[0]
			if len(fc.Args) > 1 {
				if esc, err = tr.expr(fc.Args[1], sc); err != nil {
					return expr{}, err
				}
			}
		}
		p, err := tr.expr(pat, sc)
		if err != nil {
			return expr{}, err
		}
		if l, p, err = tr.bothText(l, p); err != nil {
			return expr{}, err
		}
		if esc, err = tr.coerce(esc, TText); err != nil {
			return expr{}, err
		}
		out := fmt.Sprintf("pg_similar(%s, %s, %s)", l.sql, p.sql, esc.sql)
		if op == "!~" {
			out = "(NOT " + out + ")"
		}
		return expr{sql: out, t: TBool, name: "?column?"}, nil
	case pg_query.A_Expr_Kind_AEXPR_BETWEEN, pg_query.A_Expr_Kind_AEXPR_NOT_BETWEEN:
		l, err := tr.expr(a.Lexpr, sc)
		if err != nil {
			return expr{}, err
		}
		items := a.Rexpr.GetList().Items
		lo, err := tr.expr(items[0], sc)
		if err != nil {
			return expr{}, err
		}
		hi, err := tr.expr(items[1], sc)
		if err != nil {
			return expr{}, err
		}
		c1, err := tr.compare(">=", l, lo)
		if err != nil {
			return expr{}, err
		}
		c2, err := tr.compare("<=", l, hi)
		if err != nil {
			return expr{}, err
		}
		s := "(" + c1.sql + " AND " + c2.sql + ")"
		if a.Kind == pg_query.A_Expr_Kind_AEXPR_NOT_BETWEEN {
			s = "(NOT " + s + ")"
		}
		return expr{sql: s, t: TBool, name: "?column?"}, nil
	case pg_query.A_Expr_Kind_AEXPR_NULLIF:
		l, r, err := tr.operands(a, sc)
		if err != nil {
			return expr{}, err
		}
		if l.untyped() || l.t.isString() {
			if l, err = tr.coerce(l, TText); err != nil {
				return expr{}, err
			}
		}
		c, err := tr.compare("=", l, r)
		if err != nil {
			return expr{}, err
		}
		return expr{sql: fmt.Sprintf("(CASE WHEN %s THEN NULL ELSE %s END)", c.sql, l.sql), t: l.t, name: "nullif"}, nil
	case pg_query.A_Expr_Kind_AEXPR_DISTINCT, pg_query.A_Expr_Kind_AEXPR_NOT_DISTINCT:
		l, r, err := tr.operands(a, sc)
		if err != nil {
			return expr{}, err
		}
		cmp := "IS NOT"
		if a.Kind == pg_query.A_Expr_Kind_AEXPR_NOT_DISTINCT {
			cmp = "IS"
		}
		return tr.compare(cmp, l, r)
	case pg_query.A_Expr_Kind_AEXPR_OP_ANY, pg_query.A_Expr_Kind_AEXPR_OP_ALL:
		l, err := tr.expr(a.Lexpr, sc)
		if err != nil {
			return expr{}, err
		}
		arr := a.Rexpr.GetAArrayExpr()
		if arr == nil {
			r, err := tr.expr(a.Rexpr, sc)
			if err != nil {
				return expr{}, err
			}
			el, ok := elemOf[r.t.OID]
			if !ok {
				return expr{}, errf(codeDatatypeMismatch, "op ANY/ALL (array) requires array on right side")
			}
			if l, err = tr.coerce(l, el); err != nil {
				return expr{}, err
			}
			j := tr.fresh("j")
			c, err := tr.compare(op, l, expr{sql: quoteIdent(j) + ".value", t: el})
			if err != nil {
				return expr{}, err
			}
			if a.Kind == pg_query.A_Expr_Kind_AEXPR_OP_ANY {
				return expr{sql: fmt.Sprintf("EXISTS (SELECT 1 FROM json_each(%s) AS %s WHERE %s)", r.sql, quoteIdent(j), c.sql), t: TBool, name: "?column?"}, nil
			}
			return expr{sql: fmt.Sprintf("NOT EXISTS (SELECT 1 FROM json_each(%s) AS %s WHERE NOT %s)", r.sql, quoteIdent(j), c.sql), t: TBool, name: "?column?"}, nil
		}
		all, err := tr.listOperands(l, arr.Elements, sc)
		if err != nil {
			return expr{}, err
		}
		switch {
		case op == "=" && a.Kind == pg_query.A_Expr_Kind_AEXPR_OP_ANY:
			return inList(all, false), nil
		case op == "<>" && a.Kind == pg_query.A_Expr_Kind_AEXPR_OP_ALL:
			return inList(all, true), nil
		}
		var parts []string
		for _, e := range all[1:] {
			c, err := tr.binary(op, all[0], e)
			if err != nil {
				return expr{}, err
			}
			parts = append(parts, c.sql)
		}
		j := " OR "
		if a.Kind == pg_query.A_Expr_Kind_AEXPR_OP_ALL {
			j = " AND "
		}
		return expr{sql: "(" + strings.Join(parts, j) + ")", t: TBool, name: "?column?"}, nil
	}
	return expr{}, errf(codeFeature, "unsupported operator expression")
}

// operands translates both sides of a binary operator expression.
func (tr *translator) operands(a *pg_query.A_Expr, sc *scope) (l, r expr, err error) {
	if l, err = tr.expr(a.Lexpr, sc); err != nil {
		return expr{}, expr{}, err
	}
	if r, err = tr.expr(a.Rexpr, sc); err != nil {
		return expr{}, expr{}, err
	}
	return l, r, nil
}

// listOperands translates the items of an IN list or ARRAY[...] and brings
// them and l to one type: l first, then the items.
func (tr *translator) listOperands(l expr, items []*pg_query.Node, sc *scope) ([]expr, error) {
	es, err := tr.exprs(items, sc)
	if err != nil {
		return nil, err
	}
	all, _, err := tr.common(append([]expr{l}, es...))
	if err != nil {
		return nil, err
	}
	return all, nil
}

// inList renders all[0] [NOT] IN (all[1:]), from listOperands.
func inList(all []expr, not bool) expr {
	kw := " IN ("
	if not {
		kw = " NOT IN ("
	}
	return expr{sql: "(" + collated(all[0]) + kw + joinSQL(all[1:]) + "))", t: TBool, name: "?column?"}
}

func (tr *translator) unary(op string, r expr) (expr, error) {
	if r.untyped() {
		var err error
		if r, err = tr.coerce(r, TNumeric); err != nil {
			return expr{}, err
		}
	}
	switch op {
	case "-":
		switch r.t.storage() {
		case stInt, stFloat:
			return expr{sql: "(-" + r.sql + ")", t: r.t, name: "?column?"}, nil
		case stNumeric:
			return expr{sql: "pg_num_neg(" + r.sql + ")", t: r.t, name: "?column?"}, nil
		}
	case "+":
		return r, nil
	case "@":
		return expr{sql: fmt.Sprintf("pg_abs(%s, %d)", r.sql, r.t.storage()), t: r.t, name: "?column?"}, nil
	}
	return expr{}, errf(codeUndefinedFunction, "operator does not exist: %s %s", op, r.t)
}

func (tr *translator) binary(op string, l, r expr) (expr, error) {
	switch op {
	case "=", "<>", "!=", "<", ">", "<=", ">=":
		return tr.compare(op, l, r)
	case "||":
		if l.t.isArray() || r.t.isArray() {
			t := l.t
			if !t.isArray() {
				t = r.t
			}
			var err error
			if l, err = tr.coerce(l, t); err != nil {
				return expr{}, err
			}
			if r, err = tr.coerce(r, t); err != nil {
				return expr{}, err
			}
			return expr{sql: "pg_array_cat(" + l.sql + ", " + r.sql + ")", t: t, name: "?column?"}, nil
		}
		l, r, err := tr.bothText(l, r)
		if err != nil {
			return expr{}, err
		}
		return expr{sql: "(" + l.sql + " || " + r.sql + ")", t: TText, name: "?column?"}, nil
	case "~~", "~~*", "!~~", "!~~*":
		// LIKE written as an operator (x LIKE ANY (ARRAY[...]))
		l, r, err := tr.bothText(l, r)
		if err != nil {
			return expr{}, err
		}
		fn := "pg_like"
		if strings.HasSuffix(op, "*") {
			fn = "pg_ilike"
		}
		s := fmt.Sprintf("%s(%s, %s, '\\')", fn, l.sql, r.sql)
		if strings.HasPrefix(op, "!") {
			s = "(NOT " + s + ")"
		}
		return expr{sql: s, t: TBool, name: "?column?"}, nil
	case "~", "~*", "!~", "!~*":
		l, r, err := tr.bothText(l, r)
		if err != nil {
			return expr{}, err
		}
		flags := ""
		if strings.HasSuffix(op, "*") {
			flags = "i"
		}
		s := fmt.Sprintf("pg_regex(%s, %s, '%s')", l.sql, r.sql, flags)
		if strings.HasPrefix(op, "!") {
			s = "(NOT " + s + ")"
		}
		return expr{sql: s, t: TBool, name: "?column?"}, nil
	case "+", "-", "*", "/", "%":
		return tr.arith(op, l, r)
	case "->", "->>":
		// json / jsonb field or element (compound fields such as BillingAddress are json)
		if l.untyped() {
			l, _ = tr.coerce(l, TJSON)
		}
		if l.t.OID != OIDJSON && l.t.OID != OIDJSONB {
			return expr{}, errf(codeUndefinedFunction, "operator does not exist: %s %s %s", l.t, op, r.t)
		}
		if r.untyped() {
			r, _ = tr.coerce(r, TText)
		}
		key := r
		if !r.t.isInt() {
			var err error
			if key, err = tr.coerce(r, TText); err != nil {
				return expr{}, err
			}
		}
		if op == "->>" {
			return expr{sql: fmt.Sprintf("pg_json_get(%s, %s, 1)", l.sql, key.sql), t: TText, name: "?column?"}, nil
		}
		return expr{sql: fmt.Sprintf("pg_json_get(%s, %s, 0)", l.sql, key.sql), t: l.t, name: "?column?"}, nil
	case "&", "|", "<<", ">>":
		if l.untyped() {
			l, _ = tr.coerce(l, r.t)
		}
		if r.untyped() {
			r, _ = tr.coerce(r, l.t)
		}
		if !l.t.isInt() || !r.t.isInt() {
			return expr{}, errf(codeUndefinedFunction, "operator does not exist: %s %s %s", l.t, op, r.t)
		}
		t, _ := unify(l.t, r.t)
		if op == "<<" || op == ">>" {
			t = l.t
		}
		return expr{sql: "(" + l.sql + " " + op + " " + r.sql + ")", t: t, name: "?column?"}, nil
	}
	return expr{}, errf(codeUndefinedFunction, "operator does not exist: %s %s %s", l.t, op, r.t)
}

func (tr *translator) arith(op string, l, r expr) (expr, error) {
	var err error
	// untyped operands take the other side's type; date/time +/- untyped is an interval
	switch {
	case l.untyped() && r.untyped():
		if l, err = tr.coerce(l, TNumeric); err != nil {
			return expr{}, err
		}
		if r, err = tr.coerce(r, TNumeric); err != nil {
			return expr{}, err
		}
	case r.untyped():
		t := l.t
		if l.t.category() == 'D' && (op == "+" || op == "-") && r.lit != nil {
			if _, perr := parseInterval(*r.lit); perr == nil && l.t.OID != OIDDate {
				t = TInterval
			} else if l.t.OID == OIDDate {
				t = TInt4
				if _, perr := strconv.Atoi(strings.TrimSpace(*r.lit)); perr != nil {
					t = TInterval
				}
			}
		}
		if r, err = tr.coerce(r, t); err != nil {
			return expr{}, err
		}
	case l.untyped():
		if l, err = tr.coerce(l, r.t); err != nil {
			return expr{}, err
		}
	}
	lt, rt := l.t, r.t
	res := func(sqlText string, t Type) (expr, error) {
		return expr{sql: sqlText, t: t, name: "?column?"}, nil
	}
	// date and time arithmetic
	switch {
	case lt.OID == OIDDate && rt.isInt() && (op == "+" || op == "-"):
		return res("("+l.sql+" "+op+" "+r.sql+")", TDate)
	case lt.isInt() && rt.OID == OIDDate && op == "+":
		return res("("+l.sql+" + "+r.sql+")", TDate)
	case lt.OID == OIDDate && rt.OID == OIDDate && op == "-":
		return res("("+l.sql+" - "+r.sql+")", TInt4)
	case lt.OID == OIDTime && rt.OID == OIDTime && op == "-":
		return res(fmt.Sprintf("pg_ts_sub(%s, %s)", l.sql, r.sql), TInterval)
	case lt.OID == OIDTime && rt.OID == OIDInterval && (op == "+" || op == "-"):
		sign := 1
		if op == "-" {
			sign = -1
		}
		return res(fmt.Sprintf("pg_time_add(%s, %s, %d)", l.sql, r.sql, sign), TTime)
	case lt.OID == OIDInterval && rt.OID == OIDInterval && (op == "+" || op == "-"):
		sign := 1
		if op == "-" {
			sign = -1
		}
		return res(fmt.Sprintf("pg_interval_add(%s, %s, %d)", l.sql, r.sql, sign), TInterval)
	case lt.OID == OIDInterval && rt.category() == 'N' && (op == "*" || op == "/"):
		fr, err := tr.coerce(r, TFloat8)
		if err != nil {
			return expr{}, err
		}
		return res(fmt.Sprintf("pg_interval_scale(%s, %s, '%s')", l.sql, fr.sql, op), TInterval)
	case lt.category() == 'N' && rt.OID == OIDInterval && op == "*":
		fl, err := tr.coerce(l, TFloat8)
		if err != nil {
			return expr{}, err
		}
		return res(fmt.Sprintf("pg_interval_scale(%s, %s, '*')", r.sql, fl.sql), TInterval)
	case lt.storage() == stTS && rt.OID == OIDInterval && (op == "+" || op == "-"):
		sign := 1
		if op == "-" {
			sign = -1
		}
		return res(fmt.Sprintf("pg_ts_add(%s, %s, %d, %s)", l.sql, r.sql, sign, tr.tzFor(lt)), lt)
	case lt.OID == OIDDate && rt.OID == OIDInterval && (op == "+" || op == "-"):
		sign := 1
		if op == "-" {
			sign = -1
		}
		return res(fmt.Sprintf("pg_ts_add((%s * 86400000000), %s, %d, 'UTC')", l.sql, r.sql, sign), TTimestamp)
	case lt.OID == OIDInterval && rt.storage() == stTS && op == "+":
		return res(fmt.Sprintf("pg_ts_add(%s, %s, 1, %s)", r.sql, l.sql, tr.tzFor(rt)), rt)
	case lt.storage() == stTS && rt.storage() == stTS && op == "-":
		return res(fmt.Sprintf("pg_ts_sub(%s, %s)", l.sql, r.sql), TInterval)
	case lt.OID == OIDDate && rt.storage() == stTS && op == "-":
		return res(fmt.Sprintf("pg_ts_sub((%s * 86400000000), %s)", l.sql, r.sql), TInterval)
	case lt.storage() == stTS && rt.OID == OIDDate && op == "-":
		return res(fmt.Sprintf("pg_ts_sub(%s, (%s * 86400000000))", l.sql, r.sql), TInterval)
	}
	if lt.category() != 'N' || rt.category() != 'N' {
		return expr{}, errf(codeUndefinedFunction, "operator does not exist: %s %s %s", lt, op, rt)
	}
	t, _ := unify(lt, rt)
	if l, err = tr.coerce(l, t); err != nil {
		return expr{}, err
	}
	if r, err = tr.coerce(r, t); err != nil {
		return expr{}, err
	}
	switch t.storage() {
	case stInt:
		switch op {
		case "/":
			return res(fmt.Sprintf("pg_int_div(%s, %s)", l.sql, r.sql), t)
		case "%":
			return res(fmt.Sprintf("pg_int_mod(%s, %s)", l.sql, r.sql), t)
		}
		return res(fmt.Sprintf("pg_int_range((%s %s %s), %d)", l.sql, op, r.sql, t.OID), t)
	case stFloat:
		switch op {
		case "/":
			return res(fmt.Sprintf("pg_float_div(%s, %s)", l.sql, r.sql), t)
		case "%":
			return expr{}, errf(codeUndefinedFunction, "operator does not exist: double precision %% double precision")
		}
		return res("("+l.sql+" "+op+" "+r.sql+")", t)
	case stNumeric:
		fn := map[string]string{"+": "pg_num_add", "-": "pg_num_sub", "*": "pg_num_mul", "/": "pg_num_div", "%": "pg_num_mod"}[op]
		return res(fmt.Sprintf("%s(%s, %s)", fn, l.sql, r.sql), TNumeric)
	}
	return expr{}, errf(codeUndefinedFunction, "operator does not exist: %s %s %s", lt, op, rt)
}

func (tr *translator) subLink(s *pg_query.SubLink, sc *scope) (expr, error) {
	sel := s.Subselect.GetSelectStmt()
	q, err := tr.selectStmt(sel, sc)
	if err != nil {
		return expr{}, err
	}
	switch s.SubLinkType {
	case pg_query.SubLinkType_EXISTS_SUBLINK:
		return expr{sql: "EXISTS (" + q.sql + ")", t: TBool, name: "exists"}, nil
	case pg_query.SubLinkType_EXPR_SUBLINK:
		if len(q.cols) != 1 {
			return expr{}, errf(codeSyntax, "subquery must return only one column")
		}
		return expr{sql: "(" + q.sql + ")", t: q.cols[0].Type, name: q.cols[0].Name}, nil
	case pg_query.SubLinkType_ANY_SUBLINK, pg_query.SubLinkType_ALL_SUBLINK:
		if len(q.cols) != 1 {
			return expr{}, errf(codeSyntax, "subquery has too many columns")
		}
		l, err := tr.expr(s.Testexpr, sc)
		if err != nil {
			return expr{}, err
		}
		op := "="
		if len(s.OperName) > 0 {
			op = lastName(s.OperName)
		}
		t, err := unify(l.t, q.cols[0].Type)
		if err != nil {
			return expr{}, err
		}
		if t.OID == OIDUnknown {
			t = TText
		}
		if l, err = tr.coerce(l, t); err != nil {
			return expr{}, err
		}
		inner := tr.fresh("a")
		col := expr{sql: quoteIdent(inner) + "." + quoteIdent(q.cols[0].Name), t: q.cols[0].Type}
		if col, err = tr.coerce(col, t); err != nil {
			return expr{}, err
		}
		if (op == "=" && s.SubLinkType == pg_query.SubLinkType_ANY_SUBLINK) || (op == "<>" && s.SubLinkType == pg_query.SubLinkType_ALL_SUBLINK) {
			not := ""
			if op == "<>" {
				not = "NOT "
			}
			return expr{sql: fmt.Sprintf("(%s %sIN (SELECT %s FROM (%s) AS %s))", collated(l), not, col.sql, q.sql, quoteIdent(inner)), t: TBool, name: "?column?"}, nil
		}
		// any other operator: three-valued ANY / ALL over the subquery's rows
		cmp, err := tr.binary(op, l, col)
		if err != nil {
			return expr{}, err
		}
		from := fmt.Sprintf("FROM (%s) AS %s", q.sql, quoteIdent(inner))
		if s.SubLinkType == pg_query.SubLinkType_ANY_SUBLINK {
			return expr{sql: fmt.Sprintf("(CASE WHEN EXISTS (SELECT 1 %[1]s WHERE %[2]s) THEN 1 WHEN EXISTS (SELECT 1 %[1]s WHERE %[2]s IS NULL) THEN NULL ELSE 0 END)", from, cmp.sql), t: TBool, name: "?column?"}, nil
		}
		return expr{sql: fmt.Sprintf("(CASE WHEN EXISTS (SELECT 1 %[1]s WHERE NOT %[2]s) THEN 0 WHEN EXISTS (SELECT 1 %[1]s WHERE %[2]s IS NULL) THEN NULL ELSE 1 END)", from, cmp.sql), t: TBool, name: "?column?"}, nil
	case pg_query.SubLinkType_ARRAY_SUBLINK:
		if len(q.cols) != 1 {
			return expr{}, errf(codeSyntax, "subquery must return only one column")
		}
		at, ok := arrayOf[q.cols[0].Type.OID]
		if !ok {
			return expr{}, errf(codeFeature, "ARRAY() of %s is not supported", q.cols[0].Type)
		}
		inner := tr.fresh("a")
		return expr{sql: fmt.Sprintf("(SELECT json_group_array(%s.%s) FROM (%s) AS %s)", quoteIdent(inner), quoteIdent(q.cols[0].Name), q.sql, quoteIdent(inner)), t: Type{at, -1}, name: "array"}, nil
	}
	return expr{}, errf(codeFeature, "unsupported subquery form")
}

func (tr *translator) arrayExpr(a *pg_query.A_ArrayExpr, sc *scope) (expr, error) {
	es, err := tr.exprs(a.Elements, sc)
	if err != nil {
		return expr{}, err
	}
	es, t, err := tr.common(es)
	if err != nil {
		return expr{}, err
	}
	at, ok := arrayOf[t.OID]
	if !ok {
		return expr{}, errf(codeFeature, "arrays of %s are not supported", t)
	}
	return expr{sql: "json_array(" + joinSQL(es) + ")", t: Type{at, -1}, name: "array"}, nil
}

func (tr *translator) sqlValueFunction(f *pg_query.SQLValueFunction) (expr, error) {
	switch f.Op {
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_DATE:
		loc, _ := location(tr.sess.timeZone())
		return expr{sql: strconv.FormatInt(floorDiv(utcToLocal(tr.clock(), loc), microsPerDay), 10), t: TDate, name: "current_date"}, nil
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP, pg_query.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP_N:
		return expr{sql: strconv.FormatInt(tr.clock(), 10), t: TTimestamptz, name: "current_timestamp"}, nil
	case pg_query.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP, pg_query.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP_N:
		loc, _ := location(tr.sess.timeZone())
		return expr{sql: strconv.FormatInt(utcToLocal(tr.clock(), loc), 10), t: TTimestamp, name: "localtimestamp"}, nil
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_USER, pg_query.SQLValueFunctionOp_SVFOP_USER,
		pg_query.SQLValueFunctionOp_SVFOP_SESSION_USER, pg_query.SQLValueFunctionOp_SVFOP_CURRENT_ROLE:
		names := map[pg_query.SQLValueFunctionOp]string{
			pg_query.SQLValueFunctionOp_SVFOP_CURRENT_USER: "current_user", pg_query.SQLValueFunctionOp_SVFOP_USER: "current_user",
			pg_query.SQLValueFunctionOp_SVFOP_SESSION_USER: "session_user", pg_query.SQLValueFunctionOp_SVFOP_CURRENT_ROLE: "current_role",
		}
		return expr{sql: quoteString(tr.sess.user()), t: TName, name: names[f.Op]}, nil
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_CATALOG:
		return expr{sql: quoteString(tr.sess.database()), t: TName, name: "current_catalog"}, nil
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_SCHEMA:
		return expr{sql: quoteString("public"), t: TName, name: "current_schema"}, nil
	}
	return expr{}, errf(codeFeature, "unsupported SQL value function")
}

// Session values reported by catalog functions.
const (
	sessionUser  = "soqlgate"
	databaseName = "salesforce"
)

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func isReg(oid uint32) bool { return oid == OIDRegclass || oid == OIDRegtype || oid == OIDRegnamespace }

// indirection translates array subscripts: 1-based for arrays, 0-based
// for int2vector and oidvector (as PostgreSQL stores them).
func (tr *translator) indirection(ind *pg_query.A_Indirection, sc *scope) (expr, error) {
	e, err := tr.expr(ind.Arg, sc)
	if err != nil {
		return expr{}, err
	}
	for _, in := range ind.Indirection {
		if f := in.GetString_(); f != nil && e.t.OID == OIDRecord {
			// (record).field of _pg_expandarray
			switch f.Sval {
			case "x":
				e = expr{sql: fmt.Sprintf("json_extract(%s, '$.x')", e.sql), t: Type{uint32(e.t.Typmod), -1}, name: "x"}
			case "n":
				e = expr{sql: fmt.Sprintf("json_extract(%s, '$.n')", e.sql), t: TInt4, name: "n"}
			default:
				return expr{}, errf(codeUndefinedColumn, "column %q not found in data type record", f.Sval)
			}
			continue
		}
		idx := in.GetAIndices()
		if idx == nil || idx.IsSlice || idx.Uidx == nil {
			return expr{}, errf(codeFeature, "only array subscripts are supported")
		}
		el, ok := elemOf[e.t.OID]
		if !ok {
			return expr{}, errf("42804", "cannot subscript type %s because it does not support subscripting", e.t)
		}
		i, err := tr.expr(idx.Uidx, sc)
		if err != nil {
			return expr{}, err
		}
		if i, err = tr.coerce(i, TInt4); err != nil {
			return expr{}, err
		}
		base := 1
		if e.t.OID == OIDInt2Vector || e.t.OID == OIDOIDVector {
			base = 0
		}
		e = expr{sql: fmt.Sprintf("json_extract(%s, '$[' || (%s - %d) || ']')", e.sql, i.sql, base), t: el, name: e.name}
	}
	return e, nil
}

// tzFor is the zone calendar arithmetic on t happens in: the session's for
// timestamptz, none (UTC) for timestamp.
func (tr *translator) tzFor(t Type) string {
	if t.OID == OIDTimestamptz {
		return quoteString(tr.sess.timeZone())
	}
	return "'UTC'"
}

// bothText coerces both operands of a text operator to text.
func (tr *translator) bothText(l, r expr) (expr, expr, error) {
	l, err := tr.coerce(l, TText)
	if err != nil {
		return l, r, err
	}
	r, err = tr.coerce(r, TText)
	return l, r, err
}

// groupingFunc is GROUPING(a, b, ...): a bit per argument, set when the
// column is rolled up in the current grouping set (0 without grouping sets).
func (tr *translator) groupingFunc(g *pg_query.GroupingFunc) (expr, error) {
	v := 0
	for _, a := range g.Args {
		k, ok := groupingKey(a)
		if !ok {
			return expr{}, errf(codeFeature, "GROUPING() takes grouping columns")
		}
		v <<= 1
		if tr.grouping != nil && tr.grouping.nulled[k] {
			v |= 1
		}
	}
	return expr{sql: strconv.Itoa(v), t: TInt4, name: "grouping"}, nil
}
