package driver

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"

	"github.com/soqlgate/soqlgate/internal/engine"
)

// conn is one session: the session's settings over its Connector's shared
// engines. database/sql never uses a conn from two goroutines at once.
type conn struct {
	c      *Connector
	owned  bool            // the conn owns c (Driver.Open) and closes it
	base   engine.Settings // the session's settings
	knobs  []knob          // taken out of the next statement's arguments
	closed bool

	// what the last statement whose rows closed said about itself
	lastPlan, lastWarnings []string
}

var (
	_ driver.Conn               = (*conn)(nil)
	_ driver.QueryerContext     = (*conn)(nil)
	_ driver.ExecerContext      = (*conn)(nil)
	_ driver.ConnPrepareContext = (*conn)(nil)
	_ driver.ConnBeginTx        = (*conn)(nil)
	_ driver.Pinger             = (*conn)(nil)
	_ driver.SessionResetter    = (*conn)(nil)
	_ driver.Validator          = (*conn)(nil)
	_ driver.NamedValueChecker  = (*conn)(nil)
	_ Notes                     = (*conn)(nil)
)

// Notes is implemented by the driver's connections. database/sql hides
// them; reach them with sql.Conn.Raw after the statement's rows closed:
//
//	conn.Raw(func(dc any) error {
//		fmt.Println(dc.(driver.Notes).LastWarnings())
//		return nil
//	})
type Notes interface {
	// LastPlan says how the last statement ran: the SOQL sent, REST or
	// Bulk and why, local steps.
	LastPlan() []string
	// LastWarnings are the last statement's notes for the user (a report
	// cut at 2,000 rows, …).
	LastWarnings() []string
}

// LastPlan implements Notes.
func (c *conn) LastPlan() []string { return c.lastPlan }

// LastWarnings implements Notes.
func (c *conn) LastWarnings() []string { return c.lastWarnings }

// QueryContext runs a SELECT (SQL or SOQL), an EXPLAIN or a report call.
// The rows hold ctx: cancelling it stops the read (and aborts a Bulk job).
func (c *conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if c.closed {
		return nil, driver.ErrBadConn
	}
	vals, err := bindArgs(args)
	if err != nil {
		c.knobs = nil
		return nil, err
	}
	s, err := c.statementSettings()
	if err != nil {
		return nil, err
	}
	eng, release, err := c.c.engine(s)
	if err != nil {
		return nil, err
	}
	c.lastPlan, c.lastWarnings = nil, nil
	r, err := eng.Query(ctx, query, vals)
	if err != nil {
		release()
		return nil, markBadConn(err)
	}
	return newRows(r, func() {
		release()
		c.lastPlan, c.lastWarnings = r.Explain(), r.Warnings()
	}), nil
}

// ExecContext runs a statement for its effect. Writes (INSERT, UPDATE,
// DELETE) are not implemented by the engine yet and fail with its
// *UnsupportedError; a query run through Exec is read to the end and
// affects no rows.
func (c *conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	rows, err := c.QueryContext(ctx, query, args)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	dest := make([]driver.Value, len(rows.Columns()))
	for {
		err := rows.Next(dest)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	return driver.RowsAffected(0), rows.Close()
}

// statementSettings are the session's settings with the pending knobs
// applied; the knobs are used up.
func (c *conn) statementSettings() (engine.Settings, error) {
	s := c.base
	for _, k := range c.knobs {
		if err := k.apply(&s); err != nil {
			c.knobs = nil
			return engine.Settings{}, err
		}
	}
	c.knobs = nil
	return s, nil
}

// PrepareContext returns a statement bound to this connection. Nothing is
// sent to Salesforce: the statement is translated when it runs, with its
// arguments.
func (c *conn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if c.closed {
		return nil, driver.ErrBadConn
	}
	return &stmt{c: c, query: query}, nil
}

// Prepare is PrepareContext without a context.
func (c *conn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

// BeginTx fails with ErrNoTransactions: Salesforce applies every statement
// on its own and has nothing to roll back to, so a transaction would be a
// promise the driver cannot keep.
func (c *conn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return nil, ErrNoTransactions
}

// Begin is BeginTx without options.
func (c *conn) Begin() (driver.Tx, error) { return nil, ErrNoTransactions }

// Ping logs in and checks the org answers.
func (c *conn) Ping(ctx context.Context) error {
	if c.closed {
		return driver.ErrBadConn
	}
	eng, release, err := c.c.engine(c.base)
	if err != nil {
		return err
	}
	defer release()
	return markBadConn(eng.Ping(ctx))
}

// ResetSession drops knobs left by a statement that never ran (an argument
// error) before the connection is reused.
func (c *conn) ResetSession(ctx context.Context) error {
	if c.closed {
		return driver.ErrBadConn
	}
	c.knobs = nil
	return nil
}

// IsValid reports whether the connection may go back to the pool.
func (c *conn) IsValid() bool { return !c.closed && !c.c.isClosed() }

// Close ends the session. The engines stay with the Connector for the
// other connections, unless this connection owns its Connector.
func (c *conn) Close() error {
	if c.closed {
		return nil
	}
	c.closed = true
	if c.owned {
		return c.c.Close()
	}
	return nil
}
