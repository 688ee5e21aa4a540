variable "alias" {
  description = "Alias of the key, without the \"alias/\" prefix (e.g. \"dev-insight-category\")."
  type        = string
}

variable "description" {
  description = "Description of the customer-managed key."
  type        = string
  default     = "Customer-managed key for the insight category gateway (DynamoDB SSE, logs, SNS)."
}

variable "account_id" {
  description = "AWS account id that owns the key (used for the key policy's root principal and conditions)."
  type        = string
}

variable "region" {
  description = "AWS region of the key (used in kms:ViaService and the logs service principal)."
  type        = string
}

variable "partition" {
  description = "AWS partition (\"aws\", \"aws-cn\", \"aws-us-gov\")."
  type        = string
  default     = "aws"
}

variable "key_user_arns" {
  description = "IAM principals (e.g. the Lambda execution role) allowed to use the key for Encrypt/Decrypt/GenerateDataKey/DescribeKey."
  type        = list(string)
  default     = []
}

variable "rotation_period_in_days" {
  description = "Automatic key rotation period in days (90-2560)."
  type        = number
  default     = 365
}

variable "deletion_window_in_days" {
  description = "Waiting period before the key is deleted after a destroy (7-30)."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags applied to the key."
  type        = map(string)
  default     = {}
}
