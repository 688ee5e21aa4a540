terraform {
  required_version = ">= 1.10.0"

  # Local state: this module creates the bucket every other state lives in. Its state file holds no secret;
  # keep it next to the environments' states after the first apply (see docs/operations.md, "First deploy").

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}
