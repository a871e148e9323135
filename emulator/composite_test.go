package emulator

import (
	"strings"
	"testing"
)

// TestCollectionRetrieve: POST and GET /composite/sobjects/X answer one
// entry per id, in order, null for an unknown or deleted record.
func TestCollectionRetrieve(t *testing.T) {
	_, ts := newTestServer(t, Options{Seed: "demo"})
	tok := login(t, ts.URL)
	base := ts.URL + "/services/data/v58.0/composite/sobjects/Account"
	// GenePoint, Edge Communications, an unknown id, the deleted account.
	deleted := queryOne(t, ts.URL, tok, "SELECT Id FROM Account WHERE IsDeleted = true", "/queryAll")
	body := `{"ids":["001Dm0000000001IAA","001Dm0000000004IAA","001Dm00000000ZZIAA","` + deleted + `"],"fields":["Name","Industry"]}`
	code, _, got := do(t, "POST", base, tok, strings.NewReader(body), "Content-Type", "application/json")
	want := `[{"attributes":{"type":"Account","url":"/services/data/v58.0/sobjects/Account/001Dm0000000001IAA"},"Name":"GenePoint","Industry":"Biotechnology"},` +
		`{"attributes":{"type":"Account","url":"/services/data/v58.0/sobjects/Account/001Dm0000000004IAA"},"Name":"Edge Communications","Industry":"Electronics"},null,null]`
	if code != 200 || string(got) != want {
		t.Fatalf("POST: %d %s\nwant %s", code, got, want)
	}
	code, _, got = do(t, "GET", base+"?ids=001Dm0000000001IAA&fields=Name", tok, nil)
	if want := `[{"attributes":{"type":"Account","url":"/services/data/v58.0/sobjects/Account/001Dm0000000001IAA"},"Name":"GenePoint"}]`; code != 200 || string(got) != want {
		t.Fatalf("GET: %d %s", code, got)
	}
	code, _, got = do(t, "POST", base, tok, strings.NewReader(`{"ids":["001Dm0000000001IAA"],"fields":["Nme"]}`), "Content-Type", "application/json")
	if code != 400 || !strings.Contains(string(got), `"errorCode":"INVALID_FIELD"`) {
		t.Fatalf("unknown field: %d %s", code, got)
	}
	code, _, got = do(t, "DELETE", base, tok, nil)
	if code != 501 {
		t.Fatalf("DELETE (collections delete, not emulated): %d %s", code, got)
	}
}

// queryOne runs a one-row, one-column query and returns the value.
func queryOne(t *testing.T, base, tok, soql, endpoint string) string {
	t.Helper()
	code, _, b := do(t, "GET", base+"/services/data/v58.0"+endpoint+"?q="+strings.ReplaceAll(soql, " ", "+"), tok, nil)
	if code != 200 {
		t.Fatalf("%s: %d %s", soql, code, b)
	}
	var res struct {
		Records []map[string]any `json:"records"`
	}
	mustUnmarshal(t, b, &res)
	if len(res.Records) != 1 {
		t.Fatalf("%s: %d records", soql, len(res.Records))
	}
	for k, v := range res.Records[0] {
		if k != "attributes" {
			return v.(string)
		}
	}
	t.Fatalf("%s: no value", soql)
	return ""
}
