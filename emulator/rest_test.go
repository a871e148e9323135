package emulator

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
)

func TestVersions(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	for _, p := range []string{"/services/data", "/services/data/"} {
		code, h, body := do(t, "GET", ts.URL+p, "", nil)
		if code != 200 || h.Get("Content-Type") != contentJSON || h.Get("Sforce-Limit-Info") != "api-usage=0/15000" {
			t.Fatalf("%s: %d %v %s", p, code, h, body)
		}
		var vs []struct{ Label, URL, Version string }
		mustUnmarshal(t, body, &vs)
		if len(vs) != latestVersion-oldestVersion+1 {
			t.Fatalf("%d versions", len(vs))
		}
		last := vs[len(vs)-1]
		if !strings.HasPrefix(string(body), `[{"label":"Summer '14","url":"/services/data/v31.0","version":"31.0"}`) {
			t.Errorf("body starts %.80s", body)
		}
		for _, want := range []string{`{"label":"Spring '15","url":"/services/data/v33.0","version":"33.0"}`,
			`{"label":"Summer '23","url":"/services/data/v58.0","version":"58.0"}`,
			`{"label":"Winter '26","url":"/services/data/v65.0","version":"65.0"}`} {
			if !strings.Contains(string(body), want) {
				t.Errorf("missing %s", want)
			}
		}
		if last.Version != "66.0" || last.Label != "Spring '26" {
			t.Errorf("last %+v", last)
		}
	}
}

func TestVersionSegment(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	tok := login(t, ts.URL)
	for _, c := range []struct {
		path string
		code int
		frag string
	}{
		{"/services/data/v30.0/sobjects", 410, `"errorCode":"GONE"`},
		{"/services/data/v20.0/", 410, `"errorCode":"GONE"`},
		{"/services/data/v67.0/sobjects", 404, `"errorCode":"NOT_FOUND"`},
		{"/services/data/v58/sobjects", 404, `"errorCode":"NOT_FOUND"`},
		{"/services/data/v58.1/sobjects", 404, `"errorCode":"NOT_FOUND"`},
		{"/services/data/v058.0/sobjects", 404, `"errorCode":"NOT_FOUND"`},
		{"/services/data/vx/sobjects", 404, `"errorCode":"NOT_FOUND"`},
		{"/services/data/v31.0/sobjects", 200, `"sobjects":[`},
		{"/services/data/v66.0/sobjects/", 200, `"sobjects":[`},
	} {
		code, h, body := do(t, "GET", ts.URL+c.path, tok, nil)
		if code != c.code || !strings.Contains(string(body), c.frag) || h.Get("Content-Type") != contentJSON {
			t.Errorf("%s: %d %s", c.path, code, body)
		}
	}
}

func TestResourceDirectory(t *testing.T) {
	s, ts := newTestServer(t, Options{})
	tok := login(t, ts.URL)
	for _, p := range []string{"/services/data/v58.0", "/services/data/v58.0/"} {
		code, _, body := do(t, "GET", ts.URL+p, tok, nil)
		if code != 200 {
			t.Fatalf("%d %s", code, body)
		}
		want := `{"tooling":"/services/data/v58.0/tooling","search":"/services/data/v58.0/search","identity":"` + ts.URL + `/id/` + s.org.ID + `/` + s.org.User.ID +
			`","composite":"/services/data/v58.0/composite","limits":"/services/data/v58.0/limits","query":"/services/data/v58.0/query",` +
			`"queryAll":"/services/data/v58.0/queryAll","jobs":"/services/data/v58.0/jobs","analytics":"/services/data/v58.0/analytics","sobjects":"/services/data/v58.0/sobjects"}`
		if string(body) != want {
			t.Errorf("got  %s\nwant %s", body, want)
		}
	}
}

func TestLimitsAndUsage(t *testing.T) {
	s, ts := newTestServer(t, Options{DailyAPILimit: 5})
	tok := login(t, ts.URL) // the token endpoint is not an API call
	var remaining []int
	for i := 1; i <= 5; i++ {
		code, h, body := do(t, "GET", ts.URL+"/services/data/v58.0/limits", tok, nil)
		if code != 200 {
			t.Fatalf("call %d: %d %s", i, code, body)
		}
		if got := h.Get("Sforce-Limit-Info"); got != fmt.Sprintf("api-usage=%d/5", i) {
			t.Errorf("call %d: Sforce-Limit-Info %q", i, got)
		}
		var l map[string]struct{ Max, Remaining int }
		mustUnmarshal(t, body, &l)
		remaining = append(remaining, l["DailyApiRequests"].Remaining)
		if l["DailyApiRequests"].Max != 5 || l["DailyBulkApiBatches"].Max != 15000 || len(l) != len(staticLimits) {
			t.Errorf("limits %v", l)
		}
	}
	if fmt.Sprint(remaining) != "[4 3 2 1 0]" {
		t.Errorf("remaining %v", remaining)
	}
	// The sixth call is over the limit.
	code, h, body := do(t, "GET", ts.URL+"/services/data/v58.0/sobjects", tok, nil)
	if code != 403 || string(body) != `[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]` ||
		h.Get("Sforce-Limit-Info") != "api-usage=5/5" {
		t.Fatalf("over the limit: %d %v %s", code, h, body)
	}
	// Errors are charged too (an authenticated 404).
	s.SetDailyAPILimit(100)
	_, h, _ = do(t, "GET", ts.URL+"/services/data/v58.0/sobjects/Nope", tok, nil)
	if h.Get("Sforce-Limit-Info") != "api-usage=6/100" {
		t.Errorf("after 404: %s", h.Get("Sforce-Limit-Info"))
	}
	if used, max := s.APIUsage(); used != 6 || max != 100 {
		t.Errorf("APIUsage %d/%d", used, max)
	}
	// Unauthenticated requests are not charged.
	do(t, "GET", ts.URL+"/services/data/v58.0/sobjects", "", nil)
	if used, _ := s.APIUsage(); used != 6 {
		t.Errorf("unauthenticated request charged: %d", used)
	}
}

func TestRecordCount(t *testing.T) {
	_, ts := newTestServer(t, Options{Seed: "demo"})
	tok := login(t, ts.URL)
	code, _, body := do(t, "GET", ts.URL+"/services/data/v58.0/limits/recordCount?sObjects=Account,Case,Nope", tok, nil)
	want := fmt.Sprintf(`{"sObjects":[{"count":%d,"name":"Account"},{"count":%d,"name":"Case"}]}`, len(demoAccounts), len(demoCases)-1)
	if code != 200 || string(body) != want {
		t.Errorf("%d %s, want %s", code, body, want)
	}
}

func TestDescribeGlobalAndBasicInfo(t *testing.T) {
	s, ts := newTestServer(t, Options{})
	tok := login(t, ts.URL)
	code, _, body := do(t, "GET", ts.URL+"/services/data/v58.0/sobjects", tok, nil)
	if code != 200 {
		t.Fatal(code)
	}
	var g struct {
		Encoding     string
		MaxBatchSize int
		SObjects     []struct {
			Name, KeyPrefix string
			Custom          bool
			URLs            map[string]string
		}
	}
	mustUnmarshal(t, body, &g)
	var names []string
	for _, o := range g.SObjects {
		names = append(names, o.Name)
		if o.URLs["describe"] != "/services/data/v58.0/sobjects/"+o.Name+"/describe" {
			t.Errorf("%s urls %v", o.Name, o.URLs)
		}
	}
	if got := strings.Join(names, ","); got != "Account,AllDataType__c,Asset,BusinessHours,Case,CaseComment,Contact,Entitlement,Organization,Report,Solution,User" {
		t.Errorf("objects %s", got)
	}
	if g.Encoding != "UTF-8" || g.MaxBatchSize != 200 || strings.Contains(string(body), "vXX.X") || strings.Contains(string(body), "{{instance}}") {
		t.Errorf("global %.200s", body)
	}
	code, _, body = do(t, "GET", ts.URL+"/services/data/v58.0/sobjects/account", tok, nil)
	if code != 200 || !strings.HasPrefix(string(body), `{"objectDescribe":{"activateable":false,`) || !strings.HasSuffix(string(body), `,"recentItems":[]}`) {
		t.Errorf("basic info: %d %.200s", code, body)
	}
	// Describe: served with the request's version and instance.
	_, _, body = do(t, "GET", ts.URL+"/services/data/v61.0/sobjects/Case/describe", tok, nil)
	if !strings.Contains(string(body), `"uiDetailTemplate":"`+ts.URL+`/{ID}"`) || !strings.Contains(string(body), `"describe":"/services/data/v61.0/sobjects/Case/describe"`) {
		t.Errorf("describe urls: %.300s", body)
	}
	_ = s
}

// Child relationships name objects of the org, through reference fields
// that point back at the parent.
func TestChildRelationshipsConsistent(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, o := range s.schema.ordered {
		for _, c := range o.ChildRelationships {
			child := s.schema.object(c.ChildSObject)
			if child == nil {
				t.Errorf("%s.%s: child object %s not in the org", o.Name, c.RelationshipName, c.ChildSObject)
				continue
			}
			f := child.field(c.Field)
			if f == nil || f.Type != "reference" || !strings.Contains(","+strings.Join(f.ReferenceTo, ",")+",", ","+o.Name+",") {
				t.Errorf("%s.%s: %s.%s does not reference %s", o.Name, c.RelationshipName, c.ChildSObject, c.Field, o.Name)
			}
		}
		for _, f := range o.Fields {
			for _, to := range f.ReferenceTo {
				if s.schema.object(to) == nil && to != "Group" && to != "Folder" {
					t.Errorf("%s.%s references %s, not in the org", o.Name, f.Name, to)
				}
			}
		}
	}
	for _, want := range []string{"Account.Contacts", "Account.Cases", "Account.ChildAccounts", "Account.AllDataTypes__r",
		"Case.CaseComments", "Case.Cases", "Contact.Cases", "Account.Entitlements", "Account.Assets", "Entitlement.Cases"} {
		obj, rel, _ := strings.Cut(want, ".")
		if s.schema.object(obj).childRelationship(rel) == nil {
			t.Errorf("missing child relationship %s", want)
		}
	}
	// AllDataType__c has a field of every describe type.
	types := map[string]bool{}
	for _, f := range s.schema.object("AllDataType__c").Fields {
		types[f.Type] = true
	}
	for _, typ := range []string{"id", "reference", "string", "textarea", "email", "phone", "url", "picklist", "multipicklist",
		"combobox", "encryptedstring", "boolean", "int", "double", "currency", "percent", "date", "datetime", "time",
		"base64", "address", "location"} {
		if !types[typ] {
			t.Errorf("AllDataType__c has no %s field", typ)
		}
	}
	for _, ext := range []string{"Account.CustomerId__c", "Contact.ExternalId__c"} {
		obj, name, _ := strings.Cut(ext, ".")
		if f := s.schema.object(obj).field(name); f == nil || !f.ExternalID || !f.IDLookup {
			t.Errorf("%s is not an External ID", ext)
		}
	}
}

func TestRetrieve(t *testing.T) {
	s, ts := newTestServer(t, Options{Seed: "demo"})
	tok := login(t, ts.URL)
	var id string
	if err := s.db.QueryRow(`SELECT "Id" FROM "Account" WHERE "Name" = 'GenePoint'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	code, _, body := do(t, "GET", ts.URL+"/services/data/v58.0/sobjects/Account/"+id, tok, nil)
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	prefix := `{"attributes":{"type":"Account","url":"/services/data/v58.0/sobjects/Account/` + id + `"},"Id":"` + id + `","IsDeleted":false,"MasterRecordId":null,"Name":"GenePoint","Type":"Customer - Channel","ParentId":null,`
	if !strings.HasPrefix(string(body), prefix) {
		t.Errorf("got %.400s\nwant prefix %s", body, prefix)
	}
	for _, frag := range []string{
		`"BillingAddress":{"city":"Mountain View","country":"USA","geocodeAccuracy":null,"latitude":37.4043,"longitude":-122.0748,"postalCode":"94043","state":"CA","street":"345 Shoreline Park\nMountain View, CA 94043\nUSA"}`,
		`"AnnualRevenue":3.0E7`, `"NumberOfEmployees":265`, `"CustomerId__c":"CUST-00001"`,
		`"CreatedDate":"2025-08-05T09:00:00.000+0000"`,
	} {
		if !strings.Contains(string(body), frag) {
			t.Errorf("missing %s in %s", frag, body)
		}
	}
	// ?fields= picks and orders; 15-character ids work; names are case-insensitive.
	code, _, body = do(t, "GET", ts.URL+"/services/data/v58.0/sobjects/account/"+id[:15]+"?fields=name,Id,ShippingAddress", tok, nil)
	want := `{"attributes":{"type":"Account","url":"/services/data/v58.0/sobjects/Account/` + id + `"},"Name":"GenePoint","Id":"` + id +
		`","ShippingAddress":{"city":"Mountain View","country":"USA","geocodeAccuracy":null,"latitude":null,"longitude":null,"postalCode":"94043","state":"CA","street":"345 Shoreline Park\nMountain View, CA 94043\nUSA"}}`
	if code != 200 || string(body) != want {
		t.Errorf("fields: %d\n got %s\nwant %s", code, body, want)
	}
	code, _, body = do(t, "GET", ts.URL+"/services/data/v58.0/sobjects/Account/"+id+"?fields=Nope", tok, nil)
	if code != 400 || !strings.Contains(string(body), `No such column 'Nope' on entity 'Account'.`) {
		t.Errorf("bad field: %d %s", code, body)
	}
	// Every type of AllDataType__c renders.
	var adt string
	if err := s.db.QueryRow(`SELECT "Id" FROM "AllDataType__c" WHERE "Name" = 'All Types 02'`).Scan(&adt); err != nil {
		t.Fatal(err)
	}
	code, _, body = do(t, "GET", ts.URL+"/services/data/v58.0/sobjects/AllDataType__c/"+adt, tok, nil)
	for _, frag := range []string{`"Col_Checkbox__c":false`, `"Col_Currency__c":1000.25`, `"Col_Date__c":"2025-12-27"`,
		`"Col_DateTime__c":"2025-12-27T10:30:00.000+0000"`, `"Col_Time__c":"09:07:00.000Z"`, `"Col_Integer__c":-3`,
		`"Col_Percent__c":12.5`, `"Col_MultiPicklist__c":"Red;Blue"`, `"Col_Number__c":-1.8584`,
		`"Col_Base64__c":"/services/data/v58.0/sobjects/AllDataType__c/` + adt + `/Col_Base64__c"`,
		`"Col_Location__c":{"latitude":37.7849,"longitude":-122.4294}`,
		`"Col_Address__c":{"city":"San Francisco","country":"USA","geocodeAccuracy":null,"latitude":null,"longitude":null,"postalCode":"94105","state":"CA","street":"101 Market Street"}`,
		`"Col_Text__c":"Text value 2 — ünïcödé & <tags>"`} {
		if !strings.Contains(string(body), frag) {
			t.Errorf("missing %s in %s", frag, body)
		}
	}
	if code != 200 {
		t.Fatal(code)
	}
	// Soft-deleted, unknown and malformed ids.
	var deleted string
	if err := s.db.QueryRow(`SELECT "Id" FROM "Account" WHERE "IsDeleted" = 1`).Scan(&deleted); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path, body string
		code       int
	}{
		{"/sobjects/Account/" + deleted, `[{"message":"entity is deleted","errorCode":"ENTITY_IS_DELETED"}]`, 404},
		{"/sobjects/Account/001Dm0000009999", `[{"message":"The requested resource does not exist","errorCode":"NOT_FOUND"}]`, 404},
		{"/sobjects/Account/x", `[{"message":"Provided external ID field does not exist or is not accessible: x","errorCode":"NOT_FOUND"}]`, 404},
		{"/sobjects/Nope/" + id, `[{"message":"The requested resource does not exist","errorCode":"NOT_FOUND"}]`, 404},
		{"/sobjects/Account/" + id + "/extra/more", `[{"message":"The requested resource does not exist","errorCode":"NOT_FOUND"}]`, 404},
	} {
		code, _, body := do(t, "GET", ts.URL+"/services/data/v58.0"+c.path, tok, nil)
		if code != c.code || string(body) != c.body {
			t.Errorf("%s: %d %s", c.path, code, body)
		}
	}
}

func TestMethods(t *testing.T) {
	_, ts := newTestServer(t, Options{Seed: "demo"})
	tok := login(t, ts.URL)
	for _, c := range []struct {
		method, path string
		code         int
		body         string
	}{
		{"POST", "/sobjects", 405, `[{"message":"HTTP Method 'POST' not allowed. Allowed are GET,HEAD","errorCode":"METHOD_NOT_ALLOWED"}]`},
		{"DELETE", "/limits", 405, `[{"message":"HTTP Method 'DELETE' not allowed. Allowed are GET,HEAD","errorCode":"METHOD_NOT_ALLOWED"}]`},
		{"PUT", "/sobjects/Account/001Dm0000000001", 405, `[{"message":"HTTP Method 'PUT' not allowed. Allowed are GET,HEAD,PATCH,DELETE","errorCode":"METHOD_NOT_ALLOWED"}]`},
		{"POST", "/sobjects/Account/describe", 405, `[{"message":"HTTP Method 'POST' not allowed. Allowed are GET,HEAD","errorCode":"METHOD_NOT_ALLOWED"}]`},
		{"POST", "/sobjects/Account", 501, `[{"message":"soqlgate emulator: POST /services/data/v58.0/sobjects/Account is not implemented","errorCode":"NOT_IMPLEMENTED"}]`},
		{"PATCH", "/sobjects/Account/001Dm0000000001", 501, `[{"message":"soqlgate emulator: PATCH /services/data/v58.0/sobjects/Account/001Dm0000000001 is not implemented","errorCode":"NOT_IMPLEMENTED"}]`},
	} {
		code, h, body := do(t, c.method, ts.URL+"/services/data/v58.0"+c.path, tok, nil)
		if code != c.code || string(body) != c.body || h.Get("Content-Type") != contentJSON {
			t.Errorf("%s %s: %d %s", c.method, c.path, code, body)
		}
		if code == 405 && h.Get("Allow") == "" {
			t.Errorf("%s %s: no Allow header", c.method, c.path)
		}
	}
	if code, _, body := do(t, "HEAD", ts.URL+"/services/data/v58.0/sobjects", tok, nil); code != 200 || len(body) != 0 {
		t.Errorf("HEAD: %d %d bytes", code, len(body))
	}
}

// Concurrent requests against one org (the in-memory store is shared by
// the connection pool).
func TestConcurrentRequests(t *testing.T) {
	s, ts := newTestServer(t, Options{Seed: "demo", Scale: 200})
	tok := login(t, ts.URL)
	var ids []string
	rows, err := s.db.Query(`SELECT "Id" FROM "Case" WHERE "IsDeleted" = 0 LIMIT 40`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	var wg sync.WaitGroup
	errs := make(chan string, len(ids))
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("GET", ts.URL+"/services/data/v58.0/sobjects/Case/"+id+"?fields=Id,CaseNumber", nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				errs <- err.Error()
				return
			}
			defer resp.Body.Close()
			var rec struct{ Id string }
			if err := json.NewDecoder(resp.Body).Decode(&rec); err != nil || resp.StatusCode != 200 || rec.Id != id {
				errs <- fmt.Sprintf("%s: %d %v", id, resp.StatusCode, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if got := s.RequestCounts()["sobjects"]; got != len(ids) {
		t.Errorf("sobjects count %d, want %d", got, len(ids))
	}
	if !regexp.MustCompile(`^[0-9A-Za-z]{18}$`).MatchString(ids[0]) {
		t.Errorf("id %s", ids[0])
	}
}

func TestPrettyPrintAndConditionalDescribe(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	tok := login(t, ts.URL)
	code, _, body := do(t, "GET", ts.URL+"/services/data/v58.0/sobjects/Nope/describe", tok, nil, "X-PrettyPrint", "1")
	// The recorded restforce error, byte for byte (recorded with X-PrettyPrint).
	if want := string(fixture(t, "restforce_sobject_describe_error_response.json")); code != 404 || string(body) != strings.TrimSpace(want) {
		t.Errorf("pretty error: %d\n%s\nwant\n%s", code, body, want)
	}
	code, _, body = do(t, "GET", ts.URL+"/services/data/v58.0/sobjects", tok, nil, "X-PrettyPrint", "1")
	if code != 200 || !strings.HasPrefix(string(body), "{\n  \"encoding\" : \"UTF-8\",\n  \"maxBatchSize\" : 200,\n  \"sobjects\" : [ {\n    \"activateable\" : false,") {
		t.Errorf("pretty global: %.200s", body)
	}
	var g map[string]any
	mustUnmarshal(t, body, &g)

	code, h, _ := do(t, "GET", ts.URL+"/services/data/v58.0/sobjects/Case/describe", tok, nil)
	lm := h.Get("Last-Modified")
	if code != 200 || lm == "" {
		t.Fatalf("%d Last-Modified %q", code, lm)
	}
	code, _, body = do(t, "GET", ts.URL+"/services/data/v58.0/sobjects/Case/describe", tok, nil, "If-Modified-Since", lm)
	if code != 304 || len(body) != 0 {
		t.Errorf("If-Modified-Since now: %d %d bytes", code, len(body))
	}
	code, _, _ = do(t, "GET", ts.URL+"/services/data/v58.0/sobjects", tok, nil, "If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT")
	if code != 200 {
		t.Errorf("If-Modified-Since long ago: %d", code)
	}
}

func TestGzipRequestBody(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	var buf strings.Builder
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(passwordForm().Encode()))
	zw.Close()
	code, _, body := do(t, "POST", ts.URL+"/services/oauth2/token", "", strings.NewReader(buf.String()),
		"Content-Type", "application/x-www-form-urlencoded", "Content-Encoding", "gzip")
	if code != 200 || !strings.Contains(string(body), `"access_token"`) {
		t.Errorf("gzip form: %d %s", code, body)
	}
	code, _, _ = do(t, "POST", ts.URL+"/services/oauth2/token", "", strings.NewReader("not gzip"),
		"Content-Type", "application/x-www-form-urlencoded", "Content-Encoding", "gzip")
	if code != 400 {
		t.Errorf("bad gzip: %d", code)
	}
}

func TestExternalIDBlobAndUnimplemented(t *testing.T) {
	s, ts := newTestServer(t, Options{Seed: "demo"})
	tok := login(t, ts.URL)
	base := ts.URL + "/services/data/v58.0"
	var id string
	if err := s.db.QueryRow(`SELECT "Id" FROM "Account" WHERE "CustomerId__c" = 'CUST-00004'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	// By External ID, case-insensitively.
	code, _, body := do(t, "GET", base+"/sobjects/Account/CustomerId__c/cust-00004?fields=Name", tok, nil)
	if want := `{"attributes":{"type":"Account","url":"/services/data/v58.0/sobjects/Account/` + id + `"},"Name":"Edge Communications"}`; code != 200 || string(body) != want {
		t.Errorf("by external id: %d %s", code, body)
	}
	// By Id through the same path.
	if code, _, _ := do(t, "GET", base+"/sobjects/Account/Id/"+id, tok, nil); code != 200 {
		t.Errorf("by Id: %d", code)
	}
	// Several matches: 300 with the records' URLs.
	if _, err := s.db.Exec(`UPDATE "Contact" SET "ExternalId__c" = 'DUP' WHERE "LastName" IN ('Gonzalez', 'Forbes')`); err != nil {
		t.Fatal(err)
	}
	code, _, body = do(t, "GET", base+"/sobjects/Contact/ExternalId__c/DUP", tok, nil)
	var urls []string
	mustUnmarshal(t, body, &urls)
	if code != 300 || len(urls) != 2 || !strings.HasPrefix(urls[0], "/services/data/v58.0/sobjects/Contact/003") {
		t.Errorf("300: %d %s", code, body)
	}
	for path, want := range map[string]string{
		"/sobjects/Account/Name/GenePoint":         `[{"message":"Provided external ID field does not exist or is not accessible: Name","errorCode":"NOT_FOUND"}]`,
		"/sobjects/Account/Nope__c/1":              `[{"message":"Provided external ID field does not exist or is not accessible: Nope__c","errorCode":"NOT_FOUND"}]`,
		"/sobjects/Account/CustomerId__c/CUST-404": `[{"message":"The requested resource does not exist","errorCode":"NOT_FOUND"}]`,
	} {
		if code, _, body := do(t, "GET", base+path, tok, nil); code != 404 || string(body) != want {
			t.Errorf("%s: %d %s", path, code, body)
		}
	}
	// The base64 URL a record gives serves the bytes.
	var adt string
	if err := s.db.QueryRow(`SELECT "Id" FROM "AllDataType__c" WHERE "Name" = 'All Types 01'`).Scan(&adt); err != nil {
		t.Fatal(err)
	}
	_, _, rec := do(t, "GET", base+"/sobjects/AllDataType__c/"+adt+"?fields=Col_Base64__c", tok, nil)
	var r struct{ Col_Base64__c string }
	mustUnmarshal(t, rec, &r)
	code, h, blob := do(t, "GET", ts.URL+r.Col_Base64__c, tok, nil)
	if code != 200 || string(blob) != "binary payload 1" || h.Get("Content-Type") != "application/octetstream" {
		t.Errorf("blob %s: %d %q %q", r.Col_Base64__c, code, h.Get("Content-Type"), blob)
	}
	// What exists on a real org but not here fails loudly.
	for _, p := range []string{"/sobjects/Case/describe/layouts", "/sobjects/Case/listviews", "/sobjects/Account/" + id + "/Contacts",
		"/tooling/query?q=SELECT+Id+FROM+ApexClass", "/composite", "/search?q=FIND+%7Bx%7D"} {
		if code, _, body := do(t, "GET", base+p, tok, nil); code != 501 || !strings.Contains(string(body), `"errorCode":"NOT_IMPLEMENTED"`) {
			t.Errorf("%s: %d %s", p, code, body)
		}
	}
}

func TestUpdatedAndDeleted(t *testing.T) {
	s, ts := newTestServer(t, Options{Seed: "demo"})
	tok := login(t, ts.URL)
	base := ts.URL + "/services/data/v58.0/sobjects/"
	// The demo deletions happened at seedEpoch - 2 days.
	rng := "?start=2026-01-01T00:00:00%2B00:00&end=2026-01-05T09:30:45Z"
	code, _, body := do(t, "GET", base+"Case/deleted/"+rng, tok, nil)
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	assertSameShape(t, fixture(t, "restforce_get_deleted_success_response.json"), body)
	var del struct {
		DeletedRecords []struct{ ID, DeletedDate string } `json:"deletedRecords"`
		Earliest       string                             `json:"earliestDateAvailable"`
		Latest         string                             `json:"latestDateCovered"`
	}
	mustUnmarshal(t, body, &del)
	if len(del.DeletedRecords) != 2 || del.DeletedRecords[0].DeletedDate != "2026-01-03T09:00:00.000+0000" ||
		del.Latest != "2026-01-05T09:30:00.000+0000" || del.Earliest != "2026-01-03T09:00:00.000+0000" {
		t.Errorf("deleted %+v", del)
	}
	code, _, body = do(t, "GET", base+"Case/updated/"+rng, tok, nil)
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	assertSameShape(t, fixture(t, "restforce_get_updated_success_response.json"), body)
	var upd struct {
		IDs    []string `json:"ids"`
		Latest string   `json:"latestDateCovered"`
	}
	mustUnmarshal(t, body, &upd)
	want := countRows(t, s, `SELECT count(*) FROM "Case" WHERE "IsDeleted" = 0 AND "SystemModstamp" >= '2026-01-01T00:00:00.000Z' AND "SystemModstamp" < '2026-01-05T09:30:45.000Z'`)
	if len(upd.IDs) != want || want == 0 {
		t.Errorf("updated %d ids, want %d", len(upd.IDs), want)
	}
	for _, bad := range []string{"", "?start=yesterday&end=today", "?start=2026-01-05T00:00:00Z&end=2026-01-01T00:00:00Z"} {
		if code, _, _ := do(t, "GET", base+"Case/updated/"+bad, tok, nil); code != 400 {
			t.Errorf("%q: %d", bad, code)
		}
	}
}
