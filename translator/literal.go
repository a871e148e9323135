package translator

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	pg "github.com/pganalyze/pg_query_go/v5"
	"github.com/shopspring/decimal"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/soql"
)

// valKind classifies a constant of the SQL text before it meets a field.
type valKind int

const (
	vNull valKind = iota
	vString
	vNumber
	vBool
	vDate      // DATE '…' / {d '…'}
	vTimestamp // TIMESTAMP '…' / {ts '…'}: a wall time in the session zone
	vInstant   // TIMESTAMPTZ '…', NOW(), a bound time.Time
	vTime      // TIME '…' / {t '…'}
	vParam     // an unbound parameter
	vSOQLDate  // a SOQL relative date literal (LAST_N_DAYS:7)
)

// value is a constant of the statement: a literal, a folded expression or
// a parameter.
type value struct {
	kind  valKind
	str   string
	num   decimal.Decimal
	b     bool
	date  soql.Date
	t     time.Time // vTimestamp: wall time in UTC fields; vInstant: instant
	tod   soql.TimeOfDay
	param int // the 1-based parameter index when the value is a parameter ($n)
	loc   int32
}

// constant evaluates n as a constant, or reports false.
func (b *builder) constant(n *pg.Node) (value, bool, error) {
	switch x := n.Node.(type) {
	case *pg.Node_AConst:
		c := x.AConst
		v := value{loc: c.Location}
		if c.Isnull {
			return v, true, nil
		}
		switch cv := c.Val.(type) {
		case *pg.A_Const_Ival:
			v.kind, v.num = vNumber, decimal.NewFromInt(int64(cv.Ival.Ival))
		case *pg.A_Const_Fval:
			d, err := decimal.NewFromString(cv.Fval.Fval)
			if err != nil {
				return v, false, unsupportedAt("number "+cv.Fval.Fval, b.p.pos(c.Location), "")
			}
			v.kind, v.num = vNumber, d
		case *pg.A_Const_Boolval:
			v.kind, v.b = vBool, cv.Boolval.Boolval
		case *pg.A_Const_Sval:
			v.kind, v.str = vString, cv.Sval.Sval
		default:
			return v, false, nil
		}
		return v, true, nil
	case *pg.Node_TypeCast:
		return b.typedConstant(x.TypeCast)
	case *pg.Node_ParamRef:
		return b.paramValue(int(x.ParamRef.Number), x.ParamRef.Location)
	case *pg.Node_AExpr:
		// -$1, +1: unary minus over a constant.
		e := x.AExpr
		if e.Kind == pg.A_Expr_Kind_AEXPR_OP && e.Lexpr == nil && opName(e.Name) == "-" {
			v, ok, err := b.constant(e.Rexpr)
			if ok && err == nil && v.kind == vNumber {
				v.num = v.num.Neg()
				return v, true, nil
			}
		}
	case *pg.Node_SqlvalueFunction:
		f := x.SqlvalueFunction
		switch f.Op {
		case pg.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP, pg.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP,
			pg.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP_N, pg.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP_N:
			now, err := b.now(f.Location)
			return value{kind: vInstant, t: now, loc: f.Location}, err == nil, err
		case pg.SQLValueFunctionOp_SVFOP_CURRENT_DATE:
			now, err := b.now(f.Location)
			return value{kind: vDate, date: soql.DateOf(now.In(b.s.tz())), loc: f.Location}, err == nil, err
		}
	case *pg.Node_FuncCall:
		return b.foldFunc(x.FuncCall)
	}
	return value{}, false, nil
}

func (b *builder) now(loc int32) (time.Time, error) {
	if b.s.Now.IsZero() {
		return time.Time{}, unsupportedAt("the current time without Settings.Now", b.p.pos(loc), "the engine passes the statement time")
	}
	return b.s.Now.UTC(), nil
}

// foldFunc folds the clock functions and ODBC TIMESTAMPADD over constants.
func (b *builder) foldFunc(f *pg.FuncCall) (value, bool, error) {
	name := funcName(f)
	switch name {
	case "now", "current_timestamp", "getdate":
		if len(f.Args) == 0 {
			now, err := b.now(f.Location)
			return value{kind: vInstant, t: now, loc: f.Location}, err == nil, err
		}
	case "curdate", "current_date":
		if len(f.Args) == 0 {
			now, err := b.now(f.Location)
			return value{kind: vDate, date: soql.DateOf(now.In(b.s.tz())), loc: f.Location}, err == nil, err
		}
	case "timestampadd":
		if len(f.Args) != 3 {
			return value{}, false, nil
		}
		unit := columnName(f.Args[0])
		n, ok, err := b.constant(f.Args[1])
		if !ok || err != nil || n.kind != vNumber || !n.num.IsInteger() {
			return value{}, false, err
		}
		base, ok, err := b.constant(f.Args[2])
		if !ok || err != nil {
			return value{}, false, err
		}
		var t time.Time
		switch base.kind {
		case vInstant:
			t = base.t
		case vTimestamp:
			t = base.t
		case vDate:
			t = time.Date(base.date.Year, base.date.Month, base.date.Day, 0, 0, 0, 0, time.UTC)
			base.kind = vTimestamp
		default:
			return value{}, false, nil
		}
		k := int(n.num.IntPart())
		switch strings.ToLower(unit) {
		case "sql_tsi_second":
			t = t.Add(time.Duration(k) * time.Second)
		case "sql_tsi_minute":
			t = t.Add(time.Duration(k) * time.Minute)
		case "sql_tsi_hour":
			t = t.Add(time.Duration(k) * time.Hour)
		case "sql_tsi_day":
			t = t.AddDate(0, 0, k)
		case "sql_tsi_week":
			t = t.AddDate(0, 0, 7*k)
		case "sql_tsi_month":
			t = t.AddDate(0, k, 0)
		case "sql_tsi_quarter":
			t = t.AddDate(0, 3*k, 0)
		case "sql_tsi_year":
			t = t.AddDate(k, 0, 0)
		default:
			return value{}, false, unsupportedAt("TIMESTAMPADD unit "+unit, b.p.pos(f.Location), "use SQL_TSI_SECOND … SQL_TSI_YEAR")
		}
		return value{kind: base.kind, t: t, loc: f.Location}, true, nil
	}
	return value{}, false, nil
}

// typedConstant evaluates TYPE 'text' and 'text'::type.
func (b *builder) typedConstant(tc *pg.TypeCast) (value, bool, error) {
	inner, ok, err := b.constant(tc.Arg)
	if !ok || err != nil {
		return inner, ok, err
	}
	typ := typeName(tc.TypeName)
	pos := b.p.pos(tc.Location)
	if inner.kind == vParam || inner.kind == vNull {
		return inner, true, nil
	}
	text := inner.str
	if inner.kind == vNumber {
		text = inner.num.String()
	}
	v := value{loc: tc.Location}
	switch typ {
	case "date":
		d, err := parseDateText(text)
		if err != nil {
			return v, false, unsupportedAt("date literal '"+text+"'", pos, "write YYYY-MM-DD")
		}
		v.kind, v.date = vDate, d
	case "timestamp":
		t, zoned, err := parseTimestampText(text)
		if err != nil {
			return v, false, unsupportedAt("timestamp literal '"+text+"'", pos, "write YYYY-MM-DD hh:mm:ss[.fff]")
		}
		v.kind, v.t = vTimestamp, t
		if zoned {
			v.kind = vInstant
		}
	case "timestamptz":
		t, zoned, err := parseTimestampText(text)
		if err != nil {
			return v, false, unsupportedAt("timestamp literal '"+text+"'", pos, "write YYYY-MM-DD hh:mm:ss[.fff][+hh:mm]")
		}
		v.kind, v.t = vInstant, t
		if !zoned {
			v.t = wallIn(t, b.s.tz())
		}
	case "time", "timetz":
		tod, err := parseTimeText(text)
		if err != nil {
			return v, false, unsupportedAt("time literal '"+text+"'", pos, "write hh:mm:ss[.fff]")
		}
		v.kind, v.tod = vTime, tod
	case "bool":
		bv, ok := parseBoolText(text)
		if !ok {
			return v, false, unsupportedAt("boolean literal '"+text+"'", pos, "")
		}
		v.kind, v.b = vBool, bv
	case "numeric", "int4", "int8", "int2", "float8", "float4", "decimal":
		d, err := decimal.NewFromString(text)
		if err != nil {
			return v, false, unsupportedAt("number '"+text+"'", pos, "")
		}
		v.kind, v.num = vNumber, d
	case "text", "varchar", "bpchar":
		v.kind, v.str = vString, text
	default:
		return v, false, nil
	}
	return v, true, nil
}

// paramValue is $n: its bound argument, or an unbound placeholder.
func (b *builder) paramValue(n int, loc int32) (value, bool, error) {
	if n < 1 || n > 65535 {
		return value{}, false, unsupportedAt(fmt.Sprintf("parameter $%d", n), b.p.pos(loc), "")
	}
	b.noteParam(n, nil)
	if b.s.Args == nil {
		return value{kind: vParam, param: n, loc: loc}, true, nil
	}
	if n > len(b.s.Args) {
		return value{}, false, unsupportedAt(fmt.Sprintf("parameter $%d without a value (%d given)", n, len(b.s.Args)), b.p.pos(loc), "")
	}
	v, err := argValue(b.s.Args[n-1])
	if err != nil {
		return value{}, false, &UnsupportedError{Construct: fmt.Sprintf("value of $%d: %v", n, err), Pos: b.p.pos(loc)}
	}
	v.loc, v.param = loc, n
	return v, true, nil
}

// argValue classifies a bound Go value.
func argValue(a any) (value, error) {
	switch x := a.(type) {
	case nil:
		return value{}, nil
	case string:
		return value{kind: vString, str: x}, nil
	case []byte:
		return value{kind: vString, str: string(x)}, nil
	case bool:
		return value{kind: vBool, b: x}, nil
	case int:
		return value{kind: vNumber, num: decimal.NewFromInt(int64(x))}, nil
	case int32:
		return value{kind: vNumber, num: decimal.NewFromInt(int64(x))}, nil
	case int64:
		return value{kind: vNumber, num: decimal.NewFromInt(x)}, nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return value{}, fmt.Errorf("not a finite number")
		}
		return value{kind: vNumber, num: decimal.NewFromFloat(x)}, nil
	case decimal.Decimal:
		return value{kind: vNumber, num: x}, nil
	case time.Time:
		return value{kind: vInstant, t: x.UTC()}, nil
	case soql.Date:
		return value{kind: vDate, date: x}, nil
	case catalog.Date:
		return value{kind: vDate, date: soql.Date{Year: x.Year, Month: x.Month, Day: x.Day}}, nil
	case soql.TimeOfDay:
		return value{kind: vTime, tod: x}, nil
	}
	return value{}, fmt.Errorf("unsupported type %T", a)
}

// wallIn reads the wall clock of t (held in UTC fields) in loc.
func wallIn(t time.Time, loc *time.Location) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc).UTC()
}

func parseDateText(s string) (soql.Date, error) {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return soql.Date{}, err
	}
	return soql.DateOf(t), nil
}

// parseTimestampText parses "YYYY-MM-DD[ T]hh:mm[:ss[.f…]][Z|±hh[:mm]]"
// or a bare date; zoned says whether an offset was written.
func parseTimestampText(s string) (time.Time, bool, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02 15:04:05.999999999Z07:00", "2006-01-02T15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999Z07", "2006-01-02 15:04:05.999999999-0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true, nil
		}
	}
	for _, layout := range []string{"2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999", "2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, false, nil
		}
	}
	return time.Time{}, false, fmt.Errorf("bad timestamp")
}

func parseTimeText(s string) (soql.TimeOfDay, error) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "Z")
	for _, layout := range []string{"15:04:05.999999999", "15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return soql.TimeOfDayOf(t), nil
		}
	}
	return soql.TimeOfDay{}, fmt.Errorf("bad time")
}

// parseBoolText accepts PostgreSQL's boolean spellings.
func parseBoolText(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "t", "true", "y", "yes", "on", "1":
		return true, true
	case "f", "false", "n", "no", "off", "0":
		return false, true
	}
	return false, false
}

// Field type families.
func isStringType(t catalog.FieldType) bool {
	switch t {
	case catalog.TypeString, catalog.TypeTextArea, catalog.TypeEmail, catalog.TypePhone, catalog.TypeURL,
		catalog.TypePicklist, catalog.TypeMultiPicklist, catalog.TypeCombobox, catalog.TypeEncryptedString,
		catalog.TypeID, catalog.TypeReference, catalog.TypeDataCategoryGroupReference:
		return true
	}
	return false
}

func isNumberType(t catalog.FieldType) bool {
	switch t {
	case catalog.TypeInt, catalog.TypeLong, catalog.TypeDouble, catalog.TypeCurrency, catalog.TypePercent:
		return true
	}
	return false
}

// caseFolds reports whether Salesforce compares the field's values
// case-insensitively where PostgreSQL would not. Ids and references are
// compared exactly; picklist values are a fixed set and cannot differ by
// case only, but a user can still write them in another case, so they fold.
func caseFolds(f *catalog.Field) bool {
	if f.CaseSensitive {
		return false
	}
	switch f.Type {
	case catalog.TypeID, catalog.TypeReference:
		return false
	}
	return isStringType(f.Type)
}

// folds reports whether comparing f with v can differ between Salesforce
// (case-insensitive) and PostgreSQL. A literal spelled exactly as one of a
// picklist's values cannot: Salesforce keeps picklist values unique
// regardless of case.
func folds(f *catalog.Field, v value) bool {
	if !caseFolds(f) {
		return false
	}
	switch v.kind {
	case vParam:
		return true
	case vString:
		if !hasCase(v.str) {
			return false
		}
		if f.Type == catalog.TypePicklist {
			for _, pv := range f.PicklistValues {
				if pv.Value == v.str {
					return false
				}
			}
		}
		return true
	}
	return false
}

// groupFolds reports whether grouping by f can merge values PostgreSQL
// keeps apart: free text can differ by case only, picklist values cannot.
func groupFolds(f *catalog.Field) bool {
	return caseFolds(f) && f.Type != catalog.TypePicklist
}

// emptyText reports whether v is the empty string met by a text field.
// Salesforce stores no empty strings (it saves one as null) and reads a
// filter on the empty string as one on null, so PostgreSQL's answer must be computed, not pushed.
func emptyText(f *catalog.Field, v value) bool {
	return v.kind == vString && v.str == "" && isStringType(f.Type)
}

// orderDiffers says why Salesforce orders f's values differently from
// PostgreSQL's byte-wise (C) order, or "" when it does not: picklists sort
// in their defined order, other text case-insensitively (even a
// case-sensitive field's order is not byte-wise). ORDER BY and MIN / MAX
// of such a field run locally in SQL mode.
func orderDiffers(f *catalog.Field) string {
	switch {
	case f.Type == catalog.TypePicklist || f.Type == catalog.TypeMultiPicklist:
		return "picklist " + f.Name + " sorts in its defined order in Salesforce, not by value"
	case f.Type == catalog.TypeID || f.Type == catalog.TypeReference || !isStringType(f.Type):
		return ""
	}
	return "text field " + f.Name + " sorts case-insensitively in Salesforce, byte-wise in PostgreSQL"
}

// hasCase reports whether s contains a letter with case: only then can a
// case-insensitive comparison differ from a case-sensitive one.
func hasCase(s string) bool {
	return strings.ToLower(s) != strings.ToUpper(s)
}

// fieldLiteral converts v to a SOQL literal of f's type. For string fields
// the literal node carries the decoded value: the printer quotes it with
// the same escaping AppendLiteral uses.
func (b *builder) fieldLiteral(f *catalog.Field, v value) (soql.Expr, error) {
	pos := b.p.pos(v.loc)
	if v.param > 0 && v.kind != vParam {
		b.noteParam(v.param, f)
	}
	bad := func(what string) error {
		return &UnsupportedError{Construct: fmt.Sprintf("%s compared with %s field %s", what, f.Type, f.Name), Pos: pos,
			Hint: "write a literal of the field's type"}
	}
	// literal renders x with soql.LiteralOf (AppendLiteral's text).
	literal := func(x any, what string) (soql.Expr, error) {
		e, err := soql.LiteralOf(x)
		if err != nil {
			return nil, bad(what)
		}
		return e, nil
	}
	switch v.kind {
	case vNull:
		return &soql.NullLit{}, nil
	case vParam:
		b.noteParam(v.param, f)
		return &soql.NullLit{}, nil
	case vSOQLDate:
		return nil, bad("date literal")
	}
	switch {
	case isStringType(f.Type):
		var s string
		switch v.kind {
		case vString:
			s = v.str
		case vNumber:
			s = v.num.String()
		case vBool:
			s = strconv.FormatBool(v.b)
		default:
			return nil, bad(kindName(v.kind))
		}
		// The printer quotes the value exactly as AppendLiteral does; like
		// AppendLiteral, refuse text that is not UTF-8.
		if !utf8.ValidString(s) {
			return nil, &UnsupportedError{Construct: "string literal: invalid UTF-8", Pos: pos}
		}
		return &soql.StringLit{Value: s}, nil
	case f.Type == catalog.TypeBoolean:
		var bv bool
		switch v.kind {
		case vBool:
			bv = v.b
		case vNumber:
			if !v.num.Equal(decimal.Zero) && !v.num.Equal(decimal.NewFromInt(1)) {
				return nil, bad("number " + v.num.String())
			}
			bv = v.num.Equal(decimal.NewFromInt(1))
		case vString:
			var ok bool
			if bv, ok = parseBoolText(v.str); !ok {
				return nil, bad("string '" + v.str + "'")
			}
		default:
			return nil, bad(kindName(v.kind))
		}
		return &soql.BoolLit{Value: bv}, nil
	case isNumberType(f.Type):
		var d decimal.Decimal
		switch v.kind {
		case vNumber:
			d = v.num
		case vString:
			var err error
			if d, err = decimal.NewFromString(strings.TrimSpace(v.str)); err != nil {
				return nil, bad("string '" + v.str + "'")
			}
		default:
			return nil, bad(kindName(v.kind))
		}
		return literal(d, "number")
	case f.Type == catalog.TypeDate:
		d, ok := b.asDate(v)
		if !ok {
			return nil, bad(kindName(v.kind))
		}
		return literal(d, "date")
	case f.Type == catalog.TypeDateTime:
		t, ok := b.asInstant(v)
		if !ok {
			return nil, bad(kindName(v.kind))
		}
		return literal(t.Truncate(time.Millisecond), "datetime")
	case f.Type == catalog.TypeTime:
		var tod soql.TimeOfDay
		switch v.kind {
		case vTime:
			tod = v.tod
		case vString:
			var err error
			if tod, err = parseTimeText(v.str); err != nil {
				return nil, bad("string '" + v.str + "'")
			}
		default:
			return nil, bad(kindName(v.kind))
		}
		tod.Nanosecond -= tod.Nanosecond % int(time.Millisecond)
		return literal(tod, "time")
	}
	return nil, &UnsupportedError{Construct: fmt.Sprintf("filter on %s field %s", f.Type, f.Name), Pos: pos}
}

// asDate reads v as a civil date.
func (b *builder) asDate(v value) (soql.Date, bool) {
	switch v.kind {
	case vDate:
		return v.date, true
	case vString:
		if d, err := parseDateText(v.str); err == nil {
			return d, true
		}
	case vTimestamp:
		return soql.DateOf(v.t), true
	case vInstant:
		return soql.DateOf(v.t.In(b.s.tz())), true
	}
	return soql.Date{}, false
}

// asInstant reads v as an instant: wall times and dates are in the session
// time zone.
func (b *builder) asInstant(v value) (time.Time, bool) {
	switch v.kind {
	case vInstant:
		return v.t, true
	case vTimestamp:
		return wallIn(v.t, b.s.tz()), true
	case vDate:
		return time.Date(v.date.Year, v.date.Month, v.date.Day, 0, 0, 0, 0, b.s.tz()).UTC(), true
	case vString:
		t, zoned, err := parseTimestampText(v.str)
		if err != nil {
			return time.Time{}, false
		}
		if !zoned {
			t = wallIn(t, b.s.tz())
		}
		return t, true
	}
	return time.Time{}, false
}

func kindName(k valKind) string {
	return [...]string{"NULL", "string", "number", "boolean", "date", "timestamp", "timestamp", "time", "parameter", "date literal"}[k]
}

// goValue converts v to the Go value a write job carries for field f.
func (b *builder) goValue(f *catalog.Field, v value) (any, error) {
	if v.kind == vNull {
		return nil, nil
	}
	if v.kind == vParam {
		b.noteParam(v.param, f)
		return Param{Index: v.param, Field: f}, nil
	}
	e, err := b.fieldLiteral(f, v)
	if err != nil {
		return nil, err
	}
	switch x := e.(type) {
	case *soql.StringLit:
		return x.Value, nil
	case *soql.BoolLit:
		return x.Value, nil
	case *soql.NumberLit:
		return decimal.RequireFromString(x.Text), nil
	case *soql.DateLit:
		d, _ := catalog.ParseDate(x.Text)
		return d, nil
	case *soql.DateTimeLit:
		t, _ := b.asInstant(v)
		return t.UTC(), nil
	case *soql.TimeLit:
		return catalog.ParseTimeOfDay(strings.TrimSuffix(x.Text, "Z"))
	}
	return nil, fmt.Errorf("translator: no Go value for %T", e)
}
