environment = "prod"
aws_region  = "us-east-1"

# Lambda: one gateway function on the custom runtime (jlinked Java 25 + AOT cache), see README "Cold starts".
lambda_runtime          = "custom"
lambda_memory_size      = 1769 # one full vCPU for the CPU-bound JVM start-up and request work (README "Memory")
lambda_timeout          = 30
lambda_log_retention    = 30
provisioned_concurrency = 5 # warm environments; requests beyond them start with the AOT cache

# DynamoDB
enable_pitr         = true
deletion_protection = true

# API Gateway
api_throttle_rate_limit     = 100
api_throttle_burst_limit    = 200
api_execution_logging_level = "ERROR"
# TLS 1.2 on every endpoint: prod is served on its custom domain only (the execute-api endpoint disabled).
# api_domain_name and api_certificate_arn are required inputs that are not committed (docs/operations.md).
custom_domain_required = true

# Gateway. alarm_email and cors_allowed_origins are required inputs that are not committed:
# pass them with -var or TF_VAR_alarm_email / TF_VAR_cors_allowed_origins (docs/operations.md).
log_level             = "INFO"
playground_enabled    = false
introspection_enabled = false

# VPC (availability zones derived from aws_region: us-east-1a, us-east-1b)
vpc_cidr             = "10.0.0.0/16"
private_subnet_cidrs = ["10.0.1.0/24", "10.0.2.0/24"]
public_subnet_cidrs  = ["10.0.101.0/24", "10.0.102.0/24"]
single_nat_gateway   = false

enable_cloudfront = false
