package localsql

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// pgServer is a throw-away PostgreSQL 15 started for the differential
// tests: initdb into a temporary directory, loopback only, a free port,
// stopped when the tests end.
type pgServer struct {
	dir  string
	port int
	bin  string
	user string // OS user the server runs as ("" = us)
}

var (
	pgOnce sync.Once
	pgSrv  *pgServer
	pgErr  error
)

// pgBinDir finds the PostgreSQL 15 server binaries.
func pgBinDir() (string, error) {
	for _, d := range []string{"/usr/lib/postgresql/15/bin"} {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(matches) > 0 {
		return filepath.Dir(matches[len(matches)-1]), nil
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", fmt.Errorf("PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install -y postgresql (bash .ci/run does)")
}

// needPostgres returns the shared server or ends the test: a failure when
// CI=true (CI installs PostgreSQL), a skip with the reason otherwise.
func needPostgres(t testing.TB) *pgServer {
	t.Helper()
	pgOnce.Do(func() { pgSrv, pgErr = startPostgres() })
	if pgErr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL oracle unavailable: %v", pgErr)
		}
		t.Skipf("PostgreSQL oracle unavailable (the differential tests need it): %v", pgErr)
	}
	return pgSrv
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func (s *pgServer) run(name string, args ...string) ([]byte, error) {
	path := filepath.Join(s.bin, name)
	var cmd *exec.Cmd
	if s.user != "" {
		runuser := "runuser"
		if _, err := exec.LookPath(runuser); err != nil {
			for _, p := range []string{"/usr/sbin/runuser", "/sbin/runuser"} {
				if _, err := os.Stat(p); err == nil {
					runuser = p
				}
			}
		}
		cmd = exec.Command(runuser, append([]string{"-u", s.user, "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8", "TZ=UTC")
	return cmd.CombinedOutput()
}

func startPostgres() (*pgServer, error) {
	bin, err := pgBinDir()
	if err != nil {
		return nil, err
	}
	base := ""
	if os.Geteuid() == 0 {
		base = "/tmp" // the postgres user must reach it, whatever TMPDIR is
	}
	dir, err := os.MkdirTemp(base, "localsql-pg-")
	if err != nil {
		return nil, err
	}
	s := &pgServer{dir: dir, bin: bin}
	if os.Geteuid() == 0 {
		// initdb refuses to run as root: run the server as the postgres user
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, fmt.Errorf("running as root and no postgres user: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chmod(dir, 0o755); err != nil {
			return nil, err
		}
		if err := os.Chown(dir, uid, gid); err != nil {
			return nil, err
		}
		s.user = "postgres"
	}
	data := filepath.Join(dir, "data")
	if out, err := s.run("initdb", "-D", data, "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "-A", "trust", "--no-sync"); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %v: %s", err, out)
	}
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		s.port = port
		opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c TimeZone=UTC -c shared_buffers=32MB", port, dir)
		out, err := s.run("pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(dir, "log"), "-w", "-t", "60", "start")
		if err == nil {
			return s, nil
		}
		lastErr = fmt.Errorf("pg_ctl start: %v: %s", err, out)
	}
	os.RemoveAll(dir)
	return nil, lastErr
}

func (s *pgServer) stop() {
	s.run("pg_ctl", "-D", filepath.Join(s.dir, "data"), "-m", "immediate", "-w", "stop")
	os.RemoveAll(s.dir)
}

func (s *pgServer) connect(t testing.TB, dbname string) *pgx.Conn {
	t.Helper()
	return s.connectAs(t, "postgres", dbname)
}

func (s *pgServer) connectAs(t testing.TB, user, dbname string) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, fmt.Sprintf("postgres://%s@127.0.0.1:%d/%s?sslmode=disable&timezone=UTC", user, s.port, dbname))
	if err != nil {
		t.Fatalf("connect to PostgreSQL: %v", err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

// createDatabase makes a fresh database on the server.
func (s *pgServer) createDatabase(t testing.TB, name string) {
	t.Helper()
	c := s.connect(t, "postgres")
	if _, err := c.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(context.Background(), "CREATE DATABASE "+name+" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"); err != nil {
		t.Fatal(err)
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if pgSrv != nil {
		pgSrv.stop()
	}
	os.Exit(code)
}

// result is a query result in PostgreSQL's text form, for comparison.
type result struct {
	names []string
	types []uint32
	rows  [][]string // NULL is "\x00NULL"
}

const nullText = "\x00NULL"

func (r result) sorted() [][]string {
	out := append([][]string(nil), r.rows...)
	sort.Slice(out, func(i, j int) bool { return strings.Join(out[i], "\x01") < strings.Join(out[j], "\x01") })
	return out
}

// pgQuery runs sql on PostgreSQL with text results.
func pgQuery(ctx context.Context, c *pgx.Conn, sql string, args ...any) (result, error) {
	rows, err := c.Query(ctx, sql, append([]any{pgx.QueryResultFormats{pgx.TextFormatCode}}, args...)...)
	if err != nil {
		return result{}, err
	}
	defer rows.Close()
	var res result
	for _, fd := range rows.FieldDescriptions() {
		res.names = append(res.names, fd.Name)
		res.types = append(res.types, fd.DataTypeOID)
	}
	for rows.Next() {
		raw := rows.RawValues()
		row := make([]string, len(raw))
		for i, v := range raw {
			if v == nil {
				row[i] = nullText
			} else {
				row[i] = string(v)
			}
		}
		res.rows = append(res.rows, row)
	}
	return res, rows.Err()
}

// localQuery runs sql on localsql, rendering values as PostgreSQL text.
func localQuery(ctx context.Context, db *DB, sql string, args ...any) (result, error) {
	rows, err := db.Query(ctx, sql, args...)
	if err != nil {
		return result{}, err
	}
	defer rows.Close()
	var res result
	for _, c := range rows.Columns() {
		res.names = append(res.names, c.Name)
		res.types = append(res.types, c.Type.OID)
	}
	for rows.Next() {
		vals := rows.Values()
		row := make([]string, len(vals))
		for i, v := range vals {
			if v == nil {
				row[i] = nullText
			} else {
				row[i] = FormatText(v, rows.Columns()[i].Type)
			}
		}
		res.rows = append(res.rows, row)
	}
	return res, rows.Err()
}
