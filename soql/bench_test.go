package soql

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

var benchStatements = map[string]string{
	"simple": "SELECT Id, Name FROM Account WHERE Name = 'Acme' LIMIT 10",
	"complex": "SELECT Id, Name, Owner.Name, (SELECT Id, LastName FROM Contacts WHERE Email != null ORDER BY LastName LIMIT 5) " +
		"FROM Account WHERE (Industry IN ('Energy', 'Media', 'Retail') OR AnnualRevenue > 1000000) AND CreatedDate = LAST_N_DAYS:30 " +
		"AND Id IN (SELECT AccountId FROM Opportunity WHERE StageName = 'Closed Won') ORDER BY Name DESC NULLS LAST LIMIT 200 OFFSET 10",
}

func BenchmarkParse(b *testing.B) {
	for name, s := range benchStatements {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				if _, err := Parse(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkPrint(b *testing.B) {
	for name, s := range benchStatements {
		q, err := Parse(s)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			buf := make([]byte, 0, 1024)
			for b.Loop() {
				buf = AppendQuery(buf[:0], q)
			}
		})
	}
}

func BenchmarkLiteral(b *testing.B) {
	for _, tc := range []struct {
		name string
		v    any
	}{
		{"string", "O'Brien & \"Sons\"\n"},
		{"int64", int64(1234567890)},
		{"float64", 1234.5678},
		{"decimal", decimal.RequireFromString("1234.5678")},
		{"time", time.Date(2024, 1, 31, 23, 1, 1, 123000000, time.UTC)},
		{"date", Date{2024, time.January, 31}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			buf := make([]byte, 0, 64)
			for b.Loop() {
				var err error
				if buf, err = AppendLiteral(buf[:0], tc.v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
