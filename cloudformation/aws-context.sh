# shellcheck shell=bash
# Sourced by deploy.sh and teardown.sh (not run on its own): resolves where the stack lives.
# Needs the caller's die(); reads and sets the caller's region, account and artifact_bucket.

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
  artifact_bucket="${artifact_bucket:-spotify-lakehouse-artifacts-${account}-${region}}"
}
