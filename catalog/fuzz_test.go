package catalog

import (
	"testing"
)

// FuzzParseDescribe: any body either fails with ErrInvalidDescribe or gives
// an object whose every field resolves to itself and has an SQL type.
func FuzzParseDescribe(f *testing.F) {
	for _, name := range []string{"case_describe.json", "every_type_describe.json", "restforce_whizbang_describe.json"} {
		f.Add(readTestdata(f, name))
	}
	f.Add([]byte(`{"name":"A","fields":[{"name":"Id","type":"id"},{"name":"x","type":"int","digits":99}]}`))
	f.Add([]byte(`{"name":"A","fields":[{"name":"P","type":"double","precision":-3,"scale":40}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		o, err := ParseDescribe(body)
		if err != nil {
			return
		}
		if o.Name == "" {
			t.Fatal("object without a name")
		}
		for _, fl := range o.Fields {
			got, err := o.Field(fl.Name)
			if err != nil || got != fl {
				t.Fatalf("field %q resolves to %v, %v", fl.Name, got, err)
			}
			if fl.SQL.Base == "" || fl.SQL.OID == 0 || fl.SQL.ScanType == nil {
				t.Fatalf("field %q has SQL type %+v", fl.Name, fl.SQL)
			}
			if fl.SQL.Base == "numeric" && fl.SQL.Scale > fl.SQL.Precision {
				t.Fatalf("field %q: %s", fl.Name, fl.SQL.Name)
			}
		}
		_ = NewSnapshot(o).Names()
	})
}

func FuzzSuggest(f *testing.F) {
	f.Add("Nmae", "Name")
	f.Add("", "")
	f.Add("ß", "SS")
	f.Fuzz(func(t *testing.T, name, cand string) {
		got := Suggest(name, []string{cand, "Id"})
		if got != "" && got != cand && got != "Id" {
			t.Fatalf("Suggest returned %q, not a candidate", got)
		}
	})
}
