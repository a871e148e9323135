package sfapi_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/soqlgate/soqlgate/emulator"
	"github.com/soqlgate/soqlgate/internal/sfapi"
)

// The emulator's demo user (README.md).
const (
	demoUser     = "demo@soqlgate.local"
	demoPassword = "demo"
	demoToken    = "demo"
	demoClientID = "soqlgate-demo"
	demoSecret   = "demo"
)

// transcript collects every log line and error text the suite produces,
// so TestMain can grep it for secrets.
var transcript struct {
	sync.Mutex
	lines []string
	orgs  int // emulator orgs started: the grep must not be vacuous when tests ran
}

func record(s string) {
	transcript.Lock()
	transcript.lines = append(transcript.lines, s)
	transcript.Unlock()
}

func recordErr(err error) error {
	if err != nil {
		record(err.Error())
	}
	return err
}

func logf(format string, args ...any) { record(fmt.Sprintf(format, args...)) }

// emulatorPrefix marks the emulator's own log lines: "demo" is also the
// name of its seed, so they are searched for the unambiguous secrets only
// (password+token, refresh token, keys, session ids).
const emulatorPrefix = "[emulator] "

func emulatorLogf(format string, args ...any) { record(emulatorPrefix + fmt.Sprintf(format, args...)) }

var sessionIDPattern = regexp.MustCompile(`00D[0-9A-Za-z]{12,15}![0-9A-Za-z._]{8,}`)

// findLeaks returns a description of every secret found in lines.
func findLeaks(lines []string) []string {
	var found []string
	for _, l := range lines {
		// The username and client id are not secrets and contain "demo":
		// take them out before looking for the password ("demo").
		clean := strings.NewReplacer(demoUser, "", demoClientID, "").Replace(l)
		secrets := []string{demoPassword + demoToken, demoPassword, demoToken, demoSecret, emulator.DemoRefreshToken, "PRIVATE KEY"}
		if strings.HasPrefix(l, emulatorPrefix) {
			secrets = []string{demoPassword + demoToken, emulator.DemoRefreshToken, "PRIVATE KEY"}
		}
		slices.Sort(secrets)
		for _, s := range slices.Compact(secrets) { // password, token and secret are all "demo"
			if strings.Contains(clean, s) {
				found = append(found, fmt.Sprintf("secret %q leaked in: %s", s, l))
			}
		}
		if sessionIDPattern.MatchString(l) {
			found = append(found, "session id leaked in: "+l)
		}
	}
	return found
}

// The grep itself must be able to fail.
func TestFindLeaks(t *testing.T) {
	lines := []string{
		"sfapi: login (password) failed: invalid_grant: authentication failure for demo@soqlgate.local",
		"sfapi: posted password=demodemo",
		"[emulator] seeded the demo org",
		"[emulator] session 00D5e000000XXXX!AQ4AQabcdefgh issued",
		"sfapi: client_secret=demo",
	}
	got := findLeaks(lines)
	// demodemo (found as itself and as demo), the session id, the secret;
	// nothing for the username or the seed's name.
	if len(got) != 4 {
		t.Fatalf("leaks found:\n%s", strings.Join(got, "\n"))
	}
}

// TestMain runs the suite, then greps every recorded log line and error
// for the demo password, security token, client secret and session ids.
func TestMain(m *testing.M) {
	code := m.Run()
	transcript.Lock()
	lines := transcript.lines
	transcript.Unlock()
	if os.Getenv("SFAPI_DUMP_TRANSCRIPT") != "" {
		for _, l := range lines {
			fmt.Fprintln(os.Stderr, "transcript:", l)
		}
	}
	found := findLeaks(lines)
	for _, f := range found {
		fmt.Fprintln(os.Stderr, f)
	}
	leaks := len(found)
	if code == 0 && leaks > 0 {
		code = 1
	}
	if code == 0 && len(lines) < transcript.orgs {
		fmt.Fprintf(os.Stderr, "the secret grep saw %d lines for %d orgs: the suite did not record its logs\n", len(lines), transcript.orgs)
		code = 1
	}
	fmt.Fprintf(os.Stderr, "secret grep: %d log lines and errors checked, %d leaks\n", len(lines), leaks)
	os.Exit(code)
}

type org struct {
	srv *emulator.Server
	web *httptest.Server
}

func newOrg(t testing.TB, opts emulator.Options) *org {
	t.Helper()
	if opts.Logf == nil {
		opts.Logf = emulatorLogf
	}
	srv, err := emulator.New(opts)
	if err != nil && opts.Scale > 0 && strings.Contains(err.Error(), "not implemented") {
		t.Skipf("needs emulator Options.Scale (generated cases): not landed yet (%v)", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	transcript.Lock()
	transcript.orgs++
	transcript.Unlock()
	web := httptest.NewServer(srv)
	t.Cleanup(func() { web.Close(); srv.Close() })
	return &org{srv: srv, web: web}
}

func (o *org) config() sfapi.Config {
	return sfapi.Config{EnvironmentURL: o.web.URL, APIVersion: "58.0", Username: demoUser, Password: demoPassword,
		SecurityToken: demoToken, ClientID: demoClientID, ClientSecret: demoSecret, Logf: logf,
		Retry: sfapi.RetryPolicy{InitialInterval: 2e6, MaxInterval: 20e6}}
}

func (o *org) client(t testing.TB, edit func(*sfapi.Config)) *sfapi.Client {
	t.Helper()
	cfg := o.config()
	if edit != nil {
		edit(&cfg)
	}
	c, err := sfapi.New(cfg)
	if err != nil {
		t.Fatal(recordErr(err))
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// rawToken logs in with the password grant outside sfapi (test setup).
func (o *org) rawToken(t testing.TB) string {
	form := url.Values{"grant_type": {"password"}, "username": {demoUser}, "password": {demoPassword + demoToken},
		"client_id": {demoClientID}, "client_secret": {demoSecret}}
	resp, err := http.PostForm(o.web.URL+"/services/oauth2/token", form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var tr struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tr); err != nil || tr.AccessToken == "" {
		t.Fatalf("token: %v (status %d)", err, resp.StatusCode)
	}
	return tr.AccessToken
}

func jwtKey(t testing.TB) (keyPEM, pubPEM []byte) {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)}),
		pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub})
}

func TestEmulatorLoginFlows(t *testing.T) {
	keyPEM, pubPEM := jwtKey(t)
	o := newOrg(t, emulator.Options{Seed: "demo", JWTCertificatePEM: pubPEM})
	cases := []struct {
		name string
		edit func(*sfapi.Config)
		flow sfapi.Flow
	}{
		{"password", nil, sfapi.FlowPassword},
		{"client credentials", func(c *sfapi.Config) { c.Username, c.Password, c.SecurityToken = "", "", "" }, sfapi.FlowClientCredentials},
		{"jwt bearer", func(c *sfapi.Config) {
			c.Password, c.SecurityToken, c.ClientSecret, c.PrivateKeyPEM = "", "", "", keyPEM
		}, sfapi.FlowJWT},
		{"refresh token", func(c *sfapi.Config) { c.Username, c.Password, c.RefreshToken = "", "", emulator.DemoRefreshToken }, sfapi.FlowRefreshToken},
		{"soap login below 65", func(c *sfapi.Config) { c.ClientID, c.ClientSecret = "", "" }, sfapi.FlowSOAP},
		{"given access token", func(c *sfapi.Config) {
			*c = sfapi.Config{EnvironmentURL: o.web.URL, APIVersion: "58.0", AccessToken: o.rawToken(t), InstanceURL: o.web.URL, Logf: logf}
		}, sfapi.FlowAccessToken},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := o.client(t, tc.edit)
			if c.Flow() != tc.flow {
				t.Fatalf("flow = %s, want %s", c.Flow(), tc.flow)
			}
			s, err := c.Login(context.Background())
			if err != nil {
				t.Fatal(recordErr(err))
			}
			if s.InstanceURL != o.web.URL || s.OrgID == "" || (s.UserID == "" && tc.flow != sfapi.FlowAccessToken) {
				t.Fatalf("session = %+v", s)
			}
			rows, err := c.Query(context.Background(), "SELECT Id, Name FROM Account", sfapi.QueryOptions{})
			if err != nil {
				t.Fatal(recordErr(err))
			}
			n := 0
			for rows.Next() {
				n++
			}
			rows.Close()
			if recordErr(rows.Err()) != nil || n != 13 { // the 13 Developer Edition sample accounts
				t.Fatalf("accounts = %d, err %v", n, rows.Err())
			}
		})
	}
}

func TestEmulatorLoginFailures(t *testing.T) {
	o := newOrg(t, emulator.Options{Seed: "demo"})
	cases := []struct {
		name string
		edit func(*sfapi.Config)
		is   error
	}{
		{"bad password", func(c *sfapi.Config) { c.Password = "wrong" }, sfapi.ErrInvalidGrant},
		{"bad security token", func(c *sfapi.Config) { c.SecurityToken = "wrong" }, sfapi.ErrInvalidGrant},
		{"unknown client id", func(c *sfapi.Config) { c.ClientID = "unknown-app" }, sfapi.ErrInvalidClientID},
		{"soap bad password", func(c *sfapi.Config) { c.ClientID, c.ClientSecret, c.Password = "", "", "wrong" }, sfapi.ErrInvalidLogin},
		{"soap bad token", func(c *sfapi.Config) { c.ClientID, c.ClientSecret, c.SecurityToken = "", "", "wrong" }, sfapi.ErrInvalidLogin},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := o.client(t, tc.edit)
			_, err := c.Login(context.Background())
			recordErr(err)
			if !errors.Is(err, sfapi.ErrLogin) || !errors.Is(err, tc.is) {
				t.Fatalf("err = %v, want ErrLogin and %v", err, tc.is)
			}
		})
	}
}

func TestEmulatorExpiredSessionLogsInOnce(t *testing.T) {
	o := newOrg(t, emulator.Options{Seed: "demo"})
	c := o.client(t, nil)
	ctx := context.Background()
	if _, err := c.Describe(ctx, "Account"); err != nil {
		t.Fatal(recordErr(err))
	}
	o.srv.ExpireSessions()
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Describe(ctx, "Case"); err != nil {
				t.Error(recordErr(err))
			}
		}()
	}
	wg.Wait()
	if got := o.srv.RequestCounts()["token"]; got != 2 {
		t.Fatalf("token requests = %d, want 2 (login, one shared re-login)", got)
	}
}

func TestEmulatorPaginationDemoData(t *testing.T) {
	// The 13 demo accounts in pages of 2: 7 pages.
	o := newOrg(t, emulator.Options{Seed: "demo", PageSize: 2})
	c := o.client(t, nil)
	rows, err := c.Query(context.Background(), "SELECT Name, BillingCity, NumberOfEmployees FROM Account ORDER BY Name", sfapi.QueryOptions{})
	if err != nil {
		t.Fatal(recordErr(err))
	}
	var names []string
	for rows.Next() {
		names = append(names, rows.Values()[0].(string))
	}
	rows.Close()
	if recordErr(rows.Err()) != nil {
		t.Fatal(rows.Err())
	}
	if len(names) != 13 || names[0] != "Burlington Textiles Corp of America" {
		t.Fatalf("names = %v", names)
	}
	if got := o.srv.RequestCounts()["queryMore"]; got != 6 || c.Calls()["queryMore"] != 6 {
		t.Fatalf("queryMore = %d (client %d), want 6", got, c.Calls()["queryMore"])
	}
}

func TestEmulatorPaginationManyPages(t *testing.T) {
	// No forced page size: the emulator honours Sforce-Query-Options.
	o := newOrg(t, emulator.Options{Seed: "demo", Scale: 3000})
	c := o.client(t, nil)
	rows, err := c.Query(context.Background(), "SELECT Id, CaseNumber, Subject, Account.Name FROM Case", sfapi.QueryOptions{BatchSize: 200})
	if err != nil {
		t.Fatal(recordErr(err))
	}
	ids := map[string]bool{}
	for rows.Next() {
		v := rows.Values()
		ids[v[0].(string)] = true
	}
	rows.Close()
	if recordErr(rows.Err()) != nil {
		t.Fatal(rows.Err())
	}
	total := rows.TotalSize()
	if total < 3000 || len(ids) != total {
		t.Fatalf("distinct ids %d, totalSize %d", len(ids), total)
	}
	wantPages := (total + 199) / 200
	if got := o.srv.RequestCounts()["queryMore"]; got != wantPages-1 {
		t.Fatalf("queryMore = %d, want %d", got, wantPages-1)
	}
	if calls := c.Calls(); calls["queryMore"] != int64(wantPages-1) || calls["query"] != 1 {
		t.Fatalf("client calls = %v", calls)
	}
}

func TestEmulatorQueryAllReturnsDeletedRows(t *testing.T) {
	// The demo org keeps two Cases and one Account in the recycle bin.
	o := newOrg(t, emulator.Options{Seed: "demo", PageSize: 5})
	c := o.client(t, nil)
	ctx := context.Background()
	read := func(object string, all bool) (live, deleted []string) {
		rows, err := c.Query(ctx, "SELECT Id, IsDeleted FROM "+object, sfapi.QueryOptions{All: all})
		if err != nil {
			t.Fatal(recordErr(err))
		}
		defer rows.Close()
		for rows.Next() {
			v := rows.Values()
			if v[1].(bool) {
				deleted = append(deleted, v[0].(string))
			} else {
				live = append(live, v[0].(string))
			}
		}
		if recordErr(rows.Err()) != nil {
			t.Fatal(rows.Err())
		}
		return live, deleted
	}
	for _, tc := range []struct {
		object  string
		deleted int
	}{{"Case", 2}, {"Account", 1}} {
		live, del := read(tc.object, false)
		allLive, allDel := read(tc.object, true)
		slices.Sort(live)
		slices.Sort(allLive)
		if len(del) != 0 {
			t.Fatalf("%s: query returned deleted rows %v", tc.object, del)
		}
		if len(allDel) != tc.deleted || !reflect.DeepEqual(allLive, live) {
			t.Fatalf("%s: queryAll returned %d deleted rows (want %d) and %d live (query: %d)", tc.object, len(allDel), tc.deleted, len(allLive), len(live))
		}
	}
}

func TestEmulatorDescribeEveryObject(t *testing.T) {
	o := newOrg(t, emulator.Options{Seed: "demo"})
	c := o.client(t, nil)
	ctx := context.Background()
	g, err := c.DescribeGlobal(ctx)
	if err != nil {
		t.Fatal(recordErr(err))
	}
	if len(g.Objects) < 10 {
		t.Fatalf("describeGlobal lists %d objects", len(g.Objects))
	}
	for _, obj := range g.Objects {
		d, err := c.Describe(ctx, obj.Name)
		if err != nil {
			t.Fatalf("describe %s: %v", obj.Name, recordErr(err))
		}
		if d.Name != obj.Name || len(d.Fields) == 0 || d.Fields[0].Name != "Id" || !json.Valid(d.Raw) {
			t.Fatalf("describe %s: name %q, %d fields", obj.Name, d.Name, len(d.Fields))
		}
	}
	if got := c.Calls()["describe"]; got != int64(len(g.Objects)) {
		t.Fatalf("describe calls = %d, want %d", got, len(g.Objects))
	}
	_, err = c.Describe(ctx, "NoSuchObject__c")
	if !errors.Is(recordErr(err), sfapi.ErrNotFound) {
		t.Fatalf("err = %v", err)
	}
	lim, err := c.Limits(ctx)
	if err != nil {
		t.Fatal(recordErr(err))
	}
	used, max := o.srv.APIUsage()
	if d := lim["DailyApiRequests"]; d.Max != int64(max) || d.Remaining != int64(max-used) {
		t.Fatalf("/limits DailyApiRequests = %+v, org usage %d/%d", d, used, max)
	}
}

// checksum reads every row of soql and hashes every value in order.
func checksum(t testing.TB, c *sfapi.Client, soql string, batch int) (rows int, sum string) {
	t.Helper()
	res, err := c.Query(context.Background(), soql, sfapi.QueryOptions{BatchSize: batch})
	if err != nil {
		t.Fatal(recordErr(err))
	}
	defer res.Close()
	h := sha256.New()
	for res.Next() {
		rows++
		for _, v := range res.Values() {
			fmt.Fprintf(h, "%T:%v\x00", v, v)
		}
		h.Write([]byte{'\n'})
	}
	if recordErr(res.Err()) != nil {
		t.Fatal(res.Err())
	}
	return rows, hex.EncodeToString(h.Sum(nil))
}

func TestEmulatorFaultyReadEqualsCleanRead(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 100,000 rows twice")
	}
	start := time.Now()
	o := newOrg(t, emulator.Options{Seed: "demo", Scale: 100_000})
	t.Logf("seeded 100k cases in %v", time.Since(start).Round(time.Millisecond))
	const batch = 500 // 200 pages, so 5% of them is about ten faults
	const soql = "SELECT Id, CaseNumber, Subject, Status, Priority, IsClosed, CreatedDate, Account.Name, Contact.LastName FROM Case"
	clean := o.client(t, nil)
	start = time.Now()
	n0, sum0 := checksum(t, clean, soql, batch)
	t.Logf("clean read in %v", time.Since(start).Round(time.Millisecond))
	if n0 < 100_000 {
		t.Fatalf("clean read: %d rows", n0)
	}
	cleanCalls := clean.TotalCalls()
	cleanServer := o.srv.RequestCounts()

	o.srv.ResetCounters()
	// About 5% of the ~200 page requests fail: ten faults of three kinds,
	// each a seeded 8% chance per request until its count is spent, and
	// one session expiry.
	plan := []emulator.Fault{
		{Endpoint: "queryMore", Kind: emulator.Fault503, Rate: 0.08, Count: 4},
		{Endpoint: "queryMore", Kind: emulator.FaultReset, Rate: 0.08, Count: 3},
		{Endpoint: "queryMore", Kind: emulator.FaultConcurrentLimit, Rate: 0.08, Count: 3},
		{Endpoint: "queryMore", Kind: emulator.FaultInvalidSession, Rate: 0.05, Count: 1},
	}
	for _, f := range plan {
		o.srv.InjectFault(f)
	}
	faulty := o.client(t, nil)
	n1, sum1 := checksum(t, faulty, soql, batch)
	if n1 != n0 || sum1 != sum0 {
		t.Fatalf("faulty read: %d rows, checksum %s; clean: %d rows, %s", n1, sum1, n0, sum0)
	}
	counts := o.srv.RequestCounts()
	faults := 0
	for k, v := range counts {
		if strings.HasPrefix(k, "faults.") {
			faults += v
		}
	}
	for _, f := range plan {
		if got := counts["faults."+f.Kind.String()]; got != f.Count {
			t.Errorf("%s faults injected: %d, want %d (%v)", f.Kind, got, f.Count, counts)
		}
	}
	if counts["token"] != 2 {
		t.Fatalf("want one re-login after the session expiry: %v", counts)
	}
	// Every fault costs exactly one more page request (the retry, ours or
	// net/http's own on a reset idle connection, or the replay after the
	// session expiry), and the expiry one login.
	if counts["queryMore"] != cleanServer["queryMore"]+faults || counts["query"] != cleanServer["query"] || counts["token"] != cleanServer["token"]+1 {
		t.Fatalf("page requests: clean %d, faulty %d, for %d faults", cleanServer["queryMore"], counts["queryMore"], faults)
	}
	serverExtra := counts["query"] + counts["queryMore"] + counts["token"] - cleanServer["query"] - cleanServer["queryMore"] - cleanServer["token"]
	if extra := faulty.TotalCalls() - cleanCalls; extra != int64(serverExtra) {
		t.Fatalf("the client counted %d extra requests, the org saw %d", extra, serverExtra)
	}
	t.Logf("100k-row read: %d rows, checksum %s, equal to the clean read; %d faults injected (%v); %d extra requests (%d page requests, 1 login): %d clean, %d faulty",
		n1, sum1[:16], faults, counts, serverExtra, faults, cleanCalls, faulty.TotalCalls())
}

func TestEmulatorBudgetStopsBeforeDailyLimit(t *testing.T) {
	o := newOrg(t, emulator.Options{Seed: "demo", PageSize: 1})
	o.srv.SetDailyAPILimit(20)
	c := o.client(t, func(c *sfapi.Config) { c.APIBudgetPercent = 50 })
	rows, err := c.Query(context.Background(), "SELECT Id FROM Case", sfapi.QueryOptions{})
	if err != nil {
		t.Fatal(recordErr(err))
	}
	for rows.Next() {
	}
	err = recordErr(rows.Err())
	rows.Close()
	if !errors.Is(err, sfapi.ErrBudget) || !strings.Contains(err.Error(), "DailyApiRequests used 10 of 20") {
		t.Fatalf("err = %v", err)
	}
	used, max := o.srv.APIUsage()
	if used != 10 || max != 20 {
		t.Fatalf("org usage %d/%d: the client spent past its budget", used, max)
	}
	// Sforce-Limit-Info was read from the responses.
	if u, ok := c.Usage(); !ok || u.Used != used || u.Max != max {
		t.Fatalf("client usage %+v, org %d/%d", u, used, max)
	}
	// Without a budget the org's own limit answers, with a plain message.
	c2 := o.client(t, nil)
	var lastErr error
	for range 15 {
		if _, lastErr = c2.Describe(context.Background(), "Case"); lastErr != nil {
			break
		}
	}
	recordErr(lastErr)
	if !errors.Is(lastErr, sfapi.ErrDailyLimit) || !strings.Contains(lastErr.Error(), "daily API allowance") {
		t.Fatalf("err = %v", lastErr)
	}
}

func TestEmulatorBulk2QueryMatchesREST(t *testing.T) {
	o := newOrg(t, emulator.Options{Seed: "demo", Scale: 2500})
	c := o.client(t, func(c *sfapi.Config) { c.PollInterval = 20e6 })
	ctx := context.Background()
	const soql = "SELECT Id, Subject FROM Case"
	want := map[string]string{}
	rows, err := c.Query(ctx, soql, sfapi.QueryOptions{All: true})
	if err != nil {
		t.Fatal(recordErr(err))
	}
	for rows.Next() {
		v := rows.Values()
		s, _ := v[1].(string) // null Subject → ""; Bulk CSV writes null as empty
		want[v[0].(string)] = s
	}
	rows.Close()
	if recordErr(rows.Err()) != nil {
		t.Fatal(rows.Err())
	}

	job, err := c.CreateQueryJob(ctx, soql, true)
	if err != nil {
		t.Fatal(recordErr(err))
	}
	if _, err := c.WaitQueryJob(ctx, job.ID); err != nil {
		t.Fatal(recordErr(err))
	}
	res, err := c.QueryJobResults(ctx, job.ID, 1000)
	if err != nil {
		t.Fatal(recordErr(err))
	}
	defer res.Close()
	if cols := res.Columns(); !reflect.DeepEqual(cols, []string{"Id", "Subject"}) {
		t.Fatalf("columns = %v", cols)
	}
	got := map[string]string{}
	for res.Next() {
		r := res.Record()
		got[r[0]] = r[1]
	}
	if recordErr(res.Err()) != nil {
		t.Fatal(res.Err())
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("bulk rows %d, REST rows %d, or values differ", len(got), len(want))
	}
	if wantPages := (len(want) + 999) / 1000; res.Pages() != wantPages {
		t.Fatalf("result pages = %d, want %d", res.Pages(), wantPages)
	}
	if err := c.DeleteQueryJob(ctx, job.ID); err != nil {
		t.Fatal(recordErr(err))
	}
}

func TestEmulatorCountQuery(t *testing.T) {
	o := newOrg(t, emulator.Options{Seed: "demo"})
	c := o.client(t, nil)
	rows, err := c.Query(context.Background(), "SELECT COUNT() FROM Account", sfapi.QueryOptions{})
	if err != nil {
		t.Fatal(recordErr(err))
	}
	defer rows.Close()
	if rows.Next() || len(rows.Columns()) != 0 || rows.TotalSize() != 13 {
		t.Fatalf("COUNT(): columns %v, totalSize %d", rows.Columns(), rows.TotalSize())
	}
	// The same count by reading the rows.
	ids, err := c.Query(context.Background(), "SELECT Id FROM Account", sfapi.QueryOptions{})
	if err != nil {
		t.Fatal(recordErr(err))
	}
	n := 0
	for ids.Next() {
		n++
	}
	ids.Close()
	if n != rows.TotalSize() {
		t.Fatalf("COUNT() = %d, rows read %d", rows.TotalSize(), n)
	}
	agg, err := c.Query(context.Background(), "SELECT Industry, COUNT(Id) n FROM Account WHERE Industry = 'Energy' GROUP BY Industry", sfapi.QueryOptions{})
	if err != nil {
		t.Fatal(recordErr(err))
	}
	defer agg.Close()
	if !agg.Next() || !reflect.DeepEqual(agg.Columns(), []string{"Industry", "n"}) || fmt.Sprint(agg.Values()) != "[Energy 3]" {
		t.Fatalf("aggregate: columns %v, values %v, err %v", agg.Columns(), agg.Values(), agg.Err())
	}
}
