package driver

import (
	"database/sql/driver"
	"fmt"
	"math"
	"reflect"
	"time"

	"github.com/shopspring/decimal"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/internal/engine"
	"github.com/soqlgate/soqlgate/soql"
)

// Per-statement knobs. Passed among a statement's arguments they change how
// that one statement runs and are not parameters (they do not take a $n):
//
//	db.QueryContext(ctx, `SELECT "Id" FROM "Account" WHERE "IsDeleted"`, driver.QueryAll{})
//	db.QueryContext(ctx, `SELECT "Id" FROM "Case"`, driver.API("bulk"))
type (
	// QueryAll reads the recycle bin too (readBehavior=queryAll).
	QueryAll struct{}
	// API forces the API of the statement: "auto", "rest" or "bulk".
	API string
	// BatchSize is the REST page size, 200 to 2,000.
	BatchSize int
)

// knob is one per-statement setting, applied to a copy of the session's
// settings.
type knob interface {
	apply(s *engine.Settings) error
}

func (QueryAll) apply(s *engine.Settings) error {
	s.ReadBehavior = ReadBehaviorQueryAll
	return nil
}

func (a API) apply(s *engine.Settings) error {
	v, ok := oneOf(string(a), []string{APIAuto, APIREST, APIBulk})
	if !ok {
		return fmt.Errorf("driver: API(%q): want auto, rest or bulk", string(a))
	}
	s.API = v
	return nil
}

func (b BatchSize) apply(s *engine.Settings) error {
	if b < 200 || b > 2000 {
		return fmt.Errorf("driver: BatchSize(%d): must be between 200 and 2000", int(b))
	}
	s.BatchSize = int(b)
	return nil
}

// checkArg is the driver.NamedValueChecker of conn: it keeps the values the
// engine binds exactly (decimal.Decimal, civil dates and times, UTC
// instants), converts the other Go values database/sql allows, and takes
// knobs out of the argument list.
func (c *conn) CheckNamedValue(nv *driver.NamedValue) error {
	if k, ok := nv.Value.(knob); ok {
		var check engine.Settings // validate now, apply when the statement runs
		if err := k.apply(&check); err != nil {
			c.knobs = nil
			return err
		}
		c.knobs = append(c.knobs, k)
		return driver.ErrRemoveArgument
	}
	if nv.Name != "" {
		c.knobs = nil // the statement will not run: its knobs must not reach the next one
		return ErrNamedParameters
	}
	v, err := argValue(nv.Value)
	if err != nil {
		c.knobs = nil
		return fmt.Errorf("driver: argument $%d: %w", nv.Ordinal, err)
	}
	nv.Value = v
	return nil
}

var (
	typeTimeMonth = reflect.TypeFor[time.Month]()
	typeInt       = reflect.TypeFor[int]()
)

// argValue converts one argument to a value the engine binds.
func argValue(v any) (any, error) {
	switch x := v.(type) {
	case nil, string, bool, int64, float64, decimal.Decimal, catalog.Date, soql.Date, soql.TimeOfDay:
		return x, nil
	case []byte:
		return string(x), nil
	case time.Time:
		return x.UTC(), nil
	case catalog.TimeOfDay:
		return soql.TimeOfDay{Hour: x.Hour, Minute: x.Minute, Second: x.Second, Nanosecond: x.Nanosecond}, nil
	case *decimal.Decimal:
		if x == nil {
			return nil, nil
		}
		return *x, nil
	case decimal.NullDecimal:
		if !x.Valid {
			return nil, nil
		}
		return x.Decimal, nil
	case int:
		return int64(x), nil
	case int8:
		return int64(x), nil
	case int16:
		return int64(x), nil
	case int32:
		return int64(x), nil
	case uint8:
		return int64(x), nil
	case uint16:
		return int64(x), nil
	case uint32:
		return int64(x), nil
	case uint:
		return unsigned(uint64(x))
	case uint64:
		return unsigned(x)
	case float32:
		return decimal.NewFromFloat32(x), nil
	}
	if d, t, ok := civil(v); ok {
		if t != nil {
			return *t, nil
		}
		return d, nil
	}
	// Valuers, pointers and named basic types go through database/sql's
	// own conversion, then once more through the cases above.
	cv, err := driver.DefaultParameterConverter.ConvertValue(v)
	if err != nil {
		return nil, err
	}
	if reflect.TypeOf(cv) == reflect.TypeOf(v) {
		return nil, fmt.Errorf("unsupported type %T", v)
	}
	return argValue(cv)
}

func unsigned(u uint64) (any, error) {
	if u > math.MaxInt64 {
		return decimal.NewFromUint64(u), nil
	}
	return int64(u), nil
}

// civil recognises civil-style date and time structs by shape (those of
// cloud.google.com/go/civil: Date{Year int; Month time.Month; Day int} and
// Time{Hour, Minute, Second, Nanosecond int}) without importing them.
func civil(v any) (catalog.Date, *soql.TimeOfDay, bool) {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return catalog.Date{}, nil, false
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return catalog.Date{}, nil, false
	}
	rt := rv.Type()
	fields := map[string]reflect.Value{}
	for i := range rt.NumField() {
		if !rt.Field(i).IsExported() {
			return catalog.Date{}, nil, false
		}
		fields[rt.Field(i).Name] = rv.Field(i)
	}
	isInt := func(name string) bool {
		f, ok := fields[name]
		return ok && f.Type() == typeInt
	}
	if len(fields) == 3 && isInt("Year") && isInt("Day") {
		if m, ok := fields["Month"]; ok && m.Type() == typeTimeMonth {
			return catalog.Date{Year: int(fields["Year"].Int()), Month: time.Month(m.Int()), Day: int(fields["Day"].Int())}, nil, true
		}
	}
	if len(fields) == 4 && isInt("Hour") && isInt("Minute") && isInt("Second") && isInt("Nanosecond") {
		t := soql.TimeOfDay{Hour: int(fields["Hour"].Int()), Minute: int(fields["Minute"].Int()),
			Second: int(fields["Second"].Int()), Nanosecond: int(fields["Nanosecond"].Int())}
		return catalog.Date{}, &t, true
	}
	return catalog.Date{}, nil, false
}

// bindArgs turns database/sql's checked arguments into the engine's
// positional list.
func bindArgs(args []driver.NamedValue) ([]any, error) {
	if len(args) == 0 {
		return nil, nil
	}
	out := make([]any, len(args))
	for _, a := range args {
		if a.Name != "" {
			return nil, ErrNamedParameters
		}
		if a.Ordinal < 1 || a.Ordinal > len(args) {
			return nil, fmt.Errorf("driver: argument ordinal %d out of range", a.Ordinal)
		}
		out[a.Ordinal-1] = a.Value
	}
	return out, nil
}
