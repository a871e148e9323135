package conformance

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	sfdriver "github.com/soqlgate/soqlgate/driver"
	"github.com/soqlgate/soqlgate/emulator"
)

// The large checks run the emulator in a child process (this test binary
// re-executed), so the heap the test measures is the client's alone.
const (
	serveEnv      = "SOQLGATE_CONFORMANCE_SERVE"       // the child's SQLite file
	serveScaleEnv = "SOQLGATE_CONFORMANCE_SERVE_SCALE" // the child's scale
)

func TestMain(m *testing.M) {
	if path := os.Getenv(serveEnv); path != "" {
		os.Exit(serveChild(path))
	}
	code := m.Run()
	if benchOrg != nil {
		benchOrg.Close()
	}
	os.Exit(code)
}

// serveChild builds the org, prints its URL and serves until stdin
// closes. path names the SQLite file; ":memory:" keeps it in memory.
func serveChild(path string) int {
	scale, _ := strconv.Atoi(os.Getenv(serveScaleEnv))
	srv, err := emulator.New(emulator.Options{Seed: "demo", Scale: scale, DataPath: path})
	if err != nil {
		fmt.Println("ERROR", err)
		return 1
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("ERROR", err)
		return 1
	}
	go http.Serve(ln, srv)
	fmt.Printf("URL http://%s\n", ln.Addr())
	io.Copy(io.Discard, os.Stdin)
	return 0
}

// childOrg is an emulator in a child process.
type childOrg struct {
	URL string
}

// startChildOrg starts the demo org with scale generated cases in a child
// process, in memory.
func startChildOrg(t *testing.T, scale int) *childOrg {
	t.Helper()
	path := ":memory:"
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), serveEnv+"="+path, serveScaleEnv+"="+strconv.Itoa(scale))
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("child emulator: %v", err)
	}
	url, ok := strings.CutPrefix(strings.TrimSpace(line), "URL ")
	if !ok {
		t.Fatalf("child emulator: %s", line)
	}
	go io.Copy(io.Discard, stdout)
	return &childOrg{URL: url}
}

// config is the demo user's driver configuration for the child org.
func (c *childOrg) config() *sfdriver.Config { return DemoConfig(c.URL) }

// counters are the child's request counters and running Bulk jobs.
type counters struct {
	Requests map[string]int `json:"requests"`
	Running  int            `json:"runningJobs"`
}

func (c *childOrg) counters(t *testing.T) counters {
	t.Helper()
	resp, err := http.Get(c.URL + "/__emulator/counters")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out counters
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

func (c *childOrg) resetCounters(t *testing.T) {
	t.Helper()
	resp, err := http.Post(c.URL+"/__emulator/reset-counters", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}
