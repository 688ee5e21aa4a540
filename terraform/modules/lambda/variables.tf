variable "environment" {
  description = "Environment name (dev, staging, prod); prefixes the function, role and log group names."
  type        = string
}

variable "runtime" {
  description = "\"custom\" (provided.al2023 with the artifact's bootstrap and bundled JVM) or a managed Java runtime (\"java21\", \"java25\")."
  type        = string

  validation {
    condition     = contains(["custom", "java21", "java25"], var.runtime)
    error_message = "runtime must be custom, java21 or java25."
  }
}

variable "artifact_path" {
  description = "Path of the deployment artifact (the custom-runtime zip or the shaded jar), relative to the working directory of the terraform run or absolute."
  type        = string
}

variable "artifact_bucket" {
  description = "Versioned S3 bucket the artifact is uploaded to and the function's code is read from."
  type        = string
}

variable "handler" {
  description = "Handler of the function. Managed runtimes call it; the custom runtime's bootstrap receives it as _HANDLER and passes it to the runtime interface client."
  type        = string
  default     = "com.awsinsight.categories.LambdaHandler::handleRequest"
}

variable "architecture" {
  description = "Instruction set of the function (\"x86_64\" or \"arm64\"; the custom runtime needs x86_64)."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture must be arm64 or x86_64."
  }
}

variable "memory_size" {
  description = "Memory of the function in MB (CPU share grows with it: one vCPU at 1769 MB)."
  type        = number
}

variable "timeout" {
  description = "Function timeout in seconds."
  type        = number
  default     = 30
}

variable "reserved_concurrency" {
  description = "Reserved concurrency of the function (null: unreserved)."
  type        = number
  default     = null
}

variable "provisioned_concurrency" {
  description = "Provisioned concurrency on the alias; 0 disables it."
  type        = number
  default     = 0
}

variable "snap_start" {
  description = "SnapStart on published versions (managed Java runtimes only, never with provisioned concurrency)."
  type        = bool
  default     = false
}

variable "alias_name" {
  description = "Name of the alias API Gateway invokes."
  type        = string
  default     = "live"
}

variable "environment_variables" {
  description = "Environment variables of the function (TABLE_NAME, USER_POOL_ID, ...)."
  type        = map(string)
}

variable "subnet_ids" {
  description = "Private subnets the function runs in (its network interfaces are confined to them)."
  type        = list(string)
}

variable "security_group_ids" {
  description = "Security groups of the function."
  type        = list(string)
}

variable "categories_table_arn" {
  description = "ARN of the categories table (its indexes are included)."
  type        = string
}

variable "templates_table_arn" {
  description = "ARN of the templates table (its indexes are included)."
  type        = string
}

variable "kms_key_arn" {
  description = "ARN of the stack's customer-managed key (encrypts the function's log group)."
  type        = string
}

variable "table_kms_key_arn" {
  description = "ARN of the KMS key encrypting the tables (the function uses it through DynamoDB only)."
  type        = string
}

variable "log_retention_in_days" {
  description = "Retention of the function's log group."
  type        = number
  default     = 30
}

variable "partition" {
  description = "AWS partition (for ARNs)."
  type        = string
  default     = "aws"
}

variable "region" {
  description = "AWS region (for the network interface ARNs and kms:ViaService)."
  type        = string
}

variable "account_id" {
  description = "AWS account id (for the network interface ARNs)."
  type        = string
}

variable "tags" {
  description = "Tags applied to every resource of the module."
  type        = map(string)
  default     = {}
}

variable "xray_tracing" {
  description = "X-Ray tracing: Active tracing on the function, the ENABLE_XRAY variable the root module sets, and the role's xray:PutTraceSegments/PutTelemetryRecords. False: PassThrough, and no X-Ray grant."
  type        = bool
  default     = true
}

variable "operator_session_hours" {
  description = "Longest session of the operator role in hours (1-12): a `migrate` of a large table runs for hours, and resumes with --state when a session ends."
  type        = number
  default     = 12

  validation {
    condition     = var.operator_session_hours >= 1 && var.operator_session_hours <= 12 && floor(var.operator_session_hours) == var.operator_session_hours
    error_message = "operator_session_hours must be a whole number of hours between 1 and 12 (IAM's limits for a role session)."
  }
}
