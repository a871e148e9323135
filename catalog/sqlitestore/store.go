package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/soqlgate/soqlgate/catalog"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// schemaVersion is PRAGMA user_version of a file this package wrote. A file
// with another version is emptied and recreated: it is only a cache.
const schemaVersion = 1

const schema = `
CREATE TABLE describe (
	instance_url TEXT    NOT NULL,
	api_version  TEXT    NOT NULL,
	object       TEXT    NOT NULL,
	fetched_at   INTEGER NOT NULL, -- Unix milliseconds
	body         BLOB    NOT NULL,
	PRIMARY KEY (instance_url, api_version, object)
) WITHOUT ROWID`

// Store is a catalog.Store in one SQLite file. It is safe for concurrent use.
type Store struct {
	db *sql.DB
}

var _ catalog.Store = (*Store)(nil)

// Open opens (creating if needed) the store at path. ":memory:" gives a
// store that lives as long as the Store, for tests.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" || strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("sqlitestore: unusable path %q", path)
	}
	dsn := "file:" + path + "?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_txlock=immediate"
	if path == ":memory:" {
		dsn = "file::memory:?_txlock=immediate"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlitestore: open %s: %w", path, err)
	}
	if path == ":memory:" {
		// Each connection to :memory: is its own database: keep one.
		db.SetMaxOpenConns(1)
	}
	s := &Store{db: db}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlitestore: open %s: %w", path, err)
	}
	return s, nil
}

func (s *Store) migrate(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return err
	}
	if v == schemaVersion {
		return tx.Commit()
	}
	stmts := []string{"DROP TABLE IF EXISTS describe", schema, fmt.Sprintf("PRAGMA user_version = %d", schemaVersion)}
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Close closes the file.
func (s *Store) Close() error { return s.db.Close() }

// Load implements catalog.Store.
func (s *Store) Load(ctx context.Context, key catalog.StoreKey) ([]byte, time.Time, bool, error) {
	var body []byte
	var ms int64
	err := s.db.QueryRowContext(ctx,
		"SELECT body, fetched_at FROM describe WHERE instance_url = ? AND api_version = ? AND object = ?",
		key.InstanceURL, key.APIVersion, key.Object).Scan(&body, &ms)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, time.Time{}, false, nil
	}
	if err != nil {
		return nil, time.Time{}, false, fmt.Errorf("sqlitestore: load %s: %w", key.Object, err)
	}
	return body, time.UnixMilli(ms).UTC(), true, nil
}

// Save implements catalog.Store.
func (s *Store) Save(ctx context.Context, key catalog.StoreKey, body []byte, fetchedAt time.Time) error {
	_, err := s.db.ExecContext(ctx,
		"INSERT OR REPLACE INTO describe (instance_url, api_version, object, fetched_at, body) VALUES (?, ?, ?, ?, ?)",
		key.InstanceURL, key.APIVersion, key.Object, fetchedAt.UnixMilli(), body)
	if err != nil {
		return fmt.Errorf("sqlitestore: save %s: %w", key.Object, err)
	}
	return nil
}

// Delete implements catalog.Store.
func (s *Store) Delete(ctx context.Context, scope catalog.Scope, objects ...string) error {
	q := "DELETE FROM describe WHERE instance_url = ? AND api_version = ?"
	args := []any{scope.InstanceURL, scope.APIVersion}
	if len(objects) > 0 {
		q += " AND object IN (?" + strings.Repeat(", ?", len(objects)-1) + ")"
		for _, o := range objects {
			args = append(args, o)
		}
	}
	if _, err := s.db.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("sqlitestore: delete: %w", err)
	}
	return nil
}
