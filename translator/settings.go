package translator

import (
	"strings"
	"time"
)

// Mode is the language a statement is read in.
type Mode string

// The query modes (the queryMode setting).
const (
	ModeAuto Mode = "auto" // SQL unless the text is SOQL only (see doc.go)
	ModeSQL  Mode = "sql"
	ModeSOQL Mode = "soql"
)

// Semantics says whose comparison rules a SQL statement follows.
type Semantics string

// The semantics.
const (
	// SemanticsPostgres (the default): PostgreSQL's rules. String
	// comparisons are case-sensitive, NOT and != follow three-valued logic;
	// where Salesforce compares differently the translator pushes a superset
	// and rechecks locally, or keeps the predicate local.
	SemanticsPostgres Semantics = "postgres"
	// SemanticsSalesforce: Salesforce's rules (case-insensitive =, LIKE, IN;
	// its null handling). Every predicate SOQL can express is pushed as is.
	SemanticsSalesforce Semantics = "salesforce"
)

// Settings are the session settings a translation depends on. The zero
// value is usable: auto mode, UTC, query (not queryAll), PostgreSQL
// semantics.
type Settings struct {
	// Mode is the queryMode setting; "" means ModeAuto.
	Mode Mode
	// TimeZone interprets datetime literals written without a zone
	// ({ts '…'}, TIMESTAMP '…', '2024-01-01' against a datetime field) and
	// the day boundaries of a date compared with a datetime. Nil means UTC.
	TimeZone *time.Location
	// ReadBehavior is "query" (default) or "queryAll" (recycle-bin rows too).
	ReadBehavior string
	// Semantics; "" means SemanticsPostgres.
	Semantics Semantics
	// Now is the statement's start time: NOW(), CURRENT_DATE and
	// CURRENT_TIMESTAMP fold to it. The translator has no clock; a statement
	// that needs one fails when Now is zero.
	Now time.Time
	// Args are the parameter values ($1 is Args[0]). Nil leaves the plan
	// unbound (Plan.Bind binds it).
	Args []any
	// WriteBehavior is "insert" (default) or "upsert": with upsert, INSERT …
	// VALUES upserts on ExternalIDFieldName (Data Factory's sink settings).
	WriteBehavior       string
	ExternalIDFieldName string
	// AllowFullTableWrite lets UPDATE and DELETE run without WHERE.
	AllowFullTableWrite bool
}

func (s Settings) mode() Mode {
	if s.Mode == "" {
		return ModeAuto
	}
	return s.Mode
}

func (s Settings) tz() *time.Location {
	if s.TimeZone == nil {
		return time.UTC
	}
	return s.TimeZone
}

func (s Settings) strict() bool { return s.Semantics != SemanticsSalesforce }

func (s Settings) queryAll() bool { return strings.EqualFold(s.ReadBehavior, "queryAll") }

// cacheKey is the part of Settings a cached plan depends on (Args excluded:
// plans with arguments are not cached).
func (s Settings) cacheKey(usesClock bool) string {
	var b strings.Builder
	b.WriteString(string(s.mode()))
	b.WriteByte('|')
	b.WriteString(s.tz().String())
	b.WriteByte('|')
	b.WriteString(strings.ToLower(s.ReadBehavior))
	b.WriteByte('|')
	b.WriteString(string(s.Semantics))
	b.WriteByte('|')
	if usesClock && !s.Now.IsZero() {
		b.WriteString(s.Now.UTC().Format(time.RFC3339Nano))
	}
	b.WriteByte('|')
	b.WriteString(strings.ToLower(s.WriteBehavior))
	b.WriteByte('|')
	b.WriteString(s.ExternalIDFieldName)
	if s.AllowFullTableWrite {
		b.WriteString("|full")
	}
	return b.String()
}
