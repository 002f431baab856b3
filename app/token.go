package app

// CodeUnrecognised is the field error of a token the widget's service does not know.
const CodeUnrecognised = "unrecognised"
