package pgdiff

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/shopspring/decimal"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/conformance"
)

// answer is one side's result in canonical text.
type answer struct {
	names []string
	types []string // PostgreSQL type name, upper case; VARCHAR and TEXT both "TEXT"
	rows  [][]string
}

// null is the canonical NULL (no text value contains a NUL byte).
const null = "\x00NULL"

const tsLayout = "2006-01-02 15:04:05.999999Z07:00"

// typeClass folds the type names that differ only in representation the
// suite does not compare: varchar(n) and text are both text.
func typeClass(name string) string {
	switch n := strings.ToUpper(name); n {
	case "VARCHAR", "TEXT", "BPCHAR", "NAME":
		return "TEXT"
	default:
		return n
	}
}

// driverAnswer runs the query through the driver.
func driverAnswer(ctx context.Context, db *sql.DB, query string, args ...any) (answer, error) {
	cols, rows, err := conformance.Query(ctx, db, query, args...)
	if err != nil {
		return answer{}, err
	}
	var a answer
	for _, c := range cols {
		a.names = append(a.names, c.Name())
		a.types = append(a.types, typeClass(c.DatabaseTypeName()))
	}
	for _, r := range rows {
		out := make([]string, len(r))
		for i, v := range r {
			if out[i], err = driverText(v); err != nil {
				return a, fmt.Errorf("column %s: %w", a.names[i], err)
			}
		}
		a.rows = append(a.rows, out)
	}
	return a, nil
}

// driverText is the canonical text of a value the driver scanned.
func driverText(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return null, nil
	case string:
		return x, nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case int32:
		return strconv.FormatInt(int64(x), 10), nil
	case int:
		return strconv.Itoa(x), nil
	case float64:
		return decimal.NewFromFloat(x).String(), nil
	case decimal.Decimal:
		return x.String(), nil
	case bool:
		return strconv.FormatBool(x), nil
	case time.Time:
		return x.UTC().Format(tsLayout), nil
	case catalog.Date:
		return x.String(), nil
	case catalog.TimeOfDay:
		return x.String(), nil
	case []byte:
		return `\x` + hex.EncodeToString(x), nil
	case json.RawMessage:
		var b bytes.Buffer
		if err := json.Compact(&b, x); err != nil {
			return "", err
		}
		return b.String(), nil
	}
	return "", fmt.Errorf("pgdiff: unexpected driver value %T", v)
}

// pgAnswer runs the query on PostgreSQL with text results.
func pgAnswer(ctx context.Context, c *pgx.Conn, query string, args ...any) (answer, error) {
	rows, err := c.Query(ctx, query, append([]any{pgx.QueryResultFormats{pgx.TextFormatCode}}, args...)...)
	if err != nil {
		return answer{}, err
	}
	defer rows.Close()
	var a answer
	fds := rows.FieldDescriptions()
	for _, fd := range fds {
		a.names = append(a.names, fd.Name)
		name := fmt.Sprintf("OID%d", fd.DataTypeOID)
		if t, ok := c.TypeMap().TypeForOID(fd.DataTypeOID); ok {
			name = t.Name
		}
		a.types = append(a.types, typeClass(name))
	}
	for rows.Next() {
		raw := rows.RawValues()
		out := make([]string, len(raw))
		for i, v := range raw {
			if out[i], err = pgText(a.types[i], v); err != nil {
				return a, fmt.Errorf("column %s: %w", a.names[i], err)
			}
		}
		a.rows = append(a.rows, out)
	}
	return a, rows.Err()
}

// pgText is the canonical text of a PostgreSQL text-format value.
func pgText(typ string, raw []byte) (string, error) {
	if raw == nil {
		return null, nil
	}
	s := string(raw)
	switch typ {
	case "NUMERIC", "FLOAT4", "FLOAT8":
		d, err := decimal.NewFromString(s)
		if err != nil {
			return s, nil // NaN, Infinity: compared as written
		}
		return d.String(), nil
	case "BOOL":
		return strconv.FormatBool(s == "t"), nil
	case "TIMESTAMPTZ":
		t, err := time.Parse("2006-01-02 15:04:05.999999Z07", s)
		if err != nil {
			return "", err
		}
		return t.UTC().Format(tsLayout), nil
	case "TIMESTAMP":
		t, err := time.Parse("2006-01-02 15:04:05.999999", s)
		if err != nil {
			return "", err
		}
		return t.Format(tsLayout), nil
	case "TIME":
		t, err := catalog.ParseTimeOfDay(s)
		if err != nil {
			return "", err
		}
		return t.String(), nil
	case "JSON":
		var b bytes.Buffer
		if err := json.Compact(&b, raw); err != nil {
			return "", err
		}
		return b.String(), nil
	}
	return s, nil
}

// sortedRows orders rows for a multiset comparison.
func sortedRows(rows [][]string) [][]string {
	out := append([][]string(nil), rows...)
	sort.Slice(out, func(i, j int) bool { return strings.Join(out[i], "\x01") < strings.Join(out[j], "\x01") })
	return out
}

// diff describes how got (the driver's) differs from want (PostgreSQL's);
// "" when they agree.
func diff(got, want answer, ordered bool) string {
	var b strings.Builder
	if len(got.names) != len(want.names) {
		fmt.Fprintf(&b, "columns %v, PostgreSQL %v\n", got.names, want.names)
		return b.String()
	}
	for i := range got.names {
		if !strings.EqualFold(got.names[i], want.names[i]) {
			fmt.Fprintf(&b, "column %d named %q, PostgreSQL %q\n", i+1, got.names[i], want.names[i])
		}
		if got.types[i] != want.types[i] {
			fmt.Fprintf(&b, "column %s typed %s, PostgreSQL %s\n", got.names[i], got.types[i], want.types[i])
		}
	}
	g, w := got.rows, want.rows
	if !ordered {
		g, w = sortedRows(g), sortedRows(w)
	}
	shown := 0
	if len(g) != len(w) {
		fmt.Fprintf(&b, "%d rows, PostgreSQL %d\n", len(g), len(w))
	}
	for i := range max(len(g), len(w)) {
		var gr, wr string
		if i < len(g) {
			gr = rowText(g[i])
		}
		if i < len(w) {
			wr = rowText(w[i])
		}
		if gr != wr {
			if shown < 8 {
				fmt.Fprintf(&b, "row %d:\n  soqlgate   %s\n  PostgreSQL %s\n", i+1, gr, wr)
			}
			shown++
		}
	}
	if shown > 8 {
		fmt.Fprintf(&b, "… %d rows differ in all\n", shown)
	}
	return b.String()
}

func rowText(r []string) string {
	parts := make([]string, len(r))
	for i, v := range r {
		if v == null {
			parts[i] = "NULL"
		} else {
			parts[i] = strconv.Quote(v)
		}
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
