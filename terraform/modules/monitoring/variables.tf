variable "environment" {
  description = "Environment name (dev, staging, prod); prefixes alarm, topic and dashboard names."
  type        = string
}

variable "region" {
  description = "AWS region shown by the dashboard widgets."
  type        = string
}

variable "function_name" {
  description = "Name of the gateway function to alarm on and chart."
  type        = string
}

variable "api_name" {
  description = "Name of the REST API (ApiName dimension)."
  type        = string
}

variable "api_stage_name" {
  description = "Name of the API stage (Stage dimension)."
  type        = string
}

variable "function_alias" {
  description = "Alias API Gateway invokes (provisioned concurrency lives on it: the Resource dimension \"<function>:<alias>\")."
  type        = string
}

variable "reserved_concurrency" {
  description = "Reserved concurrency of the function (null: unreserved, and no near-limit alarm)."
  type        = number
  default     = null
}

variable "provisioned_concurrency" {
  description = "Provisioned concurrency on the alias (0: none, and no spillover alarm)."
  type        = number
  default     = 0
}

variable "tables" {
  description = "DynamoDB tables to alarm on and chart, by a short name used in alarm names (e.g. categories = \"dev-insight-categories\"); their indexes are included."
  type        = map(string)
}

variable "alarm_email" {
  description = "Email address subscribed to the alarm topic."
  type        = string
}

variable "kms_key_arn" {
  description = "ARN of the customer-managed key encrypting the SNS topic."
  type        = string
}

variable "lambda_error_threshold" {
  description = "Lambda Errors (sum per 5 minutes, two periods in a row) above which the alarm fires."
  type        = number
  default     = 10
}

variable "lambda_throttle_threshold" {
  description = "Lambda Throttles (sum per 5 minutes) above which the alarm fires."
  type        = number
  default     = 0
}

variable "lambda_p99_duration_threshold_ms" {
  description = "Lambda p99 Duration in milliseconds above which the alarm fires (three 5-minute periods)."
  type        = number
  default     = 5000
}

variable "api_5xx_threshold" {
  description = "API Gateway 5XXError (sum per 5 minutes, two periods in a row) above which the alarm fires."
  type        = number
  default     = 20
}

variable "api_p99_latency_threshold_ms" {
  description = "API Gateway p99 Latency in milliseconds above which the alarm fires (three 5-minute periods)."
  type        = number
  default     = 6000
}

variable "lambda_spillover_threshold" {
  description = "ProvisionedConcurrencySpilloverInvocations on the alias (sum per 5 minutes, two periods in a row) above which the alarm fires: requests that found every provisioned environment busy and started cold. Only with provisioned concurrency."
  type        = number
  default     = 0
}

variable "lambda_concurrency_threshold_percent" {
  description = "Maximum ConcurrentExecutions of the function, in percent of its reserved concurrency, above which the alarm fires (one 5-minute period): the warning before requests are throttled. Only with reserved concurrency."
  type        = number
  default     = 80

  validation {
    condition     = var.lambda_concurrency_threshold_percent > 0 && var.lambda_concurrency_threshold_percent < 100
    error_message = "lambda_concurrency_threshold_percent must be above 0 and below 100 (at 100 the Throttles alarm already fires)."
  }
}

variable "api_4xx_rate_threshold_percent" {
  description = "API Gateway 4XXError in percent of requests (Count) above which the alarm fires, three 5-minute periods in a row."
  type        = number
  default     = 10

  validation {
    condition     = var.api_4xx_rate_threshold_percent > 0 && var.api_4xx_rate_threshold_percent < 100
    error_message = "api_4xx_rate_threshold_percent must be above 0 and below 100."
  }
}

variable "api_4xx_min_requests" {
  description = "Requests per 5 minutes below which the 4XX rate counts as 0 (a few expired tokens at night are not a failing client population)."
  type        = number
  default     = 100

  validation {
    condition     = var.api_4xx_min_requests >= 1
    error_message = "api_4xx_min_requests must be at least 1."
  }
}

variable "dynamodb_throttle_threshold" {
  description = "DynamoDB throttling per table (sum per 5 minutes) above which the alarms fire: ThrottledRequests over every operation, and ReadThrottleEvents and WriteThrottleEvents of the table and over its indexes. 0: any throttling (the tables are on demand, so throttling means a hot key or an account limit, which the SDK's retries only hide for a while)."
  type        = number
  default     = 0
}

variable "dynamodb_system_errors_threshold" {
  description = "DynamoDB SystemErrors per table (sum over every operation per 5 minutes) above which the alarm fires."
  type        = number
  default     = 0
}

variable "tags" {
  description = "Tags applied to the topic and alarms."
  type        = map(string)
  default     = {}
}
