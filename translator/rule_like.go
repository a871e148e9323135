package translator

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/soql"
)

// ruleLike: LIKE / ILIKE (NOT) with ESCAPE rewritten to SOQL's backslash
// form. SOQL's LIKE is case-insensitive: LIKE is a superset, ILIKE exact.
func ruleLike(b *builder, c *pctx, n *pg.Node) (pushResult, bool, error) {
	ae, ok := n.Node.(*pg.Node_AExpr)
	if !ok || (ae.AExpr.Kind != pg.A_Expr_Kind_AEXPR_LIKE && ae.AExpr.Kind != pg.A_Expr_Kind_AEXPR_ILIKE) {
		return pushResult{}, false, nil
	}
	op := opName(ae.AExpr.Name)
	not := strings.HasPrefix(op, "!")
	ilike := ae.AExpr.Kind == pg.A_Expr_Kind_AEXPR_ILIKE
	lhs := ae.AExpr.Lexpr
	upper := false
	if fc, ok := lhs.Node.(*pg.Node_FuncCall); ok && (funcName(fc.FuncCall) == "upper" || funcName(fc.FuncCall) == "lower") && len(fc.FuncCall.Args) == 1 {
		lhs, upper = fc.FuncCall.Args[0], true
	}
	ref, why, err := b.column(c, lhs)
	if err != nil || ref == nil {
		return local(orWhy(why, "LIKE over an expression")), true, err
	}
	f := ref.field
	switch {
	case f.Type == catalog.TypeID || f.Type == catalog.TypeReference:
		return local("LIKE on Id field " + f.Name + " (Salesforce refuses it)"), true, nil
	case f.Type == catalog.TypeMultiPicklist:
		return local("LIKE on multi-select picklist " + f.Name), true, nil
	case !isStringType(f.Type):
		return local("LIKE on " + string(f.Type) + " field " + f.Name), true, nil
	}
	pat := ae.AExpr.Rexpr
	esc := "\\"
	if fc, ok := pat.Node.(*pg.Node_FuncCall); ok && funcName(fc.FuncCall) == "like_escape" && len(fc.FuncCall.Args) == 2 {
		ev, isConst, err := b.constant(fc.FuncCall.Args[1])
		if err != nil || !isConst || ev.kind != vString || len([]rune(ev.str)) > 1 {
			return local("LIKE with a non-constant ESCAPE"), true, err
		}
		esc, pat = ev.str, fc.FuncCall.Args[0]
	}
	v, isConst, err := b.constant(pat)
	if err != nil || !isConst {
		return local("LIKE with a non-constant pattern"), true, err
	}
	var soqlPat string
	var exact bool // SOQL's LIKE ignores case: exact for ILIKE, or when case cannot matter
	switch v.kind {
	case vString:
		if v.param > 0 {
			b.noteParam(v.param, f)
		}
		if b.s.strict() && emptyText(f, v) {
			// The empty pattern matches only the empty string, which
			// Salesforce does not store.
			if not {
				return pushResult{expr: &soql.Comparison{Left: fieldRef(ref), Op: "!=", Right: &soql.NullLit{}}, exact: true}, true, nil
			}
			return pushResult{constant: -1, exact: true}, true, nil
		}
		soqlPat = likePattern(v.str, esc)
		exact = ilike || !caseFolds(f) || !hasCase(v.str)
		if _, err := soql.AppendLiteral(nil, soqlPat); err != nil {
			return pushResult{}, true, &UnsupportedError{Construct: "LIKE pattern: " + err.Error(), Pos: b.p.pos(v.loc)}
		}
	case vParam:
		b.noteParam(v.param, f)
		exact = ilike || !caseFolds(f)
	case vNull:
		return pushResult{constant: -1, exact: true}, true, nil
	default:
		return local("LIKE with a non-text pattern"), true, nil
	}
	if upper {
		exact = false
	}
	var right soql.Expr = &soql.StringLit{Value: soqlPat}
	if v.kind == vParam {
		right = &soql.NullLit{}
	}
	like := &soql.Comparison{Left: fieldRef(ref), Op: "LIKE", Right: right}
	if !not {
		return pushResult{expr: like, exact: exact || !b.s.strict()}, true, nil
	}
	if b.s.strict() && !exact {
		return local("NOT LIKE on a text field (Salesforce's LIKE is case-insensitive)"), true, nil
	}
	return pushResult{expr: &soql.Not{X: like}, exact: !b.s.strict()}, true, nil
}

// likePattern converts a PostgreSQL LIKE pattern with escape character esc
// ("" for none) into SOQL's form: % and _ wildcards, \% \_ \\ escapes.
func likePattern(p, esc string) string {
	var sb strings.Builder
	rs := []rune(p)
	var e rune = -1
	if esc != "" {
		e = []rune(esc)[0]
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == e && i+1 < len(rs):
			i++
			sb.WriteString(soql.EscapeLike(string(rs[i])))
		case r == e:
			// a trailing escape character: PostgreSQL rejects it; keep it literal
			sb.WriteString(soql.EscapeLike(string(r)))
		case r == '\\':
			sb.WriteString(`\\`)
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}
