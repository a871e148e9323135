package sfapi

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// DefaultAPIVersion is the REST API version used when Config.APIVersion is
// empty (Data Factory's default for reads).
const DefaultAPIVersion = "45.0"

// DefaultLoginURL is the login host used when Config.EnvironmentURL is empty.
const DefaultLoginURL = "https://login.salesforce.com"

// Flow is a login flow.
type Flow string

// The login flows. FlowAuto picks one from the fields that are set.
const (
	FlowAuto              Flow = ""
	FlowAccessToken       Flow = "access_token"
	FlowRefreshToken      Flow = "refresh_token"
	FlowJWT               Flow = "jwt_bearer"
	FlowPassword          Flow = "password"
	FlowClientCredentials Flow = "client_credentials"
	FlowSOAP              Flow = "soap"
)

// Config configures a Client. The zero value of every optional field means
// its default.
type Config struct {
	EnvironmentURL string // login host: https://login.salesforce.com (default), https://test.salesforce.com, a My Domain, or a loopback http:// URL
	APIVersion     string // "58.0" or "v58.0"; default DefaultAPIVersion
	Flow           Flow   // force a login flow; default: inferred (see Client.Flow)
	Username       string // the user (password, JWT and SOAP flows)
	Password       string // the user's password, without the security token
	SecurityToken  string // appended to Password when logging in
	ClientID       string // connected app consumer key
	ClientSecret   string // connected app consumer secret
	PrivateKeyPEM  []byte // RSA private key (PKCS#1 or PKCS#8 PEM) signing the JWT bearer assertion
	RefreshToken   string // OAuth refresh token
	AccessToken    string // a session id or access token to use as given
	InstanceURL    string // the instance the AccessToken belongs to

	HTTPClient *http.Client      // used as given when set
	Transport  http.RoundTripper // wrapped in a client without overall timeout when HTTPClient is nil

	MaxConcurrentConnections int     // requests in flight at once; default 10
	APIBudgetPercent         float64 // stop before spending more than this share of the daily allowance; 0 = no budget
	Retry                    RetryPolicy
	ClientName               string                           // sent as Sforce-Call-Options client=…; default "soqlgate"
	Logf                     func(format string, args ...any) // optional; every line is scrubbed of secrets
	JWTLifetime              time.Duration                    // exp of JWT assertions; default 3 minutes
	JWTAudience              string                           // aud of JWT assertions; default login or test host (see Client.jwtAudience)
	PollInterval             time.Duration                    // first wait between Bulk job polls, doubling to 30s; default 500ms
}

// RetryPolicy bounds the retries of one request.
type RetryPolicy struct {
	MaxAttempts     int           // attempts in all; default 8
	InitialInterval time.Duration // first backoff; default 250ms
	MaxInterval     time.Duration // cap of one backoff; default 20s
	MaxElapsed      time.Duration // cap of all backoffs of one request; default 3m
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = 8
	}
	if p.InitialInterval <= 0 {
		p.InitialInterval = 250 * time.Millisecond
	}
	if p.MaxInterval <= 0 {
		p.MaxInterval = 20 * time.Second
	}
	if p.MaxElapsed <= 0 {
		p.MaxElapsed = 3 * time.Minute
	}
	return p
}

// String describes the configuration with every secret masked.
func (c Config) String() string {
	mask := func(s string) string {
		if s == "" {
			return `""`
		}
		return "[redacted]"
	}
	key := `""`
	if len(c.PrivateKeyPEM) > 0 {
		key = "[redacted]"
	}
	return fmt.Sprintf("sfapi.Config{EnvironmentURL:%q APIVersion:%q Flow:%q Username:%q Password:%s SecurityToken:%s ClientID:%q ClientSecret:%s PrivateKeyPEM:%s RefreshToken:%s AccessToken:%s InstanceURL:%q MaxConcurrentConnections:%d APIBudgetPercent:%g}",
		c.EnvironmentURL, c.APIVersion, c.Flow, c.Username, mask(c.Password), mask(c.SecurityToken), c.ClientID,
		mask(c.ClientSecret), key, mask(c.RefreshToken), mask(c.AccessToken), c.InstanceURL, c.MaxConcurrentConnections, c.APIBudgetPercent)
}

// GoString is String, so %#v masks secrets too.
func (c Config) GoString() string { return c.String() }

// secrets lists the configured secret values, longest first, for the scrubber.
func (c *Config) secrets() []string {
	var s []string
	add := func(v string) {
		if len(v) >= 3 { // shorter values would mask ordinary words
			s = append(s, v)
		}
	}
	add(c.Password + c.SecurityToken)
	add(c.Password)
	add(c.SecurityToken)
	add(c.ClientSecret)
	add(c.RefreshToken)
	add(c.AccessToken)
	if len(c.PrivateKeyPEM) > 0 {
		add(string(c.PrivateKeyPEM))
	}
	return s
}

// normalizeVersion turns "58", "58.0" or "v58.0" into "58.0".
func normalizeVersion(v string) (string, int, error) {
	if v == "" {
		v = DefaultAPIVersion
	}
	v = strings.TrimPrefix(strings.TrimPrefix(v, "v"), "V")
	if !strings.Contains(v, ".") {
		v += ".0"
	}
	major, minor, ok := strings.Cut(v, ".")
	n, err := strconv.Atoi(major)
	if !ok || err != nil || minor != "0" || n < 20 || n > 999 {
		return "", 0, fmt.Errorf("sfapi: apiVersion %q is not a Salesforce API version such as 58.0", v)
	}
	return v, n, nil
}

// validateEnvironmentURL accepts the login hosts Salesforce serves, a My
// Domain, and plain http only on loopback (the emulator). It returns the
// URL reduced to scheme://host[:port].
func validateEnvironmentURL(raw string) (string, error) {
	if raw == "" {
		raw = DefaultLoginURL
	}
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("sfapi: environmentUrl %q is not an absolute URL", raw)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" || (u.Path != "" && u.Path != "/") {
		return "", fmt.Errorf("sfapi: environmentUrl %q must be a bare scheme://host[:port]", u.Redacted())
	}
	host := strings.ToLower(u.Hostname())
	switch u.Scheme {
	case "http":
		if !isLoopback(host) {
			return "", fmt.Errorf("sfapi: environmentUrl %q: plain http is only allowed to a loopback address", raw)
		}
	case "https":
		if !isLoopback(host) && host != "login.salesforce.com" && host != "test.salesforce.com" &&
			!strings.HasSuffix(host, ".my.salesforce.com") {
			return "", fmt.Errorf("sfapi: environmentUrl %q is not https://login.salesforce.com, https://test.salesforce.com or a My Domain (https://<name>.my.salesforce.com)", raw)
		}
	default:
		return "", fmt.Errorf("sfapi: environmentUrl %q: scheme must be https", raw)
	}
	return u.Scheme + "://" + u.Host, nil
}

// validateInstanceURL checks an instance URL returned by login or given by
// the caller: https anywhere, http only on loopback (tokens never travel in
// clear text off the machine).
func validateInstanceURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("sfapi: instance URL %q is not an absolute URL", raw)
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && isLoopback(strings.ToLower(u.Hostname())):
	default:
		return "", fmt.Errorf("sfapi: instance URL %q: must be https (plain http only on loopback)", raw)
	}
	return u.Scheme + "://" + u.Host, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// flow picks the login flow from the fields that are set.
func (c *Config) flow(version int) (Flow, error) {
	if c.Flow != FlowAuto {
		switch c.Flow {
		case FlowAccessToken, FlowRefreshToken, FlowJWT, FlowPassword, FlowClientCredentials, FlowSOAP:
		default:
			return "", fmt.Errorf("sfapi: unknown login flow %q", c.Flow)
		}
		if c.Flow == FlowSOAP && version >= 65 {
			return "", errSOAPRetired(version)
		}
		return c.Flow, nil
	}
	switch {
	case c.AccessToken != "":
		return FlowAccessToken, nil
	case c.RefreshToken != "":
		return FlowRefreshToken, nil
	case len(c.PrivateKeyPEM) > 0:
		return FlowJWT, nil
	case c.ClientID != "" && c.Username != "":
		return FlowPassword, nil
	case c.ClientID != "":
		return FlowClientCredentials, nil
	case c.Username != "":
		if version >= 65 {
			return "", errSOAPRetired(version)
		}
		return FlowSOAP, nil
	}
	return "", fmt.Errorf("sfapi: no credentials: set username and password, a client id, a refresh token or an access token")
}

func errSOAPRetired(version int) error {
	return fmt.Errorf("sfapi: SOAP login() is not available in API %d.0 and later; set clientId and clientSecret (OAuth) or use apiVersion 64.0 or lower", version)
}
