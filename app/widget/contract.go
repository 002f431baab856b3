package widget

import "slices"

// Why the page could not load the widget: its script failed, arrived but never mounted, never
// arrived, or mounted and then unmounted itself (as the real widget does when it throws).
const (
	FailureScriptError = "script-error"
	FailureNotMounted  = "not-mounted"
	FailureTimeout     = "timeout"
	FailureCrashed     = "crashed"
	// FailureProxyRefused: the network's proxy refused the app (it asks for a sign-in the app
	// does not have, or refused the one it has).
	FailureProxyRefused = "proxy-refused"
	// What stood between the app and the widget's server, as the app's own request for the
	// widget's script met it: the proxy set in the settings did not answer, the server's name
	// did not resolve, or the server did not take the connection or answer.
	FailureProxyUnreachable = "proxy-unreachable"
	FailureNameNotFound     = "name-not-found"
	FailureServerDown       = "server-down"
	// FailureNotTrusted: the connection's certificate is one no installed authority vouches for.
	FailureNotTrusted = "not-trusted"
)

// The values the page and Go exchange about the widget, each list the one place its values are
// written: the page's TypeScript gets them generated (frontend/src/shared/contract.ts, checked
// by app's contract test), so a value added here reaches both sides at once.
var (
	Commands      = []string{CmdOpen, CmdClose, CmdCustomerData}
	Events        = []string{EventFullyLoaded, EventOpened, EventClosed, EventClientMessage, EventManagerMessage}
	Phases        = []Phase{PhaseLoading, PhaseReady, PhaseFailed}
	Links         = []Link{LinkNone, LinkOpen, LinkLost, LinkGaveUp}
	SocketReports = []string{SocketReady, SocketClosed, SocketGaveUp}
	Statuses      = []DeliveryStatus{DeliveryNone, NothingToSend, Waiting, Sending, DeliveredByWidget, DeliveredByApp, DeliveryFailed}
	// Reports are the statuses the page may report: what it saw on the socket.
	Reports  = []DeliveryStatus{Waiting, DeliveredByWidget, DeliveredByApp, DeliveryFailed}
	Reasons  = []string{"", ReasonSocketClosed, ReasonAlready}
	Failures = []string{FailureScriptError, FailureNotMounted, FailureTimeout, FailureCrashed, FailureProxyRefused,
		FailureProxyUnreachable, FailureNameNotFound, FailureServerDown, FailureNotTrusted}
	TokenVerdicts = []string{TokenRecognised, TokenUnrecognised}
)

// IsEvent reports whether name is one of the widget's events; anything else the page reports
// is untrusted noise.
func IsEvent(name string) bool { return slices.Contains(Events, name) }

// IsReport reports whether s is a status the page may report.
func IsReport(s DeliveryStatus) bool { return slices.Contains(Reports, s) }
