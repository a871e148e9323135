package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"
)

func runQueryCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	cmd := newRootCmd()
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(append([]string{"query"}, args...))
	err := cmd.ExecuteContext(context.Background())
	return out.String(), err
}

// The issue's own check: five cases with their account names, on a fresh
// in-process demo org. Without ORDER BY the org returns cases in creation
// order: cases 1–5, whose contacts are Rose Gonzalez, Sean Forbes (Edge
// Communications), Jack Rogers (Burlington), Pat Stumuller (Pyramid) and
// Andy Young (Dickenson plc).
func TestQueryDemoTable(t *testing.T) {
	out, err := runQueryCmd(t, "--demo", `SELECT Id, Subject, Account.Name FROM "Case" LIMIT 5`)
	if err != nil {
		t.Fatal(err)
	}
	want := `Id                 | Subject                                            | Name
-------------------+----------------------------------------------------+------------------------------------
500Dm0000000001IAA | Starting generator after electrical failure        | Edge Communications
500Dm0000000002IAA | Performance inadequate for second consecutive week | Edge Communications
500Dm0000000003IAA | Design issue with mechanical rotor                 | Burlington Textiles Corp of America
500Dm0000000004IAA | Electrical surge damaging equipment                | Pyramid Construction Inc.
500Dm0000000005IAA | Maintenance guidelines for generator unclear       | Dickenson plc
(5 rows)
`
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
}

// All Types 02 and 10 (every optional column NULL) in each format:
// numerics keep their digits, dates print without a time, datetimes in
// UTC with milliseconds, NULL is empty (table, CSV) or null (JSON).
func TestQueryFormats(t *testing.T) {
	const q = `SELECT "Name", "Col_Currency__c", "Col_Integer__c", "Col_Checkbox__c", "Col_Date__c", "Col_DateTime__c", "Col_Time__c", "Col_TextArea__c", "Col_Location__c"
		FROM "AllDataType__c" WHERE "Name" IN ('All Types 02', 'All Types 10') ORDER BY "Name"`
	for _, c := range []struct {
		format, want string
	}{
		{"csv", `Name,Col_Currency__c,Col_Integer__c,Col_Checkbox__c,Col_Date__c,Col_DateTime__c,Col_Time__c,Col_TextArea__c,Col_Location__c
All Types 02,1000.25,-3,false,2025-12-27,2025-12-27T10:30:00.000Z,09:07:00,"Line one of row 2
Line two","{""latitude"":37.7849,""longitude"":-122.4294}"
All Types 10,,,false,,,,,
`},
		{"json", `[
  {"Name": "All Types 02", "Col_Currency__c": 1000.25, "Col_Integer__c": -3, "Col_Checkbox__c": false, "Col_Date__c": "2025-12-27", "Col_DateTime__c": "2025-12-27T10:30:00.000Z", "Col_Time__c": "09:07:00", "Col_TextArea__c": "Line one of row 2\nLine two", "Col_Location__c": {"latitude":37.7849,"longitude":-122.4294}},
  {"Name": "All Types 10", "Col_Currency__c": null, "Col_Integer__c": null, "Col_Checkbox__c": false, "Col_Date__c": null, "Col_DateTime__c": null, "Col_Time__c": null, "Col_TextArea__c": null, "Col_Location__c": null}
]
`},
		{"table", `Name         | Col_Currency__c | Col_Integer__c | Col_Checkbox__c | Col_Date__c | Col_DateTime__c          | Col_Time__c | Col_TextArea__c             | Col_Location__c
-------------+-----------------+----------------+-----------------+-------------+--------------------------+-------------+-----------------------------+-------------------------------------------
All Types 02 | 1000.25         | -3             | false           | 2025-12-27  | 2025-12-27T10:30:00.000Z | 09:07:00    | Line one of row 2\nLine two | {"latitude":37.7849,"longitude":-122.4294}
All Types 10 |                 |                | false           |             |                          |             |                             |
(2 rows)
`},
	} {
		out, err := runQueryCmd(t, "--demo", "--format", c.format, q)
		if err != nil {
			t.Fatalf("%s: %v", c.format, err)
		}
		if out != c.want {
			t.Errorf("%s output:\n%s\nwant:\n%s", c.format, out, c.want)
		}
	}
}

func TestQueryExplain(t *testing.T) {
	out, err := runQueryCmd(t, "--demo", `EXPLAIN SELECT "Id" FROM "Case"`)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "QUERY PLAN\n") || !strings.Contains(out, "SOQL: SELECT Id FROM Case\n") {
		t.Errorf("EXPLAIN output:\n%s", out)
	}
}

// TestQueryJSONKeepsText: the JSON output does not HTML-escape text.
func TestQueryJSONKeepsText(t *testing.T) {
	out, err := runQueryCmd(t, "--demo", "--format", "json", `EXPLAIN SELECT "Id" FROM "Case"`)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `totalSize > bulkThreshold 50000`) || strings.Contains(out, `\u003e`) {
		t.Errorf("JSON output:\n%s", out)
	}
}

func TestQueryErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--demo", `SELECT "Nme" FROM "Account"`}, "did you mean Name"},
		{[]string{"--demo", "--format", "xml", `SELECT "Id" FROM "Account"`}, `--format "xml"`},
		{[]string{"--demo", "--dsn", "salesforce://u@login.salesforce.com/", `SELECT 1`}, "exclude each other"},
		{[]string{"--dsn", "salesforce://u:hunter2@login.salesforce.com/?api=x", `SELECT 1`}, "api must be one of"},
	} {
		t.Setenv("SOQLGATE_DSN", "")
		_, err := runQueryCmd(t, c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: error %v, want %q", c.args, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "hunter2") {
			t.Errorf("%v: the error shows the password: %v", c.args, err)
		}
	}
	t.Setenv("SOQLGATE_DSN", "")
	if _, err := runQueryCmd(t, `SELECT 1`); err == nil || !strings.Contains(err.Error(), "--demo") {
		t.Errorf("no DSN: %v", err)
	}
}

// A report past the Analytics API's 2,000-row cap prints its first 2,000
// rows and says so on stderr. The org holds 2,100 generated cases and the
// demo's 25 live ones.
func TestQueryReportWarning(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 2,100-case org")
	}
	db, stop, err := openDemo(2100)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	var out, errOut bytes.Buffer
	if err := queryAndPrint(context.Background(), db, `{call "All Cases"}`, printCSV, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(recs) - 1; n != 2000 { // minus the header
		t.Errorf("%d rows printed, want 2000", n)
	}
	want := `warning: report "All Cases" returned only its first 2000 detail rows`
	if !strings.HasPrefix(errOut.String(), want) {
		t.Errorf("stderr %q, want it to start with %q", errOut.String(), want)
	}
}
