#!/bin/sh
# Usage: sh scripts/grep-markdown-regexes.sh (from the repository root). What it prints is reviewed by hand:
# a hit that matches a plain-text form (PEM armour, wiki markup, HTML sniffing) is not Markdown structure.
# Markdown-structure regexes (in regex literals, RegExp(...) or String.raw sources) outside src/lib/markdown/:
# ATX headings, setext underlines, code fences, list markers, blockquote markers, table pipes, HTML-block and front-matter fences.
grep -rnE \
 -e '\^(\\s\*|\\s\{0,3\}| \{0,3\}|\[ \\t\]\*)?(#|\\#)' -e '#\{1,6\}|#\+\\s|##\\s' \
 -e '\^(\\s\*)?(=\+|-\+\\s\*\$|=\{|-\{|\[=-\]|\[-=\])' \
 -e '`\{3|\\`\{3|~\{3|~~~' \
 -e '\[-\*\+>?\]|\[\*\+-\]|\[-\+\*\]|\\d\+\[\.\)\]|\\d\{1,[0-9]\}\[\.\)\]' \
 -e '\^(\\s\*)?\\\|' -e '\^(\\s\*)?>' -e '\^(\\s\*)?<[a-z!/]' -e '\^---' \
 src scripts --include='*.ts' --include='*.mjs' --include='*.astro' \
 | grep -E '/.*/[dgimsuy]*|RegExp\(|String\.raw' | grep -vE '^[^:]*:[0-9]+:\s*(//|\*|/\*)' | grep -v '^src/lib/markdown/'
