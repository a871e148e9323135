package emulator

import (
	"encoding/json"
	"strings"
	"testing"
)

// invalidSOQL is what Salesforce answers to statements it rejects: error
// code, HTTP status and the whole message (preamble with the statement row,
// the caret and "ERROR at Row:r:Column:c" included). Texts follow spec §2.7
// and §6.6: the recorded ones ('*', INVALID_TYPE, No such column, aliasing)
// verbatim; the others as documented or as public client code quotes them
// ("invalid ID field: …", "field 'X' can not be filtered in query call",
// "Maximum SOQL offset allowed is 2000", "field X does not support aggregate
// operator SUM", "value of filter criterion for field …"); the wording of the
// few unconfirmed ones (spec §11.3) is the emulator's.
var invalidSOQL = []struct {
	soql    string
	status  int
	code    string
	message string
}{
	{"SELECT * FROM Account", 400, "MALFORMED_QUERY", "\nSELECT * FROM Account\n       ^\nERROR at Row:1:Column:8\nunexpected token: '*'"},
	{"SELECT \"Name\" FROM Account", 400, "MALFORMED_QUERY", "\nSELECT \"Name\" FROM Account\n       ^\nERROR at Row:1:Column:8\nunexpected token: '\"'"},
	{"SELECT Name FROM Account WHERE Name = \"x\"", 400, "MALFORMED_QUERY", "\nSELECT Name FROM Account WHERE Name = \"x\"\n                                      ^\nERROR at Row:1:Column:39\nunexpected token: '\"'"},
	{"SELECT Amount * 2 FROM Opportunity", 400, "MALFORMED_QUERY", "\nSELECT Amount * 2 FROM Opportunity\n              ^\nERROR at Row:1:Column:15\nunexpected token: '*'"},
	{"SELECT Id FROM Account a JOIN Contact c ON a.Id = c.AccountId", 400, "MALFORMED_QUERY", "\nSELECT Id FROM Account a JOIN Contact c ON a.Id = c.AccountId\n                         ^\nERROR at Row:1:Column:26\nunexpected token: 'JOIN'"},
	{"SELECT DISTINCT Name FROM Account", 400, "MALFORMED_QUERY", "\nSELECT DISTINCT Name FROM Account\n                ^\nERROR at Row:1:Column:17\nonly aggregate expressions use field aliasing"},
	{"SELECT Name n FROM Account", 400, "MALFORMED_QUERY", "\nSELECT Name n FROM Account\n            ^\nERROR at Row:1:Column:13\nonly aggregate expressions use field aliasing"},
	{"SELECT Id Name FROM Account", 400, "MALFORMED_QUERY", "\nSELECT Id Name FROM Account\n          ^\nERROR at Row:1:Column:11\nonly aggregate expressions use field aliasing"},
	{"SELECT Name AS n FROM Account", 400, "MALFORMED_QUERY", "\nSELECT Name AS n FROM Account\n               ^\nERROR at Row:1:Column:16\nunexpected token: 'n'"},
	{"SELECT Id FROM Account LIMIT -1", 400, "MALFORMED_QUERY", "\nSELECT Id FROM Account LIMIT -1\n                             ^\nERROR at Row:1:Column:30\nunexpected token: '-'"},
	{"SELECT Id FROM Account LIMIT 'a'", 400, "MALFORMED_QUERY", "\nSELECT Id FROM Account LIMIT 'a'\n                             ^\nERROR at Row:1:Column:30\nunexpected token: ''a''"},
	{"SELECT Id FROM", 400, "MALFORMED_QUERY", "\nSELECT Id FROM\n              ^\nERROR at Row:1:Column:15\nunexpected token: <EOF>"},
	{"SELECT Id Account", 400, "MALFORMED_QUERY", "\nSELECT Id Account\n                 ^\nERROR at Row:1:Column:18\nunexpected token: <EOF>"},
	{"SELECT Id FROM Account WHERE", 400, "MALFORMED_QUERY", "\nSELECT Id FROM Account WHERE\n                            ^\nERROR at Row:1:Column:29\nunexpected token: <EOF>"},
	{"SELECT Id FROM Account garbage here", 400, "MALFORMED_QUERY", "\nSELECT Id FROM Account garbage here\n                               ^\nERROR at Row:1:Column:32\nunexpected token: 'here'"},
	{"SELECT Id FROM Account WHERE IsDeleted = 'true'", 400, "INVALID_FIELD", "\nSELECT Id FROM Account WHERE IsDeleted = 'true'\n                                         ^\nERROR at Row:1:Column:42\nvalue of filter criterion for field 'IsDeleted' must be of type boolean and should not be enclosed in quotes"},
	{"SELECT Id FROM Account WHERE CreatedDate = '2024-01-01'", 400, "INVALID_FIELD", "\nSELECT Id FROM Account WHERE CreatedDate = '2024-01-01'\n                                           ^\nERROR at Row:1:Column:44\nvalue of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes"},
	{"SELECT Id FROM Contact WHERE Birthdate = '2024-01-01'", 400, "INVALID_FIELD", "\nSELECT Id FROM Contact WHERE Birthdate = '2024-01-01'\n                                         ^\nERROR at Row:1:Column:42\nvalue of filter criterion for field 'Birthdate' must be of type date and should not be enclosed in quotes"},
	{"SELECT Id FROM Account WHERE NumberOfEmployees LIKE '1%'", 400, "INVALID_QUERY_FILTER_OPERATOR", "\nSELECT Id FROM Account WHERE NumberOfEmployees LIKE '1%'\n                             ^\nERROR at Row:1:Column:30\ninvalid operator on int field"},
	{"SELECT Id FROM Account WHERE NumberOfEmployees = '5'", 400, "INVALID_FIELD", "\nSELECT Id FROM Account WHERE NumberOfEmployees = '5'\n                                                 ^\nERROR at Row:1:Column:50\nvalue of filter criterion for field 'NumberOfEmployees' must be of type integer and should not be enclosed in quotes"},
	{"SELECT Id FROM Account WHERE Name = 5", 400, "INVALID_FIELD", "\nSELECT Id FROM Account WHERE Name = 5\n                                    ^\nERROR at Row:1:Column:37\nvalue of filter criterion for field 'Name' must be of type string and should be enclosed in quotes"},
	{"SELECT Id FROM Account WHERE Id = 'foo'", 400, "INVALID_QUERY_FILTER_OPERATOR", "\nSELECT Id FROM Account WHERE Id = 'foo'\n                                  ^\nERROR at Row:1:Column:35\ninvalid ID field: foo"},
	{"SELECT Id FROM Account WHERE Description = 'x'", 400, "INVALID_FIELD", "\nSELECT Id FROM Account WHERE Description = 'x'\n                             ^\nERROR at Row:1:Column:30\nfield 'Description' can not be filtered in query call"},
	{"SELECT Id FROM Account ORDER BY Description", 400, "INVALID_FIELD", "\nSELECT Id FROM Account ORDER BY Description\n                                ^\nERROR at Row:1:Column:33\nfield 'Description' can not be sorted in a query call"},
	{"SELECT Description, COUNT(Id) FROM Account GROUP BY Description", 400, "INVALID_FIELD", "\nSELECT Description, COUNT(Id) FROM Account GROUP BY Description\n                                                    ^\nERROR at Row:1:Column:53\nfield 'Description' can not be grouped in a query call"},
	{"SELECT Name, COUNT(Id) FROM Account GROUP BY Industry", 400, "MALFORMED_QUERY", "\nSELECT Name, COUNT(Id) FROM Account GROUP BY Industry\n       ^\nERROR at Row:1:Column:8\nField must be grouped or aggregated: Name"},
	{"SELECT SUM(Name) FROM Account", 400, "MALFORMED_QUERY", "\nSELECT SUM(Name) FROM Account\n       ^\nERROR at Row:1:Column:8\nfield Name does not support aggregate operator SUM"},
	{"SELECT MAX(CreatedDate) FROM Account LIMIT 1", 400, "MALFORMED_QUERY", "\nSELECT MAX(CreatedDate) FROM Account LIMIT 1\n                                     ^\nERROR at Row:1:Column:38\nAggregate query without GROUP BY does not support LIMIT"},
	{"SELECT Id FROM Account OFFSET 2001", 400, "NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL offset allowed is 2000"},
	{"SELECT FIELDS(ALL) FROM Account", 400, "MALFORMED_QUERY", "\nSELECT FIELDS(ALL) FROM Account\n       ^\nERROR at Row:1:Column:8\nThe SOQL FIELDS function must have a LIMIT of at most 200"},
	{"SELECT FIELDS(CUSTOM) FROM Account LIMIT 500", 400, "MALFORMED_QUERY", "\nSELECT FIELDS(CUSTOM) FROM Account LIMIT 500\n       ^\nERROR at Row:1:Column:8\nThe SOQL FIELDS function must have a LIMIT of at most 200"},
	{"SELECT FIELDS(CUSTOM) FROM Case LIMIT 10", 400, "MALFORMED_QUERY", "\nSELECT FIELDS(CUSTOM) FROM Case LIMIT 10\n       ^\nERROR at Row:1:Column:8\n'FIELDS(...)' expansion function must result in at least one field being selected."},
	{"SELECT Id, Id FROM Account", 400, "INVALID_FIELD", "\nSELECT Id, Id FROM Account\n           ^\nERROR at Row:1:Column:12\nduplicate field selected: Id"},
	{"SELECT Id FROM Foo", 400, "INVALID_TYPE", "\nSELECT Id FROM Foo\n               ^\nERROR at Row:1:Column:16\nsObject type 'Foo' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names."},
	{"SELECT Foo FROM Account", 400, "INVALID_FIELD", "\nSELECT Foo FROM Account\n       ^\nERROR at Row:1:Column:8\nNo such column 'Foo' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names."},
	{"SELECT Account.Foo FROM Contact", 400, "INVALID_FIELD", "\nSELECT Account.Foo FROM Contact\n       ^\nERROR at Row:1:Column:8\nNo such column 'Foo' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names."},
	{"SELECT Foo.Name FROM Contact", 400, "INVALID_FIELD", "\nSELECT Foo.Name FROM Contact\n       ^\nERROR at Row:1:Column:8\nDidn't understand relationship 'Foo' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names."},
	{"SELECT Owner.Foo FROM Case", 400, "INVALID_FIELD", "\nSELECT Owner.Foo FROM Case\n       ^\nERROR at Row:1:Column:8\nNo such column 'Foo' on entity 'Name'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names."},
	{"SELECT Id, (SELECT Id FROM Foos) FROM Account", 400, "INVALID_TYPE", "\nSELECT Id, (SELECT Id FROM Foos) FROM Account\n                           ^\nERROR at Row:1:Column:28\nDidn't understand relationship 'Foos' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names."},
	{"SELECT COUNT(), Name FROM Account", 400, "MALFORMED_QUERY", "\nSELECT COUNT(), Name FROM Account\n       ^\nERROR at Row:1:Column:8\nCOUNT() must be the only element in the SELECT list"},
	{"SELECT COUNT() FROM Account ORDER BY Name", 400, "MALFORMED_QUERY", "\nSELECT COUNT() FROM Account ORDER BY Name\n                            ^\nERROR at Row:1:Column:29\nORDER BY is not allowed with COUNT()"},
	{"SELECT Id FROM Account WHERE Industry INCLUDES ('x')", 400, "INVALID_QUERY_FILTER_OPERATOR", "\nSELECT Id FROM Account WHERE Industry INCLUDES ('x')\n                             ^\nERROR at Row:1:Column:30\ninvalid operator on picklist field"},
	{"SELECT Id FROM Account FOR UPDATE", 400, "MALFORMED_QUERY", "\nSELECT Id FROM Account FOR UPDATE\n                       ^\nERROR at Row:1:Column:24\nFOR UPDATE is not allowed in this context"},
	{"SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact) OR Name = 'x'", 400, "MALFORMED_QUERY", "\nSELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact) OR Name = 'x'\n                             ^\nERROR at Row:1:Column:30\nSemi join sub-selects are not allowed with the 'OR' operator"},
	{"SELECT Id FROM Account WHERE Id IN (SELECT Id FROM Contact)", 400, "INVALID_FIELD", "\nSELECT Id FROM Account WHERE Id IN (SELECT Id FROM Contact)\n                                           ^\nERROR at Row:1:Column:44\nThe selected field 'Id' in the subquery and the left operand field in the where expression in the outer query 'Id' must point to the same object type"},
	{"SELECT Id FROM Account HAVING COUNT(Id) > 1", 400, "MALFORMED_QUERY", "\nSELECT Id FROM Account HAVING COUNT(Id) > 1\n                              ^\nERROR at Row:1:Column:31\nHAVING requires a GROUP BY clause or an aggregate select list"},
	{"SELECT Name FROM Account GROUP BY Name HAVING Industry = 'x'", 400, "MALFORMED_QUERY", "\nSELECT Name FROM Account GROUP BY Name HAVING Industry = 'x'\n                                              ^\nERROR at Row:1:Column:47\nField must be grouped or aggregated: Industry"},
	{"SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'", 400, "MALFORMED_QUERY", "\nSELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'\n                                                       ^\nERROR at Row:1:Column:56\nunexpected token: 'OR'"},
	{"SELECT Id FROM Account ORDER BY", 400, "MALFORMED_QUERY", "\nSELECT Id FROM Account ORDER BY\n                               ^\nERROR at Row:1:Column:32\nunexpected token: <EOF>"},
	{"SELECT Id, FROM Account", 400, "MALFORMED_QUERY", "\nSELECT Id, FROM Account\n           ^\nERROR at Row:1:Column:12\nunexpected token: 'FROM'"},
	{"SELECT Id FROM Account WHERE Name LIKE 'a\\x'", 400, "MALFORMED_QUERY", "\nSELECT Id FROM Account WHERE Name LIKE 'a\\x'\n                                       ^\nERROR at Row:1:Column:40\nInvalid string literal 'a\\x'. Illegal character sequence '\\x' in string literal."},
	{"SELECT Id FROM Account WHERE CreatedDate > 2024-13-45T00:00:00Z", 400, "INVALID_FIELD", "\nSELECT Id FROM Account WHERE CreatedDate > 2024-13-45T00:00:00Z\n                                           ^\nERROR at Row:1:Column:44\nvalue of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes"},
	{"select count() from XYZZY", 400, "INVALID_TYPE", "\nselect count() from XYZZY\n                    ^\nERROR at Row:1:Column:21\nsObject type 'XYZZY' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names."},
	{"SELECT Id FROM Account LIMIT 10 OFFSET 2001", 400, "NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL offset allowed is 2000"},
	{"SELECT Id FROM Account WHERE Name IN ('a', 'b'", 400, "MALFORMED_QUERY", "\nSELECT Id FROM Account WHERE Name IN ('a', 'b'\n                                              ^\nERROR at Row:1:Column:47\nunexpected token: <EOF>"},
	{"SELECT Id FROM Account UNION SELECT Id FROM Contact", 400, "MALFORMED_QUERY", "\nSELECT Id FROM Account UNION SELECT Id FROM Contact\n                             ^\nERROR at Row:1:Column:30\nunexpected token: 'SELECT'"},
	{"SELECT TOP 10 Id FROM Account", 400, "MALFORMED_QUERY", "\nSELECT TOP 10 Id FROM Account\n           ^\nERROR at Row:1:Column:12\nunexpected token: '10'"},
	{"SELECT Id FROM Account WHERE Name IS NULL", 400, "MALFORMED_QUERY", "\nSELECT Id FROM Account WHERE Name IS NULL\n                                  ^\nERROR at Row:1:Column:35\nunexpected token: 'IS'"},
	{"SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE AccountId IN (SELECT Id FROM Account))", 400, "MALFORMED_QUERY", "\nSELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE AccountId IN (SELECT Id FROM Account))\n                                                                                      ^\nERROR at Row:1:Column:87\nNesting of semi join sub-selects is not supported"},
	{"SELECT Name, (SELECT LastName FROM Contacts) FROM Account GROUP BY Name", 400, "MALFORMED_QUERY", "\nSELECT Name, (SELECT LastName FROM Contacts) FROM Account GROUP BY Name\n             ^\nERROR at Row:1:Column:14\nGrouped query cannot use child relationships in the SELECT list"},
	{"SELECT Id FROM Account WHERE NOT Id IN (SELECT AccountId FROM Contact)", 400, "MALFORMED_QUERY", "\nSELECT Id FROM Account WHERE NOT Id IN (SELECT AccountId FROM Contact)\n                             ^\nERROR at Row:1:Column:30\nSemi join sub-selects are only allowed at the top level WHERE expressions and not in nested WHERE expressions."},
	{"SELECT Id FROM Contact WHERE AccountId IN (SELECT Id FROM Account) AND ReportsToId IN (SELECT Id FROM Contact) AND Id IN (SELECT ContactId FROM Case)", 400, "MALFORMED_QUERY", "\nSELECT Id FROM Contact WHERE AccountId IN (SELECT Id FROM Account) AND ReportsToId IN (SELECT Id FROM Contact) AND Id IN (SELECT ContactId FROM Case)\n                                                                                                                          ^\nERROR at Row:1:Column:123\nMaximum of 2 semi join sub-selects are allowed"},
	{"SELECT Id FROM Account WHERE IsDeleted > true", 400, "INVALID_QUERY_FILTER_OPERATOR", "\nSELECT Id FROM Account WHERE IsDeleted > true\n                             ^\nERROR at Row:1:Column:30\ninvalid operator on boolean field"},
	{"SELECT Id FROM Account WHERE Name = 'x' GROUP BY Name", 400, "MALFORMED_QUERY", "\nSELECT Id FROM Account WHERE Name = 'x' GROUP BY Name\n       ^\nERROR at Row:1:Column:8\nField must be grouped or aggregated: Id"},
	{"SELECT Name, Id FROM Account GROUP BY Name", 400, "MALFORMED_QUERY", "\nSELECT Name, Id FROM Account GROUP BY Name\n             ^\nERROR at Row:1:Column:14\nField must be grouped or aggregated: Id"},
	{"SELECT Id FROM Account WHERE AnnualRevenue > '100'", 400, "INVALID_FIELD", "\nSELECT Id FROM Account WHERE AnnualRevenue > '100'\n                                             ^\nERROR at Row:1:Column:46\nvalue of filter criterion for field 'AnnualRevenue' must be of type double and should not be enclosed in quotes"},
	{"SELECT Id FROM Case WHERE Id = '500xx'", 400, "INVALID_QUERY_FILTER_OPERATOR", "\nSELECT Id FROM Case WHERE Id = '500xx'\n                               ^\nERROR at Row:1:Column:32\ninvalid ID field: 500xx"},
	{"SELECT Id, Subject FROM Case WHERE Subject INCLUDES ('a')", 400, "INVALID_QUERY_FILTER_OPERATOR", "\nSELECT Id, Subject FROM Case WHERE Subject INCLUDES ('a')\n                                   ^\nERROR at Row:1:Column:36\ninvalid operator on string field"},
	{"SELECT Id FROM Account WHERE Name > 5", 400, "INVALID_FIELD", "\nSELECT Id FROM Account WHERE Name > 5\n                                    ^\nERROR at Row:1:Column:37\nvalue of filter criterion for field 'Name' must be of type string and should be enclosed in quotes"},
	{"SELECT Id\nFROM Account\nWHERE Nme = 'x'", 400, "INVALID_FIELD", "\nWHERE Nme = 'x'\n      ^\nERROR at Row:3:Column:7\nNo such column 'Nme' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names."},
	{"SELECT TYPEOF Contact WHEN Contact THEN LastName END FROM Case", 400, "MALFORMED_QUERY", "\nSELECT TYPEOF Contact WHEN Contact THEN LastName END FROM Case\n       ^\nERROR at Row:1:Column:8\nTYPEOF can only be used on a polymorphic relationship field: Contact"},
	{"SELECT TYPEOF Owner WHEN Account THEN Name END FROM Case", 400, "INVALID_TYPE", "\nSELECT TYPEOF Owner WHEN Account THEN Name END FROM Case\n                    ^\nERROR at Row:1:Column:21\nThe type Account is not a valid type for the polymorphic field Owner"},
	{"SELECT Industry, GROUPING(Industry) FROM Account GROUP BY Industry", 400, "MALFORMED_QUERY", "\nSELECT Industry, GROUPING(Industry) FROM Account GROUP BY Industry\n                 ^\nERROR at Row:1:Column:18\nGROUPING can only be used with GROUP BY ROLLUP or GROUP BY CUBE"},
	{"SELECT COUNT(Id) FROM Account GROUP BY ROLLUP(Industry, Rating, Type, Site)", 400, "MALFORMED_QUERY", "\nSELECT COUNT(Id) FROM Account GROUP BY ROLLUP(Industry, Rating, Type, Site)\n                              ^\nERROR at Row:1:Column:31\nGROUP BY ROLLUP and CUBE take at most 3 fields"},
	{"SELECT Id FROM Account WHERE ParentId IN (SELECT Id FROM Account)", 400, "MALFORMED_QUERY", "\nSELECT Id FROM Account WHERE ParentId IN (SELECT Id FROM Account)\n                                          ^\nERROR at Row:1:Column:43\nThe inner and outer selects should not be on the same object type"},
	{"SELECT Id FROM CaseComment USING SCOPE Mine", 400, "INVALID_QUERY_SCOPE", "\nSELECT Id FROM CaseComment USING SCOPE Mine\n                           ^\nERROR at Row:1:Column:28\nInvalid scope: Mine"},
	{strings.Repeat("SELECT Id FROM Account WHERE Name = 'x' ", 2600), 400, "MALFORMED_QUERY", "SOQL statements cannot be longer than 100,000 characters."},
}

func TestInvalidSOQL(t *testing.T) {
	if len(invalidSOQL) < 40 {
		t.Fatalf("the table must hold at least 40 statements, has %d", len(invalidSOQL))
	}
	o := newQueryOrg(t, Options{})
	for _, tc := range invalidSOQL {
		for _, endpoint := range []string{"query", "queryAll"} {
			code, body := o.query(t, endpoint, tc.soql)
			var env []struct {
				Message   string `json:"message"`
				ErrorCode string `json:"errorCode"`
			}
			if err := json.Unmarshal(body, &env); err != nil || len(env) != 1 {
				t.Errorf("%s: %q\n got %d %s, want one error", endpoint, tc.soql, code, body)
				continue
			}
			if code != tc.status || env[0].ErrorCode != tc.code || env[0].Message != tc.message {
				t.Errorf("%s: %q\n got %d %s %q\nwant %d %s %q", endpoint, tc.soql, code, env[0].ErrorCode, env[0].Message, tc.status, tc.code, tc.message)
			}
		}
	}
}
