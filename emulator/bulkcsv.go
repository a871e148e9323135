package emulator

import (
	"math"
	"strconv"
	"strings"
)

// bulkColumn is one column of a Bulk query result: the header Salesforce
// prints (the field path as selected, in describe casing: "Account.Name")
// and the describe type that decides how a stored value is rendered.
type bulkColumn struct {
	Name string
	Type string
	// parents are the sObject types of the parent objects on the path
	// (["Account"] for "Account.Name"), for results rendered as records.
	parents []string
}

// csvFormat is the dialect of a Bulk result file. Bulk 2.0 query jobs choose
// the delimiter and line ending at create time; Bulk 1.0 always uses comma
// and LF.
type csvFormat struct {
	delim byte
	crlf  bool
}

var defaultCSV = csvFormat{delim: ','}

// bulkDelimiters maps Bulk 2.0 columnDelimiter names to bytes (§4.1).
var bulkDelimiters = map[string]byte{
	"BACKQUOTE": '`',
	"CARET":     '^',
	"COMMA":     ',',
	"PIPE":      '|',
	"SEMICOLON": ';',
	"TAB":       '\t',
}

// appendHeader appends the header row. Salesforce quotes every header cell.
func (f csvFormat) appendHeader(dst []byte, cols []bulkColumn) []byte {
	for i, c := range cols {
		if i > 0 {
			dst = append(dst, f.delim)
		}
		dst = appendQuoted(dst, c.Name)
	}
	return f.appendEOL(dst)
}

// appendRow appends one record. vals holds the values as scanned from
// SQLite (nil, int64, float64, string or []byte), aligned with cols.
func (f csvFormat) appendRow(dst []byte, cols []bulkColumn, vals []any) []byte {
	for i, c := range cols {
		if i > 0 {
			dst = append(dst, f.delim)
		}
		dst = appendCSVCell(dst, c.Type, vals[i])
	}
	return f.appendEOL(dst)
}

func (f csvFormat) appendEOL(dst []byte) []byte {
	if f.crlf {
		return append(dst, '\r', '\n')
	}
	return append(dst, '\n')
}

// appendCSVCell renders one value the way Bulk query results do: every
// cell quoted (an embedded quote doubled), null as an empty quoted cell,
// booleans true/false, double/currency/percent in Java's plain form with
// ".0" on integral values, dates YYYY-MM-DD and datetimes
// YYYY-MM-DDTHH:MM:SS.sssZ (the storage format already).
func appendCSVCell(dst []byte, typ string, v any) []byte {
	dst = append(dst, '"')
	switch x := v.(type) {
	case nil:
	case int64:
		switch typ {
		case "boolean":
			dst = strconv.AppendBool(dst, x != 0)
		case "double", "currency", "percent":
			dst = appendJavaDouble(dst, float64(x))
		default:
			dst = strconv.AppendInt(dst, x, 10)
		}
	case float64:
		switch typ {
		case "int":
			dst = strconv.AppendInt(dst, int64(x), 10)
		default:
			dst = appendJavaDouble(dst, x)
		}
	case bool:
		dst = strconv.AppendBool(dst, x)
	case string:
		dst = appendEscaped(dst, x)
	case []byte:
		dst = appendEscaped(dst, string(x))
	default:
		// Nothing else comes out of the store; render it visibly rather than
		// silently dropping it.
		dst = appendEscaped(dst, "<unsupported value>")
	}
	return append(dst, '"')
}

func appendQuoted(dst []byte, s string) []byte {
	dst = append(dst, '"')
	dst = appendEscaped(dst, s)
	return append(dst, '"')
}

// appendEscaped appends s with each '"' doubled (RFC 4180).
func appendEscaped(dst []byte, s string) []byte {
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			return append(dst, s...)
		}
		dst = append(dst, s[:i+1]...)
		dst = append(dst, '"')
		s = s[i+1:]
	}
}

// appendJavaDouble renders a double as Salesforce's Bulk CSV does: the
// shortest decimal that round-trips, always with a fractional part
// ("23.0", "0.5"), never an exponent. (Whether Bulk switches to "5.6E9" for
// large values, as Java's Double.toString would, is unconfirmed — spec §11.2;
// plain decimals parse everywhere.)
func appendJavaDouble(dst []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return strconv.AppendFloat(dst, f, 'g', -1, 64)
	}
	start := len(dst)
	dst = strconv.AppendFloat(dst, f, 'f', -1, 64)
	for _, b := range dst[start:] {
		if b == '.' {
			return dst
		}
	}
	return append(dst, '.', '0')
}
