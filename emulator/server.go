package emulator

import (
	"compress/gzip"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options configure a Server. The zero value is an empty org in memory with
// Developer Edition limits.
type Options struct {
	Seed              string        // "" (empty org: the demo user and the Organization only) or "demo"
	Scale             int           // with Seed "demo": N generated Cases with their Contacts and Accounts
	DataPath          string        // SQLite file; "" or ":memory:" = in memory
	Latency           time.Duration // added to every request
	PageSize          int           // forced query page size; 0 = honour Sforce-Query-Options batchSize (default 2000)
	SessionLifetime   time.Duration // 0 = 2h
	DailyAPILimit     int           // 0 = 15000 (Developer Edition)
	LocatorLifetime   time.Duration // 0 = 15m
	JWTCertificatePEM []byte        // certificate that verifies JWT bearer assertions (RS256)
	Faults            []Fault       // injected from the start (see InjectFault)
	Logf              func(format string, args ...any)
}

const (
	defaultSessionLifetime = 2 * time.Hour
	defaultDailyAPILimit   = 15000
	defaultLocatorLifetime = 15 * time.Minute
)

// API versions: 31.0 is the oldest REST still serves (older ones are
// retired: 410), latestVersion the newest; SOAP login() is gone from
// soapLoginRetired on.
const (
	oldestVersion    = 31
	latestVersion    = 66
	soapLoginRetired = 65
)

// Server is the local org, an http.Handler. Create it with New; the zero
// value is usable too (an empty org, built on first use). Close releases
// its database.
type Server struct {
	once    sync.Once
	initErr error

	opts   Options
	db     *sql.DB
	keep   *sql.Conn
	schema *schema
	org    orgInfo
	logf   func(format string, args ...any)

	mu         sync.Mutex
	sessions   map[string]*session
	refresh    map[string]string // refresh token → user id
	latency    time.Duration
	pageSize   int
	dailyLimit int
	apiUsed    int
	lifetime   time.Duration
	faults     []*faultState
	counts     map[string]int
	hold       func(endpoint string)
	scaleStats seedStats
}

// New builds the org: it opens the store, creates the tables and seeds the
// data the options ask for.
func New(opts Options) (*Server, error) {
	s := &Server{}
	var err error
	s.once.Do(func() { err = s.init(opts) })
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// ready builds a zero-value Server on first use as New(Options{}) would:
// an empty org in memory. It reports why the org could not be built.
func (s *Server) ready() error {
	s.once.Do(func() { s.initErr = s.init(Options{}) })
	return s.initErr
}

func (s *Server) init(opts Options) error {
	sch, err := loadSchema()
	if err != nil {
		return err
	}
	if opts.Seed != "" && opts.Seed != "demo" {
		return fmt.Errorf("emulator: unknown seed %q (want \"demo\" or none)", opts.Seed)
	}
	if opts.Scale < 0 {
		return fmt.Errorf("emulator: negative scale %d", opts.Scale)
	}
	if opts.Scale > 0 && opts.Seed != "demo" {
		return fmt.Errorf("emulator: scale needs the demo seed")
	}
	s.opts, s.schema, s.org, s.logf = opts, sch, demoOrg(), opts.Logf
	s.sessions, s.refresh, s.counts = map[string]*session{}, map[string]string{}, map[string]int{}
	s.latency, s.pageSize, s.dailyLimit, s.lifetime = opts.Latency, opts.PageSize, opts.DailyAPILimit, opts.SessionLifetime
	if s.logf == nil {
		s.logf = func(string, ...any) {}
	}
	for _, f := range opts.Faults {
		if _, ok := faultNames[f.Kind]; !ok || f.Endpoint == "" || f.Rate < 0 || f.Rate > 1 {
			return fmt.Errorf("emulator: bad fault %+v", f)
		}
		s.faults = append(s.faults, &faultState{Fault: f, rng: rand.New(rand.NewPCG(faultSeed, uint64(len(s.faults))))})
	}
	if s.dailyLimit == 0 {
		s.dailyLimit = defaultDailyAPILimit
	}
	if s.lifetime == 0 {
		s.lifetime = defaultSessionLifetime
	}
	ctx := context.Background()
	s.db, s.keep, err = openStore(ctx, opts.DataPath)
	if err != nil {
		return err
	}
	created, err := s.createTables(ctx)
	if err == nil && created {
		err = s.seed(ctx)
		if err == nil {
			begin := time.Now()
			err = s.createIndexes(ctx)
			s.scaleStats.indexing = time.Since(begin)
		}
	}
	return err
}

// Close releases the database. An in-memory org is gone afterwards.
func (s *Server) Close() error {
	s.closeExt()
	if s.keep != nil {
		s.keep.Close()
	}
	if s.db == nil {
		return nil
	}
	return s.db.Close()
}

// ctxKey keys the request context values the handlers read.
type ctxKey int

const (
	ctxVersion ctxKey = iota // API version, "58.0"
	ctxSession               // *session
)

// requestVersion returns the API version of a REST request ("58.0").
func requestVersion(r *http.Request) string {
	v, _ := r.Context().Value(ctxVersion).(string)
	return v
}

// requestSession returns the session that authenticated the request.
func requestSession(r *http.Request) *session {
	sess, _ := r.Context().Value(ctxSession).(*session)
	return sess
}

// instanceURL is scheme://host of the request: the login host and the
// instance host are the same listener.
func instanceURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// ServeHTTP routes a request: test knobs, SOAP, OAuth, identity, then the
// REST tree under /services/data.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := s.ready(); err != nil {
		writeAPIError(w, http.StatusInternalServerError, "UNKNOWN_EXCEPTION", err.Error())
		return
	}
	s.mu.Lock()
	latency := s.latency
	s.mu.Unlock()
	if latency > 0 && !strings.HasPrefix(r.URL.Path, "/__emulator/") { // the knobs answer at once
		select {
		case <-time.After(latency):
		case <-r.Context().Done():
			return
		}
	}
	if strings.EqualFold(r.Header.Get("Content-Encoding"), "gzip") && r.Body != nil {
		// go-salesforce (and Salesforce's own clients) may gzip request bodies.
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			writeAPIError(w, http.StatusBadRequest, "JSON_PARSER_ERROR", "The request body is not valid gzip: "+err.Error())
			return
		}
		defer zr.Close()
		r.Body = zr
		r.Header.Del("Content-Encoding")
		r.ContentLength = -1
	}
	p := r.URL.Path
	switch {
	case strings.HasPrefix(p, "/__emulator/"):
		s.serveKnobs(w, r)
	case strings.HasPrefix(p, "/services/Soap/u/"):
		s.serveSOAP(w, r, strings.TrimPrefix(p, "/services/Soap/u/"))
	case strings.HasPrefix(p, "/services/oauth2/"):
		s.serveOAuth(w, r, strings.TrimPrefix(p, "/services/oauth2/"))
	case strings.HasPrefix(p, "/id/"):
		s.serveIdentity(w, r, strings.TrimPrefix(p, "/id/"))
	case p == "/services/data" || p == "/services/data/":
		s.endpoint(w, r, "versions", false, []string{"GET", "HEAD"}, s.handleVersions)
	case strings.HasPrefix(p, "/services/data/v"):
		s.serveREST(w, r, strings.TrimPrefix(p, "/services/data/v"))
	case strings.HasPrefix(p, "/services/async/"):
		s.serveBulk1(w, r, strings.TrimPrefix(p, "/services/async/"))
	default:
		notFound(w)
	}
}

// serveREST parses the version segment and routes the resource below it.
func (s *Server) serveREST(w http.ResponseWriter, r *http.Request, rest string) {
	verText, resource, _ := strings.Cut(rest, "/")
	major, ok := parseVersion(verText)
	switch {
	case !ok || major > latestVersion:
		s.limitHeader(w)
		notFound(w)
		return
	case major < oldestVersion:
		s.limitHeader(w)
		writeAPIError(w, http.StatusGone, "GONE", fmt.Sprintf("API version %s is retired and no longer available", verText))
		return
	}
	r = r.WithContext(context.WithValue(r.Context(), ctxVersion, verText))
	resource = strings.TrimSuffix(resource, "/")
	parts := strings.Split(resource, "/")
	get := []string{"GET", "HEAD"}
	switch {
	case resource == "":
		s.endpoint(w, r, "resources", true, get, s.handleResources)
	case resource == "limits":
		s.endpoint(w, r, "limits", true, get, s.handleLimits)
	case resource == "limits/recordCount":
		s.endpoint(w, r, "limits", true, get, s.handleRecordCount)
	case parts[0] == "query" || parts[0] == "queryAll":
		all := parts[0] == "queryAll"
		switch len(parts) {
		case 1:
			s.endpoint(w, r, "query", true, get, func(w http.ResponseWriter, r *http.Request) { s.handleQuery(w, r, all) })
		case 2:
			loc := parts[1]
			s.endpoint(w, r, "queryMore", true, get, func(w http.ResponseWriter, r *http.Request) { s.handleQueryMore(w, r, loc) })
		default:
			s.limitHeader(w)
			notFound(w)
		}
	case parts[0] == "sobjects":
		s.routeSObjects(w, r, parts[1:])
	case parts[0] == "composite" && len(parts) == 3 && parts[1] == "sobjects":
		o := s.schema.object(parts[2])
		s.endpointAllowing(w, r, "composite", []string{"GET", "POST", "PATCH", "DELETE"}, []string{"GET", "POST"}, func(w http.ResponseWriter, r *http.Request) {
			s.handleCollectionRetrieve(w, r, o)
		})
	case unimplementedResources[parts[0]]:
		s.endpointAllowing(w, r, parts[0], []string{"GET", "HEAD", "POST", "PATCH", "PUT", "DELETE"}, nil, nil)
	case parts[0] == "jobs" || parts[0] == "analytics":
		s.routeExt(w, r, parts)
	default:
		s.limitHeader(w)
		notFound(w)
	}
}

// routeSObjects routes /sobjects[/X[/describe|/{id}]].
func (s *Server) routeSObjects(w http.ResponseWriter, r *http.Request, parts []string) {
	get := []string{"GET", "HEAD"}
	switch len(parts) {
	case 0:
		s.endpoint(w, r, "sobjects", true, get, s.handleDescribeGlobal)
		return
	}
	o := s.schema.object(parts[0])
	switch {
	case len(parts) == 1:
		s.endpointAllowing(w, r, "sobjects", []string{"GET", "HEAD", "POST"}, get, func(w http.ResponseWriter, r *http.Request) {
			s.handleBasicInfo(w, r, o, parts[0])
		})
	case len(parts) == 2 && parts[1] == "describe":
		s.endpoint(w, r, "describe", true, get, func(w http.ResponseWriter, r *http.Request) { s.handleDescribe(w, r, o) })
	case o != nil && len(parts) == 2 && (parts[1] == "updated" || parts[1] == "deleted"):
		deleted := parts[1] == "deleted"
		s.endpoint(w, r, "sobjects", true, get, func(w http.ResponseWriter, r *http.Request) { s.handleReplication(w, r, o, deleted) })
	case o != nil && len(parts) >= 2 && (parts[1] == "describe" || unimplementedSObjectResources[parts[1]]):
		// Resources of an sObject the describe links to but the emulator
		// does not serve: layouts, list views, quick actions …
		s.endpointAllowing(w, r, "sobjects", []string{"GET", "HEAD", "POST", "PATCH", "DELETE"}, nil, nil)
	case len(parts) == 2:
		s.endpointAllowing(w, r, "sobjects", []string{"GET", "HEAD", "PATCH", "DELETE"}, get, func(w http.ResponseWriter, r *http.Request) {
			s.handleRetrieve(w, r, o, parts[1])
		})
	case len(parts) == 3 && o != nil && o.field(parts[2]) != nil && o.field(parts[2]).Type == "base64":
		f := o.field(parts[2])
		s.endpoint(w, r, "sobjects", true, get, func(w http.ResponseWriter, r *http.Request) { s.handleBlob(w, r, o, parts[1], f) })
	case len(parts) == 3 && o != nil && o.childRelationship(parts[2]) != nil:
		// Relationship traversal (/sobjects/Account/{id}/Contacts).
		s.endpointAllowing(w, r, "sobjects", []string{"GET", "HEAD", "PATCH", "DELETE"}, nil, nil)
	case len(parts) == 3:
		s.endpointAllowing(w, r, "sobjects", []string{"GET", "HEAD", "PATCH", "DELETE", "POST"}, get, func(w http.ResponseWriter, r *http.Request) {
			s.handleByExternalID(w, r, o, parts[1], parts[2])
		})
	default:
		s.limitHeader(w)
		notFound(w)
	}
}

// unimplementedSObjectResources are the per-object resources real orgs
// serve that the emulator answers 501 NOT_IMPLEMENTED (not 404: they
// exist, the emulator just does not have them).
var unimplementedSObjectResources = map[string]bool{
	"listviews": true, "quickActions": true, "defaultValues": true,
	"suggestedArticles": true, "layouts": true, "compactLayouts": true, "approvalLayouts": true,
	"namedLayouts": true, "passwordUtilities": true, "eventSchema": true,
}

// unimplementedResources are resource-directory entries (and other REST
// resources clients call) the emulator answers 501 NOT_IMPLEMENTED.
var unimplementedResources = map[string]bool{
	"tooling": true, "search": true, "parameterizedSearch": true, "composite": true, "recent": true,
	"tabs": true, "theme": true, "appMenu": true, "actions": true, "process": true, "chatter": true,
	"connect": true, "metadata": true, "ui-api": true, "graphql": true, "async-queries": true,
}

func parseVersion(v string) (int, bool) {
	major, ok := strings.CutSuffix(v, ".0")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(major)
	if err != nil || n <= 0 || strconv.Itoa(n) != major {
		return 0, false
	}
	return n, true
}

// endpoint runs a REST handler after the common steps: request counter,
// method check, authentication, daily limit, fault injection.
func (s *Server) endpoint(w http.ResponseWriter, r *http.Request, name string, auth bool, methods []string, h http.HandlerFunc) {
	if !auth {
		s.count(name)
		s.limitHeader(w)
		if !allowed(methods, r.Method) {
			methodNotAllowed(w, r, methods)
			return
		}
		if s.injectFault(w, r, name, faultREST) {
			return
		}
		h(w, r)
		return
	}
	s.endpointAllowing(w, r, name, methods, methods, h)
}

// endpointAllowing is endpoint for resources where Salesforce allows more
// methods (allowedMethods) than the emulator implements (implemented): those
// fail loudly with 501.
func (s *Server) endpointAllowing(w http.ResponseWriter, r *http.Request, name string, allowedMethods, implemented []string, h http.HandlerFunc) {
	s.count(name)
	sess := s.authenticate(r)
	if sess == nil {
		s.limitHeader(w)
		invalidSession(w)
		return
	}
	if !s.chargeAPICall() {
		s.limitHeader(w)
		writeAPIError(w, http.StatusForbidden, "REQUEST_LIMIT_EXCEEDED", msgDailyLimit)
		return
	}
	s.limitHeader(w)
	if !allowed(allowedMethods, r.Method) {
		methodNotAllowed(w, r, allowedMethods)
		return
	}
	if !allowed(implemented, r.Method) {
		writeAPIError(w, http.StatusNotImplemented, "NOT_IMPLEMENTED",
			fmt.Sprintf("soqlgate emulator: %s %s is not implemented", r.Method, r.URL.Path))
		return
	}
	if s.injectFault(w, r, name, faultREST) {
		return
	}
	r = r.WithContext(context.WithValue(r.Context(), ctxSession, sess))
	s.mu.Lock()
	hold := s.hold
	s.mu.Unlock()
	if hold != nil {
		hold(name)
	}
	if r.Header.Get("X-PrettyPrint") == "1" && name != "query" && name != "queryMore" {
		pw := &prettyWriter{ResponseWriter: w, status: http.StatusOK}
		h(pw, r)
		pw.finish()
		return
	}
	h(w, r)
}

// prettyWriter buffers a JSON response and writes it in Jackson's pretty
// layout (X-PrettyPrint: 1, which simple-salesforce sends on every call).
// The query handlers format their own pages.
type prettyWriter struct {
	http.ResponseWriter
	status int
	buf    []byte
}

func (p *prettyWriter) WriteHeader(status int) { p.status = status }

func (p *prettyWriter) Write(b []byte) (int, error) {
	p.buf = append(p.buf, b...)
	return len(b), nil
}

func (p *prettyWriter) finish() {
	body := p.buf
	if strings.HasPrefix(p.Header().Get("Content-Type"), "application/json") && len(body) > 0 {
		body = prettyJSON(body)
	}
	p.ResponseWriter.WriteHeader(p.status)
	_, _ = p.ResponseWriter.Write(body)
}

func allowed(methods []string, m string) bool {
	for _, x := range methods {
		if x == m {
			return true
		}
	}
	return false
}

func methodNotAllowed(w http.ResponseWriter, r *http.Request, methods []string) {
	w.Header().Set("Allow", strings.Join(methods, ", "))
	writeAPIError(w, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED",
		fmt.Sprintf("HTTP Method '%s' not allowed. Allowed are %s", r.Method, strings.Join(methods, ",")))
}
