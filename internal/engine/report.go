package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/internal/sfapi"
	"github.com/soqlgate/soqlgate/soql"
	"github.com/soqlgate/soqlgate/translator"
)

// reportRowCap is the Analytics API's limit on detail rows per run.
const reportRowCap = 2000

// report runs an Analytics report ({call "Name"}) and returns its detail
// rows under the report's column labels, typed by the report's data types.
func (e *Engine) report(ctx context.Context, step *translator.ReportStep) (*Rows, error) {
	id := step.Name
	if !step.ByID {
		var err error
		if id, err = e.findReport(ctx, step.Name); err != nil {
			return nil, err
		}
	}
	raw, err := e.client.RunReport(ctx, id)
	if err != nil {
		return nil, err
	}
	var res reportResult
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&res); err != nil {
		return nil, fmt.Errorf("engine: report %s: %w", step.Name, err)
	}
	r := &Rows{explain: []string{fmt.Sprintf("report %q (%s): Analytics REST API, synchronous run with details", step.Name, id)}}
	// Columns: the grouping columns of a summary report (outermost
	// first), then the detail columns.
	var fields []*catalog.Field
	addColumn := func(name, label, dataType string) {
		if label == "" {
			label = name
		}
		f := &catalog.Field{Name: name, Label: label, Type: reportFieldType(dataType), Nillable: true}
		f.SQL = catalog.TypeOf(f)
		fields = append(fields, f)
		r.cols = append(r.cols, Column{Name: label, Type: f.SQL, Nullable: true, Field: f})
	}
	for _, g := range res.ReportMetadata.GroupingsDown {
		info := res.ReportExtendedMetadata.GroupingColumnInfo[g.Name]
		addColumn(g.Name, info.Label, info.DataType)
	}
	groupCols := len(fields)
	for _, name := range res.ReportMetadata.DetailColumns {
		info := res.ReportExtendedMetadata.DetailColumnInfo[name]
		addColumn(name, info.Label, info.DataType)
	}
	var rows [][]any
	for _, leaf := range res.leaves() {
		for _, fr := range res.FactMap[leaf.key].Rows {
			cells := append(append([]reportCell(nil), leaf.groups...), fr.DataCells...)
			if len(cells) != len(fields) || len(leaf.groups) != groupCols {
				return nil, fmt.Errorf("engine: report %s: a row has %d cells for %d columns", step.Name, len(cells), len(fields))
			}
			row := make([]any, len(fields))
			for i, cell := range cells {
				v, err := reportValue(fields[i], cell)
				if err != nil {
					return nil, fmt.Errorf("engine: report %s, column %s: %w", step.Name, r.cols[i].Name, err)
				}
				row[i] = v
			}
			rows = append(rows, row)
		}
	}
	if !res.AllData {
		w := fmt.Sprintf("report %q returned only its first %d detail rows (the Analytics API's limit); filter the report or query the objects instead", step.Name, reportRowCap)
		r.warn = append(r.warn, w)
		r.explain = append(r.explain, "warning: "+w)
	}
	r.src = &sliceSource{rows: rows}
	return r, nil
}

// reportValue types one cell. Text cells show what the report shows,
// their label: Salesforce puts the record's Id in the value of name and
// number columns (Subject, Case Number) and of lookups. Numbers, dates and
// booleans come from the value. An empty cell is {"label":"-","value":null}.
func reportValue(f *catalog.Field, cell reportCell) (any, error) {
	v := cell.Value
	if v == nil && (cell.Label == "-" || cell.Label == "") {
		return nil, nil
	}
	if f.SQL.Base == "varchar" || f.SQL.Base == "text" {
		return cell.Label, nil
	}
	if m, ok := v.(map[string]any); ok && f.Type == catalog.TypeCurrency {
		v = m["amount"] // newer versions wrap currency values
	}
	return catalog.FromJSON(f, v)
}

// findReport resolves a report's name (or developer name) to its id
// through the Report object.
func (e *Engine) findReport(ctx context.Context, name string) (string, error) {
	for _, field := range []string{"Name", "DeveloperName"} {
		lit, err := soql.AppendLiteral(nil, name)
		if err != nil {
			return "", err
		}
		rows, err := e.client.Query(ctx, "SELECT Id FROM Report WHERE "+field+" = "+string(lit), sfapi.QueryOptions{})
		if err != nil {
			return "", err
		}
		var ids []string
		for rows.Next() {
			if id, ok := rows.Values()[0].(string); ok {
				ids = append(ids, id)
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return "", err
		}
		switch len(ids) {
		case 0:
			continue
		case 1:
			return ids[0], nil
		default:
			return "", fmt.Errorf("engine: %d reports are named %q; call one by id: {call \"%s\"}", len(ids), name, ids[0])
		}
	}
	return "", &catalog.ResolveError{Kind: catalog.UnknownObject, Name: name}
}

type reportCell struct {
	Label string `json:"label"`
	Value any    `json:"value"`
}

type reportResult struct {
	AllData bool `json:"allData"`
	FactMap map[string]struct {
		Rows []struct {
			DataCells []reportCell `json:"dataCells"`
		} `json:"rows"`
	} `json:"factMap"`
	GroupingsDown struct {
		Groupings []reportGrouping `json:"groupings"`
	} `json:"groupingsDown"`
	ReportMetadata struct {
		DetailColumns []string `json:"detailColumns"`
		GroupingsDown []struct {
			Name string `json:"name"`
		} `json:"groupingsDown"`
	} `json:"reportMetadata"`
	ReportExtendedMetadata struct {
		DetailColumnInfo   map[string]reportColumnInfo `json:"detailColumnInfo"`
		GroupingColumnInfo map[string]reportColumnInfo `json:"groupingColumnInfo"`
	} `json:"reportExtendedMetadata"`
}

type reportColumnInfo struct {
	DataType string `json:"dataType"`
	Label    string `json:"label"`
}

type reportGrouping struct {
	Key       string           `json:"key"`
	Label     string           `json:"label"`
	Value     any              `json:"value"`
	Groupings []reportGrouping `json:"groupings"`
}

// reportLeaf is a fact map key holding detail rows and the groups (one
// cell per grouping level) its rows belong to.
type reportLeaf struct {
	key    string
	groups []reportCell
}

// leaves lists the fact map keys holding detail rows, in report order:
// "T!T" for a tabular report, each innermost group "k!T" otherwise.
func (r *reportResult) leaves() []reportLeaf {
	if len(r.GroupingsDown.Groupings) == 0 {
		return []reportLeaf{{key: "T!T"}}
	}
	var out []reportLeaf
	var walk func(gs []reportGrouping, path []reportCell)
	walk = func(gs []reportGrouping, path []reportCell) {
		for _, g := range gs {
			p := append(append([]reportCell(nil), path...), reportCell{Label: g.Label, Value: g.Value})
			if len(g.Groupings) == 0 {
				out = append(out, reportLeaf{key: g.Key + "!T", groups: p})
				continue
			}
			walk(g.Groupings, p)
		}
	}
	walk(r.GroupingsDown.Groupings, nil)
	return out
}

// reportFieldType maps a report dataType to the describe type of the same
// name; unknown types are text.
func reportFieldType(dataType string) catalog.FieldType {
	t := catalog.FieldType(strings.ToLower(dataType))
	if catalog.KnownType(t) {
		return t
	}
	return catalog.TypeTextArea
}
