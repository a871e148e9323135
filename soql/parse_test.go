package soql

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// validTests are statements Parse accepts, with the canonical text the
// printer must produce. The canonical text is written by hand: it is the
// reference the printer is checked against, not its own output.
var validTests = []struct {
	in, want string
}{
	// Select lists and relationship paths.
	{"SELECT Id FROM Account", ""},
	{"select id, name from account", "SELECT id, name FROM account"},
	{"SeLeCt Id FrOm Account", "SELECT Id FROM Account"},
	{"SELECT Id,Name,Industry FROM Account", "SELECT Id, Name, Industry FROM Account"},
	{"  SELECT\n\tId ,\r\n Name\nFROM   Account  ", "SELECT Id, Name FROM Account"},
	{"SELECT Account.Name FROM Contact", ""},
	{"SELECT Contact.Account.Owner.Manager.Name FROM Case", ""},
	{"SELECT Id, Owner.Name, Custom__r.Other__c FROM Custom__c", ""},
	{"SELECT Group.Name FROM GroupMember", ""},
	{"SELECT Id FROM Group", ""},
	{"SELECT Id FROM Account a", ""},
	{"SELECT a.Id, a.Name FROM Account a WHERE a.Name = 'x'", ""},
	{"SELECT Id FROM Contact c, c.Account a WHERE a.Name = 'x'", ""},
	{"SELECT Name n FROM Account", ""},                                         // alias on a plain field: a semantic error, not a parse error
	{"SELECT DISTINCT Name FROM Account", "SELECT DISTINCT Name FROM Account"}, // DISTINCT is a field aliased Name
	// Functions and aliases.
	{"SELECT COUNT() FROM Account", ""},
	{"SELECT count() FROM Account", "SELECT COUNT() FROM Account"},
	{"SELECT COUNT(Id) FROM Account", ""},
	{"SELECT COUNT(Id) cnt FROM Account", ""},
	{"SELECT count_distinct(Name) FROM Account", "SELECT COUNT_DISTINCT(Name) FROM Account"},
	{"SELECT Industry, SUM(AnnualRevenue) total, AVG(NumberOfEmployees), MIN(CreatedDate), MAX(CreatedDate) FROM Account GROUP BY Industry", ""},
	{"SELECT CALENDAR_YEAR(CreatedDate) y, COUNT(Id) FROM Account GROUP BY CALENDAR_YEAR(CreatedDate)", ""},
	{"SELECT DAY_ONLY(CreatedDate) d FROM Account GROUP BY DAY_ONLY(CreatedDate)", ""},
	{"SELECT HOUR_IN_DAY(convertTimezone(CreatedDate)), COUNT(Id) FROM Case GROUP BY HOUR_IN_DAY(convertTimezone(CreatedDate))", ""},
	{"SELECT hour_in_day(CONVERTTIMEZONE(CreatedDate)) FROM Case GROUP BY hour_in_day(convertTimezone(CreatedDate))",
		"SELECT HOUR_IN_DAY(convertTimezone(CreatedDate)) FROM Case GROUP BY HOUR_IN_DAY(convertTimezone(CreatedDate))"},
	{"SELECT TOLABEL(Status) FROM Case", "SELECT toLabel(Status) FROM Case"},
	{"SELECT toLabel(Status) st FROM Case", ""},
	{"SELECT format(Amount) amt, ConvertCurrency(Amount) FROM Opportunity", "SELECT FORMAT(Amount) amt, convertCurrency(Amount) FROM Opportunity"},
	{"SELECT FORMAT(MIN(CloseDate)) FROM Opportunity", ""},
	{"SELECT LeadSource, GROUPING(LeadSource) grp, COUNT(Name) FROM Lead GROUP BY ROLLUP(LeadSource)", ""},
	{"SELECT Name, DISTANCE(Location__c, GEOLOCATION(37.775, -122.418), 'mi') FROM Warehouse__c", ""},
	{"SELECT Name FROM Warehouse__c WHERE DISTANCE(Location__c, GEOLOCATION(37.775,-122.418), 'km') < 20 ORDER BY DISTANCE(Location__c, GEOLOCATION(37.775,-122.418), 'km')",
		"SELECT Name FROM Warehouse__c WHERE DISTANCE(Location__c, GEOLOCATION(37.775, -122.418), 'km') < 20 ORDER BY DISTANCE(Location__c, GEOLOCATION(37.775, -122.418), 'km')"},
	// FIELDS(), child subqueries, TYPEOF.
	{"SELECT FIELDS(ALL) FROM Account LIMIT 200", ""},
	{"SELECT fields(standard) FROM Account", "SELECT FIELDS(STANDARD) FROM Account"},
	{"SELECT Id, FIELDS(Custom) FROM Account LIMIT 10", "SELECT Id, FIELDS(CUSTOM) FROM Account LIMIT 10"},
	{"SELECT Name, (SELECT LastName FROM Contacts) FROM Account", ""},
	{"SELECT Name, (select LastName from Contacts where Email != null order by LastName limit 5) FROM Account",
		"SELECT Name, (SELECT LastName FROM Contacts WHERE Email != null ORDER BY LastName LIMIT 5) FROM Account"},
	{"SELECT Id, (SELECT Id, (SELECT Body FROM CaseComments) FROM Cases) FROM Account", ""},
	{"SELECT Account.Name, (SELECT Contact.LastName FROM Account.Contacts) FROM Account", ""},
	{"SELECT TYPEOF What WHEN Account THEN Phone, NumberOfEmployees WHEN Opportunity THEN Amount, CloseDate ELSE Name, Email END FROM Event", ""},
	{"SELECT Id, typeof Owner when User then Username, Manager.Name end FROM Case",
		"SELECT Id, TYPEOF Owner WHEN User THEN Username, Manager.Name END FROM Case"},
	// WHERE operators and literals.
	{"SELECT Id FROM Account WHERE Name = 'Acme'", ""},
	{"SELECT Id FROM Account WHERE Name != 'Acme'", ""},
	{"SELECT Id FROM Account WHERE Name <> 'Acme'", ""},
	{"SELECT Id FROM Account WHERE NumberOfEmployees<10", "SELECT Id FROM Account WHERE NumberOfEmployees < 10"},
	{"SELECT Id FROM Account WHERE NumberOfEmployees<=10", "SELECT Id FROM Account WHERE NumberOfEmployees <= 10"},
	{"SELECT Id FROM Account WHERE NumberOfEmployees>10", "SELECT Id FROM Account WHERE NumberOfEmployees > 10"},
	{"SELECT Id FROM Account WHERE NumberOfEmployees>=10", "SELECT Id FROM Account WHERE NumberOfEmployees >= 10"},
	{"SELECT Id FROM Account WHERE AnnualRevenue = -1.5", ""},
	{"SELECT Id FROM Account WHERE AnnualRevenue = +3", ""},
	{"SELECT Id FROM Account WHERE AnnualRevenue > 1e3", ""},
	{"SELECT Id FROM Account WHERE AnnualRevenue > 2.5E-3", ""},
	{"SELECT Id FROM Account WHERE IsDeleted = TRUE AND IsActive__c = False", "SELECT Id FROM Account WHERE IsDeleted = true AND IsActive__c = false"},
	{"SELECT Id FROM Account WHERE ParentId = NULL", "SELECT Id FROM Account WHERE ParentId = null"},
	{"SELECT Id FROM Opportunity WHERE CloseDate = 2024-01-31", ""},
	{"SELECT Id FROM Opportunity WHERE CreatedDate > 2024-01-31T23:01:01Z", ""},
	{"SELECT Id FROM Opportunity WHERE CreatedDate > 2024-01-31T23:01:01.123+01:00 AND CreatedDate < 2024-02-01T00:00:00-08:00", ""},
	{"SELECT Id FROM Shift__c WHERE Start__c = 08:30:00.000Z", ""},
	{"SELECT Id FROM Opportunity WHERE Amount > USD5000", ""},
	{"SELECT Id FROM Opportunity WHERE Amount > eur10.50", ""},
	{"SELECT Id FROM Account WHERE Name LIKE 'Acme%'", ""},
	{"SELECT Id FROM Account WHERE Name LIKE null AND NumberOfEmployees LIKE 1", ""}, // type errors, not parse errors
	{"SELECT Id FROM Contact WHERE Langs__c INCLUDES (1, null)", ""},
	{"SELECT Id FROM Account WHERE Name like 'A_me\\%\\_%'", "SELECT Id FROM Account WHERE Name LIKE 'A_me\\%\\_%'"},
	{"SELECT Id FROM Account WHERE Name LIKE 'back\\\\slash%'", ""},
	{"SELECT Id FROM Account WHERE Name = 'O\\'Brien'", ""},
	{"SELECT Id FROM Account WHERE Name = 'tab\\tnl\\ncr\\rbs\\\\q\\\"b\\bf\\f'", ""},
	{"SELECT Id FROM Account WHERE Name = 'UP\\N\\R\\T\\B\\F'", "SELECT Id FROM Account WHERE Name = 'UP\\n\\r\\t\\b\\f'"},
	{"SELECT Id FROM Account WHERE Name = '\\u00e9t\\u00E9'", "SELECT Id FROM Account WHERE Name = 'été'"},
	{"SELECT Id FROM Account WHERE Name = 'été 日本'", ""},
	{"SELECT Id FROM Account WHERE Name = 'multi\nline'", "SELECT Id FROM Account WHERE Name = 'multi\\nline'"},
	{"SELECT Id FROM Account WHERE Name = ''", ""},
	{"SELECT Id FROM Account WHERE Name = '%_'", ""},
	{"SELECT Id FROM Account WHERE Industry IN ('Energy', 'Media')", ""},
	{"SELECT Id FROM Account WHERE Industry in('Energy','Media')", "SELECT Id FROM Account WHERE Industry IN ('Energy', 'Media')"},
	{"SELECT Id FROM Account WHERE NumberOfEmployees NOT IN (1, 2, 3)", ""},
	{"SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Opportunity WHERE StageName = 'Closed Won')", ""},
	{"SELECT Id FROM Account WHERE Id NOT IN (SELECT AccountId FROM Contact)", ""},
	{"SELECT Id FROM Contact WHERE Langs__c INCLUDES ('fr;de', 'en')", ""},
	{"SELECT Id FROM Contact WHERE Langs__c excludes ('fr')", "SELECT Id FROM Contact WHERE Langs__c EXCLUDES ('fr')"},
	{"SELECT Id FROM Event WHERE What.Type IN ('Account', 'Opportunity')", ""},
	{"SELECT Id FROM Account WHERE CALENDAR_YEAR(CreatedDate) = 2024", ""},
	{"SELECT Id FROM Case WHERE toLabel(Status) = 'Nouveau'", ""},
	// Date literals.
	{"SELECT Id FROM Account WHERE CreatedDate = TODAY", ""},
	{"SELECT Id FROM Account WHERE CreatedDate = yesterday", "SELECT Id FROM Account WHERE CreatedDate = YESTERDAY"},
	{"SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:7", ""},
	{"SELECT Id FROM Account WHERE CreatedDate > last_n_days:007", "SELECT Id FROM Account WHERE CreatedDate > LAST_N_DAYS:7"},
	{"SELECT Id FROM Account WHERE CreatedDate < N_FISCAL_YEARS_AGO:2 AND CloseDate = THIS_FISCAL_QUARTER", ""},
	{"SELECT Id FROM Account WHERE CreatedDate IN (LAST_WEEK, THIS_WEEK)", ""},
	// Boolean structure and parentheses.
	{"SELECT Id FROM Account WHERE A = 1 AND B = 2 AND C = 3", ""},
	{"SELECT Id FROM Account WHERE A = 1 OR B = 2 OR C = 3", ""},
	{"SELECT Id FROM Account WHERE (A = 1 AND B = 2) OR C = 3", ""},
	{"SELECT Id FROM Account WHERE A = 1 AND (B = 2 OR C = 3)", ""},
	{"SELECT Id FROM Account WHERE ((A = 1))", "SELECT Id FROM Account WHERE A = 1"},
	{"SELECT Id FROM Account WHERE (A = 1 AND B = 2) AND C = 3", "SELECT Id FROM Account WHERE A = 1 AND B = 2 AND C = 3"},
	{"SELECT Id FROM Account WHERE A = 1 AND (B = 2 AND C = 3)", ""},
	{"SELECT Id FROM Account WHERE NOT Name = 'x'", "SELECT Id FROM Account WHERE NOT (Name = 'x')"},
	{"SELECT Id FROM Account WHERE NOT (Name = 'x' OR Name = 'y') AND Id != null", ""},
	{"SELECT Id FROM Account WHERE (NOT (A = 1)) OR (B = 2 AND NOT (C = 3))", "SELECT Id FROM Account WHERE NOT (A = 1) OR (B = 2 AND NOT (C = 3))"},
	// Clauses.
	{"SELECT Id FROM Account USING SCOPE Mine", ""},
	{"SELECT Id FROM Account using scope everything WHERE Name = 'x'", "SELECT Id FROM Account USING SCOPE everything WHERE Name = 'x'"},
	{"SELECT Id FROM Account WITH SECURITY_ENFORCED", ""},
	{"SELECT Id FROM Account with user_mode", "SELECT Id FROM Account WITH USER_MODE"},
	{"SELECT Id FROM Account WITH SYSTEM_MODE", ""},
	{"SELECT Title FROM KnowledgeArticleVersion WHERE PublishStatus = 'online' WITH DATA CATEGORY Geography__c AT (usa__c, uk__c) AND Product__c ABOVE_OR_BELOW mobile__c",
		""},
	{"SELECT Title FROM Question WITH DATA CATEGORY Product__c below (all__c)", "SELECT Title FROM Question WITH DATA CATEGORY Product__c BELOW all__c"},
	{"SELECT Id FROM Account WITH RecordVisibilityContext (maxDescriptorPerRecord=100, supportsDomains=true)",
		"SELECT Id FROM Account WITH RecordVisibilityContext(maxDescriptorPerRecord=100, supportsDomains=true)"},
	{"SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry", ""},
	{"SELECT Industry, Type, COUNT(Id) FROM Account GROUP BY Industry, Type HAVING COUNT(Id) > 1", ""},
	{"SELECT Industry, Type, COUNT(Id) FROM Account GROUP BY CUBE(Industry, Type)", ""},
	{"SELECT Industry, COUNT(Id) FROM Account GROUP BY rollup(Industry) HAVING COUNT(Id) > 1 AND Industry != null",
		"SELECT Industry, COUNT(Id) FROM Account GROUP BY ROLLUP(Industry) HAVING COUNT(Id) > 1 AND Industry != null"},
	{"SELECT Name FROM Account ORDER BY Name", ""},
	{"SELECT Name FROM Account ORDER BY Name ASC", "SELECT Name FROM Account ORDER BY Name"},
	{"SELECT Name FROM Account ORDER BY Name desc nulls last, CreatedDate ASC NULLS FIRST",
		"SELECT Name FROM Account ORDER BY Name DESC NULLS LAST, CreatedDate NULLS FIRST"},
	{"SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry ORDER BY COUNT(Id) DESC", ""},
	{"SELECT Name FROM Account LIMIT 10", ""},
	{"SELECT Name FROM Account LIMIT 0", ""},
	{"SELECT Name FROM Account ORDER BY Name LIMIT 10 OFFSET 20", ""},
	{"SELECT Name FROM Account OFFSET 5", ""},
	{"SELECT Name FROM Account LIMIT 1 FOR VIEW", ""},
	{"SELECT Name FROM Account for reference", "SELECT Name FROM Account FOR REFERENCE"},
	{"SELECT Name FROM Account LIMIT 1 FOR UPDATE", ""},
	{"SELECT Title FROM FAQ__kav WHERE Id = 'x' UPDATE TRACKING", ""},
	{"SELECT Title FROM FAQ__kav update viewstat, tracking", "SELECT Title FROM FAQ__kav UPDATE VIEWSTAT, TRACKING"},
	{"SELECT Name FROM Account FOR VIEW UPDATE TRACKING", ""},
	{"SELECT Id, Name, (SELECT Id FROM Contacts LIMIT 1) FROM Account USING SCOPE Team WHERE Name LIKE 'A%' AND CreatedDate = THIS_YEAR WITH SECURITY_ENFORCED ORDER BY Name NULLS LAST LIMIT 5 OFFSET 1 FOR VIEW",
		""},
}

func TestParseValid(t *testing.T) {
	if len(validTests) < 80 {
		t.Fatalf("only %d valid cases", len(validTests))
	}
	for _, tc := range validTests {
		want := tc.want
		if want == "" {
			want = tc.in
		}
		q, err := Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if got := q.String(); got != want {
			t.Errorf("Parse(%q).String():\n got %s\nwant %s", tc.in, got, want)
			continue
		}
		// Round trip: the canonical text parses to the same tree and prints
		// to itself.
		q2, err := Parse(want)
		if err != nil {
			t.Errorf("Parse(canonical %q): %v", want, err)
			continue
		}
		if d := cmp.Diff(q, q2, ignorePos); d != "" {
			t.Errorf("round trip of %q changed the tree (-first +second):\n%s", tc.in, d)
		}
		if got := q2.String(); got != want {
			t.Errorf("second print of %q: %s", want, got)
		}
		if got := string(AppendQuery([]byte("x:"), q)); got != "x:"+want {
			t.Errorf("AppendQuery did not append: %q", got)
		}
	}
}

var ignorePos = cmpopts.IgnoreTypes(Pos{})

func pe(row, col int, tok, msg string) *ParseError {
	return &ParseError{Row: row, Column: col, Token: tok, Message: msg}
}

// invalidTests are statements Parse rejects, with the exact error.
var invalidTests = []struct {
	in   string
	want *ParseError
}{
	{"SELECT * FROM Account", pe(1, 8, "'*'", "unexpected token: '*'")},
	{"SELECT Amount * 2 FROM Opportunity", pe(1, 15, "'*'", "unexpected token: '*'")},
	{`SELECT "Name" FROM Account`, pe(1, 8, `'"'`, `unexpected token: '"'`)},
	{`SELECT Id FROM Account WHERE Name = "x"`, pe(1, 37, `'"'`, `unexpected token: '"'`)},
	{"SELECT Id FROM Account a JOIN Contact c ON c.AccountId = a.Id", pe(1, 26, "'JOIN'", "unexpected token: 'JOIN'")},
	{"", pe(1, 1, "<EOF>", "unexpected token: <EOF>")},
	{"   ", pe(1, 4, "<EOF>", "unexpected token: <EOF>")},
	{"SELECT", pe(1, 7, "<EOF>", "unexpected token: <EOF>")},
	{"SELECT Id", pe(1, 10, "<EOF>", "unexpected token: <EOF>")},
	{"SELECT Id FROM", pe(1, 15, "<EOF>", "unexpected token: <EOF>")},
	{"SELECT Id, FROM Account", pe(1, 12, "'FROM'", "unexpected token: 'FROM'")},
	{"SELECT FROM Account", pe(1, 8, "'FROM'", "unexpected token: 'FROM'")},
	{"SELECT Id FROM Account;", pe(1, 23, "';'", "unexpected token: ';'")},
	{"SELECT Id FROM Account WHERE", pe(1, 29, "<EOF>", "unexpected token: <EOF>")},
	{"UPDATE Account SET Name = 'x'", pe(1, 1, "'UPDATE'", "unexpected token: 'UPDATE'")},
	{"SELECT Id FROM Account WHERE A = 1 AND B = 2 OR C = 3", pe(1, 46, "'OR'", "unexpected token: 'OR'")},
	{"SELECT Id FROM Account WHERE A = 1 OR B = 2 AND C = 3", pe(1, 45, "'AND'", "unexpected token: 'AND'")},
	{"SELECT Id, Email\nFROM Contact\nWHERE AccountId = 'x' AND LastName LIKE 'y' OR Email LIKE 'z'", pe(3, 45, "'OR'", "unexpected token: 'OR'")},
	{"SELECT Id FROM Account WHERE Name = 'x", pe(1, 37, "<EOF>", "line 1:36 mismatched character '<EOF>' expecting '''")},
	// A lexical error after the first syntax error does not hide it.
	{"SELECT Id FROM Account WHERE Name = 'O'Brien'", pe(1, 40, "'Brien'", "unexpected token: 'Brien'")},
	{"SELECT Id FROM Account WHERE Name = 'O''Brien'", pe(1, 40, "''Brien''", "unexpected token: ''Brien''")},
	{"SELECT Id Id Id FROM Account WHERE Name = \"x", pe(1, 14, "'Id'", "unexpected token: 'Id'")},
	{"SELECT Id FROM Account WHERE Name = 'a\\sb'", pe(1, 37, "''a\\sb''", "Invalid string literal 'a\\sb'. Illegal character sequence '\\s' in string literal.")},
	{"SELECT Id FROM Account WHERE Name = '50\\%'", pe(1, 37, "''50\\%''", "Invalid string literal '50\\%'. Illegal character sequence '\\%' in string literal.")},
	{"SELECT Id FROM Account WHERE Name LIKE 'a\\x'", pe(1, 40, "''a\\x''", "Invalid string literal 'a\\x'. Illegal character sequence '\\x' in string literal.")},
	{"SELECT Id FROM Account WHERE Name = '\\u12'", pe(1, 37, "''\\u12''", "Invalid string literal '\\u12'. Illegal character sequence '\\u12' in string literal.")},
	{"SELECT Id FROM Account WHERE Name = '\\u12zz'", pe(1, 37, "''\\u12zz''", "Invalid string literal '\\u12zz'. Illegal character sequence '\\u12zz' in string literal.")},
	{"SELECT Id FROM Account WHERE Name = Other__c", pe(1, 37, "'Other__c'", "unexpected token: 'Other__c'")},
	{"SELECT Id FROM Account WHERE Name = :name", pe(1, 37, "':'", "Bind variables only allowed in Apex code")},
	{"SELECT Id FROM Account WHERE Id IN :ids", pe(1, 36, "':'", "Bind variables only allowed in Apex code")},
	{"SELECT Id FROM Account WHERE Id IN (:ids)", pe(1, 37, "':'", "Bind variables only allowed in Apex code")},
	{"SELECT Id FROM Account WHERE Name = : name", pe(1, 37, "':'", "unexpected token: ':'")},
	{"SELECT Id FROM Account WHERE Name NOT LIKE 'x'", pe(1, 35, "'NOT'", "unexpected token: 'NOT'")},
	{"SELECT Id FROM Account WHERE Name IN ()", pe(1, 39, "')'", "unexpected token: ')'")},
	{"SELECT Id FROM Account WHERE Name IN 'x'", pe(1, 38, "''x''", "unexpected token: ''x''")},
	{"SELECT Id FROM Contact WHERE L__c INCLUDES ()", pe(1, 45, "')'", "unexpected token: ')'")},
	{"SELECT Id FROM Account WHERE Name LIKE Other__c", pe(1, 40, "'Other__c'", "unexpected token: 'Other__c'")},
	{"SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS", pe(1, 55, "<EOF>", "unexpected token: <EOF>")},
	{"SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS: 7", pe(1, 57, "'7'", "unexpected token: '7'")},
	{"SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:x", pe(1, 56, "'x'", "unexpected token: 'x'")},
	{"SELECT Id FROM Account WHERE CreatedDate = TODAY:1", pe(1, 49, "':'", "unexpected token: ':'")},
	{"SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAY:7", pe(1, 44, "'LAST_N_DAY'", "unexpected token: 'LAST_N_DAY'")},
	{"SELECT Id FROM Account WHERE CreatedDate = '2024-01-01'T", pe(1, 56, "'T'", "unexpected token: 'T'")},
	{"SELECT Id FROM Account WHERE CreatedDate > 2024-01-31T10:00", pe(1, 48, "'-'", "unexpected token: '-'")},
	{"SELECT Id FROM Account LIMIT -1", pe(1, 30, "'-'", "unexpected token: '-'")},
	{"SELECT Id FROM Account LIMIT 'a'", pe(1, 30, "''a''", "unexpected token: ''a''")},
	{"SELECT Id FROM Account LIMIT 1.5", pe(1, 30, "'1.5'", "unexpected token: '1.5'")},
	{"SELECT Id FROM Account LIMIT 99999999999", pe(1, 30, "'99999999999'", "unexpected token: '99999999999'")},
	{"SELECT Id FROM Account OFFSET x", pe(1, 31, "'x'", "unexpected token: 'x'")},
	{"SELECT Id FROM Account OFFSET 5 LIMIT 1", pe(1, 33, "'LIMIT'", "unexpected token: 'LIMIT'")},
	{"SELECT Id FROM Account ORDER BY Name WHERE Name = 'x'", pe(1, 38, "'WHERE'", "unexpected token: 'WHERE'")},
	{"SELECT Id FROM Account ORDER Name", pe(1, 30, "'Name'", "unexpected token: 'Name'")},
	{"SELECT Id FROM Account ORDER BY Name NULLS", pe(1, 43, "<EOF>", "unexpected token: <EOF>")},
	{"SELECT Id FROM Account GROUP BY", pe(1, 32, "<EOF>", "unexpected token: <EOF>")},
	{"SELECT COUNT(Id) Limit FROM Account", pe(1, 18, "'Limit'", "unexpected token: 'Limit'")},
	{"SELECT COUNT(Id) cnt x FROM Account", pe(1, 22, "'x'", "unexpected token: 'x'")},
	{"SELECT COUNT(Id, Name) FROM Account", pe(1, 16, "','", "unexpected token: ','")},
	{"SELECT SUM() FROM Account", pe(1, 12, "')'", "unexpected token: ')'")},
	{"SELECT LOWER(Name) FROM Account", pe(1, 8, "'LOWER'", "Unknown function: LOWER")},
	{"SELECT FIELDS(SOME) FROM Account", pe(1, 15, "'SOME'", "unexpected token: 'SOME'")},
	{"SELECT (SELECT Id FROM Contacts FROM Account", pe(1, 33, "'FROM'", "unexpected token: 'FROM'")},
	{"SELECT TYPEOF What ELSE Name END FROM Event", pe(1, 20, "'ELSE'", "unexpected token: 'ELSE'")},
	{"SELECT TYPEOF What WHEN Account THEN Phone FROM Event", pe(1, 44, "'FROM'", "unexpected token: 'FROM'")},
	{"SELECT Id FROM Account WITH SOMETHING", pe(1, 29, "'SOMETHING'", "unexpected token: 'SOMETHING'")},
	{"SELECT Id FROM Account FOR SHARE", pe(1, 28, "'SHARE'", "unexpected token: 'SHARE'")},
	{"SELECT Id FROM Account WHERE (Name = 'x'", pe(1, 41, "<EOF>", "unexpected token: <EOF>")},
	{"SELECT Id FROM Account WHERE Name = 'x')", pe(1, 40, "')'", "unexpected token: ')'")},
	{"SELECT Id FROM Account WHERE Name == 'x'", pe(1, 36, "'='", "unexpected token: '='")},
	{"SELECT Id FROM Account WHERE Amount = 1.", pe(1, 40, "'.'", "unexpected token: '.'")},
	{"SELECT Id FROM Account WHERE Amount = - 1", pe(1, 39, "'-'", "unexpected token: '-'")},
	{"SELECT Id\nFROM Account\nWHERE Name = 'x' --comment", pe(3, 18, "'-'", "unexpected token: '-'")},
	{"SELECT Id FROM Account WHERE Name = 'x' AND", pe(1, 44, "<EOF>", "unexpected token: <EOF>")},
	{"SELECT Id FROM Account WHERE NOT NOT (Name = 'x')", pe(1, 34, "'NOT'", "unexpected token: 'NOT'")},
	{"SELECT Id FROM Account WHERE Name = \x01", pe(1, 37, "'\\x01'", "no viable alternative at character '\\x01'")},
	{"SELECT Id FROM Account WITH DATA CATEGORY Geo__c NEAR usa__c", pe(1, 50, "'NEAR'", "unexpected token: 'NEAR'")},
	{"SELECT Id FROM Account WITH DATA CATEGORY Geo__c AT (usa__c", pe(1, 60, "<EOF>", "unexpected token: <EOF>")},
	{"SELECT Id FROM Account WITH RecordVisibilityContext(a 1)", pe(1, 55, "'1'", "unexpected token: '1'")},
	{"SELECT Id FROM Account WITH DATA Geo__c", pe(1, 34, "'Geo__c'", "unexpected token: 'Geo__c'")},
	{"SELECT TYPEOF What WHEN Account Phone END FROM Event", pe(1, 33, "'Phone'", "unexpected token: 'Phone'")},
	{"SELECT TYPEOF What WHEN Account THEN END FROM Event", pe(1, 38, "'END'", "unexpected token: 'END'")},
	{"SELECT Id FROM Account USING Mine", pe(1, 30, "'Mine'", "unexpected token: 'Mine'")},
	{"SELECT Id FROM Account GROUP BY ROLLUP(Name", pe(1, 44, "<EOF>", "unexpected token: <EOF>")},
	{"SELECT Id FROM Account UPDATE STATS", pe(1, 31, "'STATS'", "unexpected token: 'STATS'")},
	{"SELECT Id FROM Account FOR UPDATE UPDATE TRACKING", pe(1, 35, "'UPDATE'", "unexpected token: 'UPDATE'")},
	{"SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:99999999999", pe(1, 56, "'99999999999'", "unexpected token: '99999999999'")},
	{"SELECT Id FROM Account WHERE Name = '\xff'", pe(1, 37, "", "no viable alternative at character '\\ufffd'")},
	{"SELECT Id FROM Account WHERE Na\xffme = 'x'", pe(1, 32, "", "no viable alternative at character '\\ufffd'")},
	{"SELECT Id FROM Account WHERE Amount > USD", pe(1, 39, "'USD'", "unexpected token: 'USD'")},
	{"SELECT Id FROM Account WHERE Amount > USD5.", pe(1, 43, "'.'", "unexpected token: '.'")},
}

func TestParseInvalid(t *testing.T) {
	if len(invalidTests) < 40 {
		t.Fatalf("only %d invalid cases", len(invalidTests))
	}
	for _, tc := range invalidTests {
		q, err := Parse(tc.in)
		if err == nil {
			t.Errorf("Parse(%q) = %s, want error", tc.in, q)
			continue
		}
		got, ok := err.(*ParseError)
		if !ok {
			t.Errorf("Parse(%q): error %T, want *ParseError", tc.in, err)
			continue
		}
		want := *tc.want
		want.Query = tc.in
		if d := cmp.Diff(&want, got); d != "" {
			t.Errorf("Parse(%q) error (-want +got):\n%s", tc.in, d)
		}
	}
}

func TestParseErrorText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"SELECT * FROM Account", "\nSELECT * FROM Account\n       ^\nERROR at Row:1:Column:8\nunexpected token: '*'"},
		{"SELECT Id FROM", "\nSELECT Id FROM\n              ^\nERROR at Row:1:Column:15\nunexpected token: <EOF>"},
		// Only the offending row is quoted.
		{"SELECT Id, Email\nFROM Contact\r\nWHERE A = 'x' AND B = 'y' OR C = 'z'\nLIMIT 1",
			"\nWHERE A = 'x' AND B = 'y' OR C = 'z'\n                          ^\nERROR at Row:3:Column:27\nunexpected token: 'OR'"},
		// Columns count characters, not bytes.
		{"SELECT Id FROM Account WHERE Name = 'été' Foo",
			"\nSELECT Id FROM Account WHERE Name = 'été' Foo\n                                          ^\nERROR at Row:1:Column:43\nunexpected token: 'Foo'"},
	} {
		_, err := Parse(tc.in)
		if err == nil {
			t.Errorf("Parse(%q) succeeded", tc.in)
			continue
		}
		if got := err.Error(); got != tc.want {
			t.Errorf("Parse(%q).Error():\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestParseLength(t *testing.T) {
	pad := func(n int) string {
		base := "SELECT Id FROM Account WHERE Name = '"
		return base + strings.Repeat("é", n-len([]rune(base))-1) + "'"
	}
	ok := pad(MaxStatementLength) // 100,000 characters, more bytes
	if _, err := Parse(ok); err != nil {
		t.Fatalf("statement of exactly %d characters: %v", MaxStatementLength, err)
	}
	_, err := Parse(pad(MaxStatementLength + 1))
	want := &ParseError{Message: "SOQL statements cannot be longer than 100,000 characters.", Query: pad(MaxStatementLength + 1)}
	if d := cmp.Diff(want, err); d != "" {
		t.Fatalf("too long (-want +got):\n%s", d)
	}
	if err.Error() != want.Message {
		t.Fatalf("Error() = %q", err.Error())
	}
}

func TestNewParseError(t *testing.T) {
	const text = "SELECT Name n FROM Account"
	q, err := Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	e := NewParseError(text, q.Select[0].Position(), "only aggregate expressions use field aliasing")
	want := "\nSELECT Name n FROM Account\n       ^\nERROR at Row:1:Column:8\nonly aggregate expressions use field aliasing"
	if e.Error() != want {
		t.Errorf("got %q", e.Error())
	}
	if e := NewParseError(text, Pos{}, "whole statement"); e.Error() != "whole statement" {
		t.Errorf("got %q", e.Error())
	}
}
