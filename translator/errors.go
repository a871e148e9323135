package translator

import (
	"errors"
	"fmt"

	"github.com/soqlgate/soqlgate/catalog"
)

// ErrUnsupported is matched by every *UnsupportedError (errors.Is).
var ErrUnsupported = errors.New("translator: unsupported")

// UnsupportedError reports a construct the translator does not accept: it
// can neither push it to Salesforce nor leave it to the local step.
type UnsupportedError struct {
	Construct string // what was not accepted, e.g. "LIKE on an Id field"
	Pos       int    // byte offset into the user's original text; -1 when unknown
	Hint      string // what to write instead; may be empty
}

func (e *UnsupportedError) Error() string {
	msg := "translator: unsupported: " + e.Construct
	if e.Pos >= 0 {
		msg += fmt.Sprintf(" (at offset %d)", e.Pos)
	}
	if e.Hint != "" {
		msg += "; " + e.Hint
	}
	return msg
}

// Is makes errors.Is(err, ErrUnsupported) true.
func (e *UnsupportedError) Is(target error) bool { return target == ErrUnsupported }

// ErrUnknownName is matched by every *ResolveError (errors.Is).
var ErrUnknownName = errors.New("translator: unknown name")

// ResolveError reports an object, field or relationship name that does not
// exist, with the nearest existing name when one is close enough.
type ResolveError struct {
	Kind       string // "object", "field", "relationship", "report parameter", …
	Name       string // the name as the user wrote it
	Object     string // the object searched, for fields and relationships
	Pos        int    // byte offset into the user's original text; -1 when unknown
	Suggestion string // nearest existing name, or ""
}

func (e *ResolveError) Error() string {
	msg := "translator: unknown " + e.Kind + " " + e.Name
	if e.Object != "" {
		msg += " on " + e.Object
	}
	if e.Pos >= 0 {
		msg += fmt.Sprintf(" (at offset %d)", e.Pos)
	}
	if e.Suggestion != "" {
		msg += "; did you mean " + e.Suggestion + "?"
	}
	return msg
}

// Is makes errors.Is(err, ErrUnknownName) true.
func (e *ResolveError) Is(target error) bool { return target == ErrUnknownName }

// Unwrap makes errors.Is(err, catalog.ErrNotFound) true as well.
func (e *ResolveError) Unwrap() error { return catalog.ErrNotFound }

// SyntaxError reports text that parses neither as SQL nor (in auto mode) as
// SOQL.
type SyntaxError struct {
	Msg string // the parser's message
	Pos int    // byte offset into the user's original text; -1 when unknown
}

func (e *SyntaxError) Error() string {
	if e.Pos >= 0 {
		return fmt.Sprintf("translator: syntax error: %s (at offset %d)", e.Msg, e.Pos)
	}
	return "translator: syntax error: " + e.Msg
}

func unsupportedAt(construct string, pos int, hint string) *UnsupportedError {
	return &UnsupportedError{Construct: construct, Pos: pos, Hint: hint}
}
