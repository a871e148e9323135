package conformance

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	if code, ok := ServeChildOrg(); ok {
		os.Exit(code)
	}
	code := m.Run()
	if benchOrg != nil {
		benchOrg.Close()
	}
	os.Exit(code)
}
