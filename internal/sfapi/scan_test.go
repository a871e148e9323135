package sfapi

import (
	"bytes"
	"encoding/json"
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
