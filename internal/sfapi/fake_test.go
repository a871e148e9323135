package sfapi

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/golang-jwt/jwt/v5"
)

// The demo credentials (the emulator's, see README.md).
const (
	demoUser     = "demo@soqlgate.local"
	demoPassword = "demo-pass-1"
	demoToken    = "demo-tok-2"
	demoClientID = "soqlgate-demo"
	demoSecret   = "demo-secret-3"
	demoRefresh  = "demo-refresh-4"
)

var fixtureDir = filepath.Join("..", "..", "..", "shared", "fixtures", "salesforce")

func readFixture(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureDir, rel))
	if err != nil {
		t.Fatalf("fixture: %v", err)
	}
	return b
}

var (
	testKeyOnce sync.Once
	testKey     *rsa.PrivateKey
	testKeyPEM  []byte
)

func rsaKey(t testing.TB) (*rsa.PrivateKey, []byte) {
	testKeyOnce.Do(func() {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		testKey = k
		testKeyPEM = pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)})
	})
	return testKey, testKeyPEM
}

// fake is a small Salesforce stand-in built from the recorded fixtures:
// token endpoint, SOAP login, paged query / queryAll over generated rows,
// describe, limits. hook may answer any request first.
type fake struct {
	t        testing.TB
	srv      *httptest.Server
	pageSize int
	rows     int // live rows
	deleted  int // extra rows only queryAll sees

	mu       sync.Mutex
	tokens   map[string]bool
	nTokens  int
	forms    []url.Values
	used     int
	max      int
	requests map[string]int

	logins      atomic.Int32
	inflight    atomic.Int32
	maxInflight atomic.Int32
	hook        func(w http.ResponseWriter, r *http.Request) bool
	queryHook   func(w http.ResponseWriter, r *http.Request, offset int) bool
}

func newFake(t testing.TB) *fake {
	f := &fake{t: t, pageSize: 3, rows: 10, tokens: map[string]bool{}, max: 15000, requests: map[string]int{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fake) config() Config {
	return Config{EnvironmentURL: f.srv.URL, APIVersion: "58.0", Username: demoUser, Password: demoPassword,
		SecurityToken: demoToken, ClientID: demoClientID, ClientSecret: demoSecret,
		Retry: RetryPolicy{InitialInterval: 1e6, MaxInterval: 5e6}}
}

func (f *fake) count(name string) {
	f.mu.Lock()
	f.requests[name]++
	f.mu.Unlock()
}

func (f *fake) issue() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nTokens++
	tok := fmt.Sprintf("00Dx0000000BV7z!FAKE%03d", f.nTokens)
	f.tokens[tok] = true
	return tok
}

func (f *fake) expireAll() {
	f.mu.Lock()
	f.tokens = map[string]bool{}
	f.mu.Unlock()
}

func (f *fake) serve(w http.ResponseWriter, r *http.Request) {
	n := f.inflight.Add(1)
	defer f.inflight.Add(-1)
	for {
		m := f.maxInflight.Load()
		if n <= m || f.maxInflight.CompareAndSwap(m, n) {
			break
		}
	}
	if f.hook != nil && f.hook(w, r) {
		return
	}
	switch {
	case r.URL.Path == "/services/oauth2/token":
		f.count("token")
		f.token(w, r)
	case strings.HasPrefix(r.URL.Path, "/services/Soap/u/"):
		f.count("soap")
		f.soap(w, r)
	case strings.HasPrefix(r.URL.Path, "/services/data/v58.0/"):
		f.rest(w, r, strings.TrimPrefix(r.URL.Path, "/services/data/v58.0"))
	default:
		http.NotFound(w, r)
	}
}

func oauthError(w http.ResponseWriter, status int, code, desc string) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"error":%q,"error_description":%q}`, code, desc)
}

func (f *fake) token(w http.ResponseWriter, r *http.Request) {
	f.logins.Add(1)
	if err := r.ParseForm(); err != nil {
		oauthError(w, 400, "invalid_request", "bad form")
		return
	}
	f.mu.Lock()
	f.forms = append(f.forms, r.PostForm)
	f.mu.Unlock()
	form := r.PostForm
	clientOK := func() bool {
		if form.Get("client_id") != demoClientID {
			oauthError(w, 400, "invalid_client_id", "client identifier invalid")
			return false
		}
		return true
	}
	switch form.Get("grant_type") {
	case "password":
		if !clientOK() {
			return
		}
		if form.Get("client_secret") != demoSecret {
			oauthError(w, 400, "invalid_client", "invalid client credentials")
			return
		}
		if form.Get("username") != demoUser || form.Get("password") != demoPassword+demoToken {
			oauthError(w, 400, "invalid_grant", "authentication failure")
			return
		}
	case "client_credentials":
		if !clientOK() {
			return
		}
		if form.Get("client_secret") != demoSecret {
			oauthError(w, 400, "invalid_client", "invalid client credentials")
			return
		}
	case "refresh_token":
		if !clientOK() {
			return
		}
		if form.Get("refresh_token") != demoRefresh {
			oauthError(w, 400, "invalid_grant", "expired access/refresh token")
			return
		}
	case grantJWTBearer:
		key, _ := rsaKey(f.t)
		tok, err := jwt.Parse(form.Get("assertion"), func(*jwt.Token) (any, error) { return &key.PublicKey, nil },
			jwt.WithValidMethods([]string{"RS256"}), jwt.WithAudience(f.srv.URL), jwt.WithIssuer(demoClientID),
			jwt.WithSubject(demoUser), jwt.WithExpirationRequired())
		if err != nil || !tok.Valid {
			oauthError(w, 400, "invalid_grant", "invalid assertion")
			return
		}
	default:
		oauthError(w, 400, "unsupported_grant_type", "grant type not supported")
		return
	}
	// The recorded success body, pointed at this server.
	var body map[string]any
	if err := json.Unmarshal(readFixture(f.t, "restforce/auth_success_response.json"), &body); err != nil {
		f.t.Error(err)
	}
	body["instance_url"] = f.srv.URL
	body["access_token"] = f.issue()
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	json.NewEncoder(w).Encode(body)
}

func (f *fake) soap(w http.ResponseWriter, r *http.Request) {
	f.logins.Add(1)
	raw, _ := io.ReadAll(r.Body)
	body := string(raw)
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	v, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/services/Soap/u/"), ".0"))
	if v >= 65 || !strings.Contains(body, "<urn:username>"+demoUser+"</urn:username>") ||
		!strings.Contains(body, "<urn:password>"+demoPassword+demoToken+"</urn:password>") {
		w.WriteHeader(500)
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="urn:fault.partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><soapenv:Fault><faultcode>sf:INVALID_LOGIN</faultcode><faultstring>INVALID_LOGIN: Invalid username, password, security token; or user locked out.</faultstring><detail><sf:LoginFault xsi:type="sf:LoginFault"><sf:exceptionCode>INVALID_LOGIN</sf:exceptionCode><sf:exceptionMessage>Invalid username, password, security token; or user locked out.</sf:exceptionMessage></sf:LoginFault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>`)
		return
	}
	tok := f.issue()
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><loginResponse><result><metadataServerUrl>%[1]s/services/Soap/m/58.0/00Dx0000000BV7z</metadataServerUrl><passwordExpired>false</passwordExpired><sandbox>false</sandbox><serverUrl>%[1]s/services/Soap/u/58.0/00Dx0000000BV7z</serverUrl><sessionId>%[2]s</sessionId><userId>005x00000012Q9PAAU</userId><userInfo><organizationId>00Dx0000000BV7zEAG</organizationId><userName>%[3]s</userName></userInfo></result></loginResponse></soapenv:Body></soapenv:Envelope>`,
		f.srv.URL, tok, demoUser)
}

func writeRESTError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	fmt.Fprintf(w, `[{"message":%q,"errorCode":%q}]`, msg, code)
}

func (f *fake) rest(w http.ResponseWriter, r *http.Request, p string) {
	tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	f.mu.Lock()
	valid := f.tokens[tok]
	f.mu.Unlock()
	if !valid {
		f.count("invalid-session")
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.WriteHeader(401)
		w.Write(readFixture(f.t, "restforce/expired_session_response.json"))
		return
	}
	f.mu.Lock()
	if f.used >= f.max {
		f.mu.Unlock()
		writeRESTError(w, 403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
		return
	}
	f.used++
	w.Header().Set("Sforce-Limit-Info", fmt.Sprintf("api-usage=%d/%d", f.used, f.max))
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	switch {
	case p == "/query" || p == "/queryAll":
		f.count("query")
		f.query(w, r, 0, p == "/queryAll")
	case strings.HasPrefix(p, "/query/"):
		f.count("queryMore")
		loc := strings.TrimPrefix(p, "/query/")
		_, off, _ := strings.Cut(loc, "-")
		n, _ := strconv.Atoi(off)
		f.query(w, r, n, strings.HasPrefix(loc, "ALL"))
	case p == "/sobjects":
		f.count("describeGlobal")
		w.Write(readFixture(f.t, "cumulusci/describe_global.json"))
	case p == "/sobjects/Case/describe":
		f.count("describe")
		w.Write(readFixture(f.t, "cumulusci/case_describe.json"))
	case strings.HasPrefix(p, "/sobjects/"):
		f.count("describe")
		w.WriteHeader(404)
		io.WriteString(w, `[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]`)
	case p == "/limits":
		f.count("limits")
		fmt.Fprintf(w, `{"DailyApiRequests":{"Max":%d,"Remaining":%d,"Ant Migration Tool":{"Max":0,"Remaining":0}},"DailyBulkV2QueryJobs":{"Max":10000,"Remaining":10000}}`, f.max, f.max-f.used)
	default:
		writeRESTError(w, 404, "NOT_FOUND", "The requested resource does not exist")
	}
}

// fakeRecord is row i: Id, Name, Amount (a decimal), a parent Account that
// is null for every third row, and a nested Owner under it.
func fakeRecord(i int, deleted bool) map[string]any {
	id := fmt.Sprintf("500x%014d", i)
	rec := map[string]any{
		"attributes": map[string]any{"type": "Case", "url": "/services/data/v58.0/sobjects/Case/" + id},
		"Id":         id,
		"Subject":    fmt.Sprintf("row %d", i),
		"Amount":     json.Number(fmt.Sprintf("%d.10", i)),
		"IsDeleted":  deleted,
	}
	if i%3 == 0 {
		rec["Account"] = nil
	} else {
		rec["Account"] = map[string]any{
			"attributes": map[string]any{"type": "Account", "url": "/x"},
			"Name":       fmt.Sprintf("acct %d", i),
			"Owner":      map[string]any{"attributes": map[string]any{"type": "User", "url": "/y"}, "Name": "owner"},
		}
	}
	return rec
}

func (f *fake) query(w http.ResponseWriter, r *http.Request, offset int, all bool) {
	if f.queryHook != nil && f.queryHook(w, r, offset) {
		return
	}
	total := f.rows
	if all {
		total += f.deleted
	}
	end := min(offset+f.pageSize, total)
	type env struct {
		TotalSize      int              `json:"totalSize"`
		Done           bool             `json:"done"`
		NextRecordsURL string           `json:"nextRecordsUrl,omitempty"`
		Records        []map[string]any `json:"records"`
	}
	e := env{TotalSize: total, Done: end == total, Records: []map[string]any{}}
	for i := offset; i < end; i++ {
		e.Records = append(e.Records, fakeRecord(i, i >= f.rows))
	}
	if !e.Done {
		prefix := "01gFAKE"
		if all {
			prefix = "ALL01gFAKE"
		}
		e.NextRecordsURL = fmt.Sprintf("/services/data/v58.0/query/%s-%d", prefix, end)
	}
	json.NewEncoder(w).Encode(e)
}
