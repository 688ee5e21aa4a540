variable "aws_region" {
  description = "Region of the state bucket and of the account-level API Gateway setting (the environments' region)."
  type        = string
  default     = "us-east-1"
}

variable "state_bucket_name" {
  description = "Name of the S3 bucket holding every environment's Terraform state (the bucket of environments/*/backend.hcl)."
  type        = string
  default     = "insight-terraform-state"
}

variable "noncurrent_state_version_expiration_days" {
  description = "Days a replaced state version is kept (versioning is the undo of a bad apply)."
  type        = number
  default     = 90

  validation {
    condition     = var.noncurrent_state_version_expiration_days >= 30
    error_message = "Keep replaced state versions at least 30 days."
  }
}

variable "manage_api_gateway_account" {
  description = "Set the account-level API Gateway CloudWatch Logs role of aws_region (one per account and region; turn off if another stack of the account already owns it)."
  type        = bool
  default     = true
}

variable "offline_plan" {
  description = "Test-only switch for an offline plan (fake credentials). Never set it for a real deployment."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Extra tags applied to every resource (provider default_tags)."
  type        = map(string)
  default     = {}
}
