package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/internal/sfapi"
)

// Settings are the per-session knobs of the settings vocabulary
// (ARCHITECTURE.md "Settings") that change how statements run.
type Settings struct {
	ReadBehavior        string         // "query" (default) or "queryAll"
	API                 string         // "auto" (default), "rest" or "bulk"
	QueryMode           string         // "auto" (default), "sql" or "soql"
	BatchSize           int            // REST page size 200..2000; 0 = Salesforce's default
	BulkThreshold       int            // api=auto: more rows than this use Bulk 2.0; 0 = DefaultBulkThreshold
	BulkPageRecords     int            // rows per Bulk result page; 0 = DefaultBulkPageRecords
	BulkParallelism     int            // Bulk result pages downloaded at once; 0 or 1 = one after the other
	LocalRowBudget      int64          // rows a local step may pull; 0 = DefaultLocalRowBudget
	TimeZone            *time.Location // zone of {ts} literals; nil = UTC
	WriteBehavior       string         // "insert" (default) or "upsert"
	ExternalIDFieldName string         // upsert key
	WriteBatchSize      int            // rows per Bulk batch; 0 = 5,000
	IgnoreNullValues    bool           // leave fields unchanged instead of writing NULL
}

// Defaults of Settings. Bulk result pages are large because they stream
// (memory does not grow with the page) and each page is an API request:
// a 1,000,000-row read takes four.
const (
	DefaultBulkThreshold   = 50000
	DefaultBulkPageRecords = 250000
	DefaultLocalRowBudget  = 1000000
)

// Config configures an Engine.
type Config struct {
	API      sfapi.Config   // login and transport
	Settings Settings       // session defaults
	Cache    *catalog.Cache // describe cache shared between engines; nil = a private one
	Now      func() time.Time
}

// Engine runs statements for one Salesforce login. It is safe for
// concurrent use; each statement has its own state.
type Engine struct {
	client   *sfapi.Client
	cache    *catalog.Cache
	settings Settings
	now      func() time.Time
	cat      catalogDB
}

// New checks cfg and returns an engine. It does not log in: the first
// statement (or Ping) does.
func New(cfg Config) (*Engine, error) {
	client, err := sfapi.New(cfg.API)
	if err != nil {
		return nil, err
	}
	e := &Engine{client: client, cache: cfg.Cache, settings: cfg.Settings, now: cfg.Now}
	if e.cache == nil {
		e.cache = catalog.NewCache(catalog.CacheConfig{})
	}
	if e.now == nil {
		e.now = time.Now
	}
	if err := e.settings.check(); err != nil {
		client.Close()
		return nil, err
	}
	return e, nil
}

func (s *Settings) check() error {
	for _, c := range []struct {
		name, val string
		ok        []string
	}{
		{"readBehavior", s.ReadBehavior, []string{"", "query", "queryAll"}},
		{"api", s.API, []string{"", "auto", "rest", "bulk"}},
		{"queryMode", s.QueryMode, []string{"", "auto", "sql", "soql"}},
		{"writeBehavior", s.WriteBehavior, []string{"", "insert", "upsert"}},
	} {
		found := false
		for _, ok := range c.ok {
			if strings.EqualFold(c.val, ok) {
				found = true
			}
		}
		if !found {
			return fmt.Errorf("engine: %s %q: want one of %s", c.name, c.val, strings.Join(c.ok[1:], ", "))
		}
	}
	return nil
}

// Close releases the engine's connections and its catalog tables.
func (e *Engine) Close() error {
	e.cat.mu.Lock()
	if e.cat.db != nil {
		e.cat.db.Close()
		e.cat.db = nil
	}
	e.cat.mu.Unlock()
	return e.client.Close()
}

// Ping logs in when there is no session yet; it sends nothing otherwise.
func (e *Engine) Ping(ctx context.Context) error {
	_, err := e.client.Current(ctx)
	return err
}

// Calls reports the HTTP requests sent so far, by kind (see sfapi.Client.Calls).
func (e *Engine) Calls() map[string]int64 { return e.client.Calls() }

// Settings returns the engine's session settings.
func (e *Engine) Settings() Settings { return e.settings }

// SetSettings replaces the session settings (SET in the gateway).
func (e *Engine) SetSettings(s Settings) error {
	if err := s.check(); err != nil {
		return err
	}
	e.settings = s
	return nil
}

// scope is the describe cache key of this login.
func (e *Engine) scope(ctx context.Context) (catalog.Scope, error) {
	sess, err := e.client.Current(ctx)
	if err != nil {
		return catalog.Scope{}, err
	}
	return catalog.Scope{InstanceURL: sess.InstanceURL, APIVersion: e.client.APIVersion()}, nil
}

// ErrUnsupported is matched by errors for statements the engine does not run.
var ErrUnsupported = errors.New("engine: unsupported")

// UnsupportedError says which part of a statement cannot run, and why.
type UnsupportedError struct {
	What string
	Hint string
}

func (e *UnsupportedError) Error() string {
	msg := "engine: " + e.What + " is not supported"
	if e.Hint != "" {
		msg += " (" + e.Hint + ")"
	}
	return msg
}

// Unwrap makes errors.Is(err, ErrUnsupported) true.
func (e *UnsupportedError) Unwrap() error { return ErrUnsupported }
