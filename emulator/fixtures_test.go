package emulator

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
)

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// passwordForm is the OAuth password grant of the demo user.
func passwordForm() url.Values {
	return url.Values{"grant_type": {"password"}, "client_id": {DemoClientID}, "client_secret": {DemoClientSecret},
		"username": {DemoUsername}, "password": {DemoPassword + DemoSecurityToken}}
}

// postForm posts a form and returns status and body.
func postForm(t *testing.T, u string, form url.Values) (int, []byte) {
	t.Helper()
	code, _, body := do(t, "POST", u, "", strings.NewReader(form.Encode()), "Content-Type", "application/x-www-form-urlencoded")
	return code, body
}

// login returns an access token of the demo user (OAuth password grant).
func login(t *testing.T, base string) string {
	t.Helper()
	code, body := postForm(t, base+"/services/oauth2/token", passwordForm())
	if code != 200 {
		t.Fatalf("login: %d %s", code, body)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	mustUnmarshal(t, body, &tok)
	return tok.AccessToken
}

func TestFixtureOAuthPasswordToken(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	code, body := postForm(t, ts.URL+"/services/oauth2/token", passwordForm())
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	assertSameShape(t, fixture(t, "oauth_password_token_response.json"), body)
	assertShapeCovers(t, fixture(t, "restforce_auth_success_response.json"), body)
}

func TestFixtureOAuthErrors(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	bad := passwordForm()
	bad.Set("password", "wrong")
	code, body := postForm(t, ts.URL+"/services/oauth2/token", bad)
	if code != 400 || string(body) != `{"error":"invalid_grant","error_description":"authentication failure"}` {
		t.Errorf("bad password: %d %s", code, body)
	}
	assertSameShape(t, fixture(t, "restforce_auth_error_response.json"), body)

	code, body = postForm(t, ts.URL+"/services/oauth2/token", url.Values{"grant_type": {"refresh_token"},
		"client_id": {DemoClientID}, "refresh_token": {"5Aep-unknown"}})
	if code != 400 || string(body) != `{"error":"invalid_grant","error_description":"expired access/refresh token"}` {
		t.Errorf("bad refresh token: %d %s", code, body)
	}
	assertSameShape(t, fixture(t, "restforce_refresh_error_response.json"), body)
}

func TestFixtureExpiredSession(t *testing.T) {
	s, ts := newTestServer(t, Options{})
	tok := login(t, ts.URL)
	if code, _, body := do(t, "GET", ts.URL+"/services/data/v58.0/limits", tok, nil); code != 200 {
		t.Fatalf("fresh session: %d %s", code, body)
	}
	s.ExpireSessions()
	code, _, body := do(t, "GET", ts.URL+"/services/data/v58.0/limits", tok, nil)
	if code != 401 {
		t.Fatalf("expired session: %d %s", code, body)
	}
	assertSameShape(t, fixture(t, "restforce_expired_session_response.json"), body)
	if string(body) != `[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]` {
		t.Errorf("body %s", body)
	}
}

func TestFixtureDescribeError(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	tok := login(t, ts.URL)
	code, _, body := do(t, "GET", ts.URL+"/services/data/v58.0/sobjects/Nope__c/describe", tok, nil)
	if code != 404 {
		t.Fatalf("%d %s", code, body)
	}
	assertSameShape(t, fixture(t, "restforce_sobject_describe_error_response.json"), body)
}

func TestFixtureDescribes(t *testing.T) {
	s, ts := newTestServer(t, Options{})
	tok := login(t, ts.URL)
	want := fixture(t, "case_describe.json")
	for _, o := range s.schema.ordered {
		t.Run(o.Name, func(t *testing.T) {
			code, h, body := do(t, "GET", ts.URL+"/services/data/v48.0/sobjects/"+o.Name+"/describe", tok, nil)
			if code != 200 || h.Get("Content-Type") != contentJSON {
				t.Fatalf("%d %s %s", code, h.Get("Content-Type"), body)
			}
			assertSameShape(t, want, body, "urls", "defaultValue")
		})
	}
	// The old custom-object describe of restforce: every key it has, we have.
	_, _, body := do(t, "GET", ts.URL+"/services/data/v48.0/sobjects/AllDataType__c/describe", tok, nil)
	assertShapeCovers(t, fixture(t, "restforce_sobject_describe_success_response.json"), body, "urls", "defaultValue")
}

// Case, Account and Contact keep the recorded describes: every recorded
// field (less the recording org's customizations and references to objects
// outside the demo org) is served unchanged, and so are the top-level
// values.
func TestDescribesKeepRecordedFields(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	tok := login(t, ts.URL)
	dropped := map[string]bool{"RecordTypeId": true, "Primary_Contact__c": true, "ns__Description__c": true,
		"History__c": true, "ns__LinkedAccount__c": true, "DandbCompanyId": true, "OperatingHoursId": true, "IndividualId": true}
	for _, name := range []string{"Case", "Account", "Contact"} {
		_, _, body := do(t, "GET", ts.URL+"/services/data/v48.0/sobjects/"+name+"/describe", tok, nil)
		var got, want struct {
			Fields                 []map[string]any `json:"fields"`
			Label, KeyPrefix       string
			Mergeable, FeedEnabled bool
			SupportedScopes        []map[string]string
		}
		mustUnmarshal(t, body, &got)
		mustUnmarshal(t, fixture(t, strings.ToLower(name)+"_describe.json"), &want)
		byName := map[string]map[string]any{}
		for _, f := range got.Fields {
			byName[f["name"].(string)] = f
		}
		kept := 0
		for _, wf := range want.Fields {
			n := wf["name"].(string)
			gf := byName[n]
			if dropped[n] {
				if gf != nil {
					t.Errorf("%s.%s should be dropped", name, n)
				}
				continue
			}
			if gf == nil {
				t.Errorf("%s.%s missing", name, n)
				continue
			}
			kept++
			if a, b := string(marshalJSON(wf)), string(marshalJSON(gf)); a != b {
				t.Errorf("%s.%s differs:\nwant %s\ngot  %s", name, n, a, b)
			}
		}
		if kept < 30 || got.Label != want.Label || got.KeyPrefix != want.KeyPrefix || got.Mergeable != want.Mergeable ||
			len(got.SupportedScopes) != len(want.SupportedScopes) {
			t.Errorf("%s: kept %d fields, top level %+v", name, kept, got.SupportedScopes)
		}
	}
}

func TestFixtureDescribeGlobal(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	tok := login(t, ts.URL)
	code, _, body := do(t, "GET", ts.URL+"/services/data/v52.0/sobjects", tok, nil)
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	assertSameShape(t, fixture(t, "describe_global.json"), body, "urls")
	assertShapeCovers(t, fixture(t, "restforce_describe_sobjects_success_response.json"), body, "urls")
}

func TestFixtureOrganizationRecord(t *testing.T) {
	s, ts := newTestServer(t, Options{})
	tok := login(t, ts.URL)
	code, _, body := do(t, "GET", ts.URL+"/services/data/v52.0/sobjects/Organization/"+s.org.ID, tok, nil)
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	assertSameShape(t, fixture(t, "organization_record.json"), body)
	if !strings.Contains(string(body), `"Address":{"city":null,"country":"US","geocodeAccuracy":null,"latitude":null,"longitude":null,"postalCode":null,"state":null,"street":null}`) {
		t.Errorf("compound Address: %s", body)
	}
}

// urls of Case and of its describeGlobal entry list the recorded keys in
// the recorded order.
func TestCaseURLsAsRecorded(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	tok := login(t, ts.URL)
	keysOf := func(doc []byte, pick func(*shapeNode) *shapeNode) string {
		n, err := parseShape(doc)
		if err != nil {
			t.Fatal(err)
		}
		n = pick(n)
		return strings.Join(n.keys, ",")
	}
	child := func(n *shapeNode, key string) *shapeNode {
		for i, k := range n.keys {
			if k == key {
				return n.vals[i]
			}
		}
		t.Fatalf("no key %s", key)
		return nil
	}
	_, _, body := do(t, "GET", ts.URL+"/services/data/v48.0/sobjects/Case/describe", tok, nil)
	urls := func(n *shapeNode) *shapeNode { return child(n, "urls") }
	if got, want := keysOf(body, urls), keysOf(fixture(t, "case_describe.json"), urls); got != want {
		t.Errorf("Case urls\n got %s\nwant %s", got, want)
	}
	// describeGlobal: for every object both list, the urls keys in order.
	_, _, body = do(t, "GET", ts.URL+"/services/data/v52.0/sobjects", tok, nil)
	recorded := compactFixture(t, "describe_global.json")
	for _, name := range []string{"Account", "Case", "Contact", "Organization", "User"} {
		if got, want := globalURLKeys(t, body, name), globalURLKeys(t, recorded, name); got != want {
			t.Errorf("%s global urls\n got %s\nwant %s", name, got, want)
		}
	}
}

func compactFixture(t *testing.T, name string) []byte {
	var b bytes.Buffer
	if err := json.Compact(&b, fixture(t, name)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// globalURLKeys lists the keys of the urls object of one describeGlobal
// entry, in document order.
func globalURLKeys(t *testing.T, doc []byte, name string) string {
	t.Helper()
	s := string(doc)
	i := strings.Index(s, `"name":"`+name+`",`)
	if i < 0 {
		t.Fatalf("no entry %s", name)
	}
	j := strings.Index(s[i:], `"urls":{`)
	k := strings.Index(s[i+j:], "}")
	var keys []string
	for _, m := range regexp.MustCompile(`"(\w+)":"`).FindAllStringSubmatch(s[i+j+len(`"urls":{`):i+j+k], -1) {
		keys = append(keys, m[1])
	}
	return strings.Join(keys, ",")
}

// A retrieved record renders each type as the recorded restforce record
// (a custom object with a field of most types) does: same JSON types, and
// dates, datetimes and numbers in the same textual forms.
func TestFixtureRecordValues(t *testing.T) {
	s, ts := newTestServer(t, Options{Seed: "demo"})
	tok := login(t, ts.URL)
	var id string
	if err := s.db.QueryRow(`SELECT "Id" FROM "AllDataType__c" WHERE "Name" = 'All Types 03'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	_, _, body := do(t, "GET", ts.URL+"/services/data/v58.0/sobjects/AllDataType__c/"+id, tok, nil)
	var got map[string]json.RawMessage
	mustUnmarshal(t, body, &got)
	var rec map[string]json.RawMessage
	mustUnmarshal(t, fixture(t, "restforce_sobject_find_success_response.json"), &rec)
	// recorded field → ours, and the textual form both must have.
	for _, c := range []struct{ recorded, ours, form string }{
		{"Auto_Number", "Col_AutoNumber__c", `^"[A-Z]+-\d+"$`},
		{"Checkbox_Label", "Col_Checkbox__c", `^(true|false)$`},
		{"Currency_Label", "Col_Currency__c", `^-?\d+\.\d+$`},
		{"Number_Label", "Col_Number__c", `^-?\d+\.\d+$`},
		{"Percent_Label", "Col_Percent__c", `^-?\d+\.\d+$`},
		{"Date_Label", "Col_Date__c", `^"\d{4}-\d\d-\d\d"$`},
		{"DateTime_Label", "Col_DateTime__c", `^"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000"$`},
		{"Email_Label", "Col_Email__c", `^"[^"@]+@[^"]+"$`},
		{"Phone_Label", "Col_Phone__c", `^"\(\d{3}\) [\d-]+"$`},
		{"Picklist_Label", "Col_Picklist__c", `^"\w+"$`},
		{"Picklist_Multiselect_Label", "Col_MultiPicklist__c", `^"\w+(;\w+)+"$`},
		{"Text_Label", "Col_Text__c", `^".+"$`},
		{"TextArea_Label", "Col_TextArea__c", `^".+"$`},
		{"TextAreaLong_Label", "Col_LongTextArea__c", `^".+"$`},
		{"TextAreaRich_Label", "Col_RichTextArea__c", `^".*<\w+>.*</\w+>.*"$`},
		{"URL_Label", "Col_Url__c", `^"https?://.+"$`},
		{"OtherDateTime_Label", "LastReferencedDate", `^null$`},
	} {
		re := regexp.MustCompile(c.form)
		if !re.Match(rec[c.recorded]) {
			t.Errorf("the recorded %s = %s does not have the form %s", c.recorded, rec[c.recorded], c.form)
		}
		if !re.Match(got[c.ours]) {
			t.Errorf("%s = %s, want the form of the recorded %s = %s", c.ours, got[c.ours], c.recorded, rec[c.recorded])
		}
	}
	// The envelope: attributes first, then Id.
	assertSameShape(t, []byte(`{"attributes":{"type":"Whizbang","url":"/x"},"Id":"x"}`), []byte(`{"attributes":`+string(got["attributes"])+`,"Id":`+string(got["Id"])+`}`))
	if !strings.HasPrefix(string(body), `{"attributes":{"type":"AllDataType__c","url":"/services/data/v58.0/sobjects/AllDataType__c/`+id+`"},"Id":"`+id+`",`) {
		t.Errorf("envelope %.120s", body)
	}
}
