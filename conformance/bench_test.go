package conformance

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	sfdriver "github.com/soqlgate/soqlgate/driver"
	"github.com/soqlgate/soqlgate/emulator"
)

// benchScale is the generated cases of the benchmark org: enough rows for
// several REST pages and a Bulk read, small enough to build in seconds.
const benchScale = 50_000

var (
	benchOnce sync.Once
	benchOrg  *EmulatorHarness
	benchErr  error
)

func benchHarness(b *testing.B) *EmulatorHarness {
	b.Helper()
	benchOnce.Do(func() {
		benchOrg = &EmulatorHarness{Options: emulator.Options{Seed: "demo", Scale: benchScale}}
		benchErr = benchOrg.Setup()
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchOrg
}

const benchSOQL = "SELECT Id, Subject, Status FROM Case"

// BenchmarkRead reads every Case (Id, Subject, Status) of a 50,000-case org
// four ways and reports rows/s: through database/sql on REST and on Bulk
// 2.0, and the same pages fetched over raw HTTP (bytes read, nothing
// decoded), which bounds what the driver can reach.
func BenchmarkRead(b *testing.B) {
	h := benchHarness(b)
	want := benchScale + 25
	for _, api := range []string{sfdriver.APIREST, sfdriver.APIBulk} {
		b.Run("driver/"+api, func(b *testing.B) {
			db := h.NewTargetWith(b, func(c *sfdriver.Config) { c.API = api })
			if err := db.Ping(); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				rows, err := db.Query(benchSOQL)
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				var id, subject, status string
				for rows.Next() {
					if err := rows.Scan(&id, &subject, &status); err != nil {
						b.Fatal(err)
					}
					n++
				}
				if err := rows.Err(); err != nil {
					b.Fatal(err)
				}
				rows.Close()
				if n != want {
					b.Fatalf("%d rows, want %d", n, want)
				}
			}
			b.ReportMetric(float64(want*b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
	for name, read := range map[string]func(*testing.B, string, string) int{"raw/rest": rawREST, "raw/bulk": rawBulk} {
		b.Run(name, func(b *testing.B) {
			tok := rawLogin(b, h.URL())
			b.ResetTimer()
			for range b.N {
				if n := read(b, h.URL(), tok); n != want {
					b.Fatalf("%d records, want %d", n, want)
				}
			}
			b.ReportMetric(float64(want*b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

func rawLogin(b *testing.B, base string) string {
	b.Helper()
	resp, err := http.PostForm(base+"/services/oauth2/token", url.Values{
		"grant_type": {"password"}, "client_id": {emulator.DemoClientID}, "client_secret": {emulator.DemoClientSecret},
		"username": {emulator.DemoUsername}, "password": {emulator.DemoPassword + emulator.DemoSecurityToken},
	})
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || tok.AccessToken == "" {
		b.Fatalf("login: %v (status %d)", err, resp.StatusCode)
	}
	return tok.AccessToken
}

func rawGet(b *testing.B, u, tok string, hdr map[string]string) *http.Response {
	b.Helper()
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, u, nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		b.Fatalf("GET %s: %d %s", u, resp.StatusCode, body)
	}
	return resp
}

// rawREST follows nextRecordsUrl through every page of 2,000 records; it
// decodes only the page envelope's size fields.
func rawREST(b *testing.B, base, tok string) int {
	next := "/services/data/v45.0/query?q=" + url.QueryEscape(benchSOQL)
	total := 0
	for next != "" {
		resp := rawGet(b, base+next, tok, map[string]string{"Sforce-Query-Options": "batchSize=2000"})
		var page struct {
			Records        []json.RawMessage `json:"records"`
			NextRecordsURL string            `json:"nextRecordsUrl"`
		}
		err := json.NewDecoder(resp.Body).Decode(&page)
		resp.Body.Close()
		if err != nil {
			b.Fatal(err)
		}
		total += len(page.Records)
		next = page.NextRecordsURL
	}
	return total
}

// rawBulk creates a Bulk 2.0 query job, polls it every 50 ms and reads
// its CSV result pages of 100,000 records, counting lines.
func rawBulk(b *testing.B, base, tok string) int {
	body := fmt.Sprintf(`{"operation":"query","query":%q}`, benchSOQL)
	req, _ := http.NewRequest(http.MethodPost, base+"/services/data/v45.0/jobs/query", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	var job struct {
		ID    string `json:"id"`
		State string `json:"state"`
	}
	err = json.NewDecoder(resp.Body).Decode(&job)
	resp.Body.Close()
	if err != nil || job.ID == "" {
		b.Fatalf("create job: %v (status %d)", err, resp.StatusCode)
	}
	jobURL := base + "/services/data/v45.0/jobs/query/" + job.ID
	for job.State != "JobComplete" {
		time.Sleep(50 * time.Millisecond)
		resp := rawGet(b, jobURL, tok, nil)
		err := json.NewDecoder(resp.Body).Decode(&job)
		resp.Body.Close()
		if err != nil {
			b.Fatal(err)
		}
		if job.State == "Failed" || job.State == "Aborted" {
			b.Fatalf("job %s", job.State)
		}
	}
	total, locator := 0, ""
	for {
		u := jobURL + "/results?maxRecords=100000"
		if locator != "" {
			u += "&locator=" + url.QueryEscape(locator)
		}
		resp := rawGet(b, u, tok, nil)
		data, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			b.Fatal(err)
		}
		total += strings.Count(string(data), "\n") - 1 // minus the header line
		locator = resp.Header.Get("Sforce-Locator")
		if locator == "" || locator == "null" {
			return total
		}
	}
}
