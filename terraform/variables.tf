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
  description = "Availability zones of the subnets, index-aligned with the subnet CIDR lists. Null (default) derives \"<aws_region>a\" and \"<aws_region>b\" without an API call; set it in regions or accounts where those two zones do not exist (e.g. us-west-1)."
  type        = list(string)
  default     = null

  validation {
    condition     = var.availability_zones == null || try(length(var.availability_zones) >= 2 && alltrue([for zone in var.availability_zones : startswith(zone, var.aws_region)]), false)
    error_message = "availability_zones must list at least two zones of aws_region (or be null to derive <aws_region>a and <aws_region>b)."
  }
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

# ---------------------------------------------------------------- Lambda: runtime and artifact

variable "lambda_runtime" {
  description = "How the gateway runs: \"custom\" (provided.al2023, x86_64, target/category-gateway-lambda.zip: bootstrap + jlinked Java 25 + jar + runtime interface client + AOT cache) or a managed Java runtime with the shaded jar (\"java21\" works with the pinned provider; \"java25\" needs a hashicorp/aws provider whose runtime list includes it, see terraform/README.md)."
  type        = string
  default     = "custom"

  validation {
    condition     = contains(["custom", "java21", "java25"], var.lambda_runtime)
    error_message = "lambda_runtime must be \"custom\", \"java21\" or \"java25\"."
  }
}

variable "lambda_artifact_path" {
  description = "Path of the deployment artifact, relative to terraform/ (or absolute). Null (default) uses the artifact the runtime needs: ../target/category-gateway-lambda.zip for \"custom\", ../target/category-gateway.jar for the managed runtimes (both built by `mvn -B package -DskipTests`)."
  type        = string
  default     = null

  validation {
    condition = var.lambda_artifact_path == null || (
      var.lambda_runtime == "custom"
      ? endswith(coalesce(var.lambda_artifact_path, "-"), ".zip")
      : can(regex("\\.(jar|zip)$", coalesce(var.lambda_artifact_path, "-")))
    )
    error_message = "lambda_artifact_path must be a .zip for lambda_runtime = \"custom\" (bootstrap, runtime and jar) and a .jar or .zip for a managed Java runtime."
  }
}

variable "lambda_architecture" {
  description = "Instruction set of the function. The custom runtime ships a jlinked x86_64 Linux JVM, so \"custom\" requires x86_64; the managed Java runtimes also run on arm64."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.lambda_architecture)
    error_message = "lambda_architecture must be x86_64 or arm64."
  }

  validation {
    condition     = var.lambda_runtime != "custom" || var.lambda_architecture == "x86_64"
    error_message = "lambda_runtime = \"custom\" ships an x86_64 Linux JVM: lambda_architecture must be x86_64."
  }
}

variable "lambda_snap_start" {
  description = "SnapStart (apply_on = PublishedVersions) with the handler's org.crac priming. Only for a managed Java runtime, and only without provisioned concurrency."
  type        = bool
  default     = false

  validation {
    condition     = !var.lambda_snap_start || var.lambda_runtime != "custom"
    error_message = "SnapStart does not exist for custom runtimes (provided.al2023): set lambda_snap_start = false, or lambda_runtime = \"java21\"/\"java25\"."
  }

  validation {
    condition     = !var.lambda_snap_start || var.provisioned_concurrency == 0
    error_message = "SnapStart cannot be combined with provisioned concurrency on the same function version: set provisioned_concurrency = 0 or lambda_snap_start = false."
  }
}

# ---------------------------------------------------------------- Lambda: sizing

variable "lambda_memory_size" {
  description = "Memory (MB) of the gateway function. Lambda gives CPU in proportion to memory (one full vCPU at 1769 MB) and the JVM's start-up is CPU-bound, so it is sized from the cold-start measurement, not from the Node service's 256/512 MB (see terraform/README.md, \"Runtime, cold starts and memory\")."
  type        = number
  default     = 1024

  validation {
    condition     = var.lambda_memory_size >= 1024 && var.lambda_memory_size <= 10240 && floor(var.lambda_memory_size) == var.lambda_memory_size
    error_message = "lambda_memory_size must be a whole number of MB between 1024 and 10240: below 1024 MB the JVM's start-up gets less than 0.6 vCPU (see terraform/README.md, \"Runtime, cold starts and memory\")."
  }
}

variable "lambda_timeout" {
  description = "Timeout of the function in seconds (API Gateway itself gives up after 29 s)."
  type        = number
  default     = 30
}

variable "lambda_log_retention" {
  description = "Retention in days of the function's log group and of the API Gateway access and execution log groups."
  type        = number
  default     = 30
}

variable "lambda_reserved_concurrency" {
  description = "Reserved concurrency of the gateway function (null: unreserved). The default 150 is what the Node service reserved for its two functions that declare one (100 + 50); lower it in accounts with a small concurrency quota (an account keeps 100 unreserved)."
  type        = number
  default     = 150

  validation {
    condition     = var.lambda_reserved_concurrency == null || try(var.lambda_reserved_concurrency >= 1, false)
    error_message = "lambda_reserved_concurrency must be null or at least 1."
  }
}

variable "provisioned_concurrency" {
  description = "Provisioned concurrency on the function's live alias; 0 means none. Must not exceed lambda_reserved_concurrency, and excludes lambda_snap_start."
  type        = number

  validation {
    condition     = var.provisioned_concurrency >= 0 && (var.lambda_reserved_concurrency == null || var.provisioned_concurrency <= coalesce(var.lambda_reserved_concurrency, 0))
    error_message = "provisioned_concurrency must be between 0 and lambda_reserved_concurrency."
  }
}

# ---------------------------------------------------------------- DynamoDB, Cognito

variable "enable_pitr" {
  description = "Point-in-time recovery on both DynamoDB tables."
  type        = bool
}

variable "deletion_protection" {
  description = "Deletion protection on the DynamoDB tables and the Cognito user pool (Terraform's prevent_destroy protects them in every environment anyway)."
  type        = bool
  default     = false
}

variable "table_kms_key_arn" {
  description = "ARN of the KMS key encrypting both tables (null: the stack's customer-managed key). When adopting the Node service's tables, give the key they already use, so the import changes no encryption and the Node functions keep reading them until traffic moves (docs/operations.md)."
  type        = string
  default     = null

  validation {
    condition     = var.table_kms_key_arn == null || can(regex("^arn:[a-z-]+:kms:${var.aws_region}:[0-9]{12}:key/.+$", coalesce(var.table_kms_key_arn, "-")))
    error_message = "table_kms_key_arn must be the ARN of a KMS key in aws_region (or null)."
  }
}

variable "existing_resource_ids" {
  description = "Resources of the Node service that already exist in this account and environment, to import (adopt) instead of create: categories_table and templates_table (table names), user_pool (pool id, e.g. us-east-1_AbCdEf123), user_pool_client (app client id; needs user_pool). Empty (default): nothing is imported. See docs/operations.md."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for key in keys(var.existing_resource_ids) : contains(["categories_table", "templates_table", "user_pool", "user_pool_client"], key)])
    error_message = "existing_resource_ids keys must be categories_table, templates_table, user_pool or user_pool_client."
  }

  validation {
    condition     = lookup(var.existing_resource_ids, "categories_table", "${var.environment}-insight-categories") == "${var.environment}-insight-categories"
    error_message = "existing_resource_ids.categories_table must be the Node service's table of this environment, <environment>-insight-categories: another name would replace the table."
  }

  validation {
    condition     = lookup(var.existing_resource_ids, "templates_table", "${var.environment}-insight-category-templates") == "${var.environment}-insight-category-templates"
    error_message = "existing_resource_ids.templates_table must be the Node service's table of this environment, <environment>-insight-category-templates: another name would replace the table."
  }

  validation {
    condition     = !contains(keys(var.existing_resource_ids), "user_pool_client") || contains(keys(var.existing_resource_ids), "user_pool")
    error_message = "existing_resource_ids.user_pool_client needs existing_resource_ids.user_pool (a client is imported as <pool id>/<client id>)."
  }
}

# ---------------------------------------------------------------- API Gateway

variable "api_throttle_rate_limit" {
  description = "Stage-wide API Gateway rate limit (requests per second, all callers together) for every method."
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

variable "custom_domain_required" {
  description = "True: the API must be served on its custom domain only (TLS 1.2 minimum, the default execute-api endpoint disabled), so api_domain_name and api_certificate_arn are required inputs and a plan without them fails. prod commits true; dev and staging false (the custom domain stays optional there)."
  type        = bool
  default     = false
}

variable "api_domain_name" {
  description = "Custom domain of the API (e.g. api.insight.<company>): a regional aws_api_gateway_domain_name with security policy TLS_1_2, mapped to the stage; the default execute-api endpoint is then disabled. Null (default): no custom domain. Required when custom_domain_required is true (prod): pass it with -var or TF_VAR_api_domain_name."
  type        = string
  default     = null

  validation {
    condition     = var.api_domain_name == null || can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", coalesce(var.api_domain_name, "-")))
    error_message = "api_domain_name must be a lower-case host name (or null)."
  }
}

variable "api_certificate_arn" {
  description = "ARN of the ACM certificate of api_domain_name, issued or imported in aws_region (regional endpoint). Required with api_domain_name."
  type        = string
  default     = null

  validation {
    condition     = (var.api_domain_name == null) == (var.api_certificate_arn == null)
    error_message = "api_domain_name and api_certificate_arn go together: set both (custom domain) or neither."
  }

  validation {
    condition     = !var.custom_domain_required || (var.api_domain_name != null && var.api_certificate_arn != null)
    error_message = "custom_domain_required is true (prod serves TLS 1.2 on its custom domain only): api_domain_name and api_certificate_arn are required inputs, the domain and its ACM certificate in aws_region (TF_VAR_api_domain_name, TF_VAR_api_certificate_arn; docs/operations.md, \"3. Give the inputs that are not committed\")."
  }

  validation {
    condition     = var.api_certificate_arn == null || can(regex("^arn:[a-z-]+:acm:${var.aws_region}:[0-9]{12}:certificate/.+$", coalesce(var.api_certificate_arn, "-")))
    error_message = "api_certificate_arn must be an ACM certificate ARN in aws_region (a regional endpoint needs a certificate of its own region)."
  }
}

variable "api_base_path" {
  description = "Base path of the stage on api_domain_name (\"\" maps the stage at the root). With a base path, the Lambda event's path starts with it; the gateway routes on resource and pathParameters."
  type        = string
  default     = ""

  validation {
    condition     = can(regex("^([A-Za-z0-9._-]+)?$", var.api_base_path))
    error_message = "api_base_path must be empty or one path segment (letters, digits, '.', '_', '-')."
  }
}

# ---------------------------------------------------------------- Gateway settings

variable "log_level" {
  description = "LOG_LEVEL of the function (DEBUG, INFO, WARN, ERROR)."
  type        = string
}

variable "alarm_email" {
  description = "Email address subscribed to the alarm topic. Required, with no default and not in the committed tfvars: pass it per environment (-var or TF_VAR_alarm_email)."
  type        = string

  validation {
    condition     = can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.alarm_email))
    error_message = "alarm_email must be an email address."
  }

  validation {
    condition     = !can(regex("@(.+\\.)?example\\.(com|org|net)$", lower(var.alarm_email)))
    error_message = "alarm_email is a documentation placeholder (example.com/org/net): give the address of the team that answers the alarms."
  }
}

variable "cors_allowed_origins" {
  description = "Origins allowed by CORS (CORS_ALLOWED_ORIGINS and the API's preflight responses): scheme://host[:port], https except localhost. Required, no default."
  type        = list(string)

  validation {
    condition     = length(var.cors_allowed_origins) > 0 && alltrue([for origin in var.cors_allowed_origins : can(regex("^(https://[a-z0-9.-]+|http://(localhost|127\\.0\\.0\\.1))(:[0-9]{1,5})?$", origin))])
    error_message = "cors_allowed_origins must list at least one origin written scheme://host[:port] without wildcard or path, https except for localhost."
  }

  validation {
    condition     = !anytrue([for origin in var.cors_allowed_origins : can(regex("(^|\\.)example\\.(com|org|net)(:[0-9]+)?$", origin))])
    error_message = "cors_allowed_origins holds a documentation placeholder (example.com/org/net): give the dashboard's real origins."
  }
}

variable "playground_enabled" {
  description = "Serve the GraphQL playground (PLAYGROUND_ENABLED and the /playground routes)."
  type        = bool
}

variable "introspection_enabled" {
  description = "Allow GraphQL introspection (INTROSPECTION_ENABLED)."
  type        = bool
}

variable "trusted_documents_only" {
  description = "Run only the trusted documents packaged in the jar (TRUSTED_DOCUMENTS_ONLY; trusted-documents/README.md). Turn on once every dashboard's operations are in trusted-documents/."
  type        = bool
  default     = false
}

variable "enable_xray_tracing" {
  description = "X-Ray tracing of the function (the seed's setting): Active tracing, ENABLE_XRAY=true (every DynamoDB call of a sampled request becomes a subsegment) and the role's X-Ray grant. False: PassThrough, ENABLE_XRAY=false, no X-Ray grant (the API stage keeps its own tracing)."
  type        = bool
  default     = true
}

# ---------------------------------------------------------------- Network, CDN, tags

variable "vpc_cidr" {
  description = "CIDR block of the VPC."
  type        = string
  default     = "10.0.0.0/16"
}

variable "private_subnet_cidrs" {
  description = "CIDR blocks of the private subnets of the function."
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
