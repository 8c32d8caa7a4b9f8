package main

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"text/template"

	"github.com/urfave/cli/v2"
	"gopkg.in/yaml.v3"

	"github.com/smcheck/smcheck/checks/validate"
	"github.com/smcheck/smcheck/internal/atomicfile"
)

// The templates of `smcheck init`, one per language. They are text/template
// files that produce YAML; see initData for what they receive.
//
//go:embed templates/agency.en.yaml templates/agency.sv.yaml
var initTemplates embed.FS

func initCommand() *cli.Command {
	return &cli.Command{
		Name:  "init",
		Usage: "write a commented agency file to fill in (valid as written; `check` then lists what is missing)",
		Description: "Without --from-platforms the file has one Facebook channel.\n" +
			"Placeholders (Exempelmyndigheten, 123456-7897, *.example addresses, texts starting\n" +
			"with \"Replace with\" or \"Ersätt med\") are valid values; empty values mean \"not documented\".\n" +
			"Exit code: 0 written, 2 usage error (unknown platform, existing file without --force).",
		ArgsUsage:    "> agency.yaml",
		OnUsageError: onUsageError,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "lang", Usage: "comments in `en` or sv (default from LANG, else en)"},
			&cli.StringSliceFlag{Name: "from-platforms", Usage: "one channel per `PLATFORM`, comma-separated or repeated: " + strings.Join(platformEnum, ", ")},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output"},
			&cli.BoolFlag{Name: "force", Usage: "overwrite FILE if it exists"},
		},
		Action: runInit,
	}
}

func runInit(c *cli.Context) error {
	if c.NArg() > 0 {
		return usageError("init takes no arguments (got %q); write to a file with -o FILE or > FILE", c.Args().First())
	}
	lang, err := language(c.String("lang"))
	if err != nil {
		return err
	}
	platforms := []string{"facebook"}
	if c.IsSet("from-platforms") {
		platforms = nil
		for _, p := range c.StringSlice("from-platforms") {
			if p = strings.ToLower(strings.TrimSpace(p)); p != "" {
				platforms = append(platforms, p)
			}
		}
	}
	text, err := agencyTemplate(lang, platforms)
	if err != nil {
		return err
	}
	path := c.String("output")
	if path == "" || path == "-" {
		_, err := c.App.Writer.Write(text)
		return err
	}
	if !c.Bool("force") {
		if _, err := os.Stat(path); err == nil {
			return usageError("init: %s exists; use --force to overwrite it", path)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return usageError("init: %v", err)
		}
	}
	if err := atomicfile.WriteFile(path, text); err != nil {
		return usageError("init: %v", err)
	}
	fmt.Fprintf(c.App.ErrWriter, "smcheck: wrote %s; fill it in, then run: smcheck check %s\n", path, path)
	return nil
}

// initData is what the templates receive.
type initData struct {
	Platforms    string // the platform enum, for a comment
	Channels     []initChannel
	Agreements   []initAgreement
	ArchiveID    string
	MonitoringID string
	NoticeID     string
	Config       string // commented-out config keys with their defaults
}

type initChannel struct {
	ID, Platform, Handle, URL string
	DMs                       bool
	AgreementRef              string // empty if the platform needs no agreement by default
}

type initAgreement struct {
	ID, Platform, Title string
}

// platformInfo holds the placeholders of one platform. Handles and URLs use
// the invented account exempelmyndigheten; hosts under .example are reserved
// (RFC 2606) and never real.
type platformInfo struct {
	name, titleSV, handle, url string
	dms                        bool // the platform has direct messages
}

var platformInfos = map[string]platformInfo{
	"facebook":  {"Facebook", "Facebooks", "exempelmyndigheten", "https://www.facebook.com/exempelmyndigheten", true},
	"instagram": {"Instagram", "Instagrams", "exempelmyndigheten", "https://www.instagram.com/exempelmyndigheten", true},
	"x":         {"X", "X:s", "exempelmyndigheten", "https://x.com/exempelmyndigheten", true},
	"linkedin":  {"LinkedIn", "LinkedIns", "exempelmyndigheten", "https://www.linkedin.com/company/exempelmyndigheten", true},
	"youtube":   {"YouTube", "YouTubes", `"@exempelmyndigheten"`, "https://www.youtube.com/@exempelmyndigheten", false},
	"tiktok":    {"TikTok", "TikToks", `"@exempelmyndigheten"`, "https://www.tiktok.com/@exempelmyndigheten", true},
	"threads":   {"Threads", "Threads", `"@exempelmyndigheten"`, "https://www.threads.com/@exempelmyndigheten", true},
	"bluesky":   {"Bluesky", "Blueskys", "exempelmyndigheten.bsky.social", "https://bsky.app/profile/exempelmyndigheten.bsky.social", true},
	"mastodon":  {"Mastodon", "Mastodons", `"@exempelmyndigheten@mastodon.example"`, "https://mastodon.example/@exempelmyndigheten", true},
	"blog":      {"blog", "bloggens", "exempelmyndigheten", "https://blogg.exempelmyndigheten.example/", false},
	"other":     {"platform", "plattformens", "exempelmyndigheten", "https://plattform.example/exempelmyndigheten", true},
}

// agencyTemplate renders the template of lang with one channel per platform
// (a platform listed twice gets a second channel, id platform-2).
func agencyTemplate(lang string, platforms []string) ([]byte, error) {
	enum := platformEnum
	if len(platforms) == 0 {
		return nil, usageError("init: --from-platforms names no platform; valid platforms: %s", strings.Join(enum, ", "))
	}
	valid := map[string]bool{}
	for _, p := range enum {
		valid[p] = true
	}
	for _, p := range platforms {
		if !valid[p] {
			return nil, usageError("init: unknown platform %q; valid platforms: %s", p, strings.Join(enum, ", "))
		}
	}
	needsAgreement := map[string]bool{}
	defaults := configDefaults()
	for _, kv := range defaults {
		if kv.key == "platforms_requiring_agreement" {
			for _, p := range kv.value.Content {
				needsAgreement[p.Value] = true
			}
		}
	}

	d := initData{Platforms: strings.Join(enum, " | ")}
	agrPrefix, titleFmt := "agr-", "%s terms of service"
	d.ArchiveID, d.MonitoringID, d.NoticeID = "archive-profile", "monitoring", "info-notice"
	if lang == "sv" {
		agrPrefix, titleFmt = "avtal-", "%s användarvillkor"
		d.ArchiveID, d.MonitoringID, d.NoticeID = "arkivprofil", "bevakning", "informationstext"
	}
	seen := map[string]int{}
	for _, p := range platforms {
		info := platformInfos[p]
		seen[p]++
		ch := initChannel{ID: p, Platform: p, Handle: info.handle, URL: info.url, DMs: info.dms}
		if n := seen[p]; n > 1 {
			ch.ID = fmt.Sprintf("%s-%d", p, n)
		}
		if needsAgreement[p] {
			ch.AgreementRef = agrPrefix + p
			if seen[p] == 1 {
				name := info.name
				if lang == "sv" {
					name = info.titleSV
				}
				d.Agreements = append(d.Agreements, initAgreement{ID: agrPrefix + p, Platform: p, Title: fmt.Sprintf(titleFmt, name)})
			}
		}
		d.Channels = append(d.Channels, ch)
	}
	var cfg strings.Builder
	for _, kv := range defaults {
		fmt.Fprintf(&cfg, "#   %s: %s\n", kv.key, flowYAML(kv.value))
	}
	d.Config = strings.TrimSuffix(cfg.String(), "\n")

	name := "templates/agency." + lang + ".yaml"
	src, err := initTemplates.ReadFile(name)
	if err != nil {
		return nil, err
	}
	tmpl, err := template.New(name).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := tmpl.Execute(&out, d); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// schemaNode returns the node at a path of keys in the embedded schema, read
// as YAML so that key order is kept.
func schemaNode(path ...string) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(validate.SchemaJSON, &doc); err != nil || len(doc.Content) == 0 {
		panic("smcheck: the embedded schema cannot be read: " + fmt.Sprint(err))
	}
	n := doc.Content[0]
	for _, key := range path {
		var next *yaml.Node
		for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				next = n.Content[i+1]
				break
			}
		}
		if next == nil {
			panic("smcheck: the embedded schema has no " + strings.Join(path, "."))
		}
		n = next
	}
	return n
}

// platformEnum is channels[].platform's enum, in schema order. Every command
// line is built with it (init's help), and reading it from the schema cost
// 1–2 ms of every command, so it is written here; TestPlatformsAreTheSchemas
// fails when the schema's list changes.
var platformEnum = []string{"facebook", "instagram", "x", "linkedin", "youtube", "tiktok", "threads", "bluesky", "mastodon", "blog", "other"}

type configDefault struct {
	key   string
	value *yaml.Node
}

// configDefaults lists the config keys with their schema defaults, in
// schema order.
func configDefaults() []configDefault {
	props := schemaNode("properties", "config", "properties")
	var out []configDefault
	for i := 0; i+1 < len(props.Content); i += 2 {
		prop := props.Content[i+1]
		for j := 0; j+1 < len(prop.Content); j += 2 {
			if prop.Content[j].Value == "default" {
				out = append(out, configDefault{props.Content[i].Value, prop.Content[j+1]})
			}
		}
	}
	return out
}

// flowYAML writes a scalar or a list of scalars on one line.
func flowYAML(n *yaml.Node) string {
	if n.Kind != yaml.SequenceNode {
		return n.Value
	}
	items := make([]string, len(n.Content))
	for i, c := range n.Content {
		items[i] = c.Value
		if strings.ContainsAny(c.Value, " :#,[]{}") {
			items[i] = `"` + c.Value + `"`
		}
	}
	return "[" + strings.Join(items, ", ") + "]"
}
