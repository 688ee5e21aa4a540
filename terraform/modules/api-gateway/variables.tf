variable "environment" {
  description = "Environment name (dev, staging, prod); names the API and the stage."
  type        = string
}

variable "functions" {
  description = "Functions behind the routes, keyed category-list, category-crud, template-list and category-graphql: the alias invoke ARN, the function name and the alias (qualifier) API Gateway may invoke."
  type = map(object({
    invoke_arn    = string
    function_name = string
    qualifier     = string
  }))

  validation {
    condition     = alltrue([for key in ["category-list", "category-crud", "template-list", "category-graphql"] : contains(keys(var.functions), key)])
    error_message = "functions must contain category-list, category-crud, template-list and category-graphql."
  }
}

variable "lambda_alias_name" {
  description = "Alias the integrations invoke (exposed as the stage variable lambdaAlias)."
  type        = string
  default     = "live"
}

variable "cognito_user_pool_arn" {
  description = "ARN of the Cognito user pool of the authorizer."
  type        = string
}

variable "cors_allowed_origins" {
  description = "Origins allowed by CORS; the first one is the default Access-Control-Allow-Origin of preflight and gateway responses."
  type        = list(string)

  validation {
    condition     = length(var.cors_allowed_origins) > 0
    error_message = "At least one CORS origin is required."
  }
}

variable "enable_playground" {
  description = "Deploy the public /playground and /playground/{proxy+} routes."
  type        = bool
  default     = false
}

variable "throttle_rate_limit" {
  description = "Stage-wide steady-state request rate limit (requests per second) applied to every method."
  type        = number
}

variable "throttle_burst_limit" {
  description = "Stage-wide burst limit applied to every method."
  type        = number
}

variable "usage_plans" {
  description = "Usage plans (quota per period and throttling) attached to the stage, keyed by plan name."
  type = map(object({
    description  = string
    quota_limit  = number
    quota_period = string
    burst_limit  = number
    rate_limit   = number
  }))
  default = {
    standard = {
      description  = "Standard rate limiting for API consumers"
      quota_limit  = 10000
      quota_period = "DAY"
      burst_limit  = 100
      rate_limit   = 50
    }
    premium = {
      description  = "Premium rate limiting for high-volume consumers"
      quota_limit  = 100000
      quota_period = "DAY"
      burst_limit  = 500
      rate_limit   = 200
    }
  }
}

variable "execution_logging_level" {
  description = "Execution logging level of every method (OFF, ERROR or INFO)."
  type        = string
  default     = "ERROR"

  validation {
    condition     = contains(["OFF", "ERROR", "INFO"], var.execution_logging_level)
    error_message = "execution_logging_level must be OFF, ERROR or INFO."
  }
}

variable "log_retention_in_days" {
  description = "Retention of the access log group."
  type        = number
  default     = 30
}

variable "kms_key_arn" {
  description = "ARN of the customer-managed key encrypting the access log group."
  type        = string
}

variable "manage_account_cloudwatch_role" {
  description = "Create the account-level API Gateway CloudWatch role (one per account and region; turn off if another stack manages it)."
  type        = bool
  default     = true
}

variable "partition" {
  description = "AWS partition (for the managed policy ARN)."
  type        = string
  default     = "aws"
}

variable "tags" {
  description = "Tags applied to the API, stage, log group and usage plans."
  type        = map(string)
  default     = {}
}
