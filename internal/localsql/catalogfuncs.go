package localsql

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Catalog functions clients call in their metadata queries. Those that
// need catalog rows are emitted as correlated subqueries over the emulated
// tables, because SQLite functions are registered process-wide and cannot
// see one database's snapshot.

func (tr *translator) catSQL(schema, name string) string {
	if rel, ok := tr.db.lookupRelation(schema, name); ok && rel.sqlName != "" {
		return quoteIdent(rel.sqlName)
	}
	return quoteIdent("missing_" + name) // fails at execution with "no such table"
}

func needArgs(name string, args []expr, lo, hi int) error {
	if len(args) < lo || len(args) > hi {
		return errf(codeUndefinedFunction, "function %s with %d arguments does not exist", name, len(args))
	}
	return nil
}

// oidArg coerces an argument to oid.
func (tr *translator) oidArg(e expr) (expr, error) { return tr.coerce(e, TOID) }

var settingValues = map[string]string{
	"datestyle": "ISO, MDY", "timezone": "UTC", "client_encoding": "UTF8", "server_encoding": "UTF8",
	"integer_datetimes": "on", "max_identifier_length": "63", "max_index_keys": "32",
	"search_path": `"$user", public`, "server_version": "15.0", "server_version_num": "150000",
	"standard_conforming_strings": "on", "transaction_isolation": "read committed",
	"default_transaction_isolation": "read committed", "application_name": "", "lc_collate": "C.UTF-8",
	"lc_ctype": "C.UTF-8", "is_superuser": "off", "intervalstyle": "postgres", "extra_float_digits": "1",
}

var catalogFuncs = map[string]func(tr *translator, args []expr) (expr, error){
	"format_type": oidIntFunc("format_type", "pg_format_type", TText),
	"pg_get_userbyid": func(tr *translator, args []expr) (expr, error) {
		if err := needArgs("pg_get_userbyid", args, 1, 1); err != nil {
			return expr{}, err
		}
		o, err := tr.oidArg(args[0])
		if err != nil {
			return expr{}, err
		}
		return expr{sql: fmt.Sprintf("(CASE WHEN %[1]s IS NULL THEN NULL WHEN %[1]s = %[2]d THEN %[3]s WHEN %[1]s = %[4]d THEN 'pg_database_owner' ELSE 'unknown (OID=' || %[1]s || ')' END)", o.sql, oidOwner, quoteString(tr.sess.user()), oidDatabaseOwner), t: TName}, nil
	},
	"pg_table_is_visible":    visibleIn("pg_class", "relnamespace"),
	"pg_type_is_visible":     visibleIn("pg_type", "typnamespace"),
	"pg_function_is_visible": visibleIn("pg_proc", "pronamespace"),
	"pg_get_expr": func(tr *translator, args []expr) (expr, error) {
		if err := needArgs("pg_get_expr", args, 2, 3); err != nil {
			return expr{}, err
		}
		return expr{sql: "NULL", t: TText}, nil // no defaults, no expression indexes
	},
	"pg_get_constraintdef": func(tr *translator, args []expr) (expr, error) {
		if err := needArgs("pg_get_constraintdef", args, 1, 2); err != nil {
			return expr{}, err
		}
		o, err := tr.oidArg(args[0])
		if err != nil {
			return expr{}, err
		}
		con, cls, att := tr.catSQL("pg_catalog", "pg_constraint"), tr.catSQL("pg_catalog", "pg_class"), tr.catSQL("pg_catalog", "pg_attribute")
		pretty := "0"
		if len(args) > 1 {
			p, err := tr.coerce(args[1], TBool)
			if err != nil {
				return expr{}, err
			}
			pretty = p.sql
		}
		// check constraints exist only on information_schema's domains
		var checks []string
		for _, d := range infoSchemaDomains {
			if d.check != 0 {
				checks = append(checks, fmt.Sprintf("WHEN %d THEN CASE WHEN %s THEN %s ELSE %s END", d.check, pretty, quoteString(d.checkPretty), quoteString(d.checkRaw)))
			}
		}
		return expr{sql: tr.uniq(fmt.Sprintf(`(SELECT CASE «k».contype WHEN 'p' THEN 'PRIMARY KEY (' || pg_quote_ident(«a».attname) || ')'
			WHEN 'f' THEN 'FOREIGN KEY (' || pg_quote_ident(«a».attname) || ') REFERENCES ' || pg_quote_ident(«fc».relname) || '(' || pg_quote_ident(«fa».attname) || ')'
			WHEN 'c' THEN CASE «k».oid %[5]s END END
			FROM %[2]s AS «k» LEFT JOIN %[4]s AS «a» ON «a».attrelid = «k».conrelid AND «a».attnum = json_extract(«k».conkey, '$[0]')
			LEFT JOIN %[3]s AS «fc» ON «fc».oid = «k».confrelid
			LEFT JOIN %[4]s AS «fa» ON «fa».attrelid = «k».confrelid AND «fa».attnum = json_extract(«k».confkey, '$[0]')
			WHERE «k».oid = %[1]s)`, o.sql, con, cls, att, strings.Join(checks, " "))), t: TText}, nil
	},
	"pg_get_indexdef": func(tr *translator, args []expr) (expr, error) {
		if err := needArgs("pg_get_indexdef", args, 1, 3); err != nil {
			return expr{}, err
		}
		o, err := tr.oidArg(args[0])
		if err != nil {
			return expr{}, err
		}
		idx, cls, att := tr.catSQL("pg_catalog", "pg_index"), tr.catSQL("pg_catalog", "pg_class"), tr.catSQL("pg_catalog", "pg_attribute")
		col := "0"
		if len(args) > 1 {
			c, err := tr.coerce(args[1], TInt4)
			if err != nil {
				return expr{}, err
			}
			col = c.sql
		}
		// public is on the search path, so PostgreSQL prints the table unqualified
		return expr{sql: tr.uniq(fmt.Sprintf(`(SELECT CASE WHEN coalesce(%[5]s, 0) <> 0 THEN «a».attname
			ELSE 'CREATE UNIQUE INDEX ' || pg_quote_ident(«ic».relname) || ' ON ' || pg_quote_ident(«tc».relname) || ' USING btree (' || pg_quote_ident(«a».attname) || ')' END
			FROM %[2]s AS «i» JOIN %[3]s AS «ic» ON «ic».oid = «i».indexrelid JOIN %[3]s AS «tc» ON «tc».oid = «i».indrelid
			JOIN %[4]s AS «a» ON «a».attrelid = «i».indexrelid AND «a».attnum = 1
			WHERE «i».indexrelid = %[1]s)`, o.sql, idx, cls, att, col)), t: TText}, nil
	},
	"obj_description": func(tr *translator, args []expr) (expr, error) {
		if err := needArgs("obj_description", args, 1, 2); err != nil {
			return expr{}, err
		}
		o, err := tr.oidArg(args[0])
		if err != nil {
			return expr{}, err
		}
		return expr{sql: tr.uniq(fmt.Sprintf("(SELECT «d».description FROM %s AS «d» WHERE «d».objoid = %s AND «d».objsubid = 0 LIMIT 1)", tr.catSQL("pg_catalog", "pg_description"), o.sql)), t: TText}, nil
	},
	"col_description": func(tr *translator, args []expr) (expr, error) {
		if err := needArgs("col_description", args, 2, 2); err != nil {
			return expr{}, err
		}
		o, err := tr.oidArg(args[0])
		if err != nil {
			return expr{}, err
		}
		n, err := tr.coerce(args[1], TInt4)
		if err != nil {
			return expr{}, err
		}
		return expr{sql: tr.uniq(fmt.Sprintf("(SELECT «d».description FROM %s AS «d» WHERE «d».objoid = %s AND «d».objsubid = %s LIMIT 1)", tr.catSQL("pg_catalog", "pg_description"), o.sql, n.sql)), t: TText}, nil
	},
	"shobj_description":               constNull(TText),
	"pg_get_serial_sequence":          constNull(TText),
	"pg_get_viewdef":                  constNull(TText),
	"pg_get_triggerdef":               constNull(TText),
	"pg_get_partkeydef":               constNull(TText),
	"pg_get_function_result":          constNull(TText),
	"pg_get_function_arguments":       constNull(TText),
	"pg_get_statisticsobjdef_columns": constNull(TText),
	"pg_relation_is_publishable":      constBool(false),
	"pg_is_in_recovery":               constBool(false),
	"has_table_privilege":             constBool(true),
	"has_schema_privilege":            constBool(true),
	"has_database_privilege":          constBool(true),
	"has_any_column_privilege":        constBool(true),
	"has_column_privilege":            constBool(true),
	"pg_backend_pid":                  constInt(TInt4, 4242),
	"txid_current":                    constInt(TInt8, 1000),
	"pg_relation_size":                constInt(TInt8, 0),
	"pg_total_relation_size":          constInt(TInt8, 0),
	"pg_table_size":                   constInt(TInt8, 0),
	"pg_stat_get_numscans":            constInt(TInt8, 0),
	"pg_encoding_to_char": func(tr *translator, args []expr) (expr, error) {
		return expr{sql: "'UTF8'", t: TName}, nil
	},
	"current_user": func(tr *translator, args []expr) (expr, error) {
		return expr{sql: quoteString(sessionUser), t: TName}, nil
	},
	"session_user": func(tr *translator, args []expr) (expr, error) {
		return expr{sql: quoteString(sessionUser), t: TName}, nil
	},
	"current_schemas": func(tr *translator, args []expr) (expr, error) {
		if err := needArgs("current_schemas", args, 1, 1); err != nil {
			return expr{}, err
		}
		b, err := tr.coerce(args[0], TBool)
		if err != nil {
			return expr{}, err
		}
		return expr{sql: fmt.Sprintf(`(CASE WHEN %s THEN '["pg_catalog","public"]' ELSE '["public"]' END)`, b.sql), t: Type{OIDNameArray, -1}}, nil
	},
	"current_setting": func(tr *translator, args []expr) (expr, error) {
		if err := needArgs("current_setting", args, 1, 2); err != nil {
			return expr{}, err
		}
		if args[0].lit == nil {
			return expr{}, errf(codeFeature, "current_setting needs a literal name")
		}
		v, ok := settingValues[strings.ToLower(*args[0].lit)]
		if strings.EqualFold(*args[0].lit, "timezone") {
			v = tr.sess.timeZone()
		}
		if !ok {
			return expr{}, errf("42704", "unrecognized configuration parameter %q", *args[0].lit)
		}
		return expr{sql: quoteString(v), t: TText}, nil
	},
	"array_to_string": func(tr *translator, args []expr) (expr, error) {
		if err := needArgs("array_to_string", args, 2, 3); err != nil {
			return expr{}, err
		}
		sep, err := tr.coerce(args[1], TText)
		if err != nil {
			return expr{}, err
		}
		return expr{sql: tr.uniq(fmt.Sprintf("(CASE WHEN %[2]s IS NULL THEN NULL ELSE coalesce((SELECT group_concat(«j».value, %[1]s) FROM json_each(%[2]s) AS «j» WHERE «j».value IS NOT NULL), '') END)", sep.sql, args[0].sql)), t: TText}, nil
	},
	"array_upper":  arrayBound("max(«j».key) + 1"),
	"array_length": arrayBound("count(*)"),
	"array_lower":  arrayBound("min(«j».key) + 1"),
	"cardinality": func(tr *translator, args []expr) (expr, error) {
		return expr{sql: fmt.Sprintf("json_array_length(%s)", args[0].sql), t: TInt4}, nil
	},
	"_pg_char_max_length":         oidIntFunc("_pg_char_max_length", "pg_is_char_max_length", TInt4),
	"_pg_char_octet_length":       oidIntFunc("_pg_char_octet_length", "pg_is_char_octet_length", TInt4),
	"_pg_numeric_precision":       oidIntFunc("_pg_numeric_precision", "pg_is_numeric_precision", TInt4),
	"_pg_numeric_precision_radix": oidIntFunc("_pg_numeric_precision_radix", "pg_is_numeric_precision_radix", TInt4),
	"_pg_numeric_scale":           oidIntFunc("_pg_numeric_scale", "pg_is_numeric_scale", TInt4),
	"_pg_datetime_precision":      oidIntFunc("_pg_datetime_precision", "pg_is_datetime_precision", TInt4),
	"_pg_first_key": func(tr *translator, args []expr) (expr, error) {
		return expr{sql: fmt.Sprintf("json_extract(%s, '$[0]')", args[0].sql), t: TInt2}, nil
	},
	"to_regclass": func(tr *translator, args []expr) (expr, error) {
		if err := needArgs("to_regclass", args, 1, 1); err != nil {
			return expr{}, err
		}
		a, err := tr.coerce(args[0], TText)
		if err != nil {
			return expr{}, err
		}
		return tr.regIn(a, Type{OIDRegclass, -1})
	},
}

// visibleIn is pg_*_is_visible: the object's schema is on the search path
// (pg_catalog, public); NULL for an unknown OID, as PostgreSQL answers.
func visibleIn(table, nspCol string) func(*translator, []expr) (expr, error) {
	return func(tr *translator, args []expr) (expr, error) {
		if err := needArgs(table+" visibility", args, 1, 1); err != nil {
			return expr{}, err
		}
		o, err := tr.oidArg(args[0])
		if err != nil {
			return expr{}, err
		}
		return expr{sql: tr.uniq(fmt.Sprintf("(SELECT «x».%s IN (%d, %d) FROM %s AS «x» WHERE «x».oid = %s)",
			nspCol, oidPgCatalog, oidPublic, tr.catSQL("pg_catalog", table), o.sql)), t: TBool}, nil
	}
}

func constNull(t Type) func(*translator, []expr) (expr, error) {
	return func(*translator, []expr) (expr, error) { return expr{sql: "NULL", t: t}, nil }
}

func constBool(b bool) func(*translator, []expr) (expr, error) {
	return func(*translator, []expr) (expr, error) {
		return expr{sql: strconv.FormatInt(b2i(b), 10), t: TBool}, nil
	}
}

func constInt(t Type, n int64) func(*translator, []expr) (expr, error) {
	return func(*translator, []expr) (expr, error) { return expr{sql: strconv.FormatInt(n, 10), t: t}, nil }
}

func arrayBound(agg string) func(*translator, []expr) (expr, error) {
	return func(tr *translator, args []expr) (expr, error) {
		if err := needArgs("array_upper", args, 2, 2); err != nil {
			return expr{}, err
		}
		return expr{sql: tr.uniq(fmt.Sprintf("(SELECT CASE WHEN count(*) = 0 THEN NULL ELSE %s END FROM json_each(%s) AS «j»)", agg, args[0].sql)), t: TInt4}, nil
	}
}

// oidIntFunc is a function of (type oid, typmod) computed by Go function fn.
func oidIntFunc(name, fn string, ret Type) func(*translator, []expr) (expr, error) {
	return func(tr *translator, args []expr) (expr, error) {
		if err := needArgs(name, args, 2, 2); err != nil {
			return expr{}, err
		}
		o, err := tr.oidArg(args[0])
		if err != nil {
			return expr{}, err
		}
		m, err := tr.coerce(args[1], TInt4)
		if err != nil {
			return expr{}, err
		}
		return expr{sql: fmt.Sprintf("%s(%s, %s)", fn, o.sql, m.sql), t: ret}, nil
	}
}

// regIn resolves a name to the OID of a relation, type, function or schema.
func (tr *translator) regIn(name expr, t Type) (expr, error) {
	var sqlText string
	switch t.OID {
	case OIDRegclass:
		// "schema.name" or "name"; unqualified names follow the search path
		sqlText = fmt.Sprintf(`(SELECT «c».oid FROM %s AS «c» JOIN %s AS «n» ON «n».oid = «c».relnamespace
			WHERE «c».relname = pg_ident_part(%[3]s, 2) AND (pg_ident_part(%[3]s, 1) IS NULL AND «n».nspname IN ('pg_catalog', 'public') OR «n».nspname = pg_ident_part(%[3]s, 1))
			ORDER BY «n».oid LIMIT 1)`, tr.catSQL("pg_catalog", "pg_class"), tr.catSQL("pg_catalog", "pg_namespace"), name.sql)
	case OIDRegtype:
		sqlText = fmt.Sprintf(`(SELECT «t».oid FROM %s AS «t» WHERE «t».typname = pg_type_name_of(%s) LIMIT 1)`, tr.catSQL("pg_catalog", "pg_type"), name.sql)
	case OIDRegnamespace:
		sqlText = fmt.Sprintf(`(SELECT «n».oid FROM %s AS «n» WHERE «n».nspname = pg_ident_part(%s, 2))`, tr.catSQL("pg_catalog", "pg_namespace"), name.sql)
	default:
		return expr{}, errf(codeFeature, "cannot resolve %s names", t)
	}
	// a numeric string is an OID already, as PostgreSQL's reg*in accept
	sqlText = fmt.Sprintf("(CASE WHEN %[1]s NOT GLOB '*[^0-9]*' AND %[1]s <> '' THEN CAST(%[1]s AS INTEGER) ELSE %[2]s END)", name.sql, sqlText)
	return expr{sql: tr.uniq(sqlText), t: t, name: name.name}, nil
}

// regOut renders an OID of a reg* type as its name (what PostgreSQL prints).
func (tr *translator) regOut(e expr) expr {
	var sqlText string
	switch e.t.OID {
	case OIDRegclass:
		sqlText = fmt.Sprintf(`coalesce((SELECT CASE WHEN «n».nspname IN ('pg_catalog', 'public') THEN pg_quote_ident(«c».relname) ELSE «n».nspname || '.' || pg_quote_ident(«c».relname) END
			FROM %s AS «c» JOIN %s AS «n» ON «n».oid = «c».relnamespace WHERE «c».oid = %[3]s), CAST(%[3]s AS TEXT))`,
			tr.catSQL("pg_catalog", "pg_class"), tr.catSQL("pg_catalog", "pg_namespace"), e.sql)
	case OIDRegtype:
		sqlText = fmt.Sprintf("pg_format_type(%s, NULL)", e.sql)
	case OIDRegnamespace:
		sqlText = fmt.Sprintf(`coalesce((SELECT pg_quote_ident(«n».nspname) FROM %s AS «n» WHERE «n».oid = %[2]s), CAST(%[2]s AS TEXT))`, tr.catSQL("pg_catalog", "pg_namespace"), e.sql)
	default:
		return e
	}
	return expr{sql: tr.uniq("(CASE WHEN " + e.sql + " IS NULL THEN NULL ELSE " + sqlText + " END)"), t: TText, name: e.name}
}

// pgArrayText renders a JSON array as PostgreSQL array text ({a,b}), or
// space-separated for int2vector / oidvector.
func pgArrayText(js string, oid uint32) (string, error) {
	var vals []any
	d := json.NewDecoder(strings.NewReader(js))
	d.UseNumber()
	if err := d.Decode(&vals); err != nil {
		return "", fmt.Errorf("localsql: bad array value %q", js)
	}
	parts := make([]string, len(vals))
	for i, v := range vals {
		switch x := v.(type) {
		case nil:
			parts[i] = "NULL"
		case bool:
			parts[i] = map[bool]string{true: "t", false: "f"}[x]
		case json.Number:
			parts[i] = x.String()
			if oid == OIDBoolArray {
				parts[i] = map[bool]string{true: "t", false: "f"}[x.String() != "0"]
			}
		case string:
			parts[i] = x
			if x == "" || strings.ContainsAny(x, `{},"\ `) || strings.EqualFold(x, "null") {
				parts[i] = `"` + strings.ReplaceAll(strings.ReplaceAll(x, `\`, `\\`), `"`, `\"`) + `"`
			}
		default:
			parts[i] = fmt.Sprint(x)
		}
	}
	if oid == OIDInt2Vector || oid == OIDOIDVector {
		return strings.Join(parts, " "), nil
	}
	return "{" + strings.Join(parts, ",") + "}", nil
}

// identPart splits "schema.name" (quotes honoured): part 1 is the schema
// (NULL when unqualified), part 2 the name.
func identPart(s string, part int) any {
	var parts []string
	var cur strings.Builder
	quoted := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' && quoted && i+1 < len(s) && s[i+1] == '"':
			cur.WriteByte('"')
			i++
		case c == '"':
			quoted = !quoted
		case c == '.' && !quoted:
			parts = append(parts, cur.String())
			cur.Reset()
		case !quoted:
			cur.WriteString(strings.ToLower(string(c)))
		default:
			cur.WriteByte(c)
		}
	}
	parts = append(parts, cur.String())
	if part == 2 {
		return parts[len(parts)-1]
	}
	if len(parts) < 2 {
		return nil
	}
	return parts[len(parts)-2]
}

func init() {
	def("pg_format_type", 2, func(a []driver.Value) (driver.Value, error) {
		if a[0] == nil {
			return nil, nil
		}
		mod := int32(-1)
		if a[1] != nil {
			mod = int32(asInt(a[1]))
		}
		return FormatType(uint32(asInt(a[0])), mod), nil
	})
	def("pg_ident_part", 2, strict(func(a []driver.Value) (driver.Value, error) {
		return identPart(asString(a[0]), int(asInt(a[1]))), nil
	}))
	def("pg_type_name_of", 1, strict(func(a []driver.Value) (driver.Value, error) {
		n := strings.ToLower(strings.TrimSpace(asString(a[0])))
		n = strings.TrimPrefix(n, "pg_catalog.")
		if t, ok := typeNames[n]; ok {
			return t.Name(), nil
		}
		return n, nil
	}))
	typmodFn := func(f func(oid uint32, mod int32) any) scalarFn {
		return func(a []driver.Value) (driver.Value, error) {
			if a[0] == nil {
				return nil, nil
			}
			mod := int32(-1)
			if a[1] != nil {
				mod = int32(asInt(a[1]))
			}
			v := f(uint32(asInt(a[0])), mod)
			if v == nil {
				return nil, nil
			}
			return int64(v.(int)), nil
		}
	}
	def("pg_is_char_max_length", 2, typmodFn(func(oid uint32, mod int32) any {
		if (oid == OIDVarchar || oid == OIDBpchar) && mod >= 4 {
			return int(mod - 4)
		}
		return nil
	}))
	def("pg_is_char_octet_length", 2, typmodFn(func(oid uint32, mod int32) any {
		switch oid {
		case OIDVarchar, OIDBpchar:
			if mod >= 4 {
				return int(mod-4) * 4
			}
			return 1073741824
		case OIDText:
			return 1073741824
		}
		return nil
	}))
	def("pg_is_numeric_precision", 2, typmodFn(func(oid uint32, mod int32) any {
		switch oid {
		case OIDInt2:
			return 16
		case OIDInt4:
			return 32
		case OIDInt8:
			return 64
		case OIDFloat4:
			return 24
		case OIDFloat8:
			return 53
		case OIDNumeric:
			if mod >= 4 {
				return int(((mod - 4) >> 16) & 0xffff)
			}
		}
		return nil
	}))
	def("pg_is_numeric_precision_radix", 2, typmodFn(func(oid uint32, mod int32) any {
		switch oid {
		case OIDInt2, OIDInt4, OIDInt8, OIDFloat4, OIDFloat8:
			return 2
		case OIDNumeric:
			return 10
		}
		return nil
	}))
	def("pg_is_numeric_scale", 2, typmodFn(func(oid uint32, mod int32) any {
		switch oid {
		case OIDInt2, OIDInt4, OIDInt8:
			return 0
		case OIDNumeric:
			if mod >= 4 {
				return int((mod - 4) & 0xffff)
			}
		}
		return nil
	}))
	def("pg_is_datetime_precision", 2, typmodFn(func(oid uint32, mod int32) any {
		switch oid {
		case OIDDate:
			return 0
		case OIDTime, OIDTimestamp, OIDTimestamptz, OIDInterval:
			if mod >= 0 {
				return int(mod)
			}
			return 6
		}
		return nil
	}))
}

// pgRecordText renders an {"x":…,"n":…} record as PostgreSQL's "(x,n)".
func pgRecordText(js string) (string, error) {
	var r struct {
		X json.Number `json:"x"`
		N json.Number `json:"n"`
	}
	d := json.NewDecoder(strings.NewReader(js))
	d.UseNumber()
	if err := d.Decode(&r); err != nil {
		return "", fmt.Errorf("localsql: bad record value %q", js)
	}
	return "(" + r.X.String() + "," + r.N.String() + ")", nil
}

var placeholder = regexp.MustCompile(`«(\w+)»`)

// uniq gives the «alias» placeholders of a catalog subquery fresh quoted
// names, so they never capture a column reference of the enclosing query.
func (tr *translator) uniq(sqlText string) string {
	names := map[string]string{}
	return placeholder.ReplaceAllStringFunc(sqlText, func(m string) string {
		k := m[len("«") : len(m)-len("»")]
		if n, ok := names[k]; ok {
			return n
		}
		n := quoteIdent(tr.fresh("c" + k))
		names[k] = n
		return n
	})
}
