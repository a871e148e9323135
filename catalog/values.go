package catalog

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// BlobURL is what FromJSON gives for a base64 field: REST query results carry
// the relative URL of the content ("/services/data/v59.0/sobjects/
// Attachment/00P…/Body"), not the bytes; the engine fetches it on demand.
type BlobURL string

// ErrValue is matched (errors.Is) by FromJSON's and FromText's errors.
var ErrValue = errors.New("catalog: invalid value")

// FromJSON converts one field value of a REST query or retrieve result,
// decoded by encoding/json with UseNumber (string, json.Number, bool,
// map[string]any for compounds, nil), to the Go type of f's SQL type
// (f.SQL.ScanType), following salesforce-api.md §0.4. JSON null gives nil.
// base64 fields give a BlobURL.
func FromJSON(f *Field, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	sqlt := f.SQL
	if sqlt.Base == "" {
		sqlt = TypeOf(f)
	}
	switch x := v.(type) {
	case string:
		if f.Type == TypeBase64 {
			return BlobURL(x), nil
		}
		return convertText(f, sqlt, x, false)
	case json.Number:
		switch sqlt.Base {
		case "int4", "int8", "numeric":
			return convertText(f, sqlt, string(x), false)
		case "varchar", "text":
			return string(x), nil
		}
	case bool:
		switch sqlt.Base {
		case "bool":
			return x, nil
		case "varchar", "text":
			return strconv.FormatBool(x), nil
		}
	case map[string]any:
		if sqlt.Base == "json" {
			b, err := json.Marshal(x)
			if err != nil {
				return nil, valueErr(f, fmt.Sprint(x), err.Error())
			}
			return json.RawMessage(b), nil
		}
	}
	return nil, valueErr(f, fmt.Sprint(v), fmt.Sprintf("JSON %s, field type %s", jsonKind(v), f.Type))
}

// FromText converts one field value as Bulk API CSV results carry it to the
// Go type of f's SQL type. The empty string is NULL (nil): Salesforce stores
// no empty strings. base64 content, if present, is standard base64.
func FromText(f *Field, s string) (any, error) {
	if s == "" {
		return nil, nil
	}
	sqlt := f.SQL
	if sqlt.Base == "" {
		sqlt = TypeOf(f)
	}
	return convertText(f, sqlt, s, true)
}

func convertText(f *Field, sqlt SQLType, s string, csv bool) (any, error) {
	switch sqlt.Base {
	case "varchar", "text":
		return s, nil
	case "bool":
		if !csv {
			// REST renders booleans as JSON booleans, never as strings.
			return nil, valueErr(f, s, "JSON string, field type boolean")
		}
		switch {
		case strings.EqualFold(s, "true"):
			return true, nil
		case strings.EqualFold(s, "false"):
			return false, nil
		}
		return nil, valueErr(f, s, "not true or false")
	case "int4", "int8":
		return parseInteger(f, sqlt, s)
	case "numeric":
		d, err := decimal.NewFromString(s)
		if err != nil {
			return nil, valueErr(f, s, "not a number")
		}
		return d, nil
	case "date":
		d, err := ParseDate(s)
		if err != nil {
			return nil, valueErr(f, s, "not a date (YYYY-MM-DD)")
		}
		return d, nil
	case "timestamptz":
		t, err := ParseDateTime(s)
		if err != nil {
			return nil, valueErr(f, s, "not a datetime")
		}
		return t, nil
	case "time":
		t, err := ParseTimeOfDay(s)
		if err != nil {
			return nil, valueErr(f, s, "not a time (HH:MM:SS.sssZ)")
		}
		return t, nil
	case "bytea":
		b, err := decodeBase64(s)
		if err != nil {
			return nil, valueErr(f, s, "not base64")
		}
		return b, nil
	case "json":
		if !json.Valid([]byte(s)) {
			return nil, valueErr(f, s, "not JSON")
		}
		return json.RawMessage(s), nil
	}
	return nil, valueErr(f, s, "no conversion to "+sqlt.Name)
}

// parseInteger accepts an integer, or a number with a zero fraction
// ("12345.0": doubles-as-text from formula or Bulk results), in range.
func parseInteger(f *Field, sqlt SQLType, s string) (any, error) {
	bits := 64
	if sqlt.Base == "int4" {
		bits = 32
	}
	n, err := strconv.ParseInt(s, 10, bits)
	if err != nil {
		d, derr := decimal.NewFromString(s)
		if derr != nil || !d.IsInteger() {
			return nil, valueErr(f, s, "not an integer")
		}
		lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
		if bits == 32 {
			lo, hi = math.MinInt32, math.MaxInt32
		}
		if d.LessThan(decimal.NewFromInt(lo)) || d.GreaterThan(decimal.NewFromInt(hi)) {
			return nil, valueErr(f, s, "out of range for "+sqlt.Name)
		}
		n = d.IntPart()
	}
	if bits == 32 {
		return int32(n), nil
	}
	return n, nil
}

// ParseDateTime parses a Salesforce datetime: "2011-07-07T00:37:00.000+0000"
// as REST writes it, and the RFC 3339 forms ("…Z", "…+00:00") Bulk results
// and clients use. The result is in UTC.
func ParseDateTime(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02T15:04:05.999999999Z0700", time.RFC3339Nano} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("catalog: invalid datetime %q", s)
}

// FormatDateTime writes t as Salesforce does: UTC, milliseconds, "+0000".
func FormatDateTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000-0700")
}

func jsonKind(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case json.Number, float64:
		return "number"
	case bool:
		return "boolean"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	}
	return fmt.Sprintf("%T", v)
}

func valueErr(f *Field, v, why string) error {
	const max = 40
	if len(v) > max {
		v = v[:max] + "…"
	}
	return fmt.Errorf("%w for %s (%s): %q: %s", ErrValue, f.Name, f.Type, v, why)
}

// decodeBase64 accepts standard base64 with or without padding, as
// Salesforce writes blob content in CSV and SOAP.
func decodeBase64(s string) ([]byte, error) {
	if b, err := base64.StdEncoding.DecodeString(s); err == nil {
		return b, nil
	}
	return base64.RawStdEncoding.DecodeString(s)
}
