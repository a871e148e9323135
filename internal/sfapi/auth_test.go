package sfapi

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
)

func TestLoginFlows(t *testing.T) {
	_, keyPEM := rsaKey(t)
	cases := []struct {
		name   string
		edit   func(*Config)
		flow   Flow
		grant  string // grant_type the token endpoint saw; "" for SOAP / given token
		fields map[string]string
	}{
		{"password", func(c *Config) {}, FlowPassword, "password",
			map[string]string{"username": demoUser, "password": demoPassword + demoToken, "client_id": demoClientID, "client_secret": demoSecret}},
		{"client credentials", func(c *Config) { c.Username, c.Password, c.SecurityToken = "", "", "" }, FlowClientCredentials, "client_credentials",
			map[string]string{"client_id": demoClientID, "client_secret": demoSecret}},
		{"jwt bearer", func(c *Config) { c.Password, c.SecurityToken, c.ClientSecret, c.PrivateKeyPEM = "", "", "", keyPEM }, FlowJWT, grantJWTBearer, nil},
		{"refresh token", func(c *Config) { c.Username, c.Password, c.RefreshToken = "", "", demoRefresh }, FlowRefreshToken, "refresh_token",
			map[string]string{"refresh_token": demoRefresh, "client_id": demoClientID}},
		{"soap below 65", func(c *Config) { c.ClientID, c.ClientSecret = "", "" }, FlowSOAP, "", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t)
			cfg := f.config()
			tc.edit(&cfg)
			c, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if c.Flow() != tc.flow {
				t.Fatalf("flow = %q, want %q", c.Flow(), tc.flow)
			}
			s, err := c.Login(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if s.InstanceURL != f.srv.URL || s.OrgID == "" || s.UserID == "" {
				t.Fatalf("session = %+v", s)
			}
			if tc.grant != "" {
				if len(f.forms) != 1 || f.forms[0].Get("grant_type") != tc.grant {
					t.Fatalf("token requests = %v", f.forms)
				}
				for k, v := range tc.fields {
					if got := f.forms[0].Get(k); got != v {
						t.Errorf("form %s = %q, want %q", k, got, v)
					}
				}
			}
			// The session works for a REST call.
			if _, err := c.Describe(context.Background(), "Case"); err != nil {
				t.Fatal(err)
			}
			if got := c.Calls()["login"]; got != 1 {
				t.Fatalf("login calls = %d, want 1", got)
			}
		})
	}
}

func TestLoginGivenAccessToken(t *testing.T) {
	f := newFake(t)
	tok := f.issue()
	c, err := New(Config{EnvironmentURL: f.srv.URL, APIVersion: "58.0", AccessToken: tok, InstanceURL: f.srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Describe(context.Background(), "Case"); err != nil {
		t.Fatal(err)
	}
	if f.logins.Load() != 0 {
		t.Fatalf("logins = %d, want 0", f.logins.Load())
	}
	// Expired, and nothing to log in with: a clear login error.
	f.expireAll()
	_, err = c.Describe(context.Background(), "Case")
	if !errors.Is(err, ErrLogin) || !strings.Contains(err.Error(), "access token expired") {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), tok) {
		t.Fatalf("token in error: %v", err)
	}
}

func TestLoginFailures(t *testing.T) {
	cases := []struct {
		name string
		edit func(*Config)
		is   error
		msg  string
	}{
		{"bad password", func(c *Config) { c.Password = "wrong" }, ErrInvalidGrant, "authentication failure"},
		{"bad security token", func(c *Config) { c.SecurityToken = "wrong" }, ErrInvalidGrant, "authentication failure"},
		{"unknown client id", func(c *Config) { c.ClientID = "nobody" }, ErrInvalidClientID, "client identifier invalid"},
		{"bad client secret", func(c *Config) { c.ClientSecret = "wrong" }, ErrInvalidClient, "invalid client credentials"},
		{"bad refresh token", func(c *Config) { c.RefreshToken = "stale-refresh" }, ErrInvalidGrant, "expired access/refresh token"},
		{"soap bad password", func(c *Config) { c.ClientID, c.ClientSecret, c.Password = "", "", "wrong" }, ErrInvalidLogin, "Invalid username, password, security token"},
		{"soap bad token", func(c *Config) { c.ClientID, c.ClientSecret, c.SecurityToken = "", "", "wrong" }, ErrInvalidLogin, "Invalid username, password, security token"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t)
			cfg := f.config()
			tc.edit(&cfg)
			var logs []string
			cfg.Logf = func(format string, args ...any) { logs = append(logs, format) }
			c, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Login(context.Background())
			if !errors.Is(err, ErrLogin) || !errors.Is(err, tc.is) {
				t.Fatalf("err = %v, want ErrLogin and %v", err, tc.is)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("err = %q, want it to contain %q", err, tc.msg)
			}
			if SafeToRetry(err) {
				t.Fatalf("a rejected login is not worth repeating: %v", err)
			}
			// Rejected credentials are not retried.
			if f.logins.Load() != 1 {
				t.Fatalf("logins = %d, want 1", f.logins.Load())
			}
			assertNoSecrets(t, cfg, append(logs, err.Error()))
		})
	}
}

func TestLoginSOAPRetiredFrom65(t *testing.T) {
	_, err := New(Config{APIVersion: "65.0", Username: demoUser, Password: "x"})
	if err == nil || !strings.Contains(err.Error(), "SOAP login() is not available in API 65.0") {
		t.Fatalf("err = %v", err)
	}
	_, err = New(Config{APIVersion: "66.0", Username: demoUser, Password: "x", Flow: FlowSOAP})
	if err == nil || !strings.Contains(err.Error(), "not available in API 66.0") {
		t.Fatalf("err = %v", err)
	}
}

func TestSessionExpiryConcurrentCallersShareOneLogin(t *testing.T) {
	f := newFake(t)
	c, err := New(f.config())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.Login(ctx); err != nil {
		t.Fatal(err)
	}
	f.expireAll()
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.Describe(ctx, "Case")
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := f.logins.Load(); got != 2 {
		t.Fatalf("logins = %d, want 2 (the first and one shared re-login)", got)
	}
}

func TestSessionExpiredTwiceFails(t *testing.T) {
	// A session that is rejected again right after a fresh login is not
	// retried in a loop: one re-login, then the error.
	f := newFake(t)
	c, _ := New(f.config())
	f.hook = func(w http.ResponseWriter, r *http.Request) bool {
		if strings.Contains(r.URL.Path, "/sobjects") {
			w.WriteHeader(401)
			w.Write(readFixture(t, "restforce/expired_session_response.json"))
			return true
		}
		return false
	}
	_, err := c.Describe(context.Background(), "Case")
	if !errors.Is(err, ErrInvalidSession) {
		t.Fatalf("err = %v", err)
	}
	if got := f.logins.Load(); got != 2 {
		t.Fatalf("logins = %d, want 2", got)
	}
}

func TestLoginJWTKeyFailures(t *testing.T) {
	f := newFake(t)
	other, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	otherPEM := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: must(x509.MarshalPKCS8PrivateKey(other))})
	garbage := []byte("-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0LWtleS1ieXRlcy1kby1ub3QtbGVhaw==\n-----END RSA PRIVATE KEY-----\n")
	for name, tc := range map[string]struct {
		key    []byte
		is     error
		logins int32
		msg    string
	}{
		"signed by a key the app does not know": {otherPEM, ErrInvalidGrant, 1, "invalid assertion"},
		"not an RSA key":                        {garbage, ErrLogin, 0, "the private key is not an RSA key in PEM form"},
	} {
		t.Run(name, func(t *testing.T) {
			before := f.logins.Load()
			cfg := Config{EnvironmentURL: f.srv.URL, APIVersion: "58.0", Username: demoUser, ClientID: demoClientID, PrivateKeyPEM: tc.key}
			c, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Login(context.Background())
			if !errors.Is(err, ErrLogin) || !errors.Is(err, tc.is) || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("err = %v", err)
			}
			if got := f.logins.Load() - before; got != tc.logins {
				t.Fatalf("token requests = %d, want %d", got, tc.logins)
			}
			assertNoSecrets(t, cfg, []string{err.Error(), fmt.Sprintf("%+v", err)})
			if strings.Contains(err.Error(), "c2VjcmV0") {
				t.Fatalf("key bytes in error: %v", err)
			}
		})
	}
}

func TestGivenAccessTokenFallsBackToCredentials(t *testing.T) {
	f := newFake(t)
	cfg := f.config()
	cfg.AccessToken, cfg.InstanceURL = f.issue(), f.srv.URL
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if c.Flow() != FlowAccessToken {
		t.Fatalf("flow = %s", c.Flow())
	}
	if _, err := c.Describe(context.Background(), "Case"); err != nil || f.logins.Load() != 0 {
		t.Fatalf("err %v, logins %d", err, f.logins.Load())
	}
	f.expireAll()
	if _, err := c.Describe(context.Background(), "Case"); err != nil {
		t.Fatal(err)
	}
	if f.logins.Load() != 1 || f.forms[0].Get("grant_type") != "password" {
		t.Fatalf("logins = %d (%v)", f.logins.Load(), f.forms)
	}
}
