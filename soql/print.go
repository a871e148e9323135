package soql

import "strconv"

// String returns the canonical SOQL text of q.
func (q *Query) String() string {
	return string(AppendQuery(nil, q))
}

// AppendQuery appends the canonical SOQL text of q to dst: keywords in upper
// case, names as written, single spaces, ", " between list items, literals
// in their canonical form (true, false, null, strings re-escaped), and
// parentheses where the grammar needs them.
func AppendQuery(dst []byte, q *Query) []byte {
	dst = append(dst, "SELECT "...)
	for i, it := range q.Select {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		dst = appendSelectExpr(dst, it.Expr)
		if it.Alias != "" {
			dst = append(dst, ' ')
			dst = append(dst, it.Alias...)
		}
	}
	dst = append(dst, " FROM "...)
	dst = append(dst, q.From.Object...)
	if q.From.Alias != "" {
		dst = append(dst, ' ')
		dst = append(dst, q.From.Alias...)
	}
	for _, m := range q.From.More {
		dst = append(dst, ", "...)
		dst = appendPath(dst, m.Path)
		if m.Alias != "" {
			dst = append(dst, ' ')
			dst = append(dst, m.Alias...)
		}
	}
	if q.Using != "" {
		dst = append(dst, " USING SCOPE "...)
		dst = append(dst, q.Using...)
	}
	if q.Where != nil {
		dst = append(dst, " WHERE "...)
		dst = appendCond(dst, q.Where)
	}
	if q.With != nil {
		dst = append(dst, " WITH "...)
		dst = appendWith(dst, q.With)
	}
	if g := q.GroupBy; g != nil {
		dst = append(dst, " GROUP BY "...)
		switch g.Kind {
		case GroupRollup:
			dst = append(dst, "ROLLUP("...)
		case GroupCube:
			dst = append(dst, "CUBE("...)
		}
		dst = appendExprList(dst, g.Fields)
		if g.Kind != GroupPlain {
			dst = append(dst, ')')
		}
	}
	if q.Having != nil {
		dst = append(dst, " HAVING "...)
		dst = appendCond(dst, q.Having)
	}
	if len(q.OrderBy) > 0 {
		dst = append(dst, " ORDER BY "...)
		for i, o := range q.OrderBy {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			dst = appendExpr(dst, o.Expr)
			if o.Desc {
				dst = append(dst, " DESC"...)
			}
			switch o.Nulls {
			case NullsFirst:
				dst = append(dst, " NULLS FIRST"...)
			case NullsLast:
				dst = append(dst, " NULLS LAST"...)
			}
		}
	}
	if q.Limit != nil {
		dst = append(dst, " LIMIT "...)
		dst = strconv.AppendInt(dst, int64(*q.Limit), 10)
	}
	if q.Offset != nil {
		dst = append(dst, " OFFSET "...)
		dst = strconv.AppendInt(dst, int64(*q.Offset), 10)
	}
	if q.For != "" {
		dst = append(dst, " FOR "...)
		dst = append(dst, q.For...)
	}
	for i, u := range q.Update {
		if i == 0 {
			dst = append(dst, " UPDATE "...)
		} else {
			dst = append(dst, ", "...)
		}
		dst = append(dst, u...)
	}
	return dst
}

func appendPath(dst []byte, path []string) []byte {
	for i, p := range path {
		if i > 0 {
			dst = append(dst, '.')
		}
		dst = append(dst, p...)
	}
	return dst
}

func appendFieldList(dst []byte, fs []*FieldRef) []byte {
	for i, f := range fs {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		dst = appendPath(dst, f.Path)
	}
	return dst
}

func appendSelectExpr(dst []byte, e SelectExpr) []byte {
	switch e := e.(type) {
	case *FieldRef:
		return appendPath(dst, e.Path)
	case *FuncCall:
		return appendExpr(dst, e)
	case *Fields:
		dst = append(dst, "FIELDS("...)
		dst = append(dst, e.Kind...)
		return append(dst, ')')
	case *SubQuery:
		dst = append(dst, '(')
		if e.Query != nil {
			dst = AppendQuery(dst, e.Query)
		}
		return append(dst, ')')
	case *TypeOf:
		dst = append(dst, "TYPEOF "...)
		dst = append(dst, e.Field...)
		for _, w := range e.Whens {
			dst = append(dst, " WHEN "...)
			dst = append(dst, w.Type...)
			dst = append(dst, " THEN "...)
			dst = appendFieldList(dst, w.Fields)
		}
		if len(e.Else) > 0 {
			dst = append(dst, " ELSE "...)
			dst = appendFieldList(dst, e.Else)
		}
		return append(dst, " END"...)
	}
	return dst
}

func appendWith(dst []byte, w *WithClause) []byte {
	switch w.Kind {
	case WithDataCategory:
		dst = append(dst, "DATA CATEGORY "...)
		for i, f := range w.DataCategory {
			if i > 0 {
				dst = append(dst, " AND "...)
			}
			dst = append(dst, f.Group...)
			dst = append(dst, ' ')
			dst = append(dst, f.Op...)
			dst = append(dst, ' ')
			if len(f.Categories) == 1 {
				dst = append(dst, f.Categories[0]...)
				continue
			}
			dst = append(dst, '(')
			for j, c := range f.Categories {
				if j > 0 {
					dst = append(dst, ", "...)
				}
				dst = append(dst, c...)
			}
			dst = append(dst, ')')
		}
	case WithRecordVisibilityContext:
		dst = append(dst, "RecordVisibilityContext("...)
		for i, p := range w.Params {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			dst = append(dst, p.Name...)
			dst = append(dst, '=')
			dst = appendExpr(dst, p.Value)
		}
		dst = append(dst, ')')
	default:
		dst = append(dst, w.Kind...)
	}
	return dst
}

func appendExprList(dst []byte, es []Expr) []byte {
	for i, e := range es {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		dst = appendExpr(dst, e)
	}
	return dst
}

// appendCond appends a condition at the top of WHERE or HAVING.
func appendCond(dst []byte, e Expr) []byte { return appendExpr(dst, e) }

// appendOperand appends one side of AND/OR, parenthesised when it is itself
// an AND or OR that the grammar would not read back as the same tree: any
// OR under AND (and vice versa), and a right-nested chain of the same kind.
func appendOperand(dst []byte, e Expr, parentAnd, right bool) []byte {
	paren := false
	switch e.(type) {
	case *And:
		paren = !parentAnd || right
	case *Or:
		paren = parentAnd || right
	}
	if paren {
		dst = append(dst, '(')
		dst = appendExpr(dst, e)
		return append(dst, ')')
	}
	return appendExpr(dst, e)
}

func appendExpr(dst []byte, e Expr) []byte {
	switch e := e.(type) {
	case *And:
		dst = appendOperand(dst, e.Left, true, false)
		dst = append(dst, " AND "...)
		return appendOperand(dst, e.Right, true, true)
	case *Or:
		dst = appendOperand(dst, e.Left, false, false)
		dst = append(dst, " OR "...)
		return appendOperand(dst, e.Right, false, true)
	case *Not:
		dst = append(dst, "NOT ("...)
		dst = appendExpr(dst, e.X)
		return append(dst, ')')
	case *Comparison:
		dst = appendExpr(dst, e.Left)
		dst = append(dst, ' ')
		dst = append(dst, e.Op...)
		dst = append(dst, ' ')
		if s, ok := e.Right.(*StringLit); ok && e.Op == "LIKE" {
			return appendQuoted(dst, s.Value, true)
		}
		return appendExpr(dst, e.Right)
	case *In:
		dst = appendExpr(dst, e.Left)
		if e.Not {
			dst = append(dst, " NOT IN ("...)
		} else {
			dst = append(dst, " IN ("...)
		}
		if e.Sub != nil {
			dst = AppendQuery(dst, e.Sub)
		} else {
			dst = appendExprList(dst, e.Values)
		}
		return append(dst, ')')
	case *Includes:
		dst = appendExpr(dst, e.Left)
		if e.Excludes {
			dst = append(dst, " EXCLUDES ("...)
		} else {
			dst = append(dst, " INCLUDES ("...)
		}
		dst = appendExprList(dst, e.Values)
		return append(dst, ')')
	case *FieldRef:
		return appendPath(dst, e.Path)
	case *FuncCall:
		dst = append(dst, e.Name...)
		dst = append(dst, '(')
		dst = appendExprList(dst, e.Args)
		return append(dst, ')')
	case *StringLit:
		return appendQuoted(dst, e.Value, false)
	case *NumberLit:
		return append(dst, e.Text...)
	case *BoolLit:
		if e.Value {
			return append(dst, "true"...)
		}
		return append(dst, "false"...)
	case *NullLit:
		return append(dst, "null"...)
	case *DateLit:
		return append(dst, e.Text...)
	case *DateTimeLit:
		return append(dst, e.Text...)
	case *TimeLit:
		return append(dst, e.Text...)
	case *CurrencyLit:
		return append(dst, e.Text...)
	case *DateLiteral:
		dst = append(dst, e.Name...)
		if e.N != nil {
			dst = append(dst, ':')
			dst = strconv.AppendInt(dst, int64(*e.N), 10)
		}
		return dst
	}
	return dst
}
