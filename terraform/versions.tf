terraform {
  # >= 1.10: S3-native state locking (use_lockfile); validations that read other variables need >= 1.9,
  # for_each on import blocks >= 1.7.
  required_version = ">= 1.10.0"

  # Partial configuration: bucket, key, region, encrypt and use_lockfile come from the environment's
  # backend.hcl (terraform init -backend-config="environments/${ENV}/backend.hcl"). The bucket is created
  # once per account by bootstrap/.
  backend "s3" {}

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}
