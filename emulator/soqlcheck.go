package emulator

import (
	"strings"
	"unicode/utf8"

	"github.com/soqlgate/soqlgate/soql"
)

// This file holds the statement-level rules Salesforce enforces after a
// statement parses (spec §6.4–6.6): the ones that need no describe. Field,
// type and operator rules are checked while compiling (compile.go), where
// the describe is at hand; both report the first problem only, as
// Salesforce does.

const (
	maxOffset          = 2000
	maxFieldsLimit     = 200
	maxChildSubqueries = 20
	maxSemiJoins       = 2
)

// checkStatement applies the clause rules to q (and to its subqueries).
func (c *compiler) checkStatement(q *soql.Query) *queryError {
	if q.Offset != nil && *q.Offset > maxOffset {
		return errPlain("NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL offset allowed is 2000")
	}
	if q.For == "UPDATE" {
		return c.errAt(c.keywordPos("FOR", q.Pos), "MALFORMED_QUERY", "FOR UPDATE is not allowed in this context")
	}
	if q.With != nil && q.With.Kind == soql.WithDataCategory {
		return c.errAt(q.With.Pos, "MALFORMED_QUERY", "WITH DATA CATEGORY is not implemented by the soqlgate emulator")
	}
	hasAggregate, hasCountStar, children := false, false, 0
	for _, it := range q.Select {
		switch e := it.Expr.(type) {
		case *soql.FuncCall:
			if isAggregateFunc(e.Name) {
				hasAggregate = true
				if strings.EqualFold(e.Name, "COUNT") && len(e.Args) == 0 {
					hasCountStar = true
				}
			}
		case *soql.Fields:
			if e.Kind != soql.FieldsStandard && (q.Limit == nil || *q.Limit > maxFieldsLimit) {
				return c.errAt(e.Pos, "MALFORMED_QUERY", "The SOQL FIELDS function must have a LIMIT of at most 200")
			}
		case *soql.SubQuery:
			children++
			if children > maxChildSubqueries {
				return c.errAt(e.Pos, "MALFORMED_QUERY", "maximum number of child relationships (20) exceeded")
			}
			if e.Query.Offset != nil {
				// OFFSET is only allowed in a child subquery that selects one parent.
				if q.Limit == nil || *q.Limit != 1 {
					return c.errAt(e.Pos, "MALFORMED_QUERY", "The inner query with OFFSET clause must contain one parent record (LIMIT 1)")
				}
			}
			if err := c.checkStatement(e.Query); err != nil {
				return err
			}
		}
	}
	if hasCountStar {
		if len(q.Select) > 1 {
			return c.errAt(q.Select[0].Position(), "MALFORMED_QUERY", "COUNT() must be the only element in the SELECT list")
		}
		if len(q.OrderBy) > 0 {
			return c.errAt(c.keywordPos("ORDER", q.Pos), "MALFORMED_QUERY", "ORDER BY is not allowed with COUNT()")
		}
	}
	if hasAggregate && !hasCountStar && q.GroupBy == nil && q.Limit != nil {
		return c.errAt(c.keywordPos("LIMIT", q.Pos), "MALFORMED_QUERY", "Aggregate query without GROUP BY does not support LIMIT")
	}
	if q.Having != nil && q.GroupBy == nil && !hasAggregate {
		return c.errAt(q.Having.Position(), "MALFORMED_QUERY", "HAVING requires a GROUP BY clause or an aggregate select list")
	}
	if q.Where != nil {
		n := 0
		if err := c.checkSemiJoins(q.Where, &n, false); err != nil {
			return err
		}
	}
	return nil
}

// checkSemiJoins enforces: at most two semi/anti-joins, none under OR or
// NOT, none nested.
func (c *compiler) checkSemiJoins(e soql.Expr, n *int, nested bool) *queryError {
	switch e := e.(type) {
	case *soql.And:
		if err := c.checkSemiJoins(e.Left, n, nested); err != nil {
			return err
		}
		return c.checkSemiJoins(e.Right, n, nested)
	case *soql.Or:
		if containsSemiJoin(e) {
			return c.errAt(e.Pos, "MALFORMED_QUERY", "Semi join sub-selects are not allowed with the 'OR' operator")
		}
	case *soql.Not:
		if containsSemiJoin(e) {
			return c.errAt(e.Pos, "MALFORMED_QUERY", "Semi join sub-selects are only allowed at the top level WHERE expressions and not in nested WHERE expressions.")
		}
	case *soql.In:
		if e.Sub == nil {
			return nil
		}
		if nested {
			return c.errAt(e.Sub.Pos, "MALFORMED_QUERY", "Nesting of semi join sub-selects is not supported")
		}
		*n++
		if *n > maxSemiJoins {
			return c.errAt(e.Sub.Pos, "MALFORMED_QUERY", "Maximum of 2 semi join sub-selects are allowed")
		}
		if e.Sub.Where != nil {
			m := 0
			return c.checkSemiJoins(e.Sub.Where, &m, true)
		}
	}
	return nil
}

func containsSemiJoin(e soql.Expr) bool {
	found := false
	soql.Inspect(e, func(n soql.Node) bool {
		if in, ok := n.(*soql.In); ok && in.Sub != nil {
			found = true
		}
		return !found
	})
	return found
}

// keywordPos finds the position of keyword in the statement at or after
// from (clauses the AST does not position), skipping string literals.
func (c *compiler) keywordPos(keyword string, from soql.Pos) soql.Pos {
	text := c.text
	upper := strings.ToUpper(text)
	inString := false
	for i := from.Offset; i < len(text); i++ {
		ch := text[i]
		if inString {
			if ch == '\\' {
				i++
			} else if ch == '\'' {
				inString = false
			}
			continue
		}
		if ch == '\'' {
			inString = true
			continue
		}
		if strings.HasPrefix(upper[i:], keyword) && (i == 0 || !isWordByte(text[i-1])) &&
			(i+len(keyword) == len(text) || !isWordByte(text[i+len(keyword)])) {
			return offsetPos(text, i)
		}
	}
	return from
}

func isWordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// offsetPos converts a byte offset into a 1-based row and character column.
func offsetPos(text string, off int) soql.Pos {
	row, lineStart := 1, 0
	for i := 0; i < off; i++ {
		if text[i] == '\n' {
			row++
			lineStart = i + 1
		}
	}
	return soql.Pos{Row: row, Col: utf8.RuneCountInString(text[lineStart:off]) + 1, Offset: off}
}
