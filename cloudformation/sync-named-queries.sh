#!/usr/bin/env bash
# Regenerates the Athena named queries of spotify-lakehouse.yaml from the project's SQL files, so that
# Athena runs exactly the SQL the local runner runs. A test (NamedQueriesTest in the workflow module)
# fails when the template and the files differ. Runs on macOS's bash 3.2 and BSD tools as on Linux.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: cloudformation/sync-named-queries.sh [--check]

Rewrites the block between "# BEGIN GENERATED NAMED QUERIES" and "# END GENERATED NAMED QUERIES" in
cloudformation/spotify-lakehouse.yaml with one AWS::Athena::NamedQuery per file in
  workflow/src/main/resources/sql/queries/*.sql   (analytics queries)
  workflow/src/main/resources/sql/views/*.sql     (the QuickSight view: run once to create it)

Each query's Name is the file name without .sql; its QueryString is the file's text (without the final
newline).

  --check   change nothing; exit 1 when the template is not up to date
  --help    this text
EOF
}

check_only=false
case "${1:-}" in
  --help|-h) usage; exit 0 ;;
  --check) check_only=true ;;
  "") ;;
  *) echo "Unknown argument: $1" >&2; usage >&2; exit 2 ;;
esac

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "${here}/.." && pwd)"
template="${here}/spotify-lakehouse.yaml"
sql_dir="${root}/workflow/src/main/resources/sql"
begin_marker="  # BEGIN GENERATED NAMED QUERIES (cloudformation/sync-named-queries.sh; do not edit by hand)"
end_marker="  # END GENERATED NAMED QUERIES"

# album_by_year -> AlbumByYear
camel_case() {
  local name="$1" out="" part
  IFS='_-' read -r -a parts <<< "${name}"
  for part in ${parts[@]+"${parts[@]}"}; do
    out+="$(tr '[:lower:]' '[:upper:]' <<< "${part:0:1}")${part:1}"
  done
  printf '%s' "${out}"
}

# A literal block scalar reproduces a file exactly only when no line is whitespace-only, the first line
# does not start with whitespace and there is no carriage return; refuse anything else by name.
check_representable() {
  local file="$1"
  if grep -q $'\r' "${file}"; then
    echo "${file}: contains a carriage return (save it with LF line ends)" >&2; return 1
  fi
  if grep -qE '^[[:space:]]+$' "${file}"; then
    echo "${file}: has a line of only whitespace (make it empty)" >&2; return 1
  fi
  if head -n 1 "${file}" | grep -qE '^[[:space:]]'; then
    echo "${file}: its first line starts with whitespace" >&2; return 1
  fi
  if [[ ! -s "${file}" ]]; then
    echo "${file}: is empty" >&2; return 1
  fi
}

emit_query() {
  local kind="$1" file="$2"
  local base logical description
  base="$(basename "${file}" .sql)"
  if [[ ! "${base}" =~ ^[a-z][a-z0-9_]*$ ]]; then
    echo "${file}: name must be lower snake case" >&2; return 1
  fi
  check_representable "${file}"
  if [[ "${kind}" == views ]]; then
    logical="View$(camel_case "${base}")"
    description="Creates the view ${base} (run once, then after changes). Source: workflow/src/main/resources/sql/views/${base}.sql"
  else
    logical="Query$(camel_case "${base}")"
    description="Source: workflow/src/main/resources/sql/queries/${base}.sql"
  fi
  printf '\n  %s:\n' "${logical}"
  printf '    Type: AWS::Athena::NamedQuery\n'
  printf '    Properties:\n'
  printf '      Name: %s\n' "${base}"
  printf '      Description: "%s"\n' "${description}"
  printf '      Database: !Ref GlueDatabase\n'
  printf '      WorkGroup: !Ref AthenaWorkGroup\n'
  printf '      QueryString: |-\n'
  # drop the file's trailing newlines (the |- chomping indicator does the same on reading)
  sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' "${file}" | awk '{ if (length($0) == 0) print ""; else print "        " $0 }'
}

generated="$(mktemp)"
trap 'rm -f "${generated}" "${generated}.new" "${generated}.list"' EXIT
{
  printf '%s\n' "${begin_marker}"
  for kind in queries views; do
    # in byte order whatever the locale (a glob sorts by the locale's collation)
    : > "${generated}.list"
    if [[ -d "${sql_dir}/${kind}" ]]; then
      find "${sql_dir}/${kind}" -maxdepth 1 -type f -name '*.sql' | LC_ALL=C sort > "${generated}.list"
    fi
    while IFS= read -r file; do
      emit_query "${kind}" "${file}"
    done < "${generated}.list"
  done
  printf '\n%s\n' "${end_marker}"
} > "${generated}"

if ! grep -qxF "${begin_marker}" "${template}" || ! grep -qxF "${end_marker}" "${template}"; then
  echo "${template}: generated-block markers not found" >&2
  exit 1
fi

awk -v block="${generated}" -v begin="${begin_marker}" -v end="${end_marker}" '
  $0 == begin { while ((getline line < block) > 0) print line; skipping = 1; next }
  $0 == end { skipping = 0; next }
  !skipping { print }
' "${template}" > "${generated}.new"

if cmp -s "${generated}.new" "${template}"; then
  echo "Named queries are up to date ($(grep -c 'Type: AWS::Athena::NamedQuery' "${template}") queries)."
  exit 0
fi
if [[ "${check_only}" == true ]]; then
  echo "${template} is not up to date with ${sql_dir}: run cloudformation/sync-named-queries.sh" >&2
  exit 1
fi
cp "${generated}.new" "${template}"
echo "Wrote $(grep -c 'Type: AWS::Athena::NamedQuery' "${template}") named queries into ${template}."
