package pgdiff

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/shopspring/decimal"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/conformance"
	"github.com/soqlgate/soqlgate/emulator"
)

// demoObjects are the objects the corpus reads, loaded into PostgreSQL.
var demoObjects = []string{"Account", "Contact", "Case", "CaseComment", "User", "Asset",
	"Entitlement", "Solution", "BusinessHours", "AllDataType__c"}

const apiVersion = "v45.0"

// describeAll logs in as the demo user and describes the objects.
func describeAll(ctx context.Context, base string, names []string) ([]*catalog.Object, error) {
	form := url.Values{"grant_type": {"password"}, "client_id": {emulator.DemoClientID},
		"client_secret": {emulator.DemoClientSecret}, "username": {emulator.DemoUsername},
		"password": {emulator.DemoPassword + emulator.DemoSecurityToken}}
	resp, err := http.PostForm(base+"/services/oauth2/token", form)
	if err != nil {
		return nil, err
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	err = json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()
	if err != nil || tok.AccessToken == "" {
		return nil, fmt.Errorf("login: status %d, %v", resp.StatusCode, err)
	}
	var out []*catalog.Object
	for _, name := range names {
		req, _ := http.NewRequestWithContext(ctx, "GET", base+"/services/data/"+apiVersion+"/sobjects/"+name+"/describe", nil)
		req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, err
		}
		raw, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 {
			return nil, fmt.Errorf("describe %s: status %d %v", name, resp.StatusCode, err)
		}
		o, err := catalog.ParseDescribe(raw)
		if err != nil {
			return nil, fmt.Errorf("describe %s: %w", name, err)
		}
		out = append(out, o)
	}
	return out, nil
}

// columns are the fields of o that are columns: every field but the
// compound ones (their components are fields of their own).
func columns(o *catalog.Object) []*catalog.Field {
	var out []*catalog.Field
	for _, f := range o.Fields {
		if !f.IsCompound() {
			out = append(out, f)
		}
	}
	return out
}

func ident(s string) string { return pgx.Identifier{s}.Sanitize() }

// createTable is the DDL of o, typed by the catalog's type table.
func createTable(o *catalog.Object) string {
	var defs []string
	for _, f := range columns(o) {
		d := ident(f.Name) + " " + catalog.TypeOf(f).Name
		if f.Type == catalog.TypeID {
			d += " PRIMARY KEY"
		}
		defs = append(defs, d)
	}
	return "CREATE TABLE " + ident(o.Name) + " (" + strings.Join(defs, ", ") + ")"
}

// loadObject copies every row of o the driver returns into PostgreSQL.
// It returns the number of rows.
func loadObject(ctx context.Context, db *sql.DB, pg *pgx.Conn, o *catalog.Object) (int, error) {
	if _, err := pg.Exec(ctx, createTable(o)); err != nil {
		return 0, fmt.Errorf("create %s: %w", o.Name, err)
	}
	cols := columns(o)
	names := make([]string, len(cols))
	params := make([]string, len(cols))
	for i, f := range cols {
		names[i] = ident(f.Name)
		typ := catalog.TypeOf(f)
		if typ.Base == "bytea" {
			params[i] = fmt.Sprintf("$%d::bytea", i+1)
		} else {
			// every value travels as text and PostgreSQL parses it
			params[i] = fmt.Sprintf("$%d::text::%s", i+1, typ.Name)
		}
	}
	list := strings.Join(names, ", ")
	insert := "INSERT INTO " + ident(o.Name) + " (" + list + ") VALUES (" + strings.Join(params, ", ") + ")"
	ctypes, rows, err := conformance.Query(ctx, db, "SELECT "+list+" FROM "+ident(o.Name))
	if err != nil {
		return 0, fmt.Errorf("read %s through the driver: %w", o.Name, err)
	}
	for i, c := range ctypes {
		if c.Name() != cols[i].Name {
			return 0, fmt.Errorf("%s: driver column %d is %q, describe says %q", o.Name, i, c.Name(), cols[i].Name)
		}
		// the oracle's column has the type the driver reports
		if got, want := c.DatabaseTypeName(), strings.ToUpper(catalog.TypeOf(cols[i]).Base); got != want {
			return 0, fmt.Errorf("%s.%s: driver type %s, the type table says %s", o.Name, cols[i].Name, got, want)
		}
	}
	var batch pgx.Batch
	for _, row := range rows {
		args := make([]any, len(cols))
		for i, v := range row {
			if args[i], err = paramText(v); err != nil {
				return 0, fmt.Errorf("%s.%s: %w", o.Name, cols[i].Name, err)
			}
		}
		batch.Queue(insert, args...)
		if batch.Len() == 1000 {
			if err := pg.SendBatch(ctx, &batch).Close(); err != nil {
				return 0, fmt.Errorf("insert into %s: %w", o.Name, err)
			}
			batch = pgx.Batch{}
		}
	}
	if batch.Len() > 0 {
		if err := pg.SendBatch(ctx, &batch).Close(); err != nil {
			return 0, fmt.Errorf("insert into %s: %w", o.Name, err)
		}
	}
	return len(rows), nil
}

// paramText renders a driver value (scanned into any: the driver's
// driver.Value) as the text PostgreSQL parses for the column.
func paramText(v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case []byte:
		return append([]byte(nil), x...), nil
	case string:
		return x, nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case int32:
		return strconv.FormatInt(int64(x), 10), nil
	case float64:
		return decimal.NewFromFloat(x).String(), nil
	case bool:
		return strconv.FormatBool(x), nil
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano), nil
	case decimal.Decimal:
		return x.String(), nil
	case catalog.Date:
		return x.String(), nil
	case catalog.TimeOfDay:
		return x.String(), nil
	case json.RawMessage:
		return string(x), nil
	case fmt.Stringer:
		return x.String(), nil
	}
	return nil, fmt.Errorf("pgdiff: no text form for %T", v)
}
