package cases

import "testing"

// Ids written in Salesforce's documentation style: the checksum of a
// known 15-character id.
func TestID(t *testing.T) {
	for _, c := range []struct {
		prefix string
		n      int
		want   string
	}{
		{"001", 1, "001Dm0000000001IAA"},  // D is upper case: bit 3 of block 1 → I
		{"001", 10, "001Dm000000000AIAQ"}, // A in block 3, position 5 → Q
		{"500", 27, "500Dm000000000RIAQ"},
	} {
		if got := ID(c.prefix, c.n); got != c.want {
			t.Errorf("ID(%s, %d) = %s, want %s", c.prefix, c.n, got, c.want)
		}
	}
}
