package cases

import (
	"reflect"
	"time"

	"github.com/shopspring/decimal"

	"github.com/soqlgate/soqlgate/catalog"
	sfdriver "github.com/soqlgate/soqlgate/driver"
)

// QueryTest is one statement and what it must return.
type QueryTest struct {
	Name  string
	Query string
	Args  []any
	// Config changes the driver configuration (DSN settings) for this case.
	Config func(*sfdriver.Config)
	// Expected rows, values typed as the column's ScanType gives them
	// (nil for NULL). Compared in order when Ordered, else as a multiset.
	Expected [][]any
	// Ordered says the statement fixes the row order (ORDER BY).
	Ordered bool
	// ExpectedColumns, when set, are checked against rows.ColumnTypes().
	ExpectedColumns []Column
	// ExpectedErr is matched with errors.Is; ExpectedErrText must be a
	// substring of the error's text. Either makes the case an error case.
	ExpectedErr     error
	ExpectedErrText string
	// ExpectedPlan, when set, must be a substring of one line of the
	// statement's plan (driver.Notes.LastPlan): "Bulk API 2.0" proves the
	// Bulk path ran.
	ExpectedPlan string
	// Skip, when not empty, says exactly what is missing for the case to
	// pass; the case is reported as skipped, never run.
	Skip string
	// Portable says the expectation holds on any org (not only the demo
	// org): errors, columns.
	Portable bool
}

// Column is what a result column must report.
type Column struct {
	Name             string
	DatabaseTypeName string
	ScanType         reflect.Type // nil: not checked
	Nullable         *bool        // nil: not checked
	Length           int64        // 0: not checked (varchar only)
	Precision, Scale int64        // Precision 0: not checked (numeric only)
}

// Value constructors for expectations.

// Dec is an exact decimal.
func Dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// Day is a civil date.
func Day(y int, m time.Month, d int) catalog.Date { return catalog.Date{Year: y, Month: m, Day: d} }

// TS is a UTC instant written as Salesforce writes it.
func TS(s string) time.Time {
	t, err := time.Parse("2006-01-02T15:04:05.000Z", s)
	if err != nil {
		panic(err)
	}
	return t
}

// Clock is a civil time of day.
func Clock(h, m, s int) catalog.TimeOfDay { return catalog.TimeOfDay{Hour: h, Minute: m, Second: s} }

// Bool pointers for Column.Nullable.
var (
	Yes = ptr(true)
	No  = ptr(false)
)

func ptr[T any](v T) *T { return &v }

// All is every table.
func All() []QueryTest {
	var all []QueryTest
	for _, t := range [][]QueryTest{Seed, Relationships, Aggregates, AllTypes, allTypesBulk(), Params, Errors, CatalogQueries} {
		all = append(all, t...)
	}
	return all
}
