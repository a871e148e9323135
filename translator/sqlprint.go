package translator

import (
	"strconv"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v5"
)

// The local step's SQL is printed here for the node types the translator
// meets every day; anything else falls back to pg_query's deparser (a cgo
// round trip that costs about as much as the parse itself). Identifiers are
// always quoted, expressions always parenthesised, so the text needs no
// knowledge of keywords or precedence. TestPrintMatchesDeparse checks that
// PostgreSQL reads this text as the same tree as the deparser's.

// forceDeparse makes printSQL always use pg_query's deparser (tests).
var forceDeparse bool

// printSQL prints a SELECT as PostgreSQL text.
func printSQL(sel *pg.SelectStmt) (string, error) {
	if !forceDeparse {
		p := &sqlPrinter{}
		p.selectStmt(sel)
		if !p.bail {
			return p.b.String(), nil
		}
	}
	return deparse(sel)
}

// catalogTypeKeywords are the SQL keywords the parser reads as
// pg_catalog types; other pg_catalog types go to the deparser.
var catalogTypeKeywords = map[string]string{"bool": "boolean", "int4": "integer", "int8": "bigint", "int2": "smallint",
	"varchar": "varchar", "numeric": "numeric", "time": "time", "timestamp": "timestamp", "float4": "real"}

type sqlPrinter struct {
	b    strings.Builder
	bail bool
}

func (p *sqlPrinter) s(text string) { p.b.WriteString(text) }

func (p *sqlPrinter) list(ns []*pg.Node, sep string) {
	for i, n := range ns {
		if i > 0 {
			p.s(sep)
		}
		p.expr(n)
	}
}

func (p *sqlPrinter) selectStmt(sel *pg.SelectStmt) {
	if sel.WithClause != nil || sel.IntoClause != nil || len(sel.LockingClause) > 0 || len(sel.ValuesLists) > 0 ||
		len(sel.WindowClause) > 0 || sel.LimitOption == pg.LimitOption_LIMIT_OPTION_WITH_TIES || sel.GroupDistinct {
		p.bail = true
		return
	}
	if sel.Op != pg.SetOperation_SETOP_NONE && sel.Op != pg.SetOperation_SET_OPERATION_UNDEFINED {
		for _, arm := range []*pg.SelectStmt{sel.Larg, sel.Rarg} {
			if arm.Op != pg.SetOperation_SETOP_NONE || len(arm.SortClause) > 0 || arm.LimitCount != nil || arm.LimitOffset != nil {
				p.bail = true
				return
			}
		}
		p.selectStmt(sel.Larg)
		p.s(map[pg.SetOperation]string{pg.SetOperation_SETOP_UNION: " UNION ", pg.SetOperation_SETOP_INTERSECT: " INTERSECT ", pg.SetOperation_SETOP_EXCEPT: " EXCEPT "}[sel.Op])
		if sel.All {
			p.s("ALL ")
		}
		p.selectStmt(sel.Rarg)
	} else {
		p.s("SELECT ")
		if len(sel.DistinctClause) > 0 {
			if sel.DistinctClause[0] == nil || sel.DistinctClause[0].Node == nil {
				p.s("DISTINCT ")
			} else {
				p.s("DISTINCT ON (")
				p.list(sel.DistinctClause, ", ")
				p.s(") ")
			}
		}
		for i, n := range sel.TargetList {
			if i > 0 {
				p.s(", ")
			}
			rt, ok := n.Node.(*pg.Node_ResTarget)
			if !ok || len(rt.ResTarget.Indirection) > 0 {
				p.bail = true
				return
			}
			p.expr(rt.ResTarget.Val)
			if rt.ResTarget.Name != "" {
				p.s(" AS " + quoteIdent(rt.ResTarget.Name))
			}
		}
		p.clauseList(" FROM ", sel.FromClause)
		p.clause(" WHERE ", sel.WhereClause)
		p.clauseList(" GROUP BY ", sel.GroupClause)
		p.clause(" HAVING ", sel.HavingClause)
	}
	p.clauseList(" ORDER BY ", sel.SortClause)
	p.clause(" LIMIT ", sel.LimitCount)
	p.clause(" OFFSET ", sel.LimitOffset)
}

// clause prints kw and n when n is present.
func (p *sqlPrinter) clause(kw string, n *pg.Node) {
	if n != nil {
		p.s(kw)
		p.expr(n)
	}
}

// clauseList prints kw and ns, comma-separated, when ns is not empty.
func (p *sqlPrinter) clauseList(kw string, ns []*pg.Node) {
	if len(ns) > 0 {
		p.s(kw)
		p.list(ns, ", ")
	}
}

// grammarFuncs are names PostgreSQL's grammar reads as constructs, not
// calls: a call to one of them is left to the deparser.
var grammarFuncs = map[string]bool{"coalesce": true, "nullif": true, "greatest": true, "least": true, "extract": true,
	"overlay": true, "position": true, "substring": true, "trim": true, "normalize": true, "xmlelement": true, "collation": true,
	"treat": true, "cast": true, "row": true, "array": true, "exists": true, "grouping": true, "merge_action": true}

var aexprWords = map[string]string{"~~": " LIKE ", "!~~": " NOT LIKE ", "~~*": " ILIKE ", "!~~*": " NOT ILIKE "}

func (p *sqlPrinter) expr(n *pg.Node) {
	if p.bail {
		return
	}
	if n == nil || n.Node == nil {
		p.bail = true
		return
	}
	switch x := n.Node.(type) {
	case *pg.Node_ColumnRef:
		for i, f := range x.ColumnRef.Fields {
			if i > 0 {
				p.s(".")
			}
			if _, star := f.Node.(*pg.Node_AStar); star {
				p.s("*")
			} else {
				p.s(localIdent(strOf(f)))
			}
		}
	case *pg.Node_AConst:
		c := x.AConst
		if c.Isnull {
			p.s("NULL")
			return
		}
		switch v := c.Val.(type) {
		case *pg.A_Const_Ival:
			if v.Ival.Ival < 0 {
				p.s("(" + strconv.Itoa(int(v.Ival.Ival)) + ")")
			} else {
				p.s(strconv.Itoa(int(v.Ival.Ival)))
			}
		case *pg.A_Const_Fval:
			if strings.HasPrefix(v.Fval.Fval, "-") {
				p.s("(" + v.Fval.Fval + ")")
			} else {
				p.s(v.Fval.Fval)
			}
		case *pg.A_Const_Boolval:
			p.s(strings.ToUpper(strconv.FormatBool(v.Boolval.Boolval)))
		case *pg.A_Const_Sval:
			p.s("'" + strings.ReplaceAll(v.Sval.Sval, "'", "''") + "'")
		default:
			p.bail = true
		}
	case *pg.Node_ParamRef:
		p.s("$" + strconv.Itoa(int(x.ParamRef.Number)))
	case *pg.Node_TypeCast:
		t := x.TypeCast.TypeName
		if t == nil || len(t.Typmods) > 0 || len(t.ArrayBounds) > 0 || t.Setof || t.PctType {
			p.bail = true
			return
		}
		name := typeName(t)
		if len(t.Names) == 2 && strOf(t.Names[0]) == "pg_catalog" {
			// The parser's form of a type keyword (boolean → pg_catalog.bool):
			// print the keyword, which reads back as the same tree.
			name = catalogTypeKeywords[name]
		}
		if name == "" || strings.ContainsAny(name, `" `) {
			p.bail = true
			return
		}
		p.s("(")
		p.expr(x.TypeCast.Arg)
		p.s(")::" + name)
	case *pg.Node_AExpr:
		p.aexpr(x.AExpr)
	case *pg.Node_BoolExpr:
		e := x.BoolExpr
		if e.Boolop == pg.BoolExprType_NOT_EXPR {
			p.s("(NOT ")
			p.expr(e.Args[0])
			p.s(")")
			return
		}
		sep := " AND "
		if e.Boolop == pg.BoolExprType_OR_EXPR {
			sep = " OR "
		}
		p.s("(")
		p.list(e.Args, sep)
		p.s(")")
	case *pg.Node_NullTest:
		p.s("(")
		p.expr(x.NullTest.Arg)
		if x.NullTest.Nulltesttype == pg.NullTestType_IS_NULL {
			p.s(" IS NULL)")
		} else {
			p.s(" IS NOT NULL)")
		}
	case *pg.Node_BooleanTest:
		words := map[pg.BoolTestType]string{pg.BoolTestType_IS_TRUE: " IS TRUE)", pg.BoolTestType_IS_NOT_TRUE: " IS NOT TRUE)",
			pg.BoolTestType_IS_FALSE: " IS FALSE)", pg.BoolTestType_IS_NOT_FALSE: " IS NOT FALSE)",
			pg.BoolTestType_IS_UNKNOWN: " IS UNKNOWN)", pg.BoolTestType_IS_NOT_UNKNOWN: " IS NOT UNKNOWN)"}
		w, ok := words[x.BooleanTest.Booltesttype]
		if !ok {
			p.bail = true
			return
		}
		p.s("(")
		p.expr(x.BooleanTest.Arg)
		p.s(w)
	case *pg.Node_FuncCall:
		f := x.FuncCall
		if f.Over != nil || f.AggFilter != nil || len(f.AggOrder) > 0 || f.AggWithinGroup || f.FuncVariadic || len(f.Funcname) != 1 {
			p.bail = true
			return
		}
		name := strOf(f.Funcname[0])
		if name == "" || name != strings.ToLower(name) || strings.ContainsAny(name, `" .`) || grammarFuncs[name] {
			p.bail = true
			return
		}
		p.s(name + "(")
		switch {
		case f.AggStar:
			p.s("*")
		default:
			if f.AggDistinct {
				p.s("DISTINCT ")
			}
			p.list(f.Args, ", ")
		}
		p.s(")")
	case *pg.Node_SubLink:
		sl := x.SubLink
		sub, ok := sl.Subselect.Node.(*pg.Node_SelectStmt)
		if !ok {
			p.bail = true
			return
		}
		switch {
		case sl.SubLinkType == pg.SubLinkType_EXISTS_SUBLINK:
			p.s("(EXISTS (")
		case sl.SubLinkType == pg.SubLinkType_EXPR_SUBLINK:
			p.s("((")
		case sl.SubLinkType == pg.SubLinkType_ANY_SUBLINK && (len(sl.OperName) == 0 || opName(sl.OperName) == "="):
			p.s("(")
			p.expr(sl.Testexpr)
			p.s(" IN (")
		default:
			p.bail = true
			return
		}
		p.selectStmt(sub.SelectStmt)
		p.s("))")
	case *pg.Node_SortBy:
		sb := x.SortBy
		p.expr(sb.Node)
		switch sb.SortbyDir {
		case pg.SortByDir_SORTBY_ASC:
			p.s(" ASC")
		case pg.SortByDir_SORTBY_DESC:
			p.s(" DESC")
		case pg.SortByDir_SORTBY_USING:
			p.bail = true
		}
		switch sb.SortbyNulls {
		case pg.SortByNulls_SORTBY_NULLS_FIRST:
			p.s(" NULLS FIRST")
		case pg.SortByNulls_SORTBY_NULLS_LAST:
			p.s(" NULLS LAST")
		}
	case *pg.Node_RangeVar:
		rv := x.RangeVar
		if rv.Schemaname != "" || rv.Catalogname != "" || !rv.Inh {
			p.bail = true
			return
		}
		p.s(localIdent(rv.Relname))
		if rv.Alias != nil {
			if len(rv.Alias.Colnames) > 0 {
				p.bail = true
				return
			}
			p.s(" AS " + quoteIdent(rv.Alias.Aliasname))
		}
	case *pg.Node_JoinExpr:
		j := x.JoinExpr
		if j.IsNatural || len(j.UsingClause) > 0 || j.Alias != nil || j.JoinUsingAlias != nil {
			p.bail = true
			return
		}
		word := map[pg.JoinType]string{pg.JoinType_JOIN_INNER: " JOIN ", pg.JoinType_JOIN_LEFT: " LEFT JOIN ", pg.JoinType_JOIN_RIGHT: " RIGHT JOIN ", pg.JoinType_JOIN_FULL: " FULL JOIN "}[j.Jointype]
		if word == "" {
			p.bail = true
			return
		}
		if j.Quals == nil {
			if j.Jointype != pg.JoinType_JOIN_INNER {
				p.bail = true
				return
			}
			word = " CROSS JOIN "
		}
		p.s("(")
		p.expr(j.Larg)
		p.s(word)
		p.expr(j.Rarg)
		p.clause(" ON ", j.Quals)
		p.s(")")
	case *pg.Node_CoalesceExpr:
		p.s("COALESCE(")
		p.list(x.CoalesceExpr.Args, ", ")
		p.s(")")
	case *pg.Node_CaseExpr:
		c := x.CaseExpr
		p.s("(CASE")
		if c.Arg != nil {
			p.s(" ")
			p.expr(c.Arg)
		}
		for _, w := range c.Args {
			cw, ok := w.Node.(*pg.Node_CaseWhen)
			if !ok {
				p.bail = true
				return
			}
			p.s(" WHEN ")
			p.expr(cw.CaseWhen.Expr)
			p.s(" THEN ")
			p.expr(cw.CaseWhen.Result)
		}
		p.clause(" ELSE ", c.Defresult)
		p.s(" END)")
	default:
		p.bail = true
	}
}

func (p *sqlPrinter) aexpr(e *pg.A_Expr) {
	op := opName(e.Name)
	if len(e.Name) != 1 || op == "" {
		p.bail = true
		return
	}
	switch e.Kind {
	case pg.A_Expr_Kind_AEXPR_OP, pg.A_Expr_Kind_AEXPR_LIKE, pg.A_Expr_Kind_AEXPR_ILIKE:
		if w, ok := aexprWords[op]; ok {
			if e.Kind == pg.A_Expr_Kind_AEXPR_OP {
				p.bail = true // the operator spelled ~~ is a different tree than LIKE
				return
			}
			p.s("(")
			p.expr(e.Lexpr)
			p.s(w)
			if fc, ok := e.Rexpr.Node.(*pg.Node_FuncCall); ok && funcName(fc.FuncCall) == "like_escape" && len(fc.FuncCall.Args) == 2 {
				p.expr(fc.FuncCall.Args[0])
				p.s(" ESCAPE ")
				p.expr(fc.FuncCall.Args[1])
			} else {
				p.expr(e.Rexpr)
			}
			p.s(")")
			return
		}
		if e.Kind != pg.A_Expr_Kind_AEXPR_OP || strings.ContainsAny(op, "~`") {
			p.bail = true
			return
		}
		p.s("(")
		if e.Lexpr != nil {
			p.expr(e.Lexpr)
			p.s(" ")
		}
		p.s(op + " ")
		p.expr(e.Rexpr)
		p.s(")")
	case pg.A_Expr_Kind_AEXPR_IN:
		l, ok := e.Rexpr.Node.(*pg.Node_List)
		if !ok {
			p.bail = true
			return
		}
		p.s("(")
		p.expr(e.Lexpr)
		if op == "<>" {
			p.s(" NOT IN (")
		} else {
			p.s(" IN (")
		}
		p.list(l.List.Items, ", ")
		p.s("))")
	case pg.A_Expr_Kind_AEXPR_BETWEEN, pg.A_Expr_Kind_AEXPR_NOT_BETWEEN:
		l, ok := e.Rexpr.Node.(*pg.Node_List)
		if !ok || len(l.List.Items) != 2 {
			p.bail = true
			return
		}
		p.s("(")
		p.expr(e.Lexpr)
		if e.Kind == pg.A_Expr_Kind_AEXPR_NOT_BETWEEN {
			p.s(" NOT")
		}
		p.s(" BETWEEN ")
		p.expr(l.List.Items[0])
		p.s(" AND ")
		p.expr(l.List.Items[1])
		p.s(")")
	case pg.A_Expr_Kind_AEXPR_DISTINCT, pg.A_Expr_Kind_AEXPR_NOT_DISTINCT:
		p.s("(")
		p.expr(e.Lexpr)
		if e.Kind == pg.A_Expr_Kind_AEXPR_DISTINCT {
			p.s(" IS DISTINCT FROM ")
		} else {
			p.s(" IS NOT DISTINCT FROM ")
		}
		p.expr(e.Rexpr)
		p.s(")")
	default:
		p.bail = true
	}
}

// localIdent quotes an identifier unless it is a scan's row-set name (s1,
// s2, …), which needs no quotes.
func localIdent(s string) string {
	if len(s) >= 2 && s[0] == 's' {
		digits := true
		for i := 1; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				digits = false
			}
		}
		if digits {
			return s
		}
	}
	return quoteIdent(s)
}
