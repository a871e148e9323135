package translator

import (
	"sync"

	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/soql"
)

// Kind says what a Plan does.
type Kind int

// The plan kinds.
const (
	KindQuery   Kind = iota + 1 // read rows: Scans, then Local when set
	KindWrite                   // INSERT / UPDATE / DELETE: Write
	KindReport                  // {call "Report"}: Report
	KindExplain                 // EXPLAIN <statement>: Explained
)

func (k Kind) String() string {
	switch k {
	case KindQuery:
		return "query"
	case KindWrite:
		return "write"
	case KindReport:
		return "report"
	case KindExplain:
		return "explain"
	}
	return "unknown"
}

// Plan is the translation of one statement. It is immutable once returned
// and may be shared (Translate caches plans).
type Plan struct {
	Kind Kind
	// Mode is the language the statement was read in: ModeSQL or ModeSOQL.
	Mode Mode
	// Scans are the SOQL queries to run. Each produces a named row set.
	Scans []Scan
	// Local is the residue: SQL (PostgreSQL dialect) over the scans' row
	// sets that produces the result. Nil when the single scan's rows are the
	// result as they come.
	Local *LocalStep
	// Output are the result columns, in order.
	Output []Column
	// Write is set for KindWrite.
	Write *WritePlan
	// Report is set for KindReport.
	Report *ReportStep
	// Explained is the plan EXPLAIN describes (KindExplain).
	Explained *Plan
	// Params are the statement's parameters ($1… or ?), typed by the field
	// each one meets. When Bound is false the SOQL holds null where a
	// parameter goes: call Bind with the values before running the plan.
	Params []Param
	Bound  bool

	prep *prepared // for Bind and Fallback
	snap *catalog.Snapshot
	set  Settings
	sel  *pg.SelectStmt // the SELECT of a KindQuery plan

	fallbackOnce sync.Once
	fallback     *Plan
}

// Fallback returns the same query with its grouping done locally, or nil
// when no scan groups in SOQL. Salesforce refuses a grouped query whose
// result passes 2,000 rows (no queryMore); the engine then runs this plan.
// It is built on first use.
func (p *Plan) Fallback() *Plan {
	if p.Kind != KindQuery || p.sel == nil {
		return nil
	}
	p.fallbackOnce.Do(func() {
		grouped := false
		for _, sc := range p.Scans {
			grouped = grouped || sc.SOQL.GroupBy != nil
		}
		if !grouped {
			return
		}
		b := &builder{p: p.prep, snap: p.snap, s: p.set, params: map[int]*Param{}, localAgg: true}
		if fp, err := b.queryPlan(p.sel); err == nil {
			p.fallback = fp
		}
	})
	return p.fallback
}

// Scan is one SOQL query and the row set it produces.
type Scan struct {
	// Name is the row set's name in Local.SQL ("s1", "s2", …).
	Name string
	// Object is the sObject queried (API name).
	Object string
	// SOQL is the query to send. More holds further queries over the same
	// object whose rows are appended to SOQL's (an IN list too long for one
	// statement is split in chunks).
	SOQL *soql.Query
	More []*soql.Query
	// QueryAll sends the query to queryAll (recycle-bin rows included).
	QueryAll bool
	// BulkEligible says whether the Bulk API may run the query; BulkReason
	// says why or why not. BulkSOQL, when set, is the query to give Bulk
	// instead of SOQL: compound fields and base64 fields removed (the
	// components are selected too; base64 bodies are fetched on demand).
	BulkEligible bool
	BulkReason   string
	BulkSOQL     *soql.Query
	// Empty is set when the filter is constant false (a boolean IS NULL):
	// the row set is empty and Salesforce need not be called.
	Empty bool
	// Flatten, when set, turns each record into one row per record of the
	// named child relationship (a parent-to-child join).
	Flatten *Flatten
	// Columns are the row set's columns.
	Columns []Column
	// Aggregate is set when the SOQL groups or aggregates: Salesforce
	// refuses to page such results past 2,000 rows.
	Aggregate bool
}

// Flatten describes the row expansion of a parent-to-child subquery.
type Flatten struct {
	Relationship string // the child relationship name, e.g. "Contacts"
	// Outer keeps a parent without children as one row with NULL child
	// columns (LEFT JOIN); otherwise such parents produce no row.
	Outer bool
}

// Column is one column of a scan, a local step or the output.
type Column struct {
	// Name is the column's result name: the alias if given, else the API
	// name as describe spells it. In Scan.Columns it is the row-set column
	// name the local step uses instead: the SOQL path, unique in the scan
	// ("Account.Name", "Contacts.LastName" for a child, "expr0").
	Name string
	// Path locates the value in a SOQL record: "Name", "Account.Owner.Email",
	// "expr0" for an unaliased aggregate. For a column of a flattened child
	// (Child set) the path is relative to the child record. Empty for
	// columns computed by the local step.
	Path string
	// Child marks a column read from the flattened child record.
	Child bool
	// Field is the field the value comes from; nil for computed columns and
	// for COUNT.
	Field *catalog.Field
	// Aggregate is the SOQL aggregate function producing the value, if any.
	Aggregate string
}

// LocalStep is the part of a query Salesforce cannot answer.
type LocalStep struct {
	// SQL is a PostgreSQL-dialect query over the scans' row sets (each scan
	// is a table named Scan.Name whose columns are named by Column.Name).
	// Parameters stay $n and take the statement's arguments.
	SQL string
	// Columns are the columns SQL returns.
	Columns []Column
	// Reasons say why each part is local, in the order found.
	Reasons []string
}

// Operation is a write operation.
type Operation string

// The write operations.
const (
	OpInsert Operation = "insert"
	OpUpsert Operation = "upsert"
	OpUpdate Operation = "update"
	OpDelete Operation = "delete"
)

// WritePlan is a write job.
type WritePlan struct {
	Object    string
	Operation Operation
	// ExternalID is the upsert key field (OpUpsert).
	ExternalID string
	// Columns are the fields written, in the order of each row's values.
	// Column.Path is the header the API takes ("Name", or
	// "Account.CustomerId__c" for a relationship set by external id).
	Columns []Column
	// Rows are literal rows (INSERT … VALUES); each value is nil (NULL),
	// string, bool, decimal.Decimal, int64, catalog.Date, catalog.TimeOfDay,
	// time.Time (UTC) or Param (a parameter not yet bound).
	Rows [][]any
	// Source, when set, produces the rows instead (INSERT … SELECT): its
	// output columns match Columns in order.
	Source *Plan
	// Find is the query whose rows are the records to update or delete
	// (UPDATE / DELETE); it returns Id first.
	Find *Plan
	// Set holds the values of UPDATE … SET, in Columns order.
	Set []any
	// Returning are the columns RETURNING asks for; nil when absent.
	Returning []Column
}

// ReportStep runs an Analytics report.
type ReportStep struct {
	Name string // the report name or id as written
	ByID bool   // Name looks like a report id (00O…)
}

// Param is one statement parameter.
type Param struct {
	Index int            // 1-based, as $n
	Field *catalog.Field // the field it meets; nil when untyped (LIMIT, …)
	Type  string         // SQL type name the value is coerced to ("text", "timestamptz", …)
	Value any            // the bound value (Bound plans)
}
