#!/usr/bin/python3
"""Reads feeds with Python feedparser and prints one normalised JSON report per file.

Usage: /usr/bin/python3 feedparser-read.py FILE...
Output: {"FILE": {"items": [...], "errors": [...]}, ...} on stdout (see reader-report.ts).
Run with Debian's /usr/bin/python3: a pyenv python does not see python3-feedparser.
"""
import calendar
import json
import sys

import feedparser


def epoch(parsed):
    return calendar.timegm(parsed) if parsed else None


def number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def read_item(entry, is_atom):
    enclosures = [
        {"url": link.get("href"), "type": link.get("type"), "length": number(link.get("length"))}
        for link in entry.get("links", [])
        if link.get("rel") == "enclosure"
    ]
    media = [
        {"url": m.get("url"), "type": m.get("type"), "length": number(m.get("filesize")), "medium": m.get("medium")}
        for m in entry.get("media_content", [])
    ]
    return {
        "id": entry.get("id"),
        "title": entry.get("title"),
        "link": entry.get("link"),
        "published": epoch(entry.get("published_parsed")),
        "updated": epoch(entry.get("updated_parsed")),
        "authors": [a.get("name") for a in entry.get("authors", []) if a.get("name")],
        # Atom categories report the term (our slug); RSS categories have only their text.
        "categories": [t.get("term") for t in entry.get("tags", [])],
        "enclosures": enclosures,
        "media": media,
    }


def read_file(path):
    parsed = feedparser.parse(path)
    errors = []
    # bozo is feedparser's "this feed is not well-formed or not what it claims" flag.
    if parsed.bozo:
        errors.append("bozo: %s" % (parsed.get("bozo_exception"),))
    version = parsed.get("version") or ""
    if not version:
        errors.append("feedparser did not recognise the format")
    is_atom = version.startswith("atom")
    items = [read_item(entry, is_atom) for entry in parsed.entries]
    return {"items": items, "errors": errors, "version": version}


def main():
    reports = {}
    for path in sys.argv[1:]:
        try:
            reports[path] = read_file(path)
        except Exception as error:  # a crash is a result to report, not a reason to lose the others
            reports[path] = {"items": [], "errors": ["crash: %r" % (error,)]}
    json.dump(reports, sys.stdout)


if __name__ == "__main__":
    main()
