package validate

import "strings"

// suggest returns the candidate closest to s by edit distance, if it is close
// enough to be a likely typo: at most a third of its length in edits (at least
// one edit), so that short words do not match everything.
// It returns "" when there is no such candidate or s is one of them.
func suggest(s string, candidates []string) string {
	if s == "" || len(candidates) == 0 {
		return ""
	}
	low := strings.ToLower(s)
	limit := max(1, len([]rune(s))/3)
	best, bestD := "", limit+1
	for _, c := range candidates {
		if c == s {
			return ""
		}
		d := distance(low, strings.ToLower(c), bestD)
		if d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance of a and b (by rune); it may stop early
// and return any value ≥ max once the distance is known to reach max.
func distance(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d >= max || -d >= max {
		return max
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= max {
			return max
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
