#!/usr/bin/env bash
# Deletes the spotify-lakehouse stack and, when asked explicitly, the lake's data and the uploaded
# artifacts. See cloudformation/README.md. Runs on macOS's bash 3.2 and BSD tools as on Linux.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: cloudformation/teardown.sh [options]

Deletes the CloudFormation stack. The lake bucket is kept (DeletionPolicy: RetainExceptOnCreate): the raw
responses cannot be fetched again for past days, and a later deployment can take it back (see "Reattaching a
kept lake" in cloudformation/README.md). With --delete-data it is emptied, every version included, and
deleted too.

Options:
  --stack-name NAME        stack name (default: spotify-lakehouse)
  --region REGION          AWS region (default: AWS_REGION, AWS_DEFAULT_REGION or the CLI profile's)
  --delete-data            also empty and delete the lake bucket (every raw file, table, query result and
                           every earlier version of them)
  --yes                    do not ask before --delete-data (for scripts)
  --delete-artifacts       also delete this stack's jars and templates from the artifact bucket
  --artifact-bucket NAME   the artifact bucket (default: spotify-lakehouse-artifacts-<account>-<region>)
  --help                   this text
EOF
}

die() { echo "teardown.sh: $*" >&2; exit 1; }

stack_name="spotify-lakehouse"
region="${AWS_REGION:-${AWS_DEFAULT_REGION:-}}"
delete_data=false
assume_yes=false
delete_artifacts=false
artifact_bucket=""

while (($# > 0)); do
  case "$1" in
    --stack-name) stack_name="${2:?--stack-name needs a value}"; shift 2 ;;
    --region) region="${2:?--region needs a value}"; shift 2 ;;
    --delete-data) delete_data=true; shift ;;
    --yes) assume_yes=true; shift ;;
    --delete-artifacts) delete_artifacts=true; shift ;;
    --artifact-bucket) artifact_bucket="${2:?--artifact-bucket needs a value}"; shift 2 ;;
    --help|-h) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" ;;
  esac
done

# shellcheck source=aws-context.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/aws-context.sh"
resolve_aws_context

lake_bucket=""
status="$(stack_status "${stack_name}")"
if [[ -n "${status}" ]]; then
  lake_bucket="$(aws cloudformation describe-stacks --stack-name "${stack_name}" \
    --query "Stacks[0].Outputs[?OutputKey=='LakeBucketName'].OutputValue" --output text)"
  [[ "${lake_bucket}" != None ]] || lake_bucket=""

  if [[ "${delete_data}" == true && -n "${lake_bucket}" && "${assume_yes}" == false ]]; then
    [[ -t 0 ]] || die "--delete-data without --yes needs a terminal to confirm"
    read -r -p "Delete every object and every version in s3://${lake_bucket} and the bucket? Type the bucket name: " answer
    [[ "${answer}" == "${lake_bucket}" ]] || die "not confirmed; nothing deleted"
  fi

  echo "Deleting stack ${stack_name} (${status}) in ${region} ..."
  aws cloudformation delete-stack --stack-name "${stack_name}"
  aws cloudformation wait stack-delete-complete --stack-name "${stack_name}"
  echo "Stack ${stack_name} deleted."
else
  echo "Stack ${stack_name} does not exist in ${region}."
  if [[ "${delete_data}" == true ]]; then
    die "cannot find the lake bucket without the stack; empty it (every version) and delete it in the S3" \
      "console, or see cloudformation/README.md (Clean-up)"
  fi
fi

if [[ "${delete_data}" == true && -n "${lake_bucket}" ]]; then
  # the name came from the stack's output, but a bucket deleted by hand may have been taken since
  lake_state="$(bucket_state "${lake_bucket}")"
  case "${lake_state}" in
    owned)
      echo "Emptying and deleting s3://${lake_bucket} (the bucket is versioned: every version goes) ..."
      purge_versions "${lake_bucket}" ""
      aws s3api delete-bucket --bucket "${lake_bucket}" --expected-bucket-owner "${account}"
      echo "Lake bucket deleted." ;;
    missing) echo "The lake bucket s3://${lake_bucket} is already gone." ;;
    foreign) die "s3://${lake_bucket} no longer belongs to account ${account}; nothing deleted" ;;
  esac
elif [[ -n "${lake_bucket}" ]]; then
  echo "Kept the lake bucket s3://${lake_bucket} (pass --delete-data to delete it)."
  echo "To attach it to a later deployment, see \"Reattaching a kept lake\" in cloudformation/README.md."
fi

if [[ "${delete_artifacts}" == true ]]; then
  artifact_state="$(bucket_state "${artifact_bucket}")"
  case "${artifact_state}" in
    missing) ;;
    foreign) refuse_foreign_bucket "${artifact_bucket}" "artifact bucket" ;;
    owned)
      echo "Deleting this stack's artifacts from s3://${artifact_bucket} ..."
      purge_versions "${artifact_bucket}" "artifacts/${stack_name}/"
      purge_versions "${artifact_bucket}" "templates/${stack_name}/"
      # other stacks of the account and region may share the bucket: delete it only once nothing is left
      remaining="$(aws s3api list-object-versions --bucket "${artifact_bucket}" \
        --expected-bucket-owner "${account}" --max-items 1 \
        --query 'length([Versions, DeleteMarkers][][])' --output text)"
      if [[ "${remaining}" == 0 ]]; then
        aws s3api delete-bucket --bucket "${artifact_bucket}" --expected-bucket-owner "${account}"
        echo "Artifact bucket deleted (it was empty)."
      fi ;;
  esac
fi
