package emulator

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
)

// semanticsOrg holds four Accounts (one soft-deleted) chosen to tell SOQL's
// semantics from SQL's: case-insensitive text, nulls kept by != and NOT IN,
// nulls first, LIKE escapes, date literals against the server clock.
func semanticsOrg(t *testing.T) (o *queryOrg, a1, a2, a3, a4 string) {
	o = newQueryOrg(t, Options{})
	a1, a2, a3, a4 = newID("001", 1), newID("001", 2), newID("001", 3), newID("001", 4)
	now := time.Now().UTC().Format("2006-01-02T15:04:05.000Z")
	o.insert(t, "Account", map[string]any{"Id": a1, "Name": "Edge Communications", "Industry": "Electronics",
		"AnnualRevenue": 139000000.0, "NumberOfEmployees": 1000, "CreatedDate": now, "BillingCity": "Austin", "BillingState": "TX"})
	o.insert(t, "Account", map[string]any{"Id": a2, "Name": "edge two", "AnnualRevenue": 5.5,
		"CreatedDate": "2020-05-01T10:00:00.000Z", "ParentId": a1})
	o.insert(t, "Account", map[string]any{"Id": a3, "Name": "Burlington", "Industry": "Apparel", "AnnualRevenue": 350000000.0,
		"NumberOfEmployees": 200, "CreatedDate": "2021-01-01T00:00:00.000Z", "IsDeleted": 1})
	o.insert(t, "Account", map[string]any{"Id": a4, "Name": "a_b%c", "Industry": "Banking", "NumberOfEmployees": 5,
		"CreatedDate": "2019-12-31T23:59:59.000Z"})
	// Contacts for the semi- and anti-joins; the one without an Account must
	// not empty NOT IN.
	o.insert(t, "Contact", map[string]any{"Id": newID("003", 1), "LastName": "one", "AccountId": a1})
	o.insert(t, "Contact", map[string]any{"Id": newID("003", 2), "LastName": "two", "AccountId": a4})
	o.insert(t, "Contact", map[string]any{"Id": newID("003", 3), "LastName": "three"})
	return o, a1, a2, a3, a4
}

func ids(t *testing.T, p pageOf) string {
	t.Helper()
	var out []string
	for _, r := range p.Records {
		out = append(out, r["Id"].(string))
	}
	return strings.Join(out, ",")
}

func TestQuerySemantics(t *testing.T) {
	o, a1, a2, a3, a4 := semanticsOrg(t)
	list := func(s ...string) string { return strings.Join(s, ",") }
	for _, tc := range []struct {
		endpoint, where, want string
	}{
		{"query", "WHERE Name LIKE 'edge%'", list(a1, a2)},
		{"query", `WHERE Name LIKE 'a\_b\%c'`, list(a4)},
		{"query", `WHERE Name LIKE '%\_%'`, list(a4)},
		{"query", "WHERE Name LIKE 'a_b%'", list(a4)},
		{"query", "WHERE Name = 'EDGE TWO'", list(a2)},
		{"query", "WHERE Name > 'E' AND Name < 'F'", list(a1, a2)},
		{"query", "WHERE Industry != 'Electronics'", list(a2, a4)},
		{"query", "WHERE Industry <> 'electronics'", list(a2, a4)},
		{"query", "WHERE Industry NOT IN ('Electronics')", list(a2, a4)},
		{"query", "WHERE Industry NOT IN ('Electronics', null)", list(a4)},
		{"query", "WHERE Industry IN ('electronics', null)", list(a1, a2)},
		{"query", "WHERE Industry = null", list(a2)},
		{"query", "WHERE Industry = ''", list(a2)},
		{"query", "WHERE Industry != ''", list(a1, a4)},
		{"query", "WHERE Industry != null", list(a1, a4)},
		{"query", "WHERE NOT (Industry = 'Banking')", list(a1, a2)},
		{"query", "WHERE Industry = 'Banking' OR (AnnualRevenue > 100 AND NumberOfEmployees = 1000)", list(a1, a4)},
		{"query", "ORDER BY Industry", list(a2, a4, a1)},
		{"query", "ORDER BY Industry DESC", list(a2, a1, a4)},
		{"query", "ORDER BY Industry DESC NULLS LAST", list(a1, a4, a2)},
		{"query", "ORDER BY Industry ASC NULLS LAST", list(a4, a1, a2)},
		{"query", "ORDER BY Name", list(a4, a1, a2)},
		{"query", "ORDER BY Name DESC LIMIT 2", list(a2, a1)},
		{"query", "ORDER BY Name LIMIT 2 OFFSET 1", list(a1, a2)},
		{"query", "WHERE IsDeleted = true", ""},
		{"queryAll", "WHERE IsDeleted = true", list(a3)},
		{"queryAll", "ORDER BY CreatedDate", list(a4, a2, a3, a1)},
		{"query", "WHERE CreatedDate = TODAY", list(a1)},
		{"query", "WHERE CreatedDate = LAST_N_DAYS:30", list(a1)},
		{"query", "WHERE CreatedDate < LAST_N_DAYS:30 ORDER BY CreatedDate", list(a4, a2)},
		{"query", "WHERE CreatedDate < 2020-01-01T00:00:00Z", list(a4)},
		{"query", "WHERE CreatedDate > 2019-12-31T23:00:00-02:00", list(a1, a2)},
		{"query", "WHERE CALENDAR_YEAR(CreatedDate) = 2020", list(a2)},
		{"query", "WHERE DAY_ONLY(CreatedDate) = 2019-12-31", list(a4)},
		{"query", "WHERE AnnualRevenue > 100", list(a1)},
		{"query", "WHERE AnnualRevenue = 5.5", list(a2)},
		{"query", "WHERE NumberOfEmployees >= 5 AND NumberOfEmployees < 1000", list(a4)},
		{"query", "WHERE Id = '" + a1[:15] + "'", list(a1)},
		{"query", "WHERE Id = '" + strings.ToLower(a1) + "'", list(a1)},
		{"query", "WHERE Id IN ('" + a2 + "', '" + a4[:15] + "')", list(a2, a4)},
		{"query", "WHERE Parent.Name = 'edge communications'", list(a2)},
		{"query", "WHERE Id IN (SELECT AccountId FROM Contact WHERE LastName = 'one')", list(a1)},
		{"query", "WHERE Id IN (SELECT AccountId FROM Contact) AND Industry = 'Banking'", list(a4)},
		{"query", "WHERE Id NOT IN (SELECT AccountId FROM Contact)", list(a2)},
	} {
		p := o.page(t, tc.endpoint, "SELECT Id FROM Account "+tc.where)
		if got := ids(t, p); got != tc.want || p.TotalSize != len(p.Records) {
			t.Errorf("%s %s:\n got %s (totalSize %d)\nwant %s", tc.endpoint, tc.where, got, p.TotalSize, tc.want)
		}
	}
	for _, tc := range []struct {
		endpoint string
		want     int
	}{{"query", 3}, {"queryAll", 4}} {
		if p := o.page(t, tc.endpoint, "SELECT COUNT() FROM Account"); p.TotalSize != tc.want || len(p.Records) != 0 {
			t.Errorf("%s COUNT(): %+v", tc.endpoint, p)
		}
	}
}

// TestQueryValues renders one record of every field type as spec §0.4 says.
func TestQueryValues(t *testing.T) {
	o := newQueryOrg(t, Options{})
	id, acc := newID("a00", 1), newID("001", 1)
	o.insert(t, "Account", map[string]any{"Id": acc, "Name": "Acme", "BillingCity": "Austin", "BillingState": "TX", "BillingLatitude": 30.25})
	o.insert(t, "AllDataType__c", map[string]any{"Id": id, "Name": "all", "Col_Checkbox__c": 1, "Col_Currency__c": 543210.0,
		"Col_Date__c": "2010-01-01", "Col_DateTime__c": "2011-07-07T00:37:00.000Z", "Col_Time__c": "07:00:00.000Z",
		"Col_Email__c": "a&b@example.com", "Col_Number__c": 0.25, "Col_Integer__c": 12345, "Col_Percent__c": 23.0,
		"Col_MultiPicklist__c": "four;six", "Col_Text__c": "quote \" and <tag>", "Col_Base64__c": []byte("blob"),
		"Col_Lookup__c": acc, "Col_Location__Latitude__s": 37.5, "Col_Location__Longitude__s": -122.25})
	o.insert(t, "AllDataType__c", map[string]any{"Id": newID("a00", 2), "Name": "empty"})
	code, body := o.query(t, "query", "SELECT Name, Col_Checkbox__c, Col_Currency__c, Col_Date__c, Col_DateTime__c, Col_Time__c, "+
		"Col_Email__c, Col_Number__c, Col_Integer__c, Col_Percent__c, Col_MultiPicklist__c, Col_Text__c, Col_Base64__c, "+
		"Col_Location__c, Col_Address__c, Col_Lookup__r.Name, Col_Lookup__r.BillingAddress FROM AllDataType__c ORDER BY Name")
	url := "/services/data/v58.0/sobjects/AllDataType__c/"
	want := `{"totalSize":2,"done":true,"records":[` +
		`{"attributes":{"type":"AllDataType__c","url":"` + url + id + `"},"Name":"all","Col_Checkbox__c":true,"Col_Currency__c":543210.0,` +
		`"Col_Date__c":"2010-01-01","Col_DateTime__c":"2011-07-07T00:37:00.000+0000","Col_Time__c":"07:00:00.000Z",` +
		`"Col_Email__c":"a&b@example.com","Col_Number__c":0.25,"Col_Integer__c":12345,"Col_Percent__c":23.0,` +
		`"Col_MultiPicklist__c":"four;six","Col_Text__c":"quote \" and <tag>","Col_Base64__c":"` + url + id + `/Col_Base64__c",` +
		`"Col_Location__c":{"latitude":37.5,"longitude":-122.25},"Col_Address__c":null,` +
		`"Col_Lookup__r":{"attributes":{"type":"Account","url":"/services/data/v58.0/sobjects/Account/` + acc + `"},"Name":"Acme",` +
		`"BillingAddress":{"city":"Austin","country":null,"geocodeAccuracy":null,"latitude":30.25,"longitude":null,"postalCode":null,"state":"TX","street":null}}},` +
		`{"attributes":{"type":"AllDataType__c","url":"` + url + newID("a00", 2) + `"},"Name":"empty","Col_Checkbox__c":false,"Col_Currency__c":null,` +
		`"Col_Date__c":null,"Col_DateTime__c":null,"Col_Time__c":null,"Col_Email__c":null,"Col_Number__c":null,"Col_Integer__c":null,` +
		`"Col_Percent__c":null,"Col_MultiPicklist__c":null,"Col_Text__c":null,"Col_Base64__c":null,"Col_Location__c":null,` +
		`"Col_Address__c":null,"Col_Lookup__r":null}]}`
	if code != 200 || string(body) != want {
		t.Errorf("got  %d %s\nwant %s", code, body, want)
	}
	for _, tc := range []struct{ where, want string }{
		{"Col_MultiPicklist__c INCLUDES ('six')", "all"},
		{"Col_MultiPicklist__c INCLUDES ('SIX;four')", "all"},
		{"Col_MultiPicklist__c INCLUDES ('six;five')", ""},
		{"Col_MultiPicklist__c INCLUDES ('five', 'four')", "all"},
		{"Col_MultiPicklist__c EXCLUDES ('six')", "empty"},
		{"Col_MultiPicklist__c = 'four;six'", "all"},
		{"Col_Checkbox__c = false", "empty"},
		{"Col_Checkbox__c = null", "empty"},
		{"Col_Checkbox__c != null", "all"},
		{"Col_Date__c = 2010-01-01", "all"},
		{"Col_Date__c > 2009-12-31 AND Col_Date__c < 2010-01-02", "all"},
		{"Col_Date__c = LAST_N_YEARS:100", "all"},
		{"Col_Time__c = 07:00:00.000Z", "all"},
		{"Col_Lookup__r.BillingCity = 'AUSTIN'", "all"},
	} {
		p := o.page(t, "query", "SELECT Name FROM AllDataType__c WHERE "+tc.where+" ORDER BY Name")
		var names []string
		for _, r := range p.Records {
			names = append(names, r["Name"].(string))
		}
		if got := strings.Join(names, ","); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.where, got, tc.want)
		}
	}
}

// TestQueryRelationships: multi-level and polymorphic parents, children
// null when there are none, child WHERE / ORDER BY / LIMIT per parent.
func TestQueryRelationships(t *testing.T) {
	o := newQueryOrg(t, Options{})
	acc, con, user := newID("001", 1), newID("003", 1), o.s.org.User.ID
	o.insert(t, "Account", map[string]any{"Id": acc, "Name": "Acme"})
	o.insert(t, "Account", map[string]any{"Id": newID("001", 2), "Name": "Lonely"})
	o.insert(t, "Contact", map[string]any{"Id": con, "LastName": "Roth", "AccountId": acc})
	for i, subj := range []string{"b", "a", "c"} {
		o.insert(t, "Case", map[string]any{"Id": newID("500", int64(i+1)), "Subject": subj, "ContactId": con, "AccountId": acc, "OwnerId": user})
	}
	code, body := o.query(t, "query", "SELECT Subject, Contact.Account.Name, Owner.Name, Owner.Type FROM Case WHERE Subject = 'a'")
	u := "/services/data/v58.0/sobjects/"
	want := `{"totalSize":1,"done":true,"records":[{"attributes":{"type":"Case","url":"` + u + `Case/` + newID("500", 2) + `"},"Subject":"a",` +
		`"Contact":{"attributes":{"type":"Contact","url":"` + u + `Contact/` + con + `"},"Account":{"attributes":{"type":"Account","url":"` + u + `Account/` + acc + `"},"Name":"Acme"}},` +
		`"Owner":{"attributes":{"type":"User","url":"` + u + `User/` + user + `"},"Name":"Demo User","Type":"User"}}]}`
	if code != 200 || string(body) != want {
		t.Errorf("got  %d %s\nwant %s", code, body, want)
	}
	owner := `"Owner":{"attributes":{"type":"User","url":"` + u + `User/` + user + `"},`
	for _, tc := range []struct{ soql, want string }{
		{"SELECT Subject, TYPEOF Owner WHEN User THEN Username, LastName ELSE Name END FROM Case WHERE Subject = 'a'",
			owner + `"Username":"demo@soqlgate.local","LastName":"User"}`},
		{"SELECT Subject, TYPEOF Owner WHEN Group THEN Name ELSE Name, Type END FROM Case WHERE Subject = 'a'",
			owner + `"Name":"Demo User","Type":"User"}`},
	} {
		code, body := o.query(t, "query", tc.soql)
		want := `{"totalSize":1,"done":true,"records":[{"attributes":{"type":"Case","url":"` + u + `Case/` + newID("500", 2) + `"},"Subject":"a",` + tc.want + `}]}`
		if code != 200 || string(body) != want {
			t.Errorf("%s\n got %d %s\nwant %s", tc.soql, code, body, want)
		}
	}
	// The legacy alias form names parents by alias.
	p := o.page(t, "query", "SELECT c.Subject, a.Name FROM Case c, c.Contact.Account a WHERE a.Name = 'acme' ORDER BY c.Subject")
	if len(p.Records) != 3 || p.Records[0]["Subject"] != "a" || p.Records[0]["Contact"].(map[string]any)["Account"].(map[string]any)["Name"] != "Acme" {
		t.Errorf("legacy aliases: %+v", p.Records)
	}
	// USING SCOPE Mine: the records the user owns.
	o.insert(t, "Case", map[string]any{"Id": newID("500", 9), "Subject": "not mine", "OwnerId": newID("005", 9)})
	if p := o.page(t, "query", "SELECT Subject FROM Case USING SCOPE Mine ORDER BY Subject"); len(p.Records) != 3 || p.Records[2]["Subject"] != "c" {
		t.Errorf("USING SCOPE Mine: %+v", p.Records)
	}
	if p := o.page(t, "query", "SELECT Subject FROM Case USING SCOPE Everything"); len(p.Records) != 4 {
		t.Errorf("USING SCOPE Everything: %+v", p.Records)
	}
	code, body = o.query(t, "query", "SELECT Name, (SELECT Subject FROM Cases WHERE Subject != 'c' ORDER BY Subject DESC LIMIT 1) FROM Account ORDER BY Name")
	want = `{"totalSize":2,"done":true,"records":[{"attributes":{"type":"Account","url":"` + u + `Account/` + acc + `"},"Name":"Acme",` +
		`"Cases":{"totalSize":1,"done":true,"records":[{"attributes":{"type":"Case","url":"` + u + `Case/` + newID("500", 1) + `"},"Subject":"b"}]}},` +
		`{"attributes":{"type":"Account","url":"` + u + `Account/` + newID("001", 2) + `"},"Name":"Lonely","Cases":null}]}`
	if code != 200 || string(body) != want {
		t.Errorf("got  %d %s\nwant %s", code, body, want)
	}
}

// TestQueryAggregates: expr0… for unaliased aggregates, aliases verbatim,
// grouped fields by name, HAVING, date functions, numbers typed per §6.4.
func TestQueryAggregates(t *testing.T) {
	o, _, _, _, _ := semanticsOrg(t)
	agg := func(rows ...string) string {
		for i, r := range rows {
			rows[i] = `{"attributes":{"type":"AggregateResult"},` + r + `}`
		}
		return strings.Join(rows, ",")
	}
	for _, tc := range []struct{ soql, want string }{
		{"SELECT COUNT(Id), MAX(NumberOfEmployees) emp, AVG(AnnualRevenue), MIN(CreatedDate) FROM Account",
			`{"attributes":{"type":"AggregateResult"},"expr0":3,"emp":1000,"expr1":6.950000275E7,"expr2":"2019-12-31T23:59:59.000+0000"}`},
		{"SELECT Industry, COUNT(Id) c FROM Account GROUP BY Industry HAVING COUNT(Id) >= 1 ORDER BY Industry NULLS LAST",
			`{"attributes":{"type":"AggregateResult"},"Industry":"Banking","c":1},` +
				`{"attributes":{"type":"AggregateResult"},"Industry":"Electronics","c":1},` +
				`{"attributes":{"type":"AggregateResult"},"Industry":null,"c":1}`},
		{"SELECT CALENDAR_YEAR(CreatedDate), COUNT(Id) FROM Account WHERE CreatedDate < 2021-01-01T00:00:00Z GROUP BY CALENDAR_YEAR(CreatedDate) ORDER BY CALENDAR_YEAR(CreatedDate)",
			`{"attributes":{"type":"AggregateResult"},"expr0":2019,"expr1":1},{"attributes":{"type":"AggregateResult"},"expr0":2020,"expr1":1}`},
		{"SELECT Parent.Name, SUM(AnnualRevenue) total FROM Account WHERE ParentId != null GROUP BY Parent.Name",
			`{"attributes":{"type":"AggregateResult"},"Name":"Edge Communications","total":5.5}`},
		{"SELECT COUNT_DISTINCT(Industry) FROM Account", `{"attributes":{"type":"AggregateResult"},"expr0":2}`},
		{"SELECT Industry, GROUPING(Industry) grp, COUNT(Id) cnt FROM Account GROUP BY ROLLUP(Industry)",
			agg(`"Industry":null,"grp":0,"cnt":1`, `"Industry":"Banking","grp":0,"cnt":1`,
				`"Industry":"Electronics","grp":0,"cnt":1`, `"Industry":null,"grp":1,"cnt":3`)},
		{"SELECT Industry, Rating, GROUPING(Industry) gi, GROUPING(Rating) gr, COUNT(Id) FROM Account GROUP BY CUBE(Industry, Rating)",
			agg(`"Industry":null,"Rating":null,"gi":0,"gr":0,"expr0":1`, `"Industry":null,"Rating":null,"gi":0,"gr":1,"expr0":1`,
				`"Industry":"Banking","Rating":null,"gi":0,"gr":0,"expr0":1`, `"Industry":"Banking","Rating":null,"gi":0,"gr":1,"expr0":1`,
				`"Industry":"Electronics","Rating":null,"gi":0,"gr":0,"expr0":1`, `"Industry":"Electronics","Rating":null,"gi":0,"gr":1,"expr0":1`,
				`"Industry":null,"Rating":null,"gi":1,"gr":0,"expr0":3`, `"Industry":null,"Rating":null,"gi":1,"gr":1,"expr0":3`)},
		{"SELECT Industry, COUNT(Id) FROM Account GROUP BY ROLLUP(Industry) ORDER BY Industry DESC NULLS LAST",
			agg(`"Industry":"Electronics","expr0":1`, `"Industry":"Banking","expr0":1`, `"Industry":null,"expr0":1`, `"Industry":null,"expr0":3`)},
	} {
		code, body := o.query(t, "query", tc.soql)
		n := strings.Count(tc.want, `"AggregateResult"`)
		want := `{"totalSize":` + strconv.Itoa(n) + `,"done":true,"records":[` + tc.want + `]}`
		if code != 200 || string(body) != want {
			t.Errorf("%s\n got %d %s\nwant %s", tc.soql, code, body, want)
		}
	}
}

// TestQueryPrettyPrint: X-PrettyPrint: 1 answers in Jackson's layout, as
// the recorded fixtures are.
func TestQueryPrettyPrint(t *testing.T) {
	o := newQueryOrg(t, Options{})
	o.insert(t, "Account", map[string]any{"Id": newID("001", 1), "Name": "Acme"})
	_, body := o.query(t, "query", "SELECT Name, (SELECT Id FROM Contacts) FROM Account", "X-PrettyPrint", "1")
	want := `{
  "totalSize" : 1,
  "done" : true,
  "records" : [ {
    "attributes" : {
      "type" : "Account",
      "url" : "/services/data/v58.0/sobjects/Account/001Dm0000000001IAA"
    },
    "Name" : "Acme",
    "Contacts" : null
  } ]
}`
	if string(body) != want {
		t.Errorf("got\n%s\nwant\n%s", body, want)
	}
	_, body = o.query(t, "query", "SELECT Id FROM Contact", "X-PrettyPrint", "1")
	if want := "{\n  \"totalSize\" : 0,\n  \"done\" : true,\n  \"records\" : [ ]\n}"; string(body) != want {
		t.Errorf("got\n%s\nwant\n%s", body, want)
	}
}

// TestQueryEveryObject runs FIELDS(ALL) on every object of the demo org
// (query and queryAll): each record lists every describe field, in describe
// order, after its attributes; queryAll sees at least what query sees.
func TestQueryEveryObject(t *testing.T) {
	o := newQueryOrg(t, Options{Seed: "demo"})
	softDeleted := 0
	for _, obj := range o.s.schema.ordered {
		if !obj.Queryable {
			continue
		}
		want := []string{"attributes"}
		for _, f := range obj.Fields {
			want = append(want, f.Name)
		}
		total := map[string]int{}
		for _, endpoint := range []string{"query", "queryAll"} {
			code, body := o.query(t, endpoint, "SELECT FIELDS(ALL) FROM "+obj.Name+" LIMIT 200")
			if code != 200 {
				t.Errorf("%s %s: %d %.300s", endpoint, obj.Name, code, body)
				continue
			}
			doc, err := parseShape(body)
			if err != nil {
				t.Fatal(err)
			}
			records := doc.vals[len(doc.vals)-1]
			for i, r := range records.elems {
				if got := strings.Join(r.keys, ","); got != strings.Join(want, ",") {
					t.Errorf("%s %s record %d keys:\n got %s\nwant %s", endpoint, obj.Name, i, got, strings.Join(want, ","))
					break
				}
			}
			total[endpoint] = len(records.elems)
		}
		if total["queryAll"] < total["query"] {
			t.Errorf("%s: queryAll %d rows < query %d", obj.Name, total["queryAll"], total["query"])
		}
		softDeleted += total["queryAll"] - total["query"]
	}
	if softDeleted == 0 {
		t.Errorf("the demo org's soft-deleted rows are not told apart: queryAll = query everywhere")
	}
}

// TestQueryTextBeyondASCII: = , LIKE, IN, INCLUDES and ORDER BY fold case
// beyond ASCII, as Salesforce does.
func TestQueryTextBeyondASCII(t *testing.T) {
	o := newQueryOrg(t, Options{})
	o.insert(t, "Account", map[string]any{"Id": newID("001", 1), "Name": "Zürich Öl"})
	o.insert(t, "Account", map[string]any{"Id": newID("001", 2), "Name": "zebra"})
	o.insert(t, "Account", map[string]any{"Id": newID("001", 3), "Name": "Émile"})
	for _, tc := range []struct{ soql, want string }{
		{"SELECT Name FROM Account WHERE Name = 'ZÜRICH öL'", "Zürich Öl"},
		{"SELECT Name FROM Account WHERE Name LIKE 'zü%'", "Zürich Öl"},
		{"SELECT Name FROM Account WHERE Name LIKE '_mile'", "Émile"},
		{"SELECT Name FROM Account WHERE Name IN ('émile', 'ZEBRA') ORDER BY Name", "zebra,Émile"},
		{"SELECT Name FROM Account ORDER BY Name DESC", "Émile,Zürich Öl,zebra"},
	} {
		p := o.page(t, "query", tc.soql)
		var names []string
		for _, r := range p.Records {
			names = append(names, r["Name"].(string))
		}
		if got := strings.Join(names, ","); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.soql, got, tc.want)
		}
	}
}

func TestLikeMatch(t *testing.T) {
	for _, tc := range []struct {
		v, p string
		want bool
	}{
		{"abc", "abc", true}, {"ABC", "abc", true}, {"abc", "a%", true}, {"abc", "%c", true}, {"abc", "%b%", true},
		{"abc", "a_c", true}, {"abc", "a_", false}, {"abc", "%", true}, {"", "%", true}, {"", "_", false},
		{"a%c", `a\%c`, true}, {"abc", `a\%c`, false}, {"a_c", `a\_c`, true}, {"abc", `a\_c`, false},
		{`a\c`, `a\\c`, true}, {"aXbXc", "%x%x%", true}, {"aXbX", "%x%x_", false}, {"ÉTÉ", "été", true},
		{"mississippi", "%iss%ipp%", true}, {"mississippi", "%iss%ipx%", false},
	} {
		if got := likeMatch(tc.v, tc.p); got != tc.want {
			t.Errorf("likeMatch(%q, %q) = %v", tc.v, tc.p, got)
		}
	}
}

// FuzzQuery: whatever the statement, the emulator answers with a result or
// with Salesforce's error, never with an internal failure (SQL the compiler
// got wrong, a panic).
func FuzzQuery(f *testing.F) {
	for _, tc := range invalidSOQL {
		if len(tc.soql) < 1000 {
			f.Add(tc.soql)
		}
	}
	for _, s := range []string{
		"SELECT Id, Subject, Account.Name, Contact.Account.Owner.Name FROM Case WHERE Subject LIKE 'a%' ORDER BY Account.Name DESC NULLS LAST LIMIT 10",
		"SELECT Name, (SELECT LastName FROM Contacts WHERE Email != null ORDER BY LastName LIMIT 2), (SELECT Subject FROM Cases) FROM Account",
		"SELECT Industry, COUNT(Id), MAX(AnnualRevenue) m FROM Account WHERE CreatedDate = LAST_N_DAYS:30 GROUP BY ROLLUP(Industry) HAVING COUNT(Id) > 0",
		"SELECT Id FROM Contact WHERE AccountId IN (SELECT Id FROM Account WHERE Industry IN ('Energy', null)) AND Birthdate < 2000-01-01",
		"SELECT Col_MultiPicklist__c FROM AllDataType__c WHERE Col_MultiPicklist__c INCLUDES ('a;b', 'c') AND Col_Checkbox__c = true",
		"SELECT COUNT() FROM Case WHERE IsClosed = false AND Priority = 'High'",
		"SELECT TYPEOF Owner WHEN User THEN Username ELSE Name END, CALENDAR_YEAR(CreatedDate) FROM Case",
	} {
		f.Add(s)
	}
	s, err := New(Options{Seed: "demo"})
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	f.Fuzz(func(t *testing.T, text string) {
		body, qerr, err := s.runQuery(t.Context(), text, true, "v58.0", 200)
		if err != nil {
			t.Fatalf("%q: internal error %v", text, err)
		}
		if qerr == nil && !json.Valid(body) {
			t.Fatalf("%q: invalid JSON %s", text, body)
		}
	})
}

// TestQueryEveryField selects, filters, sorts, groups and aggregates every
// field of every demo object as its describe allows: each statement must be
// answered with 200 (the compiler writes valid SQL for every type).
func TestQueryEveryField(t *testing.T) {
	if testing.Short() {
		t.Skip("one request per field and clause")
	}
	o := newQueryOrg(t, Options{Seed: "demo"})
	literal := map[string]string{
		"id": "'001000000000000AAA'", "reference": "'001000000000000AAA'", "int": "1", "double": "1.5",
		"currency": "1", "percent": "1", "boolean": "true", "date": "2020-01-01",
		"datetime": "2020-01-01T00:00:00Z", "time": "10:00:00.000Z",
	}
	n := 0
	for _, obj := range o.s.schema.ordered {
		for _, f := range obj.Fields {
			lit, ok := literal[f.Type]
			if isTextType(f.Type) {
				lit, ok = "'x'", true
			}
			stmts := []string{"SELECT " + f.Name + " FROM " + obj.Name + " LIMIT 5"}
			if f.Filterable && ok {
				stmts = append(stmts, "SELECT Id FROM "+obj.Name+" WHERE "+f.Name+" = "+lit+" OR "+f.Name+" != null LIMIT 5")
				if f.Type == "multipicklist" {
					stmts = append(stmts, "SELECT Id FROM "+obj.Name+" WHERE "+f.Name+" INCLUDES ('x') LIMIT 5")
				}
			}
			if f.Sortable {
				stmts = append(stmts, "SELECT Id FROM "+obj.Name+" ORDER BY "+f.Name+" DESC LIMIT 5")
			}
			if f.Groupable {
				stmts = append(stmts, "SELECT "+f.Name+", COUNT(Id) FROM "+obj.Name+" GROUP BY "+f.Name+" LIMIT 5")
			}
			if f.Aggregatable && f.Type != "boolean" && f.Type != "multipicklist" && f.Type != "time" { // §6.4: no aggregates on these
				stmts = append(stmts, "SELECT MIN("+f.Name+"), MAX("+f.Name+"), COUNT("+f.Name+") FROM "+obj.Name)
			}
			for _, q := range stmts {
				n++
				if code, body := o.query(t, "queryAll", q); code != 200 {
					t.Errorf("%s: %d %.300s", q, code, body)
				}
			}
		}
	}
	if n < 500 {
		t.Errorf("only %d statements", n)
	}
}

func TestDateLiteralRanges(t *testing.T) {
	now := time.Date(2024, 2, 14, 23, 30, 0, 0, time.UTC) // a Wednesday
	for _, tc := range []struct {
		name       string
		n          int
		start, end string
	}{
		{"TODAY", 0, "2024-02-14", "2024-02-15"}, {"YESTERDAY", 0, "2024-02-13", "2024-02-14"},
		{"TOMORROW", 0, "2024-02-15", "2024-02-16"}, {"THIS_WEEK", 0, "2024-02-11", "2024-02-18"},
		{"LAST_WEEK", 0, "2024-02-04", "2024-02-11"}, {"NEXT_WEEK", 0, "2024-02-18", "2024-02-25"},
		{"LAST_N_DAYS", 2, "2024-02-12", "2024-02-15"}, {"NEXT_N_DAYS", 2, "2024-02-15", "2024-02-17"},
		{"N_DAYS_AGO", 3, "2024-02-11", "2024-02-12"}, {"LAST_90_DAYS", 0, "2023-11-16", "2024-02-15"},
		{"NEXT_90_DAYS", 0, "2024-02-15", "2024-05-15"}, {"NEXT_N_WEEKS", 1, "2024-02-18", "2024-02-25"},
		{"LAST_N_WEEKS", 2, "2024-01-28", "2024-02-11"}, {"THIS_MONTH", 0, "2024-02-01", "2024-03-01"},
		{"LAST_N_MONTHS", 2, "2023-12-01", "2024-02-01"}, {"N_MONTHS_AGO", 1, "2024-01-01", "2024-02-01"},
		{"THIS_QUARTER", 0, "2024-01-01", "2024-04-01"}, {"NEXT_QUARTER", 0, "2024-04-01", "2024-07-01"},
		{"LAST_FISCAL_QUARTER", 0, "2023-10-01", "2024-01-01"}, {"THIS_FISCAL_YEAR", 0, "2024-01-01", "2025-01-01"},
		{"N_YEARS_AGO", 1, "2023-01-01", "2024-01-01"}, {"NEXT_N_FISCAL_YEARS", 2, "2025-01-01", "2027-01-01"},
	} {
		r, ok := dateLiteralRange(tc.name, tc.n, now)
		if got := r.start.Format("2006-01-02") + ".." + r.end.Format("2006-01-02"); !ok || got != tc.start+".."+tc.end {
			t.Errorf("%s:%d = %s (%v), want %s..%s", tc.name, tc.n, got, ok, tc.start, tc.end)
		}
	}
	if _, ok := dateLiteralRange("LAST_FISCAL_WEEK", 0, now); ok {
		t.Error("LAST_FISCAL_WEEK accepted")
	}
}

// TestQueryNumbersAtScale: float64 noise in storage does not reach the wire;
// numbers come at their field's scale.
func TestQueryNumbersAtScale(t *testing.T) {
	o := newQueryOrg(t, Options{})
	o.insert(t, "AllDataType__c", map[string]any{"Id": newID("a00", 1), "Name": "x", "Col_Number__c": 3.1416*3 - 5,
		"Col_Currency__c": 0.1 + 0.2, "Col_Percent__c": 12.5})
	_, body := o.query(t, "query", "SELECT MAX(Col_Number__c) m, SUM(Col_Currency__c) s FROM AllDataType__c")
	want := `{"totalSize":1,"done":true,"records":[{"attributes":{"type":"AggregateResult"},"m":4.4248,"s":0.3}]}`
	if string(body) != want {
		t.Errorf("got  %s\nwant %s", body, want)
	}
	_, body = o.query(t, "query", "SELECT Col_Number__c, Col_Currency__c, Col_Percent__c FROM AllDataType__c")
	if !strings.Contains(string(body), `"Col_Number__c":4.4248,"Col_Currency__c":0.3,"Col_Percent__c":12.5}`) {
		t.Errorf("record: %s", body)
	}
}

// TestQueryPicklistOrder: picklists sort, and MIN / MAX compare, in the
// order the describe defines (Case.Status: New, Working, Escalated, Closed),
// nulls first.
func TestQueryPicklistOrder(t *testing.T) {
	o := newQueryOrg(t, Options{})
	for i, st := range []any{"Closed", "New", nil, "Escalated", "Working"} {
		o.insert(t, "Case", map[string]any{"Id": newID("500", int64(i+1)), "Status": st, "Subject": fmt.Sprint(i)})
	}
	for _, tc := range []struct{ soql, want string }{
		{"SELECT Status FROM Case ORDER BY Status", "<nil>,New,Working,Escalated,Closed"},
		{"SELECT Status FROM Case ORDER BY Status DESC NULLS LAST", "Closed,Escalated,Working,New,<nil>"},
		{"SELECT Status, COUNT(Id) FROM Case GROUP BY Status ORDER BY Status", "<nil>,New,Working,Escalated,Closed"},
	} {
		p := o.page(t, "query", tc.soql)
		var got []string
		for _, r := range p.Records {
			got = append(got, fmt.Sprint(r["Status"]))
		}
		if strings.Join(got, ",") != tc.want {
			t.Errorf("%s: got %s, want %s", tc.soql, strings.Join(got, ","), tc.want)
		}
	}
	_, body := o.query(t, "query", "SELECT MIN(Status), MAX(Status) FROM Case")
	if want := `{"totalSize":1,"done":true,"records":[{"attributes":{"type":"AggregateResult"},"expr0":"New","expr1":"Closed"}]}`; string(body) != want {
		t.Errorf("got  %s\nwant %s", body, want)
	}
}

func BenchmarkLikeMatch(b *testing.B) {
	for i := 0; i < b.N; i++ {
		likeMatch("Electrical surge damaging the generator", "%GENER%")
	}
}

// TestQueryAggregateOverOnePage: an aggregate result larger than a page is
// refused, not paged.
func TestQueryAggregateOverOnePage(t *testing.T) {
	o := newQueryOrg(t, Options{})
	for i := 1; i <= 250; i++ {
		o.insert(t, "Account", map[string]any{"Id": newID("001", int64(i)), "Name": fmt.Sprintf("A%03d", i)})
	}
	want := `[{"message":"Aggregate query does not support queryMore(), use LIMIT to restrict the results to a single batch","errorCode":"MALFORMED_QUERY"}]`
	if code, body := o.query(t, "query", "SELECT Name, COUNT(Id) FROM Account GROUP BY Name", "Sforce-Query-Options", "batchSize=200"); code != 400 || string(body) != want {
		t.Errorf("got %d %s", code, body)
	}
	if p := o.page(t, "query", "SELECT Name, COUNT(Id) FROM Account GROUP BY Name"); p.TotalSize != 250 || !p.Done {
		t.Errorf("default batch: %d rows, done %v", p.TotalSize, p.Done)
	}
	if p := o.page(t, "query", "SELECT Name, COUNT(Id) FROM Account GROUP BY Name LIMIT 200", "Sforce-Query-Options", "batchSize=200"); p.TotalSize != 200 {
		t.Errorf("with LIMIT: %d rows", p.TotalSize)
	}
}
