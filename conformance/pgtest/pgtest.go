package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Server is a running throw-away PostgreSQL.
type Server struct {
	dir  string // temporary directory: data/, log, the socket
	bin  string // directory of initdb, pg_ctl
	port int
	user string // OS user the server runs as ("" = the current user)
}

// ErrNoBinaries says the PostgreSQL server binaries were not found.
var ErrNoBinaries = errors.New("pgtest: PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install -y postgresql (bash .ci/run does)")

// Need starts a server for t and stops it when t ends. Without PostgreSQL
// it fails t when CI=true and skips t otherwise, giving the reason.
func Need(t testing.TB) *Server {
	t.Helper()
	s, err := Start()
	if err != nil {
		Unavailable(t, err)
	}
	t.Cleanup(s.Stop)
	return s
}

var shared struct {
	once sync.Once
	srv  *Server
	err  error
}

// Shared returns one server for the whole test binary, started on first
// use (or ends t as Need does when there is none). The package's TestMain
// calls StopShared after m.Run.
func Shared(t testing.TB) *Server {
	t.Helper()
	shared.once.Do(func() { shared.srv, shared.err = Start() })
	if shared.err != nil {
		Unavailable(t, shared.err)
	}
	return shared.srv
}

// StopShared stops the server Shared started, if any.
func StopShared() {
	if shared.srv != nil {
		shared.srv.Stop()
	}
}

// Unavailable ends t because no server could be started: a failure when
// CI=true, a skip otherwise.
func Unavailable(t testing.TB, err error) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("pgtest: PostgreSQL unavailable (CI installs it): %v", err)
	}
	t.Skipf("pgtest: PostgreSQL unavailable, skipping: %v", err)
}

// BinDir finds the server binaries: Debian's /usr/lib/postgresql/15/bin
// first, then any other version there, then initdb on PATH.
func BinDir() (string, error) {
	if _, err := os.Stat("/usr/lib/postgresql/15/bin/initdb"); err == nil {
		return "/usr/lib/postgresql/15/bin", nil
	}
	if m, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb"); len(m) > 0 {
		return filepath.Dir(m[len(m)-1]), nil
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", ErrNoBinaries
}

// Start runs initdb in a new temporary directory and starts the server.
// The caller must call Stop.
func Start() (*Server, error) {
	bin, err := BinDir()
	if err != nil {
		return nil, err
	}
	// As root the server runs as user postgres, which must be able to
	// reach the directory: /tmp, whatever TMPDIR says.
	parent := ""
	if os.Geteuid() == 0 {
		parent = os.TempDir()
		if fi, err := os.Stat("/tmp"); err == nil && fi.IsDir() {
			parent = "/tmp"
		}
	}
	dir, err := os.MkdirTemp(parent, "pgtest-")
	if err != nil {
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	s := &Server{dir: dir, bin: bin}
	if os.Geteuid() == 0 {
		if err := s.runAsPostgres(); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	data := filepath.Join(dir, "data")
	if out, err := s.run("initdb", "-D", data, "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "-A", "trust", "--no-sync"); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("pgtest: initdb: %v: %s", err, out)
	}
	// A free port can be taken between the probe and the server's bind:
	// try a few.
	var lastErr error
	for range 3 {
		if s.port, err = freePort(); err != nil {
			break
		}
		opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c TimeZone=UTC -c shared_buffers=32MB",
			s.port, dir)
		out, err := s.run("pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(dir, "log"), "-w", "-t", "60", "start")
		if err == nil {
			return s, nil
		}
		lastErr = fmt.Errorf("pgtest: pg_ctl start: %v: %s", err, out)
	}
	if lastErr == nil {
		lastErr = fmt.Errorf("pgtest: no free port: %w", err)
	}
	os.RemoveAll(dir)
	return nil, lastErr
}

// runAsPostgres makes the directory the postgres user's: initdb refuses
// to run as root.
func (s *Server) runAsPostgres() error {
	u, err := user.Lookup("postgres")
	if err != nil {
		return fmt.Errorf("pgtest: running as root and there is no postgres user: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chmod(s.dir, 0o755); err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	if err := os.Chown(s.dir, uid, gid); err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	s.user = "postgres"
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// run runs one of the server binaries, as s.user when set.
func (s *Server) run(name string, args ...string) ([]byte, error) {
	path := filepath.Join(s.bin, name)
	var cmd *exec.Cmd
	if s.user != "" {
		runuser, err := exec.LookPath("runuser")
		if err != nil {
			runuser = "/usr/sbin/runuser"
		}
		cmd = exec.Command(runuser, append([]string{"-u", s.user, "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8", "TZ=UTC")
	return cmd.CombinedOutput()
}

// Stop stops the server at once and removes its directory. Calling it
// again does nothing.
func (s *Server) Stop() {
	if s.dir == "" {
		return
	}
	s.run("pg_ctl", "-D", filepath.Join(s.dir, "data"), "-m", "immediate", "-w", "stop")
	os.RemoveAll(s.dir)
	s.dir = ""
}

// Port is the TCP port on 127.0.0.1.
func (s *Server) Port() int { return s.port }

// URL is a pgx / lib/pq connection URL for the superuser postgres on
// database dbname, session time zone UTC.
func (s *Server) URL(dbname string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable&timezone=UTC", s.port, dbname)
}

// Connect opens a pgx connection to dbname, closed when t ends.
func (s *Server) Connect(t testing.TB, dbname string) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, s.URL(dbname))
	if err != nil {
		t.Fatalf("pgtest: connect to %s: %v", dbname, err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

// CreateDatabase makes a fresh, empty database (dropping one of the same
// name), UTF-8 with the C.UTF-8 collation.
func (s *Server) CreateDatabase(t testing.TB, name string) {
	t.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, s.URL("postgres"))
	if err != nil {
		t.Fatalf("pgtest: connect: %v", err)
	}
	defer c.Close(ctx)
	ident := pgx.Identifier{name}.Sanitize()
	if _, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+ident); err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	if _, err := c.Exec(ctx, "CREATE DATABASE "+ident+" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"); err != nil {
		t.Fatalf("pgtest: %v", err)
	}
}
