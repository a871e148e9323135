package emulator

import (
	"context"
	"testing"
)

// count runs a SELECT count(*) … and returns the number.
func countRows(t testing.TB, s *Server, q string, args ...any) int {
	t.Helper()
	var n int
	if err := s.db.QueryRowContext(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func TestDemoSeed(t *testing.T) {
	s, err := New(Options{Seed: "demo"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, c := range []struct {
		q    string
		want int
	}{
		{`SELECT count(*) FROM "Account" WHERE "IsDeleted" = 0`, len(demoAccounts)},
		{`SELECT count(*) FROM "Account" WHERE "IsDeleted" = 1`, 1},
		{`SELECT count(*) FROM "Contact" WHERE "IsDeleted" = 0`, len(demoContacts)},
		{`SELECT count(*) FROM "Contact" WHERE "IsDeleted" = 1`, 1},
		{`SELECT count(*) FROM "Case" WHERE "IsDeleted" = 0`, len(demoCases) + 1 - 2},
		{`SELECT count(*) FROM "Case" WHERE "IsDeleted" = 1`, 2},
		{`SELECT count(*) FROM "User"`, 1 + len(demoAgents)},
		{`SELECT count(*) FROM "Organization"`, 1},
		{`SELECT count(*) FROM "BusinessHours" WHERE "IsDefault" = 1`, 1},
		{`SELECT count(*) FROM "Entitlement"`, 4},
		{`SELECT count(*) FROM "Solution"`, 3},
		{`SELECT count(*) FROM "Asset"`, 5},
		{`SELECT count(*) FROM "AllDataType__c" WHERE "IsDeleted" = 0`, 8},
		{`SELECT count(*) FROM "AllDataType__c" WHERE "IsDeleted" = 1`, 2},
		// Every case comment hangs off a case; the deleted cases' comments are deleted too.
		{`SELECT count(*) FROM "CaseComment" c LEFT JOIN "Case" p ON p."Id" = c."ParentId" WHERE p."Id" IS NULL`, 0},
		{`SELECT count(*) FROM "CaseComment" c JOIN "Case" p ON p."Id" = c."ParentId" WHERE p."IsDeleted" <> c."IsDeleted"`, 0},
		// References point at existing rows.
		{`SELECT count(*) FROM "Contact" c LEFT JOIN "Account" a ON a."Id" = c."AccountId" WHERE c."AccountId" IS NOT NULL AND a."Id" IS NULL`, 0},
		{`SELECT count(*) FROM "Case" c LEFT JOIN "Contact" p ON p."Id" = c."ContactId" WHERE c."ContactId" IS NOT NULL AND p."Id" IS NULL`, 0},
		{`SELECT count(*) FROM "Account" WHERE "ParentId" IS NOT NULL`, 2},
		{`SELECT count(*) FROM "Account" WHERE "ParentId" = ''`, 0},
		// Closed cases have a ClosedDate, open ones none.
		{`SELECT count(*) FROM "Case" WHERE ("Status" = 'Closed') <> ("IsClosed" = 1) OR ("IsClosed" = 1) <> ("ClosedDate" IS NOT NULL)`, 0},
		// Stored datetimes are UTC with milliseconds.
		{`SELECT count(*) FROM "Case" WHERE "CreatedDate" NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'`, 0},
		{`SELECT count(*) FROM "Account" WHERE "Name" = 'United Oil & Gas, UK' AND "CustomerId__c" = 'CUST-00002'`, 1},
	} {
		if got := countRows(t, s, c.q); got != c.want {
			t.Errorf("%s: got %d, want %d", c.q, got, c.want)
		}
	}
}

// Two seeds are identical row for row.
func TestDemoSeedDeterministic(t *testing.T) {
	dump := func() string {
		s, err := New(Options{Seed: "demo", Scale: 50})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		var out []byte
		for _, o := range s.schema.ordered {
			rows, err := s.db.Query(`SELECT * FROM ` + quoteIdent(o.Name) + ` ORDER BY "Id"`)
			if err != nil {
				t.Fatal(err)
			}
			cols, _ := rows.Columns()
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			for rows.Next() {
				if err := rows.Scan(ptrs...); err != nil {
					t.Fatal(err)
				}
				out = append(out, marshalJSON(vals)...)
			}
			rows.Close()
		}
		return string(out)
	}
	if a, b := dump(), dump(); a != b {
		t.Fatal("two demo seeds differ")
	}
}

func TestScaleSeed(t *testing.T) {
	s, err := New(Options{Seed: "demo", Scale: 1001})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := countRows(t, s, `SELECT count(*) FROM "Case" WHERE "Subject" LIKE '% issue #% reported by customer'`); got != 1001 {
		t.Errorf("cases: %d", got)
	}
	if got := countRows(t, s, `SELECT count(*) FROM "Contact" WHERE "ExternalId__c" LIKE 'SCON-%'`); got != 501 {
		t.Errorf("contacts: %d", got)
	}
	if got := countRows(t, s, `SELECT count(*) FROM "Account" WHERE "CustomerId__c" LIKE 'SCALE-%'`); got != 101 {
		t.Errorf("accounts: %d", got)
	}
	// Ids are unique across demo and generated rows, case numbers too.
	if got := countRows(t, s, `SELECT count(DISTINCT "CaseNumber") - count(*) FROM "Case"`); got != 0 {
		t.Errorf("duplicate case numbers: %d", got)
	}
	if got := countRows(t, s, `SELECT count(*) FROM "Case" c JOIN "Contact" p ON p."Id" = c."ContactId" WHERE c."AccountId" <> p."AccountId" AND c."Subject" LIKE '% issue #%'`); got != 0 {
		t.Errorf("generated cases whose contact belongs to another account: %d", got)
	}
	if s.scaleStats.rows != 1001+501+101 {
		t.Errorf("scale stats rows %d", s.scaleStats.rows)
	}
}

// BenchmarkSeedScale measures --scale generation (accounts + contacts +
// cases) in rows per second of wall time, writing and indexing included;
// rows/cpu-s divides by the process's CPU time over the whole New (demo
// seed and schema included), a figure that does not depend on how busy the
// machine is.
func BenchmarkSeedScale(b *testing.B) {
	const n = 50000
	var rows int
	var secs, cpu float64
	for b.Loop() {
		before := cpuTime()
		s, err := New(Options{Seed: "demo", Scale: n})
		if err != nil {
			b.Fatal(err)
		}
		cpu += (cpuTime() - before).Seconds()
		rows += s.scaleStats.rows
		secs += (s.scaleStats.generating + s.scaleStats.indexing).Seconds()
		s.Close()
	}
	b.ReportMetric(float64(rows)/secs, "rows/s")
	if cpu > 0 {
		b.ReportMetric(float64(rows)/cpu, "rows/cpu-s")
	}
}
