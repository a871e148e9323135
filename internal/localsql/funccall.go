package localsql

import (
	"fmt"
	"strconv"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// Frame option bits of a WindowDef (PostgreSQL's FRAMEOPTION_*).
const (
	frameNonDefault     = 0x00001
	frameRange          = 0x00002
	frameRows           = 0x00004
	frameGroups         = 0x00008
	frameStartUnbPrec   = 0x00020
	frameEndUnbFoll     = 0x00100
	frameStartCurrent   = 0x00200
	frameEndCurrent     = 0x00400
	frameStartOffPrec   = 0x00800
	frameEndOffPrec     = 0x01000
	frameStartOffFoll   = 0x02000
	frameEndOffFoll     = 0x04000
	frameExcludeCurrent = 0x08000
	frameExcludeGroup   = 0x10000
	frameExcludeTies    = 0x20000
	frameStartUnbFoll   = 0x00080
	frameEndUnbPrec     = 0x00040
	frameBetween        = 0x00010
)

var aggregates = map[string]bool{
	"count": true, "sum": true, "avg": true, "min": true, "max": true, "string_agg": true,
	"bool_and": true, "bool_or": true, "every": true,
}

var windowOnly = map[string]bool{
	"row_number": true, "rank": true, "dense_rank": true, "percent_rank": true, "cume_dist": true,
	"ntile": true, "lag": true, "lead": true, "first_value": true, "last_value": true, "nth_value": true,
}

func (tr *translator) funcCall(fc *pg_query.FuncCall, sc *scope) (expr, error) {
	var parts []string
	for _, n := range fc.Funcname {
		parts = append(parts, nodeString(n))
	}
	name := parts[len(parts)-1]
	if len(parts) > 1 && parts[0] != "pg_catalog" && parts[0] != "information_schema" {
		return expr{}, errf(codeUndefinedFunction, "function %s does not exist", strings.Join(parts, "."))
	}
	if g := tr.grouping; g != nil && (aggregates[name] || fc.AggWithinGroup) {
		g.inAgg++
		defer func() { g.inAgg-- }()
	}
	args, err := tr.exprs(fc.Args, sc)
	if err != nil {
		return expr{}, err
	}
	if fc.AggWithinGroup {
		switch name {
		case "percentile_cont", "percentile_disc", "mode":
			return tr.orderedSetAggregate(name, fc, args, sc)
		}
		return expr{}, errf(codeUndefinedFunction, "ordered-set aggregate %s does not exist", name)
	}
	switch name {
	case "unnest", "generate_subscripts", "_pg_expandarray", "generate_series", "pg_partition_ancestors":
		e, err := tr.srfCall(name, args)
		e.name = name
		return e, err
	case "array_agg", "json_build_object", "jsonb_build_object", "json_agg":
		return tr.jsonFunc(name, fc, args, sc)
	}
	if aggregates[name] || windowOnly[name] {
		return tr.aggregate(name, fc, args, sc)
	}
	if fc.Over != nil {
		return expr{}, errf(codeFeature, "OVER is not supported for function %s", name)
	}
	e, err := tr.scalarFunc(name, args)
	if err != nil {
		return expr{}, err
	}
	e.name, e.weak = name, false
	return e, nil
}

func (tr *translator) aggregate(name string, fc *pg_query.FuncCall, args []expr, sc *scope) (expr, error) {
	var sqlText string
	var t Type
	distinct := ""
	if fc.AggDistinct {
		distinct = "DISTINCT "
	}
	var err error
	arg := func(i int) expr {
		if i < len(args) {
			return args[i]
		}
		return expr{}
	}
	if len(args) > 0 && args[0].untyped() {
		if args[0], err = tr.coerce(args[0], TText); err != nil {
			return expr{}, err
		}
	}
	switch name {
	case "count":
		t = TInt8
		if fc.AggStar {
			sqlText = "count(*)"
		} else {
			sqlText = "count(" + distinct + collated(arg(0)) + ")"
		}
	case "sum":
		a := arg(0)
		switch {
		case a.t.OID == OIDInt2 || a.t.OID == OIDInt4:
			t, sqlText = TInt8, "sum("+distinct+a.sql+")"
		case a.t.OID == OIDInt8 || a.t.OID == OIDNumeric:
			t, sqlText = TNumeric, "pg_sum_num("+distinct+castText(a)+")"
		case a.t.storage() == stFloat:
			t, sqlText = a.t, "sum("+distinct+a.sql+")"
		case a.t.OID == OIDInterval:
			t, sqlText = TInterval, "pg_sum_interval("+distinct+a.sql+")"
		default:
			return expr{}, errf(codeUndefinedFunction, "function sum(%s) does not exist", a.t)
		}
	case "avg":
		a := arg(0)
		switch {
		case a.t.isInt() || a.t.OID == OIDNumeric:
			t, sqlText = TNumeric, "pg_avg_num("+distinct+castText(a)+")"
		case a.t.storage() == stFloat:
			t, sqlText = TFloat8, "avg("+distinct+a.sql+")"
		case a.t.OID == OIDInterval:
			t, sqlText = TInterval, "pg_avg_interval("+distinct+a.sql+")"
		default:
			return expr{}, errf(codeUndefinedFunction, "function avg(%s) does not exist", a.t)
		}
	case "min", "max":
		a := arg(0)
		t, sqlText = a.t, name+"("+distinct+collated(a)+")"
		if t.isString() {
			t = TText // min/max(text): varchar arguments are coerced
		}
	case "bool_and", "every", "bool_or":
		a, err := tr.coerce(arg(0), TBool)
		if err != nil {
			return expr{}, err
		}
		fn := "min"
		if name == "bool_or" {
			fn = "max"
		}
		t, sqlText = TBool, fn+"("+a.sql+")"
	case "string_agg":
		if len(args) != 2 {
			return expr{}, errf(codeUndefinedFunction, "function string_agg needs 2 arguments")
		}
		a, err := tr.coerce(args[0], TText)
		if err != nil {
			return expr{}, err
		}
		sep, err := tr.coerce(args[1], TText)
		if err != nil {
			return expr{}, err
		}
		order, err := tr.aggOrder(fc, sc)
		if err != nil {
			return expr{}, err
		}
		t, sqlText = TText, "group_concat("+distinct+a.sql+", "+sep.sql+order+")"
		if distinct != "" {
			// SQLite allows DISTINCT on one-argument aggregates only
			sqlText = "pg_json_join(json_group_array(DISTINCT " + a.sql + order + "), " + sep.sql + ")"
		}
	case "row_number", "rank", "dense_rank":
		t, sqlText = TInt8, name+"()"
	case "percent_rank", "cume_dist":
		t, sqlText = TFloat8, name+"()"
	case "ntile":
		a, err := tr.coerce(arg(0), TInt4)
		if err != nil {
			return expr{}, err
		}
		t, sqlText = TInt4, "ntile("+a.sql+")"
	case "lag", "lead":
		a := arg(0)
		s := []string{a.sql}
		if len(args) > 1 {
			off, err := tr.coerce(args[1], TInt4)
			if err != nil {
				return expr{}, err
			}
			s = append(s, off.sql)
		}
		if len(args) > 2 {
			def, err := tr.coerce(args[2], a.t)
			if err != nil {
				return expr{}, err
			}
			s = append(s, def.sql)
		}
		t, sqlText = a.t, name+"("+strings.Join(s, ", ")+")"
	case "first_value", "last_value":
		t, sqlText = arg(0).t, name+"("+arg(0).sql+")"
	case "nth_value":
		n, err := tr.coerce(arg(1), TInt4)
		if err != nil {
			return expr{}, err
		}
		t, sqlText = arg(0).t, "nth_value("+arg(0).sql+", "+n.sql+")"
	}
	// an ORDER BY inside other aggregates (count, sum, min, ...) cannot
	// change their result, so it is dropped
	filter, err := tr.aggFilter(fc, sc)
	if err != nil {
		return expr{}, err
	}
	sqlText += filter
	if fc.Over != nil {
		if fc.Over.Name != "" && len(fc.Over.PartitionClause) == 0 && len(fc.Over.OrderClause) == 0 && fc.Over.FrameOptions&frameNonDefault == 0 {
			sqlText += " OVER " + quoteIdent(fc.Over.Name)
		} else {
			spec, err := tr.windowSpec(fc.Over, sc)
			if err != nil {
				return expr{}, err
			}
			sqlText += " OVER (" + spec + ")"
		}
	} else if windowOnly[name] {
		return expr{}, errf("42809", "window function %s requires an OVER clause", name)
	}
	return expr{sql: sqlText, t: t, name: name}, nil
}

// aggOrder renders an aggregate's own ORDER BY (" ORDER BY ...", or "").
func (tr *translator) aggOrder(fc *pg_query.FuncCall, sc *scope) (string, error) {
	if len(fc.AggOrder) == 0 {
		return "", nil
	}
	os, err := tr.sortItems(fc.AggOrder, sc, nil)
	if err != nil {
		return "", err
	}
	return " ORDER BY " + strings.Join(os, ", "), nil
}

// aggFilter renders an aggregate's FILTER clause (" FILTER (WHERE ...)", or "").
func (tr *translator) aggFilter(fc *pg_query.FuncCall, sc *scope) (string, error) {
	if fc.AggFilter == nil {
		return "", nil
	}
	f, err := tr.boolExpr(fc.AggFilter, sc)
	if err != nil {
		return "", err
	}
	return " FILTER (WHERE " + f.sql + ")", nil
}

func castText(e expr) string {
	if e.t.storage() == stNumeric {
		return e.sql
	}
	return "CAST(" + e.sql + " AS TEXT)"
}

func (tr *translator) windowSpec(wd *pg_query.WindowDef, sc *scope) (string, error) {
	var parts []string
	if wd.Refname != "" {
		parts = append(parts, quoteIdent(wd.Refname))
	}
	if len(wd.PartitionClause) > 0 {
		var ps []string
		for _, p := range wd.PartitionClause {
			e, err := tr.expr(p, sc)
			if err != nil {
				return "", err
			}
			ps = append(ps, collated(e))
		}
		parts = append(parts, "PARTITION BY "+strings.Join(ps, ", "))
	}
	if len(wd.OrderClause) > 0 {
		os, err := tr.sortItems(wd.OrderClause, sc, nil)
		if err != nil {
			return "", err
		}
		parts = append(parts, "ORDER BY "+strings.Join(os, ", "))
	}
	if f := wd.FrameOptions; f&frameNonDefault != 0 {
		mode := "RANGE"
		switch {
		case f&frameRows != 0:
			mode = "ROWS"
		case f&frameGroups != 0:
			mode = "GROUPS"
		}
		bound := func(unbPrec, unbFoll, cur, offPrec, offFoll int32, off *pg_query.Node) (string, error) {
			switch {
			case f&unbPrec != 0:
				return "UNBOUNDED PRECEDING", nil
			case f&unbFoll != 0:
				return "UNBOUNDED FOLLOWING", nil
			case f&cur != 0:
				return "CURRENT ROW", nil
			}
			e, err := tr.expr(off, sc)
			if err != nil {
				return "", err
			}
			if f&offPrec != 0 {
				return e.sql + " PRECEDING", nil
			}
			return e.sql + " FOLLOWING", nil
		}
		start, err := bound(frameStartUnbPrec, frameStartUnbFoll, frameStartCurrent, frameStartOffPrec, frameStartOffFoll, wd.StartOffset)
		if err != nil {
			return "", err
		}
		end := "CURRENT ROW"
		if f&frameBetween != 0 {
			if end, err = bound(frameEndUnbPrec, frameEndUnbFoll, frameEndCurrent, frameEndOffPrec, frameEndOffFoll, wd.EndOffset); err != nil {
				return "", err
			}
		}
		frame := mode + " BETWEEN " + start + " AND " + end
		switch {
		case f&frameExcludeCurrent != 0:
			frame += " EXCLUDE CURRENT ROW"
		case f&frameExcludeGroup != 0:
			frame += " EXCLUDE GROUP"
		case f&frameExcludeTies != 0:
			frame += " EXCLUDE TIES"
		}
		parts = append(parts, frame)
	}
	return strings.Join(parts, " "), nil
}

// scalarFunc translates a call of a scalar function.
func (tr *translator) scalarFunc(name string, args []expr) (expr, error) {
	n := len(args)
	call := func(fn string, t Type, as ...expr) expr {
		return expr{sql: fn + "(" + joinSQL(as) + ")", t: t}
	}
	texts := func() ([]expr, error) {
		out := make([]expr, n)
		for i, a := range args {
			c, err := tr.coerce(a, TText)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	}
	// typed argument lists: "t" text, "i" int4, "n" numeric
	sig := func(kinds string) ([]expr, error) {
		if len(kinds) != n {
			return nil, errf(codeUndefinedFunction, "function %s with %d arguments does not exist", name, n)
		}
		out := make([]expr, n)
		for i, k := range kinds {
			t := map[rune]Type{'t': TText, 'i': TInt4, 'n': TNumeric, 'f': TFloat8, 'd': TDate, 'b': TBool}[k]
			c, err := tr.coerce(args[i], t)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	}
	simple := map[string]struct {
		fn   string
		sigs []string
		t    Type
	}{
		"upper": {"pg_upper", []string{"t"}, TText}, "lower": {"pg_lower", []string{"t"}, TText},
		"length": {"length", []string{"t"}, TInt4}, "char_length": {"length", []string{"t"}, TInt4},
		"character_length": {"length", []string{"t"}, TInt4}, "octet_length": {"pg_octet_length", []string{"t"}, TInt4},
		"substr": {"pg_substr", []string{"ti", "tii"}, TText}, "substring": {"pg_substr", []string{"ti", "tii"}, TText},
		"strpos": {"instr", []string{"tt"}, TInt4}, "replace": {"replace", []string{"ttt"}, TText},
		"btrim": {"trim", []string{"t", "tt"}, TText}, "ltrim": {"ltrim", []string{"t", "tt"}, TText},
		"rtrim": {"rtrim", []string{"t", "tt"}, TText}, "left": {"pg_left", []string{"ti"}, TText},
		"right": {"pg_right", []string{"ti"}, TText}, "lpad": {"pg_lpad", []string{"ti", "tit"}, TText},
		"rpad": {"pg_rpad", []string{"ti", "tit"}, TText}, "repeat": {"pg_repeat", []string{"ti"}, TText},
		"reverse": {"pg_reverse", []string{"t"}, TText}, "initcap": {"pg_initcap", []string{"t"}, TText},
		"split_part": {"pg_split_part", []string{"tti"}, TText}, "md5": {"pg_md5", []string{"t"}, TText},
		"chr": {"pg_chr", []string{"i"}, TText}, "ascii": {"pg_ascii", []string{"t"}, TInt4},
		"translate": {"pg_translate", []string{"ttt"}, TText}, "starts_with": {"pg_starts_with", []string{"tt"}, TBool},
		"regexp_replace": {"pg_regexp_replace", []string{"ttt", "tttt"}, TText},
		"quote_ident":    {"pg_quote_ident", []string{"t"}, TText}, "quote_literal": {"pg_quote_literal", []string{"t"}, TText},
		"make_date": {"pg_make_date", []string{"iii"}, TDate}, "to_hex": {"pg_to_hex", []string{"i"}, TText},
		"pi": {"pg_pi", []string{""}, TFloat8},
	}
	if s, ok := simple[name]; ok {
		for _, k := range s.sigs {
			if len(k) == n {
				as, err := sig(k)
				if err != nil {
					return expr{}, err
				}
				return call(s.fn, s.t, as...), nil
			}
		}
		return expr{}, errf(codeUndefinedFunction, "function %s with %d arguments does not exist", name, n)
	}
	switch name {
	case "position":
		as, err := sig("tt")
		if err != nil {
			return expr{}, err
		}
		return expr{sql: "instr(" + as[0].sql + ", " + as[1].sql + ")", t: TInt4}, nil
	case "concat", "concat_ws":
		as, err := texts()
		if err != nil {
			return expr{}, err
		}
		return call("pg_"+name, TText, as...), nil
	case "abs":
		a, err := tr.numArg(args, 0)
		if err != nil {
			return expr{}, err
		}
		return expr{sql: fmt.Sprintf("pg_abs(%s, %d)", a.sql, a.t.storage()), t: a.t}, nil
	case "round", "trunc", "ceil", "ceiling", "floor", "sign":
		if name == "ceiling" {
			name = "ceil"
		}
		if n == 2 && (name == "round" || name == "trunc") {
			as, err := sig("ni")
			if err != nil {
				return expr{}, err
			}
			return call("pg_num_"+name, TNumeric, as...), nil
		}
		if n != 1 {
			return expr{}, errf(codeUndefinedFunction, "function %s with %d arguments does not exist", name, n)
		}
		a, err := tr.numArg(args, 0)
		if err != nil {
			return expr{}, err
		}
		if a.t.OID == OIDNumeric {
			zero := expr{sql: "0", t: TInt4}
			if name == "ceil" || name == "floor" || name == "sign" {
				return call("pg_num_"+name, TNumeric, a), nil
			}
			return call("pg_num_"+name, TNumeric, a, zero), nil
		}
		// integers resolve to the double precision variant, PostgreSQL's preferred numeric type
		a, err = tr.coerce(a, TFloat8)
		if err != nil {
			return expr{}, err
		}
		return call("pg_float_"+name, TFloat8, a), nil
	case "sqrt", "exp", "ln", "log", "cbrt":
		a, err := tr.numArg(args, 0)
		if err != nil {
			return expr{}, err
		}
		if a.t.OID == OIDNumeric {
			if name == "sqrt" {
				return call("pg_num_sqrt", TNumeric, a), nil
			}
			return expr{}, errf(codeFeature, "%s(numeric) is not supported", name)
		}
		a, err = tr.coerce(a, TFloat8)
		if err != nil {
			return expr{}, err
		}
		return call("pg_float_"+name, TFloat8, a), nil
	case "power", "pow":
		if n != 2 {
			return expr{}, errf(codeUndefinedFunction, "function %s with %d arguments does not exist", name, n)
		}
		if args[0].t.OID == OIDNumeric || args[1].t.OID == OIDNumeric {
			as, err := sig("nn")
			if err != nil {
				return expr{}, err
			}
			return call("pg_num_power", TNumeric, as...), nil
		}
		as, err := sig("ff")
		if err != nil {
			return expr{}, err
		}
		return call("pg_float_power", TFloat8, as...), nil
	case "mod":
		if n != 2 {
			return expr{}, errf(codeUndefinedFunction, "function mod with %d arguments does not exist", n)
		}
		e, err := tr.arith("%", args[0], args[1])
		if err != nil {
			return expr{}, err
		}
		return e, nil
	case "div":
		as, err := sig("nn")
		if err != nil {
			return expr{}, err
		}
		return call("pg_num_divint", TNumeric, as...), nil
	case "now", "transaction_timestamp", "statement_timestamp", "clock_timestamp":
		return expr{sql: strconv.FormatInt(tr.clock(), 10), t: TTimestamptz}, nil
	case "date_trunc":
		if n != 2 {
			return expr{}, errf(codeUndefinedFunction, "function date_trunc with %d arguments does not exist", n)
		}
		f, err := tr.coerce(args[0], TText)
		if err != nil {
			return expr{}, err
		}
		x := args[1]
		if x.untyped() || x.t.OID == OIDDate {
			if x, err = tr.coerce(x, TTimestamptz); err != nil {
				return expr{}, err
			}
		}
		if x.t.storage() != stTS {
			return expr{}, errf(codeUndefinedFunction, "function date_trunc(text, %s) does not exist", x.t)
		}
		return expr{sql: fmt.Sprintf("pg_date_trunc(%s, %s, %s)", f.sql, x.sql, tr.tzFor(x.t)), t: x.t}, nil
	case "date_part", "extract":
		if n != 2 {
			return expr{}, errf(codeUndefinedFunction, "function %s with %d arguments does not exist", name, n)
		}
		f, err := tr.coerce(args[0], TText)
		if err != nil {
			return expr{}, err
		}
		x := args[1]
		if x.untyped() {
			if x, err = tr.coerce(x, TTimestamptz); err != nil {
				return expr{}, err
			}
		}
		if x.t.category() != 'D' && x.t.OID != OIDInterval {
			return expr{}, errf(codeUndefinedFunction, "function %s(text, %s) does not exist", name, x.t)
		}
		if name == "date_part" {
			if x.t.OID == OIDDate {
				x, _ = tr.coerce(x, TTimestamp)
			}
			return expr{sql: fmt.Sprintf("pg_date_part(%s, %s, %d, %s)", f.sql, x.sql, x.t.OID, tr.tzFor(x.t)), t: TFloat8}, nil
		}
		return expr{sql: fmt.Sprintf("pg_extract(%s, %s, %d, %s)", f.sql, x.sql, x.t.OID, tr.tzFor(x.t)), t: TNumeric}, nil
	case "string_to_array", "regexp_split_to_array":
		as, err := sig(map[bool]string{true: "tt", false: "ttt"}[n == 2])
		if err != nil {
			return expr{}, err
		}
		fn := "pg_string_to_array"
		if name == "regexp_split_to_array" {
			fn = "pg_regexp_split"
		}
		if n == 2 {
			as = append(as, expr{sql: "NULL", t: TText})
		}
		return expr{sql: fmt.Sprintf("%s(%s, %s, %s)", fn, as[0].sql, as[1].sql, as[2].sql), t: Type{OIDTextArray, -1}}, nil
	case "regexp_match":
		as, err := sig(map[bool]string{true: "tt", false: "ttt"}[n == 2])
		if err != nil {
			return expr{}, err
		}
		flags := "''"
		if n == 3 {
			flags = as[2].sql
		}
		return expr{sql: fmt.Sprintf("pg_regexp_match(%s, %s, %s)", as[0].sql, as[1].sql, flags), t: Type{OIDTextArray, -1}}, nil
	case "to_timestamp":
		if n == 1 {
			// to_timestamp(epoch seconds), as Grafana's time macros send it
			a, err := tr.coerce(args[0], TFloat8)
			if err != nil {
				return expr{}, err
			}
			return expr{sql: fmt.Sprintf("pg_epoch_ts(%s)", a.sql), t: TTimestamptz}, nil
		}
		as, err := sig("tt")
		if err != nil {
			return expr{}, err
		}
		return expr{sql: fmt.Sprintf("pg_parse_ts(%s, %s, %s)", as[0].sql, as[1].sql, quoteString(tr.sess.timeZone())), t: TTimestamptz}, nil
	case "to_date":
		as, err := sig("tt")
		if err != nil {
			return expr{}, err
		}
		return expr{sql: fmt.Sprintf("pg_ts_date(pg_parse_ts(%s, %s, 'UTC'))", as[0].sql, as[1].sql), t: TDate}, nil
	case "age":
		if n < 1 || n > 2 {
			return expr{}, errf(codeUndefinedFunction, "function age with %d arguments does not exist", n)
		}
		a := args[0]
		var b expr
		var err error
		t := TTimestamptz
		if a.t.OID == OIDTimestamp || a.t.OID == OIDDate {
			t = TTimestamp
		}
		if n == 2 {
			if args[1].t.OID == OIDTimestamptz {
				t = TTimestamptz
			}
			if b, err = tr.coerce(args[1], t); err != nil {
				return expr{}, err
			}
		} else {
			// age(x) is age(current_date at midnight, x)
			b = a
			loc, _ := location(tr.sess.timeZone())
			midnight := floorDiv(utcToLocal(tr.clock(), loc), microsPerDay) * microsPerDay
			if t.OID == OIDTimestamptz {
				midnight = localToUTC(midnight, loc)
			}
			a = expr{sql: strconv.FormatInt(midnight, 10), t: t}
		}
		if a, err = tr.coerce(a, t); err != nil {
			return expr{}, err
		}
		if b, err = tr.coerce(b, t); err != nil {
			return expr{}, err
		}
		return expr{sql: fmt.Sprintf("pg_age(%s, %s, %s)", a.sql, b.sql, tr.tzFor(t)), t: TInterval}, nil
	case "to_char":
		if n != 2 {
			return expr{}, errf(codeUndefinedFunction, "function to_char with %d arguments does not exist", n)
		}
		f, err := tr.coerce(args[1], TText)
		if err != nil {
			return expr{}, err
		}
		x := args[0]
		if x.t.OID == OIDDate {
			x, _ = tr.coerce(x, TTimestamptz)
		}
		if x.t.isInt() || x.t.OID == OIDNumeric {
			n, err := tr.coerce(x, TNumeric)
			if err != nil {
				return expr{}, err
			}
			return expr{sql: fmt.Sprintf("pg_to_char_num(%s, %s)", n.sql, f.sql), t: TText}, nil
		}
		if x.t.storage() != stTS {
			return expr{}, errf(codeFeature, "to_char(%s, text) is not supported", x.t)
		}
		return expr{sql: fmt.Sprintf("pg_to_char(%s, %s, %s)", x.sql, f.sql, tr.tzFor(x.t)), t: TText}, nil
	case "version":
		return expr{sql: quoteString(versionString), t: TText}, nil
	case "current_database":
		return expr{sql: quoteString(tr.sess.database()), t: TName}, nil
	case "current_schema":
		return expr{sql: quoteString("public"), t: TName}, nil
	case "pg_typeof":
		if n != 1 {
			return expr{}, errf(codeUndefinedFunction, "function pg_typeof with %d arguments does not exist", n)
		}
		t := args[0].t
		if t.OID == OIDUnknown {
			t = TUnknown
		}
		return expr{sql: quoteString(FormatType(t.OID, -1)), t: Type{OIDRegtype, -1}}, nil
	}
	// a type name used as a function is a cast: date(x), text(x), int4(x)
	if t, ok := typeNames[name]; ok && n == 1 {
		return tr.coerce(args[0], t)
	}
	if f, ok := catalogFuncs[name]; ok {
		return f(tr, args)
	}
	return expr{}, errf(codeUndefinedFunction, "function %s does not exist", name)
}

// numArg returns a numeric argument; an untyped literal becomes numeric.
func (tr *translator) numArg(args []expr, i int) (expr, error) {
	if i >= len(args) {
		return expr{}, errf(codeUndefinedFunction, "missing argument")
	}
	a := args[i]
	if a.untyped() {
		return tr.coerce(a, TNumeric)
	}
	if a.t.category() != 'N' {
		return expr{}, errf(codeUndefinedFunction, "function does not exist for type %s", a.t)
	}
	return a, nil
}

const versionString = "PostgreSQL 15.0 (soqlgate) on x86_64-pc-linux-gnu, compiled by Go, 64-bit"

// jsonFunc translates array_agg and json_build_object onto SQLite's JSON
// functions (arrays are JSON text here).
func (tr *translator) jsonFunc(name string, fc *pg_query.FuncCall, args []expr, sc *scope) (expr, error) {
	switch name {
	case "array_agg", "json_agg":
		if len(args) != 1 {
			return expr{}, errf(codeUndefinedFunction, "function %s needs one argument", name)
		}
		a := args[0]
		if a.untyped() {
			a, _ = tr.coerce(a, TText)
		}
		t := TJSON
		if name == "array_agg" {
			at, ok := arrayOf[a.t.OID]
			if !ok {
				return expr{}, errf(codeFeature, "array_agg(%s) is not supported", a.t)
			}
			t = Type{at, -1}
		}
		order, err := tr.aggOrder(fc, sc)
		if err != nil {
			return expr{}, err
		}
		return expr{sql: "json_group_array(" + a.sql + order + ")", t: t, name: name}, nil
	}
	var parts []string
	for i, a := range args {
		if i%2 == 0 || a.untyped() {
			c, err := tr.coerce(a, TText)
			if err != nil {
				return expr{}, err
			}
			a = c
		}
		parts = append(parts, a.sql)
	}
	return expr{sql: "json_object(" + strings.Join(parts, ", ") + ")", t: TJSON, name: name}, nil
}
