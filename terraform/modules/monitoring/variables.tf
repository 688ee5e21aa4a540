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

variable "table_names" {
  description = "DynamoDB table names charted on the dashboard."
  type        = list(string)
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

variable "tags" {
  description = "Tags applied to the topic and alarms."
  type        = map(string)
  default     = {}
}
