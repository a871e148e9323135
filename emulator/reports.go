package emulator

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The Analytics (reports) REST API, §5: the recent-reports list, describe,
// synchronous runs (with the "T!T" fact map and the 2,000 detail-row cap)
// and async instances, over a few demo reports stored as data: a row of the
// Report sObject (so SOQL finds them by Name or DeveloperName) plus a JSON
// definition in the table reportDefTable.

// reportRowCap is how many detail rows a run returns at most (§5.2).
const reportRowCap = 2000

// reportDefTable holds one JSON reportDef per report id. Its name cannot
// collide with an sObject (those never start with an underscore).
const reportDefTable = "_soqlgate_report_definition"

// reportDef is a report definition: what the report type, columns,
// filters and groupings are, and where each column's data comes from.
type reportDef struct {
	ID            string         `json:"id"`
	Name          string         `json:"name"`
	DeveloperName string         `json:"developerName"`
	Description   string         `json:"description"`
	FolderName    string         `json:"folderName"`
	Format        string         `json:"format"` // Tabular | Summary (the Report.Format picklist)
	Object        string         `json:"object"` // the report type's base sObject
	TypeName      string         `json:"reportType"`
	TypeLabel     string         `json:"reportTypeLabel"`
	Columns       []reportColumn `json:"columns"`
	Filters       []reportFilter `json:"filters"`
	GroupingsDown []string       `json:"groupingsDown"` // column names, outermost first
}

// reportColumn is one report column: its API name (UPPER_CASE for
// standard report columns), label and dataType, the field path it reads on
// the base object, and whether its cell value is the id of the record the
// field belongs to (name columns link to their record: label = name,
// value = id, §5.2).
type reportColumn struct {
	Name      string `json:"name"`
	Label     string `json:"label"`
	DataType  string `json:"dataType"`
	Field     string `json:"field"` // "CaseNumber", "Account.Name"
	ValueIsID bool   `json:"valueIsId,omitempty"`
}

// reportFilter is a standard report filter, as in reportMetadata.reportFilters.
type reportFilter struct {
	Column   string `json:"column"`
	Operator string `json:"operator"`
	Value    string `json:"value"`
}

// caseColumns and accountColumns are the columns the demo report types
// offer (a subset of the standard "Cases" and "Accounts" report types).
var caseColumns = []reportColumn{
	{Name: "CASE_NUMBER", Label: "Case Number", DataType: "string", Field: "CaseNumber", ValueIsID: true},
	{Name: "SUBJECT", Label: "Subject", DataType: "string", Field: "Subject"},
	{Name: "STATUS", Label: "Status", DataType: "picklist", Field: "Status"},
	{Name: "PRIORITY", Label: "Priority", DataType: "picklist", Field: "Priority"},
	{Name: "ORIGIN", Label: "Case Origin", DataType: "picklist", Field: "Origin"},
	{Name: "CLOSED", Label: "Closed", DataType: "boolean", Field: "IsClosed"},
	{Name: "CREATED_DATE", Label: "Date/Time Opened", DataType: "datetime", Field: "CreatedDate"},
	{Name: "ACCOUNT.NAME", Label: "Account Name", DataType: "string", Field: "Account.Name", ValueIsID: true},
}

var accountColumns = []reportColumn{
	{Name: "ACCOUNT.NAME", Label: "Account Name", DataType: "string", Field: "Name", ValueIsID: true},
	{Name: "TYPE", Label: "Type", DataType: "picklist", Field: "Type"},
	{Name: "INDUSTRY", Label: "Industry", DataType: "picklist", Field: "Industry"},
	{Name: "BILLING_CITY", Label: "Billing City", DataType: "string", Field: "BillingCity"},
	{Name: "PHONE1", Label: "Phone", DataType: "phone", Field: "Phone"},
	{Name: "EMPLOYEES", Label: "Employees", DataType: "int", Field: "NumberOfEmployees"},
}

func pickColumns(from []reportColumn, names ...string) []reportColumn {
	var out []reportColumn
	for _, n := range names {
		for _, c := range from {
			if c.Name == n {
				out = append(out, c)
			}
		}
	}
	return out
}

// demoReports are the reports of the demo org. Their ids are fixed so that
// tests and documentation can name them.
func demoReports() []reportDef {
	return []reportDef{
		{
			ID: newID("00O", 1), Name: "All Accounts", DeveloperName: "All_Accounts",
			Description: "Every account with its type, industry and city.",
			FolderName:  "Public Reports", Format: "Tabular", Object: "Account",
			TypeName: "AccountList", TypeLabel: "Accounts",
			Columns: pickColumns(accountColumns, "ACCOUNT.NAME", "TYPE", "INDUSTRY", "BILLING_CITY", "PHONE1", "EMPLOYEES"),
		},
		{
			ID: newID("00O", 2), Name: "All Cases", DeveloperName: "All_Cases",
			Description: "Every case; large orgs hit the 2,000-row cap.",
			FolderName:  "Public Reports", Format: "Tabular", Object: "Case",
			TypeName: "CaseList", TypeLabel: "Cases",
			Columns: pickColumns(caseColumns, "CASE_NUMBER", "SUBJECT", "STATUS", "PRIORITY", "ORIGIN", "CREATED_DATE", "ACCOUNT.NAME"),
		},
		{
			ID: newID("00O", 3), Name: "Open Cases", DeveloperName: "Open_Cases",
			Description: "Cases not yet closed.",
			FolderName:  "Public Reports", Format: "Tabular", Object: "Case",
			TypeName: "CaseList", TypeLabel: "Cases",
			Columns: pickColumns(caseColumns, "CASE_NUMBER", "SUBJECT", "STATUS", "PRIORITY", "ACCOUNT.NAME"),
			Filters: []reportFilter{{Column: "CLOSED", Operator: "equals", Value: "false"}},
		},
		{
			ID: newID("00O", 4), Name: "Cases by Status", DeveloperName: "Cases_by_Status",
			Description: "Case count per status.",
			FolderName:  "Public Reports", Format: "Summary", Object: "Case",
			TypeName: "CaseList", TypeLabel: "Cases",
			Columns:       pickColumns(caseColumns, "CASE_NUMBER", "SUBJECT", "PRIORITY", "CREATED_DATE"),
			GroupingsDown: []string{"STATUS"},
		},
		{
			ID: newID("00O", 5), Name: "Open Cases by Account", DeveloperName: "Open_Cases_by_Account",
			Description: "Open cases grouped by account.",
			FolderName:  "Public Reports", Format: "Summary", Object: "Case",
			TypeName: "CaseList", TypeLabel: "Cases",
			Columns:       pickColumns(caseColumns, "CASE_NUMBER", "SUBJECT", "STATUS", "PRIORITY"),
			Filters:       []reportFilter{{Column: "CLOSED", Operator: "equals", Value: "false"}},
			GroupingsDown: []string{"ACCOUNT.NAME"},
		},
		{
			ID: newID("00O", 6), Name: "Cases by Status and Priority", DeveloperName: "Cases_by_Status_and_Priority",
			Description: "Case count per status, then per priority.",
			FolderName:  "Public Reports", Format: "Summary", Object: "Case",
			TypeName: "CaseList", TypeLabel: "Cases",
			Columns:       pickColumns(caseColumns, "CASE_NUMBER", "SUBJECT", "ORIGIN"),
			GroupingsDown: []string{"STATUS", "PRIORITY"},
		},
	}
}

// column returns the report type column named n (detail, grouping or
// filter column), searching the columns of the report's type.
func (d *reportDef) column(n string) *reportColumn {
	all := caseColumns
	if d.Object == "Account" {
		all = accountColumns
	}
	for i := range all {
		if strings.EqualFold(all[i].Name, n) {
			return &all[i]
		}
	}
	return nil
}

// formatUpper is the reportFormat spelling of reportMetadata ("TABULAR").
func (d *reportDef) formatUpper() string { return strings.ToUpper(d.Format) }

// reportCell is one dataCells entry; also the shape of an aggregate.
type reportCell struct {
	Label string `json:"label"`
	Value any    `json:"value"`
}

var emptyCell = reportCell{Label: "-", Value: nil}

// reportGroup is one groupingsDown entry.
type reportGroup struct {
	Groupings []reportGroup `json:"groupings"`
	Key       string        `json:"key"`
	Label     string        `json:"label"`
	Value     any           `json:"value"`
}

type factEntry struct {
	Aggregates []reportCell        `json:"aggregates"`
	Rows       *[]reportDetailRows `json:"rows,omitempty"`
}

type reportDetailRows struct {
	DataCells []reportCell `json:"dataCells"`
}

// reportResult is the outcome of running a report.
type reportResult struct {
	allData  bool
	factMap  map[string]*factEntry
	groups   []reportGroup
	detailed bool
}

// reportQuery builds the SQLite statement that reads a report's data: for
// each detail column then each grouping column, a label expression and a
// value expression, over the base object LEFT JOINed to the parents the
// columns reach through.
func (s *Server) reportQuery(d *reportDef, filters []reportFilter) (string, []any, []*reportColumn, error) {
	base := s.schema.object(d.Object)
	if base == nil {
		return "", nil, nil, fmt.Errorf("emulator: report %s: object %s is not in the schema", d.DeveloperName, d.Object)
	}
	var cols []*reportColumn
	for i := range d.Columns {
		cols = append(cols, &d.Columns[i])
	}
	for _, g := range d.GroupingsDown {
		c := d.column(g)
		if c == nil {
			return "", nil, nil, fmt.Errorf("emulator: report %s: unknown grouping column %s", d.DeveloperName, g)
		}
		cols = append(cols, c)
	}
	joins := map[string]string{} // relationship name → alias
	var joinSQL strings.Builder
	// expr returns the SQL of a column's label and value.
	expr := func(c *reportColumn) (label, value string, err error) {
		rel, fieldName, ok := strings.Cut(c.Field, ".")
		if !ok {
			f := base.field(c.Field)
			if f == nil {
				return "", "", fmt.Errorf("emulator: report column %s: no field %s.%s", c.Name, d.Object, c.Field)
			}
			label = `t."` + f.Name + `"`
			value = label
			if c.ValueIsID {
				value = `t."Id"`
			}
			return label, value, nil
		}
		ref := base.relationship(rel)
		if ref == nil || len(ref.ReferenceTo) == 0 {
			return "", "", fmt.Errorf("emulator: report column %s: no relationship %s on %s", c.Name, rel, d.Object)
		}
		parent := s.schema.object(ref.ReferenceTo[0])
		if parent == nil || parent.field(fieldName) == nil {
			return "", "", fmt.Errorf("emulator: report column %s: no field %s", c.Name, c.Field)
		}
		alias, ok := joins[rel]
		if !ok {
			alias = "p" + strconv.Itoa(len(joins)+1)
			joins[rel] = alias
			fmt.Fprintf(&joinSQL, ` LEFT JOIN "%s" %s ON %s."Id" = t."%s"`, parent.Name, alias, alias, ref.Name)
		}
		label = alias + `."` + parent.field(fieldName).Name + `"`
		value = label
		if c.ValueIsID {
			value = alias + `."Id"`
		}
		return label, value, nil
	}
	var sel []string
	for _, c := range cols {
		l, v, err := expr(c)
		if err != nil {
			return "", nil, nil, err
		}
		sel = append(sel, l, v)
	}
	var where []string
	var args []any
	if base.field("IsDeleted") != nil {
		where = append(where, `t."IsDeleted" = 0`)
	}
	for _, f := range filters {
		c := d.column(f.Column)
		if c == nil {
			return "", nil, nil, &reportError{fmt.Sprintf("The column %s is not valid for this report type.", f.Column)}
		}
		// Filters compare what the user sees: the label (a name, not the id
		// a name column links to).
		l, _, err := expr(&reportColumn{Name: c.Name, Field: c.Field, DataType: c.DataType})
		if err != nil {
			return "", nil, nil, err
		}
		cond, a, err := filterSQL(l, c.DataType, f)
		if err != nil {
			return "", nil, nil, err
		}
		where = append(where, cond)
		args = append(args, a...)
	}
	var order []string
	for i := len(d.Columns); i < len(cols); i++ {
		order = append(order, sel[2*i]+" IS NOT NULL", sel[2*i], sel[2*i+1])
	}
	order = append(order, `t."Id"`)
	q := "SELECT " + strings.Join(sel, ", ") + ` FROM "` + base.Name + `" t` + joinSQL.String()
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY " + strings.Join(order, ", ")
	return q, args, cols, nil
}

// reportError is a bad request against a report (an invalid filter): 400
// BAD_REQUEST.
type reportError struct{ msg string }

func (e *reportError) Error() string { return e.msg }

// filterSQL translates one report filter on a column value expression.
// Operators are those of the Analytics API; "equals" and "notEqual" take a
// comma-separated list.
func filterSQL(expr, dataType string, f reportFilter) (string, []any, error) {
	conv := func(v string) (any, error) {
		switch dataType {
		case "boolean":
			switch strings.ToLower(strings.TrimSpace(v)) {
			case "true", "1":
				return int64(1), nil
			case "false", "0":
				return int64(0), nil
			}
			return nil, &reportError{fmt.Sprintf("The filter value %q is not valid for the %s column.", v, f.Column)}
		case "int", "double", "currency", "percent":
			n, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil {
				return nil, &reportError{fmt.Sprintf("The filter value %q is not valid for the %s column.", v, f.Column)}
			}
			return n, nil
		}
		return v, nil
	}
	switch f.Operator {
	case "equals", "notEqual":
		var ph []string
		var args []any
		for _, v := range strings.Split(f.Value, ",") {
			a, err := conv(v)
			if err != nil {
				return "", nil, err
			}
			ph = append(ph, "?")
			args = append(args, a)
		}
		if f.Operator == "equals" {
			return expr + " IN (" + strings.Join(ph, ", ") + ")", args, nil
		}
		return "(" + expr + " IS NULL OR " + expr + " NOT IN (" + strings.Join(ph, ", ") + "))", args, nil
	case "lessThan", "greaterThan", "lessOrEqual", "greaterOrEqual":
		a, err := conv(f.Value)
		if err != nil {
			return "", nil, err
		}
		op := map[string]string{"lessThan": "<", "greaterThan": ">", "lessOrEqual": "<=", "greaterOrEqual": ">="}[f.Operator]
		return expr + " " + op + " ?", []any{a}, nil
	case "contains", "notContain", "startsWith":
		pat := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(f.Value)
		if f.Operator == "startsWith" {
			pat += "%"
		} else {
			pat = "%" + pat + "%"
		}
		if f.Operator == "notContain" {
			return "(" + expr + " IS NULL OR " + expr + ` NOT LIKE ? ESCAPE '\')`, []any{pat}, nil
		}
		return expr + ` LIKE ? ESCAPE '\'`, []any{pat}, nil
	}
	return "", nil, &reportError{fmt.Sprintf("The filter operator %s is not valid.", f.Operator)}
}

// runReport runs d with the given filters (d's own when nil).
func (s *Server) runReport(ctx context.Context, d *reportDef, filters []reportFilter, includeDetails bool) (*reportResult, error) {
	if filters == nil {
		filters = d.Filters
	}
	q, args, cols, err := s.reportQuery(d, filters)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("emulator: report %s: %w", d.DeveloperName, err)
	}
	defer rows.Close()
	nDetail, nGroup := len(d.Columns), len(d.GroupingsDown)
	res := &reportResult{allData: true, factMap: map[string]*factEntry{}, detailed: includeDetails}
	total := &groupNode{key: "T"}
	// open[l] is the group of level l the current row belongs to.
	open := make([]*groupNode, nGroup)
	vals := make([]any, 2*len(cols))
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var count int64
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("emulator: report %s: %w", d.DeveloperName, err)
		}
		count++
		total.count++
		// Rows come sorted by the grouping columns: a new value at level l
		// opens a new group there and at every level below.
		parent := total
		for l := 0; l < nGroup; l++ {
			gc, label, value := cols[nDetail+l], vals[2*(nDetail+l)], vals[2*(nDetail+l)+1]
			g := open[l]
			if g == nil || g.parent != parent || !sameGroupValue(g.raw, value) {
				key := strconv.Itoa(len(parent.children))
				if parent != total {
					key = parent.key + "_" + key
				}
				g = &groupNode{key: key, raw: value, cell: reportCellOf(gc.DataType, label, value), parent: parent}
				parent.children = append(parent.children, g)
				open[l] = g
				for k := l + 1; k < nGroup; k++ {
					open[k] = nil
				}
			}
			g.count++
			parent = g
		}
		if !includeDetails {
			continue
		}
		if count > reportRowCap {
			res.allData = false
			continue
		}
		cells := make([]reportCell, nDetail)
		for i := 0; i < nDetail; i++ {
			cells[i] = reportCellOf(cols[i].DataType, vals[2*i], vals[2*i+1])
		}
		// Detail rows sit at the innermost grouping (T!T when tabular).
		parent.rows = append(parent.rows, reportDetailRows{DataCells: cells})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("emulator: report %s: %w", d.DeveloperName, err)
	}
	res.groups = total.fill(res.factMap, includeDetails)
	return res, nil
}

// groupNode is a grouping being built: its key ("0", "0_1", or "T" for
// the grand total), value and cell, count and detail rows.
type groupNode struct {
	key      string
	raw      any
	cell     reportCell
	count    int64
	rows     []reportDetailRows
	parent   *groupNode
	children []*groupNode
}

// fill writes g and its descendants into the fact map ("<key>!T") and
// returns g's children as groupingsDown entries.
func (g *groupNode) fill(fm map[string]*factEntry, includeDetails bool) []reportGroup {
	e := &factEntry{Aggregates: []reportCell{countCell(g.count)}}
	if includeDetails {
		r := g.rows
		if r == nil {
			r = []reportDetailRows{}
		}
		e.Rows = &r
	}
	fm[g.key+"!T"] = e
	out := []reportGroup{}
	for _, c := range g.children {
		out = append(out, reportGroup{Groupings: c.fill(fm, includeDetails), Key: c.key, Label: c.cell.Label, Value: c.cell.Value})
	}
	return out
}

func sameGroupValue(a, b any) bool {
	return (a == nil) == (b == nil) && fmt.Sprint(a) == fmt.Sprint(b)
}

func countCell(n int64) reportCell {
	return reportCell{Label: groupDigits(n), Value: n}
}

// groupDigits formats n with thousands separators, as en_US labels do.
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// reportCellOf renders one cell from its label and value as stored: labels
// formatted for the en_US locale in UTC, values in ISO / JSON form; an
// empty value is {"label":"-","value":null} (§5.2).
func reportCellOf(dataType string, label, value any) reportCell {
	if label == nil {
		return emptyCell
	}
	switch dataType {
	case "boolean":
		b := toInt64(label) != 0
		return reportCell{Label: strconv.FormatBool(b), Value: b}
	case "int":
		n := toInt64(label)
		return reportCell{Label: groupDigits(n), Value: n}
	case "double", "percent", "currency":
		f, _ := label.(float64)
		if n, ok := label.(int64); ok {
			f = float64(n)
		}
		return reportCell{Label: strconv.FormatFloat(f, 'f', -1, 64), Value: f}
	case "date":
		s := toText(label)
		if t, err := time.Parse("2006-01-02", s); err == nil {
			return reportCell{Label: t.Format("1/2/2006"), Value: s}
		}
	case "datetime":
		s := toText(label)
		if t, err := time.Parse(storedDateTime, s); err == nil {
			return reportCell{Label: t.Format("1/2/2006 3:04 PM"), Value: t.Format("2006-01-02T15:04:05Z")}
		}
	}
	l := toText(label)
	if value == nil {
		return reportCell{Label: l, Value: nil}
	}
	return reportCell{Label: l, Value: toText(value)}
}

func toInt64(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case float64:
		return int64(x)
	case bool:
		if x {
			return 1
		}
	}
	return 0
}

func toText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// seedReports stores the demo reports: a Report row each (for SOQL) and
// the definition (for the Analytics resources).
func (s *Server) seedReports(ctx context.Context, db execer, ownerID string, now time.Time) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS `+reportDefTable+` (Id TEXT PRIMARY KEY, Definition TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("emulator: seed reports: %w", err)
	}
	ts := stamp(now)
	for _, d := range demoReports() {
		def, err := json.Marshal(d)
		if err != nil {
			return err
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO `+reportDefTable+` (Id, Definition) VALUES (?, ?)`, d.ID, string(def)); err != nil {
			return fmt.Errorf("emulator: seed reports: %w", err)
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO "Report" ("Id", "OwnerId", "FolderName", "IsDeleted", "Name", "Description",
			"DeveloperName", "NamespacePrefix", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById",
			"SystemModstamp", "LastRunDate", "Format", "LastViewedDate", "LastReferencedDate")
			VALUES (?, ?, ?, 0, ?, ?, ?, NULL, ?, ?, ?, ?, ?, NULL, ?, NULL, NULL)`,
			d.ID, ownerID, d.FolderName, d.Name, d.Description, d.DeveloperName, ts, ownerID, ts, ownerID, ts, d.Format); err != nil {
			return fmt.Errorf("emulator: seed reports: %w", err)
		}
	}
	return nil
}

// execer is what seeding writes through: the server's kept connection
// (the one the seed used) or the pool.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// loadReport reads a report definition by 15- or 18-character id; nil
// when there is none (or the org has no reports table).
func (s *Server) loadReport(ctx context.Context, id string) *reportDef {
	full, ok := canonicalID(id)
	if !ok {
		return nil
	}
	var def string
	if err := s.db.QueryRowContext(ctx, `SELECT Definition FROM `+reportDefTable+` WHERE Id = ?`, full).Scan(&def); err != nil {
		return nil
	}
	var d reportDef
	if json.Unmarshal([]byte(def), &d) != nil {
		return nil
	}
	return &d
}

// listReports returns every report definition, by name.
func (s *Server) listReports(ctx context.Context) ([]reportDef, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT Definition FROM `+reportDefTable)
	if err != nil {
		if strings.Contains(err.Error(), "no such table") {
			return nil, nil
		}
		return nil, err
	}
	defer rows.Close()
	var out []reportDef
	for rows.Next() {
		var def string
		if err := rows.Scan(&def); err != nil {
			return nil, err
		}
		var d reportDef
		if err := json.Unmarshal([]byte(def), &d); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	sort.Slice(out, func(i, k int) bool { return out[i].Name < out[k].Name })
	return out, rows.Err()
}

// touchReport records a run in Report.LastRunDate / LastViewedDate.
func (s *Server) touchReport(ctx context.Context, id string) {
	ts := stamp(s.jobs().now())
	_, _ = s.db.ExecContext(ctx, `UPDATE "Report" SET "LastRunDate" = ?, "LastViewedDate" = ?, "LastReferencedDate" = ? WHERE "Id" = ?`, ts, ts, ts, id)
}

// reportInstance is one async run (§5.3).
type reportInstance struct {
	id, reportID, ownerID string
	requested             time.Time
	includeDetails        bool
	result                *reportResult
	filters               []reportFilter
}

// reportStore holds a server's async report instances.
type reportStore struct {
	mu        sync.Mutex
	instances map[string]*reportInstance
	order     []string
	seq       int64
}

func newReportStore() *reportStore { return &reportStore{instances: map[string]*reportInstance{}} }

// serveAnalytics answers /services/data/vNN.0/analytics/…; parts is the
// path after "analytics".
func (s *Server) serveAnalytics(w http.ResponseWriter, r *http.Request, version string, parts []string) {
	if len(parts) == 0 || parts[0] != "reports" {
		notFound(w)
		return
	}
	parts = parts[1:]
	ctx := r.Context()
	if len(parts) == 0 {
		if r.Method != http.MethodGet {
			methodNotAllowed(w, r, []string{"GET"})
			return
		}
		s.reportList(w, r, version)
		return
	}
	d := s.loadReport(ctx, parts[0])
	if d == nil {
		notFound(w)
		return
	}
	switch {
	case len(parts) == 1 && (r.Method == http.MethodGet || r.Method == http.MethodPost):
		s.reportRun(w, r, version, d)
	case len(parts) == 2 && parts[1] == "describe" && r.Method == http.MethodGet:
		writeJSON(w, http.StatusOK, reportDescribe(d))
	case len(parts) == 2 && parts[1] == "instances" && r.Method == http.MethodPost:
		s.reportInstanceCreate(w, r, version, d)
	case len(parts) == 2 && parts[1] == "instances" && r.Method == http.MethodGet:
		s.reportInstanceList(w, version, d)
	case len(parts) == 3 && parts[1] == "instances" && (r.Method == http.MethodGet || r.Method == http.MethodDelete):
		s.reportInstance(w, r, version, d, parts[2])
	case len(parts) <= 3:
		methodNotAllowed(w, r, []string{"GET", "POST"})
	default:
		notFound(w)
	}
}

type reportListEntry struct {
	DescribeURL  string `json:"describeUrl"`
	ID           string `json:"id"`
	InstancesURL string `json:"instancesUrl"`
	Name         string `json:"name"`
	URL          string `json:"url"`
}

func reportURL(version, id string) string {
	return "/services/data/v" + version + "/analytics/reports/" + id
}

// reportList handles GET /analytics/reports: the recent reports (here, all
// of them: the demo org has few).
func (s *Server) reportList(w http.ResponseWriter, r *http.Request, version string) {
	defs, err := s.listReports(r.Context())
	if err != nil {
		writeAPIError(w, http.StatusInternalServerError, "UNKNOWN_EXCEPTION", "emulator: "+err.Error())
		return
	}
	out := []reportListEntry{}
	for _, d := range defs {
		u := reportURL(version, d.ID)
		out = append(out, reportListEntry{DescribeURL: u + "/describe", ID: d.ID, InstancesURL: u + "/instances", Name: d.Name, URL: u})
	}
	writeJSON(w, http.StatusOK, out)
}

// The report metadata documents, keys in the recorded (alphabetical) order.
type reportTypeRef struct {
	Label string `json:"label"`
	Type  string `json:"type"`
}

type groupingMeta struct {
	DateGranularity string  `json:"dateGranularity"`
	Name            string  `json:"name"`
	SortAggregate   *string `json:"sortAggregate"`
	SortOrder       string  `json:"sortOrder"`
}

type reportMetadata struct {
	Aggregates          []string       `json:"aggregates"`
	Currency            *string        `json:"currency"`
	DetailColumns       []string       `json:"detailColumns"`
	DeveloperName       string         `json:"developerName"`
	GroupingsAcross     []groupingMeta `json:"groupingsAcross"`
	GroupingsDown       []groupingMeta `json:"groupingsDown"`
	ID                  string         `json:"id"`
	Name                string         `json:"name"`
	ReportBooleanFilter *string        `json:"reportBooleanFilter"`
	ReportFilters       []reportFilter `json:"reportFilters"`
	ReportFormat        string         `json:"reportFormat"`
	ReportType          reportTypeRef  `json:"reportType"`
}

type columnInfo struct {
	DataType string `json:"dataType"`
	Label    string `json:"label"`
}

type groupingColumnInfo struct {
	DataType      string `json:"dataType"`
	GroupingLevel int    `json:"groupingLevel"`
	Label         string `json:"label"`
}

type aggregateInfo struct {
	AcrossGroupingContext *string `json:"acrossGroupingContext"`
	DataType              string  `json:"dataType"`
	DownGroupingContext   *string `json:"downGroupingContext"`
	Label                 string  `json:"label"`
}

type reportExtended struct {
	AggregateColumnInfo map[string]aggregateInfo      `json:"aggregateColumnInfo"`
	DetailColumnInfo    map[string]columnInfo         `json:"detailColumnInfo"`
	GroupingColumnInfo  map[string]groupingColumnInfo `json:"groupingColumnInfo"`
}

func (d *reportDef) metadata(filters []reportFilter) reportMetadata {
	m := reportMetadata{
		Aggregates: []string{"RowCount"}, DetailColumns: []string{}, DeveloperName: d.DeveloperName,
		GroupingsAcross: []groupingMeta{}, GroupingsDown: []groupingMeta{}, ID: d.ID, Name: d.Name,
		ReportFilters: filters, ReportFormat: d.formatUpper(), ReportType: reportTypeRef{Label: d.TypeLabel, Type: d.TypeName},
	}
	if m.ReportFilters == nil {
		m.ReportFilters = []reportFilter{}
	}
	for _, c := range d.Columns {
		m.DetailColumns = append(m.DetailColumns, c.Name)
	}
	for _, g := range d.GroupingsDown {
		m.GroupingsDown = append(m.GroupingsDown, groupingMeta{DateGranularity: "None", Name: g, SortOrder: "Asc"})
	}
	return m
}

func (d *reportDef) extended() reportExtended {
	e := reportExtended{
		AggregateColumnInfo: map[string]aggregateInfo{"RowCount": {DataType: "int", Label: "Record Count"}},
		DetailColumnInfo:    map[string]columnInfo{},
		GroupingColumnInfo:  map[string]groupingColumnInfo{},
	}
	for _, c := range d.Columns {
		e.DetailColumnInfo[c.Name] = columnInfo{DataType: c.DataType, Label: c.Label}
	}
	for i, g := range d.GroupingsDown {
		if c := d.column(g); c != nil {
			e.GroupingColumnInfo[c.Name] = groupingColumnInfo{DataType: c.DataType, GroupingLevel: i, Label: c.Label}
		}
	}
	return e
}

// reportDescribe is GET /analytics/reports/{id}/describe.
func reportDescribe(d *reportDef) any {
	type typeColumn struct {
		DataType     string   `json:"dataType"`
		FilterValues []string `json:"filterValues"`
		Filterable   bool     `json:"filterable"`
		Label        string   `json:"label"`
	}
	type category struct {
		Columns map[string]typeColumn `json:"columns"`
		Label   string                `json:"label"`
	}
	all := caseColumns
	if d.Object == "Account" {
		all = accountColumns
	}
	cat := category{Columns: map[string]typeColumn{}, Label: d.TypeLabel}
	for _, c := range all {
		cat.Columns[c.Name] = typeColumn{DataType: c.DataType, FilterValues: []string{}, Filterable: true, Label: c.Label}
	}
	return struct {
		ReportExtendedMetadata reportExtended `json:"reportExtendedMetadata"`
		ReportMetadata         reportMetadata `json:"reportMetadata"`
		ReportTypeMetadata     any            `json:"reportTypeMetadata"`
	}{d.extended(), d.metadata(d.Filters), struct {
		Categories []category `json:"categories"`
	}{[]category{cat}}}
}

type reportAttributes struct {
	DescribeURL  string `json:"describeUrl"`
	InstancesURL string `json:"instancesUrl"`
	ReportID     string `json:"reportId"`
	ReportName   string `json:"reportName"`
	Type         string `json:"type"`
}

type groupingsList struct {
	Groupings []reportGroup `json:"groupings"`
}

// reportRunBody is a run's answer (sync, or an async instance's).
type reportRunBody struct {
	Attributes             any                   `json:"attributes"`
	AllData                bool                  `json:"allData"`
	FactMap                map[string]*factEntry `json:"factMap"`
	GroupingsAcross        groupingsList         `json:"groupingsAcross"`
	GroupingsDown          groupingsList         `json:"groupingsDown"`
	HasDetailRows          bool                  `json:"hasDetailRows"`
	ReportExtendedMetadata reportExtended        `json:"reportExtendedMetadata"`
	ReportMetadata         reportMetadata        `json:"reportMetadata"`
}

func runBody(attrs any, d *reportDef, filters []reportFilter, res *reportResult) reportRunBody {
	return reportRunBody{
		Attributes: attrs, AllData: res.allData, FactMap: res.factMap,
		GroupingsAcross: groupingsList{Groupings: []reportGroup{}}, GroupingsDown: groupingsList{Groupings: res.groups},
		HasDetailRows: res.detailed, ReportExtendedMetadata: d.extended(), ReportMetadata: d.metadata(filters),
	}
}

// runRequest reads includeDetails and, for POST, the reportMetadata
// override (only reportFilters is honoured; nil = the report's own).
func runRequest(r *http.Request) (includeDetails bool, filters []reportFilter, err error) {
	includeDetails = strings.EqualFold(r.URL.Query().Get("includeDetails"), "true")
	if r.Method != http.MethodPost {
		return includeDetails, nil, nil
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil || len(strings.TrimSpace(string(body))) == 0 {
		return includeDetails, nil, err
	}
	var req struct {
		ReportMetadata *struct {
			ReportFilters *[]reportFilter `json:"reportFilters"`
		} `json:"reportMetadata"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		return false, nil, &reportError{"The request body is not valid JSON: " + err.Error()}
	}
	if req.ReportMetadata != nil && req.ReportMetadata.ReportFilters != nil {
		filters = *req.ReportMetadata.ReportFilters
		if filters == nil {
			filters = []reportFilter{}
		}
	}
	return includeDetails, filters, nil
}

func writeReportError(w http.ResponseWriter, err error) {
	if re, ok := err.(*reportError); ok {
		writeAPIError(w, http.StatusBadRequest, "BAD_REQUEST", re.msg)
		return
	}
	writeAPIError(w, http.StatusInternalServerError, "UNKNOWN_EXCEPTION", "emulator: "+err.Error())
}

// runFromRequest runs d as the request asks (includeDetails, POSTed
// filters) and records the run; on failure it has written the error.
func (s *Server) runFromRequest(w http.ResponseWriter, r *http.Request, d *reportDef) (*reportResult, []reportFilter, bool) {
	includeDetails, filters, err := runRequest(r)
	if err != nil {
		writeReportError(w, err)
		return nil, nil, false
	}
	if filters == nil {
		filters = d.Filters
	}
	res, err := s.runReport(r.Context(), d, filters, includeDetails)
	if err != nil {
		writeReportError(w, err)
		return nil, nil, false
	}
	s.touchReport(r.Context(), d.ID)
	return res, filters, true
}

// reportRun handles GET / POST /analytics/reports/{id}: a synchronous run.
func (s *Server) reportRun(w http.ResponseWriter, r *http.Request, version string, d *reportDef) {
	res, filters, ok := s.runFromRequest(w, r, d)
	if !ok {
		return
	}
	u := reportURL(version, d.ID)
	attrs := reportAttributes{DescribeURL: u + "/describe", InstancesURL: u + "/instances", ReportID: d.ID, ReportName: d.Name, Type: "Report"}
	writeJSON(w, http.StatusOK, runBody(attrs, d, filters, res))
}

// instanceStatus derives an instance's status from its age: New for the
// first half of the Bulk delay, Running for the second, then Success.
func (s *Server) instanceStatus(in *reportInstance) (status string, completed *time.Time) {
	st := s.jobs()
	st.mu.Lock()
	delay, now := st.delay, st.now()
	st.mu.Unlock()
	age := now.Sub(in.requested)
	switch {
	case age < delay/2:
		return "New", nil
	case age < delay:
		return "Running", nil
	}
	done := in.requested.Add(delay).UTC()
	return "Success", &done
}

type instanceInfo struct {
	CompletionDate *string `json:"completionDate"`
	HasDetailRows  bool    `json:"hasDetailRows"`
	ID             string  `json:"id"`
	OwnerID        string  `json:"ownerId"`
	RequestDate    string  `json:"requestDate"`
	Status         string  `json:"status"`
	URL            string  `json:"url"`
}

func analyticsTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

func (s *Server) instanceInfo(version string, in *reportInstance) instanceInfo {
	status, done := s.instanceStatus(in)
	info := instanceInfo{HasDetailRows: in.includeDetails, ID: in.id, OwnerID: in.ownerID,
		RequestDate: analyticsTime(in.requested), Status: status,
		URL: reportURL(version, in.reportID) + "/instances/" + in.id}
	if done != nil {
		c := analyticsTime(*done)
		info.CompletionDate = &c
	}
	return info
}

// reportInstanceCreate handles POST /analytics/reports/{id}/instances. The
// run happens now; the instance shows New, Running, then Success as time
// passes, as an async run would.
func (s *Server) reportInstanceCreate(w http.ResponseWriter, r *http.Request, version string, d *reportDef) {
	res, filters, ok := s.runFromRequest(w, r, d)
	if !ok {
		return
	}
	rs := s.ext().reports
	rs.mu.Lock()
	rs.seq++
	in := &reportInstance{id: newID("0LG", rs.seq), reportID: d.ID, ownerID: requestUserID(r), requested: s.jobs().now(),
		includeDetails: res.detailed, result: res, filters: filters}
	rs.instances[in.id] = in
	rs.order = append(rs.order, in.id)
	rs.mu.Unlock()
	writeJSON(w, http.StatusCreated, s.instanceInfo(version, in))
}

// reportInstanceList handles GET /analytics/reports/{id}/instances.
func (s *Server) reportInstanceList(w http.ResponseWriter, version string, d *reportDef) {
	rs := s.ext().reports
	rs.mu.Lock()
	var ins []*reportInstance
	for _, id := range rs.order {
		if in := rs.instances[id]; in.reportID == d.ID {
			ins = append(ins, in)
		}
	}
	rs.mu.Unlock()
	out := []instanceInfo{}
	for _, in := range ins {
		out = append(out, s.instanceInfo(version, in))
	}
	writeJSON(w, http.StatusOK, out)
}

// reportInstance handles GET and DELETE /analytics/reports/{id}/instances/{iid}.
func (s *Server) reportInstance(w http.ResponseWriter, r *http.Request, version string, d *reportDef, iid string) {
	rs := s.ext().reports
	full, _ := canonicalID(iid)
	rs.mu.Lock()
	in := rs.instances[full]
	if in != nil && in.reportID != d.ID {
		in = nil
	}
	if in != nil && r.Method == http.MethodDelete {
		delete(rs.instances, full)
		for i, id := range rs.order {
			if id == full {
				rs.order = append(rs.order[:i], rs.order[i+1:]...)
				break
			}
		}
	}
	rs.mu.Unlock()
	if in == nil {
		notFound(w)
		return
	}
	if r.Method == http.MethodDelete {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	info := s.instanceInfo(version, in)
	type instanceAttrs struct {
		CompletionDate *string `json:"completionDate"`
		ID             string  `json:"id"`
		OwnerID        string  `json:"ownerId"`
		ReportID       string  `json:"reportId"`
		ReportName     string  `json:"reportName"`
		RequestDate    string  `json:"requestDate"`
		Status         string  `json:"status"`
		Type           string  `json:"type"`
	}
	attrs := instanceAttrs{CompletionDate: info.CompletionDate, ID: in.id, OwnerID: in.ownerID, ReportID: d.ID,
		ReportName: d.Name, RequestDate: info.RequestDate, Status: info.Status, Type: "ReportInstance"}
	if info.Status != "Success" {
		// Not finished: the attributes and the metadata, no data yet.
		writeJSON(w, http.StatusOK, struct {
			Attributes     instanceAttrs  `json:"attributes"`
			AllData        bool           `json:"allData"`
			FactMap        struct{}       `json:"factMap"`
			HasDetailRows  bool           `json:"hasDetailRows"`
			ReportMetadata reportMetadata `json:"reportMetadata"`
		}{Attributes: attrs, HasDetailRows: in.includeDetails, ReportMetadata: d.metadata(in.filters)})
		return
	}
	writeJSON(w, http.StatusOK, runBody(attrs, d, in.filters, in.result))
}
