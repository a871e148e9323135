package sfapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestRunReport(t *testing.T) {
	const body = `{"allData":true,"factMap":{"T!T":{"aggregates":[{"label":"2","value":2}],"rows":[]}},"reportMetadata":{"id":"00OR0000000K2UeMAK"}}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/services/data/v58.0/analytics/reports/00OR0000000K2UeMAK" || r.URL.Query().Get("includeDetails") != "true" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(body))
	}))
	defer srv.Close()
	c, _ := New(Config{APIVersion: "58.0", AccessToken: "00Dx!tok", InstanceURL: srv.URL, EnvironmentURL: srv.URL})
	raw, err := c.RunReport(context.Background(), "00OR0000000K2UeMAK")
	if err != nil || string(raw) != body {
		t.Fatalf("raw = %s, err %v", raw, err)
	}
	if _, err := c.RunReport(context.Background(), "00O/../x"); err == nil {
		t.Fatal("a path as a report id must be refused")
	}
	if got := c.Calls()["report"]; got != 1 {
		t.Fatalf("report calls = %d", got)
	}
}
