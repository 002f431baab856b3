#!/usr/bin/python3
"""Prints, as JSON, what a screen reader (Orca reads the same bus) is told of one program's
windows: every accessible object's role, name, description, states and text, depth first."""
import json
import sys

import pyatspi


def text_of(acc):
    try:
        t = acc.queryText()
        return t.getText(0, t.characterCount)
    except NotImplementedError:
        return ""


def walk(acc, depth, out):
    if acc is None or depth > 60:
        return
    try:
        states = [pyatspi.stateToString(s) for s in acc.getState().getStates()]
        out.append({
            "role": acc.getRoleName(),
            "name": acc.name or "",
            "description": acc.description or "",
            "states": states,
            "text": text_of(acc),
            "attributes": dict(a.split(":", 1) for a in acc.getAttributes() if ":" in a),
        })
        for child in acc:
            walk(child, depth + 1, out)
    except Exception:  # an object gone meanwhile
        return


def main():
    pid = int(sys.argv[1])
    out = []
    for app in pyatspi.Registry.getDesktop(0):
        try:
            if app is not None and app.get_process_id() == pid:
                walk(app, 0, out)
        except Exception:
            continue
    json.dump(out, sys.stdout, ensure_ascii=False)


main()
