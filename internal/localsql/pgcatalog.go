package localsql

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"sort"
	"strings"

	"github.com/soqlgate/soqlgate/catalog"
)

// The emulated catalog: pg_catalog tables built from a catalog.Snapshot,
// information_schema views defined in SQL over them (so the two cannot
// disagree), and soqlgate's own information_schema.soqlgate_fields. Objects
// live in schema public under lower-case names (what BI tools handle best;
// every name resolves case-insensitively anyway).

// Fixed OIDs of PostgreSQL 15 that clients hard-code or look up.
const (
	oidPgCatalog         = 11
	oidPublic            = 2200
	oidInformationSchema = 13207 // as PostgreSQL 15's initdb assigns it
	oidOwner             = 10
	oidDatabaseOwner     = 6171 // pg_database_owner, owner of public since PostgreSQL 15
	oidHeapAM            = 2
	oidBtreeAM           = 403
	oidPgClass           = 1259
	oidPgConstraint      = 2606
	oidPgNamespace       = 2615
	oidPgType            = 1247
	oidPgProc            = 1255
	oidDefaultCollation  = 100
	oidTextOps           = 3126
	oidDatabase          = 16383
)

// catTable is one emulated catalog table: PostgreSQL's column order and types.
type catTable struct {
	schema string
	name   string
	cols   []Column
	rows   [][]any
}

// spec parses "name type, name type, ..." with PostgreSQL type names
// ("char" is the one-byte "char").
func spec(s string) []Column {
	var cols []Column
	for _, part := range strings.Split(s, ",") {
		f := strings.Fields(strings.TrimSpace(part))
		name, tn := f[0], f[1]
		var t Type
		switch tn {
		case "char":
			t = TChar
		case "int2[]":
			t = Type{OIDInt2Array, -1}
		case "oid[]":
			t = Type{OIDOIDArray, -1}
		case "text[]":
			t = Type{OIDTextArray, -1}
		case "char[]":
			t = Type{OIDCharArray, -1}
		case "name[]":
			t = Type{OIDNameArray, -1}
		case "aclitem[]":
			t = Type{OIDAclArray, -1}
		default:
			var ok bool
			if t, ok = typeNames[tn]; !ok {
				panic("localsql: catalog spec type " + tn)
			}
		}
		cols = append(cols, Column{Name: name, Type: t})
	}
	return cols
}

var (
	pgNamespaceCols = spec("oid oid, nspname name, nspowner oid, nspacl aclitem[]")
	pgClassCols     = spec(`oid oid, relname name, relnamespace oid, reltype oid, reloftype oid, relowner oid, relam oid,
		relfilenode oid, reltablespace oid, relpages int4, reltuples float4, relallvisible int4, reltoastrelid oid,
		relhasindex bool, relisshared bool, relpersistence char, relkind char, relnatts int2, relchecks int2,
		relhasrules bool, relhastriggers bool, relhassubclass bool, relrowsecurity bool, relforcerowsecurity bool,
		relispopulated bool, relreplident char, relispartition bool, relrewrite oid, relfrozenxid xid, relminmxid xid,
		relacl aclitem[], reloptions text[], relpartbound pg_node_tree`)
	pgAttributeCols = spec(`attrelid oid, attname name, atttypid oid, attstattarget int4, attlen int2, attnum int2,
		attndims int4, attcacheoff int4, atttypmod int4, attbyval bool, attalign char, attstorage char,
		attcompression char, attnotnull bool, atthasdef bool, atthasmissing bool, attidentity char, attgenerated char,
		attisdropped bool, attislocal bool, attinhcount int4, attcollation oid, attacl aclitem[], attoptions text[],
		attfdwoptions text[], attmissingval anyarray`)
	pgTypeCols = spec(`oid oid, typname name, typnamespace oid, typowner oid, typlen int2, typbyval bool, typtype char,
		typcategory char, typispreferred bool, typisdefined bool, typdelim char, typrelid oid, typsubscript regproc,
		typelem oid, typarray oid, typinput regproc, typoutput regproc, typreceive regproc, typsend regproc,
		typmodin regproc, typmodout regproc, typanalyze regproc, typalign char, typstorage char, typnotnull bool,
		typbasetype oid, typtypmod int4, typndims int4, typcollation oid, typdefaultbin pg_node_tree, typdefault text,
		typacl aclitem[]`)
	pgIndexCols = spec(`indexrelid oid, indrelid oid, indnatts int2, indnkeyatts int2, indisunique bool,
		indnullsnotdistinct bool, indisprimary bool, indisexclusion bool, indimmediate bool, indisclustered bool,
		indisvalid bool, indcheckxmin bool, indisready bool, indislive bool, indisreplident bool, indkey int2vector,
		indcollation oidvector, indclass oidvector, indoption int2vector, indexprs pg_node_tree, indpred pg_node_tree`)
	pgConstraintCols = spec(`oid oid, conname name, connamespace oid, contype char, condeferrable bool,
		condeferred bool, convalidated bool, conrelid oid, contypid oid, conindid oid, conparentid oid, confrelid oid,
		confupdtype char, confdeltype char, confmatchtype char, conislocal bool, coninhcount int4, connoinherit bool,
		conkey int2[], confkey int2[], conpfeqop oid[], conppeqop oid[], conffeqop oid[], confdelsetcols int2[],
		conexclop oid[], conbin pg_node_tree`)
	pgDescriptionCols = spec("objoid oid, classoid oid, objsubid int4, description text")
)

// typeInfo is what pg_type and pg_attribute say about a builtin type.
type typeInfo struct {
	oid       uint32
	name      string
	length    int
	byval     bool
	category  string
	preferred bool
	array     uint32
	elem      uint32
	align     string
	storage   string
	collation uint32
	in, out   string
	recv      string
}

// builtinTypes is the pg_type subset: the types the type table and the
// catalog tables use, with PostgreSQL 15's OIDs, and their arrays.
var builtinTypes = []typeInfo{
	{16, "bool", 1, true, "B", true, 1000, 0, "c", "p", 0, "boolin", "boolout", "boolrecv"},
	{17, "bytea", -1, false, "U", false, 1001, 0, "i", "x", 0, "byteain", "byteaout", "bytearecv"},
	{18, "char", 1, true, "Z", false, 1002, 0, "c", "p", 0, "charin", "charout", "charrecv"},
	{19, "name", 64, false, "S", false, 1003, 18, "c", "p", 950, "namein", "nameout", "namerecv"},
	{20, "int8", 8, true, "N", false, 1016, 0, "d", "p", 0, "int8in", "int8out", "int8recv"},
	{21, "int2", 2, true, "N", false, 1005, 0, "s", "p", 0, "int2in", "int2out", "int2recv"},
	{22, "int2vector", -1, false, "A", false, 1006, 21, "i", "p", 0, "int2vectorin", "int2vectorout", "int2vectorrecv"},
	{23, "int4", 4, true, "N", false, 1007, 0, "i", "p", 0, "int4in", "int4out", "int4recv"},
	{24, "regproc", 4, true, "N", false, 1008, 0, "i", "p", 0, "regprocin", "regprocout", "regprocrecv"},
	{25, "text", -1, false, "S", true, 1009, 0, "i", "x", 100, "textin", "textout", "textrecv"},
	{26, "oid", 4, true, "N", true, 1028, 0, "i", "p", 0, "oidin", "oidout", "oidrecv"},
	{30, "oidvector", -1, false, "A", false, 1013, 26, "i", "p", 0, "oidvectorin", "oidvectorout", "oidvectorrecv"},
	{114, "json", -1, false, "U", false, 199, 0, "i", "x", 0, "json_in", "json_out", "json_recv"},
	{194, "pg_node_tree", -1, false, "Z", false, 0, 0, "i", "x", 100, "pg_node_tree_in", "pg_node_tree_out", "pg_node_tree_recv"},
	{700, "float4", 4, true, "N", false, 1021, 0, "i", "p", 0, "float4in", "float4out", "float4recv"},
	{701, "float8", 8, true, "N", true, 1022, 0, "d", "p", 0, "float8in", "float8out", "float8recv"},
	{1033, "aclitem", 12, false, "U", false, 1034, 0, "i", "p", 0, "aclitemin", "aclitemout", "-"},
	{1042, "bpchar", -1, false, "S", false, 1014, 0, "i", "x", 100, "bpcharin", "bpcharout", "bpcharrecv"},
	{1043, "varchar", -1, false, "S", false, 1015, 0, "i", "x", 100, "varcharin", "varcharout", "varcharrecv"},
	{1082, "date", 4, true, "D", false, 1182, 0, "i", "p", 0, "date_in", "date_out", "date_recv"},
	{1083, "time", 8, true, "D", false, 1183, 0, "d", "p", 0, "time_in", "time_out", "time_recv"},
	{1114, "timestamp", 8, true, "D", false, 1115, 0, "d", "p", 0, "timestamp_in", "timestamp_out", "timestamp_recv"},
	{1184, "timestamptz", 8, true, "D", true, 1185, 0, "d", "p", 0, "timestamptz_in", "timestamptz_out", "timestamptz_recv"},
	{1186, "interval", 16, false, "T", true, 1187, 0, "d", "p", 0, "interval_in", "interval_out", "interval_recv"},
	{1700, "numeric", -1, false, "N", false, 1231, 0, "i", "m", 0, "numeric_in", "numeric_out", "numeric_recv"},
	{2205, "regclass", 4, true, "N", false, 2210, 0, "i", "p", 0, "regclassin", "regclassout", "regclassrecv"},
	{2206, "regtype", 4, true, "N", false, 2211, 0, "i", "p", 0, "regtypein", "regtypeout", "regtyperecv"},
	{3802, "jsonb", -1, false, "U", false, 3807, 0, "i", "x", 0, "jsonb_in", "jsonb_out", "jsonb_recv"},
	{2950, "uuid", 16, false, "U", false, 2951, 0, "c", "p", 0, "uuid_in", "uuid_out", "uuid_recv"},
	{28, "xid", 4, true, "U", false, 1011, 0, "i", "p", 0, "xidin", "xidout", "xidrecv"},
	{2277, "anyarray", -1, false, "P", false, 0, 0, "d", "x", 0, "anyarray_in", "anyarray_out", "anyarray_recv"},
}

var builtinTypeByOID = func() map[uint32]*typeInfo {
	m := map[uint32]*typeInfo{}
	for i := range builtinTypes {
		m[builtinTypes[i].oid] = &builtinTypes[i]
	}
	return m
}()

// infoSchemaDomain is one of information_schema's domains (PostgreSQL 15's
// OIDs); their columns here use the base types, but clients list them.
type infoSchemaDomain struct {
	oid, array, base uint32
	name             string
	typmod           int32
	collation        uint32
	def              any // typdefault
	check            uint32
	checkName        string
	checkPretty      string
	checkRaw         string
}

var infoSchemaDomains = []infoSchemaDomain{
	{13221, 13220, OIDInt4, "cardinal_number", -1, 0, nil, 13222, "cardinal_number_domain_check",
		"CHECK (VALUE >= 0)", "CHECK ((VALUE >= 0))"},
	{13224, 13223, OIDVarchar, "character_data", -1, 950, nil, 0, "", "", ""},
	{13226, 13225, OIDName, "sql_identifier", -1, 950, nil, 0, "", "", ""},
	{13232, 13231, OIDTimestamptz, "time_stamp", 2, 0, "CURRENT_TIMESTAMP(2)", 0, "", "", ""},
	{13234, 13233, OIDVarchar, "yes_or_no", 7, 950, nil, 13235, "yes_or_no_check",
		"CHECK (VALUE::text = ANY (ARRAY['YES'::character varying, 'NO'::character varying]::text[]))",
		"CHECK (((VALUE)::text = ANY ((ARRAY['YES'::character varying, 'NO'::character varying])::text[])))"},
}

// pgTypeRows renders builtinTypes (and one array type each) as pg_type rows.
func pgTypeRows() [][]any {
	var rows [][]any
	for _, d := range infoSchemaDomains {
		b := builtinTypeByOID[d.base]
		rows = append(rows, []any{
			int64(d.oid), d.name, int64(oidInformationSchema), int64(oidOwner), int64(b.length), b.byval, "d",
			b.category, false, true, ",", int64(0), "-", int64(0), int64(d.array),
			"domain_in", b.out, "domain_recv", strings.TrimSuffix(b.recv, "recv") + "send", "-", "-", "-", b.align, b.storage, false,
			int64(d.base), int64(d.typmod), int64(0), int64(d.collation), nil, d.def, nil,
		}, []any{
			int64(d.array), "_" + d.name, int64(oidInformationSchema), int64(oidOwner), int64(-1), false, "b",
			"A", false, true, ",", int64(0), "array_subscript_handler", int64(d.oid), int64(0),
			"array_in", "array_out", "array_recv", "array_send", "-", "-", "array_typanalyze", arrayAlign(b.align), "x", false,
			int64(0), int64(-1), int64(0), int64(d.collation), nil, nil, nil,
		})
	}
	for _, t := range builtinTypes {
		rows = append(rows, []any{
			int64(t.oid), t.name, int64(oidPgCatalog), int64(oidOwner), int64(t.length), t.byval, "b",
			t.category, t.preferred, true, ",", int64(0), subscriptOf(t), int64(t.elem), int64(t.array),
			t.in, t.out, t.recv, strings.TrimSuffix(t.recv, "recv") + "send", "-", "-", "-", t.align, t.storage, false,
			int64(0), int64(-1), int64(0), int64(t.collation), nil, nil, nil,
		})
		if t.array != 0 {
			rows = append(rows, []any{
				int64(t.array), "_" + t.name, int64(oidPgCatalog), int64(oidOwner), int64(-1), false, "b",
				"A", false, true, ",", int64(0), "array_subscript_handler", int64(t.oid), int64(0),
				"array_in", "array_out", "array_recv", "array_send", "-", "-", "array_typanalyze", arrayAlign(t.align), "x", false,
				int64(0), int64(-1), int64(0), int64(t.collation), nil, nil, nil,
			})
		}
	}
	return rows
}

func subscriptOf(t typeInfo) string {
	if t.elem != 0 {
		return "raw_array_subscript_handler"
	}
	return "-"
}

func arrayAlign(a string) string {
	if a == "d" {
		return "d"
	}
	return "i"
}

// sqlName is how an object or field appears in the catalog.
func sqlName(s string) string { return strings.ToLower(s) }

func hashName(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

// objectOIDs assigns each object a stable OID block: table, row type, row
// array type, primary key index and primary key constraint. The block
// depends on the object's name only, so OIDs survive snapshot changes.
func objectOIDs(objs []*catalog.Object) map[string]uint32 {
	out := map[string]uint32{}
	used := map[uint32]bool{}
	names := make([]string, 0, len(objs))
	for _, o := range objs {
		names = append(names, sqlName(o.Name))
	}
	sort.Strings(names)
	for _, n := range names {
		slot := hashName(n) % 20_000_000
		for used[slot] {
			slot = (slot + 1) % 20_000_000
		}
		used[slot] = true
		out[n] = 16384 + slot*8
	}
	return out
}

// catalogRows builds every pg_catalog table from a snapshot.
func catalogRows(snap *catalog.Snapshot) []catTable {
	objs := snap.Objects()
	oids := objectOIDs(objs)
	fkOIDs := map[uint32]bool{}
	fkOID := func(key string) uint32 {
		o := 200_000_000 + hashName(key)%1_000_000_000
		for fkOIDs[o] {
			o++
		}
		fkOIDs[o] = true
		return o
	}
	ns := catTable{schema: "pg_catalog", name: "pg_namespace", cols: pgNamespaceCols, rows: [][]any{
		{int64(oidPgCatalog), "pg_catalog", int64(oidOwner), nil},
		{int64(oidPublic), "public", int64(oidDatabaseOwner), nil},
		{int64(oidInformationSchema), "information_schema", int64(oidOwner), nil},
		{int64(99), "pg_toast", int64(oidOwner), nil},
	}}
	class := catTable{schema: "pg_catalog", name: "pg_class", cols: pgClassCols}
	attr := catTable{schema: "pg_catalog", name: "pg_attribute", cols: pgAttributeCols}
	typ := catTable{schema: "pg_catalog", name: "pg_type", cols: pgTypeCols, rows: pgTypeRows()}
	index := catTable{schema: "pg_catalog", name: "pg_index", cols: pgIndexCols}
	cons := catTable{schema: "pg_catalog", name: "pg_constraint", cols: pgConstraintCols}
	desc := catTable{schema: "pg_catalog", name: "pg_description", cols: pgDescriptionCols}
	fields := catTable{schema: internalSchema, name: "field_facts", cols: fieldFactsCols}

	classRow := func(oid uint32, name string, nsp, reltype, am uint32, kind string, natts int, hasIndex bool) []any {
		// a new table has reltuples -1 and no pages; a new index one page and 0 tuples
		pages, tuples := int64(0), float64(-1)
		if kind == "i" {
			pages, tuples = 1, 0
		}
		return []any{int64(oid), name, int64(nsp), int64(reltype), int64(0), int64(oidOwner), int64(am),
			int64(oid), int64(0), pages, tuples, int64(0), int64(0),
			hasIndex, false, "p", kind, int64(natts), int64(0),
			false, false, false, false, false,
			true, "d", false, int64(0), int64(0), int64(0),
			nil, nil, nil}
	}
	// foreign keys are enforced by triggers on both tables: relhastriggers
	fkTables := map[string]bool{}
	for _, o := range objs {
		for _, f := range o.Fields {
			if f.Type == catalog.TypeReference && len(f.ReferenceTo) > 0 {
				if target, err := snap.Object(f.ReferenceTo[0]); err == nil {
					if _, err := target.Field("Id"); err == nil {
						fkTables[sqlName(o.Name)], fkTables[sqlName(target.Name)] = true, true
					}
				}
			}
		}
	}
	for _, o := range objs {
		tname := sqlName(o.Name)
		toid := oids[tname]
		row := classRow(toid, tname, oidPublic, toid+1, oidHeapAM, "r", len(o.Fields), true)
		row[20] = fkTables[tname] // relhastriggers
		class.rows = append(class.rows, row)
		class.rows = append(class.rows, classRow(toid+3, tname+"_pkey", oidPublic, 0, oidBtreeAM, "i", 1, false))
		// the table's row type and its array type
		typ.rows = append(typ.rows,
			[]any{int64(toid + 1), tname, int64(oidPublic), int64(oidOwner), int64(-1), false, "c", "C", false, true, ",",
				int64(toid), "-", int64(0), int64(toid + 2), "record_in", "record_out", "record_recv", "record_send",
				"-", "-", "-", "d", "x", false, int64(0), int64(-1), int64(0), int64(0), nil, nil, nil},
			[]any{int64(toid + 2), "_" + tname, int64(oidPublic), int64(oidOwner), int64(-1), false, "b", "A", false, true, ",",
				int64(0), "array_subscript_handler", int64(toid + 1), int64(0), "array_in", "array_out", "array_recv", "array_send",
				"-", "-", "array_typanalyze", "d", "x", false, int64(0), int64(-1), int64(0), int64(0), nil, nil, nil},
		)
		if o.Label != "" {
			desc.rows = append(desc.rows, []any{int64(toid), int64(oidPgClass), int64(0), o.Label})
		}
		idNum := 0
		for i, f := range o.Fields {
			t := TypeOfField(f)
			ti := builtinTypeByOID[t.OID]
			if ti == nil {
				ti = builtinTypeByOID[OIDText]
			}
			num := i + 1
			if strings.EqualFold(f.Name, "Id") {
				idNum = num
			}
			attr.rows = append(attr.rows, attrRow(toid, sqlName(f.Name), t, ti, num, !f.Nillable || strings.EqualFold(f.Name, "Id")))
			if f.Label != "" {
				desc.rows = append(desc.rows, []any{int64(toid), int64(oidPgClass), int64(num), f.Label})
			}
			fields.rows = append(fields.rows, fieldFactsRow(toid, o, f, num))
		}
		if idNum == 0 {
			continue // no Id field: no primary key
		}
		idType := Varchar(18)
		attr.rows = append(attr.rows, attrRow(toid+3, "id", idType, builtinTypeByOID[OIDVarchar], 1, false))
		index.rows = append(index.rows, []any{int64(toid + 3), int64(toid), int64(1), int64(1), true,
			false, true, false, true, false,
			true, false, true, true, false, jsonArray(idNum),
			jsonArray(oidDefaultCollation), jsonArray(oidTextOps), jsonArray(0), nil, nil})
		cons.rows = append(cons.rows, []any{int64(toid + 4), tname + "_pkey", int64(oidPublic), "p", false,
			false, true, int64(toid), int64(0), int64(toid + 3), int64(0), int64(0),
			" ", " ", " ", true, int64(0), true,
			jsonArray(idNum), nil, nil, nil, nil, nil,
			nil, nil})
	}
	// foreign keys: one per lookup field whose target is in the snapshot
	for _, o := range objs {
		tname := sqlName(o.Name)
		for i, f := range o.Fields {
			if f.Type != catalog.TypeReference || len(f.ReferenceTo) == 0 {
				continue
			}
			target, err := snap.Object(f.ReferenceTo[0])
			if err != nil || target.Fields == nil {
				continue
			}
			if _, err := target.Field("Id"); err != nil {
				continue
			}
			toid := oids[sqlName(target.Name)]
			targetID, _ := target.Field("Id")
			targetNum := 1
			for j, tf := range target.Fields {
				if tf == targetID {
					targetNum = j + 1
				}
			}
			cname := tname + "_" + sqlName(f.Name) + "_fkey"
			cons.rows = append(cons.rows, []any{int64(fkOID(tname + "." + sqlName(f.Name))), cname, int64(oidPublic), "f", false,
				false, true, int64(oids[tname]), int64(0), int64(toid + 3), int64(0), int64(toid),
				"a", "a", "s", true, int64(0), true,
				jsonArray(i + 1), jsonArray(targetNum), jsonArray(98), jsonArray(98), jsonArray(98), nil,
				nil, nil})
		}
	}
	for _, d := range infoSchemaDomains {
		if d.check == 0 {
			continue
		}
		cons.rows = append(cons.rows, []any{int64(d.check), d.checkName, int64(oidInformationSchema), "c", false,
			false, true, int64(0), int64(d.oid), int64(0), int64(0), int64(0),
			" ", " ", " ", true, int64(0), false,
			nil, nil, nil, nil, nil, nil,
			nil, nil})
	}
	all := []catTable{ns, class, attr, typ, index, cons, desc, fields}
	// the catalog's own tables with their real OIDs, so 'pg_class'::regclass
	// resolves and clients can read their columns like any table's
	for _, tb := range append(all, staticCatalog()...) {
		oid, ok := systemTableOIDs[tb.name]
		if !ok || tb.schema != "pg_catalog" {
			continue
		}
		all[1].rows = append(all[1].rows, classRow(oid, tb.name, oidPgCatalog, 0, oidHeapAM, "r", len(tb.cols), false))
		for i, c := range tb.cols {
			ti := builtinTypeByOID[c.Type.OID]
			if ti == nil {
				ti = builtinTypeByOID[OIDText]
			}
			notNull := !(c.Type.isArray() && c.Type.OID != OIDInt2Vector && c.Type.OID != OIDOIDVector) &&
				c.Type.OID != OIDText && c.Type.OID != OIDPgNodeTree
			all[2].rows = append(all[2].rows, attrRow(oid, c.Name, c.Type, ti, i+1, notNull))
		}
	}
	return all
}

// systemTableOIDs are the PostgreSQL 15 OIDs of the emulated catalog tables.
var systemTableOIDs = map[string]uint32{
	"pg_class": oidPgClass, "pg_attribute": 1249, "pg_type": oidPgType, "pg_namespace": oidPgNamespace,
	"pg_constraint": oidPgConstraint, "pg_proc": oidPgProc, "pg_description": 2609, "pg_index": 2610,
	"pg_attrdef": 2604, "pg_am": 2601, "pg_database": 1262, "pg_collation": 3456, "pg_enum": 3501,
	"pg_inherits": 2611, "pg_trigger": 2620, "pg_rewrite": 2618, "pg_depend": 2608, "pg_tablespace": 1213,
	"pg_authid": 1260, "pg_auth_members": 1261, "pg_sequence": 2224, "pg_opclass": 2616, "pg_extension": 3079,
	"pg_policy": 3256, "pg_statistic_ext": 3381, "pg_publication": 6104, "pg_publication_rel": 6106,
	"pg_publication_namespace": 6237, "pg_range": 3541, "pg_foreign_table": 3118, "pg_partitioned_table": 3350,
}

func attrRow(rel uint32, name string, t Type, ti *typeInfo, num int, notNull bool) []any {
	coll := int64(0)
	if t.isString() && t.OID != OIDChar && t.OID != OIDName {
		coll = oidDefaultCollation
	}
	return []any{int64(rel), name, int64(t.OID), int64(-1), int64(ti.length), int64(num),
		int64(0), int64(-1), int64(t.Typmod), ti.byval, ti.align, ti.storage,
		"", notNull, false, false, "", "",
		false, true, int64(0), coll, nil, nil,
		nil, nil}
}

func jsonArray(vals ...any) string {
	b, _ := json.Marshal(vals)
	return string(b)
}

// internalSchema holds soqlgate's own facts about fields; clients read them
// through information_schema.soqlgate_fields, a view that joins them to
// pg_class and pg_attribute.
const internalSchema = "soqlgate_internal"

var fieldFactsCols = spec(`attrelid oid, attnum int2,
	object_api_name text, object_label text, field_api_name text, field_label text, salesforce_type text,
	is_nillable bool, is_external_id bool, is_id_lookup bool, is_createable bool,
	is_updateable bool, is_unique bool, is_calculated bool, references_to text, relationship_name text,
	picklist_values text[], help_text text`)

func fieldFactsRow(rel uint32, o *catalog.Object, f *catalog.Field, num int) []any {
	var picks []any
	for _, p := range f.PicklistValues {
		if p.Active {
			picks = append(picks, p.Value)
		}
	}
	var pickJSON any
	if len(f.PicklistValues) > 0 {
		pickJSON = jsonArray(picks...)
	}
	var refs any
	if len(f.ReferenceTo) > 0 {
		refs = strings.Join(f.ReferenceTo, ",")
	}
	nullIfEmpty := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	return []any{int64(rel), int64(num),
		o.Name, o.Label, f.Name, f.Label, string(f.Type),
		f.Nillable, f.ExternalID, f.IDLookup, f.Createable,
		f.Updateable, f.Unique, f.Calculated, refs, nullIfEmpty(f.RelationshipName),
		pickJSON, nullIfEmpty(f.InlineHelpText)}
}

// staticCatalog is the part of pg_catalog that does not depend on the
// snapshot: settings, access methods, the database, roles, collations, and
// the long tail of tables clients join against, empty but with their columns.
func staticCatalog() []catTable {
	t := func(name, cols string, rows ...[]any) catTable {
		return catTable{schema: "pg_catalog", name: name, cols: spec(cols), rows: rows}
	}
	setting := func(name, value, unit, category, vartype string) []any {
		var u any
		if unit != "" {
			u = unit
		}
		return []any{name, value, u, category, "", nil, "user", vartype, "default", nil, nil, nil, value, value, nil, nil, false}
	}
	return []catTable{
		t("pg_am", "oid oid, amname name, amhandler regproc, amtype char",
			[]any{int64(oidHeapAM), "heap", "heap_tableam_handler", "t"},
			[]any{int64(oidBtreeAM), "btree", "bthandler", "i"}),
		t("pg_database", `oid oid, datname name, datdba oid, encoding int4, datlocprovider char, datistemplate bool,
			datallowconn bool, datconnlimit int4, datfrozenxid xid, datminmxid xid, dattablespace oid,
			datcollate text, datctype text, daticulocale text, datcollversion text, datacl aclitem[]`,
			[]any{int64(oidDatabase), databaseName, int64(oidOwner), int64(6), "c", false, true, int64(-1), int64(716), int64(1), int64(1663),
				"C.UTF-8", "C.UTF-8", nil, nil, nil}),
		t("pg_roles", `rolname name, rolsuper bool, rolinherit bool, rolcreaterole bool, rolcreatedb bool,
			rolcanlogin bool, rolreplication bool, rolconnlimit int4, rolpassword text, rolvaliduntil timestamptz,
			rolbypassrls bool, rolconfig text[], oid oid`,
			[]any{sessionUser, false, true, false, false, true, false, int64(-1), "********", nil, false, nil, int64(oidOwner)}),
		t("pg_user", `usename name, usesysid oid, usecreatedb bool, usesuper bool, userepl bool, usebypassrls bool,
			passwd text, valuntil timestamptz, useconfig text[]`,
			[]any{sessionUser, int64(oidOwner), false, false, false, false, "********", nil, nil}),
		t("pg_authid", `oid oid, rolname name, rolsuper bool, rolinherit bool, rolcreaterole bool, rolcreatedb bool,
			rolcanlogin bool, rolreplication bool, rolbypassrls bool, rolconnlimit int4, rolpassword text, rolvaliduntil timestamptz`,
			[]any{int64(oidOwner), sessionUser, false, true, false, false, true, false, false, int64(-1), nil, nil}),
		t("pg_settings", `name text, setting text, unit text, category text, short_desc text, extra_desc text,
			context text, vartype text, source text, min_val text, max_val text, enumvals text[], boot_val text,
			reset_val text, sourcefile text, sourceline int4, pending_restart bool`,
			setting("DateStyle", "ISO, MDY", "", "Client Connection Defaults / Locale and Formatting", "string"),
			setting("TimeZone", "UTC", "", "Client Connection Defaults / Locale and Formatting", "string"),
			setting("client_encoding", "UTF8", "", "Client Connection Defaults / Locale and Formatting", "string"),
			setting("integer_datetimes", "on", "", "Preset Options", "bool"),
			setting("max_identifier_length", "63", "", "Preset Options", "integer"),
			setting("max_index_keys", "32", "", "Preset Options", "integer"),
			setting("search_path", `"$user", public`, "", "Client Connection Defaults / Statement Behavior", "string"),
			setting("server_encoding", "UTF8", "", "Preset Options", "string"),
			setting("server_version", "15.0", "", "Preset Options", "string"),
			setting("server_version_num", "150000", "", "Preset Options", "integer"),
			setting("standard_conforming_strings", "on", "", "Version and Platform Compatibility / Previous PostgreSQL Versions", "bool"),
			setting("transaction_isolation", "read committed", "", "Client Connection Defaults / Statement Behavior", "enum")),
		t("pg_collation", `oid oid, collname name, collnamespace oid, collowner oid, collprovider char,
			collisdeterministic bool, collencoding int4, collcollate text, collctype text, colliculocale text, collversion text`,
			[]any{int64(100), "default", int64(oidPgCatalog), int64(oidOwner), "d", true, int64(-1), nil, nil, nil, nil},
			[]any{int64(950), "C", int64(oidPgCatalog), int64(oidOwner), "c", true, int64(-1), "C", "C", nil, nil},
			[]any{int64(951), "POSIX", int64(oidPgCatalog), int64(oidOwner), "c", true, int64(-1), "POSIX", "POSIX", nil, nil}),
		t("pg_tablespace", "oid oid, spcname name, spcowner oid, spcacl aclitem[], spcoptions text[]",
			[]any{int64(1663), "pg_default", int64(oidOwner), nil, nil},
			[]any{int64(1664), "pg_global", int64(oidOwner), nil, nil}),
		t("pg_proc", `oid oid, proname name, pronamespace oid, proowner oid, prolang oid, procost float4, prorows float4,
			provariadic oid, prosupport regproc, prokind char, prosecdef bool, proleakproof bool, proisstrict bool,
			proretset bool, provolatile char, proparallel char, pronargs int2, pronargdefaults int2, prorettype oid,
			proargtypes oidvector, proallargtypes oid[], proargmodes char[], proargnames text[], proargdefaults pg_node_tree,
			protrftypes oid[], prosrc text, probin text, prosqlbody pg_node_tree, proconfig text[], proacl aclitem[]`,
			procRow(750, "array_in", 2277, "2275 26 23"), procRow(2400, "array_recv", 2277, "2281 26 23"),
			procRow(751, "array_out", 2275, "2277")),
		t("pg_attrdef", "oid oid, adrelid oid, adnum int2, adbin pg_node_tree"),
		t("pg_inherits", "inhrelid oid, inhparent oid, inhseqno int4, inhdetachpending bool"),
		t("pg_enum", "oid oid, enumtypid oid, enumsortorder float4, enumlabel name"),
		t("pg_range", "rngtypid oid, rngsubtype oid, rngmultitypid oid, rngcollation oid, rngsubopc oid, rngcanonical regproc, rngsubdiff regproc"),
		t("pg_sequence", "seqrelid oid, seqtypid oid, seqstart int8, seqincrement int8, seqmax int8, seqmin int8, seqcache int8, seqcycle bool"),
		t("pg_opclass", "oid oid, opcmethod oid, opcname name, opcnamespace oid, opcowner oid, opcfamily oid, opcintype oid, opcdefault bool, opckeytype oid",
			[]any{int64(oidTextOps), int64(oidBtreeAM), "text_ops", int64(oidPgCatalog), int64(oidOwner), int64(1994), int64(25), true, int64(0)}),
		t("pg_policy", "oid oid, polname name, polrelid oid, polcmd char, polpermissive bool, polroles oid[], polqual pg_node_tree, polwithcheck pg_node_tree"),
		t("pg_trigger", `oid oid, tgrelid oid, tgparentid oid, tgname name, tgfoid oid, tgtype int2, tgenabled char,
			tgisinternal bool, tgconstrrelid oid, tgconstrindid oid, tgconstraint oid, tgdeferrable bool, tginitdeferred bool,
			tgnargs int2, tgattr int2vector, tgargs bytea, tgqual pg_node_tree, tgoldtable name, tgnewtable name`),
		t("pg_statistic_ext", "oid oid, stxrelid oid, stxname name, stxnamespace oid, stxowner oid, stxstattarget int4, stxkeys int2vector, stxkind char[], stxexprs pg_node_tree"),
		t("pg_publication", "oid oid, pubname name, pubowner oid, puballtables bool, pubinsert bool, pubupdate bool, pubdelete bool, pubtruncate bool, pubviaroot bool"),
		t("pg_publication_rel", "oid oid, prpubid oid, prrelid oid, prqual pg_node_tree, prattrs int2vector"),
		t("pg_publication_namespace", "oid oid, pnpubid oid, pnnspid oid"),
		t("pg_rewrite", "oid oid, rulename name, ev_class oid, ev_type char, ev_enabled char, is_instead bool, ev_qual pg_node_tree, ev_action pg_node_tree"),
		t("pg_depend", "classid oid, objid oid, objsubid int4, refclassid oid, refobjid oid, refobjsubid int4, deptype char"),
		t("pg_extension", "oid oid, extname name, extowner oid, extnamespace oid, extrelocatable bool, extversion text, extconfig oid[], extcondition text[]"),
		t("pg_auth_members", "roleid oid, member oid, grantor oid, admin_option bool"),
		t("pg_foreign_table", "ftrelid oid, ftserver oid, ftoptions text[]"),
		t("pg_partitioned_table", "partrelid oid, partstrat char, partnatts int2, partdefid oid, partattrs int2vector, partclass oidvector, partcollation oidvector, partexprs pg_node_tree"),
		t("pg_matviews", "schemaname name, matviewname name, matviewowner name, tablespace name, hasindexes bool, ispopulated bool, definition text"),
		t("pg_views", "schemaname name, viewname name, viewowner name, definition text"),
	}
}

func procArgs(s string) []any {
	var out []any
	for _, f := range strings.Fields(s) {
		out = append(out, json.Number(f))
	}
	return out
}

func procRow(oid uint32, name string, ret uint32, args string) []any {
	n := len(strings.Fields(args))
	return []any{int64(oid), name, int64(oidPgCatalog), int64(oidOwner), int64(12), float64(1), float64(0),
		int64(0), "-", "f", false, false, true,
		false, "s", "s", int64(n), int64(0), int64(ret),
		args, nil, nil, nil, nil,
		nil, name, nil, nil, nil, nil}
}

// catalogViews are PostgreSQL views over the tables above; they are
// translated like any query when referenced.
var catalogViews = []struct{ schema, name, sql string }{
	{"pg_catalog", "pg_tables", `SELECT n.nspname AS schemaname, c.relname AS tablename, pg_get_userbyid(c.relowner) AS tableowner,
		NULL::name AS tablespace, c.relhasindex AS hasindexes, c.relhasrules AS hasrules, c.relhastriggers AS hastriggers,
		c.relrowsecurity AS rowsecurity
		FROM pg_class c LEFT JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')`},
	{"pg_catalog", "pg_stat_user_tables", `SELECT c.oid AS relid, n.nspname AS schemaname, c.relname AS relname,
		0::bigint AS seq_scan, 0::bigint AS n_live_tup, 0::bigint AS n_dead_tup
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = 'public'`},
	{"information_schema", "schemata", `SELECT current_database()::name AS catalog_name, n.nspname AS schema_name,
		pg_get_userbyid(n.nspowner)::name AS schema_owner, NULL::name AS default_character_set_catalog,
		NULL::name AS default_character_set_schema, NULL::name AS default_character_set_name, NULL::varchar AS sql_path
		FROM pg_namespace n WHERE n.nspname <> 'pg_toast'`},
	{"information_schema", "tables", `SELECT current_database()::name AS table_catalog, n.nspname AS table_schema,
		c.relname AS table_name,
		CASE WHEN n.nspname = 'pg_catalog' OR n.nspname = 'information_schema' THEN 'SYSTEM TABLE' WHEN c.relkind = 'v' THEN 'VIEW' ELSE 'BASE TABLE' END::varchar AS table_type,
		NULL::name AS self_referencing_column_name, NULL::varchar AS reference_generation,
		NULL::name AS user_defined_type_catalog, NULL::name AS user_defined_type_schema, NULL::name AS user_defined_type_name,
		'NO'::varchar(3) AS is_insertable_into, 'NO'::varchar(3) AS is_typed, NULL::varchar AS commit_action
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'v', 'p') AND n.nspname = 'public'`},
	{"information_schema", "columns", `SELECT current_database()::name AS table_catalog, n.nspname AS table_schema,
		c.relname AS table_name, a.attname AS column_name, a.attnum::int AS ordinal_position,
		NULL::varchar AS column_default,
		CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END::varchar(3) AS is_nullable,
		CASE WHEN t.typcategory = 'A' THEN 'ARRAY' ELSE format_type(a.atttypid, NULL) END::varchar AS data_type,
		information_schema._pg_char_max_length(a.atttypid, a.atttypmod) AS character_maximum_length,
		information_schema._pg_char_octet_length(a.atttypid, a.atttypmod) AS character_octet_length,
		information_schema._pg_numeric_precision(a.atttypid, a.atttypmod) AS numeric_precision,
		information_schema._pg_numeric_precision_radix(a.atttypid, a.atttypmod) AS numeric_precision_radix,
		information_schema._pg_numeric_scale(a.atttypid, a.atttypmod) AS numeric_scale,
		information_schema._pg_datetime_precision(a.atttypid, a.atttypmod) AS datetime_precision,
		NULL::varchar AS interval_type, NULL::int AS interval_precision,
		NULL::name AS character_set_catalog, NULL::name AS character_set_schema, NULL::name AS character_set_name,
		CASE WHEN a.attcollation <> 0 THEN current_database() END::name AS collation_catalog,
		CASE WHEN a.attcollation <> 0 THEN 'pg_catalog' END::name AS collation_schema,
		CASE WHEN a.attcollation <> 0 THEN 'default' END::name AS collation_name,
		current_database()::name AS domain_catalog, NULL::name AS domain_schema, NULL::name AS domain_name,
		current_database()::name AS udt_catalog, 'pg_catalog'::name AS udt_schema, t.typname AS udt_name,
		NULL::name AS scope_catalog, NULL::name AS scope_schema, NULL::name AS scope_name,
		NULL::int AS maximum_cardinality, a.attnum::text::name AS dtd_identifier, 'NO'::varchar(3) AS is_self_referencing,
		'NO'::varchar(3) AS is_identity, NULL::varchar AS identity_generation, NULL::varchar AS identity_start,
		NULL::varchar AS identity_increment, NULL::varchar AS identity_maximum, NULL::varchar AS identity_minimum,
		NULL::varchar(3) AS identity_cycle, 'NEVER'::varchar AS is_generated, NULL::varchar AS generation_expression,
		'NO'::varchar(3) AS is_updatable
		FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		JOIN pg_type t ON t.oid = a.atttypid
		WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'v', 'p') AND n.nspname = 'public'`},
	{"information_schema", "table_constraints", `SELECT current_database()::name AS constraint_catalog, n.nspname AS constraint_schema,
		con.conname AS constraint_name, current_database()::name AS table_catalog, n.nspname AS table_schema,
		c.relname AS table_name,
		CASE con.contype WHEN 'p' THEN 'PRIMARY KEY' WHEN 'f' THEN 'FOREIGN KEY' WHEN 'u' THEN 'UNIQUE' WHEN 'c' THEN 'CHECK' END::varchar AS constraint_type,
		'NO'::varchar(3) AS is_deferrable, 'NO'::varchar(3) AS initially_deferred, 'YES'::varchar(3) AS enforced,
		NULL::varchar(3) AS nulls_distinct
		FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = con.connamespace`},
	{"information_schema", "key_column_usage", `SELECT current_database()::name AS constraint_catalog, n.nspname AS constraint_schema,
		con.conname AS constraint_name, current_database()::name AS table_catalog, n.nspname AS table_schema,
		c.relname AS table_name, a.attname AS column_name, 1 AS ordinal_position,
		CASE WHEN con.contype = 'f' THEN 1 END AS position_in_unique_constraint
		FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = con.connamespace
		JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = information_schema._pg_first_key(con.conkey)
		WHERE con.contype IN ('p', 'u', 'f')`},
	{"information_schema", "referential_constraints", `SELECT current_database()::name AS constraint_catalog, n.nspname AS constraint_schema,
		con.conname AS constraint_name, current_database()::name AS unique_constraint_catalog, n.nspname AS unique_constraint_schema,
		pk.conname AS unique_constraint_name, 'NONE'::varchar AS match_option, 'NO ACTION'::varchar AS update_rule,
		'NO ACTION'::varchar AS delete_rule
		FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
		JOIN pg_constraint pk ON pk.conrelid = con.confrelid AND pk.contype = 'p'
		WHERE con.contype = 'f'`},
	{"information_schema", "constraint_column_usage", `SELECT current_database()::name AS table_catalog, n.nspname AS table_schema,
		c.relname AS table_name, a.attname AS column_name, current_database()::name AS constraint_catalog,
		n.nspname AS constraint_schema, con.conname AS constraint_name
		FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
		JOIN pg_class c ON c.oid = CASE WHEN con.contype = 'f' THEN con.confrelid ELSE con.conrelid END
		JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = information_schema._pg_first_key(CASE WHEN con.contype = 'f' THEN con.confkey ELSE con.conkey END)
		WHERE con.contype IN ('p', 'u', 'f')`},
	{"information_schema", "soqlgate_fields", `SELECT n.nspname AS table_schema, c.relname AS table_name,
		a.attname AS column_name, a.attnum::int AS ordinal_position, f.object_api_name, f.object_label,
		f.field_api_name, f.field_label, f.salesforce_type, format_type(a.atttypid, a.atttypmod) AS sql_type,
		f.is_nillable, f.is_external_id, f.is_id_lookup, f.is_createable, f.is_updateable, f.is_unique,
		f.is_calculated, f.references_to, f.relationship_name, f.picklist_values, f.help_text
		FROM soqlgate_internal.field_facts f JOIN pg_class c ON c.oid = f.attrelid
		JOIN pg_attribute a ON a.attrelid = f.attrelid AND a.attnum = f.attnum
		JOIN pg_namespace n ON n.oid = c.relnamespace`},
	{"information_schema", "views", `SELECT NULL::name AS table_catalog, NULL::name AS table_schema, NULL::name AS table_name,
		NULL::varchar AS view_definition, NULL::varchar AS check_option, NULL::varchar(3) AS is_updatable,
		NULL::varchar(3) AS is_insertable_into, NULL::varchar(3) AS is_trigger_updatable,
		NULL::varchar(3) AS is_trigger_deletable, NULL::varchar(3) AS is_trigger_insertable_into
		WHERE false`},
}

// catalogIndexes are the keys clients join the big catalog tables on.
var catalogIndexes = map[string][]string{
	"pg_class":       {"oid", "relname"},
	"pg_attribute":   {"attrelid, attnum"},
	"pg_type":        {"oid"},
	"pg_constraint":  {"conrelid", "oid"},
	"pg_description": {"objoid, objsubid"},
	"pg_index":       {"indrelid", "indexrelid"},
}

// LoadCatalog builds (or rebuilds, when snap differs from the last one
// loaded) the pg_catalog and information_schema relations. Queries
// translated before the swap keep reading the tables they were given;
// the old tables are dropped afterwards.
func (db *DB) LoadCatalog(ctx context.Context, snap *catalog.Snapshot) error {
	db.catMu.Lock()
	defer db.catMu.Unlock()
	if db.snap == snap && snap != nil {
		return nil
	}
	db.catGen++
	prefix := fmt.Sprintf("cat%d_", db.catGen)
	tables := append(catalogRows(snap), staticCatalog()...)
	rels := map[string]*relation{}
	for _, tb := range tables {
		name := prefix + tb.schema + "__" + tb.name
		if err := db.createTable(ctx, name, tb.cols, rowsOf(tb.rows)); err != nil {
			return fmt.Errorf("localsql: build %s.%s: %w", tb.schema, tb.name, err)
		}
		for i, key := range catalogIndexes[tb.name] {
			idx := fmt.Sprintf("%s_i%d", name, i)
			if _, err := db.db.ExecContext(ctx, "CREATE INDEX "+quoteIdent(idx)+" ON "+quoteIdent(name)+" ("+key+")"); err != nil {
				return fmt.Errorf("localsql: index %s.%s: %w", tb.schema, tb.name, err)
			}
		}
		rels[relKey(tb.schema, tb.name)] = &relation{sqlName: name, cols: tb.cols}
	}
	for _, v := range catalogViews {
		rels[relKey(v.schema, v.name)] = &relation{viewSQL: v.sql, viewSchema: v.schema}
	}
	db.mu.Lock()
	old := db.catRels
	for k := range old {
		delete(db.rels, k)
	}
	for k, r := range rels {
		db.rels[k] = r
	}
	db.catRels = rels
	db.snap = snap
	db.catSnapOIDs = objectOIDs(snap.Objects())
	db.mu.Unlock()
	db.version.Add(1)
	// the generation before the one just replaced goes now; the replaced one
	// stays until the next rebuild, for statements translated against it
	// (a statement that still misses its tables is translated again)
	for _, name := range db.catRetired {
		db.db.ExecContext(ctx, "DROP TABLE IF EXISTS "+quoteIdent(name))
	}
	db.catRetired = db.catRetired[:0]
	for _, r := range old {
		if r.sqlName != "" {
			db.catRetired = append(db.catRetired, r.sqlName)
		}
	}
	return nil
}
