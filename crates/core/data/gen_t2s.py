#!/usr/bin/env python3
"""Regenerate data/t2s.txt from OpenCC's TSCharacters.txt (one-to-one character pairs only)."""
import sys

pairs = []
for line in open(sys.argv[1], encoding="utf-8"):
    t, s = line.rstrip("\n").split("\t")
    s = s.split(" ")[0]
    if len(t) == 1 and len(s) == 1 and t != s:
        pairs.append((t, s))
pairs.sort()
with open("data/t2s.txt", "w", encoding="utf-8") as f:
    f.write("".join(t + s for t, s in pairs) + "\n")
