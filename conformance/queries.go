package conformance

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/conformance/cases"
	sfdriver "github.com/soqlgate/soqlgate/driver"
)

// RunSkippedEnv, when set, runs the cases marked Skip too: to see whether
// a gap they name has closed.
const RunSkippedEnv = "SOQLGATE_TEST_RUN_SKIPPED"

// TestQueries runs every case table through database/sql against h.
func TestQueries(t *testing.T, h Harness) {
	RunQueryTests(t, h, cases.All())
}

// RunQueryTests runs the given cases as subtests.
func RunQueryTests(t *testing.T, h Harness, tests []cases.QueryTest) {
	if err := h.Setup(); err != nil {
		t.Fatalf("%s harness: %v", h.Name(), err)
	}
	db := h.NewTarget(t)
	for _, q := range tests {
		t.Run(q.Name, func(t *testing.T) {
			if q.Skip != "" && os.Getenv(RunSkippedEnv) == "" {
				t.Skip(q.Skip)
			}
			if sh, ok := h.(SkippingHarness); ok {
				if reason, skip := sh.SkipQueryTest(q); skip {
					t.Skipf("%s: %s", h.Name(), reason)
				}
			}
			target := db
			if q.Config != nil {
				ch, ok := h.(ConfigurableHarness)
				if !ok {
					t.Skipf("%s harness cannot change the configuration", h.Name())
				}
				target = ch.NewTargetWith(t, q.Config)
			}
			RunQueryTest(t, target, q)
		})
	}
}

// RunQueryTest runs one case on db.
func RunQueryTest(t *testing.T, db *sql.DB, q cases.QueryTest) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	cols, got, err := Query(ctx, conn, q.Query, q.Args...)
	if q.ExpectedErr != nil || q.ExpectedErrText != "" {
		if err == nil {
			t.Fatalf("%s\nwant an error, got %d rows", q.Query, len(got))
		}
		if q.ExpectedErr != nil && !errors.Is(err, q.ExpectedErr) {
			t.Errorf("%s\nerror %q (%T) does not match %v", q.Query, err, err, q.ExpectedErr)
		}
		if q.ExpectedErrText != "" && !strings.Contains(err.Error(), q.ExpectedErrText) {
			t.Errorf("%s\nerror %q lacks %q", q.Query, err, q.ExpectedErrText)
		}
		return
	}
	if err != nil {
		t.Fatalf("%s\n%v", q.Query, err)
	}
	if q.ExpectedColumns != nil {
		checkColumns(t, cols, q.ExpectedColumns)
	}
	if q.ExpectedPlan != "" {
		checkPlan(t, conn, q.ExpectedPlan)
	}
	if q.Expected == nil {
		return
	}
	want := q.Expected
	if !q.Ordered {
		got, want = sorted(got), sorted(want)
	}
	if len(got) != len(want) {
		t.Errorf("%s\ngot %d rows, want %d:\n%s", q.Query, len(got), len(want), diffRows(got, want))
		return
	}
	for i := range want {
		if !rowEqual(got[i], want[i]) {
			t.Errorf("%s\nrows differ:\n%s", q.Query, diffRows(got, want))
			return
		}
	}
}

// checkPlan looks for want in the plan of the statement last run on conn.
func checkPlan(t *testing.T, conn *sql.Conn, want string) {
	t.Helper()
	var plan []string
	err := conn.Raw(func(dc any) error {
		n, ok := dc.(sfdriver.Notes)
		if !ok {
			return fmt.Errorf("%T has no notes", dc)
		}
		plan = n.LastPlan()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range plan {
		if strings.Contains(l, want) {
			return
		}
	}
	t.Errorf("no line of the plan has %q:\n%s", want, strings.Join(plan, "\n"))
}

// Querier is a *sql.DB, *sql.Conn or *sql.Tx.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Query runs a statement and scans every value into the column's
// ScanType (through a pointer, so NULL is nil), the way a generic client
// does.
func Query(ctx context.Context, db Querier, query string, args ...any) ([]*sql.ColumnType, [][]any, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	cols, err := rows.ColumnTypes()
	if err != nil {
		return nil, nil, err
	}
	var out [][]any
	for rows.Next() {
		ptrs := make([]any, len(cols))
		for i, c := range cols {
			ptrs[i] = reflect.New(reflect.PointerTo(c.ScanType())).Interface()
		}
		if err := rows.Scan(ptrs...); err != nil {
			return cols, out, err
		}
		row := make([]any, len(cols))
		for i, p := range ptrs {
			if v := reflect.ValueOf(p).Elem(); !v.IsNil() {
				row[i] = v.Elem().Interface()
			}
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		return cols, out, err
	}
	return cols, out, rows.Close()
}

func checkColumns(t *testing.T, got []*sql.ColumnType, want []cases.Column) {
	t.Helper()
	if len(got) != len(want) {
		names := make([]string, len(got))
		for i, c := range got {
			names[i] = c.Name()
		}
		t.Errorf("columns %v, want %d columns", names, len(want))
		return
	}
	for i, w := range want {
		g := got[i]
		if g.Name() != w.Name {
			t.Errorf("column %d: name %q, want %q", i, g.Name(), w.Name)
		}
		if w.DatabaseTypeName != "" && g.DatabaseTypeName() != w.DatabaseTypeName {
			t.Errorf("column %s: type %q, want %q", w.Name, g.DatabaseTypeName(), w.DatabaseTypeName)
		}
		if w.ScanType != nil && g.ScanType() != w.ScanType {
			t.Errorf("column %s: scan type %v, want %v", w.Name, g.ScanType(), w.ScanType)
		}
		if w.Nullable != nil {
			if n, ok := g.Nullable(); !ok || n != *w.Nullable {
				t.Errorf("column %s: nullable %v (known %v), want %v", w.Name, n, ok, *w.Nullable)
			}
		}
		if w.Length != 0 {
			if n, ok := g.Length(); !ok || n != w.Length {
				t.Errorf("column %s: length %d (known %v), want %d", w.Name, n, ok, w.Length)
			}
		}
		if w.Precision != 0 {
			if p, s, ok := g.DecimalSize(); !ok || p != w.Precision || s != w.Scale {
				t.Errorf("column %s: precision/scale %d,%d (known %v), want %d,%d", w.Name, p, s, ok, w.Precision, w.Scale)
			}
		}
	}
}

// valueEqual compares exactly: decimals by value (1.50 = 1.5), instants
// by Equal, bytes by content, everything else with ==, types included.
func valueEqual(a, b any) bool {
	switch x := a.(type) {
	case decimal.Decimal:
		y, ok := b.(decimal.Decimal)
		return ok && x.Equal(y)
	case time.Time:
		y, ok := b.(time.Time)
		return ok && x.Equal(y)
	case []byte:
		y, ok := b.([]byte)
		return ok && bytes.Equal(x, y)
	case json.RawMessage:
		y, ok := b.(json.RawMessage)
		return ok && bytes.Equal(x, y)
	}
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if reflect.TypeOf(a) != reflect.TypeOf(b) || !reflect.TypeOf(a).Comparable() {
		return false
	}
	return a == b
}

func rowEqual(a, b []any) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !valueEqual(a[i], b[i]) {
			return false
		}
	}
	return true
}

// format writes a value with its type, so a string "1" and an int64 1
// differ in diffs.
func format(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return fmt.Sprintf("%q", x)
	case decimal.Decimal:
		return "dec(" + x.String() + ")"
	case time.Time:
		return "ts(" + x.UTC().Format("2006-01-02T15:04:05.000Z") + ")"
	case catalog.Date:
		return "date(" + x.String() + ")"
	case catalog.TimeOfDay:
		return "time(" + x.String() + ")"
	case []byte:
		return fmt.Sprintf("bytes(%q)", x)
	case json.RawMessage:
		return "json(" + string(x) + ")"
	}
	return fmt.Sprintf("%T(%v)", v, v)
}

func formatRow(r []any) string {
	parts := make([]string, len(r))
	for i, v := range r {
		parts[i] = format(v)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func sorted(rows [][]any) [][]any {
	out := append([][]any(nil), rows...)
	sort.SliceStable(out, func(i, j int) bool { return formatRow(out[i]) < formatRow(out[j]) })
	return out
}

func diffRows(got, want [][]any) string {
	var b strings.Builder
	for i := range max(len(got), len(want)) {
		var g, w string
		if i < len(got) {
			g = formatRow(got[i])
		}
		if i < len(want) {
			w = formatRow(want[i])
		}
		mark := " "
		if g != w {
			mark = "≠"
		}
		fmt.Fprintf(&b, "%s got  %s\n  want %s\n", mark, g, w)
	}
	return b.String()
}
