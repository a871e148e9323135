package cases

import "strings"

// ID is the 18-character id of the n-th record the demo org created with a
// key prefix (001 Account, 003 Contact, 500 Case, 005 User, a01
// AllDataType__c): prefix, the pod "Dm", n in base 62 on ten digits, and
// Salesforce's case checksum (per block of five characters, one bit per
// upper-case letter, spelled in A–Z0–5).
func ID(prefix string, n int) string {
	const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	var b [10]byte
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = digits[n%62]
		n /= 62
	}
	id := prefix + "Dm" + string(b[:])
	var sum strings.Builder
	for g := 0; g < 3; g++ {
		bits := 0
		for i := 0; i < 5; i++ {
			if c := id[g*5+i]; c >= 'A' && c <= 'Z' {
				bits |= 1 << i
			}
		}
		sum.WriteByte("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"[bits])
	}
	return id + sum.String()
}

// Record ids of the demo org by creation order (emulator/seed_demo.go).
func Account(n int) string     { return ID("001", n) }
func Contact(n int) string     { return ID("003", n) }
func Case(n int) string        { return ID("500", n) }
func AllDataType(n int) string { return ID("a01", n) }
