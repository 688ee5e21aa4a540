variable "environment" {
  description = "Environment name (dev, staging, prod); prefixes function, role and log group names."
  type        = string
}

variable "functions" {
  description = "Functions deployed from the one jar, keyed by their name suffix (\"category-list\" gives \"<env>-insight-category-list\")."
  type = map(object({
    description                    = string
    memory_size                    = number
    reserved_concurrent_executions = number
  }))
}

variable "jar_path" {
  description = "Path of the shaded jar (target/category-gateway.jar), relative to the working directory of the terraform run."
  type        = string
}

variable "handler" {
  description = "Handler of every function (one handler class serves every route)."
  type        = string
  default     = "com.awsinsight.categories.edge.LambdaHandler::handleRequest"
}

variable "architecture" {
  description = "Instruction set of the functions (\"arm64\" or \"x86_64\")."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture must be arm64 or x86_64."
  }
}

variable "timeout" {
  description = "Function timeout in seconds."
  type        = number
  default     = 30
}

variable "provisioned_concurrency" {
  description = "Provisioned concurrency per function alias; 0 disables it (and allows SnapStart)."
  type        = number
  default     = 0
}

variable "enable_snap_start" {
  description = "Enable SnapStart on published versions when provisioned_concurrency is 0 (ignored otherwise)."
  type        = bool
  default     = true
}

variable "alias_name" {
  description = "Name of the alias API Gateway invokes."
  type        = string
  default     = "live"
}

variable "environment_variables" {
  description = "Environment variables shared by every function (TABLE_NAME, USER_POOL_ID, ...)."
  type        = map(string)
}

variable "subnet_ids" {
  description = "Private subnets the functions run in."
  type        = list(string)
}

variable "security_group_ids" {
  description = "Security groups of the functions."
  type        = list(string)
}

variable "dynamodb_table_arns" {
  description = "ARNs of the DynamoDB tables the functions read and write (their indexes are included)."
  type        = list(string)
}

variable "kms_key_arn" {
  description = "ARN of the customer-managed key (table encryption, log group encryption)."
  type        = string
}

variable "log_retention_in_days" {
  description = "Retention of the functions' log groups."
  type        = number
  default     = 30
}

variable "partition" {
  description = "AWS partition (for the managed policy ARN)."
  type        = string
  default     = "aws"
}

variable "tags" {
  description = "Tags applied to every resource of the module."
  type        = map(string)
  default     = {}
}
