package report

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// findChromium returns a headless-capable Chromium or Chrome, or "". The
// CHROMIUM environment variable names one explicitly.
func findChromium() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// requireChromium skips the test without a browser, except in CI, where a
// missing browser is a failure.
func requireChromium(t *testing.T) string {
	t.Helper()
	p := findChromium()
	if p == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no chromium binary found (install chromium or set CHROMIUM); it is required in CI")
		}
		t.Skip("no chromium binary found; install chromium or set CHROMIUM to run the browser test")
	}
	return p
}

// dumpDOM loads a file in headless Chromium and returns the DOM after the
// page's scripts ran, and Chromium's log.
func dumpDOM(t *testing.T, chromium, file string, extra ...string) (dom, log string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	args := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--enable-logging=stderr", "--v=0",
	}
	args = append(args, extra...)
	args = append(args, "--dump-dom", "file://"+file)
	cmd := exec.CommandContext(ctx, chromium, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", chromium, err, stderr.String())
	}
	return stdout.String(), stderr.String()
}

// pageErrors are the page's console messages and uncaught exceptions in
// Chromium's log. The page writes nothing to the console, so any is an error.
func pageErrors(log string) []string {
	var out []string
	for _, line := range strings.Split(log, "\n") {
		if strings.Contains(line, ":CONSOLE") || strings.Contains(line, "Uncaught") {
			out = append(out, line)
		}
	}
	return out
}

func TestHTMLInBrowser(t *testing.T) {
	chromium := requireChromium(t)
	c := goldenCases[2]
	if c.Name != "batch" {
		t.Fatalf("golden case 2 is %s, not batch", c.Name)
	}
	rs := caseResults(t, c)
	page := caseOutput(t, "html", Options{}, c)
	file, err := filepath.Abs(filepath.Join(t.TempDir(), "batch.html"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, page, 0o644); err != nil {
		t.Fatal(err)
	}

	t.Run("scripts", func(t *testing.T) {
		dom, log := dumpDOM(t, chromium, file)
		if errs := pageErrors(log); len(errs) > 0 {
			t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
		}
		if got := strings.Count(dom, `data-testid="agency-row"`); got != len(rs) {
			t.Errorf("%d agency rows in the DOM, want %d", got, len(rs))
		}
		if got, want := strings.Count(dom, `data-testid="cell-fail"`), expectedFailCells(rs); got != want {
			t.Errorf("%d failed heatmap cells in the DOM, want %d", got, want)
		}
		// The script ran to the end: the filter is shown and every heading
		// of the agency list became a sort button.
		if strings.Contains(dom, `<div class="filter" hidden`) {
			t.Error("the filter box is still hidden: the script did not run")
		}
		if got := strings.Count(dom, `aria-sort="none"`); got != 10 {
			t.Errorf("%d sortable headings, want 10", got)
		}
	})

	// Sorting and filtering, driven by a script appended to a copy of the
	// page that clicks and types like a user and records what it saw.
	t.Run("sort and filter", func(t *testing.T) {
		probe := `<script>
(function () {
  var rows = function () {
    return Array.prototype.map.call(document.querySelectorAll("#agency-table tbody tr"), function (r) {
      return r.cells[0].textContent + (r.hidden ? "(hidden)" : "");
    }).join("|");
  };
  var overall = document.querySelectorAll("#agency-table thead th button")[3];
  overall.click();
  document.body.setAttribute("data-asc", rows());
  overall.click();
  document.body.setAttribute("data-desc", rows());
  var input = document.getElementById("agency-filter");
  input.value = "LÄNS";
  input.dispatchEvent(new Event("input"));
  document.body.setAttribute("data-filtered", rows());
})();
</script>
</body>`
		probed := strings.Replace(string(page), "</body>", probe, 1)
		pfile := filepath.Join(filepath.Dir(file), "probe.html")
		if err := os.WriteFile(pfile, []byte(probed), 0o644); err != nil {
			t.Fatal(err)
		}
		dom, log := dumpDOM(t, chromium, pfile)
		if errs := pageErrors(log); len(errs) > 0 {
			t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
		}
		// Files by overall compliance: the invalid file has none (sorts
		// first), typical-gaps fails some, compliant passes all.
		bad, gaps, ok := rs[2].File, rs[1].File, rs[0].File
		for attr, want := range map[string]string{
			"data-asc":      bad + "|" + gaps + "|" + ok,
			"data-desc":     ok + "|" + gaps + "|" + bad,
			"data-filtered": ok + "(hidden)|" + gaps + "|" + bad + "(hidden)",
		} {
			if got := attrOf(dom, attr); got != want {
				t.Errorf("%s = %q, want %q", attr, got, want)
			}
		}
	})
}

// attrOf is the value of the first attr="…" in s.
func attrOf(s, attr string) string {
	_, rest, ok := strings.Cut(s, attr+`="`)
	if !ok {
		return "(missing)"
	}
	v, _, _ := strings.Cut(rest, `"`)
	return v
}
