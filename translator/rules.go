package translator

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/soqlgate/soqlgate/soql"
)

// Predicate pushdown. Each WHERE (or HAVING) conjunct goes through the
// ordered rule list below; the first rule that recognises the node decides.
// A rule returns the SOQL condition and whether it is exact (SOQL returns
// exactly SQL's rows) or a superset (the conjunct is rechecked locally), a
// constant (folded), or nothing with the reason it stays local.

type pushResult struct {
	expr     soql.Expr
	exact    bool
	constant int // +1 always true, -1 always false, 0 not constant
	why      string
}

func local(why string) pushResult { return pushResult{why: why} }

func (r pushResult) pushed() bool { return r.expr != nil || r.constant != 0 }

// pctx is the context of one conjunct: the scope its names resolve in and
// the query it may go to (fixed by its first column).
type pctx struct {
	sc     *scope
	sb     *scanBuilder
	child  bool
	fixed  bool
	having bool // aggregates may appear on the left (HAVING)
	top    bool // the node is a whole conjunct of the scan's WHERE
	semi   bool // the WHERE of a semi-join's subquery (SOQL refuses nesting)
}

type predicateRule struct {
	name  string
	apply func(b *builder, c *pctx, n *pg.Node) (pushResult, bool, error)
}

// predicateRules is the ordered rule list.
var predicateRules []predicateRule

func init() {
	predicateRules = []predicateRule{
		{"constant", ruleConstant},
		{"and-or", ruleAndOr},
		{"not", ruleNot},
		{"is-null", ruleNullTest},
		{"boolean-test", ruleBooleanTest},
		{"boolean-column", ruleBareBoolean},
		{"between", ruleBetween},
		{"in-list", ruleIn},
		{"like", ruleLike},
		{"exists", ruleExists},
		{"semi-join", ruleSemiJoin},
		{"includes", ruleIncludes},
		{"date-part", ruleDatePart},
		{"comparison", ruleCompare},
	}
}

// push translates one condition.
func (b *builder) push(c *pctx, n *pg.Node) (pushResult, error) {
	for _, r := range predicateRules {
		res, ok, err := r.apply(b, c, n)
		if err != nil {
			return pushResult{}, err
		}
		if ok {
			return res, nil
		}
	}
	return local("expression " + nodeKind(n)), nil
}

func nodeKind(n *pg.Node) string {
	switch x := n.Node.(type) {
	case *pg.Node_FuncCall:
		return funcName(x.FuncCall) + "()"
	case *pg.Node_SubLink:
		return "subquery"
	case *pg.Node_AExpr:
		return "operator " + opName(x.AExpr.Name)
	}
	return strings.TrimPrefix(stmtName(n), "statement ")
}

// column resolves n as a plain column usable in the context's query, or
// returns why not.
func (b *builder) column(c *pctx, n *pg.Node) (*colRef, string, error) {
	cr, ok := n.Node.(*pg.Node_ColumnRef)
	if !ok {
		return nil, "", nil
	}
	ref, err := b.resolve(c.sc, cr.ColumnRef)
	if err != nil {
		return nil, "", err
	}
	if ref.t.sb == nil {
		return nil, "column of a table joined locally", nil
	}
	if ref.t.nullable {
		return nil, "filter on the nullable side of an outer join", nil
	}
	if c.fixed && (c.sb != ref.t.sb || c.child != ref.t.inChild) {
		return nil, "condition spans tables that are separate queries", nil
	}
	c.sb, c.child, c.fixed = ref.t.sb, ref.t.inChild, true
	if !ref.field.Filterable && !c.having {
		return nil, "field " + ref.field.Name + " is not filterable", nil
	}
	return &ref, "", nil
}

func fieldRef(r *colRef) *soql.FieldRef { return &soql.FieldRef{Path: r.soqlPath()} }

func orWhy(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func orLocal(r pushResult, what string) pushResult {
	if r.pushed() && r.constant == 0 {
		return r
	}
	return local(orWhy(r.why, what))
}

func validOp(op string) bool {
	switch op {
	case "=", "<>", "!=", "<", "<=", ">", ">=":
		return true
	}
	return false
}

func soqlOp(op string) string {
	if op == "<>" {
		return "!="
	}
	return op
}

func flipOp(op string) string {
	switch op {
	case "<":
		return ">"
	case "<=":
		return ">="
	case ">":
		return "<"
	case ">=":
		return "<="
	}
	return op
}
