package emulator

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

const fixtureDir = "../../shared/fixtures/salesforce/cumulusci/"

// bulk1Org is a demo org with a Bulk 1.0 base URL and a session.
type bulk1Org struct {
	*bulk2Org
	async string // …/services/async/58.0
}

func newBulk1Org(t *testing.T) *bulk1Org {
	o := newBulk2Org(t)
	return &bulk1Org{bulk2Org: o, async: o.ts.URL + "/services/async/58.0"}
}

// call sends a Bulk 1.0 request with X-SFDC-Session (as jsforce does).
func (o *bulk1Org) call(t *testing.T, method, path, contentType, body string, hdr ...string) (int, string, string) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	h := append([]string{"X-SFDC-Session", o.tok}, hdr...)
	if contentType != "" {
		h = append(h, "Content-Type", contentType)
	}
	code, rh, b := do(t, method, o.async+path, "", r, h...)
	return code, rh.Get("Content-Type"), string(b)
}

// elementNames lists the start elements of an XML document as
// "depth:name", the structure a template pins down.
func elementNames(t *testing.T, doc string) []string {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(doc))
	var out []string
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("xml: %v\n%s", err, doc)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			if x.Name.Space != asyncNS && depth == 0 {
				t.Errorf("root namespace %q", x.Name.Space)
			}
			out = append(out, fmt.Sprintf("%d:%s", depth, x.Name.Local))
			depth++
		case xml.EndElement:
			depth--
		}
	}
}

// xmlValue returns the text of the first element with that name.
func xmlValue(doc, name string) string {
	m := regexp.MustCompile(`<` + name + `>([^<]*)</` + name + `>`).FindStringSubmatch(doc)
	if m == nil {
		return ""
	}
	return m[1]
}

func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(fixtureDir + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// waitBatch polls a batch until it is Completed, Failed or NotProcessed.
func (o *bulk1Org) waitBatch(t *testing.T, job, batch, contentType string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		_, _, b := o.call(t, "GET", "/job/"+job+"/batch/"+batch, contentType, "")
		state := xmlValue(b, "state")
		if contentType == contentBulkJSON {
			var v struct{ State string }
			_ = json.Unmarshal([]byte(b), &v)
			state = v.State
		}
		if state == batchCompleted || state == batchFailed || state == batchNotProcessed {
			return b
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("batch did not finish")
	return ""
}

func TestBulk1XMLQueryFlow(t *testing.T) {
	o := newBulk1Org(t)
	code, ct, job := o.call(t, "POST", "/job", "application/xml; charset=UTF-8",
		`<?xml version="1.0" encoding="UTF-8"?><jobInfo xmlns="http://www.force.com/2009/06/asyncapi/dataload"><operation>query</operation><object>Contact</object><concurrencyMode>Parallel</concurrencyMode><contentType>CSV</contentType></jobInfo>`)
	if code != 201 || ct != "application/xml" {
		t.Fatalf("create: %d %s %s", code, ct, job)
	}
	tpl := readFixture(t, "jobInfo_insert_xml.tpl")
	if got, want := elementNames(t, job), elementNames(t, tpl); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("jobInfo elements:\n got %v\nwant %v", got, want)
	}
	if !strings.HasPrefix(job, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><jobInfo\n   xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\">\n <id>750") {
		t.Errorf("jobInfo text: %q", job[:min(len(job), 140)])
	}
	id := xmlValue(job, "id")
	if xmlValue(job, "operation") != "query" || xmlValue(job, "object") != "Contact" || xmlValue(job, "state") != "Open" ||
		xmlValue(job, "apiVersion") != "58.0" || xmlValue(job, "createdById") != o.s.org.User.ID ||
		!regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$`).MatchString(xmlValue(job, "createdDate")) {
		t.Errorf("jobInfo values: %s", job)
	}
	// A new job's batch list is the recorded empty list, byte for byte.
	if _, ct, b := o.call(t, "GET", "/job/"+id+"/batch", "", ""); ct != "application/xml" ||
		b != "<?xml version=\"1.0\" encoding=\"UTF-8\"?><batchInfoList\n   xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\" />" {
		t.Errorf("empty batch list: %q", b)
	}
	code, ct, batch := o.call(t, "POST", "/job/"+id+"/batch", "text/csv; charset=UTF-8", "SELECT Id, Name, Account.Name FROM Contact")
	if code != 201 || ct != "application/xml" || xmlValue(batch, "state") != "Queued" || xmlValue(batch, "jobId") != id {
		t.Fatalf("add batch: %d %s %s", code, ct, batch)
	}
	if got, want := elementNames(t, batch), elementNames(t, readFixture(t, "batchInfo_xml.tpl")); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("batchInfo elements:\n got %v\nwant %v", got, want)
	}
	bid := xmlValue(batch, "id")
	done := o.waitBatch(t, id, bid, "")
	want, n := expectCSV(t, o.s, `"Id","Name","Account.Name"`, `SELECT c."Id", c."Name", a."Name" FROM "Contact" c LEFT JOIN "Account" a ON a."Id" = c."AccountId" WHERE c."IsDeleted" = 0 ORDER BY c."Id"`)
	if xmlValue(done, "state") != "Completed" || xmlValue(done, "numberRecordsProcessed") != fmt.Sprint(n) {
		t.Errorf("batch: %s", done)
	}
	_, _, list := o.call(t, "GET", "/job/"+id+"/batch", "", "")
	if got, want := elementNames(t, list), elementNames(t, readFixture(t, "batchInfoList_xml.tpl")); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("batchInfoList elements:\n got %v\nwant %v", got, want)
	}
	_, _, rl := o.call(t, "GET", "/job/"+id+"/batch/"+bid+"/result", "", "")
	rid := xmlValue(rl, "result")
	if rl != `<?xml version="1.0" encoding="UTF-8"?><result-list xmlns="http://www.force.com/2009/06/asyncapi/dataload"><result>`+rid+`</result></result-list>` || !strings.HasPrefix(rid, "752") {
		t.Errorf("result list: %s", rl)
	}
	code, ct, csv := o.call(t, "GET", "/job/"+id+"/batch/"+bid+"/result/"+rid, "", "")
	if code != 200 || ct != "text/csv" || csv != want {
		t.Errorf("result: %d %s\n%s\nwant\n%s", code, ct, csv, want)
	}
	if _, _, req := o.call(t, "GET", "/job/"+id+"/batch/"+bid+"/request", "", ""); req != "SELECT Id, Name, Account.Name FROM Contact" {
		t.Errorf("request: %q", req)
	}
	// Close: 200 with the counters; no more batches.
	code, ct, closed := o.call(t, "POST", "/job/"+id, "application/xml; charset=UTF-8", `<jobInfo xmlns="http://www.force.com/2009/06/asyncapi/dataload"><state>Closed</state></jobInfo>`)
	if code != 200 || ct != "application/xml" || xmlValue(closed, "state") != "Closed" || xmlValue(closed, "numberBatchesCompleted") != "1" ||
		xmlValue(closed, "numberBatchesTotal") != "1" || xmlValue(closed, "numberRecordsProcessed") != fmt.Sprint(n) {
		t.Errorf("close: %d %s", code, closed)
	}
	if code, _, b := o.call(t, "POST", "/job/"+id+"/batch", "text/csv", "SELECT Id FROM Account"); code != 400 || xmlValue(b, "exceptionCode") != "InvalidJobState" {
		t.Errorf("batch on closed job: %d %s", code, b)
	}
}

func TestBulk1JSONJob(t *testing.T) {
	o := newBulk1Org(t)
	code, ct, job := o.call(t, "POST", "/job", "application/json", `{"operation":"queryAll","object":"Contact","contentType":"JSON"}`)
	if code != 201 || ct != "application/json" {
		t.Fatalf("create: %d %s %s", code, ct, job)
	}
	var info map[string]any
	if err := json.Unmarshal([]byte(job), &info); err != nil {
		t.Fatal(err)
	}
	var keys []string // in document order (the object is flat)
	for _, m := range regexp.MustCompile(`"([A-Za-z]+)":`).FindAllStringSubmatch(job, -1) {
		keys = append(keys, m[1])
	}
	if !sort.StringsAreSorted(keys) || len(keys) != 24 || info["state"] != "Open" || info["operation"] != "queryAll" || info["apiVersion"] != 58.0 ||
		!strings.HasPrefix(job, `{"apexProcessingTime":0,"apiActiveProcessingTime":0,"apiVersion":58.0,"assignmentRuleId":null,`) {
		t.Errorf("json jobInfo: %s", job)
	}
	id := info["id"].(string)
	code, ct, batch := o.call(t, "POST", "/job/"+id+"/batch", "application/json", "SELECT Id, LastName, Birthdate, CreatedDate, Account.Name FROM Contact")
	if code != 201 || ct != "application/json" {
		t.Fatalf("batch: %d %s %s", code, ct, batch)
	}
	var b struct {
		ID    string `json:"id"`
		State string `json:"state"`
	}
	_ = json.Unmarshal([]byte(batch), &b)
	// The recorded JSON batchInfo: keys in alphabetical order, stateMessage
	// null, "+0000" timestamps.
	created := regexp.MustCompile(`"createdDate":"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000\+0000)"`).FindStringSubmatch(batch)
	if created == nil {
		t.Fatalf("batch createdDate: %s", batch)
	}
	wantBatch := fmt.Sprintf(`{"apexProcessingTime":0,"apiActiveProcessingTime":0,"createdDate":"%s","id":"%s","jobId":"%s","numberRecordsFailed":0,"numberRecordsProcessed":0,"state":"Queued","stateMessage":null,"systemModstamp":"%s","totalProcessingTime":0}`,
		created[1], b.ID, id, created[1])
	if strings.TrimSpace(batch) != wantBatch {
		t.Errorf("json batchInfo:\n%s\nwant\n%s", batch, wantBatch)
	}

	o.waitBatch(t, id, b.ID, contentBulkJSON)
	_, ct, rl := o.call(t, "GET", "/job/"+id+"/batch/"+b.ID+"/result", "", "")
	var rids []string
	if ct != "application/json" || json.Unmarshal([]byte(rl), &rids) != nil || len(rids) != 1 {
		t.Fatalf("result list: %s %s", ct, rl)
	}
	_, ct, body := o.call(t, "GET", "/job/"+id+"/batch/"+b.ID+"/result/"+rids[0], "", "")
	var recs []map[string]any
	if ct != "application/json" || json.Unmarshal([]byte(body), &recs) != nil {
		t.Fatalf("records: %s %.200s", ct, body)
	}
	rows, err := o.s.db.Query(`SELECT c."Id", c."Birthdate", c."CreatedDate", a."Name" FROM "Contact" c LEFT JOIN "Account" a ON a."Id" = c."AccountId" ORDER BY c."Id"`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	i := 0
	for rows.Next() {
		var cid string
		var birth, created, acct *string
		if err := rows.Scan(&cid, &birth, &created, &acct); err != nil {
			t.Fatal(err)
		}
		if i >= len(recs) {
			t.Fatalf("only %d records", len(recs))
		}
		r := recs[i]
		i++
		attrs, _ := r["attributes"].(map[string]any)
		if r["Id"] != cid || attrs["type"] != "Contact" || attrs["url"] != "/services/data/v58.0/sobjects/Contact/"+cid {
			t.Errorf("record %d: %v", i, r)
		}
		ct, _ := time.Parse("2006-01-02T15:04:05.000Z", *created)
		if r["CreatedDate"] != float64(ct.UnixMilli()) {
			t.Errorf("CreatedDate %v, want epoch ms of %s", r["CreatedDate"], *created)
		}
		if birth == nil && r["Birthdate"] != nil {
			t.Errorf("Birthdate %v, want null", r["Birthdate"])
		}
		if birth != nil {
			bt, _ := time.Parse("2006-01-02", *birth)
			if r["Birthdate"] != float64(bt.UnixMilli()) {
				t.Errorf("Birthdate %v, want epoch ms of %s", r["Birthdate"], *birth)
			}
		}
		parent, _ := r["Account"].(map[string]any)
		switch {
		case acct == nil && r["Account"] != nil:
			t.Errorf("Account %v, want null", r["Account"])
		case acct != nil && (parent == nil || parent["Name"] != *acct || parent["attributes"].(map[string]any)["type"] != "Account"):
			t.Errorf("Account %v, want %s", r["Account"], *acct)
		}
	}
	if i != len(recs) || i == 0 {
		t.Errorf("%d records, want %d", len(recs), i)
	}
	// JSON jobs get JSON errors.
	if code, ct, b := o.call(t, "GET", "/job/"+id+"/batch/751000000000000AAA", "", ""); code != 400 || ct != "application/json" ||
		!strings.HasPrefix(b, `{"exceptionCode":"InvalidBatch","exceptionMessage":`) {
		t.Errorf("json error: %d %s %s", code, ct, b)
	}
}

func TestBulk1PKChunking(t *testing.T) {
	o := newBulk1Org(t)
	addCases(t, o.s, 25)
	var total int
	if err := o.s.db.QueryRow(`SELECT count(*) FROM "Case"`).Scan(&total); err != nil {
		t.Fatal(err)
	}
	code, _, job := o.call(t, "POST", "/job", "application/xml", `<jobInfo xmlns="http://www.force.com/2009/06/asyncapi/dataload"><operation>query</operation><object>Case</object><contentType>CSV</contentType></jobInfo>`,
		"Sforce-Enable-PKChunking", "chunkSize=10")
	if code != 201 {
		t.Fatalf("create: %d %s", code, job)
	}
	id := xmlValue(job, "id")
	_, _, batch := o.call(t, "POST", "/job/"+id+"/batch", "text/csv", "SELECT Id, Subject FROM Case WHERE Subject != null")
	orig := xmlValue(batch, "id")
	if st := xmlValue(o.waitBatch(t, id, orig, ""), "state"); st != batchNotProcessed {
		t.Fatalf("original batch %s, want NotProcessed", st)
	}
	// Every chunk batch completes; together they hold the query's rows.
	_, _, list := o.call(t, "GET", "/job/"+id+"/batch", "", "")
	ids := regexp.MustCompile(`<id>(751[^<]+)</id>`).FindAllStringSubmatch(list, -1)
	if len(ids) != 1+(total+9)/10 {
		t.Fatalf("%d batches for %d rows in chunks of 10: %s", len(ids), total, list)
	}
	var got []string
	for _, m := range ids[1:] {
		b := o.waitBatch(t, id, m[1], "")
		if xmlValue(b, "state") != batchCompleted {
			t.Fatalf("chunk %s: %s", m[1], b)
		}
		if _, _, req := o.call(t, "GET", "/job/"+id+"/batch/"+m[1]+"/request", "", ""); !strings.Contains(req, "Id >= '500") {
			t.Errorf("chunk request %q", req)
		}
		_, _, rl := o.call(t, "GET", "/job/"+id+"/batch/"+m[1]+"/result", "", "")
		_, _, csv := o.call(t, "GET", "/job/"+id+"/batch/"+m[1]+"/result/"+xmlValue(rl, "result"), "", "")
		lines := strings.Split(strings.TrimSuffix(csv, "\n"), "\n")
		if lines[0] != `"Id","Subject"` || len(lines) > 11 {
			t.Fatalf("chunk result %q", csv)
		}
		got = append(got, lines[1:]...)
	}
	want, _ := expectCSV(t, o.s, `"Id","Subject"`, `SELECT "Id", "Subject" FROM "Case" WHERE "IsDeleted" = 0 AND "Subject" IS NOT NULL ORDER BY "Id"`)
	sort.Strings(got)
	if strings.Join(append([]string{`"Id","Subject"`}, got...), "\n")+"\n" != want {
		t.Errorf("chunks joined:\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	// PK chunking takes only SELECT … FROM … WHERE.
	_, _, batch = o.call(t, "POST", "/job/"+id+"/batch", "text/csv", "SELECT Id FROM Case ORDER BY Subject")
	if b := o.waitBatch(t, id, xmlValue(batch, "id"), ""); xmlValue(b, "state") != batchFailed || !strings.HasPrefix(xmlValue(b, "stateMessage"), "InvalidBatch : ") {
		t.Errorf("ordered query under PK chunking: %s", b)
	}
	// Objects without PK chunking, and bad headers, fail at create.
	for _, h := range [][2]string{{"Solution", "TRUE"}, {"Case", "chunkSize=0"}, {"Case", "chunkSize=250001"}, {"Case", "startRow=nope"}, {"Case", "bogus"}} {
		code, _, b := o.call(t, "POST", "/job", "application/xml", `<jobInfo xmlns="http://www.force.com/2009/06/asyncapi/dataload"><operation>query</operation><object>`+h[0]+`</object><contentType>CSV</contentType></jobInfo>`,
			"Sforce-Enable-PKChunking", h[1])
		if code != 400 || xmlValue(b, "exceptionCode") != "InvalidJob" {
			t.Errorf("%v: %d %s", h, code, b)
		}
	}
}

func TestBulk1BatchFailures(t *testing.T) {
	o := newBulk1Org(t)
	_, _, job := o.call(t, "POST", "/job", "application/xml", `<jobInfo xmlns="http://www.force.com/2009/06/asyncapi/dataload"><operation>query</operation><object>Account</object><contentType>CSV</contentType></jobInfo>`)
	id := xmlValue(job, "id")
	cases := []struct{ soql, msg string }{
		{"SELECT Id, BillingAddress FROM Account", "InvalidBatch : Failed to process query: FUNCTIONALITY_NOT_ENABLED: Selecting compound data not supported in Bulk Query"},
		{"SELECT COUNT() FROM Account", "InvalidBatch : Failed to process query: FUNCTIONALITY_NOT_ENABLED: " + msgBulkAggregate},
		{"SELECT Id, (SELECT Id FROM Contacts) FROM Account", "InvalidBatch : Failed to process query: FUNCTIONALITY_NOT_ENABLED: " + msgBulkSubquery},
		{"SELECT Id FROM Contact", "InvalidBatch : Failed to process query: INVALID_TYPE: The query's object Contact is not the job's object Account"},
		{"SELECT Nope FROM Account", "InvalidBatch : Failed to process query: INVALID_FIELD: "},
	}
	for _, c := range cases {
		code, _, b := o.call(t, "POST", "/job/"+id+"/batch", "text/csv", c.soql)
		if code != 201 {
			t.Fatalf("%s: %d %s", c.soql, code, b)
		}
		done := o.waitBatch(t, id, xmlValue(b, "id"), "")
		msg := xmlValue(done, "stateMessage")
		if xmlValue(done, "state") != batchFailed || !strings.HasPrefix(msg, c.msg) {
			t.Errorf("%s: %s", c.soql, done)
		}
		if names := elementNames(t, done); names[4] != "1:stateMessage" {
			t.Errorf("stateMessage follows state: %v", names)
		}
		if code, _, b := o.call(t, "GET", "/job/"+id+"/batch/"+xmlValue(b, "id")+"/result", "", ""); code != 400 || xmlValue(b, "exceptionCode") != "InvalidBatch" {
			t.Errorf("result of failed batch: %d %s", code, b)
		}
	}
	_, _, info := o.call(t, "GET", "/job/"+id, "", "")
	if xmlValue(info, "numberBatchesFailed") != fmt.Sprint(len(cases)) {
		t.Errorf("job counters: %s", info)
	}
}

func TestBulk1Errors(t *testing.T) {
	o := newBulk1Org(t)
	// No session: the recorded InvalidSessionId document, 400.
	code, ct, b := do(t, "GET", o.async+"/job/750000000000000AAA", "", nil)
	if code != 400 || ct.Get("Content-Type") != "application/xml" ||
		string(b) != "<?xml version=\"1.0\" encoding=\"UTF-8\"?><error\n   xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\">\n <exceptionCode>InvalidSessionId</exceptionCode>\n <exceptionMessage>Invalid session id</exceptionMessage>\n</error>" {
		t.Errorf("no session: %d %q", code, b)
	}
	cases := []struct {
		method, path, ctype, body string
		status                    int
		code                      string
	}{
		{"GET", "/job/750000000000000AAA", "", "", 400, "InvalidJob"},
		{"POST", "/job", "application/xml", `<jobInfo xmlns="` + asyncNS + `"><operation>query</operation><object>Nope__c</object></jobInfo>`, 400, "InvalidEntity"},
		{"POST", "/job", "application/xml", `<jobInfo xmlns="` + asyncNS + `"><operation>insert</operation><object>Account</object></jobInfo>`, 501, "FeatureNotEnabled"},
		{"POST", "/job", "application/xml", `<jobInfo xmlns="` + asyncNS + `"><operation>query</operation><object>Account</object><contentType>ZIP_CSV</contentType></jobInfo>`, 400, "InvalidJob"},
		{"POST", "/job", "application/xml", `<jobInfo`, 400, "InvalidXML"},
		{"GET", "/job", "", "", 405, "MethodNotAllowed"},
	}
	for _, c := range cases {
		code, ct, b := o.call(t, c.method, c.path, c.ctype, c.body)
		if code != c.status || ct != "application/xml" || xmlValue(b, "exceptionCode") != c.code {
			t.Errorf("%s %s %s: %d %s %s", c.method, c.path, c.body, code, ct, b)
		}
	}
	if code, _, b := do(t, "GET", o.ts.URL+"/services/async/20.0/job/x", "", nil, "X-SFDC-Session", o.tok); code != 400 || xmlValue(string(b), "exceptionCode") != "InvalidVersion" {
		t.Errorf("old version: %d %s", code, b)
	}
	if n := o.s.RequestCounts()["bulk"]; n < len(cases) {
		t.Errorf("bulk request count %d", n)
	}
}

func TestBulk1Abort(t *testing.T) {
	o := newBulk1Org(t)
	o.s.SetBulkDelay(10 * time.Second)
	_, _, job := o.call(t, "POST", "/job", "application/xml", `<jobInfo xmlns="`+asyncNS+`"><operation>query</operation><object>Case</object><contentType>CSV</contentType></jobInfo>`)
	id := xmlValue(job, "id")
	_, _, batch := o.call(t, "POST", "/job/"+id+"/batch", "text/csv", "SELECT Id FROM Case")
	if n := o.s.RunningJobs(); n != 1 {
		t.Fatalf("RunningJobs = %d", n)
	}
	begin := time.Now()
	code, _, b := o.call(t, "POST", "/job/"+id, "application/xml", `<jobInfo xmlns="`+asyncNS+`"><state>Aborted</state></jobInfo>`)
	if code != 200 || xmlValue(b, "state") != "Aborted" || time.Since(begin) > time.Second {
		t.Errorf("abort: %d %s in %v", code, b, time.Since(begin))
	}
	if n := o.s.RunningJobs(); n != 0 {
		t.Errorf("RunningJobs after abort = %d", n)
	}
	if _, _, bi := o.call(t, "GET", "/job/"+id+"/batch/"+xmlValue(batch, "id"), "", ""); xmlValue(bi, "state") != batchNotProcessed {
		t.Errorf("batch after abort: %s", bi)
	}
	if code, _, b := o.call(t, "POST", "/job/"+id, "application/xml", `<jobInfo xmlns="`+asyncNS+`"><state>Closed</state></jobInfo>`); code != 400 || xmlValue(b, "exceptionCode") != "InvalidJobState" {
		t.Errorf("close aborted: %d %s", code, b)
	}
}

func TestBulk1XMLResults(t *testing.T) {
	o := newBulk1Org(t)
	_, _, job := o.call(t, "POST", "/job", "application/xml", `<jobInfo xmlns="`+asyncNS+`"><operation>query</operation><object>Contact</object><contentType>XML</contentType></jobInfo>`)
	id := xmlValue(job, "id")
	if xmlValue(job, "contentType") != "XML" {
		t.Fatalf("create: %s", job)
	}
	var cid, acctID, acctName, created string
	if err := o.s.db.QueryRow(`SELECT c."Id", a."Id", a."Name", c."CreatedDate" FROM "Contact" c JOIN "Account" a ON a."Id" = c."AccountId" WHERE c."IsDeleted" = 0 ORDER BY c."Id" LIMIT 1`).Scan(&cid, &acctID, &acctName, &created); err != nil {
		t.Fatal(err)
	}
	_, _, batch := o.call(t, "POST", "/job/"+id+"/batch", "application/xml", "SELECT Id, LastName, CreatedDate, Account.Name, Account.Id FROM Contact WHERE Id = '"+cid+"'")
	bid := xmlValue(batch, "id")
	o.waitBatch(t, id, bid, "")
	_, _, rl := o.call(t, "GET", "/job/"+id+"/batch/"+bid+"/result", "", "")
	code, ct, body := o.call(t, "GET", "/job/"+id+"/batch/"+bid+"/result/"+xmlValue(rl, "result"), "", "")
	var last string
	if err := o.s.db.QueryRow(`SELECT "LastName" FROM "Contact" WHERE "Id" = ?`, cid).Scan(&last); err != nil {
		t.Fatal(err)
	}
	want := `<?xml version="1.0" encoding="UTF-8"?><queryResult xmlns="http://www.force.com/2009/06/asyncapi/dataload" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<records xsi:type="sObject"><type>Contact</type><Id>` + cid + `</Id><Id>` + cid + `</Id><LastName>` + xmlText.Replace(last) + `</LastName><CreatedDate>` + created + `</CreatedDate>` +
		`<Account xsi:type="sObject"><type>Account</type><Id>` + acctID + `</Id><Name>` + xmlText.Replace(acctName) + `</Name><Id>` + acctID + `</Id></Account></records></queryResult>`
	if code != 200 || ct != "application/xml" || body != want {
		t.Errorf("xml results: %d %s\n%s\nwant\n%s", code, ct, body, want)
	}
	elementNames(t, body) // well-formed
}

// TestBulkFaults: faults aimed at "bulk" answer in Bulk 1.0's XML, those
// aimed at "bulk2" and "reports" in the REST envelope.
func TestBulkFaults(t *testing.T) {
	o := newBulk1Org(t)
	o.s.InjectFault(Fault{Endpoint: "bulk", Kind: FaultInvalidSession, Rate: 1, Count: 1})
	o.s.InjectFault(Fault{Endpoint: "bulk2", Kind: Fault503, Rate: 1, Count: 1})
	o.s.InjectFault(Fault{Endpoint: "reports", Kind: FaultConcurrentLimit, Rate: 1, Count: 1})
	job := `<jobInfo xmlns="` + asyncNS + `"><operation>query</operation><object>Account</object><contentType>CSV</contentType></jobInfo>`
	if code, ct, b := o.call(t, "POST", "/job", "application/xml", job); code != 400 || ct != "application/xml" || xmlValue(b, "exceptionCode") != "InvalidSessionId" {
		t.Errorf("bulk fault: %d %s %s", code, ct, b)
	}
	if code, _, b := o.call(t, "POST", "/job", "application/xml", job); code != 201 {
		t.Errorf("after the fault: %d %s", code, b)
	}
	if code, _, b := do(t, "GET", o.base, o.tok, nil); code != 503 || !strings.Contains(string(b), `"errorCode":"SERVER_UNAVAILABLE"`) {
		t.Errorf("bulk2 fault: %d %s", code, b)
	}
	if code, _, b := do(t, "GET", o.ts.URL+"/services/data/v58.0/analytics/reports", o.tok, nil); code != 403 || !strings.Contains(string(b), `"errorCode":"REQUEST_LIMIT_EXCEEDED"`) {
		t.Errorf("reports fault: %d %s", code, b)
	}
	c := o.s.RequestCounts()
	if c["bulk"] != 2 || c["bulk2"] != 1 || c["reports"] != 1 {
		t.Errorf("counts %v", c)
	}
}

// TestBulkJSONRecords pins the JSON record form: attributes first, fields
// in column order, parents typed by their object and null when empty,
// dates as epoch milliseconds.
func TestBulkJSONRecords(t *testing.T) {
	res := &bulkResult{
		cols: []bulkColumn{{Name: "Id", Type: "id"}, {Name: "Owner.Name", Type: "string", parents: []string{"User"}},
			{Name: "IsDeleted", Type: "boolean"}, {Name: "CreatedDate", Type: "datetime"}, {Name: "NumberOfEmployees", Type: "int"}},
		records: [][]any{
			{"001000000000001AAA", "Dee Mo", int64(0), "2026-01-05T09:00:00.000Z", int64(12)},
			{"001000000000002AAA", nil, int64(1), nil, nil},
		},
	}
	got, err := json.Marshal(jsonRecords("Account", "58.0", res))
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"attributes":{"type":"Account","url":"/services/data/v58.0/sobjects/Account/001000000000001AAA"},"Id":"001000000000001AAA","Owner":{"attributes":{"type":"User"},"Name":"Dee Mo"},"IsDeleted":false,"CreatedDate":1767603600000,"NumberOfEmployees":12},` +
		`{"attributes":{"type":"Account","url":"/services/data/v58.0/sobjects/Account/001000000000002AAA"},"Id":"001000000000002AAA","Owner":null,"IsDeleted":true,"CreatedDate":null,"NumberOfEmployees":null}]`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	x := xmlRecords("Account", res)
	wantX := `<records xsi:type="sObject"><type>Account</type><Id>001000000000001AAA</Id><Id>001000000000001AAA</Id><Owner xsi:type="sObject"><type>User</type><Id xsi:nil="true"/><Name>Dee Mo</Name></Owner><IsDeleted>false</IsDeleted><CreatedDate>2026-01-05T09:00:00.000Z</CreatedDate><NumberOfEmployees>12</NumberOfEmployees></records>`
	if !strings.Contains(x, wantX) || !strings.Contains(x, `<Owner xsi:nil="true"/><IsDeleted>true</IsDeleted>`) {
		t.Errorf("xml:\n%s", x)
	}
}
