package driver_test

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"net/http/httptest"
	"strings"

	"github.com/shopspring/decimal"

	sfdriver "github.com/soqlgate/soqlgate/driver"
	"github.com/soqlgate/soqlgate/emulator"
)

// demoOrg starts the local org with the demo data and returns a Config of
// its demo user, and a function that stops the org.
func demoOrg() (*sfdriver.Config, func()) {
	srv, err := emulator.New(emulator.Options{Seed: "demo"})
	if err != nil {
		log.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	cfg := sfdriver.NewConfig()
	cfg.EnvironmentURL = ts.URL // http:// is allowed to a loopback host with Insecure
	cfg.Insecure = true
	cfg.Username = emulator.DemoUsername
	cfg.Password = emulator.DemoPassword
	cfg.SecurityToken = emulator.DemoSecurityToken
	cfg.ClientID = emulator.DemoClientID
	cfg.ClientSecret = emulator.DemoClientSecret
	return cfg, func() { ts.Close(); srv.Close() }
}

// demoDB is the demo org behind a *sql.DB, as Example builds it.
func demoDB() (*sql.DB, func()) {
	cfg, stop := demoOrg()
	connector, err := sfdriver.NewConnector(cfg)
	if err != nil {
		log.Fatal(err)
	}
	db := sql.OpenDB(connector)
	return db, func() { db.Close(); stop() }
}

// Query Salesforce in SQL: a parent field by its dotted path, a bound
// parameter, an ORDER BY and a LIMIT.
func Example() {
	cfg, stop := demoOrg()
	defer stop()
	connector, err := sfdriver.NewConnector(cfg)
	if err != nil {
		log.Fatal(err)
	}
	db := sql.OpenDB(connector)
	defer db.Close()

	rows, err := db.Query(`SELECT "CaseNumber", "Subject", "Account"."Name" FROM "Case"
		WHERE "Priority" = $1 ORDER BY "CaseNumber" LIMIT 3`, "High")
	if err != nil {
		log.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var number, subject, account string
		if err := rows.Scan(&number, &subject, &account); err != nil {
			log.Fatal(err)
		}
		fmt.Println(number, subject, "|", account)
	}
	if err := rows.Err(); err != nil {
		log.Fatal(err)
	}
	// Output:
	// 00001001 Starting generator after electrical failure | Edge Communications
	// 00001004 Electrical surge damaging equipment | Pyramid Construction Inc.
	// 00001006 Frequent mechanical breakdown | Grand Hotels & Resorts Ltd
}

// Currency, number and percent fields scan into decimal.Decimal exactly.
func Example_decimal() {
	db, stop := demoDB()
	defer stop()

	var total decimal.Decimal
	if err := db.QueryRow(`SELECT SUM("AnnualRevenue") FROM "Account" WHERE "Industry" = 'Energy'`).Scan(&total); err != nil {
		log.Fatal(err)
	}
	fmt.Println(total)
	// Output:
	// 5600000000
}

// A driver.QueryAll{} argument reads the recycle bin for that one
// statement (readBehavior=queryAll); it takes no $n.
func ExampleQueryAll() {
	db, stop := demoDB()
	defer stop()

	var live, all int
	ctx := context.Background()
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM "Account"`).Scan(&live); err != nil {
		log.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM "Account"`, sfdriver.QueryAll{}).Scan(&all); err != nil {
		log.Fatal(err)
	}
	fmt.Println(live, all)
	// Output:
	// 13 14
}

// EXPLAIN is a query: its rows (one column, QUERY PLAN) say what is sent
// to Salesforce, which API reads it and what runs locally.
func Example_explain() {
	db, stop := demoDB()
	defer stop()

	rows, err := db.Query(`EXPLAIN SELECT "Id" FROM "Case" WHERE "Status" = 'New'`)
	if err != nil {
		log.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	fmt.Println(cols[0])
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			log.Fatal(err)
		}
		if soql, ok := strings.CutPrefix(strings.TrimSpace(line), "SOQL: "); ok {
			fmt.Println(soql)
		}
	}
	// Output:
	// QUERY PLAN
	// SELECT Id FROM Case WHERE Status = 'New'
}
