# shellcheck shell=bash
# Sourced by deploy.sh and teardown.sh (not run on its own): resolves where the stack lives and holds what
# both scripts ask of AWS. Needs the caller's die(); reads and sets the caller's region, account, partition
# and artifact_bucket.
# Runs on macOS's bash 3.2 and BSD tools as on Linux: no mapfile, no associative arrays, no GNU-only
# options, and "${array[@]}" only guarded when the array may be empty (DeployScriptsTest scans for these).

# The CLI v2 pipes long output through a pager, which would stop an unattended script waiting for a key.
export AWS_PAGER=""

# The AWS CLI, the region (--region, else AWS_REGION or AWS_DEFAULT_REGION, else the CLI profile's),
# the account of the current credentials, and the artifact bucket (default: one per account and region).
resolve_aws_context() {
  command -v aws >/dev/null || die "the AWS CLI (aws) is not installed"
  if [[ -z "${region}" ]]; then
    region="$(aws configure get region || true)"
  fi
  [[ -n "${region}" ]] || die "no region: pass --region or set AWS_REGION"
  export AWS_REGION="${region}"
  account="$(aws sts get-caller-identity --query Account --output text)" \
    || die "no usable AWS credentials (aws sts get-caller-identity failed)"
  # shellcheck disable=SC2034 # read by the scripts that source this file (ARNs in bucket policies)
  case "${region}" in
    cn-*) partition="aws-cn" ;;
    us-gov-*) partition="aws-us-gov" ;;
    *) partition="aws" ;;
  esac
  artifact_bucket="${artifact_bucket:-spotify-lakehouse-artifacts-${account}-${region}}"
}

# The stack's status (CREATE_COMPLETE, ROLLBACK_COMPLETE, ...), or nothing when there is no such stack.
stack_status() {
  local out
  if out="$(aws cloudformation describe-stacks --stack-name "$1" --query 'Stacks[0].StackStatus' \
      --output text 2>&1)"; then
    printf '%s' "${out}"
  elif [[ "${out}" == *"does not exist"* ]]; then
    return 0
  else
    die "cannot read stack $1: ${out}"
  fi
}

# Whether a bucket belongs to this account: prints owned, missing or foreign. S3 answers a HeadBucket whose
# expected owner is not the bucket's owner with 403, so a bucket name taken by another account (bucket names
# are global) is never written to.
bucket_state() {
  local bucket="$1" out
  if out="$(aws s3api head-bucket --bucket "${bucket}" --expected-bucket-owner "${account}" 2>&1)"; then
    echo owned
  elif [[ "${out}" == *"(404)"* || "${out}" == *"Not Found"* || "${out}" == *NoSuchBucket* ]]; then
    echo missing
  elif [[ "${out}" == *"(403)"* || "${out}" == *Forbidden* || "${out}" == *AccessDenied* ]]; then
    echo foreign
  else
    die "cannot check s3://${bucket}: ${out}"
  fi
}

# Refuses a bucket that exists but is not this account's, naming it.
refuse_foreign_bucket() {
  local bucket="$1" what="$2"
  die "the ${what} s3://${bucket} exists but does not belong to account ${account} (S3 answered 403 to a" \
    "HeadBucket with --expected-bucket-owner ${account}; or your credentials may not read it). Nothing was" \
    "written to it. Choose another bucket with --artifact-bucket NAME."
}

# Deletes every version and delete marker under a prefix of a versioned bucket (aws s3 rm would only add
# delete markers), 1,000 at a time. The CLI's --query builds each DeleteObjects request, so no jq is needed.
purge_versions() {
  local bucket="$1" prefix="$2" kind batch errors
  for kind in Versions DeleteMarkers; do
    while :; do
      batch="$(aws s3api list-object-versions --bucket "${bucket}" --prefix "${prefix}" \
        --expected-bucket-owner "${account}" --max-items 1000 \
        --query "{Objects: ${kind}[].{Key: Key, VersionId: VersionId}, Quiet: \`true\`}" --output json)"
      case "${batch}" in
        *'"Objects": null'* | *'"Objects": []'*) break ;;
      esac
      errors="$(aws s3api delete-objects --bucket "${bucket}" --expected-bucket-owner "${account}" \
        --delete "${batch}" --query 'Errors[0].Message' --output text)"
      [[ "${errors}" == None || -z "${errors}" ]] \
        || die "could not delete some versions under s3://${bucket}/${prefix}: ${errors}"
    done
  done
}
