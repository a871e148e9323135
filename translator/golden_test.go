package translator

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"golang.org/x/tools/txtar"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/soql"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/cases")

var (
	snapOnce sync.Once
	snap     *catalog.Snapshot
	snapErr  error
)

// testSnapshot is the catalog the golden cases resolve against, built from
// the describe documents in testdata/describe (no emulator needed).
func testSnapshot(tb testing.TB) *catalog.Snapshot {
	snapOnce.Do(func() {
		files, err := filepath.Glob("testdata/describe/*.json")
		if err != nil {
			snapErr = err
			return
		}
		var objs []*catalog.Object
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				snapErr = err
				return
			}
			o, err := catalog.ParseDescribe(raw)
			if err != nil {
				snapErr = fmt.Errorf("%s: %w", f, err)
				return
			}
			objs = append(objs, o)
		}
		snap = catalog.NewSnapshot(append(objs, wideObject())...)
	})
	if snapErr != nil {
		tb.Fatal(snapErr)
	}
	return snap
}

// wideObject is a custom object with 760 text fields: SELECT * on it is
// too long for one SOQL GET (sql-dialect.md #64).
func wideObject() *catalog.Object {
	o := &catalog.Object{Name: "Wide__c", Queryable: true, Retrieveable: true, Createable: true, Updateable: true, Deletable: true, Custom: true}
	o.Fields = append(o.Fields,
		&catalog.Field{Name: "Id", Type: catalog.TypeID, Length: 18, Filterable: true, Sortable: true, Groupable: true, Aggregatable: true, IDLookup: true},
		&catalog.Field{Name: "Name", Type: catalog.TypeString, Length: 80, Filterable: true, Sortable: true, Groupable: true, Aggregatable: true, NameField: true, Createable: true, Updateable: true, Nillable: true})
	for i := 1; i <= 760; i++ {
		o.Fields = append(o.Fields, &catalog.Field{Name: fmt.Sprintf("Field_%03d__c", i), Type: catalog.TypeString, Length: 255, Custom: true,
			Filterable: true, Sortable: true, Groupable: true, Aggregatable: true, Createable: true, Updateable: true, Nillable: true})
	}
	return o
}

// goldenCase is one file of testdata/cases: sections sql, settings
// (optional), then plan or error.
type goldenCase struct {
	path     string
	arch     *txtar.Archive
	sql      string
	settings Settings
}

func loadCases(tb testing.TB) []goldenCase {
	files, err := filepath.Glob("testdata/cases/*.txtar")
	if err != nil {
		tb.Fatal(err)
	}
	sort.Strings(files)
	var out []goldenCase
	for _, f := range files {
		a, err := txtar.ParseFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		c := goldenCase{path: f, arch: a}
		for _, file := range a.Files {
			switch file.Name {
			case "sql":
				c.sql = strings.TrimSuffix(string(file.Data), "\n")
			case "settings":
				s, err := parseSettings(string(file.Data))
				if err != nil {
					tb.Fatalf("%s: %v", f, err)
				}
				c.settings = s
			}
		}
		out = append(out, c)
	}
	return out
}

func parseSettings(text string) (Settings, error) {
	var s Settings
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			return s, fmt.Errorf("settings line %q", line)
		}
		v = strings.TrimSpace(v)
		switch strings.TrimSpace(k) {
		case "mode":
			s.Mode = Mode(v)
		case "tz":
			loc, err := time.LoadLocation(v)
			if err != nil {
				if off, perr := time.Parse("-07:00", v); perr == nil {
					_, secs := off.Zone()
					loc = time.FixedZone(v, secs)
					err = nil
				}
			}
			if err != nil {
				return s, err
			}
			s.TimeZone = loc
		case "now":
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				return s, err
			}
			s.Now = t
		case "semantics":
			s.Semantics = Semantics(v)
		case "readBehavior":
			s.ReadBehavior = v
		case "writeBehavior":
			s.WriteBehavior = v
		case "externalIdFieldName":
			s.ExternalIDFieldName = v
		case "allowFullTableWrite":
			s.AllowFullTableWrite = v == "true"
		case "args":
			args, err := parseArgs(v)
			if err != nil {
				return s, err
			}
			s.Args = args
		default:
			return s, fmt.Errorf("unknown setting %q", k)
		}
	}
	return s, nil
}

// parseArgs reads a JSON array; strings "time:<RFC3339>" are time.Time,
// numbers are decimals.
func parseArgs(v string) ([]any, error) {
	d := json.NewDecoder(strings.NewReader(v))
	d.UseNumber()
	var raw []any
	if err := d.Decode(&raw); err != nil {
		return nil, err
	}
	args := make([]any, len(raw))
	for i, a := range raw {
		switch x := a.(type) {
		case json.Number:
			args[i] = decimal.RequireFromString(x.String())
		case string:
			if t, ok := strings.CutPrefix(x, "time:"); ok {
				tt, err := time.Parse(time.RFC3339Nano, t)
				if err != nil {
					return nil, err
				}
				args[i] = tt
				continue
			}
			args[i] = x
		default:
			args[i] = x
		}
	}
	return args, nil
}

// result is the text a case expects: its plan, or its error.
func (c goldenCase) result(tb testing.TB) (section, text string) {
	p, err := Translate(c.sql, testSnapshot(tb), c.settings)
	if err != nil {
		return "error", err.Error() + "\n"
	}
	checkSOQL(tb, c.path, p)
	return "plan", p.String()
}

// checkSOQL asserts that every SOQL statement of the plan parses with soql
// and prints back to the same text.
func checkSOQL(tb testing.TB, name string, p *Plan) {
	tb.Helper()
	if p == nil {
		return
	}
	for _, s := range p.Scans {
		for _, q := range append([]*soql.Query{s.SOQL, s.BulkSOQL}, s.More...) {
			if q == nil {
				continue
			}
			text := q.String()
			back, err := soql.Parse(text)
			if err != nil {
				tb.Errorf("%s: SOQL does not parse: %s\n%v", name, text, err)
				continue
			}
			if again := back.String(); again != text {
				tb.Errorf("%s: SOQL does not round-trip:\n%s\n%s", name, text, again)
			}
		}
	}
	checkSOQL(tb, name, p.Explained)
	checkSOQL(tb, name, p.Fallback())
	if p.Write != nil {
		checkSOQL(tb, name, p.Write.Source)
		checkSOQL(tb, name, p.Write.Find)
	}
}

func TestGolden(t *testing.T) {
	cases := loadCases(t)
	if len(cases) == 0 {
		t.Fatal("no golden cases")
	}
	for _, c := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(c.path), ".txtar"), func(t *testing.T) {
			if c.sql == "" {
				t.Fatal("case has no sql section")
			}
			section, got := c.result(t)
			if *update {
				var files []txtar.File
				for _, f := range c.arch.Files {
					if f.Name != "plan" && f.Name != "error" {
						files = append(files, f)
					}
				}
				c.arch.Files = append(files, txtar.File{Name: section, Data: []byte(got)})
				if err := os.WriteFile(c.path, txtar.Format(c.arch), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			var want *txtar.File
			for i, f := range c.arch.Files {
				if f.Name == "plan" || f.Name == "error" {
					want = &c.arch.Files[i]
				}
			}
			if want == nil {
				t.Fatalf("no plan or error section; run go test ./translator -update")
			}
			if want.Name != section || string(want.Data) != got {
				t.Errorf("%s\n--- want %s:\n%s--- got %s:\n%s", c.sql, want.Name, want.Data, section, got)
			}
		})
	}
}
