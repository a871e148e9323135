package emulator

import "testing"

func TestPrettyJSON(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{}`, `{ }`},
		{`[]`, `[ ]`},
		{`{"a":1}`, "{\n  \"a\" : 1\n}"},
		{`{"a":[1,2],"b":{"c":null}}`, "{\n  \"a\" : [ 1, 2 ],\n  \"b\" : {\n    \"c\" : null\n  }\n}"},
		{`{"s":"x, {\"y\": [z]}\\"}`, "{\n  \"s\" : \"x, {\\\"y\\\": [z]}\\\\\"\n}"},
		{`[{"a":1},{"b":2}]`, "[ {\n  \"a\" : 1\n}, {\n  \"b\" : 2\n} ]"},
	} {
		if got := string(prettyJSON([]byte(tc.in))); got != tc.want {
			t.Errorf("prettyJSON(%s):\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestFoldCompare(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"abc", "ABC", 0}, {"abc", "abd", -1}, {"b", "A", 1}, {"", "a", -1}, {"a", "", 1},
		{"été", "ÉTÉ", 0}, {"Zürich", "zebra", 1}, {"ab", "abc", -1},
	} {
		if got := foldCompare(tc.a, tc.b); got != tc.want {
			t.Errorf("foldCompare(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if (foldKey(tc.a) < foldKey(tc.b)) != (tc.want < 0) || (foldKey(tc.a) == foldKey(tc.b)) != (tc.want == 0) {
			t.Errorf("foldKey order disagrees with foldCompare on %q, %q", tc.a, tc.b)
		}
	}
}
