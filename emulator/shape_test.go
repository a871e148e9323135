package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
)

// shapeNode is a parsed JSON value that keeps object keys in document
// order (encoding/json maps would lose it).
type shapeNode struct {
	kind  string // object, array, string, number, bool, null
	keys  []string
	vals  []*shapeNode // object values, by key position
	elems []*shapeNode // array elements
}

func parseShape(doc []byte) (*shapeNode, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	n, err := parseShapeValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("trailing data after the JSON value")
	}
	return n, nil
}

func parseShapeValue(dec *json.Decoder) (*shapeNode, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n := &shapeNode{kind: "object"}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				v, err := parseShapeValue(dec)
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, k.(string))
				n.vals = append(n.vals, v)
			}
			_, err := dec.Token() // '}'
			return n, err
		case '[':
			n := &shapeNode{kind: "array"}
			for dec.More() {
				v, err := parseShapeValue(dec)
				if err != nil {
					return nil, err
				}
				n.elems = append(n.elems, v)
			}
			_, err := dec.Token() // ']'
			return n, err
		}
	case string:
		return &shapeNode{kind: "string"}, nil
	case json.Number:
		return &shapeNode{kind: "number"}, nil
	case bool:
		return &shapeNode{kind: "bool"}, nil
	case nil:
		return &shapeNode{kind: "null"}, nil
	}
	return nil, fmt.Errorf("unexpected token %v", tok)
}

// shapeMode relaxes the comparison for fixtures recorded from older API
// versions.
type shapeMode struct {
	anyOrder  bool            // object keys may come in another order
	extraKeys bool            // got may have keys want lacks
	free      map[string]bool // keys whose values are not compared (maps such as urls, anyType values)
}

// compareShape appends to diffs every place where got's structure differs
// from want's. Rules: objects have the same keys in the same order;
// values have the same JSON type, except that null matches any type
// (nullable values legitimately differ); arrays are compared element by
// element against want's element at the same index, or its last element
// when got is longer (an empty array on either side matches any array).
func compareShape(path string, want, got *shapeNode, mode shapeMode, diffs *[]string) {
	if want.kind == "null" || got.kind == "null" {
		return
	}
	if want.kind != got.kind {
		*diffs = append(*diffs, fmt.Sprintf("%s: want %s, got %s", path, want.kind, got.kind))
		return
	}
	switch want.kind {
	case "object":
		if !mode.anyOrder && !mode.extraKeys && strings.Join(want.keys, ",") != strings.Join(got.keys, ",") {
			*diffs = append(*diffs, fmt.Sprintf("%s: keys differ\n  want %s\n  got  %s", path, strings.Join(want.keys, ","), strings.Join(got.keys, ",")))
			return
		}
		gotAt := map[string]int{}
		for i, k := range got.keys {
			gotAt[k] = i
		}
		wantAt := map[string]bool{}
		last := -1
		for i, k := range want.keys {
			wantAt[k] = true
			j, ok := gotAt[k]
			if !ok {
				*diffs = append(*diffs, fmt.Sprintf("%s: missing key %q", path, k))
				continue
			}
			if !mode.anyOrder && j < last {
				*diffs = append(*diffs, fmt.Sprintf("%s: key %q out of order", path, k))
			}
			last = j
			if !mode.free[k] {
				compareShape(path+"."+k, want.vals[i], got.vals[j], mode, diffs)
			}
		}
		if !mode.extraKeys {
			for _, k := range got.keys {
				if !wantAt[k] {
					*diffs = append(*diffs, fmt.Sprintf("%s: unexpected key %q", path, k))
				}
			}
		}
	case "array":
		if len(want.elems) == 0 {
			return
		}
		for i, g := range got.elems {
			w := want.elems[min(i, len(want.elems)-1)]
			compareShape(fmt.Sprintf("%s[%d]", path, i), w, g, mode, diffs)
		}
	}
}

// assertSameShape fails the test unless got has want's JSON structure: the
// same keys in the same order and the same JSON types at every level
// (values may differ; see compareShape for nulls and arrays). The values
// of freeKeys are not compared, only their presence: use it for objects
// that are maps whose keys vary by record ("urls" of a describe) and for
// anyType values ("defaultValue").
func assertSameShape(t testing.TB, want, got []byte, freeKeys ...string) {
	t.Helper()
	assertShape(t, want, got, shapeMode{free: setOf(freeKeys)})
}

func setOf(keys []string) map[string]bool {
	m := map[string]bool{}
	for _, k := range keys {
		m[k] = true
	}
	return m
}

// assertShapeCovers is assertSameShape for fixtures recorded from an older
// API version: key order is free and got may carry newer keys, but every
// key of want must be there with the same type.
func assertShapeCovers(t testing.TB, want, got []byte, freeKeys ...string) {
	t.Helper()
	assertShape(t, want, got, shapeMode{anyOrder: true, extraKeys: true, free: setOf(freeKeys)})
}

func assertShape(t testing.TB, want, got []byte, mode shapeMode) {
	t.Helper()
	w, err := parseShape(want)
	if err != nil {
		t.Fatalf("want is not JSON: %v", err)
	}
	g, err := parseShape(got)
	if err != nil {
		t.Fatalf("got is not JSON: %v\n%.300s", err, got)
	}
	var diffs []string
	compareShape("$", w, g, mode, &diffs)
	if len(diffs) > 10 {
		diffs = append(diffs[:10], fmt.Sprintf("… and %d more", len(diffs)-10))
	}
	if len(diffs) > 0 {
		t.Errorf("JSON shape differs:\n%s", strings.Join(diffs, "\n"))
	}
}

func TestShapeComparer(t *testing.T) {
	cases := []struct {
		want, got string
		mode      shapeMode
		ok        bool
	}{
		{`{"a":1,"b":"x"}`, `{"a":2,"b":"y"}`, shapeMode{}, true},
		{`{"a":1,"b":"x"}`, `{"b":"y","a":2}`, shapeMode{}, false},              // order
		{`{"a":1,"b":"x"}`, `{"b":"y","a":2}`, shapeMode{anyOrder: true}, true}, // order free
		{`{"a":1}`, `{"a":"1"}`, shapeMode{}, false},                            // type
		{`{"a":1}`, `{"a":1,"b":2}`, shapeMode{}, false},                        // extra key
		{`{"a":1}`, `{"a":1,"b":2}`, shapeMode{extraKeys: true}, true},
		{`{"a":1,"b":2}`, `{"a":1}`, shapeMode{extraKeys: true}, false}, // missing key
		{`{"a":null}`, `{"a":{"x":1}}`, shapeMode{}, true},              // null matches any
		{`[{"a":1}]`, `[{"a":1},{"a":2}]`, shapeMode{}, true},
		{`[{"a":1}]`, `[{"a":1},{"b":2}]`, shapeMode{}, false}, // later elements use the last template
		{`[]`, `[1,"x"]`, shapeMode{}, true},
		{`{"a":[{"b":true}]}`, `{"a":[{"b":1}]}`, shapeMode{}, false},
		{`{"a":1}`, `[1]`, shapeMode{}, false},
		{`{"u":{"x":"1"},"b":1}`, `{"u":{"y":"1","z":"2"},"b":2}`, shapeMode{free: setOf([]string{"u"})}, true},
		{`{"u":{"x":"1"},"b":1}`, `{"b":2}`, shapeMode{free: setOf([]string{"u"})}, false}, // free keys must be present
	}
	for _, c := range cases {
		w, _ := parseShape([]byte(c.want))
		g, _ := parseShape([]byte(c.got))
		var diffs []string
		compareShape("$", w, g, c.mode, &diffs)
		if (len(diffs) == 0) != c.ok {
			t.Errorf("want %s got %s mode %+v: diffs %v, want ok=%v", c.want, c.got, c.mode, diffs, c.ok)
		}
	}
}
