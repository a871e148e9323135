package sfapi

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// assertNoSecrets fails if any configured secret appears in texts.
func assertNoSecrets(t testing.TB, cfg Config, texts []string) {
	t.Helper()
	secrets := []string{demoPassword, demoToken, demoSecret, demoRefresh, demoPassword + demoToken}
	for _, s := range []string{cfg.Password, cfg.SecurityToken, cfg.ClientSecret, cfg.RefreshToken, cfg.AccessToken} {
		if len(s) >= 3 {
			secrets = append(secrets, s)
		}
	}
	if len(cfg.PrivateKeyPEM) > 0 {
		secrets = append(secrets, "PRIVATE KEY", string(cfg.PrivateKeyPEM[40:80]))
	}
	for _, txt := range texts {
		for _, s := range secrets {
			if strings.Contains(txt, s) {
				t.Errorf("secret %q appears in %q", s, txt)
			}
		}
	}
}

func TestConfigStringMasksSecrets(t *testing.T) {
	_, keyPEM := rsaKey(t)
	cfg := Config{Username: demoUser, Password: demoPassword, SecurityToken: demoToken, ClientID: demoClientID,
		ClientSecret: demoSecret, RefreshToken: demoRefresh, AccessToken: "00Dx!access-tok", PrivateKeyPEM: keyPEM}
	s := cfg.String()
	assertNoSecrets(t, cfg, []string{s, fmt.Sprint(cfg), fmt.Sprintf("%+v", cfg), fmt.Sprintf("%#v", cfg), fmt.Sprintf("%v", &cfg), fmt.Sprintf("%+v", &cfg)})
	if !strings.Contains(s, demoUser) || !strings.Contains(s, demoClientID) || !strings.Contains(s, "[redacted]") {
		t.Fatalf("String() = %s", s)
	}
}

func TestClientStringMasksSecrets(t *testing.T) {
	f := newFake(t)
	cfg := f.config()
	c, _ := New(cfg)
	if _, err := c.Login(context.Background()); err != nil {
		t.Fatal(err)
	}
	texts := []string{fmt.Sprint(c), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c)}
	assertNoSecrets(t, cfg, texts)
	for _, s := range texts {
		if strings.Contains(s, "FAKE") { // the fake's session ids
			t.Fatalf("session token printed: %s", s)
		}
	}
}
