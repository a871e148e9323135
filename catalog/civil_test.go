package catalog

import (
	"encoding/json"
	"testing"
	"time"
)

func TestDate(t *testing.T) {
	d, err := ParseDate("2010-01-31")
	if err != nil || d != (Date{2010, time.January, 31}) || d.String() != "2010-01-31" || !d.IsValid() {
		t.Fatalf("ParseDate = %v, %v", d, err)
	}
	for _, bad := range []string{"", "2010-02-30", "2010-1-5", "2010-01-01T00:00:00Z", "10-01-01"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
	if (Date{2010, time.February, 29}).IsValid() || (Date{}).IsValid() || !(Date{2012, time.February, 29}).IsValid() {
		t.Error("IsValid wrong")
	}
	// The date an instant falls on depends on the zone; In gives midnight back.
	inst := time.Date(2011, 7, 7, 0, 37, 0, 0, time.UTC)
	la, _ := time.LoadLocation("America/Los_Angeles")
	if DateOf(inst) != (Date{2011, 7, 7}) || DateOf(inst.In(la)) != (Date{2011, 7, 6}) {
		t.Error("DateOf wrong")
	}
	if got := (Date{2011, 7, 7}).In(time.UTC); !got.Equal(time.Date(2011, 7, 7, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("In = %v", got)
	}
	if (Date{2010, 1, 2}).Compare(Date{2010, 1, 3}) != -1 || (Date{2011, 1, 1}).Compare(Date{2010, 12, 31}) != 1 ||
		(Date{2010, 2, 1}).Compare(Date{2010, 1, 31}) != 1 || (Date{2010, 1, 1}).Compare(Date{2010, 1, 1}) != 0 {
		t.Error("Compare wrong")
	}
	b, _ := json.Marshal(struct{ D Date }{Date{1999, 12, 31}})
	if string(b) != `{"D":"1999-12-31"}` {
		t.Errorf("marshal = %s", b)
	}
	var v struct{ D Date }
	if err := json.Unmarshal([]byte(`{"D":"0001-01-01"}`), &v); err != nil || v.D != (Date{1, 1, 1}) {
		t.Errorf("unmarshal = %v, %v", v, err)
	}
	if err := json.Unmarshal([]byte(`{"D":"yesterday"}`), &v); err == nil || err.Error() != `catalog: invalid date "yesterday"` {
		t.Errorf("unmarshal bad = %v", err)
	}
}

func TestTimeOfDay(t *testing.T) {
	cases := []struct {
		in   string
		want TimeOfDay
		pg   string
		sf   string
	}{
		{"07:00:00.000Z", TimeOfDay{7, 0, 0, 0}, "07:00:00", "07:00:00.000Z"},
		{"23:59:59.5", TimeOfDay{23, 59, 59, 500000000}, "23:59:59.5", "23:59:59.500Z"},
		{"00:00:01", TimeOfDay{0, 0, 1, 0}, "00:00:01", "00:00:01.000Z"},
		{"12:34:56.123456789Z", TimeOfDay{12, 34, 56, 123456789}, "12:34:56.123456789", "12:34:56.123Z"},
	}
	for _, c := range cases {
		got, err := ParseTimeOfDay(c.in)
		if err != nil || got != c.want || got.String() != c.pg || got.SalesforceString() != c.sf || !got.IsValid() {
			t.Errorf("ParseTimeOfDay(%q) = %+v (%s, %s), %v", c.in, got, got, got.SalesforceString(), err)
		}
	}
	for _, bad := range []string{"", "24:00:00", "7:00", "07:00:00+01:00", "07:60:00Z", "Z"} {
		if _, err := ParseTimeOfDay(bad); err == nil {
			t.Errorf("ParseTimeOfDay(%q) accepted", bad)
		}
	}
	if (TimeOfDay{Hour: 24}).IsValid() || (TimeOfDay{Nanosecond: 1e9}).IsValid() {
		t.Error("IsValid wrong")
	}
	var v TimeOfDay
	if err := v.UnmarshalText([]byte("08:30:00.000Z")); err != nil || v != (TimeOfDay{8, 30, 0, 0}) {
		t.Errorf("UnmarshalText = %v, %v", v, err)
	}
	if b, _ := v.MarshalText(); string(b) != "08:30:00" {
		t.Errorf("MarshalText = %s", b)
	}
}
