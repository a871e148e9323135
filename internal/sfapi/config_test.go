package sfapi

import (
	"context"
	"net/http"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
)

func TestValidateEnvironmentURL(t *testing.T) {
	cases := []struct {
		in, want, err string
	}{
		{"", "https://login.salesforce.com", ""},
		{"https://login.salesforce.com", "https://login.salesforce.com", ""},
		{"https://test.salesforce.com/", "https://test.salesforce.com", ""},
		{"https://acme.my.salesforce.com", "https://acme.my.salesforce.com", ""},
		{"https://acme--uat.sandbox.my.salesforce.com", "https://acme--uat.sandbox.my.salesforce.com", ""},
		{"http://127.0.0.1:8443", "http://127.0.0.1:8443", ""},
		{"http://localhost:8443", "http://localhost:8443", ""},
		{"http://[::1]:8443", "http://[::1]:8443", ""},
		{"http://login.salesforce.com", "", "plain http is only allowed to a loopback address"},
		{"http://10.0.0.5:8443", "", "plain http is only allowed to a loopback address"},
		{"https://evil.example.com", "", "is not https://login.salesforce.com"},
		{"https://salesforce.com.evil.example", "", "is not https://login.salesforce.com"},
		{"https://login.salesforce.com/services/oauth2/token", "", "bare scheme://host"},
		{"https://user:pw@login.salesforce.com", "", "bare scheme://host"},
		{"ftp://login.salesforce.com", "", "scheme must be https"},
		{"login.salesforce.com", "", "not an absolute URL"},
	}
	for _, tc := range cases {
		got, err := validateEnvironmentURL(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: err = %v, want %q", tc.in, err, tc.err)
			}
			if err != nil && strings.Contains(err.Error(), "pw@") {
				t.Errorf("%q: userinfo in error %v", tc.in, err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%q = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestFlowInference(t *testing.T) {
	key := []byte("-----BEGIN RSA PRIVATE KEY-----")
	cases := []struct {
		cfg  Config
		want Flow
		err  string
	}{
		{Config{AccessToken: "t", InstanceURL: "https://x.my.salesforce.com"}, FlowAccessToken, ""},
		{Config{RefreshToken: "r", ClientID: "c"}, FlowRefreshToken, ""},
		{Config{PrivateKeyPEM: key, ClientID: "c", Username: "u"}, FlowJWT, ""},
		{Config{Username: "u", Password: "p", ClientID: "c", ClientSecret: "s"}, FlowPassword, ""},
		{Config{ClientID: "c", ClientSecret: "s", EnvironmentURL: "https://acme.my.salesforce.com"}, FlowClientCredentials, ""},
		{Config{ClientID: "c", ClientSecret: "s"}, "", "must log in through the org's My Domain"},
		{Config{Username: "u", Password: "p", APIVersion: "64.0"}, FlowSOAP, ""},
		{Config{Username: "u", Password: "p", APIVersion: "65.0"}, "", "SOAP login() is not available"},
		{Config{}, "", "no credentials"},
		{Config{ClientID: "c"}, "", "client_credentials login flow needs a client secret"},
		{Config{PrivateKeyPEM: key, ClientID: "c"}, "", "jwt_bearer login flow needs a username"},
		{Config{AccessToken: "t"}, "", "needs its instance URL"},
		{Config{AccessToken: "t", InstanceURL: "http://example.com"}, "", "plain http only on loopback"},
		{Config{Username: "u", Password: "p", Flow: "magic"}, "", `unknown login flow "magic"`},
		{Config{Username: "u", Password: "p", APIVersion: "v7"}, FlowSOAP, "not a Salesforce API version"},
		{Config{Username: "u", Password: "p", MaxConcurrentConnections: -1}, "", "maxConcurrentConnections"},
		{Config{Username: "u", Password: "p", APIBudgetPercent: 120}, "", "between 0 and 100"},
	}
	for _, tc := range cases {
		c, err := New(tc.cfg)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%v: err = %v, want %q", tc.cfg.String(), err, tc.err)
			}
			continue
		}
		if err != nil || c.Flow() != tc.want {
			t.Errorf("%v: flow %v, err %v; want %v", tc.cfg.String(), c, err, tc.want)
		}
	}
	c, _ := New(Config{Username: "u", Password: "p", APIVersion: "v58"})
	if c.APIVersion() != "58.0" {
		t.Fatalf("version = %q", c.APIVersion())
	}
}

type countingTransport struct {
	n    atomic.Int32
	base http.RoundTripper
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.base.RoundTrip(r)
}

func TestCallerTransportAndClient(t *testing.T) {
	f := newFake(t)
	tr := &countingTransport{base: http.DefaultTransport}
	cfg := f.config()
	cfg.Transport = tr
	c, _ := New(cfg)
	if _, err := c.Describe(context.Background(), "Case"); err != nil {
		t.Fatal(err)
	}
	if tr.n.Load() != 2 {
		t.Fatalf("transport saw %d requests, want 2", tr.n.Load())
	}
	tr2 := &countingTransport{base: http.DefaultTransport}
	cfg.Transport, cfg.HTTPClient = nil, &http.Client{Transport: tr2}
	c2, _ := New(cfg)
	if _, err := c2.Describe(context.Background(), "Case"); err != nil {
		t.Fatal(err)
	}
	if tr2.n.Load() != 2 {
		t.Fatalf("client saw %d requests, want 2", tr2.n.Load())
	}
}

func TestDefaultTransportTimeouts(t *testing.T) {
	hc := newHTTPClient(&Config{})
	tr := hc.Transport.(*http.Transport)
	if hc.Timeout != 0 {
		t.Fatal("an overall client timeout would cut long result bodies")
	}
	if tr.Proxy == nil || tr.TLSHandshakeTimeout == 0 || tr.ResponseHeaderTimeout == 0 || tr.DialContext == nil {
		t.Fatalf("transport: proxy %v, tls %v, headers %v", tr.Proxy != nil, tr.TLSHandshakeTimeout, tr.ResponseHeaderTimeout)
	}
	// The proxy comes from the environment (HTTPS_PROXY, NO_PROXY).
	if reflect.ValueOf(tr.Proxy).Pointer() != reflect.ValueOf(http.ProxyFromEnvironment).Pointer() {
		t.Fatal("the default transport does not take its proxy from the environment")
	}
}

func TestJWTAudience(t *testing.T) {
	key := []byte("-----BEGIN RSA PRIVATE KEY-----")
	for env, want := range map[string]string{
		"":                               "https://login.salesforce.com",
		"https://test.salesforce.com":    "https://test.salesforce.com",
		"https://acme.my.salesforce.com": "https://login.salesforce.com",
		"https://acme--uat.sandbox.my.salesforce.com": "https://test.salesforce.com",
		"http://127.0.0.1:8443":                       "http://127.0.0.1:8443",
		"https://localhost:8443":                      "https://localhost:8443",
	} {
		c, err := New(Config{EnvironmentURL: env, PrivateKeyPEM: key, ClientID: "c", Username: "u"})
		if err != nil {
			t.Fatal(err)
		}
		if got := c.jwtAudience(); got != want {
			t.Errorf("%q: aud = %q, want %q", env, got, want)
		}
	}
}
