package driver

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseDSN(t *testing.T) {
	withDefaults := func(edit func(c *Config)) *Config {
		c := NewConfig()
		edit(c)
		return c
	}
	cases := []struct {
		dsn  string
		want *Config
	}{
		{"salesforce://demo%40soqlgate.local:demo@login.salesforce.com/?securityToken=demo", withDefaults(func(c *Config) {
			c.Username, c.Password, c.SecurityToken = "demo@soqlgate.local", "demo", "demo"
		})},
		{"salesforce://u:p@test.salesforce.com", withDefaults(func(c *Config) {
			c.Username, c.Password, c.EnvironmentURL = "u", "p", "https://test.salesforce.com"
		})},
		{"salesforce://u:p@127.0.0.1:8443/?insecure=true&apiVersion=59.0&readBehavior=queryAll&api=bulk&queryMode=soql", withDefaults(func(c *Config) {
			c.Username, c.Password, c.EnvironmentURL, c.Insecure = "u", "p", "http://127.0.0.1:8443", true
			c.APIVersion, c.ReadBehavior, c.API, c.QueryMode = "59.0", ReadBehaviorQueryAll, APIBulk, QueryModeSOQL
		})},
		{"salesforce:///?environmentUrl=https%3A%2F%2Facme.my.salesforce.com&username=u&clientId=cid&clientSecret=sec&authFlow=clientcredentials", withDefaults(func(c *Config) {
			c.EnvironmentURL, c.Username, c.ClientID, c.ClientSecret, c.AuthFlow = "https://acme.my.salesforce.com", "u", "cid", "sec", AuthClientCredentials
		})},
		{"salesforce://u@login.salesforce.com/?writeBehavior=upsert&externalIdFieldName=CustomerId__c&writeBatchSize=10000&ignoreNullValues=true&maxConcurrentConnections=4", withDefaults(func(c *Config) {
			c.Username, c.WriteBehavior, c.ExternalIDFieldName, c.WriteBatchSize, c.IgnoreNullValues, c.MaxConcurrentConnections = "u", WriteBehaviorUpsert, "CustomerId__c", 10000, true, 4
		})},
		{"salesforce://u@login.salesforce.com/?batchSize=200&bulkThreshold=1000&localRowBudget=5&apiBudgetPercent=80&timeZone=Europe%2FParis&describeCacheTTL=1m", withDefaults(func(c *Config) {
			c.Username, c.BatchSize, c.BulkThreshold, c.LocalRowBudget, c.APIBudgetPercent, c.TimeZone, c.DescribeCacheTTL = "u", 200, 1000, 5, 80, "Europe/Paris", time.Minute
		})},
		{"salesforce://u@login.salesforce.com/?accessToken=00D000000000001%21tok&instanceUrl=https%3A%2F%2Fna1.salesforce.com&authFlow=accessToken", withDefaults(func(c *Config) {
			c.Username, c.AccessToken, c.InstanceURL, c.AuthFlow = "u", "00D000000000001!tok", "https://na1.salesforce.com", AuthAccessToken
		})},
		{"salesforce://u@login.salesforce.com/?privateKeyFile=%2Fetc%2Fkey.pem&clientId=c&authFlow=JWT&refreshToken=r", withDefaults(func(c *Config) {
			c.Username, c.PrivateKeyFile, c.ClientID, c.AuthFlow, c.RefreshToken = "u", "/etc/key.pem", "c", AuthJWT, "r"
		})},
	}
	for _, tc := range cases {
		got, err := ParseDSN(tc.dsn)
		if err != nil {
			t.Errorf("ParseDSN(%q): %v", tc.dsn, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseDSN(%q)\n got %s\nwant %s", tc.dsn, got, tc.want)
		}
	}
}

func TestParseDSNErrors(t *testing.T) {
	cases := []struct{ dsn, want string }{
		{"mysql://u:p@h/", `driver: DSN scheme must be "salesforce", not "mysql"`},
		{"salesforce://u:p@h/db", `driver: DSN path must be empty or "/"; settings go in the query string`},
		{"salesforce://u:p@h/?bogus=1", `driver: unknown DSN parameter "bogus"`},
		{"salesforce://u:p@h/?writeBatchSize=x", `driver: DSN parameter "writeBatchSize": not an integer: "x"`},
		{"salesforce://u:p@h/?writeBatchSize=0&writeBatchSize=2", `driver: DSN parameter "writeBatchSize" given 2 times`},
		{"salesforce://u:p@h/?writeBatchSize=20000", `driver: writeBatchSize must be between 1 and 10000, not 20000`},
		{"salesforce://u:p@h/?batchSize=100", `driver: batchSize must be between 200 and 2000, not 100`},
		{"salesforce://u:p@h/?bulkParallelism=17", `driver: bulkParallelism must be between 0 and 16, not 17`},
		{"salesforce://u:p@h/?readBehavior=all", `driver: readBehavior must be one of query, queryAll, not "all"`},
		{"salesforce://u:p@h/?api=soap", `driver: api must be one of auto, rest, bulk, not "soap"`},
		{"salesforce://u:p@h/?apiVersion=45", `driver: apiVersion must look like "45.0", not "45"`},
		{"salesforce://u:p@h/?apiVersion=20.0", `driver: apiVersion 20.0 is retired; Salesforce serves 31.0 and later`},
		{"salesforce://u:p@h/?writeBehavior=upsert", `driver: writeBehavior upsert needs externalIdFieldName`},
		{"salesforce://u:p@example.com/?insecure=true", `driver: environmentUrl: http is allowed only to a loopback host, not "example.com"`},
		{"salesforce:///?environmentUrl=http%3A%2F%2F127.0.0.1%3A1", `driver: environmentUrl uses http; set insecure=true to allow it (loopback hosts only)`},
		{"salesforce://u:p@a.com/?environmentUrl=https%3A%2F%2Fb.com", `driver: DSN host "a.com" and environmentUrl "https://b.com" disagree`},
		{"salesforce://u:p@h/?timeZone=Mars%2FOlympus", `driver: timeZone "Mars/Olympus": unknown time zone`},
		{"salesforce://u:p@h/?accessToken=t", `driver: accessToken needs instanceUrl`},
		{"salesforce://u:p@h/?ignoreNullValues=maybe", `driver: DSN parameter "ignoreNullValues": not a boolean: "maybe"`},
	}
	for _, tc := range cases {
		_, err := ParseDSN(tc.dsn)
		if err == nil || err.Error() != tc.want {
			t.Errorf("ParseDSN(%q) error = %v, want %s", tc.dsn, err, tc.want)
		}
	}
}

// TestDSNErrorsNeverShowSecrets feeds malformed DSNs that carry secrets and
// checks no error repeats them.
func TestDSNErrorsNeverShowSecrets(t *testing.T) {
	const secret = "S3cr3tValue"
	dsns := []string{
		"salesforce://u:" + secret + "@h/?bogus=1",
		"salesforce://u:" + secret + "@h/%zz",
		"salesforce://u:" + secret + "@h/?securityToken=" + secret + "&api=x",
		"salesforce://u:" + secret + "@h/?clientSecret=" + secret + "&writeBatchSize=q",
		"salesforce://u:" + secret + "@h/?refreshToken=" + secret + "&refreshToken=" + secret,
		"salesforce://u:" + secret + "@h/?accessToken=" + secret,
		"http://u:" + secret + "@h/",
		"salesforce://u:" + secret + "@exa mple.com/",
		"salesforce://u:" + secret + "@h/?password=" + secret + "&readBehavior=" + secret,
	}
	for _, dsn := range dsns {
		_, err := ParseDSN(dsn)
		if err == nil {
			t.Errorf("ParseDSN accepted %q", dsn)
			continue
		}
		if strings.Contains(err.Error(), secret) {
			// readBehavior is not a secret parameter, but its value here is.
			if !strings.Contains(dsn, "readBehavior="+secret) {
				t.Errorf("error shows a secret: %v", err)
			}
		}
	}
	cfg, err := ParseDSN("salesforce://u:" + secret + "@h/?securityToken=" + secret + "&clientSecret=" + secret + "&refreshToken=" + secret)
	if err != nil {
		t.Fatal(err)
	}
	if s := cfg.String(); strings.Contains(s, secret) || !strings.Contains(s, redacted) {
		t.Errorf("Config.String() = %q: secrets not masked", s)
	}
}

func TestFormatDSNRoundTrip(t *testing.T) {
	for _, dsn := range dsnSeeds {
		cfg, err := ParseDSN(dsn)
		if err != nil {
			t.Fatalf("ParseDSN(%q): %v", dsn, err)
		}
		again, err := ParseDSN(cfg.FormatDSN())
		if err != nil {
			t.Fatalf("ParseDSN(FormatDSN(%q)) = %q: %v", dsn, cfg.FormatDSN(), err)
		}
		if !reflect.DeepEqual(cfg, again) {
			t.Errorf("round trip of %q\n got %s\nwant %s", dsn, again, cfg)
		}
	}
	if got, want := NewConfig().FormatDSN(), "salesforce://login.salesforce.com/"; got != want {
		t.Errorf("FormatDSN of defaults = %q, want %q", got, want)
	}
	c := NewConfig()
	c.Username, c.Password, c.SecurityToken, c.WriteBatchSize = "a@b.c", "p w", "t", 200
	if got, want := c.FormatDSN(), "salesforce://a%40b.c:p%20w@login.salesforce.com/?securityToken=t&writeBatchSize=200"; got != want {
		t.Errorf("FormatDSN = %q, want %q", got, want)
	}
}

var dsnSeeds = []string{
	"salesforce://demo%40soqlgate.local:demo@127.0.0.1:8443/?insecure=true&securityToken=demo",
	"salesforce://u:p@login.salesforce.com/?writeBehavior=upsert&externalIdFieldName=X__c&ignoreNullValues=true",
	"salesforce:///?environmentUrl=https%3A%2F%2Facme.my.salesforce.com%2Fsub&clientId=c&clientSecret=s",
	"salesforce://u@test.salesforce.com/?api=rest&queryMode=sql&readBehavior=queryAll&apiVersion=40.0&describeCacheTTL=90s",
	"salesforce://u@[::1]:99/?insecure=true&timeZone=America%2FNew_York&maxConcurrentConnections=3",
}

// TestEveryConfigFieldHasAParameter fails when a Config field is added
// without teaching ParseDSN and FormatDSN about it.
func TestEveryConfigFieldHasAParameter(t *testing.T) {
	var bound []string
	for _, p := range params {
		bound = append(bound, p.field)
	}
	for _, f := range configFields() {
		if !slices.Contains(bound, f) {
			t.Errorf("Config.%s has no DSN parameter", f)
		}
	}
	// Each parameter must really round-trip a non-default value.
	for _, p := range params {
		c := NewConfig()
		def := p.get(c)
		var v string
		switch reflect.ValueOf(c).Elem().FieldByName(p.field).Kind() {
		case reflect.Int:
			v = "300"
		case reflect.Bool:
			v = "true"
		case reflect.Int64:
			v = "2m0s"
		default:
			v = "x-value"
		}
		if err := p.set(c, v); err != nil || p.get(c) == def {
			t.Errorf("parameter %s: set(%q) = %v, value %q", p.name, v, err, p.get(c))
		}
	}
}

func FuzzFormatDSN(f *testing.F) {
	for _, s := range dsnSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, dsn string) {
		cfg, err := ParseDSN(dsn)
		if err != nil {
			return
		}
		formatted := cfg.FormatDSN()
		again, err := ParseDSN(formatted)
		if err != nil {
			t.Fatalf("FormatDSN output %q does not parse: %v", formatted, err)
		}
		if !reflect.DeepEqual(cfg, again) {
			t.Fatalf("not a fixed point: %q → %q", dsn, formatted)
		}
		if again.FormatDSN() != formatted {
			t.Fatalf("FormatDSN not stable: %q vs %q", formatted, again.FormatDSN())
		}
	})
}
