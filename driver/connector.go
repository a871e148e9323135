package driver

import (
	"context"
	"crypto/rsa"
	"crypto/x509"
	"database/sql/driver"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/internal/engine"
	"github.com/soqlgate/soqlgate/internal/sfapi"
)

// Connector opens connections for one Config. Use it with sql.OpenDB when
// the Config holds what a DSN cannot (HTTPClient, PrivateKey):
//
//	c, err := driver.NewConnector(cfg)
//	db := sql.OpenDB(c)
//
// Every connection of a Connector shares one describe cache and one
// engine, hence one login and one cap on requests in flight
// (maxConcurrentConnections): an object is described once per pool and the
// pool logs in once. A statement with knobs (QueryAll{}, API(…),
// BatchSize(…)) runs on the engine of its settings, one per distinct
// combination, shared the same way. Close (sql.DB.Close calls it) releases
// them.
type Connector struct {
	cfg      *Config // immutable copy
	api      sfapi.Config
	settings engine.Settings
	cache    *catalog.Cache
	now      func() time.Time

	mu      sync.Mutex
	engines map[engine.Settings]*engine.Engine
	closed  bool
}

// maxEngines bounds the engines a Connector keeps (one per settings
// combination); a statement past it gets an engine of its own, closed with
// its rows.
const maxEngines = 8

var (
	_ driver.Connector = (*Connector)(nil)
	_ io.Closer        = (*Connector)(nil)
)

// NewConnector checks cfg (as ParseDSN does), copies it and returns a
// Connector. Changing cfg afterwards has no effect on the Connector.
func NewConnector(cfg *Config) (*Connector, error) {
	if cfg == nil {
		cfg = NewConfig()
	}
	c := cfg.Clone()
	if err := c.normalize(); err != nil {
		return nil, err
	}
	api, err := apiConfig(c)
	if err != nil {
		return nil, err
	}
	settings, err := sessionSettings(c)
	if err != nil {
		return nil, err
	}
	return &Connector{
		cfg:      c,
		api:      api,
		settings: settings,
		cache:    catalog.NewCache(catalog.CacheConfig{TTL: c.DescribeCacheTTL}),
		engines:  map[engine.Settings]*engine.Engine{},
	}, nil
}

// Config returns a copy of the Connector's configuration.
func (c *Connector) Config() *Config { return c.cfg.Clone() }

// Connect returns a connection. It sends nothing: the first statement (or
// Ping) logs in, so a pool does not log in for connections it never uses.
// A login that could not reach Salesforce (refused, unresolvable host)
// fails that statement with driver.ErrBadConn; one Salesforce refused
// (bad credentials) is an ordinary error.
func (c *Connector) Connect(ctx context.Context) (driver.Conn, error) {
	if _, _, err := c.engine(c.settings); err != nil {
		return nil, err
	}
	return &conn{c: c, base: c.settings}, nil
}

// engine returns the shared engine of settings s, creating it on first
// use. When the Connector already keeps maxEngines, it returns a new
// engine that the caller must close (release).
func (c *Connector) engine(s engine.Settings) (e *engine.Engine, release func(), err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil, nil, driver.ErrBadConn
	}
	if e := c.engines[s]; e != nil {
		return e, func() {}, nil
	}
	e, err = engine.New(engine.Config{API: c.api, Settings: s, Cache: c.cache, Now: c.now})
	if err != nil {
		return nil, nil, err
	}
	if len(c.engines) >= maxEngines {
		return e, func() { e.Close() }, nil
	}
	c.engines[s] = e
	return e, func() {}, nil
}

func (c *Connector) isClosed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closed
}

// Close releases the engines' HTTP connections. database/sql calls it
// from DB.Close; connections still open fail with driver.ErrBadConn.
func (c *Connector) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	var errs []error
	for s, e := range c.engines {
		errs = append(errs, e.Close())
		delete(c.engines, s)
	}
	return errors.Join(errs...)
}

// Driver returns the Driver, as driver.Connector requires.
func (c *Connector) Driver() driver.Driver { return &Driver{} }

// flows maps Config.AuthFlow to the API client's flows.
var flows = map[string]sfapi.Flow{
	AuthAuto:              sfapi.FlowAuto,
	AuthPassword:          sfapi.FlowPassword,
	AuthSOAP:              sfapi.FlowSOAP,
	AuthClientCredentials: sfapi.FlowClientCredentials,
	AuthJWT:               sfapi.FlowJWT,
	AuthRefreshToken:      sfapi.FlowRefreshToken,
	AuthAccessToken:       sfapi.FlowAccessToken,
}

// apiConfig turns a normalized Config into the API client's login and
// transport settings. The JWT key is read here, once.
func apiConfig(c *Config) (sfapi.Config, error) {
	api := sfapi.Config{
		EnvironmentURL:           c.EnvironmentURL,
		APIVersion:               c.APIVersion,
		Flow:                     flows[c.AuthFlow],
		Username:                 c.Username,
		Password:                 c.Password,
		SecurityToken:            c.SecurityToken,
		ClientID:                 c.ClientID,
		ClientSecret:             c.ClientSecret,
		RefreshToken:             c.RefreshToken,
		AccessToken:              c.AccessToken,
		InstanceURL:              c.InstanceURL,
		HTTPClient:               c.HTTPClient,
		MaxConcurrentConnections: c.MaxConcurrentConnections,
		APIBudgetPercent:         float64(c.APIBudgetPercent),
	}
	switch {
	case c.PrivateKey != nil:
		der, err := x509.MarshalPKCS8PrivateKey(c.PrivateKey)
		if err != nil {
			return sfapi.Config{}, fmt.Errorf("driver: privateKey: %w", err)
		}
		api.PrivateKeyPEM = pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	case c.PrivateKeyFile != "":
		b, err := os.ReadFile(c.PrivateKeyFile)
		if err != nil {
			return sfapi.Config{}, fmt.Errorf("driver: privateKeyFile: %w", err)
		}
		if err := checkRSAKey(b); err != nil {
			return sfapi.Config{}, fmt.Errorf("driver: privateKeyFile %s: %w", c.PrivateKeyFile, err)
		}
		api.PrivateKeyPEM = b
	}
	return api, nil
}

// checkRSAKey fails early, at NewConnector, on a file that holds no RSA
// private key. The error never quotes the file.
func checkRSAKey(b []byte) error {
	block, _ := pem.Decode(b)
	if block == nil {
		return fmt.Errorf("no PEM block")
	}
	if k, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil && k != nil {
		return nil
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return fmt.Errorf("not a PKCS#1 or PKCS#8 private key")
	}
	if _, ok := k.(*rsa.PrivateKey); !ok {
		return fmt.Errorf("not an RSA private key")
	}
	return nil
}

// sessionSettings are the engine's session defaults from a normalized
// Config.
func sessionSettings(c *Config) (engine.Settings, error) {
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return engine.Settings{}, fmt.Errorf("driver: timeZone %q: unknown time zone", c.TimeZone)
	}
	return engine.Settings{
		ReadBehavior:        c.ReadBehavior,
		API:                 c.API,
		QueryMode:           c.QueryMode,
		BatchSize:           c.BatchSize,
		BulkThreshold:       c.BulkThreshold,
		BulkParallelism:     c.BulkParallelism,
		LocalRowBudget:      int64(c.LocalRowBudget),
		TimeZone:            loc,
		WriteBehavior:       c.WriteBehavior,
		ExternalIDFieldName: c.ExternalIDFieldName,
		WriteBatchSize:      c.WriteBatchSize,
		IgnoreNullValues:    c.IgnoreNullValues,
	}, nil
}
