package driver

import (
	"database/sql/driver"
	"errors"
	"io"
	"reflect"

	"github.com/soqlgate/soqlgate/internal/engine"
)

// rows adapts the engine's typed rows to database/sql (see driverValue for
// the value forms).
type rows struct {
	r      *engine.Rows
	cols   []engine.Column
	names  []string
	done   func() // releases the statement's engine and records the notes
	closed bool
}

var (
	_ driver.Rows                           = (*rows)(nil)
	_ driver.RowsColumnTypeScanType         = (*rows)(nil)
	_ driver.RowsColumnTypeDatabaseTypeName = (*rows)(nil)
	_ driver.RowsColumnTypeNullable         = (*rows)(nil)
	_ driver.RowsColumnTypeLength           = (*rows)(nil)
	_ driver.RowsColumnTypePrecisionScale   = (*rows)(nil)
)

func newRows(r *engine.Rows, done func()) *rows {
	cols := r.Columns()
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return &rows{r: r, cols: cols, names: names, done: done}
}

// Columns are the result's column names: the alias if given, else the API
// name as describe spells it.
func (r *rows) Columns() []string { return r.names }

// Next fills dest with the next row.
func (r *rows) Next(dest []driver.Value) error {
	vals, err := r.r.Next()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return io.EOF
		}
		return err
	}
	if len(vals) != len(dest) {
		return errors.New("driver: the engine returned a row of the wrong width")
	}
	for i, v := range vals {
		if dest[i], err = driverValue(v); err != nil {
			return err
		}
	}
	return nil
}

// Close ends the statement (an unfinished Bulk job is aborted).
func (r *rows) Close() error {
	if r.closed {
		return nil
	}
	r.closed = true
	err := r.r.Close()
	r.done()
	return err
}

// ColumnTypeScanType is the Go type values of column i scan into.
func (r *rows) ColumnTypeScanType(i int) reflect.Type { return scanType(r.cols[i]) }

// ColumnTypeDatabaseTypeName is the PostgreSQL type name ("VARCHAR",
// "NUMERIC", "TIMESTAMPTZ").
func (r *rows) ColumnTypeDatabaseTypeName(i int) string { return databaseTypeName(r.cols[i]) }

// ColumnTypeNullable reports whether column i can hold NULL.
func (r *rows) ColumnTypeNullable(i int) (nullable, ok bool) { return r.cols[i].Nullable, true }

// ColumnTypeLength is a varchar's declared length.
func (r *rows) ColumnTypeLength(i int) (int64, bool) { return length(r.cols[i]) }

// ColumnTypePrecisionScale is a numeric's precision and scale.
func (r *rows) ColumnTypePrecisionScale(i int) (int64, int64, bool) {
	return precisionScale(r.cols[i])
}
