package sfapi_test

import (
	"context"
	"fmt"
	"net/http/httptest"

	"github.com/soqlgate/soqlgate/emulator"
	"github.com/soqlgate/soqlgate/internal/sfapi"
)

// Query the local org: rows stream page by page; parent fields come back
// as dotted columns in SELECT order.
func ExampleClient_Query() {
	org, err := emulator.New(emulator.Options{Seed: "demo"})
	if err != nil {
		panic(err)
	}
	defer org.Close()
	web := httptest.NewServer(org)
	defer web.Close()

	c, err := sfapi.New(sfapi.Config{
		EnvironmentURL: web.URL, // a loopback http:// URL is allowed; anything else must be https
		APIVersion:     "58.0",
		Username:       "demo@soqlgate.local",
		Password:       "demo",
		SecurityToken:  "demo",
		ClientID:       "soqlgate-demo",
		ClientSecret:   "demo",
	})
	if err != nil {
		panic(err)
	}
	defer c.Close()

	rows, err := c.Query(context.Background(),
		"SELECT Name, Account.Name, Account.NumberOfEmployees FROM Contact ORDER BY Account.Name LIMIT 3",
		sfapi.QueryOptions{})
	if err != nil {
		panic(err)
	}
	defer rows.Close()
	fmt.Println(rows.Columns())
	for rows.Next() {
		fmt.Println(rows.Values()...)
	}
	if err := rows.Err(); err != nil {
		panic(err)
	}
	fmt.Println(c.Flow(), c.Calls()["login"], c.Calls()["query"])
	// Output:
	// [Name Account.Name Account.NumberOfEmployees]
	// Siddartha Nedaerk <nil> <nil>
	// Jack Rogers Burlington Textiles Corp of America 9000
	// Andy Young Dickenson plc 120
	// password 1 1
}
