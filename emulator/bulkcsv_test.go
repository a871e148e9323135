package emulator

import "testing"

func TestAppendCSVCell(t *testing.T) {
	cases := []struct {
		typ  string
		v    any
		want string
	}{
		{"string", nil, `""`},
		{"string", "GenePoint", `"GenePoint"`},
		{"string", `say "hi", then`, `"say ""hi"", then"`},
		{"textarea", "line1\nline2", "\"line1\nline2\""},
		{"boolean", int64(1), `"true"`},
		{"boolean", int64(0), `"false"`},
		{"int", int64(12345), `"12345"`},
		{"int", float64(7), `"7"`},
		{"double", float64(23), `"23.0"`},
		{"currency", float64(543210), `"543210.0"`},
		{"percent", float64(12.5), `"12.5"`},
		{"double", float64(0.1), `"0.1"`},
		{"double", float64(-3), `"-3.0"`},
		{"double", float64(5600000000), `"5600000000.0"`},
		{"double", int64(4), `"4.0"`},
		{"date", "2010-01-01", `"2010-01-01"`},
		{"datetime", "2022-10-20T16:46:32.000Z", `"2022-10-20T16:46:32.000Z"`},
		{"time", "07:00:00.000Z", `"07:00:00.000Z"`},
		{"multipicklist", "four;six", `"four;six"`},
		{"id", []byte("001B0000003nwhxIAA"), `"001B0000003nwhxIAA"`},
	}
	for _, c := range cases {
		if got := string(appendCSVCell(nil, c.typ, c.v)); got != c.want {
			t.Errorf("appendCSVCell(%s, %#v) = %s, want %s", c.typ, c.v, got, c.want)
		}
	}
}

func TestCSVFormatRows(t *testing.T) {
	cols := []bulkColumn{{Name: "Id", Type: "id"}, {Name: "Name", Type: "string"}, {Name: "Account.Name", Type: "string"}, {Name: "IsClosed", Type: "boolean"}}
	vals := []any{"500000000000001AAA", "Broken, again", nil, int64(0)}

	got := string(defaultCSV.appendRow(defaultCSV.appendHeader(nil, cols), cols, vals))
	want := "\"Id\",\"Name\",\"Account.Name\",\"IsClosed\"\n\"500000000000001AAA\",\"Broken, again\",\"\",\"false\"\n"
	if got != want {
		t.Errorf("comma/LF:\n got %q\nwant %q", got, want)
	}

	pipe := csvFormat{delim: bulkDelimiters["PIPE"], crlf: true}
	got = string(pipe.appendRow(pipe.appendHeader(nil, cols), cols, vals))
	want = "\"Id\"|\"Name\"|\"Account.Name\"|\"IsClosed\"\r\n\"500000000000001AAA\"|\"Broken, again\"|\"\"|\"false\"\r\n"
	if got != want {
		t.Errorf("pipe/CRLF:\n got %q\nwant %q", got, want)
	}
}
