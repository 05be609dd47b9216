#!/usr/bin/env bash
# Each line below works with bash 5 and GNU tools only (a comment may say mapfile freely).
set -euo pipefail
jar="$(find target -name '*.jar' -printf '%T@ %p\n' | sort -rn | head -n 1)"
digest="$(sha256sum "${jar}" | cut -c1-16)"
mapfile -t files < <(ls)
declare -A seen
lower="${digest,,}"
for f in "${files[@]}"; do echo "${f}"; done
for f in ${files[@]+"${files[@]}"}; do echo "${f}"; done
sed -i 's/a/b/' file.txt
