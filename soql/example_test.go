package soql_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"
	"github.com/soqlgate/soqlgate/soql"
)

func ExampleParse() {
	q, err := soql.Parse("select Id, COUNT(Name) n from Account where (Name like 'A%' or Industry = null) and CreatedDate = last_n_days:7 group by Id")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(q)
	_, err = soql.Parse("SELECT * FROM Account")
	fmt.Printf("%q\n", err)
	// Output:
	// SELECT Id, COUNT(Name) n FROM Account WHERE (Name LIKE 'A%' OR Industry = null) AND CreatedDate = LAST_N_DAYS:7 GROUP BY Id
	// "\nSELECT * FROM Account\n       ^\nERROR at Row:1:Column:8\nunexpected token: '*'"
}

func ExampleAppendLiteral() {
	var b []byte
	for _, v := range []any{"O'Brien\n", decimal.New(12, 3), time.Date(2024, 1, 31, 23, 0, 0, 0, time.FixedZone("CET", 3600)),
		soql.Date{Year: 2024, Month: time.January, Day: 31}, true, nil} {
		b, _ = soql.AppendLiteral(b[:0], v)
		fmt.Println(string(b))
	}
	// Output:
	// 'O\'Brien\n'
	// 12000
	// 2024-01-31T22:00:00Z
	// 2024-01-31
	// true
	// null
}

func ExampleEscapeLike() {
	pattern := soql.EscapeLike("50%_off") + "%"
	fmt.Println(string(soql.AppendLikePattern(nil, pattern)))
	// Output:
	// '50\%\_off%'
}
