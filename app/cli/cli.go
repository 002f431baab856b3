// Package cli reads the app's command line. It only parses and validates; main.go decides what
// to do with the result.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"jedidesk-desktop/app/settings"
)

// ExitUsage is the exit status for a command line the app cannot accept.
const ExitUsage = 2

// ErrHelp is returned when the user asked for help; the usage text has been written.
var ErrHelp = errors.New("help requested")

// Options is what the command line asked for.
type Options struct {
	// Token and WidgetURL override the settings file for this run only.
	Token     string
	WidgetURL string
}

// Parse reads args (without the program name). Usage and errors go to out; an error means the
// app must not start, with ExitUsage as its status unless it is ErrHelp.
func Parse(args []string, out io.Writer) (Options, error) {
	var opts Options
	fs := flag.NewFlagSet("jedidesk-desktop", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.StringVar(&opts.Token, "token", "", "JediDesk widget `token` from the admin panel (overrides the saved setting for this run)")
	fs.StringVar(&opts.WidgetURL, "widget-url", "", "load the widget from this http(s) `URL` instead of "+settings.DefaultWidgetURL+" (self-hosted widgets, tests)")
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: jedidesk-desktop [flags]\n\nJediDesk support chat on your desktop.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return Options{}, ErrHelp
		}
		return Options{}, err
	}
	if fs.NArg() > 0 {
		return Options{}, fmt.Errorf("unexpected argument %q (flags start with --; see --help)", fs.Arg(0))
	}
	if err := settings.ValidateToken(opts.Token); err != nil {
		return Options{}, fmt.Errorf("--token: %w", err)
	}
	url, err := settings.NormalizeWidgetURL(strings.TrimSpace(opts.WidgetURL))
	if err != nil {
		return Options{}, fmt.Errorf("--widget-url: %w", err)
	}
	opts.WidgetURL = url
	return opts, nil
}
