package catalog

import (
	"errors"
	"fmt"
)

// ErrNotFound is matched (errors.Is) by every *ResolveError.
var ErrNotFound = errors.New("catalog: not found")

// ResolveKind says what kind of name did not resolve.
type ResolveKind uint8

// The kinds of names.
const (
	UnknownObject ResolveKind = iota + 1
	UnknownField
	UnknownRelationship      // a parent relationship: Account in Contact.Account.Name
	UnknownChildRelationship // a child relationship: Contacts in (SELECT … FROM Contacts)
)

func (k ResolveKind) String() string {
	switch k {
	case UnknownObject:
		return "object"
	case UnknownField:
		return "field"
	case UnknownRelationship:
		return "relationship"
	case UnknownChildRelationship:
		return "child relationship"
	}
	return fmt.Sprintf("ResolveKind(%d)", uint8(k))
}

// ResolveError reports a name that does not resolve, with the nearest
// existing name when one is close enough.
type ResolveError struct {
	Kind       ResolveKind
	Object     string // the object searched, for fields and relationships; "" for objects
	Name       string // the name as written
	Suggestion string // nearest existing name, as describe spells it; "" if none is close
}

func (e *ResolveError) Error() string {
	msg := "catalog: unknown " + e.Kind.String() + " '" + e.Name + "'"
	if e.Object != "" {
		msg += " on " + e.Object
	}
	if e.Suggestion != "" {
		msg += "; did you mean '" + e.Suggestion + "'?"
	}
	return msg
}

// Unwrap makes errors.Is(err, ErrNotFound) true.
func (e *ResolveError) Unwrap() error { return ErrNotFound }
