package catalog

import (
	"slices"
	"strings"
)

// Snapshot is an immutable set of described objects: what one statement is
// translated against. It is safe for concurrent use.
type Snapshot struct {
	byName map[string]*Object // folded name → object
	sorted []*Object
}

// NewSnapshot returns a snapshot of objs. When two objects have the same name
// (case-insensitively) the later one wins. The objects are frozen: do not
// modify them afterwards.
func NewSnapshot(objs ...*Object) *Snapshot {
	s := &Snapshot{byName: make(map[string]*Object, len(objs))}
	for _, o := range objs {
		if o == nil {
			continue
		}
		o.freeze()
		s.byName[fold(o.Name)] = o
	}
	s.sorted = make([]*Object, 0, len(s.byName))
	for _, o := range s.byName {
		s.sorted = append(s.sorted, o)
	}
	slices.SortFunc(s.sorted, func(a, b *Object) int { return strings.Compare(a.Name, b.Name) })
	return s
}

// With returns a new snapshot holding s's objects and objs; objs replace
// same-named objects of s. s is unchanged.
func (s *Snapshot) With(objs ...*Object) *Snapshot {
	all := make([]*Object, 0, len(s.sorted)+len(objs))
	all = append(all, s.sorted...)
	all = append(all, objs...)
	return NewSnapshot(all...)
}

// Object resolves an object by name, case-insensitively. The error is a
// *ResolveError with the nearest object name of the snapshot as suggestion.
func (s *Snapshot) Object(name string) (*Object, error) {
	if o, ok := s.byName[fold(name)]; ok {
		return o, nil
	}
	return nil, &ResolveError{Kind: UnknownObject, Name: name, Suggestion: Suggest(name, s.Names())}
}

// Objects returns the snapshot's objects sorted by name. The slice is the
// caller's; the objects are shared and must not be modified.
func (s *Snapshot) Objects() []*Object {
	return slices.Clone(s.sorted)
}

// Names returns the objects' names, sorted.
func (s *Snapshot) Names() []string {
	out := make([]string, len(s.sorted))
	for i, o := range s.sorted {
		out[i] = o.Name
	}
	return out
}

// Len is the number of objects.
func (s *Snapshot) Len() int { return len(s.sorted) }

// Field resolves "Object.Field" in one call: the common case of a column
// reference whose table is known.
func (s *Snapshot) Field(object, field string) (*Field, error) {
	o, err := s.Object(object)
	if err != nil {
		return nil, err
	}
	return o.Field(field)
}
