package driver

import (
	"context"
	"database/sql"
	"database/sql/driver"
)

// driverName is the name the driver registers under. It is a variable so a
// build can rename it (go build -ldflags "-X
// github.com/soqlgate/soqlgate/driver.driverName=sfdc") when another
// package already took "salesforce".
var driverName = "salesforce"

func init() {
	if driverName != "" {
		sql.Register(driverName, &Driver{})
	}
}

// DriverName returns the name the driver is registered under for sql.Open
// ("salesforce" unless changed at link time).
func DriverName() string { return driverName }

// Driver is the database/sql driver. sql.Open(DriverName(), dsn) uses it;
// NewConnector with sql.OpenDB is the way to pass things a DSN cannot hold
// (an *http.Client, an RSA key).
type Driver struct{}

var (
	_ driver.Driver        = (*Driver)(nil)
	_ driver.DriverContext = (*Driver)(nil)
)

// Open parses dsn and returns one connection. database/sql calls
// OpenConnector instead; Open serves callers that use the driver directly.
func (d *Driver) Open(dsn string) (driver.Conn, error) {
	cfg, err := ParseDSN(dsn)
	if err != nil {
		return nil, err
	}
	c, err := NewConnector(cfg)
	if err != nil {
		return nil, err
	}
	dc, err := c.Connect(context.Background())
	if err != nil {
		c.Close()
		return nil, err
	}
	dc.(*conn).owned = true
	return dc, nil
}

// OpenConnector parses dsn once; every connection of the pool shares the
// resulting Connector (and its describe cache).
func (d *Driver) OpenConnector(dsn string) (driver.Connector, error) {
	cfg, err := ParseDSN(dsn)
	if err != nil {
		return nil, err
	}
	return NewConnector(cfg)
}
