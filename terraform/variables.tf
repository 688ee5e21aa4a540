variable "environment" {
  description = "Environment name: dev, staging or prod."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "aws_region" {
  description = "AWS region of the stack."
  type        = string
  default     = "us-east-1"
}

variable "availability_zones" {
  description = "Two availability zones for the subnets, index-aligned with the subnet CIDR lists."
  type        = list(string)
  default     = ["us-east-1a", "us-east-1b"]
}

variable "offline_plan" {
  description = "Test-only switch for an offline plan (fake credentials): skips credential, metadata, account and region checks and uses offline_account_id. Never set it for a real deployment."
  type        = bool
  default     = false
}

variable "offline_account_id" {
  description = "Account id used in ARNs and policies when offline_plan is true."
  type        = string
  default     = "123456789012"
}

variable "lambda_jar_path" {
  description = "Path of the shaded jar built by `mvn -B package -DskipTests`, relative to terraform/ (the directory terraform runs in)."
  type        = string
  default     = "../target/category-gateway.jar"
}

variable "lambda_architecture" {
  description = "Instruction set of the functions (arm64 or x86_64)."
  type        = string
  default     = "arm64"
}

variable "lambda_memory_size" {
  description = "Memory (MB) of category-list, template-list and category-graphql; category-crud gets at least 512."
  type        = number
}

variable "lambda_timeout" {
  description = "Timeout of every function in seconds."
  type        = number
  default     = 30
}

variable "lambda_log_retention" {
  description = "Retention in days of the Lambda and API Gateway log groups."
  type        = number
  default     = 30
}

variable "lambda_reserved_concurrency" {
  description = "Reserved concurrency per function key (category-list, category-crud, template-list, category-graphql)."
  type        = map(number)
  default = {
    "category-list"    = 100
    "category-crud"    = 50
    "template-list"    = 20
    "category-graphql" = 100
  }
}

variable "provisioned_concurrency" {
  description = "Provisioned concurrency of each function's live alias; 0 means none, and SnapStart is used instead."
  type        = number
}

variable "enable_snap_start" {
  description = "Use SnapStart when provisioned_concurrency is 0 (the two cannot be combined on one version)."
  type        = bool
  default     = true
}

variable "enable_pitr" {
  description = "Point-in-time recovery on both DynamoDB tables."
  type        = bool
}

variable "deletion_protection" {
  description = "Deletion protection on the DynamoDB tables and the Cognito user pool."
  type        = bool
  default     = false
}

variable "api_throttle_rate_limit" {
  description = "Stage-wide API Gateway rate limit (requests per second) for every method."
  type        = number
}

variable "api_throttle_burst_limit" {
  description = "Stage-wide API Gateway burst limit for every method."
  type        = number
}

variable "api_execution_logging_level" {
  description = "API Gateway execution logging level (OFF, ERROR, INFO)."
  type        = string
  default     = "ERROR"
}

variable "manage_api_gateway_account_role" {
  description = "Create the account-level API Gateway CloudWatch Logs role (one per account and region)."
  type        = bool
  default     = true
}

variable "log_level" {
  description = "LOG_LEVEL of the functions (DEBUG, INFO, WARN, ERROR)."
  type        = string
}

variable "alarm_email" {
  description = "Email subscribed to the alarm topic."
  type        = string
}

variable "cors_allowed_origins" {
  description = "Origins allowed by CORS (CORS_ALLOWED_ORIGINS and the API's preflight responses)."
  type        = list(string)
}

variable "playground_enabled" {
  description = "Serve the GraphQL playground (PLAYGROUND_ENABLED and the /playground routes)."
  type        = bool
}

variable "introspection_enabled" {
  description = "Allow GraphQL introspection (INTROSPECTION_ENABLED)."
  type        = bool
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC."
  type        = string
  default     = "10.0.0.0/16"
}

variable "private_subnet_cidrs" {
  description = "CIDR blocks of the private subnets of the functions."
  type        = list(string)
  default     = ["10.0.1.0/24", "10.0.2.0/24"]
}

variable "public_subnet_cidrs" {
  description = "CIDR blocks of the public subnets of the NAT gateways."
  type        = list(string)
  default     = ["10.0.101.0/24", "10.0.102.0/24"]
}

variable "single_nat_gateway" {
  description = "One NAT gateway for both private subnets (true) or one per availability zone (false)."
  type        = bool
  default     = true
}

variable "enable_cloudfront" {
  description = "Put the optional CloudFront distribution in front of the API."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Extra tags applied to every resource (provider default_tags)."
  type        = map(string)
  default     = {}
}
