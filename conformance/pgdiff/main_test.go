package pgdiff

import (
	"bufio"
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

	"github.com/soqlgate/soqlgate/conformance/pgtest"
	"github.com/soqlgate/soqlgate/emulator"
)

// The benchmark's org runs in a child process (this test binary run
// again), so the heap it measures is the driver's and the engine's alone.
const childScaleEnv = "SOQLGATE_PGDIFF_CHILD_SCALE"

func TestMain(m *testing.M) {
	if v := os.Getenv(childScaleEnv); v != "" {
		os.Exit(serveChild(v))
	}
	code := m.Run()
	pgtest.StopShared()
	os.Exit(code)
}

// serveChild builds the demo org with scale generated cases, prints its
// URL and serves until stdin closes.
func serveChild(scale string) int {
	n, err := strconv.Atoi(scale)
	if err != nil {
		fmt.Println("ERROR", err)
		return 1
	}
	srv, err := emulator.New(emulator.Options{Seed: "demo", Scale: n})
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

// startChild starts the org in a child process and returns its URL; the
// child stops when tb ends.
func startChild(tb testing.TB, scale int) string {
	tb.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^$")
	cmd.Env = append(os.Environ(), childScaleEnv+"="+strconv.Itoa(scale))
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		tb.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
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
		tb.Fatalf("child org: %v", err)
	}
	url, ok := strings.CutPrefix(strings.TrimSpace(line), "URL ")
	if !ok {
		tb.Fatalf("child org: %s", line)
	}
	go io.Copy(io.Discard, stdout)
	return url
}
