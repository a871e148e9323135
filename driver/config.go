package driver

import (
	"crypto/rsa"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Setting values accepted by Config fields that hold a choice.
const (
	ReadBehaviorQuery    = "query"
	ReadBehaviorQueryAll = "queryAll"

	APIAuto = "auto"
	APIREST = "rest"
	APIBulk = "bulk"

	QueryModeAuto = "auto"
	QueryModeSQL  = "sql"
	QueryModeSOQL = "soql"

	WriteBehaviorInsert = "insert"
	WriteBehaviorUpsert = "upsert"

	AuthAuto              = "auto"
	AuthPassword          = "password"
	AuthSOAP              = "soap"
	AuthClientCredentials = "clientCredentials"
	AuthJWT               = "jwt"
	AuthRefreshToken      = "refreshToken"
	AuthAccessToken       = "accessToken"
)

// Defaults, named after the Data Factory connector's documented behaviour.
const (
	DefaultEnvironmentURL   = "https://login.salesforce.com"
	DefaultReadAPIVersion   = "45.0"
	DefaultWriteAPIVersion  = "40.0"
	DefaultWriteBatchSize   = 5000
	DefaultBatchSize        = 2000
	DefaultBulkThreshold    = 50000
	DefaultLocalRowBudget   = 1000000
	DefaultDescribeCacheTTL = 15 * time.Minute
)

// Config is a parsed data source name. Create one with NewConfig (defaults)
// or ParseDSN; FormatDSN turns it back into a DSN. Field names follow the
// settings vocabulary of Data Factory's Salesforce connector, so the DSN
// parameter of each field is its name with a lower-case first letter.
type Config struct {
	EnvironmentURL           string          // login host: https://login.salesforce.com, https://test.salesforce.com, a My Domain, or http://loopback with Insecure
	Username                 string          // the Salesforce user
	Password                 string          // the user's password (secret)
	SecurityToken            string          // appended to the password for password logins (secret)
	ClientID                 string          // connected app consumer key
	ClientSecret             string          // connected app consumer secret (secret)
	PrivateKeyFile           string          // PEM file with the RSA key of the JWT bearer flow
	RefreshToken             string          // OAuth refresh token (secret)
	AccessToken              string          // an existing session id / access token (secret); needs InstanceURL
	InstanceURL              string          // the instance host that AccessToken belongs to
	AuthFlow                 string          // auto, password, soap, clientCredentials, jwt, refreshToken, accessToken
	APIVersion               string          // e.g. "45.0"; empty: reads 45.0, writes 40.0
	ReadBehavior             string          // query (default) or queryAll (include the recycle bin)
	API                      string          // auto (default), rest or bulk
	QueryMode                string          // auto (default), sql or soql
	WriteBehavior            string          // insert (default) or upsert
	ExternalIDFieldName      string          // the External ID field upserts match on
	WriteBatchSize           int             // rows per Bulk batch (default 5,000)
	IgnoreNullValues         bool            // leave fields unchanged instead of writing NULL
	MaxConcurrentConnections int             // cap on in-flight HTTP requests; 0 = no cap
	BatchSize                int             // REST query page size, 200..2,000 (default 2,000)
	BulkThreshold            int             // with API auto: results larger than this use Bulk 2.0 (default 50,000)
	BulkParallelism          int             // Bulk 2.0 result pages downloaded at once (default 1: fewest API calls)
	LocalRowBudget           int             // rows one local step may pull from Salesforce (default 1,000,000)
	APIBudgetPercent         int             // stop before using more than this % of the daily API allowance; 0 = none
	TimeZone                 string          // IANA zone of {ts} literals and timestamps without zone (default UTC)
	DescribeCacheTTL         time.Duration   // how long describe results are reused (default 15m)
	Insecure                 bool            // allow http:// — only to a loopback host
	HTTPClient               *http.Client    `dsn:"-"` // transport to use; nil = a client with sane timeouts
	PrivateKey               *rsa.PrivateKey `dsn:"-"` // the JWT bearer key, instead of PrivateKeyFile
}

// NewConfig returns a Config with every default set.
func NewConfig() *Config {
	return &Config{
		EnvironmentURL:   DefaultEnvironmentURL,
		AuthFlow:         AuthAuto,
		ReadBehavior:     ReadBehaviorQuery,
		API:              APIAuto,
		QueryMode:        QueryModeAuto,
		WriteBehavior:    WriteBehaviorInsert,
		WriteBatchSize:   DefaultWriteBatchSize,
		BatchSize:        DefaultBatchSize,
		BulkThreshold:    DefaultBulkThreshold,
		LocalRowBudget:   DefaultLocalRowBudget,
		TimeZone:         "UTC",
		DescribeCacheTTL: DefaultDescribeCacheTTL,
	}
}

// Clone returns a copy that shares nothing mutable with c.
func (c *Config) Clone() *Config {
	cp := *c
	return &cp
}

// String describes the configuration with every secret masked, so a Config
// can be logged or printed in an error.
func (c *Config) String() string {
	masked := c.Clone()
	for _, s := range []*string{&masked.Password, &masked.SecurityToken, &masked.ClientSecret, &masked.RefreshToken, &masked.AccessToken} {
		if *s != "" {
			*s = redacted
		}
	}
	masked.HTTPClient, masked.PrivateKey = nil, nil
	return masked.FormatDSN()
}

const redacted = "xxxxx"

// normalize fills defaults into zero fields and checks every value. Both
// ParseDSN and NewConnector call it, so a Config built by hand is held to
// the same rules as a parsed one.
func (c *Config) normalize() error {
	def := NewConfig()
	if c.EnvironmentURL == "" {
		c.EnvironmentURL = def.EnvironmentURL
	}
	for _, f := range []struct {
		val  *string
		def  string
		name string
		ok   []string
	}{
		{&c.AuthFlow, def.AuthFlow, "authFlow", []string{AuthAuto, AuthPassword, AuthSOAP, AuthClientCredentials, AuthJWT, AuthRefreshToken, AuthAccessToken}},
		{&c.ReadBehavior, def.ReadBehavior, "readBehavior", []string{ReadBehaviorQuery, ReadBehaviorQueryAll}},
		{&c.API, def.API, "api", []string{APIAuto, APIREST, APIBulk}},
		{&c.QueryMode, def.QueryMode, "queryMode", []string{QueryModeAuto, QueryModeSQL, QueryModeSOQL}},
		{&c.WriteBehavior, def.WriteBehavior, "writeBehavior", []string{WriteBehaviorInsert, WriteBehaviorUpsert}},
	} {
		if *f.val == "" {
			*f.val = f.def
		}
		canon, ok := oneOf(*f.val, f.ok)
		if !ok {
			return fmt.Errorf("driver: %s must be one of %s, not %q", f.name, strings.Join(f.ok, ", "), *f.val)
		}
		*f.val = canon
	}
	if c.WriteBatchSize == 0 {
		c.WriteBatchSize = def.WriteBatchSize
	}
	if c.BatchSize == 0 {
		c.BatchSize = def.BatchSize
	}
	if c.BulkThreshold == 0 {
		c.BulkThreshold = def.BulkThreshold
	}
	if c.LocalRowBudget == 0 {
		c.LocalRowBudget = def.LocalRowBudget
	}
	if c.TimeZone == "" {
		c.TimeZone = def.TimeZone
	}
	if c.DescribeCacheTTL == 0 {
		c.DescribeCacheTTL = def.DescribeCacheTTL
	}
	switch {
	case c.WriteBatchSize < 1 || c.WriteBatchSize > 10000:
		return fmt.Errorf("driver: writeBatchSize must be between 1 and 10000, not %d", c.WriteBatchSize)
	case c.BatchSize < 200 || c.BatchSize > 2000:
		return fmt.Errorf("driver: batchSize must be between 200 and 2000, not %d", c.BatchSize)
	case c.BulkThreshold < 0:
		return fmt.Errorf("driver: bulkThreshold must not be negative")
	case c.BulkParallelism < 0 || c.BulkParallelism > 16:
		return fmt.Errorf("driver: bulkParallelism must be between 0 and 16, not %d", c.BulkParallelism)
	case c.LocalRowBudget < 0:
		return fmt.Errorf("driver: localRowBudget must not be negative")
	case c.MaxConcurrentConnections < 0:
		return fmt.Errorf("driver: maxConcurrentConnections must not be negative")
	case c.APIBudgetPercent < 0 || c.APIBudgetPercent > 100:
		return fmt.Errorf("driver: apiBudgetPercent must be between 0 and 100, not %d", c.APIBudgetPercent)
	case c.DescribeCacheTTL < 0:
		return fmt.Errorf("driver: describeCacheTTL must not be negative")
	}
	if c.APIVersion != "" {
		if err := checkAPIVersion(c.APIVersion); err != nil {
			return err
		}
	}
	if _, err := time.LoadLocation(c.TimeZone); err != nil {
		return fmt.Errorf("driver: timeZone %q: unknown time zone", c.TimeZone)
	}
	if err := checkEnvironmentURL(c.EnvironmentURL, c.Insecure, "environmentUrl"); err != nil {
		return err
	}
	if c.InstanceURL != "" {
		if err := checkEnvironmentURL(c.InstanceURL, c.Insecure, "instanceUrl"); err != nil {
			return err
		}
	}
	if c.WriteBehavior == WriteBehaviorUpsert && c.ExternalIDFieldName == "" {
		return fmt.Errorf("driver: writeBehavior upsert needs externalIdFieldName")
	}
	if c.AccessToken != "" && c.InstanceURL == "" {
		return fmt.Errorf("driver: accessToken needs instanceUrl")
	}
	return nil
}

func oneOf(v string, allowed []string) (string, bool) {
	for _, a := range allowed {
		if strings.EqualFold(v, a) {
			return a, true
		}
	}
	return "", false
}
