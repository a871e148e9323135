package clients

import (
	"encoding/json"
	"testing"
)

// TestMatcher checks the fact comparison itself: placeholders, id
// patterns, missing and unexpected keys, element counts and types.
func TestMatcher(t *testing.T) {
	facts := map[string]any{"soap": map[string]any{"userId": "005Dm0000000001IAA"}}
	m := matcher{url: "http://127.0.0.1:1", facts: facts}
	cases := []struct {
		got, want string
		diffs     int
	}{
		{`"http://127.0.0.1:1/id/005Dm0000000001IAA"`, `"{{URL}}/id/{{soap.userId}}"`, 0},
		{`"http://127.0.0.1:1/id/005Dm0000000002IAA"`, `"{{URL}}/id/{{soap.userId}}"`, 1},
		{`"005Dm0000000001IAA"`, `"<id:005>"`, 0},
		{`"001Dm0000000001IAA"`, `"<id:005>"`, 1},
		{`"005Dm0000000001"`, `"<id:005>"`, 1},
		{`{"a":1,"b":[true,null]}`, `{"b":[true,null],"a":1}`, 0},
		{`{"a":1}`, `{"a":1,"b":2}`, 1},
		{`{"a":1,"c":3}`, `{"a":1}`, 1},
		{`{"a":1,"b":3}`, `{"a":2,"b":2}`, 2},
		{`[1,2]`, `[1,2,3]`, 1},
		{`[1,"2"]`, `[1,2]`, 1},
		{`0`, `null`, 1},
		{`"{{nope}}"`, `"{{nope}}"`, 0}, // an unknown placeholder stays literal
	}
	for _, c := range cases {
		var got, want any
		if err := json.Unmarshal([]byte(c.got), &got); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(c.want), &want); err != nil {
			t.Fatal(err)
		}
		if diffs := m.match("x", got, want); len(diffs) != c.diffs {
			t.Errorf("match(%s, %s) = %q, want %d differences", c.got, c.want, diffs, c.diffs)
		}
	}
}
