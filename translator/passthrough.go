package translator

import (
	"strconv"
	"strings"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/soql"
)

// soqlPlan passes a SOQL statement through unchanged: soql's parser has
// validated it; the snapshot types its columns.
func (b *builder) soqlPlan(q *soql.Query) (*Plan, error) {
	obj, err := b.snap.Object(q.From.Object)
	if err != nil {
		b.needObjects(q.From.Object)
		return nil, errNeed
	}
	sc := Scan{Name: "s1", Object: obj.Name, SOQL: q, Aggregate: q.GroupBy != nil}
	exprN := 0
	for _, it := range q.Select {
		switch x := it.Expr.(type) {
		case *soql.FieldRef:
			f := b.soqlField(obj, x.Path)
			name := x.Path[len(x.Path)-1]
			if f != nil {
				name = f.Name
			}
			path := joinPath(x.Path)
			if it.Alias != "" {
				name, path = it.Alias, it.Alias
			} else if q.GroupBy != nil || hasAggregate(q) {
				path = x.Path[len(x.Path)-1]
			}
			sc.Columns = append(sc.Columns, Column{Name: name, Path: path, Field: f})
		case *soql.FuncCall:
			fi, _ := soql.LookupFunc(x.Name)
			path := it.Alias
			if path == "" {
				if fi.Aggregate || fi.DateFunc {
					path = "expr" + strconv.Itoa(exprN)
					exprN++
				} else if len(x.Args) == 1 {
					if f, ok := x.Args[0].(*soql.FieldRef); ok {
						path = joinPath(f.Path)
					}
				}
			}
			if fi.Aggregate {
				sc.Aggregate = true
			}
			col := Column{Name: path, Path: path, Aggregate: x.Name}
			if len(x.Args) == 1 {
				if f, ok := x.Args[0].(*soql.FieldRef); ok && x.Name != "COUNT" && x.Name != "COUNT_DISTINCT" {
					col.Field = b.soqlField(obj, f.Path)
				}
			}
			sc.Columns = append(sc.Columns, col)
		case *soql.Fields:
			for _, f := range obj.Fields {
				if f.DeprecatedAndHidden {
					continue
				}
				if x.Kind == soql.FieldsCustom && !f.Custom || x.Kind == soql.FieldsStandard && f.Custom {
					continue
				}
				sc.Columns = append(sc.Columns, Column{Name: f.Name, Path: f.Name, Field: f})
			}
		case *soql.SubQuery:
			rel := x.Query.From.Object
			sc.Columns = append(sc.Columns, Column{Name: rel, Path: rel})
		case *soql.TypeOf:
			sc.Columns = append(sc.Columns, Column{Name: x.Field, Path: x.Field})
		}
	}
	sc.QueryAll = b.s.queryAll()
	b.bulk(&sc)
	return &Plan{Kind: KindQuery, Mode: ModeSOQL, Scans: []Scan{sc}, Output: sc.Columns}, nil
}

func hasAggregate(q *soql.Query) bool {
	for _, it := range q.Select {
		if f, ok := it.Expr.(*soql.FuncCall); ok {
			if fi, _ := soql.LookupFunc(f.Name); fi.Aggregate {
				return true
			}
		}
	}
	return false
}

// soqlField finds the field a SOQL path reads, when the snapshot holds the
// objects along it; nil otherwise (the column is then untyped).
func (b *builder) soqlField(obj *catalog.Object, path []string) *catalog.Field {
	o := obj
	for i, p := range path {
		if i == 0 && len(path) > 1 && strings.EqualFold(p, obj.Name) {
			continue
		}
		if i == len(path)-1 {
			f, err := o.Field(p)
			if err != nil {
				return nil
			}
			return f
		}
		rf, err := o.Relationship(p)
		if err != nil || len(rf.ReferenceTo) == 0 {
			return nil
		}
		next, err := b.snap.Object(rf.ReferenceTo[0])
		if err != nil {
			return nil
		}
		o = next
	}
	return nil
}
