package driver

import (
	"database/sql"
	"os"
	"strings"
	"testing"
)

// The driver registers as "salesforce", or under the name given at link
// time: go test -ldflags "-X github.com/soqlgate/soqlgate/driver.driverName=sfdc"
// with SOQLGATE_TEST_DRIVER_NAME=sfdc checks the override.
func TestRegistered(t *testing.T) {
	want := os.Getenv("SOQLGATE_TEST_DRIVER_NAME")
	if want == "" {
		want = "salesforce"
	}
	found := false
	for _, d := range sql.Drivers() {
		if d == want {
			found = true
		}
	}
	if DriverName() != want || !found {
		t.Fatalf("driver %q registered: %v (drivers %v), want %q", DriverName(), found, sql.Drivers(), want)
	}
}

func TestOpenWithDSN(t *testing.T) {
	cfg, _ := demoConfig(t)
	db, err := sql.Open("salesforce", cfg.FormatDSN())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int64
	if err := db.QueryRow(`SELECT COUNT(*) FROM "Contact"`).Scan(&n); err != nil || n != 20 {
		t.Fatalf("COUNT(*) = %d, %v; want 20 live contacts", n, err)
	}
}

func TestOpenBadDSN(t *testing.T) {
	// With DriverContext, sql.Open parses the DSN at once.
	_, err := sql.Open("salesforce", "salesforce://u:secretpw@login.salesforce.com/?api=soap")
	if err == nil || !strings.Contains(err.Error(), "api must be one of") {
		t.Fatalf("sql.Open = %v, want the DSN error", err)
	}
	if strings.Contains(err.Error(), "secretpw") {
		t.Fatalf("the error shows the password: %v", err)
	}
	d := &Driver{}
	if _, err := d.Open("mysql://x"); err == nil {
		t.Fatal("Open accepted a DSN of another scheme")
	}
}
