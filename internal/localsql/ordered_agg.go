package localsql

import (
	"database/sql/driver"
	"fmt"
	"math"
	"sort"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"modernc.org/sqlite"
)

// Ordered-set aggregates (WITHIN GROUP): percentile_cont, percentile_disc
// and mode, which BI tools use for medians. Each collects its group's
// values and picks from them sorted as the ORDER BY says.

// orderedSetAgg collects (value) rows; kind is "cont", "disc" or "mode".
type orderedSetAgg struct {
	kind     string
	fraction float64
	st       storage
	desc     bool
	vals     []driver.Value
}

func (a *orderedSetAgg) Step(_ *sqlite.FunctionContext, args []driver.Value) error {
	// args: fraction (ignored by mode), value, storage, desc
	if args[1] == nil {
		return nil
	}
	if a.kind != "mode" {
		if args[0] == nil {
			return fmt.Errorf("localsql: percentile value must not be null")
		}
		a.fraction = asFloat(args[0])
		if a.fraction < 0 || a.fraction > 1 {
			return fmt.Errorf("localsql: percentile value %v is not between 0 and 1", a.fraction)
		}
	}
	a.st, a.desc = storage(asInt(args[2])), asInt(args[3]) != 0
	v := args[1]
	if s, ok := v.(string); ok {
		v = string(append([]byte(nil), s...))
	}
	a.vals = append(a.vals, v)
	return nil
}

func (a *orderedSetAgg) WindowInverse(*sqlite.FunctionContext, []driver.Value) error {
	return fmt.Errorf("localsql: %s is not a window function", a.kind)
}

func (a *orderedSetAgg) WindowValue(_ *sqlite.FunctionContext) (driver.Value, error) {
	n := len(a.vals)
	if n == 0 {
		return nil, nil
	}
	sort.SliceStable(a.vals, func(i, j int) bool {
		c := compareStorage(a.st, a.vals[i], a.vals[j])
		if a.desc {
			return c > 0
		}
		return c < 0
	})
	switch a.kind {
	case "cont":
		pos := a.fraction * float64(n-1)
		lo, hi := int(math.Floor(pos)), int(math.Ceil(pos))
		x, y := asFloat(a.vals[lo]), asFloat(a.vals[hi])
		if lo == hi {
			return x, nil
		}
		return x + (pos-float64(lo))*(y-x), nil
	case "disc":
		i := int(math.Ceil(a.fraction*float64(n))) - 1
		return a.vals[max(i, 0)], nil
	}
	// mode: the most frequent value, the first in sort order on ties
	best, bestN, run := a.vals[0], 0, 0
	for i := range a.vals {
		if i > 0 && compareStorage(a.st, a.vals[i], a.vals[i-1]) == 0 {
			run++
		} else {
			run = 1
		}
		if run > bestN {
			best, bestN = a.vals[i], run
		}
	}
	return best, nil
}

func (a *orderedSetAgg) Final(*sqlite.FunctionContext) {}

func registerOrderedSetAggs(d *sqlite.Driver) {
	for _, kind := range []string{"cont", "disc", "mode"} {
		d.MustRegisterFunction("pg_percentile_"+kind, &sqlite.FunctionImpl{
			NArgs:         4,
			Deterministic: true,
			MakeAggregate: func(sqlite.FunctionContext) (sqlite.AggregateFunction, error) {
				return &orderedSetAgg{kind: kind}, nil
			},
		})
	}
}

// orderedSetAggregate translates percentile_cont / percentile_disc /
// mode() WITHIN GROUP (ORDER BY x).
func (tr *translator) orderedSetAggregate(name string, fc *pg_query.FuncCall, args []expr, sc *scope) (expr, error) {
	if len(fc.AggOrder) != 1 {
		return expr{}, errf(codeFeature, "%s needs WITHIN GROUP (ORDER BY one expression)", name)
	}
	sb := fc.AggOrder[0].GetSortBy()
	x, err := tr.expr(sb.Node, sc)
	if err != nil {
		return expr{}, err
	}
	if x.untyped() {
		x, _ = tr.coerce(x, TText)
	}
	desc := 0
	if sb.SortbyDir == pg_query.SortByDir_SORTBY_DESC {
		desc = 1
	}
	fraction := "NULL"
	kind := "mode"
	t := x.t
	switch name {
	case "percentile_cont", "percentile_disc":
		if len(args) != 1 {
			return expr{}, errf(codeUndefinedFunction, "function %s needs one fraction", name)
		}
		f, err := tr.coerce(args[0], TFloat8)
		if err != nil {
			return expr{}, err
		}
		fraction = f.sql
		kind = "disc"
		if name == "percentile_cont" {
			kind = "cont"
			if x.t.category() != 'N' {
				return expr{}, errf(codeUndefinedFunction, "function percentile_cont(double precision) within group (order by %s) does not exist", x.t)
			}
			if x, err = tr.coerce(x, TFloat8); err != nil {
				return expr{}, err
			}
			t = TFloat8
		}
	}
	sqlText := fmt.Sprintf("pg_percentile_%s(%s, %s, %d, %d)", kind, fraction, x.sql, x.t.storage(), desc)
	filter, err := tr.aggFilter(fc, sc)
	if err != nil {
		return expr{}, err
	}
	return expr{sql: sqlText + filter, t: t, name: name}, nil
}
