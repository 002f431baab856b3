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

// Action is what the command line asks the app to do: the app started by this launch, or the
// one already running, to which the launch passes it on.
type Action string

// The actions, each given as the flag of the same name (--open, --send-profile…).
const (
	ActionNone        Action = ""
	ActionOpen        Action = "open"
	ActionClose       Action = "close"
	ActionToggle      Action = "toggle"
	ActionSendProfile Action = "send-profile"
	ActionShow        Action = "show"
	ActionQuit        Action = "quit"
)

// actions lists every action with its help line, in the order the help and errors name them.
var actions = []struct {
	action Action
	usage  string
}{
	{ActionOpen, "open the support chat"},
	{ActionClose, "close the support chat"},
	{ActionToggle, "open the support chat, or close it if it is open (for a desktop keyboard shortcut)"},
	{ActionSendProfile, "send your saved details to the support team"},
	{ActionShow, "bring the window to the front"},
	{ActionQuit, "quit the running app"},
}

// StartsApp reports whether this action starts the app when none is running. Closing the chat
// of, or quitting, an app that is not running needs nothing done.
func (a Action) StartsApp() bool { return a != ActionClose && a != ActionQuit }

// shows reports whether the action brings the window up, which --hidden would contradict.
func (a Action) shows() bool { return a == ActionOpen || a == ActionShow || a == ActionToggle }

// Options is what the command line asked for.
type Options struct {
	// Token and WidgetURL override the settings file for this run only.
	Token     string
	WidgetURL string
	// Action is at most one action; ActionNone when none was given.
	Action Action
	// Hidden starts the app with its window hidden; it means nothing to an app already running.
	Hidden bool
	// Version prints the version and ends; nothing else is done, no app is reached.
	Version bool
}

// Parse reads args (without the program name). Usage and errors go to out; an error means the
// app must not start, with ExitUsage as its status unless it is ErrHelp.
func Parse(args []string, out io.Writer) (Options, error) {
	var opts Options
	fs := flag.NewFlagSet("jedidesk-desktop", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.StringVar(&opts.Token, "token", "", "JediDesk widget `token` from the admin panel (overrides the saved setting for this run)")
	fs.StringVar(&opts.WidgetURL, "widget-url", "", "load the widget from this http(s) `URL` instead of "+settings.DefaultWidgetURL+" (self-hosted widgets, tests)")
	given := make(map[Action]*bool, len(actions))
	for _, a := range actions {
		given[a.action] = fs.Bool(string(a.action), false, a.usage)
	}
	fs.BoolVar(&opts.Version, "version", false, "print the version (like 1.2.3) and end")
	fs.BoolVar(&opts.Hidden, "hidden", false, "start with the window hidden, in the system tray only (ignored when the app is already running)")
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: jedidesk-desktop [flags]\n\nJediDesk support chat on your desktop.\n\nFlags:\n")
		fs.PrintDefaults()
		fmt.Fprint(out, "\nWith JediDesk already running, an action (--open, --close, --toggle, --send-profile,\n"+
			"--show, --quit) is passed to it and this command ends at once. With none running, an action\n"+
			"starts the app and then does its work, except --close and --quit, which do nothing.\n")
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
	var chosen []string
	for _, a := range actions {
		if *given[a.action] {
			opts.Action = a.action
			chosen = append(chosen, "--"+string(a.action))
		}
	}
	if n := len(chosen); n > 1 {
		quantity := "both"
		if n > 2 {
			quantity = "all"
		}
		return Options{}, fmt.Errorf("choose one action: %s and %s were %s given", strings.Join(chosen[:n-1], ", "), chosen[n-1], quantity)
	}
	if opts.Hidden && opts.Action.shows() {
		return Options{}, fmt.Errorf("--hidden and --%s contradict each other: --hidden starts with the window hidden and --%[1]s shows it; choose one", opts.Action)
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

// Args is the command line that asks for o's token, widget URL and hidden window (not its
// action, nor --version): what a restart passes on.
func (o Options) Args() []string {
	var args []string
	if o.Token != "" {
		args = append(args, "--token", o.Token)
	}
	if o.WidgetURL != "" {
		args = append(args, "--widget-url", o.WidgetURL)
	}
	if o.Hidden {
		args = append(args, "--hidden")
	}
	return args
}
