package catalog

import (
	"testing"
	"time"
)

// TestParseDateTimeForms: the offsets Salesforce and its clients write —
// "Z", "+0000" (REST), "+00:00" and other offsets — all give the same UTC
// instant.
func TestParseDateTimeForms(t *testing.T) {
	want := time.Date(2011, 7, 7, 0, 37, 0, 123e6, time.UTC)
	for _, s := range []string{
		"2011-07-07T00:37:00.123Z",
		"2011-07-07T00:37:00.123+0000",
		"2011-07-07T00:37:00.123+00:00",
		"2011-07-06T16:37:00.123-08:00",
		"2011-07-07T02:37:00.123+0200",
	} {
		got, err := ParseDateTime(s)
		if err != nil || !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("ParseDateTime(%q) = %v, %v; want %v UTC", s, got, err, want)
		}
	}
	if got, err := ParseDateTime("2011-07-07T00:37:00Z"); err != nil || !got.Equal(want.Truncate(time.Second)) {
		t.Errorf("without fraction: %v, %v", got, err)
	}
	for _, bad := range []string{"2011-07-07", "2011-07-07 00:37:00", "2011-07-07T00:37:00", "yesterday"} {
		if _, err := ParseDateTime(bad); err == nil {
			t.Errorf("ParseDateTime(%q) accepted", bad)
		}
	}
}
