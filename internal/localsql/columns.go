package localsql

import "github.com/soqlgate/soqlgate/catalog"

// TypeOfField is the localsql type of a catalog field (the type table's
// OID and typmod).
func TypeOfField(f *catalog.Field) Type {
	st := f.SQL
	if st.OID == 0 {
		st = catalog.TypeOf(f)
	}
	return Type{OID: st.OID, Typmod: st.Typmod}
}

// ColumnsOf returns the columns for the named fields of obj, in that order,
// typed by the type table: what the engine passes to LoadRowSet for a
// pushed-down scan.
func ColumnsOf(obj *catalog.Object, fields ...string) ([]Column, error) {
	out := make([]Column, 0, len(fields))
	for _, name := range fields {
		f, err := obj.Field(name)
		if err != nil {
			return nil, err
		}
		out = append(out, Column{Name: f.Name, Type: TypeOfField(f)})
	}
	return out, nil
}
