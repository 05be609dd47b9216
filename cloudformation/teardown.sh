#!/usr/bin/env bash
# Deletes the spotify-lakehouse stack and, when asked explicitly, the lake's data and the uploaded
# artifacts. See cloudformation/README.md.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: cloudformation/teardown.sh [options]

Deletes the CloudFormation stack. The lake bucket is kept (DeletionPolicy: Retain): the raw responses
cannot be fetched again for past days. With --delete-data it is emptied and deleted too.

Options:
  --stack-name NAME        stack name (default: spotify-lakehouse)
  --region REGION          AWS region (default: AWS_REGION, AWS_DEFAULT_REGION or the CLI profile's)
  --delete-data            also empty and delete the lake bucket (every raw file, table and query result)
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
if aws cloudformation describe-stacks --stack-name "${stack_name}" >/dev/null 2>&1; then
  lake_bucket="$(aws cloudformation describe-stacks --stack-name "${stack_name}" \
    --query "Stacks[0].Outputs[?OutputKey=='LakeBucketName'].OutputValue" --output text)"
  [[ "${lake_bucket}" != None ]] || lake_bucket=""

  if [[ "${delete_data}" == true && "${assume_yes}" == false ]]; then
    [[ -t 0 ]] || die "--delete-data without --yes needs a terminal to confirm"
    read -r -p "Delete every object in s3://${lake_bucket} and the bucket? Type the bucket name: " answer
    [[ "${answer}" == "${lake_bucket}" ]] || die "not confirmed; nothing deleted"
  fi

  echo "Deleting stack ${stack_name} in ${region} ..."
  aws cloudformation delete-stack --stack-name "${stack_name}"
  aws cloudformation wait stack-delete-complete --stack-name "${stack_name}"
  echo "Stack ${stack_name} deleted."
else
  echo "Stack ${stack_name} does not exist in ${region}."
  if [[ "${delete_data}" == true ]]; then
    die "cannot find the lake bucket without the stack; delete it with: aws s3 rb s3://BUCKET --force"
  fi
fi

if [[ "${delete_data}" == true && -n "${lake_bucket}" ]]; then
  echo "Emptying and deleting s3://${lake_bucket} ..."
  aws s3 rm "s3://${lake_bucket}" --recursive --only-show-errors
  aws s3api delete-bucket --bucket "${lake_bucket}"
  echo "Lake bucket deleted."
elif [[ -n "${lake_bucket}" ]]; then
  echo "Kept the lake bucket s3://${lake_bucket} (pass --delete-data to delete it)."
fi

if [[ "${delete_artifacts}" == true ]]; then
  if aws s3api head-bucket --bucket "${artifact_bucket}" >/dev/null 2>&1; then
    echo "Deleting this stack's artifacts from s3://${artifact_bucket} ..."
    aws s3 rm "s3://${artifact_bucket}/artifacts/${stack_name}/" --recursive --only-show-errors
    aws s3 rm "s3://${artifact_bucket}/templates/${stack_name}/" --recursive --only-show-errors
    remaining="$(aws s3api list-objects-v2 --bucket "${artifact_bucket}" --max-keys 1 --no-paginate \
      --query KeyCount --output text)"
    if [[ "${remaining}" == 0 ]]; then
      aws s3api delete-bucket --bucket "${artifact_bucket}"
      echo "Artifact bucket deleted (it was empty)."
    fi
  fi
fi
