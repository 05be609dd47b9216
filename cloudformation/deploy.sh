#!/usr/bin/env bash
# Builds the jars, uploads them to an artifact bucket and deploys or updates the spotify-lakehouse
# stack. See cloudformation/README.md. Runs on macOS's bash 3.2 and BSD tools as on Linux.
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
  --playlist-ids IDS       comma-separated Spotify playlist ids, may include the keyword me (the
                           authorized user's own and collaborative playlists); by default, on creation,
                           the extractor finds them itself; kept from the previous deployment when
                           omitted on an update (--playlist-ids me goes back to finding them)
  --alert-email ADDRESS    e-mail address subscribed to the pipeline's alerts (AWS sends a confirmation)
  --lake-bucket NAME       name of the lake bucket, only when the stack is created
                           (default: a unique name chosen by CloudFormation)
  --artifact-bucket NAME   bucket for jars and templates
                           (default: spotify-lakehouse-artifacts-<account>-<region>)
  --parameter KEY=VALUE    any other template parameter, repeatable, e.g.
                           --parameter TransformStart=MANIFEST_EVENT --parameter GlueNumberOfWorkers=4
  --delete-rolled-back     if the stack is in ROLLBACK_COMPLETE (its first creation failed), delete it
                           and create it again without asking
  --skip-build             upload the jars already in extractor/target and glue-jobs/target
  --help                   this text

Needs: bash 3.2+, the AWS CLI v2 with credentials, and (unless --skip-build) Java 17+ and Maven 3.8+.
EOF
}

die() { echo "deploy.sh: $*" >&2; exit 1; }

stack_name="spotify-lakehouse"
region="${AWS_REGION:-${AWS_DEFAULT_REGION:-}}"
playlist_ids=""
alert_email=""
lake_bucket=""
artifact_bucket=""
skip_build=false
delete_rolled_back=false
extra_parameters=()

while (($# > 0)); do
  case "$1" in
    --stack-name) stack_name="${2:?--stack-name needs a value}"; shift 2 ;;
    --region) region="${2:?--region needs a value}"; shift 2 ;;
    --playlist-ids) playlist_ids="${2:?--playlist-ids needs a value}"; shift 2 ;;
    --alert-email) alert_email="${2:?--alert-email needs a value}"; shift 2 ;;
    --lake-bucket) lake_bucket="${2:?--lake-bucket needs a value}"; shift 2 ;;
    --artifact-bucket) artifact_bucket="${2:?--artifact-bucket needs a value}"; shift 2 ;;
    --parameter)
      [[ "${2:-}" == *=* ]] || die "--parameter needs KEY=VALUE, got '${2:-}'"
      extra_parameters+=("$2"); shift 2 ;;
    --delete-rolled-back) delete_rolled_back=true; shift ;;
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

# ---------------------------------------------------------------- the stack's state

# A first creation that failed leaves the stack in ROLLBACK_COMPLETE, which CloudFormation can only delete.
# It holds nothing worth keeping (its lake bucket, created by that failed creation, went with the rollback).
handle_rolled_back() {
  echo "Stack ${stack_name} is in ROLLBACK_COMPLETE: its first creation failed and was rolled back."
  echo "CloudFormation cannot update a stack in this state, only delete it. What failed:"
  aws cloudformation describe-stack-events --stack-name "${stack_name}" \
    --query "StackEvents[?ResourceStatus=='CREATE_FAILED'].[LogicalResourceId,ResourceStatusReason]" \
    --output text | sed 's/^/  /' || echo "  (could not read the stack's events)"
  if [[ "${delete_rolled_back}" == false ]]; then
    [[ -t 0 ]] || die "stack ${stack_name} is in ROLLBACK_COMPLETE; fix the cause above, then run again with" \
      "--delete-rolled-back (or: aws cloudformation delete-stack --stack-name ${stack_name})"
    local answer=""
    read -r -p "Delete stack ${stack_name} and create it again? [y/N] " answer
    case "${answer}" in
      y|Y|yes|YES) ;;
      *) die "not deleted; nothing changed" ;;
    esac
  fi
  echo "Deleting the rolled-back stack ${stack_name} ..."
  aws cloudformation delete-stack --stack-name "${stack_name}"
  aws cloudformation wait stack-delete-complete --stack-name "${stack_name}"
}

status="$(stack_status "${stack_name}")"
case "${status}" in
  ROLLBACK_COMPLETE) handle_rolled_back; status="" ;;
  *_IN_PROGRESS)
    [[ "${status}" == REVIEW_IN_PROGRESS ]] \
      || die "stack ${stack_name} is busy (${status}); wait for it to finish and run again" ;;
  *_FAILED)
    die "stack ${stack_name} is in ${status} and needs a hand first; see" \
      "aws cloudformation describe-stack-events --stack-name ${stack_name}" ;;
esac
# a stack in REVIEW_IN_PROGRESS was never created (its first change set did not run)
stack_exists=false
if [[ -n "${status}" && "${status}" != REVIEW_IN_PROGRESS ]]; then
  stack_exists=true
fi
if [[ "${stack_exists}" == true && -n "${lake_bucket}" ]]; then
  die "--lake-bucket only applies when the stack is created (renaming would replace the bucket)"
fi

# The extractor reserves one unit of Lambda concurrency, and Lambda keeps 100 unreserved: an account whose
# quota is lower (new accounts may have 10) fails the creation, which then rolls back.
unreserved="$(aws lambda get-account-settings --query AccountLimit.UnreservedConcurrentExecutions \
  --output text 2>/dev/null || true)"
if [[ "${unreserved}" =~ ^[0-9]+$ ]] && ((unreserved < 101)); then
  message="the account's unreserved Lambda concurrency is ${unreserved}; the extractor reserves 1 and Lambda keeps 100"
  message="${message} unreserved. Ask for a higher 'Concurrent executions' quota (Service Quotas, AWS Lambda)"
  if [[ "${stack_exists}" == false ]]; then
    die "${message}, then deploy again."
  fi
  echo "Warning: ${message}; the update fails if the extractor does not reserve it yet." >&2
fi

# ---------------------------------------------------------------- build

if [[ "${skip_build}" == false ]]; then
  command -v mvn >/dev/null || die "Maven (mvn) is not installed; or pass --skip-build"
  echo "Building the jars (mvn -B -ntp -DskipTests package) ..."
  (cd "${root}" && mvn -B -ntp -q -DskipTests package)
fi

# The newest main artifact of a module: not the pre-shade original, sources, tests or javadoc.
find_jar() {
  local dir="$1" name="$2" jar="" candidate
  for candidate in "${dir}/${name}"-*.jar; do
    [[ -f "${candidate}" ]] || continue
    case "$(basename "${candidate}")" in
      original-*|*-sources.jar|*-tests.jar|*-javadoc.jar) continue ;;
    esac
    if [[ -z "${jar}" || "${candidate}" -nt "${jar}" ]]; then
      jar="${candidate}"
    fi
  done
  [[ -n "${jar}" ]] || die "no ${name}-*.jar in ${dir}: build first (or drop --skip-build)"
  printf '%s' "${jar}"
}
extractor_jar="$(find_jar "${root}/extractor/target" spotify-lakehouse-extractor)"
glue_jobs_jar="$(find_jar "${root}/glue-jobs/target" spotify-lakehouse-glue-jobs)"
glue_script="${here}/glue/placeholder.scala"

# ---------------------------------------------------------------- artifact bucket and uploads

# Glue loads the job's jar from this bucket (--extra-jars) on every run and Lambda its code: a bucket of this
# account only, private, TLS only, encrypted, and versioned so an overwritten or deleted jar can be restored.
# Every call on it names the expected owner; CreateBucket cannot (the name is free or it fails).
create_artifact_bucket() {
  echo "Creating the artifact bucket s3://${artifact_bucket} ..."
  if [[ "${region}" == us-east-1 ]]; then
    aws s3api create-bucket --bucket "${artifact_bucket}" >/dev/null
  else
    aws s3api create-bucket --bucket "${artifact_bucket}" \
      --create-bucket-configuration "LocationConstraint=${region}" >/dev/null
  fi
  aws s3api put-public-access-block --bucket "${artifact_bucket}" --expected-bucket-owner "${account}" \
    --public-access-block-configuration \
    BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
  aws s3api put-bucket-encryption --bucket "${artifact_bucket}" --expected-bucket-owner "${account}" \
    --server-side-encryption-configuration \
    '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"},"BucketKeyEnabled":true}]}'
  aws s3api put-bucket-versioning --bucket "${artifact_bucket}" --expected-bucket-owner "${account}" \
    --versioning-configuration Status=Enabled
  local arn="arn:${partition}:s3:::${artifact_bucket}"
  aws s3api put-bucket-policy --bucket "${artifact_bucket}" --expected-bucket-owner "${account}" --policy \
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyInsecureTransport\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"${arn}\",\"${arn}/*\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}"
}

artifact_bucket_state="$(bucket_state "${artifact_bucket}")"
case "${artifact_bucket_state}" in
  owned) ;;
  missing) create_artifact_bucket ;;
  foreign) refuse_foreign_bucket "${artifact_bucket}" "artifact bucket" ;;
esac

# The first 16 hex digits of a file's SHA-256 (sha256sum on Linux, shasum on macOS).
digest() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -c1-16
  else
    shasum -a 256 "$1" | cut -c1-16
  fi
}

# Content-addressed keys: an unchanged jar keeps its key (no redeploy), a changed one gets a new key,
# which is what makes CloudFormation update the Lambda code and the job.
upload() {
  local file="$1" name="$2" extension="$3" key
  key="artifacts/${stack_name}/${name}-$(digest "${file}").${extension}"
  if ! aws s3api head-object --bucket "${artifact_bucket}" --key "${key}" \
      --expected-bucket-owner "${account}" >/dev/null 2>&1; then
    echo "Uploading $(basename "${file}") -> s3://${artifact_bucket}/${key}" >&2
    aws s3api put-object --bucket "${artifact_bucket}" --key "${key}" --body "${file}" \
      --expected-bucket-owner "${account}" >/dev/null
  fi
  printf '%s' "${key}"
}
extractor_key="$(upload "${extractor_jar}" extractor jar)"
glue_jobs_key="$(upload "${glue_jobs_jar}" glue-jobs jar)"
glue_script_key="$(upload "${glue_script}" glue-placeholder scala)"

# ---------------------------------------------------------------- crawler logs

# Crawlers can only log to Glue's account-wide /aws-glue/crawlers, which the stack does not own (other
# stacks' crawlers share it, and an existing group would fail the creation). Give it a retention when it has
# none; one someone chose is left alone.
log_retention_days=30  # the template's LogRetentionDays default
for parameter in ${extra_parameters[@]+"${extra_parameters[@]}"}; do
  case "${parameter}" in
    LogRetentionDays=*) log_retention_days="${parameter#*=}" ;;
  esac
done
crawler_log_group="/aws-glue/crawlers"
if ! crawler_log="$(aws logs describe-log-groups --log-group-name-prefix "${crawler_log_group}" \
    --query "logGroups[?logGroupName=='${crawler_log_group}'].[logGroupName,retentionInDays]" --output text)"; then
  echo "Warning: could not read ${crawler_log_group}; its retention is left as it is" >&2
  crawler_log="unreadable"
fi
if [[ -z "${crawler_log}" ]]; then
  aws logs create-log-group --log-group-name "${crawler_log_group}" \
    || echo "Warning: could not create ${crawler_log_group}; crawlers will, without a retention" >&2
fi
if [[ -z "${crawler_log}" || "${crawler_log}" == *None ]]; then
  echo "Setting a ${log_retention_days}-day retention on ${crawler_log_group} (it had none)"
  aws logs put-retention-policy --log-group-name "${crawler_log_group}" \
    --retention-in-days "${log_retention_days}" \
    || echo "Warning: could not set the retention of ${crawler_log_group}" >&2
fi

# ---------------------------------------------------------------- deploy

parameters=(
  "ArtifactBucket=${artifact_bucket}"
  "ExtractorJarKey=${extractor_key}"
  "GlueJobsJarKey=${glue_jobs_key}"
  "GlueScriptKey=${glue_script_key}"
)
[[ -z "${playlist_ids}" ]] || parameters+=("PlaylistIds=${playlist_ids}")
[[ -z "${alert_email}" ]] || parameters+=("AlertEmail=${alert_email}")
[[ -z "${lake_bucket}" ]] || parameters+=("LakeBucketName=${lake_bucket}")
parameters+=(${extra_parameters[@]+"${extra_parameters[@]}"})

# The template is larger than CloudFormation takes inline, so the CLI uploads it to the artifact bucket
# (whose owner was checked above; this command has no expected-owner option).
echo "Deploying stack ${stack_name} ..."
aws cloudformation deploy \
  --stack-name "${stack_name}" \
  --template-file "${template}" \
  --s3-bucket "${artifact_bucket}" \
  --s3-prefix "templates/${stack_name}" \
  --capabilities CAPABILITY_IAM \
  --no-fail-on-empty-changeset \
  --parameter-overrides ${parameters[@]+"${parameters[@]}"}

aws cloudformation describe-stacks --stack-name "${stack_name}" \
  --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]' --output table

if [[ -n "${alert_email}" ]]; then
  echo
  echo "Alerts go to ${alert_email} once the subscription is confirmed (AWS sent a mail to that address)."
fi
if [[ "${stack_exists}" == false ]]; then
  cat <<EOF

Next (once): store the Spotify credentials in the stack's secret, see cloudformation/README.md:
  aws secretsmanager put-secret-value --secret-id <SpotifySecretArn above> --secret-string file://spotify-secret.json
EOF
fi
