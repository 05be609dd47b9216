#!/usr/bin/env bash
# Builds the jars, uploads them to an artifact bucket and deploys or updates the spotify-lakehouse
# stack. See cloudformation/README.md.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: cloudformation/deploy.sh [options]

Builds the project (mvn -B -ntp -DskipTests package), uploads the extractor jar, the glue-jobs jar and
the Glue script placeholder to an artifact bucket (created when missing), then creates or updates the
CloudFormation stack with `aws cloudformation deploy`.

Options:
  --stack-name NAME        stack name (default: spotify-lakehouse)
  --region REGION          AWS region (default: AWS_REGION, AWS_DEFAULT_REGION or the CLI profile's)
  --playlist-ids IDS       comma-separated Spotify playlist ids; required when the stack is created,
                           kept from the previous deployment when omitted on an update
  --lake-bucket NAME       name of the lake bucket, only when the stack is created
                           (default: a unique name chosen by CloudFormation)
  --artifact-bucket NAME   bucket for jars and templates
                           (default: spotify-lakehouse-artifacts-<account>-<region>)
  --parameter KEY=VALUE    any other template parameter, repeatable, e.g.
                           --parameter TransformStart=MANIFEST_EVENT --parameter GlueNumberOfWorkers=4
  --skip-build             upload the jars already in extractor/target and glue-jobs/target
  --help                   this text

Needs: bash, the AWS CLI v2 with credentials, and (unless --skip-build) Java 17+ and Maven 3.8+.
EOF
}

die() { echo "deploy.sh: $*" >&2; exit 1; }

stack_name="spotify-lakehouse"
region="${AWS_REGION:-${AWS_DEFAULT_REGION:-}}"
playlist_ids=""
lake_bucket=""
artifact_bucket=""
skip_build=false
extra_parameters=()

while (($# > 0)); do
  case "$1" in
    --stack-name) stack_name="${2:?--stack-name needs a value}"; shift 2 ;;
    --region) region="${2:?--region needs a value}"; shift 2 ;;
    --playlist-ids) playlist_ids="${2:?--playlist-ids needs a value}"; shift 2 ;;
    --lake-bucket) lake_bucket="${2:?--lake-bucket needs a value}"; shift 2 ;;
    --artifact-bucket) artifact_bucket="${2:?--artifact-bucket needs a value}"; shift 2 ;;
    --parameter)
      [[ "${2:-}" == *=* ]] || die "--parameter needs KEY=VALUE, got '${2:-}'"
      extra_parameters+=("$2"); shift 2 ;;
    --skip-build) skip_build=true; shift ;;
    --help|-h) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" ;;
  esac
done

[[ "${playlist_ids}" != *" "* ]] || die "--playlist-ids must not contain spaces: '${playlist_ids}'"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "${here}/.." && pwd)"
template="${here}/spotify-lakehouse.yaml"

# shellcheck source=aws-context.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/aws-context.sh"
resolve_aws_context
echo "Account ${account}, region ${region}, stack ${stack_name}, artifacts in s3://${artifact_bucket}"

stack_exists=false
if aws cloudformation describe-stacks --stack-name "${stack_name}" >/dev/null 2>&1; then
  stack_exists=true
fi
if [[ "${stack_exists}" == false && -z "${playlist_ids}" ]]; then
  die "the stack does not exist yet: pass --playlist-ids ID1,ID2"
fi
if [[ "${stack_exists}" == true && -n "${lake_bucket}" ]]; then
  die "--lake-bucket only applies when the stack is created (renaming would replace the bucket)"
fi

# ---------------------------------------------------------------- build

if [[ "${skip_build}" == false ]]; then
  command -v mvn >/dev/null || die "Maven (mvn) is not installed; or pass --skip-build"
  echo "Building the jars (mvn -B -ntp -DskipTests package) ..."
  (cd "${root}" && mvn -B -ntp -q -DskipTests package)
fi

# The newest main artifact of a module: not the pre-shade original, sources, tests or javadoc.
find_jar() {
  local dir="$1" name="$2" jar
  jar="$(find "${dir}" -maxdepth 1 -type f -name "${name}-*.jar" \
    ! -name 'original-*' ! -name '*-sources.jar' ! -name '*-tests.jar' ! -name '*-javadoc.jar' \
    -printf '%T@ %p\n' 2>/dev/null | sort -rn | head -n 1 | cut -d' ' -f2-)"
  [[ -n "${jar}" ]] || die "no ${name}-*.jar in ${dir}: build first (or drop --skip-build)"
  printf '%s' "${jar}"
}
extractor_jar="$(find_jar "${root}/extractor/target" spotify-lakehouse-extractor)"
glue_jobs_jar="$(find_jar "${root}/glue-jobs/target" spotify-lakehouse-glue-jobs)"
glue_script="${here}/glue/placeholder.scala"

# ---------------------------------------------------------------- artifact bucket and uploads

if ! aws s3api head-bucket --bucket "${artifact_bucket}" >/dev/null 2>&1; then
  echo "Creating the artifact bucket s3://${artifact_bucket} ..."
  if [[ "${region}" == us-east-1 ]]; then
    aws s3api create-bucket --bucket "${artifact_bucket}" >/dev/null
  else
    aws s3api create-bucket --bucket "${artifact_bucket}" \
      --create-bucket-configuration "LocationConstraint=${region}" >/dev/null
  fi
  aws s3api put-public-access-block --bucket "${artifact_bucket}" --public-access-block-configuration \
    BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
  aws s3api put-bucket-encryption --bucket "${artifact_bucket}" --server-side-encryption-configuration \
    '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}'
fi

# Content-addressed keys: an unchanged jar keeps its key (no redeploy), a changed one gets a new key,
# which is what makes CloudFormation update the Lambda code and the job.
upload() {
  local file="$1" name="$2" extension="$3" digest key
  digest="$(sha256sum "${file}" | cut -c1-16)"
  key="artifacts/${stack_name}/${name}-${digest}.${extension}"
  if ! aws s3api head-object --bucket "${artifact_bucket}" --key "${key}" >/dev/null 2>&1; then
    echo "Uploading $(basename "${file}") -> s3://${artifact_bucket}/${key}" >&2
    aws s3 cp --only-show-errors "${file}" "s3://${artifact_bucket}/${key}" >&2
  fi
  printf '%s' "${key}"
}
extractor_key="$(upload "${extractor_jar}" extractor jar)"
glue_jobs_key="$(upload "${glue_jobs_jar}" glue-jobs jar)"
glue_script_key="$(upload "${glue_script}" glue-placeholder scala)"

# ---------------------------------------------------------------- deploy

parameters=(
  "ArtifactBucket=${artifact_bucket}"
  "ExtractorJarKey=${extractor_key}"
  "GlueJobsJarKey=${glue_jobs_key}"
  "GlueScriptKey=${glue_script_key}"
)
[[ -z "${playlist_ids}" ]] || parameters+=("PlaylistIds=${playlist_ids}")
[[ -z "${lake_bucket}" ]] || parameters+=("LakeBucketName=${lake_bucket}")
parameters+=("${extra_parameters[@]}")

echo "Deploying stack ${stack_name} ..."
aws cloudformation deploy \
  --stack-name "${stack_name}" \
  --template-file "${template}" \
  --s3-bucket "${artifact_bucket}" \
  --s3-prefix "templates/${stack_name}" \
  --capabilities CAPABILITY_IAM \
  --no-fail-on-empty-changeset \
  --parameter-overrides "${parameters[@]}"

aws cloudformation describe-stacks --stack-name "${stack_name}" \
  --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]' --output table

if [[ "${stack_exists}" == false ]]; then
  cat <<EOF

Next (once): store the Spotify credentials in the stack's secret, see cloudformation/README.md:
  aws secretsmanager put-secret-value --secret-id <SpotifySecretArn above> --secret-string file://spotify-secret.json
EOF
fi
