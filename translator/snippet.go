package translator

import (
	"strconv"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v5"
)

// snippet is a short SQL rendering of a condition for the plan's reasons,
// with names as the user spelled them. Rare node types fall back to
// PostgreSQL's deparser.
func (b *builder) snippet(n *pg.Node) string {
	var sb strings.Builder
	if !b.exprText(&sb, n) {
		return b.deparseExpr(n)
	}
	s := sb.String()
	if len(s) > 120 {
		s = s[:117] + "…"
	}
	return s
}

func (b *builder) deparseExpr(n *pg.Node) string {
	text, err := pg.Deparse(&pg.ParseResult{Stmts: []*pg.RawStmt{{Stmt: &pg.Node{Node: &pg.Node_SelectStmt{SelectStmt: &pg.SelectStmt{
		TargetList: []*pg.Node{{Node: &pg.Node_ResTarget{ResTarget: &pg.ResTarget{Val: n}}}}}}}}}})
	if err != nil {
		return nodeKind(n)
	}
	return strings.TrimPrefix(text, "SELECT ")
}

var controlEscaper = strings.NewReplacer("\n", `\n`, "\r", `\r`, "\t", `\t`)

var likeOps = map[string]string{"~~": "LIKE", "!~~": "NOT LIKE", "~~*": "ILIKE", "!~~*": "NOT ILIKE"}

func (b *builder) exprText(w *strings.Builder, n *pg.Node) bool {
	list := func(items []*pg.Node, sep string) bool {
		for i, it := range items {
			if i > 0 {
				w.WriteString(sep)
			}
			if !b.exprText(w, it) {
				return false
			}
		}
		return true
	}
	switch x := n.Node.(type) {
	case *pg.Node_ColumnRef:
		parts := make([]string, 0, len(x.ColumnRef.Fields))
		for _, f := range x.ColumnRef.Fields {
			if _, star := f.Node.(*pg.Node_AStar); star {
				parts = append(parts, "*")
			} else {
				parts = append(parts, strOf(f))
			}
		}
		b.p.originalParts(parts, x.ColumnRef.Location)
		w.WriteString(strings.Join(parts, "."))
	case *pg.Node_AConst:
		c := x.AConst
		if c.Isnull {
			w.WriteString("NULL")
			return true
		}
		switch v := c.Val.(type) {
		case *pg.A_Const_Ival:
			w.WriteString(strconv.Itoa(int(v.Ival.Ival)))
		case *pg.A_Const_Fval:
			w.WriteString(v.Fval.Fval)
		case *pg.A_Const_Boolval:
			w.WriteString(strings.ToUpper(strconv.FormatBool(v.Boolval.Boolval)))
		case *pg.A_Const_Sval:
			q := "'" + strings.ReplaceAll(v.Sval.Sval, "'", "''") + "'"
			w.WriteString(controlEscaper.Replace(q))
		default:
			return false
		}
	case *pg.Node_ParamRef:
		w.WriteString("$" + strconv.Itoa(int(x.ParamRef.Number)))
	case *pg.Node_TypeCast:
		w.WriteString(strings.ToUpper(typeName(x.TypeCast.TypeName)) + " ")
		return b.exprText(w, x.TypeCast.Arg)
	case *pg.Node_AExpr:
		e := x.AExpr
		op := opName(e.Name)
		switch e.Kind {
		case pg.A_Expr_Kind_AEXPR_OP, pg.A_Expr_Kind_AEXPR_LIKE, pg.A_Expr_Kind_AEXPR_ILIKE:
			if l, ok := likeOps[op]; ok {
				op = l
			}
			if e.Lexpr != nil {
				if !b.exprText(w, e.Lexpr) {
					return false
				}
				w.WriteByte(' ')
			}
			w.WriteString(op + " ")
			if fc, ok := e.Rexpr.Node.(*pg.Node_FuncCall); ok && funcName(fc.FuncCall) == "like_escape" && len(fc.FuncCall.Args) == 2 {
				if !b.exprText(w, fc.FuncCall.Args[0]) {
					return false
				}
				w.WriteString(" ESCAPE ")
				return b.exprText(w, fc.FuncCall.Args[1])
			}
			return b.exprText(w, e.Rexpr)
		case pg.A_Expr_Kind_AEXPR_IN:
			if !b.exprText(w, e.Lexpr) {
				return false
			}
			if op == "<>" {
				w.WriteString(" NOT")
			}
			w.WriteString(" IN (")
			l, ok := e.Rexpr.Node.(*pg.Node_List)
			if !ok || !list(l.List.Items, ", ") {
				return false
			}
			w.WriteString(")")
		case pg.A_Expr_Kind_AEXPR_BETWEEN, pg.A_Expr_Kind_AEXPR_NOT_BETWEEN:
			if !b.exprText(w, e.Lexpr) {
				return false
			}
			if e.Kind == pg.A_Expr_Kind_AEXPR_NOT_BETWEEN {
				w.WriteString(" NOT")
			}
			w.WriteString(" BETWEEN ")
			l, ok := e.Rexpr.Node.(*pg.Node_List)
			return ok && list(l.List.Items, " AND ")
		default:
			return false
		}
	case *pg.Node_BoolExpr:
		e := x.BoolExpr
		switch e.Boolop {
		case pg.BoolExprType_NOT_EXPR:
			w.WriteString("NOT (")
			if !b.exprText(w, e.Args[0]) {
				return false
			}
			w.WriteString(")")
		default:
			sep := " AND "
			if e.Boolop == pg.BoolExprType_OR_EXPR {
				sep = " OR "
			}
			for i, a := range e.Args {
				if i > 0 {
					w.WriteString(sep)
				}
				_, nested := a.Node.(*pg.Node_BoolExpr)
				if nested {
					w.WriteString("(")
				}
				if !b.exprText(w, a) {
					return false
				}
				if nested {
					w.WriteString(")")
				}
			}
		}
	case *pg.Node_NullTest:
		if !b.exprText(w, x.NullTest.Arg) {
			return false
		}
		if x.NullTest.Nulltesttype == pg.NullTestType_IS_NULL {
			w.WriteString(" IS NULL")
		} else {
			w.WriteString(" IS NOT NULL")
		}
	case *pg.Node_FuncCall:
		f := x.FuncCall
		if f.Over != nil || f.AggDistinct || f.AggFilter != nil || len(f.AggOrder) > 0 {
			return false
		}
		w.WriteString(funcName(f) + "(")
		if f.AggStar {
			w.WriteString("*")
		} else if !list(f.Args, ", ") {
			return false
		}
		w.WriteString(")")
	case *pg.Node_SubLink:
		if x.SubLink.Testexpr != nil {
			if !b.exprText(w, x.SubLink.Testexpr) {
				return false
			}
			w.WriteString(" IN ")
		}
		w.WriteString("(SELECT …)")
	default:
		return false
	}
	return true
}
