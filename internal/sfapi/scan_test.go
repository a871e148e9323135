package sfapi

import (
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"strings"
	"testing"
)

var scanCols = []string{"Id", "Name", "Amount", "Account.Name", "Account.Owner.Name", "BillingAddress"}

// uniqueKeys reports whether no object in the JSON value repeats a key,
// even differing only in case (Salesforce never sends either).
func uniqueKeys(dec *json.Decoder) bool {
	t, err := dec.Token()
	if err != nil {
		return false
	}
	switch t {
	case json.Delim('{'):
		seen := map[string]bool{}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return false
			}
			lk := strings.ToLower(k.(string))
			if seen[lk] {
				return false
			}
			seen[lk] = true
			if !uniqueKeys(dec) {
				return false
			}
		}
		_, err = dec.Token()
		return err == nil
	case json.Delim('['):
		for dec.More() {
			if !uniqueKeys(dec) {
				return false
			}
		}
		_, err = dec.Token()
		return err == nil
	}
	return true
}

// FuzzRecordScanner checks the scanner against the map-based flattening
// on every JSON object, and that it never panics on anything.
func FuzzRecordScanner(f *testing.F) {
	for _, s := range []string{
		`{"attributes":{"type":"Account","url":"/x"},"Id":"001","Name":"A \"q\" \u00e9","Amount":12.50,"Account":null}`,
		`{"Id":"1","Account":{"attributes":{"type":"Account"},"Name":"n","Owner":{"Name":"o"}},"BillingAddress":{"city":"Paris","latitude":1.5e3}}`,
		`{"id":"1","account":{"name":"lower"},"Amount":-0.0}`,
		`{"Id":[1,2,{"a":"}"}],"Name":true,"Amount":false}`,
		`{}`, `{"Id":`, `[1]`, `{"Account":{"Owner":null}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		sc := newRecordScanner(columnsFromNames(scanCols))
		var pending []pendingChild
		got, err := sc.record(b, &pending) // must not panic
		var m map[string]any
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		if dec.Decode(&m) != nil || m == nil || dec.More() || !uniqueKeys(json.NewDecoder(bytes.NewReader(b))) {
			return
		}
		if err != nil {
			t.Fatalf("scanner failed on valid JSON %s: %v", b, err)
		}
		want := flattenRecord(m, columnsFromNames(scanCols), &pending)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s:\nscanner %#v\nmaps    %#v", b, got, want)
		}
	})
}

// referencePage decodes a page with encoding/json alone (UseNumber) and
// flattens it through maps: what decodePage must agree with.
func referencePage(b []byte, cols []string) (*page, bool) {
	// Envelope keys are matched exactly, as Salesforce spells them (a
	// struct would match them case-insensitively).
	var env map[string]json.RawMessage
	if json.Unmarshal(b, &env) != nil || env == nil || !uniqueKeys(json.NewDecoder(bytes.NewReader(b))) {
		return nil, false
	}
	p := &page{}
	if raw, ok := env["totalSize"]; ok {
		var n json.Number
		if json.Unmarshal(raw, &n) != nil {
			return nil, false
		}
		total, err := n.Int64()
		if err != nil {
			return nil, false
		}
		p.total = int(total)
	}
	if raw, ok := env["done"]; ok && json.Unmarshal(raw, &p.done) != nil {
		return nil, false
	}
	if raw, ok := env["nextRecordsUrl"]; ok {
		var next *string
		if json.Unmarshal(raw, &next) != nil {
			return nil, false
		}
		if next != nil {
			p.next = *next
		}
	}
	var recs []map[string]any
	dec := json.NewDecoder(bytes.NewReader(env["records"]))
	dec.UseNumber()
	if dec.Decode(&recs) != nil || recs == nil {
		return nil, false
	}
	if !p.done && p.next == "" {
		return nil, false
	}
	var pending []pendingChild
	for _, rec := range recs {
		if rec == nil {
			return nil, false
		}
		p.rows = append(p.rows, flattenRecord(rec, columnsFromNames(cols), &pending))
	}
	return p, true
}

// FuzzDecodePage checks the streaming page decoder (envelope through
// encoding/json, records cut from the body and scanned) against
// referencePage, through a reader that returns a few bytes at a time.
func FuzzDecodePage(f *testing.F) {
	f.Add([]byte(`{"totalSize":2,"done":true,"records":[{"attributes":{"type":"Case"},"Id":"1","Name":"a\"}"},{"Id":"2","Amount":3.50,"Account":{"Name":"x"}}]}`), uint8(7))
	f.Add([]byte(`{"totalSize":1,"records":[ ],"done":false,"nextRecordsUrl":"/services/data/v58.0/query/01g-2"}`), uint8(1))
	f.Add([]byte(`{"records":[{"Id":"\\"}],"totalSize":1,"done":true}`), uint8(3))
	f.Add(appendCasePage(nil, 0, 5, 10), uint8(64))
	f.Fuzz(func(t *testing.T, b []byte, chunk uint8) {
		r := &Rows{cols: columnsFromNames(scanCols)}
		var pending []pendingChild
		got, err := r.decodePage(&chunkReader{b: b, n: int(chunk%64) + 1}, false, &pending) // must not panic
		want, ok := referencePage(b, scanCols)
		if !ok {
			return
		}
		if err != nil {
			t.Fatalf("%s: decodePage failed on a valid page: %v", b, err)
		}
		if got.total != want.total || got.done != want.done || got.next != want.next || !reflect.DeepEqual(got.rows, want.rows) {
			t.Fatalf("%s:\ngot  %+v\nwant %+v", b, got, want)
		}
	})
}

// chunkReader returns at most n bytes per Read.
type chunkReader struct {
	b []byte
	n int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.b) == 0 {
		return 0, io.EOF
	}
	k := min(c.n, len(p), len(c.b))
	copy(p, c.b[:k])
	c.b = c.b[k:]
	return k, nil
}

// FuzzParseSelectList: any text either yields plain paths and subqueries
// that print back as identifiers, or ok=false; never a panic.
func FuzzParseSelectList(f *testing.F) {
	for _, s := range []string{
		"SELECT Id, Account.Name, (SELECT Id FROM Contacts) FROM Account WHERE Name = 'a,b' ",
		"select COUNT(Id) from Case", "SELECT FROM", "SELECT (", "SELECT 'x FROM y", "SELECT a,,b FROM c",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, soql string) {
		items, _, ok := parseSelectList(soql)
		if !ok {
			return
		}
		var check func([]selectItem)
		check = func(items []selectItem) {
			for _, it := range items {
				for _, seg := range it.path {
					if !isIdent(seg) {
						t.Fatalf("%q: segment %q", soql, seg)
					}
				}
				check(it.sub)
			}
		}
		check(items)
	})
}
