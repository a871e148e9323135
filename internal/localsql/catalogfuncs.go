package localsql

import (
	"database/sql/driver"
	"fmt"
)

// catalogFuncs are functions clients call in catalog queries.
var catalogFuncs = map[string]func(tr *translator, args []expr) (expr, error){
	"format_type": func(tr *translator, args []expr) (expr, error) {
		if len(args) != 2 {
			return expr{}, errf(codeUndefinedFunction, "function format_type needs 2 arguments")
		}
		o, err := tr.coerce(args[0], TOID)
		if err != nil {
			return expr{}, err
		}
		m, err := tr.coerce(args[1], TInt4)
		if err != nil {
			return expr{}, err
		}
		return expr{sql: fmt.Sprintf("pg_format_type(%s, %s)", o.sql, m.sql), t: TText}, nil
	},
}

func init() {
	def("pg_format_type", 2, func(a []driver.Value) (driver.Value, error) {
		if a[0] == nil {
			return nil, nil
		}
		mod := int32(-1)
		if a[1] != nil {
			mod = int32(asInt(a[1]))
		}
		return FormatType(uint32(asInt(a[0])), mod), nil
	})
}
