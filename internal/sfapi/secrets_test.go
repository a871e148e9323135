package sfapi

import (
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
	assertNoSecrets(t, cfg, []string{s})
	if !strings.Contains(s, demoUser) || !strings.Contains(s, demoClientID) || !strings.Contains(s, "[redacted]") {
		t.Fatalf("String() = %s", s)
	}
}
