package driver

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// The DSN is a URL:
//
//	salesforce://USER:PASSWORD@HOST[:PORT]/?securityToken=…&apiVersion=…&…
//
// HOST is the login host (environmentUrl without its scheme); the
// environmentUrl parameter may replace it. Every Config field has a
// parameter named after it (writeBatchSize, ignoreNullValues, …).
const dsnScheme = "salesforce"

// param binds one DSN parameter to one Config field.
type param struct {
	name   string
	field  string // Config field name, checked by a reflection test
	secret bool
	get    func(c *Config) string
	set    func(c *Config, v string) error
}

func strParam(name, field string, secret bool, p func(c *Config) *string) param {
	return param{name: name, field: field, secret: secret,
		get: func(c *Config) string { return *p(c) },
		set: func(c *Config, v string) error { *p(c) = v; return nil }}
}

func intParam(name, field string, p func(c *Config) *int) param {
	return param{name: name, field: field,
		get: func(c *Config) string { return strconv.Itoa(*p(c)) },
		set: func(c *Config, v string) error {
			n, err := strconv.Atoi(v)
			if err != nil {
				return fmt.Errorf("not an integer: %q", v)
			}
			*p(c) = n
			return nil
		}}
}

func boolParam(name, field string, p func(c *Config) *bool) param {
	return param{name: name, field: field,
		get: func(c *Config) string { return strconv.FormatBool(*p(c)) },
		set: func(c *Config, v string) error {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return fmt.Errorf("not a boolean: %q", v)
			}
			*p(c) = b
			return nil
		}}
}

// params lists the DSN parameters in the order FormatDSN writes them.
var params = []param{
	strParam("environmentUrl", "EnvironmentURL", false, func(c *Config) *string { return &c.EnvironmentURL }),
	strParam("username", "Username", false, func(c *Config) *string { return &c.Username }),
	strParam("password", "Password", true, func(c *Config) *string { return &c.Password }),
	strParam("securityToken", "SecurityToken", true, func(c *Config) *string { return &c.SecurityToken }),
	strParam("clientId", "ClientID", false, func(c *Config) *string { return &c.ClientID }),
	strParam("clientSecret", "ClientSecret", true, func(c *Config) *string { return &c.ClientSecret }),
	strParam("privateKeyFile", "PrivateKeyFile", false, func(c *Config) *string { return &c.PrivateKeyFile }),
	strParam("refreshToken", "RefreshToken", true, func(c *Config) *string { return &c.RefreshToken }),
	strParam("accessToken", "AccessToken", true, func(c *Config) *string { return &c.AccessToken }),
	strParam("instanceUrl", "InstanceURL", false, func(c *Config) *string { return &c.InstanceURL }),
	strParam("authFlow", "AuthFlow", false, func(c *Config) *string { return &c.AuthFlow }),
	strParam("apiVersion", "APIVersion", false, func(c *Config) *string { return &c.APIVersion }),
	strParam("readBehavior", "ReadBehavior", false, func(c *Config) *string { return &c.ReadBehavior }),
	strParam("api", "API", false, func(c *Config) *string { return &c.API }),
	strParam("queryMode", "QueryMode", false, func(c *Config) *string { return &c.QueryMode }),
	strParam("writeBehavior", "WriteBehavior", false, func(c *Config) *string { return &c.WriteBehavior }),
	strParam("externalIdFieldName", "ExternalIDFieldName", false, func(c *Config) *string { return &c.ExternalIDFieldName }),
	intParam("writeBatchSize", "WriteBatchSize", func(c *Config) *int { return &c.WriteBatchSize }),
	boolParam("ignoreNullValues", "IgnoreNullValues", func(c *Config) *bool { return &c.IgnoreNullValues }),
	intParam("maxConcurrentConnections", "MaxConcurrentConnections", func(c *Config) *int { return &c.MaxConcurrentConnections }),
	intParam("batchSize", "BatchSize", func(c *Config) *int { return &c.BatchSize }),
	intParam("bulkThreshold", "BulkThreshold", func(c *Config) *int { return &c.BulkThreshold }),
	intParam("bulkParallelism", "BulkParallelism", func(c *Config) *int { return &c.BulkParallelism }),
	intParam("localRowBudget", "LocalRowBudget", func(c *Config) *int { return &c.LocalRowBudget }),
	intParam("apiBudgetPercent", "APIBudgetPercent", func(c *Config) *int { return &c.APIBudgetPercent }),
	strParam("timeZone", "TimeZone", false, func(c *Config) *string { return &c.TimeZone }),
	{name: "describeCacheTTL", field: "DescribeCacheTTL",
		get: func(c *Config) string { return c.DescribeCacheTTL.String() },
		set: func(c *Config, v string) error {
			d, err := time.ParseDuration(v)
			if err != nil {
				return fmt.Errorf("not a duration: %q", v)
			}
			c.DescribeCacheTTL = d
			return nil
		}},
	boolParam("insecure", "Insecure", func(c *Config) *bool { return &c.Insecure }),
}

func lookupParam(name string) (param, bool) {
	for _, p := range params {
		if strings.EqualFold(p.name, name) {
			return p, true
		}
	}
	return param{}, false
}

// ParseDSN parses a DSN into a Config with defaults filled in. Errors never
// contain a secret: not the DSN, not a password, token or client secret.
func ParseDSN(dsn string) (*Config, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		// url's errors quote the input, which may hold a password.
		return nil, errors.New("driver: malformed DSN: want salesforce://USER:PASSWORD@HOST/?param=value")
	}
	if u.Scheme != dsnScheme {
		return nil, fmt.Errorf("driver: DSN scheme must be %q, not %q", dsnScheme, u.Scheme)
	}
	if u.Path != "" && u.Path != "/" {
		return nil, errors.New("driver: DSN path must be empty or \"/\"; settings go in the query string")
	}
	if u.Fragment != "" {
		return nil, errors.New("driver: DSN must not have a fragment")
	}
	cfg := NewConfig()
	if u.User != nil {
		cfg.Username = u.User.Username()
		cfg.Password, _ = u.User.Password()
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return nil, errors.New("driver: malformed DSN query string")
	}
	envGiven := false
	for name, vals := range q {
		p, ok := lookupParam(name)
		if !ok {
			return nil, fmt.Errorf("driver: unknown DSN parameter %q", name)
		}
		if len(vals) != 1 {
			return nil, fmt.Errorf("driver: DSN parameter %q given %d times", p.name, len(vals))
		}
		if err := p.set(cfg, vals[0]); err != nil {
			if p.secret {
				return nil, fmt.Errorf("driver: DSN parameter %q: invalid value", p.name)
			}
			return nil, fmt.Errorf("driver: DSN parameter %q: %v", p.name, err)
		}
		if p.name == "environmentUrl" {
			envGiven = true
		}
	}
	if u.Host != "" {
		scheme := "https"
		if cfg.Insecure {
			scheme = "http"
		}
		fromHost := scheme + "://" + u.Host
		if envGiven && !strings.EqualFold(strings.TrimSuffix(cfg.EnvironmentURL, "/"), fromHost) {
			return nil, fmt.Errorf("driver: DSN host %q and environmentUrl %q disagree", u.Host, cfg.EnvironmentURL)
		}
		cfg.EnvironmentURL = fromHost
	}
	if err := cfg.normalize(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// FormatDSN returns the DSN of c: the login host in the authority when it
// is a plain scheme://host[:port], every non-default setting as a parameter.
func (c *Config) FormatDSN() string {
	def := NewConfig()
	u := url.URL{Scheme: dsnScheme, Path: "/"}
	q := url.Values{}
	hostInAuthority := false
	if env, err := url.Parse(c.EnvironmentURL); err == nil && env.Host != "" &&
		(env.Path == "" || env.Path == "/") && env.RawQuery == "" && env.User == nil &&
		((env.Scheme == "https" && !c.Insecure) || (env.Scheme == "http" && c.Insecure)) {
		u.Host = env.Host
		hostInAuthority = true
	}
	if c.Username != "" || c.Password != "" {
		if c.Password != "" {
			u.User = url.UserPassword(c.Username, c.Password)
		} else {
			u.User = url.User(c.Username)
		}
	}
	for _, p := range params {
		switch p.name {
		case "username", "password":
			continue
		case "environmentUrl":
			if hostInAuthority {
				continue
			}
		}
		if v := p.get(c); v != p.get(def) {
			q.Set(p.name, v)
		}
	}
	// url.Values.Encode sorts by key, which keeps the text stable.
	u.RawQuery = q.Encode()
	return u.String()
}

func checkAPIVersion(v string) error {
	major, ok := strings.CutSuffix(v, ".0")
	n, err := strconv.Atoi(major)
	if !ok || err != nil || strconv.Itoa(n) != major {
		return fmt.Errorf("driver: apiVersion must look like \"45.0\", not %q", v)
	}
	if n < 31 {
		return fmt.Errorf("driver: apiVersion %s is retired; Salesforce serves 31.0 and later", v)
	}
	return nil
}

func checkEnvironmentURL(raw string, insecure bool, name string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return fmt.Errorf("driver: %s must be an absolute URL such as https://login.salesforce.com", name)
	}
	if u.User != nil {
		return fmt.Errorf("driver: %s must not carry credentials", name)
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if !insecure {
			return fmt.Errorf("driver: %s uses http; set insecure=true to allow it (loopback hosts only)", name)
		}
		if !isLoopback(u.Hostname()) {
			return fmt.Errorf("driver: %s: http is allowed only to a loopback host, not %q", name, u.Hostname())
		}
		return nil
	default:
		return fmt.Errorf("driver: %s scheme must be https, not %q", name, u.Scheme)
	}
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// configFields lists the Config fields that a DSN carries, for the
// all-fields-handled test.
func configFields() []string {
	t := reflect.TypeOf(Config{})
	var names []string
	for i := 0; i < t.NumField(); i++ {
		if t.Field(i).Tag.Get("dsn") == "-" {
			continue
		}
		names = append(names, t.Field(i).Name)
	}
	return names
}
