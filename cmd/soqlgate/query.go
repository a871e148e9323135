package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	sfdriver "github.com/soqlgate/soqlgate/driver"
	"github.com/soqlgate/soqlgate/emulator"
)

func init() { verbs = append(verbs, newQueryCmd) }

// queryFlags are the flags of `soqlgate query`.
type queryFlags struct {
	dsn    string
	demo   bool
	format string
}

func newQueryCmd() *cobra.Command {
	var f queryFlags
	cmd := &cobra.Command{
		Use:   `query [--dsn DSN | --demo] "SQL"`,
		Short: "Run one statement (SQL, SOQL or EXPLAIN) and print its rows",
		Long: `Run one statement through the database/sql driver and print its rows:
a SELECT in SQL or SOQL, EXPLAIN <query> (the SOQL sent, REST or Bulk and why),
or {call "Report"}.

--dsn takes a salesforce:// DSN (default: $SOQLGATE_DSN). --demo starts the local
org in-process with the demo data and runs the statement against it, e.g.

  soqlgate query --demo 'SELECT Id, Subject, Account.Name FROM "Case" LIMIT 5'`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runQuery(cmd.Context(), f, args[0], cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.dsn, "dsn", "", "salesforce:// data source name (default $SOQLGATE_DSN)")
	fl.BoolVar(&f.demo, "demo", false, "run against an in-process local org with the demo data")
	fl.StringVarP(&f.format, "format", "f", "table", "output format: table, csv or json")
	return cmd
}

func runQuery(ctx context.Context, f queryFlags, query string, out, errOut io.Writer) error {
	if ctx == nil {
		ctx = context.Background()
	}
	var print func(io.Writer, *result) error
	switch f.format {
	case "table":
		print = printTable
	case "csv":
		print = printCSV
	case "json":
		print = printJSON
	default:
		return fmt.Errorf("query: --format %q: want table, csv or json", f.format)
	}
	db, closeDB, err := openQueryDB(f)
	if err != nil {
		return err
	}
	defer closeDB()
	return queryAndPrint(ctx, db, query, print, out, errOut)
}

// queryAndPrint runs query, prints its rows to out and the statement's
// warnings (a report cut at 2,000 rows) to errOut.
func queryAndPrint(ctx context.Context, db *sql.DB, query string, print func(io.Writer, *result) error, out, errOut io.Writer) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	res, err := fetch(ctx, conn, query)
	if err != nil {
		return err
	}
	if err := print(out, res); err != nil {
		return err
	}
	return conn.Raw(func(dc any) error {
		if n, ok := dc.(sfdriver.Notes); ok {
			for _, w := range n.LastWarnings() {
				fmt.Fprintln(errOut, "warning:", w)
			}
		}
		return nil
	})
}

// openQueryDB opens the database the flags name: --demo's in-process org
// or a DSN.
func openQueryDB(f queryFlags) (*sql.DB, func(), error) {
	if f.demo {
		if f.dsn != "" {
			return nil, nil, errors.New("query: --demo and --dsn exclude each other")
		}
		return openDemo(0)
	}
	dsn := f.dsn
	if dsn == "" {
		dsn = os.Getenv("SOQLGATE_DSN")
	}
	if dsn == "" {
		return nil, nil, errors.New("query: give --dsn (or set SOQLGATE_DSN), or --demo for the local demo org")
	}
	cfg, err := sfdriver.ParseDSN(dsn)
	if err != nil {
		return nil, nil, err
	}
	c, err := sfdriver.NewConnector(cfg)
	if err != nil {
		return nil, nil, err
	}
	db := sql.OpenDB(c)
	return db, func() { db.Close() }, nil
}

// openDemo starts the demo org (with scale generated cases) under httptest
// on a loopback port and connects to it as the demo user over the OAuth
// password flow.
func openDemo(scale int) (*sql.DB, func(), error) {
	srv, err := emulator.New(emulator.Options{Seed: "demo", Scale: scale})
	if err != nil {
		return nil, nil, err
	}
	ts := httptest.NewServer(srv)
	cfg := sfdriver.NewConfig()
	cfg.EnvironmentURL = ts.URL
	cfg.Insecure = true
	cfg.Username = emulator.DemoUsername
	cfg.Password = emulator.DemoPassword
	cfg.SecurityToken = emulator.DemoSecurityToken
	cfg.ClientID = emulator.DemoClientID
	cfg.ClientSecret = emulator.DemoClientSecret
	c, err := sfdriver.NewConnector(cfg)
	if err != nil {
		ts.Close()
		srv.Close()
		return nil, nil, err
	}
	db := sql.OpenDB(c)
	return db, func() {
		db.Close()
		ts.Close()
		srv.Close()
	}, nil
}

// result is a statement's rows, each value rendered for output.
type result struct {
	cols  []string
	types []string // database type names: what a value means in JSON
	rows  [][]cell
}

// cell is one rendered value: text (nil for NULL) and whether JSON should
// write it bare (numbers, booleans, json).
type cell struct {
	text *string
	bare bool
}

func fetch(ctx context.Context, conn *sql.Conn, query string) (*result, error) {
	rows, err := conn.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	res := &result{}
	for _, c := range cols {
		res.cols = append(res.cols, c.Name())
		res.types = append(res.types, c.DatabaseTypeName())
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make([]cell, len(cols))
		for i, v := range vals {
			row[i] = render(v, res.types[i])
		}
		res.rows = append(res.rows, row)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return res, rows.Close()
}

// render formats one value the way the column's type reads: dates without
// a time, instants in UTC with milliseconds (as Salesforce writes them),
// numerics exactly as the driver gives them.
func render(v any, typ string) cell {
	var s string
	bare := false
	switch x := v.(type) {
	case nil:
		return cell{}
	case time.Time:
		switch typ {
		case "DATE":
			s = x.Format(time.DateOnly)
		default:
			s = x.UTC().Format("2006-01-02T15:04:05.000Z")
		}
	case bool:
		s, bare = fmt.Sprint(x), true
	case int64:
		s, bare = fmt.Sprint(x), true
	case float64:
		s, bare = fmt.Sprint(x), true
	case []byte:
		switch {
		case typ == "JSON":
			s, bare = string(x), true
		case utf8.Valid(x):
			s = string(x)
		default:
			s = base64.StdEncoding.EncodeToString(x)
		}
	case string:
		s = x
		// a local step may hand json as text
		bare = typ == "NUMERIC" || (typ == "JSON" && json.Valid([]byte(x)))
	default:
		s = fmt.Sprint(x)
	}
	return cell{text: &s, bare: bare}
}

func printTable(w io.Writer, r *result) error {
	widths := make([]int, len(r.cols))
	show := func(c cell) string {
		if c.text == nil {
			return ""
		}
		return strings.NewReplacer("\n", `\n`, "\r", `\r`, "\t", `\t`).Replace(*c.text)
	}
	for i, c := range r.cols {
		widths[i] = utf8.RuneCountInString(c)
	}
	for _, row := range r.rows {
		for i, c := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(show(c)))
		}
	}
	var b strings.Builder
	line := func(vals []string) {
		var l strings.Builder
		for i, v := range vals {
			if i > 0 {
				l.WriteString(" | ")
			}
			l.WriteString(v)
			l.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(v)))
		}
		b.WriteString(strings.TrimRight(l.String(), " "))
		b.WriteString("\n")
	}
	line(r.cols)
	for i, wd := range widths {
		if i > 0 {
			b.WriteString("-+-")
		}
		b.WriteString(strings.Repeat("-", wd))
	}
	b.WriteString("\n")
	for _, row := range r.rows {
		vals := make([]string, len(row))
		for i, c := range row {
			vals[i] = show(c)
		}
		line(vals)
	}
	if len(r.rows) == 1 {
		b.WriteString("(1 row)\n")
	} else {
		fmt.Fprintf(&b, "(%d rows)\n", len(r.rows))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func printCSV(w io.Writer, r *result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(r.cols); err != nil {
		return err
	}
	rec := make([]string, len(r.cols))
	for _, row := range r.rows {
		for i, c := range row {
			rec[i] = ""
			if c.text != nil {
				rec[i] = *c.text
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// printJSON writes an array of objects whose keys keep the column order;
// numerics are JSON numbers with every digit.
func printJSON(w io.Writer, r *result) error {
	var b strings.Builder
	b.WriteString("[")
	for n, row := range r.rows {
		if n > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  {")
		for i, c := range row {
			if i > 0 {
				b.WriteString(", ")
			}
			b.Write(jsonString(r.cols[i]))
			b.WriteString(": ")
			switch {
			case c.text == nil:
				b.WriteString("null")
			case c.bare:
				b.WriteString(*c.text)
			default:
				b.Write(jsonString(*c.text))
			}
		}
		b.WriteString("}")
	}
	if len(r.rows) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// jsonString quotes s for JSON without the HTML escapes json.Marshal adds
// (a query plan's "totalSize > bulkThreshold" stays readable).
func jsonString(s string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}
