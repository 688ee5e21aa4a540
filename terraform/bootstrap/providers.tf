# offline_plan is set to true only by the CI plan test (fake credentials, no AWS account).
provider "aws" {
  region = var.aws_region

  skip_credentials_validation = var.offline_plan
  skip_metadata_api_check     = var.offline_plan
  skip_requesting_account_id  = var.offline_plan
  skip_region_validation      = var.offline_plan

  default_tags {
    tags = merge(var.tags, {
      Service   = "insight-category-gateway"
      ManagedBy = "terraform"
      Scope     = "account"
    })
  }
}
