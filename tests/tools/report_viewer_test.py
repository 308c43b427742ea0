#!/usr/bin/env python3
"""The report viewer in headless Chromium.

Makes two profiles (matvec after one run; a graph over budget on tile 2
with debug.allowOutOfMemory), turns each into a page with tessel-report,
and checks in Chromium that the page loads without console errors, shows
the profile's numbers, and (from a screenshot) that the heat map was drawn,
with the over-budget tile in red.
"""
import argparse
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib

OVER_BUDGET = (220, 20, 60)  # the page's colour for a tile over budget
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAILED: " + what)


def chromium(args, page, *extra, fragment=""):
    command = [args.chromium, "--headless", "--no-sandbox", "--disable-gpu",
               "--hide-scrollbars", "--window-size=800,1400",
               "--virtual-time-budget=3000", "--enable-logging=stderr",
               "--v=0", *extra, "file://" + os.path.abspath(page) + fragment]
    return subprocess.run(command, capture_output=True, text=True,
                          timeout=120)


def png_pixels(path):
    """(width, height, rows of RGB tuples) of an 8-bit RGB or RGBA PNG."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    at, idat, header = 8, b"", None
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else (
                    up if pb <= pc else corner)
                line[i] = (line[i] + pred) & 0xFF
        rows.append([tuple(line[x * channels:x * channels + 3])
                     for x in range(width)])
        previous = line
    return width, height, rows


def count(rows, predicate):
    return sum(1 for row in rows for pixel in row if predicate(pixel))


def text_of(dom, element_id):
    match = re.search(r'id="%s"[^>]*>([^<]*)<' % element_id, dom)
    return match.group(1) if match else None


def open_page(args, name):
    """The page for profile `name`: its DOM, and Chromium's console errors."""
    page = os.path.join(args.work, name, "report.html")
    subprocess.run([args.report, os.path.join(args.work, name,
                                              "profile.json")], check=True)
    html = open(page).read()
    check(not re.search(r'(src|href)="?(https?:)?//', html),
          name + ": the page fetches nothing from the network")
    result = chromium(args, page, "--dump-dom")
    check(result.returncode == 0, name + ": chromium ran")
    console = [line for line in result.stderr.splitlines()
               if "CONSOLE" in line]
    check(not console, name + ": no console messages: " + "; ".join(console))
    check('data-ready="yes"' in result.stdout, name + ": the page drew")
    check(text_of(result.stdout, "errors") in ("", None),
          name + ": the page shows no error")
    return result.stdout, page


def main():
    parser = argparse.ArgumentParser()
    for option in ("chromium", "report", "make-profiles", "codelets", "work"):
        parser.add_argument("--" + option, required=True)
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    made = subprocess.run([args.make_profiles, args.work, args.codelets],
                          capture_output=True, text=True, check=True)
    cycles = int(re.search(r"cycles (\d+)", made.stdout).group(1))

    # The matvec run: its numbers, and a heat map drawn in tile colours.
    run = json.load(open(os.path.join(args.work, "run", "profile.json")))
    dom, page = open_page(args, "run")
    check(text_of(dom, "total-cycles") == "{:,}".format(cycles),
          "run: total cycles %s shown" % cycles)
    check(text_of(dom, "total-memory") == "{:,} B".format(
        run["memory"]["total"]["includingGaps"]), "run: total memory shown")
    check(text_of(dom, "over-budget") == "0", "run: no tile over budget")
    for cs in run["execution"]["computeSets"]:
        check("<td>%s</td><td>%d</td><td>%s</td>" % (
            cs["name"], cs["steps"], "{:,}".format(cs["cycles"]["total"]))
            in dom, "run: compute set %s with its cycles" % cs["name"])
    check("<td>A</td><td>variables</td><td>8,000</td>" in dom,
          "run: the largest variable A")
    check("Tile 0: " in dom, "run: the fullest tile's breakdown")
    shot = os.path.join(args.work, "run.png")
    chromium(args, page, "--screenshot=" + shot)
    _, _, rows = png_pixels(shot)
    tile_blue = count(rows, lambda p: p[2] == 255 and p[0] <= 200 and
                      p[1] <= 225)
    check(tile_blue > 20000, "run: the heat map drew its tiles (%d pixels)"
          % tile_blue)
    check(count(rows, lambda p: p == OVER_BUDGET) == 0,
          "run: no tile drawn over budget")

    # Out of memory: tile 2 over budget, in the page and in red on screen.
    dom, page = open_page(args, "oom")
    check(text_of(dom, "over-budget") == "1 (tile 2)",
          "oom: tile 2 over budget")
    check("Tile 2: 20,000 B of 16,384 B" in dom, "oom: tile 2's breakdown")
    check("3616 over" in (text_of(dom, "out-of-memory") or ""),
          "oom: the memory error shown")
    # The tile a click selects (its address #tile=N) gets the breakdown.
    picked = chromium(args, page, "--dump-dom", fragment="#tile=5").stdout
    check("Tile 5: 0 B of 16,384 B" in picked, "oom: tile 5 picked")
    shot = os.path.join(args.work, "oom.png")
    chromium(args, page, "--screenshot=" + shot)
    width, _, rows = png_pixels(shot)
    red = count(rows, lambda p: p == OVER_BUDGET)
    check(red > 3000, "oom: the over-budget tile drawn red (%d pixels)" % red)
    # The red square is the third tile of the heat map's first row.
    first_red = next((x for y, row in enumerate(rows) for x, p in
                      enumerate(row) if p == OVER_BUDGET), None)
    check(first_red is not None and first_red > width // 8,
          "oom: the red tile is not the first tile")

    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    print("report viewer: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
