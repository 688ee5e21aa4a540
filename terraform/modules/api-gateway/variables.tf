variable "environment" {
  description = "Environment name (dev, staging, prod); names the API and the stage."
  type        = string
}

variable "function" {
  description = "The gateway function behind every route: the invoke ARN of its live alias, its name and the alias (qualifier) API Gateway may invoke."
  type = object({
    invoke_arn    = string
    function_name = string
    qualifier     = string
  })
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
  description = "Retention of the access and execution log groups."
  type        = number
  default     = 30
}

variable "kms_key_arn" {
  description = "ARN of the customer-managed key encrypting the access and execution log groups."
  type        = string
}

variable "domain_name" {
  description = "Custom domain of the API (null: none). With it, a regional domain with security policy TLS_1_2 is mapped to the stage and the execute-api endpoint is disabled."
  type        = string
  default     = null
}

variable "certificate_arn" {
  description = "ARN of the ACM certificate of domain_name, in the API's region. Required with domain_name."
  type        = string
  default     = null

  validation {
    condition     = (var.certificate_arn == null) == (var.domain_name == null)
    error_message = "domain_name and certificate_arn go together."
  }
}

variable "base_path" {
  description = "Base path of the stage on domain_name (\"\" maps it at the root)."
  type        = string
  default     = ""
}

variable "tags" {
  description = "Tags applied to the API, stage, log groups and custom domain."
  type        = map(string)
  default     = {}
}
