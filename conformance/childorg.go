package conformance

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

	sfdriver "github.com/soqlgate/soqlgate/driver"
	"github.com/soqlgate/soqlgate/emulator"
)

// childScaleEnv tells a re-executed test binary to serve the demo org
// with this many generated cases instead of running its tests.
const childScaleEnv = "SOQLGATE_CONFORMANCE_CHILD_SCALE"

// ChildOrg is the demo org served, in memory, by a child process: the
// calling test binary run again. Large checks use it so that the heap
// they measure is the client's alone.
type ChildOrg struct {
	URL string // the org's instance (and login) URL
}

// StartChildOrg starts the demo org with scale generated cases in a child
// process and waits until it serves; the child stops when tb ends. The
// test binary's TestMain must call ServeChildOrg first.
func StartChildOrg(tb testing.TB, scale int) *ChildOrg {
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
		stdin.Close() // the child serves until its stdin closes
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
	return &ChildOrg{URL: url}
}

// Config is the demo user's driver configuration for the child org.
func (c *ChildOrg) Config() *sfdriver.Config { return DemoConfig(c.URL) }

// ServeChildOrg is the child's side of StartChildOrg. A test binary that
// starts child orgs calls it first in TestMain:
//
//	if code, ok := conformance.ServeChildOrg(); ok {
//		os.Exit(code)
//	}
//
// In the parent it returns ok false at once. In the child it builds the
// org, prints "URL <url>", serves until stdin closes and returns the exit
// code with ok true.
func ServeChildOrg() (code int, ok bool) {
	v := os.Getenv(childScaleEnv)
	if v == "" {
		return 0, false
	}
	scale, err := strconv.Atoi(v)
	if err != nil {
		fmt.Println("ERROR", err)
		return 1, true
	}
	srv, err := emulator.New(emulator.Options{Seed: "demo", Scale: scale})
	if err != nil {
		fmt.Println("ERROR", err)
		return 1, true
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("ERROR", err)
		return 1, true
	}
	go http.Serve(ln, srv)
	fmt.Printf("URL http://%s\n", ln.Addr())
	io.Copy(io.Discard, os.Stdin)
	return 0, true
}
