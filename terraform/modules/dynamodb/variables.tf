variable "environment" {
  description = "Environment name (dev, staging, prod); prefixes the table names."
  type        = string
}

variable "kms_key_arn" {
  description = "ARN of the customer-managed KMS key used for server-side encryption of both tables."
  type        = string
}

variable "enable_pitr" {
  description = "Whether point-in-time recovery is enabled on both tables."
  type        = bool
}

variable "deletion_protection_enabled" {
  description = "Whether DynamoDB deletion protection is enabled on both tables."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags applied to the tables."
  type        = map(string)
  default     = {}
}
