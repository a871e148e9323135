package engine

import (
	"context"
	"io"
	"reflect"
	"sync"

	"github.com/soqlgate/soqlgate/catalog"
)

// Column describes one result column: everything database/sql's
// ColumnType and a Postgres RowDescription need.
type Column struct {
	Name string
	// Type is the column's SQL type: DDL name, pg type name, OID, typmod,
	// sizes and the Go type its values have.
	Type catalog.SQLType
	// Nullable is false only when Salesforce never returns null (booleans,
	// Id, COUNT).
	Nullable bool
	// Field is the field the values come from; nil for computed columns.
	Field *catalog.Field
}

// source yields rows of typed values; io.EOF ends it.
type source interface {
	next() ([]any, error)
	close() error
}

// Rows streams a statement's result.
type Rows struct {
	cols    []Column
	src     source
	explain []string
	warn    []string
	cancel  context.CancelFunc

	closeOnce sync.Once
	closeErr  error
	onClose   []func()
}

// Columns are the result's columns.
func (r *Rows) Columns() []Column { return r.cols }

// Next returns the next row (values typed as Column.Type.ScanType says, or
// nil for NULL) or io.EOF after the last one.
func (r *Rows) Next() ([]any, error) {
	if r.src == nil {
		return nil, io.EOF
	}
	return r.src.next()
}

// Explain lines say how the statement ran: the SOQL sent, the API chosen
// and why, local steps.
func (r *Rows) Explain() []string { return r.explain }

// Warnings are notes a client should show (a report truncated at 2,000
// rows, …).
func (r *Rows) Warnings() []string { return r.warn }

// Close stops the statement: it ends the HTTP reads, aborts a Bulk job
// still running and frees local tables. It is safe to call twice.
func (r *Rows) Close() error {
	r.closeOnce.Do(func() {
		if r.src != nil {
			r.closeErr = r.src.close()
		}
		for _, f := range r.onClose {
			f()
		}
		if r.cancel != nil {
			r.cancel()
		}
	})
	return r.closeErr
}

// sliceSource serves rows held in memory (EXPLAIN, reports, small results).
type sliceSource struct {
	rows [][]any
	i    int
}

func (s *sliceSource) next() ([]any, error) {
	if s.i >= len(s.rows) {
		return nil, io.EOF
	}
	row := s.rows[s.i]
	s.rows[s.i] = nil
	s.i++
	return row, nil
}

func (s *sliceSource) close() error { s.rows = nil; return nil }

// textColumn is a column of text values (EXPLAIN, report labels).
func textColumn(name string) Column {
	return Column{Name: name, Nullable: true, Type: catalog.SQLType{
		Name: "text", Base: "text", Format: "text", OID: catalog.OIDText, Typmod: -1, ScanType: reflect.TypeOf(""),
	}}
}
