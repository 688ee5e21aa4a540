environment = "dev"
aws_region  = "us-east-1"

# Lambda: one gateway function on the custom runtime (jlinked Java 25 + AOT cache), see README "Cold starts".
lambda_runtime          = "custom"
lambda_memory_size      = 1024 # >= 1024: the JVM start-up is CPU-bound and CPU follows memory (README "Memory")
lambda_timeout          = 30
lambda_log_retention    = 30
provisioned_concurrency = 0 # every cold start uses the AOT cache

# DynamoDB
enable_pitr         = false
deletion_protection = false

# API Gateway
api_throttle_rate_limit     = 10
api_throttle_burst_limit    = 20
api_execution_logging_level = "INFO"

# Gateway. alarm_email is a required input that is not committed: pass -var alarm_email=... or TF_VAR_alarm_email.
log_level             = "DEBUG"
cors_allowed_origins  = ["http://localhost:3000", "http://localhost:5173"]
playground_enabled    = true
introspection_enabled = true

# VPC (availability zones derived from aws_region: us-east-1a, us-east-1b)
vpc_cidr             = "10.0.0.0/16"
private_subnet_cidrs = ["10.0.1.0/24", "10.0.2.0/24"]
public_subnet_cidrs  = ["10.0.101.0/24", "10.0.102.0/24"]
single_nat_gateway   = true

enable_cloudfront = false
