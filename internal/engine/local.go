package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/internal/localsql"
	"github.com/soqlgate/soqlgate/translator"
)

// runLocal streams every scan of p into an in-memory SQLite database and
// runs the plan's residue there.
func (e *Engine) runLocal(ctx context.Context, p *translator.Plan, args []any, r *Rows) error {
	budget := e.settings.LocalRowBudget
	if budget <= 0 {
		budget = DefaultLocalRowBudget
	}
	db, err := localsql.Open(localsql.Options{RowBudget: budget})
	if err != nil {
		return err
	}
	r.onClose = append(r.onClose, func() { db.Close() })
	var scanNames []string
	for i := range p.Scans {
		sc := &p.Scans[i]
		scanNames = append(scanNames, sc.Name+" ("+sc.Object+")")
		src, err := e.openScan(ctx, sc, &r.explain)
		if err != nil {
			return err
		}
		cols := make([]localsql.Column, len(sc.Columns))
		for j, c := range sc.Columns {
			t := columnOf(c).Type
			cols[j] = localsql.Column{Name: c.Name, Type: localsql.Type{OID: t.OID, Typmod: t.Typmod}}
		}
		n, err := db.LoadRowSet(ctx, sc.Name, cols, func() ([]any, error) {
			row, err := src.next()
			if err != nil {
				return nil, err
			}
			for k, v := range row {
				row[k] = toLocal(v)
			}
			return row, nil
		})
		src.close()
		if errors.Is(err, localsql.ErrRowBudget) {
			return &BudgetError{Budget: budget, Scans: scanNames}
		}
		if err != nil {
			return err
		}
		r.explain = append(r.explain, fmt.Sprintf("scan %s: %d rows loaded for the local step", sc.Name, n))
	}
	r.explain = append(r.explain, "local step (SQLite, PostgreSQL semantics): "+p.Local.SQL)
	for _, why := range p.Local.Reasons {
		r.explain = append(r.explain, "  local because: "+why)
	}
	rows, err := db.Query(ctx, p.Local.SQL, args...)
	if err != nil {
		return err
	}
	lcols := rows.Columns()
	r.cols = make([]Column, len(lcols))
	for i, c := range lcols {
		r.cols[i] = Column{Name: c.Name, Nullable: true, Type: sqlTypeOfLocal(c.Type)}
	}
	r.src = &localSource{rows: rows, cols: r.cols}
	return nil
}

// BudgetError reports a local step that would pull more rows than the
// localRowBudget setting allows. Nothing is truncated silently.
type BudgetError struct {
	Budget int64
	Scans  []string
}

func (e *BudgetError) Error() string {
	return fmt.Sprintf("engine: the local step needs more than localRowBudget=%d rows from %s; narrow the query or raise localRowBudget",
		e.Budget, strings.Join(e.Scans, ", "))
}

// toLocal converts an engine value to a value localsql stores.
func toLocal(v any) any {
	switch x := v.(type) {
	case catalog.Date:
		return x.String()
	case catalog.TimeOfDay:
		return x.String()
	case json.RawMessage:
		return string(x)
	case catalog.BlobURL:
		return string(x)
	}
	return v
}

// localSource converts localsql's values to the engine's types.
type localSource struct {
	rows *localsql.Rows
	cols []Column
}

func (s *localSource) next() ([]any, error) {
	if !s.rows.Next() {
		if err := s.rows.Err(); err != nil {
			return nil, err
		}
		return nil, io.EOF
	}
	vals := s.rows.Values()
	out := make([]any, len(vals))
	for i, v := range vals {
		out[i] = fromLocal(v, s.cols[i].Type)
	}
	return out, nil
}

func (s *localSource) close() error { return s.rows.Close() }

func fromLocal(v any, t catalog.SQLType) any {
	switch t.OID {
	case localsql.OIDDate:
		if tm, ok := v.(time.Time); ok {
			return catalog.DateOf(tm)
		}
	case localsql.OIDTime:
		if s, ok := v.(string); ok {
			if tod, err := catalog.ParseTimeOfDay(s); err == nil {
				return tod
			}
		}
	case localsql.OIDInt4, localsql.OIDInt2:
		if n, ok := v.(int64); ok {
			return int32(n)
		}
	case localsql.OIDJSON:
		if s, ok := v.(string); ok {
			return json.RawMessage(s)
		}
	}
	return v
}

// sqlTypeOfLocal describes a localsql result type as the catalog does.
func sqlTypeOfLocal(t localsql.Type) catalog.SQLType {
	st := catalog.SQLType{Name: ddlName(t), Base: t.Name(), Format: t.String(), OID: t.OID, Typmod: t.Typmod}
	switch t.OID {
	case localsql.OIDBool:
		st.ScanType = reflect.TypeFor[bool]()
	case localsql.OIDInt2, localsql.OIDInt4:
		st.ScanType = reflect.TypeFor[int32]()
	case localsql.OIDInt8:
		st.ScanType = reflect.TypeFor[int64]()
	case localsql.OIDFloat4, localsql.OIDFloat8:
		st.ScanType = reflect.TypeFor[float64]()
	case catalog.OIDNumeric:
		st.ScanType = reflect.TypeFor[decimal.Decimal]()
		if t.Typmod >= 4 {
			st.Precision, st.Scale = int((t.Typmod-4)>>16), int((t.Typmod-4)&0xffff)
		}
	case localsql.OIDDate:
		st.ScanType = reflect.TypeFor[catalog.Date]()
	case localsql.OIDTime:
		st.ScanType = reflect.TypeFor[catalog.TimeOfDay]()
	case localsql.OIDTimestamp, localsql.OIDTimestamptz:
		st.ScanType = reflect.TypeFor[time.Time]()
	case localsql.OIDBytea:
		st.ScanType = reflect.TypeFor[[]byte]()
	case localsql.OIDJSON:
		st.ScanType = reflect.TypeFor[json.RawMessage]()
	case localsql.OIDVarchar, localsql.OIDBpchar:
		st.ScanType = reflect.TypeFor[string]()
		if t.Typmod >= 4 {
			st.Length = int(t.Typmod - 4)
		}
	default:
		st.ScanType = reflect.TypeFor[string]()
	}
	return st
}

// ddlName spells a localsql type the way the catalog's type table does
// ("varchar(255)", "numeric(18,2)", "integer"), so a column is named alike
// whether it came through a local step or straight from Salesforce.
func ddlName(t localsql.Type) string {
	switch t.OID {
	case localsql.OIDVarchar:
		if t.Typmod >= 4 {
			return fmt.Sprintf("varchar(%d)", t.Typmod-4)
		}
		return "varchar"
	case catalog.OIDNumeric:
		if t.Typmod >= 4 {
			return fmt.Sprintf("numeric(%d,%d)", (t.Typmod-4)>>16, (t.Typmod-4)&0xffff)
		}
		return "numeric"
	case localsql.OIDTimestamptz:
		return "timestamptz"
	case localsql.OIDTimestamp:
		return "timestamp"
	}
	return t.String()
}
