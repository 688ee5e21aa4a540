terraform {
  required_version = ">= 1.5.0"

  # Partial configuration: bucket, key, region, dynamodb_table and encrypt come from the
  # environment's backend.hcl (terraform init -backend-config="environments/${ENV}/backend.hcl").
  backend "s3" {}

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}
