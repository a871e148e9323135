package pgdiff

import (
	"os"
	"testing"

	"github.com/soqlgate/soqlgate/conformance"
	"github.com/soqlgate/soqlgate/conformance/pgtest"
)

func TestMain(m *testing.M) {
	// The benchmark's org runs in a child process (this test binary run
	// again), so the heap it measures is the driver's and the engine's alone.
	if code, ok := conformance.ServeChildOrg(); ok {
		os.Exit(code)
	}
	code := m.Run()
	pgtest.StopShared()
	os.Exit(code)
}
