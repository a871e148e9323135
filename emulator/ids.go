package emulator

import "strings"

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// idPod is the two characters after the key prefix in every id the
// emulator issues (real ids carry the instance there).
const idPod = "Dm"

// newID returns the 18-character id of the n-th record with the given key
// prefix: prefix + pod + n in base 62 (10 digits) + case checksum.
func newID(prefix string, n int64) string {
	var digits [10]byte
	for i := len(digits) - 1; i >= 0; i-- {
		digits[i] = base62[n%62]
		n /= 62
	}
	id15 := prefix + idPod + string(digits[:])
	return id15 + idChecksum(id15)
}

// idChecksum computes the 3-character suffix that turns a 15-character id
// into its case-insensitive 18-character form: per group of 5 characters, a
// bit per upper-case letter, mapped onto A–Z0–5.
func idChecksum(id15 string) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
	var out [3]byte
	for g := 0; g < 3; g++ {
		bits := 0
		for i := 0; i < 5; i++ {
			c := id15[g*5+i]
			if c >= 'A' && c <= 'Z' {
				bits |= 1 << i
			}
		}
		out[g] = alphabet[bits]
	}
	return string(out[:])
}

// canonicalID returns the 18-character form of a 15- or 18-character id.
// An 18-character id is matched case-insensitively (its checksum encodes
// the case), so its case is restored from the checksum.
func canonicalID(s string) (string, bool) {
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(base62, s[i]) < 0 {
			return "", false
		}
	}
	switch len(s) {
	case 15:
		return s + idChecksum(s), true
	case 18:
		const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
		b := []byte(s[:15])
		for g := 0; g < 3; g++ {
			bits := strings.IndexByte(alphabet, upper(s[15+g]))
			if bits < 0 {
				return "", false
			}
			for i := 0; i < 5; i++ {
				c := b[g*5+i]
				if bits&(1<<i) != 0 {
					b[g*5+i] = upper(c)
				} else if c >= 'A' && c <= 'Z' {
					b[g*5+i] = c + ('a' - 'A')
				}
			}
		}
		id15 := string(b)
		return id15 + idChecksum(id15), true
	}
	return "", false
}

func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}
