package catalog

import (
	"encoding/json"
	"reflect"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// PostgreSQL type OIDs used by the type table (pg_type.oid in PostgreSQL 15).
const (
	OIDBool        uint32 = 16
	OIDBytea       uint32 = 17
	OIDInt8        uint32 = 20
	OIDInt4        uint32 = 23
	OIDText        uint32 = 25
	OIDJSON        uint32 = 114
	OIDVarchar     uint32 = 1043
	OIDDate        uint32 = 1082
	OIDTime        uint32 = 1083
	OIDTimestamptz uint32 = 1184
	OIDNumeric     uint32 = 1700
)

// SQLType is the SQL type of one field, with everything the faces need to
// describe a column: DDL spelling, pg_type name, OID, typmod, sizes and the
// Go type a value scans into.
type SQLType struct {
	// Name is the type as written in DDL: "varchar(18)", "numeric(18,2)",
	// "integer", "timestamptz", "text".
	Name string
	// Base is the pg_type.typname: "varchar", "numeric", "int4", "timestamptz".
	Base string
	// Format is what PostgreSQL's format_type(oid, typmod) prints:
	// "character varying(18)", "numeric(18,2)", "timestamp with time zone".
	Format string
	OID    uint32
	// Typmod is pg_attribute.atttypmod: varchar(n) → n+4, numeric(p,s) →
	// (p<<16 | s) + 4, -1 when the type has no modifier.
	Typmod int32
	// Length is the maximum length in characters of a varchar; 0 otherwise.
	Length int
	// Precision and Scale are a numeric's; 0 otherwise.
	Precision, Scale int
	// ScanType is the Go type of a non-NULL value.
	ScanType reflect.Type
}

// Sizing says how a type mapping takes its modifier from the field.
type Sizing uint8

// The sizings.
const (
	SizeNone           Sizing = iota // no modifier
	SizeID                           // varchar(18), always
	SizeLength                       // varchar(Field.Length); plain varchar when Length is 0
	SizePrecisionScale               // numeric(Field.Precision, Field.Scale); plain numeric when Precision is 0
)

// TypeMapping is one row of the type table.
type TypeMapping struct {
	Type     FieldType
	SQL      string // the SQL type as ARCHITECTURE.md writes it: "varchar(length)"
	Base     string // pg_type.typname
	OID      uint32
	Sizing   Sizing
	ScanType reflect.Type
}

var (
	scanString  = reflect.TypeFor[string]()
	scanBool    = reflect.TypeFor[bool]()
	scanInt32   = reflect.TypeFor[int32]()
	scanInt64   = reflect.TypeFor[int64]()
	scanDecimal = reflect.TypeFor[decimal.Decimal]()
	scanDate    = reflect.TypeFor[Date]()
	scanTime    = reflect.TypeFor[time.Time]()
	scanTimeDay = reflect.TypeFor[TimeOfDay]()
	scanBytes   = reflect.TypeFor[[]byte]()
	scanJSON    = reflect.TypeFor[json.RawMessage]()
)

// typeTable is the one Salesforce → SQL type table (ARCHITECTURE.md).
//
// Beyond ARCHITECTURE.md's list: long → bigint; anyType (History
// OldValue / NewValue, whose value may be of any type) → text;
// complexvalue → json; datacategorygroupreference → varchar(length).
// An int field with more than 9 digits becomes bigint (see TypeOf).
var typeTable = []TypeMapping{
	{TypeID, "varchar(18)", "varchar", OIDVarchar, SizeID, scanString},
	{TypeReference, "varchar(18)", "varchar", OIDVarchar, SizeID, scanString},
	{TypeString, "varchar(length)", "varchar", OIDVarchar, SizeLength, scanString},
	{TypeTextArea, "varchar(length)", "varchar", OIDVarchar, SizeLength, scanString},
	{TypeEmail, "varchar(length)", "varchar", OIDVarchar, SizeLength, scanString},
	{TypePhone, "varchar(length)", "varchar", OIDVarchar, SizeLength, scanString},
	{TypeURL, "varchar(length)", "varchar", OIDVarchar, SizeLength, scanString},
	{TypePicklist, "varchar(length)", "varchar", OIDVarchar, SizeLength, scanString},
	{TypeCombobox, "varchar(length)", "varchar", OIDVarchar, SizeLength, scanString},
	{TypeEncryptedString, "varchar(length)", "varchar", OIDVarchar, SizeLength, scanString},
	{TypeDataCategoryGroupReference, "varchar(length)", "varchar", OIDVarchar, SizeLength, scanString},
	{TypeMultiPicklist, "text", "text", OIDText, SizeNone, scanString},
	{TypeBoolean, "boolean", "bool", OIDBool, SizeNone, scanBool},
	{TypeInt, "integer", "int4", OIDInt4, SizeNone, scanInt32},
	{TypeLong, "bigint", "int8", OIDInt8, SizeNone, scanInt64},
	{TypeDouble, "numeric(precision,scale)", "numeric", OIDNumeric, SizePrecisionScale, scanDecimal},
	{TypeCurrency, "numeric(precision,scale)", "numeric", OIDNumeric, SizePrecisionScale, scanDecimal},
	{TypePercent, "numeric(precision,scale)", "numeric", OIDNumeric, SizePrecisionScale, scanDecimal},
	{TypeDate, "date", "date", OIDDate, SizeNone, scanDate},
	{TypeDateTime, "timestamptz", "timestamptz", OIDTimestamptz, SizeNone, scanTime},
	{TypeTime, "time", "time", OIDTime, SizeNone, scanTimeDay},
	{TypeBase64, "bytea", "bytea", OIDBytea, SizeNone, scanBytes},
	{TypeAddress, "json", "json", OIDJSON, SizeNone, scanJSON},
	{TypeLocation, "json", "json", OIDJSON, SizeNone, scanJSON},
	{TypeComplexValue, "json", "json", OIDJSON, SizeNone, scanJSON},
	{TypeAnyType, "text", "text", OIDText, SizeNone, scanString},
}

// fallback is the mapping of a type the table does not know.
var fallback = TypeMapping{"", "text", "text", OIDText, SizeNone, scanString}

var byType = func() map[FieldType]*TypeMapping {
	m := make(map[FieldType]*TypeMapping, len(typeTable))
	for i := range typeTable {
		m[typeTable[i].Type] = &typeTable[i]
	}
	return m
}()

// TypeTable returns the type table, one row per known describe type. The
// slice is the caller's.
func TypeTable() []TypeMapping {
	out := make([]TypeMapping, len(typeTable))
	copy(out, typeTable)
	return out
}

// KnownType reports whether t is in the type table.
func KnownType(t FieldType) bool {
	_, ok := byType[t]
	return ok
}

// maxIntDigits is the most digits an int4 always holds.
const maxIntDigits = 9

// TypeOf maps a field to its SQL type by the type table, sized by the
// field's length, precision and scale.
func TypeOf(f *Field) SQLType {
	m, ok := byType[f.Type]
	if !ok {
		m = &fallback
	}
	if f.Type == TypeInt && f.Digits > maxIntDigits {
		m = byType[TypeLong]
	}
	switch m.Sizing {
	case SizeID:
		return varchar(18)
	case SizeLength:
		if f.Length <= 0 {
			return SQLType{Name: "varchar", Base: "varchar", Format: "character varying", OID: OIDVarchar, Typmod: -1, ScanType: scanString}
		}
		return varchar(f.Length)
	case SizePrecisionScale:
		if f.Precision <= 0 {
			return SQLType{Name: "numeric", Base: "numeric", Format: "numeric", OID: OIDNumeric, Typmod: -1, ScanType: scanDecimal}
		}
		p, s := f.Precision, min(max(f.Scale, 0), f.Precision)
		name := "numeric(" + strconv.Itoa(p) + "," + strconv.Itoa(s) + ")"
		return SQLType{Name: name, Base: "numeric", Format: name, OID: OIDNumeric,
			Typmod: int32(p<<16|s) + 4, Precision: p, Scale: s, ScanType: scanDecimal}
	}
	return SQLType{Name: m.SQL, Base: m.Base, Format: pgFormat[m.Base], OID: m.OID, Typmod: -1, ScanType: m.ScanType}
}

func varchar(n int) SQLType {
	ns := strconv.Itoa(n)
	return SQLType{Name: "varchar(" + ns + ")", Base: "varchar", Format: "character varying(" + ns + ")",
		OID: OIDVarchar, Typmod: int32(n) + 4, Length: n, ScanType: scanString}
}

// pgFormat is format_type's spelling of the unmodified types.
var pgFormat = map[string]string{
	"text":        "text",
	"bool":        "boolean",
	"int4":        "integer",
	"int8":        "bigint",
	"date":        "date",
	"timestamptz": "timestamp with time zone",
	"time":        "time without time zone",
	"bytea":       "bytea",
	"json":        "json",
}
