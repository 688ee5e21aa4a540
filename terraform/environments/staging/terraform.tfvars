environment = "staging"
aws_region  = "us-east-1"

# Lambda
lambda_memory_size      = 256
lambda_timeout          = 30
lambda_log_retention    = 30
provisioned_concurrency = 2 # on the live alias; no SnapStart

# DynamoDB
enable_pitr         = true
deletion_protection = false

# API Gateway
api_throttle_rate_limit     = 50
api_throttle_burst_limit    = 100
api_execution_logging_level = "ERROR"

# Gateway
log_level             = "INFO"
alarm_email           = "staging@example.com"
cors_allowed_origins  = ["https://staging.insight.example.com"]
playground_enabled    = true
introspection_enabled = true

# VPC
vpc_cidr             = "10.0.0.0/16"
private_subnet_cidrs = ["10.0.1.0/24", "10.0.2.0/24"]
public_subnet_cidrs  = ["10.0.101.0/24", "10.0.102.0/24"]
single_nat_gateway   = true

enable_cloudfront = false
