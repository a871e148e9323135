package soql

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxStatementLength is the longest statement Salesforce accepts, in
// characters.
const MaxStatementLength = 100000

// Parse parses one SOQL statement strictly: it rejects, with Salesforce's
// message and position, what Salesforce rejects as MALFORMED_QUERY before
// looking at the schema. The error is always a *ParseError.
func Parse(text string) (*Query, error) {
	if len(text) > MaxStatementLength && utf8.RuneCountInString(text) > MaxStatementLength {
		return nil, &ParseError{Message: "SOQL statements cannot be longer than 100,000 characters.", Query: text}
	}
	p := &parser{src: text, lx: &lexer{src: text, row: 1, col: 1}, toks: make([]token, 0, len(text)/6+4)}
	q, err := p.query()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, p.unexpected(t)
	}
	return q, nil
}

// parser is a recursive-descent parser over tokens lexed on demand, so that
// a lexical error after the first syntax error does not hide it (Salesforce
// reports the first problem).
type parser struct {
	src    string
	lx     *lexer
	toks   []token
	lexErr *ParseError // the error behind a tErr token
	i      int
}

// at returns token k, lexing up to it; past the end it repeats the final
// tEOF or tErr token.
func (p *parser) at(k int) token {
	for len(p.toks) <= k {
		if n := len(p.toks); n > 0 && (p.toks[n-1].kind == tEOF || p.toks[n-1].kind == tErr) {
			return p.toks[n-1]
		}
		t, err := p.lx.next()
		if err != nil {
			p.lexErr = err
			t = token{kind: tErr, pos: Pos{Row: err.Row, Col: err.Column}}
		}
		p.toks = append(p.toks, t)
	}
	return p.toks[k]
}

func (p *parser) peek() token        { return p.at(p.i) }
func (p *parser) peekAt(n int) token { return p.at(p.i + n) }
func (p *parser) next() token {
	t := p.at(p.i)
	if t.kind != tEOF && t.kind != tErr {
		p.i++
	}
	return t
}

func (p *parser) unexpected(t token) *ParseError {
	if t.kind == tErr {
		return p.lexErr
	}
	return &ParseError{Row: t.pos.Row, Column: t.pos.Col, Token: t.quoted(),
		Message: "unexpected token: " + t.quoted(), Query: p.src}
}

func (p *parser) errAt(t token, msg string) *ParseError {
	if t.kind == tErr {
		return p.lexErr
	}
	return &ParseError{Row: t.pos.Row, Column: t.pos.Col, Token: t.quoted(), Message: msg, Query: p.src}
}

// isKw reports whether t is the keyword kw (upper case), in any casing.
func isKw(t token, kw string) bool {
	return t.kind == tIdent && len(t.text) == len(kw) && strings.EqualFold(t.text, kw)
}

func isPunct(t token, s string) bool { return t.kind == tPunct && t.text == s }

func (p *parser) acceptKw(kw string) bool { return p.accept(isKw(p.peek(), kw)) }

// clause accepts the clause keyword kw and records its position in at.
func (p *parser) clause(kw string, at *Pos) bool {
	t := p.peek()
	if !isKw(t, kw) {
		return false
	}
	p.i++
	*at = t.pos
	return true
}

func (p *parser) expectKw(kw string) (token, error) { return p.expect(isKw(p.peek(), kw)) }

func (p *parser) acceptPunct(s string) bool { return p.accept(isPunct(p.peek(), s)) }

func (p *parser) expectPunct(s string) (token, error) { return p.expect(isPunct(p.peek(), s)) }

// ident consumes any identifier (reserved words included).
func (p *parser) ident() (token, error) { return p.expect(p.peek().kind == tIdent) }

// accept consumes the next token when ok (a test of that token).
func (p *parser) accept(ok bool) bool {
	if ok {
		p.i++
	}
	return ok
}

// expect consumes and returns the next token when ok (a test of that
// token), else reports it as unexpected.
func (p *parser) expect(ok bool) (token, error) {
	t := p.peek()
	if !ok {
		return t, p.unexpected(t)
	}
	p.i++
	return t, nil
}

// query parses SELECT … up to (not including) the end of input or the ')'
// closing a subquery.
func (p *parser) query() (*Query, error) {
	sel, err := p.expectKw("SELECT")
	if err != nil {
		return nil, err
	}
	q := &Query{Pos: sel.pos}
	if q.Select, err = p.selectList(); err != nil {
		return nil, err
	}
	from, err := p.expectKw("FROM")
	if err != nil {
		return nil, err
	}
	q.Clauses.From = from.pos
	if err := p.from(&q.From); err != nil {
		return nil, err
	}
	if p.clause("USING", &q.Clauses.Using) {
		if _, err := p.expectKw("SCOPE"); err != nil {
			return nil, err
		}
		t, err := p.ident()
		if err != nil {
			return nil, err
		}
		q.Using = t.text
	}
	if p.clause("WHERE", &q.Clauses.Where) {
		if q.Where, err = p.cond(); err != nil {
			return nil, err
		}
	}
	if t := p.peek(); isKw(t, "WITH") {
		p.i++
		q.Clauses.With = t.pos
		if q.With, err = p.with(t); err != nil {
			return nil, err
		}
	}
	if t := p.peek(); isKw(t, "GROUP") {
		p.i++
		q.Clauses.GroupBy = t.pos
		if _, err := p.expectKw("BY"); err != nil {
			return nil, err
		}
		if q.GroupBy, err = p.groupBy(t); err != nil {
			return nil, err
		}
	}
	if p.clause("HAVING", &q.Clauses.Having) {
		if q.Having, err = p.cond(); err != nil {
			return nil, err
		}
	}
	if p.clause("ORDER", &q.Clauses.OrderBy) {
		if _, err := p.expectKw("BY"); err != nil {
			return nil, err
		}
		if q.OrderBy, err = p.orderBy(); err != nil {
			return nil, err
		}
	}
	if p.clause("LIMIT", &q.Clauses.Limit) {
		if q.Limit, err = p.count(); err != nil {
			return nil, err
		}
	}
	if p.clause("OFFSET", &q.Clauses.Offset) {
		if q.Offset, err = p.count(); err != nil {
			return nil, err
		}
	}
	if p.clause("FOR", &q.Clauses.For) {
		t, err := p.ident()
		if err != nil {
			return nil, err
		}
		switch {
		case isKw(t, "VIEW"), isKw(t, "REFERENCE"), isKw(t, "UPDATE"):
			q.For = strings.ToUpper(t.text)
		default:
			return nil, p.unexpected(t)
		}
	}
	if q.For != "UPDATE" && p.clause("UPDATE", &q.Clauses.Update) {
		for {
			t, err := p.ident()
			if err != nil {
				return nil, err
			}
			if !isKw(t, "TRACKING") && !isKw(t, "VIEWSTAT") {
				return nil, p.unexpected(t)
			}
			q.Update = append(q.Update, strings.ToUpper(t.text))
			if !p.acceptPunct(",") {
				break
			}
		}
	}
	return q, nil
}

// count parses the non-negative integer of LIMIT or OFFSET.
func (p *parser) count() (*int, error) {
	t := p.peek()
	if !allDigits(t.text) {
		return nil, p.unexpected(t)
	}
	return p.smallInt(t)
}

// smallInt consumes t, a number token that must fit in 32 bits.
func (p *parser) smallInt(t token) (*int, error) {
	if t.kind != tNumber {
		return nil, p.unexpected(t)
	}
	n, err := strconv.ParseInt(t.text, 10, 32)
	if err != nil {
		return nil, p.unexpected(t)
	}
	p.i++
	v := int(n)
	return &v, nil
}

// aliasable reports whether t can be an alias here: an identifier that is
// not a reserved word.
func aliasable(t token) bool {
	return t.kind == tIdent && !IsReserved(t.text)
}

func (p *parser) from(f *From) error {
	t := p.peek()
	path, err := p.path()
	if err != nil {
		return err
	}
	// A dotted name is the old child-subquery form "FROM Account.Contacts".
	f.Object, f.Pos = strings.Join(path, "."), t.pos
	if a := p.peek(); aliasable(a) {
		p.i++
		f.Alias = a.text
	}
	for isPunct(p.peek(), ",") {
		p.i++
		start := p.peek()
		path, err := p.path()
		if err != nil {
			return err
		}
		fp := FromPath{Path: path, Pos: start.pos}
		if a := p.peek(); aliasable(a) {
			p.i++
			fp.Alias = a.text
		}
		f.More = append(f.More, fp)
	}
	return nil
}

// path parses ident {'.' ident}.
func (p *parser) path() ([]string, error) {
	var path []string
	for {
		t, err := p.ident()
		if err != nil {
			return nil, err
		}
		path = append(path, t.text)
		if !isPunct(p.peek(), ".") {
			return path, nil
		}
		p.i++
	}
}

// fieldRef parses a field path whose first name is not a reserved word
// (unless a '.' follows: "Group.Name" is a relationship path).
func (p *parser) fieldRef() (*FieldRef, error) {
	t := p.peek()
	if t.kind != tIdent || IsReserved(t.text) && !isPunct(p.peekAt(1), ".") {
		return nil, p.unexpected(t)
	}
	path, err := p.path()
	if err != nil {
		return nil, err
	}
	return &FieldRef{Path: path, Pos: t.pos}, nil
}

func (p *parser) selectList() ([]SelectItem, error) {
	var items []SelectItem
	for {
		it, err := p.selectItem()
		if err != nil {
			return nil, err
		}
		items = append(items, it)
		if !p.acceptPunct(",") {
			return items, nil
		}
	}
}

func (p *parser) selectItem() (SelectItem, error) {
	t := p.peek()
	switch {
	case isPunct(t, "("):
		p.i++
		sub, err := p.query()
		if err != nil {
			return SelectItem{}, err
		}
		if _, err := p.expectPunct(")"); err != nil {
			return SelectItem{}, err
		}
		return SelectItem{Expr: &SubQuery{Query: sub, Pos: t.pos}}, nil
	case isKw(t, "TYPEOF") && p.peekAt(1).kind == tIdent && !IsReserved(p.peekAt(1).text):
		p.i++
		to, err := p.typeOf(t)
		return SelectItem{Expr: to}, err
	case isKw(t, "FIELDS") && isPunct(p.peekAt(1), "("):
		p.i += 2
		k := p.peek()
		var kind FieldsKind
		switch {
		case isKw(k, "ALL"):
			kind = FieldsAll
		case isKw(k, "STANDARD"):
			kind = FieldsStandard
		case isKw(k, "CUSTOM"):
			kind = FieldsCustom
		default:
			return SelectItem{}, p.unexpected(k)
		}
		p.i++
		if _, err := p.expectPunct(")"); err != nil {
			return SelectItem{}, err
		}
		return SelectItem{Expr: &Fields{Kind: kind, Pos: t.pos}}, nil
	}
	var it SelectItem
	if t.kind == tIdent && isPunct(p.peekAt(1), "(") {
		fc, err := p.funcCall()
		if err != nil {
			return SelectItem{}, err
		}
		it.Expr = fc
	} else {
		fr, err := p.fieldRef()
		if err != nil {
			return SelectItem{}, err
		}
		it.Expr = fr
	}
	if a := p.peek(); aliasable(a) {
		p.i++
		it.Alias, it.AliasPos = a.text, a.pos
	}
	return it, nil
}

func (p *parser) typeOf(start token) (*TypeOf, error) {
	f, err := p.ident()
	if err != nil {
		return nil, err
	}
	to := &TypeOf{Field: f.text, Pos: start.pos}
	for {
		w := p.peek()
		if !isKw(w, "WHEN") {
			break
		}
		p.i++
		typ, err := p.ident()
		if err != nil {
			return nil, err
		}
		if _, err := p.expectKw("THEN"); err != nil {
			return nil, err
		}
		fields, err := p.fieldList()
		if err != nil {
			return nil, err
		}
		to.Whens = append(to.Whens, TypeOfWhen{Type: typ.text, Fields: fields, Pos: w.pos})
	}
	if len(to.Whens) == 0 {
		return nil, p.unexpected(p.peek())
	}
	if p.acceptKw("ELSE") {
		if to.Else, err = p.fieldList(); err != nil {
			return nil, err
		}
	}
	if _, err := p.expectKw("END"); err != nil {
		return nil, err
	}
	return to, nil
}

func (p *parser) fieldList() ([]*FieldRef, error) {
	var fs []*FieldRef
	for {
		t := p.peek()
		if isKw(t, "WHEN") || isKw(t, "ELSE") || isKw(t, "END") {
			return nil, p.unexpected(t)
		}
		f, err := p.fieldRef()
		if err != nil {
			return nil, err
		}
		fs = append(fs, f)
		if !p.acceptPunct(",") {
			return fs, nil
		}
	}
}

// funcCall parses name '(' args ')' for a known function.
func (p *parser) funcCall() (*FuncCall, error) {
	name := p.next()
	if IsReserved(name.text) {
		return nil, p.unexpected(name)
	}
	fi, ok := LookupFunc(name.text)
	if !ok {
		return nil, p.errAt(name, "Unknown function: "+name.text)
	}
	p.i++ // '('
	fc := &FuncCall{Name: fi.Name, Pos: name.pos}
	for {
		t := p.peek()
		if isPunct(t, ")") {
			if len(fc.Args) < fi.MinArgs {
				return nil, p.unexpected(t)
			}
			p.i++
			return fc, nil
		}
		if len(fc.Args) > 0 {
			if !isPunct(t, ",") || len(fc.Args) == fi.MaxArgs {
				return nil, p.unexpected(t)
			}
			p.i++
			t = p.peek()
		} else if fi.MaxArgs == 0 {
			return nil, p.unexpected(t)
		}
		var arg Expr
		var err error
		switch {
		case t.kind == tIdent && isPunct(p.peekAt(1), "("):
			arg, err = p.funcCall()
		case t.kind == tIdent && !(fi.Literals && isLiteralWord(t)):
			arg, err = p.fieldRef()
		case fi.Literals:
			arg, err = p.literal(false)
		default:
			return nil, p.unexpected(t)
		}
		if err != nil {
			return nil, err
		}
		fc.Args = append(fc.Args, arg)
	}
}

// isLiteralWord reports whether an identifier token is a literal keyword
// (TRUE, FALSE, NULL, a date literal) rather than a field.
func isLiteralWord(t token) bool {
	if isKw(t, "TRUE") || isKw(t, "FALSE") || isKw(t, "NULL") {
		return true
	}
	_, _, ok := LookupDateLiteral(t.text)
	return ok
}

func (p *parser) with(start token) (*WithClause, error) {
	t, err := p.ident()
	if err != nil {
		return nil, err
	}
	w := &WithClause{Pos: start.pos}
	switch {
	case isKw(t, "SECURITY_ENFORCED"):
		w.Kind = WithSecurityEnforced
	case isKw(t, "USER_MODE"):
		w.Kind = WithUserMode
	case isKw(t, "SYSTEM_MODE"):
		w.Kind = WithSystemMode
	case isKw(t, "DATA"):
		if _, err := p.expectKw("CATEGORY"); err != nil {
			return nil, err
		}
		w.Kind = WithDataCategory
		for {
			g, err := p.ident()
			if err != nil {
				return nil, err
			}
			op, err := p.ident()
			if err != nil {
				return nil, err
			}
			f := DataCategoryFilter{Group: g.text, Op: strings.ToUpper(op.text), Pos: g.pos}
			switch f.Op {
			case "AT", "ABOVE", "BELOW", "ABOVE_OR_BELOW":
			default:
				return nil, p.unexpected(op)
			}
			if p.acceptPunct("(") {
				for {
					c, err := p.ident()
					if err != nil {
						return nil, err
					}
					f.Categories = append(f.Categories, c.text)
					if !p.acceptPunct(",") {
						break
					}
				}
				if _, err := p.expectPunct(")"); err != nil {
					return nil, err
				}
			} else {
				c, err := p.ident()
				if err != nil {
					return nil, err
				}
				f.Categories = []string{c.text}
			}
			w.DataCategory = append(w.DataCategory, f)
			if !p.acceptKw("AND") {
				break
			}
		}
	case isKw(t, "RecordVisibilityContext"):
		w.Kind = WithRecordVisibilityContext
		if _, err := p.expectPunct("("); err != nil {
			return nil, err
		}
		for {
			n, err := p.ident()
			if err != nil {
				return nil, err
			}
			if _, err := p.expectPunct("="); err != nil {
				return nil, err
			}
			v, err := p.literal(false)
			if err != nil {
				return nil, err
			}
			w.Params = append(w.Params, WithParam{Name: n.text, Value: v, Pos: n.pos})
			if !p.acceptPunct(",") {
				break
			}
		}
		if _, err := p.expectPunct(")"); err != nil {
			return nil, err
		}
	default:
		return nil, p.unexpected(t)
	}
	return w, nil
}

func (p *parser) groupBy(start token) (*GroupBy, error) {
	g := &GroupBy{Pos: start.pos}
	t := p.peek()
	if (isKw(t, "ROLLUP") || isKw(t, "CUBE")) && isPunct(p.peekAt(1), "(") {
		g.Kind = GroupRollup
		if isKw(t, "CUBE") {
			g.Kind = GroupCube
		}
		p.i += 2
		for {
			e, err := p.operand()
			if err != nil {
				return nil, err
			}
			g.Fields = append(g.Fields, e)
			if !p.acceptPunct(",") {
				break
			}
		}
		if _, err := p.expectPunct(")"); err != nil {
			return nil, err
		}
		return g, nil
	}
	for {
		e, err := p.operand()
		if err != nil {
			return nil, err
		}
		g.Fields = append(g.Fields, e)
		if !p.acceptPunct(",") {
			return g, nil
		}
	}
}

func (p *parser) orderBy() ([]OrderItem, error) {
	var items []OrderItem
	for {
		start := p.peek()
		e, err := p.operand()
		if err != nil {
			return nil, err
		}
		it := OrderItem{Expr: e, Pos: start.pos}
		if p.acceptKw("DESC") {
			it.Desc = true
		} else {
			p.acceptKw("ASC")
		}
		if p.acceptKw("NULLS") {
			switch t := p.next(); {
			case isKw(t, "FIRST"):
				it.Nulls = NullsFirst
			case isKw(t, "LAST"):
				it.Nulls = NullsLast
			default:
				return nil, p.unexpected(t)
			}
		}
		items = append(items, it)
		if !p.acceptPunct(",") {
			return items, nil
		}
	}
}

// operand parses a field path or a function call.
func (p *parser) operand() (Expr, error) {
	t := p.peek()
	if t.kind == tIdent && isPunct(p.peekAt(1), "(") {
		return p.funcCall()
	}
	return p.fieldRef()
}

// cond parses term {(AND|OR) term}; the connective may not change without
// parentheses.
func (p *parser) cond() (Expr, error) {
	left, err := p.term()
	if err != nil {
		return nil, err
	}
	var conn string
	for {
		t := p.peek()
		var c string
		switch {
		case isKw(t, "AND"):
			c = "AND"
		case isKw(t, "OR"):
			c = "OR"
		default:
			return left, nil
		}
		if conn != "" && c != conn {
			return nil, p.unexpected(t)
		}
		conn = c
		p.i++
		right, err := p.term()
		if err != nil {
			return nil, err
		}
		if c == "AND" {
			left = &And{Left: left, Right: right, Pos: left.Position()}
		} else {
			left = &Or{Left: left, Right: right, Pos: left.Position()}
		}
	}
}

func (p *parser) term() (Expr, error) {
	t := p.peek()
	if isKw(t, "NOT") {
		p.i++
		x, err := p.simpleTerm()
		if err != nil {
			return nil, err
		}
		return &Not{X: x, Pos: t.pos}, nil
	}
	return p.simpleTerm()
}

// simpleTerm parses '(' cond ')' or a field expression.
func (p *parser) simpleTerm() (Expr, error) {
	if p.acceptPunct("(") {
		e, err := p.cond()
		if err != nil {
			return nil, err
		}
		if _, err := p.expectPunct(")"); err != nil {
			return nil, err
		}
		return e, nil
	}
	start := p.peek()
	left, err := p.operand()
	if err != nil {
		return nil, err
	}
	t := p.peek()
	switch {
	case t.kind == tPunct:
		switch t.text {
		case "=", "!=", "<>", "<", "<=", ">", ">=":
			p.i++
			v, err := p.literal(false)
			if err != nil {
				return nil, err
			}
			return &Comparison{Left: left, Op: t.text, Right: v, Pos: start.pos}, nil
		}
	case isKw(t, "LIKE"):
		p.i++
		v, err := p.literal(true)
		if err != nil {
			return nil, err
		}
		return &Comparison{Left: left, Op: "LIKE", Right: v, Pos: start.pos}, nil
	case isKw(t, "IN"), isKw(t, "NOT") && isKw(p.peekAt(1), "IN"):
		in := &In{Left: left, Not: isKw(t, "NOT"), Pos: start.pos}
		if in.Not {
			p.i++
		}
		p.i++
		if c := p.peek(); isPunct(c, ":") {
			return nil, p.bindVar(c)
		}
		if _, err := p.expectPunct("("); err != nil {
			return nil, err
		}
		if isKw(p.peek(), "SELECT") {
			if in.Sub, err = p.query(); err != nil {
				return nil, err
			}
		} else if in.Values, err = p.valueList(); err != nil {
			return nil, err
		}
		if _, err := p.expectPunct(")"); err != nil {
			return nil, err
		}
		return in, nil
	case isKw(t, "INCLUDES"), isKw(t, "EXCLUDES"):
		p.i++
		inc := &Includes{Left: left, Excludes: isKw(t, "EXCLUDES"), Pos: start.pos}
		if _, err := p.expectPunct("("); err != nil {
			return nil, err
		}
		if inc.Values, err = p.valueList(); err != nil {
			return nil, err
		}
		if _, err := p.expectPunct(")"); err != nil {
			return nil, err
		}
		return inc, nil
	}
	return nil, p.unexpected(t)
}

// valueList parses value {',' value}. Whether the values suit the
// operator and the field (strings for INCLUDES) is a semantic check.
func (p *parser) valueList() ([]Expr, error) {
	var vs []Expr
	for {
		v, err := p.literal(false)
		if err != nil {
			return nil, err
		}
		vs = append(vs, v)
		if !p.acceptPunct(",") {
			return vs, nil
		}
	}
}

// bindVar reports an Apex bind variable (":name") at colon, or the colon as
// an unexpected token when no name follows it.
func (p *parser) bindVar(colon token) *ParseError {
	if n := p.peekAt(1); n.kind == tIdent && adjacent(colon, n) {
		return p.errAt(colon, "Bind variables only allowed in Apex code")
	}
	return p.unexpected(colon)
}

// adjacent reports whether token b starts right where a ends.
func adjacent(a, b token) bool { return a.end == b.pos.Offset }

// literal parses a value: string, number (with an optional sign), date,
// datetime, time, TRUE/FALSE/NULL, a date literal or a currency amount.
func (p *parser) literal(like bool) (Expr, error) {
	t := p.peek()
	switch t.kind {
	case tString:
		v, bad := decodeString(t.text, like)
		if bad != "" {
			return nil, p.errAt(t, "Invalid string literal "+t.text+". Illegal character sequence '"+bad+"' in string literal.")
		}
		p.i++
		return &StringLit{Value: v, Pos: t.pos}, nil
	case tNumber:
		p.i++
		return &NumberLit{Text: t.text, Pos: t.pos}, nil
	case tDate:
		p.i++
		return &DateLit{Text: t.text, Pos: t.pos}, nil
	case tDateTime:
		p.i++
		return &DateTimeLit{Text: t.text, Pos: t.pos}, nil
	case tTime:
		p.i++
		return &TimeLit{Text: t.text, Pos: t.pos}, nil
	case tPunct:
		if t.text == ":" {
			return nil, p.bindVar(t)
		}
		if (t.text == "-" || t.text == "+") && p.peekAt(1).kind == tNumber && adjacent(t, p.peekAt(1)) {
			n := p.peekAt(1)
			p.i += 2
			return &NumberLit{Text: t.text + n.text, Pos: t.pos}, nil
		}
	case tIdent:
		switch {
		case isKw(t, "TRUE"), isKw(t, "FALSE"):
			p.i++
			return &BoolLit{Value: isKw(t, "TRUE"), Pos: t.pos}, nil
		case isKw(t, "NULL"):
			p.i++
			return &NullLit{Pos: t.pos}, nil
		}
		if name, takesN, ok := LookupDateLiteral(t.text); ok {
			p.i++
			dl := &DateLiteral{Name: name, Pos: t.pos}
			colon := p.peek()
			if !takesN {
				return dl, nil
			}
			if !isPunct(colon, ":") || !adjacent(t, colon) {
				return nil, p.unexpected(colon)
			}
			p.i++
			n := p.peek()
			if !adjacent(colon, n) {
				return nil, p.unexpected(n)
			}
			v, err := p.smallInt(n)
			if err != nil {
				return nil, err
			}
			dl.N = v
			return dl, nil
		}
		if isCurrencyStart(t.text) {
			p.i++
			text := t.text
			if dot := p.peek(); isPunct(dot, ".") && adjacent(t, dot) {
				frac := p.peekAt(1)
				if frac.kind != tNumber || !adjacent(dot, frac) || !allDigits(frac.text) {
					return nil, p.unexpected(dot)
				}
				p.i += 2
				text += "." + frac.text
			}
			return &CurrencyLit{Text: text, Pos: t.pos}, nil
		}
	}
	return nil, p.unexpected(t)
}

// isCurrencyStart reports whether s is an ISO currency code followed by
// digits, like USD5000.
func isCurrencyStart(s string) bool {
	if len(s) < 4 || !isLetter(s[0]) || !isLetter(s[1]) || !isLetter(s[2]) {
		return false
	}
	return allDigits(s[3:])
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}
