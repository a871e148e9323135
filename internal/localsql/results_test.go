package localsql

import (
	"context"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/soqlgate/soqlgate/conformance/pgtest"
)

// The PostgreSQL 15 oracle of the differential and catalog tests is
// conformance/pgtest's shared server, stopped when the tests end.
func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.StopShared()
	os.Exit(code)
}

// result is a query result in PostgreSQL's text form, for comparison.
type result struct {
	names []string
	types []uint32
	rows  [][]string // NULL is "\x00NULL"
}

const nullText = "\x00NULL"

func (r result) sorted() [][]string {
	out := append([][]string(nil), r.rows...)
	sort.Slice(out, func(i, j int) bool { return strings.Join(out[i], "\x01") < strings.Join(out[j], "\x01") })
	return out
}

// pgQuery runs sql on PostgreSQL with text results.
func pgQuery(ctx context.Context, c *pgx.Conn, sql string, args ...any) (result, error) {
	rows, err := c.Query(ctx, sql, append([]any{pgx.QueryResultFormats{pgx.TextFormatCode}}, args...)...)
	if err != nil {
		return result{}, err
	}
	defer rows.Close()
	var res result
	for _, fd := range rows.FieldDescriptions() {
		res.names = append(res.names, fd.Name)
		res.types = append(res.types, fd.DataTypeOID)
	}
	for rows.Next() {
		raw := rows.RawValues()
		row := make([]string, len(raw))
		for i, v := range raw {
			if v == nil {
				row[i] = nullText
			} else {
				row[i] = string(v)
			}
		}
		res.rows = append(res.rows, row)
	}
	return res, rows.Err()
}

// localQuery runs sql on localsql, rendering values as PostgreSQL text.
func localQuery(ctx context.Context, db *DB, sql string, args ...any) (result, error) {
	rows, err := db.Query(ctx, sql, args...)
	if err != nil {
		return result{}, err
	}
	return localResult(rows, FormatText)
}

// localResult reads rows to the end and closes them, rendering each
// non-NULL value with format.
func localResult(rows *Rows, format func(v any, t Type) string) (result, error) {
	defer rows.Close()
	var res result
	for _, c := range rows.Columns() {
		res.names = append(res.names, c.Name)
		res.types = append(res.types, c.Type.OID)
	}
	for rows.Next() {
		vals := rows.Values()
		row := make([]string, len(vals))
		for i, v := range vals {
			if v == nil {
				row[i] = nullText
			} else {
				row[i] = format(v, rows.Columns()[i].Type)
			}
		}
		res.rows = append(res.rows, row)
	}
	return res, rows.Err()
}
