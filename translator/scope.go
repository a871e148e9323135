package translator

import (
	"errors"
	"fmt"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/soqlgate/soqlgate/catalog"
)

// table is one table reference of a FROM clause.
type table struct {
	alias string // the name it is referred by, lower case
	name  string // the object name as written
	obj   *catalog.Object
	loc   int32

	// Placement in a SOQL query (set by the join planner).
	sb       *scanBuilder
	path     []string // relationship names from the scan's root (or from the child) to this table
	inChild  bool     // this table is the flattened child or one of its parents
	nullable bool     // on the nullable side of an outer join
}

// scope is the set of tables a SELECT's expressions resolve against.
type scope struct {
	tables []*table
}

// colRef is a resolved column reference.
type colRef struct {
	t     *table
	path  []string // relationship names then the field name, as describe spells them
	field *catalog.Field
	loc   int32
}

// key is the column's name in its scan's row set: the SOQL path.
func (c colRef) key() string {
	if len(c.t.path) == 0 && !c.t.inChild && len(c.path) == 1 {
		return c.path[0]
	}
	full := append(append([]string{}, c.t.path...), c.path...)
	if c.t.inChild && c.t.sb != nil && c.t.sb.child != nil {
		full = append([]string{c.t.sb.child.rel}, full...)
	}
	return strings.Join(full, ".")
}

// soqlPath is the path as written in the query that selects it (the child
// subquery's paths are relative to the child).
func (c colRef) soqlPath() []string {
	if len(c.t.path) == 0 {
		return c.path
	}
	return append(append([]string{}, c.t.path...), c.path...)
}

// resolveError converts a catalog error, adding the position.
func (b *builder) resolveError(err error, loc int32) error {
	var ce *catalog.ResolveError
	if errors.As(err, &ce) {
		return &ResolveError{Kind: ce.Kind.String(), Name: ce.Name, Object: ce.Object, Pos: b.p.pos(loc), Suggestion: ce.Suggestion}
	}
	return err
}

// object resolves an object name of the snapshot.
func (b *builder) object(name string, loc int32) (*catalog.Object, error) {
	name = b.p.originalName(name, loc)
	o, err := b.snap.Object(name)
	if err != nil {
		return nil, b.resolveError(err, loc)
	}
	return o, nil
}

// target resolves the object a reference field points at. Polymorphic
// references try their targets in describe order and take the first one
// having next (the following path element), or the first in the snapshot.
func (b *builder) target(f *catalog.Field, next string) (*catalog.Object, error) {
	var first *catalog.Object
	var missing []string
	for _, name := range f.ReferenceTo {
		o, err := b.snap.Object(name)
		if err != nil {
			missing = append(missing, name)
			continue
		}
		if first == nil {
			first = o
		}
		if next == "" {
			break
		}
		if _, err := o.Field(next); err == nil {
			return o, nil
		}
		if _, err := o.Relationship(next); err == nil {
			return o, nil
		}
	}
	if first == nil {
		if len(missing) > 0 {
			b.needObjects(missing...)
			return nil, errNeed
		}
		return nil, fmt.Errorf("translator: reference %s has no target", f.Name)
	}
	return first, nil
}

var errNeed = errors.New("translator: objects needed")

func (b *builder) needObjects(names ...string) {
	for _, n := range names {
		dup := false
		for _, m := range b.need {
			if strings.EqualFold(m, n) {
				dup = true
			}
		}
		if !dup {
			b.need = append(b.need, n)
		}
	}
}

// walkPath resolves parts (relationship names then a field) from o.
func (b *builder) walkPath(o *catalog.Object, parts []string, loc int32) ([]string, *catalog.Field, error) {
	out := make([]string, 0, len(parts))
	for i, part := range parts {
		if i == len(parts)-1 {
			f, err := o.Field(part)
			if err != nil {
				if rf, rerr := o.Relationship(part); rerr == nil {
					return nil, nil, &UnsupportedError{Construct: "relationship " + rf.RelationshipName + " used as a column", Pos: b.p.pos(loc),
						Hint: "select a field of it, e.g. " + rf.RelationshipName + ".Id, or " + rf.Name}
				}
				return nil, nil, b.resolveError(err, loc)
			}
			return append(out, f.Name), f, nil
		}
		rf, err := o.Relationship(part)
		if err != nil {
			return nil, nil, b.resolveError(err, loc)
		}
		next := ""
		if i+1 < len(parts) {
			next = parts[i+1]
		}
		o, err = b.target(rf, next)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, rf.RelationshipName)
	}
	return nil, nil, fmt.Errorf("translator: empty column reference")
}

// resolve resolves a column reference against the scope.
func (b *builder) resolve(sc *scope, cr *pg.ColumnRef) (colRef, error) {
	var parts []string
	for _, f := range cr.Fields {
		if _, star := f.Node.(*pg.Node_AStar); star {
			return colRef{}, &UnsupportedError{Construct: "* here", Pos: b.p.pos(cr.Location)}
		}
		parts = append(parts, strOf(f))
	}
	loc := cr.Location
	b.p.originalParts(parts, loc)
	if len(parts) == 0 || len(sc.tables) == 0 {
		return colRef{}, &UnsupportedError{Construct: "column reference without a table", Pos: b.p.pos(loc), Hint: "add a FROM clause"}
	}
	if len(parts) >= 2 {
		if t := sc.byAlias(parts[0]); t != nil {
			path, f, err := b.walkPath(t.obj, parts[1:], loc)
			return colRef{t: t, path: path, field: f, loc: loc}, err
		}
	}
	if len(parts) == 1 {
		found := sc.tablesWith(func(o *catalog.Object) error { _, err := o.Field(parts[0]); return err })
		switch len(found) {
		case 1:
			path, f, err := b.walkPath(found[0].obj, parts, loc)
			return colRef{t: found[0], path: path, field: f, loc: loc}, err
		case 0:
			_, f, err := b.walkPath(sc.tables[0].obj, parts, loc)
			if err == nil {
				err = fmt.Errorf("translator: internal: %s resolved late", f.Name)
			}
			return colRef{}, err
		default:
			return colRef{}, &UnsupportedError{Construct: "ambiguous column " + parts[0], Pos: b.p.pos(loc), Hint: "qualify it with a table name or alias"}
		}
	}
	// A dotted name whose first part is not a table: a relationship path.
	found := sc.tablesWith(func(o *catalog.Object) error { _, err := o.Relationship(parts[0]); return err })
	switch len(found) {
	case 1:
		path, f, err := b.walkPath(found[0].obj, parts, loc)
		return colRef{t: found[0], path: path, field: f, loc: loc}, err
	case 0:
		names := make([]string, 0, len(sc.tables))
		for _, t := range sc.tables {
			names = append(names, t.alias)
			for _, f := range t.obj.Fields {
				if f.RelationshipName != "" {
					names = append(names, f.RelationshipName)
				}
			}
		}
		for _, o := range b.outer {
			if o.byAlias(parts[0]) != nil {
				return colRef{}, &UnsupportedError{Construct: "correlated subquery (it refers to " + strings.Join(parts, ".") + " of the outer query)", Pos: b.p.pos(loc),
					Hint: "write a join, or col IN (SELECT … FROM …) without outer references"}
			}
		}
		return colRef{}, &ResolveError{Kind: "table or relationship", Name: parts[0], Pos: b.p.pos(loc), Suggestion: catalog.Suggest(parts[0], names)}
	}
	return colRef{}, &UnsupportedError{Construct: "ambiguous relationship " + parts[0], Pos: b.p.pos(loc), Hint: "qualify it with a table name or alias"}
}

func (sc *scope) byAlias(name string) *table {
	for _, t := range sc.tables {
		if strings.EqualFold(t.alias, name) {
			return t
		}
	}
	return nil
}

// tablesWith returns the tables of the scope whose object resolves a name
// (has reports nil).
func (sc *scope) tablesWith(has func(*catalog.Object) error) []*table {
	var found []*table
	for _, t := range sc.tables {
		if has(t.obj) == nil {
			found = append(found, t)
		}
	}
	return found
}
