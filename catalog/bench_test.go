package catalog

import "testing"

func BenchmarkParseDescribeCase(b *testing.B) {
	body := readTestdata(b, "case_describe.json")
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := ParseDescribe(body); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFieldLookup(b *testing.B) {
	o := mustParse(b, "case_describe.json")
	s := NewSnapshot(o)
	for b.Loop() {
		if _, err := s.Field("case", "lastreferenceddate"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUnknownFieldSuggestion(b *testing.B) {
	o := mustParse(b, "case_describe.json")
	for b.Loop() {
		if _, err := o.Field("SupliedCompny"); err == nil {
			b.Fatal("resolved")
		}
	}
}
