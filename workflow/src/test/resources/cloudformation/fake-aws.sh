#!/usr/bin/env bash
# A stand-in for the AWS CLI, for DeployScriptsTest: records each call (and the pager setting it saw) and
# answers like the CLI would, from state files in $FAKE_AWS_STATE:
#   stack-status          the stack's status; absent: the stack does not exist
#   artifact-bucket       the artifact bucket exists and is the account's
#   foreign-bucket        the artifact bucket exists and belongs to another account (HeadBucket: 403)
#   unreserved            the account's unreserved Lambda concurrency (default 1000)
#   crawler-log           what describe-log-groups prints for /aws-glue/crawlers (default: nothing)
#   pending-versions      one version left in a bucket, listed once
state="${FAKE_AWS_STATE:?}"
echo "aws $*" >> "${state}/calls"
echo "${AWS_PAGER-unset}" >> "${state}/pagers"

case "$*" in
  'sts get-caller-identity'*) echo 123456789012 ;;
  'configure get region') exit 1 ;;
  'cloudformation describe-stacks --stack-name spotify-lakehouse --query Stacks[0].StackStatus'*)
    if [[ -f "${state}/stack-status" ]]; then
      cat "${state}/stack-status"
    else
      echo "An error occurred (ValidationError) when calling the DescribeStacks operation: Stack with id spotify-lakehouse does not exist" >&2
      exit 254
    fi ;;
  *"OutputKey=='LakeBucketName'"*) echo lake-bucket-abc ;;
  'cloudformation describe-stack-events'*)
    printf 'ExtractorFunction\tResource handler returned message: "Specified ReservedConcurrentExecutions for function decreases account'"'"'s UnreservedConcurrentExecution below its minimum value of [10]."\n' ;;
  'cloudformation deploy'*) echo CREATE_COMPLETE > "${state}/stack-status" ;;
  'cloudformation delete-stack'*) rm -f "${state}/stack-status" ;;
  'lambda get-account-settings'*) cat "${state}/unreserved" 2>/dev/null || echo 1000 ;;
  'logs describe-log-groups'*) cat "${state}/crawler-log" 2>/dev/null || true ;;
  's3api head-bucket --bucket lake-bucket-abc'*) ;;
  's3api head-bucket'*)
    if [[ -f "${state}/foreign-bucket" ]]; then
      echo "An error occurred (403) when calling the HeadBucket operation: Forbidden" >&2
      exit 254
    elif [[ ! -f "${state}/artifact-bucket" ]]; then
      echo "An error occurred (404) when calling the HeadBucket operation: Not Found" >&2
      exit 254
    fi ;;
  's3api create-bucket'*) touch "${state}/artifact-bucket" ;;
  's3api head-object'*) exit 254 ;;
  's3api list-object-versions'*)
    case "$*" in
      *'length('*) echo 0 ;;
      *'Versions[]'*)
        if [[ -f "${state}/pending-versions" ]]; then
          rm -f "${state}/pending-versions"
          printf '{\n    "Objects": [\n        {\n            "Key": "raw_data/processed/a.json",\n            "VersionId": "v1"\n        }\n    ],\n    "Quiet": true\n}\n'
        else
          printf '{\n    "Objects": null,\n    "Quiet": true\n}\n'
        fi ;;
      *) printf '{\n    "Objects": null,\n    "Quiet": true\n}\n' ;;
    esac ;;
  's3api delete-objects'*) echo None ;;
esac
exit 0
