package driver

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"database/sql"
	"database/sql/driver"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/soqlgate/soqlgate/internal/sfapi"
)

func TestNewConnectorCopiesAndChecks(t *testing.T) {
	cfg, _ := demoConfig(t)
	c, err := NewConnector(cfg)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Username = "changed@example.com"
	if c.Config().Username == "changed@example.com" {
		t.Fatal("the Connector shares its Config with the caller")
	}
	bad := NewConfig()
	bad.BatchSize = 5
	if _, err := NewConnector(bad); err == nil || !strings.Contains(err.Error(), "batchSize") {
		t.Fatalf("NewConnector accepted batchSize 5: %v", err)
	}
	if _, err := NewConnector(nil); err != nil {
		t.Fatalf("NewConnector(nil): %v", err)
	}
}

func TestAPIConfig(t *testing.T) {
	cfg := NewConfig()
	cfg.Username, cfg.Password, cfg.SecurityToken = "u", "p", "t"
	cfg.ClientID, cfg.ClientSecret = "id", "secret"
	cfg.AuthFlow = AuthClientCredentials
	cfg.MaxConcurrentConnections = 3
	cfg.APIBudgetPercent = 50
	if err := cfg.normalize(); err != nil {
		t.Fatal(err)
	}
	api, err := apiConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if api.Flow != sfapi.FlowClientCredentials || api.Username != "u" || api.Password != "p" || api.SecurityToken != "t" ||
		api.ClientID != "id" || api.ClientSecret != "secret" || api.MaxConcurrentConnections != 3 || api.APIBudgetPercent != 50 ||
		api.EnvironmentURL != DefaultEnvironmentURL {
		t.Fatalf("apiConfig = %v", api.String())
	}
	for flow := range flows {
		if _, ok := oneOf(flow, []string{AuthAuto, AuthPassword, AuthSOAP, AuthClientCredentials, AuthJWT, AuthRefreshToken, AuthAccessToken}); !ok {
			t.Errorf("flow %q is not an authFlow value", flow)
		}
	}
}

func TestPrivateKey(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "key.pem")
	der := x509.MarshalPKCS1PrivateKey(key)
	if err := os.WriteFile(good, pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	junk := filepath.Join(dir, "junk.pem")
	if err := os.WriteFile(junk, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := NewConfig()
	cfg.Username, cfg.ClientID = "u", "id"
	cfg.PrivateKeyFile = good
	api, err := apiConfig(cfg)
	if err != nil || len(api.PrivateKeyPEM) == 0 {
		t.Fatalf("key file: %v", err)
	}
	cfg.PrivateKeyFile = junk
	if _, err := apiConfig(cfg); err == nil || strings.Contains(err.Error(), "not a key") {
		t.Fatalf("junk key file: %v", err)
	}
	cfg.PrivateKeyFile, cfg.PrivateKey = "", key
	api, err = apiConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(api.PrivateKeyPEM)
	if block == nil || block.Type != "PRIVATE KEY" {
		t.Fatalf("PrivateKey not encoded as PKCS#8 PEM")
	}
}

// Connections of one Connector share its describe cache: two connections
// reading the same object describe it once.
func TestConnectorSharesDescribes(t *testing.T) {
	cfg, srv := demoConfig(t)
	c, err := NewConnector(cfg)
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(c)
	defer db.Close()
	ctx := context.Background()
	c1, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c1.Close()
	c2, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	srv.ResetCounters()
	for _, conn := range []*sql.Conn{c1, c2} {
		if n := count(t, conn, `SELECT COUNT(*) FROM "Solution"`); n != 3 {
			t.Fatalf("%d solutions, want 3", n)
		}
	}
	counts := srv.RequestCounts()
	if counts["describe"] != 1 || counts["query"] != 2 {
		t.Errorf("requests %v: want one describe of Solution for both connections and two queries", counts)
	}
}

// The connections of a Connector run statements at the same time on its
// shared engines (run with -race).
func TestConcurrentStatements(t *testing.T) {
	db := openDemo(t)
	db.SetMaxOpenConns(4)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var n int64
			var args []any
			want := int64(13)
			if i%2 == 1 {
				args, want = []any{QueryAll{}}, 14
			}
			if err := db.QueryRow(`SELECT COUNT(*) FROM "Account"`, args...).Scan(&n); err != nil {
				errs <- err
			} else if n != want {
				errs <- fmt.Errorf("statement %d: %d accounts, want %d", i, n, want)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestConnectorClose(t *testing.T) {
	cfg, _ := demoConfig(t)
	c, err := NewConnector(cfg)
	if err != nil {
		t.Fatal(err)
	}
	dc, err := c.Connect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if dc.(driver.Validator).IsValid() {
		t.Error("a connection of a closed Connector is still valid")
	}
	if _, err := c.Connect(context.Background()); !errors.Is(err, driver.ErrBadConn) {
		t.Fatalf("Connect after Close = %v, want ErrBadConn", err)
	}
	if _, err := dc.(driver.QueryerContext).QueryContext(context.Background(), `SELECT "Id" FROM "Account"`, nil); !errors.Is(err, driver.ErrBadConn) {
		t.Fatalf("a statement after Close = %v, want ErrBadConn", err)
	}

	// Driver.Open's connection owns its Connector.
	oc, err := (&Driver{}).Open(cfg.FormatDSN())
	if err != nil {
		t.Fatal(err)
	}
	if err := oc.Close(); err != nil {
		t.Fatal(err)
	}
	if !oc.(*conn).c.closed {
		t.Fatal("closing Driver.Open's connection left its Connector open")
	}
}
