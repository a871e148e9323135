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
	fields := make([]*catalog.Field, len(res.ReportMetadata.DetailColumns))
	for i, name := range res.ReportMetadata.DetailColumns {
		info := res.ReportExtendedMetadata.DetailColumnInfo[name]
		label := info.Label
		if label == "" {
			label = name
		}
		f := &catalog.Field{Name: name, Label: label, Type: reportFieldType(info.DataType), Nillable: true}
		f.SQL = catalog.TypeOf(f)
		fields[i] = f
		r.cols = append(r.cols, Column{Name: label, Type: f.SQL, Nullable: true, Field: f})
	}
	var rows [][]any
	for _, key := range res.detailKeys() {
		for _, fr := range res.FactMap[key].Rows {
			if len(fr.DataCells) != len(fields) {
				return nil, fmt.Errorf("engine: report %s: a row has %d cells for %d columns", step.Name, len(fr.DataCells), len(fields))
			}
			row := make([]any, len(fields))
			for i, cell := range fr.DataCells {
				v := cell.Value
				if m, ok := v.(map[string]any); ok && fields[i].Type == catalog.TypeCurrency {
					v = m["amount"] // newer versions wrap currency values
				}
				if fields[i].SQL.Base == "varchar" || fields[i].SQL.Base == "text" {
					if n, ok := v.(json.Number); ok {
						v = string(n)
					}
				}
				cv, err := catalog.FromJSON(fields[i], v)
				if err != nil {
					return nil, fmt.Errorf("engine: report %s, column %s: %w", step.Name, r.cols[i].Name, err)
				}
				row[i] = cv
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

type reportResult struct {
	AllData bool `json:"allData"`
	FactMap map[string]struct {
		Rows []struct {
			DataCells []struct {
				Label string `json:"label"`
				Value any    `json:"value"`
			} `json:"dataCells"`
		} `json:"rows"`
	} `json:"factMap"`
	GroupingsDown struct {
		Groupings []reportGrouping `json:"groupings"`
	} `json:"groupingsDown"`
	ReportMetadata struct {
		DetailColumns []string `json:"detailColumns"`
	} `json:"reportMetadata"`
	ReportExtendedMetadata struct {
		DetailColumnInfo map[string]struct {
			DataType string `json:"dataType"`
			Label    string `json:"label"`
		} `json:"detailColumnInfo"`
	} `json:"reportExtendedMetadata"`
}

type reportGrouping struct {
	Key       string           `json:"key"`
	Groupings []reportGrouping `json:"groupings"`
}

// detailKeys lists the fact map keys holding detail rows, in report
// order: "T!T" for a tabular report, each leaf group "k!T" otherwise.
func (r *reportResult) detailKeys() []string {
	if len(r.GroupingsDown.Groupings) == 0 {
		return []string{"T!T"}
	}
	var keys []string
	var walk func(gs []reportGrouping)
	walk = func(gs []reportGrouping) {
		for _, g := range gs {
			if len(g.Groupings) == 0 {
				keys = append(keys, g.Key+"!T")
				continue
			}
			walk(g.Groupings)
		}
	}
	walk(r.GroupingsDown.Groupings)
	return keys
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
