package driver

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/internal/engine"
)

// Values handed to database/sql. The engine's values are typed (see
// catalog's type table); database/sql accepts only the driver.Value kinds,
// so each is turned into the form that scans losslessly into the column's
// ScanType and into the obvious alternatives:
//
//	engine value        driver.Value            scan into
//	string, bool        as is                   *string, *bool, *any
//	int32, int64        int64                   *int32, *int64, *string, *decimal.Decimal
//	decimal.Decimal     canonical string "12.5" *decimal.Decimal, *string, *float64
//	catalog.Date        time.Time, 00:00 UTC    *catalog.Date, *time.Time
//	time.Time           time.Time (UTC)         *time.Time
//	catalog.TimeOfDay   string "08:07:00"       *catalog.TimeOfDay, *string
//	json.RawMessage     []byte                  *json.RawMessage, *[]byte, *string
//	catalog.BlobURL     string (the blob's URL) *string, *[]byte
//	nil                 nil                     pointers, sql.Null*
func driverValue(v any) (driver.Value, error) {
	switch x := v.(type) {
	case nil, string, bool, int64, []byte:
		return x, nil
	case int32:
		return int64(x), nil
	case int:
		return int64(x), nil
	case decimal.Decimal:
		return x.String(), nil
	case catalog.Date:
		return x.In(time.UTC), nil
	case time.Time:
		return x.UTC(), nil
	case catalog.TimeOfDay:
		return x.String(), nil
	case json.RawMessage:
		return []byte(x), nil
	case catalog.BlobURL:
		return string(x), nil
	case float64:
		return x, nil
	}
	return nil, fmt.Errorf("driver: the engine returned a value of unexpected type %T", v)
}

var typeAny = reflect.TypeFor[any]()

// scanType is the type reflect.New(scanType) can Scan a column's values
// into: the engine's type, except where database/sql gets another form
// whose Scan the target type implements (catalog.Date, catalog.TimeOfDay,
// decimal.Decimal all implement sql.Scanner).
func scanType(c engine.Column) reflect.Type {
	if c.Type.ScanType == nil {
		return typeAny
	}
	return c.Type.ScanType
}

// databaseTypeName is the PostgreSQL type name in upper case, without
// modifiers ("VARCHAR", "NUMERIC", "TIMESTAMPTZ", "INT4"), as pgx's
// database/sql adapter reports it, so code written for Postgres works.
func databaseTypeName(c engine.Column) string {
	if c.Type.Base != "" {
		return strings.ToUpper(c.Type.Base)
	}
	return strings.ToUpper(c.Type.Name)
}

// length is a varchar's length; unbounded for text and bytea.
func length(c engine.Column) (int64, bool) {
	switch c.Type.Base {
	case "varchar", "bpchar":
		if c.Type.Length > 0 {
			return int64(c.Type.Length), true
		}
		return math.MaxInt64, true
	case "text", "bytea", "json":
		return math.MaxInt64, true
	}
	return 0, false
}

// precisionScale is a numeric's declared precision and scale; a numeric
// without them (SUM, AVG) is unbounded, as pgx reports it.
func precisionScale(c engine.Column) (int64, int64, bool) {
	if c.Type.Base != "numeric" {
		return 0, 0, false
	}
	if c.Type.Precision > 0 {
		return int64(c.Type.Precision), int64(c.Type.Scale), true
	}
	return math.MaxInt64, math.MaxInt64, true
}
