package soql

// Pos is the place of a node's first token in the statement text. Row and Col
// are 1-based (Col counts characters, not bytes, as Salesforce's messages do);
// Offset is the 0-based byte offset. The zero Pos means "built, not parsed".
type Pos struct {
	Row, Col, Offset int
}

// Position returns p; embedding Pos makes every node a Node.
func (p Pos) Position() Pos { return p }

// Node is any node of the tree.
type Node interface {
	Position() Pos
}

// Expr is a node usable as an operand or a condition: field references,
// function calls, literals and the boolean/comparison forms of WHERE and
// HAVING.
type Expr interface {
	Node
	exprNode()
}

// SelectExpr is what a select item holds: *FieldRef, *FuncCall, *Fields,
// *SubQuery or *TypeOf.
type SelectExpr interface {
	Node
	selectExpr()
}

// Query is one SOQL statement, or a child / semi-join subquery.
type Query struct {
	Select []SelectItem
	From   From
	// Using is the USING SCOPE value as written (Everything, Mine, Team, …);
	// empty when absent.
	Using   string
	Where   Expr // nil when absent
	With    *WithClause
	GroupBy *GroupBy
	Having  Expr // nil when absent
	OrderBy []OrderItem
	Limit   *int
	Offset  *int
	// For is "VIEW", "REFERENCE" or "UPDATE" (FOR VIEW, FOR REFERENCE, FOR
	// UPDATE), or "" when absent. Only one FOR clause is accepted.
	For string
	// Update lists the keywords of UPDATE TRACKING / UPDATE VIEWSTAT in
	// order ("TRACKING", "VIEWSTAT"); nil when absent.
	Update []string
	// Clauses holds where each clause keyword is, for errors about a
	// clause as a whole; it is not part of the statement's meaning.
	Clauses ClausePos
	Pos     // the SELECT keyword
}

// ClausePos holds the positions of a query's clause keywords (FROM, USING,
// WHERE, WITH, GROUP, HAVING, ORDER, LIMIT, OFFSET, FOR, UPDATE); the zero
// Pos for an absent clause.
type ClausePos struct {
	From, Using, Where, With, GroupBy, Having, OrderBy, Limit, Offset, For, Update Pos
}

// From is the FROM clause: the object (or, in a child subquery, the child
// relationship name) and its optional alias, plus the legacy alias list
// "FROM Contact c, c.Account a". Object keeps dots as written in the old
// child-subquery form "(SELECT LastName FROM Account.Contacts)".
type From struct {
	Object string
	Alias  string
	More   []FromPath
	Pos
}

// FromPath is one entry of the legacy "FROM Contact c, c.Account a" list.
type FromPath struct {
	Path  []string
	Alias string
	Pos
}

// SelectItem is one entry of the select list. Alias is the identifier that
// followed the expression ("COUNT(Id) cnt"); the parser accepts it on any
// field or function item and leaves "only aggregate expressions use field
// aliasing" to semantic checks. AliasPos is the alias's position.
type SelectItem struct {
	Expr     SelectExpr
	Alias    string
	AliasPos Pos
}

// Position returns the position of the item's expression.
func (s SelectItem) Position() Pos { return s.Expr.Position() }

// FieldRef is a field or a relationship path as written: ["Account",
// "Owner", "Name"] for Account.Owner.Name. Names keep the user's casing.
type FieldRef struct {
	Path []string
	Pos
}

// FuncCall is a function call: aggregates (COUNT, COUNT_DISTINCT, SUM, AVG,
// MIN, MAX), date functions (CALENDAR_YEAR, DAY_ONLY, …), convertTimezone,
// toLabel, FORMAT, convertCurrency, GROUPING, DISTANCE and GEOLOCATION.
// Name is the canonical spelling of the function (see FuncNames), whatever
// the casing in the text. COUNT() has no Args.
type FuncCall struct {
	Name string
	Args []Expr
	Pos
}

// FieldsKind is the argument of FIELDS(…).
type FieldsKind string

// The FIELDS(…) kinds.
const (
	FieldsAll      FieldsKind = "ALL"
	FieldsStandard FieldsKind = "STANDARD"
	FieldsCustom   FieldsKind = "CUSTOM"
)

// Fields is FIELDS(ALL|STANDARD|CUSTOM) in a select list.
type Fields struct {
	Kind FieldsKind
	Pos
}

// SubQuery is a parenthesised parent-to-child subquery in a select list;
// Query.From.Object is the child relationship name.
type SubQuery struct {
	Query *Query
	Pos   // the opening parenthesis
}

// TypeOf is TYPEOF Field WHEN Type THEN fields … [ELSE fields] END.
type TypeOf struct {
	Field string
	Whens []TypeOfWhen
	Else  []*FieldRef // nil when there is no ELSE
	Pos
}

// TypeOfWhen is one WHEN Type THEN fields branch of a TYPEOF.
type TypeOfWhen struct {
	Type   string
	Fields []*FieldRef
	Pos
}

// WithKind tells which WITH clause a query has.
type WithKind string

// The WITH clause kinds.
const (
	WithSecurityEnforced        WithKind = "SECURITY_ENFORCED"
	WithUserMode                WithKind = "USER_MODE"
	WithSystemMode              WithKind = "SYSTEM_MODE"
	WithDataCategory            WithKind = "DATA CATEGORY"
	WithRecordVisibilityContext WithKind = "RecordVisibilityContext"
)

// WithClause is the WITH clause. DataCategory is set for WITH DATA CATEGORY
// (filters joined by AND); Params for WITH RecordVisibilityContext(name=value,
// …).
type WithClause struct {
	Kind         WithKind
	DataCategory []DataCategoryFilter
	Params       []WithParam
	Pos
}

// DataCategoryFilter is "Group__c AT|ABOVE|BELOW|ABOVE_OR_BELOW (a__c, b__c)".
// Op is upper case. A single category is written without parentheses.
type DataCategoryFilter struct {
	Group      string
	Op         string
	Categories []string
	Pos
}

// WithParam is one name=value pair of WITH RecordVisibilityContext(…).
type WithParam struct {
	Name  string
	Value Expr // a literal
	Pos
}

// GroupKind tells plain GROUP BY from ROLLUP and CUBE.
type GroupKind int

// The GROUP BY kinds.
const (
	GroupPlain GroupKind = iota
	GroupRollup
	GroupCube
)

// GroupBy is GROUP BY f, … or GROUP BY ROLLUP(f, …) / CUBE(f, …). Fields
// holds *FieldRef or *FuncCall (date functions).
type GroupBy struct {
	Kind   GroupKind
	Fields []Expr
	Pos
}

// Nulls is the NULLS FIRST / NULLS LAST choice of an ORDER BY item.
type Nulls int

// The NULLS choices; NullsDefault prints nothing (Salesforce sorts nulls
// first by default).
const (
	NullsDefault Nulls = iota
	NullsFirst
	NullsLast
)

// OrderItem is one ORDER BY key. Desc is false for ASC, written or not.
type OrderItem struct {
	Expr  Expr
	Desc  bool
	Nulls Nulls
	Pos
}

// And is Left AND Right. Chains parse left-associated: a AND b AND c is
// And{And{a, b}, c}.
type And struct {
	Left, Right Expr
	Pos
}

// Or is Left OR Right, left-associated like And.
type Or struct {
	Left, Right Expr
	Pos
}

// Not is NOT X. The printer always writes NOT (X).
type Not struct {
	X Expr
	Pos
}

// Comparison is Left Op Right with Op one of "=", "!=", "<>", "<", "<=", ">",
// ">=", "LIKE". Left is a *FieldRef or *FuncCall; Right a literal (any kind:
// "LIKE 1" parses, and fails the caller's type check as in Salesforce).
type Comparison struct {
	Left  Expr
	Op    string
	Right Expr
	Pos
}

// In is Left [NOT] IN (values…) or, when Sub is set, a semi-join
// (anti-join with Not) Left [NOT] IN (SELECT …).
type In struct {
	Left   Expr
	Not    bool
	Values []Expr
	Sub    *Query
	Pos
}

// Includes is Left INCLUDES ('a;b', 'c') or, with Excludes, EXCLUDES (…),
// the multi-select picklist operators. Values are literals; that they are
// strings is a semantic check.
type Includes struct {
	Left     Expr
	Excludes bool
	Values   []Expr
	Pos
}

// StringLit is a single-quoted string; Value is the decoded text. On the
// right of LIKE the value is a pattern and keeps the LIKE escapes of the
// text: `\%` and `\_` stand for a literal % and _, `\\` for a backslash, and
// a bare % or _ is a wildcard (EscapeLike builds such values). Everywhere
// else `\%` and `\_` are errors and `\\` decodes to one backslash.
type StringLit struct {
	Value string
	Pos
}

// NumberLit is an unquoted number, kept exactly as written ("-1.5", "1e3").
type NumberLit struct {
	Text string
	Pos
}

// BoolLit is TRUE or FALSE (any casing); printed as true / false.
type BoolLit struct {
	Value bool
	Pos
}

// NullLit is NULL (any casing); printed as null.
type NullLit struct {
	Pos
}

// DateLit is an unquoted date, YYYY-MM-DD, as written.
type DateLit struct {
	Text string
	Pos
}

// DateTimeLit is an unquoted datetime as written:
// YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm).
type DateTimeLit struct {
	Text string
	Pos
}

// TimeLit is an unquoted time of day as written: hh:mm:ss[.fff]Z.
type TimeLit struct {
	Text string
	Pos
}

// DateLiteral is a relative date literal: TODAY, LAST_WEEK, … or a NAME:n
// form (LAST_N_DAYS:7) with N set. Name is upper case.
type DateLiteral struct {
	Name string
	N    *int
	Pos
}

// CurrencyLit is a currency-prefixed amount such as USD5000 or EUR10.50,
// kept as written.
type CurrencyLit struct {
	Text string
	Pos
}

func (*FieldRef) exprNode()    {}
func (*FuncCall) exprNode()    {}
func (*And) exprNode()         {}
func (*Or) exprNode()          {}
func (*Not) exprNode()         {}
func (*Comparison) exprNode()  {}
func (*In) exprNode()          {}
func (*Includes) exprNode()    {}
func (*StringLit) exprNode()   {}
func (*NumberLit) exprNode()   {}
func (*BoolLit) exprNode()     {}
func (*NullLit) exprNode()     {}
func (*DateLit) exprNode()     {}
func (*DateTimeLit) exprNode() {}
func (*TimeLit) exprNode()     {}
func (*DateLiteral) exprNode() {}
func (*CurrencyLit) exprNode() {}

func (*FieldRef) selectExpr() {}
func (*FuncCall) selectExpr() {}
func (*Fields) selectExpr()   {}
func (*SubQuery) selectExpr() {}
func (*TypeOf) selectExpr()   {}
