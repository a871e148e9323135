package catalog

// Suggest returns the candidate nearest to name, compared case-insensitively
// by Damerau–Levenshtein (optimal string alignment) distance, or "" when none
// is close enough to be a plausible typo. Ties go to the candidate that sorts
// first, so the answer does not depend on the candidates' order.
//
// A candidate is close enough when its distance is at most 1 for names of up
// to three characters ("Nam" → "Name", but not "Zip" → "Id"), else at most a
// third of the name's length but never less than 2 (one transposition plus
// one slip).
func Suggest(name string, candidates []string) string {
	n := []rune(fold(name))
	limit := 1
	if len(n) > 3 {
		limit = max(len(n)/3, 2)
	}
	if len(n) == 0 {
		return ""
	}
	best, bestD := "", limit+1
	for _, c := range candidates {
		d := osaDistance(n, []rune(fold(c)), bestD)
		if d < bestD || d == bestD && best != "" && c < best {
			best, bestD = c, d
		}
	}
	if bestD > limit {
		return ""
	}
	return best
}

// osaDistance is the optimal-string-alignment distance between a and b
// (insertions, deletions, substitutions and adjacent transpositions, each
// costing 1). It returns cutoff+1 early when the length difference alone
// exceeds cutoff.
func osaDistance(a, b []rune, cutoff int) int {
	if d := len(a) - len(b); d > cutoff || -d > cutoff {
		return cutoff + 1
	}
	// Three rows: two back (for transpositions), previous, current.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
