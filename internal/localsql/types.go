package localsql

import (
	"fmt"
	"strconv"
	"strings"
)

// Type is a PostgreSQL type: its builtin OID and type modifier (-1 when
// none). Result columns, parameters and loaded row sets are typed with it, so
// a client can be told the types of a statement before it runs.
type Type struct {
	OID    uint32
	Typmod int32
}

// Builtin type OIDs (PostgreSQL 15, pg_type.dat).
const (
	OIDBool         uint32 = 16
	OIDBytea        uint32 = 17
	OIDChar         uint32 = 18
	OIDName         uint32 = 19
	OIDInt8         uint32 = 20
	OIDInt2         uint32 = 21
	OIDInt2Vector   uint32 = 22
	OIDInt4         uint32 = 23
	OIDRegproc      uint32 = 24
	OIDText         uint32 = 25
	OIDOID          uint32 = 26
	OIDOIDVector    uint32 = 30
	OIDJSON         uint32 = 114
	OIDPgNodeTree   uint32 = 194
	OIDFloat4       uint32 = 700
	OIDFloat8       uint32 = 701
	OIDUnknown      uint32 = 705
	OIDInt2Array    uint32 = 1005
	OIDInt4Array    uint32 = 1007
	OIDTextArray    uint32 = 1009
	OIDOIDArray     uint32 = 1028
	OIDAclArray     uint32 = 1034
	OIDBpchar       uint32 = 1042
	OIDVarchar      uint32 = 1043
	OIDDate         uint32 = 1082
	OIDTime         uint32 = 1083
	OIDTimestamp    uint32 = 1114
	OIDTimestamptz  uint32 = 1184
	OIDInterval     uint32 = 1186
	OIDNumeric      uint32 = 1700
	OIDRegclass     uint32 = 2205
	OIDRegtype      uint32 = 2206
	OIDRegnamespace uint32 = 4089
	OIDRecord       uint32 = 2249
	OIDXid          uint32 = 28
	OIDAnyArray     uint32 = 2277
	OIDBoolArray    uint32 = 1000
	OIDJSONB        uint32 = 3802
	OIDCharArray    uint32 = 1002
	OIDNameArray    uint32 = 1003
)

// Common types without a modifier.
var (
	TBool        = Type{OIDBool, -1}
	TInt2        = Type{OIDInt2, -1}
	TInt4        = Type{OIDInt4, -1}
	TInt8        = Type{OIDInt8, -1}
	TNumeric     = Type{OIDNumeric, -1}
	TFloat4      = Type{OIDFloat4, -1}
	TFloat8      = Type{OIDFloat8, -1}
	TText        = Type{OIDText, -1}
	TVarchar     = Type{OIDVarchar, -1}
	TName        = Type{OIDName, -1}
	TChar        = Type{OIDChar, -1}
	TOID         = Type{OIDOID, -1}
	TDate        = Type{OIDDate, -1}
	TTime        = Type{OIDTime, -1}
	TTimestamp   = Type{OIDTimestamp, -1}
	TTimestamptz = Type{OIDTimestamptz, -1}
	TInterval    = Type{OIDInterval, -1}
	TBytea       = Type{OIDBytea, -1}
	TJSON        = Type{OIDJSON, -1}
	TJSONB       = Type{OIDJSONB, -1}
	TUnknown     = Type{OIDUnknown, -1}
)

// Varchar returns varchar(n).
func Varchar(n int) Type { return Type{OIDVarchar, int32(n) + 4} }

// Numeric returns numeric(precision, scale).
func Numeric(precision, scale int) Type {
	return Type{OIDNumeric, int32(precision<<16|scale) + 4}
}

// storage is how a value of a type is kept in SQLite. regproc values are
// kept as the function's name: the emulated pg_proc is a small subset.
type storage int

const (
	stText     storage = iota // TEXT, byte order
	stInt                     // INTEGER (ints, oids, booleans 0/1)
	stBool                    // INTEGER 0/1
	stNumeric                 // TEXT canonical decimal, collation pgnum
	stFloat                   // REAL
	stDate                    // INTEGER days since 1970-01-01
	stTS                      // INTEGER microseconds since 1970-01-01 00:00 (UTC for timestamptz)
	stTime                    // INTEGER microseconds since midnight
	stInterval                // TEXT "months days micros"
	stBlob                    // BLOB
)

func (t Type) storage() storage {
	switch t.OID {
	case OIDBool:
		return stBool
	case OIDInt2, OIDInt4, OIDInt8, OIDOID, OIDRegclass, OIDRegtype, OIDRegnamespace, OIDXid:
		return stInt
	case OIDNumeric:
		return stNumeric
	case OIDFloat4, OIDFloat8:
		return stFloat
	case OIDDate:
		return stDate
	case OIDTimestamp, OIDTimestamptz:
		return stTS
	case OIDTime:
		return stTime
	case OIDInterval:
		return stInterval
	case OIDBytea:
		return stBlob
	}
	return stText
}

// category is PostgreSQL's typcategory, used for operator resolution.
func (t Type) category() byte {
	switch t.OID {
	case OIDBool:
		return 'B'
	case OIDInt2, OIDInt4, OIDInt8, OIDNumeric, OIDFloat4, OIDFloat8, OIDOID, OIDRegclass, OIDRegtype, OIDRegnamespace:
		return 'N'
	case OIDDate, OIDTimestamp, OIDTimestamptz, OIDTime:
		return 'D'
	case OIDInterval:
		return 'T'
	case OIDUnknown:
		return 'X'
	case OIDText, OIDVarchar, OIDBpchar, OIDName, OIDChar:
		return 'S'
	}
	if t.isArray() {
		return 'A'
	}
	return 'U'
}

func (t Type) isArray() bool {
	switch t.OID {
	case OIDInt2Array, OIDInt4Array, OIDTextArray, OIDOIDArray, OIDAclArray, OIDCharArray, OIDNameArray, OIDInt2Vector, OIDOIDVector,
		OIDBoolArray, OIDAnyArray:
		return true
	}
	return false
}

func (t Type) isString() bool { return t.category() == 'S' }

// numRank orders numeric types for implicit widening.
func (t Type) numRank() int {
	switch t.OID {
	case OIDInt2:
		return 1
	case OIDInt4, OIDOID:
		return 2
	case OIDInt8:
		return 3
	case OIDNumeric:
		return 4
	case OIDFloat4:
		return 5
	case OIDFloat8:
		return 6
	}
	return 0
}

func (t Type) isInt() bool { r := t.numRank(); return r >= 1 && r <= 3 }

// typeNames maps the names a cast may use to types.
var typeNames = map[string]Type{
	"bool": TBool, "boolean": TBool,
	"int2": TInt2, "smallint": TInt2,
	"int4": TInt4, "int": TInt4, "integer": TInt4,
	"int8": TInt8, "bigint": TInt8,
	"numeric": TNumeric, "decimal": TNumeric,
	"float4": TFloat4, "real": TFloat4,
	"float8": TFloat8, "double precision": TFloat8, "float": TFloat8,
	"text": TText, "varchar": TVarchar, "character varying": TVarchar,
	"bpchar": {OIDBpchar, -1}, "char": {OIDBpchar, 5}, "character": {OIDBpchar, 5},
	"name": TName, "oid": TOID, "regclass": {OIDRegclass, -1}, "regtype": {OIDRegtype, -1}, "regproc": {OIDRegproc, -1},
	"regnamespace": {OIDRegnamespace, -1}, "record": {OIDRecord, -1}, "xid": {OIDXid, -1},
	"anyarray": {OIDAnyArray, -1}, "_bool": {OIDBoolArray, -1},
	"date": TDate, "time": TTime, "timestamp": TTimestamp, "timestamptz": TTimestamptz,
	"interval": TInterval, "bytea": TBytea, "json": TJSON, "jsonb": TJSONB,
	"int2vector": {OIDInt2Vector, -1}, "oidvector": {OIDOIDVector, -1},
	"_text": {OIDTextArray, -1}, "_int2": {OIDInt2Array, -1}, "_int4": {OIDInt4Array, -1}, "_oid": {OIDOIDArray, -1},
	"_char": {OIDCharArray, -1}, "_name": {OIDNameArray, -1}, "_aclitem": {OIDAclArray, -1},
	"pg_node_tree": {OIDPgNodeTree, -1}, "unknown": TUnknown,
}

// arrayOf maps element types to their array types.
var arrayOf = map[uint32]uint32{
	OIDText: OIDTextArray, OIDVarchar: OIDTextArray, OIDName: OIDNameArray, OIDInt2: OIDInt2Array,
	OIDInt4: OIDInt4Array, OIDOID: OIDOIDArray, OIDChar: OIDCharArray, OIDBool: OIDBoolArray,
}

// elemOf maps array types to their element types.
var elemOf = map[uint32]Type{
	OIDTextArray: TText, OIDNameArray: TName, OIDInt2Array: TInt2, OIDInt4Array: TInt4,
	OIDOIDArray: TOID, OIDCharArray: TChar, OIDInt2Vector: TInt2, OIDOIDVector: TOID, OIDAclArray: TText,
	OIDBoolArray: TBool, OIDAnyArray: TText,
}

// builtinTypeName is pg_type.typname of each builtin type used here.
var builtinTypeName = map[uint32]string{
	OIDBool: "bool", OIDBytea: "bytea", OIDChar: "char", OIDName: "name", OIDInt8: "int8", OIDInt2: "int2",
	OIDInt2Vector: "int2vector", OIDInt4: "int4", OIDRegproc: "regproc", OIDText: "text", OIDOID: "oid",
	OIDOIDVector: "oidvector", OIDJSON: "json", OIDPgNodeTree: "pg_node_tree", OIDFloat4: "float4",
	OIDFloat8: "float8", OIDUnknown: "unknown", OIDInt2Array: "_int2", OIDInt4Array: "_int4",
	OIDTextArray: "_text", OIDOIDArray: "_oid", OIDAclArray: "_aclitem", OIDBpchar: "bpchar",
	OIDVarchar: "varchar", OIDDate: "date", OIDTime: "time", OIDTimestamp: "timestamp",
	OIDTimestamptz: "timestamptz", OIDInterval: "interval", OIDNumeric: "numeric", OIDRegclass: "regclass",
	OIDRegtype: "regtype", OIDRegnamespace: "regnamespace", OIDXid: "xid", OIDAnyArray: "anyarray", OIDBoolArray: "_bool", OIDRecord: "record", OIDJSONB: "jsonb", OIDCharArray: "_char", OIDNameArray: "_name",
}

// Name is pg_type.typname (what PostgreSQL names a cast's result column).
func (t Type) Name() string {
	if n, ok := builtinTypeName[t.OID]; ok {
		return n
	}
	return strconv.FormatUint(uint64(t.OID), 10)
}

// FormatType is PostgreSQL's format_type(oid, typmod).
func FormatType(oid uint32, typmod int32) string {
	mod := typmod
	switch oid {
	case OIDBool:
		return "boolean"
	case OIDInt2:
		return "smallint"
	case OIDInt4:
		return "integer"
	case OIDInt8:
		return "bigint"
	case OIDFloat4:
		return "real"
	case OIDFloat8:
		return "double precision"
	case OIDChar:
		return `"char"`
	case OIDVarchar:
		if mod >= 4 {
			return fmt.Sprintf("character varying(%d)", mod-4)
		}
		return "character varying"
	case OIDBpchar:
		if mod >= 4 {
			return fmt.Sprintf("character(%d)", mod-4)
		}
		return "bpchar"
	case OIDNumeric:
		if mod >= 4 {
			m := mod - 4
			return fmt.Sprintf("numeric(%d,%d)", (m>>16)&0xffff, m&0xffff)
		}
		return "numeric"
	case OIDTimestamp:
		if mod >= 0 {
			return fmt.Sprintf("timestamp(%d) without time zone", mod)
		}
		return "timestamp without time zone"
	case OIDTimestamptz:
		if mod >= 0 {
			return fmt.Sprintf("timestamp(%d) with time zone", mod)
		}
		return "timestamp with time zone"
	case OIDTime:
		if mod >= 0 {
			return fmt.Sprintf("time(%d) without time zone", mod)
		}
		return "time without time zone"
	}
	if el, ok := elemOf[oid]; ok && oid != OIDInt2Vector && oid != OIDOIDVector {
		if oid == OIDAclArray {
			return "aclitem[]"
		}
		return FormatType(el.OID, -1) + "[]"
	}
	if n, ok := builtinTypeName[oid]; ok {
		return n
	}
	return "???"
}

// String is the type as format_type spells it.
func (t Type) String() string { return FormatType(t.OID, t.Typmod) }

// numericScale is the declared scale of numeric(p,s), or -1.
func (t Type) numericScale() int {
	if t.OID != OIDNumeric || t.Typmod < 4 {
		return -1
	}
	return int((t.Typmod - 4) & 0xffff)
}

func (t Type) numericPrecision() int {
	if t.OID != OIDNumeric || t.Typmod < 4 {
		return -1
	}
	return int(((t.Typmod - 4) >> 16) & 0xffff)
}

// charLength is n of varchar(n)/char(n), or -1.
func (t Type) charLength() int {
	if (t.OID == OIDVarchar || t.OID == OIDBpchar) && t.Typmod >= 4 {
		return int(t.Typmod - 4)
	}
	return -1
}

// sqliteDecl is the column declaration used for a loaded column of type t.
func (t Type) sqliteDecl() string {
	switch t.storage() {
	case stInt, stBool, stDate, stTS, stTime:
		return "INTEGER"
	case stFloat:
		return "REAL"
	case stNumeric:
		return `TEXT COLLATE "pgnum"`
	case stInterval:
		return `TEXT COLLATE "pginterval"`
	case stBlob:
		return "BLOB"
	}
	return "TEXT"
}

func lower(s string) string { return strings.ToLower(s) }
