package engine

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/internal/sfapi"
	"github.com/soqlgate/soqlgate/soql"
	"github.com/soqlgate/soqlgate/translator"
)

var (
	int8Type = catalog.SQLType{Name: "bigint", Base: "int8", Format: "bigint", OID: catalog.OIDInt8, Typmod: -1, ScanType: reflect.TypeFor[int64]()}
	// numericType is an aggregate over numbers: SUM and AVG have no
	// declared precision.
	numericType = catalog.SQLType{Name: "numeric", Base: "numeric", Format: "numeric", OID: catalog.OIDNumeric, Typmod: -1, ScanType: reflect.TypeFor[decimal.Decimal]()}
)

// columnOf types a plan column by the field it reads and the aggregate
// applied to it.
func columnOf(c translator.Column) Column {
	col := Column{Name: c.Name, Field: c.Field, Nullable: true}
	switch strings.ToUpper(c.Aggregate) {
	case "COUNT", "COUNT_DISTINCT":
		col.Type, col.Nullable = int8Type, false
		return col
	case "SUM", "AVG":
		col.Type = numericType
		return col
	}
	if c.Field == nil {
		col.Type = textColumn(c.Name).Type
		return col
	}
	col.Type = c.Field.SQL
	if col.Type.Base == "" {
		col.Type = catalog.TypeOf(c.Field)
	}
	direct := !strings.Contains(c.Path, ".") && c.Aggregate == "" && !c.Child
	if direct && (c.Field.Type == catalog.TypeBoolean || c.Field.Type == catalog.TypeID || !c.Field.Nillable) {
		col.Nullable = false
	}
	return col
}

// converter turns one raw value of a column into its Go type.
type converter func(v any) (any, error)

// jsonConverter converts REST (JSON) values of column c.
func jsonConverter(c translator.Column) converter {
	switch strings.ToUpper(c.Aggregate) {
	case "COUNT", "COUNT_DISTINCT":
		return func(v any) (any, error) { return jsonInt(c.Name, v) }
	case "SUM", "AVG":
		return func(v any) (any, error) { return jsonDecimal(c.Name, v) }
	}
	if c.Field == nil {
		return func(v any) (any, error) {
			switch x := v.(type) {
			case nil:
				return nil, nil
			case *sfapi.RowSet:
				return rowSetJSON(x)
			case string:
				return x, nil
			case json.Number:
				return string(x), nil
			case bool:
				if x {
					return "true", nil
				}
				return "false", nil
			}
			return nil, fmt.Errorf("engine: column %s: unexpected %T", c.Name, v)
		}
	}
	f := c.Field
	return func(v any) (any, error) { return catalog.FromJSON(f, v) }
}

// textConverter converts Bulk CSV values of column c.
func textConverter(c translator.Column) converter {
	if c.Field == nil {
		return func(v any) (any, error) {
			if s, _ := v.(string); s != "" {
				return s, nil
			}
			return nil, nil
		}
	}
	f := c.Field
	return func(v any) (any, error) { return catalog.FromText(f, v.(string)) }
}

func jsonInt(name string, v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return int64(0), nil
	case json.Number:
		n, err := x.Int64()
		if err != nil {
			return nil, fmt.Errorf("engine: column %s: %q is not an integer", name, x)
		}
		return n, nil
	}
	return nil, fmt.Errorf("engine: column %s: unexpected %T for a count", name, v)
}

func jsonDecimal(name string, v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case json.Number:
		d, err := decimal.NewFromString(string(x))
		if err != nil {
			return nil, fmt.Errorf("engine: column %s: %q is not a number", name, x)
		}
		return d, nil
	}
	return nil, fmt.Errorf("engine: column %s: unexpected %T for a number", name, v)
}

// indexOf finds name among cols, case-insensitively (Salesforce answers
// with describe's casing, the plan may carry the user's).
func indexOf(cols []string, name string) int {
	for i, c := range cols {
		if c == name {
			return i
		}
	}
	for i, c := range cols {
		if strings.EqualFold(c, name) {
			return i
		}
	}
	return -1
}

// jsonType is a child subquery's column (SOQL mode): its records as JSON.
var jsonType = catalog.SQLType{Name: "json", Base: "json", Format: "json", OID: 114, Typmod: -1, ScanType: reflect.TypeFor[json.RawMessage]()}

// rowSetJSON renders a child subquery's records as a JSON array of objects
// keyed by column, values as Salesforce sent them; NULL when there are no
// children, as Salesforce answers.
func rowSetJSON(set *sfapi.RowSet) (any, error) {
	if set == nil || len(set.Rows) == 0 {
		return nil, nil
	}
	var b []byte
	b = append(b, '[')
	for i, row := range set.Rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		for j, col := range set.Columns {
			if j > 0 {
				b = append(b, ',')
			}
			k, _ := json.Marshal(col)
			v, err := json.Marshal(row[j])
			if err != nil {
				return nil, fmt.Errorf("engine: child record value of %s: %w", col, err)
			}
			b = append(append(append(b, k...), ':'), v...)
		}
		b = append(b, '}')
	}
	return json.RawMessage(append(b, ']')), nil
}

// markSubqueryColumns types the columns that hold a child subquery of q.
func markSubqueryColumns(cols []Column, scanCols []translator.Column, pick []int, q *soql.Query) {
	rels := map[string]bool{}
	for _, it := range q.Select {
		if sq, ok := it.Expr.(*soql.SubQuery); ok {
			rels[strings.ToLower(sq.Query.From.Object)] = true
		}
	}
	for i := range cols {
		c := scanCols[pick[i]]
		if c.Field == nil && c.Aggregate == "" && rels[strings.ToLower(c.Path)] {
			cols[i].Type = jsonType
		}
	}
}
